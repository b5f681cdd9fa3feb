/* The inbox spool. Only complete files are taken: IN_CLOSE_WRITE (a writer closed
 * it), IN_MOVED_TO (renamed in, the safe way to deliver), and IN_CREATE of what is
 * complete when made (mkdir, mkfifo, ln -s, ln). Anyone who can write
 * to the inbox can put anything there, so a name is opened only when it is a
 * regular file, without following links and without blocking; anything else is
 * filed in failed/ unread. The caller decides what a regular file is worth. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inbox.h"
#include "log.h"

struct inbox {
        char *dir;
        int dirfd;
        int ifd;
};

static bool wanted(const char *name)
{
        size_t n = strlen(name);
        static const char *const partial[] = { "~", ".tmp", ".part", ".swp" };

        if (name[0] == '.' || strcmp(name, "done") == 0 || strcmp(name, "failed") == 0)
                return false;
        for (size_t i = 0; i < sizeof(partial) / sizeof(partial[0]); i++) {
                size_t k = strlen(partial[i]);

                if (n >= k && strcmp(name + n - k, partial[i]) == 0)
                        return false;
        }
        return true;
}

int inbox_open(const char *dir, struct inbox **ret, char *err, size_t err_size)
{
        struct inbox *ib = calloc(1, sizeof(*ib));

        if (!ib || !(ib->dir = strdup(dir))) {
                free(ib);
                return -ENOMEM;
        }
        ib->ifd = -1;
        ib->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (ib->dirfd < 0 || (mkdirat(ib->dirfd, "done", 0750) < 0 && errno != EEXIST) ||
            (mkdirat(ib->dirfd, "failed", 0750) < 0 && errno != EEXIST)) {
                int e = errno;

                snprintf(err, err_size, "%s: %s", dir, strerror(e));
                inbox_close(ib);
                return -e;
        }
        ib->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (ib->ifd < 0 || inotify_add_watch(ib->ifd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ONLYDIR) < 0) {
                int e = errno;

                snprintf(err, err_size, "%s: cannot watch: %s", dir, strerror(e));
                inbox_close(ib);
                return -e;
        }
        *ret = ib;
        return 0;
}

void inbox_close(struct inbox *ib)
{
        if (!ib)
                return;
        if (ib->dirfd >= 0)
                close(ib->dirfd);
        if (ib->ifd >= 0)
                close(ib->ifd);
        free(ib->dir);
        free(ib);
}

int inbox_fd(const struct inbox *ib) { return ib->ifd; }
const char *inbox_dir(const struct inbox *ib) { return ib->dir; }

/* Everything waiting, whatever it is: what is not a regular file is filed in
 * failed/ by inbox_take(), not left behind without a word. */
static int is_waiting_file(const struct dirent *d) { return wanted(d->d_name); }

int inbox_scan(struct inbox *ib, inbox_fn fn, void *userdata)
{
        struct dirent **names;
        int n = scandir(ib->dir, &names, is_waiting_file, alphasort);

        if (n < 0)
                return -errno;
        for (int i = 0; i < n; i++) {
                fn(userdata, names[i]->d_name);
                free(names[i]);
        }
        free(names);
        return 0;
}

/* Whether a name just created is complete already. A regular file being
 * written is not (its IN_CLOSE_WRITE will come); a directory, FIFO, socket or
 * symbolic link made in place (mkdir, mkfifo, ln -s) gets no other event, and a
 * hard link (ln) to an existing file is written already: they are taken now,
 * as if moved in, and inbox_take() files what is not a regular file. */
