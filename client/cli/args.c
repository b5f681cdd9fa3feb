/* Parsing option values for the herald commands, and saying what is wrong. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "args.h"

bool args_number(const char *s, uint64_t *out)
{
        char *end;

        if (!*s || *s < '0' || *s > '9')
                return false;
        *out = strtoull(s, &end, 10);
        return !*end;
}

bool args_seconds(const char *s, double *out)
{
        char *end;

        *out = strtod(s, &end);
        return *s && !*end && *out > 0 && *out <= 2000000;
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
