/* A ring buffer of published events, one slot per sequence, so finding one is
 * arithmetic and replay costs nothing but the sends. A sequence the journal could
 * not give back (a damaged line) is an empty slot: a hole, not a shift.
 * The events' bytes are copied into blocks of the window's own, in sequence
 * order: events leave the window oldest first, so a block is given back when
 * its last event leaves (but one, kept for the next block: a window that slides
 * then takes nothing new and faults nothing in). One malloc per event cost 1.08
 * to 1.23 times the events' JSON in RSS; blocks cost the bytes and a slot.
 * Blocks are mapped for the window alone while the journal is read back (there
 * is nothing freed to reuse then, and a huge page faults in at once), and taken
 * from the heap once the daemon publishes: a burst's events then land in the
 * memory its articles' extraction freed, already faulted in, instead of fresh
 * pages (their first touch was 28 % of a burst's CPU on a VM). What the
 * freed extraction cannot cover (about two thirds of a burst's window) comes
 * in huge pages rather than from the heap's fresh top: a fresh 4 KiB page
 * costs this VM's hypervisor a fault of its own on first write.
 * Events are sent from their block without a copy: each message libzmq holds
 * pins its block (a count of references: the window's own, and one a message),
 * and whoever drops the last reference frees the block, the main loop or
 * libzmq's I/O thread, hence atomics. */
#include <errno.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zmq.h>

#include "history.h"
#include "wire.h"

/* Blocks start small, so a small window costs little; once the window holds
 * HUGE_AFTER bytes, new blocks are one transparent huge page each: a page fault
 * per 2 MiB instead of one per 4 KiB. Faults, not copies, were most of reading
 * a large journal back (100 000 events, 25 000 faults, 0.3 to 0.5 s of CPU on
 * a VM). An event larger than a block gets a block of its own. */
#define SMALL_BLOCK ((size_t)256 << 10)
#define HUGE_BLOCK ((size_t)2 << 20)
#define HUGE_AFTER ((size_t)8 << 20)
/* Heap blocks are small: under glibc's mmap threshold, and a fit for the holes
 * an article's freed extraction leaves between longer-lived allocations. */
#define HEAP_BLOCK ((size_t)64 << 10)
/* When the heap has only fresh pages to give, a window that holds this much
 * takes huge pages (see heap_block) */
#define HEAP_HUGE_AFTER ((size_t)2 << 20)

struct history_block {
        struct history_block *next;
        size_t size;   /* mapped or allocated, this header included */
        size_t used;   /* taken, this header included */
        size_t events; /* events stored here that are still in the window */
        bool heap;     /* malloc'd, not mapped */
        /* 1 while the window has it (in its list or as its spare), plus one for
         * each message libzmq holds with a body in it; atomic: messages are let
         * go on libzmq's I/O thread. At 0 it is freed. */
        unsigned refs;
};

static size_t blocks_live; /* atomic: blocks are freed on libzmq's I/O thread too */

size_t history_blocks_live(void) { return __atomic_load_n(&blocks_live, __ATOMIC_ACQUIRE); }

static void block_free(struct history_block *b)
{
        __atomic_sub_fetch(&blocks_live, 1, __ATOMIC_RELEASE);
        if (b->heap)
                free(b);
        else
                munmap(b, b->size);
}

/* Drops a reference: the window's, or a sent message's (then on any thread). */
static void block_put(struct history_block *b)
{
        if (__atomic_sub_fetch(&b->refs, 1, __ATOMIC_ACQ_REL) == 0)
                block_free(b);
}

/* Whether only the window holds it: no message does, and none can start to
 * (messages are made on the main loop's thread), so its bytes may be reused. */
static bool block_unpinned(const struct history_block *b)
{
        return __atomic_load_n(&b->refs, __ATOMIC_ACQUIRE) == 1;
}

