/* The journal: an append-only file of JSON lines, synced before anything it holds
 * is published. It records the stream's epoch, every event (the CloudEvent, as
 * sent) and every article taken in (by content hash), and is read back at start.
 * Without a file it keeps the same state in memory for the life of the process. */
#ifndef HERALD_JOURNAL_H
#define HERALD_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "history.h"
#include "sha256.h"

struct journal;

/* An article taken in: how many events it has, how many were journaled. */
struct journal_article {
        char sha256[SHA256_HEX_SIZE];
        char id[65];
        size_t count;
        size_t journaled; /* the highest index journaled */
};

struct journal_report {
        size_t events;      /* events read back */
        size_t articles;    /* articles read back */
        size_t torn_bytes;  /* a torn last line that was cut off */
        size_t bad_lines;   /* complete lines that did not parse, skipped */
        bool created;       /* the file did not exist and was started */
};

/* Opens (creating if needed) and reads back the journal at path, filling the
 * replay window h; path NULL gives a journal in memory with a fresh epoch.
 * Returns 0, or -errno with a reason in err. */
int journal_open(const char *path, struct history *h, struct journal **ret, struct journal_report *report,
                 char *err, size_t err_size);
void journal_close(struct journal *j);

uint64_t journal_epoch(const struct journal *j);
uint64_t journal_sequence(const struct journal *j); /* the last one journaled, 0 if none */
size_t journal_articles(const struct journal *j);   /* articles fully journaled */

/* The record of an article with this content, or NULL if it was never taken in. */
const struct journal_article *journal_find_article(const struct journal *j, const char *sha256);

/* The content hash of the first article taken in under this id (kept across
 * restarts by the journal file), or NULL if none was. */
const char *journal_first_content(const struct journal *j, const char *id);

/* Queue records; nothing reaches the file before journal_sync(). An event takes
 * the next sequence; index is its 1-based place in its article. */
int journal_add_article(struct journal *j, const char *sha256, const char *id, size_t count, const char *file);
uint64_t journal_next_sequence(const struct journal *j);
int journal_add_event(struct journal *j, const char *article_sha256, size_t index, const char *json, size_t len);

/* Writes what was queued and waits until it is on disk (fdatasync). */
int journal_sync(struct journal *j);

#endif
