/* Tests of rules_load's last check (rules.c check_rules): every rule needs a
 * trigger, found by searching the triggers on from the last rule's. A rule
 * without one is an error naming its line, wherever it stands in the file. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "rules.h"

/* A rule's kind: "k" and two letters, as kinds are letters only. */
static void kind_of(size_t i, char out[4])
{
        out[0] = 'k';
        out[1] = (char)('a' + i / 26);
        out[2] = (char)('a' + i % 26);
        out[3] = '\0';
}

/* n rules "kaa".."k.." (kind_of), each with a trigger except rule `missing` (n for none). */
static int load_rules(size_t n, size_t missing, struct rules **rs, struct parse_error *err, char path[64])
{
        FILE *f;
        int fd, ret;

        snprintf(path, 64, "/tmp/herald-rules-XXXXXX");
        fd = mkstemp(path);
        assert_true(fd >= 0);
        assert_non_null(f = fdopen(fd, "w"));
        for (size_t i = 0; i < n; i++) {
                char kind[4];

                kind_of(i, kind);
                fprintf(f, "[rule %s]\ncameo = 010\n", kind);
                if (i != missing)
                        fprintf(f, "trigger = %s/v | other %s\n", kind, kind);
                fprintf(f, "headline = {actors} do{es} %s\n", kind);
        }
        fclose(f);
        ret = rules_load(path, rs, err);
        unlink(path);
        return ret;
}

static void test_every_rule_has_a_trigger(void **state)
{
        struct rules *rs = NULL;
        struct parse_error err = { 0 };
        char path[64];

        (void)state;
        if (load_rules(40, 40, &rs, &err, path) != 0)
                fail_msg("%s:%u: %s", err.file, err.line, err.message);
        assert_non_null(rs);
        rules_free(rs);
}

static void test_a_rule_without_a_trigger_is_an_error(void **state)
{
        static const size_t where[] = { 0, 1, 17, 39 };

        (void)state;
        for (size_t k = 0; k < sizeof(where) / sizeof(where[0]); k++) {
                struct rules *rs = NULL;
                struct parse_error err = { 0 };
                char path[64], want[64], kind[4];

                assert_int_equal(load_rules(40, where[k], &rs, &err, path), -EINVAL);
                assert_null(rs);
                kind_of(where[k], kind);
                snprintf(want, sizeof(want), "rule '%s' has no trigger", kind);
                assert_non_null(strstr(err.message, want));
                assert_int_equal(err.line, 1 + 4 * where[k]); /* its [rule] line: 4 lines a rule before it */
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_every_rule_has_a_trigger),
                cmocka_unit_test(test_a_rule_without_a_trigger_is_an_error),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
