/* libherald subscriber options: plain values with checked setters. */
#include <stdlib.h>
#include <zmq.h>
#include <string.h>

#include "endpoint.h"
#include "options.h"

herald_sub_options *herald_sub_options_new(void)
{
        herald_sub_options *o = calloc(1, sizeof(*o));

        if (!o)
                return NULL;
        o->events = strdup(HERALD_DEFAULT_EVENTS_ENDPOINT);
        o->connect_timeout_ms = 3000;
        if (!o->events) {
                free(o);
                return NULL;
        }
        return o;
}

void herald_sub_options_free(herald_sub_options *o)
{
        if (!o)
                return;
        free(o->events);
        free(o->replay);
        for (size_t i = 0; i < o->n_topics; i++)
                free(o->topics[i]);
        free(o);
}

static int replace(char **slot, const char *value)
{
        char *s = strdup(value);

        if (!s)
                return HERALD_NO_MEMORY;
        free(*slot);
        *slot = s;
        return HERALD_OK;
}

int herald_sub_options_set_endpoint(herald_sub_options *o, const char *events_endpoint)
{
        if (!o || !endpoint_valid(events_endpoint))
                return HERALD_INVALID;
        return replace(&o->events, events_endpoint);
}

int herald_sub_options_set_replay_endpoint(herald_sub_options *o, const char *replay_endpoint)
{
        if (!o || !endpoint_valid(replay_endpoint))
                return HERALD_INVALID;
        return replace(&o->replay, replay_endpoint);
}

int herald_sub_options_add_topic(herald_sub_options *o, const char *prefix)
{
        size_t n;

        if (!o || !prefix || o->n_topics == OPTIONS_MAX_TOPICS)
                return HERALD_INVALID;
        n = strlen(prefix);
        if (n == 0 || n > 128 || prefix[n - 1] != '.')
                return HERALD_INVALID; /* a prefix ends with '.', so "ev.arrival" cannot match "ev.arrivals" */
        if (!(o->topics[o->n_topics] = strdup(prefix)))
                return HERALD_NO_MEMORY;
        o->n_topics++;
        return HERALD_OK;
}

int herald_sub_options_set_start(herald_sub_options *o, enum herald_start start, uint64_t n)
{
        if (!o || start < HERALD_START_LIVE || start > HERALD_START_OLDEST)
                return HERALD_INVALID;
        o->start = start;
        o->n = n;
        return HERALD_OK;
}

int herald_sub_options_set_connect_timeout(herald_sub_options *o, int milliseconds)
{
        if (!o || milliseconds <= 0)
                return HERALD_INVALID;
        o->connect_timeout_ms = milliseconds;
        return HERALD_OK;
}

static int z85_key(const char *k)
{
        uint8_t raw[32];

        return k && strlen(k) == 40 && zmq_z85_decode(raw, k) != NULL;
}

int herald_sub_options_set_curve(herald_sub_options *o, const char *server_public, const char *client_public,
                                 const char *client_secret)
{
        if (!o || !z85_key(server_public) || !client_public != !client_secret)
                return HERALD_INVALID;
        if (client_public && (!z85_key(client_public) || !z85_key(client_secret)))
                return HERALD_INVALID;
        if (!client_public && zmq_curve_keypair(o->curve_public, o->curve_secret) < 0)
                return HERALD_SYSTEM; /* libzmq built without CURVE */
        if (client_public) {
                memcpy(o->curve_public, client_public, 41);
                memcpy(o->curve_secret, client_secret, 41);
        }
        memcpy(o->curve_server, server_public, 41);
        return HERALD_OK;
}

int options_copy(const herald_sub_options *from, struct herald_sub_options **ret)
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
        o->replay = from->replay ? strdup(from->replay) : endpoint_derive_replay(from->events);
        if (!o->events || !o->replay)
                return o->events && !from->replay ? HERALD_INVALID : HERALD_NO_MEMORY;
        for (; o->n_topics < from->n_topics; o->n_topics++)
                if (!(o->topics[o->n_topics] = strdup(from->topics[o->n_topics])))
                        return HERALD_NO_MEMORY;
        return HERALD_OK;
}
