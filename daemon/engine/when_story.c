/* The days a document as a whole speaks of: the date a statement is signed
 * off on ("Addis Ababa, 12 February 2026") and the day its lead tells ("held
 * its session on Sunday"). Both read the article's own paragraphs again, so
 * they are looked up only for an event without a time of its own. */
#include <stdio.h>
#include <string.h>

#include "when_story.h"

/* How many words may stand between an occasion and its day ("meeting held on"). */
#define OCCASION_REACH 3

/* A communiqué's lead is a sentence or two; a longer paragraph is not read
 * again for every present-tense event (a long lead and thousands of reactions). */
#define MEETING_LEAD_BYTES 1024

/* What a reading of the lead looks for: which of its paragraphs are read,
 * and the day a time expression of one gives (into out), if any. */
struct lead_reading {
        bool (*reads)(const struct coder *c, size_t p);
        bool (*day_of)(const struct coder *c, const struct token_list *tl, const char *text,
                       const struct timex_match *m, char out[32]);
};

/* The first day r finds in the lead's paragraphs (headings left out), its
 * time expressions read as told, not as plans. */
static bool read_lead(const struct coder *c, const struct lead_reading *r, char out[32])
{
        struct timex_context ctx = c->tctx;
        bool found = false;

        ctx.future = false;
        for (size_t p = 0; p < c->a->n_paragraphs && p < WHEN_LEAD_PARAGRAPHS && !found; p++) {
                const struct paragraph *para = &c->a->paragraphs[p];
                const char *text = c->a->text + para->start;
                struct token_list tl = { 0 };
                struct timex_match m[4];
                size_t n;

                if (para->heading || !r->reads(c, p))
                        continue;
                if (token_split(text, para->end - para->start, &tl) < 0) { /* out of memory: no day */
                        token_list_done(&tl);
                        continue;
                }
                n = timex_find(c->cb->timex, &tl, text, &ctx, m, 4);
                for (size_t i = 0; i < n && !found; i++)
                        found = r->day_of(c, &tl, text, &m[i], out);
                token_list_done(&tl);
        }
        return found;
}

static bool short_lead(const struct coder *c, size_t p)
{
        return c->a->paragraphs[p].end - c->a->paragraphs[p].start <= MEETING_LEAD_BYTES;
}

/* "at its 1290th meeting held on 9 September 2026": a date no later than the
 * document date, a few words after an occasion. */
static bool meeting_date(const struct coder *c, const struct token_list *tl, const char *text,
                         const struct timex_match *m, char out[32])
{
        size_t from = m->tok_start > OCCASION_REACH ? m->tok_start - OCCASION_REACH : 0;

        (void)text;
        if (m->anchor != TIMEX_ANCHOR_NONE || strlen(m->value) != 10 || strcmp(m->value, c->a->date) > 0)
                return false;
        for (size_t k = from; k < m->tok_start; k++)
                if (timex_is_occasion(c->cb->timex, token_norm(tl, k))) {
                        snprintf(out, 32, "%s", m->value);
                        return true;
                }
        return false;
}

/* The day of the meeting a short lead paragraph tells, into out. */
static bool meeting_day(const struct coder *c, char out[32])
{
        static const struct lead_reading meeting = { short_lead, meeting_date };

        return read_lead(c, &meeting, out);
}

/* The day the document speaks on: the day of the meeting its lead tells (a
 * communiqué's items are of the meeting, not of the day it is signed off);
 * else the date of a "Place, date" line that signs a statement off ("Addis
 * Ababa, 12 February 2026"), when it is no later than the document date; else
 * the document date. Read once per article (when_statement_fix): a
 * present-tense event without a time of its own takes it. */
