/* The libherald subscriber: the join procedure of DESIGN.md §5 as a state machine
 * driven by herald_sub_next(). It subscribes to the whole stream (so sequences
 * are contiguous and loss shows) and filters by topic itself. Conditions the
 * caller must hear of (a gap, a new epoch, an unreachable daemon) are queued and
 * returned in order with the events. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#include "internal.h"
#include "options.h"

enum state {
        JOINING,   /* waiting for the first message: proof the subscription is in place */
        REPLAYING, /* a REPLAY is out; live messages are buffered */
        LIVE
};

struct queue {
        herald_event **v;
        size_t head, n, cap;
};

struct herald_sub {
        void *ctx, *sub, *dealer;
        void *dealer_events; /* the replay connection's monitor: it says when it drops */
        bool replay_dropped; /* it dropped since the request in flight was sent */
        int epoll_fd;
        struct herald_sub_options *o;
        enum state state;
        uint64_t epoch, expected; /* expected 0: whatever comes first */
        uint64_t daemon_sequence;
        uint64_t join_from;       /* the start point's replay: asked again if it is lost */
        uint64_t repair_from;     /* the hole being repaired, and the replays tried for it */
        unsigned tries;
        unsigned request;         /* id of the replay in flight */
        int64_t request_deadline_ms; /* no answer by then: ask again */
        unsigned request_retries;
        int64_t last_heard_ms;
        bool unreachable, heard;
        struct queue buffered;
        struct queue ready; /* events and condition markers, in the order they happened */
};

static int64_t now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int queue_push(struct queue *q, herald_event *ev)
{
        if (q->head + q->n == q->cap) {
                if (q->head > 0) { /* room at the front: slide down */
                        memmove(q->v, q->v + q->head, q->n * sizeof(*q->v));
                        q->head = 0;
                } else {
                        size_t cap = q->cap ? q->cap * 2 : 64;
                        herald_event **v = realloc(q->v, cap * sizeof(*v));

                        if (!v)
                                return HERALD_NO_MEMORY;
                        q->v = v;
                        q->cap = cap;
                }
        }
        q->v[q->head + q->n++] = ev;
        return HERALD_OK;
}

static herald_event *queue_pop(struct queue *q)
{
        herald_event *ev;

        if (!q->n)
                return NULL;
        ev = q->v[q->head++];
        if (--q->n == 0)
                q->head = 0;
        return ev;
}

static void queue_clear(struct queue *q)
{
        herald_event *ev;

        while ((ev = queue_pop(q)))
                herald_event_free(ev);
}

/* A condition the caller must hear of goes into the queue, after the events
 * received before it and before those received after. */
static void report(herald_sub *s, int condition)
{
        herald_event *marker = calloc(1, sizeof(*marker));

        if (!marker)
                return;
        marker->condition = condition;
        if (queue_push(&s->ready, marker) != HERALD_OK)
                free(marker);
}

static bool wanted(const herald_sub *s, const herald_event *ev)
{
        if (s->o->n_topics == 0)
                return true;
        for (size_t i = 0; i < s->o->n_topics; i++)
                if (strncmp(ev->topic, s->o->topics[i], strlen(s->o->topics[i])) == 0)
                        return true;
        return false;
}

static void send_frames(void *sock, const char *const *frames, size_t n)
{
        for (size_t i = 0; i < n; i++)
                zmq_send(sock, frames[i], strlen(frames[i]), (i + 1 < n ? ZMQ_SNDMORE : 0) | ZMQ_DONTWAIT);
}

/* REPLAY of everything from `from` (0 = the oldest retained): topics are
 * filtered here, so the replayed sequences stay contiguous. */
static void send_replay(herald_sub *s, uint64_t from)
{
        char id[16], from_text[24];
        const char *frames[] = { HERALD_CMD_REPLAY, id, "", from_text, "0" };

        snprintf(id, sizeof(id), "r%u", ++s->request);
        snprintf(from_text, sizeof(from_text), "%llu", (unsigned long long)from);
        send_frames(s->dealer, frames, 5);
        s->replay_dropped = false;
        s->request_deadline_ms = now_ms() + s->o->connect_timeout_ms;
        s->state = REPLAYING;
}

/* Releases an event in sequence order; returns true on a gap (it is later than
 * the one expected) without taking it. */
