/* Tests of the event-time policy (when.c): which time an event takes when it has
 * none of its own, and which way a time expression looks; and how the coder
 * reads the sentences cut from a quotation. Small articles coded with the real
 * codebook in events/, document date Monday 2024-09-02 unless a test says. */
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

/* kinds.md: an undated event of the same occasion (its paragraph) takes the
 * occasion's time, as precise as written. */
static void test_when_paragraph_occasion(void **state)
{
        struct extraction x;
        struct article *a = code("Foreign Minister Ivan Petrenko told reporters in Vienna on Saturday morning that "
                                 "the talks had failed. Germany condemned the decision.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "criticism"), "2024-08-31TMO");
        done(a, &x);
}

/* The same reaction: a party to a dated event (here its target) keeps that day
 * in a later paragraph. */
static void test_when_party_keeps_its_day(void **state)
{
        struct extraction x;
        struct article *a = code("Germany held talks with Poland in Berlin on Saturday.\n\n"
                                 "Poland condemned the decision.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "criticism"), "2024-08-31");
        done(a, &x);
}

/* Another party's undated event told in the perfect is PAST_REF: not the day of
 * the event told before it, nor the document date. */
static void test_when_unrelated_perfect_is_past_ref(void **state)
{
        struct extraction x;
        struct article *a = code("Germany held talks with Poland in Berlin on Saturday.\n\n"
                                 "Hungary has signed an agreement with Austria.\n\n"
                                 "Austria had accused Hungary of blocking aid.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "agreement"), "PAST_REF");
        assert_string_equal(when_of(&x, 3, "accusation"), "PAST_REF");
        done(a, &x);
}

/* A reaction told in the simple past with no time of its own is of the story's
 * day (kinds.md rule 2, the same reaction): the latest day up to the document
 * date that an event was told for, not the day of the event told just before
 * it (Thursday) nor PAST_REF. */
static void test_when_simple_past_reaction_takes_the_story_day(void **state)
{
        struct extraction x;
        struct article *a = code("Germany imposed sanctions on Poland on Saturday. "
                                 "Germany had held talks with Poland on Thursday.\n\n"
                                 "Austria condemned the sanctions.\n\n"
                                 "Hungary urged Germany to lift them.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "criticism"), "2024-08-31");
        assert_string_equal(when_of(&x, 3, "appeal"), "2024-08-31");
        done(a, &x);
}

/* Told in the first person present ("we deplore", "we urge"): as of the
 * document date, not the day of the event before. */
static void test_when_first_person_present_is_the_document_date(void **state)
{
        struct extraction x;
        struct article *a = code("Germany imposed sanctions on Poland on Saturday.\n\n"
                                 "We condemn the sanctions against Poland.\n\n"
                                 "We urge Germany to lift them.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "criticism"), "2024-09-02");
        assert_string_equal(when_of(&x, 3, "appeal"), "2024-09-02");
        done(a, &x);
}

/* Another voice of the same state is not the same speaker: its reaction is of
 * the story's day, not of the day that state's minister was told for. */
static void test_when_same_state_is_not_the_same_speaker(void **state)
{
        struct extraction x;
        struct article *a = code("Polish Foreign Minister Anna Nowak held talks with Hungary on Friday.\n\n"
                                 "Germany imposed sanctions on Austria on Saturday.\n\n"
                                 "Poland criticised the sanctions.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "talks"), "2024-08-30");
        assert_string_equal(when_of(&x, 3, "criticism"), "2024-08-31");
        done(a, &x);
}

/* The same reaction reaches the next paragraph only: a party's dated event
 * told paragraphs before is another occasion, and its later reaction is of
 * the story's day (Saturday), not of that party's day (Thursday). */
static void test_when_party_day_does_not_reach_far(void **state)
{
        struct extraction x;
        struct article *a = code("Poland held talks with Hungary on Thursday.\n\n"
                                 "Germany imposed sanctions on Austria on Saturday.\n\n"
                                 "Austria condemned the sanctions.\n\n"
                                 "Poland criticised the sanctions.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "talks"), "2024-08-29");
        assert_string_equal(when_of(&x, 4, "criticism"), "2024-08-31");
        done(a, &x);
}

/* Told in the present tense: as of the document date, even in a dated paragraph. */
static void test_when_present_is_the_document_date(void **state)
{
        struct extraction x;
        struct article *a = code("Germany held talks with Poland in Berlin on Saturday. "
                                 "Poland says the talks were useful.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "statement"), "2024-09-02");
        done(a, &x);
}

/* The visit's next event, told in the paragraph right after its arrival ("She
 * was greeted at the airport by"), is of the arrival's moment, as precise as
 * written; further on, after another event, only its day. */
static void test_when_visit_next_paragraph_keeps_the_moment(void **state)
{
        struct extraction x;
        struct article *a = code("President Anna Nowak of Poland arrived in Budapest on Sunday afternoon.\n\n"
                                 "She was greeted at the airport by Prime Minister Peter Kovacs of Hungary.\n\n"
                                 "Nowak laid a wreath at the memorial on Monday morning.\n\n"
                                 "She was received by President Laszlo Szabo of Hungary.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "reception"), "2024-09-01TAF");
        assert_string_equal(when_of(&x, 4, "reception"), "2024-09-01");
        done(a, &x);
}

/* A plan without a date of its own is FUTURE_REF, not the day of a visit that
 * is over. */
static void test_when_unanchored_plan_is_future_ref(void **state)
{
        struct extraction x;
        struct article *a = code("Germany held talks with Poland in Berlin on Saturday.\n\n"
                                 "Austria is set to hold talks with Hungary.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "talks"), "FUTURE_REF");
        done(a, &x);
}

/* The present tense of a plan looks forwards, as "will" does: told on
 * Wednesday 2024-09-04, "resume on Monday" is the Monday after; the past
 * tense still looks back; "is due ... on March 3" is next March. */
static void test_when_scheduled_present_looks_forwards(void **state)
{
        struct extraction x;
        struct article *a = code_on("2024-09-04",
                                    "Talks with Hungary resume on Monday, Poland said.\n\n"
                                    "Poland held talks with Hungary on Monday.\n\n"
                                    "Deputy Prime Minister Anna Nowak is due in Budapest on March 3 for talks "
                                    "with Hungary.",
                                    &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "talks"), "2024-09-09");
        assert_string_equal(when_of(&x, 2, "talks"), "2024-09-02");
        assert_string_equal(when_of(&x, 3, "talks"), "2025-03-03");
        done(a, &x);
}

/* A time expression of another clause does not date the event: a relative
 * clause or a participle of the object after the trigger, a relative clause
 * closed before it, "adding that ...", an object's participle before a verb of
 * its own. */
static void test_when_time_of_another_clause(void **state)
{
        struct extraction x;
        struct article *a = code("Germany condemns the attack carried out on Sunday against Poland.\n\n"
                                 "Germany imposed sanctions on Poland on Saturday.\n\n"
                                 "Hungary, which joined the union in 2004, condemned the sanctions.\n\n"
                                 "Austria criticised the sanctions, adding that they would be lifted in 2031.\n\n"
                                 "Austria noted that a case brought by Poland in 2018 was still pending and "
                                 "accused Germany of blocking aid.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "criticism"), "2024-09-02");
        assert_string_equal(when_of(&x, 3, "criticism"), "2024-08-31");
        assert_string_equal(when_of(&x, 4, "criticism"), "2024-08-31");
        assert_string_equal(when_of(&x, 5, "accusation"), "2024-08-31");
        done(a, &x);
}

/* "wrote in an open letter on Tuesday": "open" is no plan, Tuesday looks back;
 * "said on Friday that she would hold talks on Sunday": "would" looks forwards
 * in its own clause. */
static void test_when_weekday_direction_in_reported_clauses(void **state)
{
        struct extraction x;
        struct article *a = code_on("2024-09-04",
                                    "Poland wrote in an open letter to Hungary on Tuesday that the plan was "
                                    "rushed and urged Hungary to delay it.",
                                    &x);
        struct article *b;
        struct extraction y;

        (void)state;
        assert_string_equal(when_of(&x, 1, "appeal"), "2024-09-03");
        done(a, &x);
        b = code_on("2024-08-31",
                    "Foreign Minister Anna Nowak of Poland said on Friday that she would hold talks with "
                    "Hungary on Sunday.",
                    &y);
        assert_string_equal(when_of(&y, 1, "talks"), "2024-09-01");
        done(b, &y);
}

/* "March 3-4": the value is the first day, the event ends after the last, in
 * the event as published too. */
static void test_when_day_range_has_an_end(void **state)
{
        struct event_meta meta = { .feed = "test", .index = 1, .count = 1, .time = "2024-09-02T00:00:00.000Z" };
        struct extraction x;
        struct article *a = code("Poland held talks with Hungary in Budapest on March 3-4.", &x);
        char *json;

        (void)state;
        assert_int_equal(x.n, 1);
        assert_string_equal(x.v[0].when_value, "2024-03-03");
        assert_string_equal(x.v[0].when_last, "2024-03-04");
        json = event_build(cb, a, &x.v[0], &meta);
        assert_non_null(json);
        assert_non_null(strstr(json, "\"start\":\"2024-03-03T00:00:00Z\",\"end\":\"2024-03-05T00:00:00Z\""));
        free(json);
        done(a, &x);
}

/* "two days earlier" counts from the event told before, for every event of
 * its sentence. */
static void test_when_days_earlier_than_the_event_before(void **state)
{
        struct extraction x;
        struct article *a = code("Poland and Hungary signed an agreement in Budapest on Friday. "
                                 "The Polish president had arrived in Hungary two days earlier, accompanied by "
                                 "a large delegation of ministers.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "agreement"), "2024-08-30");
        assert_string_equal(when_of(&x, 1, "arrival"), "2024-08-28");
        assert_string_equal(when_of(&x, 1, "delegation"), "2024-08-28");
        done(a, &x);
}

/* The quotation of the event whose kind is `kind`, or "(none)". */
static const char *quote_of(const struct article *a, const struct extraction *x, unsigned p, const char *kind)
{
        static char buf[256];

        for (size_t i = 0; i < x->n; i++)
                if (x->v[i].paragraph == p && strcmp(x->v[i].rule->kind, kind) == 0) {
                        snprintf(buf, sizeof(buf), "%.*s", (int)(x->v[i].quote_end - x->v[i].quote_start),
                                 a->text + x->v[i].quote_start);
                        return buf;
                }
        return "(none)";
}

static const char *speaker_of(const struct extraction *x, unsigned p, const char *kind)
{
        for (size_t i = 0; i < x->n; i++)
                if (x->v[i].paragraph == p && strcmp(x->v[i].rule->kind, kind) == 0)
                        return x->v[i].n_actors ? x->v[i].actors[0]->name : "(none)";
        return "(none)";
}

/* A quotation of several sentences is cut into them; the speaker named after or
 * before it still says all of it, and words after a straight closing quote are
 * not taken for quoted ones. */
static void test_when_quotation_cut_keeps_its_speaker(void **state)
{
        struct extraction x;
        struct article *a = code("Foreign Minister Radek Nowak of Poland arrived in Kyiv on Monday. "
                                 "\xe2\x80\x9cWe will visit Lviv. We are ready to help,\xe2\x80\x9d he said.\n\n"
                                 "Foreign Minister Radek Nowak of Poland arrived in Kyiv on Monday. "
                                 "\"We will visit Lviv. We are ready to help,\" he said.\n\n"
                                 "Foreign Minister Radek Nowak of Poland arrived in Kyiv on Monday. "
                                 "He said: \"We will visit Lviv. We are ready to help.\"",
                                 &x);

        (void)state;
        for (unsigned p = 1; p <= 3; p++) {
                assert_string_equal(speaker_of(&x, p, "statement"), "Radek Nowak");
                assert_non_null(strstr(quote_of(a, &x, p, "statement"), "We will visit Lviv. We are ready to help"));
        }
        assert_int_equal(a->paragraphs[0].n_sentences, 3);
        done(a, &x);
}

/* "held on Monday morning, after which they held talks and then met": "then"
 * goes on from the time written before it in its sentence, not from the event
 * told before. */
static void test_when_then_follows_its_sentence(void **state)
{
        struct extraction x;
        struct article *a = code("President Andrzej Nowak of Poland arrived in Hungary on Sunday evening.\n\n"
                                 "A welcome ceremony was held in Budapest on Monday morning, after which the "
                                 "two presidents held talks in a narrow format and then with their delegations.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "arrival"), "2024-09-01TEV");
        assert_string_equal(when_of(&x, 2, "talks"), "2024-09-02");
        done(a, &x);
}

/* A statement signed off "Place, date" on its last line speaks on that date:
 * its present-tense acts ("condemns", "calls on") are of it, not of the day
 * it was published. */
static void test_when_sign_off_dates_the_present(void **state)
{
        struct extraction x;
        struct article *a = code("The government of Poland condemns the attack on Hungary.\n\n"
                                 "Warsaw, 30 August 2024",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "criticism"), "2024-08-30");
        done(a, &x);
}

/* A time after the trigger behind another verb's own group is that verb's:
 * an infinitive ("urged X to hold talks before March"), a modal ("said it would
 * present a bill next week"), a gerund ("accused X of detaining ... since last
 * year"), but not "met face to face on Saturday" nor a noun trigger's own predicate ("talks
 * would be held on September 9"). A relative clause closed by a comma gives the time back ("will visit
 * Hungary, which is not a member, next month"). */
static void test_when_time_of_another_verb(void **state)
{
        struct extraction x;
        struct article *a = code("Poland urged Hungary to hold talks with Austria before the end of March 2025.\n\n"
                                 "Poland said it would respect the ruling but would present a new bill next week.\n\n"
                                 "Poland accused Hungary of detaining journalists since the start of last year.\n\n"
                                 "President Andrzej Nowak of Poland will visit Hungary, which is not a member of "
                                 "the alliance, next month.\n\n"
                                 "Poland met Hungary face to face on Saturday.\n\n"
                                 "Poland said the next round of talks with Hungary would be held on September 9.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "appeal"), "2024-09-02");
        assert_string_equal(when_of(&x, 2, "statement"), "2024-09-02");
        assert_string_equal(when_of(&x, 3, "accusation"), "2024-09-02");
        assert_string_equal(when_of(&x, 4, "planned_visit"), "2024-10");
        assert_string_equal(when_of(&x, 5, "talks"), "2024-08-31");
        assert_string_equal(when_of(&x, 6, "talks"), "2024-09-09");
        done(a, &x);
}

/* A month or day with no year, later in the year than the document date, in a
 * clause told in the past is of the year before ("last met in November", told
 * in September); a future one stays ahead. */
static void test_when_past_month_is_of_the_year_before(void **state)
{
        struct extraction x;
        struct article *a = code("Poland held talks with Hungary in Budapest in November.\n\n"
                                 "Poland will hold talks with Hungary in Budapest in November.\n\n"
                                 "Poland held talks with Hungary in Budapest in August.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "talks"), "2023-11");
        assert_string_equal(when_of(&x, 2, "talks"), "2024-11");
        assert_string_equal(when_of(&x, 3, "talks"), "2024-08");
        done(a, &x);
}

/* A wire dateline ("WARSAW, Aug 30 (PAP) - ") dates the report, not the event
 * of its sentence. */
static void test_when_dateline_is_not_the_event_time(void **state)
{
        struct extraction x;
        struct article *a = code_on("2024-08-30",
                                    "WARSAW, Aug 30 (PAP) - Poland held talks with Hungary in Budapest on Thursday.",
                                    &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "talks"), "2024-08-29");
        done(a, &x);
}

/* "Following the talks" goes on from the latest day told so far, the talks of
 * the lead, not from a flashback told just before it. */
static void test_when_following_the_talks_is_the_latest_day(void **state)
{
        struct extraction x;
        struct article *a = code("Poland held talks with Hungary in Budapest on Monday.\n\n"
                                 "President Andrzej Nowak of Poland arrived in Budapest on Saturday evening.\n\n"
                                 "Following the talks, Poland and Hungary signed an agreement on energy.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "arrival"), "2024-08-31TEV");
        assert_string_equal(when_of(&x, 3, "agreement"), "2024-09-02");
        done(a, &x);
}

/* "The Union condemns the sentencing on 3 July": a trigger told in the present
 * is of the day it is told; a past day after it dates its object (the
 * sentencing), not the condemnation. A day still to come stays the event's. */
static void test_when_present_trigger_past_object(void **state)
{
        struct extraction x;
        struct article *a = code("The European Union condemns the attack on Saturday night by armed gangs on the town.\n\n"
                                 "The European Union condemned the attack on Saturday.\n\n"
                                 "Chancellor Olaf Scholz meets President Andrzej Duda in Warsaw on Friday.\n\n"
                                 "Leaders of the Economic Community of West African States on Wednesday suspended Guinea.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "criticism"), "2024-09-02");
        assert_string_equal(when_of(&x, 2, "criticism"), "2024-08-31");
        assert_string_equal(when_of(&x, 3, "talks"), "2024-09-06");
        assert_string_equal(when_of(&x, 4, "statement"), "2024-08-28"); /* "States" is no verb of the present */
        done(a, &x);
}

/* "reiterates his call on": a noun trigger, the object of a verb told in the
 * present, is of the day it is told. */
static void test_when_noun_object_of_present_verb(void **state)
{
        struct extraction x;
        struct article *a = code("The Secretary-General reiterates his call on Myanmar to end the violence.", &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "appeal"), "2024-09-02");
        done(a, &x);
}

/* "agreed on Saturday to reopen ... within two months": the plan's cue makes
 * the clause look ahead, but a weekday of an event told in the past is the one
 * before (not a year before the one ahead). */
static void test_when_past_weekday_before_a_plan(void **state)
{
        struct extraction x;
        struct article *a = code("Germany and Poland agreed on Saturday to reopen their embassies within two months.", &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "agreement"), "2024-08-31");
        done(a, &x);
}

/* A time inherited from the paragraph right before keeps its part of the day
 * when a pronoun goes on with the telling (the story goes on with that
 * moment); further on, only its day (test_when_official.c: named again). */
static void test_when_next_paragraph_keeps_part_of_day(void **state)
{
        struct extraction x;
        struct article *a = code("Foreign Minister Ivan Petrenko accused Russia on Saturday evening of shelling the port.\n\n"
                                 "He assured residents that there was no cause for panic.\n\n"
                                 "The port was closed to ships for the rest of the day.\n\n"
                                 "Petrenko assured farmers that there was no cause for panic.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 2, "reassurance"), "2024-08-31TEV");
        assert_string_equal(when_of(&x, 4, "reassurance"), "2024-08-31");
        done(a, &x);
}

/* "At the end of the talks" names the occasion as "following the talks" does:
 * the latest day told so far. */
static void test_when_end_of_the_talks_is_the_latest_day(void **state)
{
        struct extraction x;
        struct article *a = code("Poland held talks with Hungary in Budapest on Monday.\n\n"
                                 "President Andrzej Nowak of Poland arrived in Budapest on Saturday evening.\n\n"
                                 "At the end of the talks, the two presidents witnessed the signing of an agreement on energy.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 3, "agreement"), "2024-09-02");
        done(a, &x);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_when_paragraph_occasion),
                cmocka_unit_test(test_when_party_keeps_its_day),
                cmocka_unit_test(test_when_same_state_is_not_the_same_speaker),
                cmocka_unit_test(test_when_party_day_does_not_reach_far),
                cmocka_unit_test(test_when_unrelated_perfect_is_past_ref),
                cmocka_unit_test(test_when_simple_past_reaction_takes_the_story_day),
                cmocka_unit_test(test_when_first_person_present_is_the_document_date),
                cmocka_unit_test(test_when_present_is_the_document_date),
                cmocka_unit_test(test_when_unanchored_plan_is_future_ref),
                cmocka_unit_test(test_when_scheduled_present_looks_forwards),
                cmocka_unit_test(test_when_day_range_has_an_end),
                cmocka_unit_test(test_when_visit_next_paragraph_keeps_the_moment),
                cmocka_unit_test(test_when_time_of_another_clause),
                cmocka_unit_test(test_when_weekday_direction_in_reported_clauses),
                cmocka_unit_test(test_when_quotation_cut_keeps_its_speaker),
                cmocka_unit_test(test_when_days_earlier_than_the_event_before),
                cmocka_unit_test(test_when_then_follows_its_sentence),
                cmocka_unit_test(test_when_sign_off_dates_the_present),
                cmocka_unit_test(test_when_time_of_another_verb),
                cmocka_unit_test(test_when_past_month_is_of_the_year_before),
                cmocka_unit_test(test_when_dateline_is_not_the_event_time),
                cmocka_unit_test(test_when_following_the_talks_is_the_latest_day),
                cmocka_unit_test(test_when_present_trigger_past_object),
                cmocka_unit_test(test_when_noun_object_of_present_verb),
                cmocka_unit_test(test_when_past_weekday_before_a_plan),
                cmocka_unit_test(test_when_next_paragraph_keeps_part_of_day),
                cmocka_unit_test(test_when_end_of_the_talks_is_the_latest_day),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
