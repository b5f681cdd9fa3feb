/* The mention finders' short cuts (session 8) against what they skip, on every
 * token of every article in the repository and on every name and alias of the
 * gazetteer: gazetteer_match() asks its phrase table only where the filter of
 * alias openings (a word, or two) lets it, gazetteer_demonym_at() its maps
 * only at a word its filter holds; and mention_find() asks the finders that
 * need a capital, a name word, or "the" before, only there (and, since session
 * 9, those that need capitals, a bracket, or an organisation's noun; since
 * session 10, those facts_may() says cannot start at a word).
 * gazetteer.c is compiled into this test to reach its table and filters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers/article_files.h"

#include "acronyms.h"
#include "bodies.h"
#include "datafile.h"
#include "strcopy.h"
#include "gazetteer.c"
#include "lexicon.h"
#include "mention_facts.h"
#include "names.h"
#include "pairs.h"
#include "tagger.h"
#include "titles.h"

static struct codebook *cb;

struct seen {
        size_t tokens, aliases, filtered, demonyms, twos, gated, may;
};

/* What gazetteer_match() was: the alias table asked at every word. */
static size_t old_match(const struct gazetteer *g, const struct token_list *tl, const char *text, size_t i,
                        const struct entity **ret, bool *contextual)
{
        size_t end;
        const struct phrase *p = phrase_table_longest(g->aliases, tl, text, i, &end);

        if (!p)
                return 0;
        *ret = (const struct entity *)((uintptr_t)p->value & ~(uintptr_t)1);
        *contextual = (uintptr_t)p->value & 1;
        return end;
}

/* What gazetteer_demonym_at() was: both maps asked at every word. */
static const struct entity *old_demonym_at(const struct gazetteer *g, const struct token_list *tl, size_t i,
                                           size_t *len)
{
        const struct entity *e;
        char two[128];
        size_t n;

        if (i >= tl->n || tl->v[i].kind != TOKEN_WORD)
                return NULL;
        if (i + 1 < tl->n && tl->v[i + 1].kind == TOKEN_WORD && token_map_norm(g->demonym_firsts, tl, i) &&
            (n = join_two(tl, i, two, sizeof(two))) && (e = strmap_getn(g->demonyms, two, n))) {
                *len = 2;
                return e;
        }
        *len = 1;
        return token_map_norm(g->demonyms, tl, i);
}

static void check_lookups(const struct gazetteer *g, struct seen *s, const struct token_list *tl, const char *text)
{
        for (size_t i = 0; i <= tl->n; i++) {
                const struct entity *a = NULL, *b = NULL;
                bool ca = false, cb_ = false;
                size_t ea = old_match(g, tl, text, i, &a, &ca), eb = gazetteer_match(g, tl, text, i, &b, &cb_);
                size_t la = 0, lb = 0;
                const struct entity *da = old_demonym_at(g, tl, i, &la), *db = gazetteer_demonym_at(g, tl, i, &lb);

                assert_int_equal(eb, ea);
                if (ea) {
                        assert_ptr_equal(b, a);
                        assert_int_equal(cb_, ca);
                        s->aliases++;
                }
                s->filtered += i < tl->n && !alias_may_start(g, tl, i);
                assert_ptr_equal(db, da);
                if (da) {
                        assert_int_equal(lb, la);
                        s->demonyms++;
                        s->twos += la == 2;
                }
        }
}

/* pairs_find() at i with a copy of out: whether it found a pair. */
static bool finds_pair(const struct token_list *tl, size_t i, const struct mention_history *h,
                       const struct mention_list *out)
{
        struct mention_list copy = { .n = out->n, .cap = out->n + 1 };
        bool found;

        assert_non_null(copy.v = calloc(copy.cap, sizeof(*copy.v)));
        if (out->n)
                memcpy(copy.v, out->v, out->n * sizeof(*copy.v));
        assert_int_equal(pairs_find(cb, tl, i, h, &copy), 0);
        found = copy.n > out->n;
        free(copy.v);
        return found;
}

/* An entity of the gazetteer that is an IGO: the body of a meeting for bodies_members_at(). */
static const struct entity *first_igo(void)
{
        for (size_t k = 0; k < cb->gazetteer->n; k++)
                if (entity_is_type(cb->gazetteer->v[k], ENTITY_IGO))
                        return cb->gazetteer->v[k];
        fail();
        return NULL;
}