static bool apply(herald_sub *s, herald_event *ev)
{
        if (s->expected && ev->sequence < s->expected) {
                herald_event_free(ev); /* seen already: replay and buffer overlap */
                return false;
        }
        if (s->expected && ev->sequence > s->expected)
                return true;
        s->expected = ev->sequence + 1;
        if (!wanted(s, ev) || queue_push(&s->ready, ev) != HERALD_OK)
                herald_event_free(ev);
        return false;
}

static void drain(herald_sub *s, uint64_t cut);

/* A gap: one more replay from the first missing event; after that, report the
 * loss and go on from the next event known. */
static void gap(herald_sub *s, uint64_t next_known)
{
        if (s->expected != s->repair_from) { /* a new hole: its own tries */
                s->repair_from = s->expected;
                s->tries = 0;
        }
        if (s->tries < 2) {
                s->tries++;
                send_replay(s, s->expected);
                return;
        }
        report(s, HERALD_GAP);
        s->expected = next_known;
        s->repair_from = s->tries = 0;
        drain(s, 0); /* release what was buffered after the hole */
}

/* END(S) of a replay: the buffered live events follow the replayed ones. */
static void drain(herald_sub *s, uint64_t cut)
{
        while (s->buffered.n) {
                herald_event *ev = s->buffered.v[s->buffered.head];

                if (apply(s, ev)) { /* still a hole before it: it waits for the next replay */
                        gap(s, ev->sequence);
                        return;
                }
                s->buffered.head++; /* apply() has taken or freed it */
                if (--s->buffered.n == 0)
                        s->buffered.head = 0;
        }
        if (s->expected && cut >= s->expected) { /* the replay stopped short of S */
                gap(s, cut + 1);
                return;
        }
        s->state = LIVE;
        s->request_retries = 0;
}

/* A new epoch: the daemon lost its history. Start over from its beginning. */
static void new_epoch(herald_sub *s, uint64_t epoch)
{
        report(s, HERALD_EPOCH_CHANGED);
        queue_clear(&s->buffered);
        s->epoch = epoch;
        s->expected = 0;
        s->repair_from = s->tries = 0;
        s->join_from = 0;
        send_replay(s, 0);
}

static uint64_t be64(const void *p)
{
        const unsigned char *b = p;
        uint64_t v = 0;

        for (int i = 0; i < 8; i++)
                v = v << 8 | b[i];
        return v;
}

/* The start point, once the first message proved the subscription: a replay, or
 * (live) nothing. `last` is the daemon's last sequence as that message told it. */
static void start(herald_sub *s, uint64_t last, bool first_is_event)
{
        uint64_t n = s->o->n;

        switch (s->o->start) {
        case HERALD_START_OLDEST:
                send_replay(s, s->join_from = 0);
                return;
        case HERALD_START_SEQUENCE:
                s->expected = n ? n : 0;
                send_replay(s, s->join_from = n);
                return;
        case HERALD_START_LAST:
                if (n > 0) {
                        s->expected = last >= n ? last - n + 1 : 0;
                        send_replay(s, s->join_from = s->expected);
                        return;
                }
                __attribute__((fallthrough)); /* the last 0 events is live */
        case HERALD_START_LIVE:
                s->expected = first_is_event ? last : last + 1;
                s->state = LIVE;
                return;
        }
}

/* A live message: topic, header, body. */
static int on_live(herald_sub *s, const zmq_msg_t *f)
{
        const char *topic = zmq_msg_data((zmq_msg_t *)&f[0]);
        size_t topic_len = zmq_msg_size((zmq_msg_t *)&f[0]);
        uint64_t epoch = be64(zmq_msg_data((zmq_msg_t *)&f[1])), seq = be64((char *)zmq_msg_data((zmq_msg_t *)&f[1]) + 8);
        bool heartbeat = topic_len == 2 && memcmp(topic, HERALD_TOPIC_HEARTBEAT, 2) == 0;
        herald_event *ev;

        if (s->daemon_sequence < seq || s->epoch != epoch)
                s->daemon_sequence = seq;
        if (s->state == JOINING) {
                s->epoch = epoch;
                start(s, seq, !heartbeat);
        } else if (epoch != s->epoch) {
                new_epoch(s, epoch);
                return HERALD_OK;
        }
        if (heartbeat) {
                if (s->state == LIVE && s->expected && seq >= s->expected)
                        gap(s, seq + 1); /* events went by that we never saw */
                return HERALD_OK;
        }
        ev = event_new(topic, topic_len, epoch, seq, zmq_msg_data((zmq_msg_t *)&f[2]), zmq_msg_size((zmq_msg_t *)&f[2]));
        if (!ev)
                return HERALD_NO_MEMORY;
        if (s->state == REPLAYING)
                return queue_push(&s->buffered, ev);
        if (apply(s, ev)) {
                queue_push(&s->buffered, ev);
                gap(s, ev->sequence);
        }
        return HERALD_OK;
}

