/* A ring buffer of published events, one slot per sequence, so finding one is
 * arithmetic and replay costs nothing but the sends. A sequence the journal could
 * not give back (a damaged line) is an empty slot: a hole, not a shift.
 * The events' bytes (topic, then JSON) are copied back to back into blocks mapped
 * for the window alone: events leave in the order they came, so a block is
 * unmapped as soon as its last event leaves. A malloc per event would scatter the
 * window through the heap among an article's short-lived extraction, pinning it:
 * after a burst the process kept its peak. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "history.h"

#define BLOCK_SIZE ((size_t)1 << 20) /* an event is under 64 KiB: a few percent lost at a block's end */

struct history_block {
        struct history_block *next; /* the next newer block */
        size_t size;                /* bytes mapped, this header included */
        size_t used;                /* bytes taken, this header included */
        size_t events;              /* events in it still in the window */
};

static void unmap_block(struct history *h, struct history_block *b)
{
        h->mapped -= b->size;
        munmap(b, b->size);
}

/* Every block but the newest holds at least one event of the window. */
static void release_empty(struct history *h)
{
        while (h->oldest_block && h->oldest_block->events == 0 && h->oldest_block != h->newest_block) {
                struct history_block *b = h->oldest_block;

                h->oldest_block = b->next;
                unmap_block(h, b);
        }
}

static struct history_block *new_block(struct history *h, size_t need)
{
        size_t page = (size_t)sysconf(_SC_PAGESIZE), size = sizeof(struct history_block) + need;
        struct history_block *b;

        size = size < BLOCK_SIZE ? BLOCK_SIZE : (size + page - 1) / page * page;
        b = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (b == MAP_FAILED)
                return NULL;
        *b = (struct history_block){ .size = size, .used = sizeof(*b) };
        h->mapped += size;
        if (h->newest_block)
                h->newest_block->next = b;
        else
                h->oldest_block = b;
        h->newest_block = b;
        release_empty(h);
        return b;
}

/* Room for need bytes at the end of the newest block (a new one when full). */
static char *reserve(struct history *h, size_t need)
{
        struct history_block *b = h->newest_block;
        char *p;

        if (b && b->events == 0)
                b->used = sizeof(*b); /* everything in it has left: start it over */
        if ((!b || b->size - b->used < need) && !(b = new_block(h, need)))
                return NULL;
        p = (char *)b + b->used;
        b->events++;
        b->used = b->size > BLOCK_SIZE ? b->size : b->used + need; /* an oversize block is its event's alone */
        return p;
}

int history_init(struct history *h, size_t retain)
{
        *h = (struct history){ .cap = retain ? retain : 1 };
        h->ring = calloc(h->cap, sizeof(*h->ring));
        return h->ring ? 0 : -ENOMEM;
}

/* Events leave oldest first, so an event with bytes is in the oldest block. */
static void drop(struct history *h, struct stored_event *e)
{
        if (e->json && h->oldest_block) {
                h->oldest_block->events--;
                release_empty(h);
        }
        *e = (struct stored_event){ 0 };
}

static void drop_oldest(struct history *h)
{
        drop(h, &h->ring[h->head]);
        h->head = (h->head + 1) % h->cap;
        h->n--;
}

static void clear(struct history *h)
{
        while (h->n)
                drop_oldest(h);
        h->head = 0;
}

void history_done(struct history *h)
{
        struct history_block *b = h->oldest_block;

        while (b) {
                struct history_block *next = b->next;

                munmap(b, b->size);
                b = next;
        }
        free(h->ring);
        *h = (struct history){ 0 };
}

static void push_slot(struct history *h, uint64_t sequence, char *topic, char *json, size_t json_len)
{
        if (h->n == h->cap)
                drop_oldest(h);
        h->ring[(h->head + h->n) % h->cap] = (struct stored_event){ sequence, topic, json, json_len };
        h->n++;
}

/* Copies topic and json into the newest block; NULL out of memory. */
static char *store(struct history *h, const char *topic, const char *json, size_t json_len, char **json_copy)
{
        size_t topic_len = topic ? strlen(topic) : 0;
        char *p = reserve(h, topic_len + 1 + json_len + 1);

        if (!p)
                return NULL;
        memcpy(p, topic ? topic : "", topic_len + 1);
        *json_copy = p + topic_len + 1;
        memcpy(*json_copy, json, json_len);
        (*json_copy)[json_len] = '\0';
        return p;
}

void history_push(struct history *h, uint64_t sequence, char *topic, char *json, size_t json_len)
{
        uint64_t newest = history_newest(h);
        char *topic_copy = NULL, *json_copy = NULL;

        if (!h->n || sequence > newest) {
                if (h->n && sequence - newest - 1 >= h->cap) /* a hole wider than the window: all of it goes */
                        clear(h);
                for (uint64_t s = newest + 1; h->n && s < sequence; s++)
                        push_slot(h, s, NULL, NULL, 0); /* holes keep every later event at its place */
                /* the window first makes room, so a full block can be released before the copy */
                if (h->n == h->cap)
                        drop_oldest(h);
                topic_copy = store(h, topic, json, json_len, &json_copy);
                push_slot(h, sequence, topic_copy, topic_copy ? json_copy : NULL, topic_copy ? json_len : 0);
        } /* else never back: refuse rather than corrupt the index */
        free(topic);
        free(json);
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

size_t history_mapped(const struct history *h) { return h->mapped; }

/* The bytes stay where they are: only the slots move to a ring of the new size. */
int history_resize(struct history *h, size_t retain)
{
        size_t cap = retain ? retain : 1;
        struct stored_event *ring = calloc(cap, sizeof(*ring));

        if (!ring)
                return -ENOMEM;
        while (h->n > cap)
                drop_oldest(h);
        for (size_t i = 0; i < h->n; i++)
                ring[i] = h->ring[(h->head + i) % h->cap];
        free(h->ring);
        h->ring = ring;
        h->cap = cap;
        h->head = 0;
        return 0;
}
