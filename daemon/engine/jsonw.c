/* The compact JSON writer. Strings are escaped as Jansson 2.14's dumper does
 * without JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH: '"' and '\\' and the control
 * characters below 0x20 (\b \f \n \r \t by name, the rest as \u00XX with
 * upper-case hex); everything else, DEL and non-ASCII included, is copied. UTF-8
 * is checked as Jansson's utf8_check_string does: no overlong forms, no
 * surrogates, nothing above U+10FFFF. The first failure sticks, so callers
 * write a whole document and check once, in jsonw_finish(). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "jsonw.h"

#define SHRINK_SLACK 64 /* a finished buffer with more spare bytes is cut to size */

enum byte_class { COPY, ESCAPE, MULTI };

static const uint8_t byte_class[256] = {
        [0x00 ... 0x1f] = ESCAPE, ['"'] = ESCAPE, ['\\'] = ESCAPE, [0x80 ... 0xff] = MULTI,
};

void jsonw_init(struct jsonw *w, size_t hint)
{
        *w = (struct jsonw){ .cap = hint ? hint : 1 };
        if (!(w->buf = malloc(w->cap)))
                w->failed = true;
}

/* Room for `extra` more bytes and the NUL; false (and failed) when there is none. */
static bool reserve(struct jsonw *w, size_t extra)
{
        size_t need, ncap;
        char *nbuf;

        if (w->failed)
                return false;
        need = w->len + extra + 1;
        if (need <= w->cap)
                return true;
        ncap = w->cap * 2 > need ? w->cap * 2 : need;
        if (!(nbuf = realloc(w->buf, ncap))) {
                w->failed = true;
                return false;
        }
        w->buf = nbuf;
        w->cap = ncap;
        return true;
}

static void put(struct jsonw *w, const char *s, size_t n)
{
        if (!reserve(w, n))
                return;
        memcpy(w->buf + w->len, s, n);
        w->len += n;
}

static void put_char(struct jsonw *w, char c)
{
        if (!reserve(w, 1))
                return;
        w->buf[w->len++] = c;
}

/* Before a value or a member: the separator from the one before, if any. */
static void separate(struct jsonw *w)
{
        if (w->comma)
                put_char(w, ',');
}

/* Length of the well-formed UTF-8 sequence at s (left bytes), 0 if there is none:
 * Jansson's utf8_check_first and utf8_check_full. */
static size_t utf8_sequence(const unsigned char *s, size_t left)
{
        size_t size;
        int32_t value;

        if (s[0] >= 0xc2 && s[0] <= 0xdf)
                size = 2, value = s[0] & 0x1f;
        else if (s[0] >= 0xe0 && s[0] <= 0xef)
                size = 3, value = s[0] & 0x0f;
        else if (s[0] >= 0xf0 && s[0] <= 0xf4)
                size = 4, value = s[0] & 0x07;
        else
                return 0;
        if (size > left)
                return 0;
        for (size_t i = 1; i < size; i++) {
                if (s[i] < 0x80 || s[i] > 0xbf)
                        return 0;
                value = (value << 6) + (s[i] & 0x3f);
        }
        if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
                return 0;
        if ((size == 2 && value < 0x80) || (size == 3 && value < 0x800) || (size == 4 && value < 0x10000))
                return 0;
        return size;
}

