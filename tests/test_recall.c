/* Tests of which events the coder finds, no more and no fewer: plans coded as
 * plans, sanctions told as background, courts' rulings and orders, questions,
 * the official register and what reporting verbs say. The real codebook. */
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

/* A visit or an arrival still to come is a planned visit, whatever verb tells it. */
static void test_recall_a_planned_visit_is_coded_as_planned(void **state)
{
        struct extraction x;
        struct article *a;

        (void)state;
        expect_only("Rachel Whitcombe said on Friday that she would travel to Koror on Sunday.", "planned_visit",
                    "visit");
        expect_only("Deputy Secretary Marcus Ellery-Vance would arrive in Koror on Tuesday.", "planned_visit",
                    "arrival");
        expect_only("Mr. Benitez is scheduled to travel to Barcelona on Thursday.", "planned_visit", "visit");
        expect_only("Emmanuel Macron visited Mongolia on Friday.", "visit", "planned_visit");
        a = code("Vladimir Putin would arrive in Mongolia on Tuesday.", &x);
        assert_int_equal(find(&x, "planned_visit")->modality, MODALITY_PLANNED);
        assert_string_equal(actor_of(find(&x, "planned_visit")), "Vladimir Putin");
        done(a, &x);
}

/* A state or body imposing sanctions now is a sanction; sanctions imposed long
 * ago or at no time told are background; the word alone is no event. */
static void test_recall_sanctions(void **state)
{
        struct extraction x;
        struct article *a;

        (void)state;
        expect_only("The European Union imposed new sanctions on Russia on Monday.", "sanction",
                    "sanctions_background");
        expect_only("The European Union extended its sanctions against Belarus on Tuesday.", "sanction", NULL);
        expect_only("The United Nations Security Council imposed a targeted sanctions regime on Haiti in 2022.",
                    "sanctions_background", "sanction");
        expect_only("The European Union has designated several Haitian gang leaders under its sanctions regime.",
                    "sanctions_background", "sanction");
        expect_only("Canada froze the assets of three Haitian businessmen, its foreign minister said.", "sanction",
                    "sanctions_background");
        a = code("The U.N. Security Council imposed a targeted sanctions regime on Haiti in 2022, and the European "
                 "Union has designated several Haitian gang leaders.",
                 &x);
        assert_int_equal(count(&x, "sanctions_background"), 2);
        done(a, &x);
        expect_none("Kenya designated a new ambassador to Sudan on Monday.", "sanction");
        expect_only("The United States designated the group a terrorist organisation on Monday.", "sanction", NULL);
        expect_none("Sanctions could hurt the economy of Russia, analysts said.", "sanction");
        expect_none("Sanctions could hurt the economy of Russia, analysts said.", "sanctions_background");
        a = code("The United States will impose sanctions on Venezuela next week.", &x);
        assert_non_null(find(&x, "sanction"));
        assert_int_equal(find(&x, "sanction")->modality, MODALITY_PLANNED);
        assert_string_equal(actor_of(find(&x, "sanction")), "United States");
        done(a, &x);
}

/* A court rules or orders; a ruling still to come is planned. */
static void test_recall_court_findings(void **state)
{
        struct extraction x;
        struct article *a;

        (void)state;
        a = code("The International Court of Justice will rule next month.", &x);
        assert_non_null(find(&x, "court_finding"));
        assert_int_equal(find(&x, "court_finding")->modality, MODALITY_PLANNED);
        done(a, &x);
        a = code("The International Tribunal for the Law of the Sea ordered Guinea-Bissau to release the vessel.",
                 &x);
        assert_non_null(find(&x, "court_finding"));
        assert_string_equal(find(&x, "court_finding")->cameo, "1013");
        assert_string_equal(actor_of(find(&x, "court_finding")), "International Tribunal for the Law of the Sea");
        done(a, &x);
        a = code("The International Tribunal for the Law of the Sea gave its judgment. In its judgment, the tribunal "
                 "found that the bond demanded by Guinea-Bissau was not reasonable.",
                 &x);
        assert_int_equal(count(&x, "court_finding"), 1);
        assert_int_equal(find(&x, "court_finding")->sentence, 2);
        done(a, &x);
        expect_none("Vladimir Putin ordered troops to the border.", "court_finding");
}

