/* Joining the stream without loss (DESIGN.md §5, the zguide Clone pattern):
 * subscribe, wait for the first message, replay from the wanted point while the
 * live stream is buffered, stitch at END(S), and close a gap with one more
 * replay. Test helper now; libherald grows out of it. */
#ifndef HERALD_TEST_STITCH_H
#define HERALD_TEST_STITCH_H

#include <stddef.h>
#include <stdint.h>

struct stitch;

struct stitch_event {
        uint64_t epoch, sequence;
        char topic[256];
        char *json; /* owned by the caller: free() it */
};

/* from: first sequence wanted (0 = the oldest retained). */
int stitch_open(const char *events, const char *replay, uint64_t from, struct stitch **ret);
void stitch_close(struct stitch *s);

/* The next event in sequence order. Returns 0, -ETIMEDOUT, -EPROTO (a gap
 * replay could not close) or -ESTALE (the epoch changed: the daemon lost its
 * history). */
int stitch_next(struct stitch *s, struct stitch_event *ev, int timeout_ms);

#endif
