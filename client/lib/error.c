/* Result texts and the per-thread reason for the last error returned. */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"
#include "herald/herald.h"

static __thread char last_error[512];

int error_set(int result, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(last_error, sizeof(last_error), fmt, ap);
        va_end(ap);
        return result;
}

const char *herald_last_error(void)
{
        return last_error;
}

const char *herald_strerror(int result)
{
        switch (result) {
        case HERALD_OK: return "success";
        case HERALD_TIMEOUT: return "no event within the timeout";
        case HERALD_GAP: return "events were lost and could not be replayed";
        case HERALD_EPOCH_CHANGED: return "the daemon lost its history (new epoch); resynchronised";
        case HERALD_UNREACHABLE: return "the daemon is unreachable";
        case HERALD_INVALID: return "invalid argument";
        case HERALD_NO_MEMORY: return "out of memory";
        case HERALD_SYSTEM: return "system or libzmq error";
        case HERALD_PROTOCOL: return "unexpected message from the daemon";
        default: return "unknown result";
        }
}

const char *herald_version(void)
{
        return HERALD_LIB_VERSION;
}
