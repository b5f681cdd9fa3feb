/* The lexical layer: for a word, its lemma and candidate parts of speech from
 * WordNet 3.0 (morphstr and the index files), looked up once per distinct word
 * and cached, so extraction pays the database only for words it has not seen. */
#ifndef HERALD_LEXICAL_H
#define HERALD_LEXICAL_H

#include <stddef.h>

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

/* What WordNet says of a word: the parts of speech it can be, and its lemma as
 * each ("visits": noun visit, verb visit; "was": verb be). */
struct lexeme {
        unsigned pos; /* enum lexical_pos bits; 0 = unknown to WordNet */
        const char *lemma[LEXICAL_N_POS]; /* by pos index (noun, verb, adj, adv); NULL where not that pos */
        unsigned same; /* the pos bits whose lemma is the word itself ("visit" as a verb) */
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
