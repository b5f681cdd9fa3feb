/* Phrase matching: whether a bucket's phrases occur at a token. A bucket is
 * held as a trie, walked depth first: phrases sharing their first words read
 * those tokens once ("be/v" has fifty phrases, "the" twenty-five names). Each
 * phrase is reported with the end it would match to alone, in the bucket's
 * order, so the answer is the phrase-by-phrase matcher's (kept below). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "phrase_match.h"
#include "strmap.h"

/* Whether a tag is one of the parts of speech (PHRASE_* bits). */
static bool tag_fits(unsigned pos, unsigned tag)
{
        return ((pos & PHRASE_NOUN) && (tag == TAG_NOUN || tag == TAG_PROPER)) ||
               ((pos & PHRASE_VERB) && (tag == TAG_VERB || tag == TAG_AUX)) ||
               ((pos & PHRASE_ADJ) && (tag == TAG_ADJ || tag == TAG_VERB)) || ((pos & PHRASE_ADV) && tag == TAG_ADV);
}

/* Whether token t (of a list whose pool is `pool`) is the phrase word w: the
 * same form, or a form of its lemma with a fitting tag. The hash and length
 * rule out nearly every other word before a byte is read. */
static inline bool word_fits(const struct phrase_word *w, const struct token *t, const char *pool)
{
        if (w->kind == PHRASE_FORM)
                return t->norm_hash == w->hash && t->norm_len == w->len && strmap_equal_(pool + t->norm, w->text, w->len);
        return t->lemma_hash == w->hash && t->lemma_len == w->len && tag_fits(w->pos, t->tag) &&
               strmap_equal_(pool + t->lemma, w->text, w->len);
}

/* A token a "~" gap may pass: no verb, pronoun or conjunction, which would
 * open another clause with its own subject, and no "to", after which a verb
 * is none of the subject's acts ("asked the court to annul", "hold Tajikistan
 * to account at its next session"). */
static bool quiet(const struct token_list *tl, size_t i)
{
        unsigned tag = tl->v[i].tag;

        return tag != TAG_VERB && tag != TAG_AUX && tag != TAG_MODAL && tag != TAG_PRON && tag != TAG_CONJ &&
               tag != TAG_TO;
}

/* ---- the trie ---- */

static bool same_word(const struct phrase_word *a, const struct phrase_word *b)
{
        return a->hash == b->hash && a->len == b->len && a->kind == b->kind && a->pos == b->pos &&
               memcmp(a->text, b->text, a->len) == 0;
}

static int node_new(struct phrase_trie *tr, const struct phrase_word *w, uint32_t *out)
{
        if (tr->n_nodes == 0)
                tr->n_nodes = 1; /* 0 is "none" */
        if (tr->n_nodes >= UINT32_MAX || GREEDY_REALLOC(tr->nodes, tr->cap_nodes, tr->n_nodes + 1) < 0)
                return -ENOMEM;
        tr->nodes[tr->n_nodes] = (struct phrase_node){ .w = w ? *w : (struct phrase_word){ 0 } };
        *out = (uint32_t)tr->n_nodes++;
        return 0;
}

static size_t edge_slot(uint64_t hash, uint32_t parent, size_t mask)
{
        uint64_t h = hash ^ ((uint64_t)parent * 0x9e3779b97f4a7c15ull);

        return (size_t)(h ^ (h >> 29)) & mask;
}

static void edge_put(struct phrase_edge *v, size_t mask, uint64_t hash, uint32_t parent, uint32_t child)
{
        size_t s = edge_slot(hash, parent, mask);

        while (v[s].parent)
                s = (s + 1) & mask;
        v[s] = (struct phrase_edge){ hash, parent, child };
}

