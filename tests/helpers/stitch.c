/* The join procedure. Everything the SUB socket delivers before END(S) is kept in
 * a buffer; replayed events and then the buffer are released in sequence order.
 * Only whole-stream subscriptions ("ev.") are stitched: sequences are global,
 * so only they are contiguous. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#include "stitch.h"

enum state { JOINING, REPLAYING, LIVE };

struct stitch {
        void *ctx, *sub, *dealer;
        enum state state;
        uint64_t from, expected, epoch;
        unsigned replays; /* replays sent for the current gap */
        struct stitch_event *buffered, *ready;
        size_t n_buffered, n_ready, ready_head;
        char req_id[16];
};

static void push(struct stitch_event **v, size_t *n, const struct stitch_event *ev)
{
        *v = realloc(*v, (*n + 1) * sizeof(**v));
        (*v)[(*n)++] = *ev;
}

static int recv_frames(void *sock, zmq_msg_t *frames, int max)
{
        int n = 0, more = 1;
        size_t len = sizeof(more);

        while (more) {
                zmq_msg_t scratch;
                zmq_msg_t *m = n < max ? &frames[n] : &scratch;

                zmq_msg_init(m);
                if (zmq_msg_recv(m, sock, n == 0 ? ZMQ_DONTWAIT : 0) < 0) {
                        zmq_msg_close(m);
                        return n ? n : -errno;
                }
                zmq_getsockopt(sock, ZMQ_RCVMORE, &more, &len);
                if (n >= max)
                        zmq_msg_close(m);
                n++;
        }
        return n;
}

static uint64_t be64(const unsigned char *p)
{
        uint64_t v = 0;

        for (int i = 0; i < 8; i++)
                v = v << 8 | p[i];
        return v;
}

/* topic, header, body frames into an event. */
static bool decode(zmq_msg_t *f, struct stitch_event *ev)
{
        size_t tl = zmq_msg_size(&f[0]);

        if (zmq_msg_size(&f[1]) != 16 || tl >= sizeof(ev->topic))
                return false;
        memcpy(ev->topic, zmq_msg_data(&f[0]), tl);
        ev->topic[tl] = '\0';
        ev->epoch = be64(zmq_msg_data(&f[1]));
        ev->sequence = be64((unsigned char *)zmq_msg_data(&f[1]) + 8);
        ev->json = strndup(zmq_msg_data(&f[2]), zmq_msg_size(&f[2]));
        return true;
}

static void send_replay(struct stitch *s, uint64_t from)
{
        char from_text[24];

        snprintf(s->req_id, sizeof(s->req_id), "r%u", ++s->replays);
        snprintf(from_text, sizeof(from_text), "%llu", (unsigned long long)from);
        zmq_send(s->dealer, "REPLAY", 6, ZMQ_SNDMORE);
        zmq_send(s->dealer, s->req_id, strlen(s->req_id), ZMQ_SNDMORE);
        zmq_send(s->dealer, "ev.", 3, ZMQ_SNDMORE);
        zmq_send(s->dealer, from_text, strlen(from_text), ZMQ_SNDMORE);
        zmq_send(s->dealer, "0", 1, 0);
        s->state = REPLAYING;
}

/* Releases an event in order: returns 1 on a gap (it is later than expected). */
static int apply(struct stitch *s, struct stitch_event *ev)
{
        if (s->expected && ev->sequence < s->expected) {
                free(ev->json); /* seen already: the replay and the buffer overlap */
                return 0;
        }
        if (s->expected && ev->sequence > s->expected)
                return 1;
        push(&s->ready, &s->n_ready, ev);
        s->expected = ev->sequence + 1;
        return 0;
}

