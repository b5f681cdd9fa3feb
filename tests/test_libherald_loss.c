/* libherald when events or requests are lost, against real heraldd processes: a
 * gap made by a proxy that drops events and closed by the second replay, loss too
 * old to replay, an epoch change, a REPLAY lost with its daemon, and a replay
 * endpoint that never answers while the live stream flows. */
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <zmq.h>

#include "helpers/libherald_fixture.h"

/* ---------------------------------------------------------------- the proxy */

/* Forwards the stream from the daemon to `proxied`, dropping the events whose
 * sequence is in [drop_from, drop_to]: a lossy network, made on purpose. */
struct proxy {
        pthread_t thread;
        uint64_t drop_from, drop_to;
        volatile int stop;
};

static uint64_t be64(const unsigned char *p)
{
        uint64_t v = 0;

        for (int i = 0; i < 8; i++)
                v = v << 8 | p[i];
        return v;
}

static void forward(void *from, void *to, struct proxy *p, int filter)
{
        zmq_msg_t f[3];
        int n = 0, more = 1, drop = 0;
        size_t len = sizeof(more);

        while (more && n < 3) {
                zmq_msg_init(&f[n]);
                if (zmq_msg_recv(&f[n], from, 0) < 0)
                        return;
                zmq_getsockopt(from, ZMQ_RCVMORE, &more, &len);
                n++;
        }
        if (filter && n == 3 && zmq_msg_size(&f[0]) > 2) {
                uint64_t seq = be64(zmq_msg_data(&f[1]) + 8);

                drop = seq >= p->drop_from && seq <= p->drop_to;
        }
        for (int i = 0; i < n; i++) {
                if (!drop)
                        zmq_msg_send(&f[i], to, i + 1 < n ? ZMQ_SNDMORE : 0);
                zmq_msg_close(&f[i]);
        }
}

static void *proxy_run(void *arg)
{
        struct proxy *p = arg;
        void *ctx = zmq_ctx_new(), *xsub = zmq_socket(ctx, ZMQ_XSUB), *xpub = zmq_socket(ctx, ZMQ_XPUB);
        int zero = 0;

        zmq_setsockopt(xsub, ZMQ_LINGER, &zero, sizeof(zero));
        zmq_setsockopt(xpub, ZMQ_LINGER, &zero, sizeof(zero));
        zmq_connect(xsub, events);
        zmq_bind(xpub, proxied);
        while (!p->stop) {
                zmq_pollitem_t items[2] = { { xsub, 0, ZMQ_POLLIN, 0 }, { xpub, 0, ZMQ_POLLIN, 0 } };

                if (zmq_poll(items, 2, 50) <= 0)
                        continue;
                if (items[0].revents & ZMQ_POLLIN)
                        forward(xsub, xpub, p, 1);
                if (items[1].revents & ZMQ_POLLIN)
                        forward(xpub, xsub, p, 0); /* subscriptions upstream */
        }
        zmq_close(xsub);
        zmq_close(xpub);
        zmq_ctx_term(ctx);
        return NULL;
}

/* ---------------------------------------------------------------- a daemon that dies mid-request */

/* Stands where the daemon stands, heartbeats as `epoch` at `sequence`, takes
 * the first request on the replay socket without answering it, and goes: a
 * daemon killed while a REPLAY was in flight. */
struct swallower {
        pthread_t thread;
        uint64_t epoch, sequence;
        volatile int gone;
};

static void *swallower_run(void *arg)
{
        struct swallower *w = arg;
        void *ctx = zmq_ctx_new(), *pub = zmq_socket(ctx, ZMQ_PUB), *router = zmq_socket(ctx, ZMQ_ROUTER);
        zmq_pollitem_t item = { router, 0, ZMQ_POLLIN, 0 };
        unsigned char header[16];
        int zero = 0;

        put_be64(header, w->epoch);
        put_be64(header + 8, w->sequence);
        zmq_setsockopt(pub, ZMQ_LINGER, &zero, sizeof(zero));
        zmq_setsockopt(router, ZMQ_LINGER, &zero, sizeof(zero));
        zmq_bind(pub, events);
        zmq_bind(router, replay);
        while (zmq_poll(&item, 1, 50) == 0) {
                zmq_send(pub, "hb", 2, ZMQ_SNDMORE);
                zmq_send(pub, header, sizeof(header), ZMQ_SNDMORE);
                zmq_send(pub, "{}", 2, 0);
        }
        zmq_close(pub); /* the request is read by nobody */
        zmq_close(router);
        zmq_ctx_term(ctx);
        w->gone = 1;
        return NULL;
}

/* ---------------------------------------------------------------- the tests */

static void test_libherald_gap_closed_by_second_replay(void **state)
{
        const char *const args[] = { "--inbox", inbox, NULL };
        struct proxy p = { .drop_from = 5, .drop_to = 7 };
        pid_t d = daemon_start(args);
        herald_sub *s;

        pthread_create(&p.thread, NULL, proxy_run, &p);
        s = subscribe(HERALD_START_OLDEST, 0, proxied);
        wait_caught_up(s); /* joined: the first replay is done */
        drop_article("ten.txt", TEN_EVENTS);
        expect_sequences(s, 1, 10); /* 5, 6 and 7 never came live: replayed */
        p.stop = 1;
        pthread_join(p.thread, NULL);
        herald_sub_close(s);
        daemon_stop(d, SIGTERM);
}

