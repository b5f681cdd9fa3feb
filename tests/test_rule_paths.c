/* Session 10's paths of the coder held to the code they replaced: headlines
 * whose literal text is copied in runs (against the byte-by-byte expand), a
 * sentence's hits sorted by insertion (against a stable sort), a required
 * prefix compared by its first eight bytes at once (against strncmp on every
 * pattern), and kinds compared by number (against strcmp). headline.c and
 * hits.c are compiled in to reach their insides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "headline.c"
#include "hits.c"
#include "codebook.h"
#include "token.h"

static struct codebook *load(void)
{
        struct codebook *cb = NULL;
        struct parse_error err = { 0 };

        assert_int_equal(codebook_load(HERALD_DATA_DIR, &cb, &err), 0);
        return cb;
}

/* ---- headlines: the expansion as it was (session 9) ---- */

static bool old_expand(const struct extract_event *ev, const char *from, const char *to, char *out, size_t *n,
                       size_t size)
{
        bool complete = true;

        for (const char *p = from; p < to; p++) {
                const char *close = *p == '{' ? memchr(p, '}', (size_t)(to - p)) : NULL, *v;
                char list[256];
                size_t len;

                if (!close) {
                        if (*n + 1 < size)
                                out[(*n)++] = *p;
                        continue;
                }
                v = field_value(ev, p + 1, (size_t)(close - p - 1), list, sizeof(list));
                complete = complete && v;
                v = v ? v : "someone";
                len = strlen(v);
                if (*n + len < size) {
                        memcpy(out + *n, v, len);
                        *n += len;
                }
                p = close;
        }
        return complete;
}

/* Both expansions of [from, to) into buffers of size bytes already holding
 * `at` bytes: the same bytes, the same length, the same answer. */
static void same_expand(const struct extract_event *ev, const char *from, const char *to, size_t at, size_t size)
{
        char now[600], then[600];
        size_t n_now = at, n_then = at;
        bool a, b;

        memset(now, 'x', sizeof(now));
        memset(then, 'x', sizeof(then));
        a = expand(ev, from, to, now, &n_now, size);
        b = old_expand(ev, from, to, then, &n_then, size);
        if (a != b || n_now != n_then || memcmp(now, then, sizeof(now)) != 0)
                fail_msg("'%.*s' from %zu in %zu bytes: %zu '%.*s', before %zu '%.*s'", (int)(to - from), from, at, size,
                         n_now, (int)n_now, now, n_then, (int)n_then, then);
}

static void test_expand_as_before(void **state)
{
        static const char *const extra[] = {
                "", "{", "}", "{}", "{{actor}}", "{actor", "actor}", "x{nothing}y", "{actor}{target}{location}",
                "a { b", "{s}{es}{kind}", "{actors} call{s} on {target} {", "}{actor}{",
        };
        struct codebook *cb = load();
        const struct rules *rs = cb->rules;
        static char long_name[400];
        struct entity a = { .name = "Kenya" }, b = { .name = "the United Nations", .tags = "" }, c = { .name = long_name };
        struct extract_event ev = { 0 };
        size_t cases = 0;

        (void)state;
        memset(long_name, 'L', sizeof(long_name) - 1);
        a.tags = "";
        c.tags = "plural";
        for (size_t shape = 0; shape < 6; shape++) {
                ev.n_actors = shape % 3;
                ev.actors[0] = shape < 3 ? &a : &c;
                ev.actors[1] = &b;
                ev.target = shape % 2 ? &b : NULL;
                ev.location = shape >= 3 ? &a : NULL;
                for (size_t r = 0; r < rs->n + sizeof(extra) / sizeof(extra[0]); r++) {
                        const char *t = r < rs->n ? rs->v[r]->headline : extra[r - rs->n];
                        size_t len = strlen(t);

                        ev.rule = rs->v[r % rs->n];
                        for (size_t from = 0; from <= len; from++)
                                for (size_t at = 0; at < 8; at += 7)
                                        for (size_t size = at + 1; size <= 520; size += (size < 64 ? 1 : 97)) {
                                                same_expand(&ev, t + from, t + len, at, size);
                                                cases++;
                                        }
                }
        }
        assert_true(cases > 100000);
        codebook_free(cb);
}

/* ---- hits: sorted as a stable sort puts them ---- */

struct numbered {
        struct hit h;
        size_t seq;
};

