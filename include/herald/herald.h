/* libherald: subscribe to a heraldd event stream from C.
 *
 *   herald_sub_options *o = herald_sub_options_new();
 *   herald_sub_options_set_endpoint(o, "tcp://127.0.0.1:5556");
 *   herald_sub_options_set_start(o, HERALD_START_LAST, 10);
 *   herald_sub *sub;
 *   if (herald_sub_open(o, &sub) == HERALD_OK)
 *           for (;;) {
 *                   herald_event *ev;
 *                   int r = herald_sub_next(sub, &ev, 1000);
 *                   if (r == HERALD_OK) {
 *                           printf("%llu %s\n", (unsigned long long)herald_event_sequence(ev),
 *                                  herald_event_headline(ev));
 *                           herald_event_free(ev);
 *                   } else if (r != HERALD_TIMEOUT)
 *                           fprintf(stderr, "%s: %s\n", herald_strerror(r), herald_last_error());
 *           }
 *
 * herald_sub_next() returns events in sequence order, each once, after joining
 * the stream without loss (subscribe, wait for the first message, replay from
 * the start point, stitch the live stream on, close a gap with one more replay).
 * The types are opaque; nothing here needs Jansson or libzmq headers. All
 * functions are for one thread at a time per subscriber.
 */
#ifndef HERALD_HERALD_H
#define HERALD_HERALD_H

#include <stddef.h>
#include <stdint.h>

#include "herald/protocol.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HERALD_LIB_VERSION "0.1.0"

/* Results. Negative values are conditions a caller reacts to; each has a text
 * from herald_strerror(). */
enum herald_result {
        HERALD_OK = 0,
        HERALD_TIMEOUT = -1,       /* no event within the timeout: try again */
        HERALD_GAP = -2,           /* events were lost and replay could not bring them back
                                      (older than the daemon retains); the stream goes on after them */
        HERALD_EPOCH_CHANGED = -3, /* the daemon lost its history (restarted without a journal);
                                      the stream goes on from the start of the new epoch */
        HERALD_UNREACHABLE = -4,   /* nothing heard from the daemon for the connect timeout; the
                                      subscriber keeps trying and rejoins when it is back */
        HERALD_INVALID = -5,       /* a bad argument or option */
        HERALD_NO_MEMORY = -6,
        HERALD_SYSTEM = -7,        /* libzmq or the system failed */
        HERALD_PROTOCOL = -8       /* the daemon sent something this library does not understand */
};

/* Where a new subscriber starts. */
enum herald_start {
        HERALD_START_LIVE = 0,     /* only what is published from now on */
        HERALD_START_LAST = 1,     /* the last n events (matching the topics, if any), then live */
        HERALD_START_SEQUENCE = 2, /* from sequence n, then live */
        HERALD_START_OLDEST = 3    /* everything the daemon retains, then live */
};

typedef struct herald_sub_options herald_sub_options;
typedef struct herald_sub herald_sub;
typedef struct herald_event herald_event;

/* Options: defaults are the daemon's default endpoints, all topics, live start,
 * a 3000 ms connect timeout. Setters return HERALD_OK or HERALD_INVALID (the
 * reason in herald_last_error()). herald_sub_open() and herald_status() copy
 * what they need: the options may be changed or freed right after. */
herald_sub_options *herald_sub_options_new(void);
void herald_sub_options_free(herald_sub_options *o);
int herald_sub_options_set_endpoint(herald_sub_options *o, const char *events_endpoint);
/* Default: where the daemon's first heartbeat says its replay socket is (a
 * wildcard host there is replaced by the events endpoint's host); until then,
 * and for a daemon that does not say, the events endpoint with its port + 1
 * (tcp) or its last "events" turned into "replay" (ipc). Set it to pin it. */
int herald_sub_options_set_replay_endpoint(herald_sub_options *o, const char *replay_endpoint);
/* A topic prefix starting with "ev." and ending in '.', e.g. "ev.arrival.";
 * repeatable; none = all events. Any other prefix can never match: refused. */
int herald_sub_options_add_topic(herald_sub_options *o, const char *prefix);
int herald_sub_options_set_start(herald_sub_options *o, enum herald_start start, uint64_t n);
int herald_sub_options_set_connect_timeout(herald_sub_options *o, int milliseconds);
/* CURVE encryption and authentication, for a daemon off-host: the server's
 * public key and this client's key pair, each 40 Z85 characters. With a NULL
 * client pair a fresh one is made (enough when the daemon admits any client). */
int herald_sub_options_set_curve(herald_sub_options *o, const char *server_public, const char *client_public,
                                 const char *client_secret);
