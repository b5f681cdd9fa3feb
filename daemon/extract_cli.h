/* heraldd --extract (see extract_cli.c). */
#ifndef HERALD_EXTRACT_CLI_H
#define HERALD_EXTRACT_CLI_H

#include "codebook.h"
#include "config.h"

/* Prints the events of the articles at paths (the bundled ones when n is 0).
 * Returns 0 or the sysexits code of the first failure. */
int extract_cli_run(const struct config *c, const struct codebook *cb, char **paths, int n);

#endif
