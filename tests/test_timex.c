/* Tests of time expressions (timex.c with calendar.c): finding them with the
 * patterns of events/timex.txt, resolving them against the document date, their
 * RFC 3339 bounds, and errors in a rules file. The DCT is Monday 2024-09-02
 * unless a test says otherwise. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "timex.h"
#include "token.h"

#define DCT         "2024-09-02"
#define MAX_MATCHES 8

static struct timex_rules *rules;
static struct token_list tl;

static int setup(void **state)
{
        struct parse_error err = { 0 };

        return timex_rules_load(HERALD_DATA_DIR "/timex.txt", &rules, &err);
}

static int teardown(void **state)
{
        timex_rules_free(rules);
        token_list_done(&tl);
        return 0;
}

/* Finds the time expressions of text against the DCT "YYYY-MM-DD". */
static size_t find(const char *text, const char *dct, bool future, struct timex_match *out, size_t max)
{
        struct timex_context ctx = { .future = future };

        assert_int_equal(sscanf(dct, "%d-%d-%d", &ctx.year, &ctx.month, &ctx.day), 3);
        assert_int_equal(token_split(text, strlen(text), &tl), 0);
        return timex_find(rules, &tl, text, &ctx, out, max);
}

/* The bytes of text a match covers. */
static const char *expr(const char *text, const struct timex_match *m)
{
        static char buf[256];

        assert_true(m->start <= m->end && m->end <= strlen(text));
        snprintf(buf, sizeof(buf), "%.*s", (int)(m->end - m->start), text + m->start);
        return buf;
}

/* Asserts that text holds exactly one time expression, `want_expr`, whose value is `value`. */
static struct timex_match expect_one(const char *text, const char *dct, bool future, const char *value,
                                     const char *want_expr)
{
        struct timex_match m[MAX_MATCHES];
        size_t n = find(text, dct, future, m, MAX_MATCHES);

        assert_int_equal(n, 1);
        assert_string_equal(m[0].value, value);
        assert_string_equal(expr(text, &m[0]), want_expr);
        return m[0];
}

static void expect_bounds(const char *value, const char *start, const char *end)
{
        char s[32], e[32];

        timex_bounds(rules, value, s, e);
        assert_string_equal(s, start);
        assert_string_equal(e, end);
}

static void test_timex_weekday_evening(void **state)
{
        const char *text = "Putin arrived in Mongolia on Monday evening for an official visit.";
        struct timex_match m = expect_one(text, DCT, false, "2024-09-02TEV", "Monday evening");

        assert_int_equal(m.start, 29);
        assert_int_equal(m.end, 43);
        assert_int_equal(m.tok_start, 5);
        assert_int_equal(m.tok_end, 7);
        assert_string_equal(m.mod, "");
        assert_int_equal(m.anchor, TIMEX_ANCHOR_NONE);
}

static void test_timex_weekday_evening_day_after(void **state)
{
        /* a story dated the Tuesday still means the Monday */
        expect_one("Putin arrived on Monday evening.", "2024-09-03", false, "2024-09-02TEV", "Monday evening");
}

static void test_timex_last_week(void **state)
{
        expect_one("Last week, the ICC recalled its obligations.", DCT, false, "2024-W35", "Last week");
}

static void test_timex_last_week_iso_year(void **state)
{
        /* 2024-12-26 is in week 52 of 2024, not of 2025 */
        expect_one("Last week, the ICC recalled its obligations.", "2025-01-02", false, "2024-W52", "Last week");
}

static void test_timex_this_week_iso_year(void **state)
{
        /* Monday 2024-12-30 starts week 1 of 2025 */
        expect_one("This week he travels.", "2024-12-30", false, "2025-W01", "This week");
}

static void test_timex_since_month_year(void **state)
{
        expect_one("He has been wanted since March 2023 for deportations.", DCT, false, "2023-03", "since March 2023");
}

static void test_timex_season_of_year(void **state)
{
        expect_one("Macron visited there briefly in the spring of 2023.", DCT, false, "2023-SP",
                   "in the spring of 2023");
}

static void test_timex_last_year(void **state)
{
        expect_one("Germany indicated last year that it wanted more.", DCT, false, "2023", "last year");
}

static void test_timex_duration_approx(void **state)
{
        struct timex_match m = expect_one("He has celebrated it regularly for about twenty years, media say.", DCT,
                                          false, "P20Y", "for about twenty years");

        assert_string_equal(m.mod, "APPROX");
}

