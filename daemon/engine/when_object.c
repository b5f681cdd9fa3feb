/* Whether a time expression is the time of what a reaction is about: "The
 * Union condemns the sentencing on 3 July", "welcomed Ghana's decision last
 * month", "welcomes the agreement reached last week and calls on all
 * parties". The reaction is then told for a day of its own (when.c). */
#include <stdio.h>
#include <string.h>

#include "tagger.h"
#include "when_object.h"

bool when_third_person(const char *w, const char *lemma)
{
        size_t n = strlen(lemma), wn = strlen(w);

        if (wn < 2 || w[wn - 1] != 's' || strcmp(w, lemma) == 0)
                return false;
        if (wn == n + 1 || (wn == n + 2 && w[n] == 'e'))
                return strncmp(w, lemma, n) == 0;
        return wn == n + 2 && lemma[n - 1] == 'y' && strncmp(w, lemma, n - 1) == 0 && strcmp(w + n - 1, "ies") == 0;
}

bool when_gerund(const char *w)
{
        size_t n = strlen(w);

        return n > 4 && strcmp(w + n - 3, "ing") == 0;
}

enum form { FORM_OTHER, FORM_PRESENT, FORM_PAST };

/* The form the verb at i is told in: the present ("condemns", "we condemn"),
 * the simple past ("welcomed") or another (a noun, a name, a participle after
 * an auxiliary). A capitalised word opening a name ("West African States") is
 * none. */
static enum form own_form(const struct coder *c, size_t i)
{
        const char *w = token_norm(&c->tl, i), *lemma = token_lemma(&c->tl, i);

        if (c->tl.v[i].tag != TAG_VERB || (c->tl.v[i].capitalized && i > 0))
                return FORM_OTHER;
        if (when_third_person(w, lemma) || (strcmp(w, lemma) == 0 && i > 0 && c->tl.v[i - 1].tag == TAG_PRON))
                return FORM_PRESENT;
        if (strcmp(w, lemma) == 0 || when_gerund(w) ||
            (i > 0 && (c->tl.v[i - 1].tag == TAG_AUX || c->tl.v[i - 1].tag == TAG_MODAL)))
                return FORM_OTHER;
        return FORM_PAST;
}

/* own_form(), and "we reaffirm ... and welcome": a base form after "and" is
 * in the present when the verb before it is. */
static enum form verb_form(const struct coder *c, size_t i)
{
        enum form form = own_form(c, i);

        if (form == FORM_OTHER && c->tl.v[i].tag == TAG_VERB && !c->tl.v[i].capitalized && i > 1 &&
            token_is(&c->tl, i - 1, "and") && strcmp(token_norm(&c->tl, i), token_lemma(&c->tl, i)) == 0)
                for (size_t j = i - 1; j-- > 0;)
                        if (c->tl.v[j].tag == TAG_VERB)
                                return own_form(c, j) == FORM_PRESENT ? FORM_PRESENT : FORM_OTHER;
        return form;
}

/* Whether a week, month or year value began before the document date. */
static bool span_begun_before(const struct coder *c, const char *value)
{
        char start[32], end[32], dct[32];

        if (!(value[0] >= '0' && value[0] <= '9'))
                return false; /* PAST_REF and the like: no span */
        timex_bounds(c->cb->timex, value, start, end);
        snprintf(dct, sizeof(dct), "%sT00:00:00Z", c->a->date);
        return start[0] && strcmp(start, dct) < 0;
}

/* "the agreement reached", "the meeting ... held": a participle right after a
 * noun or a name, with no auxiliary, qualifies that noun. */
static bool qualifies_noun(const struct coder *c, size_t i)
{
        return i > 0 && (c->tl.v[i - 1].tag == TAG_NOUN || c->tl.v[i - 1].tag == TAG_PROPER);
}

