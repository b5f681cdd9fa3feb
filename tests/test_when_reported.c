/* Tests of which clause a time expression dates (when_clause.c, when.c) where a
 * sentence reports or reacts to something: a saying told after the report, an
 * object with a time of its own, a "during the visit". Small articles coded
 * with the real codebook in events/, document date Monday 2024-09-02 unless a
 * test says. */
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

/* "X called on ..., his spokesperson said on Monday": the saying closing the
 * sentence dates what it reports (reported = speaker), even past the
 * infinitive of the appeal; neither the story's earlier day nor the document
 * date does. */
static void test_when_saying_after_the_report_dates_it(void **state)
{
        struct extraction x;
        struct article *a = code_on("2024-09-03",
                                    "Germany imposed sanctions on Poland on Saturday.\n\n"
                                    "Germany held talks with Austria in Berlin on Saturday.\n\n"
                                    "Commission Chairperson Ivan Petrenko called on both governments to exercise "
                                    "restraint, his spokesperson said on Monday.\n\n"
                                    "Hungary condemned the decision as interference, its foreign ministry said on "
                                    "Sunday.",
                                    &x);

        (void)state;
        assert_string_equal(when_of(&x, 3, "appeal"), "2024-09-02");
        assert_string_equal(when_of(&x, 4, "criticism"), "2024-09-01");
        done(a, &x);
}

/* "During the talks" is the day of the talks the story leads with, not of
 * the arrival told just before it; "following the negotiations" likewise. A
 * plan's "during the visit" is the planned visit's day, told before it. */
static void test_when_during_the_talks_is_the_latest_day(void **state)
{
        struct extraction x;
        struct article *a = code_on("2024-09-04",
                                    "President Ivan Petrenko on Tuesday received the Prime Minister of Denmark, "
                                    "Kasper Lund.\n\n"
                                    "Lund arrived in Kyiv on Monday night.\n\n"
                                    "During the talks, the sides discussed expanding trade.\n\n"
                                    "Following the negotiations, the two governments signed an agreement on "
                                    "investment.\n\n"
                                    "Lund will visit Poland on Friday. During the visit, he will hold talks with "
                                    "the Polish president.",
                                    &x);

        (void)state;
        assert_string_equal(when_of(&x, 3, "talks"), "2024-09-03");
        assert_string_equal(when_of(&x, 4, "agreement"), "2024-09-03");
        assert_string_equal(when_of(&x, 5, "talks"), "2024-09-06");
        done(a, &x);
}

/* A reaction in the simple past is not dated by the week, month or year of
 * what it is about ("welcomed the decision last month", "concern at the
 * detention since January"): it keeps the story's day. One about a person or
 * a state is ("urged the authorities last month"), and a day dates the
 * reaction ("accused the troops on Thursday night of"). */
static void test_when_past_reaction_to_a_dated_thing(void **state)
{
        struct extraction x;
        struct article *a = code("Germany imposed sanctions on Poland on Saturday.\n\n"
                                 "Chancellor Olaf Scholz welcomed Hungary's decision last month to host a summit.\n\n"
                                 "The European Union urged the authorities last month to set a date for the vote.\n\n"
                                 "Thailand's army accused Cambodian troops on Thursday night of laying new landmines.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "statement"), "2024-08-31");
        assert_string_equal(when_of(&x, 3, "appeal"), "2024-08");
        assert_string_equal(when_of(&x, 4, "accusation"), "2024-08-29TNI");
        done(a, &x);
}

/* "welcomes the agreement reached last week ..., and calls on": the time is
 * in the object of the welcome coordinated before the appeal, which is of the
 * day it is told. */
static void test_when_coordinated_reaction_to_a_dated_thing(void **state)
{
        struct extraction x;
        struct article *a = code("Germany imposed sanctions on Poland on Saturday.\n\n"
                                 "The Secretary-General welcomes the agreement reached last week between the "
                                 "government and the opposition, and calls on all parties to implement it in full.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "appeal"), "2024-09-02");
        done(a, &x);
}

/* "We reaffirm ... and welcome the resumption of negotiations earlier this
 * month": the welcome is told in the present of the verb it is coordinated
 * with, and is of the day it is told, not of the negotiations' month. */
static void test_when_coordinated_base_form_is_present(void **state)
{
        struct extraction x;
        struct article *a = code("We reaffirm our commitment to the territorial integrity and sovereignty of Ukraine "
                                 "and welcome the resumption of negotiations in Geneva earlier this month.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "statement"), "2024-09-02");
        done(a, &x);
}

/* "the judges found that ... and directed it to report within six months":
 * the finding is coded as a plan for what it directs, but is told in the
 * simple past: it is of the story's day, not FUTURE_REF. */
static void test_when_past_finding_with_a_plan_is_of_the_story_day(void **state)
{
        struct extraction x;
        struct article *a =
                code("The International Court of Justice ruled on Saturday that Azerbaijan had violated "
                     "the convention.\n\n"
                     "By 13 votes to two, the judges found that Azerbaijan had failed to comply with "
                     "provisional measures, and directed it to report within six months on the steps taken.",
                     &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "court_finding"), "2024-08-31");
        done(a, &x);
}

/* ", whose father was killed in 1991": a relative clause opened by "whose"
 * (read as a determiner) has a time of its own, not the reaction's. */
static void test_when_whose_clause_has_its_own_time(void **state)
{
        struct extraction x;
        struct article *a = code("Germany imposed sanctions on Poland on Saturday.\n\n"
                                 "Germany condemned Jan Kowalski, whose party won the election in 2019.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "criticism"), "2024-08-31");
        done(a, &x);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_when_saying_after_the_report_dates_it),
                cmocka_unit_test(test_when_during_the_talks_is_the_latest_day),
                cmocka_unit_test(test_when_past_reaction_to_a_dated_thing),
                cmocka_unit_test(test_when_coordinated_reaction_to_a_dated_thing),
                cmocka_unit_test(test_when_coordinated_base_form_is_present),
                cmocka_unit_test(test_when_past_finding_with_a_plan_is_of_the_story_day),
                cmocka_unit_test(test_when_whose_clause_has_its_own_time),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
