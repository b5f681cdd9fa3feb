/* The journal file. Line kinds, told apart by their first member:
 *   {"journal":"herald","version":1,"epoch":"9f3c2a7b1d4e6f80"}   once, first
 *   {"article":"<id>","sha256":"<hex>","events":N,"file":"<name>"} before its events
 *   {"specversion":"1.0",...}                                       an event as sent
 * A crash can only tear the last line, which was never synced and so never
 * published: it is cut off at start. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal/alloc.h"
#include "event.h"
#include "internal/cleanup.h"
#include "internal/json-cleanup.h"
#include "journal.h"
#include "journal_scan.h"
#include "strmap.h"

#define RESTORE_CHUNK ((size_t)1 << 20) /* read back this much at a time */

struct journal {
        int fd; /* -1: in memory only */
        uint64_t epoch, sequence;
        struct strmap *articles; /* sha256 -> struct journal_article * */
        struct strmap *first_by_id; /* article id -> the first struct journal_article taken in with it */
        struct journal_article **all;
        size_t n_all, cap_all;
        struct journal_article *current; /* the article whose events are being written */
        char *pending; /* lines not yet written */
        size_t pending_len, pending_cap;
        off_t synced; /* the file's size at the last sync that succeeded */
        struct history *history;
};

static uint64_t random_epoch(void)
{
        uint64_t e = 0;

        while (e == 0)
                if (getrandom(&e, sizeof(e), 0) != sizeof(e))
                        e = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
        return e;
}

static int queue(struct journal *j, const char *s, size_t len)
{
        if (GREEDY_REALLOC(j->pending, j->pending_cap, j->pending_len + len + 1) < 0)
                return -ENOMEM;
        memcpy(j->pending + j->pending_len, s, len);
        j->pending_len += len;
        j->pending[j->pending_len++] = '\n';
        return 0;
}

static struct journal_article *remember_article(struct journal *j, const char *sha, const char *id, size_t count)
{
        struct journal_article *a = strmap_get(j->articles, sha);

        if (!a) {
                if (GREEDY_REALLOC(j->all, j->cap_all, j->n_all + 1) < 0 || !(a = calloc(1, sizeof(*a))))
                        return NULL;
                j->all[j->n_all++] = a;
                snprintf(a->sha256, sizeof(a->sha256), "%s", sha);
                if (strmap_put(j->articles, a->sha256, a) < 0)
                        return NULL;
        }
        snprintf(a->id, sizeof(a->id), "%s", id);
        a->count = count;
        if (!strmap_get(j->first_by_id, a->id) && strmap_put(j->first_by_id, a->id, a) < 0)
                return NULL;
        return a;
}

/* Sequences first..last have no line: a line was lost (deleted, or damaged and
 * skipped). Replay skips them; the daemon says which. */
static void note_gap(struct journal_report *rep, uint64_t first, uint64_t last)
{
        if (rep->n_gaps < JOURNAL_GAPS) {
                rep->gaps[rep->n_gaps].first = first;
                rep->gaps[rep->n_gaps].last = last;
        }
        rep->n_gaps++;
        rep->missing += last - first + 1;
}

/* An event line: back into the replay window (a copy of its bytes), credited
 * to its article. Frees ev->topic. */
static int restore_event(struct journal *j, struct event_read *ev, const char *line, size_t len,
                         struct journal_report *rep)
{
        int r;

        if (ev->sequence <= j->sequence) { /* never go back, even over a damaged or repeated line */
                free(ev->topic);
                return -EINVAL;
        }
        if (!j->epoch && ev->epoch)
                j->epoch = ev->epoch; /* a journal that lost its first line */
        if (ev->sequence > j->sequence + 1)
                note_gap(rep, j->sequence + 1, ev->sequence - 1);
        j->sequence = ev->sequence;
        r = history_push(j->history, ev->sequence, ev->topic, line, len);
        free(ev->topic);
        if (r < 0)
                return r;
        /* an event counts for the article it names, up to its index: a damaged
         * line before it must not credit it to another article */
        if (j->current && strcmp(ev->subject, j->current->id) == 0 && ev->index > j->current->journaled)
                j->current->journaled = ev->index;
        rep->events++;
        return 0;
}

