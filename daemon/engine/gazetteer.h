/* The gazetteer: canonical actors (people, states, governments, courts, groups,
 * places) with their aliases and metonyms, loaded from events/gazetteer.txt. */
#ifndef HERALD_GAZETTEER_H
#define HERALD_GAZETTEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "internal/parse-error.h"
#include "token.h"

/* What an entity is; named in the data and on the wire by entity_type_name(). */
enum entity_type {
        ENTITY_UNSET, ENTITY_PERSON, ENTITY_STATE, ENTITY_GOVERNMENT, ENTITY_IGO, ENTITY_NGO,
        ENTITY_ORGANIZATION, ENTITY_STATES, ENTITY_PLACE, ENTITY_DOCUMENT, N_ENTITY_TYPES
};

const char *entity_type_name(enum entity_type t);

struct entity {
        char *name;
        enum entity_type type;
        char country[4]; /* ISO 3166-1 alpha-3, "" when none */
        char *title;     /* person's role, NULL when none */
        char *tags;      /* space-separated words rules can select on ("court"), "" when none */
        bool discovered; /* found by a title pattern, not listed in the gazetteer */
};

struct gazetteer;

int gazetteer_load(const char *path, struct gazetteer **ret, struct parse_error *err);
void gazetteer_free(struct gazetteer *g);

/* The entity named at token i (longest alias); returns its end token or 0.
 * *contextual is set for aliases such as "the Court" that only count once the
 * entity itself has been named. */
size_t gazetteer_match(const struct gazetteer *g, const struct token_list *tl, const char *text, size_t i,
                       const struct entity **ret, bool *contextual);

#define GAZETTEER_FILTER_WORDS 256 /* 64-bit words of a word filter: 16 384 bits, 2 KiB */

/* Which words a table holds, as two bits of each word's strmap_hash() (the
 * hash a token carries): a word missing either bit is in no table, and is not
 * looked up. Most words of a text start no alias and are no demonym; with a
 * few thousand words in a filter a few in a hundred others get through. */
struct gazetteer_filter {
        uint64_t bits[GAZETTEER_FILTER_WORDS];
};

/* What gazetteer_match() and gazetteer_demonym_at() ask first, in the header
 * so that a finder asking at each word tests them inline (gazetteer_may_at). */
struct gazetteer_filters {
        struct gazetteer_filter alias_firsts;  /* the words an alias starts with */
        struct gazetteer_filter alias_alone;   /* those of them that start an alias of one word, or one
                                                  whose second word is no plain word (a gap, a lemma) */
        struct gazetteer_filter alias_pairs;   /* an alias's first two words, gazetteer_pair_hash() of them */
        struct gazetteer_filter demonym_words; /* demonyms and the words that open one of two */
        bool aliases_by_lemma;                 /* the alias table matches lemmas: it is asked at every word */
};

const struct gazetteer_filters *gazetteer_filters(const struct gazetteer *g);

static inline bool gazetteer_filter_has(const struct gazetteer_filter *f, uint64_t hash)
{
        return (f->bits[(hash >> 6) % GAZETTEER_FILTER_WORDS] >> (hash & 63) & 1) &&
               (f->bits[(hash >> 38) % GAZETTEER_FILTER_WORDS] >> ((hash >> 32) & 63) & 1);
}

/* Two words' hashes as one, for the filter of an alias's first two words. */
static inline uint64_t gazetteer_pair_hash(uint64_t first, uint64_t second)
{
        uint64_t h = (first ^ (second * 0x9e3779b97f4a7c15ull)) * 0xff51afd7ed558ccdull;

        return h ^ (h >> 29);
}

/* What gazetteer_match() and gazetteer_demonym_at() may find at token i (i <
 * tl->n), by their filters: where a bit is clear, they find nothing. */
#define GAZETTEER_MAY_ALIAS 1u   /* an alias may start here */
#define GAZETTEER_MAY_DEMONYM 2u /* a demonym may start here */

static inline unsigned gazetteer_may_at(const struct gazetteer_filters *f, const struct token_list *tl, size_t i)
{
        uint64_t h = tl->v[i].norm_hash;
        unsigned may = 0;

        if (f->aliases_by_lemma ||
            (gazetteer_filter_has(&f->alias_firsts, h) &&
             (gazetteer_filter_has(&f->alias_alone, h) ||
              (i + 1 < tl->n && gazetteer_filter_has(&f->alias_pairs, gazetteer_pair_hash(h, tl->v[i + 1].norm_hash))))))
                may = GAZETTEER_MAY_ALIAS;
        if (tl->v[i].kind == TOKEN_WORD && gazetteer_filter_has(&f->demonym_words, h))
                may |= GAZETTEER_MAY_DEMONYM;
        return may;
}

/* The entity of type `type` ("state") whose country is `country`, or NULL. */
const struct entity *gazetteer_find_country(const struct gazetteer *g, enum entity_type type, const char *country);

/* The entity whose adjective ("Ukrainian") is the word at token i, or NULL. */
const struct entity *gazetteer_demonym(const struct gazetteer *g, const char *word);

/* The entity whose adjective of one or two words ("Costa Rican") starts at
 * token i, its length in *len; NULL when none. */
const struct entity *gazetteer_demonym_at(const struct gazetteer *g, const struct token_list *tl, size_t i,
                                          size_t *len);

/* The tags every entity shares whose name has `word` for head ("court" for
 * "Court": "International Criminal Court", "European Court of Human Rights"),
 * or NULL when no entity has that head, or they differ, or have none. */
const char *gazetteer_head_tags(const struct gazetteer *g, const char *word, size_t len);

/* Whether tag (n = its strlen; words: it holds a space) is one of e's tags,
 * or a run of them ("a b"), or e's type's name. */
bool entity_has_tagn(const struct entity *e, const char *tag, size_t n, bool words);
/* Inline, as the two below: the callers' tags are mostly literals, whose
 * length the compiler knows, and they are asked of every entity named of late. */
static inline bool entity_has_tag(const struct entity *e, const char *tag)
{
        return entity_has_tagn(e, tag, strlen(tag), strchr(tag, ' ') != NULL);
}

/* entity_has_tag(e, "capital"), asked of nearly every name found, pair member
 * and role candidate: an entity without tags (a state, most named) has none,
 * since no type is named "capital" (test_mention_paths checks both). */
static inline bool entity_is_capital(const struct entity *e)
{
        return e->tags[0] && entity_has_tag(e, "capital");
}

static inline bool entity_is_place(const struct entity *e) { return e->type == ENTITY_PLACE; }

static inline bool entity_is_type(const struct entity *e, enum entity_type type) { return e->type == type; }

#endif
