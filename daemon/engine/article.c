/* Article parsing (README "Articles"): validate the bytes, read the optional
 * "Key: value" header, cut the body into paragraphs (one per line, blank lines
 * skipped) and the paragraphs into sentences. Headings are kept and numbered, but
 * have no sentences to code. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "internal/alloc.h"
#include "article.h"
#include "internal/cleanup.h"
#include "sentence.h"

#define HEADING_MAX_WORDS 12
#define HEADING_MAX_BYTES 120

/* From s[i] on, sixteen bytes at a time: where the first byte from 0x80 up is
 * (its high bit is what the mask holds), or the last whole block's end. */
static size_t ascii_run(const unsigned char *s, size_t i, size_t len)
{
#ifdef __SSE2__
        while (len - i >= 16) {
                unsigned mask = (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));

                if (mask)
                        return i + (size_t)__builtin_ctz(mask);
                i += 16;
        }
#else
        (void)s, (void)len;
#endif
        return i;
}

/* Offset of the first invalid UTF-8 sequence, or len if all is valid. Rejects
 * overlong forms, surrogates and code points past U+10FFFF. ASCII runs are
 * skipped sixteen bytes at a time up to the next byte that is not ASCII; after
 * one, eight at a time, then a byte at a time. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
        size_t i = 0;

        while (i < len) {
                unsigned char c;
                size_t n;
                unsigned cp;
                uint64_t w;

                if ((i = ascii_run(s, i, len)) >= len)
                        break;
                c = s[i];
                if (len - i >= 8 && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ull))) {
                        i += 8; /* eight ASCII bytes: most of a text */
                        continue;
                }
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

static unsigned line_of(const char *text, size_t offset)
{
        unsigned line = 1;

        for (size_t i = 0; i < offset; i++)
                line += text[i] == '\n';
        return line;
}

static int check_bytes(const struct article *a, size_t max, struct parse_error *err)
{
        const char *nul;
        size_t bad;

        if (a->len > max)
                return parse_error_set(err, 0, 0, "article is %zu bytes, over the limit of %zu", a->len, max);
        nul = memchr(a->text, '\0', a->len);
        if (nul)
                return parse_error_set(err, line_of(a->text, (size_t)(nul - a->text)), 0,
                                       "contains a NUL byte (binary file?)");
        bad = utf8_invalid_at((const unsigned char *)a->text, a->len);
        if (bad < a->len)
                return parse_error_set(err, line_of(a->text, bad), 0, "invalid UTF-8 at byte offset %zu", bad);
        return 0;
}

void article_slugify(const char *name, char out[ARTICLE_ID_MAX + 1])
{
        size_t n = 0;
        bool dash = false;

        for (const char *p = name; *p && n < ARTICLE_ID_MAX; p++) {
                char c = (char)tolower((unsigned char)*p);

                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                        if (dash && n > 0) {
                                if (n + 2 > ARTICLE_ID_MAX)
                                        break; /* no room for "-x": never glue two words together */
                                out[n++] = '-';
                        }
                        out[n++] = c;
                        dash = false;
                } else
                        dash = true;
        }
        out[n] = '\0';
        if (n == 0)
                snprintf(out, ARTICLE_ID_MAX + 1, "article");
}

