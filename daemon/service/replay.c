/* The replay server's requests. A request is validated frame by frame; a good
 * REPLAY becomes an active replay (peer, request id, topic prefix, next sequence,
 * cut point S, remaining count) that replay_pump() (replay_pump.c) advances. Peers are limited in request rate
 * and in concurrent replays, and requests are bounded in size by ZMQ_MAXMSGSIZE.
 * A replay that makes no progress for the stall timeout is cancelled and its
 * connection closed (freeing what libzmq queued for it), and what active replays
 * may have queued in libzmq is bounded in total (struct replay_limits). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <zmq.h>

#include "herald/protocol.h"
#include "activation.h"
#include "auth.h"
#include "internal/alloc.h"
#include "internal/cleanup.h"
#include "internal/json-cleanup.h"
#include "internal/wire-header.h"
#include "log.h"
#include "replay.h"
#include "replay_internal.h"
#include "strmap.h"
#include "wire.h"

/* What subscribers are told: the endpoint as bound (an ephemeral port resolved,
 * a wildcard host left as the wildcard address for them to replace), as a JSON
 * string. */
static int bound_endpoint_json(void *sock, const char *configured, char **ret)
{
        char bound[1024];
        size_t len = sizeof(bound);
        _cleanup_json_ json_t *s = NULL;

        if (zmq_getsockopt(sock, ZMQ_LAST_ENDPOINT, bound, &len) < 0 || len == 0)
                snprintf(bound, sizeof(bound), "%s", configured);
        s = json_string(bound);
        *ret = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
        return s && !*ret ? -ENOMEM : 0;
}

int replay_open(void *ctx, const char *endpoint, const struct auth *auth, const struct replay_limits *limits,
                replay_status_fn status, void *userdata, struct replay_server **ret, char *err, size_t err_size)
{
        struct replay_server *rs = calloc(1, sizeof(*rs));
        int64_t max_size = limits->max_request < REQUEST_MAX_BYTES ? (int64_t)limits->max_request : REQUEST_MAX_BYTES;
        int r;

        if (!rs || !(rs->buckets = strmap_new())) {
                free(rs);
                return -ENOMEM;
        }
        rs->status = status;
        rs->userdata = userdata;
        rs->limits = *limits;
        rs->sock = zmq_socket(ctx, ZMQ_ROUTER);
        if (!rs->sock || wire_set_int(rs->sock, ZMQ_ROUTER_MANDATORY, 1) < 0 || wire_set_int(rs->sock, ZMQ_LINGER, 500) < 0 ||
            wire_set_int(rs->sock, ZMQ_SNDHWM, ROUTER_SNDHWM) < 0 ||
            zmq_setsockopt(rs->sock, ZMQ_MAXMSGSIZE, &max_size, sizeof(max_size)) < 0 ||
            wire_set_int(rs->sock, ZMQ_HEARTBEAT_IVL, 2000) < 0 || wire_set_int(rs->sock, ZMQ_HEARTBEAT_TIMEOUT, 6000) < 0 ||
            auth_apply(auth, rs->sock) < 0) {
                snprintf(err, err_size, "cannot set up the replay socket: %s", zmq_strerror(errno));
                replay_close(rs);
                return -EINVAL;
        }
        r = activation_bind(rs->sock, "replay", endpoint);
        if (r < 0) {
                snprintf(err, err_size, "cannot bind '%s': %s", endpoint, zmq_strerror(-r));
                replay_close(rs);
                return r;
        }
        r = bound_endpoint_json(rs->sock, endpoint, &rs->endpoint_json);
        if (r < 0) {
                replay_close(rs);
                return r;
        }
        *ret = rs;
        return 0;
}

const char *replay_endpoint_json(const struct replay_server *rs) { return rs->endpoint_json; }

void replay_set_limits(struct replay_server *rs, const struct replay_limits *limits)
{
        uint64_t max_request = rs->limits.max_request; /* the socket's: set once, at open */

        rs->limits = *limits;
        rs->limits.max_request = max_request;
}

