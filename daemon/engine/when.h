/* The event-time policy: which time expression of a sentence governs an event,
 * which way a weekday looks, and which time an event gets when it has none of
 * its own (kinds.md, "Time normalization policy"). The matcher is timex.c. */
#ifndef HERALD_WHEN_H
#define HERALD_WHEN_H

#include "coder.h"

/* Finds the sentence's time expressions (c->tx), each resolved in the
 * direction of its own clause. */
void when_find(struct coder *c);

/* Sets the event's time: its governing expression, else the policy's default;
 * an asserted event over weeks before the story becomes background. */
void when_assign(const struct coder *c, const struct hit *h, struct extract_event *ev);

/* Remembers a kept event's time for the events told after it. */
void when_remember(struct coder *c, const struct extract_event *ev);

#endif
