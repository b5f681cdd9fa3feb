/* Tests of the lexical layer (lexical.c): lemmas and parts of speech from
 * WordNet 3.0, the per-word cache, and the error for a missing database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <wn.h>

#include "lexical.h"

/* Runs first, before any test opens the database in this process. */
static void test_lexical_missing_database_is_a_clear_error(void **state)
{
        struct parse_error err = { 0 };
        struct lexical *lx = NULL;

        (void)state;
        setenv("WNSEARCHDIR", "/nonexistent-wordnet", 1);
        assert_true(lexical_open(&lx, &err) < 0);
        assert_null(lx);
        assert_non_null(strstr(err.file, "/nonexistent-wordnet"));
        assert_non_null(strstr(err.message, "WordNet"));
        unsetenv("WNSEARCHDIR");
}

static struct lexical *open_db(void)
{
        struct parse_error err = { 0 };
        struct lexical *lx = NULL;

        assert_int_equal(lexical_open(&lx, &err), 0);
        return lx;
}

static void test_lexical_inflections_have_their_lemma(void **state)
{
        struct lexical *lx = open_db();
        const struct lexeme *l;

        (void)state;
        l = lexical_lookup(lx, "visited");
        assert_true(l->pos & LEXICAL_VERB);
        assert_false(l->pos & LEXICAL_NOUN);
        assert_string_equal(lexeme_lemma(l, LEXICAL_VERB, "visited"), "visit");
        l = lexical_lookup(lx, "visits");
        assert_true((l->pos & (LEXICAL_NOUN | LEXICAL_VERB)) == (LEXICAL_NOUN | LEXICAL_VERB));
        assert_string_equal(lexeme_lemma(l, LEXICAL_NOUN, "visits"), "visit");
        l = lexical_lookup(lx, "told");
        assert_string_equal(lexeme_lemma(l, LEXICAL_VERB, "told"), "tell");
        l = lexical_lookup(lx, "states");
        assert_string_equal(lexeme_lemma(l, LEXICAL_NOUN, "states"), "state");
        l = lexical_lookup(lx, "consultations");
        assert_string_equal(lexeme_lemma(l, LEXICAL_NOUN, "consultations"), "consultation");
        lexical_free(lx);
}

static void test_lexical_unknown_words_have_no_part_of_speech(void **state)
{
        struct lexical *lx = open_db();

        (void)state;
        assert_int_equal(lexical_lookup(lx, "khurelsukh")->pos, 0);
        assert_int_equal(lexical_lookup(lx, "u.s")->pos, 0); /* not a plain word: not asked */
        assert_int_equal(lexical_lookup(lx, "")->pos, 0);
        assert_string_equal(lexeme_lemma(lexical_lookup(lx, "khurelsukh"), LEXICAL_NOUN, "khurelsukh"), "khurelsukh");
        lexical_free(lx);
}

static void test_lexical_lookups_are_cached(void **state)
{
        struct lexical *lx = open_db();
        const struct lexeme *a = lexical_lookup(lx, "arrived"), *b = lexical_lookup(lx, "arrived");

        (void)state;
        assert_ptr_equal(a, b);
        lexical_free(lx);
}

/* Whether lexical's own search of the index files answers as WordNet's in_wn()
 * does, for `word` and words just beside it in sort order. */
static size_t agree(const char *word)
{
        static const char *const before[] = { "", "", "", "", "a", "", "" }, *const after[] = { "", "s", "", "z", "", "_", "-" };
        size_t n = strlen(word), checked = 0;
        char buf[256];

        for (size_t v = 0; v < sizeof(before) / sizeof(before[0]); v++) {
                snprintf(buf, sizeof(buf), "%s%.*s%s", before[v], (int)(v == 2 && n ? n - 1 : n), word, after[v]);
                if (lexical_in_index(buf) != in_wn(buf, ALL_POS))
                        fail_msg("'%s': lexical_in_index %u, in_wn %u", buf, lexical_in_index(buf),
                                 in_wn(buf, ALL_POS));
                checked++;
        }
        return checked;
}

static void test_lexical_index_search_answers_as_wordnet(void **state)
{
        static const char *const names[] = { "noun", "verb", "adj", "adv" };
        static const char *const edges[] = { "", " ", "a", "aa", "zymurgy", "zzz", "~", "1", "visit", "be" };
        struct lexical *lx = open_db();
        size_t checked = 0, found = 0;
        char path[4096], line[4096];

        (void)state;
        assert_int_equal(wninit(), 0); /* the reference: lexical_open no longer opens the library */
        for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
                checked += agree(edges[i]);
        for (size_t f = 0; f < 4; f++) {
                FILE *fp;
                size_t k = 0;

                snprintf(path, sizeof(path), "%s/index.%s", getenv("WNSEARCHDIR") ? getenv("WNSEARCHDIR") :
                                                            "/usr/share/wordnet", names[f]);
                assert_non_null(fp = fopen(path, "r"));
                while (fgets(line, sizeof(line), fp)) { /* every 97th entry, and the last */
                        line[strcspn(line, " ")] = '\0';
                        if (k++ % 97 == 0) {
                                checked += agree(line);
                                found += lexical_in_index(line) != 0;
                        }
                }
                checked += agree(line);
                found += lexical_in_index(line) != 0;
                fclose(fp);
        }
        printf("index search: %zu words answered as in_wn() does (%zu entries found)\n", checked, found);
        assert_true(found > 1000);
        lexical_free(lx);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_lexical_missing_database_is_a_clear_error),
                cmocka_unit_test(test_lexical_inflections_have_their_lemma),
                cmocka_unit_test(test_lexical_unknown_words_have_no_part_of_speech),
                cmocka_unit_test(test_lexical_lookups_are_cached),
                cmocka_unit_test(test_lexical_index_search_answers_as_wordnet),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
