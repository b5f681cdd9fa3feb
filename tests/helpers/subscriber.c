/* test-subscriber: joins a heraldd stream through libherald and prints one line
 * per event, "SEQUENCE ID", in the order delivered; conditions go to stderr.
 *   test-subscriber EVENTS REPLAY [--from N] [--count N] [--timeout-ms N] [--server-key Z85]
 * --from 0 (the default) starts at the oldest event retained.
 * Exit: 0 after --count events, 3 unrecoverable gap, 4 epoch change, 27 timeout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herald/herald.h"

static herald_sub *open_sub(const char *events, const char *replay, unsigned long long from, const char *key)
{
        herald_sub_options *o = herald_sub_options_new();
        herald_sub *s = NULL;

        herald_sub_options_set_endpoint(o, events);
        herald_sub_options_set_replay_endpoint(o, replay);
        herald_sub_options_set_start(o, from ? HERALD_START_SEQUENCE : HERALD_START_OLDEST, from);
        herald_sub_options_set_connect_timeout(o, 60000);
        if (key && herald_sub_options_set_curve(o, key, NULL, NULL) != HERALD_OK) {
                herald_sub_options_free(o);
                return NULL;
        }
        if (herald_sub_open(o, &s) != HERALD_OK)
                s = NULL;
        herald_sub_options_free(o);
        return s;
}

int main(int argc, char **argv)
{
        unsigned long long from = 0, count = 0;
        int timeout = 5000;
        const char *key = NULL;
        herald_sub *s;

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
                else if (strcmp(argv[i], "--server-key") == 0)
                        key = argv[i + 1];
        }
        if (!(s = open_sub(argv[1], argv[2], from, key)))
                return 1;
        setvbuf(stdout, NULL, _IOLBF, 0);
        for (unsigned long long n = 0; !count || n < count;) {
                herald_event *ev;
                int r = herald_sub_next(s, &ev, timeout);

                if (r == HERALD_OK) {
                        printf("%llu %s\n", (unsigned long long)herald_event_sequence(ev), herald_event_id(ev));
                        herald_event_free(ev);
                        n++;
                        continue;
                }
                fprintf(stderr, "test-subscriber: %s\n", herald_strerror(r));
                herald_sub_close(s);
                return r == HERALD_GAP ? 3 : r == HERALD_EPOCH_CHANGED ? 4 : 27;
        }
        herald_sub_close(s);
        return 0;
}
