/* Loading and querying the gazetteer. Each "[entity Name]" section lists type,
 * country, title, tags, aliases and contextual aliases; every alias goes into one
 * phrase table, so recognising actors is one longest-match per token. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "datafile.h"
#include "strcopy.h"
#include "internal/alloc.h"
#include "gazetteer.h"
#include "phrase.h"
#include "strmap.h"

static const char *const entity_types[N_ENTITY_TYPES] = {
        [ENTITY_UNSET] = NULL,           [ENTITY_PERSON] = "person", [ENTITY_STATE] = "state",
        [ENTITY_GOVERNMENT] = "government", [ENTITY_IGO] = "igo",       [ENTITY_NGO] = "ngo",
        [ENTITY_ORGANIZATION] = "organization", [ENTITY_STATES] = "states", [ENTITY_PLACE] = "place",
        [ENTITY_DOCUMENT] = "document",
};

const char *entity_type_name(enum entity_type t)
{
        return t > ENTITY_UNSET && t < N_ENTITY_TYPES ? entity_types[t] : "unknown";
}

/* An alias points at its entity; the low bit of the value marks a contextual one. */
struct gazetteer {
        struct entity **v;
        size_t n, cap;
        struct phrase_table *aliases;
        struct strmap *demonyms; /* lower-case adjective -> entity */
        struct strmap *states;   /* country code -> the first state entity of it (hot: actors act for their state) */
        struct strmap *demonym_firsts; /* "costa" of "costa rican": only these words are joined to the next */
        struct strmap *heads;          /* lower-case head word -> gazetteer_head_tags' answer (or no_tags) */
        struct gazetteer_filters filters; /* gazetteer.h: the words aliases and demonyms start with */
};

#define HEAD_MAX 128 /* a head word longer is looked for entity by entity */

static const char no_tags[] = ""; /* a head whose entities have no tags, or differ in them */

static int filter_alias(struct gazetteer *g, const char *text);

static int new_entity(struct gazetteer *g, const char *name, unsigned line, struct parse_error *err)
{
        struct entity *e;
        int r;

        if (!*name)
                return parse_error_set(err, line, 1, "entity without a name");
        if (GREEDY_REALLOC(g->v, g->cap, g->n + 1) < 0 || !(e = calloc(1, sizeof(*e))))
                return -ENOMEM;
        g->v[g->n++] = e;
        e->name = strdup(name);
        e->tags = strdup("");
        if (!e->name || !e->tags)
                return -ENOMEM;
        r = phrase_table_add(g->aliases, name, e);
        return r < 0 ? r : filter_alias(g, name);
}

static int set_type(struct entity *e, const char *value, unsigned line, struct parse_error *err)
{
        for (size_t i = ENTITY_UNSET + 1; i < N_ENTITY_TYPES; i++)
                if (strcmp(value, entity_types[i]) == 0) {
                        e->type = (enum entity_type)i;
                        return 0;
                }
        return parse_error_set(err, line, 1, "unknown type '%s' (person, state, government, igo, ngo, "
                                             "organization, states, place, document)", value);
}

static int set_country(struct entity *e, const char *value, unsigned line, struct parse_error *err)
{
        if (strlen(value) != 3 || value[0] < 'A' || value[0] > 'Z' || value[1] < 'A' || value[1] > 'Z' ||
            value[2] < 'A' || value[2] > 'Z')
                return parse_error_set(err, line, 1, "country must be an ISO 3166-1 alpha-3 code, not '%s'", value);
        memcpy(e->country, value, 4);
        return 0;
}

static int add_aliases(struct gazetteer *g, struct entity *e, const char *value, bool contextual,
                       unsigned line, struct parse_error *err)
{
        char buf[2048], *items[64];
        size_t n;

        str_copy_cut(buf, sizeof(buf), value);
        n = datafile_split(buf, '|', items, 64);
        for (size_t i = 0; i < n; i++)
                if (phrase_table_add(g->aliases, items[i], (void *)((uintptr_t)e | contextual)) < 0 ||
                    filter_alias(g, items[i]) < 0)
                        return parse_error_set(err, line, 1, "cannot add alias '%s'", items[i]);
        return 0;
}

