/* The fixture of the time-expression tests (test_timex.c, test_timex_load.c):
 * the rules of events/timex.txt loaded once per group, and helpers that find
 * and check the expressions of a text against a document date. Include after
 * <cmocka.h>; the tests name the rules `rules`. */
#ifndef HERALD_TESTS_TIMEX_FIXTURE_H
#define HERALD_TESTS_TIMEX_FIXTURE_H

#include "timex.h"
#include "token.h"

#define DCT         "2024-09-02"
#define MAX_MATCHES 8

static struct timex_rules *rules;
static struct token_list tl;

static inline int setup(void **state)
{
        struct parse_error err = { 0 };

        return timex_rules_load(HERALD_DATA_DIR "/timex.txt", &rules, &err);
}

static inline int teardown(void **state)
{
        timex_rules_free(rules);
        token_list_done(&tl);
        return 0;
}

/* Finds the time expressions of text against the DCT "YYYY-MM-DD". */
static inline size_t find(const char *text, const char *dct, bool future, struct timex_match *out, size_t max)
{
        struct timex_context ctx = { .future = future };

        assert_int_equal(sscanf(dct, "%d-%d-%d", &ctx.year, &ctx.month, &ctx.day), 3);
        assert_int_equal(token_split(text, strlen(text), &tl), 0);
        return timex_find(rules, &tl, text, &ctx, out, max);
}

/* The bytes of text a match covers. */
static inline const char *expr(const char *text, const struct timex_match *m)
{
        static char buf[256];

        assert_true(m->start <= m->end && m->end <= strlen(text));
        snprintf(buf, sizeof(buf), "%.*s", (int)(m->end - m->start), text + m->start);
        return buf;
}

/* Asserts that text holds exactly one time expression, `want_expr`, whose value is `value`. */
static inline struct timex_match expect_one(const char *text, const char *dct, bool future, const char *value,
                                     const char *want_expr)
{
        struct timex_match m[MAX_MATCHES];
        size_t n = find(text, dct, future, m, MAX_MATCHES);

        assert_int_equal(n, 1);
        assert_string_equal(m[0].value, value);
        assert_string_equal(expr(text, &m[0]), want_expr);
        return m[0];
}

static inline void expect_bounds(const char *value, const char *start, const char *end)
{
        char s[32], e[32];

        timex_bounds(rules, value, s, e);
        assert_string_equal(s, start);
        assert_string_equal(e, end);
}

#endif
