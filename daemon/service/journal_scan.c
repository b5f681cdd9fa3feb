/* The journal's line scanner: one pass over a line heraldd wrote (compact JSON
 * from Jansson), validating it as json_loadb(JSON_REJECT_DUPLICATES) would and
 * copying out a handful of members. Reading each line back whole with Jansson
 * was 90% of a start with a large journal. What would need more than a simple
 * check here (see journal_scan.h) is left to Jansson, so the scanner only ever
 * decides the lines it is sure of. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "journal_scan.h"

#define SCAN_KEYS 32  /* members per object checked for duplicates; more: unsure */
#define SCAN_DEPTH 32 /* nesting; deeper: unsure (Jansson allows 2048) */

struct scan {
        const unsigned char *p, *end;
        struct journal_scan *out;
};

/* A decoded string goes to buf (when not NULL); too long for it: unsure. */
struct sink {
        char *buf;
        size_t cap, len;
        bool overflow;
};

static void sink_put(struct sink *k, const unsigned char *s, size_t n)
{
        if (!k->buf)
                return;
        if (k->len + n >= k->cap) {
                k->overflow = true;
                return;
        }
        memcpy(k->buf + k->len, s, n);
        k->len += n;
        k->buf[k->len] = '\0';
}

static void skip_spaces(struct scan *s)
{
        while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
                s->p++;
}

/* heraldd writes compact JSON: one compare, inline, sees the next byte is no space */
static inline __attribute__((always_inline)) void skip_space(struct scan *s)
{
        if (s->p < s->end && *s->p <= ' ')
                skip_spaces(s);
}

static bool at(struct scan *s, char c) { return s->p < s->end && *s->p == (unsigned char)c; }

/* One UTF-8 sequence as Jansson checks it: no overlong forms, no surrogates,
 * nothing above U+10FFFF. Returns its length, or 0. */
static size_t utf8_length(const unsigned char *p, const unsigned char *end)
{
        size_t n = *p < 0xC2 ? 0 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : *p < 0xF5 ? 4 : 0;
        uint32_t v;

        if (n == 0 || (size_t)(end - p) < n)
                return 0;
        v = *p & (0x7F >> n);
        for (size_t i = 1; i < n; i++) {
                if ((p[i] & 0xC0) != 0x80)
                        return 0;
                v = v << 6 | (p[i] & 0x3F);
        }
        if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
                return 0;
        return n;
}

static int hex4(struct scan *s, uint32_t *v)
{
        *v = 0;
        if (s->end - s->p < 4)
                return -EINVAL;
        for (int i = 0; i < 4; i++) {
                unsigned char c = *s->p++;
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

                if (d < 0)
                        return -EINVAL;
                *v = *v << 4 | (uint32_t)d;
        }
        return 0;
}

/* \uXXXX (s->p after the u), a surrogate pair as one; \u0000 is refused as
 * Jansson refuses it without JSON_ALLOW_NUL. */
static int unicode_escape(struct scan *s, struct sink *k)
{
        unsigned char u[4];
        uint32_t v, low;
        size_t n;

        if (hex4(s, &v) < 0 || v == 0 || (v >= 0xDC00 && v <= 0xDFFF))
                return -EINVAL;
        if (v >= 0xD800 && v <= 0xDBFF) {
                if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                        return -EINVAL;
                s->p += 2;
                if (hex4(s, &low) < 0 || low < 0xDC00 || low > 0xDFFF)
                        return -EINVAL;
                v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
        }
        if (v < 0x80)
                u[0] = (unsigned char)v, n = 1;
        else if (v < 0x800)
                u[0] = (unsigned char)(0xC0 | v >> 6), u[1] = (unsigned char)(0x80 | (v & 0x3F)), n = 2;
        else if (v < 0x10000)
                u[0] = (unsigned char)(0xE0 | v >> 12), u[1] = (unsigned char)(0x80 | (v >> 6 & 0x3F)),
                u[2] = (unsigned char)(0x80 | (v & 0x3F)), n = 3;
        else
                u[0] = (unsigned char)(0xF0 | v >> 18), u[1] = (unsigned char)(0x80 | (v >> 12 & 0x3F)),
                u[2] = (unsigned char)(0x80 | (v >> 6 & 0x3F)), u[3] = (unsigned char)(0x80 | (v & 0x3F)), n = 4;
        sink_put(k, u, n);
        return 0;
}

