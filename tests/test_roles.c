/* Tests of who did it and to whom (roles.c, mention.c, names.c, clause.c) on
 * small articles written for each behaviour, with the real codebook in events/. */
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

/* "Mora Solano said", "Mr. Dela Paz", "Mr. Benitez": a part of a person's name
 * found before is that person, whatever introduces it. */
static void test_roles_short_name_is_the_person_named_before(void **state)
{
        struct extraction x;
        struct article *a = code("Costa Rican President Ana Lucia Mora Solano arrived in Panama on Tuesday.\n\n"
                                 "Mora Solano condemned the attack.\n\n"
                                 "Mr. Mora Solano criticised Hungary.\n\n"
                                 "Mr. Lucia criticised Poland.",
                                 &x);

        assert_int_equal(x.n, 4);
        assert_string_equal(actor_of(&x.v[0]), "Ana Lucia Mora Solano");
        assert_string_equal(actor_of(&x.v[1]), "Ana Lucia Mora Solano");
        assert_string_equal(actor_of(&x.v[2]), "Ana Lucia Mora Solano");
        assert_string_equal(actor_of(&x.v[3]), "Ana Lucia Mora Solano"); /* a middle name */
        done(a, &x);
}

/* "Óscar", "Élysée": a capital letter outside ASCII starts a name too; "de la"
 * between two names is part of the name. */
static void test_roles_names_with_accents_and_particles(void **state)
{
        struct extraction x;
        struct article *a = code("Paraguayan President Óscar Benítez Rolón arrived in Madrid on Monday. "
                                 "He was greeted by Foreign Minister Carlos Manuel de la Rosa Méndez.",
                                 &x);
        const struct extract_event *arr = find(&x, "arrival"), *rec = find(&x, "reception");

        assert_string_equal(actor_of(arr), "Óscar Benítez Rolón");
        assert_string_equal(target_of(arr), "Spain");
        assert_string_equal(actor_of(rec), "Carlos Manuel de la Rosa Méndez");
        assert_string_equal(target_of(rec), "Óscar Benítez Rolón");
        done(a, &x);
}

/* "Deputy Prime Minister and Minister of Foreign Affairs X", "Qatar's Minister
 * of State, X,": titles joined by "and" or with an "of" phrase, then the name. */
