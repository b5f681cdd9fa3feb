/* The sentence splitter. Quotation marks are paired first, so that a '.' inside
 * “We will come. We are ready,” does not cut the reporting sentence in two, while
 * an unbalanced quote (a typo, a quote running on to the next paragraph) is simply
 * ignored instead of swallowing the rest of the paragraph. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "sentence.h"

static bool at(const char *s, size_t i, size_t end, const char *utf8)
{
        size_t n = strlen(utf8);

        return i + n <= end && memcmp(s + i, utf8, n) == 0;
}

/* Length of a closing quote or bracket at i, 0 if none. */
static size_t closer_at(const char *s, size_t i, size_t end)
{
        if (s[i] == '"' || s[i] == '\'' || s[i] == ')' || s[i] == ']')
                return 1;
        if (at(s, i, end, "\xe2\x80\x9d") || at(s, i, end, "\xe2\x80\x99"))
                return 3;
        if (at(s, i, end, "\xc2\xbb"))
                return 2;
        return 0;
}

static void mark_range(bool *inside, size_t base, size_t from, size_t to)
{
        for (size_t k = from; k < to; k++)
                inside[k - base] = true;
}

/* Marks in `inside` every byte that lies within a matched pair of quotes:
 * “…”, «…» or "…". */
static void mark_quotes(const char *s, size_t start, size_t end, bool *inside)
{
        size_t open_curly = (size_t)-1, open_angle = (size_t)-1, open_straight = (size_t)-1;

        for (size_t i = start; i < end; i++) {
                if (at(s, i, end, "\xe2\x80\x9c"))
                        open_curly = i;
                else if (at(s, i, end, "\xc2\xab"))
                        open_angle = i;
                else if (at(s, i, end, "\xe2\x80\x9d") && open_curly != (size_t)-1) {
                        mark_range(inside, start, open_curly, i);
                        open_curly = (size_t)-1;
                } else if (at(s, i, end, "\xc2\xbb") && open_angle != (size_t)-1) {
                        mark_range(inside, start, open_angle, i);
                        open_angle = (size_t)-1;
                } else if (s[i] == '"') {
                        if (open_straight == (size_t)-1)
                                open_straight = i;
                        else {
                                mark_range(inside, start, open_straight, i);
                                open_straight = (size_t)-1;
                        }
                }
        }
}

/* The word that ends just before the '.' at i (letters and inner dots). */
static size_t word_before(const char *s, size_t start, size_t i, size_t *wstart)
{
        size_t w = i;

        while (w > start && s[w - 1] != ' ' && s[w - 1] != '(' && s[w - 1] != '"' && s[w - 1] != '\t')
                w--;
        /* an opening quote glued to the word is not part of it: “Mr. ‘Mr. «Mr. */
        while (w < i && (at(s, w, i, "\xe2\x80\x9c") || at(s, w, i, "\xe2\x80\x98")))
                w += 3;
        while (w < i && at(s, w, i, "\xc2\xab"))
                w += 2;
        *wstart = w;
        return i - w;
}

/* Whether the '.' at i ends a word that is an abbreviation or an initial. */
static bool dot_is_abbreviation(const char *s, size_t start, size_t i, const struct lexicon *lex)
{
        size_t w, n = word_before(s, start, i, &w);
        char low[32];

        if (n == 1 && s[w] >= 'A' && s[w] <= 'Z')
                return true; /* an initial: "George W. Bush" */
        if (n == 0 || n >= sizeof(low))
                return false;
        for (size_t k = 0; k < n; k++)
                low[k] = (s[w + k] >= 'A' && s[w + k] <= 'Z') ? (char)(s[w + k] + 32) : s[w + k];
        return lexicon_is_abbreviation(lex, low, n);
}

/* If a sentence ends at the terminator at i, returns the offset just past it (and
 * past closing quotes), else 0. */
static size_t boundary_at(const char *s, size_t start, size_t i, size_t end, const bool *inside,
                          const struct lexicon *lex)
{
        size_t j = i + 1, c;

        if (s[i] == '.' && dot_is_abbreviation(s, start, i, lex))
                return 0;
        while (j < end && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
                j++;
        while (j < end && (c = closer_at(s, j, end)))
                j += c;
        if (j < end && s[j] != ' ' && s[j] != '\t')
                return 0; /* "3.5", "U.S.A", "example.com" */
        if (inside[i - start] && !(j > i + 1 && !inside[j - 1 - start]))
                return 0; /* inside a quotation that is not closed right here */
        return j;
}

static int push(struct sentence **v, size_t *n, size_t *cap, size_t start, size_t end)
{
        if (greedy_realloc((void **)v, cap, *n + 1, sizeof(**v)) < 0)
                return -ENOMEM;
        (*v)[(*n)++] = (struct sentence){ start, end };
        return 0;
}

int sentence_split(const char *s, size_t start, size_t end, const struct lexicon *lex, struct sentence **ret,
                   size_t *ret_n)
{
        bool *inside = calloc(end - start + 1, sizeof(bool));
        struct sentence *v = NULL;
        size_t n = 0, cap = 0, from = start;
        int r = 0;

        if (!inside)
                return -ENOMEM;
        mark_quotes(s, start, end, inside);
        for (size_t i = start; i < end && r >= 0; i++) {
                size_t b;

                if (s[i] != '.' && s[i] != '!' && s[i] != '?')
                        continue;
                b = boundary_at(s, start, i, end, inside, lex);
                if (!b)
                        continue;
                r = push(&v, &n, &cap, from, b);
                from = b;
                while (from < end && (s[from] == ' ' || s[from] == '\t'))
                        from++;
                i = from - 1;
        }
        if (r >= 0 && from < end)
                r = push(&v, &n, &cap, from, end);
        free(inside);
        if (r < 0) {
                free(v);
                return r;
        }
        *ret = v;
        *ret_n = n;
        return 0;
}
