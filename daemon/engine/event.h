/* The event envelope: the only place that knows the CloudEvent's JSON shape and
 * its topic. An event is serialised once; journal, stream and replay send the
 * same bytes, and the journal reads them back through event_read(). */
#ifndef HERALD_EVENT_H
#define HERALD_EVENT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "codebook.h"
#include "extract.h"

#define EVENT_MAX_SIZE (64u * 1024u) /* CloudEvents' size floor: events stay under it */
#define EVENT_VARIANT_SIZE 9         /* 8 hex digits and the NUL */

struct event_meta {
        const char *feed;    /* source is /herald/<feed> */
        uint64_t epoch;
        uint64_t sequence;
        size_t index, count; /* 1-based place of the event in its article */
        const char *time;    /* emission time (RFC 3339, ms, UTC); NULL = now */
        const char *variant; /* NULL, or 8 hex digits that tell a later content of the
                              * same article id apart: the id is <article-id>~<variant>/<index> */
};

/* Returns the event as compact JSON (malloc'd), or NULL when out of memory:
 * then nothing of it was built. */
char *event_build(const struct codebook *cb, const struct article *a, const struct extract_event *ev,
                  const struct event_meta *meta);

struct jsonw;

/* The same JSON, appended (with a NUL after it) to a buffer that holds others:
 * a batch's events in one allocation that is kept, not one each. *at is where
 * it starts, *len its length without the NUL. Returns 0, or -ENOMEM (a bad
 * string too, as event_build() gives NULL for both): then w is as it was. */
int event_append(struct jsonw *w, const struct codebook *cb, const struct article *a,
                 const struct extract_event *ev, const struct event_meta *meta, size_t *at, size_t *len);

/* event_topic()'s string, appended to w with its NUL; *at is where it starts.
 * Returns 0, or -ENOMEM (w as it was). */
int event_topic_append(struct jsonw *w, const char *kind, const char *article_id, size_t *at);

/* The topic an event is published under: "ev.<kind>.<article-id>" (malloc'd), or
 * NULL when out of memory. */
char *event_topic(const char *kind, const char *article_id);

/* The kind an event's CloudEvents `type` names ("herald.<kind>"), or NULL when
 * it is not one of herald's. */
const char *event_kind_of_type(const char *type);

/* What the service needs of an event it reads back (from the journal). */
struct event_read {
        char *topic;         /* malloc'd, the caller frees it */
        const char *subject; /* the article id, borrowed from the JSON */
        uint64_t epoch;      /* 0 when absent */
        uint64_t sequence;
        size_t index;        /* data.index; 0 when absent */
};

/* Reads an event built by event_build(). Returns 0, -EINVAL when o is not one,
 * or -ENOMEM. */
int event_read(const json_t *o, struct event_read *out);

/* Writes the current UTC time as "YYYY-MM-DDTHH:MM:SS.mmmZ". */
void event_now(char out[32]);

#endif
