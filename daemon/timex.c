/* Time expressions. events/timex.txt holds the words (weekdays, months, seasons,
 * parts of day, numbers, units, named events) and the patterns that combine them;
 * this file holds only the arithmetic each pattern's operator names. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "datafile.h"
#include "phrase.h"
#include "strmap.h"
#include "timex.h"

enum slot { SLOT_LITERAL, SLOT_WEEKDAY, SLOT_MONTH, SLOT_SEASON, SLOT_PART, SLOT_YEAR, SLOT_DAY,
            SLOT_NUMBER, SLOT_ORDINAL, SLOT_UNIT, SLOT_EVENT, N_SLOTS };

static const char *const slot_names[N_SLOTS] = {
        [SLOT_WEEKDAY] = "<weekday>", [SLOT_MONTH] = "<month>",     [SLOT_SEASON] = "<season>",
        [SLOT_PART] = "<part-of-day>", [SLOT_YEAR] = "<year>",     [SLOT_DAY] = "<day>",
        [SLOT_NUMBER] = "<number>",   [SLOT_ORDINAL] = "<ordinal>", [SLOT_UNIT] = "<unit>",
        [SLOT_EVENT] = "<event>",
};

enum op { OP_WEEKDAY, OP_DATE, OP_MONTH, OP_SEASON, OP_YEAR, OP_DAYS, OP_WEEKS, OP_MONTHS, OP_YEARS,
          OP_DURATION, OP_PAST, OP_FUTURE, OP_PRESENT, OP_PREVIOUS, OP_EVENT, OP_LAST_MONTH, OP_NEXT_MONTH,
          OP_LAST_SEASON, OP_NEXT_SEASON, N_OPS };

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
};

struct element {
        enum slot slot;
        char *alts[8]; /* literal alternatives, lower case */
        size_t n_alts;
};

struct pattern {
        struct element el[12];
        size_t n;
        enum op op;
        int offset;
        bool approx;
};

/* A season or part of day: its TIMEX3 code and the months or hours it spans. */
struct span {
        char code[4];
        int from, to;
};

struct timex_rules {
        struct strmap *words[N_SLOTS]; /* slot word -> value + 1, or struct span * */
        struct phrase_table *events;   /* named event -> its value (char *) */
        struct span spans[32];
        size_t n_spans;
        struct pattern *patterns;
        size_t n_patterns;
        char **strings; /* owned strings handed out as map values */
        size_t n_strings;
        /* Patterns by their first element, so a word only tries the patterns that
         * can start with it: literal first words in a map, slot-led ones per slot. */
        struct strmap *by_first_word; /* word -> struct pattern_list * */
        struct pattern_list *by_first_slot[N_SLOTS];
};

struct pattern_list {
        size_t *v; /* pattern indexes, in file order */
        size_t n;
};

/* What a pattern captured from the sentence. */
struct capture {
        int v[N_SLOTS];
        bool has[N_SLOTS];
        const struct span *span[N_SLOTS];
        const char *event; /* the value of a named event */
        const char *unit;  /* a duration unit's code: Y, M, W, D, H */
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

        snprintf(keybuf, sizeof(keybuf), "%s", e->key);
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
        for (size_t s = 1; s < N_SLOTS; s++)
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

static int add_pattern(struct timex_rules *r, const struct datafile_entry *e, struct parse_error *err)
{
        struct pattern *v = realloc(r->patterns, (r->n_patterns + 1) * sizeof(*v)), *p;
        char keybuf[512], *words[12];
        size_t n;
        int ret;

        if (!v)
                return -ENOMEM;
        r->patterns = v;
        p = &v[r->n_patterns++];
        *p = (struct pattern){ 0 };
        snprintf(keybuf, sizeof(keybuf), "%s", e->key);
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
        for (size_t i = 0; i < sizeof(word_sections) / sizeof(word_sections[0]); i++)
                if (strcmp(e->section, word_sections[i].section) == 0)
                        return add_words(r, word_sections[i].slot, e, err);
        return parse_error_set(err, e->line, 1, "unknown section '%s'", e->section);
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

                        if (list_add(&l, k) < 0 || strmap_put(r->by_first_word, first->alts[a], l) < 0)
                                return -ENOMEM;
                }
        }
        return 0;
}

