/* How a thread's heap top is put on huge pages. glibc gives no say in where its
 * arenas put memory, so the memory is taken and given back in a shape that
 * leaves the top where it is wanted: one block from the top (the mmap threshold
 * raised for that one call, so it is cut from the heap, not mapped apart),
 * advised from its first 2 MiB boundary on, then shrunk in place to end at that
 * boundary. The rest goes back to the top, which now begins at the boundary;
 * the shrunk block is held, untouched but for its header and the size of the
 * range, until the thread is done. A fault in the advised range takes a whole
 * 2 MiB page (50-150 us on the VMs measured, against 1-14 us for each 4 KiB
 * page it replaces; 3.7-4.9 ms where the host had taken the memory back, as
 * README's Performance tells). */
#include <malloc.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "heap_huge.h"

#define HUGE_PAGE              ((uintptr_t)2 << 20)
#define DEFAULT_MMAP_THRESHOLD (128 << 10) /* glibc's, which no call reads back */
#define IS_MMAPPED             2           /* glibc's flag in a chunk's size word */

/* mallopt settings are the process's: two threads reserving at once must not
 * put the threshold back under each other's block */
static pthread_mutex_t settings = PTHREAD_MUTEX_INITIALIZER;

/* Setting the threshold also ends glibc's dynamic one, which would have risen
 * to the size of each mapped array freed: it stays at the default after. */
static void *block_from_heap(size_t size)
{
        void *b = NULL;

        pthread_mutex_lock(&settings);
        if (size < HEAP_MMAP_THRESHOLD && mallopt(M_MMAP_THRESHOLD, HEAP_MMAP_THRESHOLD)) {
                b = malloc(size);
                mallopt(M_MMAP_THRESHOLD, DEFAULT_MMAP_THRESHOLD);
        }
        pthread_mutex_unlock(&settings);
        return b;
}

/* Whether glibc mapped the block on its own (IS_MMAPPED in the size word
 * below it), as a thread's arena does when it cannot grow its heap. */
static bool chunk_is_mapped(const void *block)
{
        const size_t *size_word = (const size_t *)((uintptr_t)block - sizeof(size_t)); /* glibc's, not the block's */

        return *size_word & IS_MMAPPED;
}

/* The first 2 MiB boundary past the block's first page (its header's). */
static uintptr_t boundary_of(const void *block)
{
        uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);

        return ((uintptr_t)block + page + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

void *heap_huge_reserve(size_t bytes)
{
        uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), boundary;
        char *block, *held;
        uintptr_t at;

        if (!bytes || bytes % HUGE_PAGE || bytes > HEAP_MMAP_THRESHOLD)
                return NULL;
        /* room below the boundary for the held block's header page, and a page
         * past the range for the next chunk's header, so nothing in the range
         * is touched before it is used */
        if (!(block = block_from_heap(HUGE_PAGE + bytes + 2 * page)))
                return NULL;
        boundary = boundary_of(block);
        if (madvise((void *)boundary, bytes, MADV_HUGEPAGE) < 0) {
                free(block); /* the trim threshold is as it was: the top may go back */
                return NULL;
        }
        mallopt(M_TRIM_THRESHOLD, HEAP_TRIM_THRESHOLD); /* the shrink must not trim the range away */
        /* shrinking keeps the block where it is (glibc splits it and frees the
         * rest into the top). On 64-bit, glibc's chunk for n bytes begins 16
         * below the block and spans n + 8 rounded up to 16, so for
         * n = boundary - block it ends at the boundary: the top's header is
         * the first thing written in the range, and the page below it is never
         * touched (on 32-bit it ends 8 past it, which is as good). */
        at = (uintptr_t)block;
        held = realloc(block, boundary - at);
        /* an allocator that does not shrink in place (valgrind's, ASan's, whose
         * blocks have no glibc header to read), or an arena that could not
         * grow and mapped the block apart: no top was moved */
        if (!held || (uintptr_t)held != at || chunk_is_mapped(held)) {
                madvise((void *)boundary, bytes, MADV_NOHUGEPAGE);
                free(held ? held : block);
                return NULL;
        }
        *(size_t *)held = bytes; /* on the header's page: for the release */
        return held;
}

/* The advice goes before the block: the idle trim (malloc_trim) splits the
 * huge page of the main heap's top, and with the advice kept the kernel's
 * khugepaged would put one there again. A thread's arena keeps its free top
 * (malloc_trim never trims it): trimming it here, with the trim threshold
 * lowered for the free, left an idle heraldd's RSS as it was (9.4-9.5 MB),
 * most likely because libzmq's threads take over the ended thread's arena. */
void heap_huge_release(void *held)
{
        if (!held)
                return;
        madvise((void *)boundary_of(held), *(size_t *)held, MADV_NOHUGEPAGE);
        free(held);
}
