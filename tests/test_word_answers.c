/* The word answers the tagger keeps in each token (session 9) held to the
 * look-ups they replaced, on every line of every article in the repository:
 * lexicon_phrase_at/in from the token's kept bits against the same list with
 * nothing kept (a hash look-up each), the kept lexeme against
 * lexical_lookup(), each lemma against the one the tagger's tag gives, with
 * nothing skipped, and lexicon_pronoun_at against lexicon_pronoun(). Since
 * session 10 the tagger reads a word's lexicon answers and its lemmas' lengths
 * and hashes from its lexeme (the word's record): those are held to the
 * look-ups too. Round 2: tagger_word_class() and tagger_lemma_class(), asked
 * instead of lexicon_word() by string, against it; and the time expressions
 * found with each word's by_word entry kept in its lexeme against those found
 * with nothing kept; token_is() by the kept length against strcmp(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers/article_files.h"

#include "codebook.h"
#include "lexical.h"
#include "lexicon.h"
#include "tagger.h"
#include "timex.h"

static struct codebook *cb;

struct seen {
        size_t tokens, phrases, kept, lemmas, pronouns, times;
};

static int setup(void **state)
{
        struct parse_error err = { 0 };

        (void)state;
        return codebook_load(HERALD_DATA_DIR, &cb, &err) < 0 ? -1 : 0;
}

static int teardown(void **state)
{
        (void)state;
        codebook_free(cb);
        return 0;
}

/* The lemma the tagger's tag asks for, looked up and copied as before. */
static const char *want_lemma(const struct token_list *tl, size_t i)
{
        static const unsigned pos_of[] = { [TAG_NOUN] = LEXICAL_NOUN, [TAG_VERB] = LEXICAL_VERB,
                                           [TAG_ADJ] = LEXICAL_ADJ,   [TAG_ADV] = LEXICAL_ADV,
                                           [TAG_AUX] = LEXICAL_VERB };
        unsigned tag = tl->v[i].tag;

        if (tl->v[i].kind != TOKEN_WORD || tag >= sizeof(pos_of) / sizeof(pos_of[0]) || !pos_of[tag])
                return token_norm(tl, i);
        if (tag == TAG_ADV && (tl->v[i].lex & (LEX_NEGATION | LEX_ADVERB)) && !tl->v[i].all_caps)
                return token_norm(tl, i); /* a closed-class adverb keeps its word */
        return lexeme_lemma(lexical_lookup(cb->lexical, token_norm(tl, i)), pos_of[tag], token_norm(tl, i));
}

/* A word's record (session 10): its lemmas' kept lengths and hashes, and the
 * lexicon's answers it keeps, as looked up. */
static void check_lexeme(const struct lexeme *l, const char *word)
{
        for (size_t k = 0; k < LEXICAL_N_POS; k++)
                if (l->lemma[k]) {
                        assert_int_equal(l->lemma_len[k], strlen(l->lemma[k]));
                        assert_true(l->lemma_hash[k] == strmap_hash(l->lemma[k], l->lemma_len[k]));
                }
        if (!l->lexicon)
                return;
        assert_ptr_equal(l->lexicon, cb->lexicon);
        assert_int_equal(l->lex, lexicon_word(cb->lexicon, word));
        assert_int_equal(l->pronoun, lexicon_pronoun(cb->lexicon, word));
}

/* The time expressions of the tagged tokens (their lexemes keep the rules'
 * by_word answers) against those of plain, nothing kept: in both tenses. */
static void check_times(struct seen *s, const struct token_list *tl, const struct token_list *plain,
                        const char *text)
{
        struct timex_match a[16], b[16];

        for (int future = 0; future <= 1; future++) {
                struct timex_context ctx = { 2024, 9, 2, future };
                bool ra = false, rb = false;
                size_t na = timex_find_tensed(cb->timex, tl, text, &ctx, a, 16, &ra);
                size_t nb = timex_find_tensed(cb->timex, plain, text, &ctx, b, 16, &rb);

                assert_int_equal(na, nb);
                assert_true(ra == rb);
                for (size_t k = 0; k < na; k++) {
                        assert_int_equal(a[k].tok_start, b[k].tok_start);
                        assert_int_equal(a[k].tok_end, b[k].tok_end);
                        assert_int_equal(a[k].start, b[k].start);
                        assert_int_equal(a[k].end, b[k].end);
                        assert_string_equal(a[k].value, b[k].value);
                        assert_string_equal(a[k].mod, b[k].mod);
                        assert_string_equal(a[k].last, b[k].last);
                        assert_int_equal(a[k].anchor, b[k].anchor);
                        assert_int_equal(a[k].shift_days, b[k].shift_days);
                }
                s->times += na;
        }
}

/* token_is() (length, then memcmp) against strcmp() of the word, for literals
 * and for its neighbours' words (prefixes of each other: "the", "they"). */
