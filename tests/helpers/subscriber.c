/* test-subscriber: joins a heraldd stream with the stitching helper and prints
 * one line per event, "SEQUENCE ID", in the order delivered.
 *   test-subscriber EVENTS REPLAY [--from N] [--count N] [--timeout-ms N]
 * Exit: 0 after --count events, 3 unrecoverable gap, 4 epoch change, 27 timeout. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stitch.h"

int main(int argc, char **argv)
{
        unsigned long long from = 0, count = 0;
        int timeout = 5000;
        struct stitch *s;

        if (argc < 3) {
                fprintf(stderr, "usage: test-subscriber EVENTS REPLAY [--from N] [--count N] [--timeout-ms N]\n");
                return 64;
        }
        for (int i = 3; i + 1 < argc; i += 2) {
                if (strcmp(argv[i], "--from") == 0)
                        from = strtoull(argv[i + 1], NULL, 10);
                else if (strcmp(argv[i], "--count") == 0)
                        count = strtoull(argv[i + 1], NULL, 10);
                else if (strcmp(argv[i], "--timeout-ms") == 0)
                        timeout = atoi(argv[i + 1]);
        }
        if (stitch_open(argv[1], argv[2], from, &s) < 0)
                return 1;
        setvbuf(stdout, NULL, _IOLBF, 0);
        for (unsigned long long n = 0; !count || n < count; n++) {
                struct stitch_event ev;
                int r = stitch_next(s, &ev, timeout);
                const char *id;

                if (r < 0) {
                        fprintf(stderr, "test-subscriber: %s\n", strerror(-r));
                        stitch_close(s);
                        return r == -EPROTO ? 3 : r == -ESTALE ? 4 : 27;
                }
                id = strstr(ev.json, "\"id\":\"");
                printf("%llu %.*s\n", (unsigned long long)ev.sequence, id ? (int)strcspn(id + 6, "\"") : 1,
                       id ? id + 6 : "?");
                free(ev.json);
        }
        stitch_close(s);
        return 0;
}