/* "the bond demanded by Bissau": a participle after its noun, with its agent,
 * describes the noun; nobody demands anything in this sentence. */
static void test_recall_reduced_relatives_are_no_acts(void **state)
{
        (void)state;
        expect_none("The tribunal said the bond demanded by Guinea-Bissau was not reasonable.", "appeal");
        expect_only("Guinea-Bissau demanded a bond of four million euros.", "appeal", NULL);
        expect_none("Georgiy Tykhiy accused Mongolia of \"allowing the indicted criminal to escape justice.\"",
                    "warrant_background");
        expect_none("Ukraine said the accused minister should resign.", "accusation");
}

/* A question asked is no event told. */
static void test_recall_questions_tell_nothing(void **state)
{
        struct extraction x;
        struct article *a = code("Q: Is there any update on the Maldivian President's visit to India?", &x);

        (void)state;
        assert_int_equal(x.n, 0);
        done(a, &x);
}

/* Reporting verbs beyond "said" tell a statement when what they report is no
 * other event; the official register's rejection and condolences are statements. */
static void test_recall_reporting_verbs_and_the_register(void **state)
{
        struct extraction x;
        struct article *a;

        (void)state;
        expect_only("\"Aid workers are not a target,\" the minister Ayman Safadi wrote on the X platform on Monday.",
                    "statement", NULL);
        expect_only("Pieter Van Acker, a spokesman for the European Commission, added that the bloc stood ready.",
                    "statement", NULL);
        expect_only("Foreign Minister Ratna Wulandari spoke to the Jakarta Ledger on Monday.", "statement", NULL);
        expect_only("We extend our sincere condolences to the families of the victims.", "statement", NULL);
        expect_only("Jordan rejected these baseless allegations on Monday.", "statement", NULL);
        expect_none("Russia added three names to the list on Monday.", "statement");
        expect_none("Israel is not a member of the Court and rejects its jurisdiction.", "statement");
        expect_none("Brussels is writing rules for our farmers.", "statement");
        a = code("Jordan's foreign ministry said Israel had violated the truce, and added charges against "
                 "the commander were filed.",
                 &x);
        assert_int_equal(count(&x, "statement"), 1);
        done(a, &x);
}

/* Talks told as nouns ("two rounds of talks", "consultations", "the summit
 * opens"), and a meeting someone is due to hold. */
static void test_recall_talks_as_nouns_and_plans(void **state)
{
        (void)state;
        expect_only("Senegal and Guinea-Bissau held two rounds of talks on their boundary in 2025.", "talks", NULL);
        expect_only("Senegal and Guinea-Bissau held talks in Dakar on Monday.", "talks", NULL);
        expect_only("A third round is scheduled for October in Bissau.", "talks", NULL);
        expect_only("Qatar opened a new round of talks in Doha on Monday between Chad and the rebels.", "talks", NULL);
        expect_only("Qatar's prime minister is due to meet both delegations on Thursday.", "talks", NULL);
        expect_only("Khalid Al-Mannai is expected in Kigali next week for consultations with both presidents.", "talks",
                    NULL);
        expect_only("The Pacific Islands Forum Leaders Meeting opens on Monday in Koror.", "talks", NULL);
        expect_only("The bloc's 49th summit is scheduled for November.", "talks", NULL);
        expect_only("Talks between Pedro Sanchez and Javier Montero on Tuesday focused on the war.", "talks", NULL);
        expect_none("The talks collapsed in 2024.", "talks");
        expect_none("The ruling opened the door to talks on the border.", "talks");
}

/* "would designate X" in an article on sanctions is a sanction. */
static void test_recall_the_title_names_the_designation(void **state)
{
        struct extraction x;
        struct article_options opts = { .name = "test.txt" };
        struct parse_error err = { 0 };
        struct article *a = NULL;
        char *text = strdup("Title: Britain and Canada sanction a former senator\nDate: 2024-09-02\n\n"
                            "Britain's Foreign Office said it would designate Josue Dorval in the coming days.\n");

        (void)state;
        assert_non_null(text);
        assert_int_equal(article_parse(text, strlen(text), &opts, cb->lexicon, &a, &err), 0);
        assert_int_equal(extract_article(cb, a, &x), 0);
        assert_int_equal(count(&x, "sanction"), 1);
        done(a, &x);
}

/* A topic the sentence touches and the headline confirms: talks on energy in
 * an article about a power line are economic talks; the headline alone is not. */