static int by_priority_then_seq(const void *a, const void *b)
{
        const struct numbered *x = a, *y = b;
        int c = by_priority(&x->h, &y->h);

        return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static void test_sort_hits_stable(void **state)
{
        struct rule rules[4] = { { .order = 0 }, { .order = 1 }, { .order = 2 }, { .order = 3 } };
        struct trigger trig[8];
        struct hit v[40];
        struct numbered ref[40];
        unsigned seed = 12345;
        size_t cases = 0;

        (void)state;
        for (size_t k = 0; k < 8; k++)
                trig[k] = (struct trigger){ .rule = &rules[k % 4] };
        for (size_t round = 0; round < 20000; round++) {
                size_t n = round % 40;

                for (size_t i = 0; i < n; i++) {
                        seed = seed * 1103515245u + 12345u;
                        v[i] = (struct hit){ &trig[(seed >> 8) % 8], (seed >> 12) % 4, 0, false };
                        v[i].end = v[i].start + (seed >> 16) % 3;
                        ref[i] = (struct numbered){ v[i], i };
                }
                sort_hits(v, n);
                qsort(ref, n, sizeof(ref[0]), by_priority_then_seq);
                for (size_t i = 0; i < n; i++)
                        if (memcmp(&v[i], &ref[i].h, sizeof(v[i])) != 0)
                                fail_msg("round %zu (%zu hits): hit %zu differs", round, n, i);
                cases += n;
        }
        assert_true(cases > 100000);
}

/* ---- required prefixes: by eight bytes at once, as strncmp said ---- */

/* Each pattern's id (rules_index_required), and the pattern. */
static bool old_has(const struct rules *rs, unsigned id, const struct token_list *tl)
{
        for (size_t r = 0; r < rs->n; r++)
                for (size_t k = 0; k < rs->v[r]->n_requires; k++) {
                        if (rs->v[r]->requires_id[k] != id)
                                continue;
                        for (size_t i = 0; i < tl->n; i++)
                                if (rules_word_matches(rs->v[r]->requires[k], token_norm(tl, i)))
                                        return true;
                        return false;
                }
        fail_msg("required word %u is no rule's", id);
        return false;
}

/* A sentence of one word: the bits mark_required sets, as the patterns say. */
static void same_marks(const struct rules *rs, const char *word, uint64_t *has, size_t n_bits, size_t *marked)
{
        struct token_list tl = { 0 };

        assert_int_equal(token_split(word, strlen(word), &tl), 0);
        mark_required(rs, &tl, has, n_bits);
        for (unsigned id = 0; id < rs->n_required; id++) {
                bool now = has_word(has, id);

                if (now != old_has(rs, id, &tl))
                        fail_msg("'%s': required word %u %s", word, id, now ? "marked, not before" : "not marked");
                *marked += now;
        }
        token_list_done(&tl);
}

static void test_required_prefixes(void **state)
{
        struct codebook *cb = load();
        const struct rules *rs = cb->rules;
        size_t n_bits = (rs->n_required + 63) / 64 + 1, marked = 0, words = 0;
        uint64_t *has = calloc(n_bits, sizeof(*has));

        (void)state;
        assert_non_null(has);
        assert_true(rs->required_first[256] > 10); /* prefixes to try */
        for (unsigned k = 0; k < rs->required_first[256]; k++) {
                const struct rules_prefix *p = &rs->required_prefixes[k];
                char w[64];

                assert_true(p->len + 3 < sizeof(w));
                for (size_t len = 1; len <= p->len + 2; len++) { /* shorter, the prefix, longer */
                        for (size_t j = 0; j < len; j++)
                                w[j] = j < p->len ? p->text[j] : 'q';
                        w[len] = '\0';
                        same_marks(rs, w, has, n_bits, &marked);
                        words++;
                        for (size_t j = 0; j < len && j < p->len; j++) { /* one byte changed */
                                char was = w[j];

                                w[j] = was == 'z' ? 'y' : (char)(was + 1);
                                same_marks(rs, w, has, n_bits, &marked);
                                w[j] = was;
                                words++;
                        }
                }
        }
        assert_true(words > 1000);
        assert_true(marked > 100);
        free(has);
        codebook_free(cb);
}

/* ---- kinds by number ---- */

static void test_kind_ids(void **state)
{
        struct codebook *cb = load();
        const struct rules *rs = cb->rules;
        size_t same = 0;

        (void)state;
        for (size_t i = 0; i < rs->n; i++) {
                assert_int_equal(rs->v[i]->statement, strcmp(rs->v[i]->kind, "statement") == 0);
                for (size_t k = 0; k < rs->n; k++) {
                        bool by_name = strcmp(rs->v[i]->kind, rs->v[k]->kind) == 0;

                        if ((rs->v[i]->kind_id == rs->v[k]->kind_id) != by_name)
                                fail_msg("rules %zu (%s) and %zu (%s)", i, rs->v[i]->kind, k, rs->v[k]->kind);
                        same += by_name && i != k;
                }
        }
        assert_true(same > 0); /* some kind has several rules */
        codebook_free(cb);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_expand_as_before),
                cmocka_unit_test(test_sort_hits_stable),
                cmocka_unit_test(test_required_prefixes),
                cmocka_unit_test(test_kind_ids),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
