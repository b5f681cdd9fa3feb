/* The tokenizer. Words are runs of letters and digits (any non-ASCII UTF-8 letter
 * counts) with inner hyphens, apostrophes and dots ("trans-Mongolian", "U.S");
 * a possessive "'s" becomes its own token so "Putin's" still matches "Putin".
 * Curly apostrophes are normalised to "'" in the matching form. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "token.h"

/* Multi-byte punctuation that must not be taken for letters. Every entry starts
 * with a byte >= 0x80, so ASCII is never looked up here. */
#define WIDE(utf8, kind) { utf8, sizeof(utf8) - 1, kind }
static const struct {
        const char *utf8;
        size_t len;
        enum token_kind kind;
} wide_punct[] = {
        WIDE("\xe2\x80\x9c", TOKEN_QUOTE_OPEN),  /* “ */
        WIDE("\xe2\x80\x9d", TOKEN_QUOTE_CLOSE), /* ” */
        WIDE("\xc2\xab", TOKEN_QUOTE_OPEN),      /* « */
        WIDE("\xc2\xbb", TOKEN_QUOTE_CLOSE),     /* » */
        WIDE("\xe2\x80\x98", TOKEN_PUNCT),       /* ‘ */
        WIDE("\xe2\x80\x99", TOKEN_PUNCT),       /* ’ (an apostrophe only inside a word) */
        WIDE("\xe2\x80\x93", TOKEN_PUNCT),       /* – */
        WIDE("\xe2\x80\x94", TOKEN_PUNCT),       /* — */
        WIDE("\xe2\x80\xa6", TOKEN_PUNCT),       /* … */
        WIDE("\xc2\xa0", TOKEN_PUNCT),           /* no-break space: treated as a separator */
};

static size_t wide_punct_at(const char *s, size_t left, enum token_kind *kind)
{
        if (!((unsigned char)*s & 0x80))
                return 0;
        for (size_t i = 0; i < sizeof(wide_punct) / sizeof(wide_punct[0]); i++) {
                size_t n = wide_punct[i].len;

                if (n <= left && memcmp(s, wide_punct[i].utf8, n) == 0) {
                        *kind = wide_punct[i].kind;
                        return n;
                }
        }
        return 0;
}

/* A byte >= 0x80 that is not the start of wide punctuation: part of a letter. */
static bool is_wide_letter(const char *s, size_t left)
{
        enum token_kind k;

        return wide_punct_at(s, left, &k) == 0;
}

/* Inline: it is asked of every byte of every word, and nearly all are ASCII. */
static inline bool is_letter_byte(const char *s, size_t left)
{
        unsigned char c = (unsigned char)*s;

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                return true;
        return c >= 0x80 && is_wide_letter(s, left);
}

/* Length of an apostrophe at s ("'" or "’"), 0 if none. */
static size_t apostrophe_at(const char *s, size_t left)
{
        if (*s == '\'')
                return 1;
        if (left >= 3 && memcmp(s, "\xe2\x80\x99", 3) == 0)
                return 3;
        return 0;
}

static int pool_reserve(struct token_list *l, size_t extra)
{
        return GREEDY_REALLOC(l->pool, l->pool_cap, l->pool_len + extra);
}

