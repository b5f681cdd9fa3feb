/* event_build() writes its JSON itself (jsonw.c); the reference is the Jansson
 * builder it replaced (tests/helpers/event_jansson.c). Both must give the same
 * bytes, or both NULL, for every event of the bundled article, the golden set
 * and the blind sets, and for hand-made events full of what JSON must escape or
 * refuse: quotes, backslashes, every control byte, NUL, long UTF-8, and bytes
 * that are not UTF-8 (stray continuations, overlong forms, surrogates, past
 * U+10FFFF, cut sequences). event_append() and event_topic_append(), which
 * write a batch's events one after another into one buffer, must give the same
 * bytes as event_build() and event_topic(), and leave the buffer as it was when
 * they refuse. An article coded whole (event_code_all, as the pipeline codes it
 * when it takes it in, from its first event or from one a restart resumes at)
 * must give, event by event through event_write(), the bytes event_build()
 * gives for each event alone, with entities, times and rules enough to fill
 * the memo that writes what events share (an entity's object, a time's value
 * and bounds, a rule's kind with the cameo and modality) once per article. */
#include <errno.h>
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "event.h"
#include "fileio.h"
#include "jsonw.h"
#include "helpers/coding.h"
#include "helpers/event_jansson.h"
#include "rules.h"

static size_t compared, refused, compared_whole;
static struct jsonw batch; /* every event appended, with its topic, as a pipeline's batch */

/* event_append() and event_topic_append() after whatever the batch holds. */
static void compare_appended(const struct article *a, const struct extract_event *ev, const struct event_meta *m,
                             const char *built)
{
        size_t before, at = 0, len = 0, topic_at = 0;
        char *topic = event_topic(ev->rule->kind, a->id);

        if (batch.len > (1u << 20))
                batch.len = 0; /* as a pipeline starts each batch again */
        before = batch.len;
        if (!built) {
                assert_int_equal(event_append(&batch, cb, a, ev, m, &at, &len), -ENOMEM);
                assert_int_equal(batch.len, before);
                assert_false(batch.failed);
        } else {
                assert_int_equal(event_append(&batch, cb, a, ev, m, &at, &len), 0);
                assert_int_equal(at, before);
                assert_int_equal(len, strlen(built));
                assert_string_equal(batch.buf + at, built);
                assert_int_equal(batch.len, before + len + 1);
        }
        assert_non_null(topic);
        assert_int_equal(event_topic_append(&batch, ev->rule->kind, a->id, &topic_at), 0);
        assert_string_equal(batch.buf + topic_at, topic);
        if (built)
                assert_string_equal(batch.buf + at, built); /* still there, wherever the buffer moved */
        free(topic);
}

/* Builds ev both ways under several envelopes and checks they agree. */
static void compare(const struct article *a, const struct extract_event *ev, size_t index, size_t count)
{
        static const char *const variants[] = { NULL, "0badcafe" };
        static const char *const feeds[] = { "news", "wire/ü" };
        /* every digit, a hex epoch with leading zeros, a sequence of 17 digits */
        static const uint64_t numbers[] = { 0, 42, UINT64_MAX, UINT64_C(0x0123456789abcdef) };

        for (size_t k = 0; k < 4; k++) {
                struct event_meta m = { .feed = feeds[k % 2], .epoch = numbers[k], .sequence = numbers[(k + 1) % 4],
                                        .index = index, .count = count, .variant = variants[k % 2],
                                        .time = "2026-11-30T01:02:03.456Z" };
                char *want = event_build_jansson(cb, a, ev, &m), *got = event_build(cb, a, ev, &m);

                compare_appended(a, ev, &m, got);
                if (!want || !got) {
                        assert_null(want); /* the reference refused: so must the writer */
                        assert_null(got);
                        refused++;
                } else {
                        if (strcmp(want, got) != 0)
                                fail_msg("event %zu of '%s' differs:\n jansson: %s\n  jsonw: %s", index, a->id, want,
                                         got);
                        compared++;
                }
                free(want);
                free(got);
        }
}

/* The article coded whole from event `first` on (0-based), each event then
 * written as the pipeline writes it, against event_build() of it alone. */
