/* The join state machine: stitches the replay of the start point onto the live
 * stream, buffers live events while a replay is out, closes a gap with one more
 * replay and reports it otherwise, restarts on a new epoch, and asks again for
 * a replay that was lost. It subscribes to the whole stream (so sequences are
 * contiguous and loss shows) and filters by topic itself. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "join.h"
#include "queue.h"

enum state {
        JOINING,   /* waiting for the first message: proof the subscription is in place */
        REPLAYING, /* a REPLAY is out; live messages are buffered */
        LIVE
};

struct join {
        struct join_config c;
        enum state state;
        uint64_t epoch, expected; /* expected 0: whatever comes first */
        uint64_t daemon_sequence;
        uint64_t join_from;   /* the start point's replay: asked again if it is lost */
        uint64_t repair_from; /* the hole being repaired, and the replays tried for it */
        unsigned tries;
        unsigned request;     /* id of the replay in flight */
        bool request_pending; /* not sent yet: join_take_request() hands it out */
        uint64_t request_from;
        uint64_t request_to;         /* not 0: a repair, of the hole request_from .. request_to */
        uint64_t request_last;       /* not 0: the request is "the last N matching the topic" */
        int64_t request_deadline_ms; /* no answer by then: ask again */
        unsigned request_retries;
        bool replay_dropped;   /* the connection dropped since the request was sent */
        int64_t live_heard_ms; /* the last live message, or -1 */
        uint64_t gone_from;    /* not 0: the start point was gone (410), reported with what is kept */
        size_t ring_n;         /* not 0: keep only the last ring_n wanted events of this replay */
        struct queue ring;
        int error; /* HERALD_NO_MEMORY met while queueing */
        struct queue buffered;
        struct queue ready; /* events and condition markers, in the order they happened */
};

struct join *join_new(const struct join_config *c)
{
        struct join *j = calloc(1, sizeof(*j));

        if (!j)
                return NULL;
        j->c = *c;
        j->live_heard_ms = -1;
        return j;
}

void join_free(struct join *j)
{
        if (!j)
                return;
        queue_done(&j->buffered);
        queue_done(&j->ready);
        queue_done(&j->ring);
        free(j);
}

static void keep(struct join *j, struct queue *q, herald_event *ev)
{
        if (queue_push(q, ev) < 0) {
                herald_event_free(ev);
                j->error = HERALD_NO_MEMORY;
        }
}

/* A condition the caller must hear of goes into the queue, after the events
 * received before it and before those received after, with its reason. */
static void __attribute__((format(printf, 3, 4))) report(struct join *j, int condition, const char *fmt, ...)
{
        herald_event *marker = calloc(1, sizeof(*marker));
        va_list ap;

        if (!marker) {
                j->error = HERALD_NO_MEMORY;
                return;
        }
        marker->condition = condition;
        va_start(ap, fmt);
        if (vasprintf(&marker->why, fmt, ap) < 0)
                marker->why = NULL;
        va_end(ap);
        keep(j, &j->ready, marker);
}

static const char *replay_endpoint(const struct join *j)
{
        return j->c.replay && *j->c.replay ? *j->c.replay : "?";
}

static bool wanted(const struct join *j, const herald_event *ev)
{
        if (j->c.n_topics == 0)
                return true;
        for (size_t i = 0; i < j->c.n_topics; i++)
                if (strncmp(ev->topic, j->c.topics[i], strlen(j->c.topics[i])) == 0)
                        return true;
        return false;
}

static void request(struct join *j, uint64_t from, uint64_t last, int64_t now)
{
        j->request++;
        j->request_pending = true;
        j->request_from = from;
        j->request_to = 0;
        j->request_last = last;
        j->replay_dropped = false;
        j->request_deadline_ms = now + j->c.request_timeout_ms;
        j->state = REPLAYING;
}

/* REPLAY of everything from `from` (0 = the oldest retained): topics are
 * filtered here, so the replayed sequences stay contiguous. */
static void send_replay(struct join *j, uint64_t from, int64_t now)
{
        request(j, from, 0, now);
}

/* A replay of the hole from .. to alone: the events after it are on their
 * way live (or buffered already). Asking to the daemon's last sequence, as a
 * join does, made a subscriber that fell behind take everything after the hole
 * twice, once replayed and once live, and fall further behind. */
static void send_repair(struct join *j, uint64_t from, uint64_t to, int64_t now)
{
        send_replay(j, from, now);
        j->request_to = to;
}

/* The same replay again (lost, or unanswered), from where it got to. */
static void ask_again(struct join *j, int64_t now)
{
        uint64_t to = j->request_to;

        if (j->request_last && !j->expected)
                request(j, 0, j->request_last, now);
        else if (to && j->expected && j->expected <= to)
                send_repair(j, j->expected, to, now);
        else
                send_replay(j, j->expected ? j->expected : j->join_from, now);
}

