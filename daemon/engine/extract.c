/* The coder. For each sentence: find actors, time expressions and trigger
 * phrases; for each trigger (rules in file order) decide modality, fill the roles
 * the rule names, pick the governing time expression or inherit one, and keep
 * the event. A visit ("opens-episode") gives later events their host, visitor
 * and time, as a human coder reads the rest of the article against it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "acts.h"
#include "clause.h"
#include "coder.h"
#include "headline.h"
#include "hits.h"
#include "sentence.h"
#include "strcopy.h"
#include "tagger.h"
#include "when.h"
#include "when_story.h"

static bool same_actor(const struct extract_event *a, const struct extract_event *b)
{
        return a->n_actors == 0 ? b->n_actors == 0 : b->n_actors && a->actors[0] == b->actors[0];
}

/* Events are coded per trigger, not per kind: a second clause, a second dated
 * hosting are events of their own. What the sentence already has is no new
 * event: a trigger on tokens an event used ("will visit" is a planned visit,
 * not also a visit), the same kind at the same time by the same actor or in
 * the same clause ("condemned and denounced"; "warned that Kyiv would make
 * Tajikistan feel the consequences"; "visited A and B" stays one visit, to A;
 * two hostings on two days are two, as are "X condemned A while Y condemned
 * B" and "X imposed sanctions, and Y has designated"), the same group (arrival, visit) by the same
 * actor or as a noun, and a statement by a speaker whose words were coded as
 * something else. */
static bool duplicate(const struct coder *c, const struct hit *h, const struct extract_event *ev)
{
        const struct rule *r = ev->rule;

        for (size_t i = c->sentence_first_event; i < c->out->n; i++) {
                const struct extract_event *o = &c->out->v[i];
                bool kind = o->rule->kind_id == r->kind_id;
                bool group = r->group && o->rule->group && strcmp(o->rule->group, r->group) == 0;

                if (h->start < o->trigger_end && o->trigger_start < h->end)
                        return true;
                if (kind && strcmp(o->when_value, ev->when_value) == 0 &&
                    (same_actor(o, ev) || !clause_boundary_between(c->cb, &c->tl, o->trigger_end, h->start)))
                        return true;
                if ((group && same_actor(o, ev)) || ((group || kind) && clause_nominal(&c->tl, h->start, h->end)))
                        return true; /* "arrived ... for a visit": the visit restated */
                if (r->fallback && (same_actor(o, ev) || !ev->n_actors ||
                                    !clause_boundary_between(c->cb, &c->tl, o->trigger_start, h->start)))
                        return true; /* what was said is coded: "X said Y hoped to double trade" */
        }
        return false;
}

/* A negation word among the three tokens before the trigger, within its clause. */
static bool negated_at(const struct coder *c, size_t start)
{
        for (size_t k = 1; k <= 3 && k <= start; k++) {
                if (c->tl.v[start - k].kind != TOKEN_WORD)
                        return false;
                if (tagger_word_class(c->cb, &c->tl, start - k) & LEX_NEGATION)
                        return true;
        }
        return false;
}

/* The event's modality, or MODALITY_NONE when a negated trigger drops it. */
static enum modality modality_of(struct coder *c, const struct hit *h)
{
        const struct rule *r = h->trigger->rule;
        size_t from = h->start > 4 ? h->start - 4 : 0;

        if (h->trigger->modality != MODALITY_NONE)
                return h->trigger->modality;
        if (negated_at(c, h->start))
                return r->keep_negated ? MODALITY_NEGATED : MODALITY_NONE;
        if (c->hits.habitual < 0) /* the whole sentence's: once, not for each hit */
                c->hits.habitual = lexicon_phrase_in(c->cb->lexicon, LEX_HABITUAL, &c->tl, 0, c->tl.n);
        if (c->hits.habitual)
                return MODALITY_HABITUAL;
        if (lexicon_phrase_in(c->cb->lexicon, LEX_PLANNED, &c->tl, from, h->start))
                return MODALITY_PLANNED;
        return r->modality;
}

