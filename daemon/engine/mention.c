/* Mentions. A name is the longest gazetteer alias at a token; a contextual alias
 * ("the Court") counts only once its entity was named. Names the gazetteer does
 * not know are found by their context (names.c). A pronoun gets the referents its
 * class allows, most recent first. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acronyms.h"
#include "bodies.h"
#include "internal/alloc.h"
#include "mention.h"
#include "mention_facts.h"
#include "names.h"
#include "pairs.h"
#include "titles.h"

static bool seen_before(const struct mention_history *h, const struct entity *e)
{
        for (size_t i = mention_window_start(h); i < h->n_seen; i++)
                if (h->seen[i] == e)
                        return true;
        return false;
}

int mention_push(struct mention_list *ml, const struct mention *m)
{
        if (GREEDY_REALLOC(ml->v, ml->cap, ml->n + 1) < 0)
                return -ENOMEM;
        ml->v[ml->n++] = *m;
        return 0;
}

static bool is_actor(const struct entity *e) { return !entity_is_place(e) && !entity_is_type(e, ENTITY_PERSON); }

/* Referents for "it": an organisation or state named earlier in this sentence,
 * else the previous sentence's subject, else the most recent one. */
static void resolve_group(const struct mention_history *h, const struct mention_list *ml, struct mention *m)
{
        for (size_t i = ml->n; i > 0 && m->n_cand < MENTION_CANDIDATES; i--) {
                const struct entity *e = mention_entity(&ml->v[i - 1]);

                if (ml->v[i - 1].quoted && !m->quoted)
                        continue; /* a pronoun never resolves into a quotation */
                if (e && is_actor(e)) {
                        m->cand[m->n_cand++] = e;
                        return;
                }
        }
        if (h->last_subject && is_actor(h->last_subject)) {
                m->cand[m->n_cand++] = h->last_subject;
                return;
        }
        for (size_t i = h->n_seen; i > mention_window_start(h); i--)
                if (is_actor(h->seen[i - 1])) {
                        m->cand[m->n_cand++] = h->seen[i - 1];
                        return;
                }
}

/* Referents for "they" that act together: "the two countries ..., which they
 * signed", or "Germany and France called ... They also urged" (the previous
 * sentence's joint subject). False when "they" is somebody else. */
static bool resolve_pair(const struct mention_history *h, const struct mention_list *ml, struct mention *m)
{
        const struct entity *a = NULL, *b = NULL;

        for (size_t i = ml->n; i > 0 && !a; i--) {
                const struct mention *o = &ml->v[i - 1];

                if ((o->quoted && !m->quoted) || !mention_entity(o) || !is_actor(mention_entity(o)))
                        continue;
                if (!o->pair)
                        return false;
                a = o->cand[0], b = o->cand[1];
        }
        if (!a && h->joint[0] && h->last_subject == h->joint[0])
                a = h->joint[0], b = h->joint[1];
        if (!a)
                return false;
        m->cand[0] = a;
        m->cand[1] = b;
        m->n_cand = 2;
        m->pair = true;
        return true;
}

static bool wanted(enum pronoun_kind kind, const struct entity *e)
{
        if (kind == PRONOUN_PERSON)
                return entity_is_type(e, ENTITY_PERSON);
        return entity_is_place(e) || entity_is_type(e, ENTITY_STATE);
}

static void add_candidate(struct mention *m, const struct entity *e)
{
        for (size_t k = 0; k < m->n_cand; k++)
                if (m->cand[k] == e)
                        return;
        if (m->n_cand < MENTION_CANDIDATES)
                m->cand[m->n_cand++] = e;
}

/* Referents for "he" or "there": matching entities, this sentence first, then
 * the previous sentence's subject ("Manalo recalled meeting Wang Yi. He ..." is
 * Manalo), then the most recent. */