static int add_demonyms(struct gazetteer *g, struct entity *e, const char *value)
{
        char buf[1024], *items[32];
        size_t n;

        str_copy_cut(buf, sizeof(buf), value);
        n = datafile_split(buf, '|', items, 32);
        for (size_t i = 0; i < n; i++) {
                for (char *p = items[i]; *p; p++)
                        if (*p >= 'A' && *p <= 'Z')
                                *p = (char)(*p - 'A' + 'a');
                if (strmap_put(g->demonyms, items[i], e) < 0)
                        return -ENOMEM;
        }
        return 0;
}

static int replace_string(char **slot, const char *value)
{
        char *s = strdup(value);

        if (!s)
                return -ENOMEM;
        free(*slot);
        *slot = s;
        return 0;
}

static int set_field(struct gazetteer *g, struct entity *e, const struct datafile_entry *d, struct parse_error *err)
{
        /* by the key's first letter, then its name: thousands of lines at start */
        switch (d->key[0]) {
        case 't':
                if (strcmp(d->key, "type") == 0)
                        return set_type(e, d->value, d->line, err);
                if (strcmp(d->key, "title") == 0)
                        return replace_string(&e->title, d->value);
                if (strcmp(d->key, "tags") == 0)
                        return replace_string(&e->tags, d->value);
                break;
        case 'c':
                if (strcmp(d->key, "country") == 0)
                        return set_country(e, d->value, d->line, err);
                if (strcmp(d->key, "context-alias") == 0)
                        return add_aliases(g, e, d->value, true, d->line, err);
                break;
        case 'a':
                if (strcmp(d->key, "alias") == 0)
                        return add_aliases(g, e, d->value, false, d->line, err);
                if (strcmp(d->key, "adjective") == 0)
                        return add_demonyms(g, e, d->value);
                break;
        }
        return parse_error_set(err, d->line, 1, "unknown key '%s'", d->key);
}

static int on_entry(void *userdata, const struct datafile_entry *d, struct parse_error *err)
{
        struct gazetteer *g = userdata;

        if (strcmp(d->section, "entity") != 0)
                return parse_error_set(err, d->line, 1, "expected '[entity Name]', not '[%s]'", d->section);
        if (!d->key)
                return new_entity(g, d->section_arg, d->line, err);
        return set_field(g, g->v[g->n - 1], d, err);
}

/* Every entity needs a type: the rules select actors by it. */
static int check_complete(const struct gazetteer *g, struct parse_error *err)
{
        for (size_t i = 0; i < g->n; i++)
                if (g->v[i]->type == ENTITY_UNSET)
                        return parse_error_set(err, 0, 0, "entity '%s' has no type", g->v[i]->name);
        return 0;
}

static void filter_add(struct gazetteer_filter *f, uint64_t hash)
{
        f->bits[(hash >> 6) % GAZETTEER_FILTER_WORDS] |= (uint64_t)1 << (hash & 63);
        f->bits[(hash >> 38) % GAZETTEER_FILTER_WORDS] |= (uint64_t)1 << ((hash >> 32) & 63);
}

#define PLAIN_MAX 48 /* a plain word longer is left to the phrase compiler */

/* The length of the word of ASCII letters at s (0 when none, or too long),
 * lower-cased into buf: as the tokenizer splits and lower-cases it. */
