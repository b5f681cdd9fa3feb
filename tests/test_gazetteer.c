/* Tests of the gazetteer's content (events/gazetteer.txt loaded by gazetteer.c):
 * every ISO 3166-1 code has its entity, names, short forms, capitals, demonyms,
 * international bodies and courts are found, and the guards against names that are
 * also words or parts of longer places hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "gazetteer.h"
#include "token.h"

#define ISO_3166_JSON "/usr/share/iso-codes/json/iso_3166-1.json"

static struct gazetteer *g;

static int setup(void **state)
{
        struct parse_error err = { 0 };

        (void)state;
        return gazetteer_load(HERALD_DATA_DIR "/gazetteer.txt", &g, &err);
}

static int teardown(void **state)
{
        (void)state;
        gazetteer_free(g);
        return 0;
}

/* The entity named by the whole of `text` from its first word, or NULL when no
 * alias starts there or the longest one does not cover all of it. */
static const struct entity *lookup(const char *text)
{
        struct token_list tl = { 0 };
        const struct entity *e = NULL;
        bool contextual = false;
        size_t end;

        assert_int_equal(token_split(text, strlen(text), &tl), 0);
        end = gazetteer_match(g, &tl, text, 0, &e, &contextual);
        if (end != tl.n)
                e = NULL;
        token_list_done(&tl);
        return e;
}

/* Asserts that `text` names an entity of `type` for `country` ("" for none). */
static void expect(const char *text, const char *type, const char *country)
{
        const struct entity *e = lookup(text);

        if (!e)
                fail_msg("'%s' names no entity", text);
        if (strcmp(entity_type_name(e->type), type) != 0 || strcmp(e->country, country) != 0)
                fail_msg("'%s' is %s %s ('%s'), not %s %s", text, entity_type_name(e->type), e->country, e->name, type,
                         country);
}

static void expect_none(const char *text)
{
        const struct entity *e = lookup(text);

        if (e)
                fail_msg("'%s' names '%s'", text, e->name);
}

static void test_every_iso_code_has_an_entity(void **state)
{
        json_error_t jerr;
        json_t *root = json_load_file(ISO_3166_JSON, 0, &jerr), *list, *item;
        size_t i;

        (void)state;
        if (!root)
                fail_msg("%s: %s", ISO_3166_JSON, jerr.text);
        list = json_object_get(root, "3166-1");
        assert_true(json_array_size(list) >= 249);
        json_array_foreach(list, i, item) {
                const char *code = json_string_value(json_object_get(item, "alpha_3"));

                assert_non_null(code);
                if (!gazetteer_find_country(g, ENTITY_STATE, code) && !gazetteer_find_country(g, ENTITY_PLACE, code))
                        fail_msg("ISO 3166-1 %s has no state or place in the gazetteer", code);
        }
        json_decref(root);
        /* and the one common code outside ISO 3166-1 */
        assert_non_null(gazetteer_find_country(g, ENTITY_STATE, "XKX"));
}

static void test_states_by_every_name(void **state)
{
        (void)state;
        expect("Brazil", "state", "BRA");
        expect("Federative Republic of Brazil", "state", "BRA"); /* ISO official name */
        expect("Russian Federation", "state", "RUS");
        expect("Islamic Republic of Iran", "state", "IRN");
        expect("Republic of Korea", "state", "KOR");
        expect("DPRK", "state", "PRK");
        expect("Syrian Arab Republic", "state", "SYR");
        expect("Viet Nam", "state", "VNM");
        expect("Lao People's Democratic Republic", "state", "LAO");
        expect("Laos", "state", "LAO");
        expect("Czechia", "state", "CZE");
        expect("Türkiye", "state", "TUR");
        expect("United States of America", "state", "USA");
        expect("U.S", "state", "USA");
        expect("the United States of America", "state", "USA");
        expect("Great Britain", "state", "GBR");
        expect("U.K", "state", "GBR");
        expect("DRC", "state", "COD");
        expect("Congo", "state", "COD"); /* wire style: the bare name is the DRC */
        expect("Republic of the Congo", "state", "COG");
        expect("Congo-Brazzaville", "state", "COG");
        expect("Côte d'Ivoire", "state", "CIV");
        expect("Ivory Coast", "state", "CIV");
        expect("Burma", "state", "MMR");
        expect("Timor-Leste", "state", "TLS");
        expect("Guinea-Bissau", "state", "GNB");
        expect("Equatorial Guinea", "state", "GNQ");
        expect("Papua New Guinea", "state", "PNG");
        expect("Holy See", "state", "VAT");
        expect("Vatican", "state", "VAT");
        expect("Taiwan", "state", "TWN");
        expect("State of Palestine", "state", "PSE");
        expect("Kosovo", "state", "XKX");
        expect("Hong Kong", "state", "HKG");
        expect("Greenland", "state", "GRL");
        expect("St. Lucia", "state", "LCA");
        expect("St Lucia", "state", "LCA");
        expect("Antarctica", "place", "ATA");
}

static void test_capitals_stand_for_governments(void **state)
{
        const struct entity *e;

        (void)state;
        expect("Seoul", "government", "KOR");
        expect("Nairobi", "government", "KEN");
        expect("Abuja", "government", "NGA");
        expect("Canberra", "government", "AUS");
        expect("Lima", "government", "PER");
        expect("Hanoi", "government", "VNM");
        expect("Kinshasa", "government", "COD");
        expect("Brazzaville", "government", "COG");
        expect("N'Djamena", "government", "TCD");
        expect("Malé", "government", "MDV");
        expect("Yaoundé", "government", "CMR");
        expect("Yaounde", "government", "CMR");
        expect("Kuwait City", "government", "KWT");
        expect("Ramallah", "government", "PSE");
        expect("Taipei", "government", "TWN");
        e = lookup("Kyiv");
        assert_non_null(e);
        assert_true(entity_has_tag(e, "capital"));
        /* seats named for their governments are governments, not capitals */
        expect("Whitehall", "government", "GBR");
        expect("Élysée", "government", "FRA");
        expect("Blue House", "government", "KOR");
        e = lookup("the Kremlin");
        assert_non_null(e);
        assert_false(entity_has_tag(e, "capital"));
}

