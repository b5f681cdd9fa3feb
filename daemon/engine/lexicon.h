/* Language resources loaded from events/lexicon.txt: closed word classes the
 * extractor needs (abbreviations, pronouns, negation and modality cues, person
 * titles). Words are stored lower-case; multi-word cues are matched token-wise. */
#ifndef HERALD_LEXICON_H
#define HERALD_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

#include "internal/parse-error.h"
#include "token.h"

/* The classes a word or phrase can belong to (a bit set). */
enum lexclass {
        LEX_ABBREVIATION = 1u << 0, /* a '.' after it does not end a sentence */
        LEX_NEGATION = 1u << 1,     /* "not", "never": negates a following trigger */
        LEX_PLANNED = 1u << 2,      /* "will", "plans to": the event has not happened yet */
        LEX_HABITUAL = 1u << 3,     /* "regularly", "always" */
        LEX_FUTURE = 1u << 4,       /* tense cue for resolving "Friday" forwards */
        LEX_PERFECT = 1u << 5,      /* "has", "have": past without a date */
        LEX_TITLE = 1u << 6,        /* "spokesman", "minister": introduces a person's name */
        LEX_CLAUSE_BREAK = 1u << 7, /* "while", "but": a role does not cross it */
        LEX_STOP_NAME = 1u << 8,    /* capitalised words that never start a name ("The") */
        LEX_BE = 1u << 9,           /* "was", "were": before a participle, a passive */
        LEX_ADVERB = 1u << 10,      /* may stand between "was" and the participle */
        LEX_INSTITUTION = 1u << 11, /* "government", "authorities": "the Hungarian government" */
        LEX_PRESENT = 1u << 12,     /* "is", "says": the event is told in the present tense */
        LEX_NGO_NOUN = 1u << 13,    /* "the environmental group Zero": a non-governmental body */
        LEX_ORG_NOUN = 1u << 14,    /* "the energy company Enel": any other organisation */
        LEX_ORG_HEAD = 1u << 15,    /* "Watch", "Party": a name ending so is an organisation's */
        LEX_REPORTING = 1u << 16,   /* "said", "told": a name before it is somebody's */
        LEX_APPOSITION = 1u << 17,  /* "who", "the": after "Name," it describes the person */
        LEX_PARTICIPLE = 1u << 18,  /* "ing": a word ending so, after a comma, opens a participle clause */
        /* closed classes, for the tagger (tagger.c) */
        LEX_DETERMINER = 1u << 19,  /* "the", "this", "his", "'s": a noun follows */
        LEX_PRONOUN = 1u << 20,     /* "he", "they", "who": a verb may follow */
        LEX_AUXILIARY = 1u << 21,   /* forms of be, have, do */
        LEX_MODAL = 1u << 22,       /* "will", "must": a verb follows */
        LEX_PREPOSITION = 1u << 23, /* "in", "by", "of" */
        LEX_CONJUNCTION = 1u << 24, /* "and", "that", "while" */
        LEX_INFINITIVE = 1u << 25,  /* "to" */
        LEX_NAME_PARTICLE = 1u << 27, /* "bin", "de": lower-case inside a name */
        LEX_SAYING = 1u << 26,
        LEX_NON_AGENT = 1u << 28,   /* "indictment", "plane": a subject that does not act */
        LEX_PEOPLE = 1u << 29,
        LEX_NUMBER = 1u << 30,      /* "two", "both": tagged as numbers */
        LEX_SUBORDINATE = 1u << 31, /* "once", "after": a clause told for the time of another */      /* "officials", "activists": people who act together */      /* lemmas of saying verbs ("say", "write"): what follows is what was said */
};

enum pronoun_kind { PRONOUN_NONE, PRONOUN_PERSON, PRONOUN_GROUP, PRONOUN_PLACE };

struct lexicon;

int lexicon_load(const char *path, struct lexicon **ret, struct parse_error *err);
void lexicon_free(struct lexicon *lex);

/* Class bits of a single lower-case word. */
unsigned lexicon_word(const struct lexicon *lex, const char *word);
/* lexicon_word() of token i's normalised form, and of its lemma, by the hash the
 * tokenizer took (hot: most words are looked up in several tables). */
unsigned lexicon_word_at(const struct lexicon *lex, const struct token_list *tl, size_t i);
/* lexicon_word_at(), and whether a lexicon phrase may start with the word (one
 * starts with it, or the phrase table matches lemmas too): what the tagger
 * keeps in the token (lex, lex_phrase) for lexicon_phrase_at(). */
unsigned lexicon_word_phrase_at(const struct lexicon *lex, const struct token_list *tl, size_t i, bool *starts_phrase);
unsigned lexicon_lemma_at(const struct lexicon *lex, const struct token_list *tl, size_t i);
bool lexicon_is_abbreviation(const struct lexicon *lex, const char *word, size_t len);
/* Whether a proper ending of the lower-case word is listed in class cls. */
bool lexicon_word_ends(const struct lexicon *lex, const char *word, unsigned cls);
enum pronoun_kind lexicon_pronoun(const struct lexicon *lex, const char *word);
enum pronoun_kind lexicon_pronoun_lookup_at_(const struct lexicon *lex, const struct token_list *tl, size_t i);
/* lexicon_pronoun() of token i's normalised form: the tagger keeps it in each
 * word's token (from the word's lexeme); others are looked up by the
 * tokenizer's hash. Inline: the name finders ask it of every token. */
static inline enum pronoun_kind lexicon_pronoun_at(const struct lexicon *lex, const struct token_list *tl, size_t i)
{
        const struct token *t = &tl->v[i];

        return t->pron_known ? (enum pronoun_kind)t->pronoun : lexicon_pronoun_lookup_at_(lex, tl, i);
}

size_t lexicon_phrase_at_(const struct lexicon *lex, unsigned cls, const struct token_list *tl, size_t i);
/* Length in tokens of the longest phrase of class `cls` starting at token i,
 * or 0. Inline for a tagged token no phrase may start at (most): its bits. */
static inline size_t lexicon_phrase_at(const struct lexicon *lex, unsigned cls, const struct token_list *tl,
                                       size_t i)
{
        if (i < tl->n && tl->v[i].lex_known && !tl->v[i].lex_phrase)
                return (tl->v[i].lex & cls) ? 1 : 0;
        return lexicon_phrase_at_(lex, cls, tl, i);
}

/* Whether lexicon_phrase_at() asks its phrase table at every word (some
 * phrase starts with a lemma), not only where a tagged token's lex_phrase says
 * one starts: asked once a sentence by finders that skip it where it finds none. */
bool lexicon_phrase_everywhere(const struct lexicon *lex);

/* Whether any phrase of class `cls` occurs in tokens [from, to). */
bool lexicon_phrase_in(const struct lexicon *lex, unsigned cls, const struct token_list *tl, size_t from,
                       size_t to);

#endif
