/* Filling an event's roles (actor, target) from a sentence's mentions, the
 * current visit and what the article named before, as a rule's role spec says. */
#ifndef HERALD_ROLES_H
#define HERALD_ROLES_H

#include <stddef.h>

#include "codebook.h"
#include "mention.h"

/* The visit the article is about: opened by an arrival, read by later events. */
struct episode {
        const struct entity *visitor, *host;
        char value[32]; /* its time, as precise as written: 2024-09-02TEV */
        char date[11];  /* its day */
        unsigned paragraph;
};

struct role_scene {
        const struct codebook *cb;
        const struct mention_list *ml;
        const struct mention_history *history;
        const struct episode *episode;
        const struct token_list *tl;
        size_t trigger_start, trigger_end; /* tokens */
        bool passive;                      /* "was greeted by": before and after swap */
        const char *target_of;             /* country a target must not share with the actor */
        const struct entity *previous;     /* the actor of the latest event of the same kind */
};

/* Fills up to max entities for spec, never one of exclude[0..n_exclude). Returns
 * how many were found (0 when every source came up empty). Joint actors ("X and
 * Y") come out in text order. */
size_t roles_fill(const struct role_scene *s, const struct role_spec *spec, const struct entity *const *exclude,
                  size_t n_exclude, const struct entity **out, size_t max);

/* The first place named in the sentence (outside quotations), or NULL. */
const struct entity *roles_place(const struct role_scene *s);

/* Whether the trigger at [start, end) is a passive verb: a form of "be" before it
 * (an adverb may stand between). */
bool roles_is_passive(const struct codebook *cb, const struct token_list *tl, size_t start);

#endif