static size_t plain_word(const char *s, char buf[PLAIN_MAX])
{
        size_t n = 0;

        for (; (s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'); n++) {
                if (n == PLAIN_MAX)
                        return 0;
                buf[n] = (char)(s[n] | 0x20);
        }
        return n;
}

/* Registers alias text's first two words as the phrase table compiled them:
 * most aliases opening with "the" or "republic" are then passed over at a
 * word whose next word opens none of them. Words of letters alone, a space
 * after, are hashed here; the compiler (the table's cost again) splits only
 * an alias whose first word has other characters ("U.S.", "al-Sisi"). */
static int filter_alias(struct gazetteer *g, const char *text)
{
        char one[PLAIN_MAX], two[PLAIN_MAX];
        size_t a = plain_word(text, one), b = a && text[a] == ' ' ? plain_word(text + a + 1, two) : 0;
        struct phrase *p = NULL;
        int r;

        uint64_t first;

        if (a && (!text[a] || text[a] == ' ')) {
                filter_add(&g->filters.alias_firsts, first = strmap_hash(one, a));
                if (b && (!text[a + 1 + b] || text[a + 1 + b] == ' '))
                        filter_add(&g->filters.alias_pairs, gazetteer_pair_hash(first, strmap_hash(two, b)));
                else /* one word, or a second not split here ("U.S."): the first alone lets it through */
                        filter_add(&g->filters.alias_alone, first);
                return 0;
        }
        if ((r = phrase_compile(g->aliases, text, true, &p)) < 0)
                return r;
        if (p->n_words) /* the word the table files it under (its lemma for "visit/v") */
                filter_add(&g->filters.alias_firsts, p->compiled[0].hash);
        if (p->n_words >= 2 && p->compiled[0].kind == PHRASE_FORM && p->compiled[1].kind == PHRASE_FORM)
                filter_add(&g->filters.alias_pairs, gazetteer_pair_hash(p->compiled[0].hash, p->compiled[1].hash));
        else if (p->n_words)
                filter_add(&g->filters.alias_alone, p->compiled[0].hash);
        free(p);
        return 0;
}

/* Whether an alias may start at token i (i < tl->n): no more than the table
 * would find, so none is missed. */
static inline bool alias_may_start(const struct gazetteer *g, const struct token_list *tl, size_t i)
{
        return gazetteer_may_at(&g->filters, tl, i) & GAZETTEER_MAY_ALIAS;
}

static int filter_key(const char *key, void *value, void *userdata)
{
        (void)value;
        filter_add(userdata, strmap_hash(key, strlen(key)));
        return 0;
}

/* The demonyms' filter (gazetteer_demonym_at); the aliases' are filled as they are added (filter_alias). */
static int index_filters(struct gazetteer *g)
{
        int r = strmap_foreach_key(g->demonyms, filter_key, &g->filters.demonym_words);

        g->filters.aliases_by_lemma = phrase_table_by_lemma(g->aliases);
        if (r >= 0)
                r = strmap_foreach_key(g->demonym_firsts, filter_key, &g->filters.demonym_words);
        return r;
}

static int add_first_word(const char *key, void *value, void *userdata)
{
        char word[128];
        size_t n = strcspn(key, " ");

        (void)value;
        if (!key[n] || n >= sizeof(word))
                return 0; /* one word; or too long to be joined (join_two) */
        memcpy(word, key, n);
        word[n] = '\0';
        return strmap_get(userdata, word) || strmap_put(userdata, word, (void *)key) >= 0 ? 0 : -ENOMEM;
}

static void name_head(const char *name, const char **head, size_t *len);

/* The lower-case head of entity e's name in key; false when it has none or a
 * longer one (looked for entity by entity). */
static bool head_key(const struct entity *e, char key[HEAD_MAX])
{
        const char *head;
        size_t n;

        name_head(e->name, &head, &n);
        if (!head || n >= HEAD_MAX)
                return false;
        for (size_t k = 0; k < n; k++)
                key[k] = (char)(head[k] >= 'A' && head[k] <= 'Z' ? head[k] - 'A' + 'a' : head[k]);
        key[n] = '\0';
        return true;
}

/* gazetteer_head_tags' answer for each head word of a tagged entity: the tags
 * all entities of that head share (the last one's, as its search returns),
 * none when one has no tags or others. A head no tagged entity has answers
 * none without an entry: the index stays small, built at every start. */
static int index_heads(struct gazetteer *g)
{
        char key[HEAD_MAX];

        for (size_t i = 0; i < g->n; i++) {
                const char *tags;

                if (!*g->v[i]->tags || !head_key(g->v[i], key) || (tags = strmap_get(g->heads, key)) == no_tags)
                        continue;
                tags = tags && strcmp(tags, g->v[i]->tags) != 0 ? no_tags : g->v[i]->tags;
                if (strmap_put(g->heads, key, (void *)tags) < 0)
                        return -ENOMEM;
        }
        for (size_t i = 0; i < g->n; i++)
                if (!*g->v[i]->tags && head_key(g->v[i], key) && strmap_get(g->heads, key) &&
                    strmap_put(g->heads, key, (void *)no_tags) < 0)
                        return -ENOMEM;
        return 0;
}

/* The look-ups every word asks, made cheap once loaded: the state of each
 * country (the first listed, as a linear search found it), and the words
 * that open a demonym of two. */
static int index_lookups(struct gazetteer *g)
{
        if (!(g->states = strmap_new()) || !(g->demonym_firsts = strmap_new()) || !(g->heads = strmap_new()) ||
            index_heads(g) < 0)
                return -ENOMEM;
        for (size_t i = 0; i < g->n; i++)
                if (g->v[i]->type == ENTITY_STATE && g->v[i]->country[0] && !strmap_get(g->states, g->v[i]->country) &&
                    strmap_put(g->states, g->v[i]->country, g->v[i]) < 0)
                        return -ENOMEM;
        if (strmap_foreach_key(g->demonyms, add_first_word, g->demonym_firsts) < 0)
                return -ENOMEM;
        return index_filters(g);
}

int gazetteer_load(const char *path, struct gazetteer **ret, struct parse_error *err)
{
        struct gazetteer *g = calloc(1, sizeof(*g));
        int r;

        if (!g || !(g->aliases = phrase_table_new()) || !(g->demonyms = strmap_new())) {
                gazetteer_free(g);
                return -ENOMEM;
        }
        r = datafile_parse(path, on_entry, g, err);
        if (r >= 0)
                r = check_complete(g, err);
        if (r >= 0)
                r = index_lookups(g);
        if (r < 0) {
                gazetteer_free(g);
                return r;
        }
        *ret = g;
        return 0;
}

void gazetteer_free(struct gazetteer *g)
{
        if (!g)
                return;
        for (size_t i = 0; i < g->n; i++) {
                free(g->v[i]->name);
                free(g->v[i]->title);
                free(g->v[i]->tags);
                free(g->v[i]);
        }
        free(g->v);
        phrase_table_free(g->aliases);
        strmap_free(g->demonyms);
        strmap_free(g->states);
        strmap_free(g->demonym_firsts);
        strmap_free(g->heads);
        free(g);
}

size_t gazetteer_match(const struct gazetteer *g, const struct token_list *tl, const char *text, size_t i,
                       const struct entity **ret, bool *contextual)
{
        size_t end;
        const struct phrase *p;

        if (i >= tl->n || !alias_may_start(g, tl, i))
                return 0;
        if (!(p = phrase_table_longest(g->aliases, tl, text, i, &end)))
                return 0;
        *ret = (const struct entity *)((uintptr_t)p->value & ~(uintptr_t)1);
        *contextual = (uintptr_t)p->value & 1;
        return end;
}

const struct gazetteer_filters *gazetteer_filters(const struct gazetteer *g)
{
        return &g->filters;
}

const struct entity *gazetteer_find_country(const struct gazetteer *g, enum entity_type type, const char *country)
{
        if (type == ENTITY_STATE && country[0])
                return strmap_get(g->states, country);
        for (size_t i = 0; i < g->n; i++)
                if (g->v[i]->type == type && g->v[i]->country[0] == country[0] && strcmp(g->v[i]->country, country) == 0)
                        return g->v[i];
        return NULL;
}

const struct entity *gazetteer_demonym(const struct gazetteer *g, const char *word)
{
        return strmap_get(g->demonyms, word);
}

/* "token_i token_i+1" in buf, its length; 0 if it does not fit (no snprintf: hot). */
static size_t join_two(const struct token_list *tl, size_t i, char *buf, size_t cap)
{
        size_t a = tl->v[i].norm_len, b = tl->v[i + 1].norm_len;

        if (a + 1 + b >= cap)
                return 0;
        memcpy(buf, token_norm(tl, i), a);
        buf[a] = ' ';
        memcpy(buf + a + 1, token_norm(tl, i + 1), b);
        return a + 1 + b;
}

const struct entity *gazetteer_demonym_at(const struct gazetteer *g, const struct token_list *tl, size_t i,
                                          size_t *len)
{
        const struct entity *e;
        char two[128];
        size_t n;

        if (i >= tl->n || tl->v[i].kind != TOKEN_WORD)
                return NULL;
        if (!gazetteer_filter_has(&g->filters.demonym_words, tl->v[i].norm_hash)) { /* neither a demonym nor opening one */
                *len = 1;
                return NULL;
        }
        if (i + 1 < tl->n && tl->v[i + 1].kind == TOKEN_WORD && token_map_norm(g->demonym_firsts, tl, i) &&
            (n = join_two(tl, i, two, sizeof(two))) &&
            (e = strmap_getn(g->demonyms, two, n))) {
                *len = 2;
                return e;
        }
        *len = 1;
        return token_map_norm(g->demonyms, tl, i);
}

/* The head word of a name: the word before its first "of", "for" or "on"
 * ("Court" of "European Court of Human Rights"), else its last word. */
static void name_head(const char *name, const char **head, size_t *len)
{
        const char *w = name, *prev = NULL;
        size_t prev_len = 0;

        while (*w) {
                size_t n = strcspn(w, " ");

                if (prev && ((n == 2 && (!strncmp(w, "of", 2) || !strncmp(w, "on", 2))) ||
                             (n == 3 && !strncmp(w, "for", 3))))
                        break;
                prev = w, prev_len = n;
                w += n + (w[n] == ' ');
        }
        *head = prev, *len = prev_len;
}

const char *gazetteer_head_tags(const struct gazetteer *g, const char *word, size_t len)
{
        const char *tags = NULL;
        char key[HEAD_MAX];

        if (len < HEAD_MAX) { /* as the search below answers, from the index */
                for (size_t k = 0; k < len; k++)
                        key[k] = (char)(word[k] >= 'A' && word[k] <= 'Z' ? word[k] - 'A' + 'a' : word[k]);
                tags = strmap_getn(g->heads, key, len);
                return tags == no_tags ? NULL : tags;
        }
        for (size_t i = 0; i < g->n; i++) { /* linear: asked only for a body named in the text */
                const char *head;
                size_t n;

                name_head(g->v[i]->name, &head, &n);
                if (!head || n != len || strncasecmp(head, word, len) != 0)
                        continue;
                if (!*g->v[i]->tags || (tags && strcmp(tags, g->v[i]->tags) != 0))
                        return NULL;
                tags = g->v[i]->tags;
        }
        return tags;
}

/* A tag of several words ("a b") is found as a search of the tags finds it,
 * across their words. */
static bool has_phrase_tag(const struct entity *e, const char *tag, size_t n)
{
        for (const char *p = e->tags; (p = strstr(p, tag)); p += n)
                if ((p == e->tags || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
                        return true;
        return false;
}

/* Word by word, not strstr: pairs and roles ask it of every entity named of
 * late. A word is compared only when its first letter is the tag's; the type's
 * name too ("after:person" selects by type). */
bool entity_has_tagn(const struct entity *e, const char *tag, size_t n, bool words)
{
        const char *type;

        if (!n) /* as a search for "" found it: at the start of the tags */
                return !e->tags[0] || e->tags[0] == ' ';
        if (words) {
                if (has_phrase_tag(e, tag, n))
                        return true;
        } else {
                for (const char *p = e->tags; *p;) {
                        if (*p == *tag && strncmp(p, tag, n) == 0 && (p[n] == ' ' || !p[n]))
                                return true;
                        while (*p && *p != ' ')
                                p++;
                        p += *p == ' ';
                }
        }
        type = entity_type_name(e->type);
        return *type == *tag && strcmp(type, tag) == 0;
}
