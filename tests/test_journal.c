/* Tests of the journal file and the replay window it fills, on real files in a
 * temporary directory. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <errno.h>
#include <jansson.h>

#include "history.h"
#include "journal.h"
#include "journal_scan.h"

static char path[256];

static int setup(void **state)
{
        char dir[] = "/tmp/herald-journal-XXXXXX";

        if (!mkdtemp(dir))
                return -1;
        snprintf(path, sizeof(path), "%s/journal", dir);
        return 0;
}

static int teardown(void **state)
{
        char cmd[300];

        snprintf(cmd, sizeof(cmd), "rm -rf %.*s", (int)(strrchr(path, '/') - path), path);
        return system(cmd);
}

static const char *sha_a = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

static void event_json(char *buf, size_t size, uint64_t epoch, uint64_t seq, unsigned index)
{
        snprintf(buf, size,
                 "{\"specversion\":\"1.0\",\"id\":\"a/%u\",\"type\":\"herald.arrival\",\"subject\":\"a\","
                 "\"sequence\":\"%020llu\",\"epoch\":\"%016llx\",\"data\":{\"index\":%u}}",
                 index, (unsigned long long)seq, (unsigned long long)epoch, index);
}

/* Writes `events` events of a 3-event article; returns the epoch. */
static uint64_t write_journal(size_t events)
{
        struct history h;
        struct journal *j;
        struct journal_report rep;
        char err[256], json[512];
        uint64_t epoch;

        assert_int_equal(history_init(&h, 10), 0);
        assert_int_equal(journal_open(path, &h, &j, &rep, err, sizeof(err)), 0);
        epoch = journal_epoch(j);
        assert_int_equal(journal_add_article(j, sha_a, "a", 3, "a.txt"), 0);
        for (size_t i = 0; i < events; i++) {
                event_json(json, sizeof(json), epoch, journal_next_sequence(j), (unsigned)i + 1);
                assert_int_equal(journal_add_event(j, sha_a, i + 1, json, strlen(json)), 0);
        }
        assert_int_equal(journal_sync(j), 0);
        journal_close(j);
        history_done(&h);
        return epoch;
}

static void test_journal_new_file_starts_a_stream(void **state)
{
        struct history h;
        struct journal *j;
        struct journal_report rep;
        char err[256];

        unlink(path);
        assert_int_equal(history_init(&h, 10), 0);
        assert_int_equal(journal_open(path, &h, &j, &rep, err, sizeof(err)), 0);
        assert_true(rep.created);
        assert_true(journal_epoch(j) != 0);
        assert_int_equal(journal_sequence(j), 0);
        assert_null(journal_find_article(j, sha_a));
        journal_close(j);
        history_done(&h);
}

static void test_journal_reads_back_epoch_sequence_history_articles(void **state)
{
        struct history h;
        struct journal *j;
        struct journal_report rep;
        const struct journal_article *a;
        char err[256];
        uint64_t epoch;

        unlink(path);
        epoch = write_journal(3);
        assert_int_equal(history_init(&h, 10), 0);
        assert_int_equal(journal_open(path, &h, &j, &rep, err, sizeof(err)), 0);
        assert_int_equal(journal_epoch(j), epoch);
        assert_int_equal(journal_sequence(j), 3);
        assert_int_equal(rep.events, 3);
        assert_int_equal(h.n, 3);
        assert_string_equal(history_get(&h, 2)->topic, "ev.arrival.a");
        a = journal_find_article(j, sha_a);
        assert_non_null(a);
        assert_int_equal(a->count, 3);
        assert_int_equal(a->journaled, 3);
        assert_int_equal(journal_articles(j), 1);
        journal_close(j);
        history_done(&h);
}

static void test_journal_half_published_article_is_not_complete(void **state)
{
        struct history h;
        struct journal *j;
        struct journal_report rep;
        char err[256];

        unlink(path);
        write_journal(2);
        assert_int_equal(history_init(&h, 10), 0);
        assert_int_equal(journal_open(path, &h, &j, &rep, err, sizeof(err)), 0);
        assert_int_equal(journal_find_article(j, sha_a)->journaled, 2);
        assert_int_equal(journal_articles(j), 0);
        journal_close(j);
        history_done(&h);
}