uint64_t replay_stalled(const struct replay_server *rs) { return rs->stalled; }

static void free_bucket(void *value, void *userdata)
{
        (void)userdata;
        free(value);
}

void replay_close(struct replay_server *rs)
{
        if (!rs)
                return;
        if (rs->sock) {
                /* stop its monitor (auth.c) first: an event still in flight to
                 * the monitor's reader when both close is leaked by libzmq */
                zmq_socket_monitor(rs->sock, NULL, 0);
                zmq_close(rs->sock);
        }
        strmap_foreach(rs->buckets, free_bucket, NULL);
        strmap_free(rs->buckets);
        for (size_t i = 0; i < rs->n_active; i++)
                free(rs->active[i].window);
        free(rs->active);
        free(rs->endpoint_json);
        free(rs);
}

void *replay_socket(struct replay_server *rs) { return rs->sock; }

bool replay_blocked(const struct replay_server *rs) { return rs->blocked; }

bool replay_wants_out(const struct replay_server *rs) { return rs->blocked && !rs->paused_any; }

bool replay_progressed(const struct replay_server *rs) { return rs->progressed; }

int replay_reply(struct replay_server *rs, const uint8_t *peer, size_t peer_len, bool delimited,
                 const struct frame *frames, size_t n)
{
        struct frame all[8] = { { peer, peer_len }, { "", 0 } };

        memcpy(all + 1 + delimited, frames, n * sizeof(*frames));
        return wire_send(rs->sock, all, n + 1 + delimited, ZMQ_DONTWAIT);
}

void replay_send_error(struct replay_server *rs, const uint8_t *peer, size_t peer_len, bool delimited,
                       const char *req_id, int code, const char *text)
{
        char code_text[8];
        struct frame f[4];

        snprintf(code_text, sizeof(code_text), "%d", code);
        f[0] = wire_str(HERALD_REPLY_ERR);
        f[1] = wire_str(req_id);
        f[2] = wire_str(code_text);
        f[3] = wire_str(text);
        replay_reply(rs, peer, peer_len, delimited, f, 4); /* a peer that cannot take it is let go */
}

static void reply_error(struct replay_server *rs, const struct request *rq, const char *req_id, int code,
                        const char *text)
{
        replay_send_error(rs, rq->peer, rq->peer_len, rq->delimited, req_id, code, text);
}

#define PEER_HEX_SIZE (2 * sizeof(((struct request *)0)->peer) + 1)

/* The peer's routing id in hex: the key of its bucket, and its name in the log. */
static void peer_hex(const struct request *rq, char out[PEER_HEX_SIZE])
{
        for (size_t i = 0; i < rq->peer_len; i++)
                snprintf(out + 2 * i, 3, "%02x", rq->peer[i]);
        out[2 * rq->peer_len] = '\0';
}

/* A request frame for the log: printable ASCII as is, anything else as '?'. */
static const char *printable(const char *frame, size_t len, char *out, size_t size)
{
        size_t n = len < size - 1 ? len : size - 1;

        for (size_t i = 0; i < n; i++)
                out[i] = frame[i] >= 0x20 && frame[i] < 0x7f ? frame[i] : '?';
        out[n] = '\0';
        return out;
}

static void log_request(const struct request *rq, const char *cmd, size_t n)
{
        char peer[PEER_HEX_SIZE], prefix[132], from[24], max[24];

        peer_hex(rq, peer);
        if (strcmp(cmd, HERALD_CMD_REPLAY) == 0 && n == 5)
                log_debug("REPLAY from peer %s: prefix '%s', from %s, max %s", peer,
                          printable(rq->frames[2], rq->lens[2], prefix, sizeof(prefix)),
                          printable(rq->frames[3], rq->lens[3], from, sizeof(from)),
                          printable(rq->frames[4], rq->lens[4], max, sizeof(max)));
        else if (strcmp(cmd, HERALD_CMD_STATUS) == 0 && n == 2)
                log_debug("STATUS from peer %s", peer);
        else
                log_debug("malformed request from peer %s (%zu frames)", peer, n);
}

