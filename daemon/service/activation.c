/* Socket activation. systemd passes listening sockets from fd 3 on with names
 * from the .socket units' FileDescriptorName=; libzmq takes an existing
 * listening fd through ZMQ_USE_FD at the next bind, whose endpoint is then only
 * a label (we give the socket's own address). The option is reset after each
 * bind so a later bind of the same socket makes its own listener. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>
#include <zmq.h>

#include "activation.h"
#include "log.h"
#include "wire.h"

struct passed_fd {
        int fd;
        char *name;
        bool taken;
};

static struct passed_fd *passed;
static size_t n_passed;
static bool loaded;

/* Reads $LISTEN_FDS/$LISTEN_FDNAMES once, and removes them from the environment. */
static void load(void)
{
        char **names = NULL;
        int n;

        if (loaded)
                return;
        loaded = true;
        n = sd_listen_fds_with_names(1, &names);
        if (n < 0)
                log_warnx("LISTEN_FDS: %s, binding the configured endpoints", strerror(-n));
        if (n > 0 && !(passed = calloc((size_t)n, sizeof(*passed))))
                n = 0;
        for (int i = 0; i < n; i++)
                passed[n_passed++] = (struct passed_fd){ .fd = SD_LISTEN_FDS_START + i, .name = names[i] };
        for (int i = n; names && names[i]; i++)
                free(names[i]);
        free(names);
}

/* The socket's own address as a zmq endpoint: tcp://127.0.0.1:5556, tcp://[::1]:5556, ipc:///run/x. */
static int endpoint_of(int fd, char *buf, size_t size)
{
        struct sockaddr_storage ss;
        socklen_t len = sizeof(ss);
        char host[INET6_ADDRSTRLEN];
        const struct sockaddr_un *un = (const struct sockaddr_un *)&ss;

        if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
                return -errno;
        if (ss.ss_family == AF_INET) {
                const struct sockaddr_in *in = (const struct sockaddr_in *)&ss;
                inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
                snprintf(buf, size, "tcp://%s:%u", host, ntohs(in->sin_port));
        } else if (ss.ss_family == AF_INET6) {
                const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&ss;
                inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
                snprintf(buf, size, "tcp://[%s]:%u", host, ntohs(in6->sin6_port));
        } else if (ss.ss_family == AF_UNIX && len > offsetof(struct sockaddr_un, sun_path)) {
                size_t n = len - offsetof(struct sockaddr_un, sun_path);
                if (un->sun_path[0]) /* a path; else an abstract name, shown as @name */
                        snprintf(buf, size, "ipc://%.*s", (int)strnlen(un->sun_path, n), un->sun_path);
                else
                        snprintf(buf, size, "ipc://@%.*s", (int)(n - 1), un->sun_path + 1);
        } else
                return -EAFNOSUPPORT;
        return 0;
}

static int adopt(void *sock, struct passed_fd *p)
{
        char endpoint[256];
        int r;

        if (sd_is_socket(p->fd, AF_UNSPEC, SOCK_STREAM, 1) <= 0) {
                log_errx("fd %d named '%s' is not a listening stream socket", p->fd, p->name);
                return -ENOTSOCK;
        }
        if ((r = endpoint_of(p->fd, endpoint, sizeof(endpoint))) < 0) {
                log_errx("fd %d named '%s': %s (tcp and ipc are supported)", p->fd, p->name, strerror(-r));
                return r;
        }
        r = wire_set_int(sock, ZMQ_USE_FD, p->fd) < 0 || zmq_bind(sock, endpoint) < 0 ? -errno : 0;
        wire_set_int(sock, ZMQ_USE_FD, -1);
        if (r < 0) {
                log_errx("cannot adopt fd %d named '%s' (%s): %s", p->fd, p->name, endpoint, zmq_strerror(-r));
                return r;
        }
        p->taken = true; /* libzmq owns the fd now and closes it with the socket */
        log_info("%s on %s, passed by systemd", p->name, endpoint);
        return 0;
}

int activation_bind(void *sock, const char *name, const char *endpoint)
{
        bool named = false;
        int r;

        load();
        for (size_t i = 0; i < n_passed; i++) {
                if (strcmp(passed[i].name, name) != 0)
                        continue;
                named = true;
                if (!passed[i].taken && (r = adopt(sock, &passed[i])) < 0)
                        return r;
        }
        return named ? 0 : wire_bind(sock, endpoint);
}

bool activation_passed(const char *name)
{
        load();
        for (size_t i = 0; i < n_passed; i++)
                if (strcmp(passed[i].name, name) == 0)
                        return true;
        return false;
}

void activation_done(void)
{
        for (size_t i = 0; i < n_passed; i++) {
                if (!passed[i].taken) {
                        log_warnx("fd %d named '%s' passed by systemd: not 'events' or 'replay', ignoring",
                                  passed[i].fd, passed[i].name);
                        close(passed[i].fd);
                }
                free(passed[i].name);
        }
        free(passed);
        passed = NULL;
        n_passed = 0;
}
