/* What the daemon runs with and how a signal changes it: where the codebook lives
 * and loading it, the signalfd (SIGTERM and SIGINT stop the loop, SIGHUP reloads),
 * a new config and codebook built whole and swapped in, and the old codebooks kept
 * while queued events still point into them. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "auth.h"
#include "codebook.h"
#include "daemon_internal.h"
#include "history.h"
#include "internal/alloc.h"
#include "log.h"
#include "notify.h"
#include "publish.h"
#include "replay.h"

static bool has_codebook(const char *dir)
{
        char path[4096];
        struct stat st;

        snprintf(path, sizeof(path), "%s/rules.txt", dir);
        return stat(path, &st) == 0;
}

const char *daemon_data_dir(const struct config *c)
{
        const char *env = getenv("HERALD_DATA_DIR");

        if (c->data_dir)
                return c->data_dir;
        if (env && *env)
                return env;
        if (has_codebook(HERALD_INSTALL_DATADIR))
                return HERALD_INSTALL_DATADIR;
        return HERALD_SOURCE_DATADIR;
}

int daemon_load_codebook_finish(struct codebook_loader *l, struct codebook **ret)
{
        struct parse_error err = { 0 };
        char msg[1024];
        int r = codebook_load_finish(l, ret, &err);

        log_release(r >= 0); /* what was logged meanwhile (log_hold): dropped for a bad codebook */
        if (r < 0)
                log_errx("%s", parse_error_format(&err, msg, sizeof(msg)));
        return r;
}

int daemon_load_codebook(const struct config *c, struct codebook **ret)
{
        struct codebook_loader *l;
        int r = codebook_load_start(daemon_data_dir(c), NULL, &l);

        return r < 0 ? r : daemon_load_codebook_finish(l, ret);
}

/* SIGTERM, SIGINT and SIGHUP are read from a signalfd; they must be blocked
 * before libzmq starts its threads, so that none of them takes the signal. */
int daemon_open_signals(struct daemon *d)
{
        sigset_t mask;

        sigemptyset(&mask);
        sigaddset(&mask, SIGTERM);
        sigaddset(&mask, SIGINT);
        sigaddset(&mask, SIGHUP);
        if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0 ||
            (d->signal_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC)) < 0) {
                log_err("cannot set up signal handling");
                return EX_OSERR;
        }
        signal(SIGPIPE, SIG_IGN);
        return 0;
}

/* SIGHUP: a new config and codebook, built whole; if either is bad the old ones
 * stay and the reason is logged. Sockets and files need a restart to change. */
static void reload(struct daemon *d)
{
        struct config *c = NULL;
        struct codebook *cb = NULL;
        char restart[128];

        log_info("reloading");
        notify_reloading();
        auth_reload(d->auth); /* the allowlist, even when the rest fails */
        if (config_build(d->opts->source, &c) != 0 || daemon_load_codebook(c, &cb) < 0) {
                log_warnx("reload failed, keeping the running configuration and codebook");
                log_set_level(d->config->log_level);
                config_free(c);
                notify_ready();
                return;
        }
        if (*config_restart_needed(d->config, c, restart, sizeof(restart)))
                log_warnx("changed settings that need a restart: %s, ignoring", restart);
        if (GREEDY_REALLOC(d->retired, d->cap_retired, d->n_retired + 1) < 0 ||
            (c->retain != d->config->retain && history_resize(&d->history, c->retain) < 0)) {
                log_warnx("reload failed: out of memory");
                config_free(c);
                codebook_free(cb);
                notify_ready();
                return;
        }
        d->retired[d->n_retired++] = d->codebook; /* queued events still point into it */
        d->codebook = cb;
        d->pipeline.codebook = cb;
        config_keep_running(c, d->config);
        config_free(d->config);
        d->config = c;
        d->pipeline.config = c;
        publisher_set_heartbeat(d->publisher, c->heartbeat_ms);
        struct replay_limits limits = daemon_replay_limits(c);

        replay_set_limits(d->replay, &limits);
        log_info("reloaded: codebook from %s", daemon_data_dir(c));
        notify_ready();
}

void daemon_free_retired(struct daemon *d)
{
        for (size_t i = 0; i < d->n_retired; i++)
                codebook_free(d->retired[i]);
        free(d->retired);
        d->retired = NULL;
        d->n_retired = d->cap_retired = 0;
}

void daemon_on_signal(struct daemon *d)
{
        struct signalfd_siginfo si;

        while (read(d->signal_fd, &si, sizeof(si)) == sizeof(si)) {
                if (si.ssi_signo == SIGHUP)
                        reload(d);
                else {
                        log_info("%s: stopping", strsignal((int)si.ssi_signo));
                        d->stop = true;
                }
        }
}
