/* Multipart messages on libzmq sockets, as the subscriber and STATUS use them. */
#ifndef HERALD_CLIENT_FRAMES_H
#define HERALD_CLIENT_FRAMES_H

#include <stddef.h>
#include <stdint.h>
#include <zmq.h>

#include "options.h"

/* Sends n text frames as one message, without blocking. */
void frames_send(void *sock, const char *const *frames, size_t n);
/* Receives one message of up to max frames into f (more are read and dropped),
 * without blocking; returns how many came, or -1 when none was waiting. */
int frames_receive(void *sock, zmq_msg_t *f, int max);
/* The same, waiting for a message up to the socket's ZMQ_RCVTIMEO. */
int frames_wait(void *sock, zmq_msg_t *f, int max);
void frames_close(zmq_msg_t *f, int n, int max);
/* Whether frame f holds exactly the text s. */
int frames_is(const zmq_msg_t *f, const char *s);
/* A string member of a JSON frame, malloc'd; NULL when absent (or no memory). */
char *frames_json_string(const zmq_msg_t *f, const char *key);
/* A non-negative integer member of a JSON frame; 0 when absent. */
uint64_t frames_json_integer(const zmq_msg_t *f, const char *key);
/* CURVE on a client socket when the options have keys: before it connects. */
int frames_secure(void *sock, const struct herald_sub_options *o);

#endif
