/* The join state machine (client/lib/join.c) without sockets: messages and
 * time in, replay requests and events out. Each test plays one story of
 * README, "Joining without loss": joining before and after publishing, the overlap of replay and
 * buffer, a gap closed by a second replay or reported, an epoch change, a
 * replay lost with its connection or unanswered. Topics and the last n are in
 * test_join_topics.c, the event object in test_join_event.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers/join_fixture.h"

static void test_join_before_publishing(void **state)
{
        struct join *j = join_with(HERALD_START_OLDEST, 0);
        unsigned id;

        (void)state;
        no_request(j); /* nothing before the first message proves the subscription */
        heartbeat(j, 0, 0);
        id = expect_request(j, "0");
        assert_false(join_caught_up(j));
        end(j, id, 0, 10);
        assert_true(join_caught_up(j));
        live(j, 1, 20);
        live(j, 2, 30);
        expect_events(j, 1, 2);
        expect_nothing(j);
        join_free(j);
}

static void test_join_after_publishing(void **state)
{
        struct join *j = join_with(HERALD_START_LAST, 3);
        unsigned id;

        (void)state;
        heartbeat(j, 10, 0);
        id = expect_request(j, "8"); /* the last 3 of 10 */
        live(j, 11, 5);              /* buffered while the replay is out */
        expect_nothing(j);
        replay(j, id, 8, 10, 6);
        end(j, id, 10, 7);
        expect_events(j, 8, 11);
        expect_nothing(j);
        assert_int_equal(join_daemon_sequence(j), 11);
        join_free(j);
}

static void test_join_duplicates_dropped_after_end(void **state)
{
        struct join *j = join_with(HERALD_START_OLDEST, 0);
        unsigned id;

        (void)state;
        live(j, 4, 0); /* the first message is an event: the replay covers it too */
        id = expect_request(j, "0");
        live(j, 5, 1);
        live(j, 6, 2);
        replay(j, id, 1, 5, 3); /* 4 and 5 came live as well */
        end(j, id, 5, 4);
        expect_events(j, 1, 6); /* each once, in order */
        expect_nothing(j);
        join_free(j);
}

static void test_join_answers_to_old_requests_ignored(void **state)
{
        struct join *j = join_with(HERALD_START_OLDEST, 0);
        unsigned id;

        (void)state;
        heartbeat(j, 2, 0);
        id = expect_request(j, "0");
        replay(j, id + 7, 1, 2, 1);
        end(j, id + 7, 2, 1);
        expect_nothing(j);
        assert_false(join_caught_up(j));
        join_free(j);
}

static void test_join_gap_closed_by_second_replay(void **state)
{
        struct join *j = join_with(HERALD_START_LIVE, 0);
        unsigned id;

        (void)state;
        heartbeat(j, 0, 0);
        no_request(j);
        live(j, 1, 1);
        live(j, 4, 2); /* 2 and 3 never came */
        id = expect_request(j, "2");
        live(j, 5, 3);
        replay(j, id, 2, 5, 4);
        end(j, id, 5, 5);
        expect_events(j, 1, 5);
        expect_nothing(j);
        assert_true(join_caught_up(j));
        join_free(j);
}

static void test_join_gap_seen_by_a_heartbeat(void **state)
{
        struct join *j = join_with(HERALD_START_LIVE, 0);
        unsigned id;

        (void)state;
        heartbeat(j, 3, 0);
        heartbeat(j, 5, 1); /* 4 and 5 went by unseen */
        id = expect_request(j, "4");
        replay(j, id, 4, 5, 2);
        end(j, id, 5, 3);
        expect_events(j, 4, 5);
        join_free(j);
}

/* A repair asks for the hole alone. The daemon's S (its last sequence when the
 * request came) is past the hole: what lies between is still on its way live
 * and must not be taken for a second hole. */
static void test_join_gap_repair_asks_for_the_hole_alone(void **state)
{
        struct join *j = join_with(HERALD_START_LIVE, 0);
        unsigned id;

        (void)state;
        heartbeat(j, 0, 0);
        live(j, 1, 1);
        live(j, 10, 2); /* 2 .. 9 never came */
        id = expect_repair(j, "2", "8");
        replay(j, id, 2, 9, 3);
        end(j, id, 12, 4); /* 11 and 12 published, not here yet */
        no_request(j);
        expect_events(j, 1, 10);
        live(j, 11, 5);
        live(j, 12, 6);
        expect_events(j, 11, 12);
        no_request(j);
        assert_true(join_caught_up(j));
        join_free(j);
}

