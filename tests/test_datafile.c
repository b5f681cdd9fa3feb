/* Tests of the data file syntax (datafile.c): sections with arguments, key =
 * value lines, comments, parse errors with their line numbers, errors raised by
 * the caller's callback, and datafile_split. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "datafile.h"

#define MAX_ENTRIES 16

/* A copy of one entry, taken by the collecting callback. */
struct seen {
        char section[64], arg[64], key[64], value[128];
        int has_key;
        unsigned line;
};

struct collected {
        struct seen v[MAX_ENTRIES];
        size_t n;
        size_t fail_at; /* 1-based entry on which to fail; 0 = never */
        int fail_with;
        unsigned fail_line; /* the line the callback reports, 0 = leave it to the parser */
};

static int collect(void *userdata, const struct datafile_entry *e, struct parse_error *err)
{
        struct collected *c = userdata;
        struct seen *s;

        assert_true(c->n < MAX_ENTRIES);
        s = &c->v[c->n++];
        snprintf(s->section, sizeof(s->section), "%s", e->section);
        snprintf(s->arg, sizeof(s->arg), "%s", e->section_arg);
        snprintf(s->key, sizeof(s->key), "%s", e->key ? e->key : "");
        snprintf(s->value, sizeof(s->value), "%s", e->value ? e->value : "");
        s->has_key = e->key != NULL;
        s->line = e->line;
        if (c->n == c->fail_at) {
                if (c->fail_line)
                        return parse_error_set(err, c->fail_line, 3, "callback says no");
                return c->fail_with;
        }
        return 0;
}

/* Parses a copy of text (the parser writes into its buffer). */
static int parse(const char *text, struct collected *c, struct parse_error *err)
{
        char *buf = strdup(text);
        int r;

        assert_non_null(buf);
        r = datafile_parse_buffer("test.txt", buf, collect, c, err);
        free(buf);
        return r;
}

static void expect_entry(const struct collected *c, size_t i, const char *section, const char *arg, const char *key,
                         const char *value, unsigned line)
{
        assert_true(i < c->n);
        assert_string_equal(c->v[i].section, section);
        assert_string_equal(c->v[i].arg, arg);
        assert_int_equal(c->v[i].has_key, key != NULL);
        if (key) {
                assert_string_equal(c->v[i].key, key);
                assert_string_equal(c->v[i].value, value);
        }
        assert_int_equal(c->v[i].line, line);
}

static void test_datafile_sections_with_arguments(void **state)
{
        struct collected c = { 0 };
        struct parse_error err = { 0 };

        assert_int_equal(parse("top = level\n"
                               "[entity Vladimir Putin]\n"
                               "country = RUS\n"
                               "[  patterns  ]\n"
                               "[ actor   Emmanuel  Macron ]\n"
                               "x = 1\n",
                               &c, &err),
                         0);
        assert_int_equal(c.n, 6);
        expect_entry(&c, 0, "", "", "top", "level", 1);
        expect_entry(&c, 1, "entity", "Vladimir Putin", NULL, NULL, 2);
        expect_entry(&c, 2, "entity", "Vladimir Putin", "country", "RUS", 3);
        expect_entry(&c, 3, "patterns", "", NULL, NULL, 4);
        /* the argument is trimmed at its ends, not inside */
        expect_entry(&c, 4, "actor", "Emmanuel  Macron", NULL, NULL, 5);
        expect_entry(&c, 5, "actor", "Emmanuel  Macron", "x", "1", 6);
}

static void test_datafile_key_value_trimmed(void **state)
{
        struct collected c = { 0 };
        struct parse_error err = { 0 };

        assert_int_equal(parse("   key   =   some value  \t\n"
                               "\tname\t=\tPutin\r\n"
                               "expr = a = b\n"
                               "empty =\n",
                               &c, &err),
                         0);
        assert_int_equal(c.n, 4);
        expect_entry(&c, 0, "", "", "key", "some value", 1);
        expect_entry(&c, 1, "", "", "name", "Putin", 2);
        /* only the first '=' separates */
        expect_entry(&c, 2, "", "", "expr", "a = b", 3);
        expect_entry(&c, 3, "", "", "empty", "", 4);
}

