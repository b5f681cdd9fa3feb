/* Loading an article file: the bounded read, its content hash, the fallback
 * document date (--date, else the file's modification date) and the parse.
 * Shared by --extract and the daemon, which only differ in what they do next. */
#ifndef HERALD_SOURCE_H
#define HERALD_SOURCE_H

#include <stddef.h>

#include "article.h"
#include "config.h"
#include "lexicon.h"
#include "sha256.h"

enum source_error {
        SOURCE_OK,
        SOURCE_MISSING, /* cannot be read: missing, unreadable */
        SOURCE_BAD,     /* bad data: too big, binary, invalid UTF-8, a bad header, a directory */
        SOURCE_NOMEM,
};

/* Loads path ("-" is standard input), naming it `display` in errors. On failure
 * `why` holds a one-line reason starting with the name ("x.txt:3: invalid UTF-8
 * at byte offset 35"). sha256 may be NULL. */
enum source_error source_load(const char *path, const char *display, const struct config *c,
                              const struct lexicon *lex, struct article **ret, char *sha256, char *why,
                              size_t why_size);

/* Calls fn for each bundled article (every .txt under <dir>/articles, by name), with
 * its path. Returns 0, or -errno when the folder cannot be listed. */
int source_bundled(const char *data_dir, void (*fn)(void *userdata, const char *path), void *userdata);

#endif
