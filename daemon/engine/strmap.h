/* A string-keyed hash map (open addressing). Keys are copied; values are
 * the caller's. Used for every word index of the extractor. */
#ifndef HERALD_STRMAP_H
#define HERALD_STRMAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct strmap;

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
/* Looks up key[0..len) whose strmap_hash() the caller already has: a word looked
 * up in many tables is hashed once (the tokenizer hashes each token). */
void *strmap_getn_hashed(const struct strmap *m, const char *key, size_t len, uint64_t hash);
size_t strmap_size(const struct strmap *m);

/* Calls fn for every value (in no particular order). */
void strmap_foreach(const struct strmap *m, void (*fn)(void *value, void *userdata), void *userdata);

#endif
