/* The pair a plural noun stands for ("the two countries"): pairs.c. */
#ifndef HERALD_PAIRS_H
#define HERALD_PAIRS_H

#include <stddef.h>

#include "codebook.h"
#include "mention.h"

/* At token i, "the two countries", "both sides", "the presidents": pushes a
 * pair mention of the two parties to out; 0 (with or without one), or -ENOMEM. */
int pairs_find(const struct codebook *cb, const struct token_list *tl, size_t i, const struct mention_history *h,
               struct mention_list *out);

#endif
