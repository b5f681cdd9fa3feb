/* libherald subscriber options: plain values with checked setters. */
#include <stdlib.h>
#include <zmq.h>
#include <string.h>

#include "endpoint.h"
#include "error.h"
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

static int bad_endpoint(const char *e)
{
        char buf[128];

        if (!e)
                return error_set(HERALD_INVALID, "no endpoint given");
        if (endpoint_valid(e))
                return error_set(HERALD_INVALID, "'%s': %s", e, endpoint_port_error(e, buf, sizeof(buf)));
        return error_set(HERALD_INVALID, "'%s' is not an endpoint: use tcp://HOST:PORT (tcp://127.0.0.1:5556), "
                                         "ipc:///PATH or inproc://NAME", e);
}

static int no_options(void) { return error_set(HERALD_INVALID, "no options given (NULL)"); }

int herald_sub_options_set_endpoint(herald_sub_options *o, const char *events_endpoint)
{
        char buf[128];

        if (!o)
                return no_options();
        if (!endpoint_valid(events_endpoint) || endpoint_port_error(events_endpoint, buf, sizeof(buf)))
                return bad_endpoint(events_endpoint);
        return replace(&o->events, events_endpoint);
}

int herald_sub_options_set_replay_endpoint(herald_sub_options *o, const char *replay_endpoint)
{
        char buf[128];

        if (!o)
                return no_options();
        if (!endpoint_valid(replay_endpoint) || endpoint_port_error(replay_endpoint, buf, sizeof(buf)))
                return bad_endpoint(replay_endpoint);
        return replace(&o->replay, replay_endpoint);
}

int herald_sub_options_add_topic(herald_sub_options *o, const char *prefix)
{
        size_t n;

        if (!o || !prefix)
                return !o ? no_options() : error_set(HERALD_INVALID, "no topic given (NULL)");
        if (o->n_topics == OPTIONS_MAX_TOPICS)
                return error_set(HERALD_INVALID, "more than %d topics", OPTIONS_MAX_TOPICS);
        n = strlen(prefix);
        if (n > 128)
                return error_set(HERALD_INVALID, "topic '%.32s...' is longer than 128 bytes", prefix);
        /* a prefix ends with '.', so "ev.arrival" cannot match "ev.arrivals"; and
         * events' topics are ev.<kind>.<article-id>, so any other start never matches */
        if (strncmp(prefix, HERALD_TOPIC_EVENTS, strlen(HERALD_TOPIC_EVENTS)) != 0 || prefix[n - 1] != '.')
                return error_set(HERALD_INVALID, "topic '%s' can never match: topics are ev.<kind>.<article-id>, "
                                                 "so a prefix starts with 'ev.' and ends with '.' (ev.arrival.)", prefix);
        if (!(o->topics[o->n_topics] = strdup(prefix)))
                return HERALD_NO_MEMORY;
        o->n_topics++;
        return HERALD_OK;
}

int herald_sub_options_set_start(herald_sub_options *o, enum herald_start start, uint64_t n)
{
        if (!o)
                return no_options();
        if (start < HERALD_START_LIVE || start > HERALD_START_OLDEST)
                return error_set(HERALD_INVALID, "start %d is not a herald_start", (int)start);
        o->start = start;
        o->n = n;
        return HERALD_OK;
}

int herald_sub_options_set_connect_timeout(herald_sub_options *o, int milliseconds)
{
        if (!o)
                return no_options();
        if (milliseconds <= 0)
                return error_set(HERALD_INVALID, "connect timeout %d ms: it must be positive", milliseconds);
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
        if (!o)
                return no_options();
        if (!z85_key(server_public))
                return error_set(HERALD_INVALID, "the server's public key is not 40 Z85 characters");
        if (!client_public != !client_secret)
                return error_set(HERALD_INVALID, "a client key pair needs both keys, or neither");
        if (client_public && (!z85_key(client_public) || !z85_key(client_secret)))
                return error_set(HERALD_INVALID, "a client key is not 40 Z85 characters");
        if (!client_public && zmq_curve_keypair(o->curve_public, o->curve_secret) < 0)
                return error_set(HERALD_SYSTEM, "libzmq cannot make a CURVE key pair (built without CURVE?)");
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
        o->replay_given = from->replay != NULL;
        if (!o->events || !o->replay)
                return o->events && !from->replay
                               ? error_set(HERALD_INVALID, "no replay endpoint can be derived from '%s': give one",
                                           from->events)
                               : error_set(HERALD_NO_MEMORY, "out of memory");
        for (; o->n_topics < from->n_topics; o->n_topics++)
                if (!(o->topics[o->n_topics] = strdup(from->topics[o->n_topics])))
                        return HERALD_NO_MEMORY;
        return HERALD_OK;
}
