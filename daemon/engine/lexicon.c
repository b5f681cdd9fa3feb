/* The lexicon: each section of events/lexicon.txt names a word class and lists
 * its members with "words = a | b | two words". Single words go to a bit-set map;
 * multi-word cues go to a phrase table so "is due to" is found token-wise. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "strcopy.h"
#include "lexicon.h"
#include "phrase.h"
#include "strmap.h"

/* In the words map beside the class bits, above them where a pointer has room:
 * a lexicon phrase starts with the word. lexicon_phrase_at() asks the phrase
 * table only then, so most tokens cost one look-up, not two. */
#define STARTS_PHRASE (UINTPTR_MAX > 0xffffffffu ? (uintptr_t)((uint64_t)1 << 32) : 0)

struct lexicon {
        struct strmap *words;    /* word -> class bits (as uintptr_t), and STARTS_PHRASE */
        struct strmap *pronouns; /* word -> enum pronoun_kind */
        struct phrase_table *phrases;
};

static const struct {
        const char *section;
        unsigned cls;
} classes[] = {
        { "abbreviations", LEX_ABBREVIATION }, { "negation", LEX_NEGATION }, { "planned", LEX_PLANNED },
        { "habitual", LEX_HABITUAL },          { "future", LEX_FUTURE },     { "perfect", LEX_PERFECT },
        { "titles", LEX_TITLE },               { "clause-breaks", LEX_CLAUSE_BREAK },
        { "not-names", LEX_STOP_NAME },        { "be", LEX_BE },
        { "adverbs", LEX_ADVERB },             { "institutions", LEX_INSTITUTION },
        { "present", LEX_PRESENT },            { "ngo-nouns", LEX_NGO_NOUN },
        { "organisation-nouns", LEX_ORG_NOUN }, { "organisation-heads", LEX_ORG_HEAD },
        { "reporting", LEX_REPORTING },        { "apposition", LEX_APPOSITION },
        { "participle-endings", LEX_PARTICIPLE },
        { "determiners", LEX_DETERMINER },     { "pronouns-closed", LEX_PRONOUN },
        { "auxiliaries", LEX_AUXILIARY },      { "modals", LEX_MODAL },
        { "prepositions", LEX_PREPOSITION },   { "conjunctions", LEX_CONJUNCTION },
        { "infinitive", LEX_INFINITIVE },      { "saying", LEX_SAYING },
        { "name-particles", LEX_NAME_PARTICLE }, { "non-agents", LEX_NON_AGENT },
        { "people-nouns", LEX_PEOPLE }, { "numbers", LEX_NUMBER },
        { "subordinators", LEX_SUBORDINATE },
};

static const char *const pronoun_keys[] = { [PRONOUN_PERSON] = "person", [PRONOUN_GROUP] = "group",
                                            [PRONOUN_PLACE] = "place" };

static int add_word(struct lexicon *lex, unsigned cls, const char *w)
{
        uintptr_t bits = (uintptr_t)strmap_get(lex->words, w);

        if (strchr(w, ' '))
                return phrase_table_add(lex->phrases, w, (void *)(uintptr_t)cls);
        return strmap_put(lex->words, w, (void *)(bits | cls));
}

static int add_pronouns(struct lexicon *lex, const struct datafile_entry *e, char **items, size_t n,
                        struct parse_error *err)
{
        for (size_t k = 1; k < sizeof(pronoun_keys) / sizeof(pronoun_keys[0]); k++)
                if (strcmp(e->key, pronoun_keys[k]) == 0) {
                        for (size_t i = 0; i < n; i++)
                                if (strmap_put(lex->pronouns, items[i], (void *)(uintptr_t)k) < 0)
                                        return -ENOMEM;
                        return 0;
                }
        return parse_error_set(err, e->line, 1, "unknown pronoun class '%s' (person, group, place)", e->key);
}

static int on_entry(void *userdata, const struct datafile_entry *e, struct parse_error *err)
{
        struct lexicon *lex = userdata;
        char value[4096], *items[512];
        size_t n;

        if (!e->key)
                return 0;
        str_copy_cut(value, sizeof(value), e->value);
        n = datafile_split(value, '|', items, 512);
        for (size_t i = 0; i < n; i++)
                for (char *p = items[i]; *p; p++)
                        if (*p >= 'A' && *p <= 'Z')
                                *p = (char)(*p - 'A' + 'a');
        if (strcmp(e->section, "pronouns") == 0)
                return add_pronouns(lex, e, items, n, err);
        if (strcmp(e->key, "words") != 0)
                return parse_error_set(err, e->line, 1, "unknown key '%s' (want 'words')", e->key);
        for (size_t c = 0; c < sizeof(classes) / sizeof(classes[0]); c++)
                if (strcmp(e->section, classes[c].section) == 0) {
                        for (size_t i = 0; i < n; i++)
                                if (add_word(lex, classes[c].cls, items[i]) < 0)
                                        return parse_error_set(err, e->line, 1, "cannot add '%s'", items[i]);
                        return 0;
                }
        return parse_error_set(err, e->line, 1, "unknown section '%s'", e->section);
}

static int mark_phrase_start(const char *word, void *value, void *userdata)
{
        struct lexicon *lex = userdata;
        uintptr_t bits = (uintptr_t)strmap_get(lex->words, word);

        (void)value;
        return strmap_put(lex->words, word, (void *)(bits | STARTS_PHRASE));
}

