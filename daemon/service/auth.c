/* Access control. Without a ZAP handler libzmq admits any client that knows the
 * server's public key, so heraldd never serves CURVE without one: the handler
 * here answers libzmq's ZAP requests (RFC 27) in the daemon's own loop and
 * admits a client key only when a certificate in the allowlist holds it. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <zmq.h>

#include "internal/alloc.h"
#include "internal/cleanup.h"
#include "internal/curve-cert.h"
#include "auth.h"
#include "log.h"
#include "wire.h"

#define ZAP_ENDPOINT "inproc://zeromq.zap.01"
#define ZAP_DOMAIN "herald"
#define ZAP_MAX_FRAMES 8
#define ZAP_PER_CALL 256 /* requests answered per wake-up, so a flood of handshakes cannot hold the loop */
#define REFUSAL_QUIET_S 60 /* a peer refused again within this is counted, not logged again */
#define REFUSALS_TRACKED 32

struct auth {
        void *zap;
        struct curve_cert server;
        char *allow_dir;
        char (*keys)[CURVE_KEY_TEXT];
        size_t n_keys;
};

/* Clients that are refused reconnect every 100 ms by default: one line per peer
 * and reason a minute keeps a hostile client from flooding the journal. The
 * table is shared by every socket's refusals, so it is the module's own. */
static struct refusal {
        char key[160];
        time_t logged;
        unsigned quiet; /* refusals not logged since */
} refusals[REFUSALS_TRACKED];

/* Whether to log this refusal now; *quiet is how many were held back before it. */
static bool refusal_due(const char *key, unsigned *quiet)
{
        time_t now = time(NULL);
        struct refusal *slot = &refusals[0];

        for (size_t i = 0; i < REFUSALS_TRACKED; i++) {
                if (strcmp(refusals[i].key, key) == 0) {
                        slot = &refusals[i];
                        break;
                }
                if (refusals[i].logged < slot->logged)
                        slot = &refusals[i]; /* else the oldest makes room */
        }
        if (strcmp(slot->key, key) == 0 && now - slot->logged < REFUSAL_QUIET_S) {
                slot->quiet++;
                return false;
        }
        *quiet = strcmp(slot->key, key) == 0 ? slot->quiet : 0;
        snprintf(slot->key, sizeof(slot->key), "%s", key);
        slot->logged = now;
        slot->quiet = 0;
        return true;
}

static void log_refusal(const char *key, const char *line)
{
        unsigned quiet = 0;

        if (!refusal_due(key, &quiet))
                return;
        if (quiet)
                log_warnx("%s (and %u times more since the last report)", line, quiet);
        else
                log_warnx("%s", line);
}

/* The allowlist: the public key of every certificate in dir (a bad one is
 * skipped with a warning, so one stray file does not shut everyone out). */
static int read_allowlist(const char *dir, char (**ret)[CURVE_KEY_TEXT], size_t *ret_n, char *err, size_t err_size)
{
        _cleanup_free_ char(*keys)[CURVE_KEY_TEXT] = NULL;
        size_t n = 0, cap = 0;
        struct dirent *e;
        DIR *d = opendir(dir);

        if (!d) {
                snprintf(err, err_size, "--curve-allow %s: %s", dir, strerror(errno));
                return -errno;
        }
        while ((e = readdir(d))) {
                char path[4096], why[256];
                struct curve_cert cert;
                struct stat st;

                snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
                if (e->d_name[0] == '.' || stat(path, &st) < 0 || !S_ISREG(st.st_mode))
                        continue;
                if (curve_cert_read(path, &cert, why, sizeof(why)) < 0) {
                        log_warnx("%s: %s, ignoring", path, why);
                        continue;
                }
                if (GREEDY_REALLOC(keys, cap, n + 1) < 0) {
                        closedir(d);
                        return -ENOMEM;
                }
                memcpy(keys[n++], cert.public_key, CURVE_KEY_TEXT);
        }
        closedir(d);
        if (n == 0)
                log_warnx("--curve-allow %s: no certificates: no client can connect", dir);
        *ret = TAKE_PTR(keys);
        *ret_n = n;
        return 0;
}

