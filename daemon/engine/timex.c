/* Time expressions: matching the patterns of events/timex.txt (loaded by
 * timex_load.c, their word index built by timex_index.c) against a sentence;
 * timex_resolve.c does the arithmetic each pattern's operator names, against
 * the document date. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexical.h"
#include "timex_internal.h"
#include "timex_scan.h"

static int word_value(const struct timex_rules *r, enum slot slot, const struct token_list *tl, size_t i)
{
        return timex_stored_value(token_map_norm(r->words[slot], tl, i));
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

/* Matches pattern p at token i; returns the end token (0 = no match), with c
 * holding what the elements captured (zeroed first: timex_resolve() reads
 * slots no element filled). */
static size_t match_pattern(const struct timex_rules *r, const struct pattern *p, const struct token_list *tl,
                            const char *text, size_t i, struct capture *c)
{
        memset(c, 0, sizeof(*c));
        for (size_t k = 0; k < p->n; k++) {
                size_t n;

                if (i >= tl->n)
                        return 0;
                if (p->el[k].slot == SLOT_LITERAL)
                        n = literal_matches(&p->el[k], tl, i);
                else
                        n = match_slot(r, p->el[k].slot, tl, text, i, c);
                if (!n)
                        return 0;
                i += n;
        }
        return i;
}

/* Whether a number can start w for strtol and sscanf's %d (spaces, a sign, a
 * digit), or w is empty (strtol's 0): else the digit slots cannot match. */
static bool may_be_number(const char *w)
{
        return !*w || (*w >= '0' && *w <= '9') || *w == '-' || *w == '+' || *w == ' ' ||
               (*w >= '\t' && *w <= '\r');
}

/* token_map_norm(m, tl, i) for a map f filters. */
static void *filtered_norm(const struct strmap *m, const struct timex_filter *f, const struct token_list *tl,
                           size_t i)
{
        return timex_filter_may_hold(f, tl->v[i].norm_hash) ? token_map_norm(m, tl, i) : NULL;
}

/* The by_word entry of token i (filtered_norm), kept in the word's lexeme
 * (its record for the process: the tagger set it) and asked of the map once a
 * word: most sentences' words were met before. */
static const struct timex_word *by_word_at(const struct timex_rules *r, const struct token_list *tl, size_t i)
{
        struct lexeme *l = (struct lexeme *)tl->v[i].lexeme; /* the cache's record, never the scratch one */

        if (!timex_filter_may_hold(&r->by_word_filter, tl->v[i].norm_hash))
                return NULL;
        if (!l)
                return token_map_norm(r->by_word, tl, i);
        if (l->timex_owner != r) {
                l->timex_word = token_map_norm(r->by_word, tl, i);
                l->timex_owner = r;
        }
        return l->timex_word;
}

/* What the patterns can ask of a token, answered once per token: its by_word
 * entry (the patterns it starts, its literal number) and the slots it fills. */
struct tok_info {
        const struct timex_word *tw;
        uint32_t takes; /* bit s: match_slot(s) takes the token; every slot but <event>, which may
                         * take several tokens and is matched where a pattern asks for it */
};

#define DIGIT_SLOTS                                                                                             \
        (1u << SLOT_NUMBER | 1u << SLOT_ORDINAL | 1u << SLOT_YEAR | 1u << SLOT_DAY | 1u << SLOT_LAST_DAY |      \
         1u << SLOT_DAY_RANGE)

/* slot_takes() for every slot but <event> at token i, as bits: the spelling
 * slots from the word's entry, the digit slots only where a number can start. */
static __attribute__((noinline)) uint32_t digit_slots(const struct timex_rules *r, const struct token_list *tl,
                                                      const char *text, size_t i, uint32_t takes)
{
        struct capture probe; /* written, never read */

        for (unsigned s = 1; s < N_SLOTS; s++)
                if ((DIGIT_SLOTS >> s & 1u) && !(takes >> s & 1u) && match_slot(r, (enum slot)s, tl, text, i, &probe))
                        takes |= 1u << s;
        return takes;
}

static inline struct tok_info tok_info_at(const struct timex_rules *r, const struct token_list *tl,
                                          const char *text, size_t i)
{
        struct tok_info ti = { .tw = by_word_at(r, tl, i) };

        ti.takes = ti.tw ? ti.tw->slots : 0;
        if (tl->v[i].kind == TOKEN_WORD || tl->v[i].kind == TOKEN_NUMBER)
                ti.takes |= 1u << SLOT_WORD;
        if (may_be_number(token_norm(tl, i))) /* the digit slots, off the path of most words */
                ti.takes = digit_slots(r, tl, text, i, ti.takes);
        return ti;
}

/* The tokens' answers, computed up front for a sentence of up to
 * TIMEX_TOKENS tokens (v), or token by token for a longer one (v NULL). */
#define TIMEX_TOKENS 256

struct sentence_info {
        const struct timex_rules *r;
        const struct token_list *tl;
        const char *text;
        const struct tok_info *v;
        bool *tense_read; /* set when a pattern whose value reads ctx->future is resolved */
};

/* tok_info_at() out of line, for a long sentence: inlined only where a
 * sentence's answers are found up front, once a token. */
static __attribute__((noinline)) struct tok_info tok_info_slow(const struct sentence_info *si, size_t i)
{
        return tok_info_at(si->r, si->tl, si->text, i);
}

static struct tok_info info_at(const struct sentence_info *si, size_t i)
{
        return si->v ? si->v[i] : tok_info_slow(si, i);
}

static bool literal_fits(const struct element *el, const struct timex_word *tw)
{
        if (!tw || !tw->literal)
                return false;
        for (size_t a = 0; a < el->n_alts; a++)
                if (el->ids[a] == tw->literal)
                        return true;
        return false;
}