static void test_recall_the_title_confirms_the_topic(void **state)
{
        struct extraction x;
        struct article_options opts = { .name = "test.txt" };
        struct parse_error err = { 0 };
        struct article *a = NULL;
        char *text = strdup("Title: Morocco and Mauritania agree to build a power line\nDate: 2024-09-02\n\n"
                           "Morocco's energy minister held two days of talks in Nouakchott with Mauritania.\n"
                           "Morocco's foreign minister held talks in Rabat with Mauritania on Monday.\n");

        (void)state;
        assert_non_null(text);
        assert_int_equal(article_parse(text, strlen(text), &opts, cb->lexicon, &a, &err), 0);
        assert_int_equal(extract_article(cb, a, &x), 0);
        assert_int_equal(count(&x, "economic_talks"), 1);
        assert_int_equal(find(&x, "economic_talks")->paragraph, 1);
        assert_int_equal(count(&x, "talks"), 1);
        done(a, &x);
}

/* The official register: a call on somebody to act is an appeal, a call on a
 * president a courtesy call; support and reaffirmation are statements only
 * where nothing else was said; a thank-you to the audience is no event. */
static void test_recall_the_official_register(void **state)
{
        (void)state;
        expect_only("The Ministry welcomes the decision of the Secretary-General, and calls on all parties to the "
                    "conflict to cooperate fully.",
                    "appeal", NULL);
        expect_only("The External Affairs Minister Sushila Venkataraman will call on President Nangolo Mbumba.",
                    "talks", "appeal");
        expect_only("Jordan called on Israel to withdraw.", "appeal", "talks");
        expect_only("The 11 member states called on all parties in the South China Sea to exercise self-restraint.",
                    "appeal", NULL);
        expect_only("We reaffirm our support for the United Nations.", "statement", NULL);
        expect_only("The leaders reaffirmed the consensus and urged the military authorities to release prisoners.",
                    "appeal", "statement");
        expect_none("Good afternoon and thank you for joining this briefing.", "statement");
        expect_only("Senegal welcomed the judgment of the tribunal on Friday.", "statement", "reception");
        expect_only("The Peace and Security Council welcomed the resumption of the talks on Tuesday.", "statement",
                    "reception");
        expect_only("China firmly opposes any outside interference in the dispute.", "criticism", NULL);
        expect_none("Uzbekistan long opposed the dam, fearing for its water.", "criticism");
        expect_none("Palau supports a moratorium, which the Cook Islands opposes.", "criticism");
}

/* Intents to invest, lend or pay, and agreements reached with words between. */
static void test_recall_intents_and_agreements(void **state)
{
        (void)state;
        expect_only("The African Development Bank said it was ready to lend up to 300 million dollars.",
                    "economic_intent", "statement");
        expect_only("The World Bank said it was prepared to provide up to 700 million dollars in financing.",
                    "economic_intent", "statement");
        expect_only("Mauritania hoped to attract 10 billion dollars of foreign investment.", "economic_intent", NULL);
        expect_only("Australia would contribute an additional 50 million dollars to the fund.", "economic_intent",
                    NULL);
        expect_none("Costa Rican companies have invested about 400 million dollars in the Dominican Republic.",
                    "economic_intent");
        expect_only("Morocco and Mauritania agreed on Wednesday to build a power line.", "agreement", "statement");
        expect_only("On Friday, leaders are expected to adopt a Koror Declaration on ocean governance.", "agreement",
                    NULL);
}

/* "after the signing ceremony": a nominal event named for the time of another. */
static void test_recall_a_nominal_time_anchor_is_no_event(void **state)
{
        (void)state;
        expect_none("Leila Bennani told reporters after the signing ceremony that the line was strategic.",
                    "agreement");
        expect_only("Leila Bennani told reporters after the signing ceremony that the line was strategic.",
                    "statement", NULL);
        expect_only("The signing ceremony was held in Rabat on Monday.", "agreement", NULL);
}

/* Raising a matter with somebody is talking with them; answering in kind is a
 * threat; asking somebody to act is an appeal, requesting a thing is not. */