static void resolve_recent(const struct mention_history *h, const struct mention_list *ml, enum pronoun_kind kind,
                           struct mention *m)
{
        for (size_t i = ml->n; i > 0; i--) {
                const struct entity *e = mention_entity(&ml->v[i - 1]);

                if (e && !ml->v[i - 1].pronoun && wanted(kind, e) && !(ml->v[i - 1].quoted && !m->quoted))
                        add_candidate(m, e);
        }
        /* "there" is where, not who: the last subject is no better a guess than the last place */
        if (kind != PRONOUN_PLACE && h->last_subject && wanted(kind, h->last_subject))
                add_candidate(m, h->last_subject);
        for (size_t i = h->n_seen; i > mention_window_start(h) && m->n_cand < MENTION_CANDIDATES; i--)
                if (wanted(kind, h->seen[i - 1]))
                        add_candidate(m, h->seen[i - 1]);
}

/* "Budapest said", "the State Department urged": a capital or a ministry that
 * is not where something happened acts for its state. */
static const struct entity *acting_for(const struct codebook *cb, const struct entity *e)
{
        const struct entity *state;

        if (!e->country[0] || !entity_is_type(e, ENTITY_GOVERNMENT) ||
            !(entity_is_capital(e) || entity_has_tag(e, "ministry")))
                return e;
        state = gazetteer_find_country(cb->gazetteer, ENTITY_STATE, e->country);
        return state ? state : e;
}

/* "the Ministry of Foreign Affairs of Jordan", "the Government of Chad": a body
 * of a state named after it is the state, and the voice of what follows when
 * written with a capital (a statement's author); "the Ministry" alone is that
 * voice. */
static size_t state_body(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                         bool the, const struct sentence_facts *sf, struct mention_history *h,
                         const struct entity **ret)
{
        bool contextual, capital = tl->v[i].capitalized && !tl->v[i].all_caps;
        size_t n, k, end;
        const struct entity *e;

        /* asked at most words: the body is looked for only where one of the two
         * below could be found (an "of" and a state after i, or a voice) */
        if (!(i < sf->of_state || (capital && h->voice && (i == 0 || the))))
                return 0;
        n = names_body_at(cb, tl, text, i), k = i + n;
        if (!n)
                return 0;
        if (token_is(tl, k, "of")) {
                k += token_is(tl, k + 1, "the") ? 2 : 1;
                if (k < tl->n && (end = gazetteer_match(cb->gazetteer, tl, text, k, &e, &contextual)) && !contextual &&
                    entity_is_type(e, ENTITY_STATE)) {
                        if (capital)
                                h->voice = e;
                        *ret = names_tagged_body(cb, h, text, tl, i, end, e); /* "the Supreme Court of Chad" */
                        return end - i;
                }
        }
        if (!capital || !h->voice || !(i == 0 || token_is(tl, i - 1, "the")) || names_word(cb, tl, i + n))
                return 0;
        *ret = h->voice;
        return n;
}

#define STATE_WINDOW 64 /* the entities named last, among which the most named state is sought */

/* The state most named of late (the latest of those named as often), or NULL. */
static const struct entity *most_named_state(const struct mention_history *h)
{
        const struct entity *best = NULL;
        size_t best_n = 0, stop = h->n_seen > STATE_WINDOW ? h->n_seen - STATE_WINDOW : 0;

        for (size_t k = h->n_seen; k > stop; k--) {
                const struct entity *e = h->seen[k - 1];
                size_t n = 0, j;

                if (!entity_is_type(e, ENTITY_STATE))
                        continue;
                /* a state named again later was counted there: as often, and a tie keeps the latest */
                for (j = k; j < h->n_seen && h->seen[j] != e; j++)
                        ;
                if (j < h->n_seen)
                        continue;
                for (j = stop; j < h->n_seen; j++) /* bounded: 64 x 64 at most */
                        n += h->seen[j] == e;
                if (n > best_n)
                        best = e, best_n = n;
        }
        return best;
}

#define AUTHOR_WINDOW 16 /* the first names of an article, where its author names itself */

/* The state a statement speaks for when no heading said it in an "of" phrase:
 * the lead's subject's state, else the first state the article named ("Press
 * Briefing by Spokesperson X, Ministry of Foreign Affairs, Republic of Korea"). */
