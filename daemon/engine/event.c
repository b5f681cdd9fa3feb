/* The event envelope: building the CloudEvent JSON of extracted events, their
 * topic, and reading back what the service needs of an event it journaled.
 * An article's events are coded once (event_code_*: each event's type and data
 * but its index and count, and the article's members once for all), and each
 * event is finished by event_write: the envelope, then copies. Optional members
 * are left out, never null. The JSON is written straight into buffers
 * (jsonw.c), byte for byte what Jansson's compact dump of the same tree gave; a
 * string that is not UTF-8, or running out of memory, fails the whole event,
 * never a member. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event.h"
#include "event_memo.h"
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

/* n in decimal, at least `width` digits (zero-padded), with a NUL after them;
 * returns how many. The bases are constants, not a parameter: a division by a
 * variable was most of a number's cost, and publishing writes four an event. */
static size_t format_dec(char *out, uint64_t n, size_t width)
{
        size_t len = 1, total;
        char *q;

        /* counted first, so the digits go straight to their place: no copies
         * (memset and memcpy calls were half a number's cost) */
        for (uint64_t t = n; t >= 10; t /= 10)
                len++;
        total = len < width ? width : len;
        q = out + total;
        *q = '\0';
        do
                *--q = (char)('0' + n % 10);
        while (n /= 10);
        while (q > out)
                *--q = '0';
        return total;
}

/* n as 16 lower-case hex digits with a NUL after them; returns 16. */
static size_t format_hex16(char *out, uint64_t n)
{
        for (int i = 15; i >= 0; i--, n >>= 4)
                out[i] = "0123456789abcdef"[n & 15];
        out[16] = '\0';
        return 16;
}

/* An entity's object, the same in every event that names it: written once per
 * article and copied after (an actor is named in many of its events, and its
 * four members were a quarter of the coding). */
static void entity_json(struct jsonw *w, struct jsonw_memo *memo, const struct entity *e)
{
        size_t from;

        if (jsonw_memo_write(w, memo, e))
                return;
        jsonw_object_begin(w);
        from = w->len - 1;
        jsonw_member_string_lit(w, "name", e->name);
        jsonw_member_string_lit(w, "type", entity_type_name(e->type));
        if (e->title)
                jsonw_member_string_lit(w, "title", e->title);
        if (e->country[0])
                jsonw_member_string_lit(w, "country", e->country);
        jsonw_object_end(w);
        jsonw_memo_keep(memo, w, from, e);
}

static void when_json(struct jsonw *w, struct event_memo *memo, const struct codebook *cb,
                      const struct article *a, const struct extract_event *ev)
{
        char start[32], end[32], last[32];
        struct event_memo_key k;
        size_t from;

        jsonw_object_begin(w);
        if (ev->when_end > ev->when_start)
                jsonw_member_stringn_lit(w, "text", a->text + ev->when_start, ev->when_end - ev->when_start);
        event_memo_key_when(&k, ev);
        if (event_memo_write(w, memo, &k)) /* up to the '}': the object is done */
                return;
        from = w->len + w->comma;
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
        event_memo_keep(memo, &k, w, from);
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

/* Whether JSON writes s[0..n) as it is: ASCII with nothing to escape. */
static bool plain(const char *s, size_t n)
{
        for (size_t i = 0; i < n; i++)
                if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x80 || s[i] == '"' || s[i] == '\\')
                        return false;
        return true;
}

/* The data object up to its evidence, left open: the article's members, the
 * index and the count follow when the event is written. */
