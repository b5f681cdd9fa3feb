/* Tests of the time rules' loading (timex_load.c) and of the values' RFC 3339
 * bounds and date parts (timex.c): errors in a rules file, small files of
 * their own, ties between patterns. The DCT is Monday 2024-09-02. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers/timex_fixture.h"

static void test_timex_bounds_part_of_day(void **state)
{
        expect_bounds("2024-09-02TEV", "2024-09-02T18:00:00Z", "2024-09-03T00:00:00Z");
        expect_bounds("2024-09-01TMO", "2024-09-01T06:00:00Z", "2024-09-01T12:00:00Z");
}

static void test_timex_bounds_day(void **state)
{
        expect_bounds("2024-09-02", "2024-09-02T00:00:00Z", "2024-09-03T00:00:00Z");
        expect_bounds("2024-12-31", "2024-12-31T00:00:00Z", "2025-01-01T00:00:00Z");
}

static void test_timex_bounds_week(void **state)
{
        expect_bounds("2024-W35", "2024-08-26T00:00:00Z", "2024-09-02T00:00:00Z");
        /* week 1 of 2025 starts in 2024 */
        expect_bounds("2025-W01", "2024-12-30T00:00:00Z", "2025-01-06T00:00:00Z");
}

static void test_timex_bounds_season(void **state)
{
        expect_bounds("2023-SP", "2023-03-01T00:00:00Z", "2023-06-01T00:00:00Z");
        /* winter runs into the next year */
        expect_bounds("2023-WI", "2023-12-01T00:00:00Z", "2024-03-01T00:00:00Z");
}

static void test_timex_bounds_month(void **state)
{
        expect_bounds("2024-12", "2024-12-01T00:00:00Z", "2025-01-01T00:00:00Z");
        expect_bounds("2024-02", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z");
}

static void test_timex_bounds_year(void **state)
{
        expect_bounds("2023", "2023-01-01T00:00:00Z", "2024-01-01T00:00:00Z");
}

static void test_timex_bounds_none(void **state)
{
        expect_bounds("P20Y", "", "");
        expect_bounds("PAST_REF", "", "");
        expect_bounds("FUTURE_REF", "", "");
        expect_bounds("2024-02-30", "", "");
        expect_bounds("2024-13", "", "");
        expect_bounds("2024-XX", "", "");
        expect_bounds("", "", "");
}

static void test_timex_date_part(void **state)
{
        char out[11];

        timex_date_part("2024-09-02TEV", out);
        assert_string_equal(out, "2024-09-02");
        timex_date_part("2024-09-02", out);
        assert_string_equal(out, "2024-09-02");
        timex_date_part("2024-W35", out);
        assert_string_equal(out, "");
        timex_date_part("2024-09", out);
        assert_string_equal(out, "");
        timex_date_part("P20Y", out);
        assert_string_equal(out, "");
        timex_date_part("PAST_REF", out);
        assert_string_equal(out, "");
}

/* Writes text to a new temporary file whose name is left in path. */
static void write_temp(char path[64], const char *text)
{
        int fd;

        snprintf(path, 64, "/tmp/herald-timex-XXXXXX");
        fd = mkstemp(path);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, text, strlen(text)), strlen(text));
        close(fd);
}

/* Loads text as a rules file that must fail at `line` with a message containing `what`. */
static void expect_load_error(const char *text, unsigned line, const char *what)
{
        struct timex_rules *r = NULL;
        struct parse_error err = { 0 };
        char path[64];
        int ret;

        write_temp(path, text);
        ret = timex_rules_load(path, &r, &err);
        unlink(path);
        assert_int_equal(ret, -EINVAL);
        assert_null(r);
        assert_string_equal(err.file, path);
        assert_int_equal(err.line, line);
        assert_non_null(strstr(err.message, what));
}

static void test_timex_load_unknown_operator(void **state)
{
        expect_load_error("# rules\n"
                          "[weekdays]\n"
                          "monday = 1\n"
                          "\n"
                          "[patterns]\n"
                          "yesterday = days -1\n"
                          "<weekday> = fortnightly\n",
                          7, "unknown operator 'fortnightly'");
}

static void test_timex_load_spaced_alternatives(void **state)
{
        expect_load_error("[patterns]\n"
                          "# alternatives must be written without spaces\n"
                          "during the trip|visit = previous\n"
                          "after the trip | visit = previous\n",
                          4, "trip|visit");
}

static void test_timex_load_missing_offset(void **state)
{
        expect_load_error("[patterns]\nyesterday = days\n", 2, "needs an offset");
}

static void test_timex_load_unknown_slot(void **state)
{
        expect_load_error("[patterns]\n\nin <decade> = year\n", 3, "unknown slot '<decade>'");
}

static void test_timex_load_bad_number(void **state)
{
        expect_load_error("[weekdays]\nmonday = 1\ntuesday = two\n", 3, "not a number");
}

static void test_timex_load_unknown_section(void **state)
{
        expect_load_error("[weekdays]\nmonday = 1\n[holidays]\nchristmas = 12-25\n", 4, "unknown section");
}

/* Loads text as a rules file that must be good. */
static struct timex_rules *load_temp(const char *text)
{
        struct timex_rules *r = NULL;
        struct parse_error err = { 0 };
        char path[64];
        int ret;

