/* The event-time policy (kinds.md, "Time normalization policy"): the time
 * expression of the event's own clause, the direction a weekday looks in its
 * clause, and the time an event without one of its own takes: its occasion's,
 * its speaker's, its visit's, the document date (present), FUTURE_REF, the
 * story's day (a reaction in the simple past) or PAST_REF (the perfect). */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "tagger.h"
#include "timex_scan.h"
#include "when.h"
#include "when_clause.h"
#include "when_object.h"
#include "when_story.h"

/* snprintf(out, size, "%s", s) without the format engine (twice an event):
 * s cut to fit, NUL-terminated. */
static void copy_cut(char *out, size_t size, const char *s)
{
        size_t n = 0;

        while (n + 1 < size && s[n])
                n++;
        memmove(out, s, n);
        out[n] = '\0';
}

/* An asserted event whose time ended this many days before the document date is
 * told as background. */
#define BACKGROUND_AGE_DAYS 28

static const char *previous_date(const struct coder *c)
{
        return c->last_date[0] ? c->last_date : c->a->date;
}

enum tense { TENSE_NONE, TENSE_PRESENT, TENSE_PAST, TENSE_PERFECT };

/* The tense of an auxiliary: "is", "does" present; "was", "did" past; "has", "had" perfect. */
static enum tense auxiliary_tense(const struct coder *c, size_t k)
{
        const char *w = token_norm(&c->tl, k);

        if (tagger_word_class(c->cb, &c->tl, k) & LEX_PERFECT)
                return TENSE_PERFECT;
        if (c->tl.v[k].tag == TAG_MODAL || c->tl.v[k].tag == TAG_TO)
                return TENSE_NONE;
        if (c->tl.v[k].tag != TAG_AUX)
                return TENSE_NONE;
        return strcmp(token_lemma(&c->tl, k), w) == 0 || when_third_person(w, token_lemma(&c->tl, k)) ||
                               (tagger_word_class(c->cb, &c->tl, k) & LEX_PRESENT)
                       ? TENSE_PRESENT
                       : TENSE_PAST;
}

/* The tense the trigger's verb is told in, from its verb group: "has
 * condemned" perfect, "was greeted" past, "we deplore" and "urges" present;
 * TENSE_NONE for a noun, a modal or an infinitive, whose tense is not its own. */
static enum tense verb_tense(const struct coder *c, const struct hit *h)
{
        size_t v = h->start, k;
        const char *w, *lemma;

        while (v < h->end && c->tl.v[v].tag != TAG_VERB && c->tl.v[v].tag != TAG_AUX)
                v++;
        if (v == h->end)
                return TENSE_NONE;
        k = v;
        while (k > 0 && (c->tl.v[k - 1].tag == TAG_ADV || token_is(&c->tl, k - 1, "been") ||
                         (lexicon_word_at(c->cb->lexicon, &c->tl, k - 1) & LEX_ADVERB)))
                k--;
        if (k > 0 && (c->tl.v[k - 1].tag == TAG_AUX || c->tl.v[k - 1].tag == TAG_MODAL ||
                      c->tl.v[k - 1].tag == TAG_TO))
                return auxiliary_tense(c, k - 1);
        if (c->tl.v[v].tag == TAG_AUX)
                return auxiliary_tense(c, v);
        w = token_norm(&c->tl, v);
        lemma = token_lemma(&c->tl, v);
        if (strcmp(w, lemma) == 0 || when_third_person(w, lemma))
                return TENSE_PRESENT;
        return TENSE_PAST;
}

/* "paid a state visit": the tense of the verb a noun trigger is the object
 * of, past its determiner, adjectives and modifiers; TENSE_NONE if no verb. */
static enum tense object_tense(const struct coder *c, size_t k)
{
        size_t stop = k > 4 ? k - 4 : 0;
        const char *w, *lemma;

        while (k > stop && (c->tl.v[k - 1].tag == TAG_DET || c->tl.v[k - 1].tag == TAG_PRON ||
                            c->tl.v[k - 1].tag == TAG_ADJ || c->tl.v[k - 1].tag == TAG_NOUN))
                k--;
        /* "said the next round of talks would be held": the subject of a reported clause */
        if (k == 0 || c->tl.v[k - 1].tag != TAG_VERB ||
            (lexicon_word_at(c->cb->lexicon, &c->tl, k - 1) & LEX_REPORTING))
                return TENSE_NONE;
        w = token_norm(&c->tl, k - 1);
        lemma = token_lemma(&c->tl, k - 1);
        if (when_gerund(w) || (k > 1 && (c->tl.v[k - 2].tag == TAG_MODAL || c->tl.v[k - 2].tag == TAG_TO)))
                return TENSE_NONE;
        return strcmp(w, lemma) == 0 || when_third_person(w, lemma) ? TENSE_PRESENT : TENSE_PAST;
}

