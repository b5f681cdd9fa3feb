/* failsync: an LD_PRELOAD shim for tests/test_durability.py. The first
 * $FAILSYNC_OK calls of fdatasync and fsync (together, in call order) really
 * sync; every later call fails with EIO and syncs nothing (or, with
 * $FAILSYNC_HANG set, never returns: a crash between write and sync is a kill
 * then). Unset: none fail.
 * Each successful call appends "<path> <size>\n" to $FAILSYNC_LOG after a pause
 * of $FAILSYNC_DELAY_MS: so the log holds, by the time the caller goes on, how
 * much of the file was on disk. A daemon that sends
 * an event before its sync returns is caught: the event arrives in the pause,
 * before the size that covers it is logged.
 *
 * Built without sanitizers; a sanitized heraldd needs libasan first in
 * LD_PRELOAD (the test does that). */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef int sync_fn(int fd);

static unsigned long calls;

static long env_number(const char *name, long fallback)
{
        const char *s = getenv(name);

        return s && *s ? strtol(s, NULL, 10) : fallback;
}

static void pause_ms(long ms)
{
        struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

        while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
                ;
}

/* Appends "<path> <size>", the size when the sync began; one write(2), so lines
 * never mix. */
static void record(int fd, const struct stat *st)
{
        const char *log = getenv("FAILSYNC_LOG");
        char link[64], path[PATH_MAX], line[PATH_MAX + 32];
        ssize_t n;
        int out, len;

        if (!log)
                return;
        snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
        n = readlink(link, path, sizeof(path) - 1);
        if (n < 0)
                return;
        path[n] = '\0';
        pause_ms(env_number("FAILSYNC_DELAY_MS", 0));
        len = snprintf(line, sizeof(line), "%s %lld\n", path, (long long)st->st_size);
        out = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (out < 0)
                return;
        if (write(out, line, (size_t)len) != len)
                fprintf(stderr, "failsync: cannot write %s\n", log);
        close(out);
}

static int shim(const char *name, int fd)
{
        sync_fn *real = (sync_fn *)dlsym(RTLD_NEXT, name);
        long ok = env_number("FAILSYNC_OK", -1);
        unsigned long n = __atomic_fetch_add(&calls, 1, __ATOMIC_SEQ_CST);
        struct stat st;
        int r;

        if (ok >= 0 && n >= (unsigned long)ok) {
                while (getenv("FAILSYNC_HANG"))
                        pause();
                errno = EIO;
                return -1;
        }
        if (!real) {
                errno = ENOSYS;
                return -1;
        }
        if (fstat(fd, &st) < 0)
                return -1;
        r = real(fd);
        if (r == 0)
                record(fd, &st);
        return r;
}

int fdatasync(int fd);
int fsync(int fd);

int fdatasync(int fd) { return shim("fdatasync", fd); }
int fsync(int fd) { return shim("fsync", fd); }
