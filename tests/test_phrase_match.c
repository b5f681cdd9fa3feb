/* The matching paths of session 7 held to the ones they replaced, on every
 * line of every article in the repository (tagged, as the coder tags them),
 * as written and in capitals: phrase_table_match() (words compared by hash,
 * the first two words and the word after a gap tried inline) against the
 * strcmp matcher it replaced, on the rules' triggers, the lexicon's phrases and
 * the gazetteer's names; lexicon_phrase_at() (one look-up a token) against a
 * phrase table match and a word look-up; hits_requirements_met() (a sentence's
 * required words looked up once) against every pattern on every token.
 * Session 9 put filters in front of the walk (a bit per first word's hash,
 * a bit per word after each trie node's): the same comparison holds them,
 * and fails when either forgets the token's lemma.
 * phrase.c, lexicon.c and hits.c are compiled in to reach their insides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers/article_files.h"

#include "phrase.c"
#include "phrase_match.c"
#include "lexicon.c"
#include "hits.c"
#include "codebook.h"
#include "tagger.h"

/* ---- the matcher as it was (session 6), on the phrase's words and parts of speech ---- */

static bool old_word_fits(const struct phrase *p, size_t w, const struct token_list *tl, size_t i)
{
        if (!p->pos[w])
                return token_is(tl, i, p->words[w]);
        return tag_fits(p->pos[w], tl->v[i].tag) && strcmp(token_lemma(tl, i), p->words[w]) == 0;
}

static size_t old_match_from(const struct phrase *p, size_t w, const struct token_list *tl, size_t i);

static size_t old_match_quiet_gap(const struct phrase *p, size_t w, const struct token_list *tl, size_t i)
{
        for (size_t skip = 0; skip <= PHRASE_GAP && i + skip < tl->n; skip++) {
                size_t e = old_match_from(p, w + 1, tl, i + skip);

                if (e)
                        return e;
                if (!quiet(tl, i + skip))
                        return 0;
        }
        return 0;
}

static size_t old_match_from(const struct phrase *p, size_t w, const struct token_list *tl, size_t i)
{
        if (w == p->n_words)
                return i;
        if (strcmp(p->words[w], "~") == 0)
                return old_match_quiet_gap(p, w, tl, i);
        if (strcmp(p->words[w], "...") == 0) {
                for (size_t skip = 0; skip <= PHRASE_GAP && i + skip < tl->n; skip++) {
                        size_t e = old_match_from(p, w + 1, tl, i + skip);

                        if (e)
                                return e;
                }
                return 0;
        }
        if (i >= tl->n || !old_word_fits(p, w, tl, i))
                return 0;
        return old_match_from(p, w + 1, tl, i + 1);
}

static bool old_match_bucket(const struct phrase_bucket *b, const struct token_list *tl, size_t i, phrase_match_fn fn,
                             void *userdata)
{
        for (size_t k = 0; b && k < b->n; k++) {
                const struct phrase *p = b->v[k];
                size_t end;

                if (p->exact_case && !tl->v[i].all_caps)
                        continue;
                end = old_match_from(p, 0, tl, i);
                if (end && fn(p, i, end, userdata))
                        return true;
        }
        return false;
}

static void old_table_match(const struct phrase_table *t, const struct token_list *tl, size_t i, phrase_match_fn fn,
                            void *userdata)
{
        if (i >= tl->n)
                return;
        if (old_match_bucket(strmap_get(t->by_first, token_norm(tl, i)), tl, i, fn, userdata))
                return;
        if (t->by_lemma && tl->v[i].lemma != tl->v[i].norm)
                old_match_bucket(strmap_get(t->by_first, token_lemma(tl, i)), tl, i, fn, userdata);
}

/* ---- what each path answered ---- */

#define MAX_CALLS 256

struct calls {
        struct {
                const struct phrase *p;
                size_t start, end;
        } v[MAX_CALLS];
        size_t n, stop_at; /* fn says stop at the stop_at-th call (0: never) */
};

