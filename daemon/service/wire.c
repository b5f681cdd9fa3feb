/* Multipart sends. Frames after the first cannot fail on their own in libzmq (the
 * high-water mark is checked on the first), so a message goes out whole or not. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <zmq.h>

#include "wire.h"

int wire_send(void *socket, const struct frame *frames, size_t n, int flags)
{
        for (size_t i = 0; i < n; i++)
                if (zmq_send(socket, frames[i].data, frames[i].len, flags | (i + 1 < n ? ZMQ_SNDMORE : 0)) < 0)
                        return -errno;
        return 0;
}

static bool ipc_in_use(const char *path)
{
        struct sockaddr_un sa = { .sun_family = AF_UNIX };
        int fd, r;

        if (strlen(path) >= sizeof(sa.sun_path) || path[0] == '@')
                return false;
        strcpy(sa.sun_path, path);
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
                return false;
        r = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
        close(fd);
        return r == 0;
}

int wire_bind(void *socket, const char *endpoint)
{
        if (strncmp(endpoint, "ipc://", 6) == 0 && ipc_in_use(endpoint + 6))
                return -EADDRINUSE;
        return zmq_bind(socket, endpoint) < 0 ? -errno : 0;
}

int wire_set_int(void *socket, int option, int value) { return zmq_setsockopt(socket, option, &value, sizeof(value)); }
