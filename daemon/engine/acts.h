/* Whether a trigger is an act its sentence tells (acts.c). */
#ifndef HERALD_ACTS_H
#define HERALD_ACTS_H

#include <stdbool.h>

#include "coder.h"
#include "hits.h"

/* True when the hit at h names no act of c's sentence: an attributive or
 * non-finite use, a reduced relative, a time anchor, a missing infinitive the
 * rule needs, or a reported plan the rule leaves to the saying. */
bool acts_none(const struct coder *c, const struct hit *h);

#endif
