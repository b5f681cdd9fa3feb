/* The reference CloudEvent builder (Jansson), for tests that compare event_build()
 * with it. Same contract as event_build(). */
#ifndef HERALD_TESTS_EVENT_JANSSON_H
#define HERALD_TESTS_EVENT_JANSSON_H

#include "event.h"

char *event_build_jansson(const struct codebook *cb, const struct article *a, const struct extract_event *ev,
                          const struct event_meta *meta);

#endif
