/* Tests of which events the coder finds when a kind is said with another
 * member of its wording family: money offered or promised with a future
 * modal ("would provide loans", "offered to finance", "interested in buying",
 * "would take a stake"), a response promised in kind ("respond with
 * reciprocity", "be met with a response", "stands ready to take measures"),
 * reassurance that ties are unharmed, and "press for" among the appeals. */
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

/* Money promised: a future modal or an offer with a financing verb, a stake
 * taken, an interest in buying; without money or trade in the sentence, none. */
static void test_recall_money_promised_by_its_family(void **state)
{
        (void)state;
        expect_only("Chile said it would provide 2 billion dollars in loans to Bolivia.", "economic_intent", NULL);
        expect_only("The Turkish minister offered to finance a new port in Somalia, officials said.",
                    "economic_intent", NULL);
        expect_only("Egypt said it was interested in buying Korean-made trains and invited Korean firms to invest.",
                    "economic_intent", NULL);
        expect_only("Oman would take a 40% stake in the refinery, the minister told reporters.", "economic_intent",
                    NULL);
        expect_only("Japan will double its aid for infrastructure projects in Laos over the next three years.",
                    "economic_intent", NULL);
        expect_none("The minister said the ministry would provide shelter to the families.", "economic_intent");
        expect_none("The new cable, costing 900 million euros, would double capacity across the gulf.",
                    "economic_intent");
}

/* A response promised in kind, or a readiness to take measures, is a threat. */
static void test_recall_response_promised_in_kind(void **state)
{
        (void)state;
        expect_only("Peru said on Monday it would respond with reciprocity to any new tariff.", "threat", NULL);
        expect_only("Any attack on our territory will be met with a decisive response, the ministry said.", "threat",
                    NULL);
        expect_only("Britain said on Friday it stood ready to take further measures against the regime.", "threat",
                    NULL);
        expect_none("The minister was met with applause at the congress in Lima.", "threat");
}

/* Reassurance that a dispute leaves the ties unharmed, and no reason told with
 * an aside before the worry. */
static void test_recall_ties_unharmed(void **state)
{
        (void)state;
        expect_only("The embassy said the dispute would not affect bilateral relations.", "reassurance", NULL);
        expect_only("The minister said there was no reason for investors to be concerned.", "reassurance", NULL);
}

/* "press for" belongs with "urge" and "call for". */
static void test_recall_press_for(void **state)
{
        (void)state;
        expect_only("Germany and France pressed for a ceasefire at the meeting on Monday.", "appeal", NULL);
}

/* Restrictive measures kept in force or joined: a ban extended like a sanction
 * extended, a state aligning itself with another's sanctions. */
static void test_recall_measures_extended_or_joined(void **state)
{
        (void)state;
        expect_only("Finland has decided to extend the entry ban on Belarusian citizens until June.", "sanction",
                    NULL);
        expect_only("Switzerland has decided to align itself with the new EU sanctions against Iran.", "sanction",
                    NULL);
        expect_none("The two ministers agreed to align their positions before the summit.", "sanction");
}

/* Criticism in the diplomatic register: a concern raised or voiced, a protest
 * note handed; and a resolution calling on somebody is an appeal. */
static void test_recall_concern_raised_and_protest_notes(void **state)
{
        (void)state;
        expect_only("Human Rights Watch has repeatedly raised concerns over the detentions.", "criticism", NULL);
        expect_only("The ministry said it had handed a note of protest to the Greek ambassador.", "criticism", NULL);
        expect_only("The ministry handed a protest note to the Greek ambassador on Monday.", "criticism", NULL);
        expect_only("The parliament adopted a resolution on Monday calling on the government to close the border.",
                    "appeal", NULL);
}

/* "respond with reciprocity" with the reciprocity quoted */
static void test_recall_quoted_reciprocity(void **state)
{
        (void)state;
        expect_only("The minister said Chile would respond \"with reciprocity\" if the tariff took effect.", "threat",
                    NULL);
        expect_only("Catalina Ortega said Bogota would respond \"reciprocally\" to any new tariffs.", "threat", NULL);
}

/* Homage paid at a monument by any of its gestures: flowers laid like a wreath,
 * a tribute paid; and a welcome given as a noun ("a warm welcome to") is a
 * reception of the guest named. */
static void test_recall_homage_and_welcome_as_nouns(void **state)
{
        (void)state;
        expect_only("Emmanuel Macron laid flowers at the tomb of the Unknown Soldier in Warsaw.", "commemoration",
                    NULL);
        expect_only("On Monday Emmanuel Macron laid a bouquet of flowers at the memorial in Kyiv.", "commemoration",
                    NULL);
        expect_only("Olaf Scholz extended a warm welcome to Emmanuel Macron in Berlin on Monday.", "reception", NULL);
        expect_none("The minister laid out a plan for the new port on Monday.", "commemoration");
}

