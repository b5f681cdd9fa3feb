/* The days a document as a whole speaks of (when_story.c): the date its
 * statement is signed off on, and the day its lead tells. */
#ifndef HERALD_WHEN_STORY_H
#define HERALD_WHEN_STORY_H

#include <stdbool.h>

#include "coder.h"

/* The day the document speaks on (see when_story.c), read once per article
 * before its first sentence is coded: it depends on the text alone. */
void when_statement_fix(struct coder *c);

/* The day when_statement_fix read: the meeting's day its lead tells; else the
 * date of a "Place, date" line that signs a statement off, when no later than
 * the document date; else the document date. */
void when_statement_day(const struct coder *c, char out[32]);

/* The day the story's lead tells: the first day told in a sentence (a weekday,
 * or a date after "on" or "from", so not a dateline's) up to the document date in its first two
 * paragraphs that gave no event told as happened, not well inside what a
 * reporting verb says. False if none. */
bool when_lead_day(const struct coder *c, char out[32]);

/* How many paragraphs make the lead. */
#define WHEN_LEAD_PARAGRAPHS 2

/* Reads the lead's day once and keeps it, when the lead's paragraphs are all
 * coded: every later event would read the same paragraphs to the same end. */
void when_lead_fix(struct coder *c);

#endif
