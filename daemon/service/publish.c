/* The events socket: a PUB that waits for its subscribers (ZMQ_XPUB_NODROP,
 * which libzmq's PUB takes as its XPUB does) instead of dropping at their
 * high-water mark, up to a deadline per stall. A PUB, not an XPUB: an XPUB
 * hands every subscription and any message a peer sends up to the
 * application, in a queue without bound that a flooding peer grows faster
 * than a loop reads it (no heartbeats, no STATUS, 90 MB in 3 s); a PUB drops
 * them in libzmq's I/O thread.
 * ZMTP heartbeats reap half-open TCP connections; the monitor counts
 * connections for STATUS. The hb message carries the last sequence published,
 * so a subscriber that missed the end of a burst notices. */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <zmq.h>

#include "auth.h"
#include "event.h"
#include "herald/protocol.h"
#include "activation.h"
#include "internal/alloc.h"
#include "internal/cleanup.h"
#include "internal/wire-header.h"
#include "log.h"
#include "publish.h"
#include "sockname.h"
#include "wire.h"

/* Messages queued per subscriber before the stream waits for it. libzmq tells
 * the sender that a reader made room only each time it has read half of this
 * (the low-water mark), so it is also the grain of the deadline below: a
 * subscriber is seen to move when it reads 500 messages, and one that reads
 * fewer than that in PUB_STALL_MS is given up on. At 10 000 the grain was
 * 8 976 (any reader slower than 18 000 events a second would be given up on),
 * and a burst to ten subscribers cost heraldd no less CPU. */
#define PUB_SNDHWM 1000
/* A stream held this long by a full subscriber gives it up: the message that
 * waited goes out lossy, which a full pipe refuses, and libzmq then leaves that
 * pipe out of the stream until its reader has taken half of it; the socket
 * waits for subscribers again at once. A stopped or dead subscriber thus delays
 * the others by about the deadline once, then loses messages and repairs them
 * by replay as it would have at its high-water mark. (A cool-down with NODROP
 * off for 500 ms after it cost a running reader with libzmq's default
 * high-water mark part of the burst that followed at full speed.) */
#define PUB_STALL_MS 500
#define PUB_RETRY_MS 10          /* a held stream is tried again this often even without a wake-up */
#define PUB_LINGER_MS 500        /* bounded linger at close */
#define ZMTP_HEARTBEAT_MS 2000
#define ZMTP_TIMEOUT_MS 6000

struct peer {
        int fd;
        char name[96];
};

struct publisher {
        void *sock, *monitor;
        int fd; /* the socket's ZMQ_FD: readable when libzmq has news (a subscriber read) */
        uint64_t epoch, last_sequence;
        uint64_t heartbeat_ms;
        char *replay_json; /* the replay endpoint as a JSON string, or NULL */
        int64_t last_sent_ms;
        bool held;             /* the last send was refused: a subscriber's pipe is full */
        bool event_held;       /* ... and it was an event's: heartbeats wait behind it */
        bool lossy;            /* NODROP could not be set again after a lossy send: try at the next */
        int64_t held_since_ms; /* when the stream last stopped moving */
        uint64_t given_up;     /* stalls given up on, for the log */
        size_t subscribers;
        struct peer *peers; /* connections open now, for the debug log */
        size_t n_peers, cap_peers;
        struct auth_peers auth_peers; /* to name the peers the handshake refuses */
};

static int configure(void *s)
{
        if (wire_set_int(s, ZMQ_SNDHWM, PUB_SNDHWM) < 0 || wire_set_int(s, ZMQ_LINGER, PUB_LINGER_MS) < 0 ||
            wire_set_int(s, ZMQ_XPUB_NODROP, 1) < 0 ||
            wire_set_int(s, ZMQ_HEARTBEAT_IVL, ZMTP_HEARTBEAT_MS) < 0 || wire_set_int(s, ZMQ_HEARTBEAT_TIMEOUT, ZMTP_TIMEOUT_MS) < 0 ||
            wire_set_int(s, ZMQ_HEARTBEAT_TTL, ZMTP_TIMEOUT_MS) < 0)
                return -errno;
        return 0;
}

