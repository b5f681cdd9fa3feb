/* Which clause a time expression belongs to: the trigger's own, another clause
 * (a relative, a participle, a saying verb's), or a wire dateline's; and so which
 * time expression of a sentence governs a trigger. The policy of what an event
 * without one takes is when.c's. */
#include <string.h>

#include "tagger.h"
#include "when_clause.h"

/* "who", "which"; "whose" (a determiner) only after a comma: ", whose father" */
static bool opens_clause(const struct coder *c, size_t i)
{
        return timex_opens_clause_at(c->cb->timex, &c->tl, i) &&
               (c->tl.v[i].tag != TAG_DET || (i > 0 && token_is(&c->tl, i - 1, ",") && !token_is(&c->tl, i, "that")));
}

/* "adding that", "saying": a saying verb's participle opens a clause of its own
 * ("condemned ... and said on Thursday" shares its time). */
static bool saying_participle(const struct coder *c, size_t i)
{
        const char *w = token_norm(&c->tl, i);

        return c->tl.v[i].tag == TAG_VERB && strlen(w) > 4 && strcmp(w + strlen(w) - 3, "ing") == 0 &&
               (tagger_lemma_class(c->cb, &c->tl, i) & LEX_SAYING);
}

/* "the attack carried out": a participle right after a noun, with no auxiliary. */
static bool reduced_relative(const struct coder *c, size_t i)
{
        const char *w = token_norm(&c->tl, i);

        return i > 0 && c->tl.v[i].tag == TAG_VERB && strcmp(w, token_lemma(&c->tl, i)) != 0 &&
               c->tl.v[i - 1].tag == TAG_NOUN && !c->tl.v[i - 1].capitalized &&
               strlen(w) > 3 && strcmp(w + strlen(w) - 3, "ing") != 0 && w[strlen(w) - 1] != 's';
}

/* Whether token i opens the group of another verb than the trigger: an
 * infinitive ("to hold", not "met face to face"), a modal ("would hold") or a gerund after a
 * preposition ("of detaining"). */
static bool opens_verb_group(const struct coder *c, size_t i)
{
        const char *next = i + 1 < c->tl.n ? token_norm(&c->tl, i + 1) : "";
        bool verb_next = i + 1 < c->tl.n && c->tl.v[i + 1].tag == TAG_VERB;

        if (c->tl.v[i].tag == TAG_MODAL)
                return true;
        if (c->tl.v[i].tag == TAG_TO) /* not "face to face" */
                return verb_next && !(i > 0 && strcmp(token_norm(&c->tl, i - 1), next) == 0);
        return c->tl.v[i].tag == TAG_PREP && verb_next && strlen(next) > 4 &&
               strcmp(next + strlen(next) - 3, "ing") == 0;
}

/* Whether the relative clause opened at i (", which") closes with a comma
 * before token end: *close is set to that comma. */
static bool relative_closed(const struct coder *c, size_t i, size_t end, size_t *close)
{
        for (size_t j = i + 1; j < end; j++)
                if (token_is(&c->tl, j, ",")) {
                        *close = j;
                        return true;
                }
        return false;
}

static bool saying_verb(const struct coder *c, size_t i)
{
        return c->tl.v[i].tag == TAG_VERB && ((lexicon_word_at(c->cb->lexicon, &c->tl, i) & LEX_REPORTING) ||
                                              (tagger_lemma_class(c->cb, &c->tl, i) & LEX_SAYING));
}

/* "said troops had crossed the border on Saturday and warned that": a time in a
 * saying verb's complement, after that clause's own verb, does not date a
 * saying coordinated after it ("and warned"): that is the speaker's next act. */
static bool reported_before_saying(const struct coder *c, const struct timex_match *t, const struct hit *h)
{
        size_t and = h->start;
        bool verb = false;

        if (!h->trigger->rule->speaker_acts || t->tok_end > h->start || c->tl.v[h->start].tag != TAG_VERB)
                return false;
        while (and > t->tok_end && c->tl.v[and - 1].tag == TAG_ADV)
                and--;
        if (and <= t->tok_end || !token_is(&c->tl, and - 1, "and"))
                return false;
        for (size_t i = t->tok_end; i + 1 < and; i++)
                if (saying_verb(c, i))
                        return false;
        for (size_t i = t->tok_start; i-- > 0;) {
                if (saying_verb(c, i))
                        return verb;
                verb |= c->tl.v[i].tag == TAG_VERB || c->tl.v[i].tag == TAG_AUX;
        }
        return false;
}

/* "was the first by a head of state since 2019": a "since" time after an
 * ordinal measures how long it was the first, not when the event was. */
