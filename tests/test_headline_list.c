/* The headline's actor list ("A", "A and B", "A, B and C") copied by hand
 * (session 8) held to the snprintf loop it replaced: every number of actors,
 * names of every length from none to past the buffer, and buffers of every
 * size from one byte, so each place the list can be cut is tried. headline.c
 * is compiled in to reach actor_list(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "headline.c"

static const char *old_actor_list(const struct extract_event *ev, char *buf, size_t size)
{
        size_t n = 0;

        buf[0] = '\0';
        for (size_t i = 0; i < ev->n_actors && n < size; i++)
                n += (size_t)snprintf(buf + n, size - n, "%s%s", i == 0 ? "" : i + 1 == ev->n_actors ? " and " : ", ",
                                      ev->actors[i]->name);
        return ev->n_actors ? buf : NULL;
}

static void test_actor_list_as_snprintf(void **state)
{
        static char names[EXTRACT_MAX_ACTORS][64];
        static struct entity ents[EXTRACT_MAX_ACTORS];
        struct extract_event ev = { 0 };
        size_t cases = 0;

        (void)state;
        for (size_t a = 0; a < EXTRACT_MAX_ACTORS; a++)
                ev.actors[a] = &ents[a];
        for (size_t n_actors = 0; n_actors <= EXTRACT_MAX_ACTORS; n_actors++)
                for (size_t len = 0; len < 40; len += 3)
                        for (size_t size = 1; size <= 160; size++) {
                                char now[160], then[160];
                                const char *a, *b;

                                for (size_t k = 0; k < n_actors; k++) { /* names of different lengths */
                                        size_t l = (len + 5 * k) % 60;

                                        memset(names[k], 'a' + (int)k, l);
                                        names[k][l] = '\0';
                                        ents[k].name = names[k];
                                }
                                ev.n_actors = n_actors;
                                memset(now, 'x', sizeof(now));
                                memset(then, 'x', sizeof(then));
                                a = actor_list(&ev, now, size);
                                b = old_actor_list(&ev, then, size);
                                assert_true((a == NULL) == (b == NULL));
                                assert_memory_equal(now, then, sizeof(now)); /* the cut, its NUL and the bytes after */
                                cases++;
                        }
        assert_true(cases > 1000);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_actor_list_as_snprintf),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
