/* The mention finders' paths rewritten in session 9, each against the code it
 * replaced (kept here): entity_has_tag() on every entity of the gazetteer and
 * every tag, part of a tag and type name (and, since session 10,
 * entity_is_capital(), which skips the search at an entity without tags);
 * pairs_find()'s pair_best(), which
 * weighs each candidate once, and mention.c's most_named_state(), which counts
 * each state once, on many random windows of entities named again and again;
 * titles.c's search of a title for a word, against strcasestr().
 * gazetteer.c, pairs.c, mention.c and titles.c are compiled into this test to
 * reach them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include <cmocka.h>

#include "gazetteer.c"
#include "mention.c"
#include "pairs.c"
#include "titles.c"

static struct codebook *cb;

/* What entity_has_tag() was: the tag's length and words counted each call. */
static bool old_has_tag(const struct entity *e, const char *tag)
{
        size_t n = 0;
        bool words = false;

        for (; tag[n]; n++)
                words = words || tag[n] == ' ';
        if (!n)
                return !e->tags[0] || e->tags[0] == ' ';
        if (words)
                return has_phrase_tag(e, tag, n) || strcmp(entity_type_name(e->type), tag) == 0;
        for (const char *p = e->tags; *p;) {
                size_t k = 0;

                while (p[k] && p[k] != ' ')
                        k++;
                if (k == n && memcmp(p, tag, n) == 0)
                        return true;
                p += k + (p[k] == ' ');
        }
        return strcmp(entity_type_name(e->type), tag) == 0;
}

#define TAGS_MAX 4096

struct tags {
        char *v[TAGS_MAX];
        size_t n;
};

static void add_tag(struct tags *t, const char *s, size_t len)
{
        for (size_t k = 0; k < t->n; k++)
                if (strlen(t->v[k]) == len && memcmp(t->v[k], s, len) == 0)
                        return;
        if (t->n < TAGS_MAX)
                assert_non_null(t->v[t->n++] = strndup(s, len));
}

/* Every tag of e, each two in a row, each word's first letters and its
 * letters but the first, and the whole tags. */
static void collect_tags(struct tags *t, const struct entity *e)
{
        const char *p = e->tags, *prev = NULL;

        add_tag(t, p, strlen(p));
        while (*p) {
                size_t k = strcspn(p, " ");

                add_tag(t, p, k);
                if (k > 1) {
                        add_tag(t, p, k - 1);
                        add_tag(t, p + 1, k - 1);
                }
                if (prev)
                        add_tag(t, prev, (size_t)(p + k - prev));
                prev = p;
                p += k + (p[k] == ' ');
        }
}

static void test_has_tag_as_before(void **state)
{
        static const char *const extra[] = { "", " ", "capital", "ministry", "court", "plural", "cap", "capitals",
                                             "person", "state", "states", "government", "igo", "ngo", "place",
                                             "organization", "document", "unknown", "a b", "capital ministry" };
        const struct gazetteer *g = cb->gazetteer;
        struct entity odd[] = { /* several tags; spaces doubled, leading and trailing; no tags */
                { .name = "a", .type = ENTITY_STATE, .tags = "capital  court " },
                { .name = "e", .type = ENTITY_GOVERNMENT, .tags = "court ministry plural capital" },
                { .name = "f", .type = ENTITY_NGO, .tags = "ministry court" },
                { .name = "b", .type = ENTITY_PERSON, .tags = " capital" },
                { .name = "c", .type = ENTITY_IGO, .tags = "" },
                { .name = "d", .type = ENTITY_UNSET, .tags = "plural capital" },
        };
        struct tags t = { 0 };
        size_t asked = 0, found = 0, capitals = 0;

        (void)state;
        for (size_t k = 0; k < sizeof(extra) / sizeof(extra[0]); k++)
                add_tag(&t, extra[k], strlen(extra[k]));
        for (size_t i = 0; i < g->n; i++)
                collect_tags(&t, g->v[i]);
        for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
                collect_tags(&t, &odd[i]);
        assert_true(t.n > 30 && t.n < TAGS_MAX);
        for (size_t i = 0; i < g->n + sizeof(odd) / sizeof(odd[0]); i++) {
                const struct entity *e = i < g->n ? g->v[i] : &odd[i - g->n];

                for (size_t k = 0; k < t.n; k++) {
                        bool want = old_has_tag(e, t.v[k]);

                        assert_int_equal(entity_has_tag(e, t.v[k]), want);
                        asked++, found += want;
                }
                assert_int_equal(entity_is_capital(e), old_has_tag(e, "capital")); /* session 10 */
                capitals += entity_is_capital(e);
        }
        for (int type = ENTITY_UNSET; type <= N_ENTITY_TYPES; type++) { /* no tags: no type is "capital" */
                struct entity none = { .name = "n", .type = (enum entity_type)type, .tags = "" };

                assert_int_equal(entity_is_capital(&none), old_has_tag(&none, "capital"));
        }
        assert_true(capitals > 100);
        assert_true(found > 500 && found < asked / 2); /* not vacuous either way */
        for (size_t k = 0; k < t.n; k++)
                free(t.v[k]);
}