static void test_journal_torn_line_is_cut_and_damaged_lines_skipped(void **state)
{
        struct history h;
        struct journal *j;
        struct journal_report rep;
        char err[256];
        struct stat st;
        FILE *f;
        off_t good;

        unlink(path);
        write_journal(2);
        f = fopen(path, "a");
        fputs("this line is damaged\n", f);
        fclose(f);
        stat(path, &st);
        good = st.st_size;
        f = fopen(path, "a");
        fputs("{\"specversion\":\"1.0\",\"id\":\"a/3", f); /* no newline: torn */
        fclose(f);
        assert_int_equal(history_init(&h, 10), 0);
        assert_int_equal(journal_open(path, &h, &j, &rep, err, sizeof(err)), 0);
        assert_int_equal(rep.torn_bytes, 30);
        assert_int_equal(rep.bad_lines, 1);
        assert_int_equal(journal_sequence(j), 2);
        stat(path, &st);
        assert_int_equal(st.st_size, good);
        journal_close(j);
        history_done(&h);
}

static void test_journal_in_memory_keeps_articles(void **state)
{
        struct history h;
        struct journal *j;
        struct journal_report rep;
        char err[256];

        assert_int_equal(history_init(&h, 10), 0);
        assert_int_equal(journal_open(NULL, &h, &j, &rep, err, sizeof(err)), 0);
        assert_int_equal(journal_add_article(j, sha_a, "a", 1, "a.txt"), 0);
        assert_int_equal(journal_add_event(j, sha_a, 1, "{}", 2), 0);
        assert_int_equal(journal_sync(j), 0);
        assert_int_equal(journal_sequence(j), 1);
        assert_int_equal(journal_articles(j), 1);
        journal_close(j);
        history_done(&h);
}

static void test_journal_refuses_a_directory(void **state)
{
        struct history h;
        struct journal *j = NULL;
        struct journal_report rep;
        char err[256] = "", dir[300];

        snprintf(dir, sizeof(dir), "%.*s", (int)(strrchr(path, '/') - path), path);
        assert_int_equal(history_init(&h, 10), 0);
        assert_true(journal_open(dir, &h, &j, &rep, err, sizeof(err)) < 0);
        assert_true(err[0] != '\0');
        history_done(&h);
}

/* A damaged line in the middle leaves a hole: later events keep their
 * sequences, the article keeps its count, the sequence never goes back. */
static void test_journal_damaged_middle_line_is_a_hole(void **state)
{
        struct history h;
        struct journal *j;
        struct journal_report rep;
        char err[256], *text, *second, *third;
        size_t len;
        FILE *f;

        unlink(path);
        write_journal(3);
        f = fopen(path, "r");
        text = calloc(1, 8192);
        len = fread(text, 1, 8191, f);
        fclose(f);
        second = strstr(strstr(text, "a/1"), "\n") + 1; /* the event with sequence 2 */
        third = strstr(second, "\n") + 1;
        memset(second + 10, '#', (size_t)(third - second) - 12); /* damage it, keep its length */
        f = fopen(path, "w");
        fwrite(text, 1, len, f);
        fclose(f);
        free(text);
        assert_int_equal(history_init(&h, 10), 0);
        assert_int_equal(journal_open(path, &h, &j, &rep, err, sizeof(err)), 0);
        assert_int_equal(rep.bad_lines, 1);
        assert_int_equal(journal_sequence(j), 3);
        assert_int_equal(history_get(&h, 1)->sequence, 1);
        assert_null(history_get(&h, 2));
        assert_true(history_is_hole(&h, 2));
        assert_int_equal(history_get(&h, 3)->sequence, 3);
        assert_int_equal(journal_find_article(j, sha_a)->journaled, 3); /* by index, not by line count */
        /* the read-back names the missing sequence, and the window counts it as a hole */
        assert_int_equal(rep.n_gaps, 1);
        assert_int_equal(rep.missing, 1);
        assert_int_equal(rep.gaps[0].first, 2);
        assert_int_equal(rep.gaps[0].last, 2);
        assert_int_equal(h.n - h.holes, 2);
        journal_close(j);
        history_done(&h);
}

