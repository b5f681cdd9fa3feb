/* Reading a whole file into memory with a size bound. */
#ifndef HERALD_FILEIO_H
#define HERALD_FILEIO_H

#include <errno.h>
#include <stddef.h>

/* Reads `path` into a NUL-terminated buffer. Returns 0, -EFBIG when the file is
 * larger than `max` bytes, or -errno. *ret is set only on success. */
int fileio_read(const char *path, size_t max, char **ret, size_t *ret_len);

/* What fileio_read_regular returns for a FIFO, device or socket. */
#define FILEIO_NOT_REGULAR (-ENODEV)

/* fileio_read for files that must be regular (data and config files): a FIFO,
 * device or socket is FILEIO_NOT_REGULAR at once, never waited on or read. */
int fileio_read_regular(const char *path, size_t max, char **ret, size_t *ret_len);

/* The one-line reason for an error of the two readers. */
const char *fileio_strerror(int r);

#endif