/* "reiterates his call on", "renews its urgent appeal": a noun trigger, after
 * its determiner and adjectives, the object of a verb in the third person present. */
static bool object_of_present(const struct coder *c, size_t k)
{
        size_t stop = k > 3 ? k - 3 : 0;

        while (k > stop && (c->tl.v[k - 1].tag == TAG_DET || c->tl.v[k - 1].tag == TAG_PRON ||
                            c->tl.v[k - 1].tag == TAG_ADJ))
                k--;
        return k > 0 && c->tl.v[k - 1].tag == TAG_VERB &&
               when_third_person(token_norm(&c->tl, k - 1), token_lemma(&c->tl, k - 1));
}

/* verb_tense() of one trigger, found when first asked: default_time()'s
 * rules ask it several times. */
struct tense_memo {
        const struct coder *c;
        const struct hit *h;
        int v; /* enum tense, -1 until asked */
};

static enum tense memo_tense(struct tense_memo *m)
{
        if (m->v < 0)
                m->v = (int)verb_tense(m->c, m->h);
        return (enum tense)m->v;
}

/* "He is accompanied by", "she says", "we deplore": the trigger or the verb before it. */
static bool told_in_present(const struct coder *c, const struct hit *h, struct tense_memo *vt)
{
        size_t k = h->start;

        if (lexicon_word_at(c->cb->lexicon, &c->tl, k) & LEX_PRESENT)
                return true;
        while (k > 0 && lexicon_word_at(c->cb->lexicon, &c->tl, k - 1) & LEX_ADVERB)
                k--;
        if (k > 0 && lexicon_word_at(c->cb->lexicon, &c->tl, k - 1) & LEX_PRESENT)
                return true;
        /* "welcomes the decision ... and calls on": a second verb after "and", read as a noun */
        if (memo_tense(vt) == TENSE_NONE && k > 0 && token_is(&c->tl, k - 1, "and") &&
            when_third_person(token_norm(&c->tl, h->start), token_lemma(&c->tl, h->start)))
                return true;
        if (memo_tense(vt) == TENSE_NONE)
                return object_of_present(c, h->start);
        return memo_tense(vt) == TENSE_PRESENT;
}

/* How many of the latest events story_day() looks at: all of a news story,
 * and a bound on the work for a long article. */
#define STORY_EVENTS 64

/* The story's day: the latest day up to the document date on which an event
 * told so far happened, by a time of its own, or the lead's day if later
 * (when_story.c: "held its session on Sunday" coded as no event); the document
 * date if none. A
 * reaction told in the simple past without a time of its own is of that day
 * (kinds.md, rule 2: the same reaction). */
static void story_day(const struct coder *c, char out[32])
{
        size_t from = c->out->n > STORY_EVENTS ? c->out->n - STORY_EVENTS : 0;
        bool found = when_lead_day(c, out);

        if (!found)
                copy_cut(out, 32, c->a->date);
        for (size_t i = from; i < c->out->n; i++) {
                const struct extract_event *e = &c->out->v[i];
                char buf[11];
                const char *day;

                if (e->modality != MODALITY_ASSERTED || e->when_start == e->when_end)
                        continue; /* before the day is read: most events are passed over */
                day = timex_day(e->when_value, buf); /* compared where it is: read for 64 events an event */
                if (!day[0] || timex_day_cmp(day, c->a->date) > 0 || (found && timex_day_cmp(day, out) <= 0))
                        continue;
                memcpy(out, day, 10);
                out[10] = '\0';
                found = true;
        }
}

/* "Manalo told reporters on Tuesday ... Manalo accused China": the latest time
 * written for an event the actor took part in, as its actor or its target
 * (kinds.md: the same reaction). Another voice of the same state is not the
 * same speaker: its reaction is of the story's day. Nor is a party's event
 * told two paragraphs or more before: that was another occasion. */