        write_temp(path, text);
        ret = timex_rules_load(path, &r, &err);
        unlink(path);
        assert_int_equal(ret, 0);
        return r;
}

/* The value of the single expression rules r find in text, DCT 2024-09-02; the
 * rules are freed before asserting. */
static void expect_value_with(struct timex_rules *r, const char *text, const char *value, const char *want_expr)
{
        struct timex_context ctx = { 2024, 9, 2, false };
        struct timex_match m[2];
        char got[32] = "", got_expr[256] = "";
        size_t n;

        assert_int_equal(token_split(text, strlen(text), &tl), 0);
        n = timex_find(r, &tl, text, &ctx, m, 2);
        if (n == 1) {
                snprintf(got, sizeof(got), "%s", m[0].value);
                snprintf(got_expr, sizeof(got_expr), "%s", expr(text, &m[0]));
        }
        timex_rules_free(r);
        assert_int_equal(n, 1);
        assert_string_equal(got, value);
        assert_string_equal(got_expr, want_expr);
}

static void test_timex_tie_goes_to_first_written(void **state)
{
        /* a slot pattern and a literal one of the same length: the first written wins */
        expect_value_with(load_temp("[weekdays]\nfriday = 5\n[patterns]\n<weekday> = weekday\nfriday = days 1\n"),
                          "on Friday", "2024-08-30", "Friday");
        expect_value_with(load_temp("[weekdays]\nfriday = 5\n[patterns]\nfriday = days 1\n<weekday> = weekday\n"),
                          "on Friday", "2024-09-03", "Friday");
}

static void test_timex_longest_wins(void **state)
{
        expect_value_with(load_temp("[weekdays]\nfriday = 5\n[patterns]\n<weekday> = weekday\n"
                                    "friday night = days 1\n"),
                          "on Friday night", "2024-09-03", "Friday night");
        /* a longer match that does not resolve gives way to a shorter one */
        expect_value_with(load_temp("[months]\nfebruary = 2\n[patterns]\n<month> <year> = month\n"
                                    "<day> <month> <year> = date\n"),
                          "on 30 February 2024", "2024-02", "February 2024");
}

static void test_timex_load_small_file(void **state)
{
        const char *text = "[weekdays]\nfriday = 5\n[patterns]\n<weekday> = weekday\n";
        struct timex_context ctx = { 2024, 9, 2, false };
        struct timex_rules *r = NULL;
        struct parse_error err = { 0 };
        struct timex_match m[2];
        char path[64];
        int ret;

        write_temp(path, text);
        ret = timex_rules_load(path, &r, &err);
        unlink(path);
        assert_int_equal(ret, 0);
        assert_int_equal(token_split("on Friday, not yesterday", 24, &tl), 0);
        assert_int_equal(timex_find(r, &tl, "on Friday, not yesterday", &ctx, m, 2), 1);
        assert_string_equal(m[0].value, "2024-08-30");
        timex_rules_free(r);
}

static void test_timex_load_scheduled_needs_words(void **state)
{
        expect_load_error("[scheduled]\nopens = yes\n", 2, "words = a | b");
        expect_load_error("[occasions]\n\nsummit = 1\n", 3, "words = a | b' in [occasions]");
}

static void test_timex_load_missing_file(void **state)
{
        struct timex_rules *r = NULL;
        struct parse_error err = { 0 };

        assert_int_equal(timex_rules_load("/nonexistent/herald/timex.txt", &r, &err), -ENOENT);
        assert_null(r);
        timex_rules_free(NULL);
}

/* [clause-openers]: the words after which a time expression is another clause's. */
static void test_timex_load_clause_openers(void **state)
{
        struct timex_rules *r = load_temp("[clause-openers]\nwords = who | which\n");

        assert_true(timex_opens_clause(r, "who"));
        assert_true(timex_opens_clause(r, "which"));
        assert_false(timex_opens_clause(r, "visit"));
        timex_rules_free(r);
        assert_true(timex_opens_clause(rules, "that"));
        expect_load_error("[clause-openers]\nwho = 1\n", 2, "words = a | b' in [clause-openers]");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_timex_load_clause_openers),
                cmocka_unit_test(test_timex_bounds_part_of_day),
                cmocka_unit_test(test_timex_bounds_day),
                cmocka_unit_test(test_timex_bounds_week),
                cmocka_unit_test(test_timex_bounds_season),
                cmocka_unit_test(test_timex_bounds_month),
                cmocka_unit_test(test_timex_bounds_year),
                cmocka_unit_test(test_timex_bounds_none),
                cmocka_unit_test(test_timex_date_part),
                cmocka_unit_test(test_timex_load_unknown_operator),
                cmocka_unit_test(test_timex_load_spaced_alternatives),
                cmocka_unit_test(test_timex_load_missing_offset),
                cmocka_unit_test(test_timex_load_unknown_slot),
                cmocka_unit_test(test_timex_load_bad_number),
                cmocka_unit_test(test_timex_load_unknown_section),
                cmocka_unit_test(test_timex_tie_goes_to_first_written),
                cmocka_unit_test(test_timex_longest_wins),
                cmocka_unit_test(test_timex_load_small_file),
                cmocka_unit_test(test_timex_load_missing_file),
                cmocka_unit_test(test_timex_load_scheduled_needs_words),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
