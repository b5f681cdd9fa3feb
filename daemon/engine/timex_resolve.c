/* Time values: what a matched pattern of events/timex.txt means against the
 * document date (each operator's arithmetic, written as a TIMEX3 value), and
 * the instants a value spans, for an event's bounds. timex.c finds the
 * patterns; this file only computes. */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "timex_internal.h"
#include "timex_scan.h"

static void format_date(long days, char *out, size_t size)
{
        int y, m, d;

        calendar_civil(days, &y, &m, &d);
        timex_format_ymd(out, size, y, m, d, -1);
}

static int month_days(int y, int m)
{
        static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

        return days[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* The proleptic Gregorian calendar of calendar.c (a day valid when it comes
 * back from calendar_civil(calendar_days()) as it went in), by month lengths. */
static bool date_valid(int y, int m, int d)
{
        return m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
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

/* snprintf(out, size, "%s", s) without the format engine (size >= 1). */
static void put_string(char *out, size_t size, const char *s)
{
        size_t n = strlen(s);

        if (n >= size)
                n = size - 1;
        memcpy(out, s, n);
        out[n] = '\0';
}

/* "T" and the part of the day's code after the value ("2024-09-02TEV"), cut to size as snprintf would. */
static void append_part(char *out, size_t size, const struct capture *c)
{
        size_t len = strlen(out);

        if (c->span[SLOT_PART] && size - len >= 2) {
                out[len] = 'T';
                put_string(out + len + 1, size - len - 1, c->span[SLOT_PART]->code);
        }
}

static int year_of(const struct capture *c, const struct timex_context *ctx)
{
        return c->has[SLOT_YEAR] ? c->v[SLOT_YEAR] : ctx->year;
}

/* The year of "June" or "17 March" with none written: the DCT's, except that a
 * future clause looks forwards ("will visit in June", told in September, is next
 * June). */
static int year_of_month(const struct capture *c, const struct timex_context *ctx)
{
        int m = c->v[SLOT_MONTH], d = c->has[SLOT_DAY] ? c->v[SLOT_DAY] : 31;

        if (c->has[SLOT_YEAR] || !ctx->future)
                return year_of(c, ctx);
        return m < ctx->month || (m == ctx->month && d < ctx->day) ? ctx->year + 1 : ctx->year;
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

/* The last day of "3-4 March" or "30 March to 2 April" (the next year's when
 * the range runs past December); false unless it comes after the first day. */
static bool range_end(const struct capture *c, int y, struct timex_match *t)
{
        int m = c->has[SLOT_LAST_MONTH] ? c->v[SLOT_LAST_MONTH] : c->v[SLOT_MONTH];
        int ly = m < c->v[SLOT_MONTH] ? y + 1 : y;

        if (!date_valid(ly, m, c->v[SLOT_LAST_DAY]) ||
            calendar_days(ly, m, c->v[SLOT_LAST_DAY]) <= calendar_days(y, c->v[SLOT_MONTH], c->v[SLOT_DAY]))
                return false;
        timex_format_ymd(t->last, sizeof(t->last), ly, m, c->v[SLOT_LAST_DAY], -1);
        return true;
}

static bool resolve_calendar(const struct pattern *p, const struct capture *c, const struct timex_context *ctx,
                             long dct, struct timex_match *t)
{
        int y = p->op == OP_DATE || p->op == OP_MONTH ? year_of_month(c, ctx) : year_of(c, ctx), m;
        char *out = t->value;
        size_t size = sizeof(t->value);

        switch (p->op) {
        case OP_WEEKDAY:
                format_date(resolve_weekday(dct, c->v[SLOT_WEEKDAY], ctx->future), out, size);
                append_part(out, size, c);
                return true;
        case OP_DATE:
                if (!date_valid(y, c->v[SLOT_MONTH], c->v[SLOT_DAY]))
                        return false;
                timex_format_ymd(out, size, y, c->v[SLOT_MONTH], c->v[SLOT_DAY], -1);
                append_part(out, size, c);
                return !c->has[SLOT_LAST_DAY] || range_end(c, y, t);
        case OP_MONTH:
                timex_format_ym(out, size, y, 0, c->v[SLOT_MONTH]);
                return c->v[SLOT_MONTH] >= 1 && c->v[SLOT_MONTH] <= 12;
        case OP_SEASON:
                snprintf(out, size, "%04d-%s", y, c->span[SLOT_SEASON]->code);
                return true;
        case OP_YEAR:
                timex_format_year(out, size, y);
                return true;
        case OP_WEEK_DAY: /* "Thursday next week": that day of the week N weeks from the DCT's */
                format_date(dct - (calendar_weekday(dct) - 1) + 7L * p->offset + (c->v[SLOT_WEEKDAY] - 1), out,
                            size);
                append_part(out, size, c);
                return true;
        case OP_DAYS:
                format_date(dct + p->offset, out, size);
                append_part(out, size, c);
                return true;
        case OP_WEEKS: {
                int wy, w;

                calendar_iso_week(dct + 7L * p->offset, &wy, &w);
                timex_format_ym(out, size, wy, 'W', w);
                return true;
        }
        case OP_MONTHS:
                m = ctx->year * 12 + (ctx->month - 1) + p->offset;
                timex_format_ym(out, size, m / 12, 0, m % 12 + 1);
                return true;
        case OP_YEARS:
                timex_format_year(out, size, ctx->year + p->offset);
                return true;
        case OP_LAST_SEASON:
        case OP_NEXT_SEASON:
                return resolve_relative_season(p, c, dct, ctx->year, out, size);
        case OP_LAST_MONTH: /* "last October": the latest October before this month */
                m = c->v[SLOT_MONTH];
                timex_format_ym(out, size, m < ctx->month ? ctx->year : ctx->year - 1, 0, m);
                return m >= 1 && m <= 12;
        case OP_NEXT_MONTH: /* "next March": the first March after this month */
                m = c->v[SLOT_MONTH];
                timex_format_ym(out, size, m > ctx->month ? ctx->year : ctx->year + 1, 0, m);
                return m >= 1 && m <= 12;
        default:
                return false;
        }
}

/* "two years ago": the DCT moved back by N units, written as precisely as the
 * unit (a year, a month, an ISO week, a day); false for hours. */
static bool resolve_ago(const struct capture *c, const struct timex_context *ctx, long dct, struct timex_match *t)
{
        int n = c->has[SLOT_NUMBER] ? c->v[SLOT_NUMBER] : 1, wy, w, m;
        const char *unit = c->unit ? c->unit : "";

        if (strcmp(unit, "DE") == 0)
                n *= 10, unit = "Y";
        if (strcmp(unit, "Y") == 0) {
                timex_format_year(t->value, sizeof(t->value), ctx->year - n);
        } else if (strcmp(unit, "M") == 0) {
                m = ctx->year * 12 + (ctx->month - 1) - n;
                timex_format_ym(t->value, sizeof(t->value), m / 12, 0, m % 12 + 1);
        } else if (strcmp(unit, "W") == 0) {
                calendar_iso_week(dct - 7L * n, &wy, &w);
                timex_format_ym(t->value, sizeof(t->value), wy, 'W', w);
        } else if (strcmp(unit, "D") == 0) {
                format_date(dct - n, t->value, sizeof(t->value));
        } else {
                return false;
        }
        return n <= 5000;
}

bool timex_resolve(const struct pattern *p, const struct capture *c, const struct timex_context *ctx,
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
                put_string(t->value, sizeof(t->value),
                           p->op == OP_PAST ? "PAST_REF" : p->op == OP_FUTURE ? "FUTURE_REF" : "PRESENT_REF");
                return true;
        case OP_BEFORE: /* "ahead of the summit": before it, in the clause's tense */
                put_string(t->value, sizeof(t->value), ctx->future ? "FUTURE_REF" : "PAST_REF");
                return true;
        case OP_PREVIOUS:
                format_date(dct, t->value, sizeof(t->value));
                t->anchor = TIMEX_ANCHOR_PREVIOUS;
                return true;
        case OP_LATEST:
                format_date(dct, t->value, sizeof(t->value));
                t->anchor = TIMEX_ANCHOR_LATEST;
                return true;
        case OP_PREVIOUS_DAYS: /* "two days earlier": N days or weeks from the event before */
                if (c->unit && strcmp(c->unit, "D") && strcmp(c->unit, "W"))
                        return false;
                t->shift_days = p->offset * (c->has[SLOT_NUMBER] ? c->v[SLOT_NUMBER] : 1) *
                                (c->unit && strcmp(c->unit, "W") == 0 ? 7 : 1);
                format_date(dct + t->shift_days, t->value, sizeof(t->value));
                t->anchor = TIMEX_ANCHOR_PREVIOUS;
                return true;
        case OP_EVENT:
                put_string(t->value, sizeof(t->value), c->event);
                return true;
        case OP_AGO:
                return resolve_ago(c, ctx, dct, t);
        case OP_DEADLINE: /* matched to be passed over: no value */
                return true;
        default:
                return resolve_calendar(p, c, ctx, dct, t);
        }
}

bool timex_op_reads_future(enum op op)
{
        /* year_of_month() for a date or a month, resolve_weekday(), OP_BEFORE */
        return op == OP_DATE || op == OP_MONTH || op == OP_WEEKDAY || op == OP_BEFORE;
}

static inline bool is_digit(char c)
{
        return (unsigned char)(c - '0') < 10;
}

/* s[0..k) all digits, k 2 or 4 (unrolled: most values are read several
 * times an event); a NUL stops it before it reads past the string. */
static inline bool all_digits(const char *s, size_t k)
{
        return is_digit(s[0]) && is_digit(s[1]) && (k == 2 || (is_digit(s[2]) && is_digit(s[3])));
}

static int digits_value(const char *s, size_t k)
{
        int v = 0;

        for (size_t i = 0; i < k; i++)
                v = v * 10 + (s[i] - '0');
        return v;
}

/* "2024-09-02", as every date value is written: the scan below would format
 * the digits it read back as they stand. */
static inline bool plain_ymd(const char *value)
{
        return all_digits(value, 4) && value[4] == '-' && all_digits(value + 5, 2) && value[7] == '-' &&
               all_digits(value + 8, 2);
}

void timex_date_part(const char *value, char out[11])
{
        int y, m, d, n;

        if (plain_ymd(value)) { /* most values: a story's days are read again for every event */
                memcpy(out, value, 10);
                out[10] = '\0';
                return;
        }
        out[0] = '\0';
        if (strlen(value) >= 10 && timex_scan_ymd(value, &y, &m, &d, &n) && value[4] == '-' &&
            value[7] == '-')
                timex_format_ymd(out, 11, y, m, d, -1);
}

static void format_instant(long days, int hour, char out[32])
{
        int y, m, d;

        days += hour / 24;
        calendar_civil(days, &y, &m, &d);
        if (hour % 24 < 0) /* no such part of a day in timex.txt, but written as before */
                snprintf(out, 32, "%04d-%02d-%02dT%02d:00:00Z", y, m, d, hour % 24);
        else
                timex_format_ymd(out, 32, y, m, d, hour % 24);
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

static void put_2digits(char *p, int v)
{
        p[0] = (char)('0' + v / 10);
        p[1] = (char)('0' + v % 10);
}

/* The bounds of the day y-m-d written as `value` ("2024-09-02", valid) or of
 * the month y-m (d 0; "2024-09"): its first instant, value's digits as they
 * stand, and the next day's or month's, counted on the text; false for the
 * last of year 9999, whose next is written by format_instant(). */
static bool plain_bounds(const char *value, int y, int m, int d, char start[32], char end[32])
{
        if (y == 9999 && m == 12 && (!d || d == 31))
                return false;
        memcpy(start, value, 7);
        memcpy(start + 7, d ? value + 7 : "-01", 3);
        memcpy(start + 10, "T00:00:00Z", 11);
        memcpy(end, start, 21);
        if (d && d < month_days(y, m)) {
                put_2digits(end + 8, d + 1);
        } else if (m < 12) {
                put_2digits(end + 5, m + 1);
                put_2digits(end + 8, 1);
        } else {
                put_2digits(end, (y + 1) / 100);
                put_2digits(end + 2, (y + 1) % 100);
                memcpy(end + 5, "01-01", 5);
        }
        return true;
}

void timex_bounds_computed(const struct timex_rules *r, const char *value, char start[32], char end[32])
{
        int y, m, d, n = 0;
        char code[4] = "";
        long from, to;
        const struct span *s;

        start[0] = end[0] = '\0';
        /* a day or a month, as most values are: what the scans below read */
        if (all_digits(value, 4) && value[4] == '-' && all_digits(value + 5, 2)) {
                y = digits_value(value, 4), m = digits_value(value + 5, 2);
                if (!value[7] && m >= 1 && m <= 12 && plain_bounds(value, y, m, 0, start, end))
                        return;
                if (plain_ymd(value) && !value[10]) {
                        d = digits_value(value + 8, 2);
                        if (!date_valid(y, m, d) || plain_bounds(value, y, m, d, start, end))
                                return;
                }
        }
        if (timex_scan_ymd_part(value, &y, &m, &d, code, &n) && !value[n] &&
            (s = span_by_code(r, code)) && date_valid(y, m, d)) {
                format_instant(calendar_days(y, m, d), s->from, start);
                format_instant(calendar_days(y, m, d), s->to, end);
                return;
        }
        if (timex_scan_ymd(value, &y, &m, &d, &n) && !value[n] && date_valid(y, m, d))
                from = calendar_days(y, m, d), to = from + 1;
        else if (timex_scan_week(value, &y, &m, &n) && !value[n] && m >= 1 && m <= 53)
                from = calendar_iso_week_start(y, m), to = from + 7;
        else if (timex_scan_ym(value, &y, &m, &n) && !value[n] && m >= 1 && m <= 12)
                from = calendar_days(y, m, 1), to = calendar_days(y + m / 12, m % 12 + 1, 1);
        else if (timex_scan_ycode(value, &y, code, &n) && !value[n] && (s = span_by_code(r, code)) &&
                 season_bounds(s, y, &from, &to))
                ;
        else if (timex_scan_y(value, &y, &n) && n == 4 && !value[n])
                from = calendar_days(y, 1, 1), to = calendar_days(y + 1, 1, 1);
        else
                return;
        format_instant(from, 0, start);
        format_instant(to, 0, end);
}

/* The latest values' bounds, per thread: an article's events share a few
 * days (the story's day, the document date), each asked for its bounds when
 * timed, when coded and when told. Keyed on the value and the load. */
#define BOUNDS_MEMO 8

struct bounds_memo {
        uint64_t id; /* the rules' load; 0: empty */
        char value[32], start[32], end[32];
};

void timex_bounds(const struct timex_rules *r, const char *value, char start[32], char end[32])
{
        static _Thread_local struct bounds_memo memo[BOUNDS_MEMO];
        size_t len = strnlen(value, sizeof(memo[0].value));
        struct bounds_memo *m;

        if (len == sizeof(memo[0].value)) { /* no value is this long: not kept */
                timex_bounds_computed(r, value, start, end);
                return;
        }
        m = &memo[len < 2 ? len : (len + (unsigned char)value[len - 1] * 3u + (unsigned char)value[len - 2]) % BOUNDS_MEMO];
        if (m->id != r->id || memcmp(m->value, value, len + 1) != 0) {
                timex_bounds_computed(r, value, m->start, m->end);
                memcpy(m->value, value, len + 1);
                m->id = r->id;
        }
        memcpy(start, m->start, sizeof(m->start));
        memcpy(end, m->end, sizeof(m->end));
}