static bool code_is(const zmq_msg_t *code, const char *want)
{
        return code && zmq_msg_size((zmq_msg_t *)code) == 3 && memcmp(zmq_msg_data((zmq_msg_t *)code), want, 3) == 0;
}

/* ERR for the replay in flight: 410, take what the daemon keeps (reporting the
 * loss unless "the last n" simply had fewer); 429, ask again a bit later;
 * anything else, give the replay up, say so, and go on live. */
static int on_error(herald_sub *s, const zmq_msg_t *code)
{
        if (code_is(code, "410")) {
                if (s->o->start != HERALD_START_LAST || s->expected != s->join_from)
                        report(s, HERALD_GAP);
                s->expected = 0;
                send_replay(s, s->join_from = 0);
                return HERALD_OK;
        }
        if (code_is(code, "429")) {
                s->request_deadline_ms = now_ms() + 1000; /* the deadline re-sends it */
                return HERALD_OK;
        }
        report(s, HERALD_PROTOCOL);
        s->expected = 0;
        drain(s, 0);
        return HERALD_OK;
}

/* A reply on the replay socket: EVENT, END or ERR for our current request. */
static int on_reply(herald_sub *s, zmq_msg_t *f, int n)
{
        char id[16];
        const char *cmd = zmq_msg_data(&f[0]);
        size_t len = zmq_msg_size(&f[0]);
        herald_event *ev;

        snprintf(id, sizeof(id), "r%u", s->request);
        if (n < 2 || zmq_msg_size(&f[1]) != strlen(id) || memcmp(zmq_msg_data(&f[1]), id, strlen(id)) != 0 ||
            s->state != REPLAYING)
                return HERALD_OK; /* an answer to an earlier request */
        s->request_deadline_ms = now_ms() + s->o->connect_timeout_ms; /* it is moving */
        s->request_retries = 0;
        if (n == 5 && len == 5 && memcmp(cmd, "EVENT", 5) == 0 && zmq_msg_size(&f[3]) == 16) {
                if (be64(zmq_msg_data(&f[3])) != s->epoch) {
                        new_epoch(s, be64(zmq_msg_data(&f[3])));
                        return HERALD_OK;
                }
                ev = event_new(zmq_msg_data(&f[2]), zmq_msg_size(&f[2]), s->epoch,
                               be64((char *)zmq_msg_data(&f[3]) + 8), zmq_msg_data(&f[4]), zmq_msg_size(&f[4]));
                if (!ev)
                        return HERALD_NO_MEMORY;
                if (!s->expected)
                        s->expected = ev->sequence; /* "the oldest retained": whatever comes first */
                if (apply(s, ev))
                        herald_event_free(ev); /* a hole inside a replay: END will see it */
                return HERALD_OK;
        }
        if (n == 4 && len == 3 && memcmp(cmd, "END", 3) == 0 && zmq_msg_size(&f[2]) == 16) {
                drain(s, be64((char *)zmq_msg_data(&f[2]) + 8));
                return HERALD_OK;
        }
        if (len == 3 && memcmp(cmd, "ERR", 3) == 0)
                return on_error(s, n >= 3 ? &f[2] : NULL);
        return HERALD_PROTOCOL;
}

/* Receives one message of up to max frames (more are read and dropped). */
static int receive(void *sock, zmq_msg_t *f, int max)
{
        int n = 0, more = 1;
        size_t len = sizeof(more);

        while (more) {
                zmq_msg_t scratch, *m = n < max ? &f[n] : &scratch;

                zmq_msg_init(m);
                if (zmq_msg_recv(m, sock, ZMQ_DONTWAIT) < 0) {
                        zmq_msg_close(m);
                        return n ? n : -1;
                }
                zmq_getsockopt(sock, ZMQ_RCVMORE, &more, &len);
                if (n >= max)
                        zmq_msg_close(m);
                n++;
        }
        return n;
}

