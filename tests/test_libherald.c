/* libherald against real heraldd processes (ipc endpoints in a temporary
 * directory): joining before and after publishing, the last n and the accessors,
 * a daemon restart, timeouts, the pollable fd, topic filters, errors. Loss is in
 * test_libherald_loss.c, a stand-in daemon's protocol in test_libherald_standin.c. */
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
                cmocka_unit_test_setup_teardown(test_libherald_daemon_restart_survived, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_unreachable, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_fd_for_a_foreign_loop, setup, teardown),
                cmocka_unit_test(test_libherald_options_and_errors),
                cmocka_unit_test_setup_teardown(test_libherald_last_n_by_topic_from_the_daemon, setup, teardown),
                cmocka_unit_test_setup_teardown(test_libherald_last_error_says_why, setup, teardown),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
