/* Event rules loaded from events/rules.txt: for each kind, its CAMEO code,
 * trigger phrases, where its actor and target are found, its default modality
 * and time, and the headline template. */
#ifndef HERALD_RULES_H
#define HERALD_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "internal/parse-error.h"
#include "phrase.h"

struct entity;

enum modality { MODALITY_NONE = -1, MODALITY_ASSERTED, MODALITY_NEGATED, MODALITY_PLANNED, MODALITY_HABITUAL,
                MODALITY_BACKGROUND, N_MODALITIES };

extern const char *const modality_names[N_MODALITIES];

/* Where a role is looked for, tried in the order written. */
enum role_source {
        ROLE_BEFORE,      /* the nearest actor before the trigger (and those joined to it by "and") */
        ROLE_AFTER,       /* the first actor after the trigger */
        ROLE_SUBJECT,     /* the first actor of the sentence */
        ROLE_HOST,        /* the host of the current visit */
        ROLE_VISITOR,     /* the visitor of the current visit */
        ROLE_GUEST_STATE, /* the state the visitor comes from */
        ROLE_PARTNER,     /* the other side of the visit from the actor */
        ROLE_TAGGED,      /* an actor with the tag, in the sentence or named earlier */
        ROLE_PREVIOUS,    /* the actor of the latest event of the same kind (an elliptical follow-on) */
        N_ROLE_SOURCES
};

/* "before | after:person | tagged:court": sources tried in order, each with an
 * optional filter (a type or tag the entity must have). */
struct role_spec {
        enum role_source src[6];
        char *filter[6]; /* NULL = any actor */
        size_t n;
};

enum when_default {
        WHEN_EPISODE,  /* the visit's time: as written in its paragraph, its day elsewhere */
        WHEN_PREVIOUS, /* the day of the latest dated event before it */
        WHEN_DCT,      /* the document date */
        WHEN_PAST,     /* PAST_REF */
        WHEN_FUTURE,   /* FUTURE_REF */
};

enum episode_mode { EPISODE_NONE, EPISODE_OPEN, EPISODE_FIRST /* only while none is open */ };

/* What a trigger phrase stands for: its rule, with optional overrides. */
struct trigger {
        struct rule *rule;
        char cameo[8];          /* "" = the rule's */
        enum modality modality; /* MODALITY_NONE = the rule's */
};

struct rule {
        char *kind;
        char cameo[8];
        enum modality modality;
        struct role_spec actor, target;
        bool location_from_target; /* with no place named, the target state is the location */
        enum when_default when;
        enum episode_mode episode; /* an arrival opens a visit: visitor = actor, host = target */
        bool passive_flips;        /* "X was greeted by Y": Y is the actor (default no) */
        bool fallback;      /* only when no other rule fired on the sentence */
        bool keep_negated;  /* a negated trigger is coded as negated, not dropped */
        bool needs_target;  /* no target found: no event ("host the summit" receives nobody) */
        bool needs_actor;   /* no actor found: no event ("Putin ordered" is no court's order) */
        bool needs_infinitive; /* no "to" + verb after it in its clause: no event ("called on X to act") */
        bool speaker_acts;  /* said inside a saying verb's complement: the speaker is the actor */
        bool skip_reported; /* said inside a saying verb's complement: no event, the saying is it */
        char *group;        /* at most one event per group and sentence */
        char **requires;    /* the sentence must contain some of these words ("econom*"), */
#define RULES_MAX_REQUIRES 128 /* at most this many */
        size_t n_requires, cap_requires;
        unsigned *requires_id; /* each one's id among the rules' required words (struct rules) */
        unsigned requires_at_least; /* how many of them (default 1) */
        bool requires_title; /* the title's count even with none in the sentence */
        char cue_cameo[8];  /* with one of cue_words in the sentence, this CAMEO code */
        char **cue_words;
        size_t n_cue_words, cap_cue_words;
        char *headline;     /* "{actor} arrives in {target}"; [...] dropped if a field is empty */
        struct entity *unnamed; /* the actor when none is found ("unspecified sanctioning states") */
        /* "planned-as = planned_visit": a planned event of this rule is coded as
         * that kind ("would travel to" is a planned visit); "background-as":
         * likewise for one told as background or undated past ("has designated") */
        char *planned_as_kind, *background_as_kind;
        const struct rule *planned_as, *background_as;
        /* "yields-to = appeal": the event gives way to one of these kinds by the
         * same actor in its sentence (a concern voiced is the appeal's reason) */
        char **yields_to;
        size_t n_yields_to, cap_yields_to;
        unsigned line;
        size_t order; /* position in the file: the rule's priority */
        /* Set by rules_index_required(): the order of the first rule of the
         * same kind, so that the coder compares kinds as numbers (it compares
         * an event's with those before it), and whether the kind is "statement" */
        size_t kind_id;
        bool statement;
};

/* "[family meeting]": words a trigger names at once as "@meeting/n". */
struct rule_family {
        char *name;
        char **words;
        size_t n, cap;
};

struct rules {
        struct rule **v;
        size_t n, cap;
        struct rule_family *fam;
        size_t n_fam, cap_fam;
        struct phrase_table *triggers; /* phrase -> struct trigger * */
        struct trigger **trig;
        size_t n_trig, cap_trig;
        /* Every rule's required words, each pattern once with an id, so that a
         * sentence's tokens are looked up once (hits.c) instead of compared with
         * every pattern of every rule: words by their form (id + 1), prefixes
         * ("econom*") by their first byte, those of [first[c], first[c + 1]). */
        size_t n_required;
        struct strmap *required_words;
        struct rules_prefix {
                const char *text; /* the pattern: its first len bytes */
                size_t len;
                unsigned id;
                uint64_t head, mask; /* its first 8 bytes (zero past len) and a mask of them */
        } *required_prefixes;
        unsigned required_first[258]; /* [256]: the empty prefix ("*"), which every word has */
        /* a bit per required word's hash (bits 52-63): a token whose bit is
         * clear is none of them, and the map is not probed (most are none) */
        uint64_t required_bits[64];
};

static inline void rules_required_bit_set(uint64_t bits[64], uint64_t hash)
{
        bits[(hash >> 58) & 63] |= 1ull << ((hash >> 52) & 63);
}

static inline bool rules_required_bit(const uint64_t bits[64], uint64_t hash)
{
        return (bits[(hash >> 58) & 63] >> ((hash >> 52) & 63)) & 1;
}

int rules_load(const char *path, struct rules **ret, struct parse_error *err);
void rules_free(struct rules *r);

/* Numbers the required words of the loaded rules (struct rules) and their
 * kinds (struct rule's kind_id): 0 or -ENOMEM. */
int rules_index_required(struct rules *rs);

/* Whether word (lower case) matches a pattern written "word" or "prefix*". */
bool rules_word_matches(const char *pattern, const char *word);

#endif
