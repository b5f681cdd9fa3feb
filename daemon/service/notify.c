/* The notify protocol, spoken from the one loop: WATCHDOG=1 is sent from the
 * loop's turns only, so a loop that stops turning stops feeding the watchdog and
 * systemd kills it. STATUS= goes out when the counts change: at most once a
 * turn, and a turn publishes a whole batch, so a burst does not flood PID 1. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <systemd/sd-daemon.h>

#include "log.h"
#include "notify.h"

static int64_t watchdog_half_ms; /* 0: no watchdog */
static int64_t watchdog_last_ms = INT64_MIN / 2;
static char status_last[128];

void notify_init(void)
{
        uint64_t usec = 0;
        int r = sd_watchdog_enabled(1, &usec);

        if (r < 0)
                log_warnx("WATCHDOG_USEC/WATCHDOG_PID: %s, ignoring", strerror(-r));
        if (r > 0 && usec >= 2000)
                watchdog_half_ms = (int64_t)(usec / 2000);
        if (watchdog_half_ms)
                log_debug("watchdog: pinging every %" PRId64 " ms", watchdog_half_ms);
}

void notify_ready(void) { sd_notify(0, "READY=1"); }

void notify_reloading(void) { sd_notify(0, "RELOADING=1"); }

void notify_stopping(void) { sd_notify(0, "STOPPING=1"); }

void notify_status(uint64_t articles, uint64_t events, size_t subscribers)
{
        char status[128];

        snprintf(status, sizeof(status), "STATUS=%" PRIu64 " articles, %" PRIu64 " events, %zu subscribers", articles,
                 events, subscribers);
        if (strcmp(status, status_last) == 0)
                return;
        memcpy(status_last, status, sizeof(status));
        sd_notify(0, status);
}

int64_t notify_watchdog(int64_t now_ms)
{
        if (!watchdog_half_ms)
                return INT64_MAX;
        if (now_ms - watchdog_last_ms >= watchdog_half_ms) {
                sd_notify(0, "WATCHDOG=1");
                watchdog_last_ms = now_ms;
        }
        return watchdog_last_ms + watchdog_half_ms;
}
