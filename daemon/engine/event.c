/* The event envelope: building the CloudEvent JSON of one extracted event, its
 * topic, and reading back what the service needs of an event it journaled.
 * Optional members are left out, never null. The JSON is written straight into
 * one buffer (jsonw.c), byte for byte what Jansson's compact dump of the same
 * tree gave; a string that is not UTF-8, or running out of memory, fails the
 * whole event, never a member. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event.h"
#include "herald/protocol.h"
#include "jsonw.h"

#define TYPE_PREFIX "herald." /* type is herald.<kind> */
#define EVENT_BASE_SIZE 1024   /* room for all but the article's text in one event */

/* The time now to the millisecond ("2024-09-02T10:00:00.123Z"). The seconds are
 * formatted once per second per thread, not once per event (strftime is most of
 * the cost of a call); the milliseconds by hand, as "%.19s.%03dZ" wrote them. */
void event_now(char out[32])
{
        static _Thread_local time_t last = -1;
        static _Thread_local char seconds[24];
        static _Thread_local size_t len;
        struct timespec ts;
        int ms;

        clock_gettime(CLOCK_REALTIME, &ts);
        if (ts.tv_sec != last) {
                struct tm tm;

                gmtime_r(&ts.tv_sec, &tm);
                strftime(seconds, sizeof(seconds), "%Y-%m-%dT%H:%M:%S", &tm);
                len = strnlen(seconds, 19);
                last = ts.tv_sec;
        }
        ms = (int)(ts.tv_nsec / 1000000);
        memcpy(out, seconds, len);
        out[len] = '.';
        out[len + 1] = (char)('0' + ms / 100);
        out[len + 2] = (char)('0' + ms / 10 % 10);
        out[len + 3] = (char)('0' + ms % 10);
        out[len + 4] = 'Z';
        out[len + 5] = '\0';
}

char *event_topic(const char *kind, const char *article_id)
{
        char *topic;

        return asprintf(&topic, "%s%s.%s", HERALD_TOPIC_EVENTS, kind, article_id) < 0 ? NULL : topic;
}

/* A string cut to fit a buffer of `size` bytes, as snprintf() cuts it: the
 * envelope's members were written that way, and still are. */
struct bounded {
        char *buf;
        size_t len, size;
};

static void bounded_put(struct bounded *b, const char *s)
{
        size_t n, room = b->size - 1 - b->len;

        if (!s)
                s = "(null)"; /* as glibc's printf("%s") writes it */
        n = strlen(s);
        if (n > room)
                n = room;
        memcpy(b->buf + b->len, s, n);
        b->len += n;
        b->buf[b->len] = '\0';
}

/* n in decimal, at least `width` digits (zero-padded), or in lower-case hex. */
static void format_u64(char *out, uint64_t n, unsigned base, int width)
{
        char digits[24], *p = digits + sizeof(digits) - 1;

        *p = '\0';
        do
                *--p = "0123456789abcdef"[n % base];
        while (n /= base);
        while (digits + sizeof(digits) - 1 - p < width)
                *--p = '0';
        memcpy(out, p, (size_t)(digits + sizeof(digits) - p));
}

static void entity_json(struct jsonw *w, const struct entity *e)
{
        jsonw_object_begin(w);
        jsonw_member_string_lit(w, "name", e->name);
        jsonw_member_string_lit(w, "type", entity_type_name(e->type));
        if (e->title)
                jsonw_member_string_lit(w, "title", e->title);
        if (e->country[0])
                jsonw_member_string_lit(w, "country", e->country);
        jsonw_object_end(w);
}

static void when_json(struct jsonw *w, const struct codebook *cb, const struct article *a,
                      const struct extract_event *ev)
{
        char start[32], end[32], last[32];

        jsonw_object_begin(w);
        if (ev->when_end > ev->when_start)
                jsonw_member_stringn_lit(w, "text", a->text + ev->when_start, ev->when_end - ev->when_start);
        jsonw_member_string_lit(w, "value", ev->when_value);
        if (ev->when_mod[0])
                jsonw_member_string_lit(w, "mod", ev->when_mod);
        timex_bounds(cb->timex, ev->when_value, start, end);
        if (ev->when_last[0]) /* a range of days ends after its last day */
                timex_bounds(cb->timex, ev->when_last, last, end);
        if (start[0]) {
                jsonw_member_string_lit(w, "start", start);
                jsonw_member_string_lit(w, "end", end);
        }
        jsonw_object_end(w);
}