static int escape(struct scan *s, struct sink *k)
{
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *hit;

        if (s->p >= s->end)
                return -EINVAL;
        if (*s->p == 'u') {
                s->p++;
                return unicode_escape(s, k);
        }
        if (!*s->p || !(hit = strchr(from, *s->p)))
                return -EINVAL;
        sink_put(k, (const unsigned char *)&to[hit - from], 1);
        s->p++;
        return 0;
}

/* The end of the run of plain string bytes at p: bytes from 0x20 to 0x7F but
 * the quote and the backslash. Eight at a time while a word holds none of the
 * others; a byte at a time through the word that does. The word's test is
 * exact for the first byte that stops the run (the lowest, loaded little-end
 * first): with no byte of w above 0x7F (w itself in t), subtracting 0x20 or 1
 * from a byte sets its high bit only when it is below 0x20 or zero (a quote or
 * a backslash after the xor), and a borrow reaches a byte only from a lower
 * byte that already stops the run. Bytes are visited once, not tested four
 * times each (22 instructions a byte before). */
static const unsigned char *plain_run(const unsigned char *p, const unsigned char *end)
{
        const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;

        while (end - p >= 8) {
                uint64_t w, t;

                memcpy(&w, p, 8);
                t = w | (w - ones * 0x20) | ((w ^ ones * '"') - ones) | ((w ^ ones * '\\') - ones);
                if (t & highs) /* the lowest flagged byte is the first that stops */
                        return p + __builtin_ctzll(t & highs) / 8;
                p += 8;
        }
        while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
                p++;
        return p;
}

/* A string, s->p at its opening quote; *escaped says whether it had escapes. */
static int string(struct scan *s, struct sink *k, bool *escaped)
{
        const unsigned char *run;

        *escaped = false;
        s->p++;
        for (;;) {
                size_t n;

                run = s->p;
                s->p = plain_run(s->p, s->end);
                sink_put(k, run, (size_t)(s->p - run));
                if (s->p >= s->end || *s->p < 0x20)
                        return -EINVAL;
                if (*s->p == '"') {
                        s->p++;
                        return 0;
                }
                if (*s->p == '\\') {
                        *escaped = true;
                        s->p++;
                        if (escape(s, k) < 0)
                                return -EINVAL;
                        continue;
                }
                if (!(n = utf8_length(s->p, s->end)))
                        return -EINVAL;
                sink_put(k, s->p, n);
                s->p += n;
        }
}

static bool digit(struct scan *s) { return s->p < s->end && *s->p >= '0' && *s->p <= '9'; }

/* An integer (Jansson's grammar: no leading zeros); reals and integers that might
 * not fit a json_int_t are left to Jansson. */
static int number(struct scan *s, long long *value)
{
        const unsigned char *start = s->p;
        long long v = 0;

        if (at(s, '-'))
                s->p++;
        if (!digit(s))
                return -EINVAL;
        if (*s->p++ == '0' && digit(s))
                return -EINVAL;
        while (digit(s))
                s->p++;
        if (at(s, '.') || at(s, 'e') || at(s, 'E') || s->p - start > 18)
                return JOURNAL_SCAN_UNSURE;
        /* at most 18 characters: the digits fit a long long, as strtoll reads them */
        for (const unsigned char *d = start + (*start == '-'); d < s->p; d++)
                v = v * 10 + (*d - '0');
        *value = *start == '-' ? -v : v;
        return 0;
}

static int literal(struct scan *s, const char *word)
{
        size_t n = strlen(word);

        if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
                return -EINVAL;
        s->p += n;
        return 0;
}

static int value(struct scan *s, int depth, bool is_data, long long *number_out);

/* The top-level string members copied out: where each goes in struct journal_scan. */
#define WANTED(member, flag) { #member, sizeof(#member) - 1, offsetof(struct journal_scan, flag), \
                               offsetof(struct journal_scan, member), sizeof(((struct journal_scan *)0)->member) }
static const struct wanted {
        const char *name;
        size_t len, has, buf, cap;
} wanted[] = { WANTED(type, has_type), WANTED(subject, has_subject), WANTED(sequence, has_sequence),
               WANTED(epoch, has_epoch) };
#undef WANTED

