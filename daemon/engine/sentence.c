/* The sentence splitter. A '.' ends a sentence inside a quotation too
 * (kinds.md): “We will come. We are ready,” he said. is two sentences. Quotation
 * marks are paired first so that each sentence of such a quotation keeps the
 * whole quotation and the sentence that names its speaker; an unbalanced quote
 * (a typo, a quote running on to the next paragraph) is simply ignored. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "sentence.h"

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* The high bit of each byte of w that is c (and maybe of bytes after one that
 * is: the yes or no is exact, which is all the scans below ask). */
static inline uint64_t bytes_equal(uint64_t w, unsigned char c)
{
        uint64_t x = w ^ (ONES * c);

        return (x - ONES) & ~x & HIGHS;
}

static inline uint64_t load8(const char *s)
{
        uint64_t w;

        memcpy(&w, s, 8);
        return w;
}

/* Sixteen bytes compared at once (GCC's vector extension: SSE2 on x86-64,
 * plain code elsewhere): whether any of s[0..16) is a, b or c. Sentences run
 * a hundred bytes between terminators, and quotation marks are rarer. */
typedef unsigned char bytes16 __attribute__((vector_size(16)));

static inline bool any_of16(const char *s, unsigned char a, unsigned char b, unsigned char c)
{
        bytes16 w, m;
        uint64_t half[2];

        memcpy(&w, s, 16);
        m = (bytes16)((w == a) | (w == b) | (w == c));
        memcpy(half, &m, 16);
        return (half[0] | half[1]) != 0;
}

/* The first '.', '!' or '?' in s[i, end), or end: eight bytes at a time past
 * the words between them. */
static size_t next_terminator(const char *s, size_t i, size_t end)
{
        while (end - i >= 16 && !any_of16(s + i, '.', '!', '?'))
                i += 16;
        while (end - i >= 8) {
                uint64_t w = load8(s + i);

                if (bytes_equal(w, '.') | bytes_equal(w, '!') | bytes_equal(w, '?'))
                        break;
                i += 8;
        }
        while (i < end && s[i] != '.' && s[i] != '!' && s[i] != '?')
                i++;
        return i;
}

/* The first byte in s[i, end) that may start a quotation mark (0xe2 of “ ”,
 * 0xc2 of « », or '"'), or end. */
static size_t next_mark(const char *s, size_t i, size_t end)
{
        while (end - i >= 16 && !any_of16(s + i, 0xe2, 0xc2, '"'))
                i += 16;
        while (end - i >= 8) {
                uint64_t w = load8(s + i);

                if (bytes_equal(w, 0xe2) | bytes_equal(w, 0xc2) | bytes_equal(w, '"'))
                        break;
                i += 8;
        }
        while (i < end && (unsigned char)s[i] != 0xe2 && (unsigned char)s[i] != 0xc2 && s[i] != '"')
                i++;
        return i;
}

static bool at(const char *s, size_t i, size_t end, const char *utf8)
{
        size_t n = strlen(utf8);

        return i + n <= end && memcmp(s + i, utf8, n) == 0;
}

/* Length of a closing quote or bracket at i, 0 if none. */
static size_t closer_at(const char *s, size_t i, size_t end)
{
        if (s[i] == '"' || s[i] == '\'' || s[i] == ')' || s[i] == ']')
                return 1;
        if (at(s, i, end, "\xe2\x80\x9d") || at(s, i, end, "\xe2\x80\x99"))
                return 3;
        if (at(s, i, end, "\xc2\xbb"))
                return 2;
        return 0;
}

/* A matched pair of quotation marks: the bytes between them. */
struct quote_pair {
        size_t from, to;
};

struct quotes {
        struct quote_pair *v;
        size_t n, cap;
};

static int add_pair(struct quotes *q, size_t open, size_t open_len, size_t close)
{
        if (greedy_realloc((void **)&q->v, &q->cap, q->n + 1, sizeof(*q->v)) < 0)
                return -ENOMEM;
        q->v[q->n++] = (struct quote_pair){ open + open_len, close };
        return 0;
}

/* Pairs the quotation marks of text[start, end): “…”, «…» or "…". */
static int pair_quotes(const char *s, size_t start, size_t end, struct quotes *q)
{
        size_t open_curly = (size_t)-1, open_angle = (size_t)-1, open_straight = (size_t)-1;
        int r = 0;

        for (size_t i = start; r >= 0 && (i = next_mark(s, i, end)) < end; i++) {
                if (at(s, i, end, "\xe2\x80\x9c"))
                        open_curly = i;
                else if (at(s, i, end, "\xc2\xab"))
                        open_angle = i;
                else if (at(s, i, end, "\xe2\x80\x9d") && open_curly != (size_t)-1) {
                        r = add_pair(q, open_curly, 3, i);
                        open_curly = (size_t)-1;
                } else if (at(s, i, end, "\xc2\xbb") && open_angle != (size_t)-1) {
                        r = add_pair(q, open_angle, 2, i);
                        open_angle = (size_t)-1;
                } else if (s[i] == '"') {
                        if (open_straight == (size_t)-1)
                                open_straight = i;
                        else {
                                r = add_pair(q, open_straight, 1, i);
                                open_straight = (size_t)-1;
                        }
                }
        }
        return r;
}

/* The word that ends just before the '.' at i (letters and inner dots). */
static size_t word_before(const char *s, size_t start, size_t i, size_t *wstart)
{
        size_t w = i;

        while (w > start && s[w - 1] != ' ' && s[w - 1] != '(' && s[w - 1] != '"' && s[w - 1] != '\t')
                w--;
        /* an opening quote glued to the word is not part of it: “Mr. ‘Mr. «Mr. */
        while (w < i && (at(s, w, i, "\xe2\x80\x9c") || at(s, w, i, "\xe2\x80\x98")))
                w += 3;
        while (w < i && at(s, w, i, "\xc2\xab"))
                w += 2;
        *wstart = w;
        return i - w;
}

