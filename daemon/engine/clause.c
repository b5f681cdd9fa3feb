/* Clause cues from the tagger's tags. They look at a handful of tokens around
 * the trigger, so they cost nothing per sentence. */
#include <string.h>

#include "clause.h"
#include "tagger.h"

size_t clause_before(const struct token_list *tl, size_t i)
{
        while (i > 0 && tl->v[i - 1].tag == TAG_ADV)
                i--;
        return i > 0 ? i - 1 : CLAUSE_NONE;
}

bool clause_verbal(const struct token_list *tl, size_t start, size_t end)
{
        return start < end && (tl->v[start].tag == TAG_VERB || tl->v[start].tag == TAG_AUX);
}

bool clause_non_finite(const struct token_list *tl, size_t start)
{
        size_t b = clause_before(tl, start);

        if (b == CLAUSE_NONE || tl->v[start].tag != TAG_VERB)
                return false;
        if (tl->v[b].tag == TAG_AUX && strcmp(token_lemma(tl, b), "be") == 0 && b > 0 && tl->v[b - 1].tag == TAG_TO)
                return true; /* "to be charged" */
        return tl->v[b].tag == TAG_TO || token_is(tl, b, "as");
}

bool clause_not_an_act(const struct token_list *tl, size_t start)
{
        size_t b = clause_before(tl, start), to;

        if (!clause_non_finite(tl, start))
                return false;
        if (token_is(tl, b, "as") || tl->v[b].tag == TAG_AUX)
                return true; /* "as noted by", "to be charged" */
        to = clause_before(tl, b);
        return to != CLAUSE_NONE && (tl->v[to].tag == TAG_NOUN || tl->v[to].tag == TAG_PROPER ||
                                     tl->v[to].tag == TAG_PRON);
}

bool clause_coordinated(const struct token_list *tl, size_t start)
{
        size_t b = clause_before(tl, start);

        return b != CLAUSE_NONE && tl->v[start].tag == TAG_VERB && (token_is(tl, b, "and") || token_is(tl, b, "or"));
}

size_t clause_first_verb(const struct token_list *tl, size_t before)
{
        for (size_t i = 0; i < before && i < tl->n; i++)
                if (tl->v[i].tag == TAG_VERB && !tl->v[i].quoted)
                        return i;
        return CLAUSE_NONE;
}

bool clause_nominal(const struct token_list *tl, size_t start, size_t end)
{
        for (size_t i = start; i < end; i++) {
                if (tl->v[i].tag == TAG_VERB || tl->v[i].tag == TAG_AUX)
                        return false;
                if (tl->v[i].tag == TAG_NOUN)
                        return true;
        }
        return false;
}

const struct mention *clause_possessor(const struct mention_list *ml, const struct token_list *tl, size_t start)
{
        size_t i = start;

        while (i > 0 && (tl->v[i - 1].tag == TAG_ADJ || tl->v[i - 1].tag == TAG_NUM))
                i--; /* "Putin's first visit" */
        if (i == 0 || !token_is(tl, i - 1, "'s"))
                return NULL;
        for (size_t k = 0; k < ml->n; k++)
                if (ml->v[k].tok_end == i - 1 && ml->v[k].n_cand)
                        return &ml->v[k];
        return NULL;
}

size_t clause_saying_verb(const struct codebook *cb, const struct token_list *tl, size_t start)
{
        size_t stop = start > 64 ? start - 64 : 0; /* bounded: a hostile sentence stays linear */

        for (size_t k = start; k > stop; k--) {
                const struct token *t = &tl->v[k - 1];

                if (!t->quoted && t->tag == TAG_VERB && (tagger_lemma_class(cb, tl, k - 1) & LEX_SAYING))
                        return k - 1;
        }
        return CLAUSE_NONE;
}

bool clause_subordinate(const struct codebook *cb, const struct token_list *tl, size_t start)
{
        size_t i = start;

        while (i > 0 && !token_is(tl, i - 1, ",") && tl->v[i - 1].kind != TOKEN_QUOTE_OPEN &&
               !(tl->v[i - 1].tag == TAG_CONJ && !lexicon_phrase_at(cb->lexicon, LEX_SUBORDINATE, tl, i - 1)))
                i--;
        return i < start && lexicon_phrase_at(cb->lexicon, LEX_SUBORDINATE, tl, i) != 0;
}

bool clause_boundary_between(const struct codebook *cb, const struct token_list *tl, size_t a, size_t b)
{
        if (a > b) {
                size_t t = a;

                a = b;
                b = t;
        }
        for (size_t i = a; i < b && i < tl->n; i++)
                if (token_is(tl, i, ";") || (tagger_word_class(cb, tl, i) & LEX_CLAUSE_BREAK) ||
                    (token_is(tl, i, ",") && (token_is(tl, i + 1, "and") || token_is(tl, i + 1, "but"))))
                        return true;
        return false;
}

