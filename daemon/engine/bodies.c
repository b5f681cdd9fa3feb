/* A regional body acting through its members and its meeting: which body the
 * article's meeting is of, and the phrases that stand for it. The words are
 * the lexicon's (plural titles, organisation heads); no name is written here. */
#include <string.h>

#include "bodies.h"
#include "names.h"

#define BODY_LOOKAHEAD 4 /* words after "of" (and "the") a body's name may start within: "the seven-nation X" */

/* "Heads", "leaders": the plural of a title word. A lemma that is the word
 * itself is its form's bytes (token_set_lemma): no compare, no look-up. */
static bool plural_title(const struct codebook *cb, const struct token_list *tl, size_t i)
{
        return tl->v[i].kind == TOKEN_WORD && tl->v[i].lemma != tl->v[i].norm &&
               strcmp(token_lemma(tl, i), token_norm(tl, i)) != 0 && (lexicon_lemma_at(cb->lexicon, tl, i) & LEX_TITLE);
}

void bodies_find(const struct codebook *cb, const struct token_list *tl, const char *text, struct mention_history *h)
{
        if (h->body)
                return;
        for (size_t k = 0; k + 1 < tl->n; k++) {
                size_t j = k + 1 + token_is(tl, k + 1, "the");

                /* "Meeting of", "summit of", "Leaders of"; not "on the sidelines of" */
                if (!token_is(tl, k, "of") || k == 0 ||
                    !(tl->v[k - 1].capitalized || names_word_in(cb, tl, k - 1, LEX_ORG_HEAD | LEX_TITLE) ||
                      plural_title(cb, tl, k - 1)))
                        continue;
                for (size_t stop = j + BODY_LOOKAHEAD; j < tl->n && j < stop; j++) {
                        const struct entity *e;
                        bool contextual;

                        if (tl->v[j].kind != TOKEN_WORD && !token_is(tl, j, "-"))
                                break;
                        if (gazetteer_match(cb->gazetteer, tl, text, j, &e, &contextual)) {
                                if (!contextual && entity_is_type(e, ENTITY_IGO))
                                        h->body = e;
                                break;
                        }
                        if (tl->v[j].capitalized)
                                break; /* a name the gazetteer does not know */
                }
                if (h->body)
                        return;
        }
}

/* "Heads of Government", "Heads of State and Government": the office phrase
 * after the members' title; i + 1 when there is none, 0 when "of" names
 * someone ("Leaders of the bloc", "leaders of Indonesia" speak for themselves). */
static size_t office_end(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i)
{
        size_t k = i + 2;

        if (!token_is(tl, i + 1, "of"))
                return i + 1;
        while (k < tl->n && k < i + 6 &&
               ((tl->v[k].capitalized && !names_known_at(cb, tl, text, k)) || token_is(tl, k, "and")))
                k++;
        return k > i + 2 && !token_is(tl, k - 1, "and") ? k : 0;
}

size_t bodies_members_at(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                         const struct mention_history *h, const struct mention_list *out, const struct entity **ret)
{
        bool after_the;
        size_t end;

        if (!h->body || i >= tl->n)
                return 0;
        after_the = i > 0 && token_is(tl, i - 1, "the");
        /* "The Conference", "the Summit": the meeting, capitalised and alone */
        if (after_the && tl->v[i].capitalized && !tl->v[i].all_caps && names_word_in(cb, tl, i, LEX_ORG_HEAD) &&
            !token_is(tl, i + 1, "of") && !names_word(cb, tl, i + 1)) {
                *ret = h->body;
                return 1;
        }
        if (!plural_title(cb, tl, i))
                return 0;
        /* "the leaders", "Heads of Government", "Pacific leaders"; not "business
         * leaders", "India's leaders", "Indian leaders" */
        if (!(after_the || tl->v[i].capitalized || (i > 0 && names_word(cb, tl, i - 1))) ||
            (out->n && out->v[out->n - 1].tok_end + 1 >= i) ||
            (i > 0 && gazetteer_demonym(cb->gazetteer, token_norm(tl, i - 1))))
                return 0;
        if (!(end = office_end(cb, tl, text, i)))
                return 0;
        *ret = h->body;
        return end - i;
}