static void test_timex_duration_exact(void **state)
{
        struct timex_match m = expect_one("They talked for two hours.", DCT, false, "PT2H", "for two hours");

        assert_string_equal(m.mod, "");
        expect_one("He ruled for 12 years.", DCT, false, "P12Y", "for 12 years");
}

static void test_timex_anniversary(void **state)
{
        expect_one("The visit coincides with the 85th anniversary of the victory.", DCT, false, "2024",
                   "85th anniversary");
}

static void test_timex_day_month_year(void **state)
{
        expect_one("Putin landed on 2 September 2024.", DCT, false, "2024-09-02", "2 September 2024");
}

static void test_timex_month_day(void **state)
{
        expect_one("The warrant was issued on March 17.", DCT, false, "2024-03-17", "March 17");
}

static void test_timex_month_day_comma_year(void **state)
{
        expect_one("The warrant was issued on March 17, 2023.", DCT, false, "2023-03-17", "March 17, 2023");
}

static void test_timex_weekday_past(void **state)
{
        struct timex_match m = expect_one("They met on Friday.", DCT, false, "2024-08-30", "Friday");

        assert_int_equal(m.start, 12);
        assert_int_equal(m.end, 18);
}

static void test_timex_weekday_future(void **state)
{
        expect_one("They will meet on Friday.", DCT, true, "2024-09-06", "Friday");
}

/* A month without a year: the DCT's, unless the clause is in the future and the
 * month (or day) is already past. */
static void test_timex_month_without_year(void **state)
{
        expect_one("They met in June.", DCT, false, "2024-06", "in June");
        expect_one("They will meet in June.", DCT, true, "2025-06", "in June");
        expect_one("They will meet in December.", DCT, true, "2024-12", "in December");
        expect_one("They will meet on 17 March.", DCT, true, "2025-03-17", "17 March");
        expect_one("They will meet on 1 September.", DCT, true, "2025-09-01", "1 September");
        expect_one("They will meet on 2 September.", DCT, true, "2024-09-02", "2 September");
        expect_one("They will meet in September.", DCT, true, "2024-09", "in September");
}

static void test_timex_weekday_same_day(void **state)
{
        expect_one("They met on Monday.", DCT, false, "2024-09-02", "Monday");
        expect_one("They will meet on Monday.", DCT, true, "2024-09-02", "Monday");
}

static void test_timex_yesterday(void **state)
{
        expect_one("He left yesterday.", DCT, false, "2024-09-01", "yesterday");
        /* across a month and a year */
        expect_one("He left yesterday.", "2024-01-01", false, "2023-12-31", "yesterday");
}

static void test_timex_next_month(void **state)
{
        expect_one("Talks resume next month.", DCT, false, "2024-10", "next month");
        expect_one("Talks resume next month.", "2024-12-15", false, "2025-01", "next month");
}

static void test_timex_last_month_across_year(void **state)
{
        expect_one("Talks stalled last month.", "2025-01-10", false, "2024-12", "last month");
}

static void test_timex_in_year(void **state)
{
        expect_one("The pipeline was planned in 2010.", DCT, false, "2010", "in 2010");
}

static void test_timex_last_named_month(void **state)
{
        expect_one("He visited last October.", "2025-07-02", false, "2024-10", "last October");
        expect_one("He visited last October.", "2024-11-05", false, "2024-10", "last October");
        expect_one("He visited last March.", "2025-07-02", false, "2025-03", "last March");
}

static void test_timex_next_named_month(void **state)
{
        expect_one("He will visit next March.", DCT, true, "2025-03", "next March");
        expect_one("He will visit next October.", DCT, true, "2024-10", "next October");
}

static void test_timex_named_event(void **state)
{
        expect_one("Russia has faced sanctions since the invasion of Ukraine.", DCT, false, "2022-02",
                   "since the invasion of Ukraine");
        /* the longest event name wins */
        expect_one("Prices rose after the Russian invasion of Ukraine.", DCT, false, "2022-02",
                   "after the Russian invasion of Ukraine");
}

static void test_timex_immediately_is_anchored(void **state)
{
        struct timex_match m = expect_one("kyiv immediately reacted angrily.", DCT, false, "2024-09-02", "immediately");

        assert_int_equal(m.anchor, TIMEX_ANCHOR_PREVIOUS);
        assert_int_equal(m.start, 5);
        assert_int_equal(m.end, 16);
}

static void test_timex_past_ref(void **state)
{
        struct timex_match m =
                expect_one("Ahead of the trip, Putin gave an interview.", DCT, false, "PAST_REF", "Ahead of the trip");

        assert_int_equal(m.anchor, TIMEX_ANCHOR_NONE);
}

