/* The replay server's state, shared by replay.c (requests: reading, checking and
 * answering them) and replay_pump.c (active replays: advancing them in batches,
 * the memory they may hold in libzmq, and cancelling the ones that stall). */
#ifndef HERALD_REPLAY_INTERNAL_H
#define HERALD_REPLAY_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "replay.h"
#include "strmap.h"
#include "wire.h"

#define REQUEST_MAX_FRAMES 8
#define REQUEST_MAX_BYTES 4096    /* the largest max-request-size: frames are copied up to it */
#define REQUESTS_PER_CALL 256     /* requests read per wake-up, so replies keep flowing */
#define MAX_ACTIVE 64             /* replays in progress, all peers */
#define MAX_ACTIVE_PER_PEER 4
#define MAX_PEERS_TRACKED 4096
/* A peer's pipe holds at most this many replies: after a send is accepted, only
 * the last ROUTER_SNDHWM sent can still be queued in libzmq. That is what a
 * replay is charged for against the memory limit (its window of sizes). */
#define ROUTER_SNDHWM 1000
#define MSG_OVERHEAD 256          /* what libzmq keeps per multipart reply beside its bytes */
#define SCAN_PER_TURN (64 * 1024) /* retained events looked at per replay per turn */

struct active {
        uint8_t peer[256];
        size_t peer_len;
        bool delimited; /* a REQ peer: replies start with an empty frame */
        char req_id[65];
        char prefix[129];
        size_t req_id_len, prefix_len; /* measured once: not again for each event */
        uint64_t next, cut, remaining; /* remaining == 0: no limit */
        uint64_t want, back; /* from -N: matching events still to find walking back from `back` */
        uint64_t count, oldest;
        bool limited;
        /* With ZMQ_ROUTER_MANDATORY, libzmq answers EHOSTUNREACH both for a peer
         * that is gone and, briefly, for one whose full pipe has drained but is
         * not marked writable again yet; EAGAIN for a full pipe. Either means
         * "retry", until the stall timeout: then the replay is cancelled. */
        int64_t stuck_since_ms; /* 0: its last send went through */
        bool paused;            /* stuck on the memory limit, not on the peer */
        int fd;                 /* the connection it came on (ZMQ_SRCFD), -1: unknown */
        dev_t fd_dev;           /* which socket fd was then, so a reused number is told apart */
        ino_t fd_ino;
        uint32_t *window;       /* sizes of the last ROUTER_SNDHWM replies sent */
        size_t window_at, window_n;
        uint64_t charged;       /* their sum: what may still be queued for it */
        uint64_t serial;        /* order of admission: the oldest is never held back */
};

struct bucket {
        double tokens;
        int64_t at_ms;
};

struct replay_server {
        void *sock;
        char *endpoint_json; /* the bound endpoint as a JSON string, NULL if it is not UTF-8 */
        struct active *active;
        size_t n_active, cap_active;
        struct strmap *buckets; /* peer identity (hex) -> struct bucket * */
        replay_status_fn status;
        void *userdata;
        bool blocked;
        bool progressed; /* the last pump sent something */
        bool paused_any; /* ... and a replay waits on the memory limit, not a pipe */
        struct replay_limits limits;
        uint64_t charged; /* all active replays' windows */
        uint64_t stalled; /* replays cancelled for making no progress, since start */
        uint64_t next_serial, oldest_serial;
};

struct request {
        uint8_t peer[256];
        size_t peer_len;
        int fd; /* ZMQ_SRCFD of the identity frame */
        bool delimited;
        char frames[REQUEST_MAX_FRAMES][REQUEST_MAX_BYTES + 1];
        size_t lens[REQUEST_MAX_FRAMES];
        size_t n;
        bool too_many_frames;
};

#define PEER_HEX_SIZE (2 * sizeof(((struct request *)0)->peer) + 1)

/* Sends frames to a peer (after its identity and, for REQ, the empty delimiter),
 * without waiting. Returns 0 or -errno. */
int replay_reply(struct replay_server *rs, const uint8_t *peer, size_t peer_len, bool delimited,
                 const struct frame *frames, size_t n);

/* ERR req-id code text; a peer that cannot take it is let go. */
void replay_send_error(struct replay_server *rs, const uint8_t *peer, size_t peer_len, bool delimited,
                       const char *req_id, int code, const char *text);

/* All slots taken: frees the slot of the replay stuck longest on a peer that
 * does not read. Returns whether one was freed. */
bool replay_evict_stuck(struct replay_server *rs, int64_t now_ms);

#endif
