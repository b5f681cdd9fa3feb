/* libherald against a stand-in daemon that speaks the newer protocol: the replay
 * endpoint named in its heartbeats, and the last n of a topic asked as "-n" with
 * the prefix. */
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

/* ---------------------------------------------------------------- a daemon with the newer protocol */

/* Stands for a daemon that names its replay endpoint in its heartbeats and
 * counts "-N" by topic (heraldd may not do either yet): heartbeats announce
 * `announce`; the first REPLAY is recorded (prefix, from) and answered with
 * events of topic ev.arrival.x at `seqs`, then END(last). Sockets are made and
 * bound by the test's thread before this one starts. */
struct standin {
        pthread_t thread;
        void *ctx, *pub, *router;
        char announce[160], prefix[64], from[32];
        uint64_t epoch, last, seqs[8];
        size_t n;
        volatile int stop, answered;
};

static void copy_frame(zmq_msg_t *m, char *out, size_t size)
{
        size_t len = zmq_msg_size(m) < size - 1 ? zmq_msg_size(m) : size - 1;

        memcpy(out, zmq_msg_data(m), len);
        out[len] = '\0';
}

static void standin_answer(struct standin *w)
{
        zmq_msg_t f[6];
        unsigned char header[16];
        char body[256];
        int n = 0, more = 1;
        size_t len = sizeof(more);

        while (more && n < 6) {
                zmq_msg_init(&f[n]);
                zmq_msg_recv(&f[n], w->router, 0);
                zmq_getsockopt(w->router, ZMQ_RCVMORE, &more, &len);
                n++;
        }
        if (n == 3 && zmq_msg_size(&f[1]) == 6 && memcmp(zmq_msg_data(&f[1]), "STATUS", 6) == 0) {
                snprintf(body, sizeof(body), "{\"sequence\":%llu,\"replay\":\"%s\"}", (unsigned long long)w->last,
                         w->announce);
                zmq_send(w->router, zmq_msg_data(&f[0]), zmq_msg_size(&f[0]), ZMQ_SNDMORE);
                zmq_send(w->router, "STATUS", 6, ZMQ_SNDMORE);
                zmq_send(w->router, zmq_msg_data(&f[2]), zmq_msg_size(&f[2]), ZMQ_SNDMORE);
                zmq_send(w->router, body, strlen(body), 0);
        }
        if (n == 6 && !w->answered) {
                copy_frame(&f[3], w->prefix, sizeof(w->prefix));
                copy_frame(&f[4], w->from, sizeof(w->from));
                for (size_t i = 0; i < w->n; i++) {
                        put_be64(header, w->epoch);
                        put_be64(header + 8, w->seqs[i]);
                        snprintf(body, sizeof(body), "{\"id\":\"x/%llu\",\"data\":{\"kind\":\"arrival\"}}",
                                 (unsigned long long)w->seqs[i]);
                        zmq_send(w->router, zmq_msg_data(&f[0]), zmq_msg_size(&f[0]), ZMQ_SNDMORE);
                        zmq_send(w->router, "EVENT", 5, ZMQ_SNDMORE);
                        zmq_send(w->router, zmq_msg_data(&f[2]), zmq_msg_size(&f[2]), ZMQ_SNDMORE);
                        zmq_send(w->router, "ev.arrival.x", 12, ZMQ_SNDMORE);
                        zmq_send(w->router, header, 16, ZMQ_SNDMORE);
                        zmq_send(w->router, body, strlen(body), 0);
                }
                put_be64(header + 8, w->last);
                zmq_send(w->router, zmq_msg_data(&f[0]), zmq_msg_size(&f[0]), ZMQ_SNDMORE);
                zmq_send(w->router, "END", 3, ZMQ_SNDMORE);
                zmq_send(w->router, zmq_msg_data(&f[2]), zmq_msg_size(&f[2]), ZMQ_SNDMORE);
                zmq_send(w->router, header, 16, ZMQ_SNDMORE);
                snprintf(body, sizeof(body), "{\"count\":%zu,\"oldest\":1,\"truncated\":false}", w->n);
                zmq_send(w->router, body, strlen(body), 0);
                w->answered = 1;
        }
        for (int i = 0; i < n; i++)
                zmq_msg_close(&f[i]);
}

static void *standin_run(void *arg)
{
        struct standin *w = arg;
        unsigned char header[16];
        char body[256];

        put_be64(header, w->epoch);
        put_be64(header + 8, w->last);
        snprintf(body, sizeof(body), "{\"time\":\"2026-01-01T00:00:00.000Z\",\"interval_ms\":50,\"replay\":\"%s\"}",
                 w->announce);
        while (!w->stop) {
                zmq_pollitem_t item = { w->router, 0, ZMQ_POLLIN, 0 };

                if (zmq_poll(&item, 1, 50) > 0) {
                        standin_answer(w);
                        continue;
                }
                zmq_send(w->pub, "hb", 2, ZMQ_SNDMORE);
                zmq_send(w->pub, header, sizeof(header), ZMQ_SNDMORE);
                zmq_send(w->pub, body, strlen(body), 0);
        }
        return NULL;
}

