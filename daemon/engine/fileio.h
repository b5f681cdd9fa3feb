/* Reading a whole file into memory with a size bound. */
#ifndef HERALD_FILEIO_H
#define HERALD_FILEIO_H

#include <stddef.h>

/* Reads `path` into a NUL-terminated buffer. Returns 0, -EFBIG when the file is
 * larger than `max` bytes, or -errno. *ret is set only on success. */
int fileio_read(const char *path, size_t max, char **ret, size_t *ret_len);

#endif
