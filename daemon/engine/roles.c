/* Role filling. "before" is the nearest actor left of the trigger, extended over
 * "X and (President) Y" so joint actors stay together, or, for a participle
 * right after a comma (", reminding"), the sentence's subject; "after" is the first actor
 * right of it, a named place standing for its state. In the passive ("was greeted
 * by Y") the two swap and "before" becomes the agent after "by". Episode sources
 * read the current visit. A target never repeats an actor nor, when both have one,
 * the actor's country. */
#include <stdbool.h>
#include <string.h>

#include "clause.h"
#include "names.h"
#include "roles.h"
#include "tagger.h"

#define AGENT_WINDOW 8 /* tokens between a passive verb and its "by" */

struct want {
        const char *filter;
        const struct entity *const *ex;
        size_t n_ex;
        const char *country; /* excluded country, NULL for none */
};

static bool acceptable(const struct entity *e, const struct want *w)
{
        if (entity_is_type(e, ENTITY_DOCUMENT))
                return false; /* a treaty is named, it does not act */
        for (size_t i = 0; i < w->n_ex; i++)
                if (w->ex[i] == e)
                        return false;
        if (w->filter && !entity_has_tag(e, w->filter))
                return false;
        return !(w->country && e->country[0] && strcmp(e->country, w->country) == 0);
}

static bool capital(const struct entity *e) { return entity_is_capital(e); }

/* The first candidate of a mention that is acceptable (a pronoun has several).
 * A place after "in" or "at" says where, unless the trigger holds that word
 * ("arrived in Madrid"). */
static const struct entity *pick(const struct role_scene *s, const struct mention *m, const struct want *w)
{
        if (m->locative || (m->where && m->tok_start != s->trigger_end))
                return NULL;
        for (size_t k = 0; k < m->n_cand; k++)
                if (acceptable(m->cand[k], w))
                        return m->cand[k];
        return NULL;
}

/* Right of a verb ("arrived in Kuala Lumpur"), a place or capital stands for its state. */
static const struct entity *state_of_place(const struct role_scene *s, const struct entity *e)
{
        if (!entity_is_place(e) && !capital(e))
                return e;
        return e->country[0] ? gazetteer_find_country(s->cb->gazetteer, ENTITY_STATE, e->country) : NULL;
}

/* Whether the tokens between two mentions only join them: "and" or ",", then
 * "the", titles and the words of a name (a mention after a title is the name's
 * last word). */
static bool joined(const struct role_scene *s, size_t from, size_t to)
{
        size_t i = from;

        if (i >= to || !(token_is(s->tl, i, "and") || token_is(s->tl, i, ",")))
                return false;
        if (i + 1 < to && token_is(s->tl, i + 1, "the"))
                i++; /* "India and the UAE" */
        for (i++; i < to; i++) /* "and South Korean President", "and Minister Willem de" (Groot) */
                if (!(tagger_word_class(s->cb, s->tl, i) & LEX_TITLE) &&
                    !(s->tl->v[i].kind == TOKEN_WORD && s->tl->v[i].capitalized) && !names_word(s->cb, s->tl, i))
                        return false;
        return true;
}

/* ", reminding Caracas that ...": a participle right after a comma opens a
 * clause whose actor is the main clause's subject (the first actor of the
 * sentence), not the object named just before the comma. "Ukraine, backed by
 * its allies, accused" is no participle clause: the nearest actor stays. */
static size_t fill_participle(const struct role_scene *s, const struct want *w, const struct entity **out)
{
        for (size_t i = 0; i < s->ml->n; i++) {
                const struct mention *m = &s->ml->v[i];
                const struct entity *e = m->tok_end <= s->trigger_start && !m->quoted ? pick(s, m, w) : NULL;

                if (e && !entity_is_place(e)) {
                        out[0] = e;
                        return 1;
                }
        }
        return 0;
}

/* "travel to Washington for talks": a state or capital after "to" is where
 * somebody goes, never the subject of what follows. */
static bool destination(const struct role_scene *s, const struct mention *m, const struct entity *e)
{
        return m->tok_start > 0 && token_is(s->tl, m->tok_start - 1, "to") && !m->pronoun &&
               (entity_is_type(e, ENTITY_STATE) || capital(mention_entity(m)) || capital(e));
}

/* "X would lead the delegation and would arrive": for a verb after "and" or
 * "or" (past adverbs, modals and auxiliaries), the verb it joins, the nearest
 * before it in the clause; its subject is the trigger's. The trigger's own
 * start otherwise. */