/* Session 10: what facts_may() says cannot start at a word does not: no
 * alias, demonym or state's adjective where the gazetteer's filters say so, no
 * title (after names or alone) where the token's lexicon bits say so; and no
 * members of a body ("the leaders") at a word whose lemma is itself unless
 * capitalised after "the". */
static void check_may(struct seen *s, const struct token_list *tl, const char *text, struct mention_history *h,
                      const struct mention_list *out)
{
        struct sentence_facts sf;

        sentence_facts(cb, tl, text, &sf);
        for (size_t i = 0; i < tl->n; i++) {
                const struct entity *e = NULL;
                bool the = i > 0 && token_is(tl, i - 1, "the");
                unsigned may = facts_may(&sf, tl, i, the);
                size_t len;

                if (!(may & GAZETTEER_MAY_ALIAS)) {
                        bool contextual;

                        assert_int_equal(gazetteer_match(cb->gazetteer, tl, text, i, &e, &contextual), 0);
                        s->may++;
                }
                if (!(may & GAZETTEER_MAY_DEMONYM)) {
                        assert_null(gazetteer_demonym_at(cb->gazetteer, tl, i, &len));
                        assert_int_equal(names_state_by_adjective(cb, tl, text, i, &e), 0);
                        s->may++;
                }
                if (!(may & FACTS_MAY_TITLE)) {
                        assert_int_equal(lexicon_phrase_at(cb->lexicon, LEX_TITLE, tl, i), 0);
                        assert_int_equal(titles_person_after(cb, tl, text, i, h, out, &e), 0);
                        s->may++;
                }
                if (!(may & (FACTS_MAY_TITLE | GAZETTEER_MAY_DEMONYM)))
                        assert_int_equal(titles_person_alone(cb, tl, i, h, &e), 0);
                if (!(may & FACTS_MAY_MEMBERS)) {
                        struct mention_history with_body = *h;

                        with_body.body = with_body.body ? with_body.body : first_igo();
                        assert_int_equal(bodies_members_at(cb, tl, text, i, &with_body, out, &e), 0);
                        s->may++;
                }
                assert_int_equal(h->error, 0);
        }
}

/* The gates of mention.c: the finders skipped at a word without a capital,
 * or that is no name word, or not after "the" (or a determiner), find nothing
 * there. */
static void check_gates(struct seen *s, const struct token_list *tl, const char *text, struct mention_history *h,
                        const struct mention_list *out)
{
        bool bracket = false, acronym = false; /* as mention.c's sentence_facts() */

        for (size_t k = 0; k < tl->n; k++)
                if (token_is(tl, k, "(")) {
                        bracket = true;
                        acronym = acronym || (k + 2 < tl->n && tl->v[k + 1].all_caps && token_is(tl, k + 2, ")"));
                }
        for (size_t i = 0; i < tl->n; i++) {
                const struct entity *e = NULL;
                bool the = i > 0 && token_is(tl, i - 1, "the");

                if (tl->v[i].kind != TOKEN_WORD)
                        continue;
                if (!the) {
                        assert_int_equal(names_organisation_by_noun(cb, tl, i, h, &e), 0);
                        assert_int_equal(names_body_by_head(cb, tl, text, i, h, &e), 0);
                        if (!token_is(tl, i, "both"))
                                assert_false(finds_pair(tl, i, h, out));
                        if (!(i > 0 && names_word_in(cb, tl, i - 1, LEX_DETERMINER)))
                                assert_int_equal(titles_person_alone(cb, tl, i, h, &e), 0);
                        s->gated++;
                }
                if (!(h->body && (the || tl->v[i].capitalized || names_word(cb, tl, i - 1))))
                        assert_int_equal(bodies_members_at(cb, tl, text, i, h, out, &e), 0);
                if (!tl->v[i].capitalized) {
                        assert_int_equal(acronyms_name_at(cb, tl, text, i, h, &e), 0);
                        assert_int_equal(names_organisation_before_noun(cb, tl, text, i, names_unknown_end(cb, tl, text, i), h, &e),
                                         0);
                        assert_int_equal(names_known_surname(h, tl, i, &e), 0);
                        s->gated++;
                }
                /* session 9: an acronym found before is in capitals; one defined is in brackets */
                if (!tl->v[i].all_caps)
                        assert_int_equal(acronyms_known_at(h, tl, i, &e), 0);
                if (!acronym)
                        assert_int_equal(acronyms_name_at(cb, tl, text, i, h, &e), 0);
                if (!bracket)
                        assert_int_equal(names_person_with_bracket(cb, tl, text, i, h, out, &e), 0);
                if (tl->v[i].capitalized || !names_word_in(cb, tl, i, LEX_NGO_NOUN | LEX_ORG_NOUN))
                        assert_int_equal(names_organisation_after_noun(cb, tl, text, i, h, &e), 0);
                s->gated += !acronym;
                if (!names_word(cb, tl, i)) {
                        size_t run = names_unknown_end(cb, tl, text, i);

                        assert_int_equal(names_person_with_bracket(cb, tl, text, i, h, out, &e), 0);
                        assert_int_equal(names_known_part(cb, h, tl, text, i, run, &e), 0);
                        assert_int_equal(names_before_verb(cb, tl, text, i, run, h, out, &e), 0);
                        s->gated++;
                }
                assert_int_equal(h->error, 0);
        }
}

