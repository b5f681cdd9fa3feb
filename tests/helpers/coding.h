/* The cmocka fixture of the coder's unit tests: the real codebook in events/,
 * loaded once per group, and small articles coded under a Date: header. Include
 * after <cmocka.h>; the tests name the codebook `cb`. */
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

#endif