/* Harsh names given by any verb of naming ("described it as", "branded",
 * "labelled") and the words of a wrong done ("intolerable", "a coup") are
 * criticism; "interference" alone is not (one opposes "any interference"). */
static void test_recall_harsh_names_by_any_naming_verb(void **state)
{
        (void)state;
        expect_only("Hungary's foreign minister described the report as an intolerable intrusion in its affairs.",
                    "criticism", "statement");
        expect_only("Viktor Orban branded the decision intolerable on Monday.", "criticism", "statement");
        expect_only("The opposition leader called the vote a constitutional coup on Monday.", "criticism",
                    "statement");
        expect_none("The minister described the talks as constructive on Monday.", "criticism");
        expect_none("China and Russia stressed that they opposed any outside interference in the dispute.",
                    "criticism");
}

/* A visit told as a noun whose own time is still to come ("during a visit to
 * Lima next week") is a planned visit; one whose time is past stays a visit. */
static void test_recall_a_visit_noun_dated_ahead_is_planned(void **state)
{
        (void)state;
        expect_only("Luis Almagro will raise the issue during a visit to Lima next week.", "planned_visit", "visit");
        expect_only("Luis Almagro raised the issue during a visit to Lima last week.", "visit", "planned_visit");
}

/* A visit begun is the arrival that opens it ("began a three-day state visit
 * to India"), said with any verb of starting; one to come is planned. */
static void test_recall_a_visit_begun_is_an_arrival(void **state)
{
        (void)state;
        expect_only("Emmanuel Macron began a three-day state visit to India on Monday.", "arrival", "visit");
        expect_only("Emmanuel Macron started an official visit to India on Monday.", "arrival", "visit");
        expect_only("Emmanuel Macron will begin a state visit to India on Monday.", "planned_visit", "arrival");
}

/* A thing that cannot act is no actor, but as the subject of a passive it is
 * what was acted on: "documents were signed", "the treaty was signed" are
 * agreements; "the report criticised" stays none. */
static void test_recall_a_non_agent_in_the_passive(void **state)
{
        (void)state;
        expect_only("A package of documents was signed in Tashkent on Monday.", "agreement", NULL);
        expect_only("The treaty was signed in Tashkent on Monday.", "agreement", NULL);
        expect_none("The report criticised the government's handling of the floods.", "criticism");
}

/* Ties put in question as a response promised: "would review its cooperation",
 * "would reconsider its relations", "would consider withdrawing from". */
static void test_recall_ties_put_in_question(void **state)
{
        (void)state;
        expect_only("Ghana said it would review its cooperation agreements with both countries.", "threat", NULL);
        expect_only("Bolivia would reconsider its relations with Chile if the blockade continued, the minister said.",
                    "threat", NULL);
        expect_only("The president said Bolivia would \"seriously consider\" withdrawing from the treaty "
                    "if the court ruled again.",
                    "threat", NULL);
        expect_none("The two ministers reviewed cooperation in energy and transport on Monday.", "threat");
}

/* A wrong named as a violation or a breach of a rule: "is a clear violation of",
 * "constituted a grave violation of" accuse; "no violation" does not. */
static void test_recall_a_violation_named_accuses(void **state)
{
        (void)state;
        expect_only("This launch is a clear violation of the relevant Security Council resolutions.", "accusation",
                    NULL);
        expect_only("State Secretary Ion Cebotari informed the ambassador of Russia that the incident constituted a "
                    "grave violation of Moldova's airspace.",
                    "accusation", NULL);
        expect_none("The monitors said there had been no violation of the ceasefire.", "accusation");
        expect_none("Attacks on civilians are a clear violation of international humanitarian law.", "accusation");
}

/* A call renewed as a noun, an invitation to act, a speaker's "calls upon". */
static void test_recall_calls_renewed_and_invitations_to_act(void **state)
{
        (void)state;
        expect_only("Qatar reiterates its call for an immediate humanitarian ceasefire in Sudan.", "appeal", NULL);
        expect_only("Kazakhstan invited the Afghan side to continue working through the joint working group.", "appeal",
                    NULL);
        expect_none("William Ruto invited Donald Trump to visit Nairobi later this year.", "appeal");
}

