/* Matching a phrase table's bucket (the phrases that start with one word) at a
 * token: the bucket's phrases as a trie, so phrases that share their first
 * words ("be/v due to ...", "welcome/v ... X/n") read those tokens once.
 * Private to phrase.c (and its tests). */
#ifndef HERALD_PHRASE_MATCH_H
#define HERALD_PHRASE_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "phrase.h"
#include "token.h"

/* A trie node: the word it matches (a copy of a phrase's), its first word
 * child, first gap child and next sibling, and the first of the phrases that
 * end at it; indices into the table's arrays, 0 for none. A node with many
 * word children ("welcome/v ..." is followed by fifty nouns) finds them in the
 * table's edge index instead, by the token's hash. */
struct phrase_node {
        struct phrase_word w;
        uint32_t child, gap, sibling, ends;
        uint32_t n_words; /* word children; past PHRASE_FAN they are in the index */
        uint64_t next[4]; /* a bit per word child's hash (phrase_next_may()) */
};

#define PHRASE_FAN 4

/* The index: (parent node, child word's hash) -> child, open addressing. */
struct phrase_edge {
        uint64_t hash;
        uint32_t parent, child; /* parent 0: an empty slot */
};

/* A phrase ending at a node: seq is the order phrases were added to its table
 * in, so the bucket's order (longest first, then as added) is known again. */
struct phrase_end {
        const struct phrase *p;
        uint32_t seq, next;
};

/* A bit per (first word, second word) of the table's phrases, by their
 * hashes, and per first word that ends a phrase or is followed by a gap (its
 * second word PHRASE_PAIR_OPEN): phrase_pair_may() below. */
#define PHRASE_PAIR_BITS 32768
#define PHRASE_PAIR_OPEN 0x5bd1e9955bd1e995ull

static inline size_t phrase_pair_bit_(uint64_t first, uint64_t second)
{
        uint64_t h = first ^ (second << 23 | second >> 41);

        return (size_t)(h >> 40) & (PHRASE_PAIR_BITS - 1);
}

/* All the tries of one table, in two growing arrays (entry 0 of each unused). */
struct phrase_trie {
        struct phrase_node *nodes;
        struct phrase_end *ends;
        struct phrase_edge *edges;
        size_t n_nodes, cap_nodes, n_ends, cap_ends, n_edges, cap_edges; /* cap_edges: 0 or a power of two */
        uint32_t seq;
        uint64_t pairs[PHRASE_PAIR_BITS / 64];
};

static inline bool phrase_pair_has_(const struct phrase_trie *tr, uint64_t first, uint64_t second)
{
        size_t k = phrase_pair_bit_(first, second);

        return (tr->pairs[k / 64] >> (k % 64)) & 1;
}

/* Whether a phrase starting with the word whose hash is `first` may match at
 * token i, by the token after it: false when none of them is open and the
 * next token (its form or its lemma) is none of their second words, so the
 * bucket need not be looked up (most "of", "in", "to" start no phrase there).
 * The bucket's own test (phrase_bucket_may) is this one after the look-up. */
static inline bool phrase_pair_may(const struct phrase_trie *tr, uint64_t first, const struct token_list *tl, size_t i)
{
        const struct token *next;

        if (phrase_pair_has_(tr, first, PHRASE_PAIR_OPEN))
                return true;
        if (i + 1 >= tl->n)
                return false;
        next = &tl->v[i + 1];
        return phrase_pair_has_(tr, first, next->norm_hash) || phrase_pair_has_(tr, first, next->lemma_hash);
}

struct phrase_bucket {
        struct phrase **v; /* longest first, then as added: the order phrases are reported in */
        size_t n, cap;
        uint32_t root;     /* its trie: a node without a word, whose children are the first words */
        bool open;         /* a first word ends a phrase or is followed by a gap */
        uint64_t second[4]; /* else the second words' bits, as a node's next */
};

/* Whether a token may be one of the word children whose bits are in next: a
 * child's word is its form's or its lemma's hash, so with neither bit set the
 * token is none of them, and the walk need not go there. Most tokens after a
 * phrase's first word are not its second: the test is two loads. */
static inline bool phrase_next_may(const uint64_t next[4], const struct token *t)
{
        return ((next[t->norm_hash >> 62] >> ((t->norm_hash >> 56) & 63)) |
                (next[t->lemma_hash >> 62] >> ((t->lemma_hash >> 56) & 63))) & 1;
}

/* Whether any of b's phrases may match at token i (its first word is the
 * token's): false when none can, by the word after it alone. */
static inline bool phrase_bucket_may(const struct phrase_bucket *b, const struct token_list *tl, size_t i)
{
        return b->open || (i + 1 < tl->n && phrase_next_may(b->second, &tl->v[i + 1]));
}

/* Adds p (already in b->v) to the bucket's trie. 0 or -ENOMEM. */
int phrase_trie_add(struct phrase_trie *tr, struct phrase_bucket *b, const struct phrase *p);
void phrase_trie_done(struct phrase_trie *tr);

/* Calls fn for each phrase of b matching at token i, in the bucket's order,
 * each with the end the phrase alone would match to (a gap takes the fewest
 * tokens after which the rest matches); true when fn stopped. */
bool phrase_bucket_match(const struct phrase_trie *tr, const struct phrase_bucket *b, const struct token_list *tl,
                         size_t i, phrase_match_fn fn, void *userdata);

/* The same, phrase by phrase (session 7's matcher): the trie's fallback when
 * more phrases match at once than it keeps, and its reference in tests. */
bool phrase_bucket_match_each(const struct phrase_bucket *b, const struct token_list *tl, size_t i,
                              phrase_match_fn fn, void *userdata);

#endif