/* The member of the top level or of data that key names: where its value goes. */
static int member(struct scan *s, int depth, bool is_data, const unsigned char *key, size_t len)
{
        struct journal_scan *o = s->out;
        long long n = 0;
        bool escaped;
        int r;

#define KEY_IS(name) (len == sizeof(name) - 1 && memcmp(key, name, len) == 0)
        if (is_data && KEY_IS("index")) {
                r = value(s, depth, false, &n);
                o->index = n;
                return r;
        }
        if (depth == 1) {
                o->specversion |= KEY_IS("specversion");
                o->journal |= KEY_IS("journal");
                o->sha256 |= KEY_IS("sha256");
                for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
                        const struct wanted *w = &wanted[i];
                        struct sink k = { .buf = (char *)o + w->buf, .cap = w->cap };

                        if (len != w->len || memcmp(key, w->name, len) != 0)
                                continue;
                        if (!at(s, '"'))
                                return JOURNAL_SCAN_UNSURE;
                        k.buf[0] = '\0';
                        if ((r = string(s, &k, &escaped)) < 0)
                                return r;
                        *(bool *)((char *)o + w->has) = true;
                        return k.overflow ? JOURNAL_SCAN_UNSURE : 0;
                }
                if (KEY_IS("data"))
                        return value(s, depth, true, &n);
        }
#undef KEY_IS
        return value(s, depth, false, &n);
}

static int object(struct scan *s, int depth, bool is_data)
{
        struct { const unsigned char *p; size_t len; } keys[SCAN_KEYS];
        size_t n_keys = 0;
        uint64_t seen = 0, seen_bit;
        int r;

        if (depth > SCAN_DEPTH)
                return JOURNAL_SCAN_UNSURE;
        s->p++;
        skip_space(s);
        if (at(s, '}')) {
                s->p++;
                return 0;
        }
        for (;;) {
                struct sink none = { 0 };
                const unsigned char *key;
                bool escaped;
                size_t len;

                if (!at(s, '"'))
                        return -EINVAL;
                key = s->p + 1;
                if ((r = string(s, &none, &escaped)) < 0)
                        return r;
                len = (size_t)(s->p - 1 - key);
                if (escaped || n_keys == SCAN_KEYS)
                        return JOURNAL_SCAN_UNSURE; /* raw bytes compared below would not do */
                /* a name is compared with the others only when its length and
                 * end bytes' bit was seen before in this object */
                seen_bit = 1ull << ((len * 7 + (len ? key[0] + key[len - 1] : 0)) & 63);
                for (size_t i = 0; (seen & seen_bit) && i < n_keys; i++)
                        if (keys[i].len == len && memcmp(keys[i].p, key, len) == 0)
                                return -EINVAL; /* JSON_REJECT_DUPLICATES */
                seen |= seen_bit;
                keys[n_keys].p = key;
                keys[n_keys++].len = len;
                skip_space(s);
                if (!at(s, ':'))
                        return -EINVAL;
                s->p++;
                skip_space(s);
                if ((r = member(s, depth, is_data, key, len)) != 0)
                        return r;
                skip_space(s);
                if (at(s, '}')) {
                        s->p++;
                        return 0;
                }
                if (!at(s, ','))
                        return -EINVAL;
                s->p++;
                skip_space(s);
        }
}

static int array(struct scan *s, int depth)
{
        long long n;
        int r;

        if (depth > SCAN_DEPTH)
                return JOURNAL_SCAN_UNSURE;
        s->p++;
        skip_space(s);
        if (at(s, ']')) {
                s->p++;
                return 0;
        }
        for (;;) {
                if ((r = value(s, depth, false, &n)) != 0)
                        return r;
                skip_space(s);
                if (at(s, ']')) {
                        s->p++;
                        return 0;
                }
                if (!at(s, ','))
                        return -EINVAL;
                s->p++;
                skip_space(s);
        }
}

/* Any value at s->p (spaces skipped before it); *number_out set for an integer. */
static int value(struct scan *s, int depth, bool is_data, long long *number_out)
{
        struct sink none = { 0 };
        bool escaped;

        if (s->p >= s->end)
                return -EINVAL;
        switch (*s->p) {
        case '{':
                return object(s, depth + 1, is_data);
        case '[':
                return array(s, depth + 1);
        case '"':
                return string(s, &none, &escaped);
        case 't':
                return literal(s, "true");
        case 'f':
                return literal(s, "false");
        case 'n':
                return literal(s, "null");
        default:
                return number(s, number_out);
        }
}

int journal_scan_line(const char *line, size_t len, struct journal_scan *out)
{
        struct scan s = { .p = (const unsigned char *)line, .end = (const unsigned char *)line + len, .out = out };
        int r;

        *out = (struct journal_scan){ 0 };
        skip_space(&s);
        if (!at(&s, '{'))
                return at(&s, '[') ? JOURNAL_SCAN_UNSURE : -EINVAL; /* an array is valid JSON, not a line */
        if ((r = object(&s, 1, false)) != 0)
                return r;
        skip_space(&s);
        return s.p == s.end ? 0 : -EINVAL;
}
