/* Coding an article into events with a codebook. Pure: the article and the
 * codebook in, a list of events out; nothing is printed. */
#ifndef HERALD_EXTRACT_H
#define HERALD_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "article.h"
#include "codebook.h"

#define EXTRACT_MAX_ACTORS 6
#define EXTRACT_MAX_EVENTS 100000    /* per article: bounded like every other input */
/* Longer "sentences" (tables, run-ons) are not coded. With the header limits this
 * keeps every event under 64 KiB even if JSON escapes each byte as \u00XX: the
 * sentence is written twice (evidence and quote), six bytes a control byte, so
 * this is also the most --max-sentence may be (8192 let a 97 KB event out). */
#define EXTRACT_MAX_SENTENCE 4096
/* Events per sentence: a real one has a handful; the bound keeps the checks
 * between a sentence's events linear on hostile input. */
#define EXTRACT_MAX_SENTENCE_EVENTS 32

struct extract_event {
        const struct rule *rule;
        char cameo[8];
        enum modality modality;
        const struct entity *actors[EXTRACT_MAX_ACTORS];
        size_t n_actors;
        const struct entity *target;
        const struct entity *location;
        size_t when_start, when_end; /* bytes of the time expression in the article; equal = none written */
        char when_value[32], when_mod[8];
        char when_last[11];            /* a range's last day ("March 3-4"), "" for none */
        size_t quote_start, quote_end; /* bytes between the quotation marks; equal = no quote */
        unsigned paragraph, sentence;  /* 1-based */
        size_t start, end;             /* the sentence's bytes in the article */
        size_t trigger_start, trigger_end; /* the trigger's tokens in its sentence */
        char *headline;
};

struct extraction {
        struct extract_event *v;
        size_t n, cap;
        size_t skipped_sentences; /* over the sentence limit */
        bool truncated;           /* stopped at the events limit */
        struct entity **found;    /* people found by their title, owned here */
        size_t n_found;
};

int extract_article(const struct codebook *cb, const struct article *a, struct extraction *out);

/* What one article may cost: events (coding stops there, out->truncated set)
 * and the bytes of a sentence (a longer one is not coded, but counted in
 * out->skipped_sentences). extract_article() uses the EXTRACT_MAX_* defaults. */
struct extract_limits {
        size_t max_events, max_sentence;
};

/* Same, within the limits given. */
int extract_article_limited(const struct codebook *cb, const struct article *a, const struct extract_limits *limits,
                            struct extraction *out);
void extraction_done(struct extraction *x);

#endif
