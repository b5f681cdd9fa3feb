/* The libherald subscriber's sockets: a SUB for the live stream, a DEALER for
 * replays (watched by a monitor that says when its connection drops), and the
 * loop of herald_sub_next() that feeds what they receive to the join state
 * machine (join.c) and sends the replay requests it asks for. */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "endpoint.h"
#include "error.h"
#include "frames.h"
#include "internal/wire-header.h"
#include "join.h"
#include "options.h"

/* Messages read from one socket in one round. A round is taken only when
 * nothing is ready for the caller, so this bounds what waits in the queue: the
 * heap stays small and warm, where draining a long replay at once grew it by
 * megabytes and took a page fault per few events. */
#define ROUND_BATCH 64
/* While the live stream is waited on alone, the other sockets are still
 * looked at this often (a reply to a replay given up, the monitor). */
#define SWEEP_MS 100

enum { SOCK_SUB, SOCK_DEALER, SOCK_EVENTS, N_SOCKS };
#define ALL_SOCKS ((1u << N_SOCKS) - 1)

struct herald_sub {
        void *ctx, *sub, *dealer;
        void *dealer_events; /* the replay connection's monitor: it says when it drops */
        int fds[N_SOCKS];    /* their ZMQ_FDs: readable when libzmq has news for the socket */
        unsigned pending;    /* bits of the sockets to read without asking their fd */
        int rcvtimeo;        /* the SUB's ZMQ_RCVTIMEO as last set */
        int64_t swept_ms;    /* the last round on every socket */
        int epoll_fd;
        struct herald_sub_options *o;
        struct join *join;
        int64_t last_heard_ms;
        bool unreachable, heard;
        bool replay_learned; /* the first heartbeat has said where the replay socket is */
};

static int64_t now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sends the replay request the join asks for, if any. */
static void send_request(herald_sub *s)
{
        struct join_request q;
        char id[16];

        if (!join_take_request(s->join, &q))
                return;
        snprintf(id, sizeof(id), "r%u", q.id);
        frames_send(s->dealer, (const char *const[]){ HERALD_CMD_REPLAY, id, q.prefix, q.from, q.max }, 5);
        s->pending |= 1u << SOCK_DEALER; /* the send may have taken in the news of a reply */
}

/* The event of a message: its body frame is moved into it (left empty here). */
static herald_event *event_from(const zmq_msg_t *topic, const struct wire_header *h, zmq_msg_t *body)
{
        return event_new_msg(zmq_msg_data((zmq_msg_t *)topic), zmq_msg_size((zmq_msg_t *)topic), h->epoch,
                             h->sequence, body);
}

/* The first heartbeat names the replay endpoint (a daemon before that did
 * not: the derived one stays). When it is not where the replay was sent, the
 * dealer moves there and the request in flight is asked again. */
static int learn_replay(herald_sub *s, const zmq_msg_t *body, int64_t now)
{
        char *announced, *resolved;

        if (s->o->replay_given || s->replay_learned)
                return HERALD_OK;
        s->replay_learned = true;
        if (!(announced = frames_json_string(body, "replay")))
                return HERALD_OK;
        resolved = endpoint_resolve(announced, s->o->events);
        free(announced);
        if (!resolved)
                return error_set(HERALD_NO_MEMORY, "out of memory");
        if (strcmp(resolved, s->o->replay) == 0 || !endpoint_valid(resolved) || zmq_connect(s->dealer, resolved) < 0) {
                free(resolved);
                return HERALD_OK;
        }
        zmq_disconnect(s->dealer, s->o->replay);
        s->pending |= 1u << SOCK_DEALER;
        free(s->o->replay);
        s->o->replay = resolved;
        join_replay_dropped(s->join);
        join_replay_connected(s->join, now);
        return HERALD_OK;
}

/* Whether a topic frame is the heartbeat's: its size first, no strlen. */
static bool is_heartbeat(const char *topic, size_t len)
{
        return len == sizeof(HERALD_TOPIC_HEARTBEAT) - 1 && memcmp(topic, HERALD_TOPIC_HEARTBEAT, len) == 0;
}

/* A live message: topic, header, body. The body's frame is moved into the
 * event (*moved: left empty, nothing to close). Each frame's data and size
 * are asked of libzmq once: each is a call into it, per event. */
