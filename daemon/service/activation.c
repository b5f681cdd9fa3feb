/* Socket activation. systemd passes listening sockets from fd 3 on with names
 * from the .socket units' FileDescriptorName=; libzmq takes an existing
 * listening fd through ZMQ_USE_FD at the next bind, whose endpoint is then only
 * a label (we give the socket's own address). The option is reset after each
 * bind so a later bind of the same socket makes its own listener. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zmq.h>

#include "activation.h"
#include "log.h"
#include "sdproto.h"
#include "sockname.h"
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
        n = sdproto_listen_fds(&names);
        if (n < 0)
                log_warnx("LISTEN_FDS: %s, binding the configured endpoints", strerror(-n));
        if (n > 0 && !(passed = calloc((size_t)n, sizeof(*passed))))
                n = 0;
        for (int i = 0; i < n; i++)
                passed[n_passed++] = (struct passed_fd){ .fd = SDPROTO_LISTEN_FDS_START + i, .name = names[i] };
        for (int i = n; names && names[i]; i++)
                free(names[i]);
        free(names);
}

static int adopt(void *sock, struct passed_fd *p)
{
        char endpoint[256];
        int r;

        if (sdproto_is_listening_stream(p->fd) <= 0) {
                log_errx("fd %d named '%s' is not a listening stream socket", p->fd, p->name);
                return -ENOTSOCK;
        }
        if ((r = sockname_endpoint(p->fd, false, endpoint, sizeof(endpoint))) < 0) {
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
