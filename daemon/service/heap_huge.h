/* A thread's next allocations on 2 MiB pages: the codebook's load touches about
 * 3 MB of fresh heap, and on a virtual machine each fresh 4 KiB page costs a
 * fault in the guest and one in the hypervisor. */
#ifndef HERALD_HEAP_HUGE_H
#define HERALD_HEAP_HUGE_H

#include <stddef.h>

/* Advises the `bytes` (a multiple of 2 MiB) that follow the calling thread's
 * heap top to be huge pages, and holds the memory below them (up to 2 MiB,
 * never touched) so that the next allocations begin there. Returns what
 * heap_huge_release takes back, or NULL where it could not be done (no
 * transparent huge pages, no memory): the heap is then as it was. */
void *heap_huge_reserve(size_t bytes);
void heap_huge_release(void *held);

#endif
