/* bench-journal: journaling alone, through the daemon's own journal module
 * (make bench). Writes a journal's events into fresh journals in DIR as the
 * pipeline does: an article line when the subject changes, each event queued,
 * journal_sync() (write + fdatasync) every 1024 events, the pipeline's batch.
 *   bench-journal JOURNAL DIR RUNS
 * Prints each run and the median as key=value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_common.h"
#include "history.h"
#include "journal.h"

#define BATCH 1024 /* PUBLISH_BATCH in pipeline.c */
#define MAX_RUNS 50

static double one_run(const char *path, const struct bench_event *ev, size_t n, size_t *syncs)
{
        struct history h;
        struct journal *j;
        struct journal_report rep;
        char err[256] = "", sha[SHA256_HEX_SIZE], subject[96] = "", s[96];
        double start;

        unlink(path);
        if (history_init(&h, 1) < 0 || journal_open(path, &h, &j, &rep, err, sizeof(err)) < 0) {
                fprintf(stderr, "bench-journal: %s: %s\n", path, err);
                exit(1);
        }
        *syncs = 0;
        start = bench_now();
        for (size_t i = 0; i < n; i++) {
                bench_member(ev[i].body, "\"subject\":", s, sizeof(s));
                if (strcmp(s, subject) != 0) {
                        snprintf(subject, sizeof(subject), "%s", s);
                        snprintf(sha, sizeof(sha), "%064zx", i);
                        journal_add_article(j, sha, subject, 1000, subject);
                }
                if (journal_add_event(j, sha, i + 1, ev[i].body, ev[i].len) < 0 ||
                    ((i + 1) % BATCH == 0 && journal_sync(j) < 0)) {
                        fprintf(stderr, "bench-journal: %s: cannot write\n", path);
                        exit(1);
                }
                *syncs += (i + 1) % BATCH == 0;
        }
        if (journal_sync(j) < 0)
                exit(1);
        start = bench_now() - start;
        ++*syncs; /* the last, partial batch's */
        journal_close(j);
        history_done(&h);
        return start;
}

int main(int argc, char **argv)
{
        double eps[MAX_RUNS];
        int runs = argc == 4 ? atoi(argv[3]) : 0;
        struct bench_event *ev;
        char path[4096];
        size_t n, syncs = 0;

        if (runs < 1 || runs > MAX_RUNS) {
                fprintf(stderr, "usage: bench-journal JOURNAL DIR RUNS\n");
                return 64;
        }
        ev = bench_load_journal(argv[1], &n);
        snprintf(path, sizeof(path), "%s/bench-journal", argv[2]);
        for (int i = 0; i < runs; i++) {
                double t = one_run(path, ev, n, &syncs);

                eps[i] = (double)n / t;
                printf("journal run %d: %zu events, %zu syncs, %.3f s, %.0f events/s\n", i + 1, n, syncs, t, eps[i]);
        }
        unlink(path);
        printf("journal: events=%zu syncs=%zu eps=%.0f\n", n, syncs, bench_median(eps, (size_t)runs));
        bench_free_events(ev, n);
        return 0;
}
