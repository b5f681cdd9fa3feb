/* Organisations an article introduces with their acronym: "the Human Rights
 * Commission of Pakistan (HRCP)" names a body the gazetteer does not know (not
 * the state its name ends with), and "the HRCP" later names it again. */
#ifndef HERALD_ACRONYMS_H
#define HERALD_ACRONYMS_H

#include <stddef.h>

#include "codebook.h"
#include "mention.h"
#include "token.h"

/* At token i, capitalised name words (joined by "of", "for", "the", "and",
 * "on", "to") the gazetteer does not know as a whole, then "(" and an acronym
 * of their initials and ")": the tokens the mention spans (the bracket
 * included), the organisation in *ret and its acronym kept in h; 0 when there
 * is none (or h->error on no memory). */
size_t acronyms_name_at(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                        struct mention_history *h, const struct entity **ret);

/* An acronym the article introduced before, at token i: 1 and the body in *ret, else 0. */
size_t acronyms_known_at(const struct mention_history *h, const struct token_list *tl, size_t i,
                         const struct entity **ret);

#endif