/* Token bucket per peer: limits.rate requests a second, bursts of twice that. */
static bool rate_ok(struct replay_server *rs, const struct request *rq, int64_t now_ms)
{
        const double rate = (double)rs->limits.rate, burst = 2 * rate;
        char key[PEER_HEX_SIZE];
        struct bucket *b;

        peer_hex(rq, key);
        b = strmap_get(rs->buckets, key);
        if (!b) {
                if (strmap_size(rs->buckets) >= MAX_PEERS_TRACKED) { /* bounded: forget everyone */
                        strmap_foreach(rs->buckets, free_bucket, NULL);
                        strmap_free(rs->buckets);
                        rs->buckets = strmap_new();
                }
                if (!rs->buckets || !(b = calloc(1, sizeof(*b))) || strmap_put(rs->buckets, key, b) < 0) {
                        free(b);
                        return false;
                }
                *b = (struct bucket){ burst, now_ms };
        }
        b->tokens += (double)(now_ms - b->at_ms) * rate / 1000.0;
        if (b->tokens > burst)
                b->tokens = burst;
        b->at_ms = now_ms;
        if (b->tokens < 1)
                return false;
        b->tokens -= 1;
        return true;
}

/* A decimal count of at most 20 digits with no sign: "0", "42". */
static bool parse_u64(const char *s, size_t len, uint64_t *out)
{
        uint64_t v = 0;

        if (len == 0 || len > 20)
                return false;
        for (size_t i = 0; i < len; i++) {
                if (s[i] < '0' || s[i] > '9' || v > (UINT64_MAX - (uint64_t)(s[i] - '0')) / 10)
                        return false;
                v = v * 10 + (uint64_t)(s[i] - '0');
        }
        *out = v;
        return true;
}

static void answer_status(struct replay_server *rs, const struct request *rq, const char *req_id)
{
        struct replay_status st = { 0 };
        _cleanup_free_ char *body = NULL, *paused = NULL;
        _cleanup_json_ json_t *paused_json = NULL;
        struct frame f[3];

        rs->status(rs->userdata, &st);
        if (st.paused && (!(paused_json = json_string(st.paused)) ||
                          !(paused = json_dumps(paused_json, JSON_ENCODE_ANY))))
                return reply_error(rs, rq, req_id, HERALD_ERR_TOO_MANY, "out of memory");
        if (asprintf(&body,
                     "{\"epoch\":\"%016" PRIx64 "\",\"sequence\":%" PRIu64 ",\"retained\":%" PRIu64 ",\"oldest\":%" PRIu64
                     ",\"articles\":%" PRIu64 ",\"subscribers\":%" PRIu64 ",\"uptime_s\":%" PRId64 ",\"version\":\"%s\"%s%s%s%s}",
                     st.epoch, st.sequence, st.retained, st.oldest, st.articles, st.subscribers, st.uptime_s,
                     HERALD_VERSION, rs->endpoint_json ? ",\"replay\":" : "",
                     rs->endpoint_json ? rs->endpoint_json : "", paused ? ",\"paused\":" : "",
                     paused ? paused : "") < 0) {
                body = NULL;
                return reply_error(rs, rq, req_id, HERALD_ERR_TOO_MANY, "out of memory");
        }
        f[0] = wire_str(HERALD_REPLY_STATUS);
        f[1] = wire_str(req_id);
        f[2] = wire_str(body);
        replay_reply(rs, rq->peer, rq->peer_len, rq->delimited, f, 3);
}

static size_t active_for_peer(const struct replay_server *rs, const struct request *rq)
{
        size_t n = 0;

        for (size_t i = 0; i < rs->n_active; i++)
                n += rs->active[i].peer_len == rq->peer_len && memcmp(rs->active[i].peer, rq->peer, rq->peer_len) == 0;
        return n;
}

