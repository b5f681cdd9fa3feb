/* Logging for heraldd. Three ways out, chosen once at start: under journald
 * (JOURNAL_STREAM names our stderr) an entry in journald's native protocol with
 * PRIORITY= and HERALD_* fields; on a terminal "heraldd: message"; in a file or
 * a pipe the same line after a UTC timestamp and the level. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "event.h"
#include "log.h"
#include "sdproto.h"

#define LOG_MAX_FIELDS 8
#define JOURNAL_SOCKET "/run/systemd/journal/socket"

enum log_target { LOG_TARGET_TERMINAL, LOG_TARGET_FILE, LOG_TARGET_JOURNAL };

static const char *log_progname = "heraldd";
static enum log_level log_max = LOG_LEVEL_INFO;
static enum log_target log_target = LOG_TARGET_FILE;
static int journal_fd = -1;

/* Lines held back by log_hold(), in order, with their own copies of what they
 * point to; the fields' names are literals. */
struct held {
        enum log_level level;
        int errnum;
        char *msg;
        struct log_field fields[LOG_MAX_FIELDS];
        size_t n;
};
static bool holding;
static struct held *held;
static size_t n_held, cap_held;

static const char *const level_names[] = {
        [LOG_LEVEL_ERR] = "err",       [LOG_LEVEL_WARNING] = "warning", [LOG_LEVEL_NOTICE] = "notice",
        [LOG_LEVEL_INFO] = "info",     [LOG_LEVEL_DEBUG] = "debug",
};

/* True when $JOURNAL_STREAM is "dev:ino" of our stderr (see systemd.exec(5)). */
static bool stderr_is_journal(void)
{
        const char *e = getenv("JOURNAL_STREAM");
        unsigned long long dev, ino;
        struct stat st;

        if (!e || sscanf(e, "%llu:%llu", &dev, &ino) != 2)
                return false;
        if (fstat(STDERR_FILENO, &st) < 0)
                return false;
        return st.st_dev == dev && st.st_ino == ino;
}

void log_init(const char *progname)
{
        log_progname = progname;
        if (stderr_is_journal())
                log_target = LOG_TARGET_JOURNAL;
        else if (isatty(STDERR_FILENO))
                log_target = LOG_TARGET_TERMINAL;
        else
                log_target = LOG_TARGET_FILE;
}

void log_set_level(enum log_level level) { log_max = level; }

int log_parse_level(const char *name, enum log_level *ret)
{
        static const struct {
                const char *name;
                enum log_level level;
        } names[] = {
                { "err", LOG_LEVEL_ERR },         { "error", LOG_LEVEL_ERR },
                { "warning", LOG_LEVEL_WARNING }, { "warn", LOG_LEVEL_WARNING },
                { "notice", LOG_LEVEL_NOTICE },   { "info", LOG_LEVEL_INFO },
                { "debug", LOG_LEVEL_DEBUG },
        };

        for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
                if (strcasecmp(name, names[i].name) == 0) {
                        *ret = names[i].level;
                        return 0;
                }
        return -EINVAL;
}

/* One journal entry, one datagram (at most about 12 KiB: well under a datagram
 * socket's limit, so no memfd as sd_journal_sendv would use for a large one);
 * returns -errno when journald cannot be reached. */
static int journal_write(enum log_level level, int errnum, const char *msg, const struct log_field *fields,
                         size_t n)
{
        char text[LOG_MAX_FIELDS + 4][1024], *message;
        struct iovec iov[SDPROTO_FIELD_IOVS * (LOG_MAX_FIELDS + 4)];
        uint64_t le_len[LOG_MAX_FIELDS + 4];
        size_t k = 1, m = 0;
        int r;

        /* the message whole (the fields are short): it may be as long as a log line */
        if (asprintf(&message, "MESSAGE=%s", msg) < 0)
                return -ENOMEM;
        snprintf(text[k++], sizeof(text[0]), "PRIORITY=%d", level);
        snprintf(text[k++], sizeof(text[0]), "SYSLOG_IDENTIFIER=%s", log_progname);
        if (errnum)
                snprintf(text[k++], sizeof(text[0]), "ERRNO=%d", errnum);
        for (size_t i = 0; i < n && i < LOG_MAX_FIELDS; i++)
                if (fields[i].str)
                        snprintf(text[k++], sizeof(text[0]), "%s=%s", fields[i].name, fields[i].str);
                else
                        snprintf(text[k++], sizeof(text[0]), "%s=%llu", fields[i].name, fields[i].num);
        for (size_t i = 0; i < k; i++)
                m += sdproto_journal_field(iov + m, i ? text[i] : message, &le_len[i]);
        r = sdproto_send(&journal_fd, JOURNAL_SOCKET, iov, m);
        free(message);
        return r;
}

