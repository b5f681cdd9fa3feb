/* Tests of the hand scanners of time values (timex_scan.c): each against the
 * sscanf or strtol call it replaced, on the edge cases by name and on many
 * generated strings, so matching and bounds stay byte-identical. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "timex_scan.h"

/* The old calls, the reference: true where every conversion was made. */
static bool old_range(const char *s, int *a, int *b, int *n)
{
        return sscanf(s, "%2d-%2d%n", a, b, n) == 2;
}

static bool old_ymd(const char *s, int *y, int *m, int *d, int *n)
{
        return sscanf(s, "%4d-%2d-%2d%n", y, m, d, n) == 3;
}

static bool old_ymd_part(const char *s, int *y, int *m, int *d, char code[4], int *n)
{
        return sscanf(s, "%4d-%2d-%2dT%3s%n", y, m, d, code, n) == 4;
}

static bool old_week(const char *s, int *y, int *w, int *n)
{
        return sscanf(s, "%4d-W%2d%n", y, w, n) == 2;
}

static bool old_ym(const char *s, int *y, int *m, int *n)
{
        return sscanf(s, "%4d-%2d%n", y, m, n) == 2;
}

static bool old_ycode(const char *s, int *y, char code[4], int *n)
{
        return sscanf(s, "%4d-%3[A-Z]%n", y, code, n) == 2;
}

static bool old_y(const char *s, int *y, int *n)
{
        return sscanf(s, "%4d%n", y, n) == 1;
}

/* timex.c's digit_ordinal before: strtol and a suffix. */
static int old_ordinal(const char *w)
{
        char *end;
        long v = strtol(w, &end, 10);

        if (end == w || v < 0 || v > 10000)
                return -1;
        if (strcmp(end, "st") && strcmp(end, "nd") && strcmp(end, "rd") && strcmp(end, "th"))
                return -1;
        return (int)v;
}