static void close_frames(zmq_msg_t *f, int n, int max)
{
        for (int i = 0; i < n && i < max; i++)
                zmq_msg_close(&f[i]);
}

/* The replay connection dropped (the daemon died or restarted): a request in
 * flight may have gone with it, never to be answered. It is asked again once a
 * new connection has completed its handshake, not at each drop: a peer that
 * fails every handshake must not be flooded, and the request deadline still
 * counts the silences towards HERALD_UNREACHABLE. */
static void on_dealer_event(herald_sub *s, const zmq_msg_t *f, int n)
{
        uint16_t event;

        if (n < 1 || zmq_msg_size((zmq_msg_t *)&f[0]) < sizeof(event))
                return;
        memcpy(&event, zmq_msg_data((zmq_msg_t *)&f[0]), sizeof(event));
        if (event == ZMQ_EVENT_DISCONNECTED && s->state == REPLAYING)
                s->replay_dropped = true;
        if (event == ZMQ_EVENT_HANDSHAKE_SUCCEEDED && s->replay_dropped && s->state == REPLAYING)
                send_replay(s, s->expected ? s->expected : s->join_from);
}

/* Handles everything waiting on the sockets. */
static int process(herald_sub *s)
{
        zmq_msg_t f[5];
        int n, r = HERALD_OK;

        while (r == HERALD_OK && (n = receive(s->sub, f, 3)) > 0) {
                s->last_heard_ms = now_ms();
                s->unreachable = false;
                s->heard = true;
                if (n == 3 && zmq_msg_size(&f[1]) == 16)
                        r = on_live(s, f);
                close_frames(f, n, 3);
        }
        while (r == HERALD_OK && (n = receive(s->dealer, f, 5)) > 0) {
                s->last_heard_ms = now_ms();
                r = on_reply(s, f, n);
                close_frames(f, n, 5);
        }
        /* after the replies: those the old connection delivered before it dropped
         * may complete the request, and then there is nothing to ask again */
        while (r == HERALD_OK && (n = receive(s->dealer_events, f, 2)) > 0) {
                on_dealer_event(s, f, n);
                close_frames(f, n, 2);
        }
        return r;
}

/* A replay that gets no answer (a daemon that restarted or gave the peer up, a
 * wrong replay endpoint) is asked for again; after three silences in a row the
 * caller hears that the daemon is unreachable. */
static void check_replay(herald_sub *s, int64_t now)
{
        if (s->state != REPLAYING || now < s->request_deadline_ms)
                return;
        if (++s->request_retries == 3)
                report(s, HERALD_UNREACHABLE);
        send_replay(s, s->expected ? s->expected : s->join_from);
}

/* How long to sleep: to the deadline, the replay's deadline or the moment the
 * daemon would count as unreachable, whichever comes first. */
static int64_t sleep_until(const herald_sub *s, int64_t deadline)
{
        int64_t unreachable_at = s->last_heard_ms + s->o->connect_timeout_ms;

        if (!s->unreachable && unreachable_at < deadline)
                deadline = unreachable_at;
        if (s->state == REPLAYING && s->request_deadline_ms < deadline)
                deadline = s->request_deadline_ms;
        return deadline;
}

int herald_sub_next(herald_sub *s, herald_event **ret, int timeout_ms)
{
        int64_t deadline = timeout_ms < 0 ? INT64_MAX : now_ms() + timeout_ms;

        if (!s || !ret)
                return HERALD_INVALID;
        for (;;) {
                zmq_pollitem_t items[] = { { s->sub, 0, ZMQ_POLLIN, 0 },
                                           { s->dealer, 0, ZMQ_POLLIN, 0 },
                                           { s->dealer_events, 0, ZMQ_POLLIN, 0 } };
                herald_event *ev;
                int64_t now;
                int r = process(s);

                if (r != HERALD_OK)
                        return r;
                now = now_ms();
                check_replay(s, now);
                if ((ev = queue_pop(&s->ready))) {
                        if (!ev->condition) {
                                *ret = ev;
                                return HERALD_OK;
                        }
                        r = ev->condition;
                        herald_event_free(ev);
                        return r;
                }
                if (!s->unreachable && now >= s->last_heard_ms + s->o->connect_timeout_ms) {
                        s->unreachable = true; /* reported once; cleared by the next message heard */
                        return HERALD_UNREACHABLE;
                }
                if (now >= deadline)
                        return HERALD_TIMEOUT;
                if (zmq_poll(items, sizeof(items) / sizeof(items[0]), (long)(sleep_until(s, deadline) - now)) < 0 &&
                    zmq_errno() != EINTR)
                        return HERALD_SYSTEM;
        }
}