static const struct entity *author_state(const struct codebook *cb, const struct mention_history *h)
{
        const struct entity *e = h->lead_subject;

        if (e && !entity_is_type(e, ENTITY_STATE) && e->country[0])
                e = gazetteer_find_country(cb->gazetteer, ENTITY_STATE, e->country);
        if (e && entity_is_type(e, ENTITY_STATE))
                return e;
        for (size_t k = 0; k < h->n_seen && k < AUTHOR_WINDOW; k++)
                if (entity_is_type(h->seen[k], ENTITY_STATE))
                        return h->seen[k];
        return NULL;
}

/* "urged the authorities", "The government argued", "the Ministry summoned"
 * (a statement's own body, capitalised, tagged a name): a state's body said alone
 * (no state before it, no name or "of" phrase naming one after it) is the state whose voice the
 * article carries, else the one its dateline files from, else (capitalised:
 * the statement's own) the author's state, else the state most named so far. */
static size_t body_alone(const struct codebook *cb, const struct token_list *tl, size_t i, bool the,
                         const struct mention_history *h, const struct entity **ret)
{
        if (!the ||
            !(tl->v[i].tag == TAG_NOUN || (tl->v[i].tag == TAG_PROPER && tl->v[i].capitalized)) ||
            !names_word_in(cb, tl, i, LEX_INSTITUTION) ||
            names_word(cb, tl, i + 1) || (i + 1 < tl->n && tl->v[i + 1].tag == TAG_NOUN) ||
            (token_is(tl, i + 1, "of") && /* "the government of Chad", not "accused the government of lying" */
             (i + 2 >= tl->n || tl->v[i + 2].capitalized || names_word_in(cb, tl, i + 2, LEX_DETERMINER))))
                return 0;
        *ret = h->voice ? h->voice : h->home ? h->home : tl->v[i].tag == TAG_PROPER ? author_state(cb, h) : NULL;
        if (!*ret)
                *ret = most_named_state(h);
        return *ret ? 1 : 0;
}

/* the: token *i - 1 is "the"; may: what may start at *i (facts_may()); sf: the sentence's facts */
static int add_name(const struct codebook *cb, const struct token_list *tl, const char *text, size_t *i, bool the,
                    unsigned may, const struct sentence_facts *sf, struct mention_history *h,
                    struct mention_list *out)
{
        struct mention m;
        const struct entity *e = NULL;
        bool contextual = false;
        size_t end = may & GAZETTEER_MAY_ALIAS ? gazetteer_match(cb->gazetteer, tl, text, *i, &e, &contextual) : 0;
        size_t n, caps = sf->caps;
        /* Most words are in lower case: the finders below that need a capital
         * at i (cap), or a name word there (word: two or more of them make the
         * name), are not asked at them; nor those that need "the" before (the). */
        bool cap = tl->v[*i].capitalized, word = names_word(cb, tl, *i);
        size_t tok_start = *i;

