/* sdproto: systemd's notify, watchdog, socket-passing and journal protocols as
 * heraldd speaks them without libsystemd, against real sockets and the values
 * systemd 252 accepts and refuses (sd_notify(3), sd_listen_fds(3),
 * systemd.journal-fields(7)). The systemd tests run them under a real PID 1. */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include "sdproto.h"

/* A datagram socket bound at address ("/path" or "@abstract"). */
static int bound_dgram(const char *address)
{
        struct sockaddr_un sa = { .sun_family = AF_UNIX };
        size_t n = strlen(address);
        int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

        assert_true(fd >= 0);
        memcpy(sa.sun_path, address, n);
        if (address[0] == '@')
                sa.sun_path[0] = '\0';
        else
                unlink(address);
        assert_int_equal(bind(fd, (struct sockaddr *)&sa, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n)), 0);
        return fd;
}

static void expect_datagram(int fd, const char *want, size_t len)
{
        char buf[4096];
        ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

        assert_int_equal(n, (ssize_t)len);
        assert_memory_equal(buf, want, len);
}

static void test_sdproto_send_to_a_path_and_an_abstract_name(void **state)
{
        char path[64], abstract[64];
        struct iovec iov[2] = { { (void *)"READY=1", 7 }, { (void *)"\nSTATUS=x", 9 } };
        int out = -1, a, b;

        (void)state;
        snprintf(path, sizeof(path), "/tmp/herald-sdproto.%d", (int)getpid());
        snprintf(abstract, sizeof(abstract), "@herald-sdproto.%d", (int)getpid());
        a = bound_dgram(path);
        b = bound_dgram(abstract);
        assert_int_equal(sdproto_send(&out, path, iov, 2), 0);
        assert_true(out >= 0 && (fcntl(out, F_GETFD) & FD_CLOEXEC));
        expect_datagram(a, "READY=1\nSTATUS=x", 16);
        assert_int_equal(sdproto_send(&out, abstract, iov, 1), 0); /* the same socket, another address */
        expect_datagram(b, "READY=1", 7);
        assert_int_equal(sdproto_send(&out, "relative/path", iov, 1), -EINVAL);
        assert_int_equal(sdproto_send(&out, "@", iov, 1), -EINVAL);
        unlink(path);
        assert_int_equal(sdproto_send(&out, path, iov, 1), -ENOENT); /* nobody listens: said, not hidden */
        close(a);
        close(b);
        close(out);
}

/* Parses a native-protocol entry as journald does; returns the value of name. */
static char *journal_value(const char *buf, size_t len, const char *name, char *out, size_t size)
{
        const char *p = buf, *end = buf + len;

        while (p < end) {
                const char *key = p, *nl = memchr(p, '\n', (size_t)(end - p)), *eq, *value;
                size_t key_len, value_len;
                uint64_t le;

                assert_non_null(nl);
                eq = memchr(p, '=', (size_t)(nl - p));
                if (eq) {
                        key_len = (size_t)(eq - key);
                        value = eq + 1;
                        value_len = (size_t)(nl - value);
                        p = nl + 1;
                } else { /* NAME\n, its length (64-bit little-endian), the value, \n */
                        key_len = (size_t)(nl - key);
                        memcpy(&le, nl + 1, sizeof(le));
                        value_len = (size_t)le64toh(le);
                        value = nl + 1 + sizeof(le);
                        assert_true(value + value_len < end && value[value_len] == '\n');
                        p = value + value_len + 1;
                }
                if (key_len == strlen(name) && memcmp(key, name, key_len) == 0) {
                        assert_true(value_len < size);
                        memcpy(out, value, value_len);
                        out[value_len] = '\0';
                        return out;
                }
        }
        return NULL;
}

static void test_sdproto_journal_fields_plain_and_with_newlines(void **state)
{
        const char *fields[] = { "MESSAGE=line one\nline two\n", "PRIORITY=6", "HERALD_ARTICLE=a=b.txt", "EMPTY=" };
        struct iovec iov[SDPROTO_FIELD_IOVS * 4];
        uint64_t le[4];
        char path[64], buf[4096], value[256];
        size_t m = 0;
        ssize_t n;
        int out = -1, in;

        (void)state;
        snprintf(path, sizeof(path), "/tmp/herald-sdproto-j.%d", (int)getpid());
        in = bound_dgram(path);
        for (size_t i = 0; i < 4; i++)
                m += sdproto_journal_field(iov + m, fields[i], &le[i]);
        assert_int_equal(m, 5 + 2 + 2 + 2); /* the message alone needs the binary form */
        assert_int_equal(sdproto_send(&out, path, iov, m), 0);
        n = recv(in, buf, sizeof(buf), 0);
        assert_true(n > 0);
        assert_memory_equal(buf, "MESSAGE\n\x12\0\0\0\0\0\0\0line one\nline two\n\n", 8 + 8 + 18 + 1);
        assert_string_equal(journal_value(buf, (size_t)n, "MESSAGE", value, sizeof(value)), "line one\nline two\n");
        assert_string_equal(journal_value(buf, (size_t)n, "PRIORITY", value, sizeof(value)), "6");
        assert_string_equal(journal_value(buf, (size_t)n, "HERALD_ARTICLE", value, sizeof(value)), "a=b.txt");
        assert_string_equal(journal_value(buf, (size_t)n, "EMPTY", value, sizeof(value)), "");
        close(in);
        close(out);
        unlink(path);
}