static bool record(const struct phrase *p, size_t start, size_t end, void *userdata)
{
        struct calls *c = userdata;

        assert_true(c->n < MAX_CALLS);
        c->v[c->n].p = p;
        c->v[c->n].start = start;
        c->v[c->n].end = end;
        return ++c->n == c->stop_at;
}

struct seen {
        const struct codebook *cb;
        struct phrase_table *names; /* the gazetteer's names and aliases, as it adds them */
        size_t tokens, matches, required;
};

static void same_calls(const struct phrase_table *t, const struct token_list *tl, size_t i, size_t stop_at,
                       struct seen *s)
{
        struct calls now = { .stop_at = stop_at }, then = { .stop_at = stop_at };

        phrase_table_match(t, tl, NULL, i, record, &now);
        old_table_match(t, tl, i, record, &then);
        if (now.n != then.n)
                fail_msg("at '%s' (token %zu): %zu phrases match, %zu before", token_norm(tl, i), i, now.n, then.n);
        for (size_t k = 0; k < now.n; k++)
                if (now.v[k].p != then.v[k].p || now.v[k].end != then.v[k].end)
                        fail_msg("at '%s' (token %zu), match %zu: '%s' to %zu, before '%s' to %zu", token_norm(tl, i), i,
                                 k, now.v[k].p->words[0], now.v[k].end, then.v[k].p->words[0], then.v[k].end);
        s->matches += now.n;
}

static unsigned old_count_required(const struct rule *r, const struct token_list *tl, bool *found)
{
        unsigned n = 0;

        for (size_t k = 0; k < r->n_requires && k < RULES_MAX_REQUIRES; k++)
                for (size_t i = 0; i < tl->n && !found[k]; i++)
                        if (rules_word_matches(r->requires[k], token_norm(tl, i))) {
                                found[k] = true;
                                n++;
                        }
        return n;
}

static bool old_requirements_met(const struct rule *r, const struct token_list *tl, const struct token_list *title)
{
        bool found[RULES_MAX_REQUIRES] = { false };
        unsigned n;

        if (!r->n_requires)
                return true;
        n = old_count_required(r, tl, found);
        if ((n || r->requires_title) && n < r->requires_at_least && title)
                n += old_count_required(r, title, found);
        return n >= r->requires_at_least;
}

/* Every rule's requirements on the sentence, with the previous sentence as the
 * title (and none), as hits_requirements_met() answers them after hits_find(). */
static void check_required(struct seen *s, const struct token_list *tl, const struct token_list *title)
{
        const struct rules *rs = s->cb->rules;
        struct hits h = { 0 }, h_none = { 0 };

        assert_int_equal(hits_find(rs, tl, NULL, &h), 0);
        assert_int_equal(hits_find(rs, tl, NULL, &h_none), 0);
        for (size_t r = 0; r < rs->n; r++) {
                if (hits_requirements_met(rs, rs->v[r], &h, tl, title) != old_requirements_met(rs->v[r], tl, title))
                        fail_msg("rule %zu (%s): requirements differ", r, rs->v[r]->kind);
                if (hits_requirements_met(rs, rs->v[r], &h_none, tl, NULL) != old_requirements_met(rs->v[r], tl, NULL))
                        fail_msg("rule %zu (%s): requirements differ without a title", r, rs->v[r]->kind);
                s->required += rs->v[r]->n_requires > 0;
        }
        hits_done(&h);
        hits_done(&h_none);
}

