/* The cmocka fixture of the coder's unit tests: the real codebook in events/,
 * loaded once per group, and small articles coded under a Date: header. Include
 * after <cmocka.h>; the tests name the codebook `cb`. The small helpers below
 * (count, find, actor_of, target_of, done) read an extraction. */
#ifndef HERALD_TESTS_CODING_H
#define HERALD_TESTS_CODING_H

#include <stdio.h>
#include <string.h>

#include "article.h"
#include "codebook.h"
#include "extract.h"

static struct codebook *cb;

static inline int setup(void **state)
{
        struct parse_error err = { 0 };

        (void)state;
        return codebook_load(HERALD_DATA_DIR, &cb, &err);
}

static inline int teardown(void **state)
{
        (void)state;
        codebook_free(cb);
        return 0;
}

/* Codes `body` under "Date: date" into x; the article is the caller's to free. */
static inline struct article *code_on(const char *date, const char *body, struct extraction *x)
{
        struct article_options opts = { .name = "test.txt" };
        struct parse_error err = { 0 };
        struct article *a = NULL;
        char *text;

        assert_true(asprintf(&text, "Date: %s\n\n%s\n", date, body) > 0);
        assert_int_equal(article_parse(text, strlen(text), &opts, cb->lexicon, &a, &err), 0);
        assert_int_equal(extract_article(cb, a, x), 0);
        return a;
}

/* The same with the seed's document date, 2024-09-02. */
static inline struct article *code(const char *body, struct extraction *x)
{
        return code_on("2024-09-02", body, x);
}

/* How many events of `kind` x holds. */
static inline size_t count(const struct extraction *x, const char *kind)
{
        size_t n = 0;

        for (size_t i = 0; i < x->n; i++)
                n += strcmp(x->v[i].rule->kind, kind) == 0;
        return n;
}

/* The first event of `kind`, or NULL. */
static inline const struct extract_event *find(const struct extraction *x, const char *kind)
{
        for (size_t i = 0; i < x->n; i++)
                if (strcmp(x->v[i].rule->kind, kind) == 0)
                        return &x->v[i];
        return NULL;
}

/* The first actor's name, or "(none)": a missing actor fails an assertion, not the test run. */
static inline const char *actor_of(const struct extract_event *ev)
{
        return ev && ev->n_actors ? ev->actors[0]->name : "(none)";
}

static inline const char *target_of(const struct extract_event *ev)
{
        return ev && ev->target ? ev->target->name : "(none)";
}

static inline void done(struct article *a, struct extraction *x)
{
        extraction_done(x);
        article_free(a);
}

#endif
