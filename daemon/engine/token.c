/* The tokenizer. Words are runs of letters and digits (any non-ASCII UTF-8 letter
 * counts) with inner hyphens, apostrophes and dots ("trans-Mongolian", "U.S");
 * a possessive "'s" becomes its own token so "Putin's" still matches "Putin".
 * Curly apostrophes are normalised to "'" in the matching form. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "token.h"

/* What a byte is to the tokenizer. Every byte from 0x80 up is HIGH: part of a
 * letter unless wide punctuation starts there (wide_punct_at). */
enum { B_OTHER = 0, B_SPACE = 1, B_LOWER = 2, B_UPPER = 4, B_DIGIT = 8, B_HIGH = 16, B_MARK = 32 };
#define B_ALNUM (B_LOWER | B_UPPER | B_DIGIT)

static const uint8_t byte_class[256] = {
        [' '] = B_SPACE,         ['\t'] = B_SPACE,        ['\r'] = B_SPACE,        ['\n'] = B_SPACE,
        ['a' ... 'z'] = B_LOWER, ['A' ... 'Z'] = B_UPPER, ['0' ... '9'] = B_DIGIT, [0x80 ... 0xff] = B_HIGH,
        ['-'] = B_MARK,          ['.'] = B_MARK,          ['\''] = B_MARK, /* may stand inside a word */
};

/* Multi-byte punctuation that must not be taken for letters, by its bytes:
 * “ ” « » open and close quotations; ‘ ’ – — … are punctuation (’ is an
 * apostrophe only inside a word); a no-break space is a separator. Returns its
 * length, 0 if none starts at s. */
static size_t wide_punct_at(const char *s, size_t left, enum token_kind *kind)
{
        const unsigned char *u = (const unsigned char *)s;

        if (u[0] == 0xc2 && left >= 2) {
                if (u[1] == 0xab || u[1] == 0xbb || u[1] == 0xa0) {
                        *kind = u[1] == 0xab ? TOKEN_QUOTE_OPEN : u[1] == 0xbb ? TOKEN_QUOTE_CLOSE : TOKEN_PUNCT;
                        return 2;
                }
        } else if (u[0] == 0xe2 && left >= 3 && u[1] == 0x80) {
                switch (u[2]) {
                case 0x9c: *kind = TOKEN_QUOTE_OPEN; return 3;
                case 0x9d: *kind = TOKEN_QUOTE_CLOSE; return 3;
                case 0x98: case 0x99: case 0x93: case 0x94: case 0xa6: *kind = TOKEN_PUNCT; return 3;
                }
        }
        return 0;
}

static inline bool is_letter_byte(const char *s, size_t left)
{
        enum token_kind k;
        uint8_t c = byte_class[(unsigned char)*s];

        return (c & B_ALNUM) || ((c & B_HIGH) && !wide_punct_at(s, left, &k));
}

static bool is_curly_apostrophe(const char *s, size_t left)
{
        return left >= 3 && memcmp(s, "\xe2\x80\x99", 3) == 0;
}

/* Length of an apostrophe at s ("'" or "’"), 0 if none. */
static size_t apostrophe_at(const char *s, size_t left)
{
        if (*s == '\'')
                return 1;
        return is_curly_apostrophe(s, left) ? 3 : 0;
}

static int pool_reserve(struct token_list *l, size_t extra)
{
        return GREEDY_REALLOC(l->pool, l->pool_cap, l->pool_len + extra);
}

/* A new token of text[start, end) whose matching form, norm_len bytes, is at
 * the end of the pool already (token_split reserved the room); it is ended
 * with a NUL and hashed. Inline: its call was a fifth of its cost. */
static inline __attribute__((always_inline)) struct token *push_form(struct token_list *l, size_t start,
                                                                     size_t end, size_t norm_len,
                                                                     enum token_kind kind)
{
        struct token *t;

        if (l->n == l->cap && GREEDY_REALLOC(l->v, l->cap, l->n + 1) < 0)
                return NULL;
        t = &l->v[l->n++];
        *t = (struct token){ .start = (uint32_t)start, .end = (uint32_t)end, .norm = (uint32_t)l->pool_len,
                             .lemma = (uint32_t)l->pool_len, .kind = (uint8_t)kind,
                             .norm_len = (uint32_t)norm_len, .lemma_len = (uint32_t)norm_len };
        t->norm_hash = t->lemma_hash = strmap_hash(l->pool + l->pool_len, norm_len);
        l->pool[l->pool_len + norm_len] = '\0';
        l->pool_len += norm_len + 1;
        return t;
}