        if (end && contextual && !seen_before(h, e))
                end = 0;
        /* "the Human Rights Commission of Pakistan (HRCP)", then "the HRCP" */
        if ((cap && sf->acronym && (n = acronyms_name_at(cb, tl, text, *i, h, &e))) ||
            (tl->v[*i].all_caps && (n = acronyms_known_at(h, tl, *i, &e))))
                end = *i + n, contextual = false;
        /* "Montenegro said", once Luís Montenegro was named: the person, not the state */
        if (end == *i + 1 && names_is_place_or_state(e) && (n = names_known_surname(h, tl, *i, &e)))
                end = *i + n;
        /* "Pakistan's Foreign Office", "Haiti's government": a state's body is the state */
        if (end && !entity_is_type(e, ENTITY_PERSON) && !entity_is_place(e) && token_is(tl, end, "'s") &&
            (n = names_body_at(cb, tl, text, end + 1))) {
                names_body_head(cb, tl, end + 1, end + 1 + n, h, e);
                e = names_tagged_body(cb, h, text, tl, end + 1, end + 1 + n, e); /* "Brazil's Supreme Court" */
                end = end + 1 + n;
        }
        /* "U.S. officials": a state's name before its body is the state, as a demonym is */
        if (end && !contextual && entity_is_type(e, ENTITY_STATE) &&
            (n = lexicon_phrase_at(cb->lexicon, LEX_INSTITUTION, tl, end)))
                end += n;
        if (!end && (n = state_body(cb, tl, text, *i, the, sf, h, &e)))
                end = *i + n;
        if (!end && (may & GAZETTEER_MAY_DEMONYM) && (n = names_state_by_adjective(cb, tl, text, *i, &e))) {
                names_body_head(cb, tl, *i, *i + n, h, e);
                end = *i + n;
                if (names_word_in(cb, tl, end - 1, LEX_INSTITUTION)) /* not "Mexican" of "Mexican and U.S. officials" */
                        e = names_body_of_state(h, text, tl, *i, end, e);
        }
        if (!end && *i + 1 < caps && (may & FACTS_MAY_TITLE) &&
            (n = titles_person_after(cb, tl, text, *i, h, out, &e))) {
                size_t t = *i;

                end = *i + n, tok_start = end - 1; /* the mention is the name, not the title */
                while (out->n && t > out->v[out->n - 1].tok_end && tl->v[t - 1].kind == TOKEN_WORD &&
                       tl->v[t - 1].capitalized)
                        t--; /* "Vice President": the title's words before its title word */
                /* "the UN Under-Secretary-General X", "Tajikistan's Minister X": the body or
                 * state is the person's, not a party */
                if (out->n && !entity_is_type(mention_entity(&out->v[out->n - 1]), ENTITY_PERSON) &&
                    (out->v[out->n - 1].tok_end == t ||
                     (out->v[out->n - 1].tok_end + 1 == t && token_is(tl, t - 1, "'s"))))
                        out->v[out->n - 1].locative = true;
        }
        if (!end && word && sf->bracket && *i < caps &&
            (n = names_person_with_bracket(cb, tl, text, *i, h, out, &e)))
                end = *i + n;
        if (!end && the && (n = names_organisation_by_noun(cb, tl, *i, h, &e)))
                end = *i + n;
        if (!end && the && (n = names_body_by_head(cb, tl, text, *i, h, &e)))
                end = *i + n;
        if (!end && (n = body_alone(cb, tl, *i, the, h, &e)))
                end = *i + n;
        if (!end && h->body && (may & FACTS_MAY_MEMBERS) && (the || cap || names_word(cb, tl, *i - 1)) &&
            (n = bodies_members_at(cb, tl, text, *i, h, out, &e))) /* as bodies_members_at asks */
                end = *i + n;
        if (!end && *i + 1 < caps && !cap && names_word_in(cb, tl, *i, LEX_NGO_NOUN | LEX_ORG_NOUN) &&
            (n = names_organisation_after_noun(cb, tl, text, *i, h, &e)))
                end = *i + n, tok_start = *i + 1; /* the mention is the name, not the noun */
        /* the three below need the run of name words the gazetteer does not know
         * from i, and none from the middle of a name: found once for them */
        if (!end && ((cap && !tl->v[*i].all_caps) || (word && *i < caps)) && !(*i > 0 && names_word(cb, tl, *i - 1))) {
                size_t run = names_unknown_end(cb, tl, text, *i);

                if (cap && (n = names_organisation_before_noun(cb, tl, text, *i, run, h, &e)))
                        end = *i + n;
                else if (word && *i < caps && (n = names_known_part(cb, h, tl, text, *i, run, &e)))
                        end = *i + n;
                else if (word && *i < caps && (n = names_before_verb(cb, tl, text, *i, run, h, out, &e)))
                        end = *i + n;
        }
        /* last: "John Smith said" is a new John, not the John Kirby named before */
        if (!end && cap && (n = names_known_surname(h, tl, *i, &e)))
                end = *i + n;
        if (!end)
                return 0;
        m = (struct mention){ .tok_start = tok_start, .quoted = tl->v[*i].quoted }; /* made only for a name: most words are none */
        m.cand[m.n_cand++] = e;
        m.tok_end = end;
        /* a state right after "Place," only says where the place is */
        m.locative = out->n && out->v[out->n - 1].n_cand && entity_is_place(mention_entity(&out->v[out->n - 1])) &&
                     out->v[out->n - 1].tok_end + 1 == m.tok_start && token_is(tl, m.tok_start - 1, ",");
        /* "in Madrid", and a dateline ("NOUAKCHOTT —"): where, not who */
        m.where = ((m.tok_start > 0 && (token_is(tl, m.tok_start - 1, "in") || token_is(tl, m.tok_start - 1, "at"))) ||
                   tl->v[m.tok_start].all_caps) && /* the words first: the tags are searched */
                  (entity_is_place(e) || entity_is_capital(e));
        /* "the authorities in Managua": whose they are, not where */
        if (m.where && entity_is_capital(e) && m.tok_start >= 3 && token_is(tl, m.tok_start - 1, "in") &&
            names_word_in(cb, tl, m.tok_start - 2, LEX_INSTITUTION) && token_is(tl, m.tok_start - 3, "the"))
                m.where = false;
        if (m.where && m.tok_start == 0 && tl->v[0].all_caps && !h->home && entity_is_capital(e) &&
            e->country[0])
                h->home = gazetteer_find_country(cb->gazetteer, ENTITY_STATE, e->country);
        if (!m.where)
                m.cand[0] = acting_for(cb, e);
        if (entity_is_type(e, ENTITY_NGO) || entity_is_type(e, ENTITY_ORGANIZATION) || entity_is_type(e, ENTITY_IGO))
                names_apposed_noun(cb, tl, end, h, e);
        *i = end - 1;
        return mention_push(out, &m);
}

