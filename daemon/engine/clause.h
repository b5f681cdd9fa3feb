/* Clause structure around a trigger, read from the tagged tokens: whether a verb
 * is finite, coordinated with the verb before it, or a noun; the possessor of a
 * nominal trigger; the saying verb whose complement holds a trigger; and whether
 * a verb has a subject of its own right before its verb group. */
#ifndef HERALD_CLAUSE_H
#define HERALD_CLAUSE_H

#include <stdbool.h>
#include <stddef.h>

#include "codebook.h"
#include "mention.h"

#define CLAUSE_NONE ((size_t)-1)

/* The word before token i, past adverbs; CLAUSE_NONE at the start. */
size_t clause_before(const struct token_list *tl, size_t i);

/* The trigger's head is a verb (not a noun or a fixed phrase such as "a blow to"). */
bool clause_verbal(const struct token_list *tl, size_t start, size_t end);

/* A verb trigger with no tense of its own: after "to" ("to state publicly") or
 * "as" ("as noted by"). */
bool clause_non_finite(const struct token_list *tl, size_t start);

/* A non-finite verb that is somebody else's act or no act at all: "as noted
 * by", "to be charged", "urged Brazil to state", "called on all parties to
 * agree" ("to" after a noun or a name); "keen to celebrate" is not. */
bool clause_not_an_act(const struct token_list *tl, size_t start);

/* "... and called it a blow": a verb right after "and" or "or", sharing the subject before. */
bool clause_coordinated(const struct token_list *tl, size_t start);

/* The first verb of the sentence before token `before`, outside quotations:
 * the head of the clause a coordinated verb joins; CLAUSE_NONE when none. */
size_t clause_first_verb(const struct token_list *tl, size_t before);

/* A nominal trigger ("visit", "failure to arrest"): its head is a noun. */
bool clause_nominal(const struct token_list *tl, size_t start, size_t end);

/* "Putin's (first) visit": the mention before the "'s" before the noun, or NULL. */
const struct mention *clause_possessor(const struct mention_list *ml, const struct token_list *tl, size_t start);

/* The saying verb ("said", "wrote") before the trigger, outside quotations, or CLAUSE_NONE. */
size_t clause_saying_verb(const struct codebook *cb, const struct token_list *tl, size_t start);

/* A mention right before the trigger's verb group (auxiliaries, modals,
 * adverbs, "to" between): the verb's own subject, or NULL. */
const struct mention *clause_own_subject(const struct mention_list *ml, const struct token_list *tl, size_t start);

/* The common noun phrase right before the trigger's verb group ("rights
 * groups", "the indictment"): its first token in *from, its head's index as the
 * result; CLAUSE_NONE when there is none, or it counts ("the two ministers"). */
size_t clause_subject_np(const struct token_list *tl, size_t start, size_t *from);

/* Whether the trigger's clause opens with a subordinator ("once", "after"):
 * the clause is told for the time of another. */
bool clause_subordinate(const struct codebook *cb, const struct token_list *tl, size_t start);

/* Whether a clause boundary lies between tokens a and b (either order): a
 * clause-break word ("while", "but"), ";", or "," before "and". */
bool clause_boundary_between(const struct codebook *cb, const struct token_list *tl, size_t a, size_t b);

/* '"...," said Wanjiru Otieno': a saying verb after a quotation or a comma,
 * with its speaker right after it; NULL otherwise. */
const struct mention *clause_inverted_speaker(const struct codebook *cb, const struct mention_list *ml,
                                              const struct token_list *tl, size_t start, size_t end);

/* "Kaja Kallas, the EU's foreign policy chief, said": the subject before an
 * apposition between commas, or NULL when no apposition stands there. */
const struct mention *clause_apposed_subject(const struct mention_list *ml, const struct token_list *tl,
                                             size_t start);

/* "the visit by Zelenskiy", "the signing of the deal by X": the mention after
 * a "by" that follows a nominal trigger within a few words, or NULL. */
const struct mention *clause_nominal_agent(const struct mention_list *ml, const struct token_list *tl, size_t start,
                                           size_t end);

#endif
