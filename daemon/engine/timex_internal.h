/* The time rules in memory, shared by their loader (timex_load.c) and the
 * matcher (timex.c). Not part of any interface outside these two files. */
#ifndef HERALD_TIMEX_INTERNAL_H
#define HERALD_TIMEX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "phrase.h"
#include "strmap.h"
#include "timex.h"

enum slot { SLOT_LITERAL, SLOT_WEEKDAY, SLOT_MONTH, SLOT_SEASON, SLOT_PART, SLOT_YEAR, SLOT_DAY,
            SLOT_NUMBER, SLOT_ORDINAL, SLOT_UNIT, SLOT_EVENT,
            SLOT_LAST_DAY, SLOT_LAST_MONTH, /* a range's end: "3 to 5 March", "30 March to 2 April" */
            SLOT_DAY_RANGE,                 /* "3-4" as one word: fills <day> and <last-day> */
            SLOT_OCCASION,                  /* "summit", "talks": what "ahead of" or "after" refers to */
            SLOT_WORD,                      /* any one word: "the G20 summit" */
            N_SLOTS };



enum op { OP_WEEKDAY, OP_DATE, OP_MONTH, OP_SEASON, OP_YEAR, OP_DAYS, OP_WEEKS, OP_MONTHS, OP_YEARS,
          OP_DURATION, OP_PAST, OP_FUTURE, OP_PRESENT, OP_PREVIOUS, OP_EVENT, OP_LAST_MONTH, OP_NEXT_MONTH,
          OP_LAST_SEASON, OP_NEXT_SEASON, OP_BEFORE, OP_PREVIOUS_DAYS, OP_AGO, OP_LATEST, OP_WEEK_DAY, OP_DEADLINE, N_OPS };



struct element {
        enum slot slot;
        char *alts[8]; /* literal alternatives, lower case */
        size_t n_alts;
        uint16_t ids[8]; /* each alternative's timex_word.literal (timex_index_words) */
};

struct pattern {
        struct element el[12];
        size_t n;
        enum op op;
        int offset;
        bool approx;
};

/* A season or part of day: its TIMEX3 code and the months or hours it spans. */
struct span {
        char code[4];
        int from, to;
};

/* A word map's filter: bit (hash >> 52) set for each of its keys' strmap_hash();
 * a token whose bit is clear is not in the map, answered without probing it
 * (most tokens of a sentence are in neither map). Built by timex_index_words(). */
#define TIMEX_FILTER_BITS 4096

struct timex_filter {
        uint64_t bits[TIMEX_FILTER_BITS / 64];
};

/* A filter's bit for a word is the top bits of its hash. */
static inline bool timex_filter_may_hold(const struct timex_filter *f, uint64_t hash)
{
        unsigned b = (unsigned)(hash >> 52);

        return f->bits[b / 64] >> (b % 64) & 1u;
}

static inline void timex_filter_put(struct timex_filter *f, uint64_t hash)
{
        unsigned b = (unsigned)(hash >> 52);

        f->bits[b / 64] |= (uint64_t)1 << (b % 64);
}

/* A value of a slot's word map (stored + 1), or -1 for none. */
static inline int timex_stored_value(const void *p)
{
        intptr_t v = (intptr_t)p;

        return v ? (int)v - 1 : -1;
}

struct timex_rules {
        struct strmap *words[N_SLOTS]; /* slot word -> value + 1, or struct span * */
        struct phrase_table *events;   /* named event -> its value (char *) */
        struct phrase_table *scheduled; /* present-tense words of a plan: "opens", "is due" */
        struct strmap *openers;         /* "who", "that": a clause of its own starts there */
        struct strmap *reacted;         /* "decision", "detention": what a reaction is about */
        struct span spans[32];
        size_t n_spans;
        struct pattern *patterns;
        size_t n_patterns;
        char **strings; /* owned strings handed out as map values */
        size_t n_strings;
        /* Patterns by their first element, so a word only tries the patterns that
         * can start with it: literal first words in a map, slot-led ones per slot. */
        struct strmap *by_first_word; /* word -> struct pattern_list * */
        struct pattern_list *by_first_slot[N_SLOTS];
        struct strmap *by_word; /* word -> struct timex_word *: both of the above in one look-up */
        uint32_t first_slots;   /* bit s: by_first_slot[s] holds patterns */
        uint16_t n_literals;    /* distinct literal words of the patterns, numbered from 1 */
        uint64_t id;            /* unique to this load (timex_index_words): timex_bounds()'s memo
                                 * key, never a later load's at the same address */
        struct timex_filter by_word_filter, openers_filter;
};

/* What a word can start, found with one look-up per token instead of one per
 * table: the patterns it starts as a literal, and the slots its spelling alone
 * fills (weekdays, months, number words...). Built by timex_index_words(). */
struct timex_word {
        const struct pattern_list *first; /* by_first_word's entry, or NULL */
        uint32_t slots;                   /* bit s: match_slot(s) takes the word by its spelling */
        uint16_t literal;                 /* its number among the patterns' literal words, 0 if none */
};

/* Builds and frees r->by_word, from r->words, r->by_first_word and the
 * patterns' literal words, which it numbers (timex_index.c). */
int timex_index_words(struct timex_rules *r);
void timex_words_free(struct timex_rules *r);

struct pattern_list {
        size_t *v; /* pattern indexes, in file order */
        size_t n;
        /* What the patterns ask of the token after their first (timex_index_words):
         * a list none of whose patterns the next token can go on is not tried */
        uint32_t next_slots; /* bit s: some pattern's second element is slot s */
        bool next_literal;   /* some pattern's second element is a literal */
        bool next_any;       /* some pattern has no second element, or an <event> there */
        uint64_t next_ids[4]; /* bit n: a second element is literal number n (< 256) */
        bool next_id_high;    /* ... or one numbered 256 or more: no bit, any literal goes on */
};

/* What a pattern captured from the sentence. */
struct capture {
        int v[N_SLOTS];
        bool has[N_SLOTS];
        const struct span *span[N_SLOTS];
        const char *event; /* the value of a named event */
        const char *unit;  /* a duration unit's code: Y, M, W, D, H */
};

/* What pattern p, having captured c, means against ctx's document date: t's
 * value (and anchor, shift, end); false when it means nothing there ("31
 * February"). timex_resolve.c. */
bool timex_resolve(const struct pattern *p, const struct capture *c, const struct timex_context *ctx,
                   struct timex_match *t);

/* timex_bounds() computed without its memo (test_timex_bounds.c compares them). */
void timex_bounds_computed(const struct timex_rules *r, const char *value, char start[32], char end[32]);

/* Whether timex_resolve() reads ctx->future for pattern p's operator: where
 * no such pattern is resolved, a sentence's times are the same in either
 * tense (timex_find_tensed). Kept beside timex_resolve(), which it describes. */
bool timex_op_reads_future(enum op op);

#endif
