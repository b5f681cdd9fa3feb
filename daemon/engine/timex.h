/* Time expressions: finding them in a sentence with the patterns of
 * events/timex.txt and normalising them to TIMEX3 values against the document
 * date (HeidelTime's split: rules in data, arithmetic in code). */
#ifndef HERALD_TIMEX_H
#define HERALD_TIMEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "internal/parse-error.h"
#include "token.h"

struct timex_rules;

enum timex_anchor {
        TIMEX_ANCHOR_NONE, /* the value stands on its own */
        TIMEX_ANCHOR_PREVIOUS, /* "then", "two days earlier": the day of the event told just
                                * before, moved by shift_days */
        TIMEX_ANCHOR_LATEST, /* "following the talks": the latest day of an event told so far */
};

struct timex_match {
        size_t tok_start, tok_end; /* tokens of the expression */
        size_t start, end;         /* its bytes in the sentence */
        char value[32];            /* TIMEX3 value: 2024-09-02, 2024-W35, 2023-SP, P20Y, PAST_REF */
        char mod[8];               /* "APPROX" or "" */
        char last[11];             /* a range's last day ("March 3-4": 2024-03-04), "" for none */
        enum timex_anchor anchor;
        int shift_days;
};

struct timex_context {
        int year, month, day; /* the document creation time */
        bool future;          /* the sentence is in the future tense: "Friday" looks forwards */
};

int timex_rules_load(const char *path, struct timex_rules **ret, struct parse_error *err);
void timex_rules_free(struct timex_rules *r);

/* Finds the time expressions of a tokenized sentence, left to right, longest
 * match first. Returns how many were stored in out (at most max). */
size_t timex_find(const struct timex_rules *r, const struct token_list *tl, const char *text,
                  const struct timex_context *ctx, struct timex_match *out, size_t max);

/* timex_find(), also telling whether it resolved any expression whose value
 * depends on ctx->future ("Friday", "in June", "ahead of"): when it did not,
 * timex_find() in the other tense finds exactly the same (*tense_read false). */
size_t timex_find_tensed(const struct timex_rules *r, const struct token_list *tl, const char *text,
                         const struct timex_context *ctx, struct timex_match *out, size_t max, bool *tense_read);

/* Whether tokens [from, to) hold a present-tense word of a plan ("opens",
 * "resume", "is due"): a weekday in its clause looks forwards. */
bool timex_scheduled_in(const struct timex_rules *r, const struct token_list *tl, const char *text, size_t from,
                        size_t to);

/* Whether word (normalised) opens a clause of its own ("who", "which", "that"):
 * a time expression after it is told for that clause. */
bool timex_opens_clause(const struct timex_rules *r, const char *word);

/* timex_opens_clause() of token i, by the hash it was split with. */
bool timex_opens_clause_at(const struct timex_rules *r, const struct token_list *tl, size_t i);

/* Whether word (normalised) names something that happens and is reacted to
 * ("decision", "detention"): a time after it in a reaction's object is its. */
bool timex_reacted_to(const struct timex_rules *r, const char *word);

/* Whether word (normalised) is one of [occasions] ("meeting", "summit"). */
bool timex_is_occasion(const struct timex_rules *r, const char *word);

/* Whether word (normalised) is an ordinal of [ordinals] ("first", "second"). */
bool timex_is_ordinal(const struct timex_rules *r, const char *word);

/* RFC 3339 bounds of a value ("" when it is not a date or range: P20Y, PAST_REF). */
void timex_bounds(const struct timex_rules *r, const char *value, char start[32], char end[32]);

/* The date part (YYYY-MM-DD) of a value, or "" when there is none. */
void timex_date_part(const char *value, char out[11]);

/* The same day where it is read, not copied: value itself when it starts with
 * the day as timex_date_part() writes it (most values), else buf, filled by
 * timex_date_part(); "" when there is none. Only its first 10 bytes are the day. */
static inline bool timex_digit_(char c)
{
        return (unsigned char)(c - '0') < 10;
}

static inline const char *timex_day(const char *value, char buf[11])
{
        /* in order, each test before the next byte is read: no read past a NUL */
        if (timex_digit_(value[0]) && timex_digit_(value[1]) && timex_digit_(value[2]) && timex_digit_(value[3]) &&
            value[4] == '-' && timex_digit_(value[5]) && timex_digit_(value[6]) && value[7] == '-' &&
            timex_digit_(value[8]) && timex_digit_(value[9]))
                return value;
        timex_date_part(value, buf);
        return buf;
}

/* v's first n bytes (8 or 2) as a number that orders as they do (big-endian). */
static inline uint64_t timex_ordered_(const char *v, size_t n)
{
        uint64_t w8 = 0;
        uint16_t w2 = 0;

        if (n == 8)
                memcpy(&w8, v, 8);
        else
                memcpy(&w2, v, 2);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        return n == 8 ? __builtin_bswap64(w8) : __builtin_bswap16(w2);
#else
        return n == 8 ? w8 : w2;
#endif
}

/* strcmp()'s sign for the day of timex_day() (its first 10 bytes, no NUL)
 * against s, whose first 10 bytes must be readable (a day's buffer): the
 * first byte that differs decides, and a NUL in s is such a byte. */
static inline int timex_day_cmp(const char *day, const char *s)
{
        uint64_t a = timex_ordered_(day, 8), b = timex_ordered_(s, 8);

        if (a == b)
                a = timex_ordered_(day + 8, 2), b = timex_ordered_(s + 8, 2);
        if (a != b)
                return a < b ? -1 : 1;
        return s[10] ? -1 : 0;
}

#endif