static const struct told *speaker_told(const struct coder *c, const struct extract_event *ev)
{
        if (!ev->n_actors)
                return NULL;
        for (size_t i = c->n_told; i-- > 0;)
                if ((c->told[i].actor == ev->actors[0] || c->told[i].target == ev->actors[0]) &&
                    c->told[i].paragraph + 1 >= c->paragraph)
                        return &c->told[i];
        return NULL;
}

/* The latest event of this paragraph with a time written: its occasion. */
static const struct told *occasion_told(const struct coder *c)
{
        return c->n_told && c->told[c->n_told - 1].paragraph == c->paragraph ? &c->told[c->n_told - 1] : NULL;
}

/* An inherited time: as precise as written within its paragraph, and in the
 * next when a pronoun goes on with the same telling ("said on Monday evening."
 * then "He assured residents"); its day otherwise ("told reporters on Tuesday
 * afternoon." then "Mr. Kipiani accused"). */
static void inherit(const struct coder *c, const char *value, unsigned paragraph, char out[32])
{
        bool goes_on = c->tl.n > 0 && c->tl.v[0].tag == TAG_PRON && c->sentence == 1;
        bool near = paragraph == c->paragraph || (paragraph + 1 == c->paragraph && goes_on);

        if (!near)
                timex_date_part(value, out);
        if (near || !out[0])
                copy_cut(out, 32, value);
}

/* "arrived on Sunday afternoon." then "She was greeted at the airport": the
 * paragraph right after the visit's opening, with no event told between, goes
 * on with its moment. */
static bool arrival_goes_on(const struct coder *c)
{
        const struct extract_event *last = c->out->n ? &c->out->v[c->out->n - 1] : NULL;

        return c->paragraph == c->episode.paragraph + 1 && last && last->paragraph == c->episode.paragraph &&
               strcmp(last->when_value, c->episode.value) == 0;
}

/* Whether a time value ended before the document date: "2027-03" told on
 * 2027-03-12 has not ("at the end of the month"); "2027-03-11" has. */
static bool span_over_before(const struct coder *c, const char *value)
{
        char start[32], end[32], dct[32];

        if (!(value[0] >= '0' && value[0] <= '9'))
                return false; /* FUTURE_REF and the like */
        timex_bounds(c->cb->timex, value, start, end);
        snprintf(dct, sizeof(dct), "%sT00:00:00Z", c->a->date);
        return end[0] ? strcmp(end, dct) <= 0 : strcmp(value, c->a->date) < 0;
}

/* How many paragraphs back a plan's time reaches a planned event told after it. */
#define PLAN_PARAGRAPHS 2

/* The time written for the latest planned event of this paragraph or the two
 * before, with no event told for a time of its own in between: the plan a
 * planned event without a time of its own is part of. */
static bool plan_told(const struct coder *c, char value[32])
{
        for (size_t i = c->out->n; i-- > 0;) {
                const struct extract_event *e = &c->out->v[i];

                if (e->paragraph + PLAN_PARAGRAPHS < c->paragraph)
                        return false;
                if (e->when_start == e->when_end)
                        continue;
                if (e->modality != MODALITY_PLANNED || span_over_before(c, e->when_value))
                        return false; /* another occasion told since, or a plan not ahead */
                copy_cut(value, 32, e->when_value);
                return true;
        }
        return false;
}

/* The value an event without its own time expression takes (kinds.md policy):
 * the time of its paragraph's occasion, of the last event its actor took part
 * in (the same reaction) or of its visit; else the document date when told in
 * the present, the day it was said for a saying ("reported = speaker": a
 * threat, an appeal) not told in the perfect, the time of the plan told just
 * before a planned event, FUTURE_REF when still to come, the story's day when told in the
 * simple past, its verb or the verb it is the object of (a reaction to the
 * news), and PAST_REF otherwise (the perfect, a
 * noun): never the day of the event told just before it as such. */