/* Where a wanted event goes: to the caller, or (keeping the last n of a
 * replay by topic, for a daemon that cannot count by topic) to the ring. */
static void deliver(struct join *j, herald_event *ev)
{
        if (!wanted(j, ev)) {
                herald_event_free(ev);
                return;
        }
        if (!j->ring_n) {
                keep(j, &j->ready, ev);
                return;
        }
        keep(j, &j->ring, ev);
        if (j->ring.n > j->ring_n)
                herald_event_free(queue_pop(&j->ring));
}

static void flush_ring(struct join *j)
{
        herald_event *ev;

        while ((ev = queue_pop(&j->ring)))
                keep(j, &j->ready, ev);
        j->ring_n = 0;
}

/* The start point was gone: said once what is gone and what is still kept. */
static void report_gone(struct join *j, uint64_t oldest)
{
        if (!j->gone_from)
                return;
        if (oldest > j->gone_from)
                report(j, HERALD_GAP,
                       "events %llu to %llu are gone (older than the daemon keeps); the oldest kept is %llu",
                       (unsigned long long)j->gone_from, (unsigned long long)oldest - 1, (unsigned long long)oldest);
        else
                report(j, HERALD_GAP, "events from %llu are gone (older than the daemon keeps); it keeps none of them",
                       (unsigned long long)j->gone_from);
        j->gone_from = 0;
}

/* Releases an event in sequence order; returns true on a gap (it is later than
 * the one expected) without taking it. */
static bool apply(struct join *j, herald_event *ev)
{
        if (j->expected && ev->sequence < j->expected) {
                herald_event_free(ev); /* seen already: replay and buffer overlap */
                return false;
        }
        if (j->expected && ev->sequence > j->expected)
                return true;
        j->expected = ev->sequence + 1;
        deliver(j, ev);
        return false;
}

static void drain(struct join *j, uint64_t cut, int64_t now);

/* A gap: one more replay from the first missing event; after that, report the
 * loss and go on from the next event known. */
static void gap(struct join *j, uint64_t next_known, int64_t now)
{
        if (j->expected != j->repair_from) { /* a new hole: its own tries */
                j->repair_from = j->expected;
                j->tries = 0;
        }
        if (j->tries < 2) {
                j->tries++;
                send_repair(j, j->expected, next_known - 1, now);
                return;
        }
        report(j, HERALD_GAP, "events %llu to %llu were lost and replay could not bring them back",
               (unsigned long long)j->expected, (unsigned long long)next_known - 1);
        j->expected = next_known;
        j->repair_from = j->tries = 0;
        drain(j, 0, now); /* release what was buffered after the hole */
}

/* END(S) of a replay: the buffered live events follow the replayed ones. */
static void drain(struct join *j, uint64_t cut, int64_t now)
{
        herald_event *ev;

        flush_ring(j);
        while ((ev = queue_peek(&j->buffered))) {
                if (apply(j, ev)) { /* still a hole before it: it waits for the next replay */
                        gap(j, ev->sequence, now);
                        return;
                }
                queue_pop(&j->buffered); /* apply() has taken or freed it */
        }
        if (j->expected && cut >= j->expected) { /* the replay stopped short of S */
                gap(j, cut + 1, now);
                return;
        }
        j->state = LIVE;
        j->request_retries = 0;
}

/* A new epoch: the daemon lost its history. Start over from its beginning. */
static void new_epoch(struct join *j, uint64_t epoch, int64_t now)
{
        report(j, HERALD_EPOCH_CHANGED, "the daemon lost its history: a new epoch, %016llx, read from its start",
               (unsigned long long)epoch);
        queue_clear(&j->buffered);
        queue_clear(&j->ring);
        j->ring_n = 0;
        j->gone_from = 0;
        j->epoch = epoch;
        j->expected = 0;
        j->repair_from = j->tries = 0;
        j->join_from = 0;
        send_replay(j, 0, now);
}

/* The last n events: of the whole stream, counted here; of one topic, asked of
 * the daemon ("-n", answered by a daemon that counts by topic); of several,
 * everything replayed and the last n kept here. */
static void start_last(struct join *j, uint64_t last, uint64_t n, int64_t now)
{
        if (j->c.n_topics == 0) {
                j->expected = last >= n ? last - n + 1 : 0;
                send_replay(j, j->join_from = j->expected, now);
        } else if (j->c.n_topics == 1) {
                request(j, 0, n, now);
        } else {
                j->ring_n = n;
                send_replay(j, j->join_from = 0, now);
        }
}