/* "the minister": a mention of the person a title said alone stands for. */
static int person_by_title(const struct codebook *cb, const struct token_list *tl, size_t i,
                           struct mention_history *h, struct mention_list *out)
{
        struct mention m = { .tok_start = i, .pronoun = true, .quoted = tl->v[i].quoted };
        const struct entity *e;

        if (!(m.tok_end = titles_person_alone(cb, tl, i, h, &e)))
                return 0;
        add_candidate(&m, e);
        return mention_push(out, &m);
}

#define LABEL_MAX 12 /* tokens before the colon of a transcript's label */

/* The colon of a label at the sentence's start: "Q:", or a name and its
 * title ("Shri Vikram Raghunathan, Official Spokesperson:"); 0 when none. */
static size_t label_colon(const struct token_list *tl)
{
        for (size_t k = 1; k < tl->n && k < LABEL_MAX; k++) {
                if (token_is(tl, k, ":"))
                        return tl->v[0].quoted ? 0 : k;
                if (!(tl->v[k].kind == TOKEN_WORD && tl->v[k].capitalized) && !token_is(tl, k, ",") &&
                    !token_is(tl, k, "."))
                        return 0;
        }
        return 0;
}

/* Whether the label before the colon is titles alone ("Spokesperson:", "Official Spokesperson:"). */
static bool title_label(const struct codebook *cb, const struct token_list *tl, size_t colon)
{
        size_t k = 0, n;

        while (k < colon && (n = lexicon_phrase_at(cb->lexicon, LEX_TITLE, tl, k)))
                k += n;
        return k == colon;
}

/* A turn of a transcript opens: "Name, Title:" speaks for itself; "Q:" is the
 * question's; "A:" (any other letter) the first person the article named,
 * whom the interview is with; a title alone, the briefing's state. The turn
 * lasts until the next label. */
static void open_turn(const struct codebook *cb, const struct token_list *tl, size_t colon, struct mention_history *h,
                      struct mention_list *out)
{
        if (title_label(cb, tl, colon)) { /* a spokesperson unnamed speaks for the briefing's state */
                h->speaker = h->voice ? h->voice : h->home;
                return;
        }
        if (colon == 1 && tl->v[0].end - tl->v[0].start == 1) {
                h->speaker = NULL;
                for (size_t k = mention_window_start(h); k < h->n_seen && !token_is(tl, 0, "q"); k++)
                        if (entity_is_type(h->seen[k], ENTITY_PERSON)) {
                                h->speaker = h->seen[k];
                                break;
                        }
                return;
        }
        if (out->n && out->v[0].tok_end <= colon && out->v[0].n_cand &&
            entity_is_type(mention_entity(&out->v[0]), ENTITY_PERSON)) {
                h->speaker = mention_entity(&out->v[0]);
                out->v[0].label = true;
        }
}

