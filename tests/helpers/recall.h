/* Helpers of the recall tests: which events the real codebook finds in a
 * one-sentence article, counted by kind. Static: each test binary has its own. */
#ifndef HERALD_TESTS_HELPERS_RECALL_H
#define HERALD_TESTS_HELPERS_RECALL_H

#include <string.h>

#include "extract.h"
#include "coding.h"

static inline size_t count(const struct extraction *x, const char *kind)
{
        size_t n = 0;

        for (size_t i = 0; i < x->n; i++)
                n += strcmp(x->v[i].rule->kind, kind) == 0;
        return n;
}

static inline const struct extract_event *find(const struct extraction *x, const char *kind)
{
        for (size_t i = 0; i < x->n; i++)
                if (strcmp(x->v[i].rule->kind, kind) == 0)
                        return &x->v[i];
        return NULL;
}

static inline const char *actor_of(const struct extract_event *ev)
{
        return ev && ev->n_actors ? ev->actors[0]->name : "(none)";
}

static inline void done(struct article *a, struct extraction *x)
{
        extraction_done(x);
        article_free(a);
}

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
