/* The contextual tagger: settles each word's part of speech (noun, verb,
 * adjective, ...) and lemma from its candidates in WordNet and its neighbours,
 * so that "the visit" is a noun and "will visit" a verb. */
#ifndef HERALD_TAGGER_H
#define HERALD_TAGGER_H

#include "codebook.h"
#include "token.h"

/* Tags every token of tl and sets its lemma. 0 or -ENOMEM. */
int tagger_tag(const struct codebook *cb, struct token_list *tl);

/* The lexicon's class bits of token i's word (lexicon_word_at): kept in the
 * token once tagged, since the name finders ask each word several times. */
static inline unsigned tagger_word_class(const struct codebook *cb, const struct token_list *tl, size_t i)
{
        return tl->v[i].lex_known ? tl->v[i].lex : lexicon_word_at(cb->lexicon, tl, i);
}

/* The lexicon's class bits of token i's lemma (lexicon_lemma_at): those of its
 * word, kept, when the lemma is the word itself (most tokens). */
static inline unsigned tagger_lemma_class(const struct codebook *cb, const struct token_list *tl, size_t i)
{
        return tl->v[i].lemma == tl->v[i].norm ? tagger_word_class(cb, tl, i) : lexicon_lemma_at(cb->lexicon, tl, i);
}

/* The tag's name ("noun", "verb", ...), for tests and debugging. */
const char *tagger_name(enum word_tag tag);

#endif