static void test_datafile_comments(void **state)
{
        struct collected c = { 0 };
        struct parse_error err = { 0 };

        assert_int_equal(parse("# a comment line\n"
                               "\n"
                               "   # an indented comment\n"
                               "[lang C#] # the section's comment\n"
                               "name = value # trailing comment\n"
                               "lang = C#\n"
                               "tag = a#b\n"
                               "tab = x\t# after a tab\n",
                               &c, &err),
                         0);
        assert_int_equal(c.n, 5);
        expect_entry(&c, 0, "lang", "C#", NULL, NULL, 4);
        expect_entry(&c, 1, "lang", "C#", "name", "value", 5);
        expect_entry(&c, 2, "lang", "C#", "lang", "C#", 6);
        expect_entry(&c, 3, "lang", "C#", "tag", "a#b", 7);
        expect_entry(&c, 4, "lang", "C#", "tab", "x", 8);
}

static void test_datafile_empty_buffer(void **state)
{
        struct collected c = { 0 };
        struct parse_error err = { 0 };

        assert_int_equal(parse("", &c, &err), 0);
        assert_int_equal(c.n, 0);
        assert_int_equal(parse("\n\n# only comments\n   \n", &c, &err), 0);
        assert_int_equal(c.n, 0);
}

static void test_datafile_last_line_without_newline(void **state)
{
        struct collected c = { 0 };
        struct parse_error err = { 0 };

        assert_int_equal(parse("a = 1\nb = 2", &c, &err), 0);
        assert_int_equal(c.n, 2);
        expect_entry(&c, 1, "", "", "b", "2", 2);
}

static void test_datafile_missing_equals(void **state)
{
        struct collected c = { 0 };
        struct parse_error err = { 0 };

        assert_int_equal(parse("# header\n[words]\na = 1\n\njust words here\nb = 2\n", &c, &err), -EINVAL);
        assert_string_equal(err.file, "test.txt");
        assert_int_equal(err.line, 5);
        assert_non_null(strstr(err.message, "key = value"));
        /* entries before the error were delivered, none after it */
        assert_int_equal(c.n, 2);
}

static void test_datafile_unterminated_section(void **state)
{
        struct collected c = { 0 };
        struct parse_error err = { 0 };

        assert_int_equal(parse("a = 1\n\n[entity Vladimir Putin\nb = 2\n", &c, &err), -EINVAL);
        assert_int_equal(err.line, 3);
        assert_non_null(strstr(err.message, "]"));
        assert_int_equal(c.n, 1);
}

static void test_datafile_text_after_section(void **state)
{
        struct collected c = { 0 };
        struct parse_error err = { 0 };

        assert_int_equal(parse("[entity] extra\n", &c, &err), -EINVAL);
        assert_int_equal(err.line, 1);
}

static void test_datafile_empty_section_name(void **state)
{
        struct collected c = { 0 };
        struct parse_error err = { 0 };

        assert_int_equal(parse("\n[  ]\n", &c, &err), -EINVAL);
        assert_int_equal(err.line, 2);
        assert_non_null(strstr(err.message, "empty section"));
}

static void test_datafile_empty_key(void **state)
{
        struct collected c = { 0 };
        struct parse_error err = { 0 };

        assert_int_equal(parse("[x]\na = 1\n   = orphan value\n", &c, &err), -EINVAL);
        assert_int_equal(err.line, 3);
        assert_non_null(strstr(err.message, "missing key"));
        assert_int_equal(c.n, 2);
}

static void test_datafile_line_too_long(void **state)
{
        struct collected c = { 0 };
        struct parse_error err = { 0 };
        char *text = malloc(5000 + 16);

        assert_non_null(text);
        strcpy(text, "a = 1\nk = ");
        memset(text + 10, 'v', 5000);
        text[5010] = '\0';
        assert_int_equal(parse(text, &c, &err), -EINVAL);
        assert_int_equal(err.line, 2);
        assert_non_null(strstr(err.message, "too long"));
        free(text);
}

static void test_datafile_callback_error_gets_line(void **state)
{
        struct collected c = { .fail_at = 3, .fail_with = -EEXIST };
        struct parse_error err = { 0 };

        assert_int_equal(parse("[s]\n# comment\na = 1\n\nb = 2\nc = 3\n", &c, &err), -EEXIST);
        /* the callback did not say where: the parser adds the entry's line */
        assert_int_equal(err.line, 5);
        assert_int_equal(c.n, 3);
}

static void test_datafile_callback_error_keeps_its_line(void **state)
{
        struct collected c = { .fail_at = 2, .fail_line = 2 };
        struct parse_error err = { 0 };

        assert_int_equal(parse("[s]\na = 1\nb = 2\n", &c, &err), -EINVAL);
        assert_int_equal(err.line, 2);
        assert_int_equal(err.col, 3);
        assert_string_equal(err.message, "callback says no");
        assert_string_equal(err.file, "test.txt");
        assert_int_equal(c.n, 2);
}