static void compare_coded(const struct article *a, const struct extraction *x, size_t first)
{
        struct event_coded c;
        struct jsonw w = { 0 };

        assert_int_equal(event_code_all(&c, cb, a, x, first), 0);
        for (size_t e = first; e < x->n; e++) {
                struct event_meta m = { .feed = e % 2 ? "news" : "wire/\xc3\xbc", .epoch = e, .sequence = 7 + e,
                                        .index = e + 1, .count = x->n, .variant = e % 3 ? NULL : "0badcafe",
                                        .time = "2026-11-30T01:02:03.456Z" };
                char *want = event_build(cb, a, &x->v[e], &m);
                size_t at, len;

                assert_non_null(want);
                assert_int_equal(event_write(&w, &c, &m, &at, &len), 0);
                assert_int_equal(len, strlen(want));
                if (strcmp(w.buf + at, want) != 0)
                        fail_msg("event %zu of '%s' coded whole from %zu differs:\n alone: %s\n whole: %s", e + 1, a->id,
                                 first, want, w.buf + at);
                assert_string_equal(event_coded_kind(&c, e + 1), x->v[e].rule->kind);
                if (w.len > (1u << 20))
                        w.len = 0;
                free(want);
                compared_whole++;
        }
        free(w.buf);
        event_coded_done(&c);
}

/* Codes every article the pattern names and compares each of its events. */
static void compare_articles(const char *pattern)
{
        glob_t g;

        assert_int_equal(glob(pattern, 0, NULL, &g), 0);
        for (size_t i = 0; i < g.gl_pathc; i++) {
                const char *name = strrchr(g.gl_pathv[i], '/') + 1;
                struct article_options opts = { .name = name };
                struct parse_error err = { 0 };
                struct article *a = NULL;
                struct extraction x;
                size_t len;
                char *text;

                if (name[0] == 'f' && strstr(pattern, "/blind/"))
                        continue; /* the lead's unseen set: not read here */
                assert_int_equal(fileio_read(g.gl_pathv[i], 1 << 24, &text, &len), 0);
                if (article_parse(text, len, &opts, cb->lexicon, &a, &err) < 0)
                        continue; /* not an article (a README): nothing to build */
                assert_int_equal(extract_article(cb, a, &x), 0);
                for (size_t e = 0; e < x.n; e++)
                        compare(a, &x.v[e], e + 1, x.n);
                compare_coded(a, &x, 0);
                compare_coded(a, &x, x.n / 2);
                extraction_done(&x);
                article_free(a);
        }
        globfree(&g);
}

static void test_event_json_matches_jansson_on_articles(void **state)
{
        compared = refused = 0;
        compare_articles(HERALD_SOURCE_DIR "/events/articles/*.txt");
        compare_articles(HERALD_SOURCE_DIR "/tests/golden/articles/*.txt");
        compare_articles(HERALD_SOURCE_DIR "/tests/blind/*.txt");
        printf("event_build: %zu events byte-identical to Jansson's; coded whole: %zu identical\n", compared,
               compared_whole);
        assert_true(compared > 300);
        assert_true(compared_whole > 300);
        assert_int_equal(refused, 0);
}

/* Strings that need escaping, and strings Jansson refuses. */
static const char *const hostile[] = {
        "plain",
        "",
        "\"quoted\" and \\back\\slashed\\",
        "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
        "\x19\x1a\x1b\x1c\x1d\x1e\x1f\x20\x7f/",
        "Ulaanbaatar – “Улаанбаатар” 烏蘭巴托 \xf0\x9f\x8c\x8d \xf4\x8f\xbf\xbf \xef\xbf\xbf \xc2\x80",
        "stray \x80 continuation",
        "overlong \xc0\xaf slash",
        "overlong \xe0\x80\xaf three",
        "overlong \xe0\x82\x80 U+0080 in three",
        "overlong \xf0\x80\x80\xaf four",
        "overlong \xf0\x80\xa0\x80 U+0800 in four",
        "edges \xe0\xa0\x80 \xed\x9f\xbf \xee\x80\x80 \xf0\x90\x80\x80 \xdf\xbf",
        "surrogate \xed\xa0\x80 half",
        "past \xf4\x90\x80\x80 U+10FFFF",
        "lead \xf5\x80\x80\x80 byte",
        "\xff",
        "cut at the end \xe2\x80",
        "cut in the middle \xe2\x80 here",
        "two-byte lead then ASCII \xc3 x",
};

