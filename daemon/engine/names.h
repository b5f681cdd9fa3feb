/* Names the gazetteer does not know, found by their context in a sentence
 * (mention.c asks at each word): each finder returns how many tokens the name
 * takes from token i and the entity in *ret, or 0. Entities found so are kept
 * in the mention history and live as long as the extraction. */
#ifndef HERALD_NAMES_H
#define HERALD_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "codebook.h"
#include "mention.h"
#include "tagger.h"

/* Whether the lower-case word at i is a particle between two capitalised words ("bin", "de la"). */
bool names_particle_between(const struct codebook *cb, const struct token_list *tl, size_t i);

/* A capitalised word that may be part of a name, or a particle between two
 * ("Osama bin Laden", "Charles de la Rosa"); "al-Awadi" counts as capitalised.
 * Inline: the finders ask it of each word and its neighbours, 4 M times over
 * the 5 MiB corpus. */
static inline bool names_word(const struct codebook *cb, const struct token_list *tl, size_t i)
{
        if (i >= tl->n || tl->v[i].kind != TOKEN_WORD)
                return false;
        if (!tl->v[i].capitalized)
                return !(tl->v[i].lex_known && !(tl->v[i].lex & LEX_NAME_PARTICLE)) &&
                       names_particle_between(cb, tl, i);
        return !(tagger_word_class(cb, tl, i) & (LEX_STOP_NAME | LEX_TITLE));
}

/* Whether token i is a word of lexicon class cls (false past the end). */
static inline bool names_word_in(const struct codebook *cb, const struct token_list *tl, size_t i, unsigned cls)
{
        return i < tl->n && tl->v[i].kind == TOKEN_WORD && (tagger_word_class(cb, tl, i) & cls);
}

bool names_is_place_or_state(const struct entity *e);

/* A capitalised word that is the last (or first) word of a person found earlier. */
size_t names_known_surname(const struct mention_history *h, const struct token_list *tl, size_t i,
                           const struct entity **ret);

/* Two or more name words that are part of a person's name found before: "Mora
 * Solano" once "Ana Lucía Mora Solano" was named. run is names_unknown_end()
 * at i: mention.c asks it once for this finder and the two that need it too
 * (names_before_verb, names_organisation_before_noun). */
size_t names_known_part(const struct codebook *cb, const struct mention_history *h, const struct token_list *tl,
                        const char *text, size_t i, size_t run, const struct entity **ret);

/* "government", "Foreign Office", "Ministry of Foreign Affairs and
 * Expatriates": a body of a state at token i; its length in tokens or 0. */
size_t names_body_at(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i);

/* "the Hungarian government": the state behind a demonym and an institution;
 * "Mexican" alone in "Mexican and U.S. officials". */
size_t names_state_by_adjective(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                                const struct entity **ret);

/* "the Estonian Foreign Ministry": a capitalised body is a government entity of
 * the state's country; a common noun is the state itself. */
const struct entity *names_body_of_state(struct mention_history *h, const char *text, const struct token_list *tl,
                                         size_t from, size_t to, const struct entity *state);

/* "Alexei Likhachev (CEO of Rosatom)". */
size_t names_person_with_bracket(const struct codebook *cb, const struct token_list *tl, const char *text,
                                 size_t i, struct mention_history *h, const struct mention_list *ml,
                                 const struct entity **ret);

/* "the environmental group Zero". */
size_t names_organisation_after_noun(const struct codebook *cb, const struct token_list *tl, const char *text,
                                     size_t i, struct mention_history *h, const struct entity **ret);

/* "the group", once a group was introduced by that noun. */
size_t names_organisation_by_noun(const struct codebook *cb, const struct token_list *tl, size_t i,
                                  const struct mention_history *h, const struct entity **ret);

/* "Caucasus Press Watch, a Tbilisi-based monitoring group,": the noun of an
 * apposition after an organisation's name (ending at token end) is remembered
 * for "the group" later. */
void names_apposed_noun(const struct codebook *cb, const struct token_list *tl, size_t end, struct mention_history *h,
                        const struct entity *e);

/* "Israel's Foreign Ministry" (tokens from..to name the body): its head noun
 * ("ministry") is remembered as the state's, for "the ministry" later. */
void names_body_head(const struct codebook *cb, const struct token_list *tl, size_t from, size_t to,
                     struct mention_history *h, const struct entity *state);

/* "The Council", "the ministry": the body named before with that head noun. */
size_t names_body_by_head(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                          const struct mention_history *h, const struct entity **ret);

/* "Maria Kowalski said", "Maria Kowalski, who ...", "said Wanjiru Otieno"
 * (run: names_unknown_end() at i). */
size_t names_before_verb(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                         size_t run, struct mention_history *h, const struct mention_list *ml,
                         const struct entity **ret);

/* The finders' shared parts (titles.c finds names after titles with them). */

/* What an entity found in the text is, beside its name. */
struct names_finding {
        enum entity_type type;
        const char *title;
        size_t title_len;
        char country[4];
        const char *tags; /* NULL: none */
};

/* A name found in the text: the entity found before under that name, or a
 * person's part, or a new entity kept in h (NULL, h->error set, on no memory). */
const struct entity *names_found_entity(struct mention_history *h, const char *name, size_t name_len,
                                        const struct names_finding *f);

/* "Brazil's Supreme Federal Court", "the Supreme Court of Sri Lanka": a body
 * of a state in tokens [from, to) whose head word the gazetteer's bodies of
 * that head all tag alike ("court") is a body of its own with those tags; any
 * other stays the state. */
const struct entity *names_tagged_body(const struct codebook *cb, struct mention_history *h, const char *text,
                                       const struct token_list *tl, size_t from, size_t to,
                                       const struct entity *state);

/* "the ruling Georgian Dream party": a name the gazetteer does not know before
 * a lower-case organisation noun; its length with the noun, or 0 (run:
 * names_unknown_end() at i). */
size_t names_organisation_before_noun(const struct codebook *cb, const struct token_list *tl, const char *text,
                                      size_t i, size_t run, struct mention_history *h, const struct entity **ret);

/* Whether the gazetteer knows a name at token i. */
bool names_known_at(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i);

/* The name words from i on that the gazetteer does not know: their end. */
size_t names_unknown_end(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i);

/* A title's "of" or "for" phrase of office words at j: its end, or j. */
size_t names_office_phrase(const struct codebook *cb, const struct token_list *tl, const char *text, size_t j);

/* The country of a person found by title (tokens from..to): a demonym in the
 * title, else the nearest actor with a country named before in the sentence. */
void names_person_country(const struct codebook *cb, const struct token_list *tl, size_t from, size_t to,
                          const struct mention_list *ml, char country[4]);

#endif
