/* The replay socket: a ROUTER answering REPLAY and STATUS (wire protocol v1). Replies
 * go out in bounded batches from the main loop, so a long replay never holds
 * up the live stream, and never silently: a peer at its high-water mark is
 * waited for, a peer that left is forgotten. */
#ifndef HERALD_REPLAY_H
#define HERALD_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "history.h"

struct replay_server;

/* What STATUS reports; the main loop fills it on demand. */
struct replay_status {
        uint64_t epoch, sequence, retained, oldest, articles, subscribers;
        int64_t uptime_s;
        const char *paused; /* why no articles are taken in, NULL when they are */
};

typedef void (*replay_status_fn)(void *userdata, struct replay_status *out);

/* What peers may ask of the server (the replay-* and max-request* settings). */
struct replay_limits {
        uint64_t stall_ms;    /* a replay without progress this long is cancelled */
        uint64_t memory;      /* bytes all active replays may have queued in libzmq */
        uint64_t rate;        /* requests a second per peer (bursts of twice that) */
        uint64_t max_request; /* largest request frame, ZMQ_MAXMSGSIZE (at most 4096) */
};

struct auth;
/* auth (NULL: plain) makes the socket a CURVE server held to the allowlist. */
int replay_open(void *ctx, const char *endpoint, const struct auth *auth, const struct replay_limits *limits,
                replay_status_fn status, void *userdata, struct replay_server **ret, char *err, size_t err_size);

/* A reload's new limits (max_request stays: it is the socket's). */
void replay_set_limits(struct replay_server *rs, const struct replay_limits *limits);

/* How many replays were cancelled for making no progress. */
uint64_t replay_stalled(const struct replay_server *rs);
void replay_close(struct replay_server *rs);
void *replay_socket(struct replay_server *rs);

/* The endpoint the socket is bound to, as a JSON string ("tcp://0.0.0.0:5557"),
 * for heartbeats and STATUS; NULL when it cannot be told (not UTF-8). */
const char *replay_endpoint_json(const struct replay_server *rs);

/* Reads and answers the requests waiting on the socket (a bounded number). */
void replay_on_readable(struct replay_server *rs, const struct history *h, uint64_t epoch, uint64_t last_published,
                        int64_t now_ms);

/* Sends up to `budget` replayed events; returns true while replays remain. */
bool replay_pump(struct replay_server *rs, const struct history *h, uint64_t epoch, size_t budget, int64_t now_ms);

/* Whether the last pump stopped at a peer's high-water mark (wait before retrying). */
bool replay_blocked(const struct replay_server *rs);

/* Whether the last pump stopped at a peer's full pipe (not at the memory limit):
 * the socket becoming writable (ZMQ_POLLOUT) is then worth waiting for. */
bool replay_wants_out(const struct replay_server *rs);

/* Whether the last pump sent anything. */
bool replay_progressed(const struct replay_server *rs);

#endif
