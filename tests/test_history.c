/* Tests of the replay window's blocks: events are copied in whole, a block is
 * given back to the system when its last event leaves the window, blocks taken
 * from the heap land in memory the process freed, running out of memory
 * leaves a hole, not a broken window, and a block whose bytes libzmq still
 * sends is neither freed nor reused (real sockets; ASan sees a use after free).
 * mmap is wrapped at link time (-Wl,--wrap=mmap) so a test can make the next
 * one fail. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#include <cmocka.h>

#include "history.h"
#include "wire.h"

void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);

static int fail_mmaps; /* the next this many mmap calls fail */
static size_t mmaps;   /* calls so far */

void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
        mmaps++;
        if (fail_mmaps > 0) {
                fail_mmaps--;
                return MAP_FAILED;
        }
        return __real_mmap(addr, len, prot, flags, fd, off);
}

/* An event of `size` bytes whose content tells its sequence. */
static void event_of(char *buf, size_t size, uint64_t seq)
{
        int n = snprintf(buf, size, "{\"sequence\":\"%020llu\",\"pad\":\"", (unsigned long long)seq);

        memset(buf + n, 'a' + (int)(seq % 26), size - (size_t)n - 2);
        memcpy(buf + size - 2, "\"}", 2);
}

static void topic_of(char *buf, size_t size, uint64_t seq)
{
        snprintf(buf, size, "ev.arrival.article-%llu", (unsigned long long)(seq / 7));
}

static void assert_event(const struct history *h, uint64_t seq, size_t size)
{
        const struct stored_event *e = history_get(h, seq);
        char want[8192], topic[64];

        assert_non_null(e);
        assert_true(size <= sizeof(want));
        event_of(want, size, seq);
        topic_of(topic, sizeof(topic), seq);
        assert_int_equal(e->sequence, seq);
        assert_int_equal(e->json_len, size);
        assert_memory_equal(e->json, want, size);
        assert_int_equal(e->json[size], '\0');
        assert_string_equal(e->topic, topic);
}

/* Resident memory of this process, from /proc. */
static long rss_kb(void)
{
        char line[256];
        long kb = -1;
        FILE *f = fopen("/proc/self/status", "r");

        assert_non_null(f);
        while (fgets(line, sizeof(line), f))
                sscanf(line, "VmRSS: %ld", &kb);
        fclose(f);
        return kb;
}

static void push(struct history *h, uint64_t seq, size_t size)
{
        char json[8192], topic[64];

        event_of(json, size, seq);
        topic_of(topic, sizeof(topic), seq);
        assert_int_equal(history_push(h, seq, topic, json, size), 0);
}

/* 40 MB through a window of 100 events of 2 KiB: the window keeps its last 100
 * events, byte for byte, and never more than a few blocks; the memory of the
 * blocks that emptied is back with the system (RSS), not kept. */
static void test_history_blocks_are_freed_when_the_window_slides(void **state)
{
        struct history h;
        long before;
        size_t most = 0;

        (void)state;
        assert_int_equal(history_init(&h, 100), 0);
        before = rss_kb();
        for (uint64_t s = 1; s <= 20000; s++) {
                push(&h, s, 2000);
                if (h.blocks > most)
                        most = h.blocks;
        }
        assert_int_equal(history_oldest(&h), 19901);
        assert_int_equal(history_newest(&h), 20000);
        for (uint64_t s = 19901; s <= 20000; s++)
                assert_event(&h, s, 2000);
        assert_null(history_get(&h, 19900));
        assert_true(most <= 3);
        assert_true(h.block_bytes <= (size_t)1 << 20);
        assert_true(rss_kb() - before < 8 << 10); /* 40 MB went through */
        history_done(&h);
        assert_int_equal(h.blocks, 0);
}

/* Once a window slides, each block it needs is the one that emptied last:
 * nothing is mapped (and no page faulted in) again. */
static void test_history_sliding_window_reuses_its_blocks(void **state)
{
        struct history h;

        (void)state;
        assert_int_equal(history_init(&h, 100), 0);
        for (uint64_t s = 1; s <= 1000; s++)
                push(&h, s, 2000);
        mmaps = 0;
        for (uint64_t s = 1001; s <= 20000; s++)
                push(&h, s, 2000);
        assert_int_equal(mmaps, 0);
        for (uint64_t s = 19901; s <= 20000; s++)
                assert_event(&h, s, 2000);
        history_done(&h);
}

/* A window that holds many megabytes takes its blocks a huge page at a time:
 * few blocks, little slack. */
