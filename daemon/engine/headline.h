/* Headlines from the rules' templates (events/rules.txt, key "headline"). */
#ifndef HERALD_HEADLINE_H
#define HERALD_HEADLINE_H

#include "extract.h"

/* The event's headline, malloc'd (NULL when out of memory): the rule's template
 * with "{actor}", "{actors}", "{target}", "{location}", "{kind}" filled in and
 * "{s}"/"{es}" agreeing with the actors; a "[...]" part is left out when a field
 * in it is empty; the first letter capitalised. */
char *headline_make(const struct extract_event *ev);

#endif
