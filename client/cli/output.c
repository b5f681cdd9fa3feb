/* Printing events. The pretty line reads the CloudEvent for what a person
 * wants at a glance: sequence, time value, kind, headline, who and whom, and
 * the quote, shortened. Text from an article never reaches the terminal as
 * control characters: pretty lines and templates escape them. */
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

/* Writes n bytes of an event's text with its control characters escaped as
 * heraldd's log escapes file names (\n, \t, \x1b), DEL and the C1 ones
 * (U+0080 to U+009F, which some terminals obey as ESC sequences) as \u007f and
 * \u0080 to \u009f: an article quoting "\x1b]0;title\a" or "\x1b[2J" must not
 * retitle or clear the terminal of whoever reads it, and a field with a
 * newline must not split the line. JSON text (json) has no raw C0 but its
 * layout's newlines and spaces: those are kept, and the \u escapes leave it
 * valid JSON with the same meaning. */
static void put_textn(const char *s, size_t n, bool json, FILE *f)
{
        for (size_t i = 0; i < n; i++) {
                unsigned char c = (unsigned char)s[i];

                if (c < 0x20 && json)
                        fputc(c, f);
                else if (c == '\n')
                        fputs("\\n", f);
                else if (c == '\t')
                        fputs("\\t", f);
                else if (c < 0x20)
                        fprintf(f, "\\x%02x", c);
                else if (c == 0x7f)
                        fputs("\\u007f", f);
                else if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9f)
                        fprintf(f, "\\u%04x", (unsigned char)s[++i]);
                else
                        fputc(c, f);
        }
}

static void put_text(const char *s, FILE *f)
{
        if (s)
                put_textn(s, strlen(s), false, f);
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

        json_array_foreach(list, i, e)
        {
                fputs(i ? ", " : "", f);
                put_text(json_string_value(json_object_get(e, "name")), f);
        }
}

/* Prints at most QUOTE_MAX characters (not bytes: UTF-8 is never cut mid-character). */
static void short_quote(const char *q, FILE *f)
{
        size_t chars = 0, i = 0;

        for (; q[i] && chars < QUOTE_MAX; i++)
                chars += ((unsigned char)q[i] & 0xc0) != 0x80;
        while (q[i] && ((unsigned char)q[i] & 0xc0) == 0x80)
                i++;
        fputs("\xe2\x80\x9c", f);
        put_textn(q, i, false, f);
        fprintf(f, "%s\xe2\x80\x9d", q[i] ? "\xe2\x80\xa6" : "");
}

/* A column of at least width bytes, as %-*s would print it. */
static void padded(const char *s, int width, FILE *f)
{
        put_text(s, f);
        fprintf(f, "%*s", width - (int)strlen(s) > 0 ? width - (int)strlen(s) : 0, "");
}

static void pretty(const struct output *o, const herald_event *ev, FILE *f)
{
        json_t *j = json_loads(herald_event_json(ev), 0, NULL), *data = json_object_get(j, "data");
        const char *quote = json_string_value(json_object_get(data, "quote"));
        const char *dim = o->colour ? "\033[2m" : "", *bold = o->colour ? "\033[1m" : "",
                   *kind = o->colour ? "\033[36m" : "", *reset = o->colour ? "\033[0m" : "";

        fprintf(f, "%s%6llu%s  ", dim, (unsigned long long)herald_event_sequence(ev), reset);
        padded(when_value(j), 14, f);
        fprintf(f, " %s", kind);
        padded(herald_event_kind(ev), 20, f);
        fprintf(f, "%s %s", reset, bold);
        put_text(herald_event_headline(ev), f);
        fputs(reset, f);
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
                case 't': put_text(herald_event_topic(ev), f); break;
                case 'k': put_text(herald_event_kind(ev), f); break;
                case 'h': put_text(herald_event_headline(ev), f); break;
                case 'i': put_text(herald_event_id(ev), f); break;
                case 'T': put_text(herald_event_time(ev), f); break;
                case 'j': put_textn(herald_event_json(ev), herald_event_json_length(ev), true, f); break;
                case 'w':
                        if (!j)
                                j = json_loads(herald_event_json(ev), 0, NULL);
                        put_text(when_value(j), f);
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
        char *text;

        switch (o->mode) {
        case OUTPUT_PRETTY:
                pretty(o, ev, f);
                break;
        case OUTPUT_JSON:
                j = json_loads(herald_event_json(ev), 0, NULL);
                if ((text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER)))
                        put_textn(text, strlen(text), true, f);
                fputc('\n', f);
                free(text);
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