static void test_demonyms_name_their_state(void **state)
{
        static const char *const pairs[][2] = {
                { "brazilian", "BRA" }, { "kenyan", "KEN" },  { "peruvian", "PER" },   { "congolese", "COD" },
                { "ivorian", "CIV" },   { "nigerien", "NER" }, { "nigerian", "NGA" },  { "dominican", "DOM" },
                { "filipino", "PHL" },  { "burmese", "MMR" },  { "taiwanese", "TWN" }, { "palestinian", "PSE" },
        };

        (void)state;
        for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
                const struct entity *e = gazetteer_demonym(g, pairs[i][0]);

                if (!e || strcmp(e->country, pairs[i][1]) != 0)
                        fail_msg("demonym '%s' names %s, not %s", pairs[i][0], e ? e->country : "nothing",
                                 pairs[i][1]);
                assert_string_equal(entity_type_name(e->type), "state");
        }
        /* two words, read from a sentence's tokens: the longest wins */
        {
                static const struct {
                        const char *text, *country;
                        size_t len;
                } two[] = {
                        { "The Costa Rican government", "CRI", 2 }, { "The South Korean envoy", "KOR", 2 },
                        { "The Sri Lankan navy", "LKA", 2 },        { "The Dominican leader", "DOM", 1 },
                };

                for (size_t i = 0; i < sizeof(two) / sizeof(two[0]); i++) {
                        struct token_list tl = { 0 };
                        const struct entity *e;
                        size_t len;

                        assert_int_equal(token_split(two[i].text, strlen(two[i].text), &tl), 0);
                        e = gazetteer_demonym_at(g, &tl, 1, &len);
                        if (!e || strcmp(e->country, two[i].country) != 0)
                                fail_msg("'%s' names %s, not %s", two[i].text, e ? e->country : "nothing",
                                         two[i].country);
                        assert_int_equal(len, two[i].len);
                        token_list_done(&tl);
                }
        }
}

static void test_international_bodies_and_courts(void **state)
{
        static const char *const courts[] = {
                "ICJ", "International Criminal Court", "European Court of Human Rights", "ECtHR",
                "Court of Justice of the European Union", "CJEU", "Inter-American Court of Human Rights",
                "African Court on Human and Peoples' Rights", "Permanent Court of Arbitration", "ITLOS",
        };
        static const char *const bodies[] = {
                "European Union", "NATO", "United Nations", "Security Council", "General Assembly",
                "Human Rights Council", "African Union", "ASEAN", "Arab League", "OSCE", "Council of Europe",
                "G7", "G20", "BRICS", "SCO", "WTO", "IMF", "World Bank", "IAEA", "WHO", "UNHCR", "UNICEF",
                "OPEC", "ECOWAS", "Mercosur", "OAS", "CSTO", "Gulf Cooperation Council", "GCC",
                "Council of the European Union", "Peace and Security Council", "PACE", "Pacific Islands Forum",
                "CARICOM", "SADC", "EAC", "IGAD", "CELAC", "APEC", "OIC", "SAARC", "IOM", "OCHA", "UNDP", "FAO",
                "ILO",
        };

        (void)state;
        for (size_t i = 0; i < sizeof(courts) / sizeof(courts[0]); i++) {
                const struct entity *e = lookup(courts[i]);

                if (!e || !entity_is_type(e, ENTITY_IGO) || !entity_has_tag(e, "court"))
                        fail_msg("'%s' is not a court", courts[i]);
        }
        for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
                const struct entity *e = lookup(bodies[i]);

                if (!e || !entity_is_type(e, ENTITY_IGO) || entity_has_tag(e, "court"))
                        fail_msg("'%s' is not an international body", bodies[i]);
        }
        /* the African Union's organ, not the UN's Security Council inside its name */
        assert_string_equal(lookup("African Union's Peace and Security Council")->name,
                            "African Union Peace and Security Council");
        /* a ministry acts for its state (roles.c reads the tag) */
        assert_true(entity_has_tag(lookup("U.S. State Department"), "ministry"));
}

/* Names that are also words, parts of other names or of longer places. */
static void test_guards(void **state)
{
        (void)state;
        expect_none("us");     /* acronyms in capitals match capitals only */
        expect_none("who");
        expect_none("icj");
        expect_none("Male");   /* only the accented Malé is the capital */
        expect_none("Victoria");
        expect_none("Georgetown");
        expect_none("Jersey"); /* only "Bailiwick of Jersey" */
        expect_none("Reunion");
        expect_none("Korea");
        expect("South China Sea", "place", "");
        expect("New Guinea", "place", "");
        expect("Niger Delta", "place", "NGA");
        expect("New Mexico", "place", "USA");
        expect("Northern Ireland", "place", "GBR");
        expect("South Georgia", "place", "SGS");
        expect("West Bank", "place", "");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_every_iso_code_has_an_entity),
                cmocka_unit_test(test_states_by_every_name),
                cmocka_unit_test(test_capitals_stand_for_governments),
                cmocka_unit_test(test_demonyms_name_their_state),
                cmocka_unit_test(test_international_bodies_and_courts),
                cmocka_unit_test(test_guards),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
