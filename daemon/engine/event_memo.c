/* The memo of an article's coding (event_memo.h): each entity's object in a
 * jsonw_memo; the data's head and the times' members in small tables, a slot
 * per key hash, the last kept winning. Everything kept is the bytes the writer
 * gave for that key, so a copy is the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "event_memo.h"

#define KEPT_SLOTS 32
#define KEPT_BYTES 192

enum { PART_HEAD, PART_WHEN, N_PARTS };

struct kept {
        unsigned char key[sizeof(((struct event_memo_key *)0)->s)];
        size_t key_len;
        char bytes[KEPT_BYTES];
        size_t len; /* 0: nothing kept */
};

struct event_memo {
        struct jsonw_memo entities;
        struct kept parts[N_PARTS][KEPT_SLOTS];
};

struct event_memo *event_memo_new(void)
{
        return calloc(1, sizeof(struct event_memo));
}

void event_memo_free(struct event_memo *m)
{
        if (m)
                jsonw_memo_done(&m->entities);
        free(m);
}

struct jsonw_memo *event_memo_entities(struct event_memo *m)
{
        return m ? &m->entities : NULL;
}

/* The fields are copied whole, bytes after their NUL too: two keys may differ
 * there and be the same strings, which only costs a piece written again. */
#define KEY_PUT(k, field) (memcpy((k)->s + (k)->n, &(field), sizeof(field)), (k)->n += sizeof(field))

static unsigned hash_string(const char *s)
{
        unsigned h = 2166136261u;

        for (; *s; s++)
                h = (h ^ (unsigned char)*s) * 16777619u;
        return h;
}

void event_memo_key_head(struct event_memo_key *k, const struct extract_event *ev)
{
        _Static_assert(sizeof(ev->rule) + sizeof(ev->modality) + sizeof(ev->cameo) <= sizeof(k->s), "key");
        k->part = PART_HEAD;
        k->n = 0;
        KEY_PUT(k, ev->rule); /* its kind: the codebook's, fixed while it lives */
        KEY_PUT(k, ev->modality);
        KEY_PUT(k, ev->cameo);
        k->hash = (unsigned)(((uint64_t)(uintptr_t)ev->rule * 0x9e3779b97f4a7c15ull) >> 40) ^
                  (unsigned)ev->modality * 7u ^ hash_string(ev->cameo);
}

void event_memo_key_when(struct event_memo_key *k, const struct extract_event *ev)
{
        _Static_assert(sizeof(ev->when_value) + sizeof(ev->when_mod) + sizeof(ev->when_last) <= sizeof(k->s), "key");
        k->part = PART_WHEN;
        k->n = 0;
        KEY_PUT(k, ev->when_value);
        KEY_PUT(k, ev->when_mod);
        KEY_PUT(k, ev->when_last);
        k->hash = hash_string(ev->when_value);
}

static struct kept *slot(const struct event_memo *m, const struct event_memo_key *k)
{
        return (struct kept *)&m->parts[k->part][k->hash % KEPT_SLOTS];
}

bool event_memo_write(struct jsonw *w, const struct event_memo *m, const struct event_memo_key *k)
{
        const struct kept *s;

        if (!m)
                return false;
        s = slot(m, k);
        if (!s->len || s->key_len != k->n || memcmp(s->key, k->s, k->n) != 0)
                return false;
        jsonw_member_raw(w, s->bytes, s->len);
        return true;
}

void event_memo_keep(struct event_memo *m, const struct event_memo_key *k, const struct jsonw *w, size_t from)
{
        struct kept *s;

        if (!m || w->failed || w->len - from > KEPT_BYTES)
                return;
        s = slot(m, k);
        memcpy(s->key, k->s, k->n);
        s->key_len = k->n;
        memcpy(s->bytes, w->buf + from, w->len - from);
        s->len = w->len - from;
}
