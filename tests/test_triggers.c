/* Tests of trigger matching by lemma and part of speech (phrase.c with the
 * tagger), and of the events a trigger gives, with the real codebook. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>

#include <cmocka.h>

#include "codebook.h"
#include "extract.h"
#include "phrase.h"
#include "helpers/coding.h"

/* One count per paragraph of `body`: how many events of `kind` it gives. */
static void expect_per_paragraph(const char *body, const char *kind, const size_t *want, size_t n)
{
        struct extraction x;
        struct article *a = code(body, &x);

        for (size_t p = 0; p < n; p++) {
                size_t got = 0;

                for (size_t i = 0; i < x.n; i++)
                        got += x.v[i].paragraph == p + 1 && strcmp(x.v[i].rule->kind, kind) == 0;
                if (got != want[p])
                        fail_msg("paragraph %zu: %zu %s events, want %zu", p + 1, got, kind, want[p]);
        }
        done(a, &x);
}

static void test_triggers_phrase_pos_syntax(void **state)
{
        struct phrase_table *t = phrase_table_new();

        (void)state;
        assert_int_equal(phrase_table_add(t, "arrive/v in", NULL), 0);
        assert_int_equal(phrase_table_add(t, "visit/x", NULL), -EINVAL); /* no such part of speech */
        phrase_table_free(t);
}

static void test_triggers_every_inflection_of_a_verb(void **state)
{
        static const size_t want[] = { 1, 1, 1, 1 };

        (void)state;
        expect_per_paragraph("Vladimir Putin arrives in Mongolia.\n\n"
                             "Vladimir Putin arrived in Mongolia.\n\n"
                             "Vladimir Putin is arriving in Mongolia on Monday.\n\n"
                             "The leaders arrive in Mongolia.",
                             "arrival", want, 4);
}

static void test_triggers_a_noun_never_fires_a_verb_rule(void **state)
{
        static const size_t none[] = { 0 };

        (void)state;
        expect_per_paragraph("Many states in Asia remain silent.", "statement", none, 1);
        expect_per_paragraph("Ukraine took the blame for the delay.", "accusation", none, 1);
        expect_per_paragraph("The accused minister resigned.", "accusation", none, 1);
        expect_per_paragraph("Mongolia was the host of the forum.", "reception", none, 1);
}

static void test_triggers_there_is_a_place_not_the_last_subject(void **state)
{
        struct extraction x;
        struct article *a = code("The United States does not hide its interest in Mongolia. "
                                 "Germany said last year that it wanted to increase its investments there.",
                                 &x);

        (void)state;
        assert_string_equal(target_of(find(&x, "economic_intent")), "Mongolia");
        done(a, &x);
}

static void test_triggers_follow_on_takes_the_previous_actor(void **state)
{
        struct extraction x;
        struct article *a = code("Vladimir Putin arrived in Mongolia. "
                                 "Russia discussed ties in the areas of industry, energy and transport. "
                                 "Also on the agenda is the question of customs duties on exports.",
                                 &x);

        (void)state;
        assert_int_equal(count(&x, "economic_talks"), 2);
        assert_string_equal(actor_of(&x.v[x.n - 1]), "Russia");
        done(a, &x);
}

static void test_triggers_unnamed_actor_from_the_rule(void **state)
{
        struct extraction x;
        struct article *a = code("Russia has been subject to numerous international sanctions.", &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "sanctions_background")),
                            "international sanctioning states (unspecified)");
        assert_string_equal(target_of(find(&x, "sanctions_background")), "Russia");
        done(a, &x);
}

static void test_triggers_statement_in_a_visit_targets_the_partner(void **state)
{
        struct extraction x;
        struct article *a = code("Vladimir Putin arrived in Mongolia on Monday. "
                                 "Putin highlighted the projects between the two countries.",
                                 &x);

        (void)state;
        assert_string_equal(target_of(find(&x, "statement")), "Mongolia");
        done(a, &x);
}

static void test_triggers_events_per_trigger_not_per_kind(void **state)
{
        struct extraction x;
        struct article *a = code("On Monday Mongolia hosted Emmanuel Macron, and on Friday it hosted Olaf Scholz.", &x);

        (void)state;
        assert_int_equal(count(&x, "reception"), 2);
        done(a, &x);
        a = code("Germany condemned the plan, while France condemned the vote.", &x);
        assert_int_equal(count(&x, "criticism"), 2);
        done(a, &x);
        a = code("Ukraine condemned Tajikistan's decision and called it a blow to the Court.", &x);
        assert_int_equal(count(&x, "criticism"), 1);
        assert_string_equal(actor_of(find(&x, "criticism")), "Ukraine");
        done(a, &x);
}