/* One line of text as a sentence: the look-ups as split (lemmas are the words)
 * and as tagged, and the gates with the mentions the line adds to h. */
static void check_text(struct seen *s, const char *text, struct mention_history *h)
{
        struct token_list tl = { 0 };
        struct mention_list ml = { 0 };

        assert_int_equal(token_split(text, strlen(text), &tl), 0);
        check_lookups(cb->gazetteer, s, &tl, text);
        assert_int_equal(tagger_tag(cb, &tl), 0);
        check_lookups(cb->gazetteer, s, &tl, text);
        if (h) {
                assert_int_equal(mention_find(cb, &tl, text, h, &ml), 0);
                check_gates(s, &tl, text, h, &ml);
                check_may(s, &tl, text, h, &ml);
                assert_int_equal(mention_remember(h, &ml), 0);
        }
        s->tokens += tl.n;
        free(ml.v);
        token_list_done(&tl);
}

static void free_found(struct mention_history *h)
{
        for (size_t k = 0; k < h->n_found; k++) {
                free(h->found[k]->name);
                free(h->found[k]->tags);
                free(h->found[k]->title);
                free(h->found[k]);
        }
        free(h->found);
        mention_history_done(h);
}

static void check_path(const char *path, void *s)
{
        char line[65536];
        struct mention_history h = { 0 };
        FILE *f = fopen(path, "r");

        assert_non_null(f);
        while (fgets(line, sizeof(line), f))
                check_text(s, line, &h);
        fclose(f);
        free_found(&h);
}

/* Each article's lines in order, one history per article. */
static void check_dir(struct seen *s, const char *dir)
{
        each_article_file(dir, check_path, s);
}

static void test_articles_as_before(void **state)
{
        struct seen s = { 0 };

        (void)state;
        check_dir(&s, HERALD_SOURCE_DIR "/tests/blind");
        check_dir(&s, HERALD_SOURCE_DIR "/tests/golden/articles");
        check_dir(&s, HERALD_SOURCE_DIR "/events/articles");
        assert_true(s.tokens > 50000);
        assert_true(s.aliases > 5000);              /* not vacuous: names were found */
        assert_true(s.filtered > s.tokens);        /* and most words (asked twice) were passed over */
        assert_true(s.demonyms > 1000);
        assert_true(s.twos > 10);
        assert_true(s.gated > s.tokens);
        assert_true(s.may > s.tokens); /* most words start none of the three */
}

/* Each name and alias of the gazetteer as a sentence: as written, in capitals,
 * in lower case, and inside others. */
static void check_alias(struct seen *s, const char *alias)
{
        char text[1024];
        size_t k;

        check_text(s, alias, NULL);
        for (k = 0; alias[k] && k + 1 < sizeof(text); k++)
                text[k] = (char)(alias[k] >= 'a' && alias[k] <= 'z' ? alias[k] - 32 : alias[k]);
        text[k] = '\0';
        check_text(s, text, NULL);
        for (k = 0; alias[k] && k + 1 < sizeof(text); k++)
                text[k] = (char)(alias[k] >= 'A' && alias[k] <= 'Z' ? alias[k] + 32 : alias[k]);
        text[k] = '\0';
        check_text(s, text, NULL);
        snprintf(text, sizeof(text), "The %s and the %s said %s, %s.", alias, alias, alias, alias);
        check_text(s, text, NULL);
}

