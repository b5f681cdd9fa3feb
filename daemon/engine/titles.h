/* People found by their titles (titles.c): the name after a title, and the
 * person a title said alone stands for. mention.c asks at each word. */
#ifndef HERALD_TITLES_H
#define HERALD_TITLES_H

#include <stddef.h>

#include "codebook.h"
#include "mention.h"

/* "Foreign Ministry spokesman Georgiy Tykhiy": the name after title words; how
 * many tokens from i the title and name take, the person in *ret, or 0. */
size_t titles_person_after(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                           struct mention_history *h, const struct mention_list *ml, const struct entity **ret);

/* "the minister", "her British counterpart": the person (or state) a title
 * said alone at token i stands for in *ret; the token after the title, or 0.
 * h keeps a capitalised title found to be the home state's ("The President"). */
size_t titles_person_alone(const struct codebook *cb, const struct token_list *tl, size_t i,
                           struct mention_history *h, const struct entity **ret);

#endif