static int by_sequence(const void *a, const void *b)
{
        const struct stitch_event *x = a, *y = b;

        return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

/* A gap: one more replay from the first missing event, or report it. */
static int gap(struct stitch *s)
{
        if (s->replays >= 2)
                return -EPROTO;
        send_replay(s, s->expected);
        return 0;
}

/* After END(S): the buffered live events, in order, after the replayed ones. */
static int drain(struct stitch *s, uint64_t cut)
{
        size_t i = 0;

        qsort(s->buffered, s->n_buffered, sizeof(*s->buffered), by_sequence);
        for (; i < s->n_buffered; i++) {
                if (s->buffered[i].sequence <= cut && s->expected && s->buffered[i].sequence < s->expected) {
                        free(s->buffered[i].json);
                        continue;
                }
                if (apply(s, &s->buffered[i]))
                        break;
        }
        memmove(s->buffered, s->buffered + i, (s->n_buffered - i) * sizeof(*s->buffered));
        s->n_buffered -= i;
        if (s->n_buffered || (s->expected && cut >= s->expected))
                return gap(s);
        s->state = LIVE;
        s->replays = 0;
        return 0;
}

static int check_epoch(struct stitch *s, uint64_t epoch)
{
        if (s->epoch && epoch != s->epoch)
                return -ESTALE;
        s->epoch = epoch;
        return 0;
}

static int on_sub(struct stitch *s)
{
        zmq_msg_t f[3];
        struct stitch_event ev;
        int n = recv_frames(s->sub, f, 3), r = 0;

        if (n < 0)
                return 0;
        if (n == 3 && decode(f, &ev)) {
                r = check_epoch(s, ev.epoch);
                if (r == 0 && strcmp(ev.topic, "hb") == 0) {
                        free(ev.json);
                        if (s->state == JOINING)
                                send_replay(s, s->from); /* the subscription has reached the publisher */
                        else if (s->state == LIVE && s->expected && ev.sequence >= s->expected)
                                r = gap(s); /* events went by that we never saw */
                } else if (r == 0) {
                        if (s->state == JOINING)
                                send_replay(s, s->from);
                        if (s->state == REPLAYING || apply(s, &ev)) {
                                push(&s->buffered, &s->n_buffered, &ev);
                                if (s->state == LIVE)
                                        r = gap(s);
                        }
                } else
                        free(ev.json);
        }
        for (int i = 0; i < (n < 3 ? n : 3); i++)
                zmq_msg_close(&f[i]);
        return r;
}

static int on_dealer(struct stitch *s)
{
        zmq_msg_t f[5];
        struct stitch_event ev;
        int n = recv_frames(s->dealer, f, 5), r = 0;
        const char *cmd;

        if (n < 2)
                return 0;
        cmd = zmq_msg_data(&f[0]);
        if (zmq_msg_size(&f[1]) != strlen(s->req_id) || memcmp(zmq_msg_data(&f[1]), s->req_id, strlen(s->req_id)))
                ; /* an answer to an earlier request */
        else if (n == 5 && zmq_msg_size(&f[0]) == 5 && memcmp(cmd, "EVENT", 5) == 0 && decode(f + 2, &ev)) {
                if ((r = check_epoch(s, ev.epoch)) < 0 || apply(s, &ev))
                        free(ev.json), r = r ? r : gap(s);
        } else if (n == 4 && zmq_msg_size(&f[0]) == 3 && memcmp(cmd, "END", 3) == 0 && zmq_msg_size(&f[2]) == 16) {
                r = check_epoch(s, be64(zmq_msg_data(&f[2])));
                if (r == 0)
                        r = drain(s, be64((unsigned char *)zmq_msg_data(&f[2]) + 8));
        } else if (zmq_msg_size(&f[0]) == 3 && memcmp(cmd, "ERR", 3) == 0)
                r = -EPROTO; /* 410: what we want is no longer retained */
        for (int i = 0; i < (n < 5 ? n : 5); i++)
                zmq_msg_close(&f[i]);
        return r;
}

static int64_t now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int stitch_next(struct stitch *s, struct stitch_event *ev, int timeout_ms)
{
        int64_t deadline = now_ms() + timeout_ms;

        while (s->ready_head == s->n_ready) {
                zmq_pollitem_t items[2] = { { s->sub, 0, ZMQ_POLLIN, 0 }, { s->dealer, 0, ZMQ_POLLIN, 0 } };
                int64_t left = deadline - now_ms();
                int r = 0;

                if (left <= 0)
                        return -ETIMEDOUT;
                if (zmq_poll(items, 2, (long)left) < 0)
                        return -errno;
                if (items[0].revents & ZMQ_POLLIN)
                        r = on_sub(s);
                if (r == 0 && (items[1].revents & ZMQ_POLLIN))
                        r = on_dealer(s);
                if (r < 0)
                        return r;
        }
        *ev = s->ready[s->ready_head++];
        if (s->ready_head == s->n_ready)
                s->ready_head = s->n_ready = 0;
        return 0;
}

int stitch_open(const char *events, const char *replay, uint64_t from, struct stitch **ret)
{
        struct stitch *s = calloc(1, sizeof(*s));
        int zero = 0;

        s->from = from;
        s->expected = from;
        s->ctx = zmq_ctx_new();
        s->sub = zmq_socket(s->ctx, ZMQ_SUB);
        s->dealer = zmq_socket(s->ctx, ZMQ_DEALER);
        zmq_setsockopt(s->sub, ZMQ_LINGER, &zero, sizeof(zero));
        zmq_setsockopt(s->dealer, ZMQ_LINGER, &zero, sizeof(zero));
        zmq_setsockopt(s->sub, ZMQ_SUBSCRIBE, "ev.", 3);
        zmq_setsockopt(s->sub, ZMQ_SUBSCRIBE, "hb", 2);
        if (zmq_connect(s->sub, events) < 0 || zmq_connect(s->dealer, replay) < 0) {
                stitch_close(s);
                return -errno;
        }
        *ret = s;
        return 0;
}

void stitch_close(struct stitch *s)
{
        if (!s)
                return;
        for (size_t i = 0; i < s->n_buffered; i++)
                free(s->buffered[i].json);
        for (size_t i = s->ready_head; i < s->n_ready; i++)
                free(s->ready[i].json);
        free(s->buffered);
        free(s->ready);
        zmq_close(s->sub);
        zmq_close(s->dealer);
        zmq_ctx_term(s->ctx);
        free(s);
}
