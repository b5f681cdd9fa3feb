/* Tests of what article_parse refuses or mends in its input: NUL bytes and every
 * kind of invalid UTF-8 (each error naming line and offset; random texts
 * against the check as it was before ASCII went by blocks), empty and blank
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

/* The check as it was before it skipped ASCII sixteen bytes at a time: the
 * reference for random texts. */
static size_t reference_invalid_at(const unsigned char *s, size_t len)
{
        for (size_t i = 0; i < len;) {
                unsigned char c = s[i];
                size_t n;
                unsigned cp;

                if (c < 0x80) {
                        i++;
                        continue;
                }
                if (c >= 0xc2 && c <= 0xdf)
                        n = 1, cp = c & 0x1f;
                else if (c >= 0xe0 && c <= 0xef)
                        n = 2, cp = c & 0x0f;
                else if (c >= 0xf0 && c <= 0xf4)
                        n = 3, cp = c & 0x07;
                else
                        return i;
                for (size_t k = 1; k <= n; k++) {
                        if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
                                return i;
                        cp = (cp << 6) | (s[i + k] & 0x3f);
                }
                if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
                    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
                        return i;
                i += n + 1;
        }
        return len;
}

/* Random texts: ASCII runs of every length around the 8- and 16-byte blocks,
 * good sequences of two to four bytes, and now and then a byte or a cut or
 * overlong sequence that is not UTF-8, anywhere. article_parse must name the
 * first bad byte the reference names, or none when it names none. */
static void test_article_utf8_random_against_reference(void **state)
{
        static const char *const pieces[] = { "\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x8c\x8d", "\xff",
                                              "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x80",
                                              "\x80", "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf" };
        unsigned seed = 7;
        size_t bad = 0, good = 0;
        char text[300];

        for (int round = 0; round < 20000; round++) {
                struct parse_error err = { 0 };
                struct article *a = NULL;
                struct article_options opts = { .name = "r.txt", .fallback_date = "2024-09-02" };
                size_t len = 0, at;
                char want[64];

                while (len < 200) {
                        int r = rand_r(&seed) % 10;

                        if (r < 7) { /* an ASCII run */
                                size_t run = (size_t)rand_r(&seed) % 40;

                                for (size_t k = 0; k < run; k++)
                                        text[len++] = (char)(k % 13 == 12 ? '\n' : 'a' + rand_r(&seed) % 26);
                        } else {
                                const char *p = pieces[(size_t)rand_r(&seed) % 11];

                                if (r < 9 && (unsigned char)p[0] != 0xc3 && (unsigned char)p[0] != 0xe2 &&
                                    (unsigned char)p[0] != 0xf0)
                                        p = pieces[0]; /* mostly good sequences */
                                memcpy(text + len, p, strlen(p));
                                len += strlen(p);
                        }
                        if (rand_r(&seed) % 8 == 0)
                                break;
                }
                at = reference_invalid_at((const unsigned char *)text, len);
                snprintf(want, sizeof(want), "invalid UTF-8 at byte offset %zu", at);
                if (parse_bytes(text, len, &opts, &a, &err) == 0)
                        article_free(a);
                if (at < len) {
                        assert_non_null(strstr(err.message, want));
                        bad++;
                } else {
                        assert_null(strstr(err.message, "invalid UTF-8"));
                        good++;
                }
        }
        assert_true(bad > 1000 && good > 1000);
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
                cmocka_unit_test(test_article_utf8_random_against_reference),
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