/* A fresh CURVE key pair, 40 Z85 characters and a NUL each (herald keygen). */
int herald_curve_keypair(char public_key[41], char secret_key[41]);
/* The keys a command line names: 40 Z85 characters (a public key), or the path of
 * a certificate as herald keygen or CZMQ's zcert_save write it. secret_key is ""
 * for a public key or a public certificate. HERALD_INVALID says why in
 * herald_last_error(). */
int herald_curve_key_load(const char *key_or_path, char public_key[41], char secret_key[41]);

/* Connects (libzmq connects lazily: a daemon that is not there yet is waited
 * for, and HERALD_UNREACHABLE reported by herald_sub_next()). */
int herald_sub_open(const herald_sub_options *o, herald_sub **ret);
void herald_sub_close(herald_sub *sub);

/* The next event in sequence order, or a negative herald_result. timeout_ms:
 * 0 = do not wait, -1 = wait for ever. On HERALD_OK *ret is the caller's.
 * After a condition, herald_last_error() says what happened: for HERALD_GAP
 * which sequences are gone and the oldest the daemon keeps, or which replay
 * endpoint did not answer (live events still flow: the subscriber goes on). */
int herald_sub_next(herald_sub *sub, herald_event **ret, int timeout_ms);

/* A file descriptor for a foreign event loop: it becomes readable when the
 * subscriber may have something to do. It is edge-triggered: once it is
 * readable, call herald_sub_next(sub, &ev, 0) until it returns HERALD_TIMEOUT. */
int herald_sub_fd(herald_sub *sub);

/* Whether the replay of the start point is done and every event up to the live
 * stream has been returned ("caught up"). */
int herald_sub_caught_up(const herald_sub *sub);

/* Whether the daemon has been heard from since herald_sub_open(). */
int herald_sub_joined(const herald_sub *sub);

/* The last sequence the daemon announced (heartbeats and events), 0 if none. */
uint64_t herald_sub_daemon_sequence(const herald_sub *sub);

/* Asks the daemon at the options' replay endpoint for its STATUS (not given:
 * the derived one, and the one the first heartbeat names): on HERALD_OK
 * *json is its reply ({"epoch", "sequence", "retained", "oldest", "articles",
 * "subscribers", "uptime_s", "version", and from newer daemons "replay"}), to
 * be released with free(). Returns HERALD_UNREACHABLE when no answer came
 * within timeout_ms (herald_last_error() names the endpoint asked). */
int herald_status(const herald_sub_options *o, int timeout_ms, char **json);

/* Accessors: valid until herald_event_free(). Strings are never NULL ("" when
 * the event lacks the member), except a name past the count. The topic,
 * sequence, epoch and JSON text are kept as received; the CloudEvent is parsed
 * at the first call that needs one of its members and kept with the event, so
 * a caller that reads only those four pays no parse (none of these calls can
 * fail: a body that is not JSON reads as an event lacking every member). An
 * event is for one thread at a time, as a subscriber is. */
const char *herald_event_topic(const herald_event *ev);
uint64_t herald_event_sequence(const herald_event *ev);
uint64_t herald_event_epoch(const herald_event *ev);
const char *herald_event_id(const herald_event *ev);
const char *herald_event_type(const herald_event *ev);
const char *herald_event_kind(const herald_event *ev);      /* data.kind: "arrival" */
const char *herald_event_modality(const herald_event *ev);  /* data.modality: "asserted", "planned", ... */
/* When the event was sent (the CloudEvent's time), not when it happened: */
const char *herald_event_time(const herald_event *ev);
/* When it happened (data.when): the value as written ("2024-09-02TEV") and the
 * interval it stands for, start and end in UTC ("" when unknown). */
const char *herald_event_when(const herald_event *ev);
const char *herald_event_when_start(const herald_event *ev);
const char *herald_event_when_end(const herald_event *ev);
const char *herald_event_headline(const herald_event *ev);
/* Who acted and on whom (data.actors, data.targets): names by index, i < count. */
size_t herald_event_actor_count(const herald_event *ev);
const char *herald_event_actor_name(const herald_event *ev, size_t i);
size_t herald_event_target_count(const herald_event *ev);
const char *herald_event_target_name(const herald_event *ev, size_t i);
const char *herald_event_json(const herald_event *ev);
size_t herald_event_json_length(const herald_event *ev);
void herald_event_free(herald_event *ev);

const char *herald_strerror(int result);
/* Why the last result other than HERALD_OK or HERALD_TIMEOUT returned on this
 * thread happened, in one line ("'localhost:5556' is not an endpoint: use
 * tcp://HOST:PORT ..."); "" before any. Valid until the next libherald call. */
const char *herald_last_error(void);
const char *herald_version(void);

#ifdef __cplusplus
}
#endif

#endif
