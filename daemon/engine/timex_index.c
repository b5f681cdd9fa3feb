/* The time rules' word index, built once a load (timex_index_words): for each
 * word the matcher may meet, the patterns it starts and the slots its
 * spelling fills, the patterns' literal words numbered, each list's summary
 * of what may follow its first word, and the word filters. timex.c reads it. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "timex_internal.h"

static int filter_add(const char *word, void *value, void *userdata)
{
        struct timex_filter *f = userdata;
        (void)value;
        timex_filter_put(f, strmap_hash(word, strlen(word)));
        return 0;
}

/* Whether match_slot(slot) takes `word` by its spelling: the word maps it
 * reads, as it reads them (tok_info_at() answers the others). */
static bool spelling_fills(const struct timex_rules *r, enum slot slot, const char *word)
{
        switch (slot) {
        case SLOT_SEASON:
        case SLOT_PART:
        case SLOT_UNIT:
        case SLOT_OCCASION:
                return strmap_get(r->words[slot], word) != NULL;
        case SLOT_LAST_MONTH:
                return timex_stored_value(strmap_get(r->words[SLOT_MONTH], word)) >= 0;
        case SLOT_WEEKDAY:
        case SLOT_MONTH:
        case SLOT_NUMBER:
        case SLOT_ORDINAL:
                return timex_stored_value(strmap_get(r->words[slot], word)) >= 0;
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

/* Numbers the patterns' literal words (each word once, from 1), into their
 * by_word entries and the elements: a literal is then matched by number. */
static int number_literals(struct timex_rules *r)
{
        for (size_t k = 0; k < r->n_patterns; k++)
                for (size_t e = 0; e < r->patterns[k].n; e++) {
                        struct element *el = &r->patterns[k].el[e];

                        for (size_t a = 0; el->slot == SLOT_LITERAL && a < el->n_alts; a++) {
                                struct timex_word *tw;
                                int res = add_word(el->alts[a], NULL, r);

                                if (res < 0)
                                        return res;
                                tw = strmap_get(r->by_word, el->alts[a]);
                                if (!tw->literal && r->n_literals == UINT16_MAX)
                                        return -E2BIG;
                                if (!tw->literal)
                                        tw->literal = ++r->n_literals;
                                el->ids[a] = tw->literal;
                        }
                }
        return 0;
}

/* A list's summary of its patterns' second elements (struct pattern_list). */
static void summarise_next(struct timex_rules *r, struct pattern_list *l)
{
        l->next_slots = 0;
        l->next_literal = l->next_any = l->next_id_high = false;
        memset(l->next_ids, 0, sizeof(l->next_ids));
        for (size_t j = 0; j < l->n; j++) {
                const struct pattern *p = &r->patterns[l->v[j]];

                if (p->n < 2 || p->el[1].slot == SLOT_EVENT)
                        l->next_any = true;
                else if (p->el[1].slot == SLOT_LITERAL)
                        for (size_t a = 0; a < p->el[1].n_alts; a++) {
                                uint16_t id = p->el[1].ids[a];

                                l->next_literal = true;
                                if (id < 256)
                                        l->next_ids[id / 64] |= (uint64_t)1 << (id % 64);
                                else
                                        l->next_id_high = true;
                        }
                else
                        l->next_slots |= 1u << p->el[1].slot;
        }
}

static int summarise_word_list(const char *word, void *value, void *userdata)
{
        (void)word;
        summarise_next(userdata, value);
        return 0;
}

int timex_index_words(struct timex_rules *r)
{
        static _Atomic uint64_t loads;
        int res;

        r->id = ++loads;

        _Static_assert(N_SLOTS <= 32, "slots are bits of a uint32_t");
        if (!(r->by_word = strmap_new()))
                return -ENOMEM;
        res = strmap_foreach_key(r->by_first_word, add_word, r);
        for (size_t s = 1; s < N_SLOTS && res >= 0; s++)
                res = strmap_foreach_key(r->words[s], add_word, r);
        if (res >= 0)
                res = number_literals(r);
        for (size_t s = 1; s < N_SLOTS; s++)
                if (r->by_first_slot[s]) {
                        r->first_slots |= 1u << s;
                        summarise_next(r, r->by_first_slot[s]);
                }
        if (res >= 0)
                res = strmap_foreach_key(r->by_first_word, summarise_word_list, r);
        if (res >= 0)
                res = strmap_foreach_key(r->by_word, filter_add, &r->by_word_filter);
        if (res >= 0)
                res = strmap_foreach_key(r->openers, filter_add, &r->openers_filter);
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
