/* Tests of who speaks in official texts (mention.c, titles.c, the gazetteer and
 * the lexicon's titles): a briefing note's "we", titles such as "High
 * Commissioner", a movement's adjective, with the real codebook in events/. */
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

/* "The High Commissioner, X, raised", "France's High Commissioner in Noumea, X,
 * said", "The Registrar ... X": titles the lexicon must know. */
static void test_statements_commissioner_is_a_title(void **state)
{
        struct extraction x;
        struct article *a = code("The High Commissioner, Henrik Aalto, criticised Oman on Monday.\n\n"
                                 "The High Commissioner is due to travel to Aden at the end of the month.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "criticism")), "Henrik Aalto");
        assert_string_equal(actor_of(find(&x, "planned_visit")), "Henrik Aalto");
        done(a, &x);
        a = code("France's High Commissioner in Noumea, Thierry Vasseur, criticised Vanuatu on Friday.", &x);
        assert_string_equal(actor_of(find(&x, "criticism")), "Thierry Vasseur");
        done(a, &x);
        a = code("Mariana Lezcano criticised Federal Councillor Beat Imhof on Friday.", &x);
        assert_string_equal(target_of(find(&x, "criticism")), "Beat Imhof");
        done(a, &x);
        a = code("Later she held a meeting with the Head of the Federal Department of Foreign Affairs of "
                 "Switzerland, Federal Councillor Beat Imhof.",
                 &x);
        assert_string_equal(target_of(find(&x, "talks")), "Beat Imhof");
        done(a, &x);
}

/* "Houthi officials have accused": the movement's adjective names it. */
static void test_statements_movement_adjective(void **state)
{
        struct extraction x;
        struct article *a = code("Houthi officials have accused the United Nations of spying.", &x);

        assert_string_equal(actor_of(find(&x, "accusation")), "Houthis");
        done(a, &x);
}

/* A briefing note headed "Spokesperson for the X: Name": its "we" is X. */
static void test_statements_we_of_a_spokespersons_office(void **state)
{
        struct extraction x;
        struct article *a = code("Spokesperson for the Office of the United Nations High Commissioner for Human "
                                 "Rights: Marta Oyelaran\n\n"
                                 "Nine United Nations staff members were detained in Sana'a this week.\n\n"
                                 "We call on Brazil to release them immediately.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "appeal")), "OHCHR");
        done(a, &x);
}

/* "Sri Lanka's Supreme Court ruled", "the Supreme Court of Chad ruled": a court
 * the gazetteer does not know is a court of its own (tagged as the gazetteer's
 * courts are), so a court's finding has it for actor; a ministry stays its state. */
static void test_statements_court_unknown_to_the_gazetteer(void **state)
{
        struct extraction x;
        struct article *a = code("Sri Lanka's Supreme Court on Wednesday ruled that the arrest was unlawful.", &x);

        assert_string_equal(actor_of(find(&x, "court_finding")), "Supreme Court");
        done(a, &x);
        a = code("BRASILIA, March 3 - Brazil's Supreme Federal Court on Wednesday ordered the government "
                 "to draw up a plan.",
                 &x);
        assert_string_equal(actor_of(find(&x, "court_finding")), "Supreme Federal Court");
        assert_string_equal(target_of(find(&x, "court_finding")), "Brazil"); /* its own state's government */
        done(a, &x);
        a = code("The Supreme Court of Chad on Wednesday ruled that the arrest was unlawful.", &x);
        assert_string_equal(actor_of(find(&x, "court_finding")), "Supreme Court of Chad");
        done(a, &x);
        a = code("Pakistan's Foreign Office criticised India.", &x);
        assert_string_equal(actor_of(find(&x, "criticism")), "Pakistan");
        done(a, &x);
}

/* "The ruling Georgian Dream party has accused": a name the gazetteer does not
 * know before a lower-case organisation noun is that organisation; a demonym
 * alone before one ("a Chinese company") is no name. */
static void test_statements_name_before_organisation_noun(void **state)
{
        struct extraction x;
        struct article *a = code("The ruling Georgian Dream party has accused Britain of interfering in "
                                 "the elections.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "accusation")), "Georgian Dream");
        done(a, &x);
        a = code("The Chinese company accused Britain of interfering in the elections.", &x);
        assert_string_not_equal(actor_of(find(&x, "accusation")), "Chinese");
        done(a, &x);
}

/* A transcript's turn labelled by a title alone ("Spokesperson:") speaks for
 * the state the briefing is from: its "we" is that state. */
static void test_statements_we_of_a_title_label(void **state)
{
        struct extraction x;
        struct article *a = code("ISLAMABAD, March 3 - The Foreign Office held its weekly briefing on Tuesday.\n\n"
                                 "Question: What about Kabul?\n\n"
                                 "Spokesperson: We urge the Afghan authorities to act against terrorists.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "appeal")), "Pakistan");
        done(a, &x);
}

/* "The Government condemned", "The Ministry calls on", "Yesterday, the
 * Ministry summoned": a state's body written alone with a capital, in a
 * statement that never gave its state in an "of" phrase, is the lead's
 * subject's state, not the state the text names most. */
static void test_statements_capitalised_body_alone(void **state)
{
        struct extraction x;
        struct article *a = code("Norway condemned Russia's attack on Monday.\n\n"
                                 "The Government condemned Russia and urged Russia to withdraw.\n\n"
                                 "The Ministry calls on Norwegian companies to exercise due diligence.\n\n"
                                 "Yesterday, the Ministry condemned the strike.",
                                 &x);

        assert_int_equal(x.n, 5);
        for (size_t i = 0; i < x.n; i++)
                assert_string_equal(actor_of(&x.v[i]), "Norway");
        done(a, &x);
        (void)state;
}

/* "PRIME MINISTER WHITMORE:": a transcript's label in capitals names the
 * person the heading named in ordinary case. */
static void test_statements_label_in_capitals_is_the_person_named(void **state)
{
        struct extraction x;
        struct article *a = code("Transcript: Joint press conference, Prime Minister Claire Whitmore and Prime "
                                 "Minister of Fiji Josaia Naivalu, Parliament Buildings, Wellington\n\n"
                                 "PRIME MINISTER WHITMORE: This morning we held talks on maritime security.\n\n"
                                 "PRIME MINISTER NAIVALU: I also urged New Zealand to ease the visa rules.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "talks")), "Claire Whitmore");
        assert_string_equal(actor_of(find(&x, "appeal")), "Josaia Naivalu");
        done(a, &x);
        (void)state;
}

/* "The secretary general of the Andean Community, Rafael Cordero, urged",
 * "The U.N. special rapporteur on ..., Ana Ferreira,", "High Representative,
 * Klaus Brenner,", "Commission Chairperson Mahmoud Ali Youssouf": titles of
 * international office, two lower-case title words, an "on" phrase. */
static void test_statements_titles_of_international_office(void **state)
{
        static const char *const text[][2] = {
                { "The secretary general of the Andean Community, Rafael Cordero, urged both countries on Tuesday "
                  "to respect the rules.",
                  "Rafael Cordero" },
                { "The U.N. special rapporteur on the situation of human rights in Myanmar, Ana Ferreira, called on "
                  "other governments to follow the lead of the EU.",
                  "Ana Ferreira" },
                { "The international community's High Representative, Klaus Brenner, welcomed the decision and "
                  "urged all sides to respect it.",
                  "Klaus Brenner" },
                { "African Union Commission Chairperson Mahmoud Ali Youssouf called on both governments to "
                  "exercise restraint.",
                  "Mahmoud Ali Youssouf" },
        };

        for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
                struct extraction x;
                struct article *a = code(text[i][0], &x);

                assert_string_equal(actor_of(find(&x, "appeal")), text[i][1]);
                done(a, &x);
        }
        (void)state;
}

/* A readout filed from a capital: "The President" alone, capitalised, is
 * that state's president (the state, for want of the name), not the foreign
 * president named with his country. */
static void test_statements_the_president_of_a_readout(void **state)
{
        struct extraction x;
        struct article *a = code("WASHINGTON, March 12 - Readout of the call of the President with President "
                                 "John Dramani Mahama of Ghana.\n\n"
                                 "The President spoke today with President John Dramani Mahama of Ghana.\n\n"
                                 "The President reaffirmed the commitment of the United States to the security of "
                                 "Ghana and criticised Russia.\n\n"
                                 "President Mahama criticised Burkina Faso.",
                                 &x);

        assert_string_equal(actor_of(&x.v[x.n - 2]), "United States");
        assert_string_equal(actor_of(&x.v[x.n - 1]), "John Dramani Mahama");
        done(a, &x);
        (void)state;
}

/* "the Danish prime minister": of the people of that state named, the one
 * whose title has the words, not the one named last. */
static void test_statements_demonym_title_needs_the_title(void **state)
{
        struct extraction x;
        struct article *a = code("Prime Minister of Denmark Kasper Lund arrived in Tashkent on Monday, accompanied "
                                 "by Danish Minister for Development Cooperation Mette Holm Rasmussen.\n\n"
                                 "On Wednesday morning the Danish prime minister laid flowers at the Independence "
                                 "Monument.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "commemoration")), "Kasper Lund");
        done(a, &x);
        (void)state;
}

/* "The Secretary-General condemns", "The High Representative held talks": a
 * compound office title alone, capitalised, with nobody named to it, is the
 * office holder, named by the office; "He" later is the same. */
static void test_statements_office_alone_is_its_holder(void **state)
{
        struct extraction x;
        struct article *a = code("The Secretary-General condemns all violations of the sovereignty of Syria and "
                                 "calls on Israel to respect the 1974 Agreement.\n\n"
                                 "The High Representative held talks with Iranian Foreign Minister Abbas Araghchi.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "criticism")), "Secretary-General");
        assert_string_equal(actor_of(find(&x, "appeal")), "Secretary-General");
        assert_string_equal(actor_of(find(&x, "talks")), "High Representative");
        done(a, &x);
        a = code("Leaders of the region met the Prime Minister of Canada on Monday.", &x);
        assert_string_not_equal(target_of(find(&x, "talks")), "Prime Minister");
        done(a, &x);
        (void)state;
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_statements_commissioner_is_a_title),
                cmocka_unit_test(test_statements_movement_adjective),
                cmocka_unit_test(test_statements_we_of_a_spokespersons_office),
                cmocka_unit_test(test_statements_court_unknown_to_the_gazetteer),
                cmocka_unit_test(test_statements_name_before_organisation_noun),
                cmocka_unit_test(test_statements_we_of_a_title_label),
                cmocka_unit_test(test_statements_capitalised_body_alone),
                cmocka_unit_test(test_statements_label_in_capitals_is_the_person_named),
                cmocka_unit_test(test_statements_titles_of_international_office),
                cmocka_unit_test(test_statements_the_president_of_a_readout),
                cmocka_unit_test(test_statements_demonym_title_needs_the_title),
                cmocka_unit_test(test_statements_office_alone_is_its_holder),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
