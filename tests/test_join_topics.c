/* The join state machine (client/lib/join.c) with topics: a filtered stream is
 * still contiguous, and the last n of a topic is asked of the daemon as "-n" with
 * the prefix, or counted here when an old daemon does not know it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers/join_fixture.h"

static void test_join_topics_filtered_stream_contiguous(void **state)
{
        struct join_config c = {.start = HERALD_START_LIVE,
                                .topics = arrival,
                                .n_topics = 1,
                                .request_timeout_ms = TIMEOUT,
                                .replay = &replay_endpoint};
        struct join *j = join_new(&c);
        herald_event *ev = NULL;
        char *why = NULL;

        (void)state;
        heartbeat(j, 0, 0);
        assert_int_equal(join_live(j, EPOCH, 1, event_in(EPOCH, 1, "ev.visit.a"), 1), HERALD_OK);
        live(j, 2, 2); /* no gap: 1 was seen, just not wanted */
        no_request(j);
        assert_int_equal(join_next(j, &ev, &why), HERALD_OK);
        assert_int_equal(ev->sequence, 2);
        herald_event_free(ev);
        join_free(j);
}

/* The last n of one topic: asked of the daemon as "-n" with the prefix; its
 * answer has holes (other topics), and what follows END is live. */
static void test_join_last_n_by_topic_asks_the_daemon(void **state)
{
        struct join_config c = {.start = HERALD_START_LAST,
                                .n = 2,
                                .topics = arrival,
                                .n_topics = 1,
                                .request_timeout_ms = TIMEOUT,
                                .replay = &replay_endpoint};
        struct join *j = join_new(&c);
        struct join_request q;

        (void)state;
        heartbeat(j, 9, 0);
        assert_true(join_take_request(j, &q));
        assert_string_equal(q.prefix, "ev.arrival.");
        assert_string_equal(q.from, "-2");
        live(j, 10, 1);
        assert_int_equal(join_replay_event(j, q.id, event(3), 2), HERALD_OK);
        assert_int_equal(join_replay_event(j, q.id, event(7), 2), HERALD_OK);
        end(j, q.id, 9, 3);
        no_request(j); /* 4..6 and 8..9 are other topics: no gap */
        expect_events(j, 3, 3);
        expect_events(j, 7, 7);
        expect_events(j, 10, 10);
        assert_true(join_caught_up(j));
        join_free(j);
}

/* A daemon that does not know "-n" (400): everything is replayed and the last
 * n matching are kept here. */
static void test_join_last_n_by_topic_counted_here_for_an_old_daemon(void **state)
{
        static const char *const two[] = {"ev.arrival.", "ev.visit."};
        struct join_config c = {.start = HERALD_START_LAST,
                                .n = 2,
                                .topics = arrival,
                                .n_topics = 1,
                                .request_timeout_ms = TIMEOUT,
                                .replay = &replay_endpoint};
        struct join *j;
        unsigned id;

        (void)state;
        for (int round = 0; round < 2; round++) {
                j = join_new(&c);
                heartbeat(j, 6, 0);
                if (round == 0) { /* one topic: asked as -2 first, refused by the old daemon */
                        id = expect_request(j, "-2");
                        assert_int_equal(join_replay_error(j, id, HERALD_ERR_MALFORMED, 1), HERALD_OK);
                }
                id = expect_request(j, "0");
                for (uint64_t seq = 1; seq <= 6; seq++)
                        assert_int_equal(
                                join_replay_event(j, id,
                                                  event_in(EPOCH, seq, seq % 2 ? "ev.arrival.a" : "ev.meeting.a"), 2),
                                HERALD_OK);
                end(j, id, 6, 3);
                expect_events(j, 3, 3); /* arrivals are 1, 3, 5: the last two */
                expect_events(j, 5, 5);
                expect_nothing(j);
                join_free(j);
                c.topics = two; /* several topics: counted here from the start */
                c.n_topics = 2;
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_join_topics_filtered_stream_contiguous),
                cmocka_unit_test(test_join_last_n_by_topic_asks_the_daemon),
                cmocka_unit_test(test_join_last_n_by_topic_counted_here_for_an_old_daemon),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
