/* The notify protocol, spoken from the one loop: WATCHDOG=1 is sent from the
 * loop's turns only, so a loop that stops turning stops feeding the watchdog and
 * systemd kills it. STATUS= goes out when the counts change: at most once a
 * turn, and a turn publishes a whole batch, so a burst does not flood PID 1. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "notify.h"
#include "sdproto.h"

static int64_t watchdog_half_ms; /* 0: no watchdog */
static int64_t watchdog_last_ms = INT64_MIN / 2;
static char status_last[128];
static int notify_fd = -1;

/* One line to $NOTIFY_SOCKET; nothing without it. Errors are not reported, as
 * sd_notify's were not: systemd is the one that notices a missing READY=1. */
static void notify_send(const char *state)
{
        const char *address = getenv("NOTIFY_SOCKET");
        struct iovec iov = { (void *)state, strlen(state) };

        if (address)
                sdproto_send(&notify_fd, address, &iov, 1);
}

void notify_init(void)
{
        uint64_t usec = 0;
        int r = sdproto_watchdog(&usec);

        if (r < 0)
                log_warnx("WATCHDOG_USEC/WATCHDOG_PID: %s, ignoring", strerror(-r));
        if (r > 0 && usec >= 2000)
                watchdog_half_ms = (int64_t)(usec / 2000);
        if (watchdog_half_ms)
                log_debug("watchdog: pinging every %" PRId64 " ms", watchdog_half_ms);
}

void notify_ready(void) { notify_send("READY=1"); }

void notify_reloading(void) { notify_send("RELOADING=1"); }

void notify_stopping(void) { notify_send("STOPPING=1"); }

void notify_status(uint64_t articles, uint64_t events, size_t subscribers)
{
        char status[128];

        snprintf(status, sizeof(status), "STATUS=%" PRIu64 " articles, %" PRIu64 " events, %zu subscribers", articles,
                 events, subscribers);
        if (strcmp(status, status_last) == 0)
                return;
        memcpy(status_last, status, sizeof(status));
        notify_send(status);
}

int64_t notify_watchdog(int64_t now_ms)
{
        if (!watchdog_half_ms)
                return INT64_MAX;
        if (now_ms - watchdog_last_ms >= watchdog_half_ms) {
                notify_send("WATCHDOG=1");
                watchdog_last_ms = now_ms;
        }
        return watchdog_last_ms + watchdog_half_ms;
}
