/* Endpoints: which strings libherald accepts, and the replay endpoint that
 * goes with an events endpoint when none was given. */
#ifndef HERALD_CLIENT_ENDPOINT_H
#define HERALD_CLIENT_ENDPOINT_H

#include <stdbool.h>
#include <stddef.h>

/* tcp://, ipc:// or inproc:// with something after it. */
bool endpoint_valid(const char *endpoint);

/* For a tcp:// endpoint, why its port cannot be connected to (none, not a
 * number, not 1-65535), the text in buf or a constant; NULL when it can, or
 * for other transports. */
const char *endpoint_port_error(const char *endpoint, char *buf, size_t size);

/* The replay endpoint beside an events endpoint (malloc'd), or NULL when none
 * can be derived or out of memory. */
char *endpoint_derive_replay(const char *events);

/* The replay endpoint a daemon announced, for a subscriber connected to
 * `events`: a wildcard host (*, 0.0.0.0, [::]) becomes the events endpoint's
 * host. Malloc'd; NULL when out of memory. */
char *endpoint_resolve(const char *announced, const char *events);

#endif
