/* The fixture of the article tests (test_article.c, test_article_sentence.c,
 * test_article_input.c): the real lexicon of events/ loaded once per group (for
 * abbreviations), and helpers that parse a text into an article and read back its
 * paragraphs and sentences. Include after <cmocka.h>. */
#ifndef HERALD_TESTS_ARTICLE_FIXTURE_H
#define HERALD_TESTS_ARTICLE_FIXTURE_H

#include <errno.h>

#include "article.h"
#include "internal/cleanup.h"
#include "lexicon.h"

static struct lexicon *lex;

static inline int setup(void **state)
{
        struct parse_error err = { 0 };

        return lexicon_load(HERALD_DATA_DIR "/lexicon.txt", &lex, &err);
}

static inline int teardown(void **state)
{
        lexicon_free(lex);
        return 0;
}

/* Parses len bytes of text (copied into a malloc'd buffer the article takes). */
static inline int parse_bytes(const char *text, size_t len, const struct article_options *opts,
                              struct article **a, struct parse_error *err)
{
        char *buf = malloc(len + 1);

        assert_non_null(buf);
        memcpy(buf, text, len);
        buf[len] = '\0';
        return article_parse(buf, len, opts, lex, a, err);
}

static inline int parse_with(const char *text, const struct article_options *opts, struct article **a,
                             struct parse_error *err)
{
        return parse_bytes(text, strlen(text), opts, a, err);
}

/* Parses text that must be a good article; the fallback date is 2024-09-02. */
static inline struct article *parse_ok(const char *text)
{
        struct article_options opts = { .name = "test.txt", .fallback_date = "2024-09-02" };
        struct parse_error err = { 0 };
        struct article *a = NULL;

        assert_int_equal(parse_with(text, &opts, &a, &err), 0);
        assert_non_null(a);
        return a;
}

/* Parses text that must be rejected; returns err for the caller to check. */
static inline void parse_bad(const char *text, size_t len, struct parse_error *err)
{
        struct article_options opts = { .name = "bad.txt", .fallback_date = "2024-09-02" };
        struct article *a = NULL;

        assert_int_equal(parse_bytes(text, len, &opts, &a, err), -EINVAL);
        assert_null(a);
}

/* The text of bytes [start, end) of the article, for comparing. */
static inline const char *span(const struct article *a, size_t start, size_t end)
{
        static char buf[4096];

        assert_true(start <= end && end <= a->len);
        snprintf(buf, sizeof(buf), "%.*s", (int)(end - start), a->text + start);
        return buf;
}

static inline const char *para(const struct article *a, size_t p)
{
        assert_true(p < a->n_paragraphs);
        return span(a, a->paragraphs[p].start, a->paragraphs[p].end);
}

static inline const char *sent(const struct article *a, size_t p, size_t s)
{
        assert_true(p < a->n_paragraphs);
        assert_true(s < a->paragraphs[p].n_sentences);
        return span(a, a->paragraphs[p].sentences[s].start, a->paragraphs[p].sentences[s].end);
}

/* Parses a one-paragraph body and checks it splits into exactly the sentences
 * given. The article is freed before asserting, so a failure leaks nothing. */
static inline void expect_sentences(const char *paragraph, size_t n, const char *const *want)
{
        char text[2048], got[8][512];
        size_t n_paragraphs, n_got = 0;
        bool heading = false;
        struct article *a;

        snprintf(text, sizeof(text), "Date: 2024-09-02\n\n%s\n", paragraph);
        a = parse_ok(text);
        n_paragraphs = a->n_paragraphs;
        if (n_paragraphs == 1) {
                heading = a->paragraphs[0].heading;
                n_got = a->paragraphs[0].n_sentences;
                for (size_t i = 0; i < n_got && i < ELEMENTSOF(got); i++)
                        snprintf(got[i], sizeof(got[i]), "%.*s", (int)sizeof(got[i]) - 1, sent(a, 0, i));
        }
        article_free(a);
        assert_int_equal(n_paragraphs, 1);
        assert_false(heading);
        for (size_t i = 0; i < n && i < n_got && i < ELEMENTSOF(got); i++)
                assert_string_equal(got[i], want[i]);
        assert_int_equal(n_got, n);
}

#endif
