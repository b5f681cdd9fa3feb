/* The journal read back in large blocks (not a line at a time) gives the same
 * events as reading it line by line with Jansson: a generated journal of a few
 * megabytes, so lines straddle the read blocks, with a line longer than a block,
 * lines only Jansson reads (escaped subjects), damaged and repeated lines, an
 * empty line and a torn last line. The reference is written here, independently
 * of journal.c: getline, json_loadb, and the rules the journal promises. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "history.h"
#include "journal.h"

#define EVENTS 4000

static char dir[64], path[128];

static int setup(void **state)
{
        (void)state;
        snprintf(dir, sizeof(dir), "/tmp/herald-readback-XXXXXX");
        if (!mkdtemp(dir))
                return -1;
        snprintf(path, sizeof(path), "%s/journal", dir);
        return 0;
}

static int teardown(void **state)
{
        (void)state;
        unlink(path);
        return rmdir(dir);
}

/* One event line of about `size` bytes; the subject needs Jansson when escaped. */
static void write_event(FILE *f, uint64_t seq, unsigned index, size_t size, int escaped)
{
        char head[512];
        int n = snprintf(head, sizeof(head),
                         "{\"specversion\":\"1.0\",\"id\":\"a%llu/%u\",\"type\":\"herald.%s\",\"subject\":\"%s%llu\","
                         "\"sequence\":\"%020llu\",\"epoch\":\"00000000000000ab\",\"data\":{\"index\":%u,\"text\":\"",
                         (unsigned long long)(seq / 50), index, seq % 3 ? "arrival" : "verbal-cooperation",
                         escaped ? "a\\u0022b" : "article-", (unsigned long long)(seq / 50), (unsigned long long)seq,
                         index);

        fputs(head, f);
        for (size_t i = (size_t)n; i + 3 < size; i++)
                fputc('a' + (int)((seq + i) % 26), f);
        fputs("\"}}\n", f);
}

static void write_journal(void)
{
        FILE *f = fopen(path, "w");
        uint64_t seq = 0;

        assert_non_null(f);
        fputs("{\"journal\":\"herald\",\"version\":1,\"epoch\":\"00000000000000ab\"}\n", f);
        for (unsigned i = 0; i < EVENTS; i++) {
                size_t size = 150 + (i * 7919) % 3000;

                if (i % 50 == 0)
                        fprintf(f, "{\"article\":\"article-%u\",\"sha256\":\"%064x\",\"events\":50,\"file\":\"a.txt\"}\n",
                                i / 50, i / 50);
                if (i == 1234)
                        size = (size_t)3 << 19; /* 1.5 MiB: longer than a read block */
                if (i == 2000)
                        fputs("{\"specversion\":\"1.0\",\"type\":\"herald.arrival\",\"subject\":\n", f); /* damaged */
                if (i == 2500)
                        fputs("\n", f);
                write_event(f, ++seq, i % 50 + 1, size, i % 97 == 5);
                if (i == 3000)
                        write_event(f, seq - 1, 1, 400, 0); /* a sequence going back: refused */
        }
        fputs("{\"specversion\":\"1.0\",\"type\":\"herald.arr", f); /* torn: never synced */
        fclose(f);
}

struct expected {
        uint64_t sequence;
        char *topic, *json;
        size_t len;
};

/* The reference: each complete line through Jansson, as the journal reads it. */
static size_t read_reference(struct expected *want, size_t *bad, size_t *torn, off_t *good)
{
        FILE *f = fopen(path, "r");
        char *line = NULL;
        size_t cap = 0, n = 0;
        ssize_t len;
        uint64_t last = 0;

        assert_non_null(f);
        *bad = *torn = 0;
        *good = 0;
        while ((len = getline(&line, &cap, f)) > 0) {
                json_t *o;
                const char *type, *subject, *seq;

                if (line[len - 1] != '\n') {
                        *torn = (size_t)len;
                        break;
                }
                *good += len;
                o = json_loadb(line, (size_t)len - 1, JSON_REJECT_DUPLICATES, NULL);
                type = json_string_value(json_object_get(o, "type"));
                subject = json_string_value(json_object_get(o, "subject"));
                seq = json_string_value(json_object_get(o, "sequence"));
                if (!o && len > 1)
                        ++*bad;
                if (o && json_object_get(o, "specversion")) {
                        if (!type || strncmp(type, "herald.", 7) != 0 || !subject || !seq ||
                            strtoull(seq, NULL, 10) <= last)
                                ++*bad;
                        else {
                                assert_true(n < EVENTS);
                                want[n].sequence = last = strtoull(seq, NULL, 10);
                                assert_true(asprintf(&want[n].topic, "ev.%s.%s", type + 7, subject) > 0);
                                want[n].json = strndup(line, (size_t)len - 1);
                                want[n++].len = (size_t)len - 1;
                        }
                }
                json_decref(o);
        }
        free(line);
        fclose(f);
        return n;
}

static void test_journal_read_back_in_blocks_gives_the_same_events(void **state)
{
        static struct expected want[EVENTS];
        struct history h;
        struct journal *j;
        struct journal_report rep;
        char err[256] = "";
        size_t n, bad, torn;
        off_t good;
        struct stat st;

        (void)state;
        write_journal();
        n = read_reference(want, &bad, &torn, &good);
        assert_int_equal(n, EVENTS);
        assert_int_equal(bad, 2);
        assert_true(torn > 0);
        assert_int_equal(history_init(&h, EVENTS), 0);
        assert_int_equal(journal_open(path, &h, &j, &rep, err, sizeof(err)), 0);
        assert_int_equal(rep.events, n);
        assert_int_equal(rep.bad_lines, bad);
        assert_int_equal(rep.torn_bytes, torn);
        assert_int_equal(rep.articles, EVENTS / 50);
        assert_int_equal(journal_sequence(j), want[n - 1].sequence);
        assert_int_equal(journal_epoch(j), 0xab);
        assert_int_equal(h.n, n);
        for (size_t i = 0; i < n; i++) {
                const struct stored_event *e = history_get(&h, want[i].sequence);

                assert_non_null(e);
                assert_int_equal(e->json_len, want[i].len);
                assert_memory_equal(e->json, want[i].json, want[i].len);
                assert_string_equal(e->topic, want[i].topic);
                free(want[i].topic);
                free(want[i].json);
        }
        journal_close(j);
        history_done(&h);
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_size, good); /* the torn line cut off */
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_journal_read_back_in_blocks_gives_the_same_events),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