/* Ties put in question with a quantifier between: "would review all of its cooperation". */
static void test_recall_ties_reviewed_in_full(void **state)
{
        (void)state;
        expect_only("Somalia said it would review all of its security cooperation with Ethiopia.", "threat", NULL);
        expect_none("The two sides will review cooperation in trade, defence and digital payments.", "threat");
}

/* Taking part in a meeting still to come is a planned visit. */
static void test_recall_taking_part_to_come(void **state)
{
        (void)state;
        expect_only("Kassym-Jomart Tokayev will take part in the first Central Asia-Nordic summit in Reykjavik on 19 "
                    "October.",
                    "planned_visit", NULL);
}

/* Appeals told with an aside or a quotation: "called on Sunday for", "have
 * appealed for", "called on X to \"favour diplomatic channels\"". */
static void test_recall_appeals_with_an_aside_or_a_quotation(void **state)
{
        (void)state;
        expect_only("Egypt called on Sunday for an immediate ceasefire in Sudan.", "appeal", NULL);
        expect_only("Aid agencies in Somalia have appealed for 1.2 billion dollars in emergency funding.", "appeal", NULL);
        expect_only("Amadou Coulibaly called on the authorities in Ouagadougou to \"favour diplomatic channels\".",
                    "appeal", NULL);
        expect_none("Vladimir Putin called on Monday on President Ukhnaagiin Khurelsukh.", "appeal");
        expect_only("The Council calls upon all armed groups in the area to immediately cease hostilities.", "appeal",
                    NULL);
}

/* A warning renewed as a noun is a threat: "reiterates its warning that the
 * Council will impose targeted sanctions". */
static void test_recall_a_warning_renewed(void **state)
{
        (void)state;
        expect_only("The African Union reiterates its warning that it will act against any group obstructing the "
                    "peace process.",
                    "threat", NULL);
        expect_none("The company had continued to import fuel despite repeated warnings, the bloc said.", "threat");
}

/* A concern voiced beside an appeal of the same speaker is the appeal's reason,
 * not an act of its own ("expressed deep concern over the attacks and called
 * upon the United States to ..."); regret is a criticism still, and a
 * concern alone is one. */
static void test_recall_a_concern_gives_way_to_the_appeal(void **state)
{
        struct extraction x;
        struct article *a;

        (void)state;
        a = code("President John Mahama expressed deep concern over recent attacks on border posts and called upon the "
                 "United States to expand intelligence sharing.",
                 &x);
        assert_int_equal(count(&x, "appeal"), 1);
        assert_int_equal(count(&x, "criticism"), 0);
        done(a, &x);
        a = code("Kosovo's foreign ministry said it regretted the visit, and urged Algeria to reconsider its position.",
                 &x);
        assert_int_equal(count(&x, "appeal"), 1);
        assert_int_equal(count(&x, "criticism"), 1);
        done(a, &x);
        expect_only("Ghana expressed deep concern over the attacks on its border posts.", "criticism", NULL);
}

/* Support voiced, pledged or reiterated is said like support expressed. */
static void test_recall_support_voiced(void **state)
{
        (void)state;
        expect_only("Recep Tayyip Erdogan voiced Ankara's support for Georgia's territorial integrity.", "statement",
                    NULL);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_recall_money_promised_by_its_family),
                cmocka_unit_test(test_recall_response_promised_in_kind),
                cmocka_unit_test(test_recall_ties_unharmed),
                cmocka_unit_test(test_recall_press_for),
                cmocka_unit_test(test_recall_measures_extended_or_joined),
                cmocka_unit_test(test_recall_concern_raised_and_protest_notes),
                cmocka_unit_test(test_recall_quoted_reciprocity),
                cmocka_unit_test(test_recall_homage_and_welcome_as_nouns),
                cmocka_unit_test(test_recall_harsh_names_by_any_naming_verb),
                cmocka_unit_test(test_recall_a_visit_noun_dated_ahead_is_planned),
                cmocka_unit_test(test_recall_a_visit_begun_is_an_arrival),
                cmocka_unit_test(test_recall_a_non_agent_in_the_passive),
                cmocka_unit_test(test_recall_ties_put_in_question),
                cmocka_unit_test(test_recall_a_violation_named_accuses),
                cmocka_unit_test(test_recall_calls_renewed_and_invitations_to_act),
                cmocka_unit_test(test_recall_ties_reviewed_in_full),
                cmocka_unit_test(test_recall_taking_part_to_come),
                cmocka_unit_test(test_recall_support_voiced),
                cmocka_unit_test(test_recall_appeals_with_an_aside_or_a_quotation),
                cmocka_unit_test(test_recall_a_warning_renewed),
                cmocka_unit_test(test_recall_a_concern_gives_way_to_the_appeal),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
