/* A FIFO of events for libherald: the live messages buffered during a replay,
 * and what herald_sub_next() has still to return (events and condition markers). */
#ifndef HERALD_CLIENT_QUEUE_H
#define HERALD_CLIENT_QUEUE_H

#include <stddef.h>

#include "internal.h"

struct queue {
        herald_event **v;
        size_t head, n, cap;
};

/* Appends ev (the queue takes it only on success); 0 or -ENOMEM. */
int queue_push(struct queue *q, herald_event *ev);
/* The oldest event, taken out; NULL when empty. */
herald_event *queue_pop(struct queue *q);
/* The oldest event, left in place; NULL when empty. */
herald_event *queue_peek(const struct queue *q);
/* Frees every event queued, keeping the storage. */
void queue_clear(struct queue *q);
/* Frees the events and the storage. */
void queue_done(struct queue *q);

#endif