static size_t joined_verb(const struct role_scene *s)
{
        const struct token_list *tl = s->tl;
        size_t i = s->trigger_start;

        if (i >= tl->n || !(tl->v[i].tag == TAG_VERB || tl->v[i].tag == TAG_MODAL || tl->v[i].tag == TAG_AUX))
                return s->trigger_start;
        while (i > 0 && (tl->v[i - 1].tag == TAG_ADV || tl->v[i - 1].tag == TAG_MODAL || tl->v[i - 1].tag == TAG_AUX))
                i--;
        if (i == 0 || !(token_is(tl, i - 1, "and") || token_is(tl, i - 1, "or")))
                return s->trigger_start;
        for (size_t k = i - 1; k > 0; k--) {
                if (tl->v[k - 1].quoted || token_is(tl, k - 1, ";") || token_is(tl, k - 1, ":"))
                        break; /* "." inside a sentence is an abbreviation's ("U.S.") */
                if (tl->v[k - 1].tag == TAG_VERB) {
                        while (k > 1 && (tl->v[k - 2].tag == TAG_MODAL || tl->v[k - 2].tag == TAG_AUX ||
                                         tl->v[k - 2].tag == TAG_ADV))
                                k--;
                        return k - 1;
                }
        }
        return s->trigger_start;
}

static size_t fill_before(const struct role_scene *s, const struct want *w, const struct entity **out, size_t max)
{
        const struct mention *last = NULL;
        size_t n = 0, limit = joined_verb(s);
        bool had_and = false;

        if (s->trigger_start > 0 && token_is(s->tl, s->trigger_start - 1, ",") &&
            lexicon_word_ends(s->cb->lexicon, token_norm(s->tl, s->trigger_start), LEX_PARTICIPLE))
                return fill_participle(s, w, out);

        for (size_t i = s->ml->n; i > 0 && n < max; i--) {
                const struct mention *m = &s->ml->v[i - 1];
                const struct entity *e;

                if (m->tok_end > limit || m->quoted)
                        continue;
                e = pick(s, m, w);
                if (!e || entity_is_place(e) || destination(s, m, e))
                        continue;
                if (last && (!joined(s, m->tok_end, last->tok_start) ||
                             (!had_and && token_is(s->tl, m->tok_end, ","))))
                        break; /* "X, Y and Z" is a list; "At the invitation of X, Y" is not */
                if (last && token_is(s->tl, m->tok_end, "and"))
                        had_and = true;
                if (m->pair && !last && e == m->cand[0] && max > 1 && acceptable(m->cand[1], w)) {
                        out[0] = m->cand[0]; /* "the two countries": both act */
                        out[1] = m->cand[1];
                        return 2;
                }
                out[n++] = e;
                last = m;
        }
        for (size_t i = 0; i < n / 2; i++) { /* text order */
                const struct entity *t = out[i];

                out[i] = out[n - 1 - i];
                out[n - 1 - i] = t;
        }
        return n;
}

/* The first acceptable actor among the mentions starting at or after token from. */
static const struct entity *first_from(const struct role_scene *s, size_t from, size_t until, const struct want *w)
{
        for (size_t i = 0; i < s->ml->n; i++) {
                const struct mention *m = &s->ml->v[i];
                const struct entity *e;

                if (m->tok_start < from || m->tok_start >= until || m->quoted)
                        continue;
                e = pick(s, m, w);
                if (e)
                        e = state_of_place(s, e);
                if (e && acceptable(e, w))
                        return e;
        }
        return NULL;
}

/* The first actor after the trigger; but a trigger that contains its object
 * ("informed the Security Council", "briefed the assembly") has that object as
 * its target, or none, and not the next name along. */
static const struct entity *fill_after(const struct role_scene *s, const struct want *w)
{
        const struct token *last = &s->tl->v[s->trigger_end - 1];
        const struct entity *inside = first_from(s, s->trigger_start + 1, s->trigger_end, w);

        if (inside)
                return inside;
        if ((last->tag == TAG_NOUN || last->tag == TAG_PROPER) && s->trigger_end > s->trigger_start + 1 &&
            s->tl->v[s->trigger_start].tag == TAG_VERB &&
            !(s->trigger_end < s->tl->n && s->tl->v[s->trigger_end].tag == TAG_PREP) &&
            !first_from(s, s->trigger_end, s->trigger_end + 1, w))
                return NULL; /* "increase its investments there": "there" is still the target */
        return first_from(s, s->trigger_end, s->tl->n, w);
}

