/* Trigger hits: where the rules' trigger phrases occur in a tagged sentence,
 * in priority order, and whether a rule's required words are there. */
#ifndef HERALD_HITS_H
#define HERALD_HITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules.h"
#include "token.h"

struct hit {
        const struct trigger *trigger;
        size_t start, end; /* tokens */
        bool quoted;       /* in a quotation of whole sentences: the speaker's act, if one is named */
};

struct hits {
        struct hit *v;
        size_t n, cap;
        int error;    /* -ENOMEM when a hit could not be kept */
        bool quoting; /* the hits being collected are in a quotation of whole sentences */
        /* Which of the rules' required words (by id) the sentence and the title
         * hold, each found once when a rule first asks: n_bits words each. */
        uint64_t *sentence_has, *title_has;
        size_t n_bits;
        bool sentence_known, title_known; /* the title's stays known for the article */
        signed char habitual; /* the coder's: the sentence has a habitual cue (-1: not asked yet) */
};

/* The hits outside quotations, highest priority (file order) first. 0 or
 * -ENOMEM: a hit that cannot be kept fails the sentence, never drops silently. */
int hits_find(const struct rules *rules, const struct token_list *tl, const char *text, struct hits *hits);

/* Whether the sentence hits_find() last read has enough of the rule's required
 * words (each counted once): with one of them in the sentence, or always for a
 * rule with requires-from = title, those in the title (NULL for none) count too. */
bool hits_requirements_met(const struct rules *rules, const struct rule *r, struct hits *hits,
                           const struct token_list *tl, const struct token_list *title);

void hits_done(struct hits *hits);

#endif
