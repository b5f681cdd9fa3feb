/* Tests of word families in triggers ("@meeting/n" is each noun of the
 * meeting family) and of the events they find: meetings, dialogues and
 * conversations held or to be held, talks with a named counterpart, and a
 * court's finding told after an aside. The real codebook, and small rules
 * files written for the loader's errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "codebook.h"
#include "extract.h"
#include "rules.h"
#include "helpers/coding.h"
#include "helpers/recall.h"

/* Loads `text` as a rules file; the rules or NULL, with err filled. */
static struct rules *load_rules(const char *text, struct parse_error *err)
{
        char path[] = "/tmp/herald-rules-XXXXXX";
        struct rules *rs = NULL;
        int fd = mkstemp(path);

        assert_true(fd >= 0);
        assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
        close(fd);
        if (rules_load(path, &rs, err) < 0)
                rs = NULL;
        unlink(path);
        return rs;
}

/* A family named in a trigger stands for each of its words; one not defined
 * before it, or an empty one, is a mistake reported at its line. */
static void test_recall_a_family_is_each_of_its_words(void **state)
{
        struct parse_error err = { 0 };
        struct rules *rs;

        (void)state;
        rs = load_rules("[family meeting]\nwords = meeting | dialogue\nwords = session\n\n"
                        "[rule talks]\ncameo = 040\ntrigger = @meeting/n be/v held | hold/v talks\nheadline = talks\n",
                        &err);
        assert_non_null(rs);
        assert_int_equal(rs->n, 1);
        assert_int_equal(rs->n_trig, 4);
        rules_free(rs);
        assert_null(load_rules("[rule talks]\ncameo = 040\ntrigger = @meeting/n be/v held\nheadline = talks\n", &err));
        assert_int_equal(err.line, 3);
        assert_non_null(strstr(err.message, "meeting"));
        assert_null(load_rules("[family meeting]\n\n[rule talks]\ncameo = 040\ntrigger = @meeting/n\nheadline = t\n",
                               &err));
        assert_null(load_rules("[family meeting]\ncameo = 040\n", &err));
        assert_int_equal(err.line, 2);
}

/* Any noun of the meeting family held, to be held or taking place is talks. */
static void test_recall_meetings_held_by_their_family(void **state)
{
        (void)state;
        expect_only("The strategic dialogue between Qatar and Pakistan will be held in Doha on 3 March.", "talks",
                    NULL);
        expect_only("The foreign ministers of Japan and South Korea held a telephone conversation on Wednesday.",
                    "talks", NULL);
        expect_only("Cho Hyun and Iwaya Takeshi held a strategic dialogue in Tokyo on Monday.", "talks", NULL);
        expect_only("The next session of the Russia-Vietnam commission will take place in Moscow in 2026.", "talks",
                    NULL);
        expect_none("The conversation turned to football, Nasser Bourita said.", "talks");
}

/* A meeting noun told with what it did or who brokered it: "talks that ran
 * late into the night", "negotiations that began last year", "talks mediated
 * by Turkey", "a meeting between Rubio and Ablakwa". */
static void test_recall_meetings_told_as_nouns(void **state)
{
        (void)state;
        expect_only("Kyrgyzstan and Uzbekistan signed the deal after talks that ran late into Tuesday night.", "talks",
                    NULL);
        expect_only("The treaty is the culmination of negotiations that began last year.", "talks", NULL);
        expect_only("The ministers of Mongolia and South Korea signed it after the talks that began on Monday.",
                    "talks", NULL);
        expect_only("Somalia and Ethiopia settled the dispute in 2024 in talks mediated by Turkey.", "talks", NULL);
        expect_only("The call followed a meeting between Marco Rubio and Samuel Okudzeto Ablakwa in February.", "talks",
                    NULL);
        expect_none("The meeting room was full.", "talks");
}

/* Speaking with a named counterpart is talks; speaking with reporters is none. */
static void test_recall_spoke_with_a_counterpart(void **state)
{
        (void)state;
        expect_only("President Donald Trump spoke today with President John Dramani Mahama of Ghana.", "talks", NULL);
        expect_only("Vice Minister Park Yoon-joo spoke with the ambassador of Niger in Seoul last week.", "talks",
                    NULL);
        expect_none("Foreign Minister Nasser Bourita spoke with reporters in Rabat on Monday.", "talks");
}

/* A court finds or rules after an aside: "the ECOWAS Court of Justice on
 * Thursday found that", "the court, in a unanimous decision, ruled". */
static void test_recall_a_court_finds_after_an_aside(void **state)
{
        (void)state;
        expect_only("The ECOWAS Court of Justice on Thursday found that Togo had violated the rights of three "
                    "journalists.",
                    "court_finding", NULL);
        expect_only("Kenya's High Court on Wednesday nullified the port agreement.", "court_finding", NULL);
}

/* A "~" gap passes no "to": after it the verb is nobody's act yet ("asked
 * the court to annul"), and "hold X to account at its session" holds none. */
static void test_recall_a_quiet_gap_passes_no_infinitive(void **state)
{
        (void)state;
        expect_none("The government filed a motion asking the full court to annul the ruling.", "court_finding");
        expect_none("Amnesty International called on the Assembly of States Parties to hold Tajikistan to account at "
                    "its next session.",
                    "talks");
}

/* Welcoming a meeting is a stance, not a guest received, even during a visit. */
static void test_recall_welcoming_a_meeting_receives_nobody(void **state)
{
        struct extraction x;
        struct article *a;

        (void)state;
        a = code("Vladimir Putin arrived in Ulaanbaatar on Monday.\n\n"
                 "The Council welcomes the meeting of the joint commission held in Ulaanbaatar on Tuesday.",
                 &x);
        assert_int_equal(count(&x, "reception"), 0);
        done(a, &x);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_recall_a_family_is_each_of_its_words),
                cmocka_unit_test(test_recall_meetings_held_by_their_family),
                cmocka_unit_test(test_recall_meetings_told_as_nouns),
                cmocka_unit_test(test_recall_spoke_with_a_counterpart),
                cmocka_unit_test(test_recall_a_court_finds_after_an_aside),
                cmocka_unit_test(test_recall_a_quiet_gap_passes_no_infinitive),
                cmocka_unit_test(test_recall_welcoming_a_meeting_receives_nobody),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