static void test_recall_raising_retaliating_and_asking(void **state)
{
        (void)state;
        expect_only("Ms. Kairiene said she would raise the balloon incidents with her EU counterparts on Monday.",
                    "talks", "statement");
        expect_only("Belarus would respond in a mirror manner, its foreign ministry said.", "threat", NULL);
        expect_only("Russia vowed to retaliate against the new sanctions.", "threat", NULL);
        expect_only("He added that Kinshasa was asking the United States and Qatar, which mediated earlier accords "
                    "between the two countries, to convene an urgent meeting.",
                    "appeal", "statement");
        expect_none("Giorgi Tsereteli said the government respected the court but would request a referral of the "
                    "case.",
                    "appeal");
        expect_only("Saudi Arabia pledged two years ago to invest in our new capital.", "economic_intent", NULL);
}

/* Words quoted inside the reporter's own clause are what the speaker said:
 * 'said hauliers had "no reason to panic"'; a quotation of whole sentences
 * stays somebody's words. */
static void test_recall_embedded_quotations(void **state)
{
        (void)state;
        expect_only("Tomas Jankauskas said on Thursday that hauliers had \"no reason to panic\".", "reassurance",
                    "statement");
        expect_only("Giorgi Tsereteli called the judgment \"politically motivated\".", "criticism", NULL);
        expect_none("\"We condemn this,\" a bystander shouted at Giorgi Tsereteli.", "criticism");
}

/* A guest "was met by" an official at the airport is received, not in talks;
 * a call "by telephone" is talks; "lay" is
 * read as the verb of laying a wreath, not the past of "lie". */
static void test_recall_receptions_calls_and_wreaths(void **state)
{
        (void)state;
        expect_only("The Malian president arrived in Accra on Monday. He was met at the airport by Foreign Minister "
                    "Kofi Mensah and a guard of honour.",
                    "reception", "talks");
        expect_only("Leila Bennani spoke by telephone with Giorgi Tsereteli on Monday.", "talks", "statement");
        expect_only("Leila Bennani spoke by phone with Giorgi Tsereteli on Monday.", "talks", "statement");
        expect_only("Leila Bennani was due to speak with Giorgi Tsereteli on Wednesday.", "talks", NULL);
        expect_only("On Friday, Leila Bennani is scheduled to lay a wreath at the war memorial.", "commemoration",
                    NULL);
        expect_only("Leila Bennani will lay a wreath at the war memorial.", "commemoration", NULL);
        expect_only("Leila Bennani met Giorgi Tsereteli in Rabat on Monday.", "talks", "reception");
}

/* Set phrases of diplomacy: inviting somebody to visit is a planned visit by
 * the invitee; exchanging views is talking; reserving the right to act is a
 * threat; announcing investments is an intent to invest. */
static void test_recall_invitations_views_and_rights(void **state)
{
        (void)state;
        struct extraction x;
        struct article *a =
                code("President Leila Bennani invited Prime Minister Giorgi Tsereteli to visit Morocco next year.", &x);

        assert_int_equal(count(&x, "planned_visit"), 1);
        assert_string_equal(actor_of(find(&x, "planned_visit")), "Giorgi Tsereteli");
        done(a, &x);
        expect_only("Leila Bennani and Giorgi Tsereteli also exchanged views on the situation in the region.", "talks",
                    NULL);
        expect_only("The ministry said Georgia reserved its right to take all measures necessary to defend its "
                    "interests.",
                    "threat", "statement");
        expect_only("Morocco reserves the right to respond to this hostile act, Leila Bennani said.", "threat",
                    "statement");
        expect_only("Several Moroccan firms announced new investments in Georgia at the forum.", "economic_intent",
                    "statement");
}

/* A quotation of whole sentences with its speaker named outside it ('"We call
 * on X to ...," the minister said') is the speaker's act: an appeal, threat or
 * criticism by the speaker, not a bare statement; a quotation with no saying
 * verb outside it (a banner, a sign) is nobody's act. */
