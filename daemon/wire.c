/* Multipart sends. Frames after the first cannot fail on their own in libzmq (the
 * high-water mark is checked on the first), so a message goes out whole or not. */
#include <errno.h>
#include <zmq.h>

#include "wire.h"

int wire_send(void *socket, const struct frame *frames, size_t n, int flags)
{
        for (size_t i = 0; i < n; i++)
                if (zmq_send(socket, frames[i].data, frames[i].len, flags | (i + 1 < n ? ZMQ_SNDMORE : 0)) < 0)
                        return -errno;
        return 0;
}

void wire_header(uint8_t out[16], uint64_t epoch, uint64_t sequence)
{
        for (int i = 0; i < 8; i++) {
                out[i] = (uint8_t)(epoch >> (56 - 8 * i));
                out[8 + i] = (uint8_t)(sequence >> (56 - 8 * i));
        }
}
