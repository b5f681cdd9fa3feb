/* libherald's private declarations, shared by sub.c and event.c. */
#ifndef HERALD_CLIENT_INTERNAL_H
#define HERALD_CLIENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "herald/herald.h"

struct herald_event {
        uint64_t epoch, sequence;
        char *topic;
        char *json;
        size_t json_len;
        char *id, *type, *kind, *time, *headline; /* from the JSON, "" when absent */
        struct json_t *root;                       /* the JSON parsed, for the other accessors; may be NULL */
        int condition; /* not 0: a marker in the queue for a condition to report there */
        char *why;     /* the marker's reason, or NULL */
};

/* Builds an event from its frames (copies them); NULL when out of memory. */
herald_event *event_new(const char *topic, size_t topic_len, uint64_t epoch, uint64_t sequence, const char *json,
                        size_t json_len);

#endif
