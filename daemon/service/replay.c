/* The replay server. A request is validated frame by frame; a good REPLAY becomes
 * an active replay (peer, request id, topic prefix, next sequence, cut point S,
 * remaining count) that replay_pump() advances. Peers are limited in request rate
 * and in concurrent replays, and requests are bounded in size by ZMQ_MAXMSGSIZE. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
#include "strmap.h"
#include "wire.h"

#define REQUEST_MAX_FRAMES 8
#define REQUEST_MAX_BYTES 4096    /* a larger frame makes libzmq drop the peer */
#define REQUESTS_PER_CALL 256     /* requests read per wake-up, so replies keep flowing */
#define MAX_ACTIVE 64             /* replays in progress, all peers */
#define MAX_ACTIVE_PER_PEER 4
#define RATE_PER_SECOND 20        /* token bucket per peer */
#define RATE_BURST 40
#define MAX_PEERS_TRACKED 4096
#define ROUTER_SNDHWM 10000
/* With ZMQ_ROUTER_MANDATORY, libzmq answers EHOSTUNREACH both for a peer that is
 * gone and, briefly, for one whose full pipe has drained but is not marked
 * writable again yet. So unreachable means "retry", and only a peer that stays
 * unreachable this long is given up. */
#define UNREACHABLE_GIVE_UP_MS 5000
#define SCAN_PER_TURN (64 * 1024) /* retained events looked at per replay per turn */

struct active {
        uint8_t peer[256];
        size_t peer_len;
        bool delimited; /* a REQ peer: replies start with an empty frame */
        char req_id[65];
        char prefix[129];
        uint64_t next, cut, remaining; /* remaining == 0: no limit */
        uint64_t want, back; /* from -N: matching events still to find walking back from `back` */
        uint64_t count, oldest;
        bool limited;
        int64_t unreachable_since_ms; /* 0: reachable */
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
};

struct request {
        uint8_t peer[256];
        size_t peer_len;
        bool delimited;
        char frames[REQUEST_MAX_FRAMES][REQUEST_MAX_BYTES + 1];
        size_t lens[REQUEST_MAX_FRAMES];
        size_t n;
        bool too_many_frames;
};

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

int replay_open(void *ctx, const char *endpoint, const struct auth *auth, replay_status_fn status, void *userdata,
                struct replay_server **ret, char *err, size_t err_size)
{
        struct replay_server *rs = calloc(1, sizeof(*rs));
        int64_t max_size = REQUEST_MAX_BYTES;
        int r;