/* A repair lost with its connection is asked again from where it got to, to
 * the hole's end; a heartbeat's hole ends at its sequence. */
static void test_join_gap_repair_asked_again_for_what_is_left(void **state)
{
        struct join *j = join_with(HERALD_START_LIVE, 0);
        unsigned id;

        (void)state;
        heartbeat(j, 3, 0);
        heartbeat(j, 9, 1); /* 4 .. 9 went by unseen */
        id = expect_repair(j, "4", "6");
        replay(j, id, 4, 6, 2);
        join_replay_dropped(j);
        join_replay_connected(j, 3);
        id = expect_repair(j, "7", "3");
        replay(j, id, 7, 9, 4);
        end(j, id, 11, 5);
        no_request(j);
        expect_events(j, 4, 9);
        join_free(j);
}

static void test_join_gap_reported(void **state)
{
        struct join *j = join_with(HERALD_START_LIVE, 0);
        unsigned id;

        (void)state;
        heartbeat(j, 0, 0);
        live(j, 1, 1);
        live(j, 4, 2);
        id = expect_request(j, "2");
        end(j, id, 4, 3); /* the replay had nothing of 2..3 */
        id = expect_request(j, "2");
        end(j, id, 4, 4);
        no_request(j); /* two tries, then the loss is reported */
        expect_events(j, 1, 1);
        expect_condition(j, HERALD_GAP);
        expect_events(j, 4, 4);
        live(j, 5, 5);
        expect_events(j, 5, 5);
        join_free(j);
}

static void test_join_gone_from_start_is_reported(void **state)
{
        struct join *j = join_with(HERALD_START_SEQUENCE, 1);
        unsigned id;

        (void)state;
        heartbeat(j, 9, 0);
        id = expect_request(j, "1");
        assert_int_equal(join_replay_error(j, id, HERALD_ERR_GONE, 1), HERALD_OK);
        id = expect_request(j, "0"); /* what the daemon still keeps */
        replay(j, id, 6, 9, 2);
        end(j, id, 9, 3);
        expect_condition_saying(j, HERALD_GAP,
                                "events 1 to 5 are gone (older than the daemon keeps); the oldest kept is 6");
        expect_events(j, 6, 9);
        join_free(j);
}

static void test_join_epoch_change(void **state)
{
        struct join *j = join_with(HERALD_START_LIVE, 0);
        unsigned id;

        (void)state;
        heartbeat(j, 7, 0);
        live(j, 8, 1);
        assert_int_equal(join_live(j, 0x2222, 1, event_in(0x2222, 1, "ev.arrival.b"), 2), HERALD_OK);
        id = expect_request(j, "0"); /* the new epoch from its beginning */
        replay(j, id, 1, 1, 3);      /* in the old epoch: a stale answer would be a new epoch again */
        expect_events(j, 8, 8);
        expect_condition(j, HERALD_EPOCH_CHANGED);
        expect_condition(j, HERALD_EPOCH_CHANGED);
        join_free(j);
}

static void test_join_epoch_change_then_new_stream(void **state)
{
        struct join *j = join_with(HERALD_START_LIVE, 0);
        unsigned id;

        (void)state;
        heartbeat(j, 7, 0);
        assert_int_equal(join_live(j, 0x2222, 2, NULL, 1), HERALD_OK);
        id = expect_request(j, "0");
        for (uint64_t seq = 1; seq <= 2; seq++)
                assert_int_equal(join_replay_event(j, id, event_in(0x2222, seq, "ev.arrival.b"), 2), HERALD_OK);
        assert_int_equal(join_replay_end(j, id, 0x2222, 2, 1, 3), HERALD_OK);
        expect_condition(j, HERALD_EPOCH_CHANGED);
        expect_events(j, 1, 2);
        assert_true(join_caught_up(j));
        join_free(j);
}

