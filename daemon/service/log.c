/* Logging for heraldd. Under journald (JOURNAL_STREAM names our stderr) each line
 * gets a "<N>" prefix so the journal keeps the priority; on a terminal or a pipe
 * the line is "heraldd: message". Only main.c and module edges call these. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

static const char *log_progname = "heraldd";
static enum log_level log_max = LOG_LEVEL_INFO;
static bool log_to_journal;

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
        log_to_journal = stderr_is_journal();
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

static void log_vwrite(enum log_level level, int errnum, const char *fmt, va_list ap)
{
        char msg[2048];

        if (level > log_max)
                return;
        vsnprintf(msg, sizeof(msg), fmt, ap);
        if (log_to_journal)
                fprintf(stderr, "<%d>%s%s%s\n", level, msg, errnum ? ": " : "", errnum ? strerror(errnum) : "");
        else
                fprintf(stderr, "%s: %s%s%s\n", log_progname, msg, errnum ? ": " : "",
                        errnum ? strerror(errnum) : "");
}

#define LOG_FN(name, level, with_errno)                                 \
        void name(const char *fmt, ...)                                 \
        {                                                               \
                int saved = errno;                                      \
                va_list ap;                                             \
                va_start(ap, fmt);                                      \
                log_vwrite(level, (with_errno) ? saved : 0, fmt, ap);   \
                va_end(ap);                                             \
                errno = saved;                                          \
        }

LOG_FN(log_err, LOG_LEVEL_ERR, 1)
LOG_FN(log_errx, LOG_LEVEL_ERR, 0)
LOG_FN(log_warn, LOG_LEVEL_WARNING, 1)
LOG_FN(log_warnx, LOG_LEVEL_WARNING, 0)
LOG_FN(log_notice, LOG_LEVEL_NOTICE, 0)
LOG_FN(log_info, LOG_LEVEL_INFO, 0)
LOG_FN(log_debug, LOG_LEVEL_DEBUG, 0)