static bool all_digits(const char *s, size_t n)
{
        for (size_t k = 0; k < n; k++)
                if (s[k] < '0' || s[k] > '9')
                        return false;
        return n > 0;
}

/* Whether the '.' at i ends a word that is an abbreviation, an initial or a list number. */
static bool dot_is_abbreviation(const char *s, size_t start, size_t i, const struct lexicon *lex)
{
        size_t w, n = word_before(s, start, i, &w);
        char low[32];

        if (n == 1 && s[w] >= 'A' && s[w] <= 'Z')
                return true; /* an initial: "George W. Bush" */
        if (w == start && n <= 3 && all_digits(s + w, n))
                return true; /* a list number opening a paragraph: "1. The Leaders ..." */
        if (n == 0 || n >= sizeof(low))
                return false;
        for (size_t k = 0; k < n; k++)
                low[k] = (s[w + k] >= 'A' && s[w + k] <= 'Z') ? (char)(s[w + k] + 32) : s[w + k];
        return lexicon_is_abbreviation(lex, low, n);
}

/* If a sentence ends at the terminator at i, returns the offset just past it (and
 * past closing quotes), else 0. */
static size_t boundary_at(const char *s, size_t start, size_t i, size_t end, const struct lexicon *lex)
{
        size_t j = i + 1, c;

        if (s[i] == '.' && dot_is_abbreviation(s, start, i, lex))
                return 0;
        while (j < end && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
                j++;
        while (j < end && (c = closer_at(s, j, end)))
                j += c;
        if (j < end && s[j] != ' ' && s[j] != '\t')
                return 0; /* "3.5", "U.S.A", "example.com" */
        return j;
}

static int push(struct sentence_list *l, size_t start, size_t end)
{
        if (GREEDY_REALLOC(l->v, l->cap, l->n + 1) < 0)
                return -ENOMEM;
        l->v[l->n++] = (struct sentence){ .start = start, .end = end };
        return 0;
}

/* Whether text[from, to) holds a letter or digit: words outside a quotation. */
static bool has_words(const char *s, size_t from, size_t to)
{
        for (size_t i = from; i < to; i++)
                if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9'))
                        return true;
        return false;
}

static size_t sentence_at(const struct sentence *v, size_t n, size_t byte)
{
        for (size_t k = 0; k < n; k++)
                if (byte < v[k].end)
                        return k;
        return n - 1;
}

/* Gives each sentence of a quotation that runs over several of them the whole
 * quotation and its speaker's sentence: the first one with words before the
 * quotation opens ("He said: “We will come. …"), else the last one with words
 * after it closes ("… We are ready,” he said."). */
static void attach_quotes(const char *s, const struct quotes *q, struct sentence *v, size_t n)
{
        if (!n)
                return;
        for (size_t k = 0; k < n; k++) {
                v[k].quote_start = v[k].quote_end = v[k].start;
                v[k].speaker = SENTENCE_NONE;
        }
        for (size_t p = 0; p < q->n; p++) {
                const struct quote_pair *qp = &q->v[p];
                size_t a = sentence_at(v, n, qp->from), b = sentence_at(v, n, qp->to), speaker = SENTENCE_NONE;

                if (a == b)
                        continue;
                if (has_words(s, v[a].start, qp->from))
                        speaker = a;
                else if (has_words(s, qp->to, v[b].end))
                        speaker = b;
                for (size_t k = a; k <= b; k++) {
                        v[k].quote_start = qp->from;
                        v[k].quote_end = qp->to;
                        v[k].speaker = speaker;
                }
        }
}

int sentence_split(const char *s, size_t start, size_t end, const struct lexicon *lex, struct sentence_list *out)
{
        struct quotes q = { 0 };
        size_t first = out->n, from = start, i = start;
        int r = pair_quotes(s, start, end, &q);

        while (r >= 0 && (i = next_terminator(s, i, end)) < end) {
                size_t b = boundary_at(s, start, i, end, lex);

                if (!b) {
                        i++;
                        continue;
                }
                r = push(out, from, b);
                from = b;
                while (from < end && (s[from] == ' ' || s[from] == '\t'))
                        from++;
                i = from;
        }
        if (r >= 0 && from < end)
                r = push(out, from, end);
        if (r >= 0)
                attach_quotes(s, &q, out->v + first, out->n - first);
        free(q.v);
        if (r < 0)
                out->n = first;
        return r;
}

void sentence_quote_tokens(const struct sentence *s, const char *text, struct token_list *tl)
{
        size_t close = s->quote_end - s->start; /* the closing mark, relative to the sentence */
        bool inside = true;

        if (!(s->quote_start < s->start && s->start < s->quote_end))
                return; /* the sentence does not begin inside a quotation */
        for (size_t i = 0; i < tl->n; i++) {
                struct token *t = &tl->v[i];

                if (t->start < close) {
                        t->quoted = true;
                        if (t->kind == TOKEN_QUOTE_OPEN || t->kind == TOKEN_QUOTE_CLOSE)
                                t->kind = TOKEN_PUNCT;
                } else if (t->start == close || text[t->start] == '"') {
                        /* its closing mark; straight quotes after it pair from there */
                        t->kind = inside ? TOKEN_QUOTE_CLOSE : TOKEN_QUOTE_OPEN;
                        inside = !inside;
                        t->quoted = false;
                } else if (t->kind == TOKEN_QUOTE_OPEN || t->kind == TOKEN_QUOTE_CLOSE) {
                        inside = t->kind == TOKEN_QUOTE_OPEN;
                } else {
                        t->quoted = inside;
                }
        }
}