/* Reads one complete line back into the journal's state, with Jansson. */
static int restore_parsed(struct journal *j, char *line, size_t len, struct journal_report *rep)
{
        _cleanup_json_ json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
        struct event_read ev;
        const char *s;
        int r;

        if (!json_is_object(o))
                return -EINVAL;
        if ((s = json_string_value(json_object_get(o, "epoch"))) && json_object_get(o, "journal")) {
                j->epoch = strtoull(s, NULL, 16);
                return 0;
        }
        if ((s = json_string_value(json_object_get(o, "sha256")))) {
                const char *id = json_string_value(json_object_get(o, "article"));
                json_int_t n = json_integer_value(json_object_get(o, "events"));

                if (!id || strlen(s) != 64 || n < 0)
                        return -EINVAL;
                if (!(j->current = remember_article(j, s, id, (size_t)n)))
                        return -ENOMEM;
                rep->articles++;
                return 0;
        }
        if (!json_object_get(o, "specversion"))
                return -EINVAL;
        if ((r = event_read(o, &ev)) < 0)
                return r;
        return restore_event(j, &ev, line, len, rep);
}

/* strtoull(s, NULL, base), base 10 or 16, by hand for what heraldd writes (digits
 * only, that fit 64 bits past their leading zeros); anything else, the library's. */
static uint64_t parse_u64(const char *s, unsigned base)
{
        const char *p = s;
        uint64_t v = 0;
        size_t significant = 0;

        for (; *p; p++) {
                unsigned d = *p >= '0' && *p <= '9' ? (unsigned)(*p - '0')
                             : base == 16 && (*p | 0x20) >= 'a' && (*p | 0x20) <= 'f' ? (unsigned)((*p | 0x20) - 'a' + 10)
                                                                                   : base;

                if (d >= base)
                        return strtoull(s, NULL, (int)base);
                significant += v || d;
                v = v * base + d;
        }
        if (p == s || significant > (base == 16 ? 16u : 19u))
                return strtoull(s, NULL, (int)base);
        return v;
}

/* Reads one complete line back: an event line, nearly all of a journal, through
 * the scanner (what event_read() takes of the parsed event); the rest, and any
 * line the scanner is unsure of or finds damaged, through Jansson, which then
 * decides as it always did. */
static int restore_line(struct journal *j, char *line, size_t len, struct journal_report *rep)
{
        struct journal_scan sc;
        struct event_read ev;

        if (journal_scan_line(line, len, &sc) != 0 || !sc.specversion || sc.journal || sc.sha256 || !sc.has_type ||
            !sc.has_subject || !sc.has_sequence || !event_kind_of_type(sc.type))
                return restore_parsed(j, line, len, rep);
        ev = (struct event_read){ .subject = sc.subject, .sequence = parse_u64(sc.sequence, 10),
                                  .epoch = sc.has_epoch ? parse_u64(sc.epoch, 16) : 0,
                                  .index = sc.index > 0 ? (size_t)sc.index : 0,
                                  .topic = event_topic(event_kind_of_type(sc.type), sc.subject) };
        if (!ev.topic)
                return -ENOMEM;
        return restore_event(j, &ev, line, len, rep);
}

/* Reads back each complete line in buf[0..*have); what is left (the start of a
 * line) is moved to the front. Returns 0 or -ENOMEM. */