int auth_server_cert(const char *path, struct curve_cert *out, char *why, size_t why_size)
{
        char public_key[CURVE_KEY_TEXT];
        struct stat st;
        int r = curve_cert_read(path, out, why, why_size);

        if (r < 0)
                return r;
        if (!out->secret_key[0]) {
                snprintf(why, why_size, "no secret-key: give the _secret file herald keygen wrote");
                return -EINVAL;
        }
        if (zmq_curve_public(public_key, out->secret_key) < 0 || strcmp(public_key, out->public_key) != 0) {
                snprintf(why, why_size, "the public-key is not the secret-key's");
                return -EINVAL;
        }
        if (stat(path, &st) == 0 && (st.st_mode & 077))
                log_warnx("%s: others may read this secret key (mode %03o): chmod 600 it", path, st.st_mode & 0777);
        return 0;
}

static int read_server_cert(const char *path, struct curve_cert *out, char *err, size_t err_size)
{
        char why[256];
        int r = auth_server_cert(path, out, why, sizeof(why));

        if (r < 0)
                snprintf(err, err_size, "--curve-secret %s: %s", path, why);
        return r;
}

int auth_open(void *ctx, const char *secret_path, const char *allow_dir, struct auth **ret, char *err,
              size_t err_size)
{
        struct auth *a = calloc(1, sizeof(*a));
        int r;

        if (!a || !(a->allow_dir = strdup(allow_dir))) {
                free(a);
                return -ENOMEM;
        }
        r = read_server_cert(secret_path, &a->server, err, err_size);
        if (r >= 0)
                r = read_allowlist(allow_dir, &a->keys, &a->n_keys, err, err_size);
        if (r >= 0 && (!(a->zap = zmq_socket(ctx, ZMQ_REP)) || wire_set_int(a->zap, ZMQ_LINGER, 0) < 0 ||
                       zmq_bind(a->zap, ZAP_ENDPOINT) < 0)) {
                r = -errno;
                snprintf(err, err_size, "cannot bind the ZAP handler on %s: %s", ZAP_ENDPOINT, zmq_strerror(errno));
        }
        if (r < 0) {
                auth_close(a);
                return r;
        }
        log_info("CURVE: server key %s, %zu client keys allowed from %s", a->server.public_key, a->n_keys, allow_dir);
        *ret = a;
        return 0;
}

void auth_close(struct auth *a)
{
        if (!a)
                return;
        if (a->zap)
                zmq_close(a->zap);
        explicit_bzero(&a->server, sizeof(a->server));
        free(a->keys);
        free(a->allow_dir);
        free(a);
}

int auth_apply(const struct auth *a, void *socket)
{
        if (!a)
                return 0;
        if (wire_set_int(socket, ZMQ_CURVE_SERVER, 1) < 0 ||
            zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, a->server.secret_key, 40) < 0 ||
            zmq_setsockopt(socket, ZMQ_ZAP_DOMAIN, ZAP_DOMAIN, strlen(ZAP_DOMAIN)) < 0)
                return -errno;
        return 0;
}

void *auth_zap_socket(struct auth *a) { return a->zap; }

static bool allowed(const struct auth *a, const char *key)
{
        for (size_t i = 0; i < a->n_keys; i++)
                if (strcmp(a->keys[i], key) == 0)
                        return true;
        return false;
}

/* Reads one request, all of its frames; returns how many, or -1 when none waits. */
static int zap_receive(void *zap, zmq_msg_t *frames)
{
        zmq_msg_t extra;
        int n = 0, more = 1;

        while (more) {
                zmq_msg_t *m = n < ZAP_MAX_FRAMES ? &frames[n] : &extra;

                zmq_msg_init(m);
                if (zmq_msg_recv(m, zap, n ? 0 : ZMQ_DONTWAIT) < 0) {
                        zmq_msg_close(m);
                        return n ? n : -1;
                }
                more = zmq_msg_more(m);
                if (n < ZAP_MAX_FRAMES)
                        n++;
                else
                        zmq_msg_close(m); /* past what a request has: dropped */
        }
        return n;
}

static void frame_text(zmq_msg_t *m, char *out, size_t size)
{
        size_t n = zmq_msg_size(m) < size - 1 ? zmq_msg_size(m) : size - 1;

        memcpy(out, zmq_msg_data(m), n);
        out[n] = '\0';
        for (size_t i = 0; i < n; i++)
                if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
                        out[i] = '?'; /* the address goes into a log line */
}

