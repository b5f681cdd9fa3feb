/* herald keygen PATH: a CURVE key pair as CZMQ-style certificates. */
#ifndef HERALD_CLI_KEYGEN_H
#define HERALD_CLI_KEYGEN_H

#include "herald/herald.h"

/* argv[0] is "keygen". Returns the exit code. */
int keygen_main(int argc, char **argv);

/* --server-key (a public certificate or 40 Z85 characters) and --cert (a secret
 * certificate) onto o; both NULL: plain. Returns 0, or -1 having said why as
 * "herald CMD: ...". */
int keygen_set_curve(const char *cmd, herald_sub_options *o, const char *server_key, const char *cert);

#endif