static void statement_day(const struct coder *c, char out[32])
{
        const struct paragraph *last = c->a->n_paragraphs > 1 ? &c->a->paragraphs[c->a->n_paragraphs - 1] : NULL;
        struct timex_context ctx = c->tctx;
        struct token_list tl = { 0 };
        struct timex_match m[2];
        size_t comma = 0, n;

        if (meeting_day(c, out))
                return;
        snprintf(out, 32, "%s", c->a->date);
        if (!last || !last->heading)
                return;
        if (token_split(c->a->text + last->start, last->end - last->start, &tl) < 0) { /* out of memory */
                token_list_done(&tl);
                return;
        }
        while (comma < tl.n && !token_is(&tl, comma, ",") && tl.v[comma].capitalized)
                comma++;
        ctx.future = false;
        n = comma > 0 && comma < tl.n && token_is(&tl, comma, ",")
                    ? timex_find(c->cb->timex, &tl, c->a->text + last->start, &ctx, m, 2)
                    : 0;
        if (n == 1 && m[0].tok_start == comma + 1 && m[0].tok_end == tl.n && strlen(m[0].value) == 10 &&
            strcmp(m[0].value, c->a->date) <= 0)
                snprintf(out, 32, "%s", m[0].value);
        token_list_done(&tl);
}

void when_statement_fix(struct coder *c)
{
        statement_day(c, c->statement_day);
}

void when_statement_day(const struct coder *c, char out[32])
{
        snprintf(out, 32, "%s", c->statement_day);
}

/* Whether the match was written with no digit: "Sunday", not "Feb 17". */
static bool no_digit(const char *text, const struct timex_match *m)
{
        for (size_t i = m->start; i < m->end; i++)
                if (text[i] >= '0' && text[i] <= '9')
                        return false;
        return true;
}

/* "was held on 24-25 February 2027": a date told in a sentence, after "on" or
 * "from", not a dateline's ("TALLINN, Feb 17 -"), which has none. */
static bool told_day(const struct token_list *tl, const char *text, const struct timex_match *m)
{
        if (no_digit(text, m))
                return true;
        return m->tok_start > 0 && (token_is(tl, m->tok_start - 1, "on") || token_is(tl, m->tok_start - 1, "from"));
}

/* How many words may stand between a saying verb and a time that is still
 * the saying's ("told reporters on Friday"); further on it is what was said. */
#define SAYING_REACH 2

/* "said troops had crossed the border on Saturday": a time well inside what
 * a reporting verb of its sentence says is that report's, not the lead's. */
static bool reported(const struct coder *c, const struct token_list *tl, const struct timex_match *m)
{
        for (size_t i = m->tok_start; i-- > 0 && !token_is(tl, i, ".");)
                if (lexicon_word_at(c->cb->lexicon, tl, i) & LEX_REPORTING)
                        return m->tok_start - i - 1 > SAYING_REACH;
        return false;
}

/* Whether an event told as happened was coded from paragraph p (0-based): its
 * own time, or the lack of one, already tells that paragraph's day. */
static bool asserted_from(const struct coder *c, size_t p)
{
        for (size_t i = 0; i < c->out->n && c->out->v[i].paragraph <= p + 1; i++) /* in paragraph order */
                if (c->out->v[i].paragraph == p + 1 && (c->out->v[i].modality == MODALITY_ASSERTED ||
                                                        c->out->v[i].modality == MODALITY_NEGATED))
                        return true;
        return false;
}

static bool unasserted(const struct coder *c, size_t p) { return !asserted_from(c, p); }

/* A day the lead tells as the story's: written as told ("on Sunday", "was
 * held on 24-25 February"), no later than the document date, not inside what
 * somebody reports. */
static bool story_date(const struct coder *c, const struct token_list *tl, const char *text,
                       const struct timex_match *m, char out[32])
{
        char day[11];

        timex_date_part(m->value, day);
        if (m->anchor != TIMEX_ANCHOR_NONE || strlen(day) != 10 || !told_day(tl, text, m) ||
            strcmp(day, c->a->date) > 0 || reported(c, tl, m))
                return false;
        snprintf(out, 32, "%s", day);
        return true;
}

static const struct lead_reading story_lead = { unasserted, story_date };

bool when_lead_day(const struct coder *c, char out[32])
{
        if (c->lead.known) {
                if (c->lead.found)
                        snprintf(out, 32, "%s", c->lead.day);
                return c->lead.found;
        }
        return read_lead(c, &story_lead, out);
}

void when_lead_fix(struct coder *c)
{
        c->lead.found = read_lead(c, &story_lead, c->lead.day);
        c->lead.known = true;
}