static void data_head_json(struct jsonw *w, struct event_memo *memo, const struct codebook *cb,
                           const struct article *a, const struct extract_event *ev)
{
        struct event_memo_key k;

        event_memo_key_head(&k, ev);
        if (!event_memo_write(w, memo, &k)) { /* the same for all the events of a rule */
                size_t from = w->len + w->comma;

                jsonw_object_begin(w);
                jsonw_member_string_lit(w, "kind", ev->rule->kind);
                if (ev->cameo[0])
                        jsonw_member_string_lit(w, "cameo", ev->cameo);
                jsonw_member_string_lit(w, "modality", modality_names[ev->modality]);
                event_memo_keep(memo, &k, w, from);
        }
        jsonw_member_string_lit(w, "headline", ev->headline);
        jsonw_key_lit(w, "actors");
        jsonw_array_begin(w);
        for (size_t i = 0; i < ev->n_actors; i++)
                entity_json(w, event_memo_entities(memo), ev->actors[i]);
        jsonw_array_end(w);
        if (ev->target) {
                jsonw_key_lit(w, "targets");
                jsonw_array_begin(w);
                entity_json(w, event_memo_entities(memo), ev->target);
                jsonw_array_end(w);
        }
        if (ev->location) {
                jsonw_key_lit(w, "location");
                location_json(w, ev->location);
        }
        jsonw_key_lit(w, "when");
        when_json(w, memo, cb, a, ev);
        if (ev->quote_end > ev->quote_start)
                jsonw_member_stringn_lit(w, "quote", a->text + ev->quote_start, ev->quote_end - ev->quote_start);
        jsonw_key_lit(w, "evidence");
        evidence_json(w, a, ev);
}

int event_code_begin(struct event_coded *c, const struct article *a, size_t first)
{
        struct jsonw *w = &c->buf;

        *c = (struct event_coded){ .first = first };
        memcpy(c->id, a->id, sizeof(c->id));
        c->id_plain = strlen(c->id) <= ARTICLE_ID_MAX && plain(c->id, strlen(c->id));
        c->memo = event_memo_new(); /* none: everything is written each time */
        jsonw_init(w, EVENT_BASE_SIZE / 2 + (a->title ? strlen(a->title) : 0));
        jsonw_member_string_lit(w, "subject", a->id);
        c->subject_len = w->len;
        c->article_at = w->len;
        jsonw_key_lit(w, "article"); /* after the evidence: a comma first */
        article_json(w, a);
        c->article_len = w->len - c->article_at;
        c->events_at = w->len;
        if (w->failed) {
                event_coded_done(c);
                return -ENOMEM;
        }
        return 0;
}

int event_code_add(struct event_coded *c, const struct codebook *cb, const struct article *a,
                   const struct extract_event *ev)
{
        struct jsonw *w = &c->buf;
        size_t mark = w->len;

        if (c->n == c->cap) {
                size_t cap = c->cap ? 2 * c->cap : 16;
                struct event_piece *v = reallocarray(c->pieces, cap, sizeof(*v));

                if (!v)
                        return -ENOMEM;
                c->pieces = v;
                c->cap = cap;
        }
        w->comma = false;
        data_head_json(w, c->memo, cb, a, ev);
        if (w->failed) {
                w->len = mark;
                w->failed = false;
                return -ENOMEM;
        }
        c->pieces[c->n++] = (struct event_piece){ ev->rule->kind, mark };
        return 0;
}

void event_code_restart(struct event_coded *c, size_t first)
{
        c->buf.len = c->events_at;
        c->first = first;
        c->n = 0;
}

int event_code_all(struct event_coded *c, const struct codebook *cb, const struct article *a,
                   const struct extraction *x, size_t first)
{
        int r = event_code_begin(c, a, first);
        size_t bytes = c->buf.len;

        if (r < 0)
                return r;
        if (first < x->n && !(c->pieces = reallocarray(NULL, x->n - first, sizeof(*c->pieces)))) {
                event_coded_done(c);
                return -ENOMEM;
        }
        c->cap = first < x->n ? x->n - first : 0;
        /* the buffer's size in one go, near enough: the members' names and short
         * values, and the sentence and quote, which are most of an event */
        for (size_t i = first; i < x->n; i++)
                bytes += EVENT_BASE_SIZE / 2 + (x->v[i].end - x->v[i].start) +
                         (x->v[i].quote_end - x->v[i].quote_start);
        if (bytes > c->buf.cap) {
                char *buf = realloc(c->buf.buf, bytes);

                if (!buf) {
                        event_coded_done(c);
                        return -ENOMEM;
                }
                c->buf.buf = buf;
                c->buf.cap = bytes;
        }
        for (size_t i = first; i < x->n; i++)
                if ((r = event_code_add(c, cb, a, &x->v[i])) < 0) {
                        event_coded_done(c);
                        return r;
                }
        event_memo_free(c->memo); /* c is kept until published: not what coding needed */
        c->memo = NULL;
        if (c->buf.cap > c->buf.len + 1) { /* kept until published: not its spare room too */
                char *buf = realloc(c->buf.buf, c->buf.len + 1);

                if (buf) {
                        c->buf.buf = buf;
                        c->buf.cap = c->buf.len + 1;
                }
        }
        return 0;
}

