/* Time expressions: matching the patterns of events/timex.txt (loaded by
 * timex_load.c) against a sentence; timex_resolve.c does the arithmetic each
 * pattern's operator names, against the document date. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "timex_internal.h"
#include "timex_scan.h"

/* A value of a slot's word map (stored + 1), or -1 for none. */
static int stored_value(const void *p)
{
        intptr_t v = (intptr_t)p;

        return v ? (int)v - 1 : -1;
}

static int word_value(const struct timex_rules *r, enum slot slot, const struct token_list *tl, size_t i)
{
        return stored_value(token_map_norm(r->words[slot], tl, i));
}

static int plain_number(const struct token_list *tl, size_t i)
{
        const char *end;
        long v;

        if (tl->v[i].kind != TOKEN_NUMBER)
                return -1;
        v = timex_scan_long(token_norm(tl, i), &end);
        return (*end || v < 0 || v > 100000) ? -1 : (int)v;
}

/* "3", "3rd": a day of the month, or -1. */
static int day_number(const struct token_list *tl, size_t i)
{
        int v = plain_number(tl, i);

        if (v < 0)
                v = timex_scan_ordinal(token_norm(tl, i));
        return (v >= 1 && v <= 31) ? v : -1;
}

/* "3-4" written as one word: the first and the last day of a range. */
static size_t day_range(const char *w, struct capture *c)
{
        int first, last, n = 0;

        if (!timex_scan_range(w, &first, &last, &n) || w[n] || first < 1 || last > 31 || first >= last)
                return 0;
        c->v[SLOT_DAY] = first;
        c->v[SLOT_LAST_DAY] = last;
        c->has[SLOT_DAY] = c->has[SLOT_LAST_DAY] = true;
        return 1;
}

/* Matches one slot at token i; returns the number of tokens taken (0 = no match). */
static size_t match_slot(const struct timex_rules *r, enum slot slot, const struct token_list *tl, const char *text,
                         size_t i, struct capture *c)
{
        const char *w = token_norm(tl, i);
        int v = -1;

        switch (slot) {
        case SLOT_EVENT: {
                size_t end;
                const struct phrase *p = phrase_table_longest(r->events, tl, text, i, &end);

                if (!p)
                        return 0;
                c->event = p->value;
                c->has[slot] = true;
                return end - i;
        }
        case SLOT_SEASON:
        case SLOT_PART:
                c->span[slot] = token_map_norm(r->words[slot], tl, i);
                c->has[slot] = c->span[slot] != NULL;
                return c->has[slot];
        case SLOT_YEAR:
                v = plain_number(tl, i);
                v = (v >= 1000 && v <= 2999 && tl->v[i].end - tl->v[i].start == 4) ? v : -1;
                break;
        case SLOT_DAY:
                v = day_number(tl, i);
                break;
        case SLOT_LAST_DAY:
                v = day_number(tl, i);
                break;
        case SLOT_LAST_MONTH:
                v = word_value(r, SLOT_MONTH, tl, i);
                break;
        case SLOT_DAY_RANGE:
                return day_range(w, c);
        case SLOT_OCCASION:
                return token_map_norm(r->words[slot], tl, i) != NULL;
        case SLOT_WORD:
                return tl->v[i].kind == TOKEN_WORD || tl->v[i].kind == TOKEN_NUMBER;
        case SLOT_NUMBER:
                v = plain_number(tl, i);
                if (v < 0)
                        v = word_value(r, slot, tl, i);
                break;
        case SLOT_ORDINAL:
                v = timex_scan_ordinal(w);
                if (v < 0)
                        v = word_value(r, slot, tl, i);
                break;
        case SLOT_UNIT:
                c->unit = token_map_norm(r->words[slot], tl, i);
                c->has[slot] = c->unit != NULL;
                return c->has[slot];
        default:
                v = word_value(r, slot, tl, i);
                break;
        }
        if (v < 0)
                return 0;
        c->v[slot] = v;
        c->has[slot] = true;
        return 1;
}

static bool literal_matches(const struct element *el, const struct token_list *tl, size_t i)
{
        for (size_t a = 0; a < el->n_alts; a++)
                if (token_is(tl, i, el->alts[a]))
                        return true;
        return false;
}

/* The slots match_slot() fills from a word map by the word's spelling alone,
 * which a token's by_word entry answers (timex_index_words). */
static bool by_spelling(enum slot slot)
{
        switch (slot) {
        case SLOT_WEEKDAY:
        case SLOT_MONTH:
        case SLOT_SEASON:
        case SLOT_PART:
        case SLOT_UNIT:
        case SLOT_OCCASION:
        case SLOT_LAST_MONTH:
                return true;
        default:
                return false;
        }
}

