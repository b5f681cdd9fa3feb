/* Access control: the server's CURVE key pair (from a secret certificate), the
 * allowlist (the public keys of the certificates in a directory, re-read on
 * SIGHUP), the ZAP handler that admits only those keys, and the log line that
 * names every refused peer (from the sockets' monitor events). */
#ifndef HERALD_AUTH_H
#define HERALD_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct auth;

struct curve_cert;

/* Reads the server's secret certificate into out: one that holds a secret-key
 * and the public-key that goes with it (a start and --check-config ask the
 * same). Returns 0, or -errno with a one-line reason in why (no path). */
int auth_server_cert(const char *path, struct curve_cert *out, char *why, size_t why_size);

/* Reads the secret certificate and the allowlist, and binds the ZAP handler in
 * ctx; before any CURVE socket binds. err names the file and what is wrong. */
int auth_open(void *ctx, const char *secret_path, const char *allow_dir, struct auth **ret, char *err,
              size_t err_size);
void auth_close(struct auth *a);

/* Makes socket a CURVE server held to the allowlist; a NULL auth leaves it
 * plain. Before the socket binds. */
int auth_apply(const struct auth *a, void *socket);

/* The ZAP handler's socket, to poll, and the answer to what is waiting there. */
void *auth_zap_socket(struct auth *a);
void auth_on_zap(struct auth *a);

/* Reads the allowlist again (SIGHUP); on failure the old one stays. */
void auth_reload(struct auth *a);

/* Names the peers a socket refuses, from its monitor events: the address of each
 * accepted connection is noted, and a handshake failure followed by the
 * disconnect of that connection is logged with it. */
#define AUTH_PEERS_RECENT 64
struct auth_peers {
        const char *what; /* "events", "replay" */
        bool secure;      /* a CURVE socket: a handshake cut short is a refusal too */
        struct {
                int fd;
                char address[64];
        } recent[AUTH_PEERS_RECENT];
        size_t next;
        uint16_t failed_event; /* 0: none pending */
        uint32_t failed_value;
};

void auth_peers_event(struct auth_peers *t, uint16_t event, uint32_t value, const char *endpoint);

/* The monitor events auth_peers_event() needs. */
#define AUTH_MONITOR_EVENTS                                                                              \
        (ZMQ_EVENT_ACCEPTED | ZMQ_EVENT_DISCONNECTED | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL |            \
         ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH)

/* A monitor of its own, for a socket nobody else monitors (replay). */
struct auth_watch;
int auth_watch_open(void *ctx, void *socket, const char *what, bool secure, struct auth_watch **ret);
void auth_watch_close(struct auth_watch *w);
void *auth_watch_socket(struct auth_watch *w);
void auth_watch_read(struct auth_watch *w);

#endif
