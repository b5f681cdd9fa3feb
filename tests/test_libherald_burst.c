/* libherald reading a burst: more messages queued in libzmq than one round of
 * herald_sub_next() reads (a replay and live events, overlapping, with a hole
 * to repair), from a daemon scripted by the test's own thread, so all of it is
 * sent before the subscriber reads any; then rounds of heartbeats alone before
 * one more event. Every event comes out once, in order, through
 * herald_sub_next() with a timeout and through the pollable fd. */
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zmq.h>

#include "herald/herald.h"

#define EPOCH 0x1234
#define REPLAYED 1000             /* the first replay brings 1 .. REPLAYED */
#define LIVE_FROM 901             /* live events from here (overlapping the replay) ... */
#define LIVE_TO 1500              /* ... to here */
#define HOLE 1300                 /* never sent live: the second replay brings it */
#define HEARTBEATS 500            /* then a run of heartbeats, nothing for the caller, and one event */
#define MAX_WAITS 200             /* nothing for this many short waits: the subscriber is stuck */

static char dir[64], events[128], replay[128];

/* The daemon's two sockets, bound by the test and driven from its thread. No
 * high-water marks: a burst is queued whole, never dropped. */
struct script {
        void *ctx, *pub, *router;
        unsigned replays; /* REPLAY requests answered */
};

static void put_be64(unsigned char *p, uint64_t v)
{
        for (int i = 7; i >= 0; i--, v >>= 8)
                p[i] = (unsigned char)v;
}

static void script_open(struct script *w)
{
        int zero = 0;

        *w = (struct script){ .ctx = zmq_ctx_new() };
        w->pub = zmq_socket(w->ctx, ZMQ_PUB);
        w->router = zmq_socket(w->ctx, ZMQ_ROUTER);
        for (int i = 0; i < 2; i++) {
                void *sock = i ? w->router : w->pub;

                zmq_setsockopt(sock, ZMQ_LINGER, &zero, sizeof(zero));
                zmq_setsockopt(sock, ZMQ_SNDHWM, &zero, sizeof(zero));
        }
        assert_int_equal(zmq_bind(w->router, replay), 0);
        assert_int_equal(zmq_bind(w->pub, events), 0);
}

static void script_close(struct script *w)
{
        zmq_close(w->pub);
        zmq_close(w->router);
        zmq_ctx_term(w->ctx);
}

/* A live message: an event at `sequence`, or (topic "hb") a heartbeat. */
static void script_live(struct script *w, const char *topic, uint64_t sequence)
{
        unsigned char header[16];
        char body[64];

        put_be64(header, EPOCH);
        put_be64(header + 8, sequence);
        snprintf(body, sizeof(body), "{\"id\":\"x/%llu\"}", (unsigned long long)sequence);
        zmq_send(w->pub, topic, strlen(topic), ZMQ_SNDMORE);
        zmq_send(w->pub, header, sizeof(header), ZMQ_SNDMORE);
        zmq_send(w->pub, body, strlen(body), 0);
}

static void send_reply(struct script *w, zmq_msg_t *f, const char *what, uint64_t sequence, bool event)
{
        unsigned char header[16];
        char body[64];

        put_be64(header, EPOCH);
        put_be64(header + 8, sequence);
        if (event)
                snprintf(body, sizeof(body), "{\"id\":\"x/%llu\"}", (unsigned long long)sequence);
        else
                snprintf(body, sizeof(body), "{\"count\":0,\"oldest\":1,\"truncated\":false}");
        zmq_send(w->router, zmq_msg_data(&f[0]), zmq_msg_size(&f[0]), ZMQ_SNDMORE); /* the peer */
        zmq_send(w->router, what, strlen(what), ZMQ_SNDMORE);
        zmq_send(w->router, zmq_msg_data(&f[2]), zmq_msg_size(&f[2]), ZMQ_SNDMORE); /* req-id */
        if (event)
                zmq_send(w->router, "ev.arrival.x", 12, ZMQ_SNDMORE);
        zmq_send(w->router, header, sizeof(header), ZMQ_SNDMORE);
        zmq_send(w->router, body, strlen(body), 0);
}

/* Answers a REPLAY waiting on the router, if any: EVENT from its `from` (0:
 * the oldest, 1) to `to`, then END at `to`. Returns whether there was one. */
static bool script_answer(struct script *w, uint64_t to)
{
        zmq_msg_t f[6];
        int n = 0, more = 1;
        size_t len = sizeof(more);
        uint64_t from;
        char text[24] = "";

        zmq_msg_init(&f[0]);
        if (zmq_msg_recv(&f[0], w->router, ZMQ_DONTWAIT) < 0) {
                zmq_msg_close(&f[0]);
                return false;
        }
        for (n = 1; n < 6 && (zmq_getsockopt(w->router, ZMQ_RCVMORE, &more, &len), more); n++) {
                zmq_msg_init(&f[n]);
                zmq_msg_recv(&f[n], w->router, 0);
        }
        assert_int_equal(n, 6); /* peer REPLAY req-id prefix from count */
        assert_true(zmq_msg_size(&f[4]) < sizeof(text));
        memcpy(text, zmq_msg_data(&f[4]), zmq_msg_size(&f[4]));
        from = strtoull(text, NULL, 10);
        for (uint64_t seq = from ? from : 1; seq <= to; seq++)
                send_reply(w, f, "EVENT", seq, true);
        send_reply(w, f, "END", to, false);
        for (int i = 0; i < n; i++)
                zmq_msg_close(&f[i]);
        w->replays++;
        return true;
}

