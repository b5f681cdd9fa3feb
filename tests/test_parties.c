/* Tests of which states a sentence's parties stand for when no name says it
 * (mention.c, roles.c): a state's body said alone, and two demonyms joined by
 * "and" before one noun. Small articles, the real codebook in events/. */
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

/* "urged the authorities", "The government argued": a body of a state said
 * alone is the state the report is filed from (its dateline), not the last
 * state named. */
static void test_parties_body_alone_is_the_dateline_state(void **state)
{
        struct extraction x;
        struct article *a = code("COLOMBO, Sept 23 (Lanka Wire) - Sri Lanka's Supreme Court ordered elections.\n\n"
                                 "The European Union urged the authorities on Monday to set a date for the vote.\n\n"
                                 "The government criticised India on Tuesday.",
                                 &x);

        (void)state;
        assert_string_equal(target_of(find(&x, "appeal")), "Sri Lanka");
        assert_string_equal(actor_of(find(&x, "criticism")), "Sri Lanka");
        done(a, &x);
        /* without a dateline: the state most named so far */
        a = code("Brazil's Supreme Federal Court ordered Brazil to act. Brazil said it would comply.\n\n"
                 "Argentina watched.\n\n"
                 "The opposition leader Enio Verri accused the government of abandoning them.",
                 &x);
        assert_string_equal(target_of(find(&x, "accusation")), "Brazil");
        done(a, &x);
}

/* "Mexican and U.S. officials held talks": the first state acts, the second is
 * the other party, as in "Mexico and the United States held talks". */
static void test_parties_two_demonyms_before_one_noun(void **state)
{
        struct extraction x;
        struct article *a = code("Mexican and U.S. officials held talks on migration in Washington on Thursday.", &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "talks")), "Mexico");
        assert_string_equal(target_of(find(&x, "talks")), "United States");
        done(a, &x);
        a = code("Russian and U.S. delegations held talks in Geneva on Monday. U.S. officials met Mexico.", &x);
        assert_string_equal(actor_of(find(&x, "talks")), "Russia");
        assert_string_equal(target_of(find(&x, "talks")), "United States");
        /* a state's name before its body is the state, as a demonym is */
        assert_string_equal(actor_of(&x.v[x.n - 1]), "United States");
        done(a, &x);
}

/* A heading line ends in a state's name with no full stop after it: the look
 * for a body after the name ("U.S. officials") stops at the line's end. */
static void test_parties_state_name_ending_a_line(void **state)
{
        struct extraction x;
        struct article *a = code("Joint Communiqu\u00e9 between the Socialist Republic of Viet Nam and the Republic of "
                                 "the Philippines\nViet Nam condemned the plan on Monday.", &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "criticism")), "Vietnam");
        done(a, &x);
}

/* "The two presidents held talks": the two persons of that title named of late
 * (not a mayor named between them); "The two Leaders", "the presidents" too. */
static void test_parties_the_two_titled_persons(void **state)
{
        struct extraction x;
        struct article *a = code("Serbian President Aleksandar Vucic arrived in Zagreb on Monday morning. "
                                 "He was welcomed by Croatian President Kolinda Grabar-Kitarovic at the palace.\n\n"
                                 "Ivan Penava, the mayor of Vukovar, condemned the visit on Monday.\n\n"
                                 "The two presidents held talks on the border.",
                                 &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "talks")), "Aleksandar Vucic");
        assert_string_equal(target_of(find(&x, "talks")), "Kolinda Grabar-Kitarovic");
        done(a, &x);
        a = code("At the invitation of the Prime Minister of Malaysia, Hamdan Rafiq, the President of Ghana, "
                 "Kojo Mensah-Bonsu, paid a state visit to Malaysia.\n\n"
                 "The two Leaders held talks on Monday.\n\n"
                 "On trade, the presidents signed a memorandum on a rail link.",
                 &x);
        assert_string_equal(actor_of(find(&x, "talks")), "Hamdan Rafiq");
        assert_string_equal(target_of(find(&x, "talks")), "Kojo Mensah-Bonsu");
        assert_string_equal(actor_of(find(&x, "agreement")), "Hamdan Rafiq");
        assert_string_equal(target_of(find(&x, "agreement")), "Kojo Mensah-Bonsu");
        done(a, &x);
}

/* "X and Dutch Prime Minister Willem de Groot signed": a particle of the second
 * name ("de") still joins the two subjects. */
static void test_parties_joint_subject_with_a_particle(void **state)
{
        struct extraction x;
        struct article *a = code("Indonesian President Bima Santoso arrived in Amsterdam on Monday.\n\n"
                                 "Santoso and Dutch Prime Minister Willem de Groot signed agreements on ports.",
                                 &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "agreement")), "Bima Santoso");
        assert_string_equal(target_of(find(&x, "agreement")), "Willem de Groot");
        done(a, &x);
}

/* "X welcomes the decision of Y to open an inquiry, and calls on Z": the verb
 * "calls" joins is X's "welcomes", not the infinitive of Y's decision. */
static void test_parties_joined_verb_skips_an_infinitive(void **state)
{
        struct extraction x;
        struct article *a = code("Germany welcomes the decision of the United Nations Secretary-General to open an "
                                 "investigation into the attack, and calls on all parties to cooperate fully.",
                                 &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "appeal")), "Germany");
        done(a, &x);
}

/* "greeted by Zambia's Vice President, Mutale Chanda": the state before a
 * title of several words is the person's, not the agent. */
static void test_parties_state_before_a_long_title_is_no_party(void **state)
{
        struct extraction x;
        struct article *a = code("Burundian President Faustin Ndayambaje arrived in Lusaka on Monday.\n\n"
                                 "He was greeted at the airport by Zambia's Vice President, Mutale Chanda.",
                                 &x);

        (void)state;
        assert_string_equal(actor_of(find(&x, "reception")), "Mutale Chanda");
        assert_string_equal(target_of(find(&x, "reception")), "Faustin Ndayambaje");
        done(a, &x);
}

/* "meet her Lithuanian and Polish counterparts": the first state of the two
 * is the other party, as with "her Lithuanian counterpart". */
static void test_parties_two_demonyms_before_a_plural_title(void **state)
{
        struct extraction x;
        struct article *a = code("Canadian Foreign Minister Melanie Tremblay criticised Belarus on Friday.\n\n"
                                 "Tremblay is due to meet her Lithuanian and Polish counterparts in Vilnius on Monday.",
                                 &x);

        (void)state;
        assert_string_equal(target_of(find(&x, "talks")), "Lithuania");
        done(a, &x);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_parties_body_alone_is_the_dateline_state),
                cmocka_unit_test(test_parties_two_demonyms_before_one_noun),
                cmocka_unit_test(test_parties_state_name_ending_a_line),
                cmocka_unit_test(test_parties_the_two_titled_persons),
                cmocka_unit_test(test_parties_joint_subject_with_a_particle),
                cmocka_unit_test(test_parties_joined_verb_skips_an_infinitive),
                cmocka_unit_test(test_parties_state_before_a_long_title_is_no_party),
                cmocka_unit_test(test_parties_two_demonyms_before_a_plural_title),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
