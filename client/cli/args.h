/* Option values shared by herald tail and herald status. */
#ifndef HERALD_CLIENT_ARGS_H
#define HERALD_CLIENT_ARGS_H

#include <stdbool.h>
#include <stdint.h>

/* A count or sequence: decimal digits only, below 2^64. */
bool args_number(const char *s, uint64_t *out);
/* Seconds as a plain decimal (5, 0.25), from a millisecond (libherald counts in
 * whole ones) to about 24 days (a millisecond count of it still fits an int). */
#define ARGS_SECONDS_MIN   0.001
#define ARGS_SECONDS_MAX   2000000
#define ARGS_SECONDS_RANGE "a number of seconds from 0.001 to 2000000"
bool args_seconds(const char *s, double *out);
/* Prints "herald CMD: " and the message on stderr; returns 1. */
int args_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