static void start_replay(struct replay_server *rs, const struct request *rq, const char *req_id,
                         const struct history *h, uint64_t last_published, int64_t now_ms)
{
        uint64_t from, max, oldest = history_oldest(h);
        char text[160];
        struct active *a;

        bool last = rq->lens[3] > 0 && rq->frames[3][0] == '-'; /* -N: the last N matching */

        if (rq->lens[2] > 128)
                return reply_error(rs, rq, req_id, HERALD_ERR_MALFORMED, "topic prefix over 128 bytes");
        if (memchr(rq->frames[2], '\0', rq->lens[2])) /* it would be cut there, matching more than asked */
                return reply_error(rs, rq, req_id, HERALD_ERR_MALFORMED, "a NUL byte in the topic prefix");
        if (!parse_u64(rq->frames[3] + last, rq->lens[3] - last, &from) || !parse_u64(rq->frames[4], rq->lens[4], &max) ||
            (last && from == 0))
                return reply_error(rs, rq, req_id, HERALD_ERR_MALFORMED,
                                   "from-sequence must be a decimal number or -N (N > 0), max a decimal number");
        if (!last && from != 0 && from < oldest) {
                snprintf(text, sizeof(text), "sequence %" PRIu64 " is older than the oldest retained, %" PRIu64, from,
                         oldest);
                return reply_error(rs, rq, req_id, HERALD_ERR_GONE, text);
        }
        if (active_for_peer(rs, rq) >= MAX_ACTIVE_PER_PEER ||
            (rs->n_active >= MAX_ACTIVE && !replay_evict_stuck(rs, now_ms)))
                return reply_error(rs, rq, req_id, HERALD_ERR_TOO_MANY, "too many replays in progress");
        _cleanup_free_ uint32_t *window = calloc(ROUTER_SNDHWM, sizeof(*window));
        struct stat st;

        if (!window || GREEDY_REALLOC(rs->active, rs->cap_active, rs->n_active + 1) < 0)
                return reply_error(rs, rq, req_id, HERALD_ERR_TOO_MANY, "out of memory");
        a = &rs->active[rs->n_active++];
        *a = (struct active){ .peer_len = rq->peer_len, .delimited = rq->delimited, .fd = -1,
                              .window = TAKE_PTR(window), .serial = ++rs->next_serial,
                              .next = from && !last ? from : oldest, .cut = last_published,
                              .remaining = max, .oldest = oldest, .limited = max != 0,
                              .want = last ? from : 0, .back = last_published };
        if (!oldest) { /* nothing retained: END at once */
                a->next = last_published + 1;
                a->want = 0;
        }
        if (rq->fd >= 0 && fstat(rq->fd, &st) == 0) {
                a->fd = rq->fd;
                a->fd_dev = st.st_dev;
                a->fd_ino = st.st_ino;
        }
        memcpy(a->peer, rq->peer, rq->peer_len);
        a->req_id_len = strlen(req_id);
        memcpy(a->req_id, req_id, a->req_id_len + 1);
        memcpy(a->prefix, rq->frames[2], rq->lens[2]);
        a->prefix[rq->lens[2]] = '\0';
        a->prefix_len = strlen(a->prefix);
}