/* The replay endpoint beside an events endpoint: tcp://host:port+1; for ipc, the
 * path with its last "events" turned into "replay" (else "-replay" appended). */
static char *derive_replay(const char *events)
{
        const char *colon = strrchr(events, ':'), *word;
        char *out = NULL;

        if (strncmp(events, "tcp://", 6) == 0 && colon && colon > events + 5) {
                long port = strtol(colon + 1, NULL, 10);

                if (port > 0 && port < 65535 &&
                    asprintf(&out, "%.*s:%ld", (int)(colon - events), events, port + 1) < 0)
                        out = NULL;
                return out;
        }
        for (word = strstr(events, "events"); word && strstr(word + 1, "events"); word = strstr(word + 1, "events"))
                ;
        if (word && asprintf(&out, "%.*sreplay%s", (int)(word - events), events, word + 6) < 0)
                out = NULL;
        if (!word && asprintf(&out, "%s-replay", events) < 0)
                out = NULL;
        return out;
}

static int copy_options(const herald_sub_options *from, struct herald_sub_options **ret)
{
        struct herald_sub_options *o = calloc(1, sizeof(*o));

        if (!o)
                return HERALD_NO_MEMORY;
        *ret = o;
        o->start = from->start;
        o->n = from->n;
        o->connect_timeout_ms = from->connect_timeout_ms;
        memcpy(o->curve_server, from->curve_server, sizeof(o->curve_server));
        memcpy(o->curve_public, from->curve_public, sizeof(o->curve_public));
        memcpy(o->curve_secret, from->curve_secret, sizeof(o->curve_secret));
        o->events = strdup(from->events);
        o->replay = from->replay ? strdup(from->replay) : derive_replay(from->events);
        if (!o->events || !o->replay)
                return o->events && !from->replay ? HERALD_INVALID : HERALD_NO_MEMORY;
        for (; o->n_topics < from->n_topics; o->n_topics++)
                if (!(o->topics[o->n_topics] = strdup(from->topics[o->n_topics])))
                        return HERALD_NO_MEMORY;
        return HERALD_OK;
}

static int add_to_epoll(int epoll_fd, void *sock)
{
        struct epoll_event ev = { .events = EPOLLIN };
        size_t len = sizeof(ev.data.fd);

        if (zmq_getsockopt(sock, ZMQ_FD, &ev.data.fd, &len) < 0)
                return -1;
        return epoll_ctl(epoll_fd, EPOLL_CTL_ADD, ev.data.fd, &ev);
}

/* CURVE on a client socket, when keys were given: before it connects. */
static int secure(void *sock, const struct herald_sub_options *o)
{
        if (!o->curve_server[0])
                return 0;
        if (zmq_setsockopt(sock, ZMQ_CURVE_SERVERKEY, o->curve_server, 40) < 0 ||
            zmq_setsockopt(sock, ZMQ_CURVE_PUBLICKEY, o->curve_public, 40) < 0 ||
            zmq_setsockopt(sock, ZMQ_CURVE_SECRETKEY, o->curve_secret, 40) < 0)
                return -1;
        return 0;
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
                return HERALD_SYSTEM;
        zmq_setsockopt(s->sub, ZMQ_LINGER, &zero, sizeof(zero));
        zmq_setsockopt(s->dealer, ZMQ_LINGER, &zero, sizeof(zero));
        if (watch_dealer(s) < 0)
                return HERALD_SYSTEM;
        zmq_setsockopt(s->sub, ZMQ_RCVHWM, &hwm, sizeof(hwm));
        zmq_setsockopt(s->dealer, ZMQ_RCVHWM, &hwm, sizeof(hwm));
        /* the whole stream and heartbeats: topics are filtered here, so loss shows */
        zmq_setsockopt(s->sub, ZMQ_SUBSCRIBE, HERALD_TOPIC_EVENTS, strlen(HERALD_TOPIC_EVENTS));
        zmq_setsockopt(s->sub, ZMQ_SUBSCRIBE, HERALD_TOPIC_HEARTBEAT, strlen(HERALD_TOPIC_HEARTBEAT));
        if (secure(s->sub, s->o) < 0 || secure(s->dealer, s->o) < 0)
                return HERALD_SYSTEM;
        if (zmq_connect(s->sub, s->o->events) < 0 || zmq_connect(s->dealer, s->o->replay) < 0)
                return HERALD_INVALID;
        s->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
        if (s->epoll_fd < 0 || add_to_epoll(s->epoll_fd, s->sub) < 0 || add_to_epoll(s->epoll_fd, s->dealer) < 0 ||
            add_to_epoll(s->epoll_fd, s->dealer_events) < 0)
                return HERALD_SYSTEM;
        return HERALD_OK;
}

