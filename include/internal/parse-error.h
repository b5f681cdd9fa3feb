/* The error every loader and parser of the pure core fills: where (file:line:col)
 * and what, so the shell can print "file:line:col: message" and nothing else. */
#ifndef HERALD_INTERNAL_PARSE_ERROR_H
#define HERALD_INTERNAL_PARSE_ERROR_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

struct parse_error {
        char file[256];
        unsigned line; /* 1-based; 0 when the error is about the whole file */
        unsigned col;  /* 1-based; 0 when unknown */
        char message[256];
};

__attribute__((format(printf, 4, 5))) static inline int
parse_error_set(struct parse_error *err, unsigned line, unsigned col, const char *fmt, ...)
{
        va_list ap;

        if (!err)
                return -EINVAL;
        err->line = line;
        err->col = col;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof(err->message), fmt, ap);
        va_end(ap);
        return -EINVAL;
}

/* Formats "file:line:col: message" (parts that are unknown are left out). */
static inline const char *parse_error_format(const struct parse_error *err, char *buf, size_t size)
{
        if (err->line && err->col)
                snprintf(buf, size, "%s:%u:%u: %s", err->file, err->line, err->col, err->message);
        else if (err->line)
                snprintf(buf, size, "%s:%u: %s", err->file, err->line, err->message);
        else
                snprintf(buf, size, "%s: %s", err->file, err->message);
        return buf;
}

#endif