static int on_live(herald_sub *s, zmq_msg_t *f, int64_t now, bool *moved)
{
        const char *topic = zmq_msg_data(&f[0]);
        size_t topic_len = zmq_msg_size(&f[0]);
        struct wire_header h;
        herald_event *ev = NULL;

        if (wire_header_decode(zmq_msg_data(&f[1]), zmq_msg_size(&f[1]), &h) < 0)
                return HERALD_OK; /* not ours */
        if (is_heartbeat(topic, topic_len)) {
                int r = learn_replay(s, &f[2], now);

                if (r != HERALD_OK)
                        return r;
        } else if (!(ev = event_new_msg(topic, topic_len, h.epoch, h.sequence, &f[2])))
                return error_set(HERALD_NO_MEMORY, "out of memory");
        else
                *moved = true;
        return join_live(s->join, h.epoch, h.sequence, ev, now);
}

/* The request a reply answers: "r<id>"; 0 (never used) when it is not one of ours. */
static unsigned request_id(const zmq_msg_t *f)
{
        char text[16];
        size_t len = zmq_msg_size((zmq_msg_t *)f);
        char *end;
        unsigned long id;

        if (len < 2 || len >= sizeof(text))
                return 0;
        memcpy(text, zmq_msg_data((zmq_msg_t *)f), len);
        text[len] = '\0';
        id = strtoul(text + 1, &end, 10);
        return text[0] == 'r' && !*end ? (unsigned)id : 0;
}

/* A reply on the replay socket: EVENT, END or ERR. */
static int on_reply(herald_sub *s, zmq_msg_t *f, int n, int64_t now)
{
        unsigned id = n >= 2 ? request_id(&f[1]) : 0;
        struct wire_header h;
        herald_event *ev;

        if (!id)
                return HERALD_OK; /* not an answer to any request of ours */
        if (n == 5 && frames_is(&f[0], HERALD_REPLY_EVENT) &&
            wire_header_decode(zmq_msg_data(&f[3]), zmq_msg_size(&f[3]), &h) == 0) {
                if (!(ev = event_from(&f[2], &h, &f[4])))
                        return error_set(HERALD_NO_MEMORY, "out of memory");
                return join_replay_event(s->join, id, ev, now);
        }
        if (n == 4 && frames_is(&f[0], HERALD_REPLY_END) &&
            wire_header_decode(zmq_msg_data(&f[2]), zmq_msg_size(&f[2]), &h) == 0)
                return join_replay_end(s->join, id, h.epoch, h.sequence, frames_json_integer(&f[3], "oldest"), now);
        if (frames_is(&f[0], HERALD_REPLY_ERR)) {
                char code[8] = "";

                if (n >= 3 && zmq_msg_size(&f[2]) < sizeof(code))
                        memcpy(code, zmq_msg_data(&f[2]), zmq_msg_size(&f[2]));
                return join_replay_error(s->join, id, atoi(code), now);
        }
        return error_set(HERALD_PROTOCOL, "the replay endpoint '%s' sent a message that is not EVENT, END or ERR",
                         s->o->replay);
}

/* What the replay connection's monitor says: dropped, or a new handshake. */
static void on_dealer_event(herald_sub *s, const zmq_msg_t *f, int n, int64_t now)
{
        uint16_t event;

        if (n < 1 || zmq_msg_size((zmq_msg_t *)&f[0]) < sizeof(event))
                return;
        memcpy(&event, zmq_msg_data((zmq_msg_t *)&f[0]), sizeof(event));
        if (event == ZMQ_EVENT_DISCONNECTED)
                join_replay_dropped(s->join);
        if (event == ZMQ_EVENT_HANDSHAKE_SUCCEEDED)
                join_replay_connected(s->join, now);
}

/* A live message of n frames in f, heard at `now`: the frames are closed. */
static int heard_live(herald_sub *s, zmq_msg_t *f, int n, int64_t now)
{
        bool moved = false;
        int r = HERALD_OK;

        s->last_heard_ms = now;
        s->unreachable = false;
        s->heard = true;
        if (n == 3)
                r = on_live(s, f, now, &moved);
        frames_close(f, n, moved ? 2 : 3);
        return r;
}

/* Reads up to a batch of live messages; the socket's pending bit is cleared
 * only when it had nothing more. */
static int read_live(herald_sub *s, int64_t now)
{
        zmq_msg_t f[3];
        int n, r = HERALD_OK;

        for (int i = 0; r == HERALD_OK && i < ROUND_BATCH; i++) {
                if ((n = frames_receive(s->sub, f, 3)) <= 0) {
                        s->pending &= ~(1u << SOCK_SUB);
                        break;
                }
                r = heard_live(s, f, n, now);
        }
        return r;
}

/* Waits up to wait_ms on the live stream alone, inside libzmq, for one
 * message: a blocking receive costs what a raw SUB pays per wake-up (its fork
 * check, a poll, the eventfd), where a poll(2) of ours first and a receive to
 * find the socket empty after cost three system calls more, each microseconds
 * on a virtual machine. */