static void test_sdproto_watchdog_for_this_process_only(void **state)
{
        char pid[32];
        uint64_t usec = 0;

        (void)state;
        unsetenv("WATCHDOG_USEC");
        unsetenv("WATCHDOG_PID");
        assert_int_equal(sdproto_watchdog(&usec), 0);
        setenv("WATCHDOG_USEC", "400000", 1);
        assert_int_equal(sdproto_watchdog(&usec), 1);
        assert_int_equal(usec, 400000);
        assert_null(getenv("WATCHDOG_USEC")); /* removed: a child of ours is not watched */
        snprintf(pid, sizeof(pid), "%d", (int)getpid());
        setenv("WATCHDOG_USEC", "30000000", 1);
        setenv("WATCHDOG_PID", pid, 1);
        assert_int_equal(sdproto_watchdog(&usec), 1);
        assert_int_equal(usec, 30000000);
        assert_null(getenv("WATCHDOG_PID"));
        snprintf(pid, sizeof(pid), "%d", (int)getppid()); /* meant for our parent */
        setenv("WATCHDOG_USEC", "400000", 1);
        setenv("WATCHDOG_PID", pid, 1);
        usec = 7;
        assert_int_equal(sdproto_watchdog(&usec), 0);
        assert_int_equal(usec, 7);
        assert_null(getenv("WATCHDOG_USEC"));
        const char *bad[] = { "", "abc", "12x", "-5", "0", "18446744073709551615", "99999999999999999999" };
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                setenv("WATCHDOG_USEC", bad[i], 1);
                assert_true(sdproto_watchdog(&usec) < 0);
                assert_null(getenv("WATCHDOG_USEC"));
        }
        setenv("WATCHDOG_USEC", "400000", 1);
        setenv("WATCHDOG_PID", "not-a-pid", 1);
        assert_int_equal(sdproto_watchdog(&usec), -EINVAL);
}

/* fds 3 and 4 as systemd passes them: a listening TCP socket and a datagram one. */
static void pass_two_sockets(const char *pid, const char *count, const char *names)
{
        struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
        int l, d;

        close(3); /* free, so neither socket is made on 3 or 4 and then closed */
        close(4);
        l = fcntl(socket(AF_INET, SOCK_STREAM, 0), F_DUPFD, 10);
        d = fcntl(socket(AF_INET, SOCK_DGRAM, 0), F_DUPFD, 10);
        close(3);
        close(4);
        assert_int_equal(bind(l, (struct sockaddr *)&sa, sizeof(sa)), 0);
        assert_int_equal(listen(l, 4), 0);
        assert_int_equal(dup2(l, 3), 3);
        assert_int_equal(dup2(d, 4), 4);
        close(l);
        close(d);
        setenv("LISTEN_PID", pid, 1);
        setenv("LISTEN_FDS", count, 1);
        if (names)
                setenv("LISTEN_FDNAMES", names, 1);
        else
                unsetenv("LISTEN_FDNAMES");
}

static void free_names(char **names)
{
        for (size_t i = 0; names && names[i]; i++)
                free(names[i]);
        free(names);
}

static void test_sdproto_listen_fds_named_and_for_us(void **state)
{
        char pid[32], ppid[32], **names = NULL;

        (void)state;
        snprintf(pid, sizeof(pid), "%d", (int)getpid());
        snprintf(ppid, sizeof(ppid), "%d", (int)getppid());
        pass_two_sockets(pid, "2", "events:replay");
        assert_int_equal(sdproto_listen_fds(&names), 2);
        assert_string_equal(names[0], "events");
        assert_string_equal(names[1], "replay");
        assert_null(names[2]);
        assert_true(fcntl(3, F_GETFD) & FD_CLOEXEC);
        assert_true(fcntl(4, F_GETFD) & FD_CLOEXEC);
        assert_null(getenv("LISTEN_PID"));
        assert_null(getenv("LISTEN_FDS"));
        assert_null(getenv("LISTEN_FDNAMES"));
        free_names(names);
        assert_int_equal(sdproto_is_listening_stream(3), 1);
        assert_int_equal(sdproto_is_listening_stream(4), 0); /* a datagram socket */
        assert_int_equal(sdproto_is_listening_stream(STDIN_FILENO) >= 0, 1);

        pass_two_sockets(pid, "2", NULL); /* no names: "unknown" each */
        names = NULL;
        assert_int_equal(sdproto_listen_fds(&names), 2);
        assert_string_equal(names[0], "unknown");
        assert_string_equal(names[1], "unknown");
        free_names(names);
        pass_two_sockets(pid, "2", "events::"); /* three names for two */
        assert_int_equal(sdproto_listen_fds(&names), -EINVAL);
        pass_two_sockets(pid, "2", "events:"); /* an empty name is a name */
        names = NULL;
        assert_int_equal(sdproto_listen_fds(&names), 2);
        assert_string_equal(names[1], "");
        free_names(names);
        pass_two_sockets(ppid, "2", "events:replay"); /* inherited from a parent: not ours */
        assert_int_equal(sdproto_listen_fds(&names), 0);
        assert_null(getenv("LISTEN_FDS"));
        pass_two_sockets(pid, "0", NULL);
        assert_int_equal(sdproto_listen_fds(&names), -EINVAL);
        pass_two_sockets("x", "2", NULL);
        assert_int_equal(sdproto_listen_fds(&names), -EINVAL);
        unsetenv("LISTEN_PID");
        assert_int_equal(sdproto_listen_fds(&names), 0);
        close(3);
        close(4);
        assert_int_equal(sdproto_is_listening_stream(3), -EBADF);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_sdproto_send_to_a_path_and_an_abstract_name),
                cmocka_unit_test(test_sdproto_journal_fields_plain_and_with_newlines),
                cmocka_unit_test(test_sdproto_watchdog_for_this_process_only),
                cmocka_unit_test(test_sdproto_listen_fds_named_and_for_us),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