static void put_escape(struct jsonw *w, unsigned char c)
{
        static const char hex[] = "0123456789ABCDEF";
        char seq[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

        switch (c) {
        case '"': put(w, "\\\"", 2); return;
        case '\\': put(w, "\\\\", 2); return;
        case '\b': put(w, "\\b", 2); return;
        case '\f': put(w, "\\f", 2); return;
        case '\n': put(w, "\\n", 2); return;
        case '\r': put(w, "\\r", 2); return;
        case '\t': put(w, "\\t", 2); return;
        default: put(w, seq, sizeof(seq)); return;
        }
}

/* Whether none of the eight bytes at u needs a look: no control character, no
 * '"' or '\\', nothing from 0x80 up (the usual bit tricks for "some byte is
 * zero" and "some byte is below n", exact as a yes or no). */
static inline bool plain8(const unsigned char *u)
{
        const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
        uint64_t w, quote, backslash;

        memcpy(&w, u, 8);
        quote = w ^ (ones * '"');
        backslash = w ^ (ones * '\\');
        return !((w | ((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) &
                 highs);
}

#ifdef __SSE2__
/* From u[i] on, sixteen bytes at a time: where the first byte that is not plain
 * is, or the last block's end. One signed compare finds both the controls and
 * the bytes from 0x80 up (negative as signed bytes); the block's mask says
 * where the first is. A tenth of the instructions of plain8() a byte. */
static inline size_t plain_run(const unsigned char *u, size_t i, size_t n)
{
        const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');

        while (n - i >= 16) {
                __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
                __m128i odd = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                           _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
                unsigned mask = (unsigned)_mm_movemask_epi8(odd);

                if (mask)
                        return i + (size_t)__builtin_ctz(mask);
                i += 16;
        }
        return i;
}
#else
static inline size_t plain_run(const unsigned char *u, size_t i, size_t n)
{
        (void)u, (void)n;
        return i;
}
#endif

/* The quoted string, its room (n + 2 bytes and the NUL) reserved by the caller.
 * Copies runs of bytes that need no escape whole; checks UTF-8 on the way.
 * Sixteen bytes at a time (SSE2), then eight, while they are plain, then byte
 * by byte up to the one that made them not (at most seven on): a UTF-8
 * sequence is checked and the run goes on, an escape ends the run. The room
 * left always holds the rest of the string and the closing quote, so runs
 * are copied without a check; only an escape (up to six bytes for one)
 * reserves more. */
static void string_body(struct jsonw *w, const char *s, size_t n)
{
        const unsigned char *u = (const unsigned char *)s;
        size_t i = 0;

        w->buf[w->len++] = '"';
        while (i < n) {
                size_t run = i, k;

                for (;;) {
                        i = plain_run(u, i, n);
                        while (n - i >= 8 && plain8(u + i))
                                i += 8;
                        while (i < n && byte_class[u[i]] == COPY)
                                i++;
                        if (i == n || byte_class[u[i]] == ESCAPE)
                                break;
                        if (!(k = utf8_sequence(u + i, n - i))) {
                                w->failed = true;
                                return;
                        }
                        i += k;
                }
                memcpy(w->buf + w->len, s + run, i - run);
                w->len += i - run;
                if (i < n) {
                        if (!reserve(w, 6 + (n - i)))
                                return;
                        put_escape(w, u[i++]);
                }
        }
        w->buf[w->len++] = '"';
}

void jsonw_stringn(struct jsonw *w, const char *s, size_t n)
{
        separate(w);
        if (!s) {
                w->failed = true;
                return;
        }
        if (!reserve(w, n + 2))
                return;
        string_body(w, s, n);
        w->comma = true;
}

void jsonw_member_raw_stringn(struct jsonw *w, const char *quoted, size_t qn, const char *s, size_t n)
{
        separate(w);
        if (!s) {
                w->failed = true;
                return;
        }
        if (!reserve(w, qn + n + 2))
                return;
        memcpy(w->buf + w->len, quoted, qn);
        w->len += qn;
        string_body(w, s, n);
        w->comma = true;
}

void jsonw_member_raw_string(struct jsonw *w, const char *quoted, size_t qn, const char *s)
{
        jsonw_member_raw_stringn(w, quoted, qn, s, s ? strlen(s) : 0);
}

void jsonw_string(struct jsonw *w, const char *s)
{
        jsonw_stringn(w, s, s ? strlen(s) : 0);
}

/* v in decimal, ending at end; returns where it starts. */
static char *format_int(char *end, long long v)
{
        char *p = end;
        unsigned long long m = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;

        do
                *--p = (char)('0' + m % 10);
        while (m /= 10);
        if (v < 0)
                *--p = '-';
        return p;
}

void jsonw_int(struct jsonw *w, long long v)
{
        char digits[24], *p = format_int(digits + sizeof(digits), v);

        separate(w);
        put(w, p, (size_t)(digits + sizeof(digits) - p));
        w->comma = true;
}

void jsonw_member_raw_int(struct jsonw *w, const char *quoted, size_t qn, long long v)
{
        char digits[24], *p = format_int(digits + sizeof(digits), v);
        size_t n = (size_t)(digits + sizeof(digits) - p);

        separate(w);
        if (!reserve(w, qn + n))
                return;
        memcpy(w->buf + w->len, quoted, qn);
        memcpy(w->buf + w->len + qn, p, n);
        w->len += qn + n;
        w->comma = true;
}

void jsonw_member_raw(struct jsonw *w, const char *member, size_t n)
{
        separate(w);
        put(w, member, n);
        w->comma = true;
}

void jsonw_key(struct jsonw *w, const char *key)
{
        jsonw_string(w, key);
        put_char(w, ':');
        w->comma = false;
}

void jsonw_key_raw(struct jsonw *w, const char *quoted, size_t n)
{
        separate(w);
        put(w, quoted, n);
        w->comma = false;
}

void jsonw_member_string(struct jsonw *w, const char *key, const char *s)
{
        jsonw_key(w, key);
        jsonw_string(w, s);
}

void jsonw_member_int(struct jsonw *w, const char *key, long long v)
{
        jsonw_key(w, key);
        jsonw_int(w, v);
}

static void open_container(struct jsonw *w, char c)
{
        separate(w);
        put_char(w, c);
        w->comma = false;
}

static void close_container(struct jsonw *w, char c)
{
        put_char(w, c);
        w->comma = true;
}

void jsonw_object_begin(struct jsonw *w) { open_container(w, '{'); }
void jsonw_object_end(struct jsonw *w) { close_container(w, '}'); }
void jsonw_array_begin(struct jsonw *w) { open_container(w, '['); }
void jsonw_array_end(struct jsonw *w) { close_container(w, ']'); }

static size_t memo_slot(const void *key)
{
        return (size_t)(((uint64_t)(uintptr_t)key * 0x9e3779b97f4a7c15ull) >> 58) % JSONW_MEMO_SLOTS;
}

bool jsonw_memo_write(struct jsonw *w, const struct jsonw_memo *m, const void *key)
{
        size_t i = memo_slot(key);

        if (!m || m->slot[i].key != key)
                return false;
        separate(w);
        put(w, m->bytes.buf + m->slot[i].at, m->slot[i].len);
        w->comma = true;
        return true;
}

void jsonw_memo_keep(struct jsonw_memo *m, const struct jsonw *w, size_t from, const void *key)
{
        size_t i = memo_slot(key), n;

        if (!m || w->failed)
                return;
        n = w->len - from;
        if (m->bytes.len + n > JSONW_MEMO_MAX) { /* many keys: start again rather than grow */
                for (size_t k = 0; k < JSONW_MEMO_SLOTS; k++)
                        m->slot[k].key = NULL;
                m->bytes.len = 0;
        }
        m->slot[i].key = NULL;
        put(&m->bytes, w->buf + from, n);
        if (m->bytes.failed) {
                m->bytes.failed = false; /* kept bytes stay good; this value is just not kept */
                return;
        }
        m->slot[i].key = key;
        m->slot[i].at = m->bytes.len - n;
        m->slot[i].len = n;
}

void jsonw_memo_done(struct jsonw_memo *m)
{
        free(m->bytes.buf);
        *m = (struct jsonw_memo){ 0 };
}

size_t jsonw_mark(struct jsonw *w)
{
        w->comma = false;
        return w->len;
}

int jsonw_end_document(struct jsonw *w, size_t mark)
{
        if (reserve(w, 0)) {
                w->buf[w->len++] = '\0';
                return 0;
        }
        w->len = mark;
        w->failed = w->comma = false; /* the next document tries again */
        return -1;
}

void jsonw_raw(struct jsonw *w, const char *s, size_t n) { put(w, s, n); }

char *jsonw_finish(struct jsonw *w)
{
        char *doc;

        if (!reserve(w, 0)) {
                free(w->buf);
                *w = (struct jsonw){ 0 };
                return NULL;
        }
        w->buf[w->len] = '\0';
        doc = w->buf;
        /* events are kept (the replay window): no need to keep their spare room too;
         * a failed shrink leaves the document as it was */
        if (w->cap - w->len - 1 > SHRINK_SLACK) {
                char *smaller = realloc(doc, w->len + 1);

                if (smaller)
                        doc = smaller;
        }
        *w = (struct jsonw){ 0 };
        return doc;
}
