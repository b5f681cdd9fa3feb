/* Building the CloudEvent JSON of one extracted event. Optional members are left
 * out, never null; every string comes from the article or the codebook, so all
 * of it is valid UTF-8 and Jansson escapes what JSON needs escaped. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "event.h"
#include "internal/json-cleanup.h"

void event_now(char out[32])
{
        struct timespec ts;
        struct tm tm;

        char seconds[24];

        clock_gettime(CLOCK_REALTIME, &ts);
        gmtime_r(&ts.tv_sec, &tm);
        strftime(seconds, sizeof(seconds), "%Y-%m-%dT%H:%M:%S", &tm);
        snprintf(out, 32, "%.19s.%03dZ", seconds, (int)(ts.tv_nsec / 1000000));
}

static json_t *string_range(const struct article *a, size_t start, size_t end)
{
        return json_stringn(a->text + start, end - start);
}

static json_t *entity_json(const struct entity *e)
{
        json_t *o = json_object();

        json_object_set_new(o, "name", json_string(e->name));
        json_object_set_new(o, "type", json_string(entity_type_name(e->type)));
        if (e->title)
                json_object_set_new(o, "title", json_string(e->title));
        if (e->country[0])
                json_object_set_new(o, "country", json_string(e->country));
        return o;
}

static json_t *when_json(const struct codebook *cb, const struct article *a, const struct extract_event *ev)
{
        json_t *o = json_object();
        char start[32], end[32];

        if (ev->when_end > ev->when_start)
                json_object_set_new(o, "text", string_range(a, ev->when_start, ev->when_end));
        json_object_set_new(o, "value", json_string(ev->when_value));
        if (ev->when_mod[0])
                json_object_set_new(o, "mod", json_string(ev->when_mod));
        timex_bounds(cb->timex, ev->when_value, start, end);
        if (start[0]) {
                json_object_set_new(o, "start", json_string(start));
                json_object_set_new(o, "end", json_string(end));
        }
        return o;
}

static json_t *evidence_json(const struct article *a, const struct extract_event *ev)
{
        json_t *o = json_object();

        json_object_set_new(o, "paragraph", json_integer(ev->paragraph));
        json_object_set_new(o, "sentence", json_integer(ev->sentence));
        json_object_set_new(o, "start", json_integer((json_int_t)ev->start));
        json_object_set_new(o, "end", json_integer((json_int_t)ev->end));
        json_object_set_new(o, "text", string_range(a, ev->start, ev->end));
        return o;
}

static json_t *article_json(const struct article *a)
{
        json_t *o = json_object();

        json_object_set_new(o, "id", json_string(a->id));
        if (a->title)
                json_object_set_new(o, "title", json_string(a->title));
        json_object_set_new(o, "date", json_string(a->date));
        if (a->source)
                json_object_set_new(o, "source", json_string(a->source));
        if (a->url)
                json_object_set_new(o, "url", json_string(a->url));
        return o;
}

static json_t *data_json(const struct codebook *cb, const struct article *a, const struct extract_event *ev,
                         const struct event_meta *m)
{
        json_t *d = json_object(), *actors = json_array();

        json_object_set_new(d, "kind", json_string(ev->rule->kind));
        if (ev->cameo[0])
                json_object_set_new(d, "cameo", json_string(ev->cameo));
        json_object_set_new(d, "modality", json_string(modality_names[ev->modality]));
        json_object_set_new(d, "headline", json_string(ev->headline));
        for (size_t i = 0; i < ev->n_actors; i++)
                json_array_append_new(actors, entity_json(ev->actors[i]));
        json_object_set_new(d, "actors", actors);
        if (ev->target)
                json_object_set_new(d, "targets", json_pack("[o]", entity_json(ev->target)));
        if (ev->location)
                json_object_set_new(d, "location", json_pack("{s:s, s:s*}", "name", ev->location->name, "country",
                                                            ev->location->country[0] ? ev->location->country : NULL));
        json_object_set_new(d, "when", when_json(cb, a, ev));
        if (ev->quote_end > ev->quote_start)
                json_object_set_new(d, "quote", string_range(a, ev->quote_start, ev->quote_end));
        json_object_set_new(d, "evidence", evidence_json(a, ev));
        json_object_set_new(d, "article", article_json(a));
        json_object_set_new(d, "index", json_integer((json_int_t)m->index));
        json_object_set_new(d, "count", json_integer((json_int_t)m->count));
        return d;
}

char *event_build(const struct codebook *cb, const struct article *a, const struct extract_event *ev,
                  const struct event_meta *m)
{
        _cleanup_json_ json_t *o = json_object();
        char id[ARTICLE_ID_MAX + 32], source[300], type[128], seq[21], epoch[17], now[32];

        snprintf(id, sizeof(id), "%s/%zu", a->id, m->index);
        snprintf(source, sizeof(source), "/herald/%s", m->feed);
        snprintf(type, sizeof(type), "herald.%s", ev->rule->kind);
        snprintf(seq, sizeof(seq), "%020" PRIu64, m->sequence);
        snprintf(epoch, sizeof(epoch), "%016" PRIx64, m->epoch);
        if (!m->time)
                event_now(now);
        if (!o)
                return NULL;
        json_object_set_new(o, "specversion", json_string("1.0"));
        json_object_set_new(o, "id", json_string(id));
        json_object_set_new(o, "source", json_string(source));
        json_object_set_new(o, "type", json_string(type));
        json_object_set_new(o, "subject", json_string(a->id));
        json_object_set_new(o, "time", json_string(m->time ? m->time : now));
        json_object_set_new(o, "datacontenttype", json_string("application/json"));
        json_object_set_new(o, "sequence", json_string(seq));
        json_object_set_new(o, "epoch", json_string(epoch));
        json_object_set_new(o, "data", data_json(cb, a, ev, m));
        return json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
}
