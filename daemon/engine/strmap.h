/* A string-keyed hash map (open addressing). Keys are copied; values are
 * the caller's. Used for every word index of the extractor. */
#ifndef HERALD_STRMAP_H
#define HERALD_STRMAP_H

#include <stddef.h>

struct strmap;

struct strmap *strmap_new(void);
void strmap_free(struct strmap *m); /* frees keys, not values */

/* Inserts or replaces. Returns 0 or -ENOMEM. */
int strmap_put(struct strmap *m, const char *key, void *value);
void *strmap_get(const struct strmap *m, const char *key);
void *strmap_getn(const struct strmap *m, const char *key, size_t len);
size_t strmap_size(const struct strmap *m);

/* Calls fn for every value (in no particular order). */
void strmap_foreach(const struct strmap *m, void (*fn)(void *value, void *userdata), void *userdata);

#endif
