/* codebook_load() when memory runs out: the Nth allocation fails (only that
 * one), for N spread over the whole load. Each attempt must give either the
 * codebook or an error that names what could not be loaded: an empty message
 * printed "heraldd err: : " and the daemon said nothing at all. The load runs
 * on two threads; here the loader's thread cannot be started (pthread_create is
 * wrapped to fail, as it may), so the caller loads every part itself, in the
 * same order each run, and the Nth allocation is always the same one: a leak
 * on one failure path shows at every run under ASan, not one run in three.
 * malloc, realloc and calloc are wrapped at link time (-Wl,--wrap). */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include "codebook.h"
#include "internal/parse-error.h"

void *__real_realloc(void *p, size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_malloc(size_t n);
void *__wrap_realloc(void *p, size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_malloc(size_t n);

static atomic_long allocations_left = -1; /* -1: no failure planned */
static atomic_long allocations;           /* counted while no failure is planned */

static bool fail_now(void)
{
        long left = atomic_load(&allocations_left);

        if (left < 0) {
                atomic_fetch_add(&allocations, 1);
                return false;
        }
        /* the thread that takes the count from 0 to -1 is the one that fails */
        return atomic_fetch_sub(&allocations_left, 1) == 0;
}

void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }
void *__wrap_calloc(size_t k, size_t n) { return fail_now() ? NULL : __real_calloc(k, n); }
void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }

int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg);
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
        (void)t, (void)attr, (void)fn, (void)arg;
        return EAGAIN;
}

/* Loads with the nth allocation failing; true when the failure was met. */
static bool load_failing_at(long n, int *failures_told)
{
        struct parse_error err = { 0 };
        struct codebook *cb = NULL;
        int r;

        atomic_store(&allocations_left, n);
        r = codebook_load(HERALD_DATA_DIR, &cb, &err);
        bool met = atomic_load(&allocations_left) < 0;

        atomic_store(&allocations_left, -1);
        if (r == 0) {
                codebook_free(cb);
                return met;
        }
        if (!err.message[0] || !err.file[0])
                fail_msg("allocation %ld failed: codebook_load gave %d and an empty error", n, r);
        (*failures_told)++;
        return true;
}

static void test_every_failure_is_told(void **state)
{
        struct parse_error err = { 0 };
        struct codebook *cb = NULL;
        int told = 0;
        long total, tried = 0;

        (void)state;
        atomic_store(&allocations, 0);
        assert_int_equal(codebook_load(HERALD_DATA_DIR, &cb, &err), 0);
        total = atomic_load(&allocations);
        codebook_free(cb);
        assert_true(total > 100); /* not vacuous */
        /* the first allocations one by one, then about 200 spread over the rest */
        for (long n = 0; n < total; n += n < 64 ? 1 : total / 200 + 1)
                tried += load_failing_at(n, &told);
        print_message("# %ld allocations in a load, %ld failures met, %d told\n", total, tried, told);
        assert_true(told > 50);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_every_failure_is_told),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