/* A pool of entities to draw windows from: states, persons with titles and
 * countries, governments (that stand for their state), a capital, a place. */
#define POOL 24 /* 7 states, 6 persons, 5 governments, 2 places, 2 igos, 2 ngos */

static void make_pool(const struct entity **pool)
{
        static const struct {
                enum entity_type type;
                size_t n;
        } quota[] = { { ENTITY_STATE, 7 }, { ENTITY_PERSON, 6 }, { ENTITY_GOVERNMENT, 5 },
                      { ENTITY_PLACE, 2 }, { ENTITY_IGO, 2 },    { ENTITY_NGO, 2 } };
        const struct gazetteer *g = cb->gazetteer;
        size_t n = 0;

        for (size_t q = 0; q < sizeof(quota) / sizeof(quota[0]); q++)
                for (size_t i = 0, taken = 0; i < g->n && taken < quota[q].n; i++) {
                        const struct entity *e = g->v[i];

                        /* governments: capitals (left where they stand) and ministries (their state's) */
                        if (e->type == quota[q].type && (e->type != ENTITY_GOVERNMENT || e->country[0]) &&
                            (e->type != ENTITY_GOVERNMENT || taken > 1 || entity_has_tag(e, "capital")))
                                pool[n++] = e, taken++;
                }
        assert_int_equal(n, POOL);
}

/* What pair_best() was: every candidate counted, as often as it stood in the window. */
static const struct entity *old_pair_best(const struct pair_window *w, const struct mention_list *ml,
                                          const struct mention *m, enum pair_kind kind, const char *title)
{
        const struct entity *best = NULL;
        size_t best_n = 0;

        for (size_t k = ml->n + w->n; k > 0; k--) {
                const struct mention *in = k > w->n ? &ml->v[k - 1 - w->n] : NULL;
                const struct entity *e = in ? (in->quoted || !mention_entity(in) ? NULL
                                                                                 : pair_member(cb, mention_entity(in), kind))
                                            : w->v[k - 1];
                size_t n;

                if (!e || !pair_fits(m, e) || (title && !(e->title && strcasestr(e->title, title))))
                        continue;
                if ((n = times_named(cb, w, ml, e, kind)) > best_n)
                        best = e, best_n = n;
        }
        return best;
}

/* What most_named_state() was: every state counted again at each of its names. */
static const struct entity *old_most_named_state(const struct mention_history *h)
{
        const struct entity *best = NULL;
        size_t best_n = 0, stop = h->n_seen > STATE_WINDOW ? h->n_seen - STATE_WINDOW : 0;

        for (size_t k = h->n_seen; k > stop; k--) {
                const struct entity *e = h->seen[k - 1];
                size_t n = 0;

                if (!entity_is_type(e, ENTITY_STATE) || e == best)
                        continue;
                for (size_t j = stop; j < h->n_seen; j++)
                        n += h->seen[j] == e;
                if (n > best_n)
                        best = e, best_n = n;
        }
        return best;
}

