/* getsockname/getpeername as zmq endpoints. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "sockname.h"

static void unix_endpoint(const struct sockaddr_un *un, socklen_t len, char *buf, size_t size)
{
        size_t n = len > offsetof(struct sockaddr_un, sun_path) ? len - offsetof(struct sockaddr_un, sun_path) : 0;

        if (n == 0) /* an unbound client */
                snprintf(buf, size, "ipc://");
        else if (un->sun_path[0])
                snprintf(buf, size, "ipc://%.*s", (int)strnlen(un->sun_path, n), un->sun_path);
        else /* an abstract name */
                snprintf(buf, size, "ipc://@%.*s", (int)(n - 1), un->sun_path + 1);
}

int sockname_endpoint(int fd, bool peer, char *buf, size_t size)
{
        struct sockaddr_storage ss;
        socklen_t len = sizeof(ss);
        char host[INET6_ADDRSTRLEN];

        if ((peer ? getpeername(fd, (struct sockaddr *)&ss, &len) : getsockname(fd, (struct sockaddr *)&ss, &len)) < 0)
                return -errno;
        if (ss.ss_family == AF_INET) {
                const struct sockaddr_in *in = (const struct sockaddr_in *)&ss;
                inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
                snprintf(buf, size, "tcp://%s:%u", host, ntohs(in->sin_port));
        } else if (ss.ss_family == AF_INET6) {
                const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&ss;
                inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
                snprintf(buf, size, "tcp://[%s]:%u", host, ntohs(in6->sin6_port));
        } else if (ss.ss_family == AF_UNIX)
                unix_endpoint((const struct sockaddr_un *)&ss, len, buf, size);
        else
                return -EAFNOSUPPORT;
        return 0;
}