static void default_time(const struct coder *c, const struct hit *h, const struct extract_event *ev, char value[32])
{
        enum when_default w = ev->rule->when;
        struct tense_memo vt = { c, h, -1 };
        /* "the court ordered X to report within 90 days": a plan in what was
         * ordered, the order itself told in the past ("invited him to pay a
         * visit" is a plan by its rule) */
        bool told = ev->modality == MODALITY_ASSERTED || ev->modality == MODALITY_NEGATED ||
                    (ev->modality == MODALITY_PLANNED && ev->rule->modality != MODALITY_PLANNED &&
                     memo_tense(&vt) == TENSE_PAST);
        bool present = told_in_present(c, h, &vt);
        /* a threat, an appeal: the saying is the event, dated when said, whatever the tense of what is said */
        bool said = ev->rule->speaker_acts && memo_tense(&vt) != TENSE_PERFECT;
        const struct told *t;

        if ((told || w == WHEN_EPISODE) && !present && (t = occasion_told(c)))
                inherit(c, t->value, t->paragraph, value);
        else if (told && !present && w != WHEN_EPISODE && (t = speaker_told(c, ev)))
                inherit(c, t->value, t->paragraph, value);
        else if (w == WHEN_EPISODE && c->episode.value[0] &&
                 (ev->modality != MODALITY_PLANNED || strcmp(c->episode.date, c->a->date) >= 0))
                inherit(c, c->episode.value, arrival_goes_on(c) ? c->paragraph : c->episode.paragraph,
                        value); /* a plan is not in the past */
        else if (present)
                when_statement_day(c, value);
        else if (said && (t = occasion_told(c)))
                inherit(c, t->value, t->paragraph, value);
        else if (said)
                story_day(c, value);
        else if (ev->modality == MODALITY_PLANNED && plan_told(c, value))
                ; /* the plan's time: "will visit on 26 January." then "he is expected to hold talks" */
        else if (w == WHEN_FUTURE || ev->modality == MODALITY_PLANNED)
                copy_cut(value, 32, "FUTURE_REF");
        else if (told && (memo_tense(&vt) == TENSE_PAST ||
                          (memo_tense(&vt) == TENSE_NONE && object_tense(c, h->start) == TENSE_PAST)))
                story_day(c, value);
        else
                copy_cut(value, 32, "PAST_REF");
}

/* The day `shift` days after `day` (YYYY-MM-DD). */
static void shifted_day(const char *day, int shift, char out[32])
{
        int y, m, d;

        copy_cut(out, 32, day);
        if (!shift || sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3)
                return;
        calendar_civil(calendar_days(y, m, d) + shift, &y, &m, &d);
        snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
}

/* The day a "then"-like expression goes on from: the latest time written
 * before it in its own sentence ("held on Thursday morning, after which they
 * held talks and then"), else the day of the event told before. */
static void previous_base(const struct coder *c, const struct timex_match *t, char out[11])
{
        for (size_t i = c->n_tx; i-- > 0;) {
                const struct timex_match *b = &c->tx[i];

                if (b->tok_end > t->tok_start || b->anchor != TIMEX_ANCHOR_NONE)
                        continue;
                timex_date_part(b->value, out);
                if (strlen(out) == 10)
                        return;
        }
        copy_cut(out, 11, c->sentence_previous);
}

static bool year_written(const struct coder *c, const struct timex_match *t)
{
        for (size_t i = t->start, run = 0; i < t->end; i++)
                if ((run = c->text[i] >= '0' && c->text[i] <= '9' ? run + 1 : 0) == 4)
                        return true;
        return false;
}

/* "Saturday", not "5 May": a day written with no number is a weekday's. */
static bool digit_written(const struct coder *c, const struct timex_match *t)
{
        for (size_t i = t->start; i < t->end; i++)
                if (c->text[i] >= '0' && c->text[i] <= '9')
                        return true;
        return false;
}

/* v (YYYY-...) moved to the year before; "" stays. */
static void year_before(char *v, size_t size)
{
        char moved[32];
        int y;

        if (sscanf(v, "%4d", &y) != 1 || y < 1 || strlen(v) >= sizeof(moved))
                return;
        snprintf(moved, sizeof(moved), "%04d%s", (y - 1) % 10000, v + 4);
        copy_cut(v, size, moved);
}

/* "last met in November", told in September: a month or day with no year
 * written, later than the document date, in a clause told in the past is of
 * the year before (the matcher gives the document's year). */
static void past_year(const struct coder *c, const struct hit *h, const struct timex_match *t,
                      struct extract_event *ev)
{
        size_t n = strlen(ev->when_value);
        enum tense tense;

