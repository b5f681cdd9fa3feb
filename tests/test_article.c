/* Tests of article parsing (article.c with sentence.c): the header, paragraphs
 * and headings, sentence boundaries, the id and the document date, and every
 * kind of bad input, with the real lexicon of events/ for abbreviations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "article.h"
#include "internal/cleanup.h"
#include "fileio.h"
#include "lexicon.h"

static struct lexicon *lex;

static int setup(void **state)
{
        struct parse_error err = { 0 };

        return lexicon_load(HERALD_DATA_DIR "/lexicon.txt", &lex, &err);
}

static int teardown(void **state)
{
        lexicon_free(lex);
        return 0;
}

/* Parses len bytes of text (copied into a malloc'd buffer the article takes). */
static int parse_bytes(const char *text, size_t len, const struct article_options *opts, struct article **a,
                       struct parse_error *err)
{
        char *buf = malloc(len + 1);

        assert_non_null(buf);
        memcpy(buf, text, len);
        buf[len] = '\0';
        return article_parse(buf, len, opts, lex, a, err);
}

static int parse_with(const char *text, const struct article_options *opts, struct article **a, struct parse_error *err)
{
        return parse_bytes(text, strlen(text), opts, a, err);
}

/* Parses text that must be a good article; the fallback date is 2024-09-02. */
static struct article *parse_ok(const char *text)
{
        struct article_options opts = { .name = "test.txt", .fallback_date = "2024-09-02" };
        struct parse_error err = { 0 };
        struct article *a = NULL;

        assert_int_equal(parse_with(text, &opts, &a, &err), 0);
        assert_non_null(a);
        return a;
}

/* Parses text that must be rejected; returns err for the caller to check. */
static void parse_bad(const char *text, size_t len, struct parse_error *err)
{
        struct article_options opts = { .name = "bad.txt", .fallback_date = "2024-09-02" };
        struct article *a = NULL;

        assert_int_equal(parse_bytes(text, len, &opts, &a, err), -EINVAL);
        assert_null(a);
}

/* The text of bytes [start, end) of the article, for comparing. */
static const char *span(const struct article *a, size_t start, size_t end)
{
        static char buf[4096];

        assert_true(start <= end && end <= a->len);
        snprintf(buf, sizeof(buf), "%.*s", (int)(end - start), a->text + start);
        return buf;
}

static const char *para(const struct article *a, size_t p)
{
        assert_true(p < a->n_paragraphs);
        return span(a, a->paragraphs[p].start, a->paragraphs[p].end);
}

static const char *sent(const struct article *a, size_t p, size_t s)
{
        assert_true(p < a->n_paragraphs);
        assert_true(s < a->paragraphs[p].n_sentences);
        return span(a, a->paragraphs[p].sentences[s].start, a->paragraphs[p].sentences[s].end);
}

/* Parses a one-paragraph body and checks it splits into exactly the sentences
 * given. The article is freed before asserting, so a failure leaks nothing. */
static void expect_sentences(const char *paragraph, size_t n, const char *const *want)
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
                        snprintf(got[i], sizeof(got[i]), "%s", sent(a, 0, i));
        }
        article_free(a);
        assert_int_equal(n_paragraphs, 1);
        assert_false(heading);
        for (size_t i = 0; i < n && i < n_got && i < ELEMENTSOF(got); i++)
                assert_string_equal(got[i], want[i]);
        assert_int_equal(n_got, n);
}

static void test_article_header_keys(void **state)
{
        struct article *a = parse_ok("Id: Putin Visit\n"
                                     "Title: Putin visits Mongolia\n"
                                     "Date: 2024-08-30\n"
                                     "Source: Example News\n"
                                     "Url: https://example.org/a?b=c\n"
                                     "Language: en\n"
                                     "\n"
                                     "Vladimir Putin arrived on Monday.\n");

        assert_string_equal(a->id, "putin-visit");
        assert_string_equal(a->title, "Putin visits Mongolia");
        assert_string_equal(a->date, "2024-08-30");
        assert_string_equal(a->source, "Example News");
        assert_string_equal(a->url, "https://example.org/a?b=c");
        assert_string_equal(a->language, "en");
        assert_int_equal(a->n_paragraphs, 1);
        assert_string_equal(para(a, 0), "Vladimir Putin arrived on Monday.");
        article_free(a);
}