static void test_triggers_statement_beside_other_kinds(void **state)
{
        struct extraction x;
        struct article *a = code("Germany condemned the plan, and France said the weather was fine.", &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "criticism")), "Germany");
        assert_string_equal(actor_of(find(&x, "statement")), "France");
        done(a, &x);
}

static void test_triggers_speaker_acts_in_the_complement(void **state)
{
        struct extraction x;
        struct article *a = code("Foreign Ministry spokesman Georgiy Tykhiy said Mongolia's decision was "
                                 "a blow to the Court.",
                                 &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "criticism")), "Georgiy Tykhiy");
        assert_null(find(&x, "statement"));
        done(a, &x);
}

static void test_triggers_nominal_takes_its_possessor(void **state)
{
        struct extraction x;
        struct article *a = code("Kyiv said Mongolia's failure to arrest Vladimir Putin was shameful.", &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "non_arrest")), "Mongolia");
        done(a, &x);
}

static void test_triggers_non_finite_reports_nothing(void **state)
{
        static const size_t none[] = { 0 };

        (void)state;
        expect_per_paragraph("Human Rights Watch urged Brazil to state publicly that it would act.", "statement",
                             none, 1);
        expect_per_paragraph("The decision, as noted by France, was final.", "statement", none, 1);
        expect_per_paragraph("Japan urged all parties to agree to a ceasefire.", "agreement", none, 1);
}

static void test_triggers_names_with_particles_titles_and_heads(void **state)
{
        struct extraction x;
        struct article *a = code("Spokesman Basim al-Awadi accused the committee of lying.", &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "accusation")), "Basim al-Awadi");
        done(a, &x);
        a = code("Minister Yusuf bin Rashid condemned the attack.", &x);
        assert_string_equal(actor_of(find(&x, "criticism")), "Yusuf bin Rashid");
        done(a, &x);
        a = code("He was welcomed by his counterpart Luís Montenegro. Montenegro condemned the attack.", &x);
        assert_string_equal(actor_of(find(&x, "criticism")), "Luís Montenegro");
        done(a, &x);
        a = code("Mr. Okonkwo condemned the attack.", &x);
        assert_string_equal(actor_of(find(&x, "criticism")), "Okonkwo");
        done(a, &x);
        a = code("The main opposition party, the National Civic Movement, called on parliament to act.", &x);
        assert_string_equal(actor_of(find(&x, "appeal")), "National Civic Movement");
        done(a, &x);
        a = code("The Estonian Foreign Ministry accused Russia. The Estonian government condemned it.", &x);
        assert_string_equal(actor_of(find(&x, "accusation")), "Estonian Foreign Ministry");
        assert_string_equal(actor_of(find(&x, "criticism")), "Estonia");
        done(a, &x);
        a = code("The Tigris Centre for Detainee Rights condemned the verdict.", &x);
        assert_string_equal(actor_of(find(&x, "criticism")), "Tigris Centre for Detainee Rights");
        done(a, &x);
        a = code("Japan issued a statement on Monday. We strongly condemn the attack.", &x);
        assert_string_equal(actor_of(find(&x, "criticism")), "Japan");
        done(a, &x);
}

static void test_triggers_subject_noun_phrases(void **state)
{
        struct extraction x;
        struct article *a = code("Vladimir Putin arrived in Kenya. Opposition activists urged Kenya to arrest him.", &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "appeal")), "Opposition activists");
        done(a, &x);
        a = code("The indictment accuses Vladimir Putin of war crimes.", &x);
        assert_null(find(&x, "accusation"));
        done(a, &x);
        a = code("The two leaders discussed trade and investment with Mongolia.", &x);
        assert_string_not_equal(actor_of(find(&x, "economic_talks")), "two leaders");
        done(a, &x);
}

static void test_triggers_arrival_restated_opens_no_visit(void **state)
{
        struct extraction x;
        struct article *a = code("Vladimir Putin arrived in Mongolia on Monday evening. "
                                 "Once he had landed in Ulaanbaatar, Putin was greeted by Ukhnaagiin Khurelsukh.",
                                 &x);

        (void)state;
        assert_int_equal(count(&x, "arrival"), 1);
        done(a, &x);
}

static void test_triggers_what_was_said_is_coded_not_the_saying(void **state)
{
        struct extraction x;
        struct article *a = code("Vietnamese Trade Minister Pham Quoc Binh said Vietnam hoped to double bilateral "
                                 "trade and investment.",
                                 &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "economic_intent")), "Pham Quoc Binh");
        assert_null(find(&x, "statement"));
        done(a, &x);
        a = code("Mongolia discussed trade and energy with Russia, officials said.", &x);
        assert_null(find(&x, "statement"));
        done(a, &x);
}