#define N_HOSTILE (sizeof(hostile) / sizeof(hostile[0]))

/* An event whose every string member is s (or a part of it). */
static void compare_hostile(const char *s, const char *text, size_t text_len)
{
        struct rule rule = { .kind = (char *)s };
        struct entity person = { .name = (char *)s, .type = ENTITY_PERSON, .country = "MNG", .title = (char *)s },
                      place = { .name = (char *)s, .type = ENTITY_PLACE };
        struct article a = { .text = (char *)text, .len = text_len, .date = "2024-09-02", .title = (char *)s,
                             .source = (char *)s, .url = (char *)s };
        struct extract_event ev = { .rule = &rule, .cameo = "042", .modality = MODALITY_PLANNED,
                                    .actors = { &person, &place }, .n_actors = 2, .target = &person,
                                    .location = &place, .when_start = 0, .when_end = text_len / 3,
                                    .when_value = "2024-09-02TEV", .when_mod = "APPROX", .quote_start = 1,
                                    .quote_end = text_len, .paragraph = 3, .sentence = 2, .start = 0,
                                    .end = text_len, .headline = (char *)s };

        snprintf(a.id, sizeof(a.id), "%.*s", (int)strcspn(s, "\x80\xc0\xe0\xed\xf0\xf4\xf5\xff"), s);
        compare(&a, &ev, 1, 1);
        ev.n_actors = 0;
        ev.target = ev.location = NULL;
        ev.quote_end = ev.quote_start;
        ev.cameo[0] = '\0';
        ev.when_mod[0] = '\0';
        snprintf(ev.when_last, sizeof(ev.when_last), "2024-09-04");
        a.title = a.source = a.url = NULL;
        compare(&a, &ev, 7, 9);
}

static void test_event_json_matches_jansson_on_hostile_strings(void **state)
{
        compared = refused = 0;
        for (size_t i = 0; i < N_HOSTILE; i++)
                for (size_t j = 0; j < N_HOSTILE; j++)
                        compare_hostile(hostile[i], hostile[j], strlen(hostile[j]));
        /* NUL bytes inside the article's text: Jansson writes them as \u0000 */
        compare_hostile("name", "a\0b\0\0c", 6);
        printf("hostile strings: %zu events identical, %zu refused by both\n", compared, refused);
        assert_true(compared > 0 && refused > 0);
}

/* Random bytes, mostly printable with UTF-8 and control bytes mixed in, now
 * and then a byte that may not be UTF-8, and a NUL; returns the length. */
static size_t random_string(char *out, size_t max, unsigned *seed)
{
        static const char *const pieces[] = { "\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x8c\x8d", "\"", "\\", "\n",
                                              "\x1f", "\x7f", "/", "a", "Z", " " };
        size_t n = (size_t)rand_r(seed) % max, len = 0;

        while (len < n) {
                int r = rand_r(seed) % 40;
                const char *p = r < 12 ? pieces[r] : NULL;
                size_t k = p ? strlen(p) : 1;

                if (len + k >= max)
                        break;
                if (p)
                        memcpy(out + len, p, k);
                else if (rand_r(seed) % 300 == 0)
                        out[len] = (char)(0x80 + rand_r(seed) % 0x80);
                else
                        out[len] = (char)(0x20 + rand_r(seed) % 0x5f);
                len += k;
        }
        out[len] = '\0';
        if (len && rand_r(seed) % 50 == 0)
                out[rand_r(seed) % len] = '\0'; /* a shorter C string, a text range with a NUL */
        return len;
}

