/* Sending the frames of herald's messages: multipart sends and binds (the
 * 16-byte header frame is internal/wire-header.h's). */
#ifndef HERALD_WIRE_H
#define HERALD_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct frame {
        const void *data;
        size_t len;
};

/* Sends the frames as one message. flags: ZMQ_DONTWAIT or 0. Returns 0 or -errno. */
int wire_send(void *socket, const struct frame *frames, size_t n, int flags);

/* Binds, refusing an ipc:// path another process is listening on (libzmq would
 * silently unlink it and take the endpoint over). Returns 0 or -errno. */
int wire_bind(void *socket, const char *endpoint);

/* zmq_setsockopt for an int option. */
int wire_set_int(void *socket, int option, int value);

static inline struct frame wire_str(const char *s) { return (struct frame){ s, strlen(s) }; }

#endif
