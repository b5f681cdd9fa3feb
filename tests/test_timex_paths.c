/* The time matcher's paths of session 8 held to what they replaced, on every
 * line of every article in the repository and on each article read as one long
 * sentence (past the tokens answered up front): timex_find() (each token's
 * answers found once, literals compared by number, only the patterns a token
 * can start tried) against every pattern tried at every token with the slot
 * matcher, in the past and in the future; timex_date_part() and timex_bounds()
 * (a plain day read without the scans) against the scanning code they had, on
 * every value found and on generated values, odd ones included;
 * timex_opens_clause_at() (by the token's hash) against timex_opens_clause();
 * timex_find_tensed()'s "no tense read" against timex_find() in the other tense.
 * Session 10: a list is tried only when the next token is one of its
 * patterns' second elements (slot or literal number), checked here the same way;
 * timex_bounds()'s memo and timex_day()/timex_day_cmp() against what they replace.
 * timex.c is compiled into this test to reach its static functions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers/article_files.h"

#include "calendar.h"
#include "timex.c"

/* ---- timex_find as specified: every pattern at every token ---- */

static size_t old_find(const struct timex_rules *r, const struct token_list *tl, const char *text,
                       const struct timex_context *ctx, struct timex_match *out, size_t max)
{
        size_t n = 0;

        for (size_t i = 0; i < tl->n && n < max;) {
                struct timex_match t = { 0 };
                size_t best = 0;

                for (size_t k = 0; k < r->n_patterns; k++) {
                        struct capture c;
                        struct timex_match cand = { 0 };
                        size_t end = match_pattern(r, &r->patterns[k], tl, text, i, &c);

                        /* k rises: a tie stays with the pattern written first */
                        if (end > best && timex_resolve(&r->patterns[k], &c, ctx, &cand)) {
                                best = end;
                                t = cand;
                        }
                }
                if (!best) {
                        i++;
                        continue;
                }
                t.tok_start = i;
                t.tok_end = best;
                t.start = tl->v[i].start;
                t.end = tl->v[best - 1].end;
                if (t.value[0])
                        out[n++] = t;
                i = best;
        }
        return n;
}

/* ---- the value readers as they were (session 7) ---- */

static void old_date_part(const char *value, char out[11])
{
        int y, m, d, n;

        out[0] = '\0';
        if (strlen(value) >= 10 && timex_scan_ymd(value, &y, &m, &d, &n) && value[4] == '-' && value[7] == '-')
                timex_format_ymd(out, 11, y, m, d, -1);
}

static bool old_date_valid(int y, int m, int d)
{
        int yy, mm, dd;

        if (m < 1 || m > 12 || d < 1 || d > 31)
                return false;
        calendar_civil(calendar_days(y, m, d), &yy, &mm, &dd);
        return yy == y && mm == m && dd == d;
}

static void old_format_instant(long days, int hour, char out[32])
{
        int y, m, d;

        days += hour / 24;
        calendar_civil(days, &y, &m, &d);
        if (hour % 24 < 0)
                snprintf(out, 32, "%04d-%02d-%02dT%02d:00:00Z", y, m, d, hour % 24);
        else
                timex_format_ymd(out, 32, y, m, d, hour % 24);
}

static const struct span *old_span_by_code(const struct timex_rules *r, const char *code)
{
        for (size_t i = 0; i < r->n_spans; i++)
                if (strcmp(r->spans[i].code, code) == 0)
                        return &r->spans[i];
        return NULL;
}

static bool old_season_bounds(const struct span *s, int y, long *from, long *to)
{
        int last = s->to <= s->from ? s->to + 12 : s->to;

        if (s->from < 1 || s->from > 12 || last > 24)
                return false;
        *from = calendar_days(y, s->from, 1);
        *to = calendar_days(y + (last - 1) / 12, (last - 1) % 12 + 1, 1);
        return true;
}

