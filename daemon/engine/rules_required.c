/* The rules' required words ("requires = trade | econom*") numbered, each
 * pattern once: a sentence's tokens are then looked up once each (hits.c)
 * instead of compared with every pattern of every rule that fires. And the
 * rules' kinds numbered, so the coder compares them without strcmp. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "strmap.h"

/* The id of a required pattern: an exact word's from the map, a prefix's by
 * its bytes; a new one takes the next id. prefixes[] holds n of them so far. */
static int required_id(struct rules *rs, const char *w, size_t *n_prefixes, unsigned *id)
{
        size_t len = strlen(w);
        uintptr_t known;

        if (len && w[len - 1] == '*') {
                struct rules_prefix *p = rs->required_prefixes;

                for (size_t i = 0; i < *n_prefixes; i++)
                        if (p[i].len == len - 1 && strncmp(p[i].text, w, len - 1) == 0) {
                                *id = p[i].id;
                                return 0;
                        }
                p[*n_prefixes] = (struct rules_prefix){ w, len - 1, *id = (unsigned)rs->n_required++, 0, 0 };
                memcpy(&p[*n_prefixes].head, w, len - 1 < 8 ? len - 1 : 8);
                memset(&p[*n_prefixes].mask, 0xff, len - 1 < 8 ? len - 1 : 8);
                (*n_prefixes)++;
                return 0;
        }
        known = (uintptr_t)strmap_get(rs->required_words, w);
        if (known) {
                *id = (unsigned)(known - 1);
                return 0;
        }
        *id = (unsigned)rs->n_required++;
        rules_required_bit_set(rs->required_bits, strmap_hash(w, len));
        return strmap_put(rs->required_words, w, (void *)(uintptr_t)(*id + 1));
}

/* Each rule's kind as a number: the first rule of the kind's order. */
static void number_kinds(struct rules *rs)
{
        for (size_t i = 0; i < rs->n; i++) {
                struct rule *r = rs->v[i];
                size_t k = 0;

                while (strcmp(rs->v[k]->kind, r->kind) != 0)
                        k++;
                r->kind_id = rs->v[k]->order;
                r->statement = strcmp(r->kind, "statement") == 0;
        }
}

int rules_index_required(struct rules *rs)
{
        size_t total = 0, n = 0, count[257] = { 0 };
        struct rules_prefix *sorted;

        number_kinds(rs);
        for (size_t i = 0; i < rs->n; i++)
                total += rs->v[i]->n_requires;
        if (!(rs->required_words = strmap_new()) ||
            !(rs->required_prefixes = calloc(total ? total : 1, sizeof(*rs->required_prefixes))) ||
            !(sorted = calloc(total ? total : 1, sizeof(*sorted))))
                return -ENOMEM;
        for (size_t i = 0; i < rs->n; i++) {
                struct rule *r = rs->v[i];

                if (r->n_requires && !(r->requires_id = calloc(r->n_requires, sizeof(*r->requires_id)))) {
                        free(sorted);
                        return -ENOMEM;
                }
                for (size_t k = 0; k < r->n_requires; k++)
                        if (required_id(rs, r->requires[k], &n, &r->requires_id[k]) < 0) {
                                free(sorted);
                                return -ENOMEM;
                        }
        }
        for (size_t i = 0; i < n; i++)
                count[rs->required_prefixes[i].len ? (unsigned char)rs->required_prefixes[i].text[0] : 256]++;
        for (size_t c = 0, at = 0; c < 257; at += count[c++])
                rs->required_first[c] = (unsigned)at;
        rs->required_first[257] = (unsigned)n;
        for (size_t i = 0; i < n; i++) {
                const struct rules_prefix *p = &rs->required_prefixes[i];

                sorted[rs->required_first[p->len ? (unsigned char)p->text[0] : 256]++] = *p;
        }
        for (size_t c = 257; c > 0; c--) /* back to each byte's first */
                rs->required_first[c - 1] -= (unsigned)count[c - 1];
        free(rs->required_prefixes);
        rs->required_prefixes = sorted;
        return 0;
}
