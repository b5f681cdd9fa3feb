/* Tests of article parsing (article.c): the header, paragraphs and headings, the
 * id and the document date. Sentence boundaries are in test_article_sentence.c,
 * bad bytes and size limits in test_article_input.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fileio.h"
#include "helpers/article_fixture.h"

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
                cmocka_unit_test(test_article_date_valid),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
