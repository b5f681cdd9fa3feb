/* Tests of organisations an article introduces with their acronym (acronyms.c,
 * mention.c): "the Human Rights Commission of Pakistan (HRCP)" is a body of its
 * own, not the state its name ends with, and "the HRCP" later is the same one. */
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

static void test_acronyms_name_then_bracket_is_one_body(void **state)
{
        struct extraction x;
        struct article *a = code("The Human Rights Commission of Pakistan (HRCP) criticised Pakistan on Monday.\n\n"
                                 "The Alliance of Sahel States (AES), which groups Burkina Faso, Mali and Niger, "
                                 "condemned Ivory Coast on Tuesday.\n\n"
                                 "The government blamed the attacks on the banned Balochistan Liberation Army (BLA).",
                                 &x);

        assert_string_equal(actor_of(&x.v[0]), "Human Rights Commission of Pakistan");
        assert_string_equal(target_of(&x.v[0]), "Pakistan");
        assert_string_equal(actor_of(&x.v[1]), "Alliance of Sahel States");
        assert_string_equal(target_of(find(&x, "accusation")), "Balochistan Liberation Army");
        done(a, &x);
        (void)state;
}

/* The acronym alone later names the body; one whose letters are not the name's
 * initials ("Kenya (AP)", a news agency after a dateline) names nothing. */
static void test_acronyms_alone_later_is_the_body(void **state)
{
        struct extraction x;
        struct article *a = code("Sudan's army accused the Rapid Support Forces (RSF) of shelling a camp.\n\n"
                                 "The RSF accused Egypt on Monday of supplying drones.\n\n"
                                 "On Tuesday the RSF criticised Egypt.",
                                 &x);

        assert_string_equal(target_of(&x.v[0]), "Rapid Support Forces");
        assert_string_equal(actor_of(&x.v[1]), "Rapid Support Forces");
        assert_string_equal(actor_of(find(&x, "criticism")), "Rapid Support Forces");
        done(a, &x);
        a = code("NAIROBI, Kenya (AP) - Kenya criticised Uganda on Monday.", &x);
        assert_string_equal(actor_of(find(&x, "criticism")), "Kenya");
        done(a, &x);
        (void)state;
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_acronyms_name_then_bracket_is_one_body),
                cmocka_unit_test(test_acronyms_alone_later_is_the_body),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