static void test_triggers_speakers_after_quotes_initials_and_titles(void **state)
{
        struct extraction x;
        struct article *a = code("\"Kenya has a duty to act,\" said Wanjiru Otieno, director of the coalition.", &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "statement")), "Wanjiru Otieno");
        done(a, &x);
        a = code("President Joseph K. Nkosi condemned the attack.", &x);
        assert_string_equal(actor_of(find(&x, "criticism")), "Joseph K. Nkosi");
        done(a, &x);
        a = code("Chinese Premier Zhao Lianhua arrived in Pretoria on Wednesday. "
                 "On Friday, the premier laid a wreath at the memorial.",
                 &x);
        assert_string_equal(actor_of(find(&x, "commemoration")), "Zhao Lianhua");
        done(a, &x);
}

static void test_triggers_a_trigger_with_its_object_takes_no_next_name(void **state)
{
        struct extraction x;
        struct article *a = code("The International Criminal Court briefed the assembly, while Mongolia looked on.", &x);

        (void)state;
        assert_string_equal(target_of(find(&x, "court_finding")), "(none)");
        done(a, &x);
}

static void test_triggers_sanctions_and_court_orders(void **state)
{
        struct extraction x;
        struct article *a = code("The European Union imposed new sanctions on Russia on Monday.", &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "sanction")), "European Union");
        done(a, &x);
        a = code("The International Criminal Court ordered Mongolia to explain its failure.", &x);
        assert_non_null(find(&x, "court_finding"));
        assert_string_equal(find(&x, "court_finding")->cameo, "1013");
        done(a, &x);
        a = code("The International Criminal Court met. Vladimir Putin ordered troops to the border.", &x);
        assert_null(find(&x, "court_finding"));
        done(a, &x);
}

static void test_triggers_a_pronoun_never_resolves_into_a_quotation(void **state)
{
        struct extraction x;
        struct article *a = code("Japan issued a statement. \"China must leave,\" it said, and it condemned the "
                                 "incursion.",
                                 &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "criticism")), "Japan");
        done(a, &x);
}

static void test_triggers_apposition_and_vehicles(void **state)
{
        struct extraction x;
        struct article *a = code("Kaja Kallas, the EU's foreign policy chief, said the measures would take effect.", &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "statement")), "Kaja Kallas");
        done(a, &x);
        a = code("Vladimir Putin's plane landed in Ulaanbaatar late on Monday.", &x);
        assert_null(find(&x, "arrival"));
        done(a, &x);
        a = code("The visit by Emmanuel Macron to Mongolia lasted a day.", &x);
        assert_string_equal(actor_of(find(&x, "visit")), "Emmanuel Macron");
        done(a, &x);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_triggers_phrase_pos_syntax),
                cmocka_unit_test(test_triggers_every_inflection_of_a_verb),
                cmocka_unit_test(test_triggers_a_noun_never_fires_a_verb_rule),
                cmocka_unit_test(test_triggers_there_is_a_place_not_the_last_subject),
                cmocka_unit_test(test_triggers_follow_on_takes_the_previous_actor),
                cmocka_unit_test(test_triggers_unnamed_actor_from_the_rule),
                cmocka_unit_test(test_triggers_statement_in_a_visit_targets_the_partner),
                cmocka_unit_test(test_triggers_events_per_trigger_not_per_kind),
                cmocka_unit_test(test_triggers_statement_beside_other_kinds),
                cmocka_unit_test(test_triggers_speaker_acts_in_the_complement),
                cmocka_unit_test(test_triggers_nominal_takes_its_possessor),
                cmocka_unit_test(test_triggers_non_finite_reports_nothing),
                cmocka_unit_test(test_triggers_names_with_particles_titles_and_heads),
                cmocka_unit_test(test_triggers_subject_noun_phrases),
                cmocka_unit_test(test_triggers_arrival_restated_opens_no_visit),
                cmocka_unit_test(test_triggers_what_was_said_is_coded_not_the_saying),
                cmocka_unit_test(test_triggers_speakers_after_quotes_initials_and_titles),
                cmocka_unit_test(test_triggers_a_trigger_with_its_object_takes_no_next_name),
                cmocka_unit_test(test_triggers_sanctions_and_court_orders),
                cmocka_unit_test(test_triggers_a_pronoun_never_resolves_into_a_quotation),
                cmocka_unit_test(test_triggers_apposition_and_vehicles),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