static void check_token_is(const struct token_list *tl, size_t i)
{
        static const char *const literals[] = { "the", "of", "'s", ",", ".", "and", "in", "a", "they", "s" };

        for (size_t k = 0; k < sizeof(literals) / sizeof(literals[0]); k++)
                assert_true(token_is(tl, i, literals[k]) == (i < tl->n && strcmp(token_norm(tl, i), literals[k]) == 0));
        if (i >= tl->n)
                return;
        for (size_t j = i > 0 ? i - 1 : 0; j < tl->n && j <= i + 1; j++) {
                char prefix[64];

                assert_true(token_is(tl, i, token_norm(tl, j)) == (strcmp(token_norm(tl, i), token_norm(tl, j)) == 0));
                snprintf(prefix, sizeof(prefix), "%s", token_norm(tl, j));
                prefix[strlen(prefix) / 2] = '\0'; /* a proper prefix, or "" */
                assert_true(token_is(tl, i, prefix) == (strcmp(token_norm(tl, i), prefix) == 0));
        }
}

static void check_text(struct seen *s, const char *text)
{
        struct token_list tl = { 0 }, plain;

        assert_int_equal(token_split(text, strlen(text), &tl), 0);
        assert_int_equal(tagger_tag(cb, &tl), 0);
        /* the same tokens with nothing kept: every answer looked up */
        plain = tl;
        plain.v = malloc((tl.n + 1) * sizeof(*tl.v));
        assert_non_null(plain.v);
        if (tl.n) /* an empty line has no array */
                memcpy(plain.v, tl.v, tl.n * sizeof(*tl.v));
        for (size_t i = 0; i < plain.n; i++) {
                plain.v[i].lex_known = plain.v[i].lex_phrase = false;
                plain.v[i].lexeme = NULL;
        }
        check_times(s, &tl, &plain, text);
        for (size_t i = 0; i <= tl.n; i++)
                check_token_is(&tl, i);
        for (size_t i = 0; i <= tl.n; i++) {
                for (unsigned b = 0; b < 32; b++) {
                        size_t got = lexicon_phrase_at(cb->lexicon, 1u << b, &tl, i);

                        assert_int_equal(got, lexicon_phrase_at(cb->lexicon, 1u << b, &plain, i));
                        assert_true(lexicon_phrase_in(cb->lexicon, 1u << b, &tl, i, tl.n) ==
                                    lexicon_phrase_in(cb->lexicon, 1u << b, &plain, i, tl.n));
                        s->phrases += got > 1;
                }
                if (i == tl.n)
                        break;
                assert_true(tl.v[i].lex_known);
                assert_int_equal(tl.v[i].lex, lexicon_word(cb->lexicon, token_norm(&tl, i)));
                /* the class bits asked through the token (round 2), kept or looked up */
                assert_int_equal(tagger_word_class(cb, &tl, i), lexicon_word(cb->lexicon, token_norm(&tl, i)));
                assert_int_equal(tagger_word_class(cb, &plain, i), lexicon_word(cb->lexicon, token_norm(&tl, i)));
                assert_int_equal(tagger_lemma_class(cb, &tl, i), lexicon_word(cb->lexicon, token_lemma(&tl, i)));
                assert_int_equal(tagger_lemma_class(cb, &plain, i), lexicon_word(cb->lexicon, token_lemma(&tl, i)));
                assert_int_equal(lexicon_pronoun_at(cb->lexicon, &tl, i),
                                 lexicon_pronoun(cb->lexicon, token_norm(&tl, i)));
                s->pronouns += lexicon_pronoun_at(cb->lexicon, &tl, i) != PRONOUN_NONE;
                if (tl.v[i].lexeme) {
                        const struct lexeme *l = tl.v[i].lexeme;

                        assert_ptr_equal(l, lexical_lookup(cb->lexical, token_norm(&tl, i)));
                        assert_ptr_equal(lexical_lookup_at(cb->lexical, &tl, i), l);
                        check_lexeme(l, token_norm(&tl, i));
                        s->kept++;
                }
                /* a lemma copied with its lexeme's length and hash */
                assert_int_equal(tl.v[i].lemma_len, strlen(token_lemma(&tl, i)));
                assert_true(tl.v[i].lemma_hash == strmap_hash(token_lemma(&tl, i), tl.v[i].lemma_len));
                if (strcmp(token_lemma(&tl, i), want_lemma(&tl, i)) != 0)
                        fail_msg("\"%s\" (tag %s) has lemma \"%s\", want \"%s\" in: %s", token_norm(&tl, i),
                                 tagger_name(tl.v[i].tag), token_lemma(&tl, i), want_lemma(&tl, i), text);
                s->lemmas += strcmp(token_lemma(&tl, i), token_norm(&tl, i)) != 0;
        }
        s->tokens += tl.n;
        free(plain.v);
        token_list_done(&tl);
}

static void check_line(const char *line, void *s) { check_text(s, line); }

static void test_kept_answers_as_looked_up(void **state)
{
        struct seen s = { 0 };

        (void)state;
        each_article_line(HERALD_SOURCE_DIR "/tests/blind", check_line, &s);
        each_article_line(HERALD_SOURCE_DIR "/tests/golden/articles", check_line, &s);
        each_article_line(HERALD_SOURCE_DIR "/events/articles", check_line, &s);
        print_message("# %zu tokens, %zu phrases, %zu lexemes kept, %zu lemmas, %zu pronouns, %zu times\n",
                      s.tokens, s.phrases, s.kept, s.lemmas, s.pronouns, s.times);
        /* not vacuous */
        assert_true(s.tokens > 50000);
        assert_true(s.phrases > 100);
        assert_true(s.kept > 20000);
        assert_true(s.lemmas > 2000);
        assert_true(s.pronouns > 500);
        assert_true(s.times > 500);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_kept_answers_as_looked_up),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