/* Decides one request: 200 for an allowed CURVE key, 400 for anything else. */
static const char *zap_decide(struct auth *a, zmq_msg_t *f, int n)
{
        char mechanism[16], address[64], key[CURVE_KEY_TEXT] = "", id[128], line[512];

        if (n < 7 || zmq_msg_size(&f[0]) != 3 || memcmp(zmq_msg_data(&f[0]), "1.0", 3) != 0)
                return "400";
        frame_text(&f[3], address, sizeof(address));
        frame_text(&f[5], mechanism, sizeof(mechanism));
        if (strcmp(mechanism, "CURVE") == 0 && zmq_msg_size(&f[6]) == 32)
                zmq_z85_encode(key, zmq_msg_data(&f[6]), 32);
        if (key[0] && allowed(a, key)) {
                log_debug("admitted CURVE client key %s from %s", key, address);
                return "200";
        }
        snprintf(id, sizeof(id), "zap %s %s", address, key);
        snprintf(line, sizeof(line), "refused CURVE client key %s from %s: not in the allowlist %s",
                 key[0] ? key : mechanism, address[0] ? address : "a local peer", a->allow_dir);
        log_refusal(id, line);
        return "400";
}

void auth_on_zap(struct auth *a)
{
        zmq_msg_t f[ZAP_MAX_FRAMES];
        int n;

        for (int turn = 0; turn < ZAP_PER_CALL && (n = zap_receive(a->zap, f)) >= 0; turn++) {
                const char *status = zap_decide(a, f, n);
                struct frame reply[6] = { wire_str("1.0"), { "", 0 }, wire_str(status),
                                          wire_str(status[0] == '2' ? "OK" : "not allowed"), wire_str(""), { "", 0 } };

                if (n >= 2)
                        reply[1] = (struct frame){ zmq_msg_data(&f[1]), zmq_msg_size(&f[1]) };
                if (strcmp(status, "200") == 0)
                        reply[4] = wire_str("herald-client");
                wire_send(a->zap, reply, 6, 0);
                for (int i = 0; i < n; i++)
                        zmq_msg_close(&f[i]);
        }
}

void auth_reload(struct auth *a)
{
        char (*keys)[CURVE_KEY_TEXT] = NULL, err[512];
        size_t n = 0;

        if (!a)
                return;
        if (read_allowlist(a->allow_dir, &keys, &n, err, sizeof(err)) < 0) {
                log_warnx("%s, keeping the %zu keys allowed so far", err, a->n_keys);
                return;
        }
        free(a->keys);
        a->keys = keys;
        a->n_keys = n;
        log_info("CURVE: %zu client keys allowed from %s", n, a->allow_dir);
}

/* ------------------------------------------------------------------ refused peers */

static void peer_address(int fd, char *out, size_t size)
{
        struct sockaddr_storage ss;
        socklen_t len = sizeof(ss);
        char host[INET6_ADDRSTRLEN];

        snprintf(out, size, "a peer gone before it could be named");
        if (getpeername(fd, (struct sockaddr *)&ss, &len) < 0)
                return;
        if (ss.ss_family == AF_INET) {
                const struct sockaddr_in *sin = (const struct sockaddr_in *)&ss;

                inet_ntop(AF_INET, &sin->sin_addr, host, sizeof(host));
                snprintf(out, size, "%s:%u", host, ntohs(sin->sin_port));
        } else if (ss.ss_family == AF_INET6) {
                const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)&ss;

                inet_ntop(AF_INET6, &sin6->sin6_addr, host, sizeof(host));
                snprintf(out, size, "[%s]:%u", host, ntohs(sin6->sin6_port));
        } else
                snprintf(out, size, "a local peer");
}

static const char *failure_reason(uint16_t event, uint32_t value, char *buf, size_t size)
{
        if (event == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL && value == ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH)
                return "it does not speak this socket's security mechanism (a plaintext client, or CURVE to a plain daemon?)";
        if (event == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL && value == ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC)
                return "its CURVE handshake does not decrypt (it has the wrong server key?)";
        if (event == ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL)
                return "it closed the connection during the CURVE handshake (a plaintext client, or one that does "
                       "not trust this server's key?)";
        snprintf(buf, size, "ZMTP handshake error 0x%x", value);
        return buf;
}