static void test_history_large_window_takes_large_blocks(void **state)
{
        struct history h;
        size_t bytes = 0;

        (void)state;
        assert_int_equal(history_init(&h, 100000), 0);
        for (uint64_t s = 1; s <= 20000; s++) {
                push(&h, s, 1000 + s % 100);
                bytes += 1000 + s % 100 + strlen("ev.arrival.article-0000") + 2;
        }
        for (uint64_t s = 1; s <= 20000; s += 97)
                assert_event(&h, s, 1000 + s % 100);
        assert_true(h.block_bytes >= bytes);
        assert_true(h.block_bytes < bytes + (bytes >> 4) + ((size_t)4 << 20));
        assert_true(h.blocks < 45); /* 21 MB: 32 blocks of 256 KiB, then 2 MiB ones */
        history_done(&h);
}

/* An event larger than a block gets one of its own, which goes when it leaves. */
static void test_history_event_larger_than_a_block(void **state)
{
        struct history h;
        size_t big = (size_t)3 << 20;
        char *json = malloc(big);

        (void)state;
        assert_non_null(json);
        memset(json, 'x', big);
        assert_int_equal(history_init(&h, 3), 0);
        push(&h, 1, 100);
        assert_int_equal(history_push(&h, 2, "ev.arrival.big", json, big), 0);
        push(&h, 3, 100);
        assert_int_equal(history_get(&h, 2)->json_len, big);
        assert_memory_equal(history_get(&h, 2)->json, json, big);
        assert_true(h.block_bytes >= big);
        for (uint64_t s = 4; s <= 6; s++)
                push(&h, s, 100);
        assert_null(history_get(&h, 2));
        assert_true(h.block_bytes < big);
        assert_event(&h, 6, 100);
        history_done(&h);
        free(json);
}

/* No memory for a new block: the event is a hole (replay skips it, as one lost
 * from the journal), the window stays whole and the next event is kept. */
static void test_history_out_of_memory_leaves_a_hole(void **state)
{
        struct history h;
        char json[3000];

        (void)state;
        event_of(json, sizeof(json), 1);
        assert_int_equal(history_init(&h, 1000), 0);
        fail_mmaps = 1;
        assert_int_equal(history_push(&h, 1, "ev.arrival.a", json, sizeof(json)), -ENOMEM);
        assert_null(history_get(&h, 1));
        assert_int_equal(history_newest(&h), 1);
        assert_int_equal(h.holes, 1);
        push(&h, 2, 3000);
        assert_true(history_is_hole(&h, 1));
        assert_event(&h, 2, 3000);
        assert_int_equal(h.n - h.holes, 1);
        history_done(&h);
}

/* What a burst does: an article's extraction (many small allocations) is freed,
 * then its events go into the window. With heap blocks they land in that freed
 * memory, already faulted in: nothing is mapped, RSS does not grow, and the
 * blocks lie where the freed pieces were. Mapped blocks would take 12 MB more. */
static void test_history_heap_blocks_reuse_freed_memory(void **state)
{
#ifdef __SANITIZE_ADDRESS__
        (void)state;
        skip(); /* ASan's allocator quarantines what is freed: this is about glibc's */
#else
        enum { PIECES = 16000, PIECE = 1000 };
        char **pieces = calloc(PIECES, sizeof(*pieces)), *pin, *low = NULL, *high = NULL;
        struct history h;
        long before;

        (void)state;
        assert_non_null(pieces);
        for (size_t i = 0; i < PIECES; i++) {
                assert_non_null(pieces[i] = malloc(PIECE));
                memset(pieces[i], 1, PIECE); /* faulted in, as an extraction's memory is */
                if (!low || pieces[i] < low)
                        low = pieces[i];
                if (!high || pieces[i] > high)
                        high = pieces[i];
        }
        pin = malloc(PIECE); /* a later allocation: glibc cannot give the freed pieces back from the top */
        assert_int_equal(history_init(&h, 100000), 0); /* its slots are not what this is about */
        for (size_t i = 0; i < PIECES; i++)
                free(pieces[i]);
        history_use_heap(&h, true);
        before = rss_kb();
        mmaps = 0;
        for (uint64_t s = 1; s <= 12000; s++)
                push(&h, s, 1000);
        assert_int_equal(mmaps, 0);
        assert_true(rss_kb() - before < 2 << 10);
        for (uint64_t s = 1; s <= 12000; s += 37)
                assert_event(&h, s, 1000);
        assert_true(h.blocks > 1);
        assert_true((char *)history_get(&h, 1)->json >= low && (char *)history_get(&h, 1)->json <= high);
        assert_true((char *)history_get(&h, 12000)->json >= low && (char *)history_get(&h, 12000)->json <= high);
        history_done(&h);
        free(pin);
        free(pieces);
#endif
}