static void test_article_header_keys_case_insensitive(void **state)
{
        struct article *a = parse_ok("TITLE:   Loud title  \t\n"
                                     "date: 2024-01-05\n"
                                     "lAnGuAgE: fr\n"
                                     "URL: x\n"
                                     "source:S\n"
                                     "\n"
                                     "Body text.\n");

        assert_string_equal(a->title, "Loud title");
        assert_string_equal(a->date, "2024-01-05");
        assert_string_equal(a->language, "fr");
        assert_string_equal(a->url, "x");
        assert_string_equal(a->source, "S");
        assert_int_equal(a->n_paragraphs, 1);
        article_free(a);
}

static void test_article_no_header(void **state)
{
        struct article *a = parse_ok("Putin said: we came.\nSecond paragraph.\n");

        /* "Putin said" is not a header key: all of it is body */
        assert_null(a->title);
        assert_null(a->source);
        assert_int_equal(a->n_paragraphs, 2);
        assert_string_equal(para(a, 0), "Putin said: we came.");
        assert_string_equal(a->date, "2024-09-02");
        article_free(a);
}

static void test_article_body_starts_at_first_non_key_line(void **state)
{
        struct article *a = parse_ok("Title: T\n"
                                     "Author: Jane Doe\n"
                                     "Date: 2024-01-01\n"
                                     "Body line.\n");

        assert_string_equal(a->title, "T");
        /* the Date: line came after the body started: it is text, not the DCT */
        assert_string_equal(a->date, "2024-09-02");
        assert_int_equal(a->n_paragraphs, 3);
        assert_string_equal(para(a, 0), "Author: Jane Doe");
        assert_string_equal(para(a, 1), "Date: 2024-01-01");
        assert_string_equal(para(a, 2), "Body line.");
        article_free(a);
}

static void test_article_key_needs_colon_right_after(void **state)
{
        struct article *a = parse_ok("Title : not a header\nText.\n");

        assert_null(a->title);
        assert_int_equal(a->n_paragraphs, 2);
        assert_string_equal(para(a, 0), "Title : not a header");
        article_free(a);
}

static void test_article_paragraphs_skip_blank_lines(void **state)
{
        struct article *a = parse_ok("Date: 2024-09-02\n"
                                     "\n"
                                     "\n"
                                     "First paragraph here.\n"
                                     "\n"
                                     "   \n"
                                     "\t\n"
                                     "   Indented paragraph.  \t\n"
                                     "Third one.\n"
                                     "\n");

        assert_int_equal(a->n_paragraphs, 3);
        assert_string_equal(para(a, 0), "First paragraph here.");
        /* paragraphs are trimmed */
        assert_string_equal(para(a, 1), "Indented paragraph.");
        assert_string_equal(para(a, 2), "Third one.");
        assert_int_equal(a->paragraphs[0].start, strlen("Date: 2024-09-02\n\n\n"));
        article_free(a);
}

static void test_article_last_line_without_newline(void **state)
{
        struct article *a = parse_ok("One.\nTwo.");

        assert_int_equal(a->n_paragraphs, 2);
        assert_string_equal(para(a, 1), "Two.");
        assert_int_equal(a->paragraphs[1].end, a->len);
        article_free(a);
}

