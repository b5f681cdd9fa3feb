/* The coder's state while it reads an article, shared by the coder
 * (extract.c), its event-time policy (when*.c) and the test of what is an act
 * (acts.c). Internal to the engine. */
#ifndef HERALD_CODER_H
#define HERALD_CODER_H

#include <stdbool.h>
#include <stddef.h>

#include "article.h"
#include "codebook.h"
#include "extract.h"
#include "hits.h"
#include "mention.h"
#include "roles.h"
#include "timex.h"
#include "token.h"

#define CODER_MAX_TOLD 8

struct coder {
        const struct codebook *cb;
        signed char *required; /* per rule, this sentence: -1 not checked, 0 unmet, 1 met */
        const struct article *a;
        struct extraction *out;
        struct token_list tl;
        struct token_list title; /* the article's title: what its required words confirm */
        struct mention_list ml;
        struct mention_history history;
        struct episode episode;
        struct timex_context tctx;
        struct hits hits;
        struct timex_match tx[16];
        size_t n_tx;
        const char *text; /* the sentence (not NUL-terminated) */
        size_t len;
        size_t base;      /* its offset in the article */
        const struct sentence *sentence_at; /* the sentence being coded */
        unsigned paragraph, sentence;
        size_t sentence_first_event;
        char last_date[11]; /* the day of the latest dated event told so far */
        char sentence_previous[11]; /* last_date as the sentence began: what "then" refers to */
        /* The latest events with a time of their own written, one per speaker,
         * oldest first: what an undated event of the same occasion (paragraph)
         * or by one of the same parties takes. */
        struct told {
                const struct entity *actor, *target;
                char value[32];
                unsigned paragraph;
        } told[CODER_MAX_TOLD];
        size_t n_told;
        /* The lead's day (when_story.c): read once its two paragraphs are
         * coded, as it cannot change after; read again each time before. */
        struct lead_day {
                bool known, found;
                char day[32];
        } lead;
        char statement_day[32]; /* when_statement_fix(), before the first sentence */
        size_t max_events;
        size_t max_sentence; /* longer sentences are not coded (counted as skipped) */
};

#endif
