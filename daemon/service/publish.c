/* The PUB socket. ZMTP heartbeats reap half-open TCP connections; the monitor
 * counts connections for STATUS. The hb message carries the last sequence
 * published, so a subscriber that missed the end of a burst notices. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#include "auth.h"
#include "event.h"
#include "herald/protocol.h"
#include "publish.h"
#include "wire.h"

#define PUB_SNDHWM 10000         /* messages queued per subscriber before it loses some */
#define PUB_LINGER_MS 500        /* bounded linger at close */
#define ZMTP_HEARTBEAT_MS 2000
#define ZMTP_TIMEOUT_MS 6000

struct publisher {
        void *sock, *monitor;
        uint64_t epoch, last_sequence;
        uint64_t heartbeat_ms;
        int64_t last_sent_ms;
        size_t subscribers;
        struct auth_peers peers; /* to name the peers the handshake refuses */
};

static int configure(void *s)
{
        if (wire_set_int(s, ZMQ_SNDHWM, PUB_SNDHWM) < 0 || wire_set_int(s, ZMQ_LINGER, PUB_LINGER_MS) < 0 ||
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
        p->heartbeat_ms = 1000;
        p->peers.what = "events";
        p->peers.secure = auth != NULL;
        p->sock = zmq_socket(ctx, ZMQ_PUB);
        r = p->sock ? configure(p->sock) : -errno;
        if (r >= 0)
                r = auth_apply(auth, p->sock);
        for (size_t i = 0; r >= 0 && i < n; i++)
                if ((r = wire_bind(p->sock, endpoints[i])) < 0)
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
        free(p);
}

void publisher_set_stream(struct publisher *p, uint64_t epoch, uint64_t last_sequence)
{
        p->epoch = epoch;
        p->last_sequence = last_sequence;
}

void publisher_set_heartbeat(struct publisher *p, uint64_t interval_ms) { p->heartbeat_ms = interval_ms; }

int publisher_send(struct publisher *p, const struct stored_event *e, int64_t now_ms)
{
        uint8_t header[HERALD_HEADER_SIZE];
        struct frame frames[3];

        wire_header(header, p->epoch, e->sequence);
        frames[0] = wire_str(e->topic);
        frames[1] = (struct frame){ header, sizeof(header) };
        frames[2] = (struct frame){ e->json, e->json_len };
        p->last_sequence = e->sequence;
        p->last_sent_ms = now_ms;
        return wire_send(p->sock, frames, 3, ZMQ_DONTWAIT);
}

int64_t publisher_tick(struct publisher *p, int64_t now_ms)
{
        uint8_t header[HERALD_HEADER_SIZE];
        char body[96], now[32];
        struct frame frames[3];

        if (now_ms - p->last_sent_ms < (int64_t)p->heartbeat_ms)
                return p->last_sent_ms + (int64_t)p->heartbeat_ms;
        event_now(now);
        snprintf(body, sizeof(body), "{\"time\":\"%s\",\"interval_ms\":%" PRIu64 "}", now, p->heartbeat_ms);
        wire_header(header, p->epoch, p->last_sequence);
        frames[0] = wire_str(HERALD_TOPIC_HEARTBEAT);
        frames[1] = (struct frame){ header, sizeof(header) };
        frames[2] = wire_str(body);
        wire_send(p->sock, frames, 3, ZMQ_DONTWAIT);
        p->last_sent_ms = now_ms;
        return now_ms + (int64_t)p->heartbeat_ms;
}

void *publisher_monitor(struct publisher *p) { return p->monitor; }

/* Monitor events are two frames: 16-bit event and 32-bit value, then the endpoint. */
void publisher_on_monitor(struct publisher *p)
{
        for (;;) {
                uint8_t head[6];
                char endpoint[256];
                uint16_t event;
                uint32_t value;
                int n;

                if (zmq_recv(p->monitor, head, sizeof(head), ZMQ_DONTWAIT) < 0)
                        return;
                n = zmq_recv(p->monitor, endpoint, sizeof(endpoint) - 1, ZMQ_DONTWAIT);
                endpoint[n < 0 ? 0 : n < (int)sizeof(endpoint) ? n : (int)sizeof(endpoint) - 1] = '\0';
                memcpy(&event, head, sizeof(event));
                memcpy(&value, head + 2, sizeof(value));
                auth_peers_event(&p->peers, event, value, endpoint);
                if (event == ZMQ_EVENT_ACCEPTED)
                        p->subscribers++;
                else if (event == ZMQ_EVENT_DISCONNECTED && p->subscribers > 0)
                        p->subscribers--;
        }
}

size_t publisher_subscribers(const struct publisher *p) { return p->subscribers; }
