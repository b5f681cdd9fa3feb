/* Tests of the contextual tagger (tagger.c) with the real lexicon and WordNet:
 * each rule that settles a noun/verb/adjective reading from its neighbours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "codebook.h"
#include "tagger.h"

static struct codebook *cb;
static struct token_list tl;

static int setup(void **state)
{
        struct parse_error err = { 0 };

        (void)state;
        return codebook_load(HERALD_DATA_DIR, &cb, &err);
}

static int teardown(void **state)
{
        (void)state;
        token_list_done(&tl);
        codebook_free(cb);
        return 0;
}

/* The tag and lemma of `word` in `sentence`, as "tag:lemma". */
static const char *tag(const char *sentence, const char *word)
{
        static char buf[128];

        assert_int_equal(token_split(sentence, strlen(sentence), &tl), 0);
        assert_int_equal(tagger_tag(cb, &tl), 0);
        for (size_t i = 0; i < tl.n; i++)
                if (strcmp(token_norm(&tl, i), word) == 0) {
                        snprintf(buf, sizeof(buf), "%s:%s", tagger_name((enum word_tag)tl.v[i].tag),
                                 token_lemma(&tl, i));
                        return buf;
                }
        fail_msg("no '%s' in '%s'", word, sentence);
        return NULL;
}

static void test_tagger_after_determiner_or_possessive_a_noun(void **state)
{
        (void)state;
        assert_string_equal(tag("The visit was short.", "visit"), "noun:visit");
        assert_string_equal(tag("Putin's visit to Mongolia ended.", "visit"), "noun:visit");
        assert_string_equal(tag("It was his first visit.", "visit"), "noun:visit");
        assert_string_equal(tag("All states must arrest him.", "states"), "noun:state");
}

static void test_tagger_after_modal_to_aux_or_pronoun_a_verb(void **state)
{
        (void)state;
        assert_string_equal(tag("He will visit Mongolia.", "visit"), "verb:visit");
        assert_string_equal(tag("He plans to visit Mongolia.", "visit"), "verb:visit");
        assert_string_equal(tag("He has visited Mongolia.", "visited"), "verb:visit");
        assert_string_equal(tag("They host the summit.", "host"), "verb:host");
        assert_string_equal(tag("He was greeted by an honour guard.", "greeted"), "verb:greet");
}

static void test_tagger_after_preposition_a_noun(void **state)
{
        (void)state;
        assert_string_equal(tag("We are concerned about the situation and call on Japan to act.", "call"),
                            "verb:call");
        assert_string_equal(tag("Russia discussed ties in industry, agriculture and transport.", "transport"),
                            "noun:transport");
        assert_string_equal(tag("He spoke after talks with Li.", "talks"), "noun:talk");
}

static void test_tagger_after_a_name_an_s_form_is_a_verb(void **state)
{
        (void)state;
        assert_string_equal(tag("Russia states its position.", "states"), "verb:state");
        assert_string_equal(tag("Macron visits Mongolia.", "visits"), "verb:visit");
}

/* The name is read past the adverbs between it and the verb, as the tag is. */
static void test_tagger_after_a_name_and_an_adverb_an_s_form_is_a_verb(void **state)
{
        (void)state;
        assert_string_equal(tag("Japan strongly urges North Korea to comply.", "urges"), "verb:urge");
        assert_string_equal(tag("China also states its position.", "states"), "verb:state");
}

/* After "and", an -s form is the second verb of a subject whose first verb was
 * one too; at the end of the clause it stays the noun of a list. */
static void test_tagger_after_and_an_s_form_follows_an_s_verb(void **state)
{
        (void)state;
        assert_string_equal(tag("Morocco condemns the attack and urges restraint.", "urges"), "verb:urge");
        assert_string_equal(tag("Germany welcomes the talks and calls for calm.", "calls"), "verb:call");
        assert_string_equal(tag("He criticises tariffs and sanctions.", "sanctions"), "noun:sanction");
        assert_string_equal(tag("The attack, and calls for calm", "calls"), "noun:call");
        /* ", and" joins the clause's verbs too */
        assert_string_equal(tag("Germany welcomes the decision to open an inquiry, and calls on all parties to help.",
                                "calls"),
                            "verb:call");
}

static void test_tagger_after_a_common_noun_a_noun(void **state)
{
        (void)state;
        assert_string_equal(tag("The trade talks ended.", "talks"), "noun:talk");
        assert_string_equal(tag("The leaders visit Ulaanbaatar.", "visit"), "verb:visit");
}

static void test_tagger_past_forms_are_verbs(void **state)
{
        (void)state;
        assert_string_equal(tag("Putin arrived in Mongolia.", "arrived"), "verb:arrive");
        assert_string_equal(tag("Officials said the talks went well.", "went"), "verb:go");
        assert_string_equal(tag("Officials said the talks went well.", "said"), "verb:say");
}

static void test_tagger_attributive_participle_is_no_verb(void **state)
{
        (void)state;
        assert_string_equal(tag("The accused minister resigned.", "accused"), "noun:accused");
        assert_string_equal(tag("The alleged plot failed.", "alleged"), "adj:alleged");
}

static void test_tagger_closed_classes_and_names(void **state)
{
        (void)state;
        assert_string_equal(tag("He was greeted by Khurelsukh.", "was"), "aux:be");
        assert_string_equal(tag("He was greeted by Khurelsukh.", "by"), "prep:by");
        assert_string_equal(tag("He was greeted by Khurelsukh.", "khurelsukh"), "name:khurelsukh");
        assert_string_equal(tag("The US said so.", "us"), "name:us");
        assert_string_equal(tag("She said that the decision stands.", "that"), "conj:that");
        assert_string_equal(tag("She welcomed that decision.", "that"), "det:that");
}

/* A capital outside ASCII starts a name: "Óscar", "Łukasz", "Šefčovič",
 * "Эльвира"; a lower-case "é" or "ł" does not. */
static void test_tagger_capitals_outside_ascii_are_names(void **state)
{
        (void)state;
        assert_string_equal(tag("President Óscar Benítez arrived.", "Óscar"), "name:Óscar");
        assert_string_equal(tag("Minister Łukasz Nowak arrived.", "Łukasz"), "name:Łukasz");
        assert_string_equal(tag("Commissioner Šefčovič arrived.", "Šefčovič"), "name:Šefčovič");
        assert_string_equal(tag("He met étienne on Monday.", "étienne"), "noun:étienne");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_tagger_after_determiner_or_possessive_a_noun),
                cmocka_unit_test(test_tagger_after_modal_to_aux_or_pronoun_a_verb),
                cmocka_unit_test(test_tagger_after_preposition_a_noun),
                cmocka_unit_test(test_tagger_after_a_name_and_an_adverb_an_s_form_is_a_verb),
                cmocka_unit_test(test_tagger_after_a_name_an_s_form_is_a_verb),
                cmocka_unit_test(test_tagger_after_and_an_s_form_follows_an_s_verb),
        cmocka_unit_test(test_tagger_after_a_common_noun_a_noun),
                cmocka_unit_test(test_tagger_past_forms_are_verbs),
                cmocka_unit_test(test_tagger_attributive_participle_is_no_verb),
                cmocka_unit_test(test_tagger_closed_classes_and_names),
                cmocka_unit_test(test_tagger_capitals_outside_ascii_are_names),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