static void test_recall_whole_quotations_are_the_speakers_acts(void **state)
{
        (void)state;
        struct extraction x;
        struct article *a = code("\"We call on Georgia to withdraw its troops at once,\" Foreign Minister Leila "
                                 "Bennani said on Monday.",
                                 &x);

        assert_int_equal(count(&x, "appeal"), 1);
        assert_int_equal(count(&x, "statement"), 0);
        assert_string_equal(actor_of(find(&x, "appeal")), "Leila Bennani");
        done(a, &x);
        expect_only("\"Morocco reserves the right to respond to this hostile act,\" Foreign Minister Leila Bennani "
                    "told reporters.",
                    "threat", "statement");
        expect_none("The banner read: \"We call on Georgia to withdraw its troops at once.\"", "appeal");
        /* a name after the quotation is none of its roles */
        a = code("\"We reserve the right to respond to this hostile act,\" Foreign Minister Leila Bennani said "
                 "after meeting President Giorgi Tsereteli.",
                 &x);
        assert_int_equal(count(&x, "threat"), 1);
        assert_null(find(&x, "threat")->target);
        done(a, &x);
}

/* A court that strikes down, overturns or annuls, or that "also ordered",
 * rules: a court_finding, not a statement. */
static void test_recall_courts_strike_down_and_also_order(void **state)
{
        (void)state;
        expect_only("The Constitutional Court on Wednesday struck down a decree declaring a state of emergency.",
                    "court_finding", "statement");
        expect_only("The International Court of Justice overturned the ban on Monday.", "court_finding", NULL);
        expect_only("The International Court of Justice met on Monday. The court also ordered Georgia to report "
                    "within a month.",
                    "court_finding", NULL);
        expect_none("Giorgi Tsereteli struck down the proposal at the meeting.", "court_finding");
        expect_none("The government filed a motion asking the court to annul the ruling.", "court_finding");
}

/* Diplomatic set phrases: a protest lodged is criticism; resolute measures
 * promised are a threat; sending a delegation or undertaking a mission is a
 * visit; an agreement concluded with an adjective between is an agreement;
 * relaunched negotiations are talks; bans and embargoes are sanctions. */
static void test_recall_protests_missions_and_embargoes(void **state)
{
        (void)state;
        expect_only("Morocco lodged stern representations with Georgia on Tuesday.", "criticism", NULL);
        expect_only("Morocco lodged a formal protest with Georgia on Tuesday.", "criticism", NULL);
        expect_only("Morocco will take resolute measures to safeguard its interests.", "threat", NULL);
        expect_only("The committee will send a delegation to Rabat next week.", "planned_visit", NULL);
        expect_only("The Council will undertake a field mission to Rabat in April.", "planned_visit", NULL);
        expect_only("The bloc said it would send a high-level mission to Conakry on Friday.", "planned_visit",
                    "statement");
        expect_only("Morocco concluded a similar agreement with Georgia in September.", "agreement", NULL);
        expect_only("Morocco relaunched negotiations with Georgia last year.", "talks", NULL);
        expect_only("Georgia has been under a United Nations arms embargo since 2004.", "sanctions_background", NULL);
        expect_only("The United States imposed visa bans and asset freezes on Georgian officials on Monday.", "sanction",
                    NULL);
}

/* Praise or welcome next to a stronger act in one sentence is left to that
 * act; alone, it is a statement. */
static void test_recall_a_stance_yields_to_a_stronger_act(void **state)
{
        (void)state;
        expect_only("Leila Bennani hailed the decision and called on Georgia to withdraw its troops.", "appeal",
                    "statement");
        expect_only("Leila Bennani hailed the decision on Monday.", "statement", NULL);
}

/* "condemns the attack and urges restraint" holds an appeal ("urges" is the
 * second verb of its subject: the tagger), and so does ", urging both sides"
 * (a form the appeal rule names, as a participle after a comma reads as a noun). */
static void test_recall_urging_after_and_or_a_comma(void **state)
{
        (void)state;
        expect_only("Morocco condemns the attack and urges restraint.", "appeal", NULL);
        expect_only("Morocco condemned the attack, urging both sides to show restraint.", "appeal", NULL);
}

/* Hosting a conference, forum or meeting on the economy is economic talks,
 * planned when it "would" be hosted; debt is economic. */
static void test_recall_hosting_an_economic_conference(void **state)
{
        (void)state;
        struct extraction x;
        struct article *a =
                code("Leila Bennani added that Morocco would host a ministerial conference on debt relief and trade "
                     "in Rabat in October.",
                     &x);

        assert_int_equal(count(&x, "economic_talks"), 1);
        assert_int_equal(find(&x, "economic_talks")->modality, MODALITY_PLANNED);
        assert_int_equal(count(&x, "statement"), 0);
        done(a, &x);
}

