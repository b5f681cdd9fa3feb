/* Option values shared by herald tail and herald status. */
#ifndef HERALD_CLIENT_ARGS_H
#define HERALD_CLIENT_ARGS_H

#include <stdbool.h>
#include <stdint.h>

/* A count or sequence: decimal digits only. */
bool args_number(const char *s, uint64_t *out);
/* Seconds, at most 24 days: a millisecond count of it still fits an int. */
bool args_seconds(const char *s, double *out);
/* Prints "herald CMD: " and the message on stderr; returns 1. */
int args_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
