/* herald_status(): one STATUS request on a connection of its own to the
 * daemon's replay endpoint, and its JSON reply. Without a replay endpoint
 * given, the request goes to the derived one at once and, when that has not
 * answered within a grace period, to the one the daemon's first heartbeat names. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "endpoint.h"
#include "error.h"
#include "frames.h"
#include "options.h"

/* How long the derived replay endpoint has to answer before the heartbeats are
 * listened to: a daemon answers in milliseconds, and a heartbeat SUB connected
 * before it answers would be counted among its "subscribers". */
#define HEARTBEAT_GRACE_MS 500

struct asker {
        void *ctx, *dealer, *hb; /* hb: heartbeats, to learn the replay endpoint; NULL when it was given */
        struct herald_sub_options *o;
        int64_t hb_at; /* when to connect hb; 0: never (given, or done) */
};

static int64_t now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void send_status(struct asker *a)
{
        const char *frames[] = {HERALD_CMD_STATUS, "status"};

        frames_send(a->dealer, frames, 2);
}

/* A heartbeat: where it says the replay socket is, if not where STATUS went,
 * gets the request too (once). */
static void on_heartbeat(struct asker *a)
{
        zmq_msg_t f[3];
        int n = frames_receive(a->hb, f, 3);
        char *announced = n == 3 ? frames_json_string(&f[2], "replay") : NULL, *resolved;

        frames_close(f, n, 3);
        if (!announced)
                return;
        zmq_close(a->hb);
        a->hb = NULL; /* the first heartbeat is enough */
        resolved = endpoint_resolve(announced, a->o->events);
        free(announced);
        if (resolved && strcmp(resolved, a->o->replay) != 0 && endpoint_valid(resolved) &&
            zmq_connect(a->dealer, resolved) == 0) {
                zmq_disconnect(a->dealer, a->o->replay);
                free(a->o->replay);
                a->o->replay = resolved;
                send_status(a);
                return;
        }
        free(resolved);
}

static int take_reply(struct asker *a, char **json)
{
        zmq_msg_t f[3];
        int n = frames_receive(a->dealer, f, 3), r;

        r = n == 3 && frames_is(&f[0], HERALD_REPLY_STATUS)
                    ? HERALD_OK
                    : error_set(HERALD_PROTOCOL, "'%s' answered STATUS with something else", a->o->replay);
        if (r == HERALD_OK && !(*json = strndup(zmq_msg_data(&f[2]), zmq_msg_size(&f[2]))))
                r = error_set(HERALD_NO_MEMORY, "out of memory");
        frames_close(f, n, 3);
        return r;
}

/* Subscribes to the heartbeats, to learn where the replay endpoint is. */
static void open_heartbeat(struct asker *a)
{
        int zero = 0;

        a->hb_at = 0;
        if (!(a->hb = zmq_socket(a->ctx, ZMQ_SUB)))
                return; /* the derived endpoint alone, then */
        zmq_setsockopt(a->hb, ZMQ_LINGER, &zero, sizeof(zero));
        zmq_setsockopt(a->hb, ZMQ_SUBSCRIBE, HERALD_TOPIC_HEARTBEAT, strlen(HERALD_TOPIC_HEARTBEAT));
        if (frames_secure(a->hb, a->o) < 0 || zmq_connect(a->hb, a->o->events) < 0) {
                zmq_close(a->hb);
                a->hb = NULL;
        }
}

/* Sends STATUS and waits for the reply, learning the endpoint on the way. */
static int ask(struct asker *a, int timeout_ms, char **json)
{
        int64_t deadline = now_ms() + timeout_ms;

        if (!a->o->replay_given)
                a->hb_at = now_ms() + HEARTBEAT_GRACE_MS;
        send_status(a);
        do {
                zmq_pollitem_t items[] = {{a->dealer, 0, ZMQ_POLLIN, 0}, {a->hb, 0, ZMQ_POLLIN, 0}};
                int64_t left = (a->hb_at && a->hb_at < deadline ? a->hb_at : deadline) - now_ms();

                if (a->hb_at && left <= 0)
                        open_heartbeat(a);
                if (zmq_poll(items, a->hb ? 2 : 1, left > 0 ? (long)left : 0) <= 0)
                        continue;
                if (items[0].revents & ZMQ_POLLIN)
                        return take_reply(a, json);
                if (a->hb && (items[1].revents & ZMQ_POLLIN))
                        on_heartbeat(a);
        } while (now_ms() < deadline);
        return error_set(HERALD_UNREACHABLE, "no answer from the daemon's replay endpoint '%s' within %d ms",
                         a->o->replay, timeout_ms);
}

static int open_sockets(struct asker *a)
{
        int zero = 0;

        a->ctx = zmq_ctx_new();
        a->dealer = a->ctx ? zmq_socket(a->ctx, ZMQ_DEALER) : NULL;
        if (!a->dealer)
                return error_set(HERALD_SYSTEM, "cannot make a libzmq socket");
        zmq_setsockopt(a->dealer, ZMQ_LINGER, &zero, sizeof(zero));
        if (frames_secure(a->dealer, a->o) < 0)
                return error_set(HERALD_SYSTEM, "cannot set CURVE keys");
        if (zmq_connect(a->dealer, a->o->replay) < 0)
                return error_set(HERALD_INVALID, "cannot connect to '%s': %s", a->o->replay, zmq_strerror(zmq_errno()));
        return HERALD_OK;
}

int herald_status(const herald_sub_options *options, int timeout_ms, char **json)
{
        struct asker a = {0};
        int r;

        if (!options || !json || timeout_ms < 0)
                return error_set(HERALD_INVALID, "herald_status: %s",
                                 !options ? "the options are NULL"
                                 : !json  ? "json is NULL"
                                          : "the timeout is negative");
        r = options_copy(options, &a.o);
        if (r == HERALD_OK)
                r = open_sockets(&a);
        if (r == HERALD_OK)
                r = ask(&a, timeout_ms, json);
        if (a.hb)
                zmq_close(a.hb);
        if (a.dealer)
                zmq_close(a.dealer);
        if (a.ctx)
                zmq_ctx_term(a.ctx);
        herald_sub_options_free(a.o);
        return r;
}