static void test_join_lost_replay_asked_again(void **state)
{
        struct join *j = join_with(HERALD_START_SEQUENCE, 3);
        unsigned first, second;

        (void)state;
        heartbeat(j, 5, 0);
        first = expect_request(j, "3");
        join_replay_connected(j, 1); /* a handshake with nothing dropped: nothing to ask */
        no_request(j);
        join_replay_dropped(j); /* the daemon died with the request */
        no_request(j);          /* not at the drop: when a new connection is up */
        join_replay_connected(j, 2);
        second = expect_request(j, "3");
        assert_int_not_equal(first, second);
        replay(j, first, 3, 5, 3); /* the old request's answer counts for nothing */
        expect_nothing(j);
        replay(j, second, 3, 5, 4);
        end(j, second, 5, 5);
        expect_events(j, 3, 5);
        join_free(j);
}

static void test_join_unanswered_replay_asked_again(void **state)
{
        struct join *j = join_with(HERALD_START_OLDEST, 0);

        (void)state;
        heartbeat(j, 2, 0);
        expect_request(j, "0");
        assert_int_equal(join_deadline(j), TIMEOUT);
        join_tick(j, TIMEOUT - 1);
        no_request(j);
        join_tick(j, TIMEOUT);
        expect_request(j, "0");
        join_free(j);
}

static void test_join_too_many_requests_waits(void **state)
{
        struct join *j = join_with(HERALD_START_OLDEST, 0);
        unsigned id;

        (void)state;
        heartbeat(j, 2, 0);
        id = expect_request(j, "0");
        assert_int_equal(join_replay_error(j, id, HERALD_ERR_TOO_MANY, 100), HERALD_OK);
        no_request(j);
        assert_true(join_deadline(j) > 100 && join_deadline(j) <= 100 + TIMEOUT);
        join_tick(j, join_deadline(j));
        expect_request(j, "0");
        join_free(j);
}

/* The replay never answers while the live stream flows (a wrong replay
 * endpoint): after two silences it is a gap naming the endpoint, and the live
 * events buffered meanwhile go out. */
static void test_join_unanswered_replay_given_up_while_live_flows(void **state)
{
        struct join *j = join_with(HERALD_START_LAST, 3);

        (void)state;
        heartbeat(j, 10, 0);
        expect_request(j, "8");
        live(j, 11, 100);
        join_tick(j, TIMEOUT);
        expect_request(j, "8"); /* the first silence: asked again */
        live(j, 12, TIMEOUT + 100);
        heartbeat(j, 12, 2 * TIMEOUT - 10);
        join_tick(j, 2 * TIMEOUT);
        no_request(j);
        expect_condition_saying(j, HERALD_GAP,
                                "no answer from the replay endpoint 'ipc:///run/herald/replay': "
                                "events 8 to 10 were not replayed");
        expect_events(j, 11, 12);
        assert_true(join_caught_up(j));
        join_free(j);
}

/* Nothing heard at all (the daemon is down): no gap, the replay is asked for
 * as long as it takes, and the third silence says the daemon is unreachable. */
static void test_join_unanswered_replay_with_the_daemon_silent(void **state)
{
        struct join *j = join_with(HERALD_START_OLDEST, 0);

        (void)state;
        heartbeat(j, 4, 0);
        expect_request(j, "0");
        for (int i = 1; i <= 3; i++) {
                join_tick(j, i * TIMEOUT);
                expect_request(j, "0");
        }
        expect_condition_saying(j, HERALD_UNREACHABLE, "replay endpoint 'ipc:///run/herald/replay'");
        expect_nothing(j);
        join_free(j);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_join_before_publishing),
                cmocka_unit_test(test_join_after_publishing),
                cmocka_unit_test(test_join_duplicates_dropped_after_end),
                cmocka_unit_test(test_join_answers_to_old_requests_ignored),
                cmocka_unit_test(test_join_gap_closed_by_second_replay),
                cmocka_unit_test(test_join_gap_seen_by_a_heartbeat),
                cmocka_unit_test(test_join_gap_repair_asks_for_the_hole_alone),
                cmocka_unit_test(test_join_gap_repair_asked_again_for_what_is_left),
                cmocka_unit_test(test_join_gap_reported),
                cmocka_unit_test(test_join_gone_from_start_is_reported),
                cmocka_unit_test(test_join_epoch_change),
                cmocka_unit_test(test_join_epoch_change_then_new_stream),
                cmocka_unit_test(test_join_lost_replay_asked_again),
                cmocka_unit_test(test_join_unanswered_replay_asked_again),
                cmocka_unit_test(test_join_too_many_requests_waits),
                cmocka_unit_test(test_join_unanswered_replay_given_up_while_live_flows),
                cmocka_unit_test(test_join_unanswered_replay_with_the_daemon_silent),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
