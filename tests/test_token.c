/* Tests of the tokenizer (token.c): token kinds and byte offsets, the matching
 * form (lower case, curly apostrophes normalised, possessives split off), the
 * case and quotation flags, and inputs at the edges (empty, blank, 1 MiB). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "token.h"

/* Splits a NUL-terminated string into l, which must succeed. */
static void split(const char *text, struct token_list *l)
{
        assert_int_equal(token_split(text, strlen(text), l), 0);
}

/* Asserts token i: its matching form, its kind and its byte range. */
static void expect_token(const struct token_list *l, size_t i, const char *norm, enum token_kind kind, uint32_t start,
                         uint32_t end)
{
        assert_true(i < l->n);
        assert_string_equal(token_norm(l, i), norm);
        assert_int_equal(l->v[i].kind, kind);
        assert_int_equal(l->v[i].start, start);
        assert_int_equal(l->v[i].end, end);
}

static void test_token_kinds_and_offsets(void **state)
{
        struct token_list l = { 0 };

        split("Putin met 3 leaders, then left.", &l);
        assert_int_equal(l.n, 8);
        expect_token(&l, 0, "putin", TOKEN_WORD, 0, 5);
        expect_token(&l, 1, "met", TOKEN_WORD, 6, 9);
        expect_token(&l, 2, "3", TOKEN_NUMBER, 10, 11);
        expect_token(&l, 3, "leaders", TOKEN_WORD, 12, 19);
        expect_token(&l, 4, ",", TOKEN_PUNCT, 19, 20);
        expect_token(&l, 5, "then", TOKEN_WORD, 21, 25);
        expect_token(&l, 6, "left", TOKEN_WORD, 26, 30);
        expect_token(&l, 7, ".", TOKEN_PUNCT, 30, 31);
        assert_true(token_is(&l, 0, "putin"));
        assert_false(token_is(&l, 0, "puti"));
        assert_false(token_is(&l, 0, "putins"));
        token_list_done(&l);
}

static void test_token_numbers(void **state)
{
        struct token_list l = { 0 };

        split("2024 3.5 85th", &l);
        assert_int_equal(l.n, 3);
        expect_token(&l, 0, "2024", TOKEN_NUMBER, 0, 4);
        expect_token(&l, 1, "3.5", TOKEN_NUMBER, 5, 8);
        /* a digit ordinal has letters: a word */
        expect_token(&l, 2, "85th", TOKEN_WORD, 9, 13);
        token_list_done(&l);
}

static void test_token_offsets_count_bytes(void **state)
{
        struct token_list l = { 0 };

        /* "Улан" is 8 bytes of UTF-8: offsets are bytes, not characters */
        split("Улан Bator", &l);
        assert_int_equal(l.n, 2);
        expect_token(&l, 0, "Улан", TOKEN_WORD, 0, 8);
        expect_token(&l, 1, "bator", TOKEN_WORD, 9, 14);
        token_list_done(&l);
}

static void test_token_possessive_curly(void **state)
{
        struct token_list l = { 0 };

        split("Putin\xe2\x80\x99s visit", &l);
        assert_int_equal(l.n, 3);
        expect_token(&l, 0, "putin", TOKEN_WORD, 0, 5);
        expect_token(&l, 1, "'s", TOKEN_WORD, 5, 9);
        expect_token(&l, 2, "visit", TOKEN_WORD, 10, 15);
        assert_true(l.v[0].capitalized);
        token_list_done(&l);
}

static void test_token_possessive_straight(void **state)
{
        struct token_list l = { 0 };

        split("the ICC's warrant", &l);
        assert_int_equal(l.n, 4);
        expect_token(&l, 1, "icc", TOKEN_WORD, 4, 7);
        expect_token(&l, 2, "'s", TOKEN_WORD, 7, 9);
        /* the acronym keeps its flag once the possessive is off */
        assert_true(l.v[1].all_caps);
        token_list_done(&l);
}

static void test_token_curly_apostrophe_normalised(void **state)
{
        struct token_list l = { 0 };

        split("don\xe2\x80\x99t", &l);
        assert_int_equal(l.n, 1);
        expect_token(&l, 0, "don't", TOKEN_WORD, 0, 7);
        token_list_done(&l);
}

static void test_token_inner_hyphen(void **state)
{
        struct token_list l = { 0 };

        split("a trans-Mongolian pipeline, pro- and", &l);
        assert_int_equal(l.n, 7);
        expect_token(&l, 1, "trans-mongolian", TOKEN_WORD, 2, 17);
        assert_false(l.v[1].capitalized);
        /* a hyphen not followed by a letter ends the word */
        expect_token(&l, 4, "pro", TOKEN_WORD, 28, 31);
        expect_token(&l, 5, "-", TOKEN_PUNCT, 31, 32);
        expect_token(&l, 6, "and", TOKEN_WORD, 33, 36);
        token_list_done(&l);
}

