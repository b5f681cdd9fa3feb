/* Loading events/timex.txt: the words of each slot (weekdays, months, seasons,
 * parts of day, numbers, units), named events, and the patterns with their
 * operators, indexed by first word or slot for the matcher. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "strcopy.h"
#include "timex_internal.h"

static const char *const slot_names[N_SLOTS] = {
        [SLOT_WEEKDAY] = "<weekday>", [SLOT_MONTH] = "<month>",     [SLOT_SEASON] = "<season>",
        [SLOT_PART] = "<part-of-day>", [SLOT_YEAR] = "<year>",     [SLOT_DAY] = "<day>",
        [SLOT_NUMBER] = "<number>",   [SLOT_ORDINAL] = "<ordinal>", [SLOT_UNIT] = "<unit>",
        [SLOT_EVENT] = "<event>",     [SLOT_LAST_DAY] = "<last-day>", [SLOT_LAST_MONTH] = "<last-month>",
        [SLOT_DAY_RANGE] = "<day-range>", [SLOT_OCCASION] = "<occasion>", [SLOT_WORD] = "<word>",
};

static const struct {
        const char *name;
        bool takes_offset;
} ops[N_OPS] = {
        [OP_WEEKDAY] = { "weekday", false }, [OP_DATE] = { "date", false },     [OP_MONTH] = { "month", false },
        [OP_SEASON] = { "season", false },   [OP_YEAR] = { "year", false },     [OP_DAYS] = { "days", true },
        [OP_WEEKS] = { "weeks", true },      [OP_MONTHS] = { "months", true },  [OP_YEARS] = { "years", true },
        [OP_DURATION] = { "duration", false }, [OP_PAST] = { "past-ref", false },
        [OP_FUTURE] = { "future-ref", false }, [OP_PRESENT] = { "present-ref", false },
        [OP_PREVIOUS] = { "previous", false }, [OP_EVENT] = { "event", false },
        [OP_LAST_MONTH] = { "last-month", false }, [OP_NEXT_MONTH] = { "next-month", false },
        [OP_LAST_SEASON] = { "last-season", false }, [OP_NEXT_SEASON] = { "next-season", false },
        [OP_BEFORE] = { "before", false },           [OP_PREVIOUS_DAYS] = { "previous-days", true },
        [OP_AGO] = { "ago", false },         [OP_LATEST] = { "latest", false },
        [OP_WEEK_DAY] = { "week-day", true }, [OP_DEADLINE] = { "deadline", false },
};

static char *keep_string(struct timex_rules *r, const char *s)
{
        char **v = realloc(r->strings, (r->n_strings + 1) * sizeof(*v));

        if (!v)
                return NULL;
        r->strings = v;
        return (v[r->n_strings++] = strdup(s));
}

static void lower(char *s)
{
        for (; *s; s++)
                if (*s >= 'A' && *s <= 'Z')
                        *s = (char)(*s - 'A' + 'a');
}

static int add_span(struct timex_rules *r, enum slot slot, const struct datafile_entry *e, char **keys, size_t nk,
                    struct parse_error *err)
{
        struct span *s;

        if (r->n_spans == sizeof(r->spans) / sizeof(r->spans[0]))
                return parse_error_set(err, e->line, 1, "too many seasons and parts of day");
        s = &r->spans[r->n_spans];
        if (sscanf(e->value, "%3s %d %d", s->code, &s->from, &s->to) != 3 || s->from < 0 || s->to > 24)
                return parse_error_set(err, e->line, 1, "want 'CODE FROM TO', e.g. 'EV 18 24'");
        r->n_spans++;
        for (size_t i = 0; i < nk; i++)
                if (strmap_put(r->words[slot], keys[i], s) < 0)
                        return -ENOMEM;
        return 0;
}

static int add_words(struct timex_rules *r, enum slot slot, const struct datafile_entry *e, struct parse_error *err)
{
        char keybuf[512], *keys[32], *end;
        size_t nk;
        long v;

        str_copy_cut(keybuf, sizeof(keybuf), e->key);
        lower(keybuf);
        nk = datafile_split(keybuf, '|', keys, 32);
        if (slot == SLOT_SEASON || slot == SLOT_PART)
                return add_span(r, slot, e, keys, nk, err);
        for (size_t i = 0; i < nk; i++) {
                void *value;

                if (slot == SLOT_UNIT) {
                        if (!(value = keep_string(r, e->value)))
                                return -ENOMEM;
                } else {
                        v = strtol(e->value, &end, 10);
                        if (*end || end == e->value || v < 0 || v > 100000)
                                return parse_error_set(err, e->line, 1, "'%s' is not a number", e->value);
                        value = (void *)(intptr_t)(v + 1);
                }
                if (strmap_put(r->words[slot], keys[i], value) < 0)
                        return -ENOMEM;
        }
        return 0;
}

static int parse_element(struct element *el, char *word, unsigned line, struct parse_error *err)
{
        /* every slot's name starts with '<': a literal word is not compared with fifteen */
        for (size_t s = 1; word[0] == '<' && s < N_SLOTS; s++)
                if (slot_names[s] && strcmp(word, slot_names[s]) == 0) {
                        el->slot = (enum slot)s;
                        return 0;
                }
        if (word[0] == '<')
                return parse_error_set(err, line, 1, "unknown slot '%s'", word);
        if (word[0] == '|' || word[strlen(word) - 1] == '|')
                return parse_error_set(err, line, 1, "write alternatives without spaces: 'trip|visit'");
        el->slot = SLOT_LITERAL;
        el->n_alts = datafile_split(word, '|', el->alts, 8);
        for (size_t i = 0; i < el->n_alts; i++)
                if (!(el->alts[i] = strdup(el->alts[i])))
                        return -ENOMEM;
        return 0;
}