static int restore_lines(struct journal *j, char *buf, size_t *have, off_t *good, struct journal_report *rep)
{
        char *p = buf, *end = buf + *have, *nl;

        while ((nl = memchr(p, '\n', (size_t)(end - p)))) {
                int r = restore_line(j, p, (size_t)(nl - p), rep);

                if (r == -ENOMEM)
                        return r;
                if (r < 0 && nl > p)
                        rep->bad_lines++; /* damaged in the middle: skipped, the rest still counts */
                *good += nl - p + 1;
                p = nl + 1;
        }
        *have = (size_t)(end - p);
        memmove(buf, p, *have);
        return 0;
}

/* Reads the file in blocks of RESTORE_CHUNK (a line longer than that grows the
 * buffer), with no allocation per line; a last line without its newline is cut
 * off. */
static int restore(struct journal *j, struct journal_report *rep, char *err, size_t err_size)
{
        size_t cap = RESTORE_CHUNK, have = 0;
        _cleanup_free_ char *buf = malloc(cap);
        off_t good = 0, at = 0;

        if (!buf)
                return -ENOMEM;
        for (;;) {
                ssize_t n;

                if (have == cap && GREEDY_REALLOC(buf, cap, cap + 1) < 0)
                        return -ENOMEM;
                n = pread(j->fd, buf + have, cap - have, at);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0) {
                        snprintf(err, err_size, "read error: %s", strerror(errno));
                        return -EIO;
                }
                if (n == 0)
                        break;
                at += n;
                have += (size_t)n;
                if (restore_lines(j, buf, &have, &good, rep) < 0)
                        return -ENOMEM;
        }
        if (have && ftruncate(j->fd, good) < 0) {
                snprintf(err, err_size, "cannot cut the torn last line: %s", strerror(errno));
                return -errno;
        }
        rep->torn_bytes = have;
        return lseek(j->fd, 0, SEEK_END) < 0 ? -errno : 0;
}

static int write_header(struct journal *j)
{
        char line[96];
        int n = snprintf(line, sizeof(line), "{\"journal\":\"herald\",\"version\":1,\"epoch\":\"%016" PRIx64 "\"}",
                         j->epoch);

        return queue(j, line, (size_t)n) < 0 ? -ENOMEM : journal_sync(j);
}

/* A new file's directory entry must reach the disk too, or a crash can lose it. */
static int sync_directory(const char *path)
{
        _cleanup_free_ char *dir = strdup(path);
        char *slash = dir ? strrchr(dir, '/') : NULL;
        _cleanup_close_ int fd = -1;

        if (!dir)
                return -ENOMEM;
        if (slash)
                *(slash == dir ? slash + 1 : slash) = '\0';
        fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        return fd < 0 || fsync(fd) < 0 ? -errno : 0;
}

static int open_file(struct journal *j, const char *path, struct journal_report *rep, char *err, size_t err_size)
{
        struct stat st;
        int r;

        j->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_APPEND, 0640);
        if (j->fd < 0) {
                snprintf(err, err_size, "cannot open: %s", strerror(errno));
                return -errno;
        }
        if (fstat(j->fd, &st) < 0 || !S_ISREG(st.st_mode)) {
                snprintf(err, err_size, "not a regular file");
                return -EINVAL;
        }
        r = restore(j, rep, err, err_size);
        if (r < 0)
                return r;
        if (!j->epoch) { /* new (or emptied) journal: a new stream */
                rep->created = st.st_size == 0;
                j->epoch = random_epoch();
                if ((r = write_header(j)) < 0 || (rep->created && (r = sync_directory(path)) < 0)) {
                        snprintf(err, err_size, "cannot write: %s", strerror(-r));
                        return r;
                }
        } else if (fdatasync(j->fd) < 0) {
                /* what was read back may never have been synced (a crash between the
                 * write and its sync): replay serves it from now on, so disk first */
                r = -errno;
                snprintf(err, err_size, "cannot sync: %s", strerror(-r));
                return r;
        }
        j->synced = lseek(j->fd, 0, SEEK_CUR);
        return 0;
}