/* Punctuation: its bytes as they are, but "’" is written "'". */
static int push_punct(struct token_list *l, const char *text, size_t start, size_t end, enum token_kind kind)
{
        char *dst = l->pool + l->pool_len;
        size_t n = end - start;

        if (is_curly_apostrophe(text + start, n))
                dst[0] = '\'', n = 1;
        else
                memcpy(dst, text + start, n);
        return push_form(l, start, end, n, kind) ? 0 : -ENOMEM;
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

/* What one pass over a word learns of it. */
struct word_scan {
        size_t end;      /* its end: letters, with inner '-', '.', and apostrophes */
        size_t form_len; /* bytes of its matching form, written to the pool */
        unsigned seen;   /* the byte classes of its letters (and digits, but not always), or'ed */
        bool marks;      /* an inner '-' or apostrophe (a '.' keeps a number one) */
};

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR_ONES 0x0101010101010101ull
#define SWAR_HIGHS 0x8080808080808080ull

/* The high bit of each of w's bytes that lies in [lo, hi], for bytes below
 * 0x80 (a byte from 0x80 up is never in range, and may carry into the bytes
 * after it: only the bytes before the first such one are right). */
static inline uint64_t swar_in_range(uint64_t w, unsigned lo, unsigned hi)
{
        return (w + SWAR_ONES * (0x80 - lo)) & ~(w + SWAR_ONES * (0x7f - hi)) & ~w & SWAR_HIGHS;
}

/* The ASCII letters and digits at s[0..8) up to the first other byte: writes
 * the eight bytes lower-cased at d (only the run's are the word's: the rest
 * is written over later) and or's the high bits of the run's lower-case
 * letters and capitals into *lower and *upper. Returns the run's length, 0 to
 * 8. Eight bytes for the byte loop's one. */
static inline size_t swar_alnum_run(const char *s, char *d, uint64_t *lower, uint64_t *upper)
{
        uint64_t w, alpha, caps, keep, stop;

        memcpy(&w, s, 8);
        alpha = swar_in_range(w | (SWAR_ONES * 0x20), 'a', 'z'); /* | 0x20 folds the case */
        stop = ~(alpha | swar_in_range(w, '0', '9')) & SWAR_HIGHS;
        keep = (stop & -stop) - 1; /* the bits below the first stop's high bit; all if none */
        caps = alpha & ~(w << 2) & keep; /* bit 5 clear: a capital (bit 5 << 2 is the high bit) */
        *lower |= alpha & ~caps & keep;
        *upper |= caps;
        w |= caps >> 2; /* the high bit >> 2 is 0x20 */
        memcpy(d, &w, 8);
        return stop ? (size_t)__builtin_ctzll(stop) / 8 : 8;
}
#endif

/* Reads the word starting at text[i] (a letter) and writes its matching form
 * (lower case, "’" as "'") at dst, in the one pass. The loop over letters and
 * digits does no more than it must each byte: its class, or'ed into seen, and
 * its lower-case form; capitals are counted after it, and only in a word with
 * no lower-case letter (all_caps), which is rare. */
static void scan_word(const char *s, size_t i, size_t len, char *dst, struct word_scan *w)
{
        char *d = dst;
        unsigned seen = 0; /* a local: through w it was reloaded every byte */
        bool marks = false;
#ifdef SWAR_ONES
        uint64_t lower = 0, upper = 0; /* what the eight-byte steps saw, for seen */
#endif

        while (i < len) {
                unsigned char c;
                uint8_t k;
                size_t inner;

#ifdef SWAR_ONES
                /* the room: token_split reserved twice the text for forms, and
                 * a form is never longer than its bytes */
                if (len - i >= 8) {
                        size_t n = swar_alnum_run(s + i, d, &lower, &upper);

                        i += n;
                        d += n;
                        if (n == 8)
                                continue;
                }
#endif
                c = (unsigned char)s[i];
                k = byte_class[c];
                if (k & B_ALNUM) {
                        seen |= k;
                        *d++ = (char)(c | ((k & B_UPPER) << 3)); /* B_UPPER << 3 is 0x20 */
                        i++;
                        continue;
                }
                if ((k & B_HIGH) && is_letter_byte(s + i, len - i)) {
                        seen |= B_HIGH;
                        *d++ = (char)c;
                        i++;
                        continue;
                }
                if (!(k & (B_HIGH | B_MARK))) /* a space, most often */
                        break;
                if (c == '-')
                        inner = 1;
                else if (c == '.')
                        inner = inner_dot_ok(s, i, len) ? 1 : 0;
                else
                        inner = apostrophe_at(s + i, len - i);
                if (!inner || i + inner >= len || !is_letter_byte(s + i + inner, len - i - inner))
                        break;
                marks = marks || c != '.';
                *d++ = inner == 3 ? '\'' : (char)c;
                i += inner;
        }
#ifdef SWAR_ONES
        seen |= (lower ? B_LOWER : 0) | (upper ? B_UPPER : 0);
#endif
        w->seen = seen;
        w->marks = marks;
        w->end = i;
        w->form_len = (size_t)(d - dst);
}

/* Whether the word's ASCII letters in s[start, end) are two or more, all
 * capitals (an acronym). Asked only of words that may be one (rare). */
static bool all_capitals(const char *s, size_t start, size_t end)
{
        unsigned upper = 0;

        for (size_t i = start; i < end; i++) {
                uint8_t k = byte_class[(unsigned char)s[i]];

                if (k & B_LOWER)
                        return false;
                upper += (k & B_UPPER) != 0;
        }
        return upper >= 2;
}

/* "al-Awadi", "el-Sisi": a short lower-case prefix, a hyphen, a capital. */
static bool capitalized_at(const char *text, size_t start, size_t end)
{
        if (text[start] >= 'A' && text[start] <= 'Z')
                return true;
        for (size_t i = start + 1; i < end && i <= start + 3; i++)
                if (text[i] == '-' && i + 1 < end && text[i + 1] >= 'A' && text[i + 1] <= 'Z')
                        return true;
        return false;
}

/* Pushes the word at text[start], splitting off a possessive "'s" as its own
 * token; returns its end. */
static int push_word(struct token_list *l, const char *text, size_t start, size_t len, size_t *end)
{
        struct word_scan w;
        size_t split, split_form;
        bool digits;
        struct token *t;
        char *form = l->pool + l->pool_len;

        scan_word(text, start, len, form, &w);
        split = w.end;
        split_form = w.form_len;
        if (w.end - start > 2 && (text[w.end - 1] == 's' || text[w.end - 1] == 'S')) {
                if (text[w.end - 2] == '\'')
                        split = w.end - 2;
                else if (w.end - start > 4 && is_curly_apostrophe(text + w.end - 4, 3))
                        split = w.end - 4;
        }
        if (split != w.end) /* the form ends "'s" either way; the 's' is no longer the word's */
                split_form = w.form_len - 2;
        digits = !(w.seen & (B_LOWER | B_UPPER | B_HIGH)) && !w.marks;
        if (!(t = push_form(l, start, split, split_form, digits ? TOKEN_NUMBER : TOKEN_WORD)))
                return -ENOMEM;
        /* a hyphen can make a word capitalised only if it has one */
        t->capitalized = (byte_class[(unsigned char)text[start]] & B_UPPER) ||
                         (w.marks && capitalized_at(text, start, split));
        /* letters all capitals: none lower case, but the split "'s" is not the word's */
        t->all_caps = (split != w.end || (!(w.seen & B_LOWER) && (w.seen & B_UPPER))) &&
                      all_capitals(text, start, split);
        *end = w.end;
        if (split == w.end)
                return 0;
        form = l->pool + l->pool_len;
        form[0] = '\'';
        form[1] = 's';
        return push_form(l, split, w.end, 2, TOKEN_WORD) ? 0 : -ENOMEM;
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
        bool quotes = false; /* a quotation mark was met: most sentences have none */
        int r;

        l->n = 0;
        l->pool_len = 0;
        /* a token's form is at most its bytes and a NUL ("x's" gives "x", "'s": 5
         * of 6), so twice the text is room for all of them */
        if (len > (SIZE_MAX - 2) / 2 || pool_reserve(l, 2 * len + 2) < 0)
                return -ENOMEM;
        while (i < len) {
                enum token_kind kind;
                size_t n;
                uint8_t k = byte_class[(unsigned char)text[i]];

                if (k & B_SPACE) {
                        i++;
                        continue;
                }
                if ((k & B_HIGH) && (n = wide_punct_at(text + i, len - i, &kind))) {
                        if (!(n == 2 && kind == TOKEN_PUNCT) && (r = push_punct(l, text, i, i + n, kind)) < 0)
                                return r;
                        quotes = quotes || kind != TOKEN_PUNCT;
                        i += n;
                        continue;
                }
                if (k & (B_ALNUM | B_HIGH)) { /* a letter: a HIGH byte that is no wide punctuation */
                        if ((r = push_word(l, text, i, len, &i)) < 0)
                                return r;
                        continue;
                }
                if ((r = push_punct(l, text, i, i + 1, TOKEN_PUNCT)) < 0)
                        return r;
                quotes = quotes || text[i] == '"';
                i++;
        }
        if (quotes) /* else every token is outside one, as push_form left it */
                mark_quoted(l, text);
        return 0;
}

int token_set_lemma_hashed(struct token_list *l, size_t i, const char *lemma, size_t len, uint64_t hash)
{
        if (pool_reserve(l, len + 1) < 0)
                return -ENOMEM;
        memcpy(l->pool + l->pool_len, lemma, len + 1);
        l->v[i].lemma = (uint32_t)l->pool_len;
        l->v[i].lemma_len = (uint32_t)len;
        l->v[i].lemma_hash = hash;
        l->pool_len += len + 1;
        return 0;
}

int token_set_lemma(struct token_list *l, size_t i, const char *lemma)
{
        size_t n = strlen(lemma);

        if (n == l->v[i].norm_len && memcmp(lemma, token_norm(l, i), n) == 0) {
                l->v[i].lemma = l->v[i].norm;
                l->v[i].lemma_len = l->v[i].norm_len;
                l->v[i].lemma_hash = l->v[i].norm_hash;
                return 0;
        }
        return token_set_lemma_hashed(l, i, lemma, n, strmap_hash(lemma, n));
}

void token_list_done(struct token_list *l)
{
        free(l->v);
        free(l->pool);
        *l = (struct token_list){ 0 };
}
