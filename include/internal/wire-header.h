/* The 16-byte header frame of every event message (protocol.h): the stream's
 * epoch then the event's sequence, each an unsigned 64-bit big-endian integer.
 * Header-only so the daemon, the journal and libherald share one encoding. */
#ifndef HERALD_INTERNAL_WIRE_HEADER_H
#define HERALD_INTERNAL_WIRE_HEADER_H

#include <endian.h>
#include <stdint.h>
#include <string.h>

#include "herald/protocol.h"

struct wire_header {
        uint64_t epoch, sequence;
};

static inline void wire_header_encode(uint8_t out[HERALD_HEADER_SIZE], uint64_t epoch, uint64_t sequence)
{
        uint64_t be[2] = { htobe64(epoch), htobe64(sequence) };

        memcpy(out, be, HERALD_HEADER_SIZE);
}

/* Returns 0, or -1 when the frame is not a header (wrong size); *out is set only on success. */
static inline int wire_header_decode(const void *frame, size_t len, struct wire_header *out)
{
        uint64_t be[2];

        if (len != HERALD_HEADER_SIZE)
                return -1;
        memcpy(be, frame, HERALD_HEADER_SIZE);
        *out = (struct wire_header){ be64toh(be[0]), be64toh(be[1]) };
        return 0;
}

#endif