int journal_open(const char *path, struct history *h, struct journal **ret, struct journal_report *report,
                 char *err, size_t err_size)
{
        struct journal *j = calloc(1, sizeof(*j));
        int r = 0;

        *report = (struct journal_report){ 0 };
        if (!j || !(j->articles = strmap_new()) || !(j->first_by_id = strmap_new())) {
                if (j)
                        strmap_free(j->articles);
                free(j);
                return -ENOMEM;
        }
        j->fd = -1;
        j->history = h;
        if (path)
                r = open_file(j, path, report, err, err_size);
        else
                j->epoch = random_epoch();
        if (r < 0) {
                journal_close(j);
                return r;
        }
        *ret = j;
        return 0;
}

void journal_close(struct journal *j)
{
        if (!j)
                return;
        if (j->fd >= 0) {
                journal_sync(j);
                close(j->fd);
        }
        for (size_t i = 0; i < j->n_all; i++)
                free(j->all[i]);
        free(j->all);
        strmap_free(j->articles);
        strmap_free(j->first_by_id);
        free(j->pending);
        free(j);
}

uint64_t journal_epoch(const struct journal *j) { return j->epoch; }
uint64_t journal_sequence(const struct journal *j) { return j->sequence; }
uint64_t journal_next_sequence(const struct journal *j) { return j->sequence + 1; }

size_t journal_articles(const struct journal *j)
{
        size_t n = 0;

        for (size_t i = 0; i < j->n_all; i++)
                n += j->all[i]->journaled >= j->all[i]->count;
        return n;
}

const struct journal_article *journal_find_article(const struct journal *j, const char *sha256)
{
        return strmap_get(j->articles, sha256);
}

const char *journal_first_content(const struct journal *j, const char *id)
{
        const struct journal_article *a = strmap_get(j->first_by_id, id);

        return a ? a->sha256 : NULL;
}

int journal_add_article(struct journal *j, const char *sha256, const char *id, size_t count, const char *file)
{
        _cleanup_json_ json_t *o = json_pack("{s:s, s:s, s:I, s:s}", "article", id, "sha256", sha256, "events",
                                             (json_int_t)count, "file", file);
        _cleanup_free_ char *line = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

        if (!line || !(j->current = remember_article(j, sha256, id, count)))
                return -ENOMEM;
        return j->fd < 0 ? 0 : queue(j, line, strlen(line));
}

int journal_add_event(struct journal *j, const char *article_sha256, size_t index, const char *json, size_t len)
{
        /* the article being written, nearly always: no hash of its 64 hex digits an event */
        struct journal_article *a = j->current && strcmp(j->current->sha256, article_sha256) == 0
                                            ? j->current
                                            : strmap_get(j->articles, article_sha256);

        if (j->fd >= 0 && queue(j, json, len) < 0)
                return -ENOMEM;
        j->sequence++;
        if (a && index > a->journaled)
                a->journaled = index;
        return 0;
}

/* Writes the pending lines and syncs them. On any failure the file is cut back
 * to what the last good sync covered and the lines stay pending, so the next
 * call writes and syncs them again: after a failed fdatasync the kernel may
 * report the next one as fine with the data lost, and nothing unsynced may be
 * published or read back by a restart (should the cut fail too, the next start
 * syncs what it reads back before serving it). */
int journal_sync(struct journal *j)
{
        size_t done = 0;
        int e;

        if (j->fd < 0 || j->pending_len == 0)
                return 0;
        while (done < j->pending_len) {
                ssize_t n = write(j->fd, j->pending + done, j->pending_len - done);

                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        goto failed;
                done += (size_t)n;
        }
        if (fdatasync(j->fd) < 0)
                goto failed;
        j->pending_len = 0;
        j->synced = lseek(j->fd, 0, SEEK_CUR);
        return 0;
failed:
        e = errno;
        (void)!ftruncate(j->fd, j->synced);
        (void)lseek(j->fd, j->synced, SEEK_SET);
        return -e;
}
