/* Open-addressing string map with linear probing; grows at 50% load so probes stay
 * short. Lookups by (pointer, length) avoid copying tokens to look them up. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

struct slot {
        char *key;
        size_t len;
        uint64_t hash;
        void *value;
};

struct strmap {
        struct slot *slots;
        size_t cap; /* power of two */
        size_t n;
};

static inline uint64_t load(const unsigned char *u, size_t n) /* n = 4 or 8 */
{
        uint32_t w4;
        uint64_t w8;

        if (n == 4) {
                memcpy(&w4, u, 4);
                return w4;
        }
        memcpy(&w8, u, 8);
        return w8;
}

/* Eight bytes at a time; a tail of 4 to 7 as two overlapping 4-byte loads, of 1
 * to 3 as its first, middle and last bytes (wyhash's trick). Each round is one
 * multiply whose high half is folded down, so the low bits the table indexes by
 * depend on every byte. */
static inline uint64_t hash_bytes(const char *s, size_t len)
{
        const unsigned char *u = (const unsigned char *)s;
        uint64_t h = 0x9e3779b97f4a7c15ull ^ len, w;

        for (; len >= 8; u += 8, len -= 8) {
                h = (h ^ load(u, 8)) * 0xff51afd7ed558ccdull;
                h ^= h >> 32;
        }
        if (len >= 4)
                w = load(u, 4) | load(u + len - 4, 4) << 32;
        else if (len)
                w = (uint64_t)u[0] << 16 | (uint64_t)u[len / 2] << 8 | u[len - 1];
        else
                w = 0;
        h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
        return h ^ (h >> 32);
}

struct strmap *strmap_new(void)
{
        struct strmap *m = calloc(1, sizeof(*m));

        if (!m)
                return NULL;
        m->cap = 64;
        m->slots = calloc(m->cap, sizeof(*m->slots));
        if (!m->slots) {
                free(m);
                return NULL;
        }
        return m;
}

void strmap_free(struct strmap *m)
{
        if (!m)
                return;
        for (size_t i = 0; i < m->cap; i++)
                free(m->slots[i].key);
        free(m->slots);
        free(m);
}

static inline struct slot *find_slot(const struct strmap *m, const char *key, size_t len, uint64_t h)
{
        size_t mask = m->cap - 1;

        for (size_t i = h & mask;; i = (i + 1) & mask) {
                struct slot *s = &m->slots[i];

                if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
                        return s;
        }
}

static int grow(struct strmap *m)
{
        struct strmap bigger = { .cap = m->cap * 2, .n = m->n };

        bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
        if (!bigger.slots)
                return -ENOMEM;
        for (size_t i = 0; i < m->cap; i++)
                if (m->slots[i].key)
                        *find_slot(&bigger, m->slots[i].key, m->slots[i].len, m->slots[i].hash) = m->slots[i];
        free(m->slots);
        *m = bigger;
        return 0;
}

int strmap_put(struct strmap *m, const char *key, void *value)
{
        size_t len = strlen(key);
        uint64_t h = hash_bytes(key, len);
        struct slot *s;

        if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
                return -ENOMEM;
        s = find_slot(m, key, len, h);
        if (!s->key) {
                s->key = strdup(key);
                if (!s->key)
                        return -ENOMEM;
                s->len = len;
                s->hash = h;
                m->n++;
        }
        s->value = value;
        return 0;
}

void *strmap_getn(const struct strmap *m, const char *key, size_t len)
{
        const struct slot *s = find_slot(m, key, len, hash_bytes(key, len));

        return s->key ? s->value : NULL;
}

void *strmap_get(const struct strmap *m, const char *key) { return strmap_getn(m, key, strlen(key)); }

size_t strmap_size(const struct strmap *m) { return m->n; }

void strmap_foreach(const struct strmap *m, void (*fn)(void *value, void *userdata), void *userdata)
{
        for (size_t i = 0; i < m->cap; i++)
                if (m->slots[i].key)
                        fn(m->slots[i].value, userdata);
}
