/* Bounded whole-file reads: every input of herald (articles, data files, config)
 * comes through here, so the size limit is enforced in one place. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal/cleanup.h"
#include "fileio.h"

static int read_open(const char *path, size_t max, bool regular_only, char **ret, size_t *ret_len)
{
        /* O_NONBLOCK when only a regular file will do: a FIFO without a writer
         * would otherwise block the open forever */
        _cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | (regular_only ? O_NONBLOCK : 0));
        _cleanup_free_ char *buf = NULL;
        size_t len = 0, cap = 0;
        struct stat st;

        if (fd < 0)
                return -errno;
        if (fstat(fd, &st) < 0)
                return -errno;
        if (S_ISDIR(st.st_mode))
                return -EISDIR;
        if (regular_only && !S_ISREG(st.st_mode))
                return FILEIO_NOT_REGULAR;
        if (S_ISREG(st.st_mode) && (size_t)st.st_size > max)
                return -EFBIG;
        /* Read to EOF rather than trusting st_size: pipes and growing files differ. */
        for (;;) {
                ssize_t n;

                if (len + 1 >= cap) {
                        size_t ncap = cap ? cap * 2 : (S_ISREG(st.st_mode) ? (size_t)st.st_size + 2 : 4096);
                        char *p;

                        if (ncap > max + 2)
                                ncap = max + 2;
                        if (ncap <= len + 1)
                                return -EFBIG;
                        p = realloc(buf, ncap);
                        if (!p)
                                return -ENOMEM;
                        buf = p;
                        cap = ncap;
                }
                n = read(fd, buf + len, cap - len - 1);
                if (n < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                if (n == 0)
                        break;
                len += (size_t)n;
                if (len > max)
                        return -EFBIG;
        }
        if (!buf && !(buf = malloc(1)))
                return -ENOMEM;
        buf[len] = '\0';
        *ret = TAKE_PTR(buf);
        *ret_len = len;
        return 0;
}

int fileio_read(const char *path, size_t max, char **ret, size_t *ret_len)
{
        return read_open(path, max, false, ret, ret_len);
}

int fileio_read_regular(const char *path, size_t max, char **ret, size_t *ret_len)
{
        return read_open(path, max, true, ret, ret_len);
}

const char *fileio_strerror(int r)
{
        return r == FILEIO_NOT_REGULAR ? "not a regular file (a FIFO, device or socket)" : strerror(-r);
}