static void log_failed(struct auth_peers *t, int fd, const char *endpoint)
{
        const char *address = "a peer gone before it could be named";
        char buf[48], key[160], line[512];
        const char *reason = failure_reason(t->failed_event, t->failed_value, buf, sizeof(buf));

        for (size_t i = 0; i < AUTH_PEERS_RECENT; i++)
                if (t->recent[i].fd == fd && t->recent[i].address[0])
                        address = t->recent[i].address;
        snprintf(key, sizeof(key), "%s %.*s %x", t->what, (int)strcspn(address, ":"), address, t->failed_value);
        snprintf(line, sizeof(line), "refused a connection to %s from %s: %s", endpoint, address, reason);
        log_refusal(key, line);
}

void auth_peers_event(struct auth_peers *t, uint16_t event, uint32_t value, const char *endpoint)
{
        switch (event) {
        case ZMQ_EVENT_ACCEPTED:
                t->recent[t->next].fd = (int)value;
                peer_address((int)value, t->recent[t->next].address, sizeof(t->recent[t->next].address));
                t->next = (t->next + 1) % AUTH_PEERS_RECENT;
                break;
        case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL:
                t->failed_event = event, t->failed_value = value;
                break;
        case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL:
                /* the peer hung up mid-handshake: on a CURVE socket, often a plaintext
                 * client that saw the mechanism first; on a plain one, a probe */
                t->failed_event = t->secure ? event : 0, t->failed_value = value;
                break;
        case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: /* the ZAP handler has said why */
                t->failed_event = 0;
                break;
        case ZMQ_EVENT_DISCONNECTED:
                /* libzmq reports the failure, then at once the disconnect of the
                 * same connection: that one names the peer */
                if (t->failed_event)
                        log_failed(t, (int)value, endpoint);
                t->failed_event = 0;
                for (size_t i = 0; i < AUTH_PEERS_RECENT; i++)
                        if (t->recent[i].fd == (int)value)
                                t->recent[i].address[0] = '\0';
                break;
        }
}

/* ------------------------------------------------------------------ a socket's own monitor */

struct auth_watch {
        void *monitor;
        struct auth_peers peers;
};

int auth_watch_open(void *ctx, void *socket, const char *what, bool secure, struct auth_watch **ret)
{
        struct auth_watch *w = calloc(1, sizeof(*w));
        char endpoint[64];

        if (!w)
                return -ENOMEM;
        w->peers.what = what;
        w->peers.secure = secure;
        snprintf(endpoint, sizeof(endpoint), "inproc://herald-auth-watch-%p", (void *)w);
        if (zmq_socket_monitor(socket, endpoint, AUTH_MONITOR_EVENTS) < 0 || !(w->monitor = zmq_socket(ctx, ZMQ_PAIR)) ||
            wire_set_int(w->monitor, ZMQ_LINGER, 0) < 0 || zmq_connect(w->monitor, endpoint) < 0) {
                int r = -errno;

                auth_watch_close(w);
                return r;
        }
        *ret = w;
        return 0;
}

void auth_watch_close(struct auth_watch *w)
{
        if (!w)
                return;
        if (w->monitor)
                zmq_close(w->monitor);
        free(w);
}

void *auth_watch_socket(struct auth_watch *w) { return w->monitor; }

/* Monitor events are two frames: 16-bit event and 32-bit value, then the endpoint. */
void auth_watch_read(struct auth_watch *w)
{
        for (;;) {
                uint8_t head[6];
                char endpoint[256];
                uint16_t event;
                uint32_t value;
                int n;

                if (zmq_recv(w->monitor, head, sizeof(head), ZMQ_DONTWAIT) < 0)
                        return;
                n = zmq_recv(w->monitor, endpoint, sizeof(endpoint) - 1, ZMQ_DONTWAIT);
                endpoint[n < 0 ? 0 : n < (int)sizeof(endpoint) ? n : (int)sizeof(endpoint) - 1] = '\0';
                memcpy(&event, head, sizeof(event));
                memcpy(&value, head + 2, sizeof(value));
                auth_peers_event(&w->peers, event, value, endpoint);
        }
}