static void file_write(enum log_level level, const char *msg)
{
        char stamp[32];

        event_now(stamp); /* the events' own clock format: one way to write an instant */
        fprintf(stderr, "%s %s %s: %s\n", stamp, log_progname, level_names[level], msg);
}

static void log_put(enum log_level level, int errnum, const char *msg, const struct log_field *fields, size_t n)
{
        if (log_target == LOG_TARGET_JOURNAL && journal_write(level, errnum, msg, fields, n) >= 0)
                return;
        if (log_target == LOG_TARGET_JOURNAL) /* journald is gone: keep the priority on the stream */
                fprintf(stderr, "<%d>%s\n", level, msg);
        else if (log_target == LOG_TARGET_TERMINAL)
                fprintf(stderr, "%s: %s\n", log_progname, msg);
        else
                file_write(level, msg);
}

static void held_free(struct held *h)
{
        free(h->msg);
        for (size_t i = 0; i < h->n; i++)
                free((char *)h->fields[i].str);
}

/* Keeps a line for log_release(); false when there is no memory for it (the
 * line is then written at once: a line out of order beats a lost one). */
static bool hold(enum log_level level, int errnum, const char *msg, const struct log_field *fields, size_t n)
{
        struct held h = { .level = level, .errnum = errnum, .msg = strdup(msg), .n = n < LOG_MAX_FIELDS ? n : LOG_MAX_FIELDS };
        bool ok = h.msg != NULL;

        for (size_t i = 0; i < h.n; i++) {
                h.fields[i] = fields[i];
                if (fields[i].str && !(h.fields[i].str = strdup(fields[i].str)))
                        ok = false;
        }
        if (ok && n_held == cap_held) {
                struct held *v = realloc(held, (cap_held * 2 + 8) * sizeof(*v));

                if (v)
                        held = v, cap_held = cap_held * 2 + 8;
                ok = v != NULL;
        }
        if (!ok) {
                held_free(&h);
                return false;
        }
        held[n_held++] = h;
        return true;
}

void log_hold(void) { holding = true; }

void log_release(bool write)
{
        holding = false;
        for (size_t i = 0; i < n_held; i++) {
                if (write)
                        log_put(held[i].level, held[i].errnum, held[i].msg, held[i].fields, held[i].n);
                held_free(&held[i]);
        }
        free(held);
        held = NULL;
        n_held = cap_held = 0;
}

static void log_vwrite(enum log_level level, int errnum, const struct log_field *fields, size_t n, const char *fmt,
                       va_list ap)
{
        char msg[2048];
        size_t len;

        if (level > log_max)
                return;
        vsnprintf(msg, sizeof(msg), fmt, ap);
        len = strlen(msg);
        if (errnum)
                snprintf(msg + len, sizeof(msg) - len, ": %s", strerror(errnum));
        if (!holding || !hold(level, errnum, msg, fields, n))
                log_put(level, errnum, msg, fields, n);
}

void log_fields(enum log_level level, const struct log_field *fields, size_t n, const char *fmt, ...)
{
        int saved = errno;
        va_list ap;

        va_start(ap, fmt);
        log_vwrite(level, 0, fields, n, fmt, ap);
        va_end(ap);
        errno = saved;
}

#define LOG_FN(name, level, with_errno)                                         \
        void name(const char *fmt, ...)                                         \
        {                                                                       \
                int saved = errno;                                              \
                va_list ap;                                                     \
                va_start(ap, fmt);                                              \
                log_vwrite(level, (with_errno) ? saved : 0, NULL, 0, fmt, ap);  \
                va_end(ap);                                                     \
                errno = saved;                                                  \
        }

LOG_FN(log_err, LOG_LEVEL_ERR, 1)
LOG_FN(log_errx, LOG_LEVEL_ERR, 0)
LOG_FN(log_warn, LOG_LEVEL_WARNING, 1)
LOG_FN(log_warnx, LOG_LEVEL_WARNING, 0)
LOG_FN(log_notice, LOG_LEVEL_NOTICE, 0)
LOG_FN(log_info, LOG_LEVEL_INFO, 0)
LOG_FN(log_debug, LOG_LEVEL_DEBUG, 0)
