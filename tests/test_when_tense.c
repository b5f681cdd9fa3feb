/* Tests of the event-time policy (when.c) where the tense of the clause
 * decides: which year a month with none written is of, and which way a
 * weekday looks (test_when.c holds the rest). Small articles coded with the
 * real codebook in events/, document date Monday 2024-09-02 unless a test says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "codebook.h"
#include "event.h"
#include "extract.h"
#include "helpers/coding.h"

/* The time value of the first event of `kind` in paragraph p, or "(none)". */
static const char *when_of(const struct extraction *x, unsigned p, const char *kind)
{
        for (size_t i = 0; i < x->n; i++)
                if (x->v[i].paragraph == p && strcmp(x->v[i].rule->kind, kind) == 0)
                        return x->v[i].when_value;
        return "(none)";
}

/* A noun trigger has no tense of its own: the verb it is the object of tells
 * it ("paid a state visit ... in November", told in September, is last
 * November; "will pay a visit in November" is this one). A reporting verb
 * is not it: "said the next round of talks would be held in November". */
static void test_when_past_month_of_a_noun_trigger(void **state)
{
        struct extraction x;
        struct article *a = code("Estonian President Alar Kivi paid a state visit to Finland in November.\n\n"
                                 "Estonian President Alar Kivi will pay a state visit to Finland in November.\n\n"
                                 "Hungary said the next round of talks with Poland would be held in November.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "visit"), "2023-11");
        assert_string_equal(when_of(&x, 2, "planned_visit"), "2024-11");
        assert_string_equal(when_of(&x, 3, "talks"), "2024-11");
        done(a, &x);
}

/* A relative clause between commas does not end the plan's clause: the
 * weekday after it looks forwards with "is due to" before it. */
static void test_when_plan_reads_past_a_relative_clause(void **state)
{
        struct extraction x;
        struct article *a = code("Polish President Anna Nowak is due to visit Lithuania, where American troops are "
                                 "stationed, on Wednesday.",
                                 &x);

        (void)state;
        assert_string_equal(when_of(&x, 1, "planned_visit"), "2024-09-04");
        done(a, &x);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_when_past_month_of_a_noun_trigger),
                cmocka_unit_test(test_when_plan_reads_past_a_relative_clause),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