/* Whether pattern p matches with its element `from` at token i, as
 * match_pattern() answers, from the tokens' answers: literals by number, slots
 * by bit, <event> by the phrase table. Returns the end token (0 = no match);
 * captures nothing. */
static inline __attribute__((always_inline)) size_t pattern_fits(const struct sentence_info *si,
                                                                 const struct pattern *p, size_t from, size_t i)
{
        for (size_t k = from; k < p->n; k++) {
                const struct element *el = &p->el[k];
                struct tok_info ti;

                if (i >= si->tl->n)
                        return 0;
                if (el->slot == SLOT_EVENT) {
                        struct capture probe;
                        size_t n = match_slot(si->r, el->slot, si->tl, si->text, i, &probe);

                        if (!n)
                                return 0;
                        i += n;
                        continue;
                }
                ti = info_at(si, i);
                if (el->slot == SLOT_LITERAL ? !literal_fits(el, ti.tw) : !(ti.takes >> el->slot & 1u))
                        return 0;
                i++;
        }
        return i;
}

/* Tries the patterns of list l at token i, keeping the longest match that
 * resolves (ties: the pattern written first). Which list a pattern comes from
 * does not matter: the best is the same in any order. `first_fits`: the
 * token is known to fill the patterns' first element, as one token (the list
 * of its word, or of a slot other than <event> it fills). */
static void try_list(const struct sentence_info *si, const struct pattern_list *l, bool first_fits, size_t i,
                     const struct timex_context *ctx, struct timex_match *t, size_t *best, size_t *best_k)
{
        for (size_t j = 0; l && j < l->n; j++) {
                size_t k = l->v[j], end;
                struct capture c;
                struct timex_match cand;

                /* most patterns fail: the capture is filled only for a match */
                end = pattern_fits(si, &si->r->patterns[k], first_fits, i + first_fits);
                if (!end || end < *best || (end == *best && k > *best_k))
                        continue;
                match_pattern(si->r, &si->r->patterns[k], si->tl, si->text, i, &c);
                memset(&cand, 0, sizeof(cand)); /* only for a match: most patterns fail */
                if (timex_op_reads_future(si->r->patterns[k].op))
                        *si->tense_read = true;
                if (timex_resolve(&si->r->patterns[k], &c, ctx, &cand)) {
                        *best = end;
                        *best_k = k;
                        *t = cand;
                }
        }
}

/* Whether token i + 1 can go on some pattern of list l, whose first element
 * token i fills as one token: most lists' patterns are not tried at most
 * tokens (the next word is none of their second elements). */
static inline bool list_goes_on(const struct sentence_info *si, const struct pattern_list *l, size_t i)
{
        struct tok_info next;
        uint16_t id;

        if (l->next_any)
                return true;
        if (i + 1 >= si->tl->n)
                return false;
        next = info_at(si, i + 1);
        if (next.takes & l->next_slots)
                return true;
        if (!l->next_literal || !next.tw || !(id = next.tw->literal))
                return false;
        return id < 256 ? (l->next_ids[id / 64] >> (id % 64) & 1u) : l->next_id_high;
}

/* The longest pattern that matches at token i and resolves; returns its end
 * token, 0 if none. Only the lists of what the token can start are tried. */
static size_t best_at(const struct sentence_info *si, size_t i, const struct timex_context *ctx,
                      struct timex_match *t)
{
        const struct timex_rules *r = si->r;
        struct tok_info ti = info_at(si, i);
        size_t best = 0, best_k = (size_t)-1;
        uint32_t slots = ti.takes & r->first_slots;
        struct capture probe;

        if (ti.tw && ti.tw->first && list_goes_on(si, ti.tw->first, i))
                try_list(si, ti.tw->first, true, i, ctx, t, &best, &best_k);
        if ((r->first_slots >> SLOT_EVENT & 1u) && match_slot(r, SLOT_EVENT, si->tl, si->text, i, &probe))
                slots |= 1u << SLOT_EVENT;
        for (; slots; slots &= slots - 1) {
                unsigned s = (unsigned)__builtin_ctz(slots);
                const struct pattern_list *l = r->by_first_slot[s];

                if (s == SLOT_EVENT || list_goes_on(si, l, i))
                        try_list(si, l, s != SLOT_EVENT, i, ctx, t, &best, &best_k);
        }
        return best;
}

size_t timex_find(const struct timex_rules *r, const struct token_list *tl, const char *text,
                  const struct timex_context *ctx, struct timex_match *out, size_t max)
{
        bool tense_read;

        return timex_find_tensed(r, tl, text, ctx, out, max, &tense_read);
}

size_t timex_find_tensed(const struct timex_rules *r, const struct token_list *tl, const char *text,
                         const struct timex_context *ctx, struct timex_match *out, size_t max, bool *tense_read)
{
        /* each token's answers, found once: patterns read the tokens after
         * their first many times; a longer sentence finds them there */
        struct tok_info v[TIMEX_TOKENS];
        struct sentence_info si = { r, tl, text, tl->n <= TIMEX_TOKENS ? v : NULL, tense_read };
        size_t n = 0;

        *tense_read = false;

        for (size_t i = 0; si.v && i < tl->n; i++)
                v[i] = tok_info_at(r, tl, text, i);
        for (size_t i = 0; i < tl->n && n < max;) {
                struct timex_match t;
                size_t end = best_at(&si, i, ctx, &t);

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

bool timex_opens_clause_at(const struct timex_rules *r, const struct token_list *tl, size_t i)
{
        return filtered_norm(r->openers, &r->openers_filter, tl, i) != NULL;
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