static bool first_since(const struct coder *c, const struct timex_match *t, const struct hit *h)
{
        if (!token_is(&c->tl, t->tok_start, "since"))
                return false;
        for (size_t i = h->end; i < t->tok_start; i++)
                if (timex_is_ordinal(c->cb->timex, token_norm(&c->tl, i)))
                        return true;
        return false;
}

/* ", his spokesperson said on Wednesday.": a time right after the saying verb
 * that closes the sentence, its subject alone after a comma past the trigger.
 * The saying's time dates what it reports (reported = speaker), however many
 * clauses the report runs to. */
static bool closing_saying(const struct coder *c, const struct timex_match *t, const struct hit *h)
{
        size_t v = t->tok_start > 0 && c->tl.v[t->tok_start - 1].tag == TAG_PREP ? t->tok_start - 2 : t->tok_start - 1;
        size_t i;

        if (t->tok_start < 3 || !saying_verb(c, v) ||
            (t->tok_end < c->tl.n && !(t->tok_end + 1 == c->tl.n && c->tl.v[t->tok_end].tag == TAG_PUNCT)))
                return false;
        for (i = v - 1; i >= h->end && !token_is(&c->tl, i, ","); i--)
                if (c->tl.v[i].tag == TAG_VERB || c->tl.v[i].tag == TAG_AUX || c->tl.v[i].tag == TAG_MODAL ||
                    c->tl.v[i].tag == TAG_TO || opens_clause(c, i))
                        return false;
        return i >= h->end && i + 1 < v; /* a subject between the comma and the verb */
}

/* Whether the time expression t is told for another clause than the trigger's:
 * after the trigger, behind a clause opener ("which", "that"), a saying verb
 * ("adding that ... in 2031") or a participle of another noun ("condemns the
 * attack carried out on Sunday"); before it, inside a relative clause closed
 * before the trigger ("Ms. Gelashvili, who was released in February 2025,
 * told") or a participle's clause whose own verb follows ("a case brought in
 * 2018 was still pending and accused"). */
static bool other_clause(const struct coder *c, const struct timex_match *t, const struct hit *h)
{
        size_t k = t->tok_start;
        bool relative = false, participle = false;

        if (t->tok_start >= h->end) {
                /* "talks on customs held last month": a noun trigger's own participle */
                bool verbal = false;
                /* "invited him to pay a visit in 2027": the infinitive is the plan coded */
                bool plans_infinitive = h->trigger->rule->needs_infinitive &&
                                        h->trigger->rule->modality == MODALITY_PLANNED;

                if (first_since(c, t, h))
                        return true;
                if (closing_saying(c, t, h))
                        return false;

                for (size_t i = h->start; i < h->end; i++)
                        verbal |= c->tl.v[i].tag == TAG_VERB || c->tl.v[i].tag == TAG_AUX;
                for (size_t i = h->end; i < t->tok_start; i++) {
                        if (opens_clause(c, i) && i > 0 && token_is(&c->tl, i - 1, ",") &&
                            relative_closed(c, i, t->tok_start, &i))
                                continue; /* "Hungary, which is not a member, next month" */
                        /* "talks would be held on Friday": a noun trigger's own predicate */
                        if (opens_clause(c, i) || saying_participle(c, i) ||
                            (verbal && (reduced_relative(c, i) ||
                                        (opens_verb_group(c, i) && !(plans_infinitive && c->tl.v[i].tag == TAG_TO)))))
                                return true;
                }
                return false;
        }
        if (reported_before_saying(c, t, h))
                return true;
        while (k > 0 && !token_is(&c->tl, k - 1, ",") && !relative && !participle) {
                k--;
                relative = opens_clause(c, k) && k > 0 && token_is(&c->tl, k - 1, ","); /* ", who" */
                participle = reduced_relative(c, k);
        }
        /* "noted that a case brought in 2018 was pending": a participle of an
         * object, after a verb; "The ministry said on Monday it was" is none */
        if (participle) {
                bool verb_before = false;

                for (size_t j = 0; j + 1 < k; j++)
                        verb_before |= c->tl.v[j].tag == TAG_VERB && !c->tl.v[j].capitalized;
                participle = verb_before;
        }
        for (size_t i = t->tok_end; i < h->start; i++) {
                if (relative && token_is(&c->tl, i, ","))
                        return true;
                if (opens_clause(c, i)) /* "found in 2017 that": the time was the finding's */
                        return false;
                if (participle && (c->tl.v[i].tag == TAG_AUX || c->tl.v[i].tag == TAG_MODAL))
                        return true;
        }
        return false;
}

/* Whether a clause opener stands between a time expression and the trigger
 * after it: the time is the main clause's, taken only when the trigger's own
 * clause has none. */