static void test_libherald_gap_too_old_is_reported(void **state)
{
        const char *const args[] = { "--inbox", inbox, "--retain", "2", "--interval", "30", NULL };
        struct proxy p = { .drop_from = 3, .drop_to = 6 };
        pid_t d = daemon_start(args);
        herald_event *ev = NULL;
        uint64_t first;
        herald_sub *s;
        int r;

        pthread_create(&p.thread, NULL, proxy_run, &p);
        s = subscribe(HERALD_START_LIVE, 0, proxied);
        wait_caught_up(s);
        drop_article("ten.txt", TEN_EVENTS);
        expect_sequences(s, 1, 2);
        r = herald_sub_next(s, &ev, 10000);
        assert_int_equal(r, HERALD_GAP); /* 3 and on left the 2-event window before they could be replayed */
        assert_int_equal(herald_sub_next(s, &ev, 10000), HERALD_OK); /* the stream goes on from the oldest kept */
        first = herald_event_sequence(ev);
        assert_true(first > 3 && first <= 10);
        herald_event_free(ev);
        expect_sequences(s, first + 1, 10 - first); /* and without another hole */
        p.stop = 1;
        pthread_join(p.thread, NULL);
        herald_sub_close(s);
        daemon_stop(d, SIGTERM);
}

static void test_libherald_epoch_change_is_reported(void **state)
{
        pid_t d = daemon_start(NULL);
        herald_sub *s = subscribe(HERALD_START_OLDEST, 0, NULL);
        herald_event *ev = NULL;

        expect_sequences(s, 1, 18);
        daemon_stop(d, SIGTERM);
        d = daemon_start(NULL); /* no journal: a new epoch, history lost */
        assert_int_equal(herald_sub_next(s, &ev, 10000), HERALD_EPOCH_CHANGED);
        expect_sequences(s, 1, 18); /* resynchronised from the new epoch's start */
        herald_sub_close(s);
        daemon_stop(d, SIGTERM);
}

/* The daemon dies with the join's REPLAY unanswered and comes back: the lost
 * connection is the signal to ask again, well before the request's deadline
 * (20 s here, longer than expect_sequences waits). */
static void test_libherald_replay_lost_with_its_daemon(void **state)
{
        const char *const args[] = { "--journal", journal, "--inbox", inbox, NULL };
        herald_sub_options *o = options(HERALD_START_LIVE, 0, NULL);
        struct swallower w = { .sequence = 2 };
        pid_t d = daemon_start(args);
        char *json = NULL, *at;
        herald_event *ev = NULL;
        herald_sub *s;

        drop_article("one.txt", "Germany condemned it. France condemned it.");
        wait_published(2);
        assert_int_equal(herald_status(o, 5000, &json), HERALD_OK);
        assert_non_null(at = strstr(json, "\"epoch\":\""));
        w.epoch = strtoull(at + 9, NULL, 16);
        free(json);
        herald_sub_options_free(o);
        daemon_stop(d, SIGTERM);

        assert_int_equal(pthread_create(&w.thread, NULL, swallower_run, &w), 0);
        s = subscribe(HERALD_START_OLDEST, 0, NULL);
        for (int i = 0; i < 400 && !w.gone; i++) /* the subscriber joins and asks */
                assert_int_equal(herald_sub_next(s, &ev, 50), HERALD_TIMEOUT);
        pthread_join(w.thread, NULL); /* it has taken the REPLAY and gone */
        d = daemon_start(args);
        expect_sequences(s, 1, 2);
        herald_sub_close(s);
        daemon_stop(d, SIGTERM);
}

/* A replay endpoint that never answers while the live stream flows: the
 * missed range is a gap naming the endpoint, and live events still come. */
static void test_libherald_unreachable_replay_is_a_gap_and_live_flows(void **state)
{
        const char *const args[] = { "--inbox", inbox, "--heartbeat", "100", NULL };
        herald_sub_options *o = options(HERALD_START_LAST, 3, NULL);
        char nowhere[160], want[260];
        herald_event *ev = NULL;
        pid_t d = daemon_start(args);
        herald_sub *s;

        drop_article("ten.txt", TEN_EVENTS);
        wait_published(10);
        snprintf(nowhere, sizeof(nowhere), "ipc://%s/nowhere", dir);
        assert_int_equal(herald_sub_options_set_replay_endpoint(o, nowhere), HERALD_OK);
        assert_int_equal(herald_sub_options_set_connect_timeout(o, 400), HERALD_OK);
        assert_int_equal(herald_sub_open(o, &s), HERALD_OK);
        herald_sub_options_free(o);
        assert_int_equal(herald_sub_next(s, &ev, 10000), HERALD_GAP);
        snprintf(want, sizeof(want), "no answer from the replay endpoint '%s': events 8 to 10 were not replayed", nowhere);
        assert_string_equal(herald_last_error(), want);
        drop_article("more.txt", "Spain condemned it. Italy condemned it.");
        expect_sequences(s, 11, 2); /* live, without the replay */
        herald_sub_close(s);
        daemon_stop(d, SIGTERM);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test_setup_teardown(test_libherald_gap_closed_by_second_replay, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_gap_too_old_is_reported, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_epoch_change_is_reported, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_replay_lost_with_its_daemon, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_unreachable_replay_is_a_gap_and_live_flows, setup, teardown),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