const struct mention *clause_inverted_speaker(const struct codebook *cb, const struct mention_list *ml,
                                              const struct token_list *tl, size_t start, size_t end)
{
        if (start == 0 || tl->v[start].tag != TAG_VERB ||
            !(tagger_lemma_class(cb, tl, start) & LEX_SAYING) ||
            !(token_is(tl, start - 1, ",") || tl->v[start - 1].kind == TOKEN_QUOTE_CLOSE))
                return NULL;
        for (size_t k = 0; k < ml->n; k++)
                if (ml->v[k].tok_start == end && ml->v[k].n_cand)
                        return &ml->v[k];
        return NULL;
}

const struct mention *clause_apposed_subject(const struct mention_list *ml, const struct token_list *tl,
                                             size_t start)
{
        size_t i = start;

        while (i > 0 && (tl->v[i - 1].tag == TAG_AUX || tl->v[i - 1].tag == TAG_MODAL || tl->v[i - 1].tag == TAG_ADV))
                i--;
        if (i < 2 || !token_is(tl, i - 1, ",") || tl->v[start].tag != TAG_VERB)
                return NULL;
        return clause_own_subject(ml, tl, start);
}

const struct mention *clause_nominal_agent(const struct mention_list *ml, const struct token_list *tl, size_t start,
                                           size_t end)
{
        if (!clause_nominal(tl, start, end))
                return NULL;
        for (size_t i = end - 1; i < tl->n && i < end + 4; i++) {
                if (tl->v[i].tag == TAG_PUNCT || tl->v[i].tag == TAG_VERB)
                        return NULL;
                if (token_is(tl, i, "by"))
                        for (size_t k = 0; k < ml->n; k++)
                                if (ml->v[k].tok_start > i && ml->v[k].tok_start <= i + 4 && ml->v[k].n_cand &&
                                    !entity_is_place(mention_entity(&ml->v[k])))
                                        return &ml->v[k];
        }
        return NULL;
}

size_t clause_subject_np(const struct token_list *tl, size_t start, size_t *from)
{
        size_t i = start, head;

        while (i > 0 && (tl->v[i - 1].tag == TAG_AUX || tl->v[i - 1].tag == TAG_MODAL || tl->v[i - 1].tag == TAG_ADV))
                i--;
        if (i == 0 || tl->v[i - 1].tag != TAG_NOUN || tl->v[i - 1].quoted)
                return CLAUSE_NONE;
        head = i - 1;
        while (i > 0 && (tl->v[i - 1].tag == TAG_NOUN || tl->v[i - 1].tag == TAG_ADJ))
                i--;
        if (i > 0 && (tl->v[i - 1].tag == TAG_NUM || token_is(tl, i - 1, "both")))
                return CLAUSE_NONE; /* "the two ministers": some of the people named before */
        *from = i;
        return head;
}

#define RELATIVE_WINDOW 32 /* tokens a relative clause between commas may span */

/* ", which groups A, B and C,": for the comma at `comma` that closes a
 * relative clause, the comma before its "which" or "who"; CLAUSE_NONE when
 * none opens within a few words (or a quotation or ";" comes first). */
static size_t relative_clause_start(const struct token_list *tl, size_t comma)
{
        size_t stop = comma > RELATIVE_WINDOW ? comma - RELATIVE_WINDOW : 0;

        for (size_t k = comma; k > stop + 1; k--) {
                if (tl->v[k - 1].kind == TOKEN_QUOTE_CLOSE || token_is(tl, k - 1, ";"))
                        return CLAUSE_NONE;
                if ((token_is(tl, k - 1, "which") || token_is(tl, k - 1, "who")) && token_is(tl, k - 2, ","))
                        return k - 2;
        }
        return CLAUSE_NONE;
}

const struct mention *clause_own_subject(const struct mention_list *ml, const struct token_list *tl, size_t start)
{
        size_t i = start;

        while (i > 0 && (tl->v[i - 1].tag == TAG_AUX || tl->v[i - 1].tag == TAG_MODAL || tl->v[i - 1].tag == TAG_ADV))
                i--;
        if (i > 1 && token_is(tl, i - 1, ",")) { /* "Ukraine, backed by its allies, accused" */
                size_t k = i - 1, rel = relative_clause_start(tl, i - 1);

                while (k > 0 && !token_is(tl, k - 1, ",") && tl->v[k - 1].kind != TOKEN_QUOTE_CLOSE)
                        k--;
                if (rel != CLAUSE_NONE)
                        i = rel; /* "X, which groups A, B and C, condemned": past the list */
                else if (k > 0 && token_is(tl, k - 1, ","))
                        i = k - 1;
        }
        for (size_t k = 0; k < ml->n; k++)
                if (ml->v[k].tok_end == i && ml->v[k].n_cand && !ml->v[k].quoted)
                        return &ml->v[k];
        return NULL;
}
