/* The line format shared by herald's data files (rules, gazetteer, lexicon, time
 * words) and its config: "# comments", "[section argument]" headers and
 * "key = value" lines. Callers get one callback per entry with its line number. */
#ifndef HERALD_DATAFILE_H
#define HERALD_DATAFILE_H


#include "internal/parse-error.h"

struct datafile_entry {
        const char *section;     /* "" before the first header */
        const char *section_arg; /* text after the section name, "" if none */
        const char *key;         /* NULL for a section header */
        const char *value;
        unsigned line;
};

/* Returns 0 to go on or a negative errno (with *err filled) to stop. */
typedef int (*datafile_fn)(void *userdata, const struct datafile_entry *entry, struct parse_error *err);

/* Parses the file at `path`; err->file is set to `path` on every error. */
int datafile_parse(const char *path, datafile_fn fn, void *userdata, struct parse_error *err);

/* Same over a buffer already in memory; `name` is used in errors. */
int datafile_parse_buffer(const char *name, char *buf, datafile_fn fn, void *userdata, struct parse_error *err);

/* Splits "a | b | c" in place into trimmed items; returns the count (≤ max). */
size_t datafile_split(char *value, char sep, char **items, size_t max);

#endif
