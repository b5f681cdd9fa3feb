/* Trigger hits: where the rules' trigger phrases occur in a tagged sentence,
 * in priority order, and whether a rule's required words are there. */
#ifndef HERALD_HITS_H
#define HERALD_HITS_H

#include <stdbool.h>
#include <stddef.h>

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
};

/* The hits outside quotations, highest priority (file order) first. 0 or
 * -ENOMEM: a hit that cannot be kept fails the sentence, never drops silently. */
int hits_find(const struct rules *rules, const struct token_list *tl, const char *text, struct hits *hits);

/* Whether the sentence has enough of the rule's required words (each counted
 * once): with one of them in the sentence, or always for a rule with
 * requires-from = title, those in the title (NULL for none) count too. */
bool hits_requirements_met(const struct rule *r, const struct token_list *tl, const struct token_list *title);

#endif
