/* The CloudEvent (DESIGN.md §4): the only place that knows its JSON shape. An
 * event is serialised once; journal, stream and replay send the same bytes. */
#ifndef HERALD_EVENT_H
#define HERALD_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "codebook.h"
#include "extract.h"

#define EVENT_MAX_SIZE (64u * 1024u) /* CloudEvents' size floor: events stay under it */

struct event_meta {
        const char *feed;    /* source is /herald/<feed> */
        uint64_t epoch;
        uint64_t sequence;
        size_t index, count; /* 1-based place of the event in its article */
        const char *time;    /* emission time (RFC 3339, ms, UTC); NULL = now */
};

/* Returns the event as compact JSON (malloc'd), or NULL when out of memory. */
char *event_build(const struct codebook *cb, const struct article *a, const struct extract_event *ev,
                  const struct event_meta *meta);

/* Writes the current UTC time as "YYYY-MM-DDTHH:MM:SS.mmmZ". */
void event_now(char out[32]);

#endif