/* Binds the stand-in: the router first, then the publisher, each at `where`
 * (an ipc path or tcp://127.0.0.1:*); *pub_at is where the publisher is. With
 * no `announce` set, heartbeats announce the router with a wildcard host. */
static void standin_start(struct standin *w, const char *pub_where, const char *router_where, char *pub_at,
                          size_t size)
{
        int zero = 0;

        w->ctx = zmq_ctx_new();
        w->pub = zmq_socket(w->ctx, ZMQ_PUB);
        w->router = zmq_socket(w->ctx, ZMQ_ROUTER);
        zmq_setsockopt(w->pub, ZMQ_LINGER, &zero, sizeof(zero));
        zmq_setsockopt(w->router, ZMQ_LINGER, &zero, sizeof(zero));
        assert_int_equal(zmq_bind(w->router, router_where), 0);
        assert_int_equal(zmq_bind(w->pub, pub_where), 0);
        zmq_getsockopt(w->pub, ZMQ_LAST_ENDPOINT, pub_at, &size);
        if (!w->announce[0]) { /* as a daemon bound to every interface would: the host is for the subscriber to fill */
                char at[128];
                size_t at_size = sizeof(at);

                zmq_getsockopt(w->router, ZMQ_LAST_ENDPOINT, at, &at_size);
                snprintf(w->announce, sizeof(w->announce), "tcp://*%s", strrchr(at, ':'));
        }
        assert_int_equal(pthread_create(&w->thread, NULL, standin_run, w), 0);
}

static void standin_stop(struct standin *w)
{
        w->stop = 1;
        pthread_join(w->thread, NULL);
        zmq_close(w->pub);
        zmq_close(w->router);
        zmq_ctx_term(w->ctx);
}

/* ---------------------------------------------------------------- the tests */

/* Only the events endpoint given, the replay socket not at port + 1: the
 * heartbeat says where it is, with a wildcard host to be replaced by the host
 * the subscriber connected to. herald_status() and the subscriber find it. */
static void test_libherald_replay_endpoint_from_the_heartbeat(void **state)
{
        static struct standin w; /* static: a failed assertion leaves its thread nothing dangling */
        herald_sub_options *o = herald_sub_options_new();
        char pub_at[128], router_at[128], *json = NULL;
        size_t size = sizeof(router_at);
        herald_sub *s;

        w = (struct standin){ .epoch = 7, .last = 3, .seqs = { 1, 2, 3 }, .n = 3 };
        standin_start(&w, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*", pub_at, sizeof(pub_at));
        zmq_getsockopt(w.router, ZMQ_LAST_ENDPOINT, router_at, &size);
        assert_int_not_equal(atoi(strrchr(router_at, ':') + 1), atoi(strrchr(pub_at, ':') + 1) + 1);
        assert_string_equal(strrchr(w.announce, ':'), strrchr(router_at, ':'));
        assert_true(strncmp(w.announce, "tcp://*:", 8) == 0); /* the wildcard the subscriber replaces */
        assert_int_equal(herald_sub_options_set_endpoint(o, pub_at), HERALD_OK);
        assert_int_equal(herald_status(o, 10000, &json), HERALD_OK); /* STATUS finds it the same way */
        assert_non_null(strstr(json, "\"sequence\":3"));
        free(json);
        assert_int_equal(herald_sub_options_set_start(o, HERALD_START_OLDEST, 0), HERALD_OK);
        assert_int_equal(herald_sub_options_set_connect_timeout(o, 20000), HERALD_OK);
        assert_int_equal(herald_sub_open(o, &s), HERALD_OK);
        herald_sub_options_free(o); /* the subscriber keeps its own copy */
        expect_sequences(s, 1, 3);
        wait_caught_up(s); /* the END may come after the last event it answers */
        herald_sub_close(s);
        standin_stop(&w);
}

/* --last n with a topic asks the daemon for the last n matching ("-n" and the
 * prefix), and takes its answer's holes (other topics) for what they are. */
static void test_libherald_last_n_by_topic_asked_as_minus_n(void **state)
{
        static struct standin w; /* static: a failed assertion leaves its thread nothing dangling */
        herald_sub_options *o = options(HERALD_START_LAST, 2, NULL);
        char pub_at[128];
        herald_sub *s;

        w = (struct standin){ .epoch = 7, .last = 9, .seqs = { 4, 8 }, .n = 2 };
        strcpy(w.announce, replay);
        standin_start(&w, events, replay, pub_at, sizeof(pub_at));
        assert_int_equal(herald_sub_options_add_topic(o, "ev.arrival."), HERALD_OK);
        assert_int_equal(herald_sub_open(o, &s), HERALD_OK);
        herald_sub_options_free(o);
        expect_sequences(s, 4, 1);
        expect_sequences(s, 8, 1);
        assert_string_equal(w.prefix, "ev.arrival.");
        assert_string_equal(w.from, "-2");
        wait_caught_up(s); /* END at 9 leaves no hole behind it */
        herald_sub_close(s);
        standin_stop(&w);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test_setup_teardown(test_libherald_replay_endpoint_from_the_heartbeat, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_last_n_by_topic_asked_as_minus_n, setup, teardown),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
