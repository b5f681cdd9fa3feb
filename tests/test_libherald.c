/* libherald against real heraldd processes (ipc endpoints in a temporary
 * directory): joining before and after publishing, a gap made by a proxy that
 * drops events and closed by the second replay, loss too old to replay, an
 * epoch change, a daemon restart, timeouts, the pollable fd, topic filters. */
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

#include "herald/herald.h"

extern char **environ;

static char dir[64], events[128], replay[128], proxied[128], inbox[128], journal[128];
static pid_t running[8]; /* daemons started by the current test: teardown stops what is left */
static size_t n_running;

/* ---------------------------------------------------------------- the daemon */

static pid_t daemon_start(const char *const *extra)
{
        const char *argv[32] = { getenv("HERALDD"), "--bind", events, "--replay-bind", replay, "--log-level", "warning" };
        size_t n = 7;
        pid_t pid;

        while (extra && *extra)
                argv[n++] = *extra++;
        argv[n] = NULL;
        assert_int_equal(posix_spawn(&pid, argv[0], NULL, NULL, (char **)argv, environ), 0);
        running[n_running++] = pid;
        return pid;
}

static void daemon_stop(pid_t pid, int sig)
{
        int status;

        kill(pid, sig);
        waitpid(pid, &status, 0);
        for (size_t i = 0; i < n_running; i++)
                if (running[i] == pid)
                        running[i] = running[--n_running];
}

static herald_sub_options *options(enum herald_start start, uint64_t n, const char *via)
{
        herald_sub_options *o = herald_sub_options_new();

        assert_int_equal(herald_sub_options_set_endpoint(o, via ? via : events), HERALD_OK);
        assert_int_equal(herald_sub_options_set_replay_endpoint(o, replay), HERALD_OK);
        assert_int_equal(herald_sub_options_set_start(o, start, n), HERALD_OK);
        assert_int_equal(herald_sub_options_set_connect_timeout(o, 20000), HERALD_OK);
        return o;
}

static herald_sub *subscribe(enum herald_start start, uint64_t n, const char *via)
{
        herald_sub_options *o = options(start, n, via);
        herald_sub *s;

        assert_int_equal(herald_sub_open(o, &s), HERALD_OK);
        herald_sub_options_free(o);
        return s;
}

/* Waits until the daemon reports `sequence` events published. */
static void wait_published(uint64_t sequence)
{
        herald_sub_options *o = options(HERALD_START_LIVE, 0, NULL);
        char want[64];

        snprintf(want, sizeof(want), "\"sequence\":%llu,", (unsigned long long)sequence);
        for (int i = 0; i < 200; i++) {
                char *json = NULL;

                if (herald_status(o, 200, &json) == HERALD_OK && strstr(json, want)) {
                        free(json);
                        herald_sub_options_free(o);
                        return;
                }
                free(json);
                usleep(50000);
        }
        fail_msg("the daemon never reached sequence %llu", (unsigned long long)sequence);
}

/* Reads n events and checks their sequences are first, first + 1, ... */
static void expect_sequences(herald_sub *s, uint64_t first, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                herald_event *ev = NULL;
                int r = herald_sub_next(s, &ev, 10000);

                if (r != HERALD_OK)
                        fail_msg("event %zu of %zu: %s", i + 1, n, herald_strerror(r));
                assert_int_equal(herald_event_sequence(ev), first + i);
                herald_event_free(ev);
        }
}

/* Waits until the subscriber has joined and caught up. */
static void wait_caught_up(herald_sub *s)
{
        for (int i = 0; i < 200 && !herald_sub_caught_up(s); i++) {
                herald_event *ev = NULL;

                if (herald_sub_next(s, &ev, 50) == HERALD_OK)
                        herald_event_free(ev);
        }
        assert_true(herald_sub_caught_up(s));
}

static void drop_article(const char *name, const char *body)
{
        char staged[256], final[256];
        FILE *f;

        snprintf(staged, sizeof(staged), "%s/%s", dir, name);
        snprintf(final, sizeof(final), "%s/%s", inbox, name);
        assert_non_null(f = fopen(staged, "w"));
        fprintf(f, "Date: 2024-09-02\n\n%s\n", body);
        fclose(f);
        assert_int_equal(rename(staged, final), 0);
}

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

