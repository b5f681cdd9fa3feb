/* lexical_morph.c against the WordNet library it replaces: the same base form
 * as morphstr() for every word of the index and exception files, their
 * inflections (-s, -es, -ies, -ed, -ing, -er, -est, -men, -ful), hyphenated
 * pairs of them, and words just beside them, for each part of speech. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <wn.h>

#include "lexical.h"
#include "lexical_morph.h"

static const char *const part_names[] = { "noun", "verb", "adj", "adv" };

/* Whether both give the same answer for `word` in every part of speech. */
static size_t agree(const char *word, size_t *found)
{
        size_t checked = 0;

        for (int pos = NOUN; pos <= ADV; pos++) {
                char mine[LEXICAL_MORPH_BUF], lib[WORDBUF];
                const char *a = lexical_morph(word, pos, mine), *b;

                snprintf(lib, sizeof(lib), "%s", word);
                b = morphstr(lib, pos);
                if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
                        fail_msg("'%s' as %d: lexical_morph '%s', morphstr '%s'", word, pos, a ? a : "(none)",
                                 b ? b : "(none)");
                checked++;
                *found += a != NULL;
        }
        return checked;
}

/* The word, and the forms a rule or an exception could take back to it. */
static size_t agree_inflected(const char *word, size_t *found)
{
        static const char *const endings[] = { "", "s", "es", "ed", "ing", "er", "est", "men", "ful", "ses",
                                               "ies", "d", "ss", "-made", "ly" };
        char buf[160];
        size_t checked = 0, n = strlen(word);

        if (n == 0 || n > 60 || strpbrk(word, " _"))
                return 0;
        for (size_t e = 0; e < sizeof(endings) / sizeof(endings[0]); e++) {
                snprintf(buf, sizeof(buf), "%s%s", word, endings[e]);
                checked += agree(buf, found);
        }
        if (word[n - 1] == 'y' || word[n - 1] == 'e') { /* carry -> carries, carried; hope -> hoping */
                snprintf(buf, sizeof(buf), "%.*sies", (int)(n - 1), word);
                checked += agree(buf, found);
                snprintf(buf, sizeof(buf), "%.*sing", (int)(n - 1), word);
                checked += agree(buf, found);
        }
        snprintf(buf, sizeof(buf), "%.*s", (int)(n - 1), word); /* just before it in sort order */
        checked += agree(buf, found);
        return checked;
}

static FILE *open_dict(const char *name)
{
        const char *dir = getenv("WNSEARCHDIR");
        char path[4096];

        snprintf(path, sizeof(path), "%s/%s", dir ? dir : "/usr/share/wordnet", name);
        return fopen(path, "r");
}

/* Every n-th entry of each file (n = 1 with HERALD_MORPH_ALL=1 in the
 * environment: about 1.6 M look-ups, minutes, most of it the library's stdio). */
static size_t stride(size_t n)
{
        return getenv("HERALD_MORPH_ALL") ? 1 : n;
}

static void test_morph_answers_as_morphstr(void **state)
{
        static const char *const edges[] = { "", "a", "s", "es", "ful", "ss", "-", "a--b", "a-", "-a", "men",
                                             "children", "mothers-in-law", "ran", "better", "best", "went",
                                             "handsful", "teaspoonsful", "visited", "was", "aa", "zzz", "~",
                                             "a--b--c", "runs-ran", "geese-men" };
        /* as they are, inflected, joined to the one before: exception lists, then index files */
        const size_t plain[2] = { stride(5), stride(97) }, inflected[2] = { stride(61), stride(499) },
                     pairs[2] = { stride(53), stride(211) };
        struct parse_error err = { 0 };
        struct lexical *lx = NULL;
        size_t checked = 0, found = 0;
        char name[64], line[4096], prev[4096] = "";

        (void)state;
        assert_int_equal(lexical_open(&lx, &err), 0);
        assert_true(lexical_morph_in_memory());
        assert_int_equal(wninit(), 0); /* the reference: lexical_open no longer opens the library */
        for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
                checked += agree(edges[i], &found);
        for (size_t f = 0; f < 8; f++) {
                size_t k = 0, kind = f < 4 ? 0 : 1;
                FILE *fp;

                snprintf(name, sizeof(name), kind ? "index.%s" : "%s.exc", part_names[f % 4]);
                assert_non_null(fp = open_dict(name));
                while (fgets(line, sizeof(line), fp)) {
                        if (line[0] == ' ')
                                continue; /* the licence at the top of an index file */
                        line[strcspn(line, " \n")] = '\0';
                        if (k % inflected[kind] == 0)
                                checked += agree_inflected(line, &found);
                        else if (k % plain[kind] == 0 && !strpbrk(line, "_"))
                                checked += agree(line, &found);
                        if (k % pairs[kind] == 0 && !strpbrk(line, "_") && !strpbrk(prev, "_") && strlen(line) < 60 &&
                            strlen(prev) < 60) {
                                char pair[160];

                                snprintf(pair, sizeof(pair), "%.70s-%.70s", prev, line);
                                checked += agree(pair, &found);
                        }
                        snprintf(prev, sizeof(prev), "%s", line);
                        k++;
                }
                fclose(fp);
        }
        printf("morphology: %zu look-ups answered as morphstr() does (%zu with a base form)\n", checked, found);
        assert_true(found > 1000);
        lexical_free(lx);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_morph_answers_as_morphstr),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
