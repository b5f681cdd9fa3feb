/* Splitting a sentence into tokens: words (lower-cased copies for matching),
 * numbers, punctuation and quotation marks, each with its byte offsets. */
#ifndef HERALD_TOKEN_H
#define HERALD_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "strmap.h"

struct lexeme;

enum token_kind { TOKEN_WORD, TOKEN_NUMBER, TOKEN_PUNCT, TOKEN_QUOTE_OPEN, TOKEN_QUOTE_CLOSE };

/* A word's part of speech in its sentence, settled by the tagger (tagger.c);
 * TAG_NONE until it has run. */
enum word_tag {
        TAG_NONE, TAG_NOUN, TAG_VERB, TAG_ADJ, TAG_ADV, TAG_PROPER, /* open classes */
        TAG_DET,   /* the, a, this; possessives his, their, 's */
        TAG_PRON,  /* he, they, who */
        TAG_AUX,   /* forms of be, have, do */
        TAG_MODAL, /* will, would, can, must */
        TAG_PREP,  /* in, on, by, of */
        TAG_CONJ,  /* and, or, but, that */
        TAG_TO,    /* "to" before a verb or a noun */
        TAG_NUM, TAG_PUNCT,
};

struct token {
        uint32_t start, end; /* byte offsets into the text that was split */
        uint32_t norm;       /* offset of the lower-cased, NUL-terminated form in the pool */
        uint32_t lemma;      /* offset of its lemma ("visited" -> "visit"); = norm until tagged */
        uint32_t norm_len, lemma_len; /* their lengths, and their strmap_hash(): a token is */
        uint64_t norm_hash, lemma_hash; /* hashed once, however many tables look it up */
        uint8_t kind;        /* enum token_kind */
        uint8_t tag;         /* enum word_tag */
        bool capitalized;    /* starts with an upper-case letter */
        bool all_caps;       /* two or more letters, all upper case (acronyms) */
        bool quoted;         /* inside a quotation */
        bool lex_known;      /* lex holds the lexicon's class bits of norm (the tagger looks them up) */
        bool lex_phrase;     /* with lex_known: a lexicon phrase may start here (lexicon_phrase_at) */
        uint32_t lex;        /* kept: the name finders ask them of each word several times */
        uint8_t pronoun;     /* with pron_known: lexicon_pronoun() of norm (enum pronoun_kind) */
        bool pron_known;     /* set by the tagger for words, from their lexeme */
        const struct lexeme *lexeme; /* WordNet's answer for norm (lexical.c), kept by the tagger; NULL before */
};

struct token_list {
        struct token *v;
        size_t n, cap;
        char *pool;
        size_t pool_len, pool_cap;
};

/* Tokenizes text[0..len). The list is reset first and may be reused. */
int token_split(const char *text, size_t len, struct token_list *list);
void token_list_done(struct token_list *list);

static inline const char *token_norm(const struct token_list *list, size_t i)
{
        return list->pool + list->v[i].norm;
}

static inline const char *token_lemma(const struct token_list *list, size_t i)
{
        return list->pool + list->v[i].lemma;
}

/* Token i's normalised form, or its lemma, looked up in m (hashed once, when split). */
static inline void *token_map_norm(const struct strmap *m, const struct token_list *list, size_t i)
{
        const struct token *t = &list->v[i];

        return strmap_getn_hashed(m, list->pool + t->norm, t->norm_len, t->norm_hash);
}

static inline void *token_map_lemma(const struct strmap *m, const struct token_list *list, size_t i)
{
        const struct token *t = &list->v[i];

        return strmap_getn_hashed(m, list->pool + t->lemma, t->lemma_len, t->lemma_hash);
}

/* Sets token i's lemma (copied into the pool unless it is the word itself). */
int token_set_lemma(struct token_list *list, size_t i, const char *lemma);
/* The same for a lemma other than the word whose length and strmap_hash() are
 * known: it is copied, not measured, compared or hashed. */
int token_set_lemma_hashed(struct token_list *list, size_t i, const char *lemma, size_t len, uint64_t hash);

/* Whether token i is `word` (normalised); false past the end of the list.
 * By the kept length first: for a literal word (nearly every caller) strlen
 * is folded and memcmp inlined, where a byte loop cost 50 M instructions over
 * the corpus. */
static inline bool token_is(const struct token_list *list, size_t i, const char *word)
{
        size_t n = strlen(word);
        const struct token *t;

        if (i >= list->n)
                return false;
        t = &list->v[i];
        return t->norm_len == n && memcmp(list->pool + t->norm, word, n) == 0;
}

#endif
