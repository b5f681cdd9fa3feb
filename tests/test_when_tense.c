/* Tests of the event-time policy (when.c, when_clause.c, when_story.c) where
 * the clause decides: its tense (which year a month with none written is of,
 * which way a weekday looks, a saying's day), which clause a time is of, and
 * the story's lead day (test_when.c holds the rest). Small articles coded with
 * the real codebook in events/, document date Monday 2024-09-02. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "codebook.h"
#include "event.h"
#include "extract.h"
#include "helpers/coding.h"

/* The time value of the first event of `kind` in paragraph p, or "(none)". */
static const char *when_of(const struct extraction *x, unsigned p, const char *kind)
{
        for (size_t i = 0; i < x->n; i++)
                if (x->v[i].paragraph == p && strcmp(x->v[i].rule->kind, kind) == 0)
                        return x->v[i].when_value;
        return "(none)";
}

/* A noun trigger has no tense of its own: the verb it is the object of tells
 * it ("paid a state visit ... in November", told in September, is last
 * November; "will pay a visit in November" is this one). A reporting verb
 * is not it: "said the next round of talks would be held in November". */
static void test_when_past_month_of_a_noun_trigger(void **state)
{
        struct extraction x;
        struct article *a = code("Estonian President Alar Kivi paid a state visit to Finland in November.\n\n"
                                 "Estonian President Alar Kivi will pay a state visit to Finland in November.\n\n"
                                 "Hungary said the next round of talks with Poland would be held in November.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "visit"), "2023-11");
        assert_string_equal(when_of(&x, 2, "planned_visit"), "2024-11");
        assert_string_equal(when_of(&x, 3, "talks"), "2024-11");
        done(a, &x);
}

/* A relative clause between commas does not end the plan's clause: the
 * weekday after it looks forwards with "is due to" before it. */
static void test_when_plan_reads_past_a_relative_clause(void **state)
{
        struct extraction x;
        struct article *a = code("Polish President Anna Nowak is due to visit Lithuania, where American troops are "
                                 "stationed, on Wednesday.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "planned_visit"), "2024-09-04");
        done(a, &x);
}

/* A threat is the saying: with no time of its own it is of the day it is
 * said (the story's day), though what it says is still to come; a sanction
 * said to come is still to come (FUTURE_REF). */
static void test_when_threat_is_of_the_day_said(void **state)
{
        struct extraction x;
        struct article *a = code("Germany imposed sanctions on Poland on Saturday.\n\n"
                                 "Polish Foreign Minister Jan Kowalski said Poland would respond with mirror measures "
                                 "against German companies.\n\n"
                                 "Austria said it would impose sanctions on Hungary.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "threat"), "2024-08-31");
        assert_string_equal(when_of(&x, 3, "sanction"), "FUTURE_REF");
        done(a, &x);
}

/* A planned event with no time of its own is part of the plan told just
 * before it ("will visit on Friday." then "she is expected to hold talks"),
 * not FUTURE_REF; with another occasion told in between, it is FUTURE_REF. */
static void test_when_plan_dates_what_it_plans(void **state)
{
        struct extraction x;
        struct article *a = code("Polish President Anna Nowak will visit Lithuania on Friday.\n\n"
                                 "In Vilnius she is expected to hold talks with Lithuanian President Jonas Kazlauskas "
                                 "on regional security.",
                                 &x);
        struct extraction y;
        struct article *b = code("Polish President Anna Nowak will visit Lithuania on Friday.\n\n"
                                 "Germany imposed sanctions on Hungary on Saturday.\n\n"
                                 "In Vilnius she is expected to hold talks with Lithuanian President Jonas Kazlauskas "
                                 "on regional security.",
                                 &y);

        (void)state;
        assert_string_equal(when_of(&x, 2, "talks"), "2024-09-06");
        assert_string_equal(when_of(&y, 3, "talks"), "FUTURE_REF");
        done(a, &x);
        done(b, &y);
}

/* A time inside a saying verb's complement, after that clause's own verb
 * ("said troops had crossed the border on Saturday"), is not the time of a
 * saying coordinated with the first ("and warned that"): that one is of the
 * day it was said. */
static void test_when_reported_time_is_not_the_next_saying(void **state)
{
        struct extraction x;
        struct article *a = code("Polish government spokesman Jan Kowalski said German troops had crossed the border "
                                 "twice on Saturday and warned that Poland would defend every metre of its land.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "threat"), "2024-09-02");
        done(a, &x);
}

/* "the first by a head of state since 2019": a time after "since" that
 * measures a "first" is not the time of the event it qualifies. */
static void test_when_first_since_is_not_the_event_time(void **state)
{
        struct extraction x;
        struct article *a = code("Polish President Anna Nowak arrived in Vilnius on Friday for talks with Lithuanian "
                                 "President Jonas Kazlauskas.\n\n"
                                 "Nowak's visit to Lithuania was the first by a Polish head of state since 2019.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "visit"), "2024-08-30");
        done(a, &x);
}

/* ", and" with a subject of its own opens another clause: its time is not
 * the earlier clause's ("visited Latvia last year, and Scholz received ... in
 * January"). */
static void test_when_coordinate_clause_has_its_own_time(void **state)
{
        struct extraction x;
        struct article *a = code("Members of the Polish parliament visited Lithuania and Latvia last year, and "
                                 "Chancellor Olaf Scholz received Lithuanian President Jonas Kazlauskas in Berlin in "
                                 "January.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "visit"), "2023");
        assert_string_equal(when_of(&x, 1, "reception"), "2024-01");
        done(a, &x);
}

/* The lead's day ("gathered in Warsaw on Saturday"), with no event coded
 * from it, is still the story's: a reaction told after it in the simple past
 * is of that day, not of the document date. A dateline's date is no lead. */
static void test_when_lead_day_is_the_story_day(void **state)
{
        struct extraction x;
        struct article *a = code("WARSAW, Sept 2 (PAP) - The ministers gathered in Warsaw on Saturday for their "
                                 "annual session.\n\n"
                                 "The council condemned the strikes on Syrian territory.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "criticism"), "2024-08-31");
        done(a, &x);
}

/* "welcomes the decision ... and calls on": the second verb after "and" is
 * told in the present too, so it is of the document date, not the story's day. */
static void test_when_second_present_verb_is_the_document_date(void **state)
{
        struct extraction x;
        struct article *a = code("The ministers gathered in Warsaw on Saturday for their annual session.\n\n"
                                 "The Ministry welcomes the decision of the Secretary-General to open an "
                                 "investigation into the attack, and calls on all parties to cooperate fully.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "appeal"), "2024-09-02");
        done(a, &x);
}

/* A noun trigger, the object of a verb in the simple past ("witnessed the
 * signing of an agreement"), is told in the simple past: of the story's day,
 * not PAST_REF. */
static void test_when_object_of_simple_past_is_the_story_day(void **state)
{
        struct extraction x;
        struct article *a = code("Germany imposed sanctions on Hungary on Saturday.\n\n"
                                 "The two leaders witnessed the signing of an agreement on energy between Poland and "
                                 "Lithuania.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "agreement"), "2024-08-31");
        done(a, &x);
}

/* An event over four weeks before the document date is background, counted
 * from each article's own date: the same sentence, coded under two dates in
 * turn (the limit is kept per date, not per process), is background under the
 * later one only, then not again under the earlier. */
static void test_when_background_counts_from_each_articles_date(void **state)
{
        static const char *const dates[] = { "2024-09-02", "2024-10-15", "2024-09-02" };
        static const enum modality want[] = { MODALITY_ASSERTED, MODALITY_BACKGROUND, MODALITY_ASSERTED };

        (void)state;
        for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
                struct extraction x;
                struct article *a = code_on(dates[i], "Emmanuel Macron visited Germany on 1 September 2024.", &x);
                const struct extract_event *v = find(&x, "visit");

                assert_non_null(v);
                assert_string_equal(v->when_value, "2024-09-01");
                assert_int_equal(v->modality, want[i]);
                done(a, &x);
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_when_past_month_of_a_noun_trigger),
                cmocka_unit_test(test_when_plan_reads_past_a_relative_clause),
                cmocka_unit_test(test_when_threat_is_of_the_day_said),
                cmocka_unit_test(test_when_plan_dates_what_it_plans),
                cmocka_unit_test(test_when_reported_time_is_not_the_next_saying),
                cmocka_unit_test(test_when_first_since_is_not_the_event_time),
                cmocka_unit_test(test_when_coordinate_clause_has_its_own_time),
                cmocka_unit_test(test_when_lead_day_is_the_story_day),
                cmocka_unit_test(test_when_second_present_verb_is_the_document_date),
                cmocka_unit_test(test_when_object_of_simple_past_is_the_story_day),
                cmocka_unit_test(test_when_background_counts_from_each_articles_date),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
