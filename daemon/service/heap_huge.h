/* A thread's next allocations on 2 MiB pages: the codebook's load touches about
 * 3 MB of fresh heap, and on a virtual machine each fresh 4 KiB page costs a
 * fault in the guest and one in the hypervisor. */
#ifndef HERALD_HEAP_HUGE_H
#define HERALD_HEAP_HUGE_H

#include <stddef.h>

/* glibc's thresholds while heraldd keeps its heap (daemon_keep_heap): arrays up
 * to this size are cut from the heap (the most every glibc accepts: before
 * 2.35 it refused more than half of a 64 MiB arena heap) ... */
#define HEAP_MMAP_THRESHOLD ((size_t)32 << 20)
/* ... and a free top this large is kept, not given back at each free */
#define HEAP_TRIM_THRESHOLD ((size_t)64 << 20)

/* Advises the `bytes` that follow the calling thread's heap top to be huge
 * pages, and holds the memory below them (up to 2 MiB, never touched) so that
 * the next allocations begin there. `bytes` is a multiple of 2 MiB, and with
 * 2 MiB and two pages more under HEAP_MMAP_THRESHOLD: at most 28 MiB. Returns what
 * heap_huge_release takes back, or NULL where it could not be done (no
 * transparent huge pages, no memory, an allocator that cannot shrink a block
 * in place).
 *
 * glibc's thresholds are the process's: for the one allocation it makes, the
 * mmap threshold is HEAP_MMAP_THRESHOLD, so another thread's large array may
 * be cut from its heap then; once the block is had, the trim threshold is
 * HEAP_TRIM_THRESHOLD for good, since a trim would take the range back. Call
 * it before other threads start where that matters. */
void *heap_huge_reserve(size_t bytes);

/* Gives the held memory back and withdraws the advice, so that a trim
 * (malloc_trim, on the main heap) can give back what was left free in the
 * range without the kernel putting a huge page there again. Any thread may
 * release, once the reserving one is done with the range. */
void heap_huge_release(void *held);

#endif