static void test_token_us_abbreviation(void **state)
{
        struct token_list l = { 0 };

        split("U.S. officials", &l);
        assert_int_equal(l.n, 3);
        /* the inner dot stays, the final one is punctuation */
        expect_token(&l, 0, "u.s", TOKEN_WORD, 0, 3);
        expect_token(&l, 1, ".", TOKEN_PUNCT, 3, 4);
        expect_token(&l, 2, "officials", TOKEN_WORD, 5, 14);
        assert_true(l.v[0].all_caps);
        assert_true(l.v[0].capitalized);
        token_list_done(&l);
}

static void test_token_sentence_dot_ends_word(void **state)
{
        struct token_list l = { 0 };

        split("He left.Then", &l);
        assert_int_equal(l.n, 4);
        expect_token(&l, 1, "left", TOKEN_WORD, 3, 7);
        expect_token(&l, 2, ".", TOKEN_PUNCT, 7, 8);
        expect_token(&l, 3, "then", TOKEN_WORD, 8, 12);
        token_list_done(&l);
}

static void test_token_curly_quotes_mark_quoted(void **state)
{
        struct token_list l = { 0 };

        split("He said \xe2\x80\x9cwe will come\xe2\x80\x9d today", &l);
        assert_int_equal(l.n, 8);
        expect_token(&l, 2, "\xe2\x80\x9c", TOKEN_QUOTE_OPEN, 8, 11);
        expect_token(&l, 3, "we", TOKEN_WORD, 11, 13);
        expect_token(&l, 6, "\xe2\x80\x9d", TOKEN_QUOTE_CLOSE, 23, 26);
        assert_false(l.v[0].quoted);
        assert_false(l.v[1].quoted);
        assert_true(l.v[3].quoted);
        assert_true(l.v[4].quoted);
        assert_true(l.v[5].quoted);
        assert_false(l.v[7].quoted);
        token_list_done(&l);
}

static void test_token_straight_quotes_mark_quoted(void **state)
{
        struct token_list l = { 0 };

        split("He said \"we will\" now", &l);
        assert_int_equal(l.n, 7);
        expect_token(&l, 2, "\"", TOKEN_QUOTE_OPEN, 8, 9);
        expect_token(&l, 5, "\"", TOKEN_QUOTE_CLOSE, 16, 17);
        assert_false(l.v[1].quoted);
        assert_true(l.v[3].quoted);
        assert_true(l.v[4].quoted);
        assert_false(l.v[6].quoted);
        token_list_done(&l);
}

static void test_token_guillemets_are_quotes(void **state)
{
        struct token_list l = { 0 };

        split("\xc2\xab"
              "non\xc2\xbb dit",
              &l);
        assert_int_equal(l.n, 4);
        expect_token(&l, 0, "\xc2\xab", TOKEN_QUOTE_OPEN, 0, 2);
        expect_token(&l, 1, "non", TOKEN_WORD, 2, 5);
        expect_token(&l, 2, "\xc2\xbb", TOKEN_QUOTE_CLOSE, 5, 7);
        assert_true(l.v[1].quoted);
        assert_false(l.v[3].quoted);
        token_list_done(&l);
}

static void test_token_all_caps(void **state)
{
        struct token_list l = { 0 };

        split("ICC and I met Putin", &l);
        assert_int_equal(l.n, 5);
        assert_true(l.v[0].all_caps);
        assert_true(l.v[0].capitalized);
        assert_false(l.v[1].all_caps);
        assert_false(l.v[1].capitalized);
        /* one letter is not an acronym */
        assert_false(l.v[2].all_caps);
        assert_true(l.v[2].capitalized);
        assert_false(l.v[4].all_caps);
        assert_true(l.v[4].capitalized);
        token_list_done(&l);
}

static void test_token_wide_punctuation(void **state)
{
        struct token_list l = { 0 };

        /* an em dash is punctuation; a no-break space only separates */
        split("war\xe2\x80\x94peace\xc2\xa0now", &l);
        assert_int_equal(l.n, 4);
        expect_token(&l, 0, "war", TOKEN_WORD, 0, 3);
        expect_token(&l, 1, "\xe2\x80\x94", TOKEN_PUNCT, 3, 6);
        expect_token(&l, 2, "peace", TOKEN_WORD, 6, 11);
        expect_token(&l, 3, "now", TOKEN_WORD, 13, 16);
        token_list_done(&l);
}

static void test_token_empty_input(void **state)
{
        struct token_list l = { 0 };

        assert_int_equal(token_split("", 0, &l), 0);
        assert_int_equal(l.n, 0);
        /* a list that held tokens is reset */
        split("one two", &l);
        assert_int_equal(l.n, 2);
        assert_int_equal(token_split("", 0, &l), 0);
        assert_int_equal(l.n, 0);
        assert_int_equal(l.pool_len, 0);
        token_list_done(&l);
}

