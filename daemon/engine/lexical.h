/* The lexical layer: for a word, its lemma and candidate parts of speech from
 * WordNet 3.0 (morphstr and the index files), looked up once per distinct word
 * and cached, so extraction pays the database only for words it has not seen. */
#ifndef HERALD_LEXICAL_H
#define HERALD_LEXICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "internal/parse-error.h"
#include "token.h"

/* Open-class parts of speech, as a bit set. */
enum lexical_pos {
        LEXICAL_NOUN = 1u << 0,
        LEXICAL_VERB = 1u << 1,
        LEXICAL_ADJ = 1u << 2,
        LEXICAL_ADV = 1u << 3,
};

#define LEXICAL_N_POS 4
#define LEXICAL_MAX_WORD 64 /* longer words are not looked up */

struct lexicon;

/* What WordNet says of a word: the parts of speech it can be, and its lemma as
 * each ("visits": noun visit, verb visit; "was": verb be). It is the word's
 * record for the process: the lexicon's answers for the word are kept in it
 * too, the first time the tagger meets it (lexical_word_keep). */
struct lexeme {
        unsigned pos; /* enum lexical_pos bits; 0 = unknown to WordNet */
        const char *lemma[LEXICAL_N_POS]; /* by pos index (noun, verb, adj, adv); NULL where not that pos */
        uint32_t lemma_len[LEXICAL_N_POS]; /* each lemma's length and strmap_hash(), so a token */
        uint64_t lemma_hash[LEXICAL_N_POS]; /* given it copies it without measuring or hashing it */
        unsigned same; /* the pos bits whose lemma is the word itself ("visit" as a verb) */
        const struct lexicon *lexicon; /* whose answers these are; NULL until asked */
        uint32_t lex;                  /* lexicon_word_phrase_at(): the class bits */
        bool lex_phrase;               /* and whether a lexicon phrase may start with the word */
        uint8_t pronoun;               /* lexicon_pronoun(): enum pronoun_kind */
        /* the time rules' by_word entry of the word (timex.c), kept since every
         * sentence asks it of each of its words; timex_word is valid only for
         * the rules timex_owner names (NULL until asked). Same lifetime: both
         * belong to one codebook. */
        const void *timex_owner;
        const void *timex_word;
};

struct lexical;

/* Opens the database (WNSEARCHDIR, else WNHOME/dict, else /usr/share/wordnet).
 * A missing database is an error naming where it was looked for. */
int lexical_open(struct lexical **ret, struct parse_error *err);
void lexical_free(struct lexical *lx);

/* The lexeme of a lower-case word; never NULL (an unknown word has pos 0), but
 * NULL when memory runs out. The result lives as long as lx. Not thread-safe:
 * the cache and WordNet's own buffers are shared. */
const struct lexeme *lexical_lookup(struct lexical *lx, const char *word);
/* lexical_lookup() of token i's normalised form: a word already looked up is
 * found by the hash the tokenizer took, without hashing it again. */
const struct lexeme *lexical_lookup_at(struct lexical *lx, const struct token_list *tl, size_t i);
/* The same, kept in the token (its lexeme) so the next look-up of token i,
 * the tagger's second pass or a name finder's, reads it there. */
const struct lexeme *lexical_lookup_keep(struct lexical *lx, struct token_list *tl, size_t i);
/* lexical_lookup_keep(), and the lexicon's answers for the word (its class
 * bits, whether a lexicon phrase starts with it, its pronoun kind) kept in
 * token i: worked out once per distinct word and kept in its lexeme, so a word
 * seen before costs the tagger one hash look-up, not three. */
const struct lexeme *lexical_word_keep(struct lexical *lx, const struct lexicon *lexicon, struct token_list *tl,
                                       size_t i);

/* The parts of speech WordNet's index files list `word` under, as
 * in_wn(word, ALL_POS) gives them (bit(NOUN) ...), without its stdio: a binary
 * search over the mapped files. Only after lexical_open(). */
unsigned lexical_in_index(const char *word);

/* The lemma of the word as part of speech pos (one LEXICAL_* bit), or the word. */
const char *lexeme_lemma(const struct lexeme *l, unsigned pos, const char *word);

/* Index 0..3 of a single LEXICAL_* bit. */
static inline unsigned lexical_pos_index(unsigned pos)
{
        return pos == LEXICAL_NOUN ? 0 : pos == LEXICAL_VERB ? 1 : pos == LEXICAL_ADJ ? 2 : 3;
}

#endif
