/* The daemon: one thread, one zmq_poll loop over the replay socket, the two
 * sockets' monitors, the ZAP handler (with CURVE), a signalfd and the inbox's
 * inotify fd, with timers for the next event, the next heartbeat and pending
 * replay batches. Signals only arrive through the signalfd, so nothing runs in
 * a signal handler; daemon_reload.c reads it and does SIGHUP's reload. */
#include <errno.h>
#include <inttypes.h>
#include <malloc.h>
#include <nss.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#include "activation.h"
#include "auth.h"
#include "codebook.h"
#include "internal/alloc.h"
#include "daemon_internal.h"
#include "heap_huge.h"
#include "history.h"
#include "inbox.h"
#include "journal.h"
#include "log.h"
#include "notify.h"
#include "pipeline.h"
#include "publish.h"
#include "replay.h"
#include "source.h"

#define STARTUP_SETTLE_MS 300 /* before the first article: lets waiting subscribers connect */
#define ONCE_LINGER_MS 1000   /* --once: keep serving this long after the last event */
#define REPLAY_RETRY_MS 5     /* a replay peer at its high-water mark is tried again after this */
#define JOURNAL_RETRY_MIN_MS 100 /* a journal that cannot be written is tried again after this, */
#define JOURNAL_RETRY_MAX_MS 5000 /* doubling up to this */

static int64_t now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int open_journal(struct daemon *d)
{
        struct journal_report rep;
        char err[256] = "";
        const char *path = d->config->journal;
        int r = journal_open(path, &d->history, &d->journal, &rep, err, sizeof(err));

        if (r < 0) {
                log_errx("%s: %s", path, err[0] ? err : strerror(-r));
                return EX_IOERR;
        }
        if (rep.torn_bytes)
                log_warnx("%s: cut off a torn last line (%zu bytes) left by a crash", path, rep.torn_bytes);
        if (rep.bad_lines)
                log_warnx("%s: %zu damaged lines skipped", path, rep.bad_lines);
        for (size_t i = 0; i < rep.n_gaps && i < JOURNAL_GAPS; i++) {
                char range[48];
                bool many = rep.gaps[i].last > rep.gaps[i].first;

                if (many)
                        snprintf(range, sizeof(range), "%" PRIu64 "-%" PRIu64, rep.gaps[i].first, rep.gaps[i].last);
                else
                        snprintf(range, sizeof(range), "%" PRIu64, rep.gaps[i].first);
                log_warnx("%s: no line for sequence %s (lost or damaged): replay skips %s", path, range,
                          many ? "them" : "it");
        }
        if (rep.n_gaps > JOURNAL_GAPS)
                log_warnx("%s: %" PRIu64 " sequences missing in %zu runs in all", path, rep.missing, rep.n_gaps);
        if (path)
                log_fields(LOG_LEVEL_INFO,
                           LOG_FIELDS(LOG_STR("HERALD_JOURNAL", path),
                                      LOG_NUM("HERALD_SEQUENCE", journal_sequence(d->journal))),
                           "%s: %s, epoch %016llx, %zu events, last sequence %llu", path,
                           rep.created ? "new journal" : "read back", (unsigned long long)journal_epoch(d->journal),
                           rep.events, (unsigned long long)journal_sequence(d->journal));
        else
                log_info("no journal: new epoch %016llx", (unsigned long long)journal_epoch(d->journal));
        return 0;
}

static void status_of(void *userdata, struct replay_status *st)
{
        const struct daemon *d = userdata;
        /* an event a full subscriber holds is in the window before it is sent
         * (unless the window could not keep it: then it is one of the holes) */
        uint64_t newest = history_newest(&d->history);
        bool unsent = newest > d->pipeline.last_published && !history_is_hole(&d->history, newest);

        *st = (struct replay_status){ .epoch = journal_epoch(d->journal), .sequence = d->pipeline.last_published,
                                      .retained = d->history.n - d->history.holes - unsent, .oldest = history_oldest(&d->history),
                                      .articles = journal_articles(d->journal),
                                      .subscribers = publisher_subscribers(d->publisher),
                                      .uptime_s = (now_ms() - d->started_ms) / 1000,
                                      .paused = d->paused[0] ? d->paused : NULL };
}

struct replay_limits daemon_replay_limits(const struct config *c)
{
        return (struct replay_limits){ .stall_ms = c->replay_stall_ms, .memory = c->replay_memory,
                                       .rate = c->max_requests_per_second, .max_request = c->max_request_size };
}

/* CURVE needs both the server's key and an allowlist: without a ZAP handler
 * libzmq would admit anyone who knows the server's public key. */
