/* herald_status(): one STATUS request on a connection of its own to the
 * daemon's replay endpoint, and its JSON reply. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "frames.h"
#include "options.h"

/* Sends STATUS and waits for the reply on a connected dealer. */
static int ask(void *dealer, const char *endpoint, int timeout_ms, char **json)
{
        const char *frames[] = { HERALD_CMD_STATUS, "status" };
        zmq_pollitem_t item = { dealer, 0, ZMQ_POLLIN, 0 };
        zmq_msg_t f[3];
        int n, r;

        frames_send(dealer, frames, 2);
        if (zmq_poll(&item, 1, timeout_ms) <= 0)
                return error_set(HERALD_UNREACHABLE, "no answer from the daemon's replay endpoint '%s' within %d ms",
                                 endpoint, timeout_ms);
        n = frames_receive(dealer, f, 3);
        r = n == 3 && frames_is(&f[0], HERALD_REPLY_STATUS)
                    ? HERALD_OK
                    : error_set(HERALD_PROTOCOL, "'%s' answered STATUS with something else", endpoint);
        if (r == HERALD_OK && !(*json = strndup(zmq_msg_data(&f[2]), zmq_msg_size(&f[2]))))
                r = error_set(HERALD_NO_MEMORY, "out of memory");
        frames_close(f, n, 3);
        return r;
}

int herald_status(const herald_sub_options *options, int timeout_ms, char **json)
{
        struct herald_sub_options *o = NULL;
        void *ctx = NULL, *dealer = NULL;
        int r, zero = 0;

        if (!options || !json || timeout_ms < 0)
                return error_set(HERALD_INVALID, "herald_status: %s", !options ? "the options are NULL"
                                                                      : !json ? "json is NULL"
                                                                              : "the timeout is negative");
        r = options_copy(options, &o);
        if (r == HERALD_OK) {
                ctx = zmq_ctx_new();
                dealer = ctx ? zmq_socket(ctx, ZMQ_DEALER) : NULL;
                r = dealer ? HERALD_OK : error_set(HERALD_SYSTEM, "cannot make a libzmq socket");
        }
        if (r == HERALD_OK) {
                zmq_setsockopt(dealer, ZMQ_LINGER, &zero, sizeof(zero));
                if (frames_secure(dealer, o) < 0)
                        r = error_set(HERALD_SYSTEM, "cannot set CURVE keys");
                else if (zmq_connect(dealer, o->replay) < 0)
                        r = error_set(HERALD_INVALID, "cannot connect to '%s': %s", o->replay, zmq_strerror(zmq_errno()));
        }
        if (r == HERALD_OK)
                r = ask(dealer, o->replay, timeout_ms, json);
        if (dealer)
                zmq_close(dealer);
        if (ctx)
                zmq_ctx_term(ctx);
        herald_sub_options_free(o);
        return r;
}
