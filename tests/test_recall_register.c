/* Tests of which events the coder finds in the official register and the
 * wire's usual turns: restrictive measures and suspensions, conditional
 * warnings, talks held with the noun modified, talks on an economic topic,
 * courts' orders told with an aside. */
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

/* The official register: the EU and UN call sanctions "restrictive measures"
 * and prolong or renew them; a regional bloc suspends a member from its
 * bodies. Suspending talks or aid is no sanction. */
static void test_recall_sanctions_official_register(void **state)
{
        (void)state;
        expect_only("The European Union today decided to prolong the restrictive measures against Belarus.", "sanction",
                    NULL);
        expect_only("The European Union renewed the restrictive measures against Iran on Monday.", "sanction", NULL);
        expect_only("The European Union imposed restrictive measures on five individuals on Monday.", "sanction", NULL);
        expect_only("The African Union on Friday suspended Mali from all its activities.", "sanction", NULL);
        expect_none("Russia suspended its participation in the talks on Friday.", "sanction");
        expect_none("The United States suspended aid to Niger on Friday.", "sanction");
}

/* A conditional warning is a threat: a condition ("if", "unless", "any further")
 * with a coercive consequence said of what will follow; the consequence without
 * a condition, or a condition with a harmless outcome, is not. */
static void test_recall_conditional_threat(void **state)
{
        struct extraction x;
        struct article *a;

        (void)state;
        expect_only("\"If the attacks continue, Iran will bear the consequences,\" Sergey Lavrov said on Monday.",
                    "threat", "statement");
        expect_only("Any further violation will attract the full weight of our sanctions, Ghana said on Monday.",
                    "threat", "statement");
        expect_only("Nigeria said it would not rule out the use of force if the soldiers refused to leave.", "threat",
                    "statement");
        expect_only("If there is no answer, Russia will take all the measures needed to ensure its security, Sergey Lavrov said.", "threat",
                    "statement");
        expect_none("If the weather holds, the ministers will take all the measures to finish the road.", "threat");
        /* the warning is made now, though what it warns of is to come */
        a = code("Nigeria said it would not rule out the use of force if the soldiers refused to leave.", &x);
        assert_non_null(find(&x, "threat"));
        assert_int_equal(find(&x, "threat")->modality, MODALITY_ASSERTED);
        done(a, &x);
}

/* A meeting, summit or phone call held, and talks resumed, told with the noun
 * modified ("held a bilateral meeting", "resumed indirect ceasefire talks",
 * "had held a productive phone call"). */
static void test_recall_talks_held_with_modifiers(void **state)
{
        (void)state;
        expect_only("The two ministers held a bilateral meeting in Geneva on Tuesday.", "talks", NULL);
        expect_only("Yemen and the Houthis resumed indirect ceasefire talks in Muscat on Monday.", "talks", NULL);
        expect_only("South Korea said it would hold an emergency meeting with U.S. officials on Thursday.", "talks",
                    "statement");
        expect_only("Kassym-Jomart Tokayev held a productive phone call with Charles Michel on Sunday.", "talks", NULL);
        expect_none("The two ministers held a press conference in Geneva on Tuesday.", "talks");
        /* a second infinitive of an appeal is asked for too, not done */
        expect_none("The Council calls on Sudan to agree to a ceasefire and to resume direct talks.", "talks");
        expect_only("The delegation is due to visit Jermuk on Friday and to meet the Armenian ministers there.",
                    "talks", NULL);
}

/* Talks whose topic, named right after "talks on", is economic are economic
 * talks even with one economic word; talks on another topic stay talks. */
static void test_recall_talks_on_an_economic_topic(void **state)
{
        (void)state;
        expect_only("Mexico held a productive round of talks on steel tariffs with the United States.",
                    "economic_talks", "talks");
        expect_only("Chile and Peru met in Tacna on Monday for talks on migration and trade.", "economic_talks",
                    "talks");
        expect_only("Chile and Peru held talks on the border dispute in Tacna on Monday.", "talks", "economic_talks");
}

/* A court's order told with a time or an aside between the court and its verb
 * ("the Supreme Court on Tuesday ordered", "the court also directed") is the
 * court's finding; a witness telling the court is none. */
static void test_recall_a_court_orders_after_an_aside(void **state)
{
        (void)state;
        expect_only("The Constitutional Court of Peru on Tuesday ordered the government to hold elections.",
                    "court_finding", NULL);
        expect_only("The court also directed the election commission to publish a timetable.", "court_finding",
                    NULL);
        expect_none("The witness told the court that the minister had ordered the arrests.", "court_finding");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_recall_sanctions_official_register),
                cmocka_unit_test(test_recall_conditional_threat),
                cmocka_unit_test(test_recall_talks_held_with_modifiers),
                cmocka_unit_test(test_recall_talks_on_an_economic_topic),
                cmocka_unit_test(test_recall_a_court_orders_after_an_aside),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
