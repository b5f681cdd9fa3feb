/* Endpoints: which strings libherald accepts, and the replay endpoint that
 * goes with an events endpoint when none was given. */
#ifndef HERALD_CLIENT_ENDPOINT_H
#define HERALD_CLIENT_ENDPOINT_H

#include <stdbool.h>

/* tcp://, ipc:// or inproc:// with something after it. */
bool endpoint_valid(const char *endpoint);

/* The replay endpoint beside an events endpoint (malloc'd), or NULL when none
 * can be derived or out of memory. */
char *endpoint_derive_replay(const char *events);

/* The replay endpoint a daemon announced, for a subscriber connected to
 * `events`: a wildcard host (*, 0.0.0.0, [::]) becomes the events endpoint's
 * host. Malloc'd; NULL when out of memory. */
char *endpoint_resolve(const char *announced, const char *events);

#endif