static void old_bounds(const struct timex_rules *r, const char *value, char start[32], char end[32])
{
        int y, m, d, n = 0;
        char code[4] = "";
        long from, to;
        const struct span *s;

        start[0] = end[0] = '\0';
        if (timex_scan_ymd_part(value, &y, &m, &d, code, &n) && !value[n] && (s = old_span_by_code(r, code)) &&
            old_date_valid(y, m, d)) {
                old_format_instant(calendar_days(y, m, d), s->from, start);
                old_format_instant(calendar_days(y, m, d), s->to, end);
                return;
        }
        if (timex_scan_ymd(value, &y, &m, &d, &n) && !value[n] && old_date_valid(y, m, d))
                from = calendar_days(y, m, d), to = from + 1;
        else if (timex_scan_week(value, &y, &m, &n) && !value[n] && m >= 1 && m <= 53)
                from = calendar_iso_week_start(y, m), to = from + 7;
        else if (timex_scan_ym(value, &y, &m, &n) && !value[n] && m >= 1 && m <= 12)
                from = calendar_days(y, m, 1), to = calendar_days(y + m / 12, m % 12 + 1, 1);
        else if (timex_scan_ycode(value, &y, code, &n) && !value[n] && (s = old_span_by_code(r, code)) &&
                 old_season_bounds(s, y, &from, &to))
                ;
        else if (timex_scan_y(value, &y, &n) && n == 4 && !value[n])
                from = calendar_days(y, 1, 1), to = calendar_days(y + 1, 1, 1);
        else
                return;
        old_format_instant(from, 0, start);
        old_format_instant(to, 0, end);
}

struct seen {
        const struct timex_rules *r;
        size_t sentences, found, long_ones, values, openers, tenseless, tensed;
};

static int sign(int v)
{
        return (v > 0) - (v < 0);
}

/* timex_day() against timex_date_part()'s day, and timex_day_cmp() against
 * strcmp() of that day with days around it and odd strings. */
static void check_day(const char *value, const char *part)
{
        static const char *const others[] = { "", "2", "2024", "2024-09-01", "2024-09-02", "2024-09-03",
                                              "2024-09-02T", "2024-09-02TAF", "1999-12-31", "9999-12-31x", "~" };
        char buf[11];
        const char *day = timex_day(value, buf);

        if (strncmp(day, part, 10) != 0 || (part[0] && strnlen(day, 10) != 10))
                fail_msg("timex_day('%s'): '%.10s', timex_date_part() '%s'", value, day, part);
        if (!part[0])
                return;
        for (size_t i = 0; i <= sizeof(others) / sizeof(others[0]); i++) {
                char s[32] = ""; /* a day's buffer: 10 bytes readable */

                strncpy(s, i < sizeof(others) / sizeof(others[0]) ? others[i] : value, sizeof(s) - 1);
                if (sign(timex_day_cmp(day, s)) != sign(strcmp(part, s)))
                        fail_msg("timex_day_cmp('%s', '%s'): %d", part, s, timex_day_cmp(day, s));
        }
}

static void check_value(struct seen *s, const char *value)
{
        char a[11], b[11], as[32], ae[32], bs[32], be[32];

        timex_date_part(value, a);
        old_date_part(value, b);
        if (strcmp(a, b) != 0)
                fail_msg("timex_date_part('%s'): '%s', was '%s'", value, a, b);
        check_day(value, a);
        timex_bounds(s->r, value, as, ae);
        old_bounds(s->r, value, bs, be);
        if (strcmp(as, bs) != 0 || strcmp(ae, be) != 0)
                fail_msg("timex_bounds('%s'): '%s' '%s', was '%s' '%s'", value, as, ae, bs, be);
        s->values++;
}

static void check_tokens(struct seen *s, const struct token_list *tl, const char *text, bool future)
{
        struct timex_context ctx = { .year = 2024, .month = 9, .day = 2, .future = future };
        struct timex_match a[16], b[16];
        size_t na = timex_find(s->r, tl, text, &ctx, a, 16), nb = old_find(s->r, tl, text, &ctx, b, 16);

        if (na != nb)
                fail_msg("%zu time expressions in '%.80s', were %zu", na, text, nb);
        for (size_t i = 0; i < na; i++) {
                if (a[i].tok_start != b[i].tok_start || a[i].tok_end != b[i].tok_end || a[i].start != b[i].start ||
                    a[i].end != b[i].end || strcmp(a[i].value, b[i].value) || strcmp(a[i].mod, b[i].mod) ||
                    strcmp(a[i].last, b[i].last) || a[i].anchor != b[i].anchor || a[i].shift_days != b[i].shift_days)
                        fail_msg("'%s' at %zu in '%.80s', was '%s' at %zu", a[i].value, a[i].tok_start, text,
                                 b[i].value, b[i].tok_start);
                check_value(s, a[i].value);
                check_value(s, a[i].last);
        }
        s->found += na;
}