static void test_datafile_parse_file(void **state)
{
        char path[] = "/tmp/herald-datafile-XXXXXX";
        struct collected c = { 0 };
        struct parse_error err = { 0 };
        const char text[] = "[s arg]\nk = v\n";
        int fd = mkstemp(path);

        assert_true(fd >= 0);
        assert_int_equal(write(fd, text, sizeof(text) - 1), sizeof(text) - 1);
        close(fd);
        assert_int_equal(datafile_parse(path, collect, &c, &err), 0);
        assert_int_equal(c.n, 2);
        expect_entry(&c, 1, "s", "arg", "k", "v", 2);
        unlink(path);
}

static void test_datafile_parse_file_with_nul(void **state)
{
        char path[] = "/tmp/herald-datafile-XXXXXX";
        struct collected c = { 0 };
        struct parse_error err = { 0 };
        const char text[] = "k = v\n\0x = y\n";
        int fd = mkstemp(path);

        assert_true(fd >= 0);
        assert_int_equal(write(fd, text, sizeof(text) - 1), sizeof(text) - 1);
        close(fd);
        assert_int_equal(datafile_parse(path, collect, &c, &err), -EINVAL);
        assert_string_equal(err.file, path);
        assert_non_null(strstr(err.message, "NUL"));
        assert_int_equal(c.n, 0);
        unlink(path);
}

static void test_datafile_parse_missing_file(void **state)
{
        struct collected c = { 0 };
        struct parse_error err = { 0 };

        assert_int_equal(datafile_parse("/nonexistent/herald/none.txt", collect, &c, &err), -ENOENT);
        assert_string_equal(err.file, "/nonexistent/herald/none.txt");
        assert_int_equal(err.line, 0);
        assert_int_equal(c.n, 0);
}

static void test_datafile_split_trims(void **state)
{
        char value[] = "  a |b|   two words  | | c  ";
        char *items[8];

        /* empty items are dropped */
        assert_int_equal(datafile_split(value, '|', items, 8), 4);
        assert_string_equal(items[0], "a");
        assert_string_equal(items[1], "b");
        assert_string_equal(items[2], "two words");
        assert_string_equal(items[3], "c");
}

static void test_datafile_split_max(void **state)
{
        char value[] = "a | b | c | d";
        char *items[2];

        assert_int_equal(datafile_split(value, '|', items, 2), 2);
        assert_string_equal(items[0], "a");
        assert_string_equal(items[1], "b");
}

static void test_datafile_split_empty(void **state)
{
        char empty[] = "", blanks[] = " | \t |  ", one[] = "single";
        char *items[4];

        assert_int_equal(datafile_split(empty, '|', items, 4), 0);
        assert_int_equal(datafile_split(blanks, '|', items, 4), 0);
        assert_int_equal(datafile_split(one, '|', items, 4), 1);
        assert_string_equal(items[0], "single");
}

static void test_datafile_split_other_separator(void **state)
{
        char value[] = "since  <month> <year>";
        char *items[4];

        /* runs of the separator give empty items, which are dropped */
        assert_int_equal(datafile_split(value, ' ', items, 4), 3);
        assert_string_equal(items[0], "since");
        assert_string_equal(items[1], "<month>");
        assert_string_equal(items[2], "<year>");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_datafile_sections_with_arguments),
                cmocka_unit_test(test_datafile_key_value_trimmed),
                cmocka_unit_test(test_datafile_comments),
                cmocka_unit_test(test_datafile_empty_buffer),
                cmocka_unit_test(test_datafile_last_line_without_newline),
                cmocka_unit_test(test_datafile_missing_equals),
                cmocka_unit_test(test_datafile_unterminated_section),
                cmocka_unit_test(test_datafile_text_after_section),
                cmocka_unit_test(test_datafile_empty_section_name),
                cmocka_unit_test(test_datafile_empty_key),
                cmocka_unit_test(test_datafile_line_too_long),
                cmocka_unit_test(test_datafile_callback_error_gets_line),
                cmocka_unit_test(test_datafile_callback_error_keeps_its_line),
                cmocka_unit_test(test_datafile_parse_file),
                cmocka_unit_test(test_datafile_parse_file_with_nul),
                cmocka_unit_test(test_datafile_parse_missing_file),
                cmocka_unit_test(test_datafile_split_trims),
                cmocka_unit_test(test_datafile_split_max),
                cmocka_unit_test(test_datafile_split_empty),
                cmocka_unit_test(test_datafile_split_other_separator),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