/* A burst whose articles freed less than its window needs: once the heap
 * has only fresh pages to give (its top grows), blocks are huge pages, few
 * and mapped, not 64 KiB heap blocks whose every 4 KiB page faults on its
 * own. Runs first, while the process has freed nothing the heap could reuse. */
static void test_history_fresh_heap_takes_huge_blocks(void **state)
{
#ifdef __SANITIZE_ADDRESS__
        (void)state;
        skip(); /* ASan's allocator has no glibc heap top to tell */
#else
        struct history h;

        (void)state;
        assert_int_equal(history_init(&h, 100000), 0);
        history_use_heap(&h, true);
        mmaps = 0;
        for (uint64_t s = 1; s <= 8000; s++)
                push(&h, s, 1000);
        for (uint64_t s = 1; s <= 8000; s += 31)
                assert_event(&h, s, 1000);
        assert_true(mmaps > 0);
        assert_true(h.blocks < 16); /* 8 MB: 2 MB of 256 KiB blocks, then 2 MiB ones; 128 heap blocks before */
        history_done(&h);
#endif
}

/* Heap blocks slide as mapped ones do: emptied blocks are freed (one kept), a
 * window switched from mapped to heap blocks keeps its events, and an event
 * larger than a heap block gets one of its own. */
static void test_history_heap_blocks_slide(void **state)
{
        struct history h;
        size_t big = (size_t)1 << 20;
        char *json = malloc(big);

        (void)state;
        assert_non_null(json);
        memset(json, 'y', big);
        assert_int_equal(history_init(&h, 100), 0);
        for (uint64_t s = 1; s <= 50; s++)
                push(&h, s, 2000);
        history_use_heap(&h, true);
        for (uint64_t s = 51; s <= 20000; s++)
                push(&h, s, 2000);
        assert_true(h.blocks <= 6); /* 100 events of 2 KiB in 64 KiB blocks */
        assert_int_equal(history_push(&h, 20001, "ev.arrival.big", json, big), 0);
        assert_memory_equal(history_get(&h, 20001)->json, json, big);
        for (uint64_t s = 20002; s <= 20200; s++)
                push(&h, s, 2000);
        assert_null(history_get(&h, 20001));
        assert_true(h.block_bytes < big);
        for (uint64_t s = 20101; s <= 20200; s++)
                assert_event(&h, s, 2000);
        assert_int_equal(history_resize(&h, 50), 0);
        assert_true(h.heap);
        assert_event(&h, 20200, 2000);
        history_done(&h);
        free(json);
}

/* A resize (a reload that changed --retain) copies the events, holes included. */
static void test_history_resize_keeps_events_and_holes(void **state)
{
        struct history h;

        (void)state;
        assert_int_equal(history_init(&h, 1000), 0);
        for (uint64_t s = 1; s <= 500; s++)
                if (s % 10 != 3)
                        push(&h, s, 500 + s);
        assert_int_equal(history_resize(&h, 200), 0);
        assert_int_equal(history_oldest(&h), 301);
        for (uint64_t s = 301; s <= 500; s++)
                if (s % 10 == 3)
                        assert_true(history_is_hole(&h, s));
                else
                        assert_event(&h, s, 500 + s);
        assert_int_equal(history_resize(&h, 5000), 0);
        assert_int_equal(h.n, 200);
        assert_event(&h, 499, 999);
        history_done(&h);
}

/* Sends event seq of h on sock, the body from the window. */
static void send_from(const struct history *h, void *sock, uint64_t seq)
{
        const struct stored_event *e = history_get(h, seq);
        struct frame topic;

        assert_non_null(e);
        topic = wire_str(e->topic);
        assert_int_equal(history_send(h, sock, &topic, 1, e, 0), 0);
}

/* Receives a topic and body and checks the body is event seq's, byte for byte. */
static void receive_event(void *sock, uint64_t seq, size_t size)
{
        char want[8192], got[8192];
        int n;

        event_of(want, size, seq);
        assert_true(zmq_recv(sock, got, sizeof(got), 0) > 0);
        n = zmq_recv(sock, got, sizeof(got), 0);
        assert_int_equal(n, (int)size);
        assert_memory_equal(got, want, size);
}

static void pair_inproc(void *ctx, void **out, void **in)
{
        *in = zmq_socket(ctx, ZMQ_PAIR);
        *out = zmq_socket(ctx, ZMQ_PAIR);
        assert_int_equal(zmq_bind(*in, "inproc://history-pins"), 0);
        assert_int_equal(zmq_connect(*out, "inproc://history-pins"), 0);
}

