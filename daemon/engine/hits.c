/* Finding trigger hits: each phrase of the rules' table matched at each token,
 * sorted by the rule's priority, then position, then length. */
#include <errno.h>
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
        h->v[h->n++] = (struct hit){ p->value, start, end };
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

/* Trigger phrases outside quotations, highest priority first. 0 or -ENOMEM. */
int hits_find(const struct rules *rules, const struct token_list *tl, const char *text, struct hits *hits)
{
        hits->n = 0;
        hits->error = 0;
        for (size_t i = 0; i < tl->n && !hits->error; i++)
                if (!tl->v[i].quoted && tl->v[i].kind == TOKEN_WORD)
                        phrase_table_match(rules->triggers, tl, text, i, collect_hit, hits);
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
 * once): with at least one of them in the sentence, the title's count too
 * ("talks" on "energy" under a headline about a power line). */
bool hits_requirements_met(const struct rule *r, const struct token_list *tl, const struct token_list *title)
{
        bool found[RULES_MAX_REQUIRES] = { false };
        unsigned n;

        if (!r->n_requires)
                return true;
        n = count_required(r, tl, found);
        if (n && n < r->requires_at_least && title)
                n += count_required(r, title, found);
        return n >= r->requires_at_least;
}
