/* The journal's line scanner (journal_scan.c) against Jansson, its reference, on
 * many lines: event lines as heraldd writes them, and each of them with one byte
 * replaced, at every position, by each byte that ends or changes a string's
 * plain run (a quote, a backslash, a control character, UTF-8 lead and
 * continuation bytes ...), so that every offset of the scanner's eight-byte
 * steps meets each of them. Wherever the scanner decides, it decides as
 * json_loadb(JSON_REJECT_DUPLICATES) does, and takes out the same members. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "journal_scan.h"

static unsigned long decided, unsure;

/* The member's string value, or NULL when it is absent or not a string. */
static const char *member(json_t *o, const char *name) { return json_string_value(json_object_get(o, name)); }

static void check_string(bool has, const char *got, const char *want)
{
        assert_int_equal(has, want != NULL);
        if (want)
                assert_string_equal(got, want);
}

/* The scanner's answer on line[0..len) is Jansson's. */
static void compare(const char *line, size_t len)
{
        json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
        struct journal_scan sc;
        int r = journal_scan_line(line, len, &sc);

        if (r == JOURNAL_SCAN_UNSURE) {
                unsure++;
        } else if (r == -EINVAL) {
                decided++;
                /* Jansson reads a NUL byte after a number as nothing ({"a":1\0}); the
                 * scanner refuses it, and the reader then asks Jansson (restore_line) */
                if (json_is_object(o) && !memchr(line, '\0', len))
                        fail_msg("scanner refuses a line Jansson reads (%zu bytes): ...%.*s", len, (int)(len < 120 ? len : 120), line + (len < 120 ? 0 : len - 120));
        } else {
                json_t *data;

                decided++;
                assert_int_equal(r, 0);
                if (!json_is_object(o))
                        fail_msg("scanner reads a line Jansson refuses (%zu bytes): ...%.*s", len, (int)(len < 120 ? len : 120), line + (len < 120 ? 0 : len - 120));
                assert_int_equal(sc.specversion, json_object_get(o, "specversion") != NULL);
                assert_int_equal(sc.journal, json_object_get(o, "journal") != NULL);
                assert_int_equal(sc.sha256, json_object_get(o, "sha256") != NULL);
                check_string(sc.has_type, sc.type, member(o, "type"));
                check_string(sc.has_subject, sc.subject, member(o, "subject"));
                check_string(sc.has_sequence, sc.sequence, member(o, "sequence"));
                check_string(sc.has_epoch, sc.epoch, member(o, "epoch"));
                data = json_object_get(o, "data");
                assert_int_equal(sc.index, json_is_integer(json_object_get(data, "index"))
                                                   ? json_integer_value(json_object_get(data, "index"))
                                                   : 0);
        }
        json_decref(o);
}

/* An event line as heraldd writes it, its strings of several lengths so that
 * their ends fall at every offset of an eight-byte step. */
static int event_line(char *buf, size_t size, unsigned i)
{
        static const char *const texts[] = { "", "a", "Paris", "Germany condemned the plan on Friday.",
                                             "Z\xc3\xbcrich \xe2\x82\xac \xf0\x9f\x98\x80 caf\xc3\xa9",
                                             "a \\\"quote\\\" and a \\\\ backslash \\n \\u00e9 \\ud83d\\ude00" };
        const char *text = texts[i % (sizeof(texts) / sizeof(texts[0]))];

        return snprintf(buf, size,
                        "{\"specversion\":\"1.0\",\"id\":\"art-%u/%u\",\"source\":\"/herald/news\","
                        "\"type\":\"herald.criticism\",\"subject\":\"art-%.*s\",\"time\":\"2026-11-30T09:16:29.836Z\","
                        "\"sequence\":\"%020u\",\"epoch\":\"%016x\",\"data\":{\"kind\":\"criticism\",\"cameo\":\"1%u\","
                        "\"actors\":[{\"name\":\"Germany\",\"type\":\"state\",\"country\":\"DEU\"}],"
                        "\"evidence\":{\"paragraph\":%u,\"start\":-%u,\"text\":\"%s\"},\"ok\":true,\"no\":false,"
                        "\"none\":null,\"index\":%u,\"count\":%u}}",
                        i, i, (int)(i % 13), "abcdefghijklm", i + 1, i * 2654435761u, i % 100, i, i * 7, text,
                        i + 1, i + 100);
}

static void test_scanner_decides_as_jansson_on_mutated_lines(void **state)
{
        static const unsigned char bytes[] = { '"', '\\', 0x00, 0x01, 0x1f, 0x20, 0x7f, 0x80, 0xbf, 0xc2, 0xc3,
                                               0xe2, 0xed, 0xf0, 0xf4, 0xf5, 0xff, 'u', '0', '{', '}', '[',
                                               ']', ':', ',', ' ', '\t', 'e', '.', '-' };
        char line[1024], copy[1024];

        (void)state;
        for (unsigned i = 0; i < 12; i++) {
                int len = event_line(line, sizeof(line), i);

                assert_true(len > 0 && (size_t)len < sizeof(line));
                compare(line, (size_t)len);
                for (int at = 0; at < len; at++)
                        for (size_t b = 0; b < sizeof(bytes); b++) {
                                memcpy(copy, line, (size_t)len);
                                copy[at] = (char)bytes[b];
                                compare(copy, (size_t)len);
                        }
                for (int cut = 0; cut < len; cut++) /* torn anywhere */
                        compare(line, (size_t)cut);
        }
        /* the scanner must decide nearly everything, or it would not be tested */
        assert_true(decided > 10 * unsure);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_scanner_decides_as_jansson_on_mutated_lines),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