/* The first quotation of the sentence: the words between its marks. */
static void set_quote(const struct coder *c, struct extract_event *ev)
{
        if (c->sentence_at->quote_end > c->sentence_at->quote_start) { /* one of several sentences */
                ev->quote_start = c->sentence_at->quote_start;
                ev->quote_end = c->sentence_at->quote_end;
                return;
        }
        for (size_t i = 0; i < c->tl.n; i++) {
                if (c->tl.v[i].kind != TOKEN_QUOTE_OPEN)
                        continue;
                for (size_t k = i + 1; k < c->tl.n; k++)
                        if (c->tl.v[k].kind == TOKEN_QUOTE_CLOSE) {
                                if (k > i + 1) {
                                        ev->quote_start = c->base + c->tl.v[i].end;
                                        ev->quote_end = c->base + c->tl.v[k].start;
                                }
                                return;
                        }
                return;
        }
}

/* The first actor of the latest event of the kind: an elliptical follow-on's.
 * Only recent events are looked at, so a huge article stays linear. */
#define PREVIOUS_WINDOW 64

static bool spec_has(const struct role_spec *spec, enum role_source src)
{
        for (size_t k = 0; k < spec->n; k++)
                if (spec->src[k] == src)
                        return true;
        return false;
}

/* NULL for a rule whose roles are never "previous" (the roles read it nowhere
 * else): the look back is not made for most events. */
static const struct entity *previous_actor(const struct coder *c, const struct rule *r)
{
        size_t stop = c->out->n > PREVIOUS_WINDOW ? c->out->n - PREVIOUS_WINDOW : 0;

        if (!spec_has(&r->actor, ROLE_PREVIOUS) && !spec_has(&r->target, ROLE_PREVIOUS))
                return NULL;

        for (size_t i = c->out->n; i > stop; i--)
                if (c->out->v[i - 1].n_actors && c->out->v[i - 1].rule->kind_id == r->kind_id)
                        return c->out->v[i - 1].actors[0];
        return NULL;
}

/* The actor the clause gives before the rule's sources are tried: for a verb
 * coordinated with the one before ("condemned ... and called it"), that verb's
 * actors; for a nominal trigger, its possessor ("Mongolia's failure to
 * arrest"); for an act said in a saying verb's complement that has no subject
 * of its own ("Tykhiy said it was a blow"), the speaker. */
static size_t clause_actors(const struct coder *c, const struct hit *h, struct role_scene *s,
                            const struct entity **out)
{
        const struct rule *r = h->trigger->rule;
        const struct mention *m;
        size_t say;

        if (clause_coordinated(&c->tl, h->start) && c->out->n > c->sentence_first_event) {
                const struct extract_event *o = &c->out->v[c->out->n - 1];

                memcpy(out, o->actors, o->n_actors * sizeof(*out));
                return o->n_actors;
        }
        if ((m = clause_inverted_speaker(c->cb, &c->ml, &c->tl, h->start, h->end)) ||
            ((m = clause_apposed_subject(&c->ml, &c->tl, h->start)) && !entity_is_place(mention_entity(m))) ||
            (clause_nominal(&c->tl, h->start, h->end) && (m = clause_possessor(&c->ml, &c->tl, h->start))) ||
            (m = clause_nominal_agent(&c->ml, &c->tl, h->start, h->end))) {
                out[0] = mention_entity(m);
                return 1;
        }
        if (!r->speaker_acts || (say = clause_saying_verb(c->cb, &c->tl, h->start)) == CLAUSE_NONE)
                return 0;
        m = clause_own_subject(&c->ml, &c->tl, h->start);
        s->trigger_start = say;
        s->trigger_end = say + 1;
        if (!roles_fill(s, &r->actor, NULL, 0, out, 1))
                return 0;
        /* "Binh said Vietnam hoped to": a speaker for their own state speaks its intent */
        if (!m || m->pronoun || mention_entity(m) == out[0] ||
            (out[0]->type == ENTITY_PERSON && out[0]->country[0] &&
             strcmp(out[0]->country, mention_entity(m)->country) == 0 && !entity_is_type(mention_entity(m), ENTITY_PERSON)))
                return 1;
        return 0;
}

/* A verb whose subject is a noun phrase naming nobody known: "rights groups
 * urged" makes the groups an entity of their own (never the name further
 * left); "the indictment charges" is no event (returns false), though "the
 * treaty was signed" is one with its actor to be found elsewhere. */