void event_coded_done(struct event_coded *c)
{
        free(c->buf.buf);
        free(c->pieces);
        event_memo_free(c->memo);
        *c = (struct event_coded){ 0 };
}

const char *event_coded_kind(const struct event_coded *c, size_t index)
{
        return c->pieces[index - 1 - c->first].kind;
}

static char *put(char *p, const char *s, size_t n)
{
        memcpy(p, s, n);
        return p + n;
}

#define PUT_LIT(p, lit) put((p), (lit), sizeof(lit) - 1)

/* The envelope up to the data, when every string in it is copied as it is and
 * none is cut (as the general path's bounded buffers would cut it): the id,
 * the feed, the variant and the time plain and short, as the daemon's are.
 * Returns its length in env, or 0 when the general path must write it. */
static size_t envelope_plain(char env[static 1024], const struct event_coded *c, const struct event_piece *p,
                             const struct event_meta *m, const char *time, bool time_plain)
{
        size_t feed = strlen(m->feed), variant = m->variant ? strlen(m->variant) : 0, t = strlen(time),
               kind = strlen(p->kind);
        char *e = env;

        if (!c->id_plain || feed > 256 || !plain(m->feed, feed) || variant > 8 || !plain(m->variant, variant) ||
            t > 31 || (!time_plain && !plain(time, t)) || kind > 120 || !plain(p->kind, kind) || c->subject_len > 300)
                return 0;
        e = PUT_LIT(e, "{\"specversion\":\"1.0\",\"id\":\"");
        e = put(e, c->id, strlen(c->id));
        if (m->variant) {
                *e++ = '~';
                e = put(e, m->variant, variant);
        }
        *e++ = '/';
        e += format_dec(e, m->index, 0);
        e = PUT_LIT(e, "\",\"source\":\"/herald/");
        e = put(e, m->feed, feed);
        e = PUT_LIT(e, "\",\"type\":\"" TYPE_PREFIX);
        e = put(e, p->kind, kind);
        e = PUT_LIT(e, "\",");
        e = put(e, c->buf.buf, c->subject_len);
        e = PUT_LIT(e, ",\"time\":\"");
        e = put(e, time, t);
        e = PUT_LIT(e, "\",\"datacontenttype\":\"application/json\",\"sequence\":\"");
        e += format_dec(e, m->sequence, 20);
        e = PUT_LIT(e, "\",\"epoch\":\"");
        e += format_hex16(e, m->epoch);
        e = PUT_LIT(e, "\",\"data\":");
        return (size_t)(e - env);
}

/* The envelope up to the data, any strings: as jsonw writes them. */
static void envelope_json(struct jsonw *w, const struct event_coded *c, const struct event_piece *p,
                          const struct event_meta *m, const char *time)
{
        char id[ARTICLE_ID_MAX + 32], source[300], type[128], digits[24], tail[96];
        struct bounded b = { id, 0, sizeof(id) };
        size_t n;

        format_dec(digits, m->index, 0);
        bounded_put(&b, c->id);
        if (m->variant) {
                bounded_put(&b, "~");
                bounded_put(&b, m->variant);
        }
        bounded_put(&b, "/");
        bounded_put(&b, digits);
        b = (struct bounded){ source, 0, sizeof(source) };
        bounded_put(&b, "/herald/");
        bounded_put(&b, m->feed);
        b = (struct bounded){ type, 0, sizeof(type) };
        bounded_put(&b, TYPE_PREFIX);
        bounded_put(&b, p->kind);
        jsonw_object_begin(w);
        jsonw_member_plain_lit(w, "specversion", "1.0");
        jsonw_member_string_lit(w, "id", id);
        jsonw_member_string_lit(w, "source", source);
        jsonw_member_string_lit(w, "type", type);
        jsonw_raw(w, ",", 1);
        jsonw_raw(w, c->buf.buf, c->subject_len);
        jsonw_member_string_lit(w, "time", time);
        jsonw_member_plain_lit(w, "datacontenttype", "application/json");
        memcpy(tail, ",\"sequence\":\"", n = 13);
        n += format_dec(tail + n, m->sequence, 20);
        memcpy(tail + n, "\",\"epoch\":\"", 11);
        n += 11;
        n += format_hex16(tail + n, m->epoch);
        memcpy(tail + n, "\",\"data\":", 9);
        jsonw_raw(w, tail, n + 9);
}

