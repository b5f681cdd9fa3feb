/* Open-addressing string map with linear probing; grows at 50% load so probes stay
 * short. Lookups by (pointer, length) avoid copying tokens to look them up. Probes
 * read a dense array of 32-bit tags (a part of each key's hash, 0 = empty), 16 to a
 * cache line, and touch a key's slot only when its tag matches: most look-ups are
 * of words the table does not hold, and those never leave the tag array. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

/* Keys are copied into blocks the map owns, not strdup'ed one by one: the
 * codebook's tables hold thousands of keys, each a malloc at start-up and a
 * free at exit. Blocks double from 256 bytes to 64 KiB. */
struct strmap_key_block_ {
        struct strmap_key_block_ *next;
        size_t used, cap;
        char bytes[];
};

static int alloc_table(struct strmap *m, size_t cap)
{
        m->cap = cap;
        m->tags = calloc(cap, sizeof(*m->tags));
        m->slots = calloc(cap, sizeof(*m->slots));
        if (!m->tags || !m->slots) {
                free(m->tags);
                free(m->slots);
                return -ENOMEM;
        }
        return 0;
}

struct strmap *strmap_new(void)
{
        struct strmap *m = calloc(1, sizeof(*m));

        if (!m)
                return NULL;
        if (alloc_table(m, 64) < 0) {
                free(m);
                return NULL;
        }
        return m;
}

void strmap_free(struct strmap *m)
{
        if (!m)
                return;
        while (m->keys) {
                struct strmap_key_block_ *b = m->keys;

                m->keys = b->next;
                free(b);
        }
        free(m->slots);
        free(m->tags);
        free(m);
}

/* A copy of key[0..len) and its NUL in the map's key blocks. */
static char *key_copy(struct strmap *m, const char *key, size_t len)
{
        struct strmap_key_block_ *b = m->keys;
        char *dst;

        if (!b || b->cap - b->used < len + 1) {
                size_t cap = b ? b->cap * 2 : 256;

                if (cap > 65536)
                        cap = 65536;
                if (cap < len + 1)
                        cap = len + 1;
                b = malloc(sizeof(*b) + cap);
                if (!b)
                        return NULL;
                *b = (struct strmap_key_block_){ .next = m->keys, .cap = cap };
                m->keys = b;
        }
        dst = memcpy(b->bytes + b->used, key, len);
        dst[len] = '\0';
        b->used += len + 1;
        return dst;
}

static int grow(struct strmap *m)
{
        struct strmap bigger = { .n = m->n, .keys = m->keys };

        if (alloc_table(&bigger, m->cap * 2) < 0)
                return -ENOMEM;
        for (size_t i = 0; i < m->cap; i++)
                if (m->tags[i]) {
                        const struct strmap_slot_ *s = &m->slots[i];
                        size_t j = strmap_find_(&bigger, s->key, s->len, s->hash);

                        bigger.slots[j] = *s;
                        bigger.tags[j] = m->tags[i];
                }
        free(m->slots);
        free(m->tags);
        *m = bigger;
        return 0;
}

int strmap_put(struct strmap *m, const char *key, void *value)
{
        size_t len = strlen(key), i;
        uint64_t h = strmap_hash(key, len);
        struct strmap_slot_ *s;

        if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
                return -ENOMEM;
        i = strmap_find_(m, key, len, h);
        s = &m->slots[i];
        if (!m->tags[i]) {
                s->key = key_copy(m, key, len);
                if (!s->key)
                        return -ENOMEM;
                s->len = len;
                s->hash = h;
                m->tags[i] = strmap_tag_(h);
                m->n++;
        }
        s->value = value;
        return 0;
}

void *strmap_getn(const struct strmap *m, const char *key, size_t len)
{
        return strmap_getn_hashed(m, key, len, strmap_hash(key, len));
}

void *strmap_get(const struct strmap *m, const char *key) { return strmap_getn(m, key, strlen(key)); }

size_t strmap_size(const struct strmap *m) { return m->n; }

void strmap_foreach(const struct strmap *m, void (*fn)(void *value, void *userdata), void *userdata)
{
        for (size_t i = 0; i < m->cap; i++)
                if (m->tags[i])
                        fn(m->slots[i].value, userdata);
}

int strmap_foreach_key(const struct strmap *m, int (*fn)(const char *key, void *value, void *userdata),
                       void *userdata)
{
        for (size_t i = 0; i < m->cap; i++) {
                int r = m->tags[i] ? fn(m->slots[i].key, m->slots[i].value, userdata) : 0;

                if (r < 0)
                        return r;
        }
        return 0;
}