int herald_sub_open(const herald_sub_options *o, herald_sub **ret)
{
        herald_sub *s;
        int r;

        if (!o || !ret)
                return HERALD_INVALID;
        s = calloc(1, sizeof(*s));
        if (!s)
                return HERALD_NO_MEMORY;
        s->epoll_fd = -1;
        s->state = JOINING;
        s->last_heard_ms = now_ms();
        r = copy_options(o, &s->o);
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
        while ((n = receive(s->dealer_events, f, 2)) > 0)
                close_frames(f, n, 2);
        zmq_close(s->dealer_events);
}

void herald_sub_close(herald_sub *s)
{
        if (!s)
                return;
        queue_clear(&s->buffered);
        queue_clear(&s->ready);
        free(s->buffered.v);
        free(s->ready.v);
        if (s->sub)
                zmq_close(s->sub);
        close_dealer(s);
        if (s->ctx)
                zmq_ctx_term(s->ctx);
        if (s->epoll_fd >= 0)
                close(s->epoll_fd);
        if (s->o) {
                struct herald_sub_options *o = s->o;

                s->o = NULL;
                herald_sub_options_free(o);
        }
        free(s);
}

int herald_sub_fd(herald_sub *s) { return s ? s->epoll_fd : -1; }

int herald_sub_caught_up(const herald_sub *s) { return s && s->state == LIVE && s->ready.n == 0; }

uint64_t herald_sub_daemon_sequence(const herald_sub *s) { return s ? s->daemon_sequence : 0; }

int herald_sub_joined(const herald_sub *s) { return s && s->heard; }

int herald_status(const herald_sub_options *options, int timeout_ms, char **json)
{
        const char *frames[] = { HERALD_CMD_STATUS, "status" };
        struct herald_sub_options *o = NULL;
        void *ctx = NULL, *dealer = NULL;
        zmq_msg_t f[3];
        int r, n, zero = 0;

        if (!options || !json || timeout_ms < 0)
                return HERALD_INVALID;
        r = copy_options(options, &o);
        if (r == HERALD_OK) {
                ctx = zmq_ctx_new();
                dealer = ctx ? zmq_socket(ctx, ZMQ_DEALER) : NULL;
                r = dealer ? HERALD_OK : HERALD_SYSTEM;
        }
        if (r == HERALD_OK) {
                zmq_setsockopt(dealer, ZMQ_LINGER, &zero, sizeof(zero));
                r = secure(dealer, o) < 0 ? HERALD_SYSTEM : zmq_connect(dealer, o->replay) < 0 ? HERALD_INVALID : HERALD_OK;
        }
        if (r == HERALD_OK) {
                zmq_pollitem_t item = { dealer, 0, ZMQ_POLLIN, 0 };

                send_frames(dealer, frames, 2);
                r = zmq_poll(&item, 1, timeout_ms) > 0 ? HERALD_OK : HERALD_UNREACHABLE;
        }
        if (r == HERALD_OK) {
                n = receive(dealer, f, 3);
                r = n == 3 && zmq_msg_size(&f[0]) == 6 && memcmp(zmq_msg_data(&f[0]), "STATUS", 6) == 0
                            ? HERALD_OK
                            : HERALD_PROTOCOL;
                if (r == HERALD_OK && !(*json = strndup(zmq_msg_data(&f[2]), zmq_msg_size(&f[2]))))
                        r = HERALD_NO_MEMORY;
                close_frames(f, n, 3);
        }
        if (dealer)
                zmq_close(dealer);
        if (ctx)
                zmq_ctx_term(ctx);
        herald_sub_options_free(o);
        return r;
}
