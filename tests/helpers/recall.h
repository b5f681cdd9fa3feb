/* Helpers of the recall tests: which events the real codebook finds in a
 * one-sentence article, counted by kind. Static: each test binary has its own. */
#ifndef HERALD_TESTS_HELPERS_RECALL_H
#define HERALD_TESTS_HELPERS_RECALL_H

#include <string.h>

#include "extract.h"
#include "coding.h"

/* Exactly one event of `kind` and none of `not_kind` in the article `body`. */
static inline void expect_only(const char *body, const char *kind, const char *not_kind)
{
        struct extraction x;
        struct article *a = code(body, &x);

        if (count(&x, kind) != 1 || (not_kind && count(&x, not_kind)))
                fail_msg("\"%s\": %zu %s, %zu %s", body, count(&x, kind), kind, not_kind ? count(&x, not_kind) : 0,
                         not_kind ? not_kind : "-");
        done(a, &x);
}

static inline void expect_none(const char *body, const char *kind)
{
        struct extraction x;
        struct article *a = code(body, &x);

        if (count(&x, kind))
                fail_msg("\"%s\": %zu %s, want none", body, count(&x, kind), kind);
        done(a, &x);
}

#endif
