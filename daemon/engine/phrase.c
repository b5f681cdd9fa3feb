/* Phrase matching. A phrase is a sequence of lower-case words; "..." lets up to
 * PHRASE_GAP tokens pass ("subject to ... sanctions"), "~" as many with no verb,
 * pronoun or conjunction among them ("court/n ~ order/v": "the court on Tuesday
 * ordered", not "told the court that he ordered"). Phrases written in capitals
 * match capitals only, so the acronym "US" never matches the pronoun "us". */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "phrase.h"
#include "strmap.h"
#include "token.h"

struct bucket {
        struct phrase **v; /* longest first */
        size_t n, cap;
};

struct phrase_table {
        struct strmap *by_first; /* first word (its lemma for "visit/v") -> bucket */
        bool by_lemma;           /* some phrase starts with a lemma: look tokens up by theirs too */
        struct phrase **all;
        size_t n_all, cap_all;
};

struct phrase_table *phrase_table_new(void)
{
        struct phrase_table *t = calloc(1, sizeof(*t));

        if (t && !(t->by_first = strmap_new())) {
                free(t);
                return NULL;
        }
        return t;
}

static void bucket_free(void *value, void *userdata)
{
        struct bucket *b = value;

        (void)userdata;
        free(b->v);
        free(b);
}

void phrase_table_free(struct phrase_table *t)
{
        if (!t)
                return;
        strmap_foreach(t->by_first, bucket_free, NULL);
        strmap_free(t->by_first);
        for (size_t i = 0; i < t->n_all; i++) {
                for (size_t k = 0; k < t->all[i]->n_words; k++)
                        free(t->all[i]->words[k]);
                free(t->all[i]->words);
                free(t->all[i]->pos);
                free(t->all[i]);
        }
        free(t->all);
        free(t);
}

/* "/v" right after a word: its part of speech bits, 0 if none, -1 if unknown. */
static int pos_suffix(const struct token_list *tl, size_t i)
{
        static const char letters[] = "nvar";
        const char *w;

        if (i + 2 >= tl->n || !token_is(tl, i + 1, "/") || tl->v[i + 1].start != tl->v[i].end ||
            tl->v[i + 2].start != tl->v[i + 1].end)
                return 0;
        w = token_norm(tl, i + 2);
        if (strlen(w) != 1 || !strchr(letters, w[0]))
                return -1;
        return 1 << (strchr(letters, w[0]) - letters);
}

/* Splits the phrase into words the way the tokenizer would split the text. */
static int phrase_words(struct phrase *p, const char *text)
{
        struct token_list tl = { 0 };
        int r = token_split(text, strlen(text), &tl);
        size_t caps = 0;

        if (r < 0)
                goto out;
        p->words = calloc(tl.n ? tl.n : 1, sizeof(char *));
        p->pos = calloc(tl.n ? tl.n : 1, 1);
        if (!p->words || !p->pos) {
                r = -ENOMEM;
                goto out;
        }
        for (size_t i = 0; i < tl.n; i++) {
                int pos = pos_suffix(&tl, i);

                if (pos < 0) {
                        r = -EINVAL;
                        goto out;
                }
                p->pos[p->n_words] = (unsigned char)pos;
                /* the tokenizer sees "..." as three dots; join them back into a gap */
                if (token_is(&tl, i, ".") && i + 2 < tl.n && token_is(&tl, i + 1, ".") && token_is(&tl, i + 2, ".")) {
                        p->words[p->n_words++] = strdup("...");
                        i += 2;
                } else
                        p->words[p->n_words++] = strdup(token_norm(&tl, i));
                if (!p->words[p->n_words - 1]) {
                        r = -ENOMEM;
                        goto out;
                }
                caps += tl.v[i].all_caps;
                if (pos)
                        i += 2;
        }
        p->exact_case = tl.n == 1 && caps == 1;
        r = p->n_words ? 0 : -EINVAL;
out:
        token_list_done(&tl);
        return r;
}

static int bucket_add(struct phrase_table *t, struct phrase *p)
{
        struct bucket *b = strmap_get(t->by_first, p->words[0]);
        struct phrase **v;
        size_t i;

        if (!b) {
                if (!(b = calloc(1, sizeof(*b))) || strmap_put(t->by_first, p->words[0], b) < 0) {
                        free(b);
                        return -ENOMEM;
                }
        }
        if (GREEDY_REALLOC(b->v, b->cap, b->n + 1) < 0)
                return -ENOMEM;
        v = b->v;
        for (i = b->n; i > 0 && v[i - 1]->n_words < p->n_words; i--)
                v[i] = v[i - 1];
        v[i] = p;
        b->n++;
        return 0;
}

