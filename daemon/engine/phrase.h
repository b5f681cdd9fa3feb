/* Phrase tables: multi-word phrases indexed by their first word, matched against
 * token lists. Shared by the lexicon, the gazetteer and the rules so that every
 * "does this phrase start here" question is answered the same way. */
#ifndef HERALD_PHRASE_H
#define HERALD_PHRASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "token.h"

/* A phrase word as the matcher compares it: by the length and strmap_hash() the
 * tokenizer gave the token's form (or lemma), bytes only when both agree. */
struct phrase_word {
        uint64_t hash;
        const char *text;
        uint32_t len;
        uint8_t kind; /* PHRASE_FORM, PHRASE_LEMMA, PHRASE_ANY_GAP, PHRASE_QUIET_GAP */
        uint8_t pos;  /* a lemma's PHRASE_* bits */
};

enum { PHRASE_FORM, PHRASE_LEMMA, PHRASE_ANY_GAP, PHRASE_QUIET_GAP };

struct phrase {
        char **words;   /* lower-case; "..." is a gap of up to PHRASE_GAP tokens, "~" one of quiet tokens */
        unsigned char *pos; /* per word: 0 = this form only, else a lemma with a part of speech
                               ("visit/v": any form of the verb), PHRASE_* bits */
        size_t n_words;
        bool exact_case; /* written in capitals ("ICC", "US"): must match capitals */
        void *value;     /* what the phrase stands for: the caller's */
        struct phrase_word *compiled; /* words[] as matched: n_words of them */
};

#define PHRASE_GAP 6

/* Parts of speech a lemma word is written with: "arrive/v", "visit/n",
 * "concerned/a", "together/r". They match the tagger's tags. */
enum { PHRASE_NOUN = 1, PHRASE_VERB = 2, PHRASE_ADJ = 4, PHRASE_ADV = 8 };

struct phrase_table;

/* A table's first member, in the header only for phrase_table_may() below: a
 * bit per first word's hash (a phrase's first word, its lemma for "visit/v"),
 * so that a token whose bits are clear is known to start none of the table's
 * phrases without a call or a probe of the map. Most tokens start none. */
#define PHRASE_FIRST_BITS 32768

struct phrase_first_ {
        uint64_t bits[PHRASE_FIRST_BITS / 64];
};

static inline size_t phrase_first_bit_(uint64_t hash)
{
        return (size_t)(hash >> 20) & (PHRASE_FIRST_BITS - 1);
}

static inline bool phrase_first_has_(const struct phrase_first_ *f, uint64_t hash)
{
        size_t k = phrase_first_bit_(hash);

        return (f->bits[k / 64] >> (k % 64)) & 1;
}

/* Whether some phrase of t may start at token i: false means none does (the
 * answer phrase_table_match() would give), true that it must look. */
static inline bool phrase_table_may(const struct phrase_table *t, const struct token_list *tl, size_t i)
{
        const struct phrase_first_ *f = (const struct phrase_first_ *)t;
        const struct token *tk;

        if (i >= tl->n)
                return false;
        tk = &tl->v[i];
        return phrase_first_has_(f, tk->norm_hash) || (tk->lemma != tk->norm && phrase_first_has_(f, tk->lemma_hash));
}

struct phrase_table *phrase_table_new(void);
void phrase_table_free(struct phrase_table *t);

/* Adds `text` (split on spaces; punctuation such as "," stays its own word; a
 * word written "lemma/v" matches every form of it tagged so). -EINVAL for an
 * empty phrase, one that starts with a gap, or an unknown part of speech. */
int phrase_table_add(struct phrase_table *t, const char *text, void *value);

/* Calls fn with each word a phrase starts with (its lemma for "visit/v ...");
 * fn's 0 goes on, an error (-errno) stops the walk and is returned. Whether
 * some phrase starts with a lemma, so a token is looked up by its lemma too. */
int phrase_table_foreach_first(const struct phrase_table *t, int (*fn)(const char *word, void *value, void *userdata),
                               void *userdata);
bool phrase_table_by_lemma(const struct phrase_table *t);

/* phrase_table_add's first step: text split into a phrase (one block: free()),
 * with plain by a shortcut for plain words where it can (else, and without
 * plain, the tokenizer). The two give the same phrase (tests/test_phrase_plain.c
 * holds them to it). 0, 1 when the shortcut split it, -EINVAL (unknown part of
 * speech) or -ENOMEM. */
int phrase_compile(struct phrase_table *t, const char *text, bool plain, struct phrase **out);

/* Calls fn for each phrase that matches at token i, longest first; fn returns
 * true to stop. `end` is set to one past the last matched token. */
typedef bool (*phrase_match_fn)(const struct phrase *p, size_t start, size_t end, void *userdata);
void phrase_table_match(const struct phrase_table *t, const struct token_list *tl, const char *text, size_t i,
                        phrase_match_fn fn, void *userdata);

/* The longest phrase matching at token i (NULL if none); *end as above. */
const struct phrase *phrase_table_longest(const struct phrase_table *t, const struct token_list *tl,
                                          const char *text, size_t i, size_t *end);

#endif
