/* The fixture of the join tests (test_join.c, test_join_topics.c, test_join_event.c):
 * a join made with a start and a request timeout, events made from a sequence,
 * and helpers that feed it live and replayed events and check what it asks and
 * hands out. Include after <cmocka.h>. */
#ifndef HERALD_TESTS_JOIN_FIXTURE_H
#define HERALD_TESTS_JOIN_FIXTURE_H

#include "join.h"

#define EPOCH   0x1111
#define TIMEOUT 3000

static const char *const arrival[] = {"ev.arrival."};

static const char *replay_endpoint = "ipc:///run/herald/replay";

static inline struct join *join_with(enum herald_start start, uint64_t n)
{
        struct join_config c = {.start = start, .n = n, .request_timeout_ms = TIMEOUT, .replay = &replay_endpoint};
        struct join *j = join_new(&c);

        assert_non_null(j);
        return j;
}

static inline herald_event *event_in(uint64_t epoch, uint64_t seq, const char *topic)
{
        char json[64];
        herald_event *ev;

        snprintf(json, sizeof(json), "{\"id\":\"a/%llu\"}", (unsigned long long)seq);
        ev = event_new(topic, strlen(topic), epoch, seq, json, strlen(json));
        assert_non_null(ev);
        return ev;
}

static inline herald_event *event(uint64_t seq)
{
        return event_in(EPOCH, seq, "ev.arrival.a");
}

static inline void live(struct join *j, uint64_t seq, int64_t now)
{
        assert_int_equal(join_live(j, EPOCH, seq, event(seq), now), HERALD_OK);
}

static inline void heartbeat(struct join *j, uint64_t seq, int64_t now)
{
        assert_int_equal(join_live(j, EPOCH, seq, NULL, now), HERALD_OK);
}

/* The request the join wants sent now: its id, with its from-sequence checked. */
static inline unsigned expect_request(struct join *j, const char *from)
{
        struct join_request q;

        assert_true(join_take_request(j, &q));
        assert_string_equal(q.from, from);
        assert_false(join_take_request(j, &q)); /* handed out once */
        return q.id;
}

/* The request the join wants sent now: a repair, with its from and max. */
static inline unsigned expect_repair(struct join *j, const char *from, const char *max)
{
        struct join_request q;

        assert_true(join_take_request(j, &q));
        assert_string_equal(q.from, from);
        assert_string_equal(q.max, max);
        return q.id;
}

static inline void no_request(struct join *j)
{
        struct join_request q;

        assert_false(join_take_request(j, &q));
}

static inline void replay(struct join *j, unsigned id, uint64_t first, uint64_t last, int64_t now)
{
        for (uint64_t seq = first; seq && seq <= last; seq++)
                assert_int_equal(join_replay_event(j, id, event(seq), now), HERALD_OK);
}

static inline void end(struct join *j, unsigned id, uint64_t cut, int64_t now)
{
        assert_int_equal(join_replay_end(j, id, EPOCH, cut, 1, now), HERALD_OK);
}

/* The next outputs are the events first..last, then nothing. */
static inline void expect_events(struct join *j, uint64_t first, uint64_t last)
{
        for (uint64_t seq = first; seq <= last; seq++) {
                herald_event *ev = NULL;
                char *why = NULL;

                assert_int_equal(join_next(j, &ev, &why), HERALD_OK);
                assert_int_equal(ev->sequence, seq);
                herald_event_free(ev);
        }
}

static inline void expect_nothing(struct join *j)
{
        herald_event *ev = NULL;
        char *why = NULL;

        assert_int_equal(join_next(j, &ev, &why), HERALD_TIMEOUT);
}

/* The next output is the condition, its reason containing `says` (if given). */
static inline void expect_condition_saying(struct join *j, int condition, const char *says)
{
        herald_event *ev = NULL;
        char *why = NULL;

        assert_int_equal(join_next(j, &ev, &why), condition);
        assert_non_null(why);
        if (says && !strstr(why, says))
                fail_msg("'%s' does not say '%s'", why, says);
        free(why);
}

static inline void expect_condition(struct join *j, int condition)
{
        expect_condition_saying(j, condition, NULL);
}

#endif