/* The start point, once the first message proved the subscription: a replay, or
 * (live) nothing. `last` is the daemon's last sequence as that message told it. */
static void start(struct join *j, uint64_t last, bool first_is_event, int64_t now)
{
        uint64_t n = j->c.n;

        switch (j->c.start) {
        case HERALD_START_OLDEST: send_replay(j, j->join_from = 0, now); return;
        case HERALD_START_SEQUENCE:
                j->expected = n;
                send_replay(j, j->join_from = n, now);
                return;
        case HERALD_START_LAST:
                if (n > 0) {
                        start_last(j, last, n, now);
                        return;
                }
                __attribute__((fallthrough)); /* the last 0 events is live */
        case HERALD_START_LIVE:
                j->expected = first_is_event ? last : last + 1;
                j->state = LIVE;
                return;
        }
}

static int result(struct join *j)
{
        int r = j->error;

        j->error = HERALD_OK;
        return r;
}

int join_live(struct join *j, uint64_t epoch, uint64_t sequence, herald_event *ev, int64_t now)
{
        j->live_heard_ms = now;
        if (j->daemon_sequence < sequence || j->epoch != epoch)
                j->daemon_sequence = sequence;
        if (j->state == JOINING) {
                j->epoch = epoch;
                start(j, sequence, ev != NULL, now);
        } else if (epoch != j->epoch) {
                herald_event_free(ev);
                new_epoch(j, epoch, now);
                return result(j);
        }
        if (!ev) { /* a heartbeat */
                if (j->state == LIVE && j->expected && sequence >= j->expected)
                        gap(j, sequence + 1, now); /* events went by that we never saw */
                return result(j);
        }
        if (j->state == REPLAYING)
                keep(j, &j->buffered, ev);
        else if (apply(j, ev)) {
                keep(j, &j->buffered, ev);
                gap(j, ev->sequence, now);
        }
        return result(j);
}

/* Whether a reply answers the request in flight (not an earlier one); if so it
 * shows the replay is moving. */
static bool current(struct join *j, unsigned request, int64_t now)
{
        if (request != j->request || j->state != REPLAYING)
                return false;
        j->request_deadline_ms = now + j->c.request_timeout_ms;
        j->request_retries = 0;
        return true;
}

int join_replay_event(struct join *j, unsigned request, herald_event *ev, int64_t now)
{
        if (!current(j, request, now)) {
                herald_event_free(ev);
                return HERALD_OK;
        }
        if (ev->epoch != j->epoch) {
                uint64_t epoch = ev->epoch;

                herald_event_free(ev);
                new_epoch(j, epoch, now);
                return result(j);
        }
        report_gone(j, ev->sequence);
        if (j->request_last && ev->sequence >= j->expected)
                j->expected = ev->sequence; /* matching events only: the sequences have holes */
        if (!j->expected)
                j->expected = ev->sequence; /* "the oldest retained": whatever comes first */
        if (apply(j, ev))
                herald_event_free(ev); /* a hole inside a replay: END will see it */
        return result(j);
}

int join_replay_end(struct join *j, unsigned request, uint64_t epoch, uint64_t cut, uint64_t oldest, int64_t now)
{
        (void)epoch;
        if (!current(j, request, now))
                return result(j);
        report_gone(j, oldest ? oldest : cut + 1);
        if (j->request_last && j->expected <= cut)
                j->expected = cut + 1; /* the last n by topic end at S; what follows is live */
        if (j->request_to && cut > j->request_to)
                cut = j->request_to; /* a repair: what follows the hole comes live */
        drain(j, cut, now);
        return result(j);
}

/* ERR for the replay in flight: 410, take what the daemon keeps (reporting the
 * loss unless "the last n" simply had fewer); 429, ask again a bit later; 400
 * to "the last n of a topic", a daemon that cannot count by topic: count here;
 * anything else, give the replay up, say so, and go on live. */
int join_replay_error(struct join *j, unsigned request, int code, int64_t now)
{
        if (!current(j, request, now))
                return HERALD_OK;
        if (code == HERALD_ERR_GONE) {
                herald_event *next = queue_peek(&j->buffered);

                if (j->repair_from && next) /* a hole in the stream: said at once */
                        report(j, HERALD_GAP, "events %llu to %llu are gone (older than the daemon keeps)",
                               (unsigned long long)j->expected, (unsigned long long)next->sequence - 1);
                else if (j->c.start != HERALD_START_LAST || j->expected != j->join_from)
                        j->gone_from = j->expected ? j->expected : 1; /* said with what is kept */
                j->expected = 0;
                send_replay(j, j->join_from = 0, now);
        } else if (code == HERALD_ERR_TOO_MANY) {
                j->request_deadline_ms = now + 1000; /* the deadline asks again */
        } else if (code == HERALD_ERR_MALFORMED && j->request_last && !j->expected) {
                j->ring_n = j->request_last;
                send_replay(j, j->join_from = 0, now);
        } else {
                report(j, HERALD_PROTOCOL, "the replay endpoint '%s' refused the request (error %d)",
                       replay_endpoint(j), code);
                j->expected = 0;
                drain(j, 0, now);
        }
        return result(j);
}