static void evidence_json(struct jsonw *w, const struct article *a, const struct extract_event *ev)
{
        jsonw_object_begin(w);
        jsonw_member_int_lit(w, "paragraph", ev->paragraph);
        jsonw_member_int_lit(w, "sentence", ev->sentence);
        jsonw_member_int_lit(w, "start", (long long)ev->start);
        jsonw_member_int_lit(w, "end", (long long)ev->end);
        jsonw_member_stringn_lit(w, "text", a->text + ev->start, ev->end - ev->start);
        jsonw_object_end(w);
}

static void article_json(struct jsonw *w, const struct article *a)
{
        jsonw_object_begin(w);
        jsonw_member_string_lit(w, "id", a->id);
        if (a->title)
                jsonw_member_string_lit(w, "title", a->title);
        jsonw_member_string_lit(w, "date", a->date);
        if (a->source)
                jsonw_member_string_lit(w, "source", a->source);
        if (a->url)
                jsonw_member_string_lit(w, "url", a->url);
        jsonw_object_end(w);
}

static void location_json(struct jsonw *w, const struct entity *loc)
{
        jsonw_object_begin(w);
        jsonw_member_string_lit(w, "name", loc->name);
        if (loc->country[0])
                jsonw_member_string_lit(w, "country", loc->country);
        jsonw_object_end(w);
}

static void data_json(struct jsonw *w, const struct codebook *cb, const struct article *a,
                      const struct extract_event *ev, const struct event_meta *m)
{
        jsonw_object_begin(w);
        jsonw_member_string_lit(w, "kind", ev->rule->kind);
        if (ev->cameo[0])
                jsonw_member_string_lit(w, "cameo", ev->cameo);
        jsonw_member_string_lit(w, "modality", modality_names[ev->modality]);
        jsonw_member_string_lit(w, "headline", ev->headline);
        jsonw_key_lit(w, "actors");
        jsonw_array_begin(w);
        for (size_t i = 0; i < ev->n_actors; i++)
                entity_json(w, ev->actors[i]);
        jsonw_array_end(w);
        if (ev->target) {
                jsonw_key_lit(w, "targets");
                jsonw_array_begin(w);
                entity_json(w, ev->target);
                jsonw_array_end(w);
        }
        if (ev->location) {
                jsonw_key_lit(w, "location");
                location_json(w, ev->location);
        }
        jsonw_key_lit(w, "when");
        when_json(w, cb, a, ev);
        if (ev->quote_end > ev->quote_start)
                jsonw_member_stringn_lit(w, "quote", a->text + ev->quote_start, ev->quote_end - ev->quote_start);
        jsonw_key_lit(w, "evidence");
        evidence_json(w, a, ev);
        jsonw_key_lit(w, "article");
        article_json(w, a);
        jsonw_member_int_lit(w, "index", (long long)m->index);
        jsonw_member_int_lit(w, "count", (long long)m->count);
        jsonw_object_end(w);
}

