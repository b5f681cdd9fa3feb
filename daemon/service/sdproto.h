/* systemd's side channels spoken without libsystemd: datagrams to the notify and
 * journal sockets, and the environment systemd passes ($NOTIFY_SOCKET,
 * $WATCHDOG_USEC/PID, $LISTEN_PID/FDS/FDNAMES), parsed as sd-daemon(3) does. */
#ifndef HERALD_SDPROTO_H
#define HERALD_SDPROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#define SDPROTO_LISTEN_FDS_START 3

/* Sends iov as one datagram to the AF_UNIX socket named by address: a path
 * ("/run/...") or an abstract name ("@..."). *fd is the sending socket, opened
 * on first use (close-on-exec) and kept. 0 or -errno. */
int sdproto_send(int *fd, const char *address, const struct iovec *iov, size_t n);

/* One "NAME=value" field in journald's native protocol (systemd.journal-fields(7),
 * "Native protocol"): "NAME=value\n", or, when the value holds a newline,
 * "NAME\n", its length as 64-bit little-endian (kept in *le_len), the value and
 * "\n". Fills at most SDPROTO_FIELD_IOVS iovecs pointing into field; returns how
 * many. The entry is the fields one after another, sent as one datagram. */
#define SDPROTO_FIELD_IOVS 5
size_t sdproto_journal_field(struct iovec *iov, const char *field, uint64_t *le_len);

/* $WATCHDOG_USEC when it is meant for this process ($WATCHDOG_PID unset or
 * ours); both are removed from the environment. 1 with *usec set, 0 when there
 * is no watchdog, -EINVAL when a value is not a number (or the interval 0). */
int sdproto_watchdog(uint64_t *usec);

/* The sockets systemd passed (fds 3 to 3 + n - 1, set close-on-exec) and their
 * $LISTEN_FDNAMES ("unknown" without it), when $LISTEN_PID is ours; the three
 * variables are removed from the environment. Returns n (0: none) with *names
 * a NULL-terminated array the caller frees, or -errno (-EINVAL for a bad value
 * or as many names as sockets). */
int sdproto_listen_fds(char ***names);

/* 1 when fd is a listening stream socket, 0 when it is not, -errno. */
int sdproto_is_listening_stream(int fd);

#endif