static void check_text(struct seen *s, const char *text, struct token_list *title)
{
        const struct lexicon *lex = s->cb->lexicon;
        struct token_list tl = { 0 };

        assert_int_equal(token_split(text, strlen(text), &tl), 0);
        assert_int_equal(tagger_tag(s->cb, &tl), 0);
        for (size_t i = 0; i <= tl.n; i++) { /* one past the end too */
                const struct phrase_table *tables[] = { s->cb->rules->triggers, lex->phrases, s->names };

                for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
                        same_calls(tables[t], &tl, i, 0, s);
                        same_calls(tables[t], &tl, i, 1, s);
                }
                for (unsigned bit = 0; bit < 32; bit++) {
                        struct phrase_want w = { 1u << bit, 0 };
                        size_t want = 0;

                        if (i < tl.n) {
                                phrase_table_match(lex->phrases, &tl, NULL, i, phrase_of_class, &w);
                                want = w.end ? w.end - i : (lexicon_word_at(lex, &tl, i) & (1u << bit)) != 0;
                        }
                        if (lexicon_phrase_at(lex, 1u << bit, &tl, i) != want)
                                fail_msg("lexicon class bit %u at token %zu of '%.60s'", bit, i, text);
                }
        }
        check_required(s, &tl, title);
        s->tokens += tl.n;
        token_list_done(title);
        *title = tl; /* the next line's title */
}

static void check_file(struct seen *s, const char *path)
{
        FILE *f = fopen(path, "r");
        struct token_list title = { 0 };
        char line[65536];

        assert_non_null(f);
        while (fgets(line, sizeof(line), f)) {
                check_text(s, line, &title);
                for (char *c = line; *c; c++) /* in capitals: the names written so match */
                        if (*c >= 'a' && *c <= 'z')
                                *c = (char)(*c - 'a' + 'A');
                check_text(s, line, &title);
        }
        token_list_done(&title);
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

/* The gazetteer's names as gazetteer.c adds them: "name" and "alias" values,
 * '|'-separated, each a phrase ("ICC" in capitals matches capitals only). */
static struct phrase_table *load_names(void)
{
        struct phrase_table *t = phrase_table_new();
        FILE *f = fopen(HERALD_DATA_DIR "/gazetteer.txt", "r");
        char line[8192];
        uintptr_t k = 1;

        assert_non_null(t);
        assert_non_null(f);
        while (fgets(line, sizeof(line), f)) {
                char *eq = strchr(line, '='), *save = NULL;

                if (!eq || (strncmp(line, "name", 4) != 0 && strncmp(line, "alias", 5) != 0 &&
                            strncmp(line, "context-alias", 13) != 0))
                        continue;
                for (char *item = strtok_r(eq + 1, "|\n", &save); item; item = strtok_r(NULL, "|\n", &save)) {
                        while (*item == ' ')
                                item++;
                        for (size_t n = strlen(item); n && item[n - 1] == ' ';)
                                item[--n] = '\0';
                        if (*item)
                                assert_int_equal(phrase_table_add(t, item, (void *)k++), 0);
                }
        }
        fclose(f);
        return t;
}

static void test_phrase_match_as_before_on_every_article(void **state)
{
        struct parse_error err = { 0 };
        struct codebook *cb = NULL;
        struct seen s = { 0 };

        (void)state;
        assert_int_equal(codebook_load(HERALD_DATA_DIR, &cb, &err), 0);
        s.cb = cb;
        s.names = load_names();
        check_dir(&s, HERALD_SOURCE_DIR "/events/articles");
        check_dir(&s, HERALD_SOURCE_DIR "/tests/golden/articles");
        check_dir(&s, HERALD_SOURCE_DIR "/tests/blind");
        print_message("%zu tokens, %zu phrase matches, %zu requirement checks\n", s.tokens, s.matches, s.required);
        assert_true(s.tokens > 100000); /* the inputs were found */
        assert_true(s.matches > 1000);
        phrase_table_free(s.names);
        codebook_free(cb);
}

/* Hand-made cases the articles may lack: gaps at the end and the start of a
 * sentence, a gap followed by a gap, a lemma after a gap, a quiet gap stopped
 * by a verb, capitals, and "*" alone. */
static void test_phrase_match_edges(void **state)
{
        static const char *const phrases[] = { "subject to ...", "a ... ... b", "welcome/v ... decision/n",
                                               "court/n ~ order/v", "ICC", "x ~", "talks", "be/v held" };
        static const char *const texts[] = { "It is subject to", "It is subject to sanctions .", "a b", "a x y b",
                                             "a 1 2 3 4 5 6 7 8 9 10 11 12 13 b", "They welcomed the decision",
                                             "They welcome the long awaited , much delayed decision",
                                             "The court on Tuesday ordered", "The court said he ordered",
                                             "the ICC and the icc", "x", "x x x", "Talks were held ."};
        struct parse_error err = { 0 };
        struct codebook *cb = NULL;
        struct phrase_table *t = phrase_table_new();
        struct seen s = { 0 };

        (void)state;
        assert_int_equal(codebook_load(HERALD_DATA_DIR, &cb, &err), 0);
        for (size_t k = 0; k < sizeof(phrases) / sizeof(phrases[0]); k++)
                assert_int_equal(phrase_table_add(t, phrases[k], (void *)(k + 1)), 0);
        for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
                struct token_list tl = { 0 };

                assert_int_equal(token_split(texts[k], strlen(texts[k]), &tl), 0);
                assert_int_equal(tagger_tag(cb, &tl), 0);
                for (size_t i = 0; i <= tl.n; i++)
                        same_calls(t, &tl, i, 0, &s);
                token_list_done(&tl);
        }
        assert_true(s.matches >= 8);
        phrase_table_free(t);
        codebook_free(cb);
}