int event_write(struct jsonw *w, const struct event_coded *c, const struct event_meta *m, size_t *at, size_t *len)
{
        /* index - 1 - first wraps to 0 for event_build()'s single event of any index */
        const struct event_piece *p = &c->pieces[m->index - 1 - c->first];
        size_t end = p + 1 < c->pieces + c->n ? p[1].at : c->buf.len; /* the piece ends where the next starts */
        char env[1024], now[32], tail[64];
        size_t mark = jsonw_mark(w), n;

        if (!m->time)
                event_now(now);
        /* event_now()'s time is digits and punctuation, 24 bytes: no need to look */
        if ((n = envelope_plain(env, c, p, m, m->time ? m->time : now, !m->time)))
                jsonw_raw(w, env, n);
        else
                envelope_json(w, c, p, m, m->time ? m->time : now);
        jsonw_raw(w, c->buf.buf + p->at, end - p->at);
        jsonw_raw(w, c->buf.buf + c->article_at, c->article_len);
        memcpy(tail, ",\"index\":", n = 9);
        n += format_dec(tail + n, m->index, 0);
        memcpy(tail + n, ",\"count\":", 9);
        n += 9;
        n += format_dec(tail + n, m->count, 0);
        memcpy(tail + n, "}}", 2);
        jsonw_raw(w, tail, n + 2);
        if (jsonw_end_document(w, mark) < 0)
                return -ENOMEM;
        *at = mark;
        *len = w->len - 1 - mark;
        return 0;
}

/* One event coded on its own and written after what w holds. */
int event_append(struct jsonw *w, const struct codebook *cb, const struct article *a,
                 const struct extract_event *ev, const struct event_meta *m, size_t *at, size_t *len)
{
        struct event_coded c;
        int r = event_code_begin(&c, a, m->index - 1);

        if (r == 0 && (r = event_code_add(&c, cb, a, ev)) == 0)
                r = event_write(w, &c, m, at, len);
        event_coded_done(&c);
        return r;
}

char *event_build(const struct codebook *cb, const struct article *a, const struct extract_event *ev,
                  const struct event_meta *m)
{
        struct jsonw w;
        size_t at, len;

        /* the envelope and the members' names are about 600 bytes; the sentence
         * is there once as evidence and maybe again as the quote */
        jsonw_init(&w, EVENT_BASE_SIZE + 2 * (ev->end - ev->start) + (a->title ? strlen(a->title) : 0));
        if (w.failed || event_append(&w, cb, a, ev, m, &at, &len) < 0) {
                free(w.buf);
                return NULL;
        }
        return w.buf;
}


int event_topic_append(struct jsonw *w, const char *kind, const char *article_id, size_t *at)
{
        static const char prefix[] = HERALD_TOPIC_EVENTS;
        size_t mark = jsonw_mark(w), k = strlen(kind), n = strlen(article_id);
        char topic[256], *t = topic;

        if (sizeof(prefix) + k + n <= sizeof(topic)) { /* as the daemon's are: one append, not four */
                t = put(t, prefix, sizeof(prefix) - 1);
                t = put(t, kind, k);
                *t++ = '.';
                t = put(t, article_id, n);
                jsonw_raw(w, topic, (size_t)(t - topic));
        } else {
                jsonw_raw(w, prefix, sizeof(prefix) - 1);
                jsonw_raw(w, kind, k);
                jsonw_raw(w, ".", 1);
                jsonw_raw(w, article_id, n);
        }
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
