/* heraldd --extract: codes articles and prints their events as JSON Lines, with
 * no sockets; a bad article is reported in one line and the others go on. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "article.h"
#include "internal/cleanup.h"
#include "daemon.h"
#include "event.h"
#include "extract.h"
#include "extract_cli.h"
#include "jsonw.h"
#include "source.h"
#include "log.h"

#define HUGE_PAGE ((size_t)2 << 20)
#define RESERVE_PIECE ((size_t)16 << 20) /* under the mmap threshold (daemon_keep_heap): heap */
#define RESERVE_PIECES 8
#define RESERVE_PER_BYTE 6 /* the heap grows by 4.6 times a large article while it is coded */
#define RESERVE_FROM ((size_t)1 << 20)

/* A large article's coding fills fresh heap: the text, its sentences, its
 * events, the names found (4.6 times the article's bytes). Faulted in a page
 * at a time that was 5 500 faults for 5 MiB, a fifth of the CPU time, and as
 * many TLB misses again after. The heap's top, grown now by as much as the
 * article will need and advised to be huge pages, takes a fault per 2 MiB
 * instead; pages never touched still cost nothing. Best effort: a kernel
 * without transparent huge pages leaves it as it was. */
static void heap_prefer_huge(size_t want)
{
        void *piece[RESERVE_PIECES];
        size_t n = 0;

        while (n < RESERVE_PIECES && n * RESERVE_PIECE < want && (piece[n] = malloc(RESERVE_PIECE)))
                n++;
        for (size_t i = 0; i < n; i++) {
                uintptr_t s = ((uintptr_t)piece[i] + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1),
                          e = ((uintptr_t)piece[i] + RESERVE_PIECE) & ~(HUGE_PAGE - 1);

                if (e > s)
                        (void)madvise((void *)s, e - s, MADV_HUGEPAGE);
        }
        while (n)
                free(piece[--n]);
}

static void prepare_heap(const char *path)
{
        struct stat st;

        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size >= RESERVE_FROM)
                heap_prefer_huge((size_t)st.st_size * RESERVE_PER_BYTE);
}

/* Loads one article; logs why it cannot be used and returns the exit code that
 * reason maps to (EX_NOINPUT, EX_DATAERR), 0 on success. */
static int load_article(const struct config *c, const struct codebook *cb, const char *path, struct article **ret)
{
        const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
        char why[1024];

        switch (source_load(path, name, c, cb->lexicon, ret, NULL, why, sizeof(why))) {
        case SOURCE_OK:
                return 0;
        case SOURCE_MISSING:
                log_errx("%s", why);
                return EX_NOINPUT;
        case SOURCE_BAD:
                log_errx("%s, skipping", why);
                return EX_DATAERR;
        default:
                log_errx("%s: out of memory", name);
                return EX_OSERR;
        }
}

/* Writes events first .. x->n - 1 as JSON Lines, numbering on from *sequence:
 * the article's members coded once, each event's piece coded and written
 * into one buffer kept for all of them. Returns 0 or an exit code. */
static int write_events(const struct config *c, const struct codebook *cb, const struct article *a,
                        const struct extraction *x, uint64_t *sequence)
{
        struct event_coded coded;
        struct jsonw out = { 0 };
        int r = 0;

        if (event_code_begin(&coded, a, 0) < 0) {
                log_errx("%s: out of memory building event 1 of %zu", a->id, x->n);
                return EX_OSERR;
        }
        for (size_t i = 0; i < x->n && !r; i++) {
                struct event_meta m = { .feed = c->feed, .epoch = 0, .sequence = ++*sequence, .index = i + 1,
                                        .count = x->n };
                size_t at, len;

                event_code_restart(&coded, i);
                out.len = 0;
                if (event_code_add(&coded, cb, a, &x->v[i]) < 0 || event_write(&out, &coded, &m, &at, &len) < 0) {
                        log_errx("%s: out of memory building event %zu of %zu", a->id, i + 1, x->n);
                        r = EX_OSERR;
                        break;
                }
                out.buf[len] = '\n';
                fwrite(out.buf, 1, len + 1, stdout);
        }
        free(out.buf);
        event_coded_done(&coded);
        return r;
}

/* Prints the events of one article as JSON Lines, numbering on from *sequence. */
static int print_events(const struct config *c, const struct codebook *cb, const struct article *a,
                        uint64_t *sequence)
{
        const struct extract_limits limits = { c->max_events, c->max_sentence };
        struct extraction x;
        int r = extract_article_limited(cb, a, &limits, &x);

        if (r < 0) {
                log_errx("%s: cannot code the article: %s", a->id, strerror(-r));
                return EX_OSERR;
        }
        if (x.skipped_sentences)
                log_notice("%s: sentences not coded (over %llu bytes, max-sentence): %zu", a->id,
                           (unsigned long long)c->max_sentence, x.skipped_sentences);
        if (x.truncated)
                log_warnx("%s: stopped after %llu events (max-events)", a->id, (unsigned long long)c->max_events);
        r = write_events(c, cb, a, &x, sequence);
        extraction_done(&x);
        if (r)
                return r;
        return fflush(stdout) == 0 ? 0 : EX_IOERR;
}

struct bundled_run {
        const struct config *c;
        const struct codebook *cb;
        uint64_t *sequence;
        int worst;
};

static void extract_one_bundled(void *userdata, const char *path)
{
        struct bundled_run *run = userdata;
        struct article *a = NULL;
        int r = load_article(run->c, run->cb, path, &a);

        if (!r)
                r = print_events(run->c, run->cb, a, run->sequence);
        article_free(a);
        run->worst = run->worst ? run->worst : r;
}

static int extract_bundled(const struct config *c, const struct codebook *cb, uint64_t *sequence)
{
        struct bundled_run run = { c, cb, sequence, 0 };

        if (source_bundled(daemon_data_dir(c), extract_one_bundled, &run) < 0) {
                log_warn("%s/articles: cannot list the bundled articles", daemon_data_dir(c));
                return EX_NOINPUT;
        }
        return run.worst;
}

/* Output to a file or a pipe in 256 KiB writes rather than stdio's 4 KiB (7 200
 * write calls for the corpus's 29 MB of events); each article is still
 * flushed when its events are written. A terminal keeps its line buffering. */
static void buffer_output(void)
{
        static char buf[256 << 10];

        if (!isatty(STDOUT_FILENO))
                setvbuf(stdout, buf, _IOFBF, sizeof(buf));
}

/* Codes every article given; a bad one is reported and the rest go on. The exit
 * code is the first failure's: 66 for a missing file, 65 for bad data. */
int extract_cli_run(const struct config *c, const struct codebook *cb, char **paths, int n)
{
        uint64_t sequence = 0;
        int worst = 0;

        buffer_output();
        if (n == 0)
                return extract_bundled(c, cb, &sequence);
        for (int i = 0; i < n; i++) {
                struct article *a = NULL;
                int r;

                prepare_heap(paths[i]);
                r = load_article(c, cb, paths[i], &a);

                if (!r)
                        r = print_events(c, cb, a, &sequence);
                article_free(a);
                if (r == EX_OSERR || r == EX_IOERR)
                        return r;
                worst = worst ? worst : r;
        }
        return worst;
}