static int open_monitor(void *ctx, struct publisher *p)
{
        char endpoint[64];

        snprintf(endpoint, sizeof(endpoint), "inproc://herald-pub-monitor-%p", (void *)p);
        if (zmq_socket_monitor(p->sock, endpoint, AUTH_MONITOR_EVENTS) < 0)
                return -errno;
        p->monitor = zmq_socket(ctx, ZMQ_PAIR);
        if (!p->monitor || wire_set_int(p->monitor, ZMQ_LINGER, 0) < 0 || zmq_connect(p->monitor, endpoint) < 0)
                return -errno;
        return 0;
}

int publisher_open(void *ctx, char *const *endpoints, size_t n, const struct auth *auth, struct publisher **ret,
                   char *err, size_t err_size)
{
        struct publisher *p = calloc(1, sizeof(*p));
        int r;

        if (!p)
                return -ENOMEM;
        p->auth_peers.what = "events";
        p->auth_peers.secure = auth != NULL;
        p->sock = zmq_socket(ctx, ZMQ_PUB);
        r = p->sock ? configure(p->sock) : -errno;
        if (r >= 0 && zmq_getsockopt(p->sock, ZMQ_FD, &p->fd, &(size_t){ sizeof(p->fd) }) < 0)
                r = -errno;
        if (r >= 0)
                r = auth_apply(auth, p->sock);
        for (size_t i = 0; r >= 0 && i < n; i++)
                if ((r = activation_bind(p->sock, "events", endpoints[i])) < 0)
                        snprintf(err, err_size, "cannot bind '%s': %s", endpoints[i], zmq_strerror(-r));
        if (r >= 0)
                r = open_monitor(ctx, p);
        if (r < 0) {
                if (!err[0])
                        snprintf(err, err_size, "cannot set up the PUB socket: %s", zmq_strerror(-r));
                publisher_close(p);
                return r;
        }
        *ret = p;
        return 0;
}

void publisher_close(struct publisher *p)
{
        if (!p)
                return;
        if (p->sock) {
                zmq_socket_monitor(p->sock, NULL, 0);
                zmq_close(p->sock);
        }
        if (p->monitor)
                zmq_close(p->monitor);
        free(p->replay_json);
        free(p->peers);
        free(p);
}

void publisher_set_stream(struct publisher *p, uint64_t epoch, uint64_t last_sequence)
{
        p->epoch = epoch;
        p->last_sequence = last_sequence;
}

void publisher_set_heartbeat(struct publisher *p, uint64_t interval_ms) { p->heartbeat_ms = interval_ms; }

int publisher_set_replay(struct publisher *p, const char *endpoint_json)
{
        char *copy = endpoint_json ? strdup(endpoint_json) : NULL;

        if (endpoint_json && !copy)
                return -ENOMEM;
        free(p->replay_json);
        p->replay_json = copy;
        return 0;
}

/* NODROP on, and whether it is. */
static bool nodrop(struct publisher *p, bool on)
{
        if (wire_set_int(p->sock, ZMQ_XPUB_NODROP, on) < 0)
                return !on;
        p->lossy = !on;
        return on;
}

/* A message: three frames (a heartbeat), or two and an event's body, sent from
 * the replay window's block without a copy when the window keeps it
 * (history_send, which copies it otherwise). */
struct outgoing {
        const struct frame *frames;
        const struct history *h;
        const struct stored_event *e;
};

static int send_once(struct publisher *p, const struct outgoing *m)
{
        if (m->e)
                return history_send(m->h, p->sock, m->frames, 2, m->e, ZMQ_DONTWAIT);
        return wire_send(p->sock, m->frames, 3, ZMQ_DONTWAIT);
}

/* The stream stood still for the deadline: a subscriber stopped reading (a
 * stopped process, a hung host, a cable pulled). Waiting longer would cost
 * every other subscriber the stream; giving it up costs it what it misses,
 * which it repairs by replay. The message goes out lossy, which takes the
 * full pipes out of the stream (the others had the deadline to make room). */
static int give_up(struct publisher *p, const struct outgoing *m)
{
        int r;

        p->held = p->event_held = false;
        p->given_up++;
        log_fields(LOG_LEVEL_NOTICE, LOG_FIELDS(LOG_NUM("HERALD_SEQUENCE", p->last_sequence)),
                   "events: a subscriber has held the stream for %d ms after sequence %" PRIu64
                   ": it is left out until it reads again, and repairs what it misses by replay (%" PRIu64
                   " since start)",
                   PUB_STALL_MS, p->last_sequence, p->given_up);
        nodrop(p, false);
        r = send_once(p, m);
        nodrop(p, true);
        return r;
}