static void put_be64(unsigned char *p, uint64_t v)
{
        for (int i = 7; i >= 0; i--, v >>= 8)
                p[i] = (unsigned char)v;
}

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

/* An article of ten events, one per sentence. */
#define TEN_EVENTS                                                                                        \
        "Germany condemned it. France condemned it. Spain condemned it. Italy condemned it. Chile "      \
        "condemned it. Peru condemned it. Cuba condemned it. Iraq condemned it. Iran condemned it. "    \
        "Oman condemned it."


static int setup(void **state)
{
        strcpy(dir, "/tmp/herald-lib-XXXXXX");
        if (!mkdtemp(dir))
                return -1;
        snprintf(events, sizeof(events), "ipc://%s/events", dir);
        snprintf(replay, sizeof(replay), "ipc://%s/replay", dir);
        snprintf(proxied, sizeof(proxied), "ipc://%s/proxied", dir);
        snprintf(inbox, sizeof(inbox), "%s/inbox", dir);
        snprintf(journal, sizeof(journal), "%s/journal", dir);
        return mkdir(inbox, 0700);
}

static int teardown(void **state)
{
        char cmd[128];

        while (n_running)
                daemon_stop(running[0], SIGKILL);
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        return system(cmd);
}

static void test_libherald_join_after_publishing_then_timeout(void **state)
{
        pid_t d = daemon_start(NULL);
        herald_sub *s;
        herald_event *ev = NULL;

        wait_published(18);
        s = subscribe(HERALD_START_OLDEST, 0, NULL);
        expect_sequences(s, 1, 18);
        assert_int_equal(herald_sub_next(s, &ev, 300), HERALD_TIMEOUT);
        assert_true(herald_sub_caught_up(s));
        assert_int_equal(herald_sub_daemon_sequence(s), 18);
        herald_sub_close(s);
        daemon_stop(d, SIGTERM);
}

static void test_libherald_join_before_publishing(void **state)
{
        herald_sub *s = subscribe(HERALD_START_OLDEST, 0, NULL);
        const char *const args[] = { "--interval", "10", NULL };
        pid_t d = daemon_start(args);

        expect_sequences(s, 1, 18);
        herald_sub_close(s);
        daemon_stop(d, SIGTERM);
}

static void test_libherald_last_n_and_accessors(void **state)
{
        pid_t d = daemon_start(NULL);
        herald_sub *s;
        herald_event *ev = NULL;

        wait_published(18);
        s = subscribe(HERALD_START_LAST, 3, NULL);
        assert_int_equal(herald_sub_next(s, &ev, 10000), HERALD_OK);
        assert_int_equal(herald_event_sequence(ev), 16);
        assert_string_equal(herald_event_id(ev), "putin-mongolia/16");
        assert_string_equal(herald_event_type(ev), "herald.economic_talks");
        assert_string_equal(herald_event_kind(ev), "economic_talks");
        assert_string_equal(herald_event_topic(ev), "ev.economic_talks.putin-mongolia");
        assert_string_equal(herald_event_headline(ev), "Russia discusses economic ties with Mongolia");
        assert_true(strlen(herald_event_time(ev)) == 24);
        assert_true(herald_event_epoch(ev) != 0);
        assert_int_equal(strlen(herald_event_json(ev)), herald_event_json_length(ev));
        assert_string_equal(herald_event_modality(ev), "asserted");
        assert_string_equal(herald_event_when(ev), "2024-09-02");
        assert_string_equal(herald_event_when_start(ev), "2024-09-02T00:00:00Z");
        assert_string_equal(herald_event_when_end(ev), "2024-09-03T00:00:00Z");
        assert_int_equal(herald_event_actor_count(ev), 1);
        assert_string_equal(herald_event_actor_name(ev, 0), "Russia");
        assert_null(herald_event_actor_name(ev, 1));
        assert_int_equal(herald_event_target_count(ev), 1);
        assert_string_equal(herald_event_target_name(ev, 0), "Mongolia");
        herald_event_free(ev);
        expect_sequences(s, 17, 2);
        herald_sub_close(s);
        daemon_stop(d, SIGTERM);
}

