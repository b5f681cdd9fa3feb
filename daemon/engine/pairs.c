/* "The two countries", "both sides", "the two presidents", "The Leaders": a
 * mention of the pair of parties the article named most of late (mention.c
 * asks at each word the names left), the first named first. */
#include <string.h>
#include <strings.h>

#include "lexical.h"
#include "names.h"
#include "pairs.h"
#include "tagger.h"

/* Who may be one of "the two ...": persons for "leaders", states for
 * "countries" (tried first), any other actor for "sides". */
enum pair_kind { PAIR_PERSONS, PAIR_STATES, PAIR_PARTIES };

/* e as a member of such a pair (a government standing for its state), or NULL;
 * a capital is left where it stood, as where something happened. */
static const struct entity *pair_member(const struct codebook *cb, const struct entity *e, enum pair_kind kind)
{
        if (kind == PAIR_PERSONS || entity_is_type(e, ENTITY_PERSON))
                return kind == PAIR_PERSONS && entity_is_type(e, ENTITY_PERSON) ? e : NULL;
        if (entity_is_place(e) || entity_is_type(e, ENTITY_DOCUMENT) || entity_is_capital(e))
                return NULL;
        if (entity_is_type(e, ENTITY_GOVERNMENT) && e->country[0])
                e = gazetteer_find_country(cb->gazetteer, ENTITY_STATE, e->country);
        return e && (kind == PAIR_PARTIES || entity_is_type(e, ENTITY_STATE)) ? e : NULL;
}

#define PAIR_WINDOW 32 /* the entities named last, among which the two parties are the most named */

/* The last PAIR_WINDOW entities named, as members of a pair of one kind (NULL
 * for those that cannot be), oldest first: worked out once per kind, not again
 * for each candidate and each count (it was a twentieth of extraction). */
struct pair_window {
        const struct entity *v[PAIR_WINDOW];
        size_t n;
};

static void pair_window(const struct codebook *cb, const struct mention_history *h, enum pair_kind kind,
                        struct pair_window *w)
{
        w->n = 0;
        for (size_t k = h->n_seen > PAIR_WINDOW ? h->n_seen - PAIR_WINDOW : 0; k < h->n_seen; k++)
                w->v[w->n++] = pair_member(cb, h->seen[k], kind);
}

/* How often e was named among the last PAIR_WINDOW and in the sentence so far. */
static size_t times_named(const struct codebook *cb, const struct pair_window *w, const struct mention_list *ml,
                          const struct entity *e, enum pair_kind kind)
{
        size_t n = 0;

        for (size_t k = 0; k < w->n; k++)
                n += w->v[k] == e;
        for (size_t k = 0; k < ml->n; k++)
                n += !ml->v[k].quoted && mention_entity(&ml->v[k]) &&
                     pair_member(cb, mention_entity(&ml->v[k]), kind) == e;
        return n;
}

/* Whether e may join the pair: not in it, nor of its country. */
static bool pair_fits(const struct mention *m, const struct entity *e)
{
        for (size_t k = 0; k < m->n_cand; k++)
                if (m->cand[k] == e || (e->country[0] && strcmp(e->country, m->cand[k]->country) == 0))
                        return false;
        return true;
}

#define PAIR_TRIED 16 /* the distinct candidates pair_best remembers having weighed */

/* The most named candidate (the latest of equals) that fits, or NULL; with a
 * title word, only persons whose title holds it ("the two presidents"). */
static const struct entity *pair_best(const struct codebook *cb, const struct pair_window *w,
                                      const struct mention_list *ml, const struct mention *m, enum pair_kind kind,
                                      const char *title)
{
        const struct entity *best = NULL, *tried[PAIR_TRIED];
        size_t best_n = 0, n_tried = 0;

        for (size_t k = ml->n + w->n; k > 0; k--) { /* the sentence, then the history, latest first */
                const struct mention *in = k > w->n ? &ml->v[k - 1 - w->n] : NULL;
                const struct entity *e = in ? (in->quoted || !mention_entity(in) ? NULL
                                                                                 : pair_member(cb, mention_entity(in), kind))
                                            : w->v[k - 1];
                size_t n, t;

                if (!e)
                        continue;
                /* an entity named again was weighed at its latest mention: its count is the
                 * same and a tie keeps the latest, so it is counted once (the window is
                 * mostly a few parties named many times) */
                for (t = 0; t < n_tried && tried[t] != e; t++)
                        ;
                if (t < n_tried)
                        continue;
                if (n_tried < PAIR_TRIED)
                        tried[n_tried++] = e;
                if (!pair_fits(m, e) || (title && !(e->title && strcasestr(e->title, title))))
                        continue;
                if ((n = times_named(cb, w, ml, e, kind)) > best_n)
                        best = e, best_n = n;
        }
        return best;
}

