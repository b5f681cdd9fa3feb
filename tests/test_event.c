/* Tests of the CloudEvent builder: the members the README's "Events" section names, their
 * formats, optional members left out, and the size bound. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>

#include "codebook.h"
#include "event.h"
#include "extract.h"
#include "helpers/coding.h"

/* Codes `text` and builds the JSON of its first event. */
static json_t *first_event(const char *text, uint64_t sequence, uint64_t epoch)
{
        struct article_options opts = { .name = "event-test.txt" };
        struct event_meta meta = { .feed = "news", .sequence = sequence, .epoch = epoch, .index = 1,
                                   .time = "2026-11-28T17:02:03.123Z" };
        struct parse_error err = { 0 };
        struct extraction x;
        struct article *a = NULL;
        char *copy = strdup(text), *json;
        json_error_t jerr;
        json_t *o;

        assert_int_equal(article_parse(copy, strlen(copy), &opts, cb->lexicon, &a, &err), 0);
        assert_int_equal(extract_article(cb, a, &x), 0);
        assert_true(x.n >= 1);
        meta.count = x.n;
        json = event_build(cb, a, &x.v[0], &meta);
        assert_non_null(json);
        assert_true(strlen(json) < EVENT_MAX_SIZE);
        o = json_loads(json, 0, &jerr);
        assert_non_null(o);
        free(json);
        extraction_done(&x);
        article_free(a);
        return o;
}

static const char *str(json_t *o, const char *path)
{
        json_t *v = o;
        char buf[128], *save = NULL;

        snprintf(buf, sizeof(buf), "%s", path);
        for (char *k = strtok_r(buf, ".", &save); k && v; k = strtok_r(NULL, ".", &save))
                v = json_object_get(v, k);
        return v ? json_string_value(v) : NULL;
}

static void test_event_envelope(void **state)
{
        json_t *o = first_event("Id: Visit Test\nTitle: A visit\nDate: 2024-09-02\n\n"
                                "Vladimir Putin arrived in Mongolia on Monday evening.\n",
                                42, 0x9f3c2a7b1d4e6f80ull);

        assert_string_equal(str(o, "specversion"), "1.0");
        assert_string_equal(str(o, "id"), "visit-test/1");
        assert_string_equal(str(o, "source"), "/herald/news");
        assert_string_equal(str(o, "type"), "herald.arrival");
        assert_string_equal(str(o, "subject"), "visit-test");
        assert_string_equal(str(o, "time"), "2026-11-28T17:02:03.123Z");
        assert_string_equal(str(o, "datacontenttype"), "application/json");
        assert_string_equal(str(o, "sequence"), "00000000000000000042");
        assert_string_equal(str(o, "epoch"), "9f3c2a7b1d4e6f80");
        assert_string_equal(str(o, "data.kind"), "arrival");
        assert_string_equal(str(o, "data.cameo"), "042");
        assert_string_equal(str(o, "data.modality"), "asserted");
        assert_string_equal(str(o, "data.when.text"), "Monday evening");
        assert_string_equal(str(o, "data.when.value"), "2024-09-02TEV");
        assert_string_equal(str(o, "data.when.start"), "2024-09-02T18:00:00Z");
        assert_string_equal(str(o, "data.when.end"), "2024-09-03T00:00:00Z");
        assert_string_equal(str(o, "data.article.title"), "A visit");
        assert_string_equal(str(o, "data.article.date"), "2024-09-02");
        assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "data"), "index")), 1);
        json_decref(o);
}

static void test_event_optional_members_are_omitted(void **state)
{
        json_t *o = first_event("Date: 2024-09-02\n\nThe Kremlin assured that it was calm.\n", 1, 0);
        json_t *data = json_object_get(o, "data");

        assert_null(json_object_get(data, "quote"));
        assert_null(json_object_get(data, "targets"));
        assert_null(json_object_get(json_object_get(data, "article"), "title"));
        /* no null anywhere: every member present has a value */
        assert_false(json_is_null(json_object_get(data, "cameo")));
        assert_string_equal(str(o, "epoch"), "0000000000000000");
        json_decref(o);
}

static void test_event_escapes_text(void **state)
{
        json_t *o = first_event("Date: 2024-09-02\n\nGermany condemned the \"plan\" \\ with a\ttab.\n", 1, 0);

        assert_string_equal(str(o, "data.evidence.text"), "Germany condemned the \"plan\" \\ with a\ttab.");
        assert_string_equal(str(o, "data.quote"), "plan");
        json_decref(o);
}

static void test_event_stays_under_size_limit(void **state)
{
        /* the longest sentence the coder accepts, full of quotes */
        size_t n = EXTRACT_MAX_SENTENCE - 64;
        char *text = malloc(n + 128), *p = text;
        json_t *o;

        p += sprintf(p, "Date: 2024-09-02\n\nGermany condemned “");
        while ((size_t)(p - text) < n)
                *p++ = '\x01'; /* each becomes six bytes of JSON, twice: quote and evidence */
        sprintf(p, "”.\n");
        o = first_event(text, 1, 0);
        assert_non_null(str(o, "data.quote"));
        json_decref(o);
        free(text);
}

/* event_now(): "YYYY-MM-DDTHH:MM:SS.mmmZ" in UTC, between the clock read before
 * and after it, however many calls share a second (the seconds are formatted once
 * per second and reused). */
static void test_event_now_is_the_utc_time_to_the_millisecond(void **state)
{
        for (int k = 0; k < 2000; k++) {
                struct timespec before, after;
                char out[32], want_lo[32], want_hi[32];
                struct tm tm;

                clock_gettime(CLOCK_REALTIME, &before);
                event_now(out);
                clock_gettime(CLOCK_REALTIME, &after);
                assert_int_equal(strlen(out), 24);
                gmtime_r(&before.tv_sec, &tm);
                strftime(want_lo, 20, "%Y-%m-%dT%H:%M:%S", &tm);
                snprintf(want_lo + 19, sizeof(want_lo) - 19, ".%03dZ", (int)(before.tv_nsec / 1000000));
                gmtime_r(&after.tv_sec, &tm);
                strftime(want_hi, 20, "%Y-%m-%dT%H:%M:%S", &tm);
                snprintf(want_hi + 19, sizeof(want_hi) - 19, ".%03dZ", (int)(after.tv_nsec / 1000000));
                assert_true(strcmp(want_lo, out) <= 0 && strcmp(out, want_hi) <= 0); /* same width: text order */
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_event_envelope),
                cmocka_unit_test(test_event_now_is_the_utc_time_to_the_millisecond),
                cmocka_unit_test(test_event_optional_members_are_omitted),
                cmocka_unit_test(test_event_escapes_text),
                cmocka_unit_test(test_event_stays_under_size_limit),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
