/* Tests of the event-time policy (when.c, when_story.c) on the ways official
 * texts and follow-on sentences tell time: how precise an inherited time stays,
 * the day a communiqué's items are of, a deadline that dates nothing. Small
 * articles coded with the real codebook in events/, document date Monday
 * 2024-09-02 unless a test says. */
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

/* The next paragraph keeps the part of day only when a pronoun goes on with
 * the same telling; a speaker named again takes the day alone. */
static void test_when_named_again_drops_the_part_of_day(void **state)
{
        struct extraction x;
        struct article *a = code("Foreign Minister Ivan Petrenko told reporters in Kyiv on Saturday afternoon that the "
                                 "government would study the ruling.\n\n"
                                 "Mr. Petrenko accused Russia of spreading lies.\n\n"
                                 "Foreign Minister Ivan Petrenko told reporters in Kyiv on Sunday evening that the "
                                 "talks had failed.\n\n"
                                 "He accused Russia of spreading lies.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "accusation"), "2024-08-31");
        assert_string_equal(when_of(&x, 4, "accusation"), "2024-09-01TEV");
        done(a, &x);
}

/* A communiqué's items told in the simple past are of the meeting's day, its
 * first when it spans several, not of the day it is issued. */
static void test_when_communique_items_take_the_meeting_day(void **state)
{
        struct extraction x;
        struct article *a = code_on("2027-02-26",
                                    "The meeting of the Conference of Heads of Government took place on 24-25 February "
                                    "2027 in Basseterre.\n\n"
                                    "The Heads of Government condemned the trafficking of firearms into Haiti.",
                                    &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "criticism"), "2027-02-24");
        done(a, &x);
}

/* A communiqué's items told in the present ("Condemns", "calls on") are of
 * the meeting its lead tells, not of the day it is signed off. */
static void test_when_communique_present_items_take_the_meeting_day(void **state)
{
        struct extraction x;
        struct article *a = code("COMMUNIQUE - The Peace and Security Council of the African Union, at its 1290th "
                                 "meeting held on 30 August 2024, on the situation in Chad:\n"
                                 "1. Condemns in the strongest terms the attacks on civilians.\n"
                                 "2. The Council calls on all parties to cease hostilities.\n"
                                 "Addis Ababa, 1 September 2024",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "criticism"), "2024-08-30");
        assert_string_equal(when_of(&x, 3, "appeal"), "2024-08-30");
        done(a, &x);
}

/* "the 61st anniversary" names the occasion's year; the day told in the
 * clause is the event's. */
static void test_when_day_before_an_anniversary(void **state)
{
        struct extraction x;
        struct article *a = code_on("2026-07-26",
                                    "President Ahmed Zahir on Sunday evening addressed the nation at the official "
                                    "ceremony marking the 61st anniversary of Independence.",
                                    &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "commemoration"), "2026-07-26TEV");
        done(a, &x);
}

/* "invited him to pay a state visit in 2027": the infinitive is the planned
 * visit coded, so its time is the plan's. */
static void test_when_invitation_takes_the_visit_time(void **state)
{
        struct extraction x;
        struct article *a = code_on("2026-08-20",
                                    "President Villanueva invited President Luong Van Khai to pay a state visit to the "
                                    "Philippines in 2027.",
                                    &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "planned_visit"), "2027");
        done(a, &x);
}

/* "condemns the strikes earlier this week": a week or month begun before the
 * document date, after a trigger in the simple present, dates the object;
 * the condemnation is of the day it is told. */
static void test_when_present_condemnation_of_a_past_week(void **state)
{
        struct extraction x;
        struct article *a = code_on("2026-05-14",
                                    "The Republic of Moldova condemns the attacks on Odesa earlier this week.\n\n"
                                    "The Republic of Moldova condemns the attacks on Izmail last month.",
                                    &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "criticism"), "2026-05-14");
        assert_string_equal(when_of(&x, 2, "criticism"), "2026-05-14");
        done(a, &x);
}

/* ", and he has repeatedly urged": a clause with a subject of its own after
 * ", and" does not take the time told before it; one sharing the subject may. */
static void test_when_own_subject_after_and(void **state)
{
        struct extraction x;
        struct article *a = code("The High Commissioner raised the detentions with Houthi representatives in Muscat "
                                 "last week, and he has repeatedly urged Oman to press for their release.\n\n"
                                 "The Philippine Coast Guard said yesterday that a Chinese vessel rammed a boat near "
                                 "Thitu Island, and accused China of dangerous maneuvers.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "appeal"), "PAST_REF");
        assert_string_equal(when_of(&x, 2, "accusation"), "2024-09-01");
        done(a, &x);
}

/* A plan told for this month ("at the end of the month") is still ahead: the
 * planned event told after it is part of it. */
static void test_when_plan_for_this_month_reaches_the_next_sentence(void **state)
{
        struct extraction x;
        struct article *a = code_on("2027-03-12",
                                    "The High Commissioner is due to travel to Aden at the end of the month. There, he "
                                    "will meet Prime Minister Salem bin Awad.",
                                    &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "talks"), "2027-03");
        done(a, &x);
}

/* "Earlier in the day" is the story's day, not that of the flashback told
 * just before it, and without the lead's part of day. */
static void test_when_earlier_in_the_day_is_the_story_day(void **state)
{
        struct extraction x;
        struct article *a = code_on("2026-07-26",
                                    "President Ahmed Zahir on Sunday evening addressed the nation at the official "
                                    "ceremony marking the 61st anniversary of Independence.\n\n"
                                    "The President announced that the government had signed an agreement with Saudi "
                                    "Arabia on Thursday to finance a new terminal.\n\n"
                                    "Earlier in the day, the President laid a wreath at the Martyrs Monument.",
                                    &x);

        (void)state;
        assert_string_equal(when_of(&x, 3, "commemoration"), "2026-07-26");
        done(a, &x);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_when_named_again_drops_the_part_of_day),
                cmocka_unit_test(test_when_communique_items_take_the_meeting_day),
                cmocka_unit_test(test_when_communique_present_items_take_the_meeting_day),
                cmocka_unit_test(test_when_day_before_an_anniversary),
                cmocka_unit_test(test_when_invitation_takes_the_visit_time),
                cmocka_unit_test(test_when_present_condemnation_of_a_past_week),
                cmocka_unit_test(test_when_own_subject_after_and),
                cmocka_unit_test(test_when_plan_for_this_month_reaches_the_next_sentence),
                cmocka_unit_test(test_when_earlier_in_the_day_is_the_story_day),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