static bool spelled(const struct timex_word *tw, enum slot slot)
{
        return tw && (tw->slots >> slot & 1u);
}

/* Matches pattern p at token i; returns the end token (0 = no match). What
 * is returned does not depend on what c held: only a match needs it zeroed
 * first (match_pattern), for timex_resolve() reads slots no element filled. tws,
 * when not NULL, holds each token's by_word entry: a slot by spelling that
 * the word does not fill fails without a look-up. */
static size_t match_elements(const struct timex_rules *r, const struct pattern *p, const struct token_list *tl,
                             const char *text, size_t i, const struct timex_word *const *tws, struct capture *c)
{
        for (size_t k = 0; k < p->n; k++) {
                enum slot slot = p->el[k].slot;
                size_t n;

                if (i >= tl->n)
                        return 0;
                if (slot == SLOT_LITERAL)
                        n = literal_matches(&p->el[k], tl, i);
                else if (tws && by_spelling(slot) && !spelled(tws[i], slot))
                        n = 0;
                else
                        n = match_slot(r, slot, tl, text, i, c);
                if (!n)
                        return 0;
                i += n;
        }
        return i;
}

static size_t match_pattern(const struct timex_rules *r, const struct pattern *p, const struct token_list *tl,
                            const char *text, size_t i, struct capture *c)
{
        memset(c, 0, sizeof(*c));
        return match_elements(r, p, tl, text, i, NULL, c);
}

/* The longest pattern that matches at token i and resolves; ties go to the
 * pattern written first. Returns its end token, 0 if none. */
/* Tries the patterns of list l at token i, keeping the longest match that
 * resolves (ties: the pattern written first). */
static void try_list(const struct timex_rules *r, const struct pattern_list *l, const struct token_list *tl,
                     const char *text, size_t i, const struct timex_word *const *tws,
                     const struct timex_context *ctx, struct timex_match *t, size_t *best, size_t *best_k)
{
        for (size_t j = 0; l && j < l->n; j++) {
                size_t k = l->v[j], end;
                struct capture c;
                struct timex_match cand;

                /* most patterns fail: a capture is zeroed only to match again */
                end = match_elements(r, &r->patterns[k], tl, text, i, tws, &c);
                if (!end || end < *best || (end == *best && k > *best_k))
                        continue;
                match_pattern(r, &r->patterns[k], tl, text, i, &c);
                memset(&cand, 0, sizeof(cand)); /* only for a match: most patterns fail */
                if (timex_resolve(&r->patterns[k], &c, ctx, &cand)) {
                        *best = end;
                        *best_k = k;
                        *t = cand;
                }
        }
}

/* Whether a number can start w for strtol and sscanf's %d (spaces, a sign, a
 * digit), or w is empty (strtol's 0): else the digit slots cannot match. */
static bool may_be_number(const char *w)
{
        return !*w || (*w >= '0' && *w <= '9') || *w == '-' || *w == '+' || *w == ' ' ||
               (*w >= '\t' && *w <= '\r');
}

/* match_slot(slot) at token i as a yes or no, for a word whose by_word entry
 * is tw (NULL: none): the slots read by spelling are answered by tw, the digit
 * slots only where a number can start, the others by match_slot itself. */
static bool slot_takes(const struct timex_rules *r, enum slot slot, const struct timex_word *tw,
                       const struct token_list *tl, const char *text, size_t i, struct capture *probe)
{
        if (by_spelling(slot))
                return spelled(tw, slot);
        switch (slot) {
        case SLOT_NUMBER:
        case SLOT_ORDINAL:
                return spelled(tw, slot) || (may_be_number(token_norm(tl, i)) && match_slot(r, slot, tl, text, i, probe));
        case SLOT_YEAR:
        case SLOT_DAY:
        case SLOT_LAST_DAY:
        case SLOT_DAY_RANGE:
                return may_be_number(token_norm(tl, i)) && match_slot(r, slot, tl, text, i, probe);
        default:
                return match_slot(r, slot, tl, text, i, probe);
        }
}

/* The longest pattern that matches at token i and resolves; returns its end
 * token, 0 if none. */
static size_t best_at(const struct timex_rules *r, const struct token_list *tl, const char *text, size_t i,
                      const struct timex_word *const *tws, const struct timex_context *ctx, struct timex_match *t)
{
        size_t best = 0, best_k = (size_t)-1;
        struct capture probe; /* written, never read: one for all the slots */
        const struct timex_word *tw = tws ? tws[i] : token_map_norm(r->by_word, tl, i);

        if (tw)
                try_list(r, tw->first, tl, text, i, tws, ctx, t, &best, &best_k);
        for (size_t s = 1; s < N_SLOTS; s++) {
                /* most words fill no slot: find that out once, not once per pattern */
                if (r->by_first_slot[s] && slot_takes(r, (enum slot)s, tw, tl, text, i, &probe))
                        try_list(r, r->by_first_slot[s], tl, text, i, tws, ctx, t, &best, &best_k);
        }
        return best;
}