/* Puts child in the index, which is kept at most half full. */
static int edge_add(struct phrase_trie *tr, uint32_t parent, uint32_t child)
{
        size_t cap = tr->cap_edges ? tr->cap_edges : 64;
        struct phrase_edge *v;

        while (2 * (tr->n_edges + 1) > cap)
                cap *= 2;
        if (cap != tr->cap_edges) {
                if (!(v = calloc(cap, sizeof(*v))))
                        return -ENOMEM;
                for (size_t k = 0; k < tr->cap_edges; k++)
                        if (tr->edges[k].parent)
                                edge_put(v, cap - 1, tr->edges[k].hash, tr->edges[k].parent, tr->edges[k].child);
                free(tr->edges);
                tr->edges = v;
                tr->cap_edges = cap;
        }
        edge_put(tr->edges, cap - 1, tr->nodes[child].w.hash, parent, child);
        tr->n_edges++;
        return 0;
}

/* A new word child c of parent: past PHRASE_FAN of them, all are indexed. */
static int word_child_added(struct phrase_trie *tr, uint32_t parent, uint32_t c)
{
        uint32_t n = ++tr->nodes[parent].n_words;
        int r;

        if (n < PHRASE_FAN + 1)
                return 0;
        if (n > PHRASE_FAN + 1)
                return edge_add(tr, parent, c);
        for (c = tr->nodes[parent].child; c; c = tr->nodes[c].sibling)
                if ((r = edge_add(tr, parent, c)) < 0)
                        return r;
        return 0;
}

/* The child of `parent` that matches w, made if there is none. */
static int child_for(struct phrase_trie *tr, uint32_t parent, const struct phrase_word *w, uint32_t *out)
{
        bool gap = w->kind >= PHRASE_ANY_GAP;
        uint32_t c;
        int r;

        for (c = gap ? tr->nodes[parent].gap : tr->nodes[parent].child; c; c = tr->nodes[c].sibling)
                if (same_word(&tr->nodes[c].w, w)) {
                        *out = c;
                        return 0;
                }
        if ((r = node_new(tr, w, &c)) < 0)
                return r;
        *out = c;
        if (gap) {
                tr->nodes[c].sibling = tr->nodes[parent].gap;
                tr->nodes[parent].gap = c;
                return 0;
        }
        tr->nodes[c].sibling = tr->nodes[parent].child;
        tr->nodes[parent].child = c;
        tr->nodes[parent].next[w->hash >> 62] |= 1ull << ((w->hash >> 56) & 63);
        return word_child_added(tr, parent, c);
}

/* The bucket's summary of its first words (the root's children): whether the
 * walk can end or skip right after one, else which words may come second. */
static void bucket_summary(const struct phrase_trie *tr, struct phrase_bucket *b)
{
        b->open = false;
        memset(b->second, 0, sizeof(b->second));
        for (uint32_t c = tr->nodes[b->root].child; c; c = tr->nodes[c].sibling) {
                b->open = b->open || tr->nodes[c].ends || tr->nodes[c].gap;
                for (size_t k = 0; k < 4; k++)
                        b->second[k] |= tr->nodes[c].next[k];
        }
}

/* p's first two words in the pair bits (phrase_pair_may). */
static void pair_add(struct phrase_trie *tr, const struct phrase *p)
{
        bool open = p->n_words < 2 || p->compiled[1].kind >= PHRASE_ANY_GAP;
        size_t k = phrase_pair_bit_(p->compiled[0].hash, open ? PHRASE_PAIR_OPEN : p->compiled[1].hash);

        tr->pairs[k / 64] |= 1ull << (k % 64);
}

int phrase_trie_add(struct phrase_trie *tr, struct phrase_bucket *b, const struct phrase *p)
{
        uint32_t node;
        int r;

        if (!b->root && (r = node_new(tr, NULL, &b->root)) < 0)
                return r;
        node = b->root;
        for (size_t w = 0; w < p->n_words; w++)
                if ((r = child_for(tr, node, &p->compiled[w], &node)) < 0)
                        return r;
        if (tr->n_ends == 0)
                tr->n_ends = 1;
        if (tr->n_ends >= UINT32_MAX || GREEDY_REALLOC(tr->ends, tr->cap_ends, tr->n_ends + 1) < 0)
                return -ENOMEM;
        tr->ends[tr->n_ends] = (struct phrase_end){ p, tr->seq++, tr->nodes[node].ends };
        tr->nodes[node].ends = (uint32_t)tr->n_ends++;
        bucket_summary(tr, b);
        pair_add(tr, p);
        return 0;
}