/* A note headed "Spokesperson for the X: Name" or "Statement of the Spokesperson
 * of the X": the body named whole after the title's "for" or "of" is the
 * note's author, whose "we" the note is. */
static void note_author(const struct codebook *cb, const struct token_list *tl, const struct mention_list *ml,
                        struct mention_history *h)
{
        for (size_t k = 0; k < ml->n && !h->author; k++) {
                const struct mention *m = &ml->v[k];
                size_t t = m->tok_start - (m->tok_start > 0 && token_is(tl, m->tok_start - 1, "the"));
                const struct entity *e = mention_entity(m);

                if (t < 2 || m->pronoun || !e || entity_is_type(e, ENTITY_PERSON) || entity_is_place(e) ||
                    !(token_is(tl, t - 1, "for") || token_is(tl, t - 1, "of")) ||
                    !lexicon_phrase_in(cb->lexicon, LEX_TITLE, tl, t - 1 > 3 ? t - 4 : 0, t - 1) ||
                    !(m->tok_end == tl->n || token_is(tl, m->tok_end, ":")))
                        continue;
                h->author = e;
        }
}

/* "Germany and France called", "Kazakh President X and South Korean President
 * Y signed": two mentions joined by "and" (titles and capitalised words
 * between) before a verb are remembered as the last joint subject. */
static void remember_joint(const struct token_list *tl, const struct mention_list *ml, struct mention_history *h)
{
        for (size_t k = 0; k + 1 < ml->n; k++) {
                const struct mention *a = &ml->v[k], *b = &ml->v[k + 1];
                size_t i = a->tok_end;

                if (a->quoted || b->quoted || a->pronoun || b->pronoun || !a->n_cand || !b->n_cand ||
                    !token_is(tl, i, "and") || a->cand[0] == b->cand[0] ||
                    entity_is_type(a->cand[0], ENTITY_PERSON) != entity_is_type(b->cand[0], ENTITY_PERSON))
                        continue;
                if (i + 1 < b->tok_start && token_is(tl, i + 1, "the"))
                        i++; /* "India and the UAE signed" */
                for (i++; i < b->tok_start && tl->v[i].kind == TOKEN_WORD && tl->v[i].capitalized; i++)
                        ;
                if (i == b->tok_start && b->tok_end < tl->n &&
                    (tl->v[b->tok_end].tag == TAG_VERB || tl->v[b->tok_end].tag == TAG_AUX ||
                     tl->v[b->tok_end].tag == TAG_MODAL || tl->v[b->tok_end].tag == TAG_ADV)) {
                        h->joint[0] = a->cand[0];
                        h->joint[1] = b->cand[0];
                        return;
                }
        }
}

int mention_find(const struct codebook *cb, const struct token_list *tl, const char *text,
                 struct mention_history *h, struct mention_list *out)
{
        size_t colon = label_colon(tl);
        struct sentence_facts sf;

