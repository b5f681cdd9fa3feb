/* libherald's private declarations, shared by sub.c and event.c. */
#ifndef HERALD_CLIENT_INTERNAL_H
#define HERALD_CLIENT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <zmq.h>

#include "herald/herald.h"

struct herald_event {
        uint64_t epoch, sequence;
        char *topic;       /* in text[], NUL-terminated */
        const char *body;  /* the JSON as received: in msg, or in text[] after the topic */
        size_t json_len;
        char *json;        /* body NUL-terminated: body itself when in text[]; else a copy made at the
                            * first herald_event_json() (a frame has no NUL after it) */
        zmq_msg_t msg;     /* the body's frame, kept as libzmq received it (no copy), when has_msg */
        bool has_msg;
        struct json_t *root; /* the JSON parsed at the first accessor that needs it; NULL if not JSON */
        bool parsed;         /* root has been tried */
        int condition;       /* not 0: a marker in the queue for a condition to report there */
        char *why;           /* the marker's reason, or NULL */
        char text[];         /* the topic (and the body, when copied) */
};

/* Builds an event from its frames (copies them into one allocation; the JSON is
 * parsed later, on demand); NULL when out of memory. */
herald_event *event_new(const char *topic, size_t topic_len, uint64_t epoch, uint64_t sequence, const char *json,
                        size_t json_len);
/* The same, taking the body's frame as it is (moved into the event, which
 * closes it when freed; left to the caller on failure): the subscriber's way,
 * one small allocation and no copy of the body per event. */
herald_event *event_new_msg(const char *topic, size_t topic_len, uint64_t epoch, uint64_t sequence,
                            zmq_msg_t *body);

#endif