/* Which content came first under an article id survives a restart: a later
 * content's event ids depend on it. */
static void test_journal_first_content_per_id_is_kept(void **state)
{
        static const char *sha_b = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        struct history h;
        struct journal *j;
        struct journal_report rep;
        char err[256];

        unlink(path);
        assert_int_equal(history_init(&h, 10), 0);
        assert_int_equal(journal_open(path, &h, &j, &rep, err, sizeof(err)), 0);
        assert_null(journal_first_content(j, "a"));
        assert_int_equal(journal_add_article(j, sha_a, "a", 1, "a.txt"), 0);
        assert_int_equal(journal_add_article(j, sha_b, "a", 1, "a-edited.txt"), 0);
        assert_int_equal(journal_add_article(j, sha_a, "a", 1, "a.txt"), 0); /* resumed: still the first */
        assert_string_equal(journal_first_content(j, "a"), sha_a);
        assert_int_equal(journal_sync(j), 0);
        journal_close(j);
        assert_int_equal(journal_open(path, &h, &j, &rep, err, sizeof(err)), 0);
        assert_string_equal(journal_first_content(j, "a"), sha_a);
        assert_null(journal_first_content(j, "b"));
        journal_close(j);
        history_done(&h);
}

static void test_history_window_slides_and_resizes(void **state)
{
        struct history h;

        assert_int_equal(history_init(&h, 3), 0);
        for (uint64_t s = 1; s <= 5; s++)
                history_push(&h, s, "t", "{}", 2);
        assert_int_equal(history_oldest(&h), 3);
        assert_int_equal(history_newest(&h), 5);
        assert_null(history_get(&h, 2));
        assert_null(history_get(&h, 6));
        assert_int_equal(history_get(&h, 4)->sequence, 4);
        assert_int_equal(history_resize(&h, 2), 0);
        assert_int_equal(history_oldest(&h), 4);
        assert_int_equal(history_resize(&h, 10), 0);
        history_push(&h, 6, "t", "{}", 2);
        assert_int_equal(h.n, 3);
        assert_int_equal(history_get(&h, 6)->sequence, 6);
        history_push(&h, 6, "t", "{}", 2); /* not after the newest: refused */
        assert_int_equal(history_newest(&h), 6);
        history_push(&h, 9, "t", "{}", 2); /* 7 and 8 become holes */
        assert_true(history_is_hole(&h, 7));
        assert_int_equal(history_get(&h, 9)->sequence, 9);
        history_push(&h, 100, "t", "{}", 2); /* a hole wider than the window */
        assert_int_equal(h.n, 1);
        assert_int_equal(history_oldest(&h), 100);
        history_done(&h);
}

/* What the scanner decides, it decides as Jansson would: a line it reads is one
 * json_loadb reads, a line it calls damaged is one json_loadb refuses. */
static int scan(const char *line, struct journal_scan *sc)
{
        json_t *o = json_loadb(line, strlen(line), JSON_REJECT_DUPLICATES, NULL);
        int r = journal_scan_line(line, strlen(line), sc);

        if (r == 0)
                assert_true(json_is_object(o));
        if (r == -EINVAL)
                assert_false(json_is_object(o));
        json_decref(o);
        return r;
}

