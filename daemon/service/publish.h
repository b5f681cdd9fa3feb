/* The live stream: a PUB socket bound on every --bind endpoint, sending events
 * and, when idle, heartbeats. It never blocks: a slow subscriber loses messages
 * at its high-water mark and recovers them by replay. */
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
 * copy when e is one of h's (history_send). */
int publisher_send(struct publisher *p, const struct history *h, const struct stored_event *e, int64_t now_ms);

/* Sends a heartbeat if nothing went out for the interval; returns the time
 * (ms) the next one is due. */
int64_t publisher_tick(struct publisher *p, int64_t now_ms);

/* Subscriber connections, counted by a socket monitor the main loop polls. */
void *publisher_monitor(struct publisher *p);
void publisher_on_monitor(struct publisher *p);
size_t publisher_subscribers(const struct publisher *p);

#endif
