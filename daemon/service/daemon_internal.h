/* The daemon's state, shared by daemon.c (the loop: sockets, sources, publishing,
 * the journal's pauses) and daemon_reload.c (the codebook, signals and SIGHUP's
 * reload). */
#ifndef HERALD_DAEMON_INTERNAL_H
#define HERALD_DAEMON_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "codebook.h"
#include "daemon.h"
#include "history.h"
#include "inbox.h"
#include "journal.h"
#include "pipeline.h"
#include "publish.h"
#include "replay.h"

struct daemon {
        const struct daemon_options *opts;
        struct config *config;
        struct codebook *codebook;
        struct codebook **retired; /* old codebooks, kept while queued events point into them */
        size_t n_retired, cap_retired;
        void *ctx;
        struct publisher *publisher;
        struct replay_server *replay;
        struct auth *auth;                /* NULL: plain sockets */
        struct auth_watch *replay_watch; /* names the peers the replay socket refuses */
        struct inbox *inbox;
        struct journal *journal;
        struct history history;
        struct pipeline pipeline;
        int signal_fd;
        int64_t started_ms, idle_since_ms;
        int64_t bound_ms; /* when the sockets were bound: the start-up settle counts from it */
        bool stop;
        /* a replay stopped at a full pipe waits for the socket to be writable;
         * a ROUTER is writable when any peer's pipe has room, so once such a
         * wake-up sent nothing (the room was another peer's) it waits for the
         * retry timer instead, until a pump sends again */
        bool out_spun;
        int exit_code; /* why it stopped, when that was a failure */
        /* the journal cannot be written (a full disk): no articles are taken in,
         * replay and STATUS go on, and the journal is retried with backoff */
        char paused[160]; /* "" when not paused: what STATUS says */
        int64_t retry_at_ms, retry_ms;
};

/* Loads the codebook of c's data directory, logging why it cannot. */
int daemon_load_codebook(const struct config *c, struct codebook **ret);

/* Waits for the codebook l loads, logging why it cannot be had; first writes
 * the lines held since log_hold(), or drops them when the codebook is bad. */
int daemon_load_codebook_finish(struct codebook_loader *l, struct codebook **ret);

/* The replay server's limits from a config. */
struct replay_limits daemon_replay_limits(const struct config *c);

/* Blocks SIGTERM, SIGINT and SIGHUP and opens d->signal_fd to read them; 0 or a sysexits code. */
int daemon_open_signals(struct daemon *d);

/* Reads the signals waiting on d->signal_fd: SIGHUP reloads, the others stop the loop. */
void daemon_on_signal(struct daemon *d);

/* Frees the codebooks a reload retired, once no queued event points into them. */
void daemon_free_retired(struct daemon *d);

#endif
