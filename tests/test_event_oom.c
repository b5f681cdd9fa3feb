/* event_build() when memory runs out: the Nth allocation fails (only that one:
 * later ones succeed, as they may when memory comes back), for every N until the
 * event builds without a failure. Each attempt must give either nothing (NULL)
 * or the whole event, byte for byte: never an event with a member silently left
 * out. malloc, realloc and calloc are wrapped at link time (-Wl,--wrap), so the
 * sweep reaches every allocation of the build, whatever does it. event_append()
 * (a batch's events in one buffer) is swept the same way: the whole event after
 * what the buffer held, or the buffer as it was. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include "codebook.h"
#include "event.h"
#include "extract.h"
#include "jsonw.h"

void *__real_realloc(void *p, size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_malloc(size_t n);
void *__wrap_realloc(void *p, size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_malloc(size_t n);

static long allocations_left = -1; /* -1: no failure planned */
static bool failed;

static bool fail_now(void)
{
        if (allocations_left == 0) {
                allocations_left = -1;
                failed = true;
                return true;
        }
        if (allocations_left > 0)
                allocations_left--;
        return false;
}

void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }
void *__wrap_calloc(size_t k, size_t n) { return fail_now() ? NULL : __real_calloc(k, n); }
void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }

/* Fails each allocation of building x's first event in turn; returns how many
 * attempts gave no event (the others failed only the shrink of a finished
 * event, which keeps it as it was), and how many failures were tried. */
static long sweep(const struct codebook *cb, const struct article *a, const struct extraction *x, long *tried)
{
        struct event_meta meta = { .feed = "news", .sequence = 7, .epoch = 9, .index = 1, .count = 1,
                                   .time = "2026-11-28T17:02:03.123Z" };
        char *whole = event_build(cb, a, &x->v[0], &meta);
        long nulls = 0;

        assert_non_null(whole);
        for (long n = 0;; n++) {
                char *json;

                allocations_left = n;
                failed = false;
                json = event_build(cb, a, &x->v[0], &meta);
                allocations_left = -1;
                if (json)
                        assert_string_equal(json, whole); /* whole, or not at all */
                else
                        nulls++;
                free(json);
                if (!failed)
                        break;
                assert_true(n < 100000);
                *tried = n + 1;
        }
        free(whole);
        return nulls;
}

/* The same for event_append() after bytes already in the buffer; returns how
 * many attempts appended nothing. */
static long sweep_append(const struct codebook *cb, const struct article *a, const struct extraction *x)
{
        struct event_meta meta = { .feed = "news", .sequence = 7, .epoch = 9, .index = 1, .count = 1,
                                   .time = "2026-11-28T17:02:03.123Z" };
        char *whole = event_build(cb, a, &x->v[0], &meta);
        long nulls = 0;

        assert_non_null(whole);
        for (long n = 0;; n++) {
                struct jsonw batch = { 0 };
                size_t at = 0, len = 0;
                int r;

                jsonw_raw(&batch, "prior", 6); /* a small buffer: the event must grow it */
                assert_int_equal(batch.len, 6);
                allocations_left = n;
                failed = false;
                r = event_append(&batch, cb, a, &x->v[0], &meta, &at, &len);
                allocations_left = -1;
                assert_memory_equal(batch.buf, "prior", 6);
                if (r == 0) {
                        assert_int_equal(at, 6);
                        assert_string_equal(batch.buf + at, whole);
                        assert_int_equal(batch.len, 6 + len + 1);
                } else {
                        assert_int_equal(r, -ENOMEM);
                        assert_int_equal(batch.len, 6);
                        nulls++;
                }
                free(batch.buf);
                if (!failed)
                        break;
                assert_true(n < 100000);
        }
        free(whole);
        return nulls;
}

static struct article *parse(const struct codebook *cb, const char *text)
{
        struct article_options opts = { .name = "oom.txt" };
        struct parse_error err = { 0 };
        struct article *a = NULL;

        assert_int_equal(article_parse(strdup(text), strlen(text), &opts, cb->lexicon, &a, &err), 0);
        return a;
}

static void test_out_of_memory_fails_the_whole_event(void **state)
{
        /* every optional member: title, country, target, location, when with
         * bounds, quote, article title */
        static const char text[] = "Title: A visit\nDate: 2024-09-02\n\n"
                                   "President Vladimir Putin arrived in Mongolia on Monday, "
                                   "\"We are glad,\" he said.\n";
        struct parse_error err = { 0 };
        struct codebook *cb = NULL;
        struct article *a;
        struct extraction x;
        long nulls, tried = 0;

        assert_int_equal(codebook_load(HERALD_DATA_DIR, &cb, &err), 0);
        a = parse(cb, text);
        assert_int_equal(extract_article(cb, a, &x), 0);
        assert_true(x.n >= 1);
        nulls = sweep(cb, a, &x, &tried);
        printf("event_build: %ld single allocation failures tried, %ld gave no event, none a part\n", tried, nulls);
        assert_true(nulls >= 1);
        extraction_done(&x);
        article_free(a);
        codebook_free(cb);
}

/* A sentence whose every byte becomes six of JSON: the buffer grows while the
 * event is written, and each of those reallocations may fail too. */
static void test_out_of_memory_while_the_event_grows(void **state)
{
        struct parse_error err = { 0 };
        struct codebook *cb = NULL;
        struct article *a;
        struct extraction x;
        char text[2048], *p = text;
        long nulls, tried = 0;

        p += sprintf(p, "Date: 2024-09-02\n\nGermany condemned \u201c");
        while ((size_t)(p - text) < sizeof(text) - 16)
                *p++ = '\x01';
        sprintf(p, "\u201d.\n");
        assert_int_equal(codebook_load(HERALD_DATA_DIR, &cb, &err), 0);
        a = parse(cb, text);
        assert_int_equal(extract_article(cb, a, &x), 0);
        assert_true(x.n >= 1);
        nulls = sweep(cb, a, &x, &tried);
        printf("event_build, growing: %ld single allocation failures tried, %ld gave no event, none a part\n", tried,
               nulls);
        assert_true(nulls >= 3); /* the first buffer and at least two reallocations */
        nulls = sweep_append(cb, a, &x);
        printf("event_append, growing: %ld single allocation failures appended nothing\n", nulls);
        assert_true(nulls >= 2);
        extraction_done(&x);
        article_free(a);
        codebook_free(cb);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_out_of_memory_fails_the_whole_event),
                cmocka_unit_test(test_out_of_memory_while_the_event_grows),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
