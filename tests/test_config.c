/* Tests of the config key table: defaults, the file, argv over the file, bounds
 * and errors with file:line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "herald/protocol.h"

static void test_config_defaults(void **state)
{
        struct config *c = config_new();

        assert_int_equal(c->n_binds, 1);
        assert_string_equal(c->binds[0], HERALD_DEFAULT_EVENTS_ENDPOINT);
        assert_string_equal(c->replay_bind, HERALD_DEFAULT_REPLAY_ENDPOINT);
        assert_int_equal(c->retain, 100000);
        assert_int_equal(c->heartbeat_ms, 1000);
        assert_int_equal(c->interval_ms, 0);
        assert_string_equal(c->feed, "news");
        assert_null(c->journal);
        config_free(c);
}

static char *write_file(const char *text)
{
        static char path[] = "/tmp/herald-config-XXXXXX";
        int fd;

        strcpy(path, "/tmp/herald-config-XXXXXX");
        fd = mkstemp(path);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
        close(fd);
        return path;
}

static void test_config_file_then_argv(void **state)
{
        struct config *c = config_new();
        struct parse_error err = { 0 };
        char *path = write_file("# comment\nbind = ipc:///tmp/a\nbind = ipc:///tmp/b\nretain = 5\nfeed = wire\n");

        assert_int_equal(config_load_file(c, path, &err), 0);
        assert_int_equal(c->n_binds, 2); /* repeated in one layer: both */
        assert_int_equal(c->retain, 5);
        assert_int_equal(config_set(c, "bind", "tcp://0.0.0.0:1", CONFIG_ARGV, &err), 0);
        assert_int_equal(c->n_binds, 1); /* a later layer replaces the list */
        assert_string_equal(c->binds[0], "tcp://0.0.0.0:1");
        assert_int_equal(config_set(c, "retain", "7", CONFIG_ARGV, &err), 0);
        assert_int_equal(c->retain, 7);
        unlink(path);
        config_free(c);
}

static void test_config_errors_name_the_line(void **state)
{
        struct config *c = config_new();
        struct parse_error err = { 0 };
        char *path = write_file("feed = ok\n\nheartbeat = 10\n");

        assert_true(config_load_file(c, path, &err) < 0);
        assert_int_equal(err.line, 3);
        assert_non_null(strstr(err.message, "heartbeat: '10' is not a number from 50"));
        unlink(path);
        path = write_file("[section]\n");
        assert_true(config_load_file(c, path, &err) < 0);
        assert_int_equal(err.line, 1);
        unlink(path);
        path = write_file("nosuchkey = 1\n");
        assert_true(config_load_file(c, path, &err) < 0);
        assert_non_null(strstr(err.message, "unknown setting 'nosuchkey'"));
        unlink(path);
        config_free(c);
}

static void test_config_rejects_bad_values(void **state)
{
        struct config *c = config_new();
        struct parse_error err = { 0 };

        assert_true(config_set(c, "bind", "http://x", CONFIG_ARGV, &err) < 0);
        assert_true(config_set(c, "retain", "0", CONFIG_ARGV, &err) < 0);
        assert_true(config_set(c, "retain", "-1", CONFIG_ARGV, &err) < 0);
        assert_true(config_set(c, "retain", "99999999999999999999999", CONFIG_ARGV, &err) < 0);
        assert_true(config_set(c, "date", "2024-02-30", CONFIG_ARGV, &err) < 0);
        assert_true(config_set(c, "feed", "Bad Feed", CONFIG_ARGV, &err) < 0);
        assert_true(config_set(c, "log-level", "loud", CONFIG_ARGV, &err) < 0);
        assert_true(config_set(c, "inbox", "", CONFIG_ARGV, &err) < 0);
        for (int i = 0; i < CONFIG_MAX_BINDS; i++)
                assert_int_equal(config_set(c, "bind", "ipc:///tmp/x", CONFIG_FILE, &err), 0);
        assert_true(config_set(c, "bind", "ipc:///tmp/x", CONFIG_FILE, &err) < 0);
        config_free(c);
}

