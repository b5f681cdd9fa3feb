/* Cutting a paragraph into sentences. */
#ifndef HERALD_SENTENCE_H
#define HERALD_SENTENCE_H

#include <stddef.h>

#include "article.h"
#include "lexicon.h"

/* Splits text[start, end) into sentences on '.', '!' and '?' (with any closing
 * quotes or brackets that follow), except after an abbreviation, an initial or
 * inside a quotation that is closed later. A lower-case word may start a sentence. */
int sentence_split(const char *text, size_t start, size_t end, const struct lexicon *lex,
                   struct sentence **ret, size_t *ret_n);

#endif