/* timex_find_tensed(): a sentence it says read no tense finds the same times
 * in the other tense (when_find() then resolves it once). */
static void check_tense(struct seen *s, const struct token_list *tl, const char *text, bool future)
{
        struct timex_context ctx = { .year = 2024, .month = 9, .day = 2, .future = future };
        struct timex_match a[16], b[16];
        bool tense_read;
        size_t na = timex_find_tensed(s->r, tl, text, &ctx, a, 16, &tense_read), nb;

        assert_int_equal(na, timex_find(s->r, tl, text, &ctx, b, 16));
        if (tense_read) {
                s->tensed++;
                return;
        }
        ctx.future = !future;
        nb = timex_find(s->r, tl, text, &ctx, b, 16);
        if (na != nb)
                fail_msg("%zu time expressions in '%.80s' read as tenseless, %zu in the other tense", na, text, nb);
        for (size_t i = 0; i < na; i++)
                if (a[i].tok_start != b[i].tok_start || a[i].tok_end != b[i].tok_end || strcmp(a[i].value, b[i].value) ||
                    strcmp(a[i].mod, b[i].mod) || strcmp(a[i].last, b[i].last) || a[i].anchor != b[i].anchor ||
                    a[i].shift_days != b[i].shift_days)
                        fail_msg("'%s' in '%.80s' read as tenseless, '%s' in the other tense", a[i].value, text,
                                 b[i].value);
        s->tenseless += na > 0;
}

static void check_text(struct seen *s, const char *text)
{
        struct token_list tl = { 0 };

        assert_int_equal(token_split(text, strlen(text), &tl), 0);
        for (size_t i = 0; i < tl.n; i++) {
                bool opens = timex_opens_clause(s->r, token_norm(&tl, i));

                assert_int_equal(timex_opens_clause_at(s->r, &tl, i), opens);
                s->openers += opens;
        }
        check_tokens(s, &tl, text, false);
        check_tokens(s, &tl, text, true);
        check_tense(s, &tl, text, false);
        check_tense(s, &tl, text, true);
        s->sentences++;
        s->long_ones += tl.n > TIMEX_TOKENS;
        token_list_done(&tl);
}

static void check_file(struct seen *s, const char *path)
{
        FILE *f = fopen(path, "r");
        char line[65536], *all = NULL;
        size_t len = 0;

        assert_non_null(f);
        while (fgets(line, sizeof(line), f)) {
                size_t n = strlen(line);

                check_text(s, line);
                assert_non_null(all = realloc(all, len + n + 1));
                memcpy(all + len, line, n + 1);
                len += n;
        }
        fclose(f);
        if (all)
                check_text(s, all); /* the whole article as one sentence: most run past TIMEX_TOKENS */
        free(all);
}

static void check_path(const char *path, void *s)
{
        check_file(s, path);
}

static void check_dir(struct seen *s, const char *dir)
{
        each_article_file(dir, check_path, s);
}

static void test_find_as_every_pattern_everywhere(void **state)
{
        static const char *const extra[] = {
                "Talks were held on 3-4 March 2024, then on March 30 to April 2 and the day after.",
                "Since the invasion of Ukraine, two years ago, for about three weeks, in the coming days",
                "AHEAD OF THE G20 SUMMIT ON THURSDAY NEXT WEEK, BY THE END OF THE YEAR, IN THE SPRING OF 2025",
                "on 31 February, on 3rd May, May . 5 , 2024, 1st-2nd, 5-3 May, 12-14 mid 2020 late June",
        };
        struct timex_rules *r = NULL;
        struct parse_error err = { 0 };
        struct seen s = { 0 };

        (void)state;
        assert_int_equal(timex_rules_load(HERALD_DATA_DIR "/timex.txt", &r, &err), 0);
        s.r = r;
        check_dir(&s, HERALD_SOURCE_DIR "/tests/blind");
        check_dir(&s, HERALD_SOURCE_DIR "/tests/golden/articles");
        check_dir(&s, HERALD_SOURCE_DIR "/events/articles");
        for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
                check_text(&s, extra[i]);
        assert_true(s.sentences > 1000);
        assert_true(s.found > 1000); /* the matchers found times: the comparison was not vacuous */
        assert_true(s.long_ones > 10);
        assert_true(s.openers > 100);
        assert_true(s.tenseless > 100 && s.tensed > 100); /* both answers were checked */
        timex_rules_free(r);
}