static void test_event_json_matches_jansson_on_random_strings(void **state)
{
        unsigned seed = 12345;
        char s[200], text[200];

        compared = refused = 0;
        for (int i = 0; i < 3000; i++) {
                size_t len;

                random_string(s, sizeof(s), &seed);
                len = random_string(text, sizeof(text), &seed);
                compare_hostile(s, text, len);
        }
        printf("random strings: %zu events identical, %zu refused by both\n", compared, refused);
        assert_true(compared > 1000 && refused > 1000);
}

/* A feed or a kind longer than the envelope's buffers is cut where snprintf()
 * cut it, even in the middle of a UTF-8 sequence (then both refuse it). */
static void test_event_json_cuts_long_envelope_strings_as_before(void **state)
{
        char feed[400], kind[200];

        compared = refused = 0;
        for (size_t cut = 280; cut < 300; cut++) {
                memset(feed, 'f', cut);
                snprintf(feed + cut, sizeof(feed) - cut, "\xe2\x80\x9c-tail-of-the-feed");
                memset(kind, 'k', cut - 180);
                snprintf(kind + cut - 180, sizeof(kind) - (cut - 180), "\xc3\xa9-kind");
                {
                        struct rule rule = { .kind = kind };
                        struct article a = { .text = (char *)"text", .len = 4, .id = "long", .date = "2024-09-02" };
                        struct extract_event ev = { .rule = &rule, .when_value = "2024", .end = 4,
                                                    .headline = (char *)"h" };
                        struct event_meta m = { .feed = feed, .index = 1, .count = 1, .time = "t" };
                        char *want = event_build_jansson(cb, &a, &ev, &m), *got = event_build(cb, &a, &ev, &m);

                        if (want && got) {
                                assert_string_equal(got, want);
                                compared++;
                        } else {
                                assert_true(!want && !got);
                                refused++;
                        }
                        free(want);
                        free(got);
                }
        }
        assert_true(compared > 0 && refused > 0);
}

/* Many entities, each named in many of an article's events: more than the
 * memo has slots and more bytes than it keeps, so keys share slots and it
 * starts again; times that share a value but not a mod or a last day, with
 * their text and without; rules whose events differ in cameo and modality. Each event coded whole must be what it is alone
 * (and, now and then, what Jansson gives). */
static void test_event_json_shared_parts_written_once_per_article(void **state)
{
        static const char *const values[] = { "2024-09-02", "2024-09", "2024", "2024-W36", "P20Y", "PAST_REF",
                                              "2024-09-02TMO", "FUTURE_REF", "2023-12-31", "1999", "2024-09-03",
                                              "2024-09-04", "2024-Q3", "PRESENT_REF", "2025-01-01", "2024-09-02TEV",
                                              "x\"y" };
        static const char *const mods[] = { "", "APPROX", "START" };
        static const char *const lasts[] = { "", "2024-09-04" };
        enum { N_ENTITIES = 300, N_EVENTS = 900 };
        static struct entity ent[N_ENTITIES];
        static char names[N_ENTITIES][480];
        static struct extract_event evs[N_EVENTS];
        static const char *const cameos[] = { "040", "", "190" };
        struct rule rules[] = { { .kind = (char *)"meet" }, { .kind = (char *)"make_statement" },
                                { .kind = (char *)"k\xc3\xa9" } };
        const char *text = "Officials met on Monday in \xe2\x80\x9cthe capital\xe2\x80\x9d.";
        struct article a = { .text = (char *)text, .len = strlen(text), .id = "many", .date = "2024-09-02" };
        struct extraction x = { .v = evs, .n = N_EVENTS };

        for (size_t i = 0; i < N_ENTITIES; i++) {
                int n = snprintf(names[i], sizeof(names[i]), "Entity %zu \"\xc3\xa9\" ", i);

                memset(names[i] + n, 'x', i % 400);
                names[i][(size_t)n + i % 400] = '\0';
                ent[i] = (struct entity){ .name = names[i], .type = i % 2 ? ENTITY_PERSON : ENTITY_PLACE,
                                          .title = i % 3 ? NULL : names[(i * 7) % N_ENTITIES] };
                snprintf(ent[i].country, sizeof(ent[i].country), "%s", i % 5 ? "USA" : "");
        }
        for (size_t k = 0; k < N_EVENTS; k++)
                evs[k] = (struct extract_event){ .rule = &rules[k / 5 % 3], .modality = (enum modality)(k % 3),
                                                 .actors = { &ent[(k * 7) % N_ENTITIES],
                                                             &ent[(k * 11 + 3) % N_ENTITIES] },
                                                 .n_actors = 1 + k % 2,
                                                 .target = k % 3 ? &ent[(k * 13 + 1) % N_ENTITIES] : NULL,
                                                 .when_start = k % 4 ? 0 : 15, .when_end = k % 4 ? 0 : 24,
                                                 .paragraph = 1, .sentence = 1, .end = a.len,
                                                 .headline = (char *)"h" };
#define PICK(v, i) v[(i) % (sizeof(v) / sizeof(v[0]))]
        for (size_t k = 0; k < N_EVENTS; k++) {
                snprintf(evs[k].when_value, sizeof(evs[k].when_value), "%s", PICK(values, k / 4 * 5));
                snprintf(evs[k].when_mod, sizeof(evs[k].when_mod), "%s", PICK(mods, k));
                snprintf(evs[k].when_last, sizeof(evs[k].when_last), "%s", PICK(lasts, k / 3));
                snprintf(evs[k].cameo, sizeof(evs[k].cameo), "%s", PICK(cameos, k / 2));
        }
#undef PICK
        compared = refused = compared_whole = 0;
        for (size_t k = 0; k < N_EVENTS; k += 37)
                compare(&a, &evs[k], k + 1, N_EVENTS);
        compare_coded(&a, &x, 0);
        compare_coded(&a, &x, N_EVENTS / 2);
        assert_int_equal(refused, 0);
        assert_int_equal(compared_whole, N_EVENTS + N_EVENTS / 2);
}

