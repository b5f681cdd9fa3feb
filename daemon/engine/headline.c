/* Headlines: a rule's template ("{actors} call{s} on {target}") filled in with
 * an event's roles. The only module that knows the template syntax. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "headline.h"

/* Whether the actors take a plural verb: several of them, or a group. */
static bool plural_actors(const struct extract_event *ev)
{
        return ev->n_actors > 1 ||
               (ev->n_actors == 1 && (entity_is_type(ev->actors[0], ENTITY_STATES) || entity_has_tag(ev->actors[0], "plural")));
}

/* s after the n bytes of buf as snprintf(buf + n, size - n, "%s", s) would put
 * it (cut to fit, NUL-terminated); n plus its length. A call to the formatter
 * for each actor was a third of making a headline. */
static size_t put(char *buf, size_t size, size_t n, const char *s)
{
        size_t len = strlen(s);

        if (n < size) {
                size_t k = len < size - n - 1 ? len : size - n - 1;

                memcpy(buf + n, s, k);
                buf[n + k] = '\0';
        }
        return n + len;
}

/* "A", "A and B", "A, B and C" into buf. */
static const char *actor_list(const struct extract_event *ev, char *buf, size_t size)
{
        size_t n = 0;

        buf[0] = '\0';
        for (size_t i = 0; i < ev->n_actors && n < size; i++) {
                n = put(buf, size, n, i == 0 ? "" : i + 1 == ev->n_actors ? " and " : ", ");
                n = put(buf, size, n, ev->actors[i]->name);
        }
        return ev->n_actors ? buf : NULL;
}

static const char *field_value(const struct extract_event *ev, const char *name, size_t len, char *buf, size_t size)
{
        if (len == 5 && memcmp(name, "actor", 5) == 0)
                return ev->n_actors ? ev->actors[0]->name : NULL;
        if (len == 6 && memcmp(name, "actors", 6) == 0)
                return actor_list(ev, buf, size);
        if (len == 1 && name[0] == 's')
                return plural_actors(ev) ? "" : "s"; /* verb ending: "call{s}" */
        if (len == 2 && memcmp(name, "es", 2) == 0)
                return plural_actors(ev) ? "" : "es"; /* "do{es}" */
        if (len == 6 && memcmp(name, "target", 6) == 0)
                return ev->target ? ev->target->name : NULL;
        if (len == 8 && memcmp(name, "location", 8) == 0)
                return ev->location ? ev->location->name : NULL;
        if (len == 4 && memcmp(name, "kind", 4) == 0)
                return ev->rule->kind;
        return NULL;
}

/* The text [from, to) after the n bytes of out, as much as fits before its
 * last byte: a run of the template's words at once, not byte by byte. */
static void put_text(const char *from, const char *to, char *out, size_t *n, size_t size)
{
        size_t len = (size_t)(to - from), room = *n + 1 < size ? size - 1 - *n : 0;

        if (len > room)
                len = room;
        memcpy(out + *n, from, len);
        *n += len;
}

/* Expands "{field}" in [from, to) into out; returns false if a field was empty.
 * A "{" with no "}" after it is text. */
static bool expand(const struct extract_event *ev, const char *from, const char *to, char *out, size_t *n,
                   size_t size)
{
        bool complete = true;

        for (const char *p = from; p < to;) {
                const char *open = memchr(p, '{', (size_t)(to - p));
                const char *close = open ? memchr(open, '}', (size_t)(to - open)) : NULL, *v;
                char list[256];
                size_t len;

                if (!close) {
                        put_text(p, to, out, n, size);
                        break;
                }
                put_text(p, open, out, n, size);
                v = field_value(ev, open + 1, (size_t)(close - open - 1), list, sizeof(list));
                complete = complete && v;
                v = v ? v : "someone";
                len = strlen(v);
                if (*n + len < size) {
                        memcpy(out + *n, v, len);
                        *n += len;
                }
                p = close + 1;
        }
        return complete;
}

/* The headline: the rule's template with its fields filled in; a "[...]" part
 * is left out when a field in it is empty. */
char *headline_make(const struct extract_event *ev)
{
        const char *t = ev->rule->headline;
        char out[512];
        size_t n = 0;

        while (*t) {
                const char *open = strchr(t, '['), *close = open ? strchr(open, ']') : NULL;
                size_t mark;

                if (!open || !close) {
                        expand(ev, t, t + strlen(t), out, &n, sizeof(out));
                        break;
                }
                expand(ev, t, open, out, &n, sizeof(out));
                mark = n;
                if (!expand(ev, open + 1, close, out, &n, sizeof(out)))
                        n = mark;
                t = close + 1;
        }
        out[n] = '\0';
        if (out[0] >= 'a' && out[0] <= 'z')
                out[0] = (char)(out[0] - 'a' + 'A');
        return strdup(out);
}