static int on_alias(void *userdata, const struct datafile_entry *d, struct parse_error *err)
{
        char buf[2048], *items[64];
        size_t n;

        (void)err;
        if (!d->key) {
                check_alias(userdata, d->section_arg);
                return 0;
        }
        if (strcmp(d->key, "alias") != 0 && strcmp(d->key, "context-alias") != 0 && strcmp(d->key, "adjective") != 0)
                return 0;
        str_copy_cut(buf, sizeof(buf), d->value);
        n = datafile_split(buf, '|', items, 64);
        for (size_t i = 0; i < n; i++)
                check_alias(userdata, items[i]);
        return 0;
}

static void test_every_alias_as_before(void **state)
{
        struct parse_error err = { 0 };
        struct seen s = { 0 };

        (void)state;
        assert_int_equal(datafile_parse(HERALD_DATA_DIR "/gazetteer.txt", on_alias, &s, &err), 0);
        assert_true(s.aliases > 4000);
        assert_true(s.demonyms > 200);
}

/* A small gazetteer: aliases of one word and of more sharing a first word, one
 * opening with punctuation and an initial, one whose second word is a lemma;
 * one whose first word is (the table then matches lemmas, and is asked at
 * every word). */
static void check_small(const char *data, const char *const *texts, size_t n_texts, bool by_lemma)
{
        char path[] = "/tmp/herald-test-filters-XXXXXX";
        struct parse_error err = { 0 };
        struct gazetteer *g = NULL;
        struct seen s = { 0 };
        int fd = mkstemp(path);

        assert_true(fd >= 0);
        assert_int_equal(write(fd, data, strlen(data)), (ssize_t)strlen(data));
        close(fd);
        assert_int_equal(gazetteer_load(path, &g, &err), 0);
        unlink(path);
        assert_int_equal(g->filters.aliases_by_lemma, by_lemma);
        for (size_t k = 0; k < n_texts; k++) {
                struct token_list tl = { 0 };

                assert_int_equal(token_split(texts[k], strlen(texts[k]), &tl), 0);
                check_lookups(g, &s, &tl, texts[k]);
                assert_int_equal(tagger_tag(cb, &tl), 0);
                check_lookups(g, &s, &tl, texts[k]);
                token_list_done(&tl);
        }
        assert_true(s.aliases >= n_texts);
        assert_true(by_lemma ? s.filtered == 0 : s.filtered > 0);
        gazetteer_free(g);
}

static void test_a_small_gazetteer(void **state)
{
        static const char data[] = "[entity Court]\ntype = government\nalias = Court of Appeal | the Court\n"
                                   "context-alias = the Bench | Bench sit/v\n\n"
                                   "[entity St. Kitts]\ntype = state\ncountry = KNA\nalias = St Kitts | Saint Kitts\n"
                                   "adjective = Kittitian | Saint Kittitian\n\n"
                                   "[entity Al-Shabaab]\ntype = ngo\nalias = al-Shabaab's fighters | \"the Youth\"\n";
        static const char *const texts[] = {
                "The Court said.", "the court of appeal and the Court of Appeals met.", "St. Kitts and St Kitts.",
                "Saint Kitts, Kittitian and Saint Kittitian officials.", "Al-Shabaab and al-Shabaab's fighters.",
                "\"the Youth\" the Bench of the Court", "COURT OF APPEAL", "The Bench sat, the bench sits.",
        };
        static const char lemma[] = "[entity Council]\ntype = igo\nalias = Council | meet/v the Council\n";
        static const char *const lemma_texts[] = { "the Council met.", "They met the Council, meeting the council." };

        (void)state;
        check_small(data, texts, sizeof(texts) / sizeof(texts[0]), false);
        check_small(lemma, lemma_texts, sizeof(lemma_texts) / sizeof(lemma_texts[0]), true);
}

static int setup(void **state)
{
        struct parse_error err = { 0 };

        (void)state;
        return codebook_load(HERALD_DATA_DIR, &cb, &err);
}

static int teardown(void **state)
{
        (void)state;
        codebook_free(cb);
        return 0;
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_articles_as_before),
                cmocka_unit_test(test_every_alias_as_before),
                cmocka_unit_test(test_a_small_gazetteer),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