int phrase_table_add(struct phrase_table *t, const char *text, void *value)
{
        struct phrase *p = calloc(1, sizeof(*p));
        int r;

        if (!p || GREEDY_REALLOC(t->all, t->cap_all, t->n_all + 1) < 0) {
                free(p);
                return -ENOMEM;
        }
        t->all[t->n_all++] = p; /* owned from here on, even if the rest fails */
        p->value = value;
        r = phrase_words(p, text);
        if (r < 0)
                return r;
        if (strcmp(p->words[0], "...") == 0 || strcmp(p->words[0], "~") == 0)
                return -EINVAL;
        t->by_lemma = t->by_lemma || p->pos[0];
        return bucket_add(t, p);
}

/* Whether a tag is one of the parts of speech (PHRASE_* bits). */
static bool tag_fits(unsigned pos, unsigned tag)
{
        return ((pos & PHRASE_NOUN) && (tag == TAG_NOUN || tag == TAG_PROPER)) ||
               ((pos & PHRASE_VERB) && (tag == TAG_VERB || tag == TAG_AUX)) ||
               ((pos & PHRASE_ADJ) && (tag == TAG_ADJ || tag == TAG_VERB)) || ((pos & PHRASE_ADV) && tag == TAG_ADV);
}

/* Whether token i is word w of the phrase: the same form, or a form of its lemma. */
static bool word_fits(const struct phrase *p, size_t w, const struct token_list *tl, size_t i)
{
        if (!p->pos[w])
                return token_is(tl, i, p->words[w]);
        return tag_fits(p->pos[w], tl->v[i].tag) && strcmp(token_lemma(tl, i), p->words[w]) == 0;
}

/* A token a "~" gap may pass: no verb, pronoun or conjunction, which would
 * open another clause with its own subject. */
static bool quiet(const struct token_list *tl, size_t i)
{
        unsigned tag = tl->v[i].tag;

        return tag != TAG_VERB && tag != TAG_AUX && tag != TAG_MODAL && tag != TAG_PRON && tag != TAG_CONJ;
}

static size_t match_from(const struct phrase *p, size_t w, const struct token_list *tl, size_t i);

/* A "~" gap: up to PHRASE_GAP quiet tokens, then the rest of the phrase. */
static size_t match_quiet_gap(const struct phrase *p, size_t w, const struct token_list *tl, size_t i)
{
        for (size_t skip = 0; skip <= PHRASE_GAP && i + skip < tl->n; skip++) {
                size_t e = match_from(p, w + 1, tl, i + skip);

                if (e)
                        return e;
                if (!quiet(tl, i + skip))
                        return 0;
        }
        return 0;
}

/* Matches words[w..] against tokens from i; returns the end token or 0. */
static size_t match_from(const struct phrase *p, size_t w, const struct token_list *tl, size_t i)
{
        if (w == p->n_words)
                return i;
        if (strcmp(p->words[w], "~") == 0)
                return match_quiet_gap(p, w, tl, i);
        if (p->words[w][0] == '.' && strcmp(p->words[w], "...") == 0) { /* no call per word: hot */
                for (size_t skip = 0; skip <= PHRASE_GAP && i + skip < tl->n; skip++) {
                        size_t e = match_from(p, w + 1, tl, i + skip);

                        if (e)
                                return e;
                }
                return 0;
        }
        if (i >= tl->n || !word_fits(p, w, tl, i))
                return 0;
        return match_from(p, w + 1, tl, i + 1);
}

/* Tries the phrases of one bucket at token i; returns true when fn stopped. */
static bool match_bucket(const struct bucket *b, const struct token_list *tl, size_t i, phrase_match_fn fn,
                         void *userdata)
{
        for (size_t k = 0; b && k < b->n; k++) {
                const struct phrase *p = b->v[k];
                size_t end;

                if (p->exact_case && !tl->v[i].all_caps)
                        continue;
                end = match_from(p, 0, tl, i);
                if (end && fn(p, i, end, userdata))
                        return true;
        }
        return false;
}

void phrase_table_match(const struct phrase_table *t, const struct token_list *tl, const char *text, size_t i,
                        phrase_match_fn fn, void *userdata)
{
        (void)text;
        if (i >= tl->n) /* none past the end */
                return;
        if (match_bucket(token_map_norm(t->by_first, tl, i), tl, i, fn, userdata))
                return;
        if (t->by_lemma && tl->v[i].lemma != tl->v[i].norm)
                match_bucket(token_map_lemma(t->by_first, tl, i), tl, i, fn, userdata);
}

struct longest {
        const struct phrase *p;
        size_t end;
};

static bool take_first(const struct phrase *p, size_t start, size_t end, void *userdata)
{
        struct longest *l = userdata;

        (void)start;
        if (!l->p || end > l->end) {
                l->p = p;
                l->end = end;
        }
        return false;
}

const struct phrase *phrase_table_longest(const struct phrase_table *t, const struct token_list *tl,
                                          const char *text, size_t i, size_t *end)
{
        struct longest l = { 0 };

        phrase_table_match(t, tl, text, i, take_first, &l);
        if (l.p)
                *end = l.end;
        return l.p;
}
