/* The daemon's data path: source file -> article -> extract -> event -> journal
 * -> publish. Articles wait in a queue; their events are journaled (synced) and
 * then published in batches, spaced by --interval within an article. */
#ifndef HERALD_PIPELINE_H
#define HERALD_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codebook.h"
#include "config.h"
#include "history.h"
#include "inbox.h"
#include "journal.h"
#include "jsonw.h"
#include "publish.h"

struct pipeline_item;

/* An event built and queued in the journal, not yet published: its topic and
 * JSON are in the batch's buffer (offsets: the buffer grows as events join). */
struct pipeline_held {
        uint64_t sequence;
        size_t topic_at, json_at, json_len;
};

struct pipeline {
        /* wired by main: the current codebook and config (swapped on reload) */
        const struct codebook *codebook;
        const struct config *config;
        struct journal *journal;
        struct history *history;
        struct publisher *publisher;
        struct inbox *inbox;

        struct pipeline_item *items; /* the queue, oldest first */
        size_t n_items, cap_items;
        int64_t next_due_ms;
        uint64_t last_published;
        uint64_t articles_done; /* articles fully published (their extraction freed) since start */
        struct pipeline_held *held; /* a batch journaled but not yet synced: published after */
        size_t n_held;
        size_t n_sent; /* of the held batch, those sent: the rest wait for a subscriber that is full */
        size_t n_kept; /* of the held batch, those in the replay window: the sent and at most the next */
        struct jsonw batch; /* the held events' topics and JSON, one after another; kept while busy */
};

/* Takes in the article at path (display: its name in logs; inbox_name: set when
 * it came from the inbox). A bad article is logged and filed in failed/; one the
 * journal has fully published already is skipped; a half-published one resumes.
 * Returns 0, or -ENOMEM. */
int pipeline_ingest(struct pipeline *p, const char *path, const char *display, const char *inbox_name);

/* Journals and publishes the events that are due. Returns 0, or -errno when the
 * journal cannot be written: the batch is then held, unpublished, and goes out
 * on a later call once the journal takes it. A batch a subscriber holds up
 * (publisher_send's -EAGAIN) also goes on in a later call; 0 is returned. */
int pipeline_publish_due(struct pipeline *p, int64_t now_ms);

/* When the next event is due (INT64_MAX when nothing waits); while a
 * subscriber holds the stream, when to try again. */
int64_t pipeline_next_due(const struct pipeline *p, int64_t now_ms);
bool pipeline_idle(const struct pipeline *p);

void pipeline_done(struct pipeline *p);

#endif
