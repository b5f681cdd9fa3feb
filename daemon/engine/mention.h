/* Finding the actors a sentence names: gazetteer aliases, people introduced by a
 * title ("spokesman Georgiy Tykhiy"), and pronouns resolved against what the
 * article named before. */
#ifndef HERALD_MENTION_H
#define HERALD_MENTION_H

#include <stdbool.h>
#include <stddef.h>

#include "codebook.h"
#include "strmap.h"
#include "token.h"

#define MENTION_CANDIDATES 4
#define MENTION_MAX_FOUND 1000 /* names found in the text (not the gazetteer), per article */
/* How far back pronouns and contextual aliases look: bounded, so a huge article
 * costs linear time. */
#define MENTION_HISTORY_WINDOW 256
#define MENTION_SUBJECTS 8 /* earlier sentences' subjects kept: "rejected the accusations" looks back */

struct mention {
        const struct entity *cand[MENTION_CANDIDATES]; /* a name has one; a pronoun its likely referents */
        size_t n_cand;
        size_t tok_start, tok_end;
        bool quoted;
        bool pronoun;
        bool locative; /* "The Hague, Netherlands": names where, not who */
        bool pair;     /* "the two countries": cand[0] and cand[1] act together, first named first */
        bool where;    /* a place or capital after "in" or "at": where it happened, not who */
        bool label;    /* "Name, Title:" opening a turn of a transcript: who speaks, no subject */
};

/* What the article has named so far, most recent last. */
struct mention_history {
        const struct entity **seen;
        size_t n_seen, cap_seen;
        const struct entity *last_subject; /* first actor of the previous sentence */
        const struct entity *subjects[MENTION_SUBJECTS]; /* the last sentences' subjects, a ring */
        size_t n_subjects;                 /* how many were ever kept; the latest at (n - 1) % size */
        const struct entity *lead_subject; /* the first sentence's subject that was kept */
        struct entity **found;             /* names found in the text: owned by the caller */
        size_t n_found, cap_found;
        int error;                         /* -ENOMEM once a name could not be kept: the article fails */
        struct strmap *surnames;           /* lower-case last or first word -> a person found in the text */
        struct strmap *descriptors;        /* "group" -> the organisation introduced as a group */
        struct strmap *acronyms;           /* "hrcp" -> the organisation introduced with it */
        const struct entity *joint[2];     /* the last two named together as one subject ("X and Y") */
        const struct entity *speaker;      /* a transcript's turn ("Name, Title:", "A:"): "I" and "we" */
        const struct entity *voice;        /* the state whose body speaks ("the Ministry of ... of Jordan"):
                                              "the Ministry" and "we" later */
        const struct entity *author;       /* a briefing note's office ("Spokesperson for the X: Name"): "we" */
        const struct entity *body;         /* the body whose meeting the article reports ("summit of the X"):
                                              "Heads of Government", "the leaders", "the Conference" */
        const struct entity *home;         /* the state of the capital a dateline files from ("COLOMBO, Sept 23 -") */
        char home_title[32];               /* "president": "The President" was the home state's, and stays so */
};

struct mention_list {
        struct mention *v;
        size_t n, cap;
};

/* Finds the mentions of a tokenized sentence. text is the sentence's text. */
int mention_find(const struct codebook *cb, const struct token_list *tl, const char *text,
                 struct mention_history *h, struct mention_list *out);

/* The entity for a noun phrase no name was found in ("rights groups"), kept
 * with the names found in the text; NULL when the article has too many or
 * memory ran out (h->error says which). */
const struct entity *mention_noun_phrase(struct mention_history *h, const char *text, const struct token_list *tl,
                                         size_t from, size_t to, enum entity_type type);

/* Appends m to ml (0 or -ENOMEM). */
int mention_push(struct mention_list *ml, const struct mention *m);

/* Records the sentence's mentions in the history once it has been coded. */
int mention_remember(struct mention_history *h, const struct mention_list *ml);

void mention_history_done(struct mention_history *h);

static inline size_t mention_window_start(const struct mention_history *h)
{
        return h->n_seen > MENTION_HISTORY_WINDOW ? h->n_seen - MENTION_HISTORY_WINDOW : 0;
}

static inline const struct entity *mention_entity(const struct mention *m) { return m->n_cand ? m->cand[0] : NULL; }

#endif