static int open_auth(struct daemon *d)
{
        const struct config *c = d->config;
        char err[512] = "";

        if (!c->curve_secret && !c->curve_allow)
                return 0;
        if (!c->curve_secret || !c->curve_allow) {
                log_errx("%s", c->curve_secret ? "--curve-secret without --curve-allow: refusing to serve CURVE to "
                                                 "anyone who knows the server key; give --curve-allow DIR"
                                               : "--curve-allow without --curve-secret: give the server's secret "
                                                 "certificate (herald keygen) as --curve-secret FILE");
                return EX_CONFIG;
        }
        if (auth_open(d->ctx, c->curve_secret, c->curve_allow, &d->auth, err, sizeof(err)) < 0) {
                log_errx("%s", err[0] ? err : "CURVE: out of memory");
                return EX_CONFIG;
        }
        return 0;
}

/* zmq_ctx_new() starts OpenPGM, which looks the "pgm" protocol up through NSS;
 * with Debian's "protocols: db files" glibc first tries to load libnss_db.so.2
 * from every library directory: 44 failed opens, about 1 ms of each start.
 * heraldd binds only tcp:// and ipc://, never PGM, so where the number comes
 * from does not matter to it: /etc/protocols alone. */
static void protocols_from_files(void)
{
        __nss_configure_lookup("protocols", "files");
}

static int open_sockets(struct daemon *d)
{
        struct replay_limits limits = daemon_replay_limits(d->config);
        char err[512] = "";
        int r;

        protocols_from_files();
        d->ctx = zmq_ctx_new();
        if (!d->ctx) {
                log_err("cannot create the ZeroMQ context");
                return EX_OSERR;
        }
        if ((r = open_auth(d)))
                return r;
        if (publisher_open(d->ctx, d->config->binds, d->config->n_binds, d->auth, &d->publisher, err, sizeof(err)) < 0 ||
            replay_open(d->ctx, d->config->replay_bind, d->auth, &limits, status_of, d, &d->replay, err,
                        sizeof(err)) < 0) {
                log_errx("%s", err);
                return EX_UNAVAILABLE;
        }
        if (auth_watch_open(d->ctx, replay_socket(d->replay), "replay", d->auth != NULL, &d->replay_watch) < 0) {
                log_err("cannot monitor the replay socket");
                return EX_OSERR;
        }
        publisher_set_stream(d->publisher, journal_epoch(d->journal), journal_sequence(d->journal));
        publisher_set_heartbeat(d->publisher, d->config->heartbeat_ms);
        if (publisher_set_replay(d->publisher, replay_endpoint_json(d->replay)) < 0) {
                log_errx("out of memory");
                return EX_OSERR;
        }
        for (size_t i = 0; i < d->config->n_binds && !activation_passed("events"); i++)
                log_info("publishing on %s", d->config->binds[i]);
        if (!activation_passed("replay"))
                log_info("replay on %s", d->config->replay_bind);
        activation_done();
        return 0;
}

static void journal_failed(struct daemon *d, int r, int64_t now);

static void ingest(struct daemon *d, const char *path, const char *display, const char *inbox_name)
{
        int r = pipeline_ingest(&d->pipeline, path, display, inbox_name);

        if (r == -ENOMEM) {
                log_errx("out of memory taking in '%s'", display);
                d->stop = true;
        } else if (r < 0) /* recording an article without events: as for an event, pause and retry */
                journal_failed(d, r, now_ms());
}

/* The file is read through the descriptor inbox_take() checked, so a name
 * swapped for a FIFO or a link in the meantime is never opened. */
static void on_inbox_file(void *userdata, const char *name)
{
        struct daemon *d = userdata;
        char display[8192], path[64];
        int fd;

        if (d->paused[0])
                return; /* left in the inbox: taken in when the journal is writable again */
        if ((fd = inbox_take(d->inbox, name, display, sizeof(display))) < 0)
                return;
        snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
        ingest(d, path, display, name);
        close(fd);
}

static void ingest_bundled_one(void *userdata, const char *path)
{
        ingest(userdata, path, path, NULL);
}

/* With neither articles nor an inbox: the bundled articles. */
static void ingest_bundled(struct daemon *d)
{
        if (source_bundled(daemon_data_dir(d->config), ingest_bundled_one, d) < 0)
                log_warn("%s/articles: cannot list the bundled articles", daemon_data_dir(d->config));
}

