/* A ring buffer of published events, one slot per sequence, so finding one is
 * arithmetic and replay costs nothing but the sends. A sequence the journal could
 * not give back (a damaged line) is an empty slot: a hole, not a shift. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"

int history_init(struct history *h, size_t retain)
{
        *h = (struct history){ .cap = retain ? retain : 1 };
        h->ring = calloc(h->cap, sizeof(*h->ring));
        return h->ring ? 0 : -ENOMEM;
}

static void drop(struct stored_event *e)
{
        free(e->topic);
        free(e->json);
        *e = (struct stored_event){ 0 };
}

static void clear(struct history *h)
{
        for (size_t i = 0; i < h->n; i++)
                drop(&h->ring[(h->head + i) % h->cap]);
        h->head = h->n = 0;
}

void history_done(struct history *h)
{
        for (size_t i = 0; i < h->n; i++)
                drop(&h->ring[(h->head + i) % h->cap]);
        free(h->ring);
        *h = (struct history){ 0 };
}

static void push_slot(struct history *h, uint64_t sequence, char *topic, char *json, size_t json_len)
{
        if (h->n == h->cap) {
                drop(&h->ring[h->head]);
                h->head = (h->head + 1) % h->cap;
                h->n--;
        }
        h->ring[(h->head + h->n) % h->cap] = (struct stored_event){ sequence, topic, json, json_len };
        h->n++;
}

void history_push(struct history *h, uint64_t sequence, char *topic, char *json, size_t json_len)
{
        uint64_t newest = history_newest(h);

        if (h->n && sequence <= newest) { /* never back: refuse rather than corrupt the index */
                free(topic);
                free(json);
                return;
        }
        if (h->n && sequence - newest - 1 >= h->cap) /* a hole wider than the window: all of it goes */
                clear(h);
        for (uint64_t s = newest + 1; h->n && s < sequence; s++)
                push_slot(h, s, NULL, NULL, 0); /* holes keep every later event at its place */
        push_slot(h, sequence, topic, json, json_len);
}

uint64_t history_oldest(const struct history *h) { return h->n ? h->ring[h->head].sequence : 0; }

uint64_t history_newest(const struct history *h)
{
        return h->n ? h->ring[(h->head + h->n - 1) % h->cap].sequence : 0;
}

const struct stored_event *history_get(const struct history *h, uint64_t sequence)
{
        uint64_t oldest = history_oldest(h);
        const struct stored_event *e;

        if (!h->n || sequence < oldest || sequence - oldest >= h->n)
                return NULL;
        e = &h->ring[(h->head + (sequence - oldest)) % h->cap];
        return e->json ? e : NULL;
}

bool history_is_hole(const struct history *h, uint64_t sequence)
{
        return h->n && sequence >= history_oldest(h) && sequence <= history_newest(h) && !history_get(h, sequence);
}

int history_resize(struct history *h, size_t retain)
{
        struct history bigger;

        if (history_init(&bigger, retain) < 0)
                return -ENOMEM;
        for (size_t i = 0; i < h->n; i++) {
                struct stored_event *e = &h->ring[(h->head + i) % h->cap];

                history_push(&bigger, e->sequence, e->topic, e->json, e->json_len);
                *e = (struct stored_event){ 0 };
        }
        free(h->ring);
        *h = bigger;
        return 0;
}
