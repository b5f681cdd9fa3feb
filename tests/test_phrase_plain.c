/* phrase_compile: the shortcut that splits plain phrases without the tokenizer
 * gives the phrase the tokenizer gives (words, parts of speech, exact case, the
 * error), on every piece of every line of the data files and tests' articles
 * and on random texts over the characters that matter to either.
 *   test_phrase_plain SOURCE_DIR */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "phrase.h"

static const char *source_dir;
static size_t n_compared, n_plain;

static void compare(struct phrase_table *t, const char *text)
{
        struct phrase *slow = NULL, *fast = NULL;
        int rs = phrase_compile(t, text, false, &slow), rf = phrase_compile(t, text, true, &fast);

        n_compared++;
        n_plain += rf == 1;
        rf = rf == 1 ? 0 : rf;
        if (rs != rf)
                fail_msg("'%s': %d by the tokenizer, %d by the shortcut", text, rs, rf);
        if (rs < 0)
                return;
        if (slow->n_words != fast->n_words || slow->exact_case != fast->exact_case)
                fail_msg("'%s': %zu words%s by the tokenizer, %zu%s by the shortcut", text, slow->n_words,
                         slow->exact_case ? " exact" : "", fast->n_words, fast->exact_case ? " exact" : "");
        for (size_t i = 0; i < slow->n_words; i++)
                if (strcmp(slow->words[i], fast->words[i]) != 0 || slow->pos[i] != fast->pos[i])
                        fail_msg("'%s' word %zu: '%s'/%u by the tokenizer, '%s'/%u by the shortcut", text, i,
                                 slow->words[i], slow->pos[i], fast->words[i], fast->pos[i]);
        /* and the words as the matcher reads them (kind, length, hash) */
        for (size_t i = 0; i < slow->n_words; i++) {
                const struct phrase_word *a = &slow->compiled[i], *b = &fast->compiled[i];

                if (a->kind != b->kind || a->len != b->len || a->hash != b->hash || a->pos != b->pos ||
                    strcmp(a->text, b->text) != 0)
                        fail_msg("'%s' word %zu: compiled differently by the tokenizer and the shortcut", text, i);
        }
        free(slow);
        free(fast);
}

/* Every piece of a line cut at the data files' separators, and the line. */
static void compare_line(struct phrase_table *t, char *line)
{
        compare(t, line);
        for (char *piece = strtok(line, "|,=:;[]{}()\t\""); piece; piece = strtok(NULL, "|,=:;[]{}()\t\"")) {
                compare(t, piece);
                while (*piece == ' ')
                        piece++;
                compare(t, piece);
        }
}

static void compare_files(struct phrase_table *t, const char *dir)
{
        char path[8192], line[8192];
        struct dirent *e;
        DIR *d = opendir(dir);

        assert_non_null(d);
        while ((e = readdir(d))) {
                FILE *f;

                if (!strstr(e->d_name, ".txt"))
                        continue;
                assert_true((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) < sizeof(path));
                assert_non_null(f = fopen(path, "r"));
                while (fgets(line, sizeof(line), f)) {
                        line[strcspn(line, "\n")] = '\0';
                        compare_line(t, line);
                }
                fclose(f);
        }
        closedir(d);
}

static void test_phrase_plain_the_codebook_and_articles(void **state)
{
        static const char *const dirs[] = { "events", "events/articles", "tests/golden/articles" };
        struct phrase_table *t = phrase_table_new();
        struct phrase *p = NULL;
        char dir[4096];

        (void)state;
        for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
                snprintf(dir, sizeof(dir), "%s/%s", source_dir, dirs[i]);
                compare_files(t, dir);
        }
        printf("compared %zu texts, %zu of them split by the shortcut\n", n_compared, n_plain);
        assert_true(n_plain > n_compared / 4); /* the shortcut is taken: what it is for */
        assert_int_equal(phrase_compile(t, "meet/v with", true, &p), 1);
        free(p);
        phrase_table_free(t);
}

static void test_phrase_plain_random_texts(void **state)
{
        static const char alphabet[] = "aZbY09 /nvarx.~'-,\xe2\x80\x99\xc2";
        struct phrase_table *t = phrase_table_new();
        char text[24];
        uint64_t seed = 0x9e3779b97f4a7c15ull;

        (void)state;
        for (int k = 0; k < 300000; k++) {
                size_t len;

                seed = seed * 6364136223846793005ull + 1442695040888963407ull;
                len = (size_t)(seed >> 59) % sizeof(text);
                for (size_t i = 0; i < len; i++) {
                        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
                        text[i] = alphabet[(seed >> 33) % (sizeof(alphabet) - 1)];
                }
                text[len] = '\0';
                compare(t, text);
        }
        phrase_table_free(t);
}

/* Texts at the shortcut's edges, each either plain or sent on to the tokenizer. */
static void test_phrase_plain_edges(void **state)
{
        static const char *const texts[] = {
                "",          " ",          "a",          "A",          "US",         "US/n",       "G20",
                "GB2",       "Us",         "x/v",        "x/V",        "x/q",        "x/vv",       "x/ v",
                "x /v",      "/v",         "...",        "a ...",      "a ... b",    "a...b",      "a ...b",
                "....",      "~",          "a ~ b",      "a~",         "a  b",       "a\tb",       " a b ",
                "meet/v with",            "court/n ~ order/v",       "subject to ... sanctions",
                "visit/n to", "Putin's",   "trans-Mongolian",         "U.S.",       "3.5",        "a,b",
                "caf\xc3\xa9", "\xe2\x80\x9c" "a",   "a/v/n",      "a/n b/r c/a",
        };
        struct phrase_table *t = phrase_table_new();
        struct phrase *p = NULL;

        (void)state;
        for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
                compare(t, texts[i]);
        assert_int_equal(phrase_compile(t, "US", true, &p), 1);
        assert_true(p->exact_case);
        free(p);
        phrase_table_free(t);
}

int main(int argc, char **argv)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_phrase_plain_the_codebook_and_articles),
                cmocka_unit_test(test_phrase_plain_random_texts),
                cmocka_unit_test(test_phrase_plain_edges),
        };

        if (argc != 2) {
                fprintf(stderr, "usage: test_phrase_plain SOURCE_DIR\n");
                return 64;
        }
        source_dir = argv[1];
        return cmocka_run_group_tests(tests, NULL, NULL);
}
