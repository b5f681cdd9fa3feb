/* Socket activation: the listening sockets systemd passes ($LISTEN_FDS, $LISTEN_FDNAMES),
 * named "events" and "replay" by FileDescriptorName=, adopted into libzmq. */
#ifndef HERALD_ACTIVATION_H
#define HERALD_ACTIVATION_H

#include <stdbool.h>
#include <stddef.h>

/* Binds the zmq socket: to every passed socket named name (through ZMQ_USE_FD),
 * or, when none is named so, to endpoint. With passed sockets of that name,
 * every endpoint of the config is replaced by them. Returns 0 or -errno. */
int activation_bind(void *sock, const char *name, const char *endpoint);

/* Whether sockets named name were passed (and so the endpoints were not bound). */
bool activation_passed(const char *name);

/* Closes the passed sockets nobody adopted (warning about each) and forgets them all. */
void activation_done(void);

#endif
