/* Tests of sentence boundaries (sentence.c, through article_parse): terminators,
 * abbreviations and initials, list numbers, and quotations cut into their
 * sentences with the speaker named around them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers/article_fixture.h"

static void test_article_sentence_terminators(void **state)
{
        static const char *const want[] = { "He came.", "Did he?", "Yes!", "Really?!", "Fine." };

        expect_sentences("He came. Did he? Yes! Really?! Fine.", 5, want);
}

static void test_article_sentence_without_final_stop(void **state)
{
        static const char *const want[] = { "He came.", "And then a long trailing clause without any stop at "
                                                        "the end of this line at all" };

        expect_sentences("He came. And then a long trailing clause without any stop at the end of this line at all", 2,
                         want);
}

static void test_article_sentence_closing_quote(void **state)
{
        static const char *const want[] = { "He said \xe2\x80\x9cstop.\xe2\x80\x9d", "Then he left.",
                                            "She said \"go!\"", "They went (quickly.)", "Done." };

        expect_sentences("He said \xe2\x80\x9cstop.\xe2\x80\x9d Then he left. She said \"go!\" They went (quickly.) "
                         "Done.",
                         5, want);
}

static void test_article_sentence_lower_case_start(void **state)
{
        static const char *const want[] = { "He was not arrested as he got off the plane.",
                                            "kyiv immediately reacted angrily." };

        expect_sentences("He was not arrested as he got off the plane. kyiv immediately reacted angrily.", 2, want);
}

static void test_article_sentence_no_split_inside_word(void **state)
{
        static const char *const want[] = { "It grew 3.5 percent, see example.com for more.", "Next." };

        expect_sentences("It grew 3.5 percent, see example.com for more. Next.", 2, want);
}

static void test_article_abbreviations(void **state)
{
        static const char *const want[] = { "Mr. Smith met Dr. Jones and U.S. officials in Washington.",
                                            "They talked." };

        expect_sentences("Mr. Smith met Dr. Jones and U.S. officials in Washington. They talked.", 2, want);
}

static void test_article_abbreviation_after_bracket(void **state)
{
        static const char *const want[] = { "A spokesman (Gen. Ivanov) and \"Mr. Lee\" spoke.", "Then." };

        expect_sentences("A spokesman (Gen. Ivanov) and \"Mr. Lee\" spoke. Then.", 2, want);
}

/* A list number opening a paragraph ("1. The Leaders ...", as in numbered joint
 * statements) is a marker, not a sentence of its own; a number ending a
 * sentence later in the paragraph still ends it. */
static void test_article_list_number_not_a_sentence(void **state)
{
        static const char *const want[] = { "12. The Leaders met in 2024.", "They talked." };

        expect_sentences("12. The Leaders met in 2024. They talked.", 2, want);
}

static void test_article_initials(void **state)
{
        static const char *const want[] = { "George W. Bush visited Texas.", "He left." };

        expect_sentences("George W. Bush visited Texas. He left.", 2, want);
}

/* A quotation of several sentences is cut into them (kinds.md: a '.' ends a
 * sentence); each keeps the whole quotation and the sentence naming its speaker. */
static void expect_quote_split(const char *paragraph, const char *const *want, size_t n, const char *quote,
                               size_t speaker)
{
        char text[2048], got_quote[4096] = "";
        size_t n_got, speakers[8];
        struct article *a;

        expect_sentences(paragraph, n, want);
        snprintf(text, sizeof(text), "Date: 2024-09-02\n\n%s\n", paragraph);
        a = parse_ok(text);
        n_got = a->paragraphs[0].n_sentences;
        for (size_t i = 0; i < n_got && i < ELEMENTSOF(speakers); i++)
                speakers[i] = a->paragraphs[0].sentences[i].speaker;
        snprintf(got_quote, sizeof(got_quote), "%s",
                 span(a, a->paragraphs[0].sentences[0].quote_start, a->paragraphs[0].sentences[0].quote_end));
        article_free(a);
        assert_string_equal(got_quote, quote);
        for (size_t i = 0; i + 1 < n; i++) /* the last sentence is outside the quotation */
                assert_int_equal(speakers[i], speaker);
        assert_int_equal(speakers[n - 1], SENTENCE_NONE);
}

