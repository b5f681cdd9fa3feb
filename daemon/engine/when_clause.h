/* Which clause a time expression of a sentence belongs to (when_clause.c). */
#ifndef HERALD_WHEN_CLAUSE_H
#define HERALD_WHEN_CLAUSE_H

#include "coder.h"

/* The time expression governing the trigger: the nearest one of its own clause
 * outside quotations and datelines, preferring one that stands on its own over
 * "then"-like ones. NULL if none. */
const struct timex_match *when_governing_time(const struct coder *c, const struct hit *h);

#endif
