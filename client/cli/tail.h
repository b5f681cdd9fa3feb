/* herald tail: follow the event stream. */
#ifndef HERALD_CLIENT_TAIL_H
#define HERALD_CLIENT_TAIL_H

#include "herald/herald.h"

/* Exit codes (as mosquitto_sub for the timeout). */
enum tail_exit { TAIL_DONE = 0, TAIL_ERROR = 1, TAIL_UNREACHABLE = 2, TAIL_GAP = 3, TAIL_TIMEOUT = 27 };

int tail_main(int argc, char **argv);
int status_main(int argc, char **argv);

#endif
