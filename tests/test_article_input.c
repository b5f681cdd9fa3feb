/* Tests of what article_parse refuses or mends in its input: NUL bytes and every
 * kind of invalid UTF-8 (each error naming line and offset), empty and blank
 * articles, the size limits, a byte-order mark and CRLF line ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers/article_fixture.h"

static void test_article_nul_byte(void **state)
{
        static const char text[] = "Date: 2024-09-02\n\nLine one.\nLine\0two.\n";
        struct parse_error err = { 0 };

        parse_bad(text, sizeof(text) - 1, &err);
        assert_int_equal(err.line, 4);
        assert_non_null(strstr(err.message, "NUL"));
}

static void test_article_invalid_utf8_lone_byte(void **state)
{
        static const char text[] = "Date: 2024-09-02\n\nBad \xff byte.\n";
        struct parse_error err = { 0 };

        parse_bad(text, strlen(text), &err);
        assert_int_equal(err.line, 3);
        assert_non_null(strstr(err.message, "invalid UTF-8"));
        assert_non_null(strstr(err.message, "offset 22"));
}

static void test_article_invalid_utf8_overlong(void **state)
{
        static const char text[] = "Date: 2024-09-02\nOverlong \xc0\x80 NUL.\n";
        struct parse_error err = { 0 };

        parse_bad(text, sizeof(text) - 1, &err);
        assert_int_equal(err.line, 2);
        assert_non_null(strstr(err.message, "invalid UTF-8"));
}

static void test_article_invalid_utf8_overlong_three_bytes(void **state)
{
        static const char text[] = "One.\nOverlong \xe0\x80\xaf slash.\n";
        struct parse_error err = { 0 };

        parse_bad(text, strlen(text), &err);
        assert_int_equal(err.line, 2);
}

static void test_article_invalid_utf8_surrogate(void **state)
{
        static const char text[] = "Date: 2024-09-02\n\nOne.\nA surrogate \xed\xa0\x80 here.\n";
        struct parse_error err = { 0 };

        parse_bad(text, strlen(text), &err);
        assert_int_equal(err.line, 4);
        assert_non_null(strstr(err.message, "invalid UTF-8"));
}

static void test_article_invalid_utf8_past_max(void **state)
{
        static const char text[] = "Past U+10FFFF \xf4\x90\x80\x80.\n";
        struct parse_error err = { 0 };

        parse_bad(text, strlen(text), &err);
        assert_int_equal(err.line, 1);
}

static void test_article_invalid_utf8_truncated(void **state)
{
        static const char text[] = "One.\nCut short \xe2\x80";
        struct parse_error err = { 0 };

        parse_bad(text, strlen(text), &err);
        assert_int_equal(err.line, 2);
}

static void test_article_valid_utf8(void **state)
{
        struct article *a = parse_ok("\xd0\xa3\xd0\xbb\xd0\xb0\xd0\xbd-\xd0\x91\xd0\xb0\xd1\x82\xd0\xbe\xd1\x80 "
                                     "\xe2\x80\x9cwelcomed\xe2\x80\x9d him \xf0\x9f\x98\x80 today.\n");

        assert_int_equal(a->n_paragraphs, 1);
        assert_int_equal(a->paragraphs[0].n_sentences, 1);
        article_free(a);
}

static void test_article_empty(void **state)
{
        struct parse_error err = { 0 };

        parse_bad("", 0, &err);
        assert_non_null(strstr(err.message, "empty"));
        article_free(NULL); /* a no-op */
}

static void test_article_header_only(void **state)
{
        static const char text[] = "Title: T\nDate: 2024-09-02\n";
        struct parse_error err = { 0 };

        parse_bad(text, strlen(text), &err);
        assert_non_null(strstr(err.message, "no body"));
        /* without the final newline too */
        parse_bad(text, strlen(text) - 1, &err);
        assert_non_null(strstr(err.message, "no body"));
}

static void test_article_blank_body(void **state)
{
        static const char text[] = "Date: 2024-09-02\n\n   \n\t\r\n\n";
        struct parse_error err = { 0 };

        parse_bad(text, strlen(text), &err);
        assert_non_null(strstr(err.message, "no body"));
}

static void test_article_over_max_size(void **state)
{
        static const char text[] = "Date: 2024-09-02\n\nSome body text.\n"; /* 34 bytes */
        struct article_options opts = { .name = "t.txt", .max_size = sizeof(text) - 2 };
        struct parse_error err = { 0 };
        struct article *a = NULL;

        assert_int_equal(parse_with(text, &opts, &a, &err), -EINVAL);
        assert_null(a);
        assert_non_null(strstr(err.message, "over the limit"));
        /* exactly at the limit is fine */
        opts.max_size = sizeof(text) - 1;
        assert_int_equal(parse_with(text, &opts, &a, &err), 0);
        article_free(a);
}

static void test_article_over_default_max_size(void **state)
{
        size_t len = ARTICLE_DEFAULT_MAX_SIZE + 1;
        struct article_options opts = { .name = "t.txt", .fallback_date = "2024-09-02" };
        struct parse_error err = { 0 };
        struct article *a = NULL;
        char *text = malloc(len + 1);

        assert_non_null(text);
        memset(text, 'a', len);
        text[len] = '\0';
        assert_int_equal(article_parse(text, len, &opts, lex, &a, &err), -EINVAL);
        assert_null(a);
        assert_non_null(strstr(err.message, "over the limit"));
}

static void test_article_bom_skipped(void **state)
{
        struct article *a = parse_ok("\xef\xbb\xbfTitle: T\nDate: 2024-09-03\n\nBody.\n");

        assert_string_equal(a->title, "T");
        assert_string_equal(a->date, "2024-09-03");
        assert_int_equal(a->n_paragraphs, 1);
        assert_string_equal(para(a, 0), "Body.");
        article_free(a);

        a = parse_ok("\xef\xbb\xbf"
                     "Body text.\n");
        assert_int_equal(a->n_paragraphs, 1);
        assert_int_equal(a->paragraphs[0].start, 3);
        assert_string_equal(para(a, 0), "Body text.");
        article_free(a);
}

static void test_article_crlf(void **state)
{
        struct article *a = parse_ok("Title: T\r\nDate: 2024-09-01\r\n\r\nOne. Two.\r\nThree\r\n");

        assert_string_equal(a->title, "T");
        assert_string_equal(a->date, "2024-09-01");
        assert_int_equal(a->n_paragraphs, 2);
        assert_string_equal(para(a, 0), "One. Two.");
        assert_int_equal(a->paragraphs[0].n_sentences, 2);
        assert_string_equal(sent(a, 0, 1), "Two.");
        assert_string_equal(para(a, 1), "Three");
        assert_true(a->paragraphs[1].heading);
        article_free(a);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_article_nul_byte),
                cmocka_unit_test(test_article_invalid_utf8_lone_byte),
                cmocka_unit_test(test_article_invalid_utf8_overlong),
                cmocka_unit_test(test_article_invalid_utf8_overlong_three_bytes),
                cmocka_unit_test(test_article_invalid_utf8_surrogate),
                cmocka_unit_test(test_article_invalid_utf8_past_max),
                cmocka_unit_test(test_article_invalid_utf8_truncated),
                cmocka_unit_test(test_article_valid_utf8),
                cmocka_unit_test(test_article_empty),
                cmocka_unit_test(test_article_header_only),
                cmocka_unit_test(test_article_blank_body),
                cmocka_unit_test(test_article_over_max_size),
                cmocka_unit_test(test_article_over_default_max_size),
                cmocka_unit_test(test_article_bom_skipped),
                cmocka_unit_test(test_article_crlf),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
