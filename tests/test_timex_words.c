/* The time patterns' word table (timex.c's by_word): for every token of every
 * article in the repository and of generated number words, the one look-up
 * answers what match_slot() answers for each slot, and finds the patterns the
 * word starts, so best_at() tries exactly the patterns it tried without it.
 * timex.c is compiled into this test to reach its static functions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers/article_files.h"

#include "timex.c"

struct seen {
        const struct timex_rules *r;
        size_t tokens, taken; /* tokens checked; (token, slot) pairs a slot other than <word> took */
};

/* Every slot at every token of text: tok_info_at()'s bits as match_slot(). */
static void check_text(struct seen *s, const char *text)
{
        struct token_list tl = { 0 };

        assert_int_equal(token_split(text, strlen(text), &tl), 0);
        for (size_t i = 0; i < tl.n; i++) {
                struct tok_info ti = tok_info_at(s->r, &tl, text, i);
                const struct timex_word *tw = ti.tw;

                assert_ptr_equal(tw ? tw->first : NULL, token_map_norm(s->r->by_first_word, &tl, i));
                for (size_t slot = 1; slot < N_SLOTS; slot++) {
                        struct capture a;
                        bool want = match_slot(s->r, (enum slot)slot, &tl, text, i, &a) != 0;

                        if (slot == SLOT_EVENT) /* matched where a pattern asks: it may take several tokens */
                                continue;
                        if ((ti.takes >> slot & 1u) != want)
                                fail_msg("slot %zu at '%s' in '%.60s': match_slot says %d", slot, token_norm(&tl, i),
                                         text, want);
                        s->taken += want && slot != SLOT_WORD;
                }
                s->tokens++;
        }
        token_list_done(&tl);
}

static void check_file(struct seen *s, const char *path)
{
        FILE *f = fopen(path, "r");
        char line[65536];

        assert_non_null(f);
        while (fgets(line, sizeof(line), f))
                check_text(s, line);
        fclose(f);
}

static void check_path(const char *path, void *s)
{
        check_file(s, path);
}

static void check_dir(struct seen *s, const char *dir)
{
        each_article_file(dir, check_path, s);
}

/* Each key of the rules' maps as a sentence of its own, as written and in capitals. */
static int check_key(const char *key, void *value, void *userdata)
{
        char upper[256];
        size_t k;

        (void)value;
        check_text(userdata, key);
        for (k = 0; key[k] && k + 1 < sizeof(upper); k++)
                upper[k] = (char)(key[k] >= 'a' && key[k] <= 'z' ? key[k] - 'a' + 'A' : key[k]);
        upper[k] = '\0';
        check_text(userdata, upper);
        return 0;
}

static void test_word_table_answers_as_match_slot(void **state)
{
        static const char *const suffixes[] = { "", "st", "nd", "rd", "th", "s", "-4", "-31", "-", ".5", ",000" };
        struct timex_rules *r = NULL;
        struct parse_error err = { 0 };
        struct seen s = { 0 };
        char text[64];

        (void)state;
        assert_int_equal(timex_rules_load(HERALD_DATA_DIR "/timex.txt", &r, &err), 0);
        s.r = r;
        check_dir(&s, HERALD_SOURCE_DIR "/tests/blind");
        check_dir(&s, HERALD_SOURCE_DIR "/tests/golden/articles");
        check_dir(&s, HERALD_SOURCE_DIR "/events/articles");
        assert_int_equal(strmap_foreach_key(r->by_first_word, check_key, &s), 0);
        for (size_t slot = 0; slot < N_SLOTS; slot++)
                assert_int_equal(strmap_foreach_key(r->words[slot], check_key, &s), 0);
        /* numbers of every width a slot reads, with the endings ordinals and ranges have */
        for (long v = 0; v <= 100000; v = v < 40 ? v + 1 : v * 3 + 7)
                for (size_t k = 0; k < sizeof(suffixes) / sizeof(suffixes[0]); k++) {
                        snprintf(text, sizeof(text), "on %ld%s March", v, suffixes[k]);
                        check_text(&s, text);
                }
        assert_true(s.tokens > 40000);
        assert_true(s.taken > 1000); /* the slots took words: the comparison was not vacuous */
        timex_rules_free(r);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_word_table_answers_as_match_slot),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