void phrase_trie_done(struct phrase_trie *tr)
{
        free(tr->nodes);
        free(tr->ends);
        free(tr->edges);
        *tr = (struct phrase_trie){ 0 };
}

/* A bucket of this many phrases or fewer is matched phrase by phrase: with
 * nothing to share, a loop over its words is cheaper than the walk (half the
 * gazetteer's buckets are one name). */
#define PHRASE_EACH_MAX 2

/* More phrases of one bucket seldom match at one token than a handful; past
 * this many the bucket is matched phrase by phrase instead. */
#define FOUND_MAX 32

struct found {
        const struct phrase *p;
        size_t end;
        uint32_t seq;
};

struct walk {
        const struct phrase_trie *tr;
        const struct token_list *tl;
        size_t start;
        size_t n;
        bool overflow;
        struct found v[FOUND_MAX];
};

/* The phrases ending at node, matched to `end`: each kept the first time it is
 * reached. The walk tries fewer skipped tokens first at every gap, so that is
 * the end the phrase alone would match to. */
static void found_at(struct walk *k, const struct phrase_node *node, size_t end)
{
        for (uint32_t e = node->ends; e; e = k->tr->ends[e].next) {
                const struct phrase_end *pe = &k->tr->ends[e];
                size_t j;

                if (pe->p->exact_case && !k->tl->v[k->start].all_caps)
                        continue;
                for (j = 0; j < k->n && k->v[j].p != pe->p; j++)
                        ;
                if (j < k->n)
                        continue;
                if (k->n == FOUND_MAX) {
                        k->overflow = true;
                        return;
                }
                k->v[k->n++] = (struct found){ pe->p, end, pe->seq };
        }
}

static void walk_from(struct walk *k, uint32_t at, size_t i);

/* Whether walking node c from token i can do anything: report a phrase, pass
 * a gap, or go on to a word child the token may be. The walk asks before each
 * step, so most steps that would find nothing cost no call. */
static inline bool worth(const struct phrase_node *c, const struct token_list *tl, size_t i)
{
        return c->ends || c->gap || (i < tl->n && phrase_next_may(c->next, &tl->v[i]));
}

/* The indexed word children of `at` whose hash is the token's (form or lemma). */
static void walk_hash(struct walk *k, uint32_t at, size_t i, uint64_t hash)
{
        const struct phrase_trie *tr = k->tr;
        size_t mask = tr->cap_edges - 1;

        for (size_t s = edge_slot(hash, at, mask); tr->edges[s].parent && !k->overflow; s = (s + 1) & mask)
                if (tr->edges[s].parent == at && tr->edges[s].hash == hash &&
                    word_fits(&tr->nodes[tr->edges[s].child].w, &k->tl->v[i], k->tl->pool) &&
                    worth(&tr->nodes[tr->edges[s].child], k->tl, i + 1))
                        walk_from(k, tr->edges[s].child, i + 1);
}

/* Visits the children of node with the next token at i: a word child where the
 * token is it, a gap child after each number of tokens it lets pass. */
static void walk_from(struct walk *k, uint32_t at, size_t i)
{
        const struct phrase_node *nodes = k->tr->nodes;
        const struct token_list *tl = k->tl;

        if (nodes[at].ends)
                found_at(k, &nodes[at], i);
        if (i < tl->n && nodes[at].n_words > PHRASE_FAN) {
                const uint64_t *next = nodes[at].next;
                uint64_t h = tl->v[i].norm_hash, l = tl->v[i].lemma_hash;

                if ((next[h >> 62] >> ((h >> 56) & 63)) & 1)
                        walk_hash(k, at, i, h);
                if (l != h && ((next[l >> 62] >> ((l >> 56) & 63)) & 1))
                        walk_hash(k, at, i, l);
        } else if (i < tl->n) {
                for (uint32_t c = nodes[at].child; c && !k->overflow; c = nodes[c].sibling)
                        if (word_fits(&nodes[c].w, &tl->v[i], tl->pool) && worth(&nodes[c], tl, i + 1))
                                walk_from(k, c, i + 1);
        }
        for (uint32_t c = nodes[at].gap; c && !k->overflow; c = nodes[c].sibling)
                for (size_t skip = 0; skip <= PHRASE_GAP && i + skip < tl->n; skip++) {
                        if (worth(&nodes[c], tl, i + skip))
                                walk_from(k, c, i + skip);
                        if (nodes[c].w.kind == PHRASE_QUIET_GAP && !quiet(tl, i + skip))
                                break;
                }
}