bool article_date_valid(const char *s)
{
        static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        int y, m, d;

        if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
                return false;
        for (int i = 0; i < 10; i++)
                if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
                        return false;
        if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
                return false;
        return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

/* The file name without directories and extension, as an id. */
static void id_from_name(const char *name, char out[ARTICLE_ID_MAX + 1])
{
        _cleanup_free_ char *base = strdup(name ? name : "article");
        const char *slash;
        char *dot;

        if (!base) {
                snprintf(out, ARTICLE_ID_MAX + 1, "article");
                return;
        }
        slash = strrchr(base, '/');
        dot = strrchr(slash ? slash : base, '.');
        if (dot && dot != (slash ? slash + 1 : base))
                *dot = '\0';
        article_slugify(slash ? slash + 1 : base, out);
}

static const char *const header_keys[] = { "Id", "Title", "Date", "Source", "Url", "Language" };

/* If line [s, e) is "Key: value" with a known key, returns its index and sets *value. */
static int header_key(const char *s, const char *e, const char **value)
{
        const char *colon = memchr(s, ':', (size_t)(e - s));

        if (!colon)
                return -1;
        for (size_t i = 0; i < ELEMENTSOF(header_keys); i++)
                if ((size_t)(colon - s) == strlen(header_keys[i]) &&
                    strncasecmp(s, header_keys[i], strlen(header_keys[i])) == 0) {
                        *value = colon + 1;
                        return (int)i;
                }
        return -1;
}

static char *dup_trimmed(const char *s, const char *e)
{
        while (s < e && isspace((unsigned char)*s))
                s++;
        while (e > s && isspace((unsigned char)e[-1]))
                e--;
        return strndup(s, (size_t)(e - s));
}

static int set_header(struct article *a, int key, char *value, unsigned line, struct parse_error *err)
{
        char **slot[] = { NULL, &a->title, NULL, &a->source, &a->url, &a->language };

        if (key == 0) {
                article_slugify(value, a->id);
                free(value);
        } else if (key == 2) {
                /* An RFC 3339 date-time is accepted; its date part is the DCT. */
                if (strlen(value) > 10 && (value[10] == 'T' || value[10] == ' '))
                        value[10] = '\0';
                if (!article_date_valid(value)) {
                        parse_error_set(err, line, 7, "bad date '%.40s' in header (want YYYY-MM-DD)", value);
                        free(value);
                        return -EINVAL;
                }
                memcpy(a->date, value, 11);
                free(value);
        } else {
                free(*slot[key]);
                *slot[key] = value;
        }
        return 0;
}

/* Reads the header lines; returns the offset where the body starts. */
static int parse_header(struct article *a, size_t *body, struct parse_error *err)
{
        size_t pos = 0;
        unsigned line = 1;

        if (a->len >= 3 && memcmp(a->text, "\xef\xbb\xbf", 3) == 0)
                pos = 3; /* a UTF-8 byte order mark is not text */
        for (;; line++) {
                const char *s = a->text + pos, *nl = memchr(s, '\n', a->len - pos);
                const char *e = nl ? nl : a->text + a->len, *value;
                int key = header_key(s, e, &value), r;
                char *v;

                if (key < 0)
                        break;
                if (!(v = dup_trimmed(value, e)))
                        return -ENOMEM;
                if (strlen(v) > ARTICLE_HEADER_MAX) {
                        free(v);
                        return parse_error_set(err, line, 1, "header '%s' is over %d bytes", header_keys[key],
                                               ARTICLE_HEADER_MAX);
                }
                if ((r = set_header(a, key, v, line, err)) < 0)
                        return r;
                pos = nl ? (size_t)(nl - a->text) + 1 : a->len;
                if (!nl)
                        break;
        }
        *body = pos;
        return 0;
}

static bool is_heading(const char *s, const char *e)
{
        static const char final[] = ".!?:;\"')";
        size_t words = 0;

        if ((size_t)(e - s) > HEADING_MAX_BYTES)
                return false;
        if (strchr(final, e[-1]) || (e - s >= 3 && (unsigned char)e[-3] == 0xe2 && (unsigned char)e[-2] == 0x80))
                return false; /* ends with punctuation, a closing curly quote or an ellipsis */
        for (const char *p = s; p < e; p++)
                words += (p == s || p[-1] == ' ') && *p != ' ';
        return words <= HEADING_MAX_WORDS;
}

static int add_paragraph(struct article *a, size_t start, size_t end, const struct lexicon *lex);

static int parse_body(struct article *a, size_t pos, const struct lexicon *lex)
{
        while (pos < a->len) {
                const char *nl = memchr(a->text + pos, '\n', a->len - pos);
                size_t end = nl ? (size_t)(nl - a->text) : a->len, s = pos, e = end;
                int r;

                while (s < e && isspace((unsigned char)a->text[s]))
                        s++;
                while (e > s && isspace((unsigned char)a->text[e - 1]))
                        e--;
                if (s < e && (r = add_paragraph(a, s, e, lex)) < 0)
                        return r;
                pos = end + 1;
        }
        return 0;
}

static int add_paragraph(struct article *a, size_t start, size_t end, const struct lexicon *lex)
{
        struct paragraph *p;
        size_t first;
        int r;

        if (GREEDY_REALLOC(a->paragraphs, a->cap_paragraphs, a->n_paragraphs + 1) < 0)
                return -ENOMEM;
        p = &a->paragraphs[a->n_paragraphs++];
        *p = (struct paragraph){ .start = start, .end = end };
        p->heading = is_heading(a->text + start, a->text + end);
        if (p->heading)
                return 0;
        first = a->sentences.n;
        if ((r = sentence_split(a->text, start, end, lex, &a->sentences)) < 0)
                return r;
        p->n_sentences = a->sentences.n - first;
        return 0;
}

/* Points each paragraph at its sentences, once the array has stopped moving. */
static void place_sentences(struct article *a)
{
        size_t at = 0;

        for (size_t i = 0; i < a->n_paragraphs; i++) {
                a->paragraphs[i].sentences = a->paragraphs[i].n_sentences ? a->sentences.v + at : NULL;
                at += a->paragraphs[i].n_sentences;
        }
}

int article_parse(char *text, size_t len, const struct article_options *opts, const struct lexicon *lex,
                  struct article **ret, struct parse_error *err)
{
        struct article *a = calloc(1, sizeof(*a));
        size_t body = 0;
        int r;

        if (!a) {
                free(text);
                return -ENOMEM;
        }
        a->text = text;
        a->len = len;
        r = check_bytes(a, opts->max_size ? opts->max_size : ARTICLE_DEFAULT_MAX_SIZE, err);
        if (r >= 0)
                r = parse_header(a, &body, err);
        if (r >= 0)
                r = parse_body(a, body, lex);
        if (r >= 0)
                place_sentences(a);
        if (r >= 0 && a->n_paragraphs == 0)
                r = parse_error_set(err, 0, 0, a->len ? "no body text after the header" : "empty article");
        if (r >= 0 && !a->date[0]) {
                if (opts->fallback_date && article_date_valid(opts->fallback_date))
                        memcpy(a->date, opts->fallback_date, 11);
                else
                        r = parse_error_set(err, 0, 0, "no document date (no Date: header and no --date)");
        }
        if (r < 0) {
                article_free(a);
                return r;
        }
        if (!a->id[0])
                id_from_name(opts->name, a->id);
        *ret = a;
        return 0;
}

void article_free(struct article *a)
{
        if (!a)
                return;
        free(a->sentences.v);
        free(a->paragraphs);
        free(a->title);
        free(a->source);
        free(a->url);
        free(a->language);
        free(a->text);
        free(a);
}
