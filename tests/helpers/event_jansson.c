/* The CloudEvent builder as it was before event.c wrote JSON itself: a Jansson
 * tree, then json_dump_callback(JSON_COMPACT | JSON_PRESERVE_ORDER). Kept for
 * the tests only, as the reference event_build() must match byte for byte
 * (tests/test_event_json.c). */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "event.h"
#include "event_jansson.h"
#include "internal/alloc.h"
#include "internal/json-cleanup.h"

#define TYPE_PREFIX "herald."

/* Sets o[key] = v (taking v); a NULL v or object, or a failed insert, clears *ok.
 * Building goes on after a failure (each call is then a no-op that frees v), so
 * the chains below stay flat and the caller checks *ok once. */
static void put(json_t *o, const char *key, json_t *v, bool *ok)
{
        if (json_object_set_new(o, key, v) < 0)
                *ok = false;
}

static void append(json_t *a, json_t *v, bool *ok)
{
        if (json_array_append_new(a, v) < 0)
                *ok = false;
}

struct dump {
        char *buf;
        size_t len, cap;
        bool failed;
};

static int dump_append(const char *chunk, size_t size, void *userdata)
{
        struct dump *d = userdata;

        if (d->failed || GREEDY_REALLOC(d->buf, d->cap, d->len + size + 1) < 0) {
                d->failed = true;
                return -1;
        }
        memcpy(d->buf + d->len, chunk, size);
        d->len += size;
        d->buf[d->len] = '\0';
        return 0;
}

/* json_dumps(), except that a failure anywhere gives NULL: Jansson 2.14 ignores a
 * failed write of an object's key, which would give broken JSON; the failure is
 * remembered here instead, and every later write refused. */
static char *dump_compact(const json_t *o)
{
        struct dump d = { 0 };

        if (json_dump_callback(o, dump_append, &d, JSON_COMPACT | JSON_PRESERVE_ORDER) < 0 || d.failed || !d.buf) {
                free(d.buf);
                return NULL;
        }
        return d.buf;
}

static json_t *string_range(const struct article *a, size_t start, size_t end)
{
        return json_stringn(a->text + start, end - start);
}

static json_t *entity_json(const struct entity *e, bool *ok)
{
        json_t *o = json_object();

        put(o, "name", json_string(e->name), ok);
        put(o, "type", json_string(entity_type_name(e->type)), ok);
        if (e->title)
                put(o, "title", json_string(e->title), ok);
        if (e->country[0])
                put(o, "country", json_string(e->country), ok);
        return o;
}

static json_t *when_json(const struct codebook *cb, const struct article *a, const struct extract_event *ev,
                         bool *ok)
{
        json_t *o = json_object();
        char start[32], end[32], last[32];

        if (ev->when_end > ev->when_start)
                put(o, "text", string_range(a, ev->when_start, ev->when_end), ok);
        put(o, "value", json_string(ev->when_value), ok);
        if (ev->when_mod[0])
                put(o, "mod", json_string(ev->when_mod), ok);
        timex_bounds(cb->timex, ev->when_value, start, end);
        if (ev->when_last[0]) /* a range of days ends after its last day */
                timex_bounds(cb->timex, ev->when_last, last, end);
        if (start[0]) {
                put(o, "start", json_string(start), ok);
                put(o, "end", json_string(end), ok);
        }
        return o;
}

static json_t *evidence_json(const struct article *a, const struct extract_event *ev, bool *ok)
{
        json_t *o = json_object();

        put(o, "paragraph", json_integer(ev->paragraph), ok);
        put(o, "sentence", json_integer(ev->sentence), ok);
        put(o, "start", json_integer((json_int_t)ev->start), ok);
        put(o, "end", json_integer((json_int_t)ev->end), ok);
        put(o, "text", string_range(a, ev->start, ev->end), ok);
        return o;
}

static json_t *article_json(const struct article *a, bool *ok)
{
        json_t *o = json_object();

        put(o, "id", json_string(a->id), ok);
        if (a->title)
                put(o, "title", json_string(a->title), ok);
        put(o, "date", json_string(a->date), ok);
        if (a->source)
                put(o, "source", json_string(a->source), ok);
        if (a->url)
                put(o, "url", json_string(a->url), ok);
        return o;
}

static json_t *location_json(const struct entity *loc, bool *ok)
{
        json_t *o = json_object();

        put(o, "name", json_string(loc->name), ok);
        if (loc->country[0])
                put(o, "country", json_string(loc->country), ok);
        return o;
}

static json_t *data_json(const struct codebook *cb, const struct article *a, const struct extract_event *ev,
                         const struct event_meta *m, bool *ok)
{
        json_t *d = json_object(), *actors = json_array(), *targets;

        put(d, "kind", json_string(ev->rule->kind), ok);
        if (ev->cameo[0])
                put(d, "cameo", json_string(ev->cameo), ok);
        put(d, "modality", json_string(modality_names[ev->modality]), ok);
        put(d, "headline", json_string(ev->headline), ok);
        for (size_t i = 0; i < ev->n_actors; i++)
                append(actors, entity_json(ev->actors[i], ok), ok);
        put(d, "actors", actors, ok);
        if (ev->target) {
                targets = json_array();
                append(targets, entity_json(ev->target, ok), ok);
                put(d, "targets", targets, ok);
        }
        if (ev->location)
                put(d, "location", location_json(ev->location, ok), ok);
        put(d, "when", when_json(cb, a, ev, ok), ok);
        if (ev->quote_end > ev->quote_start)
                put(d, "quote", string_range(a, ev->quote_start, ev->quote_end), ok);
        put(d, "evidence", evidence_json(a, ev, ok), ok);
        put(d, "article", article_json(a, ok), ok);
        put(d, "index", json_integer((json_int_t)m->index), ok);
        put(d, "count", json_integer((json_int_t)m->count), ok);
        return d;
}

char *event_build_jansson(const struct codebook *cb, const struct article *a, const struct extract_event *ev,
                  const struct event_meta *m)
{
        _cleanup_json_ json_t *o = json_object();
        char id[ARTICLE_ID_MAX + 32], source[300], type[128], seq[21], epoch[17], now[32];
        bool ok = o != NULL;

        if (m->variant)
                snprintf(id, sizeof(id), "%s~%s/%zu", a->id, m->variant, m->index);
        else
                snprintf(id, sizeof(id), "%s/%zu", a->id, m->index);
        snprintf(source, sizeof(source), "/herald/%s", m->feed);
        snprintf(type, sizeof(type), TYPE_PREFIX "%s", ev->rule->kind);
        snprintf(seq, sizeof(seq), "%020" PRIu64, m->sequence);
        snprintf(epoch, sizeof(epoch), "%016" PRIx64, m->epoch);
        if (!m->time)
                event_now(now);
        put(o, "specversion", json_string("1.0"), &ok);
        put(o, "id", json_string(id), &ok);
        put(o, "source", json_string(source), &ok);
        put(o, "type", json_string(type), &ok);
        put(o, "subject", json_string(a->id), &ok);
        put(o, "time", json_string(m->time ? m->time : now), &ok);
        put(o, "datacontenttype", json_string("application/json"), &ok);
        put(o, "sequence", json_string(seq), &ok);
        put(o, "epoch", json_string(epoch), &ok);
        put(o, "data", data_json(cb, a, ev, m, &ok), &ok);
        return ok ? dump_compact(o) : NULL;
}