static void answer(struct replay_server *rs, struct request *rq, const struct history *h, uint64_t last_published,
                   int64_t now_ms)
{
        size_t skip = rq->n > 0 && rq->lens[0] == 0; /* a REQ socket's empty delimiter */
        char req_id[65] = "";
        const char *cmd;
        size_t n;

        rq->delimited = skip;
        memmove(rq->frames, rq->frames + skip, (REQUEST_MAX_FRAMES - skip) * sizeof(rq->frames[0]));
        memmove(rq->lens, rq->lens + skip, (REQUEST_MAX_FRAMES - skip) * sizeof(rq->lens[0]));
        n = rq->n - skip;
        cmd = n ? rq->frames[0] : "";
        if (n >= 2 && rq->lens[1] < sizeof(req_id))
                memcpy(req_id, rq->frames[1], rq->lens[1] + 1);
        log_request(rq, cmd, n);
        if (!rate_ok(rs, rq, now_ms))
                return reply_error(rs, rq, req_id, HERALD_ERR_TOO_MANY, "too many requests");
        if (rq->too_many_frames || n < 2)
                return reply_error(rs, rq, req_id, HERALD_ERR_MALFORMED, "wrong number of frames");
        if (rq->lens[1] >= sizeof(req_id))
                return reply_error(rs, rq, "", HERALD_ERR_MALFORMED, "request id over 64 bytes");
        if (memchr(rq->frames[0], '\0', rq->lens[0]) || memchr(rq->frames[1], '\0', rq->lens[1]))
                return reply_error(rs, rq, "", HERALD_ERR_MALFORMED, "a NUL byte in the command or request id");
        if (strcmp(cmd, HERALD_CMD_STATUS) == 0 && n == 2)
                return answer_status(rs, rq, req_id);
        if (strcmp(cmd, HERALD_CMD_REPLAY) == 0 && n == 5 && skip) /* REQ drops every reply after the first */
                return reply_error(rs, rq, req_id, HERALD_ERR_MALFORMED, "REPLAY needs a DEALER socket, not REQ");
        if (strcmp(cmd, HERALD_CMD_REPLAY) == 0 && n == 5) {
                rq->n = n;
                return start_replay(rs, rq, req_id, h, last_published, now_ms);
        }
        if (strcmp(cmd, HERALD_CMD_STATUS) == 0 || strcmp(cmd, HERALD_CMD_REPLAY) == 0)
                return reply_error(rs, rq, req_id, HERALD_ERR_MALFORMED, "wrong number of frames");
        reply_error(rs, rq, req_id, HERALD_ERR_MALFORMED, "unknown command (REPLAY or STATUS)");
}

/* Receives one request: the peer's identity, then up to REQUEST_MAX_FRAMES
 * frames (NUL-terminated copies). Returns false when nothing is waiting. */
static bool receive(struct replay_server *rs, struct request *rq)
{
        int more = 1;
        size_t more_len = sizeof(more);
        zmq_msg_t m;

        rq->n = 0;
        rq->too_many_frames = false;
        for (size_t part = 0; more; part++) {
                zmq_msg_init(&m);
                if (zmq_msg_recv(&m, rs->sock, part == 0 ? ZMQ_DONTWAIT : 0) < 0) {
                        zmq_msg_close(&m);
                        return part > 0;
                }
                size_t len = zmq_msg_size(&m);

                if (part == 0) {
                        rq->fd = zmq_msg_get(&m, ZMQ_SRCFD);
                        rq->peer_len = len < sizeof(rq->peer) ? len : sizeof(rq->peer);
                        if (rq->peer_len)
                                memcpy(rq->peer, zmq_msg_data(&m), rq->peer_len);
                } else if (rq->n < REQUEST_MAX_FRAMES) {
                        rq->lens[rq->n] = len < REQUEST_MAX_BYTES ? len : REQUEST_MAX_BYTES;
                        if (rq->lens[rq->n])
                                memcpy(rq->frames[rq->n], zmq_msg_data(&m), rq->lens[rq->n]);
                        rq->frames[rq->n][rq->lens[rq->n]] = '\0';
                        rq->n++;
                } else
                        rq->too_many_frames = true;
                zmq_getsockopt(rs->sock, ZMQ_RCVMORE, &more, &more_len);
                zmq_msg_close(&m);
        }
        return true;
}

void replay_on_readable(struct replay_server *rs, const struct history *h, uint64_t epoch, uint64_t last_published,
                        int64_t now_ms)
{
        static struct request rq; /* large: one, reused (the loop is single-threaded) */

        (void)epoch;
        for (int i = 0; i < REQUESTS_PER_CALL && receive(rs, &rq); i++)
                answer(rs, &rq, h, last_published, now_ms);
}
