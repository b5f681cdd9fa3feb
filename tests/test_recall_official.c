/* Tests of which events the coder finds in official texts: a court's press
 * release ("the Court held that"), a statement's alarm, an allegation, a
 * warning of force, a visit expected to take place, and the economic intent
 * of funding, readiness and interest. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "codebook.h"
#include "extract.h"
#include "helpers/coding.h"
#include "helpers/recall.h"

/* A court's press release says what the court "held"; a minister holding a
 * view is no court's finding. */
static void test_recall_the_court_held_that(void **state)
{
        (void)state;
        expect_only("The Court held that there had been a violation of Article 3 of the Convention.",
                    "court_finding", NULL);
        expect_only("The European Court of Human Rights held, unanimously, that there had been a violation of Article 11.",
                    "court_finding", NULL);
        expect_none("The minister held that the law was fair.", "court_finding");
}

/* Alarm said of somebody's act is a criticism of it, as concern is. */
static void test_recall_alarmed_by(void **state)
{
        (void)state;
        expect_only("We are deeply alarmed by the detention of nine staff members by the Houthis.", "criticism",
                    NULL);
        expect_only("The Secretary-General is alarmed at the escalation of the fighting in Sudan.", "criticism",
                    NULL);
}

/* "alleged" as a verb is an accusation; the adjective ("the alleged attack") is none. */
static void test_recall_alleged(void **state)
{
        (void)state;
        expect_only("An Australian senator, James Whitcombe, alleged on Tuesday that the wharf was built for the navy.",
                    "accusation", NULL);
        expect_none("The alleged attack took place near the border.", "accusation");
        expect_none("The ICC issued the warrant in 2024 for alleged war crimes in the Gaza Strip.", "accusation");
}

/* A response or a defence "with force" promised, a vow to defend a territory
 * or a defence "whatever it takes" is a threat; force used, or a budget
 * defended, is no warning. */
static void test_recall_warned_of_force(void **state)
{
        (void)state;
        expect_only("The minister said India would respond with overwhelming force to any misadventure.", "threat",
                    NULL);
        expect_only("We will defend our sovereignty and territorial integrity with full force.", "threat", NULL);
        expect_none("The police dispersed the crowd with force on Monday.", "threat");
        expect_only("President Marcus Lall said the army was on alert and vowed to \"defend every inch of our territory\".",
                    "threat", NULL);
        expect_only("Rwanda will defend its borders and its people, whatever it takes, the minister said.", "threat", NULL);
        expect_none("The minister vowed to defend the budget in parliament.", "threat");
}

/* A visit "expected to take place" is still to come. */
static void test_recall_a_visit_expected_to_take_place(void **state)
{
        (void)state;
        expect_only("The minister said the visit is expected to take place early next year.", "planned_visit", NULL);
}

/* Funding announced, a readiness to work on deeper cooperation in an economic
 * field, an interest in investing: the economic intent of official statements. */
static void test_recall_economic_intent_of_statements(void **state)
{
        (void)state;
        expect_only("Canada announced additional funding of 60 million dollars for climate resilience.",
                    "economic_intent", NULL);
        expect_only("China stands ready to work with Vanuatu to deepen practical cooperation in infrastructure and agriculture.",
                    "economic_intent", NULL);
        expect_only("He said Qatar had expressed interest in investing in housing projects.", "economic_intent",
                    NULL);
        expect_none("China stands ready to work with Vanuatu on climate response.", "economic_intent");
}

/* A communiqué's register: concern expressed by a body with a possessive
 * ("expressed their deep concern") is a criticism; "underscored" is a
 * statement; a meeting "of" a body "was held"; a welcome ceremony chaired
 * for a guest receives the guest. */
static void test_recall_communique_register(void **state)
{
        (void)state;
        expect_only("The Heads of Government expressed their deep concern over the deteriorating security situation in Haiti.",
                    "criticism", NULL);
        expect_only("The Ministers underscored the importance of freedom of navigation in the South China Sea.",
                    "statement", NULL);
        expect_only("The meeting of the Council of Ministers was held on 24 February in Basseterre.", "talks", NULL);
        expect_only("President Khai chaired the official welcome ceremony for President Villanueva at the palace.",
                    "reception", NULL);
        expect_none("The ministers held a welcome ceremony rehearsal at the palace.", "reception");
        expect_only("An official welcome ceremony was held for President Bounthong Vongsavath at the palace on Thursday.",
                    "reception", NULL);
}

/* An agreement told as a noun, "the agreement reached by", "the deal reached
 * in Doha", is the agreement. */
static void test_recall_agreement_reached_as_a_noun(void **state)
{
        (void)state;
        expect_only("The agreement reached by Armenia and Azerbaijan on Monday provides for a ceasefire.", "agreement",
                    NULL);
        expect_only("Under the deal reached in Doha on Monday, Israel will release 90 prisoners.", "agreement", NULL);
        expect_none("The agreement provides for a ceasefire.", "agreement");
}

/* A ministry's protest: an envoy summoned "to convey a firm protest" is
 * criticised; "smeared" is a criticism. */
static void test_recall_protest_smear_and_rejection(void **state)
{
        (void)state;
        expect_only("Yesterday the Ministry summoned the Ambassador of the Russian Federation to convey a firm protest over the drone.",
                    "criticism", NULL);
        expect_only("Certain politicians have time and again smeared China's cooperation with Pacific Island countries.",
                    "criticism", NULL);
        expect_none("The ministry conveyed its greetings to the people of Ghana.", "criticism");
}

/* Discussing two-way or bilateral trade is economic talks: the one phrase
 * names the topic. */