static void test_timex_none(void **state)
{
        struct timex_match m[MAX_MATCHES];

        assert_int_equal(find("Putin met the Mongolian president at the airport.", DCT, false, m, MAX_MATCHES), 0);
        assert_int_equal(find("", DCT, false, m, MAX_MATCHES), 0);
}

static void test_timex_several_in_order(void **state)
{
        const char *text = "Putin arrived on Monday evening and left yesterday.";
        struct timex_match m[MAX_MATCHES];

        assert_int_equal(find(text, DCT, false, m, MAX_MATCHES), 2);
        assert_string_equal(m[0].value, "2024-09-02TEV");
        assert_string_equal(expr(text, &m[0]), "Monday evening");
        assert_string_equal(m[1].value, "2024-09-01");
        assert_string_equal(expr(text, &m[1]), "yesterday");
        assert_int_equal(m[1].start, 41);
        assert_int_equal(m[1].end, 50);
        /* at most max are stored */
        assert_int_equal(find(text, DCT, false, m, 1), 1);
        assert_string_equal(m[0].value, "2024-09-02TEV");
}

static void test_timex_february_30_not_a_date(void **state)
{
        struct timex_match m[MAX_MATCHES];

        assert_int_equal(find("It was signed on 30 February.", DCT, false, m, MAX_MATCHES), 0);
        assert_int_equal(find("It was signed on February 30.", DCT, false, m, MAX_MATCHES), 0);
        /* only the month is left */
        expect_one("It was signed on 30 February 2024.", DCT, false, "2024-02", "February 2024");
}

static void test_timex_february_29(void **state)
{
        struct timex_match m[MAX_MATCHES];

        expect_one("It was signed on February 29.", "2024-06-01", false, "2024-02-29", "February 29");
        assert_int_equal(find("It was signed on February 29.", "2023-06-01", false, m, MAX_MATCHES), 0);
}

/* "last winter" in September 2024 is the winter that is over, 2023-WI (December
 * 2023 to March 2024), not the one to come. */
static void test_timex_last_winter(void **state)
{
        expect_one("It was cold last winter.", DCT, false, "2023-WI", "last winter");
}

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
        char got[32] = "", got_expr[64] = "";
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

/* A range of days: the first day is the value, the last is kept apart. */
static void expect_range(const char *text, const char *value, const char *last, const char *want_expr)
{
        struct timex_match m = expect_one(text, DCT, false, value, want_expr);

        assert_string_equal(m.last, last);
}

static void test_timex_day_ranges(void **state)
{
        expect_range("met on March 3-4", "2024-03-03", "2024-03-04", "March 3-4");
        expect_range("met on 3-4 March 2023", "2023-03-03", "2023-03-04", "3-4 March 2023");
        expect_range("met from 3 to 5 March", "2024-03-03", "2024-03-05", "3 to 5 March");
        expect_range("met on 3\xe2\x80\x93" "4 March", "2024-03-03", "2024-03-04", "3\xe2\x80\x93" "4 March");
        expect_range("met from March 3 to 5, 2023", "2023-03-03", "2023-03-05", "March 3 to 5, 2023");
        expect_range("from 30 March to 2 April", "2024-03-30", "2024-04-02", "30 March to 2 April");
        expect_range("from December 30 to January 2", "2024-12-30", "2025-01-02", "December 30 to January 2");
        expect_range("met on 3 March", "2024-03-03", "", "3 March");
}

static void test_timex_day_range_backwards_is_not_one(void **state)
{
        struct timex_match m[MAX_MATCHES];

        assert_int_equal(find("on 4-3 March", DCT, false, m, MAX_MATCHES), 0);
        expect_one("from 5 to 3 March", DCT, false, "2024-03-03", "3 March");
}

/* "ahead of" any occasion of [occasions], named as the data lets it be: before
 * it, PAST_REF, or FUTURE_REF in a future clause. */
static void test_timex_ahead_of_an_occasion(void **state)
{
        expect_one("Ahead of the trip, he gave an interview", DCT, false, "PAST_REF", "Ahead of the trip");
        expect_one("they met ahead of the NATO summit", DCT, false, "PAST_REF", "ahead of the NATO summit");
        expect_one("they met ahead of Friday's vote", DCT, false, "PAST_REF", "ahead of Friday's vote");
        expect_one("they met ahead of her visit", DCT, false, "PAST_REF", "ahead of her visit");
        expect_one("they will meet ahead of the summit", DCT, true, "FUTURE_REF", "ahead of the summit");
}

