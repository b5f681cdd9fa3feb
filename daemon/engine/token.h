/* Splitting a sentence into tokens: words (lower-cased copies for matching),
 * numbers, punctuation and quotation marks, each with its byte offsets. */
#ifndef HERALD_TOKEN_H
#define HERALD_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum token_kind { TOKEN_WORD, TOKEN_NUMBER, TOKEN_PUNCT, TOKEN_QUOTE_OPEN, TOKEN_QUOTE_CLOSE };

struct token {
        uint32_t start, end; /* byte offsets into the text that was split */
        uint32_t norm;       /* offset of the lower-cased, NUL-terminated form in the pool */
        uint8_t kind;        /* enum token_kind */
        bool capitalized;    /* starts with an upper-case letter */
        bool all_caps;       /* two or more letters, all upper case (acronyms) */
        bool quoted;         /* inside a quotation */
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

/* Whether token i is `word` (normalised); false past the end of the list. */
static inline bool token_is(const struct token_list *list, size_t i, const char *word)
{
        const char *a;

        if (i >= list->n)
                return false;
        a = token_norm(list, i);
        while (*a && *a == *word)
                a++, word++;
        return *a == *word;
}

#endif