static void test_recall_discussing_bilateral_trade(void **state)
{
        (void)state;
        expect_only("The Leaders discussed measures to raise two-way trade to 10 billion US dollars.", "economic_talks",
                    "talks");
        expect_only("The ministers discussed ways to expand bilateral trade.", "economic_talks", "talks");
        expect_only("The ministers discussed the situation in Gaza.", "talks", "economic_talks");
}

/* A briefing received from somebody is that somebody's statement. */
static void test_recall_a_briefing_received(void **state)
{
        (void)state;
        expect_only("Heads of Government received a briefing from the Coordinator of the Council, Jean-Robert Alcindor, on the security situation.",
                    "statement", NULL);
        expect_only("The ministers were briefed by Jean-Robert Alcindor on the security situation.", "statement", NULL);
        expect_only("The Council takes note of the briefing by the Commissioner, Kwame Asante-Mensah, on the situation in Sudan.",
                    "statement", NULL);
        expect_none("Transcript of Weekly Media Briefing by the Official Spokesperson (October 16, 2026)", "statement");
        expect_only("Minister Vukelic briefed his counterpart on the situation in the Balkans.", "statement", NULL);
        expect_only("The Ministry summoned the Ambassador of Paraguay to convey its rejection of the statements made by the minister.",
                    "statement", NULL);
}

/* A court's release goes on with "It held that": the court again, in a story
 * about a court; elsewhere "it held that" is no finding. */
static void test_recall_it_held_that(void **state)
{
        (void)state;
        expect_only("The European Court of Human Rights delivered its judgment in Strasbourg on Tuesday. It held that Georgia was to pay each applicant 5,000 euros.",
                    "court_finding", NULL);
        expect_none("The party met on Monday. It held that the elections had been fair.", "court_finding");
}

/* A summit or meeting to be hosted is talks planned by the host; told in a
 * saying verb's complement ("officials said Nairobi would host the next
 * meeting") the saying is the event; hosting a dinner is no talks. */
static void test_recall_hosting_a_summit(void **state)
{
        struct extraction x;
        struct article *a;

        (void)state;
        expect_only("Sri Lanka will host the next summit in Colombo in 2029.", "talks", NULL);
        expect_only("Valdivieso is due to host a broader summit on migration in November.", "talks", NULL);
        expect_none("Kenyan officials said on Tuesday that Nairobi would host the next meeting in June.", "talks");
        expect_none("Kenya hosted a dinner for the delegates on Monday.", "talks");
        expect_none("The minister briefed his counterpart on the preparations to host the summit next month.", "talks");
        a = code("Sri Lanka will host the next summit in Colombo in 2029.", &x);
        assert_non_null(find(&x, "talks"));
        assert_int_equal(find(&x, "talks")->modality, MODALITY_PLANNED);
        done(a, &x);
}

/* "has in the past accused": a perfect with an aside before its verb is
 * still the accusation (the aside's "the past" makes no noun of it). */
static void test_recall_in_the_past_accused(void **state)
{
        (void)state;
        expect_only("Jakarta has in the past accused Vanuatu of supporting separatists.", "accusation", NULL);
        expect_only("Serbia has in the past blamed Croatia for the crisis.", "accusation", NULL);
        expect_none("In the past the accused were released on bail.", "accusation");
}

/* The official register's conditional readiness for coercion, "stands ready
 * to adopt further restrictive measures should", is a threat; readiness to
 * adopt measures of support is none. */
static void test_recall_ready_for_further_measures(void **state)
{
        (void)state;
        expect_only("The EU stands ready to adopt further restrictive measures should the human rights situation continue to deteriorate.",
                    "threat", NULL);
        expect_only("The EU is ready to impose further sanctions if the violence continues.", "threat", NULL);
        expect_none("The EU stands ready to adopt further measures to support Ukraine.", "threat");
}

/* Talks agreed on are talks to come: "agreed to hold their next round of
 * talks", "agreed to convene a joint summit". */
static void test_recall_talks_agreed_on(void **state)
{
        struct extraction x;
        struct article *a;

        (void)state;
        expect_only("Australia and Japan also agreed to hold their next round of talks in Canberra early next year.",
                    "talks", NULL);
        expect_only("Heads of Government agreed to convene a joint summit with the African Union in Addis Ababa in October.",
                    "talks", NULL);
        expect_none("The ministers agreed to raise tariffs on steel.", "talks");
        a = code("Heads of Government agreed to convene a joint summit with the African Union in Addis Ababa in October.", &x);
        assert_non_null(find(&x, "talks"));
        assert_int_equal(find(&x, "talks")->modality, MODALITY_PLANNED);
        done(a, &x);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_recall_the_court_held_that),
                cmocka_unit_test(test_recall_alarmed_by),
                cmocka_unit_test(test_recall_alleged),
                cmocka_unit_test(test_recall_warned_of_force),
                cmocka_unit_test(test_recall_a_visit_expected_to_take_place),
                cmocka_unit_test(test_recall_economic_intent_of_statements),
                cmocka_unit_test(test_recall_communique_register),
                cmocka_unit_test(test_recall_agreement_reached_as_a_noun),
                cmocka_unit_test(test_recall_protest_smear_and_rejection),
                cmocka_unit_test(test_recall_discussing_bilateral_trade),
                cmocka_unit_test(test_recall_a_briefing_received),
                cmocka_unit_test(test_recall_it_held_that),
                cmocka_unit_test(test_recall_hosting_a_summit),
                cmocka_unit_test(test_recall_in_the_past_accused),
                cmocka_unit_test(test_recall_ready_for_further_measures),
                cmocka_unit_test(test_recall_talks_agreed_on),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