static bool subject_phrase(struct coder *c, const struct hit *h, struct extract_event *ev)
{
        size_t from, head;
        unsigned cls;

        if (!clause_verbal(&c->tl, h->start, h->end) || clause_own_subject(&c->ml, &c->tl, h->start) ||
            (head = clause_subject_np(&c->tl, h->start, &from)) == CLAUSE_NONE)
                return true;
        cls = tagger_lemma_class(c->cb, &c->tl, head);
        if (cls & LEX_NON_AGENT) /* "documents were signed": what was acted on, no actor */
                return roles_is_passive(c->cb, &c->tl, h->start);
        if (!(cls & LEX_PEOPLE) || c->tl.v[head].lemma == c->tl.v[head].norm)
                return true; /* only a plural of people: "the minister" is somebody named before */
        if (token_is(&c->tl, from, "the") || token_is(&c->tl, from, "a"))
                from++;
        ev->actors[0] = mention_noun_phrase(&c->history, c->text, &c->tl, from, head + 1,
                                            cls & LEX_NGO_NOUN ? ENTITY_NGO : ENTITY_ORGANIZATION);
        ev->n_actors = ev->actors[0] != NULL;
        return true;
}

static void set_roles(const struct coder *c, const struct hit *h, struct extract_event *ev)
{
        const struct rule *r = h->trigger->rule;
        struct role_scene s = { .cb = c->cb, .ml = &c->ml, .history = &c->history, .episode = &c->episode,
                                .tl = &c->tl, .trigger_start = h->start, .trigger_end = h->end,
                                .previous = previous_actor(c, r) };

        s.passive = r->passive_flips && clause_verbal(&c->tl, h->start, h->end) &&
                    roles_is_passive(c->cb, &c->tl, h->start); /* "was a blow" is no passive */
        if (!ev->n_actors)
                ev->n_actors = s.passive ? 0 : clause_actors(c, h, &s, ev->actors);
        s.trigger_start = h->start;
        s.trigger_end = h->end;
        if (!ev->n_actors)
                ev->n_actors = roles_fill(&s, &r->actor, NULL, 0, ev->actors, EXTRACT_MAX_ACTORS);
        if (!ev->n_actors && r->unnamed)
                ev->actors[ev->n_actors++] = r->unnamed;
        if (ev->n_actors && ev->actors[0]->country[0])
                s.target_of = ev->actors[0]->country;
        roles_fill(&s, &r->target, ev->actors, ev->n_actors, &ev->target, 1);
        ev->location = roles_place(&s);
        if (!ev->location && r->location_from_target && ev->target && entity_is_type(ev->target, ENTITY_STATE))
                ev->location = ev->target;
}

/* The trigger's own code applies to its own rule's kind, not to the kind a plan is coded as. */
static void set_cameo(const struct coder *c, const struct hit *h, struct extract_event *ev)
{
        const struct rule *r = ev->rule;
        bool own = r == h->trigger->rule && h->trigger->cameo[0];

        str_copy_cut(ev->cameo, sizeof(ev->cameo), own ? h->trigger->cameo : r->cameo);
        for (size_t k = 0; k < r->n_cue_words; k++) /* most rules have none: no walk over the tokens */
                for (size_t i = 0; i < c->tl.n; i++)
                        if ((r->cue_words[k][0] == token_norm(&c->tl, i)[0] || r->cue_words[k][0] == '*') &&
                            rules_word_matches(r->cue_words[k], token_norm(&c->tl, i))) { /* most differ at once */
                                str_copy_cut(ev->cameo, sizeof(ev->cameo), r->cue_cameo);
                                return;
                        }
}

static int push_event(struct extraction *x, const struct extract_event *ev)
{
        if (GREEDY_REALLOC(x->v, x->cap, x->n + 1) < 0)
                return -ENOMEM;
        x->v[x->n++] = *ev;
        return 0;
}

/* The visit this event opens: later events read their host, visitor and time. */
static void open_episode(struct coder *c, const struct extract_event *ev)
{
        c->episode = (struct episode){ .visitor = ev->n_actors ? ev->actors[0] : NULL, .host = ev->target,
                                       .paragraph = c->paragraph };
        if (!c->episode.host && ev->location)
                c->episode.host = ev->location;
        str_copy_cut(c->episode.value, sizeof(c->episode.value), ev->when_value);
        timex_date_part(ev->when_value, c->episode.date);
        if (!c->episode.date[0])
                str_copy_cut(c->episode.date, sizeof(c->episode.date), c->a->date);
}

/* "has (also) designated": a perfect auxiliary right before the verb, past adverbs. */
static bool perfect_before(const struct coder *c, size_t start)
{
        for (size_t k = start; k > 0 && start - k < 3; k--) {
                unsigned cls = tagger_word_class(c->cb, &c->tl, k - 1);

                if (cls & LEX_PERFECT)
                        return true;
                if (!(cls & LEX_ADVERB))
                        return false;
        }
        return false;
}

