/* The session-7 tokenizer, sentence splitter and UTF-8 check, kept as they
 * were (only renamed old_*) so that test_text_split.c can hold the session-8
 * ones to them on many inputs. Included by that test; not built on its own. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "sentence.h"
#include "token.h"

/* token.c */
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

static int old_token_split(const char *text, size_t len, struct token_list *l)
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

static int old_token_set_lemma(struct token_list *l, size_t i, const char *lemma)
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

/* sentence.c */
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

        for (size_t i = start; i < end && r >= 0; i++) {
                unsigned char c = (unsigned char)s[i];

                if (c != 0xe2 && c != 0xc2 && c != '"') /* no mark starts here: most bytes */
                        continue;
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

static int sentence_push(struct sentence **v, size_t *n, size_t *cap, size_t start, size_t end)
{
        if (greedy_realloc((void **)v, cap, *n + 1, sizeof(**v)) < 0)
                return -ENOMEM;
        (*v)[(*n)++] = (struct sentence){ .start = start, .end = end };
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

static int old_sentence_split(const char *s, size_t start, size_t end, const struct lexicon *lex,
                              struct sentence **ret, size_t *ret_n)
{
        struct quotes q = { 0 };
        struct sentence *v = NULL;
        size_t n = 0, cap = 0, from = start;
        int r = pair_quotes(s, start, end, &q);

        for (size_t i = start; i < end && r >= 0; i++) {
                size_t b;

                if (s[i] != '.' && s[i] != '!' && s[i] != '?')
                        continue;
                b = boundary_at(s, start, i, end, lex);
                if (!b)
                        continue;
                r = sentence_push(&v, &n, &cap, from, b);
                from = b;
                while (from < end && (s[from] == ' ' || s[from] == '\t'))
                        from++;
                i = from - 1;
        }
        if (r >= 0 && from < end)
                r = sentence_push(&v, &n, &cap, from, end);
        if (r >= 0)
                attach_quotes(s, &q, v, n);
        free(q.v);
        if (r < 0) {
                free(v);
                return r;
        }
        *ret = v;
        *ret_n = n;
        return 0;
}

/* article.c */
/* Offset of the first invalid UTF-8 sequence, or len if all is valid. Rejects
 * overlong forms, surrogates and code points past U+10FFFF. */
static size_t old_utf8_invalid_at(const unsigned char *s, size_t len)
{
        size_t i = 0;

        while (i < len) {
                unsigned char c = s[i];
                size_t n;
                unsigned cp;

                if (c < 0x80) {
                        i++;
                        continue;
                }
                if (c >= 0xc2 && c <= 0xdf)
                        n = 1, cp = c & 0x1f;
                else if (c >= 0xe0 && c <= 0xef)
                        n = 2, cp = c & 0x0f;
                else if (c >= 0xf0 && c <= 0xf4)
                        n = 3, cp = c & 0x07;
                else
                        return i;
                for (size_t k = 1; k <= n; k++) {
                        if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
                                return i;
                        cp = (cp << 6) | (s[i + k] & 0x3f);
                }
                if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
                    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
                        return i;
                i += n + 1;
        }
        return len;
}

