/* The replay window's storage: events' bytes kept intact through slides, holes
 * and resizes, and the memory of events that left the window given back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "history.h"

#define MIB ((size_t)1 << 20)

/* A JSON body of len bytes that names its sequence, so a mix-up shows. */
static char *body(uint64_t sequence, size_t len)
{
        char *s = malloc(len + 1);
        int n = snprintf(s, len + 1, "{\"sequence\":%llu,\"pad\":\"", (unsigned long long)sequence);

        memset(s + n, 'a' + (int)(sequence % 26), len - (size_t)n - 2);
        memcpy(s + len - 2, "\"}", 3);
        return s;
}

static char *topic(uint64_t sequence)
{
        char *t;

        assert_true(asprintf(&t, "ev.kind%llu.article", (unsigned long long)sequence) > 0);
        return t;
}

static void push(struct history *h, uint64_t sequence, size_t len)
{
        history_push(h, sequence, topic(sequence), body(sequence, len), len);
}

static void assert_event(const struct history *h, uint64_t sequence, size_t len)
{
        const struct stored_event *e = history_get(h, sequence);
        char *want_topic = topic(sequence), *want_body = body(sequence, len);

        assert_non_null(e);
        assert_int_equal(e->sequence, sequence);
        assert_string_equal(e->topic, want_topic);
        assert_int_equal(e->json_len, len);
        assert_memory_equal(e->json, want_body, len);
        assert_int_equal(e->json[len], '\0');
        free(want_topic);
        free(want_body);
}

static void test_history_keeps_bytes_through_slides_and_resizes(void **state)
{
        struct history h;

        (void)state;
        assert_int_equal(history_init(&h, 1000), 0);
        for (uint64_t s = 1; s <= 5000; s++)
                push(&h, s, 200 + s % 900);
        for (uint64_t s = 4001; s <= 5000; s++)
                assert_event(&h, s, 200 + s % 900);
        assert_int_equal(history_resize(&h, 10), 0);
        assert_int_equal(history_oldest(&h), 4991);
        for (uint64_t s = 4991; s <= 5000; s++)
                assert_event(&h, s, 200 + s % 900);
        assert_int_equal(history_resize(&h, 3000), 0);
        for (uint64_t s = 5001; s <= 6000; s++)
                push(&h, s, 300);
        assert_int_equal(h.n, 1010);
        assert_event(&h, 4991, 200 + 4991 % 900);
        assert_event(&h, 6000, 300);
        history_done(&h);
}

static void test_history_gives_back_what_left_the_window(void **state)
{
        struct history h;

        (void)state;
        assert_int_equal(history_init(&h, 100), 0);
        for (uint64_t s = 1; s <= 50000; s++) { /* 50 MiB through a window of 100 KiB */
                push(&h, s, 1024);
                assert_true(history_mapped(&h) <= 2 * MIB);
        }
        assert_int_equal(history_resize(&h, 20000), 0);
        for (uint64_t s = 50001; s <= 70000; s++)
                push(&h, s, 1024);
        assert_true(history_mapped(&h) >= 20000 * 1024);
        assert_true(history_mapped(&h) <= 20000 * (1024 + 64) + MIB); /* the bytes and a block's slack */
        assert_int_equal(history_resize(&h, 10), 0);
        assert_true(history_mapped(&h) <= MIB);
        assert_event(&h, 70000, 1024);
        history_done(&h);
}

static void test_history_big_event_and_holes(void **state)
{
        struct history h;

        (void)state;
        assert_int_equal(history_init(&h, 5), 0);
        push(&h, 1, 3 * MIB); /* bigger than a block: a mapping of its own */
        assert_event(&h, 1, 3 * MIB);
        push(&h, 5, 100); /* 2..4 are holes, without bytes */
        assert_true(history_is_hole(&h, 3));
        assert_event(&h, 1, 3 * MIB);
        push(&h, 6, 100); /* 1 leaves: its mapping goes */
        assert_null(history_get(&h, 1));
        assert_true(history_mapped(&h) <= MIB);
        assert_event(&h, 5, 100);
        assert_event(&h, 6, 100);
        history_push(&h, 6, topic(6), body(6, 50), 50); /* not after the newest: refused, freed */
        assert_event(&h, 6, 100);
        history_done(&h);
        assert_int_equal(history_mapped(&h), 0);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_history_keeps_bytes_through_slides_and_resizes),
                cmocka_unit_test(test_history_gives_back_what_left_the_window),
                cmocka_unit_test(test_history_big_event_and_holes),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