static int push(struct token_list *l, const char *text, size_t start, size_t end, enum token_kind kind)
{
        struct token *t;
        char *dst;

        if (GREEDY_REALLOC(l->v, l->cap, l->n + 1) < 0)
                return -ENOMEM;
        if (pool_reserve(l, end - start + 1) < 0)
                return -ENOMEM;
        t = &l->v[l->n++];
        *t = (struct token){ .start = (uint32_t)start, .end = (uint32_t)end, .norm = (uint32_t)l->pool_len,
                             .lemma = (uint32_t)l->pool_len, .kind = (uint8_t)kind };
        dst = l->pool + l->pool_len;
        for (size_t i = start; i < end; i++) {
                char c = text[i];

                if ((unsigned char)c == 0xe2 && apostrophe_at(text + i, end - i) == 3) { /* ’ is written ' */
                        *dst++ = '\'';
                        i += 2;
                        continue;
                }
                *dst++ = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
        }
        t->norm_len = t->lemma_len = (uint32_t)(dst - (l->pool + l->pool_len));
        t->norm_hash = t->lemma_hash = strmap_hash(l->pool + l->pool_len, t->norm_len);
        *dst++ = '\0';
        l->pool_len = (size_t)(dst - l->pool);
        return 0;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* A dot stays inside a word in "U.S" / "e.g" (a single letter then another dot) and
 * in "3.5"; anywhere else it ends the word. */
static bool inner_dot_ok(const char *s, size_t i, size_t len)
{
        if (i > 0 && is_digit(s[i - 1]) && i + 1 < len && is_digit(s[i + 1]))
                return true;
        return i + 2 < len && (s[i + 2] == '.') && !(s[i + 1] & 0x80) && is_letter_byte(s + i + 1, 1) &&
               !is_digit(s[i + 1]);
}

/* End of the word starting at i: letters, with inner '-', '.', and apostrophes. */
static size_t word_end(const char *s, size_t i, size_t len)
{
        while (i < len) {
                size_t inner = 0;

                if (is_letter_byte(s + i, len - i)) {
                        i++;
                        continue;
                }
                if (s[i] == '-')
                        inner = 1;
                else if (s[i] == '.')
                        inner = inner_dot_ok(s, i, len) ? 1 : 0;
                else
                        inner = apostrophe_at(s + i, len - i);
                if (inner && i + inner < len && is_letter_byte(s + i + inner, len - i - inner))
                        i += inner;
                else
                        break;
        }
        return i;
}

static void classify_case(struct token_list *l, const char *text)
{
        struct token *t = &l->v[l->n - 1];
        size_t upper = 0, letters = 0;

        for (size_t i = t->start; i < t->end; i++) {
                char c = text[i];

                if (c >= 'A' && c <= 'Z')
                        upper++, letters++;
                else if (c >= 'a' && c <= 'z')
                        letters++;
        }
        t->capitalized = text[t->start] >= 'A' && text[t->start] <= 'Z';
        /* "al-Awadi", "el-Sisi": a short lower-case prefix, a hyphen, a capital */
        for (size_t i = t->start + 1; !t->capitalized && i < t->end && i <= t->start + 3; i++)
                if (text[i] == '-' && i + 1 < t->end && text[i + 1] >= 'A' && text[i + 1] <= 'Z')
                        t->capitalized = true;
        t->all_caps = letters >= 2 && upper == letters;
}

/* Pushes a word, splitting off a possessive "'s" as its own token. */
static int push_word(struct token_list *l, const char *text, size_t start, size_t end)
{
        bool digits = true;
        size_t split = end;
        int r;

        for (size_t i = start; i < end; i++)
                digits = digits && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.' || text[i] == ',');
        if (end - start > 2 && (text[end - 1] == 's' || text[end - 1] == 'S')) {
                if (text[end - 2] == '\'')
                        split = end - 2;
                else if (end - start > 4 && memcmp(text + end - 4, "\xe2\x80\x99", 3) == 0)
                        split = end - 4;
        }
        r = push(l, text, start, split, digits ? TOKEN_NUMBER : TOKEN_WORD);
        if (r < 0)
                return r;
        classify_case(l, text);
        if (split != end)
                r = push(l, text, split, end, TOKEN_WORD);
        return r;
}

/* Marks tokens between matched quotation marks; straight quotes toggle. */
static void mark_quoted(struct token_list *l, const char *text)
{
        bool inside = false;

        for (size_t i = 0; i < l->n; i++) {
                struct token *t = &l->v[i];

                if (t->kind == TOKEN_PUNCT && text[t->start] == '"') {
                        t->kind = inside ? TOKEN_QUOTE_CLOSE : TOKEN_QUOTE_OPEN;
                        inside = !inside;
                        continue;
                }
                if (t->kind == TOKEN_QUOTE_OPEN)
                        inside = true;
                else if (t->kind == TOKEN_QUOTE_CLOSE)
                        inside = false;
                else
                        t->quoted = inside;
        }
}

int token_split(const char *text, size_t len, struct token_list *l)
{
        size_t i = 0;
        int r;

        l->n = 0;
        l->pool_len = 0;
        while (i < len) {
                enum token_kind kind;
                size_t n;
                unsigned char c = (unsigned char)text[i];

                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                        i++;
                        continue;
                }
                n = wide_punct_at(text + i, len - i, &kind);
                if (n) {
                        if (!(n == 2 && kind == TOKEN_PUNCT) && (r = push(l, text, i, i + n, kind)) < 0)
                                return r;
                        i += n;
                        continue;
                }
                if (is_letter_byte(text + i, len - i)) {
                        n = word_end(text, i, len);
                        if ((r = push_word(l, text, i, n)) < 0)
                                return r;
                        i = n;
                        continue;
                }
                if ((r = push(l, text, i, i + 1, TOKEN_PUNCT)) < 0)
                        return r;
                i++;
        }
        mark_quoted(l, text);
        return 0;
}

int token_set_lemma(struct token_list *l, size_t i, const char *lemma)
{
        size_t n = strlen(lemma) + 1;

        if (strcmp(lemma, token_norm(l, i)) == 0) {
                l->v[i].lemma = l->v[i].norm;
                l->v[i].lemma_len = l->v[i].norm_len;
                l->v[i].lemma_hash = l->v[i].norm_hash;
                return 0;
        }
        if (pool_reserve(l, n) < 0)
                return -ENOMEM;
        memcpy(l->pool + l->pool_len, lemma, n);
        l->v[i].lemma = (uint32_t)l->pool_len;
        l->v[i].lemma_len = (uint32_t)(n - 1);
        l->v[i].lemma_hash = strmap_hash(lemma, n - 1);
        l->pool_len += n;
        return 0;
}

void token_list_done(struct token_list *l)
{
        free(l->v);
        free(l->pool);
        *l = (struct token_list){ 0 };
}