static int wait_live(herald_sub *s, int wait_ms, int64_t *now)
{
        zmq_msg_t f[3];
        int n;

        if (wait_ms != s->rcvtimeo && zmq_setsockopt(s->sub, ZMQ_RCVTIMEO, &wait_ms, sizeof(wait_ms)) == 0)
                s->rcvtimeo = wait_ms;
        n = frames_wait(s->sub, f, 3);
        *now = now_ms();
        if (n <= 0) {
                if (zmq_errno() == EAGAIN)
                        s->pending &= ~(1u << SOCK_SUB);
                return HERALD_OK;
        }
        s->pending |= 1u << SOCK_SUB; /* not read to its end: its descriptor would not say what follows */
        return heard_live(s, f, n, *now);
}

static int read_replies(herald_sub *s, int64_t now)
{
        zmq_msg_t f[5];
        int n, r = HERALD_OK;

        for (int i = 0; r == HERALD_OK && i < ROUND_BATCH; i++) {
                if ((n = frames_receive(s->dealer, f, 5)) <= 0) {
                        s->pending &= ~(1u << SOCK_DEALER);
                        break;
                }
                s->last_heard_ms = now;
                r = on_reply(s, f, n, now);
                frames_close(f, n, 5);
        }
        return r;
}

static void read_dealer_events(herald_sub *s, int64_t now)
{
        zmq_msg_t f[2];
        int n;

        while ((n = frames_receive(s->dealer_events, f, 2)) > 0) {
                on_dealer_event(s, f, n, now);
                frames_close(f, n, 2);
        }
        s->pending &= ~(1u << SOCK_EVENTS);
}

/* Which sockets libzmq has news for, as bits, waiting up to timeout_ms: one
 * poll(2) on their descriptors, where an empty receive costs two system calls
 * per socket (libzmq's fork check and its own poll). A descriptor that is not
 * readable means no news: its socket was read until it had nothing, or it is
 * pending. */
static unsigned wait_readable(const herald_sub *s, int timeout_ms)
{
        struct pollfd p[N_SOCKS];
        unsigned bits = 0;

        for (int i = 0; i < N_SOCKS; i++)
                p[i] = (struct pollfd){ .fd = s->fds[i], .events = POLLIN };
        if (poll(p, N_SOCKS, timeout_ms) <= 0)
                return 0; /* nothing, or EINTR: the caller's loop looks again */
        for (int i = 0; i < N_SOCKS; i++)
                if (p[i].revents)
                        bits |= 1u << i;
        return bits;
}

/* One round on the sockets: those left pending and those with news (waiting
 * up to wait_ms for some when none is pending), a batch each. The others are
 * asked even when one is pending: a live stream that keeps its socket pending
 * (a subscriber behind) must not starve the replies to its repair. */
static int read_round(herald_sub *s, int wait_ms, int64_t *ret_now)
{
        int64_t now;
        int r = HERALD_OK;

        s->pending |= wait_readable(s, s->pending ? 0 : wait_ms);
        s->swept_ms = now = *ret_now = now_ms();
        if (s->pending & (1u << SOCK_SUB))
                r = read_live(s, now);
        if (r == HERALD_OK && s->pending & (1u << SOCK_DEALER))
                r = read_replies(s, now);
        /* after every reply: those the old connection delivered before it
         * dropped may complete the request, and then there is nothing to ask again */
        if (r == HERALD_OK && (s->pending & (1u << SOCK_DEALER | 1u << SOCK_EVENTS)) == 1u << SOCK_EVENTS)
                read_dealer_events(s, now);
        return r;
}

/* Whether to wait on the live stream alone: a wait, no replay out (nothing on
 * the replay socket that cannot wait for the next sweep), none due. */
static bool live_only(const herald_sub *s, int wait_ms, int64_t now)
{
        return wait_ms != 0 && !join_replaying(s->join) && !(s->pending & ~(1u << SOCK_SUB)) &&
               now - s->swept_ms < SWEEP_MS;
}

/* How long to sleep: to the deadline, the replay's deadline or the moment the
 * daemon would count as unreachable, whichever comes first. */
static int64_t sleep_until(const herald_sub *s, int64_t deadline)
{
        int64_t unreachable_at = s->last_heard_ms + s->o->connect_timeout_ms, replay_at = join_deadline(s->join);

        if (!s->unreachable && unreachable_at < deadline)
                deadline = unreachable_at;
        return replay_at < deadline ? replay_at : deadline;
}

