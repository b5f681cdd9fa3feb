/* Active replays: each turn of the loop advances them by a bounded batch, keeps
 * what they may have queued in libzmq under the memory limit (a window of the
 * sizes of their last replies), and cancels one that makes no progress for the
 * stall timeout, closing its connection so libzmq frees what it holds. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <zmq.h>

#include "herald/protocol.h"
#include "internal/wire-header.h"
#include "log.h"
#include "replay_internal.h"

/* Frees a replay's slot (the last one moves into it). */
static void remove_active(struct replay_server *rs, size_t i)
{
        rs->charged -= rs->active[i].charged;
        free(rs->active[i].window);
        rs->active[i] = rs->active[--rs->n_active];
}

/* Closes the connection a replay came on, if that descriptor is still the same
 * socket: libzmq then drops the peer and frees what it had queued for it. */
static void drop_connection(const struct active *a)
{
        struct stat st;

        if (a->fd >= 0 && fstat(a->fd, &st) == 0 && S_ISSOCK(st.st_mode) && st.st_dev == a->fd_dev &&
            st.st_ino == a->fd_ino)
                shutdown(a->fd, SHUT_RDWR);
}

/* Cancels replay i for making no progress: the peer is told (if it can take it)
 * and, when it was the peer that did not read, its connection is closed. */
static void cancel_stalled(struct replay_server *rs, size_t i, int64_t now_ms)
{
        struct active *a = &rs->active[i];
        char peer[PEER_HEX_SIZE], text[128];

        for (size_t k = 0; k < a->peer_len; k++)
                snprintf(peer + 2 * k, 3, "%02x", a->peer[k]);
        peer[2 * a->peer_len] = '\0';
        snprintf(text, sizeof(text), "replay cancelled: no progress for %" PRId64 " ms (%s)",
                 now_ms - a->stuck_since_ms, a->paused ? "replay memory full" : "replies not read");
        log_notice("replay for peer %s, request '%s': %s", peer, a->req_id, text);
        replay_send_error(rs, a->peer, a->peer_len, a->delimited, a->req_id,
                   a->paused ? HERALD_ERR_TOO_MANY : HERALD_ERR_GONE, text);
        if (!a->paused)
                drop_connection(a);
        rs->stalled++;
        remove_active(rs, i);
}

/* All slots taken: the replay stuck longest on a peer that does not read (for
 * half the stall timeout at least: not a reader caught at its high-water mark)
 * gives its slot up, so readers are not starved by peers that never read. */
bool replay_evict_stuck(struct replay_server *rs, int64_t now_ms)
{
        const int64_t min_ms = (int64_t)rs->limits.stall_ms / 2;
        size_t worst = rs->n_active;

        for (size_t i = 0; i < rs->n_active; i++)
                if (rs->active[i].stuck_since_ms && !rs->active[i].paused &&
                    now_ms - rs->active[i].stuck_since_ms >= min_ms &&
                    (worst == rs->n_active || rs->active[i].stuck_since_ms < rs->active[worst].stuck_since_ms))
                        worst = i;
        if (worst == rs->n_active)
                return false;
        cancel_stalled(rs, worst, now_ms);
        return true;
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
        return replay_reply(rs, a->peer, a->peer_len, a->delimited, f, 4);
}

static int send_event(struct replay_server *rs, const struct active *a, const struct history *h,
                      const struct stored_event *e, size_t topic_len, uint64_t epoch)
{
        uint8_t header[HERALD_HEADER_SIZE];
        struct frame f[6];
        size_t n = 0;

        wire_header_encode(header, epoch, e->sequence);
        f[n++] = (struct frame){ a->peer, a->peer_len };
        if (a->delimited)
                f[n++] = (struct frame){ "", 0 };
        f[n++] = (struct frame){ HERALD_REPLY_EVENT, sizeof(HERALD_REPLY_EVENT) - 1 };
        f[n++] = (struct frame){ a->req_id, a->req_id_len };
        f[n++] = (struct frame){ e->topic, topic_len };
        f[n++] = (struct frame){ header, sizeof(header) };
        return history_send(h, rs->sock, f, n, e, ZMQ_DONTWAIT); /* the body from the window, not copied */
}