        /* the tense last: most values are no later than the document date */
        if ((ev->modality != MODALITY_ASSERTED && ev->modality != MODALITY_NEGATED) || (n != 7 && n != 10) ||
            strncmp(ev->when_value, c->a->date, n) <= 0)
                return;
        if ((tense = verb_tense(c, h)) == TENSE_NONE)
                tense = object_tense(c, h->start);
        if ((tense != TENSE_PAST && tense != TENSE_PERFECT) || year_written(c, t))
                return;
        if (n == 10 && !digit_written(c, t)) { /* "agreed on Saturday to reopen": the Saturday before */
                char day[32];

                shifted_day(ev->when_value, -7, day);
                copy_cut(ev->when_value, sizeof(ev->when_value), day);
                shifted_day(ev->when_last, -7, day);
                if (strlen(day) < sizeof(ev->when_last)) /* "" or a day */
                        memcpy(ev->when_last, day, strlen(day) + 1);
                return;
        }
        year_before(ev->when_value, sizeof(ev->when_value));
        year_before(ev->when_last, sizeof(ev->when_last));
}

static void set_time(const struct coder *c, const struct hit *h, struct extract_event *ev)
{
        const struct timex_match *t = when_governing_time(c, h);
        char base[11];

        if (t && when_dates_object(c, h, t))
                t = NULL;
        if (!t) {
                default_time(c, h, ev, ev->when_value);
                return;
        }
        ev->when_start = c->base + t->start;
        ev->when_end = c->base + t->end;
        copy_cut(ev->when_mod, sizeof(ev->when_mod), t->mod);
        memcpy(ev->when_last, t->last, sizeof(ev->when_last));
        /* a plan's "during the visit" is the planned visit's day, not the story's */
        if (t->anchor == TIMEX_ANCHOR_LATEST && ev->modality != MODALITY_PLANNED) {
                story_day(c, ev->when_value);
        } else if (t->anchor == TIMEX_ANCHOR_PREVIOUS || t->anchor == TIMEX_ANCHOR_LATEST) {
                previous_base(c, t, base);
                shifted_day(base, t->shift_days, ev->when_value);
        } else {
                copy_cut(ev->when_value, sizeof(ev->when_value), t->value);
                past_year(c, h, t, ev);
        }
}

/* The instant BACKGROUND_AGE_DAYS before the document date, kept for the
 * date it was computed for (an article's events all ask it). */
static const char *background_limit(const struct timex_context *dct)
{
        static _Thread_local struct {
                int year, month, day;
                char limit[32];
        } memo;
        int y, m, d;

        if (!memo.limit[0] || memo.year != dct->year || memo.month != dct->month || memo.day != dct->day) {
                calendar_civil(calendar_days(dct->year, dct->month, dct->day) - BACKGROUND_AGE_DAYS, &y, &m, &d);
                timex_format_ymd(memo.limit, sizeof(memo.limit), y, m, d, 0);
                memo.year = dct->year, memo.month = dct->month, memo.day = dct->day;
        }
        return memo.limit;
}

/* An asserted event that was over weeks before the story is background. */
static void date_background(const struct coder *c, struct extract_event *ev)
{
        char start[32], end[32];

        if (ev->modality != MODALITY_ASSERTED)
                return;
        timex_bounds(c->cb->timex, ev->when_last[0] ? ev->when_last : ev->when_value, start, end);
        if (end[0] && strcmp(end, background_limit(&c->tctx)) <= 0) /* PAST_REF, a duration: no end */
                ev->modality = MODALITY_BACKGROUND;
}

static bool ends_clause(const struct coder *c, size_t i)
{
        return token_is(&c->tl, i, "that") || (tagger_word_class(c->cb, &c->tl, i) & (LEX_REPORTING | LEX_CLAUSE_BREAK));
}

/* A cue that tokens [from, to) tell of the future: a future tense ("will") or
 * the present tense of a plan ("the summit opens"). */
static bool future_cue_in(const struct coder *c, size_t from, size_t to)
{
        return lexicon_phrase_in(c->cb->lexicon, LEX_FUTURE, &c->tl, from, to) ||
               timex_scheduled_in(c->cb->timex, &c->tl, c->text, from, to);
}

/* ", where troops are stationed," before the comma at `comma`: a relative
 * clause between commas, set in its clause; *from becomes its opening comma. */
static bool relative_before(const struct coder *c, size_t comma, size_t *from)
{
        size_t q = comma;

        while (q > 0 && !token_is(&c->tl, q - 1, ",") && !ends_clause(c, q - 1))
                q--;
        if (q == 0 || !token_is(&c->tl, q - 1, ",") || q == comma ||
            !timex_opens_clause_at(c->cb->timex, &c->tl, q) || token_is(&c->tl, q, "that"))
                return false;
        *from = q - 1;
        return true;
}

