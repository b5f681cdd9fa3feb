/* The systemd notify protocol ($NOTIFY_SOCKET): READY, STATUS, WATCHDOG, RELOADING,
 * STOPPING. Without $NOTIFY_SOCKET every call does nothing. */
#ifndef HERALD_NOTIFY_H
#define HERALD_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

/* Reads $WATCHDOG_USEC (and removes it with $WATCHDOG_PID from the environment). */
void notify_init(void);

void notify_ready(void);
void notify_reloading(void);
void notify_stopping(void);

/* STATUS= with the counts, sent when they changed. */
void notify_status(uint64_t articles, uint64_t events, size_t subscribers);

/* Sends WATCHDOG=1 when half the watchdog interval has passed since the last
 * one. Returns when the next is due (INT64_MAX without a watchdog): the loop
 * must not sleep past it. */
int64_t notify_watchdog(int64_t now_ms);

#endif
