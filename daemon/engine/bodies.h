/* A regional body whose meeting the article reports ("the Meeting of the
 * Conference of Heads of Government of CARICOM", "a summit of the MSG"): its
 * members ("Heads of Government", "the leaders") and its meeting ("the
 * Conference") act as the body. */
#ifndef HERALD_BODIES_H
#define HERALD_BODIES_H

#include <stddef.h>

#include "codebook.h"
#include "mention.h"

/* Sets h->body, once, to a body named in an "of" phrase of the sentence. */
void bodies_find(const struct codebook *cb, const struct token_list *tl, const char *text, struct mention_history *h);

/* How many tokens from i name the members or the meeting of h->body, which
 * goes to *ret; 0 when none. out holds the sentence's mentions so far. */
size_t bodies_members_at(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                         const struct mention_history *h, const struct mention_list *out, const struct entity **ret);

#endif