static void test_article_headings(void **state)
{
        struct article *a = parse_ok("Date: 2024-09-02\n\n"
                                     "Putin targeted by arrest warrant since 2023\n"
                                     "He arrived.\n"
                                     "Close ties with Russia and China\n"
                                     "A long line that has no final punctuation but has more than twelve words in it\n"
                                     "She said \xe2\x80\x9cyes\xe2\x80\x9d\n"
                                     "Is it over?\n");

        assert_int_equal(a->n_paragraphs, 6);
        assert_true(a->paragraphs[0].heading);
        assert_int_equal(a->paragraphs[0].n_sentences, 0);
        assert_false(a->paragraphs[1].heading);
        assert_int_equal(a->paragraphs[1].n_sentences, 1);
        assert_true(a->paragraphs[2].heading);
        assert_int_equal(a->paragraphs[2].n_sentences, 0);
        /* too many words for a heading: one sentence without a full stop */
        assert_false(a->paragraphs[3].heading);
        assert_int_equal(a->paragraphs[3].n_sentences, 1);
        /* a closing curly quote is final punctuation */
        assert_false(a->paragraphs[4].heading);
        assert_int_equal(a->paragraphs[4].n_sentences, 1);
        assert_false(a->paragraphs[5].heading);
        assert_int_equal(a->paragraphs[5].n_sentences, 1);
        article_free(a);
}

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

static void test_article_seed_paragraphs(void **state)
{
        /* paragraphs 2 and 4 of the seed article */
        static const char *const p2[] = {
                "His trip appears to be an act of defiance against the ICC, as Ukraine is at war, and many Western "
                "countries and human rights organizations have called for his arrest.",
                "kyiv immediately reacted angrily: Foreign Ministry spokesman Georgiy Tykhiy accused Mongolia of "
                "\xe2\x80\x9c"
                "allowing the indicted criminal to escape justice, thereby sharing responsibility for his war "
                "crimes.\xe2\x80\x9d",
        };
        static const char *const p4[] = {
                "Vladimir Putin has been the target of an arrest warrant since March 2023 for suspected illegal "
                "deportation of Ukrainian children to Russia.",
                "As a member of the Court, Mongolia is therefore required to arrest him, according to the Rome "
                "Statute on which the Court is founded.",
                "Last week, the ICC, based in The Hague, Netherlands, recalled that its member countries have an "
                "\xe2\x80\x9cobligation\xe2\x80\x9d to arrest people targeted by an arrest warrant.",
                "But in practice, it cannot force them.",
                "And when a member country does not fulfill its obligations towards the ICC, possible sanctions "
                "are essentially limited to a verbal reprimand.",
        };
        char text[2048] = "";

        for (size_t i = 0; i < ELEMENTSOF(p2); i++)
                snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s%s", i ? " " : "", p2[i]);
        expect_sentences(text, ELEMENTSOF(p2), p2);
        text[0] = '\0';
        for (size_t i = 0; i < ELEMENTSOF(p4); i++)
                snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s%s", i ? " " : "", p4[i]);
        expect_sentences(text, ELEMENTSOF(p4), p4);
}

static void test_article_bundled(void **state)
{
        static const size_t sentences[] = { 2, 2, 0, 5, 3, 0, 2, 4, 0, 2, 3, 4, 2 };
        const char *path = HERALD_DATA_DIR "/articles/putin-mongolia.txt";
        struct article_options opts = { .name = path };
        struct parse_error err = { 0 };
        struct article *a = NULL;
        char *text;
        size_t len;

        assert_int_equal(fileio_read(path, ARTICLE_DEFAULT_MAX_SIZE, &text, &len), 0);
        assert_int_equal(article_parse(text, len, &opts, lex, &a, &err), 0);
        assert_string_equal(a->id, "putin-mongolia");
        assert_string_equal(a->date, "2024-09-02");
        assert_string_equal(a->title, "Putin visits Mongolia despite ICC arrest warrant");
        assert_string_equal(a->language, "en");
        assert_int_equal(a->n_paragraphs, 13);
        for (size_t p = 0; p < a->n_paragraphs; p++) {
                /* headings are paragraphs 3, 6 and 9, counting from 1 */
                assert_int_equal(a->paragraphs[p].heading, p == 2 || p == 5 || p == 8);
                assert_int_equal(a->paragraphs[p].n_sentences, sentences[p]);
        }
        assert_string_equal(para(a, 2), "Putin targeted by arrest warrant since 2023");
        assert_string_equal(sent(a, 1, 0) + strlen(sent(a, 1, 0)) - strlen("for his arrest."), "for his arrest.");
        assert_int_equal(strncmp(sent(a, 1, 1), "kyiv immediately reacted angrily:", 33), 0);
        assert_string_equal(sent(a, 3, 3), "But in practice, it cannot force them.");
        article_free(a);
}

