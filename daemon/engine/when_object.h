/* Whether a time expression dates the object a reaction is about rather than
 * the reaction itself (when_object.c), and the verb forms that tell it. */
#ifndef HERALD_WHEN_OBJECT_H
#define HERALD_WHEN_OBJECT_H

#include "coder.h"

/* "visits", "urges", "carries": w is the third person singular of lemma. */
bool when_third_person(const char *w, const char *lemma);

/* "discussing": w reads as a gerund or present participle. */
bool when_gerund(const char *w);

/* Whether t dates the object of the trigger h ("condemns the sentencing on 3
 * July", "welcomed Ghana's decision last month") or of the verb coordinated
 * before it ("welcomes the agreement reached last week and calls on"), not the
 * trigger: the trigger then takes the time it would have without one. */
bool when_dates_object(const struct coder *c, const struct hit *h, const struct timex_match *t);

#endif