static void test_roles_long_titles_and_appositions(void **state)
{
        struct extraction x;
        struct article *a = code("Deputy Prime Minister and Minister of Foreign Affairs Ayman Khalil al-Rawashdeh "
                                 "condemned the attack. He held talks on Monday with the UN Under-Secretary-General "
                                 "for Humanitarian Affairs, Ingrid Hollander-Maes.\n\n"
                                 "Qatar's Minister of State, Khalid bin Nasser Al-Mannai, is expected in Kigali "
                                 "next week.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "criticism")), "Ayman Khalil al-Rawashdeh");
        /* the body named before a person's title is theirs, not a party */
        assert_string_equal(target_of(find(&x, "talks")), "Ingrid Hollander-Maes");
        assert_string_equal(actor_of(find(&x, "planned_visit")), "Khalid bin Nasser Al-Mannai");
        done(a, &x);
}

/* "the two countries", "both governments": the two parties named last, the
 * first the actor and the second the target. */
static void test_roles_the_two_parties(void **state)
{
        struct extraction x;
        struct article *a = code("Morocco and Mauritania agreed on Wednesday to build a power line.\n\n"
                                 "The two countries held talks in Rabat.\n\n"
                                 "The European Union urged both countries to settle the dispute.",
                                 &x);
        const struct extract_event *t = find(&x, "talks"), *ap = find(&x, "appeal");

        assert_string_equal(actor_of(t), "Morocco");
        assert_string_equal(target_of(t), "Mauritania");
        assert_string_equal(actor_of(ap), "European Union");
        assert_string_equal(target_of(ap), "Morocco");
        done(a, &x);
        /* the two named together last, though others were named more often */
        a = code("Ukraine accused Russia of stalling. Russia accused Ukraine of lying. Ukraine condemned Russia.\n\n"
                 "Germany and France called on both sides to return to the table. The two countries also "
                 "criticised Russia.",
                 &x);
        assert_string_equal(actor_of(&x.v[x.n - 1]), "Germany");
        assert_int_equal(x.v[x.n - 1].n_actors, 2);
        assert_string_equal(x.v[x.n - 1].actors[1]->name, "France");
        done(a, &x);
        /* "they" after a joint subject is both */
        a = code("Germany and France criticised Hungary on Monday. They also urged Poland to act.", &x);
        assert_string_equal(actor_of(find(&x, "appeal")), "Germany");
        assert_int_equal(find(&x, "appeal")->n_actors, 2);
        done(a, &x);
}

/* "India and Namibia are expected to sign": in talks and agreements a joint
 * actor's second party is the first's partner. */
static void test_roles_joint_actors_are_partners(void **state)
{
        struct extraction x;
        struct article *a = code("India and Namibia signed a memorandum of understanding on critical minerals.", &x);
        const struct extract_event *ag = find(&x, "agreement");

        assert_string_equal(actor_of(ag), "India");
        assert_string_equal(target_of(ag), "Namibia");
        done(a, &x);
        /* a title with a two-word demonym between the two */
        a = code("Kazakh President Nurlan Abenov and South Korean President Han Ji-ho signed 12 agreements in "
                 "Seoul on Tuesday.",
                 &x);
        ag = find(&x, "agreement");
        assert_string_equal(actor_of(ag), "Nurlan Abenov");
        assert_string_equal(target_of(ag), "Han Ji-ho");
        done(a, &x);
        /* the partner before a body named after the trigger */
        a = code("Greece and Turkey held talks on the sidelines of the UN General Assembly in New York.", &x);
        assert_string_equal(target_of(find(&x, "talks")), "Turkey");
        done(a, &x);
}

/* A ministry, department or office of a state, a capital as a subject and the
 * "we" of a government's statement stand for the state. */
static void test_roles_ministry_and_capital_stand_for_the_state(void **state)
{
        struct extraction x;
        struct article *a = code("Pakistan's Foreign Office accused India of lying.\n\n"
                                 "The U.S. State Department urged Rwanda to withdraw its troops.\n\n"
                                 "Budapest, which had threatened to block the rollover, condemned the decision.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "accusation")), "Pakistan");
        assert_string_equal(actor_of(find(&x, "appeal")), "United States");
        assert_string_equal(actor_of(find(&x, "criticism")), "Hungary");
        done(a, &x);
        a = code("Statement by the Ministry of Foreign Affairs of the Hashemite Kingdom of Jordan\n\n"
                 "The Ministry condemns the attack on the convoy.\n\n"
                 "We urge donor countries to close the funding gap.",
                 &x);
        assert_int_equal(x.n, 2);
        assert_string_equal(actor_of(&x.v[0]), "Jordan");
        assert_string_equal(actor_of(&x.v[1]), "Jordan");
        done(a, &x);
}

/* "signed a peace agreement in Washington": a place after "in" or "at" is where
 * it happened, not the other party; "arrived in Madrid" keeps its host. */
static void test_roles_place_after_in_is_no_target(void **state)
{
        struct extraction x;
        struct article *a = code("Rwanda and Burundi signed a peace agreement in Washington in June.", &x);

        assert_string_equal(target_of(find(&x, "agreement")), "Burundi");
        done(a, &x);
        a = code("Senegal accused Guinea-Bissau of piracy in Dakar.", &x);
        assert_string_equal(target_of(find(&x, "accusation")), "Guinea-Bissau");
        done(a, &x);
        /* a dateline in capitals says where the report was filed */
        a = code("NOUAKCHOTT — Morocco and Mauritania signed an agreement on Wednesday.\n\n"
                 "The two countries held talks.",
                 &x);
        assert_string_equal(actor_of(find(&x, "talks")), "Morocco");
        assert_string_equal(target_of(find(&x, "talks")), "Mauritania");
        done(a, &x);
}

/* A transcript: "Name, Title:" opens a speaker's turn, in which "we" and "I"
 * are the speaker, who is no "he" of the turn's own sentences; "Q:" ends it. */
static void test_roles_transcript_speaker_labels(void **state)
{
        struct extraction x;
        struct article *a = code("Shri Vikram Raghunathan, Official Spokesperson: We reject these allegations. "
                                 "We deplore Pakistan's attempt to use the issue for propaganda.\n\n"
                                 "Q: Is there any update on the visit?\n\n"
                                 "Shri Vikram Raghunathan, Official Spokesperson: President Mohamed Nazeer will pay "
                                 "a state visit to India from November 2-4. He will hold talks with the Prime "
                                 "Minister on November 3.",
                                 &x);
        const struct extract_event *crit = find(&x, "criticism"), *t = find(&x, "talks");

        assert_string_equal(actor_of(crit), "Vikram Raghunathan"); /* "Shri" is an honorific */
        assert_string_equal(target_of(crit), "Pakistan");
        assert_string_equal(actor_of(t), "Mohamed Nazeer");
        done(a, &x);
        /* an interview: "A:" is the person it is with; "there is" names no place */
        a = code("Indonesian Foreign Minister Ratna Wulandari spoke to the Jakarta Ledger on Monday.\n\n"
                 "Q: Critics say Indonesia has moved too close to China.\n\n"
                 "A: There is no reason for concern: we are friends with everyone.",
                 &x);
        assert_string_equal(actor_of(find(&x, "reassurance")), "Ratna Wulandari");
        done(a, &x);
}

/* "Zero, a Tbilisi-based monitoring group, criticised ...": the noun of an
 * apposition after an organisation's name is "the group" later. */
static void test_roles_organisation_by_apposition_noun(void **state)
{
        struct extraction x;
        struct article *a = code("Caucasus Press Watch, a Tbilisi-based monitoring group, condemned the ruling.\n\n"
                                 "Georgia criticised the report. The group accused Georgia of lying.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "accusation")), "Caucasus Press Watch");
        done(a, &x);
}

/* "the Paraguayan leader": the person of that country named last. */
static void test_roles_demonym_and_title_is_the_person(void **state)
{
        struct extraction x;
        struct article *a = code("Paraguayan President Oscar Benitez arrived in Madrid on Monday. On Tuesday King "
                                 "Felipe VI received him at the Royal Palace, before the Paraguayan leader laid a "
                                 "wreath at the Monument to the Fallen.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "commemoration")), "Oscar Benitez");
        done(a, &x);
}

/* "the two governments" are states when two were named, before any other body. */
static void test_roles_two_governments_are_states(void **state)
{
        struct extraction x;
        struct article *a = code("Paraguayan President Oscar Benitez arrived in Spain on Monday.\n\n"
                                 "The talks focused on Paraguay's hydropower and on the agreement between the "
                                 "European Union and Mercosur.\n\n"
                                 "The two governments then signed seven agreements.",
                                 &x);
        const struct extract_event *ag = find(&x, "agreement");

        assert_string_equal(actor_of(ag), "Spain");
        assert_string_equal(target_of(ag), "Paraguay");
        done(a, &x);
}

/* "accused Rwanda of ..., and demanded their withdrawal": a verb coordinated
 * with the clause's first one, with no object of its own that names anybody,
 * has that verb's object as its target. */
static void test_roles_coordinated_verb_shares_the_target(void **state)
{
        struct extraction x;
        struct article *a = code("The Democratic Republic of the Congo on Wednesday accused Rwanda of sending troops "
                                 "across the border, and demanded their immediate withdrawal.",
                                 &x);

        assert_string_equal(target_of(find(&x, "accusation")), "Rwanda");
        assert_string_equal(actor_of(find(&x, "appeal")), "Democratic Republic of the Congo");
        assert_string_equal(target_of(find(&x, "appeal")), "Rwanda");
        done(a, &x);
}

/* "Costa Rican President X": a two-word demonym gives a person's country, and
 * a speaker for their own state speaks its intent. */
static void test_roles_two_word_demonyms(void **state)
{
        struct extraction x;
        struct article *a = code("Costa Rican President Ana Mora arrived in Panama on Tuesday.\n\n"
                                 "The Costa Rican government condemned the attack.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "arrival")), "Ana Mora");
        assert_string_equal(find(&x, "arrival")->actors[0]->country, "CRI");
        assert_string_equal(actor_of(find(&x, "criticism")), "Costa Rica");
        done(a, &x);
}

/* "Tajikistan's Justice Minister X", "Kenya's Trade Minister, X,": a state
 * in the possessive before a person's title says whose official the person is;
 * the person is the party. */
static void test_roles_possessive_state_before_title_is_no_party(void **state)
{
        struct extraction x;
        struct article *a = code("Kenya's Trade Minister Grace Wanjiru criticised Uganda on Tuesday.\n\n"
                                 "Mr. Haqqani held talks with Tajikistan's Minister of Justice, Muzaffar Ashuriyon, "
                                 "on Sunday.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "criticism")), "Grace Wanjiru");
        assert_string_equal(target_of(find(&x, "talks")), "Muzaffar Ashuriyon");
        done(a, &x);
}

/* "The Council", "the ministry": a body's head noun alone, after "the", is the
 * body named last with that head ("the Peace and Security Council"), or the
 * state whose body it named ("Israel's Foreign Ministry"). */
static void test_roles_the_head_noun_is_the_body_named_before(void **state)
{
        struct extraction x;
        struct article *a = code("The Peace and Security Council of the African Union met in Addis Ababa on Thursday.\n\n"
                                 "The Council strongly condemns the drone attacks on the camp.\n\n"
                                 "The Council welcomes the meeting with the Chairman of the Transitional "
                                 "Sovereignty Council, General Abdel Fattah al-Burhan.\n\n"
                                 "The Council calls on all parties to agree to a ceasefire.\n\n"
                                 "Israel's Foreign Ministry rejected the order on Friday. The ministry accused UNRWA "
                                 "of bias.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "criticism")), "African Union Peace and Security Council");
        assert_string_equal(actor_of(find(&x, "accusation")), "Israel");
        assert_string_equal(actor_of(find(&x, "appeal")), "African Union Peace and Security Council");
        done(a, &x);
}

/* "is due to travel to Washington for talks with US officials": a state or
 * capital after "to" is where somebody goes, not who acts after it. */
static void test_roles_destination_is_no_actor(void **state)
{
        struct extraction x;
        struct article *a = code("Guyana's President Rohan Persaud is due to travel to Washington next week for talks "
                                 "with US officials on security cooperation.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "talks")), "Rohan Persaud");
        assert_string_equal(target_of(find(&x, "talks")), "United States");
        done(a, &x);
}

/* "U.S. officials", "the U.K.": an abbreviation written with its closing dot
 * names the state. */
static void test_roles_dotted_abbreviations(void **state)
{
        struct extraction x;
        struct article *a = code("Kenya criticised U.S. officials on Monday.\n\n"
                                 "Uganda held talks with the U.K. on Tuesday.\n\n"
                                 "Israel accused the U.N. agency of bias.",
                                 &x);

        assert_string_equal(target_of(find(&x, "criticism")), "United States");
        assert_string_equal(target_of(find(&x, "talks")), "United Kingdom");
        assert_string_equal(target_of(find(&x, "accusation")), "United Nations");
        done(a, &x);
}

/* "X would lead the U.S. delegation and would arrive": a verb after "and"
 * (past modals and auxiliaries) shares the subject of the verb it joins, not
 * the object named between. */
static void test_roles_coordinated_verb_shares_the_subject(void **state)
{
        struct extraction x;
        struct article *a = code("The State Department said that Deputy Secretary of State Marcus Ellery-Vance would "
                                 "lead the U.S. delegation and would arrive in Koror on Tuesday.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "planned_visit")), "Marcus Ellery-Vance");
        done(a, &x);
}

/* "The Taliban's chief justice, Abdul Hakim Haqqani,", "the Speaker of the
 * National Assembly, Alen Simonyan": a title (and a noun that completes it),
 * a comma, then the name; "Mr. Haqqani" later is that person. A dateline's
 * city says where, not whose official he is. */
static void test_roles_name_apposed_to_a_title(void **state)
{
        struct extraction x;
        struct article *a = code("DUSHANBE — The Taliban's chief justice, Abdul Hakim Haqqani, arrived in Tajikistan on "
                                 "Monday.\n\n"
                                 "Mr. Haqqani held talks with the Speaker of the National Assembly, Alen Simonyan, "
                                 "on Tuesday.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "arrival")), "Abdul Hakim Haqqani");
        assert_string_equal(target_of(find(&x, "arrival")), "Tajikistan"); /* the dateline gives him no country */
        assert_string_equal(actor_of(find(&x, "talks")), "Abdul Hakim Haqqani");
        assert_string_equal(target_of(find(&x, "talks")), "Alen Simonyan");
        done(a, &x);
}

/* "Arriving in Yerevan on Monday, the Speaker ...": a place after "in" says
 * where, so it is never the sentence's subject. */
static void test_roles_where_is_no_subject(void **state)
{
        struct extraction x;
        struct article *a = code("Arriving in Yerevan on Monday, Katrin Brenneisen said the visit would focus on trade.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "arrival")), "Katrin Brenneisen");
        done(a, &x);
}

/* "At the invitation of the Government of Kazakhstan, Premier Li Qiang will
 * visit": a comma joins actors only in a list that ends with "and" ("Germany,
 * France and Italy"); a fronted phrase's name is no co-actor. */
static void test_roles_comma_joins_only_a_list(void **state)
{
        struct extraction x;
        struct article *a = code("At the invitation of the Government of Kazakhstan, Premier Li Qiang will visit "
                                 "Kazakhstan on Monday.\n\n"
                                 "Germany, France and Italy condemned the attack.",
                                 &x);
        const struct extract_event *visit = find(&x, "planned_visit"), *crit = find(&x, "criticism");

        assert_non_null(visit);
        assert_string_equal(actor_of(visit), "Li Qiang");
        assert_int_equal(visit->n_actors, 1);
        assert_non_null(crit);
        assert_int_equal(crit->n_actors, 3);
        done(a, &x);
}

/* "met her British counterpart": a demonym and a title after a possessive name
 * the person of that country named before, or else the state. */
static void test_roles_demonym_counterpart_is_the_state(void **state)
{
        struct extraction x;
        struct article *a = code("Kenyan Foreign Minister Amina Odhiambo met her British counterpart on Monday evening "
                                 "to discuss the war in Sudan.",
                                 &x);

        assert_string_equal(target_of(find(&x, "talks")), "United Kingdom");
        done(a, &x);
        a = code("Kenyan Foreign Minister Amina Odhiambo met her Ugandan counterpart, Sam Kutesa, on Monday.", &x);
        assert_string_equal(target_of(find(&x, "talks")), "Sam Kutesa");
        done(a, &x);
}

/* "The UN envoy for Sudan, Marit Haugland, will travel": a title's "of", "for"
 * or "on" phrase may name the state or place of the office; the name after
 * it is still the person, and the state is no party. */
static void test_roles_title_for_a_state_then_the_name(void **state)
{
        struct extraction x;
        struct article *a = code("The United Nations envoy for Sudan, Marit Haugland, will travel to Cairo next week.", &x);

        assert_string_equal(actor_of(find(&x, "planned_visit")), "Marit Haugland");
        done(a, &x);
        a = code("His Special Envoy on Myanmar, Ana Lobo, will visit Dhaka next week.", &x);
        assert_string_equal(actor_of(find(&x, "planned_visit")), "Ana Lobo");
        done(a, &x);
}

/* "The Secretary thanked Ghana": a capitalised title with no name after it
 * names the person last named whose title opens with it (the Secretary of
 * State named before), so the state after the verb stays the target. */
static void test_roles_capitalised_title_alone_is_the_person_named_before(void **state)
{
        struct extraction x;
        struct article *a = code("Yesterday, Secretary of State Laura Whitford spoke by phone with Ghanaian Foreign "
                                 "Minister Kofi Mensah. The Secretary thanked Ghana for its leadership of the regional "
                                 "initiative and reaffirmed our support for its efforts.",
                                 &x);
        const struct extract_event *st = find(&x, "statement");

        assert_string_equal(actor_of(st), "Laura Whitford");
        assert_string_equal(target_of(st), "Ghana");
        done(a, &x);
        /* two presidents named: "The President" is neither of them */
        a = code("President Anton Velik met President Boris Karan on Monday. The President thanked Ghana for its "
                 "leadership of the regional initiative and reaffirmed our support for its efforts.",
                 &x);
        st = find(&x, "statement");
        assert_non_null(st);
        assert_string_not_equal(actor_of(st), "Boris Karan");
        done(a, &x);
}

/* "called on the authorities in Managua": a capital after "the government
 * in" or "the authorities in" is whose they are, not where; they act for the
 * state. A capital after other words stays where. */
static void test_roles_authorities_in_a_capital_are_the_state(void **state)
{
        struct extraction x;
        struct article *a = code("France called on the authorities in Managua to release the prisoners.", &x);

        assert_string_equal(target_of(find(&x, "appeal")), "Nicaragua");
        done(a, &x);
        a = code("France called on Spain to release the prisoners held in Managua.", &x);
        assert_string_equal(target_of(find(&x, "appeal")), "Spain");
        done(a, &x);
}

/* "India and the UAE signed": "the" after "and" still joins two actors. */
static void test_roles_and_the_joins_actors(void **state)
{
        struct extraction x;
        struct article *a = code("France and the United Arab Emirates signed three agreements on Saturday.", &x);
        const struct extract_event *ag = find(&x, "agreement");

        assert_non_null(ag);
        assert_string_equal(actor_of(ag), "France");
        assert_int_equal(ag->n_actors, 2);
        done(a, &x);
}

/* "The leader of the Workers' Party in the lower house, Enio Verri, accused":
 * a title's longer phrase, then a name set off by commas, is that person. */
static void test_roles_long_title_phrase_then_apposed_name(void **state)
{
        struct extraction x;
        struct article *a = code("The leader of the Labour Party in the lower house, Enio Verri, accused France of "
                                 "abandoning the fishermen.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "accusation")), "Enio Verri");
        done(a, &x);
        /* a "for" phrase too */
        a = code("A spokesman for the ministry, Ruslan Varankov, criticised Canada.", &x);
        assert_string_equal(actor_of(find(&x, "criticism")), "Ruslan Varankov");
        done(a, &x);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_roles_short_name_is_the_person_named_before),
                cmocka_unit_test(test_roles_names_with_accents_and_particles),
                cmocka_unit_test(test_roles_long_titles_and_appositions),
                cmocka_unit_test(test_roles_the_two_parties),
                cmocka_unit_test(test_roles_joint_actors_are_partners),
                cmocka_unit_test(test_roles_ministry_and_capital_stand_for_the_state),
                cmocka_unit_test(test_roles_place_after_in_is_no_target),
                cmocka_unit_test(test_roles_transcript_speaker_labels),
                cmocka_unit_test(test_roles_organisation_by_apposition_noun),
                cmocka_unit_test(test_roles_demonym_and_title_is_the_person),
                cmocka_unit_test(test_roles_two_governments_are_states),
                cmocka_unit_test(test_roles_coordinated_verb_shares_the_target),
                cmocka_unit_test(test_roles_two_word_demonyms),
                cmocka_unit_test(test_roles_possessive_state_before_title_is_no_party),
                cmocka_unit_test(test_roles_the_head_noun_is_the_body_named_before),
                cmocka_unit_test(test_roles_destination_is_no_actor),
                cmocka_unit_test(test_roles_dotted_abbreviations),
                cmocka_unit_test(test_roles_coordinated_verb_shares_the_subject),
                cmocka_unit_test(test_roles_name_apposed_to_a_title),
                cmocka_unit_test(test_roles_where_is_no_subject),
                cmocka_unit_test(test_roles_comma_joins_only_a_list),
                cmocka_unit_test(test_roles_demonym_counterpart_is_the_state),
                cmocka_unit_test(test_roles_title_for_a_state_then_the_name),
                cmocka_unit_test(test_roles_capitalised_title_alone_is_the_person_named_before),
                cmocka_unit_test(test_roles_authorities_in_a_capital_are_the_state),
                cmocka_unit_test(test_roles_and_the_joins_actors),
                cmocka_unit_test(test_roles_long_title_phrase_then_apposed_name),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
