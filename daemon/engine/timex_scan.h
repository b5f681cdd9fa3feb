/* The fixed formats of time values and number words, scanned by hand: each
 * function does what the sscanf or strtol call beside it in its comment did
 * (test_timex_scan.c holds them to that), without the C library's cost on every
 * token of every sentence. Used by timex.c only. */
#ifndef HERALD_TIMEX_SCAN_H
#define HERALD_TIMEX_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/* strtol(w, &end, 10), saturating at LONG_MIN/LONG_MAX as strtol does. */
long timex_scan_long(const char *w, const char **end);

/* "85th", "2nd": the number of a digit ordinal up to 10000, or -1. */
int timex_scan_ordinal(const char *w);

/* One conversion of sscanf's "%<width>d" at *p (1 <= width <= 9): spaces
 * skipped, a sign counted in the width; advances *p on success. */
bool timex_scan_int(const char **p, int width, int *out);

/* The formats of timex.c, each returning true where sscanf(s, FORMAT "%n", ...)
 * made every conversion, with *n what %n stored. */
bool timex_scan_range(const char *s, int *first, int *last, int *n);       /* "%2d-%2d" */
bool timex_scan_ymd(const char *s, int *y, int *m, int *d, int *n);        /* "%4d-%2d-%2d" */
bool timex_scan_ymd_part(const char *s, int *y, int *m, int *d, char code[4],
                         int *n);                                          /* "%4d-%2d-%2dT%3s" */
bool timex_scan_week(const char *s, int *y, int *w, int *n);               /* "%4d-W%2d" */
bool timex_scan_ym(const char *s, int *y, int *m, int *n);                 /* "%4d-%2d" */
bool timex_scan_ycode(const char *s, int *y, char code[4], int *n);        /* "%4d-%3[A-Z]" */
bool timex_scan_y(const char *s, int *y, int *n);                          /* "%4d" */

/* snprintf(out, size, "%04d-%02d-%02d", y, m, d), and with "T%02d:00:00Z"
 * after it for an instant (h >= 0): digits written directly when every field
 * fits its width, snprintf otherwise. */
void timex_format_ymd(char *out, size_t size, int y, int m, int d, int h);

/* The same for a year ("%04d"), a month ("%04d-%02d", sep 0) or a week
 * ("%04d-W%02d", sep 'W'): the values timex_resolve() writes most. */
void timex_format_year(char *out, size_t size, int y);
void timex_format_ym(char *out, size_t size, int y, char sep, int m);

#endif