static int open_sources(struct daemon *d)
{
        char err[512] = "";

        if (d->config->inbox) {
                if (inbox_open(d->config->inbox, &d->inbox, err, sizeof(err)) < 0) {
                        log_errx("inbox %s", err);
                        return EX_NOINPUT;
                }
                d->pipeline.inbox = d->inbox;
                log_info("watching inbox %s", d->config->inbox);
        }
        for (size_t i = 0; i < d->opts->n_articles; i++)
                ingest(d, d->opts->articles[i], d->opts->articles[i], NULL);
        if (d->inbox)
                inbox_scan(d->inbox, on_inbox_file, d);
        if (!d->inbox && d->opts->n_articles == 0)
                ingest_bundled(d);
        return 0;
}

/* How long the poll may sleep: until the next event, heartbeat or replay batch. */
static long poll_timeout(struct daemon *d, int64_t now, int64_t next_heartbeat, bool replaying)
{
        int64_t due = next_heartbeat, watchdog;
        int64_t next_event = d->paused[0] ? d->retry_at_ms : pipeline_next_due(&d->pipeline, now);

        if (next_event < d->bound_ms + STARTUP_SETTLE_MS)
                next_event = d->bound_ms + STARTUP_SETTLE_MS; /* nothing is published before it: do not spin */
        if (next_event < due)
                due = next_event;
        if (replaying)
                due = replay_blocked(d->replay) ? now + REPLAY_RETRY_MS : now;
        if (pipeline_idle(&d->pipeline) && !d->idle_since_ms)
                due = now; /* gone idle: the turn that trims is not left to the next heartbeat */
        if (d->opts->once && pipeline_idle(&d->pipeline) && d->idle_since_ms + ONCE_LINGER_MS < due)
                due = d->idle_since_ms + ONCE_LINGER_MS;
        watchdog = notify_watchdog(now); /* fed from the loop only, so a stuck loop is killed */
        if (watchdog < due)
                due = watchdog;
        return due <= now ? 0 : (long)(due - now);
}

/* The poll set: fixed items first, then the ZAP handler and the inbox when there
 * are. The events socket is polled by its descriptor: a PUB is always
 * writable to zmq_poll, and its descriptor also says when a subscriber that
 * held the stream has made room. */
enum { ITEM_SIGNAL, ITEM_REPLAY, ITEM_PUB, ITEM_PUB_MONITOR, ITEM_REPLAY_MONITOR, ITEM_FIXED };

static size_t poll_items(struct daemon *d, zmq_pollitem_t items[7], int *zap, int *inbox)
{
        size_t n = ITEM_FIXED;
        /* a replay at a full pipe waits for it to drain (libzmq signals it when
         * the peer has read half the high-water mark) rather than for the retry
         * timer alone: over ipc a reader drains the pipe faster than the timer,
         * and heraldd sat idle half of a replay */
        bool out = replay_wants_out(d->replay) && !d->out_spun;

        items[ITEM_SIGNAL] = (zmq_pollitem_t){ .fd = d->signal_fd, .events = ZMQ_POLLIN };
        items[ITEM_REPLAY] = (zmq_pollitem_t){ .socket = replay_socket(d->replay),
                                               .events = (short)(ZMQ_POLLIN | (out ? ZMQ_POLLOUT : 0)) };
        items[ITEM_PUB] = (zmq_pollitem_t){ .fd = publisher_fd(d->publisher), .events = ZMQ_POLLIN };
        items[ITEM_PUB_MONITOR] = (zmq_pollitem_t){ .socket = publisher_monitor(d->publisher), .events = ZMQ_POLLIN };
        items[ITEM_REPLAY_MONITOR] = (zmq_pollitem_t){ .socket = auth_watch_socket(d->replay_watch), .events = ZMQ_POLLIN };
        *zap = *inbox = -1;
        if (d->auth) {
                *zap = (int)n;
                items[n++] = (zmq_pollitem_t){ .socket = auth_zap_socket(d->auth), .events = ZMQ_POLLIN };
        }
        if (d->inbox) {
                *inbox = (int)n;
                items[n++] = (zmq_pollitem_t){ .fd = inbox_fd(d->inbox), .events = ZMQ_POLLIN };
        }
        return n;
}

static bool readable(const zmq_pollitem_t *items, int i) { return i >= 0 && (items[i].revents & ZMQ_POLLIN); }

/* The journal refused a write: pause (or stay paused) and retry later. */
static void journal_failed(struct daemon *d, int r, int64_t now)
{
        if (!d->paused[0]) {
                log_errx("%s: cannot write the journal: %s; taking no articles in and retrying, replay and STATUS "
                         "go on", d->config->journal, strerror(-r));
                d->retry_ms = JOURNAL_RETRY_MIN_MS;
        } else if ((d->retry_ms *= 2) > JOURNAL_RETRY_MAX_MS)
                d->retry_ms = JOURNAL_RETRY_MAX_MS;
        snprintf(d->paused, sizeof(d->paused), "journal: %s", strerror(-r));
        d->retry_at_ms = now + d->retry_ms;
}