/* The envelope's own strings: id, source, type, sequence and epoch. */
static void envelope_json(struct jsonw *w, const struct article *a, const struct extract_event *ev,
                          const struct event_meta *m)
{
        char id[ARTICLE_ID_MAX + 32], source[300], type[128], index[24], seq[21], epoch[17];
        struct bounded b = { id, 0, sizeof(id) };

        format_u64(index, m->index, 10, 0);
        bounded_put(&b, a->id);
        if (m->variant) {
                bounded_put(&b, "~");
                bounded_put(&b, m->variant);
        }
        bounded_put(&b, "/");
        bounded_put(&b, index);
        b = (struct bounded){ source, 0, sizeof(source) };
        bounded_put(&b, "/herald/");
        bounded_put(&b, m->feed);
        b = (struct bounded){ type, 0, sizeof(type) };
        bounded_put(&b, TYPE_PREFIX);
        bounded_put(&b, ev->rule->kind);
        format_u64(seq, m->sequence, 10, 20);
        format_u64(epoch, m->epoch, 16, 16);
        jsonw_member_string_lit(w, "id", id);
        jsonw_member_string_lit(w, "source", source);
        jsonw_member_string_lit(w, "type", type);
        jsonw_member_string_lit(w, "subject", a->id);
        jsonw_member_string_lit(w, "time", m->time);
        jsonw_member_plain_lit(w, "datacontenttype", "application/json");
        jsonw_member_string_lit(w, "sequence", seq);
        jsonw_member_string_lit(w, "epoch", epoch);
}

static void write_event(struct jsonw *w, const struct codebook *cb, const struct article *a,
                        const struct extract_event *ev, const struct event_meta *m)
{
        struct event_meta meta = *m;
        char now[32];

        if (!meta.time) {
                event_now(now);
                meta.time = now;
        }
        jsonw_object_begin(w);
        jsonw_member_plain_lit(w, "specversion", "1.0");
        envelope_json(w, a, ev, &meta);
        jsonw_key_lit(w, "data");
        data_json(w, cb, a, ev, m);
        jsonw_object_end(w);
}

char *event_build(const struct codebook *cb, const struct article *a, const struct extract_event *ev,
                  const struct event_meta *m)
{
        struct jsonw w;

        /* the envelope and the members' names are about 600 bytes; the sentence
         * is there once as evidence and maybe again as the quote */
        jsonw_init(&w, EVENT_BASE_SIZE + 2 * (ev->end - ev->start) + (a->title ? strlen(a->title) : 0));
        write_event(&w, cb, a, ev, m);
        return jsonw_finish(&w);
}

int event_append(struct jsonw *w, const struct codebook *cb, const struct article *a,
                 const struct extract_event *ev, const struct event_meta *m, size_t *at, size_t *len)
{
        size_t mark = jsonw_mark(w);

        write_event(w, cb, a, ev, m);
        if (jsonw_end_document(w, mark) < 0)
                return -ENOMEM;
        *at = mark;
        *len = w->len - 1 - mark;
        return 0;
}

int event_topic_append(struct jsonw *w, const char *kind, const char *article_id, size_t *at)
{
        size_t mark = jsonw_mark(w);

        jsonw_raw(w, HERALD_TOPIC_EVENTS, strlen(HERALD_TOPIC_EVENTS));
        jsonw_raw(w, kind, strlen(kind));
        jsonw_raw(w, ".", 1);
        jsonw_raw(w, article_id, strlen(article_id));
        if (jsonw_end_document(w, mark) < 0)
                return -ENOMEM;
        *at = mark;
        return 0;
}

const char *event_kind_of_type(const char *type)
{
        return type && strncmp(type, TYPE_PREFIX, strlen(TYPE_PREFIX)) == 0 ? type + strlen(TYPE_PREFIX) : NULL;
}

int event_read(const json_t *o, struct event_read *out)
{
        const char *type = json_string_value(json_object_get(o, "type"));
        const char *subject = json_string_value(json_object_get(o, "subject"));
        const char *seq = json_string_value(json_object_get(o, "sequence"));
        const char *epoch = json_string_value(json_object_get(o, "epoch"));
        json_int_t index = json_integer_value(json_object_get(json_object_get(o, "data"), "index"));

        if (!json_object_get(o, "specversion") || !event_kind_of_type(type) || !subject || !seq)
                return -EINVAL;
        *out = (struct event_read){ .subject = subject, .sequence = strtoull(seq, NULL, 10),
                                    .epoch = epoch ? strtoull(epoch, NULL, 16) : 0,
                                    .index = index > 0 ? (size_t)index : 0 };
        out->topic = event_topic(event_kind_of_type(type), subject);
        return out->topic ? 0 : -ENOMEM;
}
