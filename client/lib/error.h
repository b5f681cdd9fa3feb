/* The reason behind a result: each libherald function that returns an error
 * leaves one line saying why for herald_last_error(), per thread. */
#ifndef HERALD_CLIENT_ERROR_H
#define HERALD_CLIENT_ERROR_H

/* Sets the reason and returns result, so `return error_set(HERALD_INVALID, ...)`. */
int error_set(int result, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
