/* Running heraldd as a daemon: the sockets, the sources and the one poll loop. */
#ifndef HERALD_DAEMON_H
#define HERALD_DAEMON_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

struct daemon_options {
        const struct config_source *source;
        char **articles; /* files named on the command line */
        size_t n_articles;
        bool once;
};

/* Runs until SIGTERM or SIGINT (or, with once, until everything is published).
 * Takes ownership of config. Returns a sysexits code. */
int daemon_run(struct config *config, const struct daemon_options *opts);

/* Keeps freed memory in the heap (glibc's mmap and trim thresholds raised):
 * --extract and daemon_run call it once the codebook is loaded. */
void daemon_keep_heap(void);

/* The codebook directory a config points at. */
const char *daemon_data_dir(const struct config *c);

#endif