        if (!rs || !(rs->buckets = strmap_new())) {
                free(rs);
                return -ENOMEM;
        }
        rs->status = status;
        rs->userdata = userdata;
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

static void free_bucket(void *value, void *userdata)
{
        (void)userdata;
        free(value);
}

void replay_close(struct replay_server *rs)
{
        if (!rs)
                return;
        if (rs->sock)
                zmq_close(rs->sock);
        strmap_foreach(rs->buckets, free_bucket, NULL);
        strmap_free(rs->buckets);
        free(rs->active);
        free(rs->endpoint_json);
        free(rs);
}

void *replay_socket(struct replay_server *rs) { return rs->sock; }

bool replay_blocked(const struct replay_server *rs) { return rs->blocked; }

static int reply(struct replay_server *rs, const uint8_t *peer, size_t peer_len, bool delimited,
                 const struct frame *frames, size_t n)
{
        struct frame all[8] = { { peer, peer_len }, { "", 0 } };

        memcpy(all + 1 + delimited, frames, n * sizeof(*frames));
        return wire_send(rs->sock, all, n + 1 + delimited, ZMQ_DONTWAIT);
}

static void send_error(struct replay_server *rs, const uint8_t *peer, size_t peer_len, bool delimited,
                       const char *req_id, int code, const char *text)
{
        char code_text[8];
        struct frame f[4];

        snprintf(code_text, sizeof(code_text), "%d", code);
        f[0] = wire_str(HERALD_REPLY_ERR);
        f[1] = wire_str(req_id);
        f[2] = wire_str(code_text);
        f[3] = wire_str(text);
        reply(rs, peer, peer_len, delimited, f, 4); /* a peer that cannot take it is let go */
}

static void reply_error(struct replay_server *rs, const struct request *rq, const char *req_id, int code,
                        const char *text)
{
        send_error(rs, rq->peer, rq->peer_len, rq->delimited, req_id, code, text);
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

/* Token bucket per peer: RATE_PER_SECOND requests, bursts of RATE_BURST. */
static bool rate_ok(struct replay_server *rs, const struct request *rq, int64_t now_ms)
{
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
                *b = (struct bucket){ RATE_BURST, now_ms };
        }
        b->tokens += (double)(now_ms - b->at_ms) * RATE_PER_SECOND / 1000.0;
        if (b->tokens > RATE_BURST)
                b->tokens = RATE_BURST;
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
        _cleanup_free_ char *body = NULL;
        struct frame f[3];

        rs->status(rs->userdata, &st);
        if (asprintf(&body,
                     "{\"epoch\":\"%016" PRIx64 "\",\"sequence\":%" PRIu64 ",\"retained\":%" PRIu64 ",\"oldest\":%" PRIu64
                     ",\"articles\":%" PRIu64 ",\"subscribers\":%" PRIu64 ",\"uptime_s\":%" PRId64 ",\"version\":\"%s\"%s%s}",
                     st.epoch, st.sequence, st.retained, st.oldest, st.articles, st.subscribers, st.uptime_s,
                     HERALD_VERSION, rs->endpoint_json ? ",\"replay\":" : "",
                     rs->endpoint_json ? rs->endpoint_json : "") < 0) {
                body = NULL;
                return reply_error(rs, rq, req_id, HERALD_ERR_TOO_MANY, "out of memory");
        }
        f[0] = wire_str(HERALD_REPLY_STATUS);
        f[1] = wire_str(req_id);
        f[2] = wire_str(body);
        reply(rs, rq->peer, rq->peer_len, rq->delimited, f, 3);
}

static size_t active_for_peer(const struct replay_server *rs, const struct request *rq)
{
        size_t n = 0;

        for (size_t i = 0; i < rs->n_active; i++)
                n += rs->active[i].peer_len == rq->peer_len && memcmp(rs->active[i].peer, rq->peer, rq->peer_len) == 0;
        return n;
}

static void start_replay(struct replay_server *rs, const struct request *rq, const char *req_id,
                         const struct history *h, uint64_t last_published)
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
        if (rs->n_active >= MAX_ACTIVE || active_for_peer(rs, rq) >= MAX_ACTIVE_PER_PEER)
                return reply_error(rs, rq, req_id, HERALD_ERR_TOO_MANY, "too many replays in progress");
        if (GREEDY_REALLOC(rs->active, rs->cap_active, rs->n_active + 1) < 0)
                return reply_error(rs, rq, req_id, HERALD_ERR_TOO_MANY, "out of memory");
        a = &rs->active[rs->n_active++];
        *a = (struct active){ .peer_len = rq->peer_len, .delimited = rq->delimited,
                              .next = from && !last ? from : oldest, .cut = last_published,
                              .remaining = max, .oldest = oldest, .limited = max != 0,
                              .want = last ? from : 0, .back = last_published };
        if (!oldest) { /* nothing retained: END at once */
                a->next = last_published + 1;
                a->want = 0;
        }
        memcpy(a->peer, rq->peer, rq->peer_len);
        memcpy(a->req_id, req_id, strlen(req_id) + 1);
        memcpy(a->prefix, rq->frames[2], rq->lens[2]);
        a->prefix[rq->lens[2]] = '\0';
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
                return start_replay(rs, rq, req_id, h, last_published);
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

/* END req-id header(epoch, S) {"count","oldest","truncated"}. */
static int send_end(struct replay_server *rs, const struct active *a, uint64_t epoch)
{
        uint8_t header[HERALD_HEADER_SIZE];
        char body[128];
        struct frame f[4];

        wire_header_encode(header, epoch, a->cut);
        snprintf(body, sizeof(body), "{\"count\":%" PRIu64 ",\"oldest\":%" PRIu64 ",\"truncated\":%s}", a->count,
                 a->oldest, a->limited && a->remaining == 0 && a->next <= a->cut ? "true" : "false");
        f[0] = wire_str(HERALD_REPLY_END);
        f[1] = wire_str(a->req_id);
        f[2] = (struct frame){ header, sizeof(header) };
        f[3] = wire_str(body);
        return reply(rs, a->peer, a->peer_len, a->delimited, f, 4);
}

static int send_event(struct replay_server *rs, const struct active *a, const struct stored_event *e, uint64_t epoch)
{
        uint8_t header[HERALD_HEADER_SIZE];
        struct frame f[5];

        wire_header_encode(header, epoch, e->sequence);
        f[0] = wire_str(HERALD_REPLY_EVENT);
        f[1] = wire_str(a->req_id);
        f[2] = wire_str(e->topic);
        f[3] = (struct frame){ header, sizeof(header) };
        f[4] = (struct frame){ e->json, e->json_len };
        return reply(rs, a->peer, a->peer_len, a->delimited, f, 5);
}

enum step { STEP_MORE, STEP_DONE, STEP_WAIT };

/* What a failed send means for the replay: wait and retry, or give up the peer. */
static enum step after_send_error(struct active *a, int r, int64_t now_ms)
{
        if (r == -EAGAIN)
                return STEP_WAIT;
        if (r == -EHOSTUNREACH) {
                if (!a->unreachable_since_ms)
                        a->unreachable_since_ms = now_ms;
                if (now_ms - a->unreachable_since_ms < UNREACHABLE_GIVE_UP_MS)
                        return STEP_WAIT;
        }
        return STEP_DONE; /* the peer is gone */
}

static bool matches(const struct stored_event *e, const char *prefix)
{
        return strncmp(e->topic, prefix, strlen(prefix)) == 0;
}

/* From -N: walks back from the cut until N matching events are behind it, or to
 * the oldest retained, a bounded number of steps per turn (the window may move
 * meanwhile). Returns false while it is not done. */
static bool seek_back(struct active *a, const struct history *h)
{
        size_t scanned = 0;

        while (a->want > 0) {
                const struct stored_event *e;

                if (a->back == 0 || a->back < history_oldest(h)) { /* fewer than N: all that is kept */
                        a->next = history_oldest(h) ? history_oldest(h) : a->cut + 1;
                        a->want = 0;
                        break;
                }
                if (scanned++ == SCAN_PER_TURN)
                        return false;
                e = history_get(h, a->back);
                if (e && matches(e, a->prefix) && --a->want == 0)
                        a->next = a->back;
                a->back--;
        }
        return true;
}

/* Advances one replay by up to *budget sends. */
static enum step advance(struct replay_server *rs, struct active *a, const struct history *h, uint64_t epoch,
                         size_t *budget, int64_t now_ms)
{
        size_t scanned = 0;
        int r;

        if (!seek_back(a, h))
                return STEP_MORE;
        while (a->next <= a->cut && !(a->limited && a->remaining == 0)) {
                const struct stored_event *e = history_get(h, a->next);

                if (*budget == 0 || scanned++ > SCAN_PER_TURN)
                        return STEP_MORE;
                if (!e && history_is_hole(h, a->next)) { /* lost to a damaged journal line */
                        a->next++;
                        continue;
                }
                if (!e) { /* the window moved past it while we were replaying */
                        char text[96];

                        snprintf(text, sizeof(text), "sequence %" PRIu64 " left the replay window", a->next);
                        send_error(rs, a->peer, a->peer_len, a->delimited, a->req_id, HERALD_ERR_GONE, text);
                        return STEP_DONE;
                }
                if (matches(e, a->prefix)) {
                        r = send_event(rs, a, e, epoch);
                        if (r < 0)
                                return after_send_error(a, r, now_ms);
                        a->unreachable_since_ms = 0;
                        a->count++;
                        a->remaining -= a->limited;
                        (*budget)--;
                }
                a->next++;
        }
        r = send_end(rs, a, epoch);
        return r < 0 ? after_send_error(a, r, now_ms) : STEP_DONE;
}

bool replay_pump(struct replay_server *rs, const struct history *h, uint64_t epoch, size_t budget, int64_t now_ms)
{
        size_t i = 0;

        rs->blocked = false;
        while (i < rs->n_active) {
                struct active *a = &rs->active[i];
                enum step s = advance(rs, a, h, epoch, &budget, now_ms);

                if (s == STEP_DONE) {
                        rs->active[i] = rs->active[--rs->n_active];
                        continue;
                }
                rs->blocked = rs->blocked || s == STEP_WAIT;
                i++;
        }
        return rs->n_active > 0;
}