/* The journal took what it had refused: take articles in again, the ones that
 * were delivered meanwhile first. */
static void journal_resumed(struct daemon *d)
{
        log_notice("%s: the journal can be written again: resuming", d->config->journal);
        d->paused[0] = '\0';
        if (d->inbox)
                inbox_scan(d->inbox, on_inbox_file, d);
}

static int publish(struct daemon *d, int64_t now)
{
        int r;

        if (d->stop || now < d->bound_ms + STARTUP_SETTLE_MS || (d->paused[0] && now < d->retry_at_ms))
                return 0;
        r = pipeline_publish_due(&d->pipeline, now);
        if (r == -ENOMEM) {
                log_errx("out of memory; stopping, nothing more is published");
                return EX_OSERR;
        }
        if (r < 0)
                journal_failed(d, r, now);
        else if (d->paused[0])
                journal_resumed(d);
        return 0;
}

/* Gives back to the system what glibc keeps of freed memory, once when the
 * pipeline goes idle after a burst. There is no trim during a burst: since an
 * article's sentences are one array (session 8) the window's blocks take the
 * memory finished articles freed, and a burst's peak was the same with trims
 * after articles and without them (tests/test_memory.py), while each trim cost
 * a madvise per free chunk in the middle of the burst. */
static void trim(struct daemon *d, int64_t now)
{
        if (!pipeline_idle(&d->pipeline)) {
                d->idle_since_ms = 0;
                return;
        }
        if (d->idle_since_ms)
                return;
        d->idle_since_ms = now;
        malloc_trim(0);
}

/* One turn of the loop after the poll: take input, publish, serve replays. */
static int turn(struct daemon *d, const zmq_pollitem_t *items, int zap, int inbox, bool *replaying)
{
        int64_t now = now_ms();
        int r;

        if (readable(items, ITEM_SIGNAL))
                daemon_on_signal(d);
        if (readable(items, zap))
                auth_on_zap(d->auth);
        if (readable(items, ITEM_REPLAY))
                replay_on_readable(d->replay, &d->history, journal_epoch(d->journal), d->pipeline.last_published, now);
        if (readable(items, ITEM_PUB))
                publisher_on_readable(d->publisher);
        if (readable(items, ITEM_PUB_MONITOR))
                publisher_on_monitor(d->publisher);
        if (readable(items, ITEM_REPLAY_MONITOR))
                auth_watch_read(d->replay_watch);
        if (readable(items, inbox))
                inbox_read(d->inbox, on_inbox_file, d);
        if ((r = publish(d, now)) != 0)
                return r;
        *replaying = replay_pump(d->replay, &d->history, journal_epoch(d->journal), d->config->replay_batch, now);
        if (replay_progressed(d->replay))
                d->out_spun = false;
        else if (items[ITEM_REPLAY].revents & ZMQ_POLLOUT)
                d->out_spun = true;
        if (pipeline_idle(&d->pipeline) && d->n_retired)
                daemon_free_retired(d);
        trim(d, now);
        notify_status(journal_articles(d->journal), d->pipeline.last_published, publisher_subscribers(d->publisher));
        return 0;
}

static int loop(struct daemon *d)
{
        bool replaying = false;
        int r = 0;

        while (!d->stop && r == 0) {
                zmq_pollitem_t items[7];
                int zap, inbox;
                size_t n = poll_items(d, items, &zap, &inbox);
                int64_t now = now_ms(), next_heartbeat = publisher_tick(d->publisher, now);
                long timeout = poll_timeout(d, now, next_heartbeat, replaying);

                if (zmq_poll(items, (int)n, timeout) < 0 && errno != EINTR) {
                        log_err("poll failed");
                        return EX_OSERR;
                }
                r = turn(d, items, zap, inbox, &replaying);
                if (d->opts->once && pipeline_idle(&d->pipeline) && !replaying &&
                    now_ms() >= d->idle_since_ms + ONCE_LINGER_MS && d->idle_since_ms) {
                        log_info("--once: everything published");
                        d->stop = true;
                }
        }
        return r ? r : d->exit_code;
}