int lexicon_load(const char *path, struct lexicon **ret, struct parse_error *err)
{
        struct lexicon *lex = calloc(1, sizeof(*lex));
        int r;

        if (!lex || !(lex->words = strmap_new()) || !(lex->pronouns = strmap_new()) ||
            !(lex->phrases = phrase_table_new())) {
                lexicon_free(lex);
                return -ENOMEM;
        }
        r = datafile_parse(path, on_entry, lex, err);
        if (r >= 0)
                r = phrase_table_foreach_first(lex->phrases, mark_phrase_start, lex);
        if (r < 0) {
                lexicon_free(lex);
                return r;
        }
        *ret = lex;
        return 0;
}

void lexicon_free(struct lexicon *lex)
{
        if (!lex)
                return;
        strmap_free(lex->words);
        strmap_free(lex->pronouns);
        phrase_table_free(lex->phrases);
        free(lex);
}

unsigned lexicon_word(const struct lexicon *lex, const char *word)
{
        return (unsigned)(uintptr_t)strmap_get(lex->words, word);
}

unsigned lexicon_word_at(const struct lexicon *lex, const struct token_list *tl, size_t i)
{
        return (unsigned)(uintptr_t)token_map_norm(lex->words, tl, i);
}

unsigned lexicon_word_phrase_at(const struct lexicon *lex, const struct token_list *tl, size_t i, bool *starts_phrase)
{
        uintptr_t bits = (uintptr_t)token_map_norm(lex->words, tl, i);

        /* or the table must be asked anyway: it matches lemmas, or no bit is free */
        *starts_phrase = (bits & STARTS_PHRASE) || !STARTS_PHRASE || phrase_table_by_lemma(lex->phrases);
        return (unsigned)bits;
}

unsigned lexicon_lemma_at(const struct lexicon *lex, const struct token_list *tl, size_t i)
{
        return (unsigned)(uintptr_t)token_map_lemma(lex->words, tl, i);
}

bool lexicon_word_ends(const struct lexicon *lex, const char *word, unsigned cls)
{
        for (size_t i = 1; word[0] && word[i]; i++)
                if (lexicon_word(lex, word + i) & cls)
                        return true;
        return false;
}

bool lexicon_is_abbreviation(const struct lexicon *lex, const char *word, size_t len)
{
        return ((uintptr_t)strmap_getn(lex->words, word, len) & LEX_ABBREVIATION) != 0;
}

enum pronoun_kind lexicon_pronoun(const struct lexicon *lex, const char *word)
{
        return (enum pronoun_kind)(uintptr_t)strmap_get(lex->pronouns, word);
}

enum pronoun_kind lexicon_pronoun_lookup_at_(const struct lexicon *lex, const struct token_list *tl, size_t i)
{
        return (enum pronoun_kind)(uintptr_t)token_map_norm(lex->pronouns, tl, i);
}

struct phrase_want {
        unsigned cls;
        size_t end;
};

static bool phrase_of_class(const struct phrase *p, size_t start, size_t end, void *userdata)
{
        struct phrase_want *w = userdata;

        (void)start;
        if (((uintptr_t)p->value & w->cls) && end > w->end)
                w->end = end;
        return false;
}

/* Token i's entry in the words map: kept in the token once tagged (tagger.c
 * asks every token), since the name finders and the tense cues ask the same
 * tokens again and again (2.7 M times over the 5 MiB corpus, a hash look-up
 * each). */
static inline uintptr_t word_bits(const struct lexicon *lex, const struct token_list *tl, size_t i)
{
        const struct token *t = &tl->v[i];

        if (t->lex_known)
                return t->lex | (t->lex_phrase ? STARTS_PHRASE : 0);
        return (uintptr_t)token_map_norm(lex->words, tl, i);
}

/* The longest phrase of class cls at token i, by the phrase table: asked only
 * where one may start, out of line so the common answer costs no frame. */
static __attribute__((noinline)) size_t phrase_at(const struct lexicon *lex, unsigned cls,
                                                  const struct token_list *tl, size_t i, uintptr_t bits)
{
        struct phrase_want w = { cls, 0 };

        phrase_table_match(lex->phrases, tl, NULL, i, phrase_of_class, &w);
        if (w.end)
                return w.end - i;
        return (bits & cls) ? 1 : 0;
}

/* lexicon_phrase_at() with the table's by_lemma asked by the caller. */
static inline size_t phrase_at_known(const struct lexicon *lex, unsigned cls, const struct token_list *tl,
                                     size_t i, bool by_lemma)
{
        uintptr_t bits;

        if (i >= tl->n) /* asked at the end of a sentence: "... of the Philippines" */
                return 0;
        bits = word_bits(lex, tl, i);
        if ((bits & STARTS_PHRASE) || !STARTS_PHRASE || by_lemma)
                return phrase_at(lex, cls, tl, i, bits);
        return (bits & cls) ? 1 : 0;
}

size_t lexicon_phrase_at_(const struct lexicon *lex, unsigned cls, const struct token_list *tl, size_t i)
{
        return phrase_at_known(lex, cls, tl, i, phrase_table_by_lemma(lex->phrases));
}

bool lexicon_phrase_everywhere(const struct lexicon *lex)
{
        return !STARTS_PHRASE || phrase_table_by_lemma(lex->phrases); /* as phrase_at_known() asks */
}

bool lexicon_phrase_in(const struct lexicon *lex, unsigned cls, const struct token_list *tl, size_t from,
                       size_t to)
{
        bool by_lemma = phrase_table_by_lemma(lex->phrases);

        for (size_t i = from; i < to && i < tl->n; i++) {
                const struct token *t = &tl->v[i];
                bool found = t->lex_known && !t->lex_phrase ? (t->lex & cls) != 0 /* as the inline one */
                                                            : phrase_at_known(lex, cls, tl, i, by_lemma) != 0;

                if (found)
                        return true;
        }
        return false;
}