static void list_free(void *value, void *userdata)
{
        struct pattern_list *l = value;

        (void)userdata;
        if (l)
                free(l->v);
        free(l);
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
        if (!(r->events = phrase_table_new())) {
                timex_rules_free(r);
                return -ENOMEM;
        }
        res = datafile_parse(path, on_entry, r, err);
        if (res >= 0)
                res = index_patterns(r);
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
        if (r->by_first_word)
                strmap_foreach(r->by_first_word, list_free, NULL);
        strmap_free(r->by_first_word);
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

static int word_value(const struct timex_rules *r, enum slot slot, const char *w)
{
        intptr_t v = (intptr_t)strmap_get(r->words[slot], w);

        return v ? (int)v - 1 : -1;
}

/* "85th", "2nd": the number of a digit ordinal, or -1. */
static int digit_ordinal(const char *w)
{
        char *end;
        long v = strtol(w, &end, 10);

        if (end == w || v < 0 || v > 10000)
                return -1;
        if (strcmp(end, "st") && strcmp(end, "nd") && strcmp(end, "rd") && strcmp(end, "th"))
                return -1;
        return (int)v;
}

static int plain_number(const struct token_list *tl, size_t i)
{
        const char *w = token_norm(tl, i);
        char *end;
        long v;

        if (tl->v[i].kind != TOKEN_NUMBER)
                return -1;
        v = strtol(w, &end, 10);
        return (*end || v < 0 || v > 100000) ? -1 : (int)v;
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
                c->span[slot] = strmap_get(r->words[slot], w);
                c->has[slot] = c->span[slot] != NULL;
                return c->has[slot];
        case SLOT_YEAR:
                v = plain_number(tl, i);
                v = (v >= 1000 && v <= 2999 && tl->v[i].end - tl->v[i].start == 4) ? v : -1;
                break;
        case SLOT_DAY:
                v = plain_number(tl, i);
                if (v < 0)
                        v = digit_ordinal(w);
                v = (v >= 1 && v <= 31) ? v : -1;
                break;
        case SLOT_NUMBER:
                v = plain_number(tl, i);
                if (v < 0)
                        v = word_value(r, slot, w);
                break;
        case SLOT_ORDINAL:
                v = digit_ordinal(w);
                if (v < 0)
                        v = word_value(r, slot, w);
                break;
        case SLOT_UNIT:
                c->unit = strmap_get(r->words[slot], w);
                c->has[slot] = c->unit != NULL;
                return c->has[slot];
        default:
                v = word_value(r, slot, w);
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

/* Matches pattern p at token i; returns the end token (0 = no match). */
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

static void format_date(long days, char *out, size_t size)
{
        int y, m, d;

        calendar_civil(days, &y, &m, &d);
        snprintf(out, size, "%04d-%02d-%02d", y, m, d);
}

static bool date_valid(int y, int m, int d)
{
        int yy, mm, dd;

        if (m < 1 || m > 12 || d < 1 || d > 31)
                return false;
        calendar_civil(calendar_days(y, m, d), &yy, &mm, &dd);
        return yy == y && mm == m && dd == d;
}

/* The weekday nearest the DCT in the sentence's direction: on or before it for
 * past and present, on or after it for the future. */
static long resolve_weekday(long dct, int weekday, bool future)
{
        int today = calendar_weekday(dct);

        if (future)
                return dct + (weekday - today + 7) % 7;
        return dct - (today - weekday + 7) % 7;
}

static void append_part(char *out, size_t size, const struct capture *c)
{
        if (c->span[SLOT_PART])
                snprintf(out + strlen(out), size - strlen(out), "T%s", c->span[SLOT_PART]->code);
}

static int year_of(const struct capture *c, const struct timex_context *ctx)
{
        return c->has[SLOT_YEAR] ? c->v[SLOT_YEAR] : ctx->year;
}

static bool season_bounds(const struct span *s, int y, long *from, long *to);

/* "last winter": the latest such season over by the DCT; "next spring": the
 * first one that starts after it. */
static bool resolve_relative_season(const struct pattern *p, const struct capture *c, long dct, int year,
                                    char *out, size_t size)
{
        const struct span *season = c->span[SLOT_SEASON];
        long from, to;

        for (int y = year + 1; y >= year - 2; y--) {
                if (!season_bounds(season, y, &from, &to))
                        return false;
                if ((p->op == OP_LAST_SEASON && to <= dct) ||
                    (p->op == OP_NEXT_SEASON && from > dct && (!season_bounds(season, y - 1, &from, &to) || from <= dct))) {
                        snprintf(out, size, "%04d-%s", y, season->code);
                        return true;
                }
        }
        return false;
}

static bool resolve_calendar(const struct pattern *p, const struct capture *c, const struct timex_context *ctx,
                             long dct, char *out, size_t size)
{
        int y = year_of(c, ctx), m;

        switch (p->op) {
        case OP_WEEKDAY:
                format_date(resolve_weekday(dct, c->v[SLOT_WEEKDAY], ctx->future), out, size);
                append_part(out, size, c);
                return true;
        case OP_DATE:
                if (!date_valid(y, c->v[SLOT_MONTH], c->v[SLOT_DAY]))
                        return false;
                snprintf(out, size, "%04d-%02d-%02d", y, c->v[SLOT_MONTH], c->v[SLOT_DAY]);
                append_part(out, size, c);
                return true;
        case OP_MONTH:
                snprintf(out, size, "%04d-%02d", y, c->v[SLOT_MONTH]);
                return c->v[SLOT_MONTH] >= 1 && c->v[SLOT_MONTH] <= 12;
        case OP_SEASON:
                snprintf(out, size, "%04d-%s", y, c->span[SLOT_SEASON]->code);
                return true;
        case OP_YEAR:
                snprintf(out, size, "%04d", y);
                return true;
        case OP_DAYS:
                format_date(dct + p->offset, out, size);
                append_part(out, size, c);
                return true;
        case OP_WEEKS: {
                int wy, w;

                calendar_iso_week(dct + 7L * p->offset, &wy, &w);
                snprintf(out, size, "%04d-W%02d", wy, w);
                return true;
        }
        case OP_MONTHS:
                m = ctx->year * 12 + (ctx->month - 1) + p->offset;
                snprintf(out, size, "%04d-%02d", m / 12, m % 12 + 1);
                return true;
        case OP_YEARS:
                snprintf(out, size, "%04d", ctx->year + p->offset);
                return true;
        case OP_LAST_SEASON:
        case OP_NEXT_SEASON:
                return resolve_relative_season(p, c, dct, ctx->year, out, size);
        case OP_LAST_MONTH: /* "last October": the latest October before this month */
                m = c->v[SLOT_MONTH];
                snprintf(out, size, "%04d-%02d", m < ctx->month ? ctx->year : ctx->year - 1, m);
                return m >= 1 && m <= 12;
        case OP_NEXT_MONTH: /* "next March": the first March after this month */
                m = c->v[SLOT_MONTH];
                snprintf(out, size, "%04d-%02d", m > ctx->month ? ctx->year : ctx->year + 1, m);
                return m >= 1 && m <= 12;
        default:
                return false;
        }
}

static bool resolve(const struct pattern *p, const struct capture *c, const struct timex_context *ctx,
                    struct timex_match *t)
{
        long dct = calendar_days(ctx->year, ctx->month, ctx->day);
        const char *unit = c->unit ? c->unit : "Y";

        switch (p->op) {
        case OP_DURATION:
                if (!c->has[SLOT_NUMBER])
                        return false;
                snprintf(t->value, sizeof(t->value), "P%s%d%s", strcmp(unit, "H") == 0 ? "T" : "",
                         c->v[SLOT_NUMBER], unit);
                if (p->approx)
                        snprintf(t->mod, sizeof(t->mod), "APPROX");
                return true;
        case OP_PAST:
        case OP_FUTURE:
        case OP_PRESENT:
                snprintf(t->value, sizeof(t->value), "%s",
                         p->op == OP_PAST ? "PAST_REF" : p->op == OP_FUTURE ? "FUTURE_REF" : "PRESENT_REF");
                return true;
        case OP_PREVIOUS:
                format_date(dct, t->value, sizeof(t->value));
                t->anchor = TIMEX_ANCHOR_PREVIOUS;
                return true;
        case OP_EVENT:
                snprintf(t->value, sizeof(t->value), "%s", c->event);
                return true;
        default:
                return resolve_calendar(p, c, ctx, dct, t->value, sizeof(t->value));
        }
}

/* The longest pattern that matches at token i and resolves; ties go to the
 * pattern written first. Returns its end token, 0 if none. */
/* Tries the patterns of list l at token i, keeping the longest match that
 * resolves (ties: the pattern written first). */
static void try_list(const struct timex_rules *r, const struct pattern_list *l, const struct token_list *tl,
                     const char *text, size_t i, const struct timex_context *ctx, struct timex_match *t,
                     size_t *best, size_t *best_k)
{
        for (size_t j = 0; l && j < l->n; j++) {
                size_t k = l->v[j], end;
                struct capture c;
                struct timex_match cand = { 0 };

                end = match_pattern(r, &r->patterns[k], tl, text, i, &c);
                if (!end || end < *best || (end == *best && k > *best_k))
                        continue;
                if (resolve(&r->patterns[k], &c, ctx, &cand)) {
                        *best = end;
                        *best_k = k;
                        *t = cand;
                }
        }
}

/* The longest pattern that matches at token i and resolves; returns its end
 * token, 0 if none. */
static size_t best_at(const struct timex_rules *r, const struct token_list *tl, const char *text, size_t i,
                      const struct timex_context *ctx, struct timex_match *t)
{
        size_t best = 0, best_k = (size_t)-1;

        try_list(r, strmap_get(r->by_first_word, token_norm(tl, i)), tl, text, i, ctx, t, &best, &best_k);
        for (size_t s = 1; s < N_SLOTS; s++) {
                struct capture probe = { 0 };

                /* most words fill no slot: find that out once, not once per pattern */
                if (r->by_first_slot[s] && match_slot(r, (enum slot)s, tl, text, i, &probe))
                        try_list(r, r->by_first_slot[s], tl, text, i, ctx, t, &best, &best_k);
        }
        return best;
}

size_t timex_find(const struct timex_rules *r, const struct token_list *tl, const char *text,
                  const struct timex_context *ctx, struct timex_match *out, size_t max)
{
        size_t n = 0;

        for (size_t i = 0; i < tl->n && n < max;) {
                struct timex_match t;
                size_t end = best_at(r, tl, text, i, ctx, &t);

                if (!end) {
                        i++;
                        continue;
                }
                t.tok_start = i;
                t.tok_end = end;
                t.start = tl->v[i].start;
                t.end = tl->v[end - 1].end;
                out[n++] = t;
                i = end;
        }
        return n;
}

void timex_date_part(const char *value, char out[11])
{
        int y, m, d;

        out[0] = '\0';
        if (strlen(value) >= 10 && sscanf(value, "%4d-%2d-%2d", &y, &m, &d) == 3 && value[4] == '-' &&
            value[7] == '-')
                snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static void format_instant(long days, int hour, char out[32])
{
        int y, m, d;

        days += hour / 24;
        calendar_civil(days, &y, &m, &d);
        snprintf(out, 32, "%04d-%02d-%02dT%02d:00:00Z", y, m, d, hour % 24);
}

static const struct span *span_by_code(const struct timex_rules *r, const char *code)
{
        for (size_t i = 0; i < r->n_spans; i++)
                if (strcmp(r->spans[i].code, code) == 0)
                        return &r->spans[i];
        return NULL;
}

/* Bounds of a season: its months, running into the next year when it wraps (winter). */
static bool season_bounds(const struct span *s, int y, long *from, long *to)
{
        int last = s->to <= s->from ? s->to + 12 : s->to;

        if (s->from < 1 || s->from > 12 || last > 24)
                return false;
        *from = calendar_days(y, s->from, 1);
        *to = calendar_days(y + (last - 1) / 12, (last - 1) % 12 + 1, 1);
        return true;
}

void timex_bounds(const struct timex_rules *r, const char *value, char start[32], char end[32])
{
        int y, m, d, n = 0;
        char code[4] = "";
        long from, to;
        const struct span *s;

        start[0] = end[0] = '\0';
        if (sscanf(value, "%4d-%2d-%2dT%3s%n", &y, &m, &d, code, &n) == 4 && !value[n] &&
            (s = span_by_code(r, code)) && date_valid(y, m, d)) {
                format_instant(calendar_days(y, m, d), s->from, start);
                format_instant(calendar_days(y, m, d), s->to, end);
                return;
        }
        if (sscanf(value, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && !value[n] && date_valid(y, m, d))
                from = calendar_days(y, m, d), to = from + 1;
        else if (sscanf(value, "%4d-W%2d%n", &y, &m, &n) == 2 && !value[n] && m >= 1 && m <= 53)
                from = calendar_iso_week_start(y, m), to = from + 7;
        else if (sscanf(value, "%4d-%2d%n", &y, &m, &n) == 2 && !value[n] && m >= 1 && m <= 12)
                from = calendar_days(y, m, 1), to = calendar_days(y + m / 12, m % 12 + 1, 1);
        else if (sscanf(value, "%4d-%3[A-Z]%n", &y, code, &n) == 2 && !value[n] && (s = span_by_code(r, code)) &&
                 season_bounds(s, y, &from, &to))
                ;
        else if (sscanf(value, "%4d%n", &y, &n) == 1 && n == 4 && !value[n])
                from = calendar_days(y, 1, 1), to = calendar_days(y + 1, 1, 1);
        else
                return;
        format_instant(from, 0, start);
        format_instant(to, 0, end);
}