/* The trie's own cases (session 8): phrases sharing a start with different
 * gaps after it, a node with more word children than are read one by one (so
 * found by hash), duplicates of a phrase, and more phrases matching at one
 * token than the walk keeps (the phrase-by-phrase fallback), each reported
 * as the old matcher did and in its order. */
static void test_phrase_match_trie(void **state)
{
        static const char *const shared[] = { "a ... b", "a ~ b", "a ... b c", "a b", "a ... ... c", "a b/n c",
                                              "a ~ c", "a b ...", "a c", "a d", "a e", "a f", "a g", "a b", "a" };
        static const char *const texts[] = { "a b c", "a x b c", "a x y b c d", "A B C", "a said b c",
                                             "a g f e d c b a", "a a a a a a a a a a a a a a a a a" };
        struct parse_error err = { 0 };
        struct codebook *cb = NULL;
        struct phrase_table *t = phrase_table_new(), *many = phrase_table_new();
        struct seen s = { 0 };

        (void)state;
        assert_int_equal(codebook_load(HERALD_DATA_DIR, &cb, &err), 0);
        for (size_t k = 0; k < sizeof(shared) / sizeof(shared[0]); k++)
                assert_int_equal(phrase_table_add(t, shared[k], (void *)(k + 1)), 0);
        for (size_t k = 0; k < 2 * FOUND_MAX; k++) /* all of them match "a a a ..." */
                assert_int_equal(phrase_table_add(many, k % 2 ? "a" : "a ... a", (void *)(k + 1)), 0);
        for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
                struct token_list tl = { 0 };

                assert_int_equal(token_split(texts[k], strlen(texts[k]), &tl), 0);
                assert_int_equal(tagger_tag(cb, &tl), 0);
                for (size_t i = 0; i <= tl.n; i++) {
                        for (size_t stop = 0; stop < 4; stop++) {
                                same_calls(t, &tl, i, stop, &s);
                                same_calls(many, &tl, i, stop, &s);
                        }
                }
                token_list_done(&tl);
        }
        assert_true(s.matches >= 2 * FOUND_MAX);
        phrase_table_free(t);
        phrase_table_free(many);
        codebook_free(cb);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_phrase_match_edges),
                cmocka_unit_test(test_phrase_match_trie),
                cmocka_unit_test(test_phrase_match_as_before_on_every_article),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