static void test_timex_ahead_of_no_occasion(void **state)
{
        struct timex_match m[MAX_MATCHES];

        assert_int_equal(find("the work is ahead of schedule", DCT, false, m, MAX_MATCHES), 0);
}

/* "two days earlier": the day of the event before, moved; not the DCT's. */
static void test_timex_days_from_the_event_before(void **state)
{
        struct timex_match m = expect_one("he had arrived two days earlier", DCT, false, "2024-08-31",
                                          "two days earlier");

        assert_int_equal(m.anchor, TIMEX_ANCHOR_PREVIOUS);
        assert_int_equal(m.shift_days, -2);
        m = expect_one("they met again a week later", DCT, false, "2024-09-09", "a week later");
        assert_int_equal(m.shift_days, 7);
        m = expect_one("she left the next day", DCT, false, "2024-09-03", "the next day");
        assert_int_equal(m.shift_days, 1);
}

/* A deadline is not the time of the event told. */
static void test_timex_deadline_is_no_time(void **state)
{
        struct timex_match m[MAX_MATCHES];

        assert_int_equal(find("he wants to double investment by 2030", DCT, false, m, MAX_MATCHES), 0);
}

/* [scheduled]: the present tense of a plan, one or more words. */
static void test_timex_scheduled_words(void **state)
{
        const char *text = "The summit opens on Friday and talks are due to resume.";

        assert_int_equal(token_split(text, strlen(text), &tl), 0);
        assert_true(timex_scheduled_in(rules, &tl, text, 0, tl.n));
        assert_true(timex_scheduled_in(rules, &tl, text, 2, 3));   /* "opens" */
        assert_false(timex_scheduled_in(rules, &tl, text, 3, 7));  /* "on Friday and talks" */
        assert_true(timex_scheduled_in(rules, &tl, text, 7, 9));   /* "are due" */
        assert_false(timex_scheduled_in(rules, &tl, text, 7, 8));  /* "are" alone */
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

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_timex_weekday_evening),
                cmocka_unit_test(test_timex_weekday_evening_day_after),
                cmocka_unit_test(test_timex_last_week),
                cmocka_unit_test(test_timex_last_week_iso_year),
                cmocka_unit_test(test_timex_this_week_iso_year),
                cmocka_unit_test(test_timex_since_month_year),
                cmocka_unit_test(test_timex_season_of_year),
                cmocka_unit_test(test_timex_last_year),
                cmocka_unit_test(test_timex_duration_approx),
                cmocka_unit_test(test_timex_duration_exact),
                cmocka_unit_test(test_timex_anniversary),
                cmocka_unit_test(test_timex_day_month_year),
                cmocka_unit_test(test_timex_month_day),
                cmocka_unit_test(test_timex_month_day_comma_year),
                cmocka_unit_test(test_timex_weekday_past),
                cmocka_unit_test(test_timex_weekday_future),
                cmocka_unit_test(test_timex_month_without_year),
                cmocka_unit_test(test_timex_weekday_same_day),
                cmocka_unit_test(test_timex_yesterday),
                cmocka_unit_test(test_timex_next_month),
                cmocka_unit_test(test_timex_last_month_across_year),
                cmocka_unit_test(test_timex_in_year),
                cmocka_unit_test(test_timex_last_named_month),
                cmocka_unit_test(test_timex_next_named_month),
                cmocka_unit_test(test_timex_named_event),
                cmocka_unit_test(test_timex_immediately_is_anchored),
                cmocka_unit_test(test_timex_past_ref),
                cmocka_unit_test(test_timex_none),
                cmocka_unit_test(test_timex_several_in_order),
                cmocka_unit_test(test_timex_february_30_not_a_date),
                cmocka_unit_test(test_timex_february_29),
                cmocka_unit_test(test_timex_last_winter),
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
                cmocka_unit_test(test_timex_scheduled_words),
                cmocka_unit_test(test_timex_day_ranges),
                cmocka_unit_test(test_timex_days_from_the_event_before),
                cmocka_unit_test(test_timex_deadline_is_no_time),
                cmocka_unit_test(test_timex_ahead_of_an_occasion),
                cmocka_unit_test(test_timex_ahead_of_no_occasion),
                cmocka_unit_test(test_timex_day_range_backwards_is_not_one),
                cmocka_unit_test(test_timex_load_scheduled_needs_words),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
