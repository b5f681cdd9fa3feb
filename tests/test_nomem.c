/* Running out of memory while coding an article: the k-th allocation of the
 * engine fails, for every k. Each run either gives exactly the events of a run
 * with memory to spare, or fails as a whole with -ENOMEM; never part of an
 * event or part of the article's events (issue 7). The engine's realloc,
 * calloc and malloc are wrapped at link time (-Wl,--wrap). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "codebook.h"
#include "extract.h"

void *__real_realloc(void *p, size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_malloc(size_t n);
void *__wrap_realloc(void *p, size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_malloc(size_t n);

static long countdown = -1; /* the allocation that fails: 0 = the next one; -1 = none */
static long calls;

static bool fail_now(void)
{
        calls++;
        return countdown >= 0 && countdown-- == 0;
}

void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }
void *__wrap_calloc(size_t k, size_t n) { return fail_now() ? NULL : __real_calloc(k, n); }
void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }

static const char body[] =
        "Date: 2024-09-02\n\n"
        "Putin arrived in Ulaanbaatar on Monday evening and was greeted by President Ukhnaagiin Khurelsukh.\n"
        "Foreign Ministry spokesman Georgiy Tykhiy said Mongolia's failure to arrest Vladimir Putin was a blow.\n"
        "The environmental group Zero accused Mongolia, and the group urged the ICC to act.\n";

/* The events as one string: kind, actors and target of each. */
static void describe(const struct extraction *x, char *out, size_t size)
{
        size_t len = 0;

        out[0] = '\0';
        for (size_t i = 0; i < x->n && len < size; i++) {
                const struct extract_event *ev = &x->v[i];

                len += (size_t)snprintf(out + len, size - len, "%s(%s>%s)", ev->rule->kind,
                                        ev->n_actors ? ev->actors[0]->name : "", ev->target ? ev->target->name : "");
        }
}

static void test_nomem_article_fails_whole_or_not_at_all(void **state)
{
        struct article_options opts = { .name = "nomem.txt" };
        struct parse_error err = { 0 };
        struct codebook *cb = NULL;
        struct article *a = NULL;
        struct extraction x;
        char want[4096], got[4096];
        long total;
        size_t failed = 0;

        (void)state;
        assert_int_equal(codebook_load(HERALD_DATA_DIR, &cb, &err), 0);
        assert_int_equal(article_parse(strdup(body), strlen(body), &opts, cb->lexicon, &a, &err), 0);
        calls = 0;
        assert_int_equal(extract_article(cb, a, &x), 0);
        total = calls;
        describe(&x, want, sizeof(want));
        assert_true(x.n >= 3);
        extraction_done(&x);
        for (long k = 0; k < total; k++) {
                int r;

                countdown = k;
                r = extract_article(cb, a, &x);
                countdown = -1;
                if (r == 0) {
                        describe(&x, got, sizeof(got));
                        assert_string_equal(got, want);
                        extraction_done(&x);
                } else {
                        assert_int_equal(r, -ENOMEM);
                        assert_int_equal(x.n, 0);
                        failed++;
                }
        }
        assert_true(failed > 0);
        article_free(a);
        codebook_free(cb);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_nomem_article_fails_whole_or_not_at_all),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