/* Whether the clause of a time expression is in the future: a cue between the
 * clause's start and it, or after it up to the clause's end. "that", a
 * reporting verb, a clause break and a comma bound the clause, except the comma
 * right after a time expression that opens its sentence ("On Friday, she will
 * fly"). "and" does not: "will fly to Warsaw and visit Poland on Friday". */
static bool clause_is_future(const struct coder *c, const struct timex_match *t)
{
        size_t from = t->tok_start, to = t->tok_end;
        bool opens_clause;

        for (;;) {
                while (from > 0 && !ends_clause(c, from - 1) && !token_is(&c->tl, from - 1, ","))
                        from--;
                if (!(from > 0 && token_is(&c->tl, from - 1, ",") && relative_before(c, from - 1, &from)))
                        break;
        }
        if (future_cue_in(c, from, t->tok_start))
                return true;
        opens_clause = t->tok_start - from <= 1; /* nothing but "on" before it */

        while (to < c->tl.n && !ends_clause(c, to) && !(token_is(&c->tl, to, ",") && !opens_clause))
                to++;
        return future_cue_in(c, t->tok_end, to);
}

/* The sentence's time expressions. Which way "Tuesday" looks is its clause's
 * business: "said on Tuesday that it would be raised at the next meeting" is the
 * Tuesday before. A sentence is resolved in the future only when a clause of
 * one of its expressions is (a cue in a clause is one in the sentence: only
 * the clauses are searched), and not when its expressions read no tense
 * ("2024", "yesterday"): the future would find the same (c->tctx.future is
 * read by nothing after this). */
void when_find(struct coder *c)
{
        const size_t max = sizeof(c->tx) / sizeof(c->tx[0]);
        struct timex_match ahead[sizeof(c->tx) / sizeof(c->tx[0])];
        bool tense_read, future[sizeof(c->tx) / sizeof(c->tx[0])], any = false;
        size_t n;

        /* every event of the sentence reads "then" from the same event before it */
        copy_cut(c->sentence_previous, sizeof(c->sentence_previous), previous_date(c));
        c->tctx.future = false;
        c->n_tx = timex_find_tensed(c->cb->timex, &c->tl, c->text, &c->tctx, c->tx, max, &tense_read);
        if (!c->n_tx || !tense_read)
                return;
        for (size_t i = 0; i < c->n_tx; i++)
                any |= future[i] = clause_is_future(c, &c->tx[i]);
        if (!any)
                return;
        c->tctx.future = true;
        n = timex_find(c->cb->timex, &c->tl, c->text, &c->tctx, ahead, max);
        for (size_t i = 0; i < c->n_tx && i < n; i++)
                if (ahead[i].tok_start == c->tx[i].tok_start && future[i])
                        c->tx[i] = ahead[i];
}

void when_assign(const struct coder *c, const struct hit *h, struct extract_event *ev)
{
        set_time(c, h, ev);
        date_background(c, ev);
}

void when_remember(struct coder *c, const struct extract_event *ev)
{
        char day[11];

        timex_date_part(ev->when_value, day);
        if (ev->modality == MODALITY_ASSERTED && ev->when_start != ev->when_end && day[0]) {
                const struct entity *actor = ev->n_actors ? ev->actors[0] : NULL;
                size_t i = 0;

                /* one entry per pair of parties: a later one replaces it */
                while (i < c->n_told && !(actor && c->told[i].actor == actor && c->told[i].target == ev->target))
                        i++;
                if (i == c->n_told && c->n_told == CODER_MAX_TOLD)
                        i = 0; /* forget the oldest */
                if (i < c->n_told)
                        memmove(&c->told[i], &c->told[i + 1], (c->n_told - i - 1) * sizeof(c->told[0]));
                else
                        c->n_told++;
                c->told[c->n_told - 1] = (struct told){ .actor = actor, .target = ev->target, .paragraph = c->paragraph };
                copy_cut(c->told[c->n_told - 1].value, sizeof(c->told[0].value), ev->when_value);
        }
        if (ev->modality != MODALITY_BACKGROUND && day[0])
                memcpy(c->last_date, day, sizeof(day));
}
