/* The inbox spool. Only complete files are taken: IN_CLOSE_WRITE (a writer closed
 * it) and IN_MOVED_TO (renamed in, the safe way to deliver). The caller decides
 * what a file is worth; this module only finds files and files them away. */
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
        if (ib->ifd < 0 || inotify_add_watch(ib->ifd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_ONLYDIR) < 0) {
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

static int is_waiting_file(const struct dirent *d) { return wanted(d->d_name) && d->d_type != DT_DIR; }

int inbox_scan(struct inbox *ib, inbox_fn fn, void *userdata)
{
        struct dirent **names;
        int n = scandir(ib->dir, &names, is_waiting_file, alphasort);

        if (n < 0)
                return -errno;
        for (int i = 0; i < n; i++) {
                struct stat st;

                if (fstatat(ib->dirfd, names[i]->d_name, &st, 0) == 0 && S_ISREG(st.st_mode))
                        fn(userdata, names[i]->d_name);
                free(names[i]);
        }
        free(names);
        return 0;
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
                        else if (ev->len && !(ev->mask & IN_ISDIR) && wanted(ev->name))
                                fn(userdata, ev->name);
                        p += sizeof(*ev) + ev->len;
                }
        }
}

int inbox_finish(struct inbox *ib, const char *name, bool ok)
{
        const char *sub = ok ? "done" : "failed";
        char target[PATH_MAX];
        struct stat st;

        snprintf(target, sizeof(target), "%s/%s", sub, name);
        for (int i = 1; fstatat(ib->dirfd, target, &st, AT_SYMLINK_NOFOLLOW) == 0 && i < 1000; i++)
                snprintf(target, sizeof(target), "%s/%s.%d", sub, name, i);
        return renameat(ib->dirfd, name, ib->dirfd, target) < 0 ? -errno : 0;
}
