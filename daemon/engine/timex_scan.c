/* Hand scanners of the time values' fixed formats (YYYY, YYYY-MM, YYYY-MM-DD,
 * YYYY-Www, YYYY-SS, YYYY-MM-DDTPP) and of numbers in words, each the exact
 * behaviour of the sscanf or strtol call it replaces, edge cases included:
 * matching tries them on every token, and the C library's versions were a third
 * of extraction's time. */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "timex_scan.h"

/* isspace() in the C locale, which sscanf and strtol skip before a number. */
static bool is_space(char c)
{
        return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool is_digit(char c)
{
        return c >= '0' && c <= '9';
}

long timex_scan_long(const char *w, const char **end)
{
        const char *p = w;
        unsigned long v = 0, limit;
        bool neg = false, over = false;

        while (is_space(*p))
                p++;
        if (*p == '-' || *p == '+')
                neg = *p++ == '-';
        if (!is_digit(*p)) {
                *end = w; /* no number: strtol points back at the start */
                return 0;
        }
        limit = neg ? (unsigned long)LONG_MAX + 1 : (unsigned long)LONG_MAX;
        for (; is_digit(*p); p++) {
                unsigned d = (unsigned)(*p - '0');

                if (over || v > (limit - d) / 10)
                        over = true;
                else
                        v = v * 10 + d;
        }
        *end = p;
        if (over)
                return neg ? LONG_MIN : LONG_MAX;
        return neg ? (long)(0 - v) : (long)v;
}

bool timex_scan_int(const char **p, int width, int *out)
{
        const char *s = *p;
        int v = 0, digits = 0;
        bool neg = false;

        while (is_space(*s))
                s++;
        if (*s == '-' || *s == '+') {
                neg = *s++ == '-';
                width--;
        }
        for (; width > 0 && is_digit(*s); width--, digits++)
                v = v * 10 + (*s++ - '0');
        if (!digits)
                return false;
        *out = neg ? -v : v;
        *p = s;
        return true;
}

static bool scan_char(const char **p, char c)
{
        if (**p != c)
                return false;
        (*p)++;
        return true;
}

/* "%3s": up to three characters that are not spaces, after spaces. */
static bool scan_word3(const char **p, char code[4])
{
        const char *s = *p;
        int k = 0;

        while (is_space(*s))
                s++;
        while (k < 3 && *s && !is_space(*s))
                code[k++] = *s++;
        if (!k)
                return false;
        code[k] = '\0';
        *p = s;
        return true;
}

/* "%3[A-Z]": up to three capitals, no spaces skipped. */
static bool scan_caps3(const char **p, char code[4])
{
        const char *s = *p;
        int k = 0;

        while (k < 3 && *s >= 'A' && *s <= 'Z')
                code[k++] = *s++;
        if (!k)
                return false;
        code[k] = '\0';
        *p = s;
        return true;
}

static bool done(const char *s, const char *p, int *n)
{
        *n = (int)(p - s);
        return true;
}

bool timex_scan_range(const char *s, int *first, int *last, int *n)
{
        const char *p = s;

        return timex_scan_int(&p, 2, first) && scan_char(&p, '-') && timex_scan_int(&p, 2, last) && done(s, p, n);
}

/* s[0..k) are all digits. */
static bool digits(const char *s, int k)
{
        for (int i = 0; i < k; i++)
                if (!is_digit(s[i]))
                        return false;
        return true;
}

static int number(const char *s, int k)
{
        int v = 0;

        for (int i = 0; i < k; i++)
                v = v * 10 + (s[i] - '0');
        return v;
}

bool timex_scan_ymd(const char *s, int *y, int *m, int *d, int *n)
{
        const char *p = s;

        /* "2024-09-02", as every date value is written: what the widths read */
        if (digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' && digits(s + 8, 2)) {
                *y = number(s, 4), *m = number(s + 5, 2), *d = number(s + 8, 2), *n = 10;
                return true;
        }
        return timex_scan_int(&p, 4, y) && scan_char(&p, '-') && timex_scan_int(&p, 2, m) && scan_char(&p, '-') &&
               timex_scan_int(&p, 2, d) && done(s, p, n);
}

bool timex_scan_ymd_part(const char *s, int *y, int *m, int *d, char code[4], int *n)
{
        const char *p = s;

        return timex_scan_int(&p, 4, y) && scan_char(&p, '-') && timex_scan_int(&p, 2, m) && scan_char(&p, '-') &&
               timex_scan_int(&p, 2, d) && scan_char(&p, 'T') && scan_word3(&p, code) && done(s, p, n);
}

bool timex_scan_week(const char *s, int *y, int *w, int *n)
{
        const char *p = s;

        return timex_scan_int(&p, 4, y) && scan_char(&p, '-') && scan_char(&p, 'W') && timex_scan_int(&p, 2, w) &&
               done(s, p, n);
}

bool timex_scan_ym(const char *s, int *y, int *m, int *n)
{
        const char *p = s;

        return timex_scan_int(&p, 4, y) && scan_char(&p, '-') && timex_scan_int(&p, 2, m) && done(s, p, n);
}

bool timex_scan_ycode(const char *s, int *y, char code[4], int *n)
{
        const char *p = s;

        return timex_scan_int(&p, 4, y) && scan_char(&p, '-') && scan_caps3(&p, code) && done(s, p, n);
}

bool timex_scan_y(const char *s, int *y, int *n)
{
        const char *p = s;

        return timex_scan_int(&p, 4, y) && done(s, p, n);
}

int timex_scan_ordinal(const char *w)
{
        const char *end;
        long v;

        /* most words: no number can start here */
        if (!is_digit(*w) && *w != '-' && *w != '+' && !is_space(*w))
                return -1;
        v = timex_scan_long(w, &end);
        if (end == w || v < 0 || v > 10000)
                return -1;
        if (strcmp(end, "st") && strcmp(end, "nd") && strcmp(end, "rd") && strcmp(end, "th"))
                return -1;
        return (int)v;
}

static char *put_digits(char *p, int v, int width)
{
        for (int k = width - 1; k >= 0; k--, v /= 10)
                p[k] = (char)('0' + v % 10);
        return p + width;
}

void timex_format_ymd(char *out, size_t size, int y, int m, int d, int h)
{
        char *p = out;

        if (size < (h >= 0 ? 21u : 11u) || y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99 || h > 99) {
                if (h >= 0)
                        snprintf(out, size, "%04d-%02d-%02dT%02d:00:00Z", y, m, d, h);
                else
                        snprintf(out, size, "%04d-%02d-%02d", y, m, d);
                return;
        }
        p = put_digits(p, y, 4);
        *p++ = '-';
        p = put_digits(p, m, 2);
        *p++ = '-';
        p = put_digits(p, d, 2);
        if (h >= 0) {
                *p++ = 'T';
                p = put_digits(p, h, 2);
                memcpy(p, ":00:00Z", 7);
                p += 7;
        }
        *p = '\0';
}

void timex_format_year(char *out, size_t size, int y)
{
        if (size < 5 || y < 0 || y > 9999) {
                snprintf(out, size, "%04d", y);
                return;
        }
        *put_digits(out, y, 4) = '\0';
}

void timex_format_ym(char *out, size_t size, int y, char sep, int m)
{
        char *p = out;

        if (size < (sep ? 9u : 8u) || y < 0 || y > 9999 || m < 0 || m > 99) {
                if (sep)
                        snprintf(out, size, "%04d-%c%02d", y, sep, m);
                else
                        snprintf(out, size, "%04d-%02d", y, m);
                return;
        }
        p = put_digits(p, y, 4);
        *p++ = '-';
        if (sep)
                *p++ = sep;
        p = put_digits(p, m, 2);
        *p = '\0';
}