static herald_sub *subscribe(void)
{
        herald_sub_options *o = herald_sub_options_new();
        herald_sub *s;

        assert_int_equal(herald_sub_options_set_endpoint(o, events), HERALD_OK);
        assert_int_equal(herald_sub_options_set_replay_endpoint(o, replay), HERALD_OK);
        assert_int_equal(herald_sub_options_set_start(o, HERALD_START_OLDEST, 0), HERALD_OK);
        assert_int_equal(herald_sub_options_set_connect_timeout(o, 20000), HERALD_OK);
        assert_int_equal(herald_sub_open(o, &s), HERALD_OK);
        herald_sub_options_free(o);
        return s;
}

/* Heartbeats until the subscriber has asked for its start point, and answers
 * it with the replay of 1 .. REPLAYED, queued whole before it is read. */
static void queue_burst(struct script *w, herald_sub *s)
{
        herald_event *ev = NULL;

        for (int i = 0; i < MAX_WAITS && !w->replays; i++) {
                script_live(w, "hb", 0);
                assert_int_equal(herald_sub_next(s, &ev, 20), HERALD_TIMEOUT);
                for (int k = 0; k < 50 && !w->replays; k++) { /* the request may still be on its way */
                        script_live(w, "hb", 0);
                        if (!script_answer(w, REPLAYED))
                                usleep(1000);
                }
        }
        assert_int_equal(w->replays, 1);
}

/* One event out of the subscriber: HERALD_OK, or HERALD_TIMEOUT after a wait.
 * Through the fd, a foreign loop's way: once herald_sub_next() has said
 * HERALD_TIMEOUT, it is called again only when the fd is readable. */
static int next_event(herald_sub *s, herald_event **ev, bool via_fd, bool *drained)
{
        struct pollfd p = { .fd = herald_sub_fd(s), .events = POLLIN };
        int r;

        if (!via_fd)
                return herald_sub_next(s, ev, 20);
        if (*drained && poll(&p, 1, 20) <= 0)
                return HERALD_TIMEOUT;
        r = herald_sub_next(s, ev, 0);
        *drained = r == HERALD_TIMEOUT;
        return r;
}

static void read_burst(bool via_fd)
{
        struct script w;
        herald_sub *s;
        uint64_t want = 1;
        int waits = 0;
        bool drained = false;

        script_open(&w);
        s = subscribe();
        queue_burst(&w, s);
        for (uint64_t seq = LIVE_FROM; seq <= LIVE_TO; seq++)
                if (seq != HOLE)
                        script_live(&w, "ev.arrival.x", seq);
        while (want <= LIVE_TO + 1 && waits < MAX_WAITS) {
                herald_event *ev = NULL;
                int r = next_event(s, &ev, via_fd, &drained);

                if (r == HERALD_TIMEOUT) { /* the hole's replay may be asked for */
                        script_answer(&w, LIVE_TO);
                        waits++;
                        continue;
                }
                if (r != HERALD_OK)
                        fail_msg("at %llu: %s: %s", (unsigned long long)want, herald_strerror(r), herald_last_error());
                assert_int_equal(herald_event_sequence(ev), want);
                herald_event_free(ev);
                if (want++ != LIVE_TO)
                        continue;
                for (int i = 0; i < HEARTBEATS; i++)
                        script_live(&w, "hb", LIVE_TO);
                script_live(&w, "ev.arrival.x", LIVE_TO + 1);
        }
        if (want <= LIVE_TO + 1)
                fail_msg("stuck at event %llu of %d", (unsigned long long)want, LIVE_TO + 1);
        assert_int_equal(w.replays, 2); /* the start point, and the hole */
        assert_true(herald_sub_caught_up(s));
        herald_sub_close(s);
        script_close(&w);
}

static void test_burst_through_next_with_a_timeout(void **state)
{
        (void)state;
        read_burst(false);
}

static void test_burst_through_the_fd(void **state)
{
        (void)state;
        read_burst(true);
}

static int setup(void **state)
{
        (void)state;
        strcpy(dir, "/tmp/herald-burst-XXXXXX");
        if (!mkdtemp(dir))
                return -1;
        snprintf(events, sizeof(events), "ipc://%s/events", dir);
        snprintf(replay, sizeof(replay), "ipc://%s/replay", dir);
        return 0;
}

static int teardown(void **state)
{
        char cmd[128];

        (void)state;
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        return system(cmd);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test_setup_teardown(test_burst_through_next_with_a_timeout, setup, teardown),
                cmocka_unit_test_setup_teardown(test_burst_through_the_fd, setup, teardown),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
