/* Finding trigger hits: each phrase of the rules' table matched at each token,
 * sorted by the rule's priority, then position, then length. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "hits.h"

/* Out of memory stops the matching and fails the sentence (and the article):
 * an event is never coded from part of its triggers. */
static bool collect_hit(const struct phrase *p, size_t start, size_t end, void *userdata)
{
        struct hits *h = userdata;

        if (GREEDY_REALLOC(h->v, h->cap, h->n + 1) < 0) {
                h->error = -ENOMEM;
                return true;
        }
        h->v[h->n++] = (struct hit){ p->value, start, end, h->quoting };
        return false;
}

static int by_priority(const void *a, const void *b)
{
        const struct hit *x = a, *y = b;

        if (x->trigger->rule->order != y->trigger->rule->order)
                return x->trigger->rule->order < y->trigger->rule->order ? -1 : 1;
        if (x->start != y->start)
                return x->start < y->start ? -1 : 1;
        return (x->end > y->end) ? -1 : (x->end < y->end);
}

/* Whether the words of a quotation are the sentence's own: a fragment that
 * opens in lower case after a verb of the sentence, outside it ('said hauliers
 * had "no reason to panic"', 'called the ruling "politically motivated"'), is
 * part of a clause whose speaker is told. A quotation of whole sentences ('He
 * said: "We will ..."'), or one that opens the sentence or goes on from the
 * one before, is somebody's words: the statement is what they are. */
static bool embedded(const struct token_list *tl, size_t i, size_t *open)
{
        if (*open == SIZE_MAX || *open > i) {
                size_t k = i;

                while (k > 0 && tl->v[k - 1].kind != TOKEN_QUOTE_OPEN && tl->v[k - 1].quoted)
                        k--;
                if (k == 0 || tl->v[k - 1].kind != TOKEN_QUOTE_OPEN || k >= tl->n || tl->v[k].capitalized)
                        return false;
                *open = k - 1;
        }
        for (size_t k = 0; k < *open; k++)
                if (!tl->v[k].quoted && tl->v[k].tag == TAG_VERB)
                        return true;
        return false;
}

/* Trigger phrases, highest priority first, those in a quotation of whole
 * sentences (not embedded()) marked quoted: the coder takes them only as the
 * act of a speaker named outside the quotation. 0 or -ENOMEM. */
int hits_find(const struct rules *rules, const struct token_list *tl, const char *text, struct hits *hits)
{
        size_t open = SIZE_MAX;

        hits->n = 0;
        hits->error = 0;
        for (size_t i = 0; i < tl->n && !hits->error; i++) {
                if (tl->v[i].kind != TOKEN_WORD)
                        continue;
                if (!tl->v[i].quoted)
                        open = SIZE_MAX;
                hits->quoting = tl->v[i].quoted && !embedded(tl, i, &open);
                phrase_table_match(rules->triggers, tl, text, i, collect_hit, hits);
        }
        if (hits->error)
                return hits->error;
        if (hits->n > 1)
                qsort(hits->v, hits->n, sizeof(struct hit), by_priority);
        return 0;
}

/* How many of the rule's required words tokens hold (each counted once),
 * skipping those already found. */
static unsigned count_required(const struct rule *r, const struct token_list *tl, bool *found)
{
        unsigned n = 0;

        for (size_t k = 0; k < r->n_requires && k < RULES_MAX_REQUIRES; k++)
                for (size_t i = 0; i < tl->n && !found[k]; i++)
                        if (rules_word_matches(r->requires[k], token_norm(tl, i))) {
                                found[k] = true;
                                n++;
                        }
        return n;
}

/* Whether the sentence has enough of the rule's required words (each counted
 * once): with at least one of them in the sentence (or with requires-from =
 * title), the title's count too ("talks" on "energy" under a headline about a
 * power line). */
bool hits_requirements_met(const struct rule *r, const struct token_list *tl, const struct token_list *title)
{
        bool found[RULES_MAX_REQUIRES] = { false };
        unsigned n;

        if (!r->n_requires)
                return true;
        n = count_required(r, tl, found);
        if ((n || r->requires_title) && n < r->requires_at_least && title)
                n += count_required(r, title, found);
        return n >= r->requires_at_least;
}