        out->n = 0;
        sentence_facts(cb, tl, text, &sf);
        bodies_find(cb, tl, text, h);
        if (colon == 1 || (colon && title_label(cb, tl, colon)))
                open_turn(cb, tl, colon, h, out);
        for (size_t i = 0; i < tl->n; i++) {
                enum pronoun_kind kind;
                unsigned may;
                size_t before = out->n;
                bool the;
                int r;

                if (tl->v[i].kind != TOKEN_WORD)
                        continue;
                the = i > 0 && token_is(tl, i - 1, "the");
                may = facts_may(&sf, tl, i, the);
                if ((r = add_name(cb, tl, text, &i, the, may, &sf, h, out)) < 0)
                        return r;
                if (h->error)
                        return h->error;
                if (out->n > before) {
                        if (colon > 1 && out->n == 1)
                                open_turn(cb, tl, colon, h, out);
                        continue;
                }
                /* "the minister", "her counterpart"; "both sides", "the two countries", "the presidents" */
                /* a title said alone starts at i, or after a demonym there */
                if (i > 0 && (may & (FACTS_MAY_TITLE | GAZETTEER_MAY_DEMONYM)) &&
                    (the || names_word_in(cb, tl, i - 1, LEX_DETERMINER)) &&
                    (r = person_by_title(cb, tl, i, h, out)) < 0)
                        return r;
                if ((the || token_is(tl, i, "both")) && (r = pairs_find(cb, tl, i, h, out)) < 0)
                        return r;
                if (out->n > before) {
                        i = out->v[out->n - 1].tok_end - 1;
                        continue;
                }
                kind = lexicon_pronoun_at(cb->lexicon, tl, i);
                if (kind == PRONOUN_PLACE && i + 1 < tl->n &&
                    (tl->v[i + 1].tag == TAG_AUX || tl->v[i + 1].tag == TAG_MODAL))
                        kind = PRONOUN_NONE; /* "there is no reason": no place */
                if (kind != PRONOUN_NONE) {
                        struct mention m = { .tok_start = i, .tok_end = i + 1, .pronoun = true,
                                             .quoted = tl->v[i].quoted };

                        if (h->speaker && !m.quoted && (token_is(tl, i, "we") || token_is(tl, i, "i")))
                                m.cand[m.n_cand++] = h->speaker; /* a turn's "we" */
                        else if (h->voice && !m.quoted && token_is(tl, i, "we"))
                                m.cand[m.n_cand++] = h->voice; /* a statement's "we" */
                        else if (h->author && !m.quoted && token_is(tl, i, "we"))
                                m.cand[m.n_cand++] = h->author; /* a briefing note's "we" */
                        else if (kind == PRONOUN_GROUP && !(token_is(tl, i, "they") && resolve_pair(h, out, &m)))
                                resolve_group(h, out, &m);
                        else
                                resolve_recent(h, out, kind, &m);
                        if (m.n_cand && (r = mention_push(out, &m)) < 0)
                                return r;
                }
        }
        remember_joint(tl, out, h);
        if (!h->author && !h->voice)
                note_author(cb, tl, out, h);
        return 0;
}


/* The sentence's subject for later reactions: its first actor that is not a
 * dateline's capital or a place ("BRUSSELS (AP) - The European Union"). */
static void remember_subject(struct mention_history *h, const struct mention_list *ml)
{
        for (size_t i = 0; i < ml->n; i++) {
                const struct mention *m = &ml->v[i];
                const struct entity *e = mention_entity(m);

                if (!e || m->quoted || m->where || m->locative || m->label || entity_is_place(e))
                        continue;
                if (!h->n_subjects)
                        h->lead_subject = e;
                h->subjects[h->n_subjects++ % MENTION_SUBJECTS] = e;
                return;
        }
}

int mention_remember(struct mention_history *h, const struct mention_list *ml)
{
        h->last_subject = NULL;
        for (size_t i = 0; i < ml->n; i++) {
                const struct entity *e = mention_entity(&ml->v[i]);

                if (!e || ml->v[i].quoted)
                        continue;
                if (!h->last_subject && !entity_is_place(e) && !ml->v[i].label)
                        h->last_subject = e;
                if (GREEDY_REALLOC(h->seen, h->cap_seen, h->n_seen + 2) < 0)
                        return -ENOMEM;
                h->seen[h->n_seen++] = e;
                if (ml->v[i].pair) /* both stay named */
                        h->seen[h->n_seen++] = ml->v[i].cand[1];
        }
        remember_subject(h, ml);
        return 0;
}

void mention_history_done(struct mention_history *h)
{
        strmap_free(h->surnames);
        h->surnames = NULL;
        strmap_free(h->descriptors);
        h->descriptors = NULL;
        strmap_free(h->acronyms);
        h->acronyms = NULL;
        free(h->seen);
        h->seen = NULL;
        h->n_seen = h->cap_seen = 0;
}
