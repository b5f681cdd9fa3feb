/* libherald's private declarations, shared by sub.c and event.c. */
#ifndef HERALD_CLIENT_INTERNAL_H
#define HERALD_CLIENT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "herald/herald.h"

struct herald_event {
        uint64_t epoch, sequence;
        char *topic; /* in text[], NUL-terminated */
        char *json;  /* in text[] after the topic, NUL-terminated */
        size_t json_len;
        struct json_t *root; /* the JSON parsed at the first accessor that needs it; NULL if not JSON */
        bool parsed;         /* root has been tried */
        int condition;       /* not 0: a marker in the queue for a condition to report there */
        char *why;           /* the marker's reason, or NULL */
        char text[];         /* topic and body: one allocation per event */
};

/* Builds an event from its frames (copies them into one allocation; the JSON is
 * parsed later, on demand); NULL when out of memory. */
herald_event *event_new(const char *topic, size_t topic_len, uint64_t epoch, uint64_t sequence, const char *json,
                        size_t json_len);

#endif
