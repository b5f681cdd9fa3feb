/* Tests of what reported speech is: words said that judge somebody harshly
 * ("was one-sided", "a provocative step") are criticism though no verb of
 * criticism tells them; "dismissed X as" is criticism unless an accusation
 * in the same sentence says more; plain words said stay a statement. */
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

/* A harsh judgment in what a speaker says is criticism, the saying verb its
 * trigger; without one it is a statement. */
static void test_recall_harsh_words_said_are_criticism(void **state)
{
        (void)state;
        expect_only("Ambassador Lena Korhonen told reporters on Monday that the report was \"one-sided\".",
                    "criticism", "statement");
        expect_only("\"This is a shameless act of aggression against our country,\" Foreign Minister Ivo Tamm said "
                    "in a statement.",
                    "criticism", "statement");
        expect_only("Minister Ana Ruiz wrote on X that the new rules were \"rushed and hypocritical\".", "criticism",
                    "statement");
        expect_only("Ambassador Lena Korhonen told reporters on Monday that the report was balanced.", "statement",
                    "criticism");
        expect_only("Foreign Minister Ivo Tamm said the talks had been useful.", "statement", "criticism");
}

/* "dismissed the offer as symbolic" judges the offer: criticism; "dismissed the
 * sanctions and accused Ottawa" is the accusation alone. */
static void test_recall_dismissing_as(void **state)
{
        (void)state;
        expect_only("Prime Minister Ivo Tamm dismissed the proposal as \"a cynical stunt\" on Tuesday.", "criticism",
                    "statement");
        expect_only("The ministry dismissed the sanctions as \"a hostile act\" and accused Canada of meddling.",
                    "accusation", "criticism");
        expect_none("The court dismissed the case on Tuesday.", "criticism");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_recall_harsh_words_said_are_criticism),
                cmocka_unit_test(test_recall_dismissing_as),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
