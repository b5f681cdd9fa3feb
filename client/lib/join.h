/* The join procedure (README, "Joining without loss") as pure code: no sockets,
 * no clock. The subscriber feeds it what the daemon sent (live messages, replay replies, the
 * replay connection dropping and coming back) and the time; it answers with the
 * replay request to send, if any, and with the events and conditions for the
 * caller, in the order they happened. */
#ifndef HERALD_CLIENT_JOIN_H
#define HERALD_CLIENT_JOIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

struct join_config {
        enum herald_start start;
        uint64_t n;
        const char *const *topics; /* borrowed: they outlive the join */
        size_t n_topics;
        int request_timeout_ms;    /* no answer to a replay by then: ask again */
        const char *const *replay; /* borrowed: where replays go, named in messages */
};

/* A REPLAY to send: "r<id>" as req-id, `prefix` ("" = all), `from` and `max`. */
struct join_request {
        unsigned id;
        const char *prefix;
        char from[24]; /* a sequence, or "-N" for the last N matching the prefix */
        char max[24];  /* how many events at most ("0": no limit): a repair asks for its hole alone */
};

struct join;

/* A new join waiting for the first message; NULL when out of memory. */
struct join *join_new(const struct join_config *c);
void join_free(struct join *j);

/* Inputs. Each takes ev (freeing it when not kept) and returns HERALD_OK or
 * HERALD_NO_MEMORY. A live message with ev NULL is a heartbeat. */
int join_live(struct join *j, uint64_t epoch, uint64_t sequence, herald_event *ev, int64_t now);
int join_replay_event(struct join *j, unsigned request, herald_event *ev, int64_t now);
int join_replay_end(struct join *j, unsigned request, uint64_t epoch, uint64_t cut, uint64_t oldest, int64_t now);
int join_replay_error(struct join *j, unsigned request, int code, int64_t now);
/* The replay connection dropped, or completed a new handshake. */
void join_replay_dropped(struct join *j);
void join_replay_connected(struct join *j, int64_t now);
/* Time passed: a replay unanswered by its deadline is asked again; after two
 * silences while the live stream is heard, it is given up: the events it
 * would have brought are reported as a gap and the live stream goes on. */
void join_tick(struct join *j, int64_t now);

/* Outputs. The replay request to send now, if any (true: *ret is set). */
bool join_take_request(struct join *j, struct join_request *ret);
/* The next event (HERALD_OK, *ret the caller's), a condition (negative, with
 * its reason in *why, the caller's to free, or NULL), or HERALD_TIMEOUT when
 * nothing is ready. */
int join_next(struct join *j, herald_event **ret, char **why);
/* When join_tick() has something to do next; INT64_MAX for never. */
int64_t join_deadline(const struct join *j);
bool join_caught_up(const struct join *j);
bool join_replaying(const struct join *j);
uint64_t join_daemon_sequence(const struct join *j);

#endif
