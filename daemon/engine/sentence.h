/* Cutting a paragraph into sentences. */
#ifndef HERALD_SENTENCE_H
#define HERALD_SENTENCE_H

#include <stddef.h>

#include "article.h"
#include "lexicon.h"
#include "token.h"

/* Splits text[start, end) into sentences on '.', '!' and '?' (with any closing
 * quotes or brackets that follow), except after an abbreviation or an initial;
 * inside a quotation too. A lower-case word may start a sentence. Sentences of
 * a quotation that runs over several get its bytes and the speaker's sentence
 * (its index among this call's sentences). The sentences are appended to out;
 * on failure out keeps what it had. */
int sentence_split(const char *text, size_t start, size_t end, const struct lexicon *lex,
                   struct sentence_list *out);

/* Marks the tokens of sentence s (split from its own text, as token_split
 * does) that continue a quotation opened in an earlier sentence as quoted, and
 * its closing mark as one: "We are ready,” he said." */
void sentence_quote_tokens(const struct sentence *s, const char *text, struct token_list *tl);

#endif
