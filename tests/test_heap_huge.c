/* heap_huge_reserve() (daemon/service/heap_huge.c) against glibc's real
 * allocator, on the main thread's heap and on a new thread's arena: what the
 * thread allocates next lies in a mapping advised to be huge pages, and where
 * the kernel gives transparent huge pages on advice, it is one once touched.
 * Built without the sanitizers, whose allocator is not glibc's. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "heap_huge.h"

#define MiB   ((size_t)1 << 20)
#define PIECE ((size_t)96 << 10) /* under glibc's mmap threshold: cut from the heap */

struct mapping {
        bool found, advised; /* advised: VmFlags has "hg" */
        long huge_kb;        /* AnonHugePages */
};

/* The /proc/self/smaps entry that holds `at`. */
static struct mapping mapping_of(const void *at)
{
        struct mapping m = {0};
        FILE *f = fopen("/proc/self/smaps", "r");
        char line[512];
        bool in = false;

        assert_non_null(f);
        while (fgets(line, sizeof(line), f)) {
                unsigned long lo, hi;

                if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' ')) {
                        if (in)
                                break;
                        in = (uintptr_t)at >= lo && (uintptr_t)at < hi;
                        m.found |= in;
                } else if (in && !strncmp(line, "AnonHugePages:", 14)) {
                        m.huge_kb = strtol(line + 14, NULL, 10);
                } else if (in && !strncmp(line, "VmFlags:", 8)) {
                        m.advised = strstr(line, " hg") != NULL;
                }
        }
        fclose(f);
        return m;
}

/* Whether this kernel makes huge pages where a program advises them. */
static bool thp_on_advice(void)
{
        FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
        char mode[128] = "";
        bool on;

        if (!f)
                return false;
        on = fgets(mode, sizeof(mode), f) && !strstr(mode, "[never]");
        fclose(f);
        return on;
}

struct outcome {
        bool reserved;
        struct mapping last; /* where the last piece allocated after the reserve lies */
};

/* Reserves, then allocates a megabyte in pieces as a loader would and touches
 * them; assertions are left to the main thread (cmocka's jump out of a failed
 * one works only there). */
static void *reserve_and_allocate(void *result)
{
        struct outcome *o = result;
        char *piece[MiB / PIECE];
        void *held = heap_huge_reserve(4 * MiB);

        o->reserved = held != NULL;
        for (size_t i = 0; i < MiB / PIECE; i++)
                if ((piece[i] = malloc(PIECE)))
                        memset(piece[i], 1, PIECE);
        if (piece[MiB / PIECE - 1])
                o->last = mapping_of(piece[MiB / PIECE - 1]);
        for (size_t i = 0; i < MiB / PIECE; i++)
                free(piece[i]);
        heap_huge_release(held);
        return NULL;
}

static void check(const struct outcome *o)
{
        if (!o->reserved && !thp_on_advice())
                return; /* a kernel without transparent huge pages: nothing to see */
        assert_true(o->reserved);
        assert_true(o->last.found);
        assert_true(o->last.advised);
        if (thp_on_advice())
                assert_true(o->last.huge_kb >= 2048);
}

static void the_main_heap_top_goes_on_huge_pages(void **state)
{
        struct outcome o = {0};

        (void)state;
        reserve_and_allocate(&o);
        check(&o);
}

static void a_new_threads_arena_goes_on_huge_pages(void **state)
{
        struct outcome o = {0};
        pthread_t t;

        (void)state;
        assert_int_equal(pthread_create(&t, NULL, reserve_and_allocate, &o), 0);
        assert_int_equal(pthread_join(t, NULL), 0);
        check(&o);
}

static void sizes_other_than_whole_huge_pages_are_refused(void **state)
{
        (void)state;
        assert_null(heap_huge_reserve(0));
        assert_null(heap_huge_reserve(3 * MiB));
        assert_null(heap_huge_reserve(SIZE_MAX - MiB + 1));
        heap_huge_release(NULL);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(the_main_heap_top_goes_on_huge_pages),
                cmocka_unit_test(a_new_threads_arena_goes_on_huge_pages),
                cmocka_unit_test(sizes_other_than_whole_huge_pages_are_refused),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