/* Whether t, after the verb at v, is told inside that verb's object: no verb
 * of its own between them but a gerund, a base form or a participle
 * qualifying a noun ("talks ... ended on Wednesday" has one). For a verb in the
 * simple past, with no comma between, after a participle ("the meeting held
 * on 2 September") or, for a span, not a day, a word of [reacted-to]
 * ("welcomed the decision last month"; "condemned the attack on Tuesday" is of
 * Tuesday). */
static bool inside_object(const struct coder *c, size_t v, const struct timex_match *t, enum form form)
{
        bool reacted = false, participle = false;
        char day[11];

        for (size_t i = v + 1; i < t->tok_start; i++) {
                const char *w = token_norm(&c->tl, i), *lemma = token_lemma(&c->tl, i);

                if (form == FORM_PAST && token_is(&c->tl, i, ","))
                        return false;
                reacted |= c->tl.v[i].tag == TAG_NOUN && timex_reacted_to(c->cb->timex, w);
                if (c->tl.v[i].tag != TAG_VERB || strcmp(w, lemma) == 0 || when_gerund(w))
                        continue;
                if (when_third_person(w, lemma)) /* "urges", or a plural read as a verb ("troops") */
                        continue;
                if (!qualifies_noun(c, i) || c->tl.v[i].capitalized ||
                    (tagger_word_class(c->cb, &c->tl, i) & LEX_REPORTING))
                        return false;
                participle = true;
        }
        timex_date_part(t->value, day);
        if (form == FORM_PAST && !(participle || (reacted && strlen(day) != 10)))
                return false;
        if (strlen(day) == 10)
                return strcmp(day, c->a->date) < 0;
        /* "condemns the strikes earlier this week", "last month": a span begun before the day told */
        return span_begun_before(c, t->value);
}

/* "welcomes the agreement reached last week ... and calls on": the verb
 * coordinated before the trigger, in the same form, whose object t is in;
 * (size_t)-1 if a verb or a clause stands between t and the "and" that opens
 * the trigger. */
static size_t coordinated_verb(const struct coder *c, const struct hit *h, const struct timex_match *t)
{
        size_t k = h->start;

        while (k > t->tok_end && c->tl.v[k - 1].tag == TAG_ADV)
                k--;
        if (k <= t->tok_end || !token_is(&c->tl, k - 1, "and"))
                return (size_t)-1;
        /* "reached last week between the two sides, and calls": the rest of the object */
        for (size_t i = t->tok_end; i + 1 < k; i++)
                if (c->tl.v[i].tag == TAG_VERB || c->tl.v[i].tag == TAG_AUX || c->tl.v[i].tag == TAG_MODAL ||
                    c->tl.v[i].tag == TAG_PRON || timex_opens_clause_at(c->cb->timex, &c->tl, i))
                        return (size_t)-1;
        for (size_t i = t->tok_start; i-- > 0;) {
                if (token_is(&c->tl, i, ";") || token_is(&c->tl, i, ":"))
                        break;
                /* "the agreement reached": a participle, not the verb coordinated */
                if (verb_form(c, i) == FORM_PRESENT || (verb_form(c, i) == FORM_PAST && !qualifies_noun(c, i)))
                        return i;
        }
        return (size_t)-1;
}

bool when_dates_object(const struct coder *c, const struct hit *h, const struct timex_match *t)
{
        enum form form = verb_form(c, h->start);
        size_t v;

        if (t->anchor != TIMEX_ANCHOR_NONE)
                return false;
        if (t->tok_start >= h->end) {
                /* a past reaction, an act of speech, may be about something dated; "signed the
                 * agreement last month" is dated by it */
                if (form == FORM_OTHER || (form == FORM_PAST && !h->trigger->rule->speaker_acts))
                        return false;
                return inside_object(c, h->start, t, form);
        }
        if (form == FORM_OTHER || !h->trigger->rule->speaker_acts || (v = coordinated_verb(c, h, t)) == (size_t)-1)
                return false;
        return verb_form(c, v) == form && inside_object(c, v, t, form);
}
