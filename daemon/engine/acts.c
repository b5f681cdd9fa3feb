/* Whether a trigger found in a sentence is an act the sentence tells: not a
 * participle describing a noun ("the indicted criminal"), a verb with no
 * tense of its own ("as noted by"), an event named for the time of another
 * ("after the signing ceremony"), nor a plan told inside what somebody said
 * when the rule leaves that to the saying. */
#include <string.h>

#include "acts.h"
#include "clause.h"
#include "lexicon.h"
#include "tagger.h"

/* "the bond demanded by Bissau", "the attack carried out by": a verb right
 * after a common noun and right before "by" is a participle describing the
 * noun (a reduced relative clause), no act of the sentence. */
static bool reduced_relative(const struct coder *c, const struct hit *h)
{
        const struct token *t = &c->tl.v[h->start];

        return h->start > 0 && h->end == h->start + 1 && t->tag == TAG_VERB && t->lemma != t->norm &&
               c->tl.v[h->start - 1].tag == TAG_NOUN && h->end < c->tl.n && token_is(&c->tl, h->end, "by");
}

/* "the indicted criminal", "the accused minister": a verb form between a
 * determiner and a noun describes the noun (attributive), no act. */
static bool attributive(const struct coder *c, const struct hit *h)
{
        const struct token *t = &c->tl.v[h->start];

        return h->start > 0 && h->end == h->start + 1 && h->end < c->tl.n && t->lemma != t->norm &&
               (t->tag == TAG_VERB || t->tag == TAG_ADJ) && c->tl.v[h->start - 1].tag == TAG_DET &&
               (c->tl.v[h->end].tag == TAG_NOUN || c->tl.v[h->end].tag == TAG_PROPER);
}

/* "told reporters after the signing ceremony": a nominal trigger after a
 * subordinator ("after", "before", "until") and its determiner names the time
 * of another event; it is told elsewhere, not here. */
static bool time_anchor(const struct coder *c, const struct hit *h)
{
        size_t b = h->start;

        if (!clause_nominal(&c->tl, h->start, h->end))
                return false;
        for (size_t i = h->start; i < h->end; i++)
                if (c->tl.v[i].tag == TAG_VERB)
                        return false; /* "after talks that ran late into the night": told with a verb of its own */
        while (b > 0 && (c->tl.v[b - 1].tag == TAG_DET || c->tl.v[b - 1].tag == TAG_ADJ))
                b--;
        return b > 0 && b < h->start && (tagger_word_class(c->cb, &c->tl, b - 1) & LEX_SUBORDINATE);
}

/* "called on all parties in the South China Sea to exercise restraint": a
 * "to" before a verb after the trigger, within its clause (";" or a clause
 * break such as "while" ends it). */
static bool infinitive_after(const struct coder *c, const struct hit *h)
{
        for (size_t i = h->end; i + 1 < c->tl.n; i++) {
                if (token_is(&c->tl, i, ";") ||
                    (tagger_word_class(c->cb, &c->tl, i) & LEX_CLAUSE_BREAK))
                        return false;
                if (c->tl.v[i].tag == TAG_TO) { /* "to cease", split: "to immediately and fully comply" */
                        size_t v = i + 1;

                        while (v + 1 < c->tl.n && (c->tl.v[v].tag == TAG_ADV ||
                                                   (token_is(&c->tl, v, "and") && c->tl.v[v + 1].tag == TAG_ADV)))
                                v++;
                        if (c->tl.v[v].tag == TAG_VERB)
                                return true;
                }
                /* 'to "favour diplomatic channels"': the quotation is the infinitive */
                if (c->tl.v[i].tag == TAG_TO && c->tl.v[i + 1].kind == TOKEN_QUOTE_OPEN && i + 2 < c->tl.n &&
                    c->tl.v[i + 2].kind == TOKEN_WORD)
                        return true;
        }
        return false;
}

/* Whether the word before the "to" at k follows an auxiliary ("is due to",
 * "are expected to"): a plan of the subject, not somebody asked to act. */
static bool predicate_before(const struct token_list *tl, size_t k)
{
        size_t w = clause_before(tl, k), aux;

        return w != CLAUSE_NONE && (aux = clause_before(tl, w)) != CLAUSE_NONE && tl->v[aux].tag == TAG_AUX;
}

/* "calls on Sudan to agree to a ceasefire and to resume talks": an infinitive
 * coordinated after another ("and to", "or to") is as much an act as the first
 * of the row is. */
static bool not_an_act(const struct token_list *tl, size_t start)
{
        size_t to = clause_before(tl, start), conj;

        if (clause_not_an_act(tl, start))
                return true;
        if (to == CLAUSE_NONE || tl->v[to].tag != TAG_TO || (conj = clause_before(tl, to)) == CLAUSE_NONE ||
            !(token_is(tl, conj, "and") || token_is(tl, conj, "or")))
                return false;
        for (size_t k = conj; k-- > 0;)
                if (tl->v[k].tag == TAG_TO && k + 1 < conj && tl->v[k + 1].tag == TAG_VERB)
                        return clause_not_an_act(tl, k + 1) && !predicate_before(tl, k);
        return false;
}

bool acts_none(const struct coder *c, const struct hit *h)
{
        const struct rule *r = h->trigger->rule;

        /* "as noted by", "to state publicly", "urged all parties to agree to a
         * ceasefire": a verb with no tense of its own is no event (a trigger that
         * wants one starts before the "to": "plan/v to visit/v") */
        if (r->fallback ? clause_non_finite(&c->tl, h->start) : not_an_act(&c->tl, h->start))
                return true;
        if (reduced_relative(c, h) || attributive(c, h) || time_anchor(c, h) ||
            (r->needs_infinitive && !infinitive_after(c, h)))
                return true;
        /* "officials said Nairobi would host the next meeting": the saying is the event */
        return r->skip_reported && clause_saying_verb(c->cb, &c->tl, h->start) != CLAUSE_NONE;
}
