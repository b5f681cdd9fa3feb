/* What a sentence holds that mention_find()'s finders need, looked at once
 * per sentence (mention_facts.c), not at each word: where the capitalised words
 * end, brackets and an "of" before a state, and what may start at each token. */
#ifndef HERALD_MENTION_FACTS_H
#define HERALD_MENTION_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codebook.h"
#include "gazetteer.h"
#include "token.h"

#define FACTS_TOKENS 256 /* tokens whose bits are kept; those after may start anything */

/* A title may start at the token: lexicon_phrase_at(LEX_TITLE) may find one
 * (beside GAZETTEER_MAY_ALIAS and GAZETTEER_MAY_DEMONYM). */
#define FACTS_MAY_TITLE 4u

/* A name found by its context needs a capitalised word (names_word) at or
 * after it, so those finders are not asked past the last one (caps); a
 * bracketed acronym ("(HRCP)") and a bracket at all are what
 * acronyms_name_at() and names_person_with_bracket() look for after a name;
 * "of" and a state's name ("of Jordan", "of the Philippines") what
 * state_body() looks for after a body. */
struct sentence_facts {
        size_t caps;     /* past the last capitalised word */
        size_t of_state; /* the last "of" before a state's name; 0 when none */
        bool acronym;    /* "(", a word in capitals, ")" */
        bool bracket;    /* "(" */
        /* what may start at each token: where a bit is clear, the finder it
         * stands for finds nothing there, and is not asked */
        uint8_t may[FACTS_TOKENS];
};

void sentence_facts(const struct codebook *cb, const struct token_list *tl, const char *text,
                    struct sentence_facts *f);

/* The bits (GAZETTEER_MAY_*, FACTS_MAY_*) of token i: all past those kept. */
static inline unsigned facts_may(const struct sentence_facts *f, size_t i)
{
        return i < FACTS_TOKENS ? f->may[i] : ~0u;
}

#endif
