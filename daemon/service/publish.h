/* The live stream: a PUB socket (with ZMQ_XPUB_NODROP) bound on every --bind endpoint, sending events
 * and, when idle, heartbeats. It never blocks, and it does not drop either: a
 * send a subscriber's full pipe refuses is held (-EAGAIN) and tried again when
 * the socket has news; a subscriber that holds the stream past a deadline is
 * left out until it reads again, and recovers what it lost by replay. */
#ifndef HERALD_PUBLISH_H
#define HERALD_PUBLISH_H

#include <stddef.h>
#include <stdint.h>

#include "history.h"

struct publisher;
struct auth;

/* Binds a PUB socket on each endpoint. On failure returns -errno and names the
 * endpoint in err. */
int publisher_open(void *ctx, char *const *endpoints, size_t n, const struct auth *auth, struct publisher **ret,
                   char *err, size_t err_size);
void publisher_close(struct publisher *p);

void publisher_set_stream(struct publisher *p, uint64_t epoch, uint64_t last_sequence);
void publisher_set_heartbeat(struct publisher *p, uint64_t interval_ms);

/* The replay endpoint (a JSON string) heartbeats name, so a subscriber given only
 * the events endpoint finds it. Returns 0 or -ENOMEM. */
int publisher_set_replay(struct publisher *p, const char *endpoint_json);

/* Sends an event: topic, header (epoch, sequence), body; the body without a
 * copy when e is one of h's (history_send). Returns 0, -EAGAIN when a
 * subscriber's full pipe holds the stream (nothing was sent: send it again,
 * after publisher_on_readable() or at publisher_retry_at()), or another -errno. */
int publisher_send(struct publisher *p, const struct history *h, const struct stored_event *e, int64_t now_ms);

/* When a held stream must be tried again even if the socket says nothing: soon,
 * and at the latest when its deadline runs out. now_ms when it is not held. */
int64_t publisher_retry_at(const struct publisher *p, int64_t now_ms);

/* Sends a heartbeat if nothing went out for the interval; returns the time
 * (ms) the next one is due (or the retry time, while the stream is held). */
int64_t publisher_tick(struct publisher *p, int64_t now_ms);

/* The socket's ZMQ_FD, for the main loop's poll: readable when libzmq has news
 * for it (a subscriber made room); then call
 * publisher_on_readable(), which takes the news in. */
int publisher_fd(const struct publisher *p);
void publisher_on_readable(struct publisher *p);

/* Subscriber connections, counted by a socket monitor the main loop polls. */
void *publisher_monitor(struct publisher *p);
void publisher_on_monitor(struct publisher *p);
size_t publisher_subscribers(const struct publisher *p);

#endif