static void test_values_as_scanned(void **state)
{
        static const char *const odd[] = {
                "", "2024", "2024-09", "2024-9-2", " 2024-09-02", "+202-09-02", "-202-09-02", "2024-09-02T",
                "2024-09-02TMO", "2024-09-02TXX", "2024-09-02x", "2024-W35", "2024-W54", "2024-SP", "2024-WI",
                "20240902", "2024-13", "0000-00-00", "9999-12-31", "2024-0a-02", "2024-09-0", "P20Y", "PAST_REF",
                "2024-02-29", "2023-02-29", "2024-09-02TEV", "2024-09-02 ", "12024-09-02",
                /* the days and months counted on the text (session 9), at their year's and century's ends */
                "9999-12", "9999-11", "9999-12-30", "9999-11-30", "0000-12", "0000-02-29", "-004-02-29",
                "-100-02-29", "1900-02-29", "2100-02-29", "1600-02-29", "2000-02-29", "2024-12-31", "2024-09-",
                "2024-09x", "2024-9", "2024-00", "2024-1a", "1999-12", "1999-12-31",
        };
        struct timex_rules *r = NULL;
        struct parse_error err = { 0 };
        struct seen s = { 0 };
        char v[40];

        (void)state;
        assert_int_equal(timex_rules_load(HERALD_DATA_DIR "/timex.txt", &r, &err), 0);
        s.r = r;
        for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
                check_value(&s, odd[i]);
        for (int y = 0; y <= 9999; y += y < 2030 && y > 1990 ? 1 : 997)
                for (int m = 0; m <= 13; m++) {
                        snprintf(v, sizeof(v), "%04d-%02d", y, m);
                        check_value(&s, v);
                        for (int d = 0; d <= 32; d++) {
                                snprintf(v, sizeof(v), "%04d-%02d-%02d", y, m, d);
                                check_value(&s, v);
                                snprintf(v, sizeof(v), "%04d-%02d-%02dTAF", y, m, d);
                                check_value(&s, v);
                        }
                }
        assert_true(s.values > 10000);
        timex_rules_free(r);
}

/* timex_bounds()'s memo is keyed on the load: rules loaded after others were
 * freed (likely at the same address) answer with their own seasons. */
static void test_bounds_memo_per_load(void **state)
{
        static const char *const spring[] = { "spring = SP 3 6\n", "spring = SP 4 7\n" };
        char path[] = "/tmp/test_timex_paths.XXXXXX", start[2][32], end[32];

        (void)state;
        for (int k = 0; k < 2; k++) {
                struct timex_rules *r = NULL;
                struct parse_error err = { 0 };
                int fd = mkstemp(path);
                FILE *f = fdopen(fd, "w");

                assert_non_null(f);
                fprintf(f, "[seasons]\n%s[patterns]\n<season> <year> = season\n", spring[k]);
                fclose(f);
                assert_int_equal(timex_rules_load(path, &r, &err), 0);
                unlink(path);
                strcpy(path, "/tmp/test_timex_paths.XXXXXX");
                timex_bounds(r, "2024-SP", start[k], end);
                timex_rules_free(r);
        }
        assert_string_equal(start[0], "2024-03-01T00:00:00Z");
        assert_string_equal(start[1], "2024-04-01T00:00:00Z");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_find_as_every_pattern_everywhere),
                cmocka_unit_test(test_values_as_scanned),
                cmocka_unit_test(test_bounds_memo_per_load),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
