/* An LD_PRELOAD shim that makes a disk look full: while the file named by
 * $FULLFS_FLAG exists, write() and writev() to a regular file whose path ends
 * in $FULLFS_MATCH fail with ENOSPC; while $FULLFS_SYNC_FLAG exists, its
 * fdatasync() fails with EIO. Removing the flag file frees the "disk". For the full-disk test (tests/test_full_disk.py);
 * tests/helpers/failsync.c does the same for fdatasync faults. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static bool flagged(int fd, const char *flag)
{
        const char *match = getenv("FULLFS_MATCH");
        char link[64], path[4096];
        struct stat st;
        ssize_t n;
        size_t m;

        if (!flag || !match || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || access(flag, F_OK) < 0)
                return false;
        snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
        n = readlink(link, path, sizeof(path) - 1);
        if (n < 0)
                return false;
        path[n] = '\0';
        m = strlen(match);
        return (size_t)n >= m && strcmp(path + n - m, match) == 0;
}

static bool disk_full_for(int fd) { return flagged(fd, getenv("FULLFS_FLAG")); }

int fdatasync(int fd)
{
        static int (*real)(int);

        if (!real)
                real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
        if (flagged(fd, getenv("FULLFS_SYNC_FLAG"))) {
                errno = EIO;
                return -1;
        }
        return real(fd);
}

ssize_t write(int fd, const void *buf, size_t count)
{
        static ssize_t (*real)(int, const void *, size_t);

        if (!real)
                real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
        if (count && disk_full_for(fd)) {
                errno = ENOSPC;
                return -1;
        }
        return real(fd, buf, count);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
        static ssize_t (*real)(int, const struct iovec *, int);

        if (!real)
                real = (ssize_t(*)(int, const struct iovec *, int))dlsym(RTLD_NEXT, "writev");
        if (iovcnt && disk_full_for(fd)) {
                errno = ENOSPC;
                return -1;
        }
        return real(fd, iov, iovcnt);
}
