/* A scanner for the journal's lines: checks that a line is one JSON object as
 * Jansson would read it, and takes out only the few members the read-back needs,
 * without building a tree. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define JOURNAL_SCAN_UNSURE 1 /* a form heraldd never writes: leave the line to Jansson */

/* The top-level string members (decoded) and data.index of one line. */
struct journal_scan {
        bool specversion, journal, sha256; /* present, whatever their value */
        bool has_type, has_subject, has_sequence, has_epoch;
        char type[128], subject[256], sequence[32], epoch[32];
        long long index; /* data.index when an integer, else 0 */
};

/* Scans line[0..len). Returns 0 (a valid object; out filled in), -EINVAL (not
 * valid JSON, invalid UTF-8, a duplicate member name: Jansson would refuse it
 * too) or JOURNAL_SCAN_UNSURE (valid or not, the scanner does not decide: escaped
 * member names, reals, huge integers, deep nesting, one of the members above not
 * a string or too long for its buffer). */
int journal_scan_line(const char *line, size_t len, struct journal_scan *out);