static void test_scan_takes_the_members_out_of_tricky_strings(void **state)
{
        struct journal_scan sc;

        /* escaped quotes and backslashes, member names inside string values, a
         * "subject" and an "index" nested where they do not count */
        assert_int_equal(scan("{\"specversion\":\"1.0\",\"id\":\"\\\"subject\\\":\\\"evil\\\"\","
                              "\"type\":\"herald.arrival\",\"subject\":\"a\\\"b\\\\c\","
                              "\"sequence\":\"00000000000000000042\",\"epoch\":\"00000000000000ff\","
                              "\"data\":{\"quote\":\"\\\"index\\\":7, \\\"type\\\":\\\"x\\\"\","
                              "\"article\":{\"subject\":\"no\",\"index\":9},\"actors\":[{\"index\":8}],"
                              "\"index\":3,\"count\":3}}", &sc), 0);
        assert_true(sc.specversion && sc.has_type && sc.has_subject && sc.has_sequence && sc.has_epoch);
        assert_false(sc.journal || sc.sha256);
        assert_string_equal(sc.type, "herald.arrival");
        assert_string_equal(sc.subject, "a\"b\\c");
        assert_string_equal(sc.sequence, "00000000000000000042");
        assert_string_equal(sc.epoch, "00000000000000ff");
        assert_int_equal(sc.index, 3);

        /* unicode escapes: two-byte, three-byte, a surrogate pair; raw UTF-8; \/ */
        assert_int_equal(scan("{\"specversion\":\"1.0\",\"subject\":\"Z\\u00fcrich \\u20ac \\ud83d\\ude00 "
                              "\xc3\xa9\\/\\t\",\"data\":{\"index\":-1}}", &sc), 0);
        assert_string_equal(sc.subject, "Z\xc3\xbcrich \xe2\x82\xac \xf0\x9f\x98\x80 \xc3\xa9/\t");
        assert_int_equal(sc.index, -1);
        assert_false(sc.has_type);

        /* other kinds of line are told apart by what they have */
        assert_int_equal(scan(" {\"journal\":\"herald\",\"version\":1,\"epoch\":\"9f3c2a7b1d4e6f80\"} ", &sc), 0);
        assert_true(sc.journal && sc.has_epoch && !sc.specversion);
        assert_int_equal(scan("{\"article\":\"a\",\"sha256\":\"x\",\"events\":3,\"file\":\"a.txt\"}", &sc), 0);
        assert_true(sc.sha256);
        assert_int_equal(scan("{}", &sc), 0);
        assert_int_equal(scan("{\"a\":[true,false,null,[],{},-0,\"\"],\"b\":{\"c\":[1,[2]]}}", &sc), 0);
}

static void test_scan_finds_damage(void **state)
{
        static const char *damaged[] = {
                "",
                "   ",
                "{\"specversion\":\"1.0\",\"subject\":\"a\"",       /* torn */
                "{\"specversion\":\"1.0\",\"subject\":\"a}",        /* torn in a string */
                "{\"specversion\":\"1.0\",\"subject\":\"a\\\"}",    /* the closing quote escaped */
                "{\"specversion\":\"1.0\"}x",                       /* trailing bytes */
                "{\"specversion\":\"1.0\"}{}",
                "{\"a\":1,\"a\":2}",                                /* a duplicate member */
                "{\"d\":{\"index\":1,\"index\":2}}",
                "{\"a\":\"\xff\"}",                                 /* not UTF-8 */
                "{\"a\":\"\xc0\xaf\"}",                             /* overlong */
                "{\"a\":\"\xed\xa0\x80\"}",                         /* a surrogate in UTF-8 */
                "{\"a\":\"\xf4\x90\x80\x80\"}",                     /* above U+10FFFF */
                "{\"a\":\"\xe2\x82\"}",                             /* cut sequence */
                "{\"a\":\"\\ud83d\"}",                              /* a lone high surrogate */
                "{\"a\":\"\\ude00x\"}",                             /* a lone low surrogate */
                "{\"a\":\"\\ud83d\\u0041\"}",
                "{\"a\":\"\\u0000\"}",                              /* NUL, refused without JSON_ALLOW_NUL */
                "{\"a\":\"\\u12g4\"}",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"tab\there\"}",                            /* a raw control character */
                "{\"a\":01}",
                "{\"a\":-}",
                "{\"a\":tru}",
                "{\"a\":truex}",
                "{\"a\" 1}",
                "{\"a\":1,}",
                "{\"a\":[1,]}",
                "{a:1}",
                "\"a\"",
                "{\"a\":[1 2]}",
        };
        struct journal_scan sc;

        for (size_t i = 0; i < sizeof(damaged) / sizeof(damaged[0]); i++) {
                assert_int_equal(scan(damaged[i], &sc), -EINVAL);
        }
        /* a NUL byte inside the line */
        assert_int_equal(journal_scan_line("{\"a\":\"b\0\"}", 9, &sc), -EINVAL);
}

