/* Endpoint strings: checking them, and deriving the replay endpoint from the
 * events endpoint by the daemon's defaults (the port after the events port). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "endpoint.h"

bool endpoint_valid(const char *e)
{
        return e && ((strncmp(e, "tcp://", 6) == 0 && e[6]) || (strncmp(e, "ipc://", 6) == 0 && e[6]) ||
                     (strncmp(e, "inproc://", 9) == 0 && e[9]));
}

/* tcp://host:port+1; for ipc, the path with its last "events" turned into
 * "replay" (else "-replay" appended). */
char *endpoint_derive_replay(const char *events)
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
