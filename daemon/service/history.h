/* The replay window: the last `retain` published events in memory, each kept as
 * the bytes that were journaled and sent (serialised once), found by sequence.
 * The bytes live in blocks of the window's own, not one allocation per event,
 * and are sent from there without a copy (history_send). */
#ifndef HERALD_HISTORY_H
#define HERALD_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct stored_event {
        uint64_t sequence;
        const char *topic; /* "ev.<kind>.<article-id>" */
        const char *json;  /* the CloudEvent */
        size_t json_len;
};

struct history_block;

struct frame;

struct history {
        struct stored_event *ring;
        struct history_block **owner; /* the block each slot's bytes are in, NULL for a hole */
        size_t cap;  /* = retain */
        size_t head; /* index of the oldest */
        size_t n;
        size_t holes; /* slots of the n whose event was lost: n - holes are there */
        struct history_block *first, *last; /* the bytes, oldest block first */
        struct history_block *spare;        /* the last one emptied, for the next one */
        size_t blocks, block_bytes;         /* how many, their size in all */
        bool heap;                          /* new blocks come from malloc, not mmap */
};

int history_init(struct history *h, size_t retain);
void history_done(struct history *h);

/* Where new blocks come from: their own mappings (false, the default: reading
 * the journal back, when nothing was freed that the heap could give again), or
 * the heap (true: publishing, when the articles' extraction frees about as much
 * as their events need; glibc gives it back on malloc_trim). */
void history_use_heap(struct history *h, bool on);

/* Appends a copy of an event; the oldest is dropped when the window is full.
 * Missing sequences before it become holes; one not after the newest is
 * refused. Returns 0, or -ENOMEM: the event then is a hole, as a damaged
 * journal line would be (replay skips it). */
int history_push(struct history *h, uint64_t sequence, const char *topic, const char *json, size_t json_len);

/* The event with this sequence, or NULL when it is not retained. */
const struct stored_event *history_get(const struct history *h, uint64_t sequence);

/* Whether sequence lies inside the window but its event was lost (a damaged
 * journal line): replay skips it. */
bool history_is_hole(const struct history *h, uint64_t sequence);

/* Oldest and newest retained sequences (0 when empty). */
uint64_t history_oldest(const struct history *h);
uint64_t history_newest(const struct history *h);

/* Moves the events into a window of another size (a reload changed --retain). */
int history_resize(struct history *h, size_t retain);

/* Sends frames, then the event's JSON as the last frame of the same message.
 * An event of h's (from history_get) goes without a copy: its block is pinned until
 * libzmq lets the message go (on its I/O thread), and a pinned block is neither
 * freed nor reused, even after its events left the window or the window was
 * done. Either the whole message is queued or none of it (flags: ZMQ_DONTWAIT
 * or 0). Returns 0 or -errno. */
int history_send(const struct history *h, void *socket, const struct frame *frames, size_t n,
                 const struct stored_event *e, int flags);

/* Blocks that exist now in all windows of the process: in a window, kept as
 * its spare, or pinned by messages libzmq still holds (for tests). */
size_t history_blocks_live(void);

#endif