/* Whether match_slot(slot) takes `word` by its spelling: the word maps it
 * reads, as it reads them (slot_takes() lists the slots answered so). */
static bool spelling_fills(const struct timex_rules *r, enum slot slot, const char *word)
{
        switch (slot) {
        case SLOT_SEASON:
        case SLOT_PART:
        case SLOT_UNIT:
        case SLOT_OCCASION:
                return strmap_get(r->words[slot], word) != NULL;
        case SLOT_LAST_MONTH:
                return stored_value(strmap_get(r->words[SLOT_MONTH], word)) >= 0;
        case SLOT_WEEKDAY:
        case SLOT_MONTH:
        case SLOT_NUMBER:
        case SLOT_ORDINAL:
                return stored_value(strmap_get(r->words[slot], word)) >= 0;
        default:
                return false;
        }
}

static int add_word(const char *word, void *value, void *userdata)
{
        struct timex_rules *r = userdata;
        struct timex_word *tw;

        (void)value;
        if (strmap_get(r->by_word, word))
                return 0;
        if (!(tw = calloc(1, sizeof(*tw))))
                return -ENOMEM;
        tw->first = strmap_get(r->by_first_word, word);
        for (size_t s = 1; s < N_SLOTS; s++)
                if (spelling_fills(r, (enum slot)s, word))
                        tw->slots |= 1u << s;
        if (strmap_put(r->by_word, word, tw) < 0) {
                free(tw);
                return -ENOMEM;
        }
        return 0;
}

int timex_index_words(struct timex_rules *r)
{
        int res;

        _Static_assert(N_SLOTS <= 32, "slots are bits of a uint32_t");
        if (!(r->by_word = strmap_new()))
                return -ENOMEM;
        res = strmap_foreach_key(r->by_first_word, add_word, r);
        for (size_t s = 1; s < N_SLOTS && res >= 0; s++)
                res = strmap_foreach_key(r->words[s], add_word, r);
        return res;
}

static void word_free(void *value, void *userdata)
{
        (void)userdata;
        free(value);
}

void timex_words_free(struct timex_rules *r)
{
        if (r->by_word)
                strmap_foreach(r->by_word, word_free, NULL);
        strmap_free(r->by_word);
}

size_t timex_find(const struct timex_rules *r, const struct token_list *tl, const char *text,
                  const struct timex_context *ctx, struct timex_match *out, size_t max)
{
        /* each token's by_word entry, looked up once: patterns read the words
         * after their first many times; a longer sentence looks them up there */
        const struct timex_word *words[256], *const *tws = tl->n <= 256 ? words : NULL;
        size_t n = 0;

        for (size_t i = 0; tws && i < tl->n; i++)
                words[i] = token_map_norm(r->by_word, tl, i);
        for (size_t i = 0; i < tl->n && n < max;) {
                struct timex_match t;
                size_t end = best_at(r, tl, text, i, tws, ctx, &t);

                if (!end) {
                        i++;
                        continue;
                }
                t.tok_start = i;
                t.tok_end = end;
                t.start = tl->v[i].start;
                t.end = tl->v[end - 1].end;
                if (t.value[0]) /* a deadline is read past, not kept */
                        out[n++] = t;
                i = end;
        }
        return n;
}

bool timex_scheduled_in(const struct timex_rules *r, const struct token_list *tl, const char *text, size_t from,
                        size_t to)
{
        size_t end;

        /* "an open letter" is no plan: not after a determiner */
        for (size_t i = from; i < to && i < tl->n; i++)
                if (!(i > 0 && tl->v[i - 1].tag == TAG_DET) &&
                    phrase_table_longest(r->scheduled, tl, text, i, &end) && end <= to)
                        return true;
        return false;
}

bool timex_opens_clause(const struct timex_rules *r, const char *word)
{
        return strmap_get(r->openers, word) != NULL;
}

bool timex_reacted_to(const struct timex_rules *r, const char *word)
{
        return strmap_get(r->reacted, word) != NULL;
}

bool timex_is_occasion(const struct timex_rules *r, const char *word)
{
        return strmap_get(r->words[SLOT_OCCASION], word) != NULL;
}

bool timex_is_ordinal(const struct timex_rules *r, const char *word)
{
        return strmap_get(r->words[SLOT_ORDINAL], word) != NULL;
}
