/* The fuzz targets of the file loaders take a path: the input is written to an
 * anonymous memory file and handed over as /proc/self/fd/N, so no real file is
 * touched and nothing is left behind. */
#ifndef HERALD_FUZZ_INPUT_H
#define HERALD_FUZZ_INPUT_H

#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

/* Writes data to a fresh memfd; returns its fd (path in path) or -1. */
static inline int fuzz_input_file(const uint8_t *data, size_t size, char *path, size_t path_size)
{
        int fd = memfd_create("fuzz", MFD_CLOEXEC);
        size_t done = 0;

        if (fd < 0)
                return -1;
        while (done < size) {
                ssize_t n = write(fd, data + done, size - done);

                if (n <= 0) {
                        close(fd);
                        return -1;
                }
                done += (size_t)n;
        }
        snprintf(path, path_size, "/proc/self/fd/%d", fd);
        return fd;
}

#endif