enum step { STEP_MORE, STEP_DONE, STEP_WAIT, STEP_STALLED };

/* No progress: since when, and whether that is now too long. */
static enum step stuck(const struct replay_server *rs, struct active *a, bool paused, int64_t now_ms)
{
        if (!a->stuck_since_ms)
                a->stuck_since_ms = now_ms;
        a->paused = paused;
        return now_ms - a->stuck_since_ms >= (int64_t)rs->limits.stall_ms ? STEP_STALLED : STEP_WAIT;
}

/* What a failed send means for the replay: wait and retry, or give up the peer. */
static enum step after_send_error(const struct replay_server *rs, struct active *a, int r, int64_t now_ms)
{
        if (r == -EAGAIN || r == -EHOSTUNREACH)
                return stuck(rs, a, false, now_ms);
        return STEP_DONE; /* the peer is gone */
}

/* A reply of this size went out: it enters the replay's window of what may
 * still be queued, and the oldest one leaves it. */
static void charge(struct replay_server *rs, struct active *a, size_t size)
{
        uint32_t n = (uint32_t)(size + MSG_OVERHEAD);

        if (a->window_n == ROUTER_SNDHWM) {
                a->charged -= a->window[a->window_at];
                rs->charged -= a->window[a->window_at];
        } else
                a->window_n++;
        a->window[a->window_at] = n;
        a->window_at = (a->window_at + 1) % ROUTER_SNDHWM;
        a->charged += n;
        rs->charged += n;
        a->stuck_since_ms = 0;
        a->paused = false;
}

/* Whether a reply of this size fits the memory limit. The oldest replay is never
 * held back, so one always moves (and what is queued stays under the limit plus
 * one replay's window); the others wait for room, up to the stall timeout. */
static bool fits(const struct replay_server *rs, const struct active *a, size_t size)
{
        uint64_t freed = a->window_n == ROUTER_SNDHWM ? a->window[a->window_at] : 0;

        return a->serial == rs->oldest_serial || rs->charged - freed + size + MSG_OVERHEAD <= rs->limits.memory;
}

static bool matches(const struct stored_event *e, const struct active *a)
{
        return strncmp(e->topic, a->prefix, a->prefix_len) == 0;
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
                if (e && matches(e, a) && --a->want == 0)
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
                        replay_send_error(rs, a->peer, a->peer_len, a->delimited, a->req_id, HERALD_ERR_GONE, text);
                        return STEP_DONE;
                }
                if (matches(e, a)) {
                        size_t topic_len = strlen(e->topic);
                        size_t size = e->json_len + topic_len + a->req_id_len;

                        if (!fits(rs, a, size))
                                return stuck(rs, a, true, now_ms);
                        r = send_event(rs, a, h, e, topic_len, epoch);
                        if (r < 0)
                                return after_send_error(rs, a, r, now_ms);
                        charge(rs, a, size);
                        rs->progressed = true;
                        a->count++;
                        a->remaining -= a->limited;
                        (*budget)--;
                }
                a->next++;
        }
        r = send_end(rs, a, epoch);
        return r < 0 ? after_send_error(rs, a, r, now_ms) : STEP_DONE;
}

bool replay_pump(struct replay_server *rs, const struct history *h, uint64_t epoch, size_t budget, int64_t now_ms)
{
        size_t i = 0;

        rs->blocked = false;
        rs->paused_any = false;
        rs->progressed = false;
        rs->oldest_serial = UINT64_MAX;
        for (size_t k = 0; k < rs->n_active; k++)
                if (rs->active[k].serial < rs->oldest_serial)
                        rs->oldest_serial = rs->active[k].serial;
        while (i < rs->n_active) {
                struct active *a = &rs->active[i];
                enum step s = advance(rs, a, h, epoch, &budget, now_ms);

                if (s == STEP_DONE) {
                        remove_active(rs, i);
                        continue;
                }
                if (s == STEP_STALLED) {
                        cancel_stalled(rs, i, now_ms);
                        continue;
                }
                rs->blocked = rs->blocked || s == STEP_WAIT;
                rs->paused_any = rs->paused_any || (s == STEP_WAIT && a->paused);
                i++;
        }
        return rs->n_active > 0;
}