/* "accused Rwanda of ..., and demanded their withdrawal": a verb coordinated
 * with the sentence's first verb shares its object. */
static const struct entity *fill_shared_object(const struct role_scene *s, const struct want *w)
{
        size_t v;

        if (!clause_coordinated(s->tl, s->trigger_start) ||
            (v = clause_first_verb(s->tl, s->trigger_start)) == CLAUSE_NONE || v + 1 >= s->trigger_start)
                return NULL;
        return first_from(s, v + 1, s->trigger_start, w);
}

/* "rejected the accusations", "condemned the decision", "took note of the
 * judgment": an object that is a bare definite noun, naming no party and not
 * saying whose it is ("the detention of", "the government"), refers back to an
 * act told before. */
static bool answers_an_act(const struct role_scene *s)
{
        const struct token_list *tl = s->tl;
        size_t i = s->trigger_start + 1, head;

        while (i < s->trigger_end && !token_is(tl, i, "the") && !token_is(tl, i, "this") && !token_is(tl, i, "these"))
                i++;
        if (i >= tl->n || !(token_is(tl, i, "the") || token_is(tl, i, "this") || token_is(tl, i, "these")))
                return false;
        for (head = i + 1; head < tl->n && tl->v[head].tag == TAG_ADJ; head++)
                ;
        if (head >= tl->n || tl->v[head].tag != TAG_NOUN || tl->v[head].capitalized ||
            (head + 1 < tl->n && (tl->v[head + 1].tag == TAG_NOUN || tl->v[head + 1].tag == TAG_PROPER ||
                                  token_is(tl, head + 1, "'s") ||
                                  token_is(tl, head + 1, "of") || token_is(tl, head + 1, "to") ||
                                  token_is(tl, head + 1, "for") || token_is(tl, head + 1, "by"))))
                return false;
        if (tagger_lemma_class(s->cb, tl, head) &
            (LEX_PEOPLE | LEX_INSTITUTION | LEX_ORG_NOUN | LEX_NGO_NOUN | LEX_TITLE))
                return false; /* "urged the authorities", "met the minister": somebody */
        for (size_t k = 0; k < s->ml->n; k++)
                if (s->ml->v[k].tok_start >= i && s->ml->v[k].tok_start <= head)
                        return false;
        return true;
}

/* Who did the act answered: the lead's subject (a story opens with the act
 * its reactions answer), else the latest earlier sentence's, not on the
 * answering side (w excludes the actors and their country); a person or a
 * government department stands for its state. */
static const struct entity *answered_author(const struct role_scene *s, const struct want *w)
{
        const struct mention_history *h = s->history;

        for (size_t k = 0; k <= h->n_subjects && k <= MENTION_SUBJECTS; k++) {
                const struct entity *e =
                        k == 0 ? h->lead_subject : h->subjects[(h->n_subjects - k) % MENTION_SUBJECTS];

                if (!e)
                        continue;
                if ((entity_is_type(e, ENTITY_PERSON) || entity_is_type(e, ENTITY_GOVERNMENT)) && e->country[0]) {
                        const struct entity *st = gazetteer_find_country(s->cb->gazetteer, ENTITY_STATE, e->country);

                        e = st ? st : e;
                }
                if (!entity_is_place(e) && acceptable(e, w))
                        return e;
        }
        return NULL;
}

/* "was greeted on the tarmac by Y": the first actor after a nearby "by". */
static const struct entity *fill_agent(const struct role_scene *s, const struct want *w)
{
        for (size_t i = s->trigger_end; i < s->tl->n && i < s->trigger_end + AGENT_WINDOW; i++) {
                if (s->tl->v[i].kind == TOKEN_PUNCT && !token_is(s->tl, i, "-"))
                        return NULL;
                if (token_is(s->tl, i, "by"))
                        return first_from(s, i + 1, i + 1 + AGENT_WINDOW, w);
        }
        return NULL;
}

/* The sentence's first actor; a place after "in" or "at" ("Arriving in
 * Yerevan, X said") says where, even right after the trigger. */
static const struct entity *fill_subject(const struct role_scene *s, const struct want *w)
{
        for (size_t i = 0; i < s->ml->n; i++) {
                const struct entity *e = s->ml->v[i].where ? NULL : pick(s, &s->ml->v[i], w);

                if (e && !s->ml->v[i].quoted && !entity_is_place(e))
                        return e;
        }
        return NULL;
}