/* More set phrases of diplomacy and law: holding somebody responsible is an
 * accusation; advising somebody to act is an appeal; adding companies to an
 * entity list or announcing measures against somebody under a sanctions
 * headline is a sanction; warrants issued are warrants. */
static void test_recall_responsibility_advice_lists_and_warrants(void **state)
{
        (void)state;
        struct extraction x;
        struct article *a = NULL;

        expect_only("The Council holds the Georgian army responsible for the attack on the camp.", "accusation",
                    NULL);
        expect_only("We advise the Georgian side to stop hyping up the issue.", "appeal", NULL);
        expect_only("The US Commerce Department yesterday added 14 Moroccan companies to its Entity List.", "sanction",
                    NULL);
        struct article_options opts = { .name = "test.txt" };
        struct parse_error err = { 0 };
        char *text = strdup("Title: Canada sanctions Georgian officials\nDate: 2024-09-02\n\n"
                            "Canada announced parallel measures against the same six Georgian officials.\n");

        assert_non_null(text);
        assert_int_equal(article_parse(text, strlen(text), &opts, cb->lexicon, &a, &err), 0);
        assert_int_equal(extract_article(cb, a, &x), 0);
        assert_int_equal(count(&x, "sanction"), 1);
        done(a, &x);
        expect_only("Pre-Trial Chamber II of the ICC issued warrants in July 2025 for Giorgi Tsereteli.",
                    "warrant_background", NULL);
}

/* An offer to host talks is no talks held: "offered to host talks" next to
 * an appeal is that appeal; "stood ready to host" alone is a statement. */
static void test_recall_an_offer_to_host_is_no_talks(void **state)
{
        (void)state;
        expect_only("Morocco also urged restraint on Tuesday and offered to host talks between the two governments.",
                    "appeal", "talks");
        expect_none("Morocco also urged restraint on Tuesday and offered to host talks between the two governments.",
                    "statement");
        expect_only("Leila Bennani said on Tuesday that her country stood ready to host a new round of talks.",
                    "statement", "talks");
}

/* A court that says a state "has an obligation to arrest" or a "duty to
 * cooperate" reminds it of that duty; anybody else saying so does not. */
static void test_recall_a_court_states_the_duty(void **state)
{
        (void)state;
        expect_only("The ICC said on Monday that Morocco, as a state party, \"has an obligation to arrest and "
                    "surrender\" persons subject to its warrants.",
                    "court_reminder", NULL);
        expect_none("Leila Bennani said on Monday that Morocco \"has an obligation to arrest\" the general.",
                    "court_reminder");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_recall_a_planned_visit_is_coded_as_planned),
                cmocka_unit_test(test_recall_sanctions),
                cmocka_unit_test(test_recall_court_findings),
                cmocka_unit_test(test_recall_questions_tell_nothing),
                cmocka_unit_test(test_recall_reduced_relatives_are_no_acts),
                cmocka_unit_test(test_recall_reporting_verbs_and_the_register),
                cmocka_unit_test(test_recall_talks_as_nouns_and_plans),
                cmocka_unit_test(test_recall_the_title_confirms_the_topic),
                cmocka_unit_test(test_recall_the_title_names_the_designation),
                cmocka_unit_test(test_recall_the_official_register),
                cmocka_unit_test(test_recall_intents_and_agreements),
                cmocka_unit_test(test_recall_a_nominal_time_anchor_is_no_event),
                cmocka_unit_test(test_recall_raising_retaliating_and_asking),
                cmocka_unit_test(test_recall_embedded_quotations),
                cmocka_unit_test(test_recall_receptions_calls_and_wreaths),
                cmocka_unit_test(test_recall_invitations_views_and_rights),
                cmocka_unit_test(test_recall_whole_quotations_are_the_speakers_acts),
                cmocka_unit_test(test_recall_courts_strike_down_and_also_order),
                cmocka_unit_test(test_recall_protests_missions_and_embargoes),
                cmocka_unit_test(test_recall_a_stance_yields_to_a_stronger_act),
                cmocka_unit_test(test_recall_urging_after_and_or_a_comma),
                cmocka_unit_test(test_recall_hosting_an_economic_conference),
                cmocka_unit_test(test_recall_responsibility_advice_lists_and_warrants),
                cmocka_unit_test(test_recall_an_offer_to_host_is_no_talks),
                cmocka_unit_test(test_recall_a_court_states_the_duty),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
