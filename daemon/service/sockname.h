/* A socket's own or peer address written as a zmq endpoint, for logs and for
 * naming the sockets systemd passes. */
#ifndef HERALD_SOCKNAME_H
#define HERALD_SOCKNAME_H

#include <stdbool.h>
#include <stddef.h>

/* tcp://127.0.0.1:5556, tcp://[::1]:5556, ipc:///run/x, ipc://@abstract, or for
 * an unbound local peer "ipc://". Returns 0 or -errno. */
int sockname_endpoint(int fd, bool peer, char *buf, size_t size);

#endif
