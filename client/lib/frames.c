/* libzmq plumbing shared by the subscriber (sub.c) and STATUS (status.c). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "frames.h"
#include "internal/json-cleanup.h"

void frames_send(void *sock, const char *const *frames, size_t n)
{
        for (size_t i = 0; i < n; i++)
                zmq_send(sock, frames[i], strlen(frames[i]), (i + 1 < n ? ZMQ_SNDMORE : 0) | ZMQ_DONTWAIT);
}

/* The first frame with `first_flags`; the others are there already (libzmq
 * delivers a message whole). */
static int receive(void *sock, zmq_msg_t *f, int max, int first_flags)
{
        int n = 0, more = 1;

        while (more) {
                zmq_msg_t scratch, *m = n < max ? &f[n] : &scratch;

                zmq_msg_init(m);
                if (zmq_msg_recv(m, sock, n ? ZMQ_DONTWAIT : first_flags) < 0) {
                        zmq_msg_close(m);
                        return n ? n : -1;
                }
                more = zmq_msg_more(m); /* the frame's own flag: no getsockopt per frame */
                if (n >= max)
                        zmq_msg_close(m);
                n++;
        }
        return n;
}

int frames_receive(void *sock, zmq_msg_t *f, int max)
{
        return receive(sock, f, max, ZMQ_DONTWAIT);
}

int frames_wait(void *sock, zmq_msg_t *f, int max)
{
        return receive(sock, f, max, 0);
}

void frames_close(zmq_msg_t *f, int n, int max)
{
        for (int i = 0; i < n && i < max; i++)
                zmq_msg_close(&f[i]);
}

int frames_is(const zmq_msg_t *f, const char *s)
{
        size_t len = strlen(s);

        return zmq_msg_size((zmq_msg_t *)f) == len && memcmp(zmq_msg_data((zmq_msg_t *)f), s, len) == 0;
}

char *frames_json_string(const zmq_msg_t *f, const char *key)
{
        _cleanup_json_ json_t *j = json_loadb(zmq_msg_data((zmq_msg_t *)f), zmq_msg_size((zmq_msg_t *)f), 0, NULL);
        const char *v = json_string_value(json_object_get(j, key));

        return v ? strdup(v) : NULL;
}

uint64_t frames_json_integer(const zmq_msg_t *f, const char *key)
{
        _cleanup_json_ json_t *j = json_loadb(zmq_msg_data((zmq_msg_t *)f), zmq_msg_size((zmq_msg_t *)f), 0, NULL);
        json_int_t v = json_integer_value(json_object_get(j, key));

        return v > 0 ? (uint64_t)v : 0;
}

int frames_secure(void *sock, const struct herald_sub_options *o)
{
        if (!o->curve_server[0])
                return 0;
        if (zmq_setsockopt(sock, ZMQ_CURVE_SERVERKEY, o->curve_server, 40) < 0 ||
            zmq_setsockopt(sock, ZMQ_CURVE_PUBLICKEY, o->curve_public, 40) < 0 ||
            zmq_setsockopt(sock, ZMQ_CURVE_SECRETKEY, o->curve_secret, 40) < 0)
                return -1;
        return 0;
}