/* poll(2)'s timeout for a wait of ms: -1 for as long as it takes. */
static int poll_timeout(int64_t ms)
{
        if (ms <= 0)
                return 0;
        return ms > 1000000000 ? -1 : (int)ms;
}

static int next_ready(herald_sub *s, herald_event **ret)
{
        char *why = NULL;
        int r = join_next(s->join, ret, &why);

        if (r != HERALD_OK && r != HERALD_TIMEOUT)
                error_set(r, "%s", why ? why : herald_strerror(r));
        if (why) /* a condition's reason: an event has none, and this runs twice an event */
                free(why);
        return r;
}

/* After a read at `now`: the join's clock, its requests, then what is ready. */
static int settle(herald_sub *s, herald_event **ret, int64_t now)
{
        int r;

        join_tick(s->join, now);
        send_request(s);
        if ((r = next_ready(s, ret)) != HERALD_TIMEOUT)
                return r;
        if (!s->unreachable && now >= s->last_heard_ms + s->o->connect_timeout_ms) {
                s->unreachable = true; /* reported once; cleared by the next message heard */
                return error_set(HERALD_UNREACHABLE, "nothing heard from the daemon at '%s' for %d ms", s->o->events,
                                 s->o->connect_timeout_ms);
        }
        return HERALD_TIMEOUT;
}

/* What is ready goes out without touching the sockets (nor the clock); when
 * nothing is, they are read (waiting for news only when none is left pending:
 * a socket cut short by its batch is read on at once, its descriptor will not
 * announce it). The clock is read once before the first wait and once after
 * each: the time of a read serves the join, the deadline and the next wait. */
int herald_sub_next(herald_sub *s, herald_event **ret, int timeout_ms)
{
        int64_t now, deadline;
        int r;

        if (!s || !ret)
                return error_set(HERALD_INVALID, "herald_sub_next: %s is NULL", !s ? "the subscriber" : "ret");
        if ((r = next_ready(s, ret)) != HERALD_TIMEOUT)
                return r;
        now = now_ms();
        deadline = timeout_ms < 0 ? INT64_MAX : now + timeout_ms;
        for (;;) {
                int wait_ms = poll_timeout(sleep_until(s, deadline) - now);

                r = live_only(s, wait_ms, now) ? wait_live(s, wait_ms, &now) : read_round(s, wait_ms, &now);
                if (r == HERALD_OK)
                        r = settle(s, ret, now);
                if (r != HERALD_TIMEOUT)
                        return r;
                if (!s->pending && now >= deadline)
                        return HERALD_TIMEOUT;
        }
}

/* The socket's ZMQ_FD, kept for wait_readable() and watched by the epoll
 * descriptor a foreign loop waits on. */
static int add_to_epoll(herald_sub *s, int which, void *sock)
{
        struct epoll_event ev = { .events = EPOLLIN };
        size_t len = sizeof(ev.data.fd);

        if (zmq_getsockopt(sock, ZMQ_FD, &ev.data.fd, &len) < 0)
                return -1;
        s->fds[which] = ev.data.fd;
        return epoll_ctl(s->epoll_fd, EPOLL_CTL_ADD, ev.data.fd, &ev);
}

/* Each subscriber has its own context, so the inproc name cannot clash. */
static int watch_dealer(herald_sub *s)
{
        static const char endpoint[] = "inproc://replay-connection";
        int zero = 0;

        if (zmq_socket_monitor(s->dealer, endpoint, ZMQ_EVENT_DISCONNECTED | ZMQ_EVENT_HANDSHAKE_SUCCEEDED) < 0)
                return -1;
        s->dealer_events = zmq_socket(s->ctx, ZMQ_PAIR);
        if (!s->dealer_events)
                return -1;
        zmq_setsockopt(s->dealer_events, ZMQ_LINGER, &zero, sizeof(zero));
        return zmq_connect(s->dealer_events, endpoint);
}