/* Sends one message without waiting: 0; -EAGAIN while a subscriber's full pipe
 * holds the stream (the caller tries again when the socket has news, or at
 * publisher_retry_at); another -errno as libzmq says. */
static int send_message(struct publisher *p, const struct outgoing *m, int64_t now_ms)
{
        int r;

        if (p->lossy)
                nodrop(p, true);
        r = send_once(p, m);
        if (r == -EAGAIN) {
                /* a send reads the socket's news (a subscriber has read) only now
                 * and then: read it, and try once more before waiting for more */
                publisher_on_readable(p);
                r = send_once(p, m);
        }
        if (r != -EAGAIN) {
                p->held = p->event_held = false;
                return r;
        }
        p->event_held = m->e != NULL;
        if (!p->held) {
                p->held = true;
                p->held_since_ms = now_ms;
        }
        return now_ms - p->held_since_ms < PUB_STALL_MS ? -EAGAIN : give_up(p, m);
}

int publisher_send(struct publisher *p, const struct history *h, const struct stored_event *e, int64_t now_ms)
{
        uint8_t header[HERALD_HEADER_SIZE];
        struct frame frames[2]; /* the body is e's, sent by history_send */
        int r;

        wire_header_encode(header, p->epoch, e->sequence);
        frames[0] = wire_str(e->topic);
        frames[1] = (struct frame){ header, sizeof(header) };
        if ((r = send_message(p, &(struct outgoing){ frames, h, e }, now_ms)) == -EAGAIN)
                return r;
        p->last_sequence = e->sequence;
        p->last_sent_ms = now_ms;
        return r;
}

int64_t publisher_retry_at(const struct publisher *p, int64_t now_ms)
{
        int64_t deadline = p->held_since_ms + PUB_STALL_MS;

        if (!p->held)
                return now_ms;
        return deadline < now_ms + PUB_RETRY_MS ? deadline : now_ms + PUB_RETRY_MS;
}

/* A heartbeat: hb, header (epoch, last sequence), {"time","interval_ms","replay"}.
 * It waits for a full subscriber as events do: sent lossy, it would take that
 * subscriber's pipe out of the stream, and it would lose the events after it. */
static int send_heartbeat(struct publisher *p, int64_t now_ms)
{
        uint8_t header[HERALD_HEADER_SIZE];
        _cleanup_free_ char *body = NULL;
        char now[32];
        struct frame frames[3];

        event_now(now);
        if (asprintf(&body, "{\"time\":\"%s\",\"interval_ms\":%" PRIu64 "%s%s}", now, p->heartbeat_ms,
                     p->replay_json ? ",\"replay\":" : "", p->replay_json ? p->replay_json : "") < 0) {
                body = NULL; /* out of memory: this one is skipped, the next comes as usual */
                return 0;
        }
        wire_header_encode(header, p->epoch, p->last_sequence);
        frames[0] = wire_str(HERALD_TOPIC_HEARTBEAT);
        frames[1] = (struct frame){ header, sizeof(header) };
        frames[2] = wire_str(body);
        return send_message(p, &(struct outgoing){ frames, NULL, NULL }, now_ms);
}

int64_t publisher_tick(struct publisher *p, int64_t now_ms)
{
        if (now_ms - p->last_sent_ms < (int64_t)p->heartbeat_ms)
                return p->last_sent_ms + (int64_t)p->heartbeat_ms;
        /* not while an event waits: a heartbeat a full subscriber does not take
         * (it did not subscribe to hb) would go out, count as the stream moving
         * and restart the event's deadline, every heartbeat, for ever */
        if (p->held && p->event_held)
                return publisher_retry_at(p, now_ms);
        if (send_heartbeat(p, now_ms) == -EAGAIN)
                return publisher_retry_at(p, now_ms);
        p->last_sent_ms = now_ms;
        return now_ms + (int64_t)p->heartbeat_ms;
}

int publisher_fd(const struct publisher *p) { return p->fd; }

/* ZMQ_EVENTS takes in what libzmq queued for the socket, which resets its
 * descriptor: that a subscriber's reader made room. A PUB has nothing to read. */
