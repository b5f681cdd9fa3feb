/* Logging for the shell of heraldd: plain lines on a terminal, "<N>" priority
 * prefixes when stderr is the journal (after OpenBSD's log.h). */
#ifndef HERALD_LOG_H
#define HERALD_LOG_H

#include <stdbool.h>

enum log_level { LOG_LEVEL_ERR = 3, LOG_LEVEL_WARNING = 4, LOG_LEVEL_NOTICE = 5, LOG_LEVEL_INFO = 6, LOG_LEVEL_DEBUG = 7 };

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

#endif
