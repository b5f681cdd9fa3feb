/* Growing arrays (after systemd's GREEDY_REALLOC): capacity doubles, so n appends
 * cost O(n) copies even where every realloc moves the block (as under ASan). */
#ifndef HERALD_INTERNAL_ALLOC_H
#define HERALD_INTERNAL_ALLOC_H

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

/* Makes room for `need` elements of `size` bytes in *p (capacity in *cap).
 * Returns 0 or -ENOMEM; *p is unchanged on failure. */
static inline int greedy_realloc(void **p, size_t *cap, size_t need, size_t size)
{
        size_t ncap;
        void *np;

        if (need <= *cap)
                return 0;
        ncap = *cap ? *cap * 2 : 16;
        if (ncap < need)
                ncap = need;
        if (ncap > SIZE_MAX / size)
                return -ENOMEM;
        np = realloc(*p, ncap * size);
        if (!np)
                return -ENOMEM;
        *p = np;
        *cap = ncap;
        return 0;
}

#define GREEDY_REALLOC(array, cap, need) greedy_realloc((void **)&(array), &(cap), (need), sizeof(*(array)))

#endif