static void test_article_id_from_header(void **state)
{
        struct article *a = parse_ok("Id: Putin / Mongolia 2024!\n\nText.\n");

        assert_string_equal(a->id, "putin-mongolia-2024");
        article_free(a);
}

static void test_article_id_from_name(void **state)
{
        struct article_options opts = { .name = "/x/My Article.txt", .fallback_date = "2024-09-02" };
        struct parse_error err = { 0 };
        struct article *a = NULL;

        assert_int_equal(parse_with("Text.\n", &opts, &a, &err), 0);
        assert_string_equal(a->id, "my-article");
        article_free(a);

        opts.name = "/inbox/2024-09-02_Putin.Mongolia.md";
        assert_int_equal(parse_with("Text.\n", &opts, &a, &err), 0);
        assert_string_equal(a->id, "2024-09-02-putin-mongolia");
        article_free(a);

        opts.name = NULL;
        assert_int_equal(parse_with("Text.\n", &opts, &a, &err), 0);
        assert_string_equal(a->id, "article");
        article_free(a);
}

static void test_article_id_at_most_64(void **state)
{
        char text[256] = "Id: ";
        struct article *a;

        memset(text + 4, 'a', 100);
        strcpy(text + 104, "\n\nText.\n");
        a = parse_ok(text);
        assert_int_equal(strlen(a->id), ARTICLE_ID_MAX);
        assert_int_equal(strspn(a->id, "a"), ARTICLE_ID_MAX);
        article_free(a);
}

static void test_article_slugify(void **state)
{
        char out[ARTICLE_ID_MAX + 1], name[200] = "";

        article_slugify("  Hello, World!  ", out);
        assert_string_equal(out, "hello-world");
        article_slugify("", out);
        assert_string_equal(out, "article");
        article_slugify("--- !!! ---", out);
        assert_string_equal(out, "article");
        /* non-ASCII bytes separate like any other non-slug character */
        article_slugify("\xc3\x89T\xc3\x89 2024", out);
        assert_string_equal(out, "t-2024");
        for (int i = 0; i < 50; i++)
                strcat(name, "ab ");
        article_slugify(name, out);
        assert_true(strlen(out) <= ARTICLE_ID_MAX);
        assert_true(strlen(out) >= ARTICLE_ID_MAX - 1);
        assert_int_equal(strncmp(out, "ab-ab-ab-", 9), 0);
        assert_true(out[strlen(out) - 1] != '-');
}

/* At the 64-character limit the slug stops at a word boundary instead of gluing
 * the next word's first letter on. */
static void test_article_slugify_no_glued_word_at_limit(void **state)
{
        char out[ARTICLE_ID_MAX + 1], name[80], want[ARTICLE_ID_MAX + 1];

        memset(name, 'a', ARTICLE_ID_MAX - 1);
        strcpy(name + ARTICLE_ID_MAX - 1, " b");
        memset(want, 'a', ARTICLE_ID_MAX - 1);
        want[ARTICLE_ID_MAX - 1] = '\0';
        article_slugify(name, out);
        assert_string_equal(out, want);
}

static void test_article_date_from_header_over_fallback(void **state)
{
        struct article_options opts = { .name = "t.txt", .fallback_date = "2020-01-01" };
        struct parse_error err = { 0 };
        struct article *a = NULL;

        assert_int_equal(parse_with("Date: 2024-09-02\n\nText.\n", &opts, &a, &err), 0);
        assert_string_equal(a->date, "2024-09-02");
        article_free(a);
}

static void test_article_date_from_fallback(void **state)
{
        struct article_options opts = { .name = "t.txt", .fallback_date = "2020-01-01" };
        struct parse_error err = { 0 };
        struct article *a = NULL;

        assert_int_equal(parse_with("Title: T\n\nText.\n", &opts, &a, &err), 0);
        assert_string_equal(a->date, "2020-01-01");
        article_free(a);
}

