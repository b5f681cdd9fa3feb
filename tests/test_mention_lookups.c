/* The name finders' look-ups made cheap (session 7) against the code they
 * replaced, on every token of every article in the repository and on every key
 * of the gazetteer: a state by its country (a map, was a scan), entity_has_tag
 * (words, was strstr), a demonym of two words (joined only after a word that
 * opens one), the tags of a body by its head word (an index, was a search),
 * and the lexicon classes the tagger keeps in each token.
 * gazetteer.c is compiled into this test to reach its entities. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers/article_files.h"

#include "gazetteer.c"
#include "tagger.h"

static struct codebook *cb;

/* What gazetteer_find_country() was: the first entity of the type and country. */
static const struct entity *old_find_country(const struct gazetteer *g, enum entity_type type, const char *country)
{
        for (size_t i = 0; i < g->n; i++)
                if (g->v[i]->type == type && g->v[i]->country[0] == country[0] && strcmp(g->v[i]->country, country) == 0)
                        return g->v[i];
        return NULL;
}

/* What entity_has_tag() was (it never came back for "" when the tags open with a word). */
static bool old_has_tag(const struct entity *e, const char *tag)
{
        size_t n = strlen(tag);

        for (const char *p = e->tags; (p = strstr(p, tag)); p += n)
                if ((p == e->tags || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
                        return true;
        return strcmp(entity_type_name(e->type), tag) == 0;
}

/* What gazetteer_demonym_at() was: every word joined to the next and looked up. */
static const struct entity *old_demonym_at(const struct gazetteer *g, const struct token_list *tl, size_t i,
                                           size_t *len)
{
        const struct entity *e;
        char two[128];
        size_t n;

        if (i >= tl->n || tl->v[i].kind != TOKEN_WORD)
                return NULL;
        if (i + 1 < tl->n && tl->v[i + 1].kind == TOKEN_WORD && (n = join_two(tl, i, two, sizeof(two))) &&
            (e = strmap_getn(g->demonyms, two, n))) {
                *len = 2;
                return e;
        }
        *len = 1;
        return token_map_norm(g->demonyms, tl, i);
}

/* What gazetteer_head_tags() was: a search of every entity's head. */
static const char *old_head_tags(const struct gazetteer *g, const char *word, size_t len)
{
        const char *tags = NULL;

        for (size_t i = 0; i < g->n; i++) {
                const char *head;
                size_t n;

                name_head(g->v[i]->name, &head, &n);
                if (!head || n != len || strncasecmp(head, word, len) != 0)
                        continue;
                if (!*g->v[i]->tags || (tags && strcmp(tags, g->v[i]->tags) != 0))
                        return NULL;
                tags = g->v[i]->tags;
        }
        return tags;
}

struct seen {
        size_t tokens, demonyms, twos, tagged, heads;
};

static void check_text(struct seen *s, const char *text)
{
        struct token_list tl = { 0 };

        assert_int_equal(token_split(text, strlen(text), &tl), 0);
        for (size_t i = 0; i <= tl.n; i++) {
                size_t a = 0, b = 0;
                const struct entity *want = old_demonym_at(cb->gazetteer, &tl, i, &a);

                assert_ptr_equal(gazetteer_demonym_at(cb->gazetteer, &tl, i, &b), want);
                if (i < tl.n) {
                        const char *w = text + tl.v[i].start, *tags = old_head_tags(cb->gazetteer, w, tl.v[i].end - tl.v[i].start);

                        assert_ptr_equal(gazetteer_head_tags(cb->gazetteer, w, tl.v[i].end - tl.v[i].start), tags);
                        s->heads += tags != NULL;
                }
                if (want) {
                        assert_int_equal(a, b);
                        s->demonyms++;
                        s->twos += a == 2;
                }
        }
        assert_int_equal(tagger_tag(cb, &tl), 0);
        for (size_t i = 0; i < tl.n; i++) {
                assert_int_equal(tagger_word_class(cb, &tl, i), lexicon_word(cb->lexicon, token_norm(&tl, i)));
                s->tagged += tl.v[i].lex_known;
        }
        s->tokens += tl.n;
        token_list_done(&tl);
}

static void check_line(const char *line, void *s) { check_text(s, line); }

static void check_dir(struct seen *s, const char *dir)
{
        each_article_line(dir, check_line, s);
}

/* Each demonym as a sentence: as written, capitalised, and inside others. */
static int check_key(const char *key, void *value, void *userdata)
{
        char text[512];

        (void)value;
        check_text(userdata, key);
        snprintf(text, sizeof(text), "The %s government and %s %s.", key, key, key);
        for (size_t k = 0; text[k]; k++)
                if (k == 0 || text[k - 1] == ' ')
                        text[k] = (char)(text[k] >= 'a' && text[k] <= 'z' ? text[k] - 'a' + 'A' : text[k]);
        check_text(userdata, text);
        return 0;
}

static void test_demonyms_and_word_classes_as_before(void **state)
{
        struct seen s = { 0 };

        (void)state;
        check_dir(&s, HERALD_SOURCE_DIR "/tests/blind");
        check_dir(&s, HERALD_SOURCE_DIR "/tests/golden/articles");
        check_dir(&s, HERALD_SOURCE_DIR "/events/articles");
        assert_int_equal(strmap_foreach_key(cb->gazetteer->demonyms, check_key, &s), 0);
        assert_true(s.tokens > 50000);
        assert_true(s.demonyms > 1000); /* not vacuous: demonyms of one and of two words were found */
        assert_true(s.twos > 10);
        assert_true(s.tagged > 40000);
        assert_true(s.heads > 100);
}

/* Each entity's name as a sentence, as written and in capitals: every head word is asked. */
static void test_head_tags_as_before(void **state)
{
        const struct gazetteer *g = cb->gazetteer;
        struct seen s = { 0 };
        char upper[512];
        size_t k;

        (void)state;
        for (size_t i = 0; i < g->n; i++) {
                check_text(&s, g->v[i]->name);
                for (k = 0; g->v[i]->name[k] && k + 1 < sizeof(upper); k++)
                        upper[k] = (char)(g->v[i]->name[k] >= 'a' && g->v[i]->name[k] <= 'z' ? g->v[i]->name[k] - 32
                                                                                              : g->v[i]->name[k]);
                upper[k] = '\0';
                check_text(&s, upper);
        }
        assert_null(gazetteer_head_tags(g, "", 0));
        assert_true(s.heads > 50);
}

static void test_states_by_country_as_before(void **state)
{
        const struct gazetteer *g = cb->gazetteer;
        char code[4] = { 0 };
        size_t found = 0;

        (void)state;
        for (code[0] = 'A'; code[0] <= 'Z'; code[0]++)
                for (code[1] = 'A'; code[1] <= 'Z'; code[1]++)
                        for (code[2] = 'A'; code[2] <= 'Z'; code[2]++) {
                                const struct entity *want = old_find_country(g, ENTITY_STATE, code);

                                assert_ptr_equal(gazetteer_find_country(g, ENTITY_STATE, code), want);
                                found += want != NULL;
                        }
        for (size_t i = 0; i < g->n; i++)
                for (int t = ENTITY_UNSET; t < N_ENTITY_TYPES; t++)
                        assert_ptr_equal(gazetteer_find_country(g, (enum entity_type)t, g->v[i]->country),
                                         old_find_country(g, (enum entity_type)t, g->v[i]->country));
        assert_ptr_equal(gazetteer_find_country(g, ENTITY_STATE, ""), old_find_country(g, ENTITY_STATE, ""));
        assert_true(found > 150);
}

/* Two states of one country, a government first: the first state listed, as
 * before; bodies whose heads agree on their tags, and differ. */
static void test_states_and_heads_of_a_small_gazetteer(void **state)
{
        char path[] = "/tmp/herald-test-gazetteer-XXXXXX";
        static const char text[] = "[entity Ministry]\ntype = government\ncountry = AAA\n\n"
                                   "[entity First]\ntype = state\ncountry = AAA\n\n"
                                   "[entity Second]\ntype = state\ncountry = AAA\n\n"
                                   "[entity Red Council]\ntype = igo\ntags = council\n\n"
                                   "[entity Blue Council of Ministers]\ntype = igo\ntags = body\n\n"
                                   "[entity Green Office]\ntype = government\n\n"
                                   "[entity Gold Office]\ntype = government\ntags = office\n\n"
                                   "[entity High Court]\ntype = government\ntags = court\n\n"
                                   "[entity Low Court for Claims]\ntype = government\ntags = court\n";
        struct parse_error err = { 0 };
        struct gazetteer *g = NULL;
        int fd = mkstemp(path);

        (void)state;
        assert_true(fd >= 0);
        assert_int_equal(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
        close(fd);
        assert_int_equal(gazetteer_load(path, &g, &err), 0);
        unlink(path);
        assert_string_equal(gazetteer_find_country(g, ENTITY_STATE, "AAA")->name, "First");
        assert_ptr_equal(gazetteer_find_country(g, ENTITY_STATE, "AAA"), old_find_country(g, ENTITY_STATE, "AAA"));
        assert_null(gazetteer_find_country(g, ENTITY_STATE, "AAB"));
        /* bodies by their head: the same tags, different tags, none */
        assert_string_equal(gazetteer_head_tags(g, "COURT", 5), "court");
        assert_null(gazetteer_head_tags(g, "Council", 7));
        assert_null(gazetteer_head_tags(g, "office", 6));
        assert_null(gazetteer_head_tags(g, "Claims", 6));
        for (const char *w = text; *w; w++) {
                size_t n = strcspn(w, " \n]=[");

                assert_ptr_equal(gazetteer_head_tags(g, w, n), old_head_tags(g, w, n));
        }
        gazetteer_free(g);
}

static void check_tags(const struct entity *e, size_t *hits)
{
        static const char *const odd[] = { "capital court", "court capital", "cap", "ital", "court ", " court",
                                           "a  b", "b", "person", "state", "unknown", "persons" };
        char buf[256], *w, *save = NULL;

        for (size_t k = 0; k < sizeof(odd) / sizeof(odd[0]); k++) {
                assert_int_equal(entity_has_tag(e, odd[k]), old_has_tag(e, odd[k]));
                *hits += old_has_tag(e, odd[k]);
        }
        for (int t = ENTITY_UNSET + 1; t < N_ENTITY_TYPES; t++)
                assert_int_equal(entity_has_tag(e, entity_type_name((enum entity_type)t)),
                                 old_has_tag(e, entity_type_name((enum entity_type)t)));
        if (!e->tags[0] || e->tags[0] == ' ') /* the old search came back for "" only then */
                assert_int_equal(entity_has_tag(e, ""), old_has_tag(e, ""));
        snprintf(buf, sizeof(buf), "%s", e->tags);
        for (w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
                assert_true(entity_has_tag(e, w));
                *hits += 1;
        }
}

static void test_tags_as_before(void **state)
{
        const struct gazetteer *g = cb->gazetteer;
        static const char *const tags[] = { "", " court", "court  ministry", "a  b", "capital court", "plural" };
        size_t hits = 0;

        (void)state;
        for (size_t i = 0; i < g->n; i++) {
                check_tags(g->v[i], &hits);
                for (size_t k = 0; k < g->n; k++) { /* every entity's tags on every entity */
                        char *tag = g->v[k]->tags;

                        if (*tag)
                                assert_int_equal(entity_has_tag(g->v[i], tag), old_has_tag(g->v[i], tag));
                }
        }
        for (size_t k = 0; k < sizeof(tags) / sizeof(tags[0]); k++)
                for (int t = ENTITY_UNSET; t < N_ENTITY_TYPES; t++) {
                        struct entity e = { .tags = (char *)tags[k], .type = (enum entity_type)t };

                        check_tags(&e, &hits);
                }
        assert_true(hits > 200);
}

static int setup(void **state)
{
        struct parse_error err = { 0 };

        (void)state;
        return codebook_load(HERALD_DATA_DIR, &cb, &err);
}

static int teardown(void **state)
{
        (void)state;
        codebook_free(cb);
        return 0;
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_demonyms_and_word_classes_as_before),
                cmocka_unit_test(test_head_tags_as_before),
                cmocka_unit_test(test_states_by_country_as_before),
                cmocka_unit_test(test_states_and_heads_of_a_small_gazetteer),
                cmocka_unit_test(test_tags_as_before),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