/* Where e was first named in the window, the later the larger. */
static size_t first_named(const struct mention_history *h, const struct entity *e)
{
        for (size_t k = mention_window_start(h); k < h->n_seen; k++)
                if (h->seen[k] == e)
                        return k;
        return h->n_seen;
}

/* A word's lemma as a noun: "Leaders" in "The two Leaders" is tagged a name,
 * which the tagger leaves unlemmatised. */
static const char *noun_lemma(const struct codebook *cb, const struct token_list *tl, size_t i)
{
        const struct lexeme *l;

        if (tl->v[i].tag != TAG_PROPER || !(l = lexical_lookup_at(cb->lexical, tl, i)))
                return token_lemma(tl, i);
        return lexeme_lemma(l, LEXICAL_NOUN, token_norm(tl, i));
}

/* "the presidents", "The Leaders" (a plural title after "the", no name, "of"
 * or noun after it) at token i: the two persons of that title. */
static bool titled_plural(const struct codebook *cb, const struct token_list *tl, size_t i)
{
        return i > 0 && i + 1 < tl->n && token_is(tl, i - 1, "the") && tl->v[i].kind == TOKEN_WORD &&
               strcmp(noun_lemma(cb, tl, i), token_norm(tl, i)) != 0 && !names_word_in(cb, tl, i, LEX_TITLE) &&
               (lexicon_word(cb->lexicon, noun_lemma(cb, tl, i)) & LEX_TITLE) && !token_is(tl, i + 1, "of") &&
               !names_word(cb, tl, i + 1) && tl->v[i + 1].tag != TAG_NOUN && tl->v[i + 1].tag != TAG_PROPER;
}

/* "the two countries", "both leaders", "the two foreign ministers": the two
 * parties most named of late (persons for a title; for an institution states,
 * else any other actors; of two countries when both have one), the first
 * named first. */
int pairs_find(const struct codebook *cb, const struct token_list *tl, size_t i, const struct mention_history *h,
               struct mention_list *out)
{
        struct mention m;
        size_t j = i + 1, at = i;
        unsigned cls;
        enum pair_kind kind;

        if (titled_plural(cb, tl, i))
                j = i--; /* "the presidents signed": the two of them */
        else if (!token_is(tl, i, "both") && !(token_is(tl, i, "two") && i > 0 && token_is(tl, i - 1, "the")))
                return 0;
        /* made only here: pairs_find is asked at nearly every word, and finds none at most */
        m = (struct mention){ .tok_start = at, .pair = true, .quoted = tl->v[at].quoted };
        while (j < tl->n && j < i + 3 && tl->v[j].tag == TAG_ADJ)
                j++;
        if (j >= tl->n)
                return 0;
        cls = lexicon_word(cb->lexicon, noun_lemma(cb, tl, j)) | tagger_word_class(cb, tl, j);
        if (!(cls & (LEX_TITLE | LEX_INSTITUTION)) ||
            !(tl->v[j].tag == TAG_NOUN || (tl->v[j].tag == TAG_PROPER && (cls & LEX_TITLE)))) /* "The two Leaders" */
                return 0;
        for (kind = cls & LEX_TITLE ? PAIR_PERSONS : PAIR_STATES; m.n_cand < 2; kind = PAIR_PARTIES) {
                const struct entity *e;
                struct pair_window w;

                m.n_cand = 0;
                if (h->joint[0] && (m.cand[0] = pair_member(cb, h->joint[0], kind)) &&
                    (m.cand[1] = pair_member(cb, h->joint[1], kind)) && m.cand[0] != m.cand[1]) {
                        m.n_cand = 2; /* "Germany and France ... The two countries" */
                        break;
                }
                pair_window(cb, h, kind, &w);
                /* "the two presidents": those titled so, else any two persons */
                while (kind == PAIR_PERSONS && m.n_cand < 2 &&
                       (e = pair_best(cb, &w, out, &m, kind, noun_lemma(cb, tl, j))))
                        m.cand[m.n_cand++] = e;
                if (m.n_cand < 2)
                        m.n_cand = 0;
                while (m.n_cand < 2 && (e = pair_best(cb, &w, out, &m, kind, NULL)))
                        m.cand[m.n_cand++] = e;
                if (kind != PAIR_STATES && m.n_cand < 2)
                        return 0;
        }
        if (kind != PAIR_PARTIES && h->joint[0] && m.cand[0] == pair_member(cb, h->joint[0], kind))
                ; /* a joint subject keeps its order */
        else if (first_named(h, m.cand[1]) < first_named(h, m.cand[0])) {
                const struct entity *t = m.cand[0];

                m.cand[0] = m.cand[1];
                m.cand[1] = t;
        }
        m.tok_start = token_is(tl, i, "two") ? i - 1 : i;
        m.tok_end = j + 1;
        return mention_push(out, &m);
}
