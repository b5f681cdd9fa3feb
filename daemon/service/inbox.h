/* The inbox: a spool directory watched with inotify. Files there at start and
 * every file closed after writing or moved in later are handed to the caller by
 * name (whatever their type: inbox_take() sorts them); each ends in done/ or failed/. Names starting with '.' or ending in '~',
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

/* Moves name into done/ (ok) or failed/, never overwriting a file there (a
 * ".N" suffix, the name shortened to fit NAME_MAX). */
int inbox_finish(struct inbox *ib, const char *name, bool ok);

/* Opens name for reading when it is a regular file (links are never followed,
 * FIFOs and devices never opened); anything else is logged and filed in failed/.
 * display gets the path to name it by in logs, control characters escaped.
 * Returns the descriptor, or -errno. */
int inbox_take(struct inbox *ib, const char *name, char *display, size_t display_size);

/* name with control characters escaped (\n, \x1b, \\), so that it cannot forge a log line. */
const char *inbox_escape(const char *name, char *buf, size_t size);

#endif
