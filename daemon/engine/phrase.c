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
#include "phrase_match.h"
#include "strmap.h"
#include "token.h"

struct phrase_table {
        struct phrase_first_ first; /* first: phrase_table_may() reads it through the header */
        struct strmap *by_first; /* first word (its lemma for "visit/v") -> bucket */
        bool by_lemma;           /* some phrase starts with a lemma: look tokens up by theirs too */
        struct phrase **all;
        size_t n_all, cap_all;
        struct token_list scratch; /* the phrase being added, split: reused, not grown per phrase */
        struct phrase_trie trie;   /* the buckets' tries */
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
        struct phrase_bucket *b = value;

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
        for (size_t i = 0; i < t->n_all; i++)
                free(t->all[i]); /* its words, parts of speech and bytes live in the same block */
        free(t->all);
        token_list_done(&t->scratch);
        phrase_trie_done(&t->trie);
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

/* Whether tokens i..i+2 are "...", which the tokenizer sees as three dots: a gap. */
static bool is_gap(const struct token_list *tl, size_t i)
{
        return token_is(tl, i, ".") && i + 2 < tl->n && token_is(tl, i + 1, ".") && token_is(tl, i + 2, ".");
}

/* Walks the split phrase once: each word's text ("..." for a gap), its part of
 * speech bits, and how many tokens it took. Returns -EINVAL for an unknown
 * part of speech. */
static int next_word(const struct token_list *tl, size_t i, const char **word, unsigned char *pos, size_t *used)
{
        int bits = pos_suffix(tl, i);

        if (bits < 0)
                return -EINVAL;
        *pos = (unsigned char)bits;
        *word = is_gap(tl, i) ? "..." : token_norm(tl, i);
        *used = is_gap(tl, i) ? 3 : 1;
        if (bits)
                *used += 2;
        return 0;
}

/* A word as the matcher reads it: its kind, and its length and hash, which a
 * token's form or lemma is compared by before its bytes. */
static void compile_word(struct phrase_word *c, const char *text, size_t len, unsigned char pos)
{
        c->text = text;
        c->len = (uint32_t)len;
        c->hash = strmap_hash(text, len);
        c->pos = pos;
        /* by length and bytes, not strcmp: thousands of words at start */
        if (len == 1 && text[0] == '~')
                c->kind = PHRASE_QUIET_GAP;
        else if (len == 3 && text[0] == '.' && text[1] == '.' && text[2] == '.')
                c->kind = PHRASE_ANY_GAP;
        else
                c->kind = pos ? PHRASE_LEMMA : PHRASE_FORM;
}

static void compile_words(struct phrase *p)
{
        for (size_t w = 0; w < p->n_words; w++)
                compile_word(&p->compiled[w], p->words[w], strlen(p->words[w]), p->pos[w]);
}

/* Splits the phrase into words the way the tokenizer would split the text,
 * into one block: the phrase, its word pointers, their parts of speech and
 * their bytes (thousands of phrases load at start; one allocation each). */
static int phrase_new_split(struct phrase_table *t, const char *text, struct phrase **out)
{
        struct token_list *tl = &t->scratch;
        size_t caps = 0, used;
        struct phrase *p;
        char *dst;
        int r = token_split(text, strlen(text), tl);

        if (r < 0)
                return r;
        /* at most a word per token, and no word longer than its tokens' bytes in
         * the pool ("..." is 4 bytes of the dots' 6): sized once, one pass */
        p = calloc(1, sizeof(*p) + (tl->n ? tl->n : 1) * (sizeof(struct phrase_word) + sizeof(char *) + 1) +
                              tl->pool_len);
        if (!p)
                return -ENOMEM;
        p->compiled = (struct phrase_word *)(p + 1);
        p->words = (char **)(p->compiled + (tl->n ? tl->n : 1));
        p->pos = (unsigned char *)(p->words + (tl->n ? tl->n : 1));
        dst = (char *)(p->pos + (tl->n ? tl->n : 1));
        for (size_t i = 0; i < tl->n; i += used) {
                const char *word;
                size_t len;

                if (next_word(tl, i, &word, &p->pos[p->n_words], &used) < 0) {
                        free(p);
                        return -EINVAL;
                }
                len = strlen(word) + 1;
                p->words[p->n_words++] = memcpy(dst, word, len);
                dst += len;
                /* the word's own token (the dots of a gap: the last one) */
                caps += tl->v[i + (used == 3 && !p->pos[p->n_words - 1] ? 2 : 0)].all_caps;
        }
        p->exact_case = tl->n == 1 && caps == 1;
        compile_words(p);
        *out = p;
        return 0;
}

/* A word of a plain phrase: ASCII letters and digits, then optionally a part
 * of speech "/n", "/v", "/a" or "/r". Its letters and digits are copied to dst
 * lower-cased as they are read, then a NUL (*copied of them). Returns its
 * length in s (0: not one), with *pos and *caps (written in capitals, as the
 * tokenizer's all_caps: two letters or more, all upper-case). */
static size_t plain_word(const char *s, char *dst, size_t *copied, unsigned char *pos, bool *caps)
{
        size_t n = 0, upper = 0, lower = 0;

        for (;; n++) {
                char c = s[n];

                if (c >= 'A' && c <= 'Z')
                        upper++, c = (char)(c - 'A' + 'a');
                else if (c >= 'a' && c <= 'z')
                        lower++;
                else if (!(c >= '0' && c <= '9'))
                        break;
                dst[n] = c;
        }
        dst[n] = '\0';
        *copied = n;
        *caps = upper + lower >= 2 && lower == 0;
        *pos = 0;
        if (n && s[n] == '/') {
                char c = s[n + 1];
                unsigned char bit = c == 'n' ? PHRASE_NOUN : c == 'v' ? PHRASE_VERB : c == 'a' ? PHRASE_ADJ
                                  : c == 'r' ? PHRASE_ADV : 0;

                if (bit && (s[n + 2] == ' ' || !s[n + 2])) {
                        *pos = bit;
                        n += 2;
                }
        }
        return n && (s[n] == ' ' || !s[n]) ? n : 0;
}

/* The phrase split without the tokenizer when it is plain: words as above,
 * "..." and "~" alone, one or more spaces between them. What the tokenizer
 * would make of such a text is known: each word one token (lower-cased), each
 * "/x" two more, a gap three dots; most of the codebook's thousands of
 * phrases are plain, and splitting them was a third of loading it. One pass
 * over the text classifies, copies and compiles each word. Returns 1 with
 * *out, 0 when the text is not plain (the tokenizer splits it), or -ENOMEM. */
static int phrase_new_plain(const char *text, struct phrase **out)
{
        size_t len = strlen(text), n_items = 1, tokens = 0, caps = 0, k = 0;
        struct phrase *p;
        char *dst;

        for (size_t i = 0; i < len; i++)
                n_items += text[i] == ' ';
        /* malloc, not calloc: every word's entries are written below and
         * nothing reads past n_words, so only the header needs zeroing */
        if (!(p = malloc(sizeof(*p) + n_items * (sizeof(struct phrase_word) + sizeof(char *) + 1) + len + n_items + 4)))
                return -ENOMEM;
        *p = (struct phrase){ 0 };
        p->compiled = (struct phrase_word *)(p + 1);
        p->words = (char **)(p->compiled + n_items);
        p->pos = (unsigned char *)(p->words + n_items);
        dst = (char *)(p->pos + n_items);
        for (size_t i = 0; i < len;) {
                const char *t = text + i;
                size_t n = 0, copy = 0;
                bool word_caps = false;

                if (*t == ' ') {
                        i++;
                        continue;
                }
                p->pos[k] = 0;
                if (t[0] == '.' && t[1] == '.' && t[2] == '.' && (t[3] == ' ' || !t[3]))
                        memcpy(dst, "...", 4), n = copy = 3, tokens += 3;
                else if (t[0] == '~' && (t[1] == ' ' || !t[1]))
                        memcpy(dst, "~", 2), n = copy = 1, tokens += 1;
                else if ((n = plain_word(t, dst, &copy, &p->pos[k], &word_caps)))
                        tokens += p->pos[k] ? 3 : 1, caps += word_caps;
                if (!n) {
                        free(p);
                        return 0;
                }
                p->words[k] = dst;
                compile_word(&p->compiled[k], dst, copy, p->pos[k]);
                k++;
                dst += copy + 1;
                i += n;
        }
        p->n_words = k;
        p->exact_case = tokens == 1 && caps == 1;
        *out = p;
        return 1;
}

int phrase_compile(struct phrase_table *t, const char *text, bool plain, struct phrase **out)
{
        int r = plain ? phrase_new_plain(text, out) : 0;

        return r ? r : phrase_new_split(t, text, out);
}

static int bucket_add(struct phrase_table *t, struct phrase *p)
{
        struct phrase_bucket *b = strmap_get(t->by_first, p->words[0]);
        struct phrase **v;
        size_t i;

        if (!b) {
                if (!(b = calloc(1, sizeof(*b))) || strmap_put(t->by_first, p->words[0], b) < 0) {
                        free(b);
                        return -ENOMEM;
                }
        }
        t->first.bits[phrase_first_bit_(p->compiled[0].hash) / 64] |= 1ull << (phrase_first_bit_(p->compiled[0].hash) % 64);
        if (GREEDY_REALLOC(b->v, b->cap, b->n + 1) < 0)
                return -ENOMEM;
        v = b->v;
        for (i = b->n; i > 0 && v[i - 1]->n_words < p->n_words; i--)
                v[i] = v[i - 1];
        v[i] = p;
        b->n++;
        return phrase_trie_add(&t->trie, b, p);
}

/* The trie's arrays grow by doubling (phrase_match.c), each step a copy into
 * memory touched for the first time; the two large tables (the gazetteer's
 * aliases, the rules' triggers: about 2 400 nodes each) took eight of them
 * at start. Past TRIE_SMALL nodes a table gets room for TRIE_ROOM at once: a
 * block that large is mapped on its own (the codebook loads with glibc's
 * default thresholds) or cut from the heap's untouched top, and its pages are
 * faulted in only as nodes are written, so the room left costs address
 * space, not memory. */
#define TRIE_SMALL 256
#define TRIE_ROOM 8192

static int trie_room(struct phrase_trie *tr, size_t more)
{
        struct phrase_node *v;

        if (tr->cap_nodes < TRIE_SMALL || tr->cap_nodes >= TRIE_ROOM || tr->n_nodes + more <= tr->cap_nodes)
                return 0;
        if (!(v = realloc(tr->nodes, TRIE_ROOM * sizeof(*v))))
                return -ENOMEM;
        tr->nodes = v;
        tr->cap_nodes = TRIE_ROOM;
        return 0;
}

int phrase_table_add(struct phrase_table *t, const char *text, void *value)
{
        struct phrase *p = NULL;
        int r;

        if (GREEDY_REALLOC(t->all, t->cap_all, t->n_all + 1) < 0)
                return -ENOMEM;
        r = phrase_compile(t, text, true, &p);
        if (r < 0)
                return r;
        t->all[t->n_all++] = p; /* owned from here on, even if the rest fails */
        p->value = value;
        if (p->n_words == 0)
                return -EINVAL;
        if (strcmp(p->words[0], "...") == 0 || strcmp(p->words[0], "~") == 0)
                return -EINVAL;
        t->by_lemma = t->by_lemma || p->pos[0];
        if ((r = trie_room(&t->trie, p->n_words + 2)) < 0) /* a root and a node a word, at most */
                return r;
        return bucket_add(t, p);
}

int phrase_table_foreach_first(const struct phrase_table *t, int (*fn)(const char *word, void *value, void *userdata),
                               void *userdata)
{
        return strmap_foreach_key(t->by_first, fn, userdata);
}

bool phrase_table_by_lemma(const struct phrase_table *t)
{
        return t->by_lemma;
}

/* phrase_table_match() past the filter: the buckets of the token's form and
 * lemma, each looked up and walked unless the word after the first rules all
 * its phrases out (by the pair bits before the look-up, by the bucket's own
 * after). Out of line, so that the filter's common "no" saves no registers. */
static __attribute__((noinline)) void table_match(const struct phrase_table *t, const struct token_list *tl, size_t i,
                                                  phrase_match_fn fn, void *userdata)
{
        const struct phrase_bucket *b;
        const struct token *tk = &tl->v[i];

        if (phrase_first_has_(&t->first, tk->norm_hash) && phrase_pair_may(&t->trie, tk->norm_hash, tl, i) &&
            (b = token_map_norm(t->by_first, tl, i)) && phrase_bucket_may(b, tl, i) &&
            phrase_bucket_match(&t->trie, b, tl, i, fn, userdata))
                return;
        if (t->by_lemma && tk->lemma != tk->norm && phrase_first_has_(&t->first, tk->lemma_hash) &&
            phrase_pair_may(&t->trie, tk->lemma_hash, tl, i) && (b = token_map_lemma(t->by_first, tl, i)) &&
            phrase_bucket_may(b, tl, i))
                phrase_bucket_match(&t->trie, b, tl, i, fn, userdata);
}

void phrase_table_match(const struct phrase_table *t, const struct token_list *tl, const char *text, size_t i,
                        phrase_match_fn fn, void *userdata)
{
        (void)text;
        if (phrase_table_may(t, tl, i)) /* none past the end, nor at most tokens */
                table_match(t, tl, i, fn, userdata);
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