static void test_config_restart_needed(void **state)
{
        struct config *a = config_new(), *b = config_new();
        struct parse_error err;
        char buf[128];

        assert_string_equal(config_restart_needed(a, b, buf, sizeof(buf)), "");
        config_set(b, "journal", "/tmp/j", CONFIG_FILE, &err);
        config_set(b, "bind", "ipc:///tmp/z", CONFIG_FILE, &err);
        config_set(b, "feed", "other", CONFIG_FILE, &err); /* reloadable: not listed */
        assert_string_equal(config_restart_needed(a, b, buf, sizeof(buf)), "bind,journal");
        config_free(a);
        config_free(b);
}

/* A reload keeps what needs a restart (every key flagged so) and takes the rest. */
static void test_config_keep_running(void **state)
{
        struct config *running = config_new(), *new = config_new();
        struct parse_error err;
        char buf[128];

        assert_int_equal(config_set(running, "journal", "/tmp/j1", CONFIG_ARGV, &err), 0);
        assert_int_equal(config_set(running, "inbox", "/tmp/in", CONFIG_ARGV, &err), 0);
        assert_int_equal(config_set(new, "bind", "ipc:///tmp/b1", CONFIG_FILE, &err), 0);
        assert_int_equal(config_set(new, "bind", "ipc:///tmp/b2", CONFIG_FILE, &err), 0);
        assert_int_equal(config_set(new, "replay-bind", "ipc:///tmp/r", CONFIG_FILE, &err), 0);
        assert_int_equal(config_set(new, "journal", "/tmp/j2", CONFIG_FILE, &err), 0);
        assert_int_equal(config_set(new, "feed", "other", CONFIG_FILE, &err), 0);
        assert_int_equal(config_set(new, "retain", "5", CONFIG_FILE, &err), 0);
        assert_string_not_equal(config_restart_needed(running, new, buf, sizeof(buf)), "");
        config_keep_running(new, running);
        assert_int_equal(new->n_binds, 1);
        assert_string_equal(new->binds[0], HERALD_DEFAULT_EVENTS_ENDPOINT);
        assert_string_equal(new->replay_bind, HERALD_DEFAULT_REPLAY_ENDPOINT);
        assert_string_equal(new->journal, "/tmp/j1");
        assert_string_equal(new->inbox, "/tmp/in");
        assert_string_equal(new->feed, "other"); /* reloadable: the new value */
        assert_int_equal(new->retain, 5);
        config_free(running); /* holds new's values now: both free cleanly (ASan) */
        config_free(new);
}

/* Every key is a long option taking a value, and has a line in --help. */
static void test_config_options_and_help_from_the_table(void **state)
{
        struct option opts[32];
        size_t n = config_long_options(opts, 32, 300);
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);

        assert_int_equal(n, 21); /* the keys of the README's option table */
        config_print_help(f);
        fclose(f);
        for (size_t i = 0; i < n; i++) {
                char option[64];

                assert_true(config_has_key(opts[i].name));
                assert_int_equal(opts[i].has_arg, required_argument);
                assert_int_equal(opts[i].val, 300);
                snprintf(option, sizeof(option), "  --%s ", opts[i].name);
                assert_non_null(strstr(text, option));
        }
        assert_non_null(strstr(text, "(repeatable; default " HERALD_DEFAULT_EVENTS_ENDPOINT ")\n"));
        assert_non_null(strstr(text, "(default " HERALD_DEFAULT_REPLAY_ENDPOINT ")\n"));
        assert_int_equal(config_long_options(opts, 3, 300), 3);
        free(text);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_config_defaults),
                cmocka_unit_test(test_config_file_then_argv),
                cmocka_unit_test(test_config_errors_name_the_line),
                cmocka_unit_test(test_config_rejects_bad_values),
                cmocka_unit_test(test_config_restart_needed),
                cmocka_unit_test(test_config_keep_running),
                cmocka_unit_test(test_config_options_and_help_from_the_table),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