static void test_libherald_topic_filter(void **state)
{
        herald_sub_options *o = options(HERALD_START_OLDEST, 0, NULL);
        pid_t d = daemon_start(NULL);
        herald_event *ev = NULL;
        herald_sub *s;

        assert_int_equal(herald_sub_options_add_topic(o, "ev.economic_talks."), HERALD_OK);
        assert_int_equal(herald_sub_options_add_topic(o, "ev.arrival"), HERALD_INVALID); /* no final '.' */
        assert_int_equal(herald_sub_options_add_topic(o, "arrival."), HERALD_INVALID);   /* never matches */
        assert_int_equal(herald_sub_open(o, &s), HERALD_OK);
        herald_sub_options_free(o);
        wait_published(18);
        expect_sequences(s, 16, 2);
        assert_int_equal(herald_sub_next(s, &ev, 300), HERALD_TIMEOUT);
        herald_sub_close(s);
        daemon_stop(d, SIGTERM);
}

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

static void test_libherald_daemon_restart_survived(void **state)
{
        const char *const args[] = { "--journal", journal, "--inbox", inbox, NULL };
        pid_t d = daemon_start(args);
        herald_sub *s = subscribe(HERALD_START_OLDEST, 0, NULL);

        drop_article("one.txt", "Germany condemned it. France condemned it.");
        expect_sequences(s, 1, 2);
        daemon_stop(d, SIGKILL);
        drop_article("two.txt", "Spain condemned it. Italy condemned it. Chile condemned it.");
        d = daemon_start(args); /* same journal: same epoch, sequence goes on */
        expect_sequences(s, 3, 3);
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

static void test_libherald_unreachable(void **state)
{
        herald_sub_options *o = options(HERALD_START_LAST, 10, NULL);
        herald_event *ev = NULL;
        herald_sub *s;

        herald_sub_options_set_connect_timeout(o, 300);
        assert_int_equal(herald_sub_open(o, &s), HERALD_OK);
        herald_sub_options_free(o);
        assert_int_equal(herald_sub_next(s, &ev, 5000), HERALD_UNREACHABLE);
        assert_false(herald_sub_joined(s));
        assert_int_equal(herald_sub_next(s, &ev, 200), HERALD_TIMEOUT); /* reported once */
        herald_sub_close(s);
}

static void test_libherald_fd_for_a_foreign_loop(void **state)
{
        const char *const args[] = { "--inbox", inbox, NULL };
        pid_t d = daemon_start(args);
        herald_sub *s = subscribe(HERALD_START_LIVE, 0, NULL);
        struct pollfd pfd = { .fd = herald_sub_fd(s), .events = POLLIN };
        herald_event *ev = NULL;
        int got = 0;

        assert_true(pfd.fd >= 0);
        wait_caught_up(s);
        drop_article("fd.txt", "Germany condemned it. France condemned it.");
        for (int i = 0; i < 100 && got < 2; i++) {
                if (poll(&pfd, 1, 100) <= 0)
                        continue;
                while (herald_sub_next(s, &ev, 0) == HERALD_OK) { /* drain: the fd is edge-triggered */
                        got++;
                        herald_event_free(ev);
                }
        }
        assert_int_equal(got, 2);
        herald_sub_close(s);
        daemon_stop(d, SIGTERM);
}

static void test_libherald_options_and_errors(void **state)
{
        herald_sub_options *o = herald_sub_options_new();
        herald_sub *s = NULL;

        assert_int_equal(herald_sub_options_set_endpoint(o, "http://x"), HERALD_INVALID);
        assert_int_equal(herald_sub_options_set_endpoint(NULL, "tcp://x:1"), HERALD_INVALID);
        assert_int_equal(herald_sub_options_set_start(o, (enum herald_start)9, 0), HERALD_INVALID);
        assert_int_equal(herald_sub_options_set_connect_timeout(o, 0), HERALD_INVALID);
        assert_int_equal(herald_sub_options_set_curve(o, "short", NULL, NULL), HERALD_INVALID);
        assert_int_equal(herald_sub_options_set_curve(o, "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7", "x", NULL),
                         HERALD_INVALID); /* a public key without its secret */
        assert_int_equal(herald_sub_options_set_curve(o, "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7", NULL, NULL),
                         HERALD_OK);
        assert_int_equal(herald_sub_open(NULL, &s), HERALD_INVALID);
        assert_int_equal(herald_sub_next(NULL, NULL, 0), HERALD_INVALID);
        for (int r = HERALD_PROTOCOL; r <= HERALD_OK; r++)
                assert_true(strlen(herald_strerror(r)) > 0);
        assert_string_equal(herald_version(), HERALD_LIB_VERSION);
        herald_sub_close(NULL);
        herald_event_free(NULL);
        herald_sub_options_free(o);
        herald_sub_options_free(NULL);
}


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
        assert_true(herald_sub_caught_up(s));
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

/* The same against heraldd: with or without "-n", the last one of a kind is
 * that kind's last, not the stream's last event filtered away. */
static void test_libherald_last_n_by_topic_from_the_daemon(void **state)
{
        herald_sub_options *o = options(HERALD_START_LAST, 1, NULL);
        pid_t d = daemon_start(NULL);
        herald_event *ev = NULL;
        herald_sub *s;

        assert_int_equal(herald_sub_options_add_topic(o, "ev.commemoration."), HERALD_OK);
        wait_published(18);
        assert_int_equal(herald_sub_open(o, &s), HERALD_OK);
        herald_sub_options_free(o);
        expect_sequences(s, 13, 1); /* commemorations are 12 and 13 of 18 */
        assert_int_equal(herald_sub_next(s, &ev, 300), HERALD_TIMEOUT);
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

/* Every refusal says why, through herald_last_error(). */
static void test_libherald_last_error_says_why(void **state)
{
        herald_sub_options *o = herald_sub_options_new();
        char *json = NULL;

        assert_int_equal(herald_sub_options_set_endpoint(o, "localhost:5556"), HERALD_INVALID);
        assert_non_null(strstr(herald_last_error(), "'localhost:5556' is not an endpoint: use tcp://HOST:PORT"));
        assert_int_equal(herald_sub_options_add_topic(o, "arrival."), HERALD_INVALID);
        assert_non_null(strstr(herald_last_error(), "topic 'arrival.' can never match"));
        assert_int_equal(herald_sub_options_add_topic(o, "ev.arrival"), HERALD_INVALID);
        assert_non_null(strstr(herald_last_error(), "topic 'ev.arrival' can never match"));
        assert_int_equal(herald_sub_options_set_connect_timeout(o, -5), HERALD_INVALID);
        assert_non_null(strstr(herald_last_error(), "-5 ms"));
        assert_int_equal(herald_sub_options_set_curve(o, "short", NULL, NULL), HERALD_INVALID);
        assert_non_null(strstr(herald_last_error(), "40 Z85 characters"));
        assert_int_equal(herald_sub_options_set_endpoint(o, events), HERALD_OK);
        assert_int_equal(herald_status(o, 200, &json), HERALD_UNREACHABLE); /* no daemon */
        assert_non_null(strstr(herald_last_error(), replay));
        herald_sub_options_free(o);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test_setup_teardown(test_libherald_join_after_publishing_then_timeout, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_join_before_publishing, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_last_n_and_accessors, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_topic_filter, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_gap_closed_by_second_replay, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_gap_too_old_is_reported, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_epoch_change_is_reported, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_daemon_restart_survived, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_replay_lost_with_its_daemon, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_unreachable, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_fd_for_a_foreign_loop, setup, teardown),
                cmocka_unit_test(test_libherald_options_and_errors),
                cmocka_unit_test_setup_teardown(test_libherald_replay_endpoint_from_the_heartbeat, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_last_n_by_topic_asked_as_minus_n, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_last_n_by_topic_from_the_daemon, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_unreachable_replay_is_a_gap_and_live_flows, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_last_error_says_why, setup, teardown),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
