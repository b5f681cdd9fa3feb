/* Tests of what reported speech is (harsh words said are criticism, wrongdoing
 * said an accusation, calm said a reassurance, "dismissed X as" criticism,
 * denials made statements) and of the wire's other turns that name no usual
 * trigger: economic business met on, sessions and calls, demands renewed,
 * intents told otherwise, leaving for a place, a red carpet in criticism. */
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

/* A harsh judgment in what a speaker says is criticism, the saying verb its
 * trigger; without one it is a statement. */
static void test_recall_harsh_words_said_are_criticism(void **state)
{
        (void)state;
        expect_only("Ambassador Lena Korhonen told reporters on Monday that the report was \"one-sided\".",
                    "criticism", "statement");
        expect_only("\"This is a shameless act of aggression against our country,\" Foreign Minister Ivo Tamm said "
                    "in a statement.",
                    "criticism", "statement");
        expect_only("Minister Ana Ruiz wrote on X that the new rules were \"rushed and hypocritical\".", "criticism",
                    "statement");
        expect_only("Ambassador Lena Korhonen told reporters on Monday that the report was balanced.", "statement",
                    "criticism");
        expect_only("Foreign Minister Ivo Tamm said the talks had been useful.", "statement", "criticism");
        /* calling something harsh names is criticism; calling for or on is not */
        expect_only("In a statement, Ana Ruiz called the peace proposals \"shameless\" and \"disgusting\".",
                    "criticism", NULL);
        expect_only("Minister Ana Ruiz called the sinking \"a dangerous and reckless act\".", "criticism", NULL);
        expect_none("Minister Ana Ruiz called for calm after the shameful attack.", "criticism");
}

/* "dismissed the offer as symbolic" judges the offer: criticism; "dismissed the
 * sanctions and accused Ottawa" is the accusation alone. */
static void test_recall_dismissing_as(void **state)
{
        (void)state;
        expect_only("Prime Minister Ivo Tamm dismissed the proposal as \"a cynical stunt\" on Tuesday.", "criticism",
                    "statement");
        expect_only("The ministry dismissed the sanctions as \"a hostile act\" and accused Canada of meddling.",
                    "accusation", "criticism");
        expect_none("The court dismissed the case on Tuesday.", "criticism");
}

/* Meetings of economic bodies or ministers on economic business are economic
 * talks, whatever verb tells them: "met", "will hold its first meeting",
 * "reviewed progress"; taxes, flights and procurement are economic topics;
 * talks on the state of trade negotiations are economic with one word. */
static void test_recall_economic_business_is_economic_talks(void **state)
{
        (void)state;
        expect_only("Trade ministers from Chile and Peru will meet in Tacna on Friday to finish the customs chapter.",
                    "economic_talks", "talks");
        expect_only("The joint trade and investment committee will hold its first meeting in Lusaka in June.",
                    "economic_talks", "talks");
        expect_only("The two ministers discussed double taxation and direct flights on Monday.", "economic_talks",
                    "talks");
        expect_only("The ministers discussed the state of free trade negotiations with Canada.", "economic_talks",
                    "talks");
        expect_only("The council reviewed progress towards the customs union and the common market.",
                    "economic_talks", "talks");
        expect_only("The two presidents met in Lima on Friday to discuss the border.", "talks", "economic_talks");
        expect_none("The council reviewed progress on the border talks.", "economic_talks");
}

/* The wire's words for calm and commitment are reassurance; for a session,
 * a call or talks resumed, talks; for renewing a demand or inviting firms to
 * invest, an appeal. */
static void test_recall_reassurance_sessions_and_demands(void **state)
{
        (void)state;
        expect_only("An official told reporters on Monday that there was \"no cause for alarm\".", "reassurance",
                    "statement");
        expect_only("There is no reason for anyone in Lima to be alarmed by the exercise, the spokesman said.",
                    "reassurance", "statement");
        expect_only("A spokesperson said the United States stood by its \"ironclad\" commitment to its ally.",
                    "reassurance", "statement");
        expect_only("The president insisted that Chile would remain a reliable partner of Peru.", "reassurance",
                    "statement");
        expect_only("The council of ministers held its 52nd session in Lusaka on Sunday.", "talks", NULL);
        expect_only("The ninth regular session will be held in June.", "talks", NULL);
        expect_only("The minister said technical talks would resume in Lima on Monday.", "talks", "statement");
        expect_only("The president said he would speak to the Brazilian president by telephone next week.", "talks",
                    "statement");
        expect_only("The envoy said he had spoken to both leaders last week.", "talks", "statement");
        expect_only("President Tomasz Kowal renewed his country's demand for compensation on Tuesday.", "appeal",
                    NULL);
        expect_only("The president invited Chilean companies to invest in the port.", "appeal", NULL);
        expect_none("The envoy spoke to reporters in Lima on Monday.", "talks");
        expect_none("The group called on the assembly to hold Peru to account at its next session.", "talks");
}