/* The replay connection dropped (the daemon died or restarted): a request in
 * flight may have gone with it, never to be answered. It is asked again once a
 * new connection has completed its handshake, not at each drop: a peer that
 * fails every handshake must not be flooded, and the request deadline still
 * counts the silences towards HERALD_UNREACHABLE. */
void join_replay_dropped(struct join *j)
{
        if (j->state == REPLAYING)
                j->replay_dropped = true;
}

void join_replay_connected(struct join *j, int64_t now)
{
        if (j->replay_dropped && j->state == REPLAYING)
                ask_again(j, now);
}

/* The replay will not come while the live stream does (a wrong or unreachable
 * replay endpoint): what it should have brought is a gap, and the live events
 * buffered meanwhile go out. */
static void give_up(struct join *j, int64_t now)
{
        herald_event *first = queue_peek(&j->buffered);
        uint64_t from = j->expected ? j->expected : j->join_from ? j->join_from : 1;
        uint64_t to = first ? first->sequence - 1 : j->daemon_sequence;

        flush_ring(j);
        if (to >= from)
                report(j, HERALD_GAP, "no answer from the replay endpoint '%s': events %llu to %llu were not replayed",
                       replay_endpoint(j), (unsigned long long)from, (unsigned long long)to);
        else
                report(j, HERALD_GAP, "no answer from the replay endpoint '%s'", replay_endpoint(j));
        j->expected = to + 1;
        j->gone_from = 0;
        j->repair_from = j->tries = 0;
        j->request_last = 0;
        drain(j, 0, now);
}

/* A replay that gets no answer (a daemon that restarted or gave the peer up, a
 * wrong replay endpoint) is asked for again. After two silences while the live
 * stream is heard, it is given up; when the daemon is silent altogether, the
 * third silence says it is unreachable and the asking goes on. */
void join_tick(struct join *j, int64_t now)
{
        if (j->state != REPLAYING || now < j->request_deadline_ms)
                return;
        ++j->request_retries;
        /* live heard since the first of the two unanswered requests went out */
        if (j->request_retries >= 2 && j->live_heard_ms >= 0 &&
            j->live_heard_ms > j->request_deadline_ms - 2 * (int64_t)j->c.request_timeout_ms) {
                give_up(j, now);
                return;
        }
        if (j->request_retries == 3)
                report(j, HERALD_UNREACHABLE, "no answer from the replay endpoint '%s'", replay_endpoint(j));
        ask_again(j, now);
}

/* How many events the request asks for at most: a repair, its hole; else 0, no limit. */
static uint64_t request_max(const struct join *j)
{
        return j->request_to >= j->request_from && j->request_to ? j->request_to - j->request_from + 1 : 0;
}

bool join_take_request(struct join *j, struct join_request *ret)
{
        if (!j->request_pending)
                return false;
        j->request_pending = false;
        ret->id = j->request;
        ret->prefix = j->request_last ? j->c.topics[0] : "";
        if (j->request_last)
                snprintf(ret->from, sizeof(ret->from), "-%llu", (unsigned long long)j->request_last);
        else
                snprintf(ret->from, sizeof(ret->from), "%llu", (unsigned long long)j->request_from);
        snprintf(ret->max, sizeof(ret->max), "%llu", (unsigned long long)request_max(j));
        return true;
}

int join_next(struct join *j, herald_event **ret, char **why)
{
        herald_event *ev = queue_pop(&j->ready);
        int r;

        if (!ev)
                return HERALD_TIMEOUT;
        if (!ev->condition) {
                *ret = ev;
                return HERALD_OK;
        }
        r = ev->condition;
        *why = ev->why;
        ev->why = NULL;
        herald_event_free(ev);
        return r;
}

int64_t join_deadline(const struct join *j)
{
        return j->state == REPLAYING ? j->request_deadline_ms : INT64_MAX;
}

bool join_caught_up(const struct join *j)
{
        return j->state == LIVE && j->ready.n == 0;
}

bool join_replaying(const struct join *j)
{
        return j->state == REPLAYING;
}

uint64_t join_daemon_sequence(const struct join *j)
{
        return j->daemon_sequence;
}
