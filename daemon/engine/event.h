/* The event envelope: the only place that knows the CloudEvent's JSON shape and
 * its topic. An event is serialised once; journal, stream and replay send the
 * same bytes, and the journal reads them back through event_read(). */
#ifndef HERALD_EVENT_H
#define HERALD_EVENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "codebook.h"
#include "extract.h"
#include "jsonw.h"

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

/* An article's events coded as JSON once, when the article is coded: every
 * byte of an event that does not depend on when, and under which sequence, it
 * is published (its data but the index and count), and the article's
 * members, once for all its events. Publishing (event_write) then
 * writes the envelope and copies the rest, and the extraction can go: on a VM
 * building each event's JSON while it was sent was most of heraldd's loop. */
struct event_piece {
        const char *kind; /* the rule's kind (the codebook's, which outlives it): type and topic */
        size_t at;        /* in buf: {"kind":... up to the evidence, up to the next piece */
};

struct event_coded {
        struct jsonw buf;
        struct event_piece *pieces; /* events first+1 .. first+n of the article (1-based) */
        size_t first, n, cap;
        size_t subject_len;         /* buf[0..): "subject":"<id>" */
        size_t article_at, article_len; /* ,"article":{...} */
        size_t events_at;           /* where the events' pieces start */
        char id[ARTICLE_ID_MAX + 1];
        bool id_plain;              /* written in JSON as it is */
        struct event_memo *memo;    /* what many events share, written once while coding (may be NULL) */
};

/* Starts coding the events of a, the first to be added being first + 1 (a
 * resumed article skips the ones published). Returns 0 or -ENOMEM. */
int event_code_begin(struct event_coded *c, const struct article *a, size_t first);

/* Codes the next event. Returns 0, or -ENOMEM (a string that is not UTF-8 too,
 * as event_build() gives NULL for both): then c is as it was. */
int event_code_add(struct event_coded *c, const struct codebook *cb, const struct article *a,
                   const struct extract_event *ev);

/* Drops the events coded so far (not the article's members): the next one
 * added is first + 1. */
void event_code_restart(struct event_coded *c, size_t first);

/* Codes events first .. x->n - 1 of x (0-based), and gives back what the
 * buffer does not use. Returns 0 or -ENOMEM (c then holds nothing). */
int event_code_all(struct event_coded *c, const struct codebook *cb, const struct article *a,
                   const struct extraction *x, size_t first);
void event_coded_done(struct event_coded *c);

/* The kind of the event with this 1-based index (it must be coded). */
const char *event_coded_kind(const struct event_coded *c, size_t index);

/* The whole event m->index (coded in c) as compact JSON, appended (with a NUL
 * after it) to w: the bytes event_build() gives. *at is where it starts, *len
 * its length without the NUL. Returns 0, or -ENOMEM: then w is as it was. */
int event_write(struct jsonw *w, const struct event_coded *c, const struct event_meta *m, size_t *at, size_t *len);

/* Returns the event as compact JSON (malloc'd), or NULL when out of memory:
 * then nothing of it was built. */
char *event_build(const struct codebook *cb, const struct article *a, const struct extract_event *ev,
                  const struct event_meta *meta);

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