/* "imposed sanctions in 2022", "has designated": told as background (long
 * before the story, or past with no time at all), the rule's background kind. */
static void background_kind(const struct coder *c, const struct hit *h, struct extract_event *ev)
{
        const struct rule *b = ev->rule->background_as;

        if (!b || (ev->modality != MODALITY_BACKGROUND &&
                   (ev->modality != MODALITY_ASSERTED || strcmp(ev->when_value, "PAST_REF") != 0 ||
                    !perfect_before(c, h->start))))
                return;
        ev->rule = b;
        ev->modality = MODALITY_BACKGROUND;
        str_copy_cut(ev->cameo, sizeof(ev->cameo), b->cameo);
}

/* "during a visit to Lima next week": a noun has no tense, so its own time
 * says whether it is still to come; one dated after the article is planned. */
static void planned_kind(const struct coder *c, const struct hit *h, struct extract_event *ev)
{
        const struct rule *p = ev->rule->planned_as;
        char start[32], end[32];

        if (!p || ev->modality != MODALITY_ASSERTED || !clause_nominal(&c->tl, h->start, h->end))
                return;
        timex_bounds(c->cb->timex, ev->when_value, start, end);
        if (strcmp(ev->when_value, "FUTURE_REF") != 0 && (!start[0] || strncmp(start, c->a->date, 10) <= 0))
                return;
        ev->rule = p;
        ev->modality = MODALITY_PLANNED;
        str_copy_cut(ev->cameo, sizeof(ev->cameo), p->cameo);
}

/* '"We call on X to ...," the minister said': a trigger in a quotation of
 * whole sentences is the act of the speaker the sentence names outside the
 * quotation, for rules whose acts a speaker performs (reported = speaker).
 * With no saying verb outside it (a banner, a sign) it is nobody's act. */
static bool quote_speaker(const struct coder *c, const struct hit *h, struct extract_event *ev)
{
        const struct rule *r = h->trigger->rule;
        struct role_scene s = { .cb = c->cb, .ml = &c->ml, .history = &c->history, .episode = &c->episode,
                                .tl = &c->tl, .previous = previous_actor(c, r) };
        const struct mention *m;
        size_t say = CLAUSE_NONE;

        if (!r->speaker_acts)
                return false;
        for (size_t i = 0; i < c->tl.n && say == CLAUSE_NONE; i++)
                if (!c->tl.v[i].quoted && c->tl.v[i].tag == TAG_VERB &&
                    (tagger_lemma_class(c->cb, &c->tl, i) & LEX_SAYING))
                        say = i;
        if (say == CLAUSE_NONE)
                return false;
        if ((m = clause_inverted_speaker(c->cb, &c->ml, &c->tl, say, say + 1))) {
                ev->actors[0] = mention_entity(m);
                ev->n_actors = 1;
                return true;
        }
        s.trigger_start = say;
        s.trigger_end = say + 1;
        ev->n_actors = roles_fill(&s, &r->actor, NULL, 0, ev->actors, 1);
        return ev->n_actors > 0;
}

static int code_hit(struct coder *c, const struct hit *h)
{
        const struct rule *r = h->trigger->rule;
        struct extract_event ev = { .rule = r, .paragraph = c->paragraph, .sentence = c->sentence,
                                    .start = c->base, .end = c->base + c->len, .trigger_start = h->start,
                                    .trigger_end = h->end };

        if (c->required[r->order] < 0)
                c->required[r->order] = hits_requirements_met(c->cb->rules, r, &c->hits, &c->tl, &c->title);
        if (!c->required[r->order])
                return 0;
        if (h->quoted && !quote_speaker(c, h, &ev))
                return 0;
        if (acts_none(c, h))
                return 0;
        ev.modality = modality_of(c, h);
        if (ev.modality == MODALITY_NONE)
                return 0;
        if (ev.modality == MODALITY_PLANNED && r->planned_as)
                ev.rule = r->planned_as; /* "would travel to" is a planned visit, not a visit */
        set_cameo(c, h, &ev);
        if (!subject_phrase(c, h, &ev))
                return 0;
        if (ev.rule->episode == EPISODE_OPEN && c->episode.value[0] && clause_subordinate(c->cb, &c->tl, h->start))
                return 0; /* "once he had landed": the visit open already, told again */
        if (c->history.error)
                return c->history.error;
        set_roles(c, h, &ev);
        if (h->quoted)
                ev.target = NULL; /* the names in the quotation are not read as roles: one after it is no target */
        if ((r->needs_target && !ev.target) || (r->needs_actor && !ev.n_actors))
                return 0;
        when_assign(c, h, &ev);
        planned_kind(c, h, &ev);
        background_kind(c, h, &ev);
        if (duplicate(c, h, &ev))
                return 0;
        set_quote(c, &ev);
        if (ev.n_actors && (ev.rule->episode == EPISODE_OPEN ||
                            (ev.rule->episode == EPISODE_FIRST && !c->episode.value[0])))
                open_episode(c, &ev);
        when_remember(c, &ev);
        if (!(ev.headline = headline_make(&ev)))
                return -ENOMEM;
        if (push_event(c->out, &ev) < 0) {
                free(ev.headline);
                return -ENOMEM;
        }
        return 0;
}