static void test_scan_leaves_what_it_is_unsure_of_to_jansson(void **state)
{
        static const char *unsure[] = {
                "{\"a\":1.5}",
                "{\"a\":1e3}",
                "{\"a\":99999999999999999999}",
                "{\"\\u0061\":1,\"a\":2}",                          /* an escaped member name */
                "{\"subject\":7}",                                  /* a wanted member not a string */
                "[1]",
                "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
        };
        char line[600];
        struct journal_scan sc;

        for (size_t i = 0; i < sizeof(unsure) / sizeof(unsure[0]); i++)
                assert_int_equal(scan(unsure[i], &sc), JOURNAL_SCAN_UNSURE);
        snprintf(line, sizeof(line), "{\"subject\":\"%0300d\"}", 0); /* longer than its buffer */
        assert_int_equal(scan(line, &sc), JOURNAL_SCAN_UNSURE);
}

/* Lines the scanner takes and lines it leaves to Jansson read back the same. */
static void test_journal_reads_escaped_subjects_back(void **state)
{
        struct history h;
        struct journal *j;
        struct journal_report rep;
        char err[256];
        FILE *f = fopen(path, "w");

        assert_non_null(f);
        fprintf(f, "{\"journal\":\"herald\",\"version\":1,\"epoch\":\"00000000000000aa\"}\n"
                   "{\"article\":\"a\\\"b\",\"sha256\":\"%s\",\"events\":2,\"file\":\"a.txt\"}\n"
                   "{\"specversion\":\"1.0\",\"type\":\"herald.arrival\",\"subject\":\"a\\u0022b\","
                   "\"sequence\":\"00000000000000000001\",\"data\":{\"text\":\"\\\"index\\\":9\",\"index\":1}}\n"
                   "{\"specversion\":\"1.0\",\"type\":\"herald.arrival\",\"subject\":\"a\\\"b\","
                   "\"sequence\":\"00000000000000000002\",\"data\":{\"w\":2.5,\"index\":2}}\n",
                sha_a);
        fclose(f);
        assert_int_equal(history_init(&h, 10), 0);
        assert_int_equal(journal_open(path, &h, &j, &rep, err, sizeof(err)), 0);
        assert_int_equal(rep.events, 2);
        assert_int_equal(rep.bad_lines, 0);
        assert_int_equal(journal_sequence(j), 2);
        assert_string_equal(history_get(&h, 1)->topic, "ev.arrival.a\"b");
        assert_string_equal(history_get(&h, 2)->topic, "ev.arrival.a\"b");
        assert_int_equal(journal_find_article(j, sha_a)->journaled, 2);
        assert_int_equal(journal_articles(j), 1);
        journal_close(j);
        history_done(&h);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_journal_new_file_starts_a_stream),
                cmocka_unit_test(test_journal_reads_back_epoch_sequence_history_articles),
                cmocka_unit_test(test_journal_half_published_article_is_not_complete),
                cmocka_unit_test(test_journal_torn_line_is_cut_and_damaged_lines_skipped),
                cmocka_unit_test(test_journal_damaged_middle_line_is_a_hole),
                cmocka_unit_test(test_journal_in_memory_keeps_articles),
                cmocka_unit_test(test_journal_refuses_a_directory),
                cmocka_unit_test(test_journal_first_content_per_id_is_kept),
                cmocka_unit_test(test_history_window_slides_and_resizes),
                cmocka_unit_test(test_scan_takes_the_members_out_of_tricky_strings),
                cmocka_unit_test(test_scan_finds_damage),
                cmocka_unit_test(test_scan_leaves_what_it_is_unsure_of_to_jansson),
                cmocka_unit_test(test_journal_reads_escaped_subjects_back),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
