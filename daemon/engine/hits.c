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

/* A sentence has a few hits: sorted in place, as qsort() (glibc's merge sort,
 * stable) would put them, without its 400 instructions a call; qsort() for
 * many. Either keeps hits that compare equal in the order they were found. */
#define HITS_INSERTION_MAX 16

static void sort_hits(struct hit *v, size_t n)
{
        if (n > HITS_INSERTION_MAX) {
                qsort(v, n, sizeof(*v), by_priority);
                return;
        }
        for (size_t a = 1; a < n; a++) {
                struct hit h = v[a];
                size_t j = a;

                for (; j > 0 && by_priority(&h, &v[j - 1]) < 0; j--)
                        v[j] = v[j - 1];
                v[j] = h;
        }
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
        hits->sentence_known = false;
        hits->habitual = -1;
        if (!hits->sentence_has) { /* room for what the sentence and the title hold */
                hits->n_bits = (rules->n_required + 63) / 64 + 1;
                if (!(hits->sentence_has = calloc(2 * hits->n_bits, sizeof(uint64_t))))
                        return -ENOMEM;
                hits->title_has = hits->sentence_has + hits->n_bits;
        }
        for (size_t i = 0; i < tl->n && !hits->error; i++) {
                if (tl->v[i].kind != TOKEN_WORD)
                        continue;
                if (!tl->v[i].quoted)
                        open = SIZE_MAX;
                if (!phrase_table_may(rules->triggers, tl, i)) /* most words start no trigger: no call */
                        continue;
                hits->quoting = tl->v[i].quoted && !embedded(tl, i, &open);
                phrase_table_match(rules->triggers, tl, text, i, collect_hit, hits);
        }
        if (hits->error)
                return hits->error;
        sort_hits(hits->v, hits->n);
        return 0;
}

/* Whether word w (len bytes, its first 8 in head, zero past len) starts with
 * prefix p: by its first 8 bytes at once, with no call unless it is longer.
 * A word shorter than p fails the first test, as p has no zero byte. */
static inline bool has_prefix(const char *w, size_t len, uint64_t head, const struct rules_prefix *p)
{
        return (head & p->mask) == p->head &&
               (p->len <= 8 || (len >= p->len && memcmp(w + 8, p->text + 8, p->len - 8) == 0));
}

/* Sets the bit of each required word the tokens hold: a look-up of each token's
 * form, and the prefixes that start with its first byte (and the empty one). */
static void mark_required(const struct rules *rs, const struct token_list *tl, uint64_t *has, size_t n_bits)
{
        const unsigned *first = rs->required_first;

        memset(has, 0, n_bits * sizeof(*has));
        for (size_t i = 0; i < tl->n; i++) {
                const struct token *t = &tl->v[i];
                const char *w = token_norm(tl, i);
                uintptr_t id = rules_required_bit(rs->required_bits, t->norm_hash)
                                       ? (uintptr_t)token_map_norm(rs->required_words, tl, i)
                                       : 0;
                unsigned c = (unsigned char)w[0];
                uint64_t head = 0;

                if (id)
                        has[(id - 1) / 64] |= 1ull << ((id - 1) % 64);
                if (first[c] < first[c + 1])
                        memcpy(&head, w, t->norm_len < 8 ? t->norm_len : 8);
                for (unsigned k = first[c]; k < first[c + 1]; k++)
                        if (has_prefix(w, t->norm_len, head, &rs->required_prefixes[k]))
                                has[rs->required_prefixes[k].id / 64] |= 1ull << (rs->required_prefixes[k].id % 64);
                for (unsigned k = first[256]; k < first[257]; k++) /* "*" */
                        has[rs->required_prefixes[k].id / 64] |= 1ull << (rs->required_prefixes[k].id % 64);
        }
}

static bool has_word(const uint64_t *has, unsigned id)
{
        return (has[id / 64] >> (id % 64)) & 1;
}

/* Whether the sentence has enough of the rule's required words (each counted
 * once): with at least one of them in the sentence (or with requires-from =
 * title), the title's count too ("talks" on "energy" under a headline about a
 * power line). A pattern the rule lists twice counts twice, as it always did. */
bool hits_requirements_met(const struct rules *rules, const struct rule *r, struct hits *h,
                           const struct token_list *tl, const struct token_list *title)
{
        size_t n_req = r->n_requires < RULES_MAX_REQUIRES ? r->n_requires : RULES_MAX_REQUIRES;
        unsigned n = 0;

        if (!r->n_requires)
                return true;
        if (!h->sentence_known) {
                mark_required(rules, tl, h->sentence_has, h->n_bits);
                h->sentence_known = true;
        }
        for (size_t k = 0; k < n_req; k++)
                n += has_word(h->sentence_has, r->requires_id[k]);
        if ((n || r->requires_title) && n < r->requires_at_least && title) {
                if (!h->title_known) {
                        mark_required(rules, title, h->title_has, h->n_bits);
                        h->title_known = true;
                }
                for (size_t k = 0; k < n_req; k++)
                        n += !has_word(h->sentence_has, r->requires_id[k]) && has_word(h->title_has, r->requires_id[k]);
        }
        return n >= r->requires_at_least;
}

void hits_done(struct hits *h)
{
        free(h->v);
        free(h->sentence_has);
        *h = (struct hits){ 0 };
}
