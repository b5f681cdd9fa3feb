/* event_build() when memory runs out: Jansson's allocator fails the Nth
 * allocation (only that one: later ones succeed, as they may when memory comes
 * back), for every N until the event builds without a failure. Each attempt must
 * give either nothing (NULL) or the whole event, byte for byte: never an event
 * with a member silently left out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "codebook.h"
#include "event.h"
#include "extract.h"

static long allocations_left = -1; /* -1: no failure planned */
static bool failed;

static void *failing_malloc(size_t size)
{
        if (allocations_left == 0) {
                allocations_left = -1;
                failed = true;
                return NULL;
        }
        if (allocations_left > 0)
                allocations_left--;
        return malloc(size);
}

static void test_out_of_memory_fails_the_whole_event(void **state)
{
        /* every optional member: title, country, target, location, when with
         * bounds, quote, article title */
        static const char text[] = "Title: A visit\nDate: 2024-09-02\n\n"
                                   "President Vladimir Putin arrived in Mongolia on Monday, "
                                   "\"We are glad,\" he said.\n";
        struct article_options opts = { .name = "oom.txt" };
        struct event_meta meta = { .feed = "news", .sequence = 7, .epoch = 9, .index = 1, .count = 1,
                                   .time = "2026-11-28T17:02:03.123Z" };
        struct parse_error err = { 0 };
        struct codebook *cb = NULL;
        struct article *a = NULL;
        struct extraction x;
        char *copy = strdup(text), *whole;
        long attempts = 0, nulls = 0;

        assert_int_equal(codebook_load(HERALD_DATA_DIR, &cb, &err), 0);
        assert_int_equal(article_parse(copy, strlen(copy), &opts, cb->lexicon, &a, &err), 0);
        assert_int_equal(extract_article(cb, a, &x), 0);
        assert_true(x.n >= 1);
        whole = event_build(cb, a, &x.v[0], &meta);
        assert_non_null(whole);
        json_set_alloc_funcs(failing_malloc, free);
        for (long n = 0;; n++) {
                char *json;

                allocations_left = n;
                failed = false;
                json = event_build(cb, a, &x.v[0], &meta);
                allocations_left = -1;
                attempts++;
                if (json)
                        assert_string_equal(json, whole); /* whole, or not at all */
                else
                        nulls++;
                free(json);
                if (!failed)
                        break;
                assert_true(n < 100000);
        }
        json_set_alloc_funcs(malloc, free);
        printf("event_build: %ld single allocation failures tried, each gave no event\n", nulls);
        assert_true(nulls > 10);
        assert_int_equal(nulls, attempts - 1);
        free(whole);
        extraction_done(&x);
        article_free(a);
        codebook_free(cb);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_out_of_memory_fails_the_whole_event),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