/* Whatever the memo writes for a key is the value kept for that key, or
 * nothing: a key's value, then another key's, more bytes together than the
 * memo keeps (it starts again, the second at the first's place). */
static void write_value(struct jsonw *w, char fill, size_t n)
{
        char *v = malloc(n);

        assert_non_null(v);
        memset(v, fill, n);
        jsonw_stringn(w, v, n);
        free(v);
}

static void test_jsonw_memo_gives_a_key_its_own_value_or_nothing(void **state)
{
        static char keys[16];
        const size_t first = JSONW_MEMO_MAX / 2, second = JSONW_MEMO_MAX / 2 + 100;
        size_t written = 0;

        for (size_t k = 1; k < sizeof(keys); k++) {
                struct jsonw_memo *m = calloc(1, sizeof(*m));
                struct jsonw w = { 0 };

                assert_non_null(m);
                write_value(&w, 'a', first);
                jsonw_memo_keep(m, &w, 0, &keys[0]);
                w.len = 0;
                w.comma = false;
                write_value(&w, 'b', second);
                jsonw_memo_keep(m, &w, 0, &keys[k]);
                w.len = 0;
                w.comma = false;
                if (jsonw_memo_write(&w, m, &keys[0])) {
                        assert_int_equal(w.len, first + 2);
                        assert_int_equal(w.buf[1], 'a');
                }
                w.len = 0;
                w.comma = false;
                assert_true(jsonw_memo_write(&w, m, &keys[k]));
                assert_int_equal(w.len, second + 2);
                assert_int_equal(w.buf[second], 'b');
                written++;
                free(w.buf);
                jsonw_memo_done(m);
                free(m);
        }
        assert_int_equal(written, sizeof(keys) - 1);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_event_json_matches_jansson_on_articles),
                cmocka_unit_test(test_event_json_matches_jansson_on_hostile_strings),
                cmocka_unit_test(test_event_json_matches_jansson_on_random_strings),
                cmocka_unit_test(test_event_json_cuts_long_envelope_strings_as_before),
                cmocka_unit_test(test_event_json_shared_parts_written_once_per_article),
                cmocka_unit_test(test_jsonw_memo_gives_a_key_its_own_value_or_nothing),
        };

        int failed = cmocka_run_group_tests(tests, setup, teardown);

        free(batch.buf);
        return failed;
}
