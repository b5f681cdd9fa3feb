/* The join state machine (client/lib/join.c) without sockets: messages and
 * time in, replay requests and events out. Each test plays one story of
 * README, "Joining without loss": joining before and after publishing, the overlap of replay and
 * buffer, a gap closed by a second replay or reported, an epoch change, a
 * replay lost with its connection or unanswered. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "join.h"

#define EPOCH   0x1111
#define TIMEOUT 3000

static const char *const arrival[] = {"ev.arrival."};

static const char *replay_endpoint = "ipc:///run/herald/replay";

static struct join *join_with(enum herald_start start, uint64_t n)
{
        struct join_config c = {.start = start, .n = n, .request_timeout_ms = TIMEOUT, .replay = &replay_endpoint};
        struct join *j = join_new(&c);

        assert_non_null(j);
        return j;
}

static herald_event *event_in(uint64_t epoch, uint64_t seq, const char *topic)
{
        char json[64];
        herald_event *ev;

        snprintf(json, sizeof(json), "{\"id\":\"a/%llu\"}", (unsigned long long)seq);
        ev = event_new(topic, strlen(topic), epoch, seq, json, strlen(json));
        assert_non_null(ev);
        return ev;
}

static herald_event *event(uint64_t seq)
{
        return event_in(EPOCH, seq, "ev.arrival.a");
}

static void live(struct join *j, uint64_t seq, int64_t now)
{
        assert_int_equal(join_live(j, EPOCH, seq, event(seq), now), HERALD_OK);
}

static void heartbeat(struct join *j, uint64_t seq, int64_t now)
{
        assert_int_equal(join_live(j, EPOCH, seq, NULL, now), HERALD_OK);
}

/* The request the join wants sent now: its id, with its from-sequence checked. */
static unsigned expect_request(struct join *j, const char *from)
{
        struct join_request q;

        assert_true(join_take_request(j, &q));
        assert_string_equal(q.from, from);
        assert_false(join_take_request(j, &q)); /* handed out once */
        return q.id;
}

/* The request the join wants sent now: a repair, with its from and max. */
static unsigned expect_repair(struct join *j, const char *from, const char *max)
{
        struct join_request q;

        assert_true(join_take_request(j, &q));
        assert_string_equal(q.from, from);
        assert_string_equal(q.max, max);
        return q.id;
}

static void no_request(struct join *j)
{
        struct join_request q;

        assert_false(join_take_request(j, &q));
}

static void replay(struct join *j, unsigned id, uint64_t first, uint64_t last, int64_t now)
{
        for (uint64_t seq = first; seq && seq <= last; seq++)
                assert_int_equal(join_replay_event(j, id, event(seq), now), HERALD_OK);
}

static void end(struct join *j, unsigned id, uint64_t cut, int64_t now)
{
        assert_int_equal(join_replay_end(j, id, EPOCH, cut, 1, now), HERALD_OK);
}

/* The next outputs are the events first..last, then nothing. */
static void expect_events(struct join *j, uint64_t first, uint64_t last)
{
        for (uint64_t seq = first; seq <= last; seq++) {
                herald_event *ev = NULL;
                char *why = NULL;

                assert_int_equal(join_next(j, &ev, &why), HERALD_OK);
                assert_int_equal(ev->sequence, seq);
                herald_event_free(ev);
        }
}

static void expect_nothing(struct join *j)
{
        herald_event *ev = NULL;
        char *why = NULL;

        assert_int_equal(join_next(j, &ev, &why), HERALD_TIMEOUT);
}

/* The next output is the condition, its reason containing `says` (if given). */
static void expect_condition_saying(struct join *j, int condition, const char *says)
{
        herald_event *ev = NULL;
        char *why = NULL;

        assert_int_equal(join_next(j, &ev, &why), condition);
        assert_non_null(why);
        if (says && !strstr(why, says))
                fail_msg("'%s' does not say '%s'", why, says);
        free(why);
}

static void expect_condition(struct join *j, int condition)
{
        expect_condition_saying(j, condition, NULL);
}

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

/* Events keep their frames and parse the JSON only when an accessor needs it:
 * receiving one costs a copy, not a parse. A body that is not JSON is still
 * delivered, as it always was, its members read as absent. */
static void test_event_parsed_on_demand(void **state)
{
        static const char frames[] = "ev.arrival.a{\"id\":\"a/1\",\"data\":{\"kind\":\"arrival\","
                                     "\"actors\":[{\"name\":\"Russia\"}]}}trailing";
        const char *json = frames + 12;
        size_t json_len = strlen(json) - strlen("trailing");
        herald_event *ev = event_new(frames, 12, EPOCH, 7, json, json_len), *bad;
        const char *id;

        (void)state;
        assert_non_null(ev);
        assert_string_equal(herald_event_topic(ev), "ev.arrival.a"); /* the frames need not end in NUL */
        assert_int_equal(herald_event_json_length(ev), json_len);
        assert_int_equal(strlen(herald_event_json(ev)), json_len);
        assert_int_equal(herald_event_sequence(ev), 7);
        assert_false(ev->parsed); /* nothing asked of the JSON yet */
        id = herald_event_id(ev);
        assert_true(ev->parsed);
        assert_string_equal(id, "a/1");
        assert_ptr_equal(herald_event_id(ev), id); /* parsed once, kept */
        assert_string_equal(herald_event_kind(ev), "arrival");
        assert_string_equal(herald_event_headline(ev), "");
        assert_int_equal(herald_event_actor_count(ev), 1);
        assert_string_equal(herald_event_actor_name(ev, 0), "Russia");
        herald_event_free(ev);

        bad = event_new("ev.arrival.b", 12, EPOCH, 8, "{\"id\":", 6);
        assert_non_null(bad);
        assert_string_equal(herald_event_json(bad), "{\"id\":");
        assert_string_equal(herald_event_id(bad), "");
        assert_string_equal(herald_event_kind(bad), "");
        assert_string_equal(herald_event_when(bad), "");
        assert_int_equal(herald_event_actor_count(bad), 0);
        assert_null(herald_event_actor_name(bad, 0));
        herald_event_free(bad);
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
                cmocka_unit_test(test_join_topics_filtered_stream_contiguous),
                cmocka_unit_test(test_join_last_n_by_topic_asks_the_daemon),
                cmocka_unit_test(test_join_last_n_by_topic_counted_here_for_an_old_daemon),
                cmocka_unit_test(test_join_unanswered_replay_given_up_while_live_flows),
                cmocka_unit_test(test_join_unanswered_replay_with_the_daemon_silent),
                cmocka_unit_test(test_event_parsed_on_demand),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
