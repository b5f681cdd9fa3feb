/* Tests of time expressions (timex.c with calendar.c): finding them with the
 * patterns of events/timex.txt and resolving them against the document date.
 * Their bounds and the rules file's loading are in test_timex_load.c. The DCT
 * is Monday 2024-09-02 unless a test says otherwise. */
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

static void test_timex_weekday_of_a_named_week(void **state)
{
        /* the Thursday of the week after the DCT's (Monday 2024-09-02), whatever the tense */
        expect_one("She will attend the meeting on Thursday next week.", DCT, true, "2024-09-12", "Thursday next week");
        expect_one("He met them on Friday last week.", DCT, false, "2024-08-30", "Friday last week");
        expect_one("They meet on Sunday this week.", DCT, false, "2024-09-08", "Sunday this week");
}

static void test_timex_since_month_year(void **state)
{
        expect_one("He has been wanted since March 2023 for deportations.", DCT, false, "2023-03", "since March 2023");
}

/* "the second half of October", "in late May", "early 2025": the month or
 * year, as precise as TIMEX3 writes a part of one. */
static void test_timex_part_of_a_month_or_year(void **state)
{
        (void)state;
        expect_one("The group will meet in Termez in the second half of October.", DCT, true, "2024-10",
                   "the second half of October");
        expect_one("The shutdown was imposed in late May 2024 after attacks.", DCT, false, "2024-05", "late May 2024");
        expect_one("Tariffs were raised in early 2023 on steel.", DCT, false, "2023", "early 2023");
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

static void test_timex_scheduled_for_a_month(void **state)
{
        /* "scheduled for November": the month a plan is set for */
        expect_one("The summit is scheduled for November.", DCT, true, "2024-11", "for November");
        expect_one("A third round is scheduled for March.", DCT, true, "2025-03", "for March");
        expect_one("The vote was set for March 2023.", DCT, false, "2023-03", "for March 2023");
        /* a day written after the month is still the day */
        expect_one("The next round is scheduled for September 10 in Rome.", DCT, true, "2024-09-10",
                   "for September 10");
        expect_one("The next round is scheduled for 10 September.", DCT, true, "2024-09-10", "for 10 September");
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
        /* nor its parts: "next year" in "by the end of next year" */
        assert_int_equal(find("agreed to finalise the deal by the end of next year", DCT, false, m, MAX_MATCHES), 0);
        assert_int_equal(find("to halve losses by June", DCT, false, m, MAX_MATCHES), 0);
        assert_int_equal(find("to reopen it by the end of the month", DCT, false, m, MAX_MATCHES), 0);
        assert_int_equal(find("to convene a meeting before the end of March 2026", DCT, false, m, MAX_MATCHES), 0);
        assert_int_equal(find("which the bloc aims to sign before the end of the year", DCT, false, m, MAX_MATCHES), 0);
}

/* "On the morning of 20 August": a date with its part of day. */
static void test_timex_part_of_a_date(void **state)
{
        expect_one("On the morning of 20 August, he laid a wreath.", DCT, false, "2024-08-20TMO",
                   "the morning of 20 August");
        expect_one("on the evening of March 3, 2024", DCT, false, "2024-03-03TEV", "the evening of March 3, 2024");
}

/* "at the end of the month", "later this month": the month told. */
static void test_timex_end_of_the_month(void **state)
{
        expect_one("He is due to travel to Aden at the end of the month.", DCT, true, "2024-09",
                   "at the end of the month");
        expect_one("The vote is expected later this month.", DCT, true, "2024-09", "later this month");
        expect_one("It will be ready at the end of the year.", DCT, true, "2024", "at the end of the year");
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

/* "two years ago": the DCT moved back by the number of units, as precise as
 * the unit: a year, a month, an ISO week or a day. */
static void test_timex_units_ago(void **state)
{
        expect_one("Saudi Arabia pledged two years ago to invest", DCT, false, "2022", "two years ago");
        expect_one("they met three days ago", DCT, false, "2024-08-30", "three days ago");
        expect_one("they met a week ago", DCT, false, "2024-W35", "a week ago");
        expect_one("they met two months ago", DCT, false, "2024-07", "two months ago");
        expect_one("they met 10 years ago", DCT, false, "2014", "10 years ago");
}

/* "on that day", "the same day": the day of the event told before. */
static void test_timex_that_day_is_the_event_before(void **state)
{
        struct timex_match m = expect_one("they will sign it on that day", DCT, true, "2024-09-02", "on that day");

        assert_int_equal(m.anchor, TIMEX_ANCHOR_PREVIOUS);
        m = expect_one("a Korean firm announced the same day that", DCT, false, "2024-09-02", "the same day");
        assert_int_equal(m.anchor, TIMEX_ANCHOR_PREVIOUS);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_timex_units_ago),
                cmocka_unit_test(test_timex_part_of_a_month_or_year),
                cmocka_unit_test(test_timex_that_day_is_the_event_before),
                cmocka_unit_test(test_timex_weekday_evening),
                cmocka_unit_test(test_timex_weekday_evening_day_after),
                cmocka_unit_test(test_timex_last_week),
                cmocka_unit_test(test_timex_weekday_of_a_named_week),
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
                cmocka_unit_test(test_timex_scheduled_for_a_month),
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
                cmocka_unit_test(test_timex_scheduled_words),
                cmocka_unit_test(test_timex_day_ranges),
                cmocka_unit_test(test_timex_days_from_the_event_before),
                cmocka_unit_test(test_timex_deadline_is_no_time),
                cmocka_unit_test(test_timex_part_of_a_date),
                cmocka_unit_test(test_timex_end_of_the_month),
                cmocka_unit_test(test_timex_ahead_of_an_occasion),
                cmocka_unit_test(test_timex_ahead_of_no_occasion),
                cmocka_unit_test(test_timex_day_range_backwards_is_not_one),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