static bool complete(const struct inbox *ib, const char *name)
{
        struct stat st;

        if (fstatat(ib->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
                return false; /* gone already */
        return !S_ISREG(st.st_mode) || st.st_nlink > 1;
}

int inbox_read(struct inbox *ib, inbox_fn fn, void *userdata)
{
        char buf[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)] __attribute__((aligned(8)));

        for (;;) {
                ssize_t n = read(ib->ifd, buf, sizeof(buf));

                if (n < 0)
                        return errno == EAGAIN ? 0 : -errno;
                for (char *p = buf; p < buf + n;) {
                        const struct inotify_event *ev = (const struct inotify_event *)p;

                        if (ev->mask & IN_Q_OVERFLOW)
                                inbox_scan(ib, fn, userdata); /* events were lost: look at everything */
                        else if (ev->len && wanted(ev->name) && (!(ev->mask & IN_CREATE) || complete(ib, ev->name)))
                                fn(userdata, ev->name);
                        p += sizeof(*ev) + ev->len;
                }
        }
}

/* sub/name, or sub/name.N for N > 0; the stem is shortened (at a UTF-8
 * character boundary) so that the last component still fits NAME_MAX. */
static void target_name(char *out, size_t size, const char *sub, const char *name, int n)
{
        char suffix[16] = "";
        size_t stem = strlen(name), room;

        if (n > 0)
                snprintf(suffix, sizeof(suffix), ".%d", n);
        room = NAME_MAX - strlen(suffix);
        if (stem > room) {
                stem = room;
                while (stem > 0 && ((unsigned char)name[stem] & 0xC0) == 0x80)
                        stem--;
        }
        snprintf(out, size, "%s/%.*s%s", sub, (int)stem, name, suffix);
}

/* Renames without replacing; where the file system cannot promise that, looks first. */
static int rename_new(int dirfd, const char *name, const char *target)
{
        struct stat st;

        if (renameat2(dirfd, name, dirfd, target, RENAME_NOREPLACE) == 0)
                return 0;
        if (errno != EINVAL && errno != ENOSYS)
                return -errno;
        if (fstatat(dirfd, target, &st, AT_SYMLINK_NOFOLLOW) == 0)
                return -EEXIST;
        return renameat(dirfd, name, dirfd, target) < 0 ? -errno : 0;
}

int inbox_finish(struct inbox *ib, const char *name, bool ok)
{
        const char *sub = ok ? "done" : "failed";
        char target[PATH_MAX];
        int r = -EEXIST;

        for (int i = 0; r == -EEXIST && i < 1000; i++) {
                target_name(target, sizeof(target), sub, name, i);
                r = rename_new(ib->dirfd, name, target);
        }
        return r;
}

const char *inbox_escape(const char *name, char *buf, size_t size)
{
        size_t n = 0;

        for (const unsigned char *p = (const unsigned char *)name; *p && n + 5 < size; p++) {
                static const char named[] = { ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't', ['\\'] = '\\' };

                if (*p < sizeof(named) && named[*p])
                        n += (size_t)snprintf(buf + n, size - n, "\\%c", named[*p]);
                else if (*p < 0x20 || *p == 0x7f)
                        n += (size_t)snprintf(buf + n, size - n, "\\x%02x", *p);
                else
                        buf[n++] = (char)*p;
        }
        buf[n] = '\0';
        return buf;
}

static const char *kind_of(mode_t mode)
{
        switch (mode & S_IFMT) {
        case S_IFLNK: return "a symbolic link (never followed)";
        case S_IFIFO: return "a FIFO";
        case S_IFDIR: return "a directory";
        case S_IFSOCK: return "a socket";
        case S_IFCHR: return "a character device";
        case S_IFBLK: return "a block device";
        default: return "not a regular file";
        }
}

/* Opens name if it is a regular file. The type is checked before the open (a
 * device is never opened) and again on the descriptor (the name may have been
 * swapped in between); O_NOFOLLOW and O_NONBLOCK make the open itself safe. */
static int open_regular(int dirfd, const char *name, const char **why)
{
        struct stat before, st;
        int fd;

        if (fstatat(dirfd, name, &before, AT_SYMLINK_NOFOLLOW) < 0)
                return -errno;
        if (!S_ISREG(before.st_mode)) {
                *why = kind_of(before.st_mode);
                return -EINVAL;
        }
        fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) {
                *why = errno == ELOOP ? kind_of(S_IFLNK) : NULL;
                return errno == ELOOP ? -EINVAL : -errno;
        }
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
                *why = kind_of(st.st_mode);
                close(fd);
                return -EINVAL;
        }
        return fd;
}

int inbox_take(struct inbox *ib, const char *name, char *display, size_t display_size)
{
        char safe[NAME_MAX * 4 + 1];
        const char *why = NULL;
        int fd, r;

        snprintf(display, display_size, "%s/%s", ib->dir, inbox_escape(name, safe, sizeof(safe)));
        fd = open_regular(ib->dirfd, name, &why);
        if (fd >= 0)
                return fd;
        if (fd == -ENOENT) { /* gone already: filed by an earlier event, or taken back */
                log_debug("%s: gone before it was read", display);
                return fd;
        }
        /* filed first, then said: whoever reads the log finds it there */
        r = inbox_finish(ib, name, false);
        if (r < 0)
                log_warnx("%s: %s%s, and it cannot be moved to failed/: %s", display, why ? why : "cannot open: ",
                          why ? ", not a regular file" : strerror(-fd), strerror(-r));
        else if (why)
                log_warnx("%s: %s, not a regular file: filed in failed/ unread", display, why);
        else
                log_warnx("%s: cannot open: %s; filed in failed/", display, strerror(-fd));
        return fd;
}
