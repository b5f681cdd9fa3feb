/* What a sentence holds that mention_find()'s finders need, looked at once
 * per sentence (mention_facts.c), not at each word: where the capitalised words
 * end, brackets and an "of" before a state; and what may start at a token
 * (facts_may(), inline: asked once at each word). */
#ifndef HERALD_MENTION_FACTS_H
#define HERALD_MENTION_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codebook.h"
#include "gazetteer.h"
#include "lexicon.h"
#include "token.h"

/* Beside GAZETTEER_MAY_ALIAS and GAZETTEER_MAY_DEMONYM: a title may start at
 * the token (lexicon_phrase_at(LEX_TITLE) may find one); a body's members or
 * meeting may stand there (bodies_members_at(): "The Conference" capitalised
 * after "the", or a plural title, whose lemma is another word). */
#define FACTS_MAY_TITLE 4u
#define FACTS_MAY_MEMBERS 8u

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
        bool title_everywhere; /* lexicon_phrase_everywhere(): a title may start at every word */
        const struct gazetteer_filters *filters;
};

void sentence_facts(const struct codebook *cb, const struct token_list *tl, const char *text,
                    struct sentence_facts *f);

/* What may start at token i (i < tl->n; the: "the" is before it):
 * GAZETTEER_MAY_* and FACTS_MAY_* bits; where one is clear, the finder it
 * stands for finds nothing there and is not asked. A title: a token the
 * tagger looked up says so by its class bits and whether a lexicon phrase
 * starts with it (lexicon_phrase_at()). Members: a lemma that is the word
 * itself is its bytes (token_set_lemma). */
static inline unsigned facts_may(const struct sentence_facts *f, const struct token_list *tl, size_t i, bool the)
{
        const struct token *t = &tl->v[i];
        unsigned may = gazetteer_may_at(f->filters, tl, i);

        if (f->title_everywhere || !t->lex_known || t->lex_phrase || (t->lex & LEX_TITLE))
                may |= FACTS_MAY_TITLE;
        if ((the && t->capitalized) || t->lemma != t->norm)
                may |= FACTS_MAY_MEMBERS;
        return may;
}

#endif