static int parse_op(struct pattern *p, const char *value, unsigned line, struct parse_error *err)
{
        char name[32] = "", extra[32] = "";
        int n = sscanf(value, "%31s %31s", name, extra);

        for (size_t o = 0; n >= 1 && o < N_OPS; o++) {
                if (strcmp(name, ops[o].name) != 0)
                        continue;
                p->op = (enum op)o;
                if (ops[o].takes_offset) {
                        char *end;

                        p->offset = (int)strtol(extra, &end, 10);
                        if (n < 2 || *end)
                                return parse_error_set(err, line, 1, "'%s' needs an offset, e.g. '%s -1'", name, name);
                } else if (n == 2) {
                        if (!(p->op == OP_DURATION && strcmp(extra, "approx") == 0))
                                return parse_error_set(err, line, 1, "unexpected '%s' after '%s'", extra, name);
                        p->approx = true;
                }
                return 0;
        }
        return parse_error_set(err, line, 1, "unknown operator '%s'", name);
}

/* The patterns array's capacity, implied by its count: a power of two from 256
 * (0 when empty). Growing by doubling, not by one, spares copying the whole
 * array for each of the hundreds of patterns loaded at start. Starting with
 * room for the bundled file's 160 (300 KB: a pattern has room for twelve
 * elements) spares the four copies before it (280 KB, into memory touched for
 * the first time); the block's pages are faulted in only as patterns are
 * written. */
static size_t patterns_cap(size_t n)
{
        size_t cap = 256;

        while (cap < n)
                cap *= 2;
        return n ? cap : 0;
}

static int add_pattern(struct timex_rules *r, const struct datafile_entry *e, struct parse_error *err)
{
        struct pattern *v = r->patterns, *p;
        char keybuf[512], *words[12];
        size_t n;
        int ret;

        if (r->n_patterns == patterns_cap(r->n_patterns)) {
                if (!(v = realloc(r->patterns, patterns_cap(r->n_patterns + 1) * sizeof(*v))))
                        return -ENOMEM;
                r->patterns = v;
        }
        p = &v[r->n_patterns++];
        *p = (struct pattern){ 0 };
        str_copy_cut(keybuf, sizeof(keybuf), e->key);
        lower(keybuf);
        n = datafile_split(keybuf, ' ', words, 12);
        for (size_t i = 0; i < n; i++) {
                if ((ret = parse_element(&p->el[i], words[i], e->line, err)) < 0)
                        return ret;
                p->n++;
        }
        return parse_op(p, e->value, e->line, err);
}

static const struct {
        const char *section;
        enum slot slot;
} word_sections[] = {
        { "weekdays", SLOT_WEEKDAY }, { "months", SLOT_MONTH }, { "seasons", SLOT_SEASON },
        { "parts-of-day", SLOT_PART }, { "numbers", SLOT_NUMBER }, { "ordinals", SLOT_ORDINAL },
        { "units", SLOT_UNIT },
};

/* "words = opens | is due" in [scheduled] (each phrase a cue that the clause
 * tells of a plan), "words = summit | talks" in [occasions] (the <occasion> slot)
 * "words = who | that" in [clause-openers] or "words = decision" in [reacted-to]. */
static int add_word_list(struct timex_rules *r, const struct datafile_entry *e, struct parse_error *err)
{
        bool scheduled = strcmp(e->section, "scheduled") == 0;
        struct strmap *map = strcmp(e->section, "occasions") == 0    ? r->words[SLOT_OCCASION]
                             : strcmp(e->section, "reacted-to") == 0 ? r->reacted
                                                                    : r->openers;
        char buf[1024], *words[64];
        size_t n;
        int ret;

        if (strcmp(e->key, "words") != 0)
                return parse_error_set(err, e->line, 1, "want 'words = a | b' in [%s]", e->section);
        str_copy_cut(buf, sizeof(buf), e->value);
        lower(buf);
        n = datafile_split(buf, '|', words, 64);
        for (size_t i = 0; i < n; i++) {
                if (!words[i][0])
                        continue;
                ret = scheduled ? phrase_table_add(r->scheduled, words[i], NULL)
                                : strmap_put(map, words[i], (void *)1);
                if (ret < 0)
                        return ret;
        }
        return 0;
}