/* Wrongdoing told in what a speaker says ("had falsified", "was inventing",
 * "we have evidence") is an accusation; a denial or a rejection made is a
 * statement, one held in the present none. */
static void test_recall_wrongdoing_said_and_denials(void **state)
{
        (void)state;
        expect_only("The ministry said the shipping company had falsified its documents.", "accusation", "statement");
        expect_only("A spokesman told the state news agency that Vilnius was inventing threats.", "accusation",
                    "statement");
        expect_only("\"We have evidence that two battalions crossed the border,\" the minister told a news conference.",
                    "accusation", "statement");
        expect_only("The ministry said the shipping company had filed its documents.", "statement", "accusation");
        expect_only("The foreign ministry has denied the report.", "statement", NULL);
        expect_only("Sergei Lavrov denied that Russia planned an attack.", "statement", NULL);
        expect_only("Bolivia rejected the judgment of the court on Friday.", "statement", NULL);
        /* a stance held, in the present, is no act of the day */
        expect_none("Moscow is not a party to the treaty and rejects the court's jurisdiction.", "statement");
        expect_none("He is accused of fraud, a charge the company denies.", "statement");
}

/* An intent to raise investments, a further sum announced, a readiness to
 * work on trade: economic intents, whatever verb tells them. */
static void test_recall_economic_intents_told_otherwise(void **state)
{
        (void)state;
        expect_only("He said Chile wanted to raise its investments in Peruvian ports to $5 billion.", "economic_intent",
                    NULL);
        expect_only("On Thursday the minister announced a further $32 million in budget support for Fiji.",
                    "economic_intent", NULL);
        expect_only("Xi told Lula that China is willing to work with Brazil to expand trade.", "economic_intent",
                    NULL);
        expect_none("The minister announced a further 500 troops for the mission.", "economic_intent");
        expect_none("China is willing to work with Brazil to settle the dispute.", "economic_intent");
}

/* Leaving or flying for a place still to come is a planned visit: "will leave
 * for", "before flying to" in a schedule. */
static void test_recall_leaving_for_a_place_is_a_planned_visit(void **state)
{
        (void)state;
        expect_only("Mr. Varma will leave for Manama on Sunday afternoon.", "planned_visit", "visit");
        expect_only("The president is scheduled to open the forum on Wednesday before flying to Tokyo on Thursday.",
                    "planned_visit", "visit");
        expect_only("The minister spoke to the newspaper on Monday, a day before leaving for Saudi Arabia.",
                    "planned_visit", "visit");
}

/* "rolling out the red carpet for a fugitive" is what a critic says, no
 * reception; a red carpet rolled out with nothing else told is one. */
static void test_recall_a_red_carpet_in_criticism_is_no_reception(void **state)
{
        (void)state;
        /* with a visit open, the red carpet would find its guest */
        expect_none("President Juan Soto arrived in Rome on Monday for a state visit. Marco Bianchi criticised the "
                    "government for rolling out the red carpet for a president who has cut funding for schools.",
                    "reception");
        expect_none("President Juan Soto arrived in Lusaka on Monday. Human Rights Watch accused Zambia in a statement "
                    "of \"rolling out the red carpet for a fugitive\".",
                    "reception");
        expect_only("\"By rolling out the red carpet for a fugitive, Zambia is betraying the victims,\" said Ana Ruiz.",
                    "criticism", "reception");
        expect_only("Kenya rolled out the red carpet for Xi Jinping on Monday.", "reception", NULL);
}

/* "States" ending a name ("Member States", "West African States") says
 * nothing; "stated" and "states that" still report a saying. */
static void test_recall_states_in_a_name_is_no_saying(void **state)
{
        (void)state;
        expect_none("Judgments of the Court are final and binding on Member States.", "statement");
        expect_none("PRESS RELEASE - Community Court of Justice of the Economic Community of West African States",
                    "statement");
        expect_only("Ghana's foreign ministry stated that it had recalled its ambassador.", "statement", NULL);
        expect_only("The ministry states that the talks were useful.", "statement", NULL);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_recall_harsh_words_said_are_criticism),
                cmocka_unit_test(test_recall_dismissing_as),
                cmocka_unit_test(test_recall_economic_business_is_economic_talks),
                cmocka_unit_test(test_recall_reassurance_sessions_and_demands),
                cmocka_unit_test(test_recall_wrongdoing_said_and_denials),
                cmocka_unit_test(test_recall_economic_intents_told_otherwise),
                cmocka_unit_test(test_recall_leaving_for_a_place_is_a_planned_visit),
                cmocka_unit_test(test_recall_a_red_carpet_in_criticism_is_no_reception),
                cmocka_unit_test(test_recall_states_in_a_name_is_no_saying),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