static void test_counts_as_before(void **state)
{
        static const char *const titles[] = { NULL, "president", "minister", "secretary", "s" };
        const struct entity *pool[POOL], *seen[96];
        struct mention ms[12];
        size_t differ = 0, states = 0;
        unsigned seed = 12;

        (void)state;
        make_pool(pool);
        for (int round = 0; round < 40000; round++) {
                /* few distinct entities, named many times: as an article names its parties */
                size_t distinct = 2 + (size_t)rand_r(&seed) % 10, offset = (size_t)rand_r(&seed) % (POOL - distinct + 1);
                struct mention_history h = { .seen = seen, .n_seen = (size_t)rand_r(&seed) % 96 };
                struct mention_list ml = { .v = ms, .n = (size_t)rand_r(&seed) % 12 };
                struct mention m = { .pair = true };
                enum pair_kind kind = (enum pair_kind)(rand_r(&seed) % 3);
                const char *title = titles[rand_r(&seed) % 5];
                struct pair_window w;
                const struct entity *a, *b;

                for (size_t k = 0; k < h.n_seen; k++)
                        seen[k] = pool[offset + (size_t)rand_r(&seed) % distinct];
                for (size_t k = 0; k < ml.n; k++)
                        ms[k] = (struct mention){ .cand = { rand_r(&seed) % 8 ? pool[offset + (size_t)rand_r(&seed) % distinct]
                                                                           : NULL },
                                                  .quoted = rand_r(&seed) % 5 == 0 };
                for (size_t k = 0; k < ml.n; k++)
                        ms[k].n_cand = ms[k].cand[0] != NULL;
                if (rand_r(&seed) % 2)
                        m.cand[m.n_cand++] = pool[offset + (size_t)rand_r(&seed) % distinct];
                pair_window(cb, &h, kind, &w);
                a = old_pair_best(&w, &ml, &m, kind, title);
                b = pair_best(cb, &w, &ml, &m, kind, title);
                assert_ptr_equal(b, a);
                a = old_most_named_state(&h);
                assert_ptr_equal(most_named_state(&h), a);
                states += a != NULL;
                differ += old_pair_best(&w, &ml, &m, kind, NULL) != a;
        }
        assert_true(states > 10000 && differ > 1000); /* not vacuous */
}

/* Each person's title, and odd ones, searched for every word of every title,
 * its first letters, its last, in capitals and not. */
static void test_title_search_as_before(void **state)
{
        static const char *const odd[] = { "", "Minister", "PRIME MINISTER", "vice-president of the Séance",
                                           "mMinister  mini", "Ministerminister", "Président ÉLU" };
        const struct gazetteer *g = cb->gazetteer;
        const char *titles[128];
        struct tags words = { 0 };
        size_t n = 0, found = 0, asked = 0;

        (void)state;
        for (size_t k = 0; k < sizeof(odd) / sizeof(odd[0]); k++)
                titles[n++] = odd[k];
        for (size_t i = 0; i < g->n && n < 128; i++)
                if (g->v[i]->title)
                        titles[n++] = g->v[i]->title;
        assert_true(n > 20);
        for (size_t k = 0; k < n; k++)
                for (const char *p = titles[k]; *p;) {
                        size_t len = strcspn(p, " -");
                        char w[64];

                        for (size_t cut = 0; cut < 3 && len > cut && len < sizeof(w); cut++) {
                                for (size_t c = 0; c < len - cut; c++)
                                        w[c] = (char)tolower((unsigned char)p[c]);
                                add_tag(&words, w, len - cut);
                                add_tag(&words, p + cut, len - cut);
                        }
                        p += len + (p[len] != '\0');
                }
        add_tag(&words, "", 0);
        add_tag(&words, "r m", 3);
        for (size_t k = 0; k < n; k++)
                for (size_t i = 0; i < words.n; i++) {
                        bool want = strcasestr(titles[k], words.v[i]) != NULL;

                        assert_int_equal(holds_word(titles[k], words.v[i]), want);
                        assert_int_equal(title_names(titles[k], words.v[i], false), want);
                        asked++, found += want;
                }
        assert_true(found > 200 && found < asked / 2);
        for (size_t k = 0; k < words.n; k++)
                free(words.v[k]);
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
                cmocka_unit_test(test_has_tag_as_before),
                cmocka_unit_test(test_counts_as_before),
                cmocka_unit_test(test_title_search_as_before),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
