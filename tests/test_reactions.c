/* Tests of the other side of a reaction (roles.c, mention.c): "rejected the
 * accusations", "condemned the decision" name no party, but the act they answer
 * was told before, and who did it is the target. */
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

/* The party that did the act a definite object refers back to: the latest
 * earlier subject not on the reacting side; a person or a ministry stands for
 * the state. */
static void test_reactions_answered_act_names_its_author(void **state)
{
        struct extraction x;
        struct article *a = code("Ecuadorean President Daniel Noboa on Monday accused Colombia of doing too little "
                                 "against trafficking.\n\n"
                                 "Colombia's Foreign Ministry rejected the accusations on Tuesday as unfounded.",
                                 &x);

        assert_string_equal(target_of(find(&x, "statement")), "Ecuador");
        done(a, &x);

        a = code("The European Union on Monday imposed sanctions on three Myanmar generals.\n\n"
                 "Myanmar's military government condemned the decision on Tuesday.",
                 &x);
        assert_string_equal(target_of(find(&x, "criticism")), "European Union");
        done(a, &x);

        (void)state;
}

/* An object that is somebody ("the government", "the authorities") or says
 * what it is of ("the conclusion of talks") is no act answered. */
static void test_reactions_only_a_bare_definite_act(void **state)
{
        struct extraction x;
        struct article *a = code("The European Union on Monday imposed sanctions on three Myanmar generals.\n\n"
                                 "Amnesty International urged the government on Tuesday to release the detainees.",
                                 &x);

        assert_string_not_equal(target_of(find(&x, "appeal")), "European Union");
        done(a, &x);

        /* a welcome of measures receives nobody: no reception */
        a = code("Foreign Minister Josué Saint-Fort Dorval on Monday imposed sanctions on three gang leaders.\n\n"
                 "Haiti's government, in a statement issued on Wednesday, welcomed the measures.",
                 &x);
        assert_int_equal(count(&x, "reception"), 0);
        done(a, &x);
        (void)state;
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_reactions_answered_act_names_its_author),
                cmocka_unit_test(test_reactions_only_a_bare_definite_act),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