/* Every scanner on s, old and new: the same verdict, values and length. */
static void same_as_sscanf(const char *s)
{
        int a[3], b[3], na = -7, nb = -7;
        char ca[4] = "", cb[4] = "";
        bool oa, ob;
        const char *end;
        char *old_end;
        long lo = strtol(s, &old_end, 10), ln = timex_scan_long(s, &end);

        if (lo != ln || end != old_end)
                fail_msg("strtol \"%s\": %ld+%td, scan %ld+%td", s, lo, old_end - s, ln, end - s);
        if (old_ordinal(s) != timex_scan_ordinal(s))
                fail_msg("ordinal \"%s\": %d, scan %d", s, old_ordinal(s), timex_scan_ordinal(s));
#define SAME(call_old, call_new, check)                                                                       \
        do {                                                                                                  \
                na = nb = -7;                                                                                 \
                oa = call_old;                                                                                \
                ob = call_new;                                                                                \
                if (oa != ob || (oa && (na != nb || !(check))))                                               \
                        fail_msg("%s on \"%s\": sscanf %d n=%d, scan %d n=%d", #call_new, s, oa, na, ob, nb); \
        } while (0)
        SAME(old_range(s, &a[0], &a[1], &na), timex_scan_range(s, &b[0], &b[1], &nb), a[0] == b[0] && a[1] == b[1]);
        SAME(old_ymd(s, &a[0], &a[1], &a[2], &na), timex_scan_ymd(s, &b[0], &b[1], &b[2], &nb),
             !memcmp(a, b, sizeof(a)));
        SAME(old_ymd_part(s, &a[0], &a[1], &a[2], ca, &na), timex_scan_ymd_part(s, &b[0], &b[1], &b[2], cb, &nb),
             !memcmp(a, b, sizeof(a)) && !strcmp(ca, cb));
        SAME(old_week(s, &a[0], &a[1], &na), timex_scan_week(s, &b[0], &b[1], &nb), a[0] == b[0] && a[1] == b[1]);
        SAME(old_ym(s, &a[0], &a[1], &na), timex_scan_ym(s, &b[0], &b[1], &nb), a[0] == b[0] && a[1] == b[1]);
        SAME(old_ycode(s, &a[0], ca, &na), timex_scan_ycode(s, &b[0], cb, &nb), a[0] == b[0] && !strcmp(ca, cb));
        SAME(old_y(s, &a[0], &na), timex_scan_y(s, &b[0], &nb), a[0] == b[0]);
#undef SAME
}

static void test_scan_long(void **state)
{
        const char *end;

        (void)state;
        assert_int_equal(timex_scan_long("85th", &end), 85);
        assert_string_equal(end, "th");
        assert_int_equal(timex_scan_long("", &end), 0);
        assert_string_equal(end, "");
        assert_int_equal(timex_scan_long("th", &end), 0); /* no digits: end is the start */
        assert_string_equal(end, "th");
        assert_int_equal(timex_scan_long("-", &end), 0);
        assert_string_equal(end, "-");
        assert_int_equal(timex_scan_long(" +12x", &end), 12);
        assert_string_equal(end, "x");
        assert_int_equal(timex_scan_long("-0", &end), 0);
        assert_true(timex_scan_long("99999999999999999999999", &end) == LONG_MAX);
        assert_string_equal(end, "");
        assert_true(timex_scan_long("-99999999999999999999999", &end) == LONG_MIN);
        assert_true(timex_scan_long("9223372036854775807", &end) == LONG_MAX);
        assert_true(timex_scan_long("-9223372036854775808", &end) == LONG_MIN);
}

static void test_scan_ordinal(void **state)
{
        (void)state;
        assert_int_equal(timex_scan_ordinal("85th"), 85);
        assert_int_equal(timex_scan_ordinal("2nd"), 2);
        assert_int_equal(timex_scan_ordinal("1st"), 1);
        assert_int_equal(timex_scan_ordinal("3rd"), 3);
        assert_int_equal(timex_scan_ordinal("10000th"), 10000);
        assert_int_equal(timex_scan_ordinal("10001st"), -1);
        assert_int_equal(timex_scan_ordinal("99999999999999999999th"), -1); /* overflow */
        assert_int_equal(timex_scan_ordinal("-3rd"), -1);
        assert_int_equal(timex_scan_ordinal("-0th"), 0);
        assert_int_equal(timex_scan_ordinal("th"), -1);
        assert_int_equal(timex_scan_ordinal("3"), -1);
        assert_int_equal(timex_scan_ordinal("3thx"), -1);
        assert_int_equal(timex_scan_ordinal("3TH"), -1);
        assert_int_equal(timex_scan_ordinal(" 4th"), 4);
        assert_int_equal(timex_scan_ordinal(""), -1);
        assert_int_equal(timex_scan_ordinal("fourth"), -1);
}

static void test_scan_int_width(void **state)
{
        const char *p = "12345";
        int v;

        (void)state;
        assert_true(timex_scan_int(&p, 4, &v));
        assert_int_equal(v, 1234);
        assert_string_equal(p, "5");
        p = "-5-7"; /* the sign counts in the width */
        assert_true(timex_scan_int(&p, 2, &v));
        assert_int_equal(v, -5);
        assert_string_equal(p, "-7");
        p = "-";
        assert_false(timex_scan_int(&p, 2, &v));
        p = "+";
        assert_false(timex_scan_int(&p, 1, &v));
        p = "  7";  /* spaces do not count */
        assert_true(timex_scan_int(&p, 1, &v));
        assert_int_equal(v, 7);
        p = "x1";
        assert_false(timex_scan_int(&p, 4, &v));
        assert_string_equal(p, "x1");
}

static void test_scan_formats(void **state)
{
        int y, m, d, n;
        char code[4];

        (void)state;
        assert_true(timex_scan_ymd("2024-09-02", &y, &m, &d, &n));
        assert_int_equal(y * 10000 + m * 100 + d, 20240902);
        assert_int_equal(n, 10);
        assert_true(timex_scan_ymd("2024-09-02TEV", &y, &m, &d, &n));
        assert_int_equal(n, 10);
        assert_false(timex_scan_ymd("2024-09", &y, &m, &d, &n));
        assert_false(timex_scan_ymd("2024-x9-02", &y, &m, &d, &n));
        assert_true(timex_scan_ymd_part("2024-09-02TEV", &y, &m, &d, code, &n));
        assert_string_equal(code, "EV");
        assert_int_equal(n, 13);
        assert_true(timex_scan_ymd_part("2024-09-02TMORE", &y, &m, &d, code, &n));
        assert_string_equal(code, "MOR");
        assert_int_equal(n, 14);
        assert_false(timex_scan_ymd_part("2024-09-02T", &y, &m, &d, code, &n));
        assert_true(timex_scan_week("2024-W35", &y, &m, &n));
        assert_int_equal(m, 35);
        assert_false(timex_scan_week("2024-35", &y, &m, &n));
        assert_true(timex_scan_ym("2024-09", &y, &m, &n));
        assert_int_equal(n, 7);
        assert_true(timex_scan_ym("20245-09", &y, &m, &n) == false);
        assert_true(timex_scan_ycode("2024-SU", &y, code, &n));
        assert_string_equal(code, "SU");
        assert_false(timex_scan_ycode("2024-su", &y, code, &n));
        assert_true(timex_scan_y("2024", &y, &n));
        assert_int_equal(n, 4);
        assert_true(timex_scan_y("12345", &y, &n));
        assert_int_equal(y, 1234);
        assert_false(timex_scan_y("PAST_REF", &y, &n));
        assert_false(timex_scan_y("", &y, &n));
        assert_true(timex_scan_range("3-4", &y, &m, &n));
        assert_int_equal(y * 100 + m, 304);
        assert_true(timex_scan_range("+5-7", &y, &m, &n));
        assert_int_equal(y, 5);
        assert_false(timex_scan_range("3-", &y, &m, &n));
}

/* The named cases, then every string of up to four characters over the
 * characters that matter, then long random ones: the same as sscanf and strtol. */
static void test_scan_same_as_libc(void **state)
{
        static const char *named[] = { "", "2024", "2024-09", "2024-09-02", "2024-W35", "2024-W5", "2024-SU",
                                       "2024-09-02TMO", "2024-09-02TAF", "2024-09-02TEV", "2024-09-02TNI",
                                       "2024-09-02T EV", " 2024-9-2", "-202-1-1", "+2024-+9-+2", "2024--1",
                                       "12-13", "3-4", "03-04", "1-31", "123-4", "3 -4", "3- 4", "85th", "2nd", "3rd",
                                       "1st", "10000th", "-1st", " 4th", "4 th",
                                       "10001st", "-0th", "P2Y", "PT3H", "PAST_REF", "FUTURE_REF", "99999999999",
                                       "2024-09-02TABCD", "2024-ABCD", "9999-99-99", "0000-00-00", "\t1\n-\v2" };
        static const char alphabet[] = "0129-+ TWEVSth\tx";
        char s[32];
        unsigned seed = 12345;

        (void)state;
        for (size_t i = 0; i < sizeof(named) / sizeof(*named); i++)
                same_as_sscanf(named[i]);
        for (size_t len = 0; len <= 4; len++) {
                size_t k = sizeof(alphabet) - 1, total = 1;

                for (size_t j = 0; j < len; j++)
                        total *= k;
                for (size_t c = 0; c < total; c++) {
                        size_t x = c;

                        for (size_t j = 0; j < len; j++, x /= k)
                                s[j] = alphabet[x % k];
                        s[len] = '\0';
                        same_as_sscanf(s);
                }
        }
        /* a date, with each of its characters and the one after it changed */
        for (size_t at = 0; at <= 11; at++)
                for (size_t c = 0; c < sizeof(alphabet) - 1; c++) {
                        snprintf(s, sizeof(s), "2024-09-02%s", at == 11 ? "TEV" : "");
                        s[at < 10 ? at : 10] = alphabet[c];
                        if (at == 10)
                                s[11] = '\0';
                        same_as_sscanf(s);
                }
        for (int i = 0; i < 200000; i++) {
                size_t len;

                seed = seed * 1103515245u + 12345u;
                len = (seed >> 16) % 16;
                for (size_t j = 0; j < len; j++) {
                        seed = seed * 1103515245u + 12345u;
                        /* mostly digits and dashes, as dates are */
                        if ((seed >> 16) % 3)
                                s[j] = "0123456789--"[(seed >> 8) % 12];
                        else
                                s[j] = alphabet[(seed >> 8) % (sizeof(alphabet) - 1)];
                }
                s[len] = '\0';
                same_as_sscanf(s);
        }
}

/* One formatting, old and new, compared over the whole buffer. */
static void format_same(int y, int m, int d, int h, size_t size)
{
        char a[40], b[40];

        memset(a, 'x', sizeof(a));
        memset(b, 'x', sizeof(b));
        if (h >= 0)
                snprintf(a, size, "%04d-%02d-%02dT%02d:00:00Z", y, m, d, h);
        else
                snprintf(a, size, "%04d-%02d-%02d", y, m, d);
        timex_format_ymd(b, size, y, m, d, h);
        if (memcmp(a, b, sizeof(a)))
                fail_msg("%d %d %d %d size %zu: \"%.*s\" vs \"%.*s\"", y, m, d, h, size, (int)size, a, (int)size, b);
}

/* The formatter against snprintf: the fast path's edges and the fallback. */
static void test_format_same_as_snprintf(void **state)
{
        static const int ys[] = { 0, 1, 999, 1000, 2024, 9999, 10000, -1, -2024, INT_MAX, INT_MIN };
        static const int ms[] = { 0, 1, 9, 10, 12, 99, 100, -1, -10, INT_MIN };
        static const int hs[] = { -1, 0, 5, 23, 99, 100 };
        static const size_t sizes[] = { 0, 1, 5, 10, 11, 12, 20, 21, 32 };
        char b[40];

        (void)state;
        for (size_t yi = 0; yi < sizeof(ys) / sizeof(*ys); yi++)
                for (size_t mi = 0; mi < sizeof(ms) / sizeof(*ms); mi++)
                        for (size_t di = 0; di < sizeof(ms) / sizeof(*ms); di++)
                                for (size_t k = 0; k < sizeof(hs) / sizeof(*hs) * sizeof(sizes) / sizeof(*sizes); k++)
                                        format_same(ys[yi], ms[mi], ms[di], hs[k % 6], sizes[k / 6]);
        timex_format_ymd(b, 11, 2024, 9, 2, -1);
        assert_string_equal(b, "2024-09-02");
        timex_format_ymd(b, 32, 2024, 9, 2, 18);
        assert_string_equal(b, "2024-09-02T18:00:00Z");
}

/* A year, month or week formatted, old and new, compared over the whole
 * buffer (kind 0 "%04d", 1 "%04d-%02d", 2 "%04d-W%02d"). */
static void format_ym_same(int kind, int y, int m, size_t size)
{
        char a[40], b[40];

        memset(a, 'x', sizeof(a));
        memset(b, 'x', sizeof(b));
        if (kind == 0) {
                snprintf(a, size, "%04d", y);
                timex_format_year(b, size, y);
        } else if (kind == 1) {
                snprintf(a, size, "%04d-%02d", y, m);
                timex_format_ym(b, size, y, 0, m);
        } else {
                snprintf(a, size, "%04d-W%02d", y, m);
                timex_format_ym(b, size, y, 'W', m);
        }
        if (memcmp(a, b, sizeof(a)))
                fail_msg("kind %d %d %d size %zu: \"%.*s\" vs \"%.*s\"", kind, y, m, size, (int)size, a, (int)size, b);
}

static void test_format_ym_same_as_snprintf(void **state)
{
        static const int ys[] = { 0, 1, 999, 1000, 2024, 9999, 10000, -1, -2024, INT_MAX, INT_MIN };
        static const int ms[] = { 0, 1, 9, 10, 12, 53, 99, 100, -1, -10, INT_MIN, INT_MAX };
        static const size_t sizes[] = { 0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 32 };
        char b[40];

        (void)state;
        for (int kind = 0; kind < 3; kind++)
                for (size_t yi = 0; yi < sizeof(ys) / sizeof(*ys); yi++)
                        for (size_t mi = 0; mi < sizeof(ms) / sizeof(*ms); mi++)
                                for (size_t si = 0; si < sizeof(sizes) / sizeof(*sizes); si++)
                                        format_ym_same(kind, ys[yi], ms[mi], sizes[si]);
        timex_format_ym(b, 32, 2024, 'W', 5);
        assert_string_equal(b, "2024-W05");
        timex_format_ym(b, 32, 987, 0, 3);
        assert_string_equal(b, "0987-03");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_scan_long),
                cmocka_unit_test(test_scan_ordinal),
                cmocka_unit_test(test_scan_int_width),
                cmocka_unit_test(test_scan_formats),
                cmocka_unit_test(test_scan_same_as_libc),
                cmocka_unit_test(test_format_same_as_snprintf),
                cmocka_unit_test(test_format_ym_same_as_snprintf),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