static int open_sockets(herald_sub *s)
{
        int zero = 0, hwm = 100000;

        s->ctx = zmq_ctx_new();
        s->sub = s->ctx ? zmq_socket(s->ctx, ZMQ_SUB) : NULL;
        s->dealer = s->ctx ? zmq_socket(s->ctx, ZMQ_DEALER) : NULL;
        if (!s->sub || !s->dealer)
                return error_set(HERALD_SYSTEM, "cannot make a libzmq socket: %s", zmq_strerror(zmq_errno()));
        zmq_setsockopt(s->sub, ZMQ_LINGER, &zero, sizeof(zero));
        zmq_setsockopt(s->dealer, ZMQ_LINGER, &zero, sizeof(zero));
        if (watch_dealer(s) < 0)
                return error_set(HERALD_SYSTEM, "cannot watch the replay connection: %s", zmq_strerror(zmq_errno()));
        zmq_setsockopt(s->sub, ZMQ_RCVHWM, &hwm, sizeof(hwm));
        zmq_setsockopt(s->dealer, ZMQ_RCVHWM, &hwm, sizeof(hwm));
        /* the whole stream and heartbeats: topics are filtered by the join, so loss shows */
        zmq_setsockopt(s->sub, ZMQ_SUBSCRIBE, HERALD_TOPIC_EVENTS, strlen(HERALD_TOPIC_EVENTS));
        zmq_setsockopt(s->sub, ZMQ_SUBSCRIBE, HERALD_TOPIC_HEARTBEAT, strlen(HERALD_TOPIC_HEARTBEAT));
        if (frames_secure(s->sub, s->o) < 0 || frames_secure(s->dealer, s->o) < 0)
                return error_set(HERALD_SYSTEM, "cannot set CURVE keys: %s", zmq_strerror(zmq_errno()));
        if (zmq_connect(s->sub, s->o->events) < 0)
                return error_set(HERALD_INVALID, "cannot connect to '%s': %s", s->o->events, zmq_strerror(zmq_errno()));
        if (zmq_connect(s->dealer, s->o->replay) < 0)
                return error_set(HERALD_INVALID, "cannot connect to the replay endpoint '%s': %s", s->o->replay,
                                 zmq_strerror(zmq_errno()));
        s->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
        if (s->epoll_fd < 0 || add_to_epoll(s, SOCK_SUB, s->sub) < 0 || add_to_epoll(s, SOCK_DEALER, s->dealer) < 0 ||
            add_to_epoll(s, SOCK_EVENTS, s->dealer_events) < 0)
                return error_set(HERALD_SYSTEM, "epoll: %m");
        s->pending = ALL_SOCKS; /* connecting may have taken news in already */
        s->rcvtimeo = -1;
        return HERALD_OK;
}

static int new_join(herald_sub *s)
{
        struct join_config c = { .start = s->o->start,
                                 .n = s->o->n,
                                 .topics = (const char *const *)s->o->topics,
                                 .n_topics = s->o->n_topics,
                                 .request_timeout_ms = s->o->connect_timeout_ms,
                                 .replay = (const char *const *)&s->o->replay };

        s->join = join_new(&c);
        return s->join ? HERALD_OK : error_set(HERALD_NO_MEMORY, "out of memory");
}

int herald_sub_open(const herald_sub_options *o, herald_sub **ret)
{
        herald_sub *s;
        int r;

        if (!o || !ret)
                return error_set(HERALD_INVALID, "herald_sub_open: %s is NULL", !o ? "the options" : "ret");
        s = calloc(1, sizeof(*s));
        if (!s)
                return error_set(HERALD_NO_MEMORY, "out of memory");
        s->epoll_fd = -1;
        s->last_heard_ms = now_ms();
        r = options_copy(o, &s->o);
        if (r == HERALD_OK)
                r = new_join(s);
        if (r == HERALD_OK)
                r = open_sockets(s);
        if (r != HERALD_OK) {
                herald_sub_close(s);
                return r;
        }
        *ret = s;
        return HERALD_OK;
}

/* The monitor is stopped before either socket closes and what it queued is
 * drained: an event sent into the pipe as its reader closed leaked (seen under
 * LeakSanitizer with a peer failing every handshake). */
static void close_dealer(herald_sub *s)
{
        zmq_msg_t f[2];
        int n;

        if (s->dealer && s->dealer_events)
                zmq_socket_monitor(s->dealer, NULL, 0);
        if (s->dealer)
                zmq_close(s->dealer);
        if (!s->dealer_events)
                return;
        while ((n = frames_receive(s->dealer_events, f, 2)) > 0)
                frames_close(f, n, 2);
        zmq_close(s->dealer_events);
}

void herald_sub_close(herald_sub *s)
{
        if (!s)
                return;
        join_free(s->join);
        if (s->sub)
                zmq_close(s->sub);
        close_dealer(s);
        if (s->ctx)
                zmq_ctx_term(s->ctx);
        if (s->epoll_fd >= 0)
                close(s->epoll_fd);
        herald_sub_options_free(s->o);
        free(s);
}

int herald_sub_fd(herald_sub *s) { return s ? s->epoll_fd : -1; }

int herald_sub_caught_up(const herald_sub *s) { return s && join_caught_up(s->join); }

uint64_t herald_sub_daemon_sequence(const herald_sub *s) { return s ? join_daemon_sequence(s->join) : 0; }

int herald_sub_joined(const herald_sub *s) { return s && s->heard; }