void publisher_on_readable(struct publisher *p)
{
        int events;
        size_t len = sizeof(events);

        zmq_getsockopt(p->sock, ZMQ_EVENTS, &events, &len);
}

void *publisher_monitor(struct publisher *p) { return p->monitor; }

/* Who a connection is: "address:port" over TCP, the peer's pid over ipc://.
 * The monitor is read after the fact: a connection already gone shows as its fd. */
static void peer_name(int fd, char *out, size_t size)
{
        struct sockaddr_storage sa;
        socklen_t len = sizeof(sa);
        struct ucred cred;
        socklen_t cred_len = sizeof(cred);
        char host[INET6_ADDRSTRLEN] = "?";

        snprintf(out, size, "fd %d", fd);
        if (getpeername(fd, (struct sockaddr *)&sa, &len) < 0)
                return;
        if (sa.ss_family == AF_INET) {
                struct sockaddr_in *in = (struct sockaddr_in *)&sa;

                inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
                snprintf(out, size, "%s:%u", host, ntohs(in->sin_port));
        } else if (sa.ss_family == AF_INET6) {
                struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&sa;

                inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
                snprintf(out, size, "[%s]:%u", host, ntohs(in6->sin6_port));
        } else if (sa.ss_family == AF_UNIX && getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cred_len) == 0)
                snprintf(out, size, "pid %d", (int)cred.pid);
}

static void peer_joined(struct publisher *p, int fd, const char *endpoint)
{
        char name[96], field[128];

        p->subscribers++;
        peer_name(fd, name, sizeof(name));
        if (sockname_endpoint(fd, true, field, sizeof(field)) < 0)
                snprintf(field, sizeof(field), "%s", name);
        log_fields(LOG_LEVEL_DEBUG,
                   LOG_FIELDS(LOG_STR("HERALD_PEER", field), LOG_NUM("HERALD_SUBSCRIBERS", p->subscribers)),
                   "subscriber joined on %s from %s (%zu connected)", endpoint, name, p->subscribers);
        if (GREEDY_REALLOC(p->peers, p->cap_peers, p->n_peers + 1) < 0)
                return; /* only the name in the leaving line is lost */
        p->peers[p->n_peers].fd = fd;
        memcpy(p->peers[p->n_peers++].name, name, sizeof(name));
}

static void peer_left(struct publisher *p, int fd, const char *endpoint)
{
        if (p->subscribers > 0)
                p->subscribers--;
        for (size_t i = 0; i < p->n_peers; i++)
                if (p->peers[i].fd == fd) {
                        log_fields(LOG_LEVEL_DEBUG,
                                   LOG_FIELDS(LOG_STR("HERALD_PEER", p->peers[i].name),
                                              LOG_NUM("HERALD_SUBSCRIBERS", p->subscribers)),
                                   "subscriber left %s from %s (%zu connected)", endpoint, p->peers[i].name,
                                   p->subscribers);
                        p->peers[i] = p->peers[--p->n_peers];
                        return;
                }
        log_debug("subscriber left %s (%zu connected)", endpoint, p->subscribers);
}

/* Monitor events are two frames: 16-bit event and 32-bit value (the connection's
 * fd for ACCEPTED and DISCONNECTED, an error for the handshake failures auth.c
 * names), then the endpoint. */
void publisher_on_monitor(struct publisher *p)
{
        for (;;) {
                uint8_t head[6];
                char endpoint[256];
                uint16_t event;
                int32_t fd;
                int n;

                if (zmq_recv(p->monitor, head, sizeof(head), ZMQ_DONTWAIT) < 0)
                        return;
                n = zmq_recv(p->monitor, endpoint, sizeof(endpoint) - 1, ZMQ_DONTWAIT);
                endpoint[n < 0 ? 0 : n < (int)sizeof(endpoint) ? n : (int)sizeof(endpoint) - 1] = '\0';
                memcpy(&event, head, sizeof(event));
                memcpy(&fd, head + 2, sizeof(fd));
                auth_peers_event(&p->auth_peers, event, (uint32_t)fd, endpoint);
                if (event == ZMQ_EVENT_ACCEPTED)
                        peer_joined(p, fd, endpoint);
                else if (event == ZMQ_EVENT_DISCONNECTED)
                        peer_left(p, fd, endpoint);
        }
}

size_t publisher_subscribers(const struct publisher *p) { return p->subscribers; }
