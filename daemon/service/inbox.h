/* The inbox: a spool directory watched with inotify. Files there at start and
 * every file closed after writing or moved in later are handed to the caller by
 * name; each ends in done/ or failed/. Names starting with '.' or ending in '~',
 * ".tmp" or ".part" are files still being written and are left alone. */
#ifndef HERALD_INBOX_H
#define HERALD_INBOX_H

#include <stdbool.h>
#include <stddef.h>

struct inbox;

typedef void (*inbox_fn)(void *userdata, const char *name);

/* Opens the directory (creating done/ and failed/) and starts watching it. */
int inbox_open(const char *dir, struct inbox **ret, char *err, size_t err_size);
void inbox_close(struct inbox *ib);

int inbox_fd(const struct inbox *ib);
const char *inbox_dir(const struct inbox *ib);

/* Hands every waiting file to fn, in name order. */
int inbox_scan(struct inbox *ib, inbox_fn fn, void *userdata);

/* Reads the inotify events and hands each new file to fn (a queue overflow
 * rescans the directory). */
int inbox_read(struct inbox *ib, inbox_fn fn, void *userdata);

/* Moves name into done/ (ok) or failed/, never overwriting a file there. */
int inbox_finish(struct inbox *ib, const char *name, bool ok);

#endif
