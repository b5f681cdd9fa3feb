/* Tests of a regional body acting through its members (mention.c, names.c): a
 * communiqué's "Heads of Government" and "the Conference", a wire's "leaders
 * of the bloc", with the real codebook in events/. */
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

/* "Heads of Government condemned", "They urged", "The Conference criticised":
 * once a meeting of a body was named, its members and its meeting act as the body. */
static void test_bodies_members_of_the_meeting_are_the_body(void **state)
{
        struct extraction x;
        struct article *a = code("The Meeting of the Conference of Heads of Government of the Caribbean Community "
                                 "was held in Basseterre on Monday.\n\n"
                                 "Heads of Government condemned the attack on Haiti.\n\n"
                                 "They urged Brazil to strengthen controls.\n\n"
                                 "The Conference criticised Venezuela.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "appeal")), "Caribbean Community");
        for (size_t k = 0; k < x.n; k++)
                if (!strcmp(x.v[k].rule->kind, "criticism"))
                        assert_string_equal(actor_of(&x.v[k]), "Caribbean Community");
        done(a, &x);
}

/* "Leaders of the seven-nation X grouping signed": the leaders of a body are the body. */
static void test_bodies_leaders_of_a_body_are_the_body(void **state)
{
        struct extraction x;
        struct article *a =
                code("Leaders of the seven-nation BIMSTEC grouping signed a trade agreement on Friday.", &x);

        assert_string_equal(actor_of(find(&x, "agreement")), "BIMSTEC");
        done(a, &x);
}

/* "Pacific leaders on Thursday called on Indonesia ..., at a summit of the X":
 * leaders with no state of their own at a body's summit are the body. */
static void test_bodies_leaders_at_a_summit_are_the_body(void **state)
{
        struct extraction x;
        struct article *a = code("Melanesian leaders on Thursday called on Indonesia to allow a mission into Papua, "
                                 "at the end of a summit of the Pacific Islands Forum in Honiara.\n\n"
                                 "The leaders also criticised France.",
                                 &x);

        assert_string_equal(actor_of(find(&x, "appeal")), "Pacific Islands Forum");
        assert_string_equal(actor_of(find(&x, "criticism")), "Pacific Islands Forum");
        done(a, &x);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_bodies_members_of_the_meeting_are_the_body),
                cmocka_unit_test(test_bodies_leaders_of_a_body_are_the_body),
                cmocka_unit_test(test_bodies_leaders_at_a_summit_are_the_body),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