static bool behind_opener(const struct coder *c, const struct timex_match *t, const struct hit *h)
{
        for (size_t i = t->tok_end; i < h->start; i++)
                if (opens_clause(c, i))
                        return true;
        return false;
}

/* Whether ", and" or ", but" stands between the time expression and the
 * trigger: the time is told for the coordinate clause on its other side. */
static bool across_coordination(const struct coder *c, const struct timex_match *t, const struct hit *h)
{
        size_t from = t->tok_end <= h->start ? t->tok_end : h->end;
        size_t to = t->tok_end <= h->start ? h->start : t->tok_start;

        for (size_t i = from; i + 1 < to; i++)
                if (token_is(&c->tl, i, ",") && (token_is(&c->tl, i + 1, "and") || token_is(&c->tl, i + 1, "but")))
                        return true;
        return false;
}

/* "raised it in Muscat last week, and he has repeatedly urged": ", and" then a
 * subject of its own (a pronoun or a noun) before a trigger told after it; the
 * time before is the other clause's alone ("said yesterday ..., and accused"
 * shares its subject, and may share its time). */
static bool own_subject_after_and(const struct coder *c, const struct timex_match *t, const struct hit *h)
{
        if (t->tok_end > h->start)
                return false;
        for (size_t i = t->tok_end; i + 2 < h->start; i++) {
                if (!token_is(&c->tl, i, ",") || !token_is(&c->tl, i + 1, "and"))
                        continue;
                for (size_t k = i + 2; k < h->start; k++)
                        if (c->tl.v[k].tag == TAG_PRON || c->tl.v[k].tag == TAG_NOUN)
                                return true;
        }
        return false;
}

static bool is_dash(const struct coder *c, size_t i)
{
        return token_is(&c->tl, i, "-") || token_is(&c->tl, i, "\xe2\x80\x93") ||
               token_is(&c->tl, i, "\xe2\x80\x94") || token_is(&c->tl, i, "--");
}

/* Whether t is the date of a wire dateline opening the sentence: capitalised
 * place words, a comma, the date, an agency in brackets, a dash ("TOKYO, Nov 4
 * (Kyodo) - "). It dates the report, not the event. */
static bool in_dateline(const struct coder *c, const struct timex_match *t)
{
        size_t i = t->tok_end;

        if (t->tok_start < 2 || !token_is(&c->tl, t->tok_start - 1, ","))
                return false;
        for (size_t k = 0; k + 1 < t->tok_start; k++)
                if (!c->tl.v[k].capitalized && !token_is(&c->tl, k, ","))
                        return false;
        if (i < c->tl.n && token_is(&c->tl, i, "(")) {
                while (i < c->tl.n && i < t->tok_end + 6 && !token_is(&c->tl, i, ")"))
                        i++;
                i++;
        }
        return i < c->tl.n && is_dash(c, i);
}

/* "the 61st anniversary", "this year": a year told with no year written names
 * the occasion's year; a day told in the same clause is the event's. */
static bool year_unwritten(const struct coder *c, const struct timex_match *t)
{
        size_t run = 0;

        if (strlen(t->value) != 4)
                return false;
        for (size_t i = t->start; i < t->end; i++)
                if ((run = c->text[i] >= '0' && c->text[i] <= '9' ? run + 1 : 0) == 4)
                        return false;
        return true;
}

/* The time expression governing the trigger: the nearest one of its own clause
 * outside quotations, preferring one that stands on its own over "then"-like
 * ones, and any other over a year told with none written. NULL if none. */
const struct timex_match *when_governing_time(const struct coder *c, const struct hit *h)
{
        const struct timex_match *best = NULL;
        size_t best_rank = (size_t)-1;

        for (size_t i = 0; i < c->n_tx; i++) {
                const struct timex_match *t = &c->tx[i];
                size_t d = t->tok_end <= h->start ? h->start - t->tok_end : t->tok_start - h->end;
                size_t rank = d + (t->anchor != TIMEX_ANCHOR_NONE ? c->tl.n : 0);

                if (c->tl.v[t->tok_start].quoted || other_clause(c, t, h) || in_dateline(c, t) ||
                    own_subject_after_and(c, t, h))
                        continue;
                if (behind_opener(c, t, h)) /* "said on Friday that she would meet on Sunday" */
                        rank += c->tl.n;
                if (across_coordination(c, t, h)) /* "visited Riga last year, and Merz received" */
                        rank += c->tl.n;
                /* "on Sunday evening ... marking the 61st anniversary" (one inside the trigger ranks last already) */
                if (year_unwritten(c, t) && rank < c->tl.n)
                        rank += c->tl.n;
                if (rank < best_rank) {
                        best = t;
                        best_rank = rank;
                }
        }
        return best;
}

