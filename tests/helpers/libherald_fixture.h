/* The fixture of the libherald tests against real heraldd processes
 * (test_libherald.c, test_libherald_loss.c, test_libherald_standin.c): a temporary
 * directory of ipc endpoints set up and removed per test, daemons started and
 * stopped, subscribers made, and waits on what a daemon has published. Include
 * after <cmocka.h> and <zmq.h>. */
#ifndef HERALD_TESTS_LIBHERALD_FIXTURE_H
#define HERALD_TESTS_LIBHERALD_FIXTURE_H

#include "herald/herald.h"

extern char **environ;

static char dir[64], events[128], replay[128], proxied[128], inbox[128], journal[128];
static pid_t running[8]; /* daemons started by the current test: teardown stops what is left */
static size_t n_running;

/* ---------------------------------------------------------------- the daemon */

static inline pid_t daemon_start(const char *const *extra)
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

static inline void daemon_stop(pid_t pid, int sig)
{
        int status;

        kill(pid, sig);
        waitpid(pid, &status, 0);
        for (size_t i = 0; i < n_running; i++)
                if (running[i] == pid)
                        running[i] = running[--n_running];
}

static inline herald_sub_options *options(enum herald_start start, uint64_t n, const char *via)
{
        herald_sub_options *o = herald_sub_options_new();

        assert_int_equal(herald_sub_options_set_endpoint(o, via ? via : events), HERALD_OK);
        assert_int_equal(herald_sub_options_set_replay_endpoint(o, replay), HERALD_OK);
        assert_int_equal(herald_sub_options_set_start(o, start, n), HERALD_OK);
        assert_int_equal(herald_sub_options_set_connect_timeout(o, 20000), HERALD_OK);
        return o;
}

static inline herald_sub *subscribe(enum herald_start start, uint64_t n, const char *via)
{
        herald_sub_options *o = options(start, n, via);
        herald_sub *s;

        assert_int_equal(herald_sub_open(o, &s), HERALD_OK);
        herald_sub_options_free(o);
        return s;
}

/* Waits until the daemon reports `sequence` events published. */
static inline void wait_published(uint64_t sequence)
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
static inline void expect_sequences(herald_sub *s, uint64_t first, size_t n)
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
static inline void wait_caught_up(herald_sub *s)
{
        for (int i = 0; i < 200 && !herald_sub_caught_up(s); i++) {
                herald_event *ev = NULL;

                if (herald_sub_next(s, &ev, 50) == HERALD_OK)
                        herald_event_free(ev);
        }
        assert_true(herald_sub_caught_up(s));
}

static inline void drop_article(const char *name, const char *body)
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

/* The 8 bytes of v, big-endian: the wire header's numbers. */
static inline void put_be64(unsigned char *p, uint64_t v)
{
        for (int i = 7; i >= 0; i--, v >>= 8)
                p[i] = (unsigned char)v;
}

/* An article of ten events, one per sentence. */
#define TEN_EVENTS                                                                                        \
        "Germany condemned it. France condemned it. Spain condemned it. Italy condemned it. Chile "      \
        "condemned it. Peru condemned it. Cuba condemned it. Iraq condemned it. Iran condemned it. "    \
        "Oman condemned it."

static inline int setup(void **state)
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

static inline int teardown(void **state)
{
        char cmd[128];

        while (n_running)
                daemon_stop(running[0], SIGKILL);
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        return system(cmd);
}

#endif