/* Whether the sentence has an event of a kind ev's rule yields to
 * ("yields-to = appeal"), by the same actor. */
static bool yields(const struct coder *c, const struct extract_event *ev)
{
        const struct rule *r = ev->rule;

        for (size_t i = c->sentence_first_event; i < c->out->n; i++)
                for (size_t k = 0; k < r->n_yields_to; k++)
                        if (strcmp(c->out->v[i].rule->kind, r->yields_to[k]) == 0 && same_actor(&c->out->v[i], ev))
                                return true;
        return false;
}

/* "hailed the decision ... and called on the president to withdraw": a
 * stance (a statement rule that is no fallback: praise, welcome) next to a
 * stronger act in the same sentence is left to that act, as is an event whose
 * rule yields to a kind the same actor's act has ("expressed deep concern ...
 * and called upon": the appeal). */
static void drop_stances(struct coder *c)
{
        struct extraction *x = c->out;
        bool stronger = false, drop[EXTRACT_MAX_SENTENCE_EVENTS] = { false };
        size_t k = c->sentence_first_event;

        for (size_t i = c->sentence_first_event; i < x->n; i++)
                stronger = stronger || !x->v[i].rule->statement;
        if (!stronger)
                return;
        for (size_t i = c->sentence_first_event; i < x->n; i++) /* decided before any is moved */
                drop[i - c->sentence_first_event] =
                        (x->v[i].rule->statement && !x->v[i].rule->fallback) ||
                        (x->v[i].rule->n_yields_to && yields(c, &x->v[i]));
        for (size_t i = c->sentence_first_event; i < x->n; i++) {
                if (drop[i - c->sentence_first_event]) {
                        free(x->v[i].headline);
                        continue;
                }
                x->v[k++] = x->v[i];
        }
        x->n = k;
}

/* Codes the hits: ordinary rules first, then fallback rules (duplicate() keeps
 * a statement out where the speaker's words were coded). */
static int code_hits(struct coder *c)
{
        int r;

        for (int pass = 0; pass < 2; pass++)
                for (size_t i = 0; i < c->hits.n; i++) {
                        const struct rule *rule = c->hits.v[i].trigger->rule;

                        if (rule->fallback != (pass == 1))
                                continue;
                        if (c->out->n >= c->max_events) {
                                c->out->truncated = true;
                                return 0;
                        }
                        if (c->out->n - c->sentence_first_event >= EXTRACT_MAX_SENTENCE_EVENTS)
                                return 0;
                        if ((r = code_hit(c, &c->hits.v[i])) < 0)
                                return r;
                }
        drop_stances(c);
        return 0;
}

/* "Q: Is there any update on the visit?": a question asks, it tells no event. */
static bool is_question(const struct coder *c)
{
        size_t n = c->tl.n;

        while (n && (c->tl.v[n - 1].kind == TOKEN_QUOTE_CLOSE || c->tl.v[n - 1].kind == TOKEN_QUOTE_OPEN))
                n--;
        return n && token_is(&c->tl, n - 1, "?") && !c->tl.v[n - 1].quoted;
}

