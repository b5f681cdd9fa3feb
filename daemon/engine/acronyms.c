/* Acronyms an article defines. A run of capitalised words before a bracketed
 * acronym of their initials is an organisation's name: wire reports introduce
 * the bodies they will cite that way, and cite them later by the acronym alone. */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "acronyms.h"
#include "names.h"

#define ACRONYM_MAX 8   /* letters; longer capitals in brackets are no acronym */
#define RUN_MAX_WORDS 8 /* name words before the bracket */

static bool connector(const struct token_list *tl, size_t i)
{
        return token_is(tl, i, "of") || token_is(tl, i, "for") || token_is(tl, i, "the") || token_is(tl, i, "and") ||
               token_is(tl, i, "on") || token_is(tl, i, "to");
}

static bool name_word(const struct token_list *tl, size_t i)
{
        return i < tl->n && tl->v[i].kind == TOKEN_WORD && tl->v[i].capitalized;
}

/* The end of the run of name words from i (connectors only between two), and
 * their initials in buf; 0 when it is too long. */
static size_t run_end(const struct token_list *tl, const char *text, size_t i, char *buf, size_t *n_buf)
{
        size_t k = i, words = 0;

        *n_buf = 0;
        while (words < RUN_MAX_WORDS) {
                if (name_word(tl, k)) {
                        buf[(*n_buf)++] = (char)toupper((unsigned char)text[tl->v[k].start]);
                        words++, k++;
                } else if (k > i && connector(tl, k) && name_word(tl, k + 1)) {
                        k++;
                } else if (k > i && connector(tl, k) && connector(tl, k + 1) && name_word(tl, k + 2)) {
                        k += 2; /* "of the" */
                } else {
                        return k;
                }
        }
        return 0;
}

/* The acronym starts with the first initial, and is about as long as the
 * name has words: "HRCP", "UNDOF", and "AES" of "Alliance of Sahel States"
 * (an acronym of the name in another language). One word is no name. */
static bool initials_match(const char *acr, size_t n_acr, const char *ini, size_t n_ini)
{
        return n_ini >= 2 && n_acr >= 2 && n_acr <= n_ini + 2 && acr[0] == ini[0];
}

static int keep(struct mention_history *h, const char *key, const struct entity *e)
{
        if (!h->acronyms && !(h->acronyms = strmap_new()))
                return -ENOMEM;
        return strmap_get(h->acronyms, key) ? 0 : strmap_put(h->acronyms, key, (void *)e);
}

size_t acronyms_name_at(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                        struct mention_history *h, const struct entity **ret)
{
        struct names_finding f = { .type = ENTITY_ORGANIZATION };
        char ini[RUN_MAX_WORDS + 1], acr[ACRONYM_MAX + 1];
        const struct entity *known;
        size_t end, n_ini, n_acr, k;
        bool contextual;

        if (!name_word(tl, i) || tl->v[i].all_caps || names_word_in(cb, tl, i, LEX_STOP_NAME) ||
            (i > 0 && name_word(tl, i - 1) && !names_word_in(cb, tl, i - 1, LEX_STOP_NAME)))
                return 0; /* only at the first word of a name */
        end = run_end(tl, text, i, ini, &n_ini);
        if (!end || !token_is(tl, end, "(") || end + 2 >= tl->n || !tl->v[end + 1].all_caps ||
            !token_is(tl, end + 2, ")"))
                return 0;
        n_acr = tl->v[end + 1].end - tl->v[end + 1].start;
        if (n_acr > ACRONYM_MAX)
                return 0;
        memcpy(acr, text + tl->v[end + 1].start, n_acr);
        acr[n_acr] = '\0';
        if (!initials_match(acr, n_acr, ini, n_ini))
                return 0;
        k = gazetteer_match(cb->gazetteer, tl, text, i, &known, &contextual);
        if (k == end && !contextual)
                return 0; /* the gazetteer's own name, with its own acronym */
        if (!(*ret = names_found_entity(h, text + tl->v[i].start, tl->v[end - 1].end - tl->v[i].start, &f)))
                return 0;
        if (keep(h, token_norm(tl, end + 1), *ret) < 0) {
                h->error = -ENOMEM;
                return 0;
        }
        return end + 3 - i;
}

size_t acronyms_known_at(const struct mention_history *h, const struct token_list *tl, size_t i,
                         const struct entity **ret)
{
        const struct entity *e;

        if (!h->acronyms || i >= tl->n || !tl->v[i].all_caps || !(e = token_map_norm(h->acronyms, tl, i)))
                return 0; /* *ret untouched: the caller's gazetteer match stands */
        *ret = e;
        return 1;
}
