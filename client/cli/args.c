/* Parsing option values for the herald commands, and saying what is wrong. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

bool args_number(const char *s, uint64_t *out)
{
        char *end;

        if (!*s || *s < '0' || *s > '9')
                return false;
        errno = 0;
        *out = strtoull(s, &end, 10);
        return !*end && errno != ERANGE; /* 2^64 and more would be read as 2^64 - 1 */
}

bool args_seconds(const char *s, double *out)
{
        size_t digits = strspn(s, "0123456789");
        const char *p = s + digits;
        char *end;

        /* Plain decimals only: strtod would also take " 5", "0x10", "1e3", "inf". */
        if (*p == '.') {
                size_t fraction = strspn(p + 1, "0123456789");

                digits += fraction;
                p += 1 + fraction;
        }
        if (!digits || *p)
                return false;
        *out = strtod(s, &end);
        return *out >= ARGS_SECONDS_MIN && *out <= ARGS_SECONDS_MAX;
}

int args_error(const char *cmd, const char *fmt, ...)
{
        va_list ap;

        fprintf(stderr, "herald %s: ", cmd);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
        return 1;
}