static int code_sentence(struct coder *c, const struct sentence *s)
{
        int r;

        c->text = c->a->text + s->start;
        c->len = s->end - s->start;
        c->base = s->start;
        c->sentence_at = s;
        c->sentence_first_event = c->out->n;
        memset(c->required, -1, c->cb->rules->n);
        if (c->len > c->max_sentence) {
                c->out->skipped_sentences++;
                return 0;
        }
        if ((r = token_split(c->text, c->len, &c->tl)) < 0)
                return r;
        sentence_quote_tokens(s, c->text, &c->tl);
        if ((r = tagger_tag(c->cb, &c->tl)) < 0)
                return r;
        if ((r = mention_find(c->cb, &c->tl, c->text, &c->history, &c->ml)) < 0)
                return r;
        when_find(c);
        if ((r = hits_find(c->cb->rules, &c->tl, c->text, &c->hits)) < 0)
                return r;
        if (!is_question(c) && (r = code_hits(c)) < 0)
                return r;
        return mention_remember(&c->history, &c->ml);
}

/* A heading above the first paragraph of text (a letterhead: "Council of the
 * European Union - Press release", "Statement by the Ministry of Foreign
 * Affairs of Japan") tells no event, but it names who issues the text: "The
 * Council today decided" is that Council. A subheading further down ("Close
 * ties with Russia and China") names nobody acting. */
static int remember_heading(struct coder *c, const struct paragraph *p)
{
        int r;

        c->text = c->a->text + p->start;
        c->len = p->end - p->start;
        c->base = p->start;
        if (c->len > c->max_sentence)
                return 0;
        if ((r = token_split(c->text, c->len, &c->tl)) < 0 || (r = tagger_tag(c->cb, &c->tl)) < 0 ||
            (r = mention_find(c->cb, &c->tl, c->text, &c->history, &c->ml)) < 0)
                return r;
        for (size_t i = 0; i < c->ml.n; i++) { /* a dateline ("BRATISLAVA, 20 January") says where, not who */
                const struct entity *e = mention_entity(&c->ml.v[i]);

                if (e && (entity_is_place(e) || entity_has_tag(e, "capital")))
                        c->ml.v[i--] = c->ml.v[--c->ml.n];
        }
        return mention_remember(&c->history, &c->ml);
}

static void coder_done(struct coder *c)
{
        token_list_done(&c->tl);
        token_list_done(&c->title);
        free(c->ml.v);
        hits_done(&c->hits);
        free(c->required);
        mention_history_done(&c->history);
        /* names found in the text belong to the extraction: events point at them */
        c->out->found = c->history.found;
        c->out->n_found = c->history.n_found;
}

int extract_article(const struct codebook *cb, const struct article *a, struct extraction *out)
{
        const struct extract_limits limits = { EXTRACT_MAX_EVENTS, EXTRACT_MAX_SENTENCE };

        return extract_article_limited(cb, a, &limits, out);
}

int extract_article_limited(const struct codebook *cb, const struct article *a, const struct extract_limits *limits,
                            struct extraction *out)
{
        struct coder c = { .cb = cb, .a = a, .out = out, .max_events = limits->max_events,
                           .max_sentence = limits->max_sentence };
        bool text_seen = false;
        int r = 0;

        *out = (struct extraction){ 0 };
        if (!(c.required = malloc(cb->rules->n ? cb->rules->n : 1)))
                return -ENOMEM;
        sscanf(a->date, "%4d-%2d-%2d", &c.tctx.year, &c.tctx.month, &c.tctx.day);
        when_statement_fix(&c);
        if (a->title)
                r = token_split(a->title, strlen(a->title), &c.title);
        for (size_t p = 0; p < a->n_paragraphs && r >= 0 && !out->truncated; p++) {
                c.paragraph = (unsigned)p + 1;
                if (p == WHEN_LEAD_PARAGRAPHS)
                        when_lead_fix(&c);
                if (a->paragraphs[p].heading && c.out->n == 0 && !text_seen)
                        r = remember_heading(&c, &a->paragraphs[p]);
                text_seen = text_seen || !a->paragraphs[p].heading;
                for (size_t s = 0; s < a->paragraphs[p].n_sentences && r >= 0; s++) {
                        c.sentence = (unsigned)s + 1;
                        r = code_sentence(&c, &a->paragraphs[p].sentences[s]);
                }
        }
        coder_done(&c);
        if (r < 0)
                extraction_done(out);
        return r;
}

void extraction_done(struct extraction *x)
{
        for (size_t i = 0; i < x->n; i++)
                free(x->v[i].headline);
        free(x->v);
        for (size_t i = 0; i < x->n_found; i++) {
                free(x->found[i]->name);
                free(x->found[i]->title);
                free(x->found[i]->tags);
                free(x->found[i]);
        }
        free(x->found);
        *x = (struct extraction){ 0 };
}
