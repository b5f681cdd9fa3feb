/* Printing events. The pretty line reads the CloudEvent for what a person
 * wants at a glance: sequence, time value, kind, headline, who and whom, and
 * the quote, shortened. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

#define QUOTE_MAX 60 /* characters of a quote on a pretty line */

static const char *const mode_names[] = { [OUTPUT_PRETTY] = "pretty", [OUTPUT_JSON] = "json",
                                          [OUTPUT_JSONL] = "jsonl", [OUTPUT_RAW] = "raw" };

int output_parse_mode(const char *name, enum output_mode *ret)
{
        for (int i = 0; i <= OUTPUT_RAW; i++)
                if (strcmp(name, mode_names[i]) == 0) {
                        *ret = (enum output_mode)i;
                        return 0;
                }
        return -1;
}

int output_check_template(const char *t, char *why, size_t len)
{
        for (const char *p = t; *p; p++)
                if (*p == '%') {
                        if (!p[1]) {
                                snprintf(why, len, "'%s' ends with a lone '%%'", t);
                                return -1;
                        }
                        if (!strchr("stkhwjiT%", p[1])) {
                                snprintf(why, len, "unknown field '%%%c' (use %%s %%t %%k %%h %%w %%j %%i %%T or %%%%)",
                                         p[1]);
                                return -1;
                        }
                        p++;
                }
        return 0;
}

static const char *when_value(json_t *o)
{
        const char *s = json_string_value(json_object_get(json_object_get(json_object_get(o, "data"), "when"), "value"));

        return s ? s : "";
}

/* "A, B" from an array of entities. */
static void names(json_t *list, FILE *f)
{
        size_t i;
        json_t *e;

        json_array_foreach(list, i, e) fprintf(f, "%s%s", i ? ", " : "", json_string_value(json_object_get(e, "name")));
}

/* Prints at most QUOTE_MAX characters (not bytes: UTF-8 is never cut mid-character). */
static void short_quote(const char *q, FILE *f)
{
        size_t chars = 0, i = 0;

        for (; q[i] && chars < QUOTE_MAX; i++)
                chars += ((unsigned char)q[i] & 0xc0) != 0x80;
        while (q[i] && ((unsigned char)q[i] & 0xc0) == 0x80)
                i++;
        fprintf(f, "\xe2\x80\x9c%.*s%s\xe2\x80\x9d", (int)i, q, q[i] ? "\xe2\x80\xa6" : "");
}

static void pretty(const struct output *o, const herald_event *ev, FILE *f)
{
        json_t *j = json_loads(herald_event_json(ev), 0, NULL), *data = json_object_get(j, "data");
        const char *quote = json_string_value(json_object_get(data, "quote"));
        const char *dim = o->colour ? "\033[2m" : "", *bold = o->colour ? "\033[1m" : "",
                   *kind = o->colour ? "\033[36m" : "", *reset = o->colour ? "\033[0m" : "";

        fprintf(f, "%s%6llu%s  %-14s %s%-20s%s %s%s%s", dim, (unsigned long long)herald_event_sequence(ev), reset,
                when_value(j), kind, herald_event_kind(ev), reset, bold, herald_event_headline(ev), reset);
        if (json_array_size(json_object_get(data, "actors"))) {
                fprintf(f, "  %s[", dim);
                names(json_object_get(data, "actors"), f);
                if (json_array_size(json_object_get(data, "targets"))) {
                        fputs(" \xe2\x86\x92 ", f);
                        names(json_object_get(data, "targets"), f);
                }
                fprintf(f, "]%s", reset);
        }
        if (quote) {
                fputs("  ", f);
                short_quote(quote, f);
        }
        fputc('\n', f);
        json_decref(j);
}

static void template(const struct output *o, const herald_event *ev, FILE *f)
{
        json_t *j = NULL;

        for (const char *p = o->template; *p; p++) {
                if (*p == '\\' && (p[1] == 'n' || p[1] == 't')) {
                        fputc(*++p == 'n' ? '\n' : '\t', f);
                        continue;
                }
                if (*p != '%') {
                        fputc(*p, f);
                        continue;
                }
                switch (*++p) {
                case 's': fprintf(f, "%llu", (unsigned long long)herald_event_sequence(ev)); break;
                case 't': fputs(herald_event_topic(ev), f); break;
                case 'k': fputs(herald_event_kind(ev), f); break;
                case 'h': fputs(herald_event_headline(ev), f); break;
                case 'i': fputs(herald_event_id(ev), f); break;
                case 'T': fputs(herald_event_time(ev), f); break;
                case 'j': fputs(herald_event_json(ev), f); break;
                case 'w':
                        if (!j)
                                j = json_loads(herald_event_json(ev), 0, NULL);
                        fputs(when_value(j), f);
                        break;
                default: fputc('%', f); break;
                }
        }
        fputc('\n', f);
        json_decref(j);
}

void output_event(const struct output *o, const herald_event *ev, FILE *f)
{
        json_t *j;

        switch (o->mode) {
        case OUTPUT_PRETTY:
                pretty(o, ev, f);
                break;
        case OUTPUT_JSON:
                j = json_loads(herald_event_json(ev), 0, NULL);
                json_dumpf(j, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
                fputc('\n', f);
                json_decref(j);
                break;
        case OUTPUT_JSONL:
                fwrite(herald_event_json(ev), 1, herald_event_json_length(ev), f);
                fputc('\n', f);
                break;
        case OUTPUT_RAW:
                fprintf(f, "%s %llu %s\n", herald_event_topic(ev), (unsigned long long)herald_event_sequence(ev),
                        herald_event_json(ev));
                break;
        case OUTPUT_TEMPLATE:
                template(o, ev, f);
                break;
        }
}
