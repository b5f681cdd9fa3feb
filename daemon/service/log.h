/* Logging for the shell of heraldd (after OpenBSD's log.h): plain lines on a
 * terminal, timestamped lines with their level in a file or a pipe, and under
 * journald structured entries with a priority and fields a user can filter on. */
#ifndef HERALD_LOG_H
#define HERALD_LOG_H

#include <stdbool.h>
#include <stddef.h>

enum log_level { LOG_LEVEL_ERR = 3, LOG_LEVEL_WARNING = 4, LOG_LEVEL_NOTICE = 5, LOG_LEVEL_INFO = 6, LOG_LEVEL_DEBUG = 7 };

/* One journal field: HERALD_ARTICLE=..., HERALD_SEQUENCE=..., HERALD_PEER=... */
struct log_field {
        const char *name;
        const char *str; /* NULL: num is the value */
        unsigned long long num;
};

#define LOG_STR(n, v) ((struct log_field){ .name = (n), .str = (v) })
#define LOG_NUM(n, v) ((struct log_field){ .name = (n), .num = (unsigned long long)(v) })
/* The fields argument pair of log_fields: LOG_FIELDS(LOG_STR(...), LOG_NUM(...)). */
#define LOG_FIELDS(...)                                 \
        (const struct log_field[]){ __VA_ARGS__ },      \
                sizeof((const struct log_field[]){ __VA_ARGS__ }) / sizeof(struct log_field)

void log_init(const char *progname);
void log_set_level(enum log_level level);
int log_parse_level(const char *name, enum log_level *ret);

#define LOG_PRINTF __attribute__((format(printf, 1, 2)))
void log_err(const char *fmt, ...) LOG_PRINTF;   /* adds strerror(errno) */
void log_errx(const char *fmt, ...) LOG_PRINTF;
void log_warn(const char *fmt, ...) LOG_PRINTF;  /* adds strerror(errno) */
void log_warnx(const char *fmt, ...) LOG_PRINTF;
void log_notice(const char *fmt, ...) LOG_PRINTF;
void log_info(const char *fmt, ...) LOG_PRINTF;
void log_debug(const char *fmt, ...) LOG_PRINTF;

/* A line with journal fields; outside journald the fields are not printed. */
void log_fields(enum log_level level, const struct log_field *fields, size_t n, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* Lines logged after log_hold() are kept, in order, until log_release() writes
 * them (write true) or drops them: the daemon holds what it logs while the
 * codebook loads beside it, so that a bad codebook is the only error told, as
 * when it was loaded first. One thread logs. */
void log_hold(void);
void log_release(bool write);

#endif