/* libzmq is done with a message whose body was in block `hint`. */
static void block_unpin(void *data, void *hint)
{
        (void)data;
        block_put(hint);
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

/* A new block's pages, faulted in by one call rather than a fault each as its
 * events are copied in (a page fault is 3 to 5 us on a VM, and a burst's window
 * touched 175 fresh pages per 1000 events). Pages already in (heap memory an
 * article freed) cost nothing; a kernel without it faults them as before. */
static void block_populate(void *b, size_t size)
{
        uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), start = ((uintptr_t)b + page - 1) / page * page,
                  end = ((uintptr_t)b + size) / page * page;

        if (end > start)
                (void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
}

/* A block just made (or a spare made again): the window's reference alone. */
static struct history_block *block_fresh(struct history_block *b, size_t size, bool heap, bool counted)
{
        *b = (struct history_block){ .size = size, .used = sizeof(*b), .heap = heap, .refs = 1 };
        if (!counted)
                __atomic_add_fetch(&blocks_live, 1, __ATOMIC_RELAXED);
        return b;
}

/* A block of the standard size for its kind, which the spare may stand for. */
static bool block_standard(const struct history_block *b)
{
        return b->heap ? b->size == HEAP_BLOCK : b->size == SMALL_BLOCK || b->size == HUGE_BLOCK;
}

/* A HUGE_BLOCK aligned to its size, advised to be a huge page (where the
 * kernel has none to give, it is plain pages: slower, not wrong). */
static void *map_huge(void)
{
        char *p = mmap(NULL, 2 * HUGE_BLOCK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        size_t head;

        if (p == MAP_FAILED)
                return NULL;
        head = (HUGE_BLOCK - (uintptr_t)p % HUGE_BLOCK) % HUGE_BLOCK;
        if (head)
                munmap(p, head);
        munmap(p + head + HUGE_BLOCK, HUGE_BLOCK - head);
        madvise(p + head, HUGE_BLOCK, MADV_HUGEPAGE);
        return p + head;
}

/* Whether a chunk malloc gave was cut from the top of the heap (it ends where
 * the top begins: in glibc's main arena the top runs to the program break),
 * not from memory freed below it, with most of its pages not in yet: fresh
 * pages. An address, not a pointer: nothing there is read. */
static bool from_fresh_top(uintptr_t at, size_t size)
{
        struct mallinfo2 mi = mallinfo2();
        uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), brk = (uintptr_t)sbrk(0), top = brk - mi.keepcost,
                  start = (at + page - 1) / page * page, end = (at + size) / page * page, n = (end - start) / page;
        unsigned char vec[64];
        size_t in = 0;

        if (mi.keepcost > brk || at + size > top || top - (at + size) >= 64 || !n || n > sizeof(vec) ||
            mincore((void *)start, end - start, vec) < 0)
                return false;
        for (size_t i = 0; i < n; i++)
                in += vec[i] & 1;
        return in * 2 < n;
}

/* A heap block, from memory an article's freed extraction left (faulted in,
 * but for a freed buffer's untouched tail: those pages are populated); NULL
 * when the heap has only its fresh top to give, and the block comes from a
 * huge page instead: on this VM a fresh 4 KiB page costs 3 to 5 us on its
 * first write (a fault in the hypervisor too, populated or not), and a window
 * of 100 000 events of 1 KiB needs 65 MB more than a burst's articles free,
 * which was two thirds of heraldd's CPU in a burst; a fresh 2 MiB page costs
 * a fraction of that per byte. */
static struct history_block *heap_block(size_t size, bool fresh_too)
{
        struct history_block *b = malloc(size);

        if (b && !fresh_too && from_fresh_top((uintptr_t)b, size)) {
                free(b); /* back into the top: the next block from freed memory is not held up */
                return NULL;
        }
        if (!b)
                return NULL;
        block_populate(b, size); /* the pages that are not in yet */
        return block_fresh(b, size, true, false);
}

static struct history_block *block_new(struct history *h, size_t need)
{
        size_t page = (size_t)sysconf(_SC_PAGESIZE), size;
        struct history_block *b = h->spare;

        if (need > SIZE_MAX - sizeof(*b) - page)
                return NULL;
        if (h->heap) {
                size = sizeof(*b) + need > HEAP_BLOCK ? sizeof(*b) + need : HEAP_BLOCK;
                if (b && b->size >= size) { /* a spare of either kind: its pages are in */
                        h->spare = NULL;
                        return block_fresh(b, b->size, b->heap, true);
                }
                if (size > HEAP_BLOCK) /* an event's own block */
                        return heap_block(size, true);
                if ((b = heap_block(size, false)))
                        return b;
                b = h->spare; /* the heap has only fresh pages: a huge one */
        }
        size = h->block_bytes >= (h->heap ? HEAP_HUGE_AFTER : HUGE_AFTER) ? HUGE_BLOCK : SMALL_BLOCK;
        if (sizeof(*b) + need > size) { /* an event's own block */
                size = (sizeof(*b) + need + page - 1) / page * page;
                b = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        } else if (b && !b->heap && b->size == size) { /* its pages are in already */
                h->spare = NULL;
                return block_fresh(b, size, false, true);
        } else {
                if (b) { /* of another size or kind: the window grew past HUGE_AFTER */
                        block_put(b);
                        h->spare = NULL;
                }
                b = size == HUGE_BLOCK ? map_huge() : mmap(NULL, size, PROT_READ | PROT_WRITE,
                                                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        }
        if (!b || b == MAP_FAILED)
                return NULL;
        block_populate(b, size);
        return block_fresh(b, size, false, false);
}

/* need bytes at the end of the newest block, or of a new one; NULL: no memory. */
static char *block_room(struct history *h, size_t need)
{
        struct history_block *b = h->last;
        char *p;

        if (!b || b->size - b->used < need) {
                if (!(b = block_new(h, need)))
                        return NULL;
                if (h->last)
                        h->last->next = b;
                else
                        h->first = b;
                h->last = b;
                h->blocks++;
                h->block_bytes += b->size;
        }
        p = (char *)b + b->used;
        b->used += need;
        b->events++;
        if (!block_standard(b))
                b->used = b->size; /* an event's own block: it goes when the event does */
        return p;
}

/* The oldest event with bytes left the window: they are in the oldest block. */
static void block_release(struct history *h)
{
        struct history_block *b = h->first;

        if (--b->events > 0)
                return;
        if (b == h->last) { /* the one being filled: start it again, unless a message still reads it */
                if (block_unpinned(b))
                        b->used = sizeof(*b);
                return;
        }
        h->first = b->next;
        h->blocks--;
        h->block_bytes -= b->size;
        if (h->spare || !block_standard(b) || (b->heap && !h->heap) || !block_unpinned(b))
                block_put(b); /* a pinned one goes when its last message does */
        else
                h->spare = b; /* a sliding window needs one soon: no unmap, map and faults */
}

static void blocks_free(struct history *h)
{
        while (h->first) {
                struct history_block *b = h->first;

                h->first = b->next;
                block_put(b);
        }
        if (h->spare)
                block_put(h->spare);
        h->last = h->spare = NULL;
        h->blocks = h->block_bytes = 0;
}

void history_use_heap(struct history *h, bool on) { h->heap = on; }

int history_init(struct history *h, size_t retain)
{
        *h = (struct history){ .cap = retain ? retain : 1 };
        h->ring = calloc(h->cap, sizeof(*h->ring));
        h->owner = calloc(h->cap, sizeof(*h->owner));
        if (!h->ring || !h->owner) {
                history_done(h);
                return -ENOMEM;
        }
        return 0;
}

static void drop(struct history *h, struct stored_event *e)
{
        if (e->json)
                block_release(h);
        else
                h->holes--;
        *e = (struct stored_event){ 0 };
        h->owner[e - h->ring] = NULL;
}

static void clear(struct history *h)
{
        for (size_t i = 0; i < h->n; i++)
                drop(h, &h->ring[(h->head + i) % h->cap]);
        h->head = h->n = h->holes = 0;
}

void history_done(struct history *h)
{
        free(h->ring);
        free(h->owner);
        blocks_free(h);
        *h = (struct history){ 0 };
}

static void push_slot(struct history *h, uint64_t sequence, const char *topic, const char *json, size_t json_len,
                      struct history_block *block)
{
        if (h->n == h->cap) {
                drop(h, &h->ring[h->head]);
                h->head = (h->head + 1) % h->cap;
                h->n--;
        }
        h->ring[(h->head + h->n) % h->cap] = (struct stored_event){ sequence, topic, json, json_len };
        h->owner[(h->head + h->n) % h->cap] = block;
        h->n++;
        h->holes += !json;
}

/* Makes the window ready for sequence: false when it is refused. */
static bool make_way(struct history *h, uint64_t sequence)
{
        uint64_t newest = history_newest(h);

        if (h->n && sequence <= newest) /* never back: refuse rather than corrupt the index */
                return false;
        if (h->n && sequence - newest - 1 >= h->cap) /* a hole wider than the window: all of it goes */
                clear(h);
        for (uint64_t s = newest + 1; h->n && s < sequence; s++)
                push_slot(h, s, NULL, NULL, 0, NULL); /* holes keep every later event at its place */
        return true;
}

int history_push(struct history *h, uint64_t sequence, const char *topic, const char *json, size_t json_len)
{
        size_t topic_len = strlen(topic);
        char *p;

        if (!make_way(h, sequence))
                return 0;
        /* json, NUL, topic, NUL: both stay C strings */
        if (json_len > SIZE_MAX / 2 || !(p = block_room(h, json_len + topic_len + 2))) {
                push_slot(h, sequence, NULL, NULL, 0, NULL);
                return -ENOMEM;
        }
        memcpy(p, json, json_len);
        p[json_len] = '\0';
        memcpy(p + json_len + 1, topic, topic_len + 1);
        push_slot(h, sequence, p + json_len + 1, p, json_len, h->last);
        return 0;
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

/* The events are copied into the new window's blocks; a reload is rare. */
int history_resize(struct history *h, size_t retain)
{
        struct history bigger;

        if (history_init(&bigger, retain) < 0)
                return -ENOMEM;
        bigger.heap = h->heap;
        for (size_t i = 0; i < h->n; i++) {
                const struct stored_event *e = &h->ring[(h->head + i) % h->cap];

                if (!e->json) {
                        if (make_way(&bigger, e->sequence))
                                push_slot(&bigger, e->sequence, NULL, NULL, 0, NULL);
                } else if (history_push(&bigger, e->sequence, e->topic, e->json, e->json_len) < 0) {
                        history_done(&bigger);
                        return -ENOMEM;
                }
        }
        history_done(h);
        *h = bigger;
        return 0;
}

/* The body as a message of its own: the block's bytes, pinned (the window's
 * events are 1 KiB or so: a copy and a cross-thread free of it an event cost
 * more than the pin), or a copy when it is not one of the window's (a stored
 * event elsewhere, or a hole). */
static int body_msg(const struct history *h, zmq_msg_t *m, const struct stored_event *e)
{
        uintptr_t at = (uintptr_t)e, ring = (uintptr_t)h->ring;
        struct history_block *b = at >= ring && at < ring + h->cap * sizeof(*e) ? h->owner[e - h->ring] : NULL;

        if (!b) {
                if (zmq_msg_init_size(m, e->json_len) < 0)
                        return -errno;
                memcpy(zmq_msg_data(m), e->json, e->json_len);
                return 0;
        }
        __atomic_add_fetch(&b->refs, 1, __ATOMIC_RELAXED);
        if (zmq_msg_init_data(m, (void *)e->json, e->json_len, block_unpin, b) < 0) {
                block_put(b);
                return -errno;
        }
        return 0;
}

int history_send(const struct history *h, void *socket, const struct frame *frames, size_t n,
                 const struct stored_event *e, int flags)
{
        zmq_msg_t body;
        int r = body_msg(h, &body, e); /* first: once the first frame is queued, the rest must follow */

        if (r < 0)
                return r;
        r = wire_send(socket, frames, n, flags | ZMQ_SNDMORE);
        if (r == 0 && zmq_msg_send(&body, socket, flags) < 0)
                r = -errno;
        zmq_msg_close(&body); /* sent: a no-op; not sent: the pin goes */
        return r;
}