static void cleanup(struct daemon *d)
{
        pipeline_done(&d->pipeline);
        publisher_close(d->publisher);
        replay_close(d->replay);
        auth_watch_close(d->replay_watch);
        auth_close(d->auth);
        if (d->ctx)
                zmq_ctx_term(d->ctx); /* sockets linger at most 500 ms */
        journal_close(d->journal);
        history_done(&d->history);
        inbox_close(d->inbox);
        codebook_free(d->codebook);
        daemon_free_retired(d);
        config_free(d->config);
        if (d->signal_fd >= 0)
                close(d->signal_fd);
}

/* An article's large arrays (its sentences, its events) come from the heap and
 * are reused by the next article. With glibc's defaults an array past the mmap
 * threshold, or a free chunk at the heap's top past the trim threshold, went
 * back to the system at the end of each article, and the next one faulted every
 * page in again: 127 page faults per 1000 events of a burst, 40 % more CPU in
 * the loop. Memory still goes back once heraldd is idle (trim() above). */
void daemon_keep_heap(void)
{
        mallopt(M_MMAP_THRESHOLD, HEAP_MMAP_THRESHOLD);
        mallopt(M_TRIM_THRESHOLD, HEAP_TRIM_THRESHOLD);
}

/* Each loading thread's heap top on 2 MiB pages for the load: the codebook
 * takes about 3 MB of fresh heap, which as 4 KiB pages was some 700 faults at
 * 7-14 us each on this VM, half the CPU time to READY=1. Two pages a thread:
 * whichever thread loads both the gazetteer and the rules takes over 2 MiB
 * (with one page, a third of the starts took 530 faults, not 316), and a page
 * never touched costs nothing. The advice is withdrawn once the codebook is
 * loaded; the main thread's articles use what its part left free, and the
 * idle trim gives back the rest. */
#define LOAD_HEAP_HUGE ((size_t)4 << 20)

static void *load_heap_prepare(void)
{
        return heap_huge_reserve(LOAD_HEAP_HUGE);
}

static const struct codebook_heap load_heap = { .prepare = load_heap_prepare, .release = heap_huge_release };

/* The journal (a file, or a new epoch in memory) and then the sockets, which
 * announce its epoch and sequence. */
static int open_journal_and_sockets(struct daemon *d)
{
        int r = open_journal(d);

        history_use_heap(&d->history, true); /* the journal is read back: events now come from bursts */
        return r ? r : open_sockets(d);
}

/* The codebook loads on two threads while this one sets up the window, the
 * signals and, with no journal file, the sockets; what that logs is held until
 * the codebook is known to be good, so a bad codebook is the only error told,
 * as when it was loaded first. A journal file waits for a good codebook: it
 * may be created, or have a torn last line cut off. */
int daemon_run(struct config *config, const struct daemon_options *opts)
{
        struct daemon d = { .opts = opts, .config = config, .signal_fd = -1, .started_ms = now_ms() };
        struct codebook_loader *loader;
        bool journal_file = config->journal != NULL;
        int r;

        notify_init();
        /* the window's ring (4 MB for 100 000 events) is mapped, not cut from
         * the heap, whose calloc cleared the heap's fresh top page by page:
         * 1.2-3 ms of page faults at start on this VM */
        r = history_init(&d.history, config->retain) < 0 ? EX_OSERR : 0;
        if (codebook_load_start(daemon_data_dir(config), &load_heap, &loader) < 0) {
                log_errx("%s: out of memory loading the codebook", daemon_data_dir(config));
                history_done(&d.history);
                config_free(config);
                return EX_CONFIG;
        }
        log_hold();
        if (!r)
                r = daemon_open_signals(&d);
        if (!r && !journal_file)
                r = open_journal_and_sockets(&d);
        if (daemon_load_codebook_finish(loader, &d.codebook) < 0) {
                cleanup(&d);
                return EX_CONFIG;
        }
        /* only now: while the codebook loads, an array past glibc's default
         * threshold that its thread's heap top cannot hold (each top holds
         * 4 MiB on huge pages, load_heap) is mapped on its own, so growing it
         * is an mremap, not a copy, and untouched capacity is never faulted in */
        daemon_keep_heap();
        if (!r && journal_file)
                r = open_journal_and_sockets(&d);
        d.bound_ms = now_ms(); /* loading the codebook may have taken a while: subscribers get the whole settle */
        if (!r) {
                d.pipeline = (struct pipeline){ .codebook = d.codebook, .config = d.config, .journal = d.journal,
                                                .history = &d.history, .publisher = d.publisher,
                                                .last_published = journal_sequence(d.journal) };
                r = open_sources(&d);
        }
        if (!r) {
                notify_ready(); /* bound, loaded, sources open */
                r = loop(&d);
                notify_stopping();
        }
        cleanup(&d);
        return r;
}
