/* heap_huge_reserve() (daemon/service/heap_huge.c) against glibc's real
 * allocator, on the main thread's heap and on a new thread's arena: what the
 * thread allocates next begins at a 2 MiB boundary, in a mapping advised to be
 * huge pages, and where the kernel gives transparent huge pages on advice, it
 * is one once touched; the release withdraws the advice. Built without the sanitizers, whose
 * allocator is not glibc's. */
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

#define MiB       ((size_t)1 << 20)
#define HUGE_PAGE ((uintptr_t)2 << 20)
#define PIECE     ((size_t)96 << 10) /* under glibc's mmap threshold: cut from the heap */
#define PIECES    (MiB / PIECE)

struct mapping {
        bool found;
        bool advised, withdrawn; /* VmFlags has "hg", "nh" */
        long huge_kb;            /* AnonHugePages */
};

/* The /proc/self/smaps entry that holds `at`. */
static struct mapping mapping_of(uintptr_t at)
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
                        in = at >= lo && at < hi;
                        m.found |= in;
                } else if (in && !strncmp(line, "AnonHugePages:", 14)) {
                        m.huge_kb = strtol(line + 14, NULL, 10);
                } else if (in && !strncmp(line, "VmFlags:", 8)) {
                        m.advised = strstr(line, " hg") != NULL;
                        m.withdrawn = strstr(line, " nh") != NULL;
                }
        }
        fclose(f);
        return m;
}

/* A number from a "name value" or "Name:\tvalue" file, -1 if missing. */
static long number_in(const char *path, const char *name)
{
        FILE *f = fopen(path, "r");
        char line[256];
        size_t n = strlen(name);
        long v = -1;

        if (!f)
                return -1;
        while (fgets(line, sizeof(line), f))
                if (!strncmp(line, name, n) && (line[n] == ' ' || line[n] == ':' || line[n] == '\t'))
                        v = strtol(line + n + 1, NULL, 10);
        fclose(f);
        return v;
}

/* Whether this kernel makes huge pages where this process advises them. */
static bool thp_on_advice(void)
{
        FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
        char mode[128] = "";
        bool on;

        if (!f)
                return false;
        on = fgets(mode, sizeof(mode), f) && !strstr(mode, "[never]");
        fclose(f);
        return on && number_in("/proc/self/status", "THP_enabled") != 0; /* prctl(PR_SET_THP_DISABLE) */
}

struct outcome {
        bool reserved;
        uintptr_t first;        /* the first piece allocated after the reserve */
        struct mapping touched; /* its mapping, once the pieces are touched */
        struct mapping after;   /* and after the release */
        long fallbacks;         /* huge page faults the kernel served with small pages */
};

/* Reserves, then allocates a megabyte in pieces as a loader would, touches and
 * frees them, and releases; assertions are left to the main thread (cmocka's
 * jump out of a failed one works only there). */
static void *reserve_and_allocate(void *result)
{
        struct outcome *o = result;
        char *piece[PIECES];
        long fallbacks = number_in("/proc/vmstat", "thp_fault_fallback");
        void *held = heap_huge_reserve(2 * HUGE_PAGE);

        o->reserved = held != NULL;
        for (size_t i = 0; i < PIECES; i++)
                if ((piece[i] = malloc(PIECE)))
                        memset(piece[i], 1, PIECE);
        o->first = (uintptr_t)piece[0];
        if (piece[0])
                o->touched = mapping_of(o->first);
        o->fallbacks = number_in("/proc/vmstat", "thp_fault_fallback") - fallbacks;
        for (size_t i = 0; i < PIECES; i++)
                free(piece[i]);
        heap_huge_release(held);
        if (piece[0])
                o->after = mapping_of(o->first);
        return NULL;
}

/* What holds wherever the reserve could be made. */
static void check_reserved(const struct outcome *o)
{
        if (!o->reserved && !thp_on_advice())
                return; /* no transparent huge pages for this process: nothing to see */
        assert_true(o->reserved);
        assert_true(o->touched.found);
        assert_true(o->touched.advised);
        /* the top began at the boundary: the first piece is its first chunk */
        assert_true(o->first % HUGE_PAGE < 64);
        /* where huge pages are given at all (advice is taken even where they
         * are not) and the kernel found memory for one */
        if (thp_on_advice() && o->fallbacks <= 0)
                assert_true(o->touched.huge_kb >= 2048);
        /* the advice withdrawn, or the range given back altogether (a trim
         * of the main heap, where a thread's allocations go under arena_max=1) */
        assert_false(o->after.advised);
        assert_true(o->after.withdrawn || !o->after.found);
}

static void test_heap_huge_main_heap_top_goes_on_huge_pages(void **state)
{
        struct outcome o = {0};

        (void)state;
        reserve_and_allocate(&o);
        check_reserved(&o);
}

static void test_heap_huge_new_thread_arena_goes_on_huge_pages(void **state)
{
        struct outcome o = {0};
        pthread_t t;

        (void)state;
        assert_int_equal(pthread_create(&t, NULL, reserve_and_allocate, &o), 0);
        assert_int_equal(pthread_join(t, NULL), 0);
        check_reserved(&o);
}

static void test_heap_huge_sizes_other_than_whole_huge_pages_are_refused(void **state)
{
        (void)state;
        assert_null(heap_huge_reserve(0));
        assert_null(heap_huge_reserve(3 * MiB));
        assert_null(heap_huge_reserve(HEAP_MMAP_THRESHOLD)); /* with its margin, past what the heap gives */
        assert_null(heap_huge_reserve(SIZE_MAX - MiB + 1));
        heap_huge_release(NULL);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_heap_huge_main_heap_top_goes_on_huge_pages),
                cmocka_unit_test(test_heap_huge_new_thread_arena_goes_on_huge_pages),
                cmocka_unit_test(test_heap_huge_sizes_other_than_whole_huge_pages_are_refused),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