static void test_article_date_time_header(void **state)
{
        struct article *a = parse_ok("Date: 2023-12-31T22:15:00+08:00\n\nText.\n");

        assert_string_equal(a->date, "2023-12-31");
        article_free(a);
}

static void test_article_no_date(void **state)
{
        struct article_options opts = { .name = "t.txt" };
        struct parse_error err = { 0 };
        struct article *a = NULL;

        assert_int_equal(parse_with("Title: T\n\nText.\n", &opts, &a, &err), -EINVAL);
        assert_null(a);
        assert_non_null(strstr(err.message, "no document date"));
        /* a fallback that is not a real date is no date */
        opts.fallback_date = "2023-02-29";
        assert_int_equal(parse_with("Title: T\n\nText.\n", &opts, &a, &err), -EINVAL);
        assert_null(a);
}

static void test_article_bad_header_date(void **state)
{
        static const char text[] = "Title: T\nSource: S\nDate: 2024-02-30\n\nText.\n";
        struct parse_error err = { 0 };

        parse_bad(text, strlen(text), &err);
        assert_int_equal(err.line, 3);
        assert_non_null(strstr(err.message, "bad date"));
        assert_non_null(strstr(err.message, "2024-02-30"));
}

static void test_article_bad_header_date_first_line(void **state)
{
        static const char text[] = "Date: yesterday\n\nText.\n";
        struct parse_error err = { 0 };

        /* the fallback date does not rescue a header that is wrong */
        parse_bad(text, strlen(text), &err);
        assert_int_equal(err.line, 1);
        assert_non_null(strstr(err.message, "yesterday"));
}

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

static void test_article_date_valid(void **state)
{
        assert_true(article_date_valid("2024-09-02"));
        assert_true(article_date_valid("2024-02-29"));
        assert_true(article_date_valid("2000-02-29"));
        assert_true(article_date_valid("2023-12-31"));
        assert_false(article_date_valid("2023-02-29"));
        assert_false(article_date_valid("1900-02-29"));
        assert_false(article_date_valid("2024-02-30"));
        assert_false(article_date_valid("2024-04-31"));
        assert_false(article_date_valid("2024-13-01"));
        assert_false(article_date_valid("2024-00-10"));
        assert_false(article_date_valid("2024-01-00"));
        assert_false(article_date_valid("0000-01-01"));
        assert_false(article_date_valid("2024-9-02"));
        assert_false(article_date_valid("2024-09-02x"));
        assert_false(article_date_valid("2024/09/02"));
        assert_false(article_date_valid("2024-0a-02"));
        assert_false(article_date_valid(""));
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_article_header_keys),
                cmocka_unit_test(test_article_header_keys_case_insensitive),
                cmocka_unit_test(test_article_no_header),
                cmocka_unit_test(test_article_body_starts_at_first_non_key_line),
                cmocka_unit_test(test_article_key_needs_colon_right_after),
                cmocka_unit_test(test_article_paragraphs_skip_blank_lines),
                cmocka_unit_test(test_article_last_line_without_newline),
                cmocka_unit_test(test_article_headings),
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
                cmocka_unit_test(test_article_seed_paragraphs),
                cmocka_unit_test(test_article_bundled),
                cmocka_unit_test(test_article_id_from_header),
                cmocka_unit_test(test_article_id_from_name),
                cmocka_unit_test(test_article_id_at_most_64),
                cmocka_unit_test(test_article_slugify),
                cmocka_unit_test(test_article_slugify_no_glued_word_at_limit),
                cmocka_unit_test(test_article_date_from_header_over_fallback),
                cmocka_unit_test(test_article_date_from_fallback),
                cmocka_unit_test(test_article_date_time_header),
                cmocka_unit_test(test_article_no_date),
                cmocka_unit_test(test_article_bad_header_date),
                cmocka_unit_test(test_article_bad_header_date_first_line),
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
                cmocka_unit_test(test_article_date_valid),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