static void test_article_quotation_is_split(void **state)
{
        static const char *const want[] = {
                "\xe2\x80\x9cWe will come.",
                "We are ready,\xe2\x80\x9d he said.",
                "Then he left.",
        };

        expect_quote_split("\xe2\x80\x9cWe will come. We are ready,\xe2\x80\x9d he said. Then he left.", want, 3,
                           "We will come. We are ready,", 1);
}

static void test_article_straight_quotation_is_split(void **state)
{
        static const char *const want[] = { "\"We will come.", "We are ready,\" he said.", "Then he left." };

        expect_quote_split("\"We will come. We are ready,\" he said. Then he left.", want, 3,
                           "We will come. We are ready,", 1);
}

/* The speaker named before the quotation: its first sentence. */
static void test_article_quotation_speaker_before(void **state)
{
        static const char *const want[] = {
                "He said: \xe2\x80\x9cWe will come.",
                "We are ready.\xe2\x80\x9d",
                "Then he left.",
        };

        expect_quote_split("He said: \xe2\x80\x9cWe will come. We are ready.\xe2\x80\x9d Then he left.", want, 3,
                           "We will come. We are ready.", 0);
}

/* A paragraph that is all quotation names no speaker. */
static void test_article_quotation_without_speaker(void **state)
{
        static const char *const want[] = { "\xe2\x80\x9cWe will come.", "We are ready.\xe2\x80\x9d", "Then." };

        expect_quote_split("\xe2\x80\x9cWe will come. We are ready.\xe2\x80\x9d Then.", want, 3,
                           "We will come. We are ready.", SENTENCE_NONE);
}

static void test_article_unbalanced_curly_quote(void **state)
{
        static const char *const want[] = { "He said \xe2\x80\x9cwe will come.", "Then he left.", "Others stayed." };

        expect_sentences("He said \xe2\x80\x9cwe will come. Then he left. Others stayed.", 3, want);
}

static void test_article_unbalanced_straight_quote(void **state)
{
        static const char *const want[] = { "He said \"we will come.", "Then he left.", "Others stayed." };

        expect_sentences("He said \"we will come. Then he left. Others stayed.", 3, want);
}

/* An opening quote glued to an abbreviation (“Mr.) does not hide it, even when the
 * quotation runs on into the next paragraph and so has no pair. */
static void test_article_abbreviation_after_open_quote(void **state)
{
        static const char *const want[] = { "\xe2\x80\x9cMr. Putin is welcome here.", "We are a neutral country." };

        expect_sentences("\xe2\x80\x9cMr. Putin is welcome here. We are a neutral country.", 2, want);
}

/* Guillemets pair like curly quotes. */
static void test_article_guillemet_quotation_is_split(void **state)
{
        static const char *const want[] = { "\xc2\xabWe will come.", "We are ready,\xc2\xbb he said.", "Then." };

        expect_quote_split("\xc2\xabWe will come. We are ready,\xc2\xbb he said. Then.", want, 3,
                           "We will come. We are ready,", 1);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_article_sentence_terminators),
                cmocka_unit_test(test_article_sentence_without_final_stop),
                cmocka_unit_test(test_article_sentence_closing_quote),
                cmocka_unit_test(test_article_sentence_lower_case_start),
                cmocka_unit_test(test_article_sentence_no_split_inside_word),
                cmocka_unit_test(test_article_abbreviations),
                cmocka_unit_test(test_article_abbreviation_after_bracket),
                cmocka_unit_test(test_article_list_number_not_a_sentence),
                cmocka_unit_test(test_article_initials),
                cmocka_unit_test(test_article_quotation_is_split),
                cmocka_unit_test(test_article_quotation_speaker_before),
                cmocka_unit_test(test_article_quotation_without_speaker),
                cmocka_unit_test(test_article_straight_quotation_is_split),
                cmocka_unit_test(test_article_unbalanced_curly_quote),
                cmocka_unit_test(test_article_unbalanced_straight_quote),
                cmocka_unit_test(test_article_abbreviation_after_open_quote),
                cmocka_unit_test(test_article_guillemet_quotation_is_split),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