static int on_entry(void *userdata, const struct datafile_entry *e, struct parse_error *err)
{
        struct timex_rules *r = userdata;

        if (!e->key)
                return 0;
        if (strcmp(e->section, "patterns") == 0)
                return add_pattern(r, e, err);
        if (strcmp(e->section, "events") == 0) {
                char *value = keep_string(r, e->value);

                return value ? phrase_table_add(r->events, e->key, value) : -ENOMEM;
        }
        if (strcmp(e->section, "scheduled") == 0 || strcmp(e->section, "occasions") == 0 ||
            strcmp(e->section, "clause-openers") == 0 || strcmp(e->section, "reacted-to") == 0)
                return add_word_list(r, e, err);
        for (size_t i = 0; i < sizeof(word_sections) / sizeof(word_sections[0]); i++)
                if (strcmp(e->section, word_sections[i].section) == 0)
                        return add_words(r, word_sections[i].slot, e, err);
        return parse_error_set(err, e->line, 1, "unknown section '%s'", e->section);
}

static void list_free(void *value, void *userdata)
{
        struct pattern_list *l = value;

        (void)userdata;
        if (l)
                free(l->v);
        free(l);
}

static int list_add(struct pattern_list **slot, size_t k)
{
        struct pattern_list *l = *slot;
        size_t *v;

        if (!l && !(l = *slot = calloc(1, sizeof(*l))))
                return -ENOMEM;
        v = realloc(l->v, (l->n + 1) * sizeof(*v));
        if (!v)
                return -ENOMEM;
        l->v = v;
        v[l->n++] = k;
        return 0;
}

static int index_patterns(struct timex_rules *r)
{
        if (!(r->by_first_word = strmap_new()))
                return -ENOMEM;
        for (size_t k = 0; k < r->n_patterns; k++) {
                const struct element *first = &r->patterns[k].el[0];

                if (first->slot != SLOT_LITERAL) {
                        if (list_add(&r->by_first_slot[first->slot], k) < 0)
                                return -ENOMEM;
                        continue;
                }
                for (size_t a = 0; a < first->n_alts; a++) {
                        struct pattern_list *l = strmap_get(r->by_first_word, first->alts[a]);
                        bool fresh = !l; /* not in the map yet: freed here if it cannot go in */

                        if (list_add(&l, k) < 0 || strmap_put(r->by_first_word, first->alts[a], l) < 0) {
                                if (fresh)
                                        list_free(l, NULL);
                                return -ENOMEM;
                        }
                }
        }
        return 0;
}

int timex_rules_load(const char *path, struct timex_rules **ret, struct parse_error *err)
{
        struct timex_rules *r = calloc(1, sizeof(*r));
        int res;

        if (!r)
                return -ENOMEM;
        for (size_t s = 0; s < N_SLOTS; s++)
                if (!(r->words[s] = strmap_new())) {
                        timex_rules_free(r);
                        return -ENOMEM;
                }
        if (!(r->events = phrase_table_new()) || !(r->scheduled = phrase_table_new()) ||
            !(r->openers = strmap_new()) || !(r->reacted = strmap_new())) {
                timex_rules_free(r);
                return -ENOMEM;
        }
        res = datafile_parse(path, on_entry, r, err);
        if (res >= 0)
                res = index_patterns(r);
        if (res >= 0)
                res = timex_index_words(r);
        if (res < 0) {
                timex_rules_free(r);
                return res;
        }
        *ret = r;
        return 0;
}

void timex_rules_free(struct timex_rules *r)
{
        if (!r)
                return;
        for (size_t s = 0; s < N_SLOTS; s++)
                strmap_free(r->words[s]);
        phrase_table_free(r->events);
        phrase_table_free(r->scheduled);
        strmap_free(r->openers);
        strmap_free(r->reacted);
        if (r->by_first_word)
                strmap_foreach(r->by_first_word, list_free, NULL);
        strmap_free(r->by_first_word);
        timex_words_free(r);
        for (size_t s = 0; s < N_SLOTS; s++)
                list_free(r->by_first_slot[s], NULL);
        for (size_t i = 0; i < r->n_patterns; i++)
                for (size_t k = 0; k < r->patterns[i].n; k++)
                        for (size_t a = 0; a < r->patterns[i].el[k].n_alts; a++)
                                free(r->patterns[i].el[k].alts[a]);
        free(r->patterns);
        for (size_t i = 0; i < r->n_strings; i++)
                free(r->strings[i]);
        free(r->strings);
        free(r);
}
