/* libherald's event FIFO: a growing array with a moving head, so a long replay
 * buffered and drained costs O(n) copies. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "queue.h"

int queue_push(struct queue *q, herald_event *ev)
{
        if (q->head > 0 && q->head + q->n == q->cap) { /* room at the front: slide down */
                memmove(q->v, q->v + q->head, q->n * sizeof(*q->v));
                q->head = 0;
        }
        if (GREEDY_REALLOC(q->v, q->cap, q->head + q->n + 1) < 0)
                return -ENOMEM;
        q->v[q->head + q->n++] = ev;
        return 0;
}

herald_event *queue_peek(const struct queue *q)
{
        return q->n ? q->v[q->head] : NULL;
}

herald_event *queue_pop(struct queue *q)
{
        herald_event *ev;

        if (!q->n)
                return NULL;
        ev = q->v[q->head++];
        if (--q->n == 0)
                q->head = 0;
        return ev;
}

void queue_clear(struct queue *q)
{
        herald_event *ev;

        while ((ev = queue_pop(q)))
                herald_event_free(ev);
}

void queue_done(struct queue *q)
{
        queue_clear(q);
        free(q->v);
        *q = (struct queue){0};
}