/* Longest first, then as added: the bucket's order. */
static bool found_before(const struct found *a, const struct found *b)
{
        if (a->p->n_words != b->p->n_words)
                return a->p->n_words > b->p->n_words;
        return a->seq < b->seq;
}

bool phrase_bucket_match(const struct phrase_trie *tr, const struct phrase_bucket *b, const struct token_list *tl,
                         size_t i, phrase_match_fn fn, void *userdata)
{
        struct walk k; /* not zeroed: v is written before it is read */

        if (!b)
                return false;
        if (b->n <= PHRASE_EACH_MAX) /* one or two phrases: no walk to share */
                return phrase_bucket_match_each(b, tl, i, fn, userdata);
        k.tr = tr;
        k.tl = tl;
        k.start = i;
        k.n = 0;
        k.overflow = false;
        walk_from(&k, b->root, i);
        if (k.overflow)
                return phrase_bucket_match_each(b, tl, i, fn, userdata);
        for (size_t a = 1; a < k.n; a++) { /* a few: insertion sort */
                struct found f = k.v[a];
                size_t j = a;

                for (; j > 0 && found_before(&f, &k.v[j - 1]); j--)
                        k.v[j] = k.v[j - 1];
                k.v[j] = f;
        }
        for (size_t a = 0; a < k.n; a++)
                if (fn(k.v[a].p, i, k.v[a].end, userdata))
                        return true;
        return false;
}

/* ---- phrase by phrase ---- */

static size_t match_from(const struct phrase_word *w, const struct phrase_word *last, const struct token_list *tl,
                         size_t i);

/* A gap at w: "..." lets up to PHRASE_GAP tokens pass, "~" as many quiet ones;
 * the first place the rest of the phrase matches from wins. */
static size_t match_gap(const struct phrase_word *w, const struct phrase_word *last, const struct token_list *tl,
                        size_t i)
{
        bool word_next = w + 1 < last && w[1].kind < PHRASE_ANY_GAP;

        for (size_t skip = 0; skip <= PHRASE_GAP && i + skip < tl->n; skip++) {
                /* the word after the gap is tried here first: no call where it is not */
                if (!word_next || word_fits(w + 1, &tl->v[i + skip], tl->pool)) {
                        size_t e = match_from(w + 1, last, tl, i + skip);

                        if (e)
                                return e;
                }
                if (w->kind == PHRASE_QUIET_GAP && !quiet(tl, i + skip))
                        return 0;
        }
        return 0;
}

/* Matches the words [w, last) against tokens from i; returns the end token or
 * 0. Words in a row are a loop; only a gap recurses. */
static size_t match_from(const struct phrase_word *w, const struct phrase_word *last, const struct token_list *tl,
                         size_t i)
{
        for (; w < last; w++, i++) {
                if (w->kind >= PHRASE_ANY_GAP)
                        return match_gap(w, last, tl, i);
                if (i >= tl->n || !word_fits(w, &tl->v[i], tl->pool))
                        return 0;
        }
        return i;
}

bool phrase_bucket_match_each(const struct phrase_bucket *b, const struct token_list *tl, size_t i,
                              phrase_match_fn fn, void *userdata)
{
        for (size_t k = 0; b && k < b->n; k++) {
                const struct phrase *p = b->v[k];
                size_t end;

                if (p->exact_case && !tl->v[i].all_caps)
                        continue;
                end = match_from(p->compiled, p->compiled + p->n_words, tl, i);
                if (end && fn(p, i, end, userdata))
                        return true;
        }
        return false;
}
