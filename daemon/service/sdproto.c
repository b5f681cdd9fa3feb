/* The few calls heraldd made into libsystemd, spoken directly: its protocols are
 * a datagram and a handful of environment variables (sd_notify(3),
 * sd_watchdog_enabled(3), sd_listen_fds(3), sd_is_socket(3)), and the library
 * with the six it loads cost about a tenth of heraldd's start-up. Values are
 * read and refused as systemd 252 reads and refuses them. */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "sdproto.h"

/* The address of a path or an abstract name ('@' for its leading NUL). */
static int address_of(const char *name, struct sockaddr_un *sa, socklen_t *len)
{
        size_t n = strlen(name);

        if ((name[0] != '/' && name[0] != '@') || n < 2 || n > sizeof(sa->sun_path))
                return -EINVAL;
        if (name[0] == '/' && n == sizeof(sa->sun_path))
                return -EINVAL; /* no room for the path's NUL */
        *sa = (struct sockaddr_un){ .sun_family = AF_UNIX };
        memcpy(sa->sun_path, name, n);
        if (name[0] == '@')
                sa->sun_path[0] = '\0';
        /* a path's length counts its NUL, an abstract name's does not */
        *len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + (name[0] == '/'));
        return 0;
}

int sdproto_send(int *fd, const char *address, const struct iovec *iov, size_t n)
{
        struct sockaddr_un sa;
        struct msghdr mh = { .msg_name = &sa, .msg_iov = (struct iovec *)iov, .msg_iovlen = n };
        socklen_t len;
        int r = address_of(address, &sa, &len);

        if (r < 0)
                return r;
        mh.msg_namelen = len;
        if (*fd < 0 && (*fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
                return -errno;
        return sendmsg(*fd, &mh, MSG_NOSIGNAL) < 0 ? -errno : 0;
}

size_t sdproto_journal_field(struct iovec *iov, const char *field, uint64_t *le_len)
{
        const char *eq = strchr(field, '='), *value = eq + 1;
        size_t n = strlen(value);

        if (!strchr(value, '\n')) {
                iov[0] = (struct iovec){ (void *)field, strlen(field) };
                iov[1] = (struct iovec){ (void *)"\n", 1 };
                return 2;
        }
        *le_len = htole64((uint64_t)n);
        iov[0] = (struct iovec){ (void *)field, (size_t)(eq - field) };
        iov[1] = (struct iovec){ (void *)"\n", 1 };
        iov[2] = (struct iovec){ le_len, sizeof(*le_len) };
        iov[3] = (struct iovec){ (void *)value, n };
        iov[4] = (struct iovec){ (void *)"\n", 1 };
        return 5;
}

/* A whole decimal number (leading blanks allowed, no sign), as safe_atou64. */
static int parse_u64(const char *s, uint64_t *ret)
{
        char *end;
        unsigned long long v;

        s += strspn(s, " \t\n\r");
        if (*s == '-' || *s == '+')
                return -EINVAL;
        errno = 0;
        v = strtoull(s, &end, 10);
        if (errno)
                return -errno;
        if (end == s || *end)
                return -EINVAL;
        *ret = v;
        return 0;
}

/* Whether the pid in variable name is ours: 1, 0, or -EINVAL when it is no pid. */
static int pid_is_ours(const char *name)
{
        uint64_t pid;
        int r = parse_u64(getenv(name), &pid);

        if (r < 0)
                return r;
        if (pid == 0 || pid > INT_MAX)
                return -EINVAL;
        return (pid_t)pid == getpid();
}

static int watchdog_read(uint64_t *usec)
{
        const char *s = getenv("WATCHDOG_USEC");
        uint64_t u;
        int r;

        if (!s)
                return 0;
        if ((r = parse_u64(s, &u)) < 0)
                return r;
        if (u == 0 || u == UINT64_MAX) /* not set, or infinity */
                return -EINVAL;
        if (getenv("WATCHDOG_PID") && (r = pid_is_ours("WATCHDOG_PID")) <= 0)
                return r;
        *usec = u;
        return 1;
}

int sdproto_watchdog(uint64_t *usec)
{
        int r = watchdog_read(usec);

        unsetenv("WATCHDOG_USEC");
        unsetenv("WATCHDOG_PID");
        return r;
}

/* $LISTEN_FDS when $LISTEN_PID is ours, each fd set close-on-exec. */
static int listen_fds_count(void)
{
        uint64_t n;
        int r;

        if (!getenv("LISTEN_PID"))
                return 0;
        if ((r = pid_is_ours("LISTEN_PID")) <= 0)
                return r; /* for another process (a parent's, inherited): not ours */
        if (!getenv("LISTEN_FDS"))
                return 0;
        if ((r = parse_u64(getenv("LISTEN_FDS"), &n)) < 0)
                return r;
        if (n == 0 || n > INT_MAX - SDPROTO_LISTEN_FDS_START)
                return -EINVAL;
        for (int fd = SDPROTO_LISTEN_FDS_START; fd < SDPROTO_LISTEN_FDS_START + (int)n; fd++) {
                int flags = fcntl(fd, F_GETFD);

                if (flags < 0 || (!(flags & FD_CLOEXEC) && fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0))
                        return -errno;
        }
        return (int)n;
}

static void names_free(char **names)
{
        for (size_t i = 0; names && names[i]; i++)
                free(names[i]);
        free(names);
}

/* $LISTEN_FDNAMES split at every ':' (empty names kept), or n "unknown". */
static int names_split(const char *s, int n, char ***ret)
{
        size_t k = 0, want = s ? 1 : (size_t)n;
        char **names;

        for (const char *p = s; p && *p; p++)
                want += *p == ':';
        if (s && !*s)
                want = (size_t)n; /* an empty list names nothing: "unknown" as when unset */
        if (want != (size_t)n)
                return -EINVAL;
        if (!(names = calloc(want + 1, sizeof(*names))))
                return -ENOMEM;
        for (const char *p = s && *s ? s : NULL; k < want; k++) {
                size_t len = p ? strcspn(p, ":") : 0;

                if (!(names[k] = p ? strndup(p, len) : strdup("unknown"))) {
                        names_free(names);
                        return -ENOMEM;
                }
                p = p ? p + len + (p[len] == ':') : NULL;
        }
        *ret = names;
        return 0;
}

int sdproto_listen_fds(char ***names)
{
        const char *e = getenv("LISTEN_FDNAMES");
        char *fdnames = e ? strdup(e) : NULL;
        int n = e && !fdnames ? -ENOMEM : listen_fds_count(), r;

        unsetenv("LISTEN_PID");
        unsetenv("LISTEN_FDS");
        unsetenv("LISTEN_FDNAMES");
        r = n > 0 ? names_split(fdnames, n, names) : 0;
        free(fdnames);
        return r < 0 ? r : n;
}

int sdproto_is_listening_stream(int fd)
{
        int type = 0, listening = 0;
        socklen_t len = sizeof(type);
        struct stat st;

        if (fstat(fd, &st) < 0)
                return -errno;
        if (!S_ISSOCK(st.st_mode))
                return 0;
        if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0)
                return -errno;
        if (type != SOCK_STREAM)
                return 0;
        len = sizeof(listening);
        if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) < 0)
                return -errno;
        return listening != 0;
}
