/* The subscriber options behind the opaque herald_sub_options. */
#ifndef HERALD_CLIENT_OPTIONS_H
#define HERALD_CLIENT_OPTIONS_H

#include <stdbool.h>

#include "herald/herald.h"

#define OPTIONS_MAX_TOPICS 16

struct herald_sub_options {
        char *events, *replay; /* replay NULL: derived from events */
        bool replay_given;     /* in a copy: the replay endpoint was set, not derived */
        char *topics[OPTIONS_MAX_TOPICS];
        size_t n_topics;
        enum herald_start start;
        uint64_t n;
        int connect_timeout_ms;
        char curve_server[41], curve_public[41], curve_secret[41]; /* "" = no CURVE */
};

/* A copy for a subscriber to keep, its replay endpoint filled in; on failure
 * *ret may be half built (herald_sub_options_free() it). */
int options_copy(const herald_sub_options *from, struct herald_sub_options **ret);

#endif