/* Messages over inproc stay in the pipe, unread: their blocks stay pinned
 * while the window slides past them (a block that left would otherwise be
 * reused as the spare, or freed) and after the window is done; the blocks go
 * when the messages do. */
static void test_history_pinned_block_outlives_the_window(void **state)
{
        void *ctx = zmq_ctx_new(), *out, *in;
        struct history h;
        size_t live = history_blocks_live();

        (void)state;
        pair_inproc(ctx, &out, &in);
        assert_int_equal(history_init(&h, 10), 0);
        history_use_heap(&h, true);
        for (uint64_t s = 1; s <= 10; s++)
                push(&h, s, 2000);
        send_from(&h, out, 1);
        send_from(&h, out, 10);
        for (uint64_t s = 11; s <= 500; s++) /* 64 KiB blocks: the first left long ago */
                push(&h, s, 2000);
        assert_null(history_get(&h, 1));
        receive_event(in, 1, 2000);
        history_done(&h);
        assert_true(history_blocks_live() > live); /* the one message unread holds its block */
        receive_event(in, 10, 2000);
        assert_int_equal(history_blocks_live(), live);
        zmq_close(out);
        zmq_close(in);
        zmq_ctx_term(ctx);
}

/* A window emptied at once (a gap wider than it) starts its block being
 * filled again from the top, unless a message still reads it. */
static void test_history_pinned_block_is_not_restarted(void **state)
{
        void *ctx = zmq_ctx_new(), *out, *in;
        struct history h;

        (void)state;
        pair_inproc(ctx, &out, &in);
        assert_int_equal(history_init(&h, 4), 0);
        push(&h, 1, 3000);
        send_from(&h, out, 1);
        push(&h, 100, 3000); /* 1 leaves: its block is the one being filled */
        push(&h, 101, 3000);
        receive_event(in, 1, 3000);
        assert_event(&h, 100, 3000);
        push(&h, 200, 3000); /* unpinned now: restarted, not grown */
        assert_int_equal(h.blocks, 1);
        history_done(&h);
        zmq_close(out);
        zmq_close(in);
        zmq_ctx_term(ctx);
}

/* Over ipc libzmq's I/O thread writes the bodies and lets them go: the blocks
 * are freed there, after the window is done, and every byte arrives intact. */
static void test_history_blocks_freed_by_the_io_thread(void **state)
{
        enum { EVENTS = 400 };
        void *ctx = zmq_ctx_new(), *push_sock = zmq_socket(ctx, ZMQ_PUSH), *pull = zmq_socket(ctx, ZMQ_PULL);
        char dir[] = "/tmp/history-pins-XXXXXX", endpoint[64];
        size_t live = history_blocks_live();
        struct history h;

        (void)state;
        assert_non_null(mkdtemp(dir));
        snprintf(endpoint, sizeof(endpoint), "ipc://%s/s", dir);
        assert_int_equal(zmq_bind(pull, endpoint), 0);
        assert_int_equal(zmq_connect(push_sock, endpoint), 0);
        assert_int_equal(history_init(&h, 50), 0);
        history_use_heap(&h, true);
        for (uint64_t s = 1; s <= EVENTS; s++) {
                push(&h, s, 1000 + s);
                send_from(&h, push_sock, s);
        }
        history_done(&h);
        for (uint64_t s = 1; s <= EVENTS; s++)
                receive_event(pull, s, 1000 + s);
        for (int i = 0; i < 200 && history_blocks_live() != live; i++) /* at most 2 s */
                nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
        assert_int_equal(history_blocks_live(), live);
        zmq_close(push_sock);
        zmq_close(pull);
        zmq_ctx_term(ctx);
        snprintf(endpoint, sizeof(endpoint), "%s/s", dir);
        unlink(endpoint);
        rmdir(dir);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_history_fresh_heap_takes_huge_blocks), /* first: nothing freed yet */
                cmocka_unit_test(test_history_blocks_are_freed_when_the_window_slides),
                cmocka_unit_test(test_history_sliding_window_reuses_its_blocks),
                cmocka_unit_test(test_history_large_window_takes_large_blocks),
                cmocka_unit_test(test_history_event_larger_than_a_block),
                cmocka_unit_test(test_history_out_of_memory_leaves_a_hole),
                cmocka_unit_test(test_history_resize_keeps_events_and_holes),
                cmocka_unit_test(test_history_heap_blocks_reuse_freed_memory),
                cmocka_unit_test(test_history_heap_blocks_slide),
                cmocka_unit_test(test_history_pinned_block_outlives_the_window),
                cmocka_unit_test(test_history_pinned_block_is_not_restarted),
                cmocka_unit_test(test_history_blocks_freed_by_the_io_thread),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