static const struct entity *fill_tagged(const struct role_scene *s, const struct want *w)
{
        const struct mention_history *h = s->history;
        size_t stop = h->n_seen > 256 ? h->n_seen - 256 : 0;

        for (size_t i = 0; i < s->ml->n; i++) {
                const struct entity *e = pick(s, &s->ml->v[i], w);

                if (e)
                        return e;
        }
        for (size_t i = h->n_seen; i > stop; i--)
                if (acceptable(h->seen[i - 1], w))
                        return h->seen[i - 1];
        return NULL;
}

static const struct entity *visitor_state(const struct role_scene *s)
{
        const struct entity *v = s->episode->visitor;

        if (!v || !v->country[0])
                return NULL;
        if (entity_is_type(v, ENTITY_STATE))
                return v;
        return gazetteer_find_country(s->cb->gazetteer, ENTITY_STATE, v->country);
}

/* The side of the visit that is not the actor's country. */
static const struct entity *partner_of(const struct role_scene *s, const struct entity *actor)
{
        const struct entity *host = s->episode->host;

        if (actor && host && actor->country[0] && strcmp(actor->country, host->country) == 0)
                return visitor_state(s);
        return host;
}

static size_t fill_source(const struct role_scene *s, enum role_source src, const struct want *w,
                          const struct entity **out, size_t max)
{
        const struct entity *e = NULL;

        if (s->passive && (src == ROLE_BEFORE || src == ROLE_AFTER)) {
                if (src == ROLE_AFTER)
                        return fill_before(s, w, out, 1);
                e = fill_agent(s, w);
        } else if (src == ROLE_BEFORE)
                return fill_before(s, w, out, max);
        else if (src == ROLE_AFTER && !(e = fill_after(s, w)) && !(e = fill_shared_object(s, w)) && w->n_ex &&
                 !w->filter && answers_an_act(s))
                e = answered_author(s, w); /* not for "after:person": "welcomed the measures" receives nobody */
        else if (src == ROLE_SUBJECT)
                e = fill_subject(s, w);
        else if (src == ROLE_HOST)
                e = s->episode->host;
        else if (src == ROLE_VISITOR)
                e = s->episode->visitor;
        else if (src == ROLE_GUEST_STATE)
                e = visitor_state(s);
        else if (src == ROLE_PARTNER && w->n_ex > 1) {
                out[0] = w->ex[1]; /* "India and Namibia signed": the second of a joint actor */
                return 1;
        } else if (src == ROLE_PARTNER)
                e = partner_of(s, w->n_ex ? w->ex[0] : NULL);
        else if (src == ROLE_TAGGED)
                e = fill_tagged(s, w);
        else if (src == ROLE_PREVIOUS)
                e = s->previous;
        if (!e || !acceptable(e, w))
                return 0;
        out[0] = e;
        return 1;
}

size_t roles_fill(const struct role_scene *s, const struct role_spec *spec, const struct entity *const *exclude,
                  size_t n_exclude, const struct entity **out, size_t max)
{
        /* "X and Y held talks on the sidelines of the UN General Assembly": where
         * the other side is a source, a joint actor's second party comes first */
        for (size_t k = 0; k < spec->n && max && n_exclude > 1; k++)
                if (spec->src[k] == ROLE_PARTNER && (!spec->filter[k] || entity_has_tag(exclude[1], spec->filter[k]))) {
                        out[0] = exclude[1];
                        return 1;
                }
        for (size_t k = 0; k < spec->n && max; k++) {
                struct want w = { .filter = spec->filter[k], .ex = exclude, .n_ex = n_exclude,
                                  .country = s->target_of };
                size_t n = fill_source(s, spec->src[k], &w, out, max);

                if (n)
                        return n;
        }
        return 0;
}

const struct entity *roles_place(const struct role_scene *s)
{
        for (size_t i = 0; i < s->ml->n; i++) {
                const struct entity *e = mention_entity(&s->ml->v[i]);

                if (e && !s->ml->v[i].quoted && !s->ml->v[i].pronoun && (entity_is_place(e) || capital(e)))
                        return e;
        }
        return NULL;
}

bool roles_is_passive(const struct codebook *cb, const struct token_list *tl, size_t start)
{
        for (size_t k = 1; k <= 2 && k <= start; k++) {
                unsigned cls = tagger_word_class(cb, tl, start - k);

                if (cls & LEX_BE)
                        return true;
                if (tl->v[start - k].kind != TOKEN_WORD || !(cls & LEX_ADVERB))
                        return false;
        }
        return false;
}
