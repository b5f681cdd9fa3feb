/* Scope-bound cleanup helpers (after systemd's alloc-util.h): a variable declared
 * _cleanup_free_ is freed when it leaves scope, so error paths need no goto ladder. */
#ifndef HERALD_INTERNAL_CLEANUP_H
#define HERALD_INTERNAL_CLEANUP_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define _cleanup_(f) __attribute__((cleanup(f)))

static inline void freep(void *p) { free(*(void **)p); }
static inline void closep(int *fd)
{
        if (*fd >= 0)
                close(*fd);
}
static inline void fclosep(FILE **f)
{
        if (*f)
                fclose(*f);
}

#define _cleanup_free_ _cleanup_(freep)
#define _cleanup_close_ _cleanup_(closep)
#define _cleanup_fclose_ _cleanup_(fclosep)

/* Declares a cleanup function for a type whose destructor accepts NULL. */
#define DEFINE_TRIVIAL_CLEANUP_FUNC(type, func)             \
        static inline void func##p(type *p) { func(*p); }

/* Hands ownership out of a _cleanup_ variable: returns it and leaves NULL behind. */
#define TAKE_PTR(p)                                         \
        ({                                                  \
                __typeof__(p) _tmp_ = (p);                  \
                (p) = NULL;                                 \
                _tmp_;                                      \
        })

#define ELEMENTSOF(a) (sizeof(a) / sizeof((a)[0]))

#endif
