/* The string map every word index of the extractor uses: keys of every length
 * the hash reads differently (empty, 1-3 bytes, 4-7, whole 8-byte words and
 * their tails), keys that differ in one byte anywhere, look-ups by (pointer,
 * length) inside a longer text, and growth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "strmap.h"

#define MAX_LEN 40

/* Key number i of length len: bytes that depend on both, never NUL. */
static void make_key(char *out, size_t len, size_t i)
{
        for (size_t k = 0; k < len; k++)
                out[k] = (char)(1 + (i * 31 + k * 7 + (i >> (k % 8))) % 255);
        out[len] = '\0';
}

static void test_strmap_finds_every_key_and_only_those(void **state)
{
        struct strmap *m = strmap_new();
        char key[MAX_LEN + 1], padded[MAX_LEN + 8];
        size_t n = 0;

        assert_non_null(m);
        for (size_t len = 0; len <= MAX_LEN; len++)
                for (size_t i = 0; i < 200; i++) {
                        make_key(key, len, i);
                        assert_int_equal(strmap_put(m, key, (void *)(uintptr_t)(len * 1000 + i + 1)), 0);
                        n += len == 0 ? i == 0 : 1; /* one empty key, put 200 times */
                }
        assert_int_equal(strmap_size(m), n);
        for (size_t len = 1; len <= MAX_LEN; len++)
                for (size_t i = 0; i < 200; i++) {
                        make_key(key, len, i);
                        assert_ptr_equal(strmap_get(m, key), (void *)(uintptr_t)(len * 1000 + i + 1));
                        memcpy(padded, key, len); /* the same bytes followed by others */
                        memset(padded + len, 'x', sizeof(padded) - len);
                        assert_ptr_equal(strmap_getn(m, padded, len), (void *)(uintptr_t)(len * 1000 + i + 1));
                        for (size_t k = 0; k < len; k++) { /* one byte changed anywhere: another key */
                                char was = key[k];

                                key[k] = (char)(was == 'z' ? 'y' : 'z');
                                if (strmap_get(m, key))
                                        assert_int_not_equal(strmap_get(m, key),
                                                             (void *)(uintptr_t)(len * 1000 + i + 1));
                                key[k] = was;
                        }
                }
        assert_ptr_equal(strmap_get(m, ""), (void *)(uintptr_t)200);
        strmap_free(m);
}

static void test_strmap_getn_reads_only_its_bytes(void **state)
{
        struct strmap *m = strmap_new();
        const char text[] = "the president arrived in ulaanbaatar";

        assert_non_null(m);
        assert_int_equal(strmap_put(m, "president", (void *)1), 0);
        assert_int_equal(strmap_put(m, "in", (void *)2), 0);
        assert_int_equal(strmap_put(m, "ulaanbaatar", (void *)3), 0);
        assert_ptr_equal(strmap_getn(m, text + 4, 9), (void *)1);
        assert_ptr_equal(strmap_getn(m, text + 22, 2), (void *)2);
        assert_ptr_equal(strmap_getn(m, text + 25, 11), (void *)3);
        assert_null(strmap_getn(m, text + 4, 8)); /* "presiden" */
        assert_null(strmap_getn(m, text + 22, 3)); /* "in " */
        assert_int_equal(strmap_put(m, "in", (void *)4), 0); /* replaces */
        assert_ptr_equal(strmap_get(m, "in"), (void *)4);
        assert_int_equal(strmap_size(m), 3);
        strmap_free(m);
}

/* Key number i, unique ("17:" and letters), of 6 to 39 bytes. */
static const char *unique_key(char *out, size_t i)
{
        size_t len = 6 + i % 34, k = (size_t)snprintf(out, MAX_LEN + 1, "%zu:", i);

        for (; k < len; k++)
                out[k] = (char)('a' + (i + k) % 26);
        out[len] = '\0';
        return out;
}

/* A look-up with the caller's strmap_hash() finds what strmap_get() finds, for
 * every key and for keys the map does not hold (each a probe that ends at an
 * empty tag), through the growth of the table. */
static void test_strmap_hashed_lookup_agrees(void **state)
{
        struct strmap *m = strmap_new();
        char key[MAX_LEN + 1];

        assert_non_null(m);
        for (size_t i = 0; i < 3000; i++)
                assert_int_equal(strmap_put(m, unique_key(key, i), (void *)(uintptr_t)(i + 1)), 0);
        for (size_t i = 0; i < 6000; i++) {
                size_t len = strlen(unique_key(key, i));

                assert_ptr_equal(strmap_getn_hashed(m, key, len, strmap_hash(key, len)), strmap_get(m, key));
                if (i < 3000)
                        assert_ptr_equal(strmap_get(m, key), (void *)(uintptr_t)(i + 1));
        }
        strmap_free(m);
}

/* The inline key comparison against memcmp: every length up to 40, equal
 * bytes and one byte different at each place (the hash rarely lets a
 * different key of the same length reach it, so the map alone cannot show it
 * wrong), each inside a longer buffer so no load may stray past the length. */
static void test_strmap_equal_is_memcmp(void **state)
{
        char a[MAX_LEN + 16], b[MAX_LEN + 16];
        size_t checked = 0;

        (void)state;
        for (size_t len = 0; len <= MAX_LEN; len++)
                for (size_t i = 0; i < 50; i++) {
                        make_key(a, len, i);
                        memcpy(b, a, len + 1);
                        memset(a + len, 'x', sizeof(a) - len); /* the tails differ: not compared */
                        memset(b + len, 'y', sizeof(b) - len);
                        assert_int_equal(strmap_equal_(a, b, len), 1);
                        for (size_t k = 0; k < len; k++)
                                for (int d = 1; d < 256; d += 37) {
                                        char was = b[k];

                                        b[k] = (char)(was + d);
                                        assert_int_equal(strmap_equal_(a, b, len), memcmp(a, b, len) == 0);
                                        b[k] = was;
                                        checked++;
                                }
                }
        assert_true(checked > 10000);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_strmap_finds_every_key_and_only_those),
                cmocka_unit_test(test_strmap_getn_reads_only_its_bytes),
                cmocka_unit_test(test_strmap_hashed_lookup_agrees),
                cmocka_unit_test(test_strmap_equal_is_memcmp),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
