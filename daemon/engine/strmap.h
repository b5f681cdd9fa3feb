/* A string-keyed hash map (open addressing). Keys are copied; values are
 * the caller's. Used for every word index of the extractor. */
#ifndef HERALD_STRMAP_H
#define HERALD_STRMAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The map's layout is in the header only for the inline look-up below: a
 * token is looked up in a dozen tables, and a call per look-up was a tenth of
 * extraction. Everything else goes through strmap.c. */
struct strmap_slot_ {
        char *key;
        size_t len;
        uint64_t hash;
        void *value;
};

struct strmap {
        uint32_t *tags; /* tags[i] != 0 iff slots[i] holds a key */
        struct strmap_slot_ *slots;
        size_t cap; /* power of two */
        size_t n;
        struct strmap_key_block_ *keys; /* the newest first */
};

static inline uint64_t strmap_load_(const unsigned char *u, size_t n) /* n = 4 or 8 */
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

/* The map's hash of s[0..len). Eight bytes at a time; a tail of 4 to 7 as two
 * overlapping 4-byte loads, of 1 to 3 as its first, middle and last bytes
 * (wyhash's trick). Each round is one multiply whose high half is folded down,
 * so the low bits the table indexes by depend on every byte. */
static inline uint64_t strmap_hash(const char *s, size_t len)
{
        const unsigned char *u = (const unsigned char *)s;
        uint64_t h = 0x9e3779b97f4a7c15ull ^ len, w;

        for (; len >= 8; u += 8, len -= 8) {
                h = (h ^ strmap_load_(u, 8)) * 0xff51afd7ed558ccdull;
                h ^= h >> 32;
        }
        if (len >= 4)
                w = strmap_load_(u, 4) | strmap_load_(u + len - 4, 4) << 32;
        else if (len)
                w = (uint64_t)u[0] << 16 | (uint64_t)u[len / 2] << 8 | u[len - 1];
        else
                w = 0;
        h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
        return h ^ (h >> 32);
}

struct strmap *strmap_new(void);
void strmap_free(struct strmap *m); /* frees keys, not values */

/* Inserts or replaces. Returns 0 or -ENOMEM. */
int strmap_put(struct strmap *m, const char *key, void *value);
void *strmap_get(const struct strmap *m, const char *key);
void *strmap_getn(const struct strmap *m, const char *key, size_t len);
/* The index uses the hash's low bits; the tag its high half, never 0. */
static inline uint32_t strmap_tag_(uint64_t h) { return (uint32_t)(h >> 32) | 1u; }

/* memcmp(a, b, n) == 0 without a call: words are short, and a key whose hash
 * and length match is nearly always the word. Loads stay inside both. */
static inline int strmap_equal_(const char *a, const char *b, size_t n)
{
        const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

        if (n >= 8) {
                for (size_t k = 0; k + 8 < n; k += 8)
                        if (strmap_load_(x + k, 8) != strmap_load_(y + k, 8))
                                return 0;
                return strmap_load_(x + n - 8, 8) == strmap_load_(y + n - 8, 8);
        }
        if (n >= 4)
                return strmap_load_(x, 4) == strmap_load_(y, 4) && strmap_load_(x + n - 4, 4) == strmap_load_(y + n - 4, 4);
        /* 1 to 3 bytes: the first, middle and last are all of them */
        return !n || (x[0] == y[0] && x[n / 2] == y[n / 2] && x[n - 1] == y[n - 1]);
}

/* The index of key's slot, or of the empty slot where it would go. Probes read
 * the dense tag array and touch a slot only when its tag matches. */
static inline size_t strmap_find_(const struct strmap *m, const char *key, size_t len, uint64_t h)
{
        size_t mask = m->cap - 1;
        uint32_t tag = strmap_tag_(h);

        for (size_t i = h & mask;; i = (i + 1) & mask) {
                uint32_t t = m->tags[i];

                if (!t)
                        return i;
                if (t == tag) {
                        const struct strmap_slot_ *s = &m->slots[i];

                        if (s->hash == h && s->len == len && strmap_equal_(s->key, key, len))
                                return i;
                }
        }
}

/* Looks up key[0..len) whose strmap_hash() the caller already has: a word looked
 * up in many tables is hashed once (the tokenizer hashes each token). */
static inline void *strmap_getn_hashed(const struct strmap *m, const char *key, size_t len, uint64_t hash)
{
        size_t i = strmap_find_(m, key, len, hash);

        return m->tags[i] ? m->slots[i].value : NULL;
}
size_t strmap_size(const struct strmap *m);

/* Calls fn for every value (in no particular order). */
void strmap_foreach(const struct strmap *m, void (*fn)(void *value, void *userdata), void *userdata);
/* The same with each key; fn returns 0 to go on, or an error (-errno) that
 * stops the walk and is returned. */
int strmap_foreach_key(const struct strmap *m, int (*fn)(const char *key, void *value, void *userdata),
                       void *userdata);

#endif
