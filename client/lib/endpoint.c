/* Endpoint strings: checking them, and deriving the replay endpoint from the
 * events endpoint by the daemon's defaults (the port after the events port). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "endpoint.h"

bool endpoint_valid(const char *e)
{
        return e && ((strncmp(e, "tcp://", 6) == 0 && e[6]) || (strncmp(e, "ipc://", 6) == 0 && e[6]) ||
                     (strncmp(e, "inproc://", 9) == 0 && e[9]));
}

/* A tcp:// endpoint to connect to needs a port from 1 to 65535 after its last
 * ':' (not one inside an IPv6 address's []); libzmq would only say "Invalid
 * argument" at connect time, and a wrong port spoils the derived replay one. */
const char *endpoint_port_error(const char *e, char *buf, size_t size)
{
        const char *colon = strrchr(e, ':'), *port;
        unsigned long n = 0;

        if (strncmp(e, "tcp://", 6) != 0)
                return NULL;
        if (!colon || colon < e + 6 || strchr(colon, ']'))
                return "tcp:// needs HOST:PORT: no port given";
        port = colon + 1;
        if (!*port || strspn(port, "0123456789") != strlen(port)) {
                snprintf(buf, size, "the port '%s' is not a number", port);
                return buf;
        }
        if (strlen(port) <= 5)
                n = strtoul(port, NULL, 10);
        if (n < 1 || n > 65535) {
                snprintf(buf, size, "the port %s is out of range (1 to 65535)", port);
                return buf;
        }
        return NULL;
}

/* tcp://host:port+1; for ipc, the path with its last "events" turned into
 * "replay" (else "-replay" appended). */
char *endpoint_derive_replay(const char *events)
{
        const char *colon = strrchr(events, ':'), *word;
        char *out = NULL;

        if (strncmp(events, "tcp://", 6) == 0 && colon && colon > events + 5) {
                long port = strtol(colon + 1, NULL, 10);

                if (port > 0 && port < 65535 && asprintf(&out, "%.*s:%ld", (int)(colon - events), events, port + 1) < 0)
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

/* The host of tcp://HOST:PORT, as a pointer and length into e; false if none. */
static bool tcp_host(const char *e, const char **host, int *len)
{
        const char *colon = strrchr(e, ':');

        if (strncmp(e, "tcp://", 6) != 0 || !colon || colon < e + 6)
                return false;
        *host = e + 6;
        *len = (int)(colon - *host);
        return true;
}

static bool wildcard(const char *host, int len)
{
        static const char *const any[] = {"*", "0.0.0.0", "[::]", "::"};

        for (size_t i = 0; i < sizeof(any) / sizeof(any[0]); i++)
                if ((int)strlen(any[i]) == len && strncmp(host, any[i], (size_t)len) == 0)
                        return true;
        return false;
}

char *endpoint_resolve(const char *announced, const char *events)
{
        const char *host, *events_host;
        int len, events_len;
        char *out;

        if (!tcp_host(announced, &host, &len) || !wildcard(host, len) || !tcp_host(events, &events_host, &events_len))
                return strdup(announced);
        if (asprintf(&out, "tcp://%.*s%s", events_len, events_host, host + len) < 0)
                return NULL;
        return out;
}