static void test_token_only_spaces(void **state)
{
        struct token_list l = { 0 };

        split("   \t \r\n  ", &l);
        assert_int_equal(l.n, 0);
        token_list_done(&l);
}

static void test_token_length_bounds_the_text(void **state)
{
        struct token_list l = { 0 };

        /* only len bytes are read, whatever follows */
        assert_int_equal(token_split("Mongolia visit", 8, &l), 0);
        assert_int_equal(l.n, 1);
        expect_token(&l, 0, "mongolia", TOKEN_WORD, 0, 8);
        token_list_done(&l);
}

static void test_token_list_reused(void **state)
{
        struct token_list l = { 0 };

        split("a long first sentence with many words", &l);
        assert_int_equal(l.n, 7);
        split("Short one", &l);
        assert_int_equal(l.n, 2);
        expect_token(&l, 0, "short", TOKEN_WORD, 0, 5);
        expect_token(&l, 1, "one", TOKEN_WORD, 6, 9);
        token_list_done(&l);
        assert_null(l.v);
        assert_null(l.pool);
}

static void test_token_huge_word(void **state)
{
        const size_t len = 1u << 20;
        struct token_list l = { 0 };
        char *text = malloc(len);

        assert_non_null(text);
        memset(text, 'X', len);
        assert_int_equal(token_split(text, len, &l), 0);
        assert_int_equal(l.n, 1);
        assert_int_equal(l.v[0].kind, TOKEN_WORD);
        assert_int_equal(l.v[0].start, 0);
        assert_int_equal(l.v[0].end, len);
        assert_int_equal(strlen(token_norm(&l, 0)), len);
        assert_int_equal(token_norm(&l, 0)[len - 1], 'x');
        assert_true(l.v[0].all_caps);
        token_list_done(&l);
        free(text);
}

/* Each token carries its form's length and hash, and its lemma's once set: a
 * table looks a token up by them (token_map_norm/lemma) and finds what a look-up
 * of the string finds. */
static void test_token_hash_and_length_match_the_form(void **state)
{
        struct token_list l = { 0 };
        struct strmap *m = strmap_new();

        assert_non_null(m);
        assert_int_equal(strmap_put(m, "visit", (void *)1), 0);
        assert_int_equal(strmap_put(m, "paris", (void *)2), 0);
        assert_int_equal(strmap_put(m, "o'brien", (void *)3), 0);
        split("The Visits to PARIS by O\xe2\x80\x99" "Brien, 2024.", &l);
        for (size_t i = 0; i < l.n; i++) {
                assert_int_equal(l.v[i].norm_len, strlen(token_norm(&l, i)));
                assert_true(l.v[i].norm_hash == strmap_hash(token_norm(&l, i), l.v[i].norm_len));
                assert_ptr_equal(token_map_norm(m, &l, i), strmap_get(m, token_norm(&l, i)));
                assert_ptr_equal(token_map_lemma(m, &l, i), strmap_get(m, token_norm(&l, i)));
        }
        assert_ptr_equal(token_map_norm(m, &l, 3), (void *)2);
        assert_ptr_equal(token_map_norm(m, &l, 5), (void *)3);
        assert_null(token_map_norm(m, &l, 1)); /* "visits" */
        assert_int_equal(token_set_lemma(&l, 1, "visit"), 0);
        assert_int_equal(l.v[1].lemma_len, 5);
        assert_ptr_equal(token_map_lemma(m, &l, 1), (void *)1);
        assert_null(token_map_norm(m, &l, 1));
        assert_int_equal(token_set_lemma(&l, 1, "visits"), 0); /* back to the form itself */
        assert_null(token_map_lemma(m, &l, 1));
        assert_true(l.v[1].lemma_hash == l.v[1].norm_hash);
        strmap_free(m);
        token_list_done(&l);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_token_kinds_and_offsets),
                cmocka_unit_test(test_token_hash_and_length_match_the_form),
                cmocka_unit_test(test_token_numbers),
                cmocka_unit_test(test_token_offsets_count_bytes),
                cmocka_unit_test(test_token_possessive_curly),
                cmocka_unit_test(test_token_possessive_straight),
                cmocka_unit_test(test_token_curly_apostrophe_normalised),
                cmocka_unit_test(test_token_inner_hyphen),
                cmocka_unit_test(test_token_us_abbreviation),
                cmocka_unit_test(test_token_sentence_dot_ends_word),
                cmocka_unit_test(test_token_curly_quotes_mark_quoted),
                cmocka_unit_test(test_token_straight_quotes_mark_quoted),
                cmocka_unit_test(test_token_guillemets_are_quotes),
                cmocka_unit_test(test_token_all_caps),
                cmocka_unit_test(test_token_wide_punctuation),
                cmocka_unit_test(test_token_empty_input),
                cmocka_unit_test(test_token_only_spaces),
                cmocka_unit_test(test_token_length_bounds_the_text),
                cmocka_unit_test(test_token_list_reused),
                cmocka_unit_test(test_token_huge_word),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
