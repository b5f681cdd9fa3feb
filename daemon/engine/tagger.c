/* Tagging, left to right. Closed-class words (events/lexicon.txt) tag
 * themselves. An open-class word with one reading in WordNet takes it; one that
 * can be a noun or a verb is settled by the word before it: a determiner,
 * possessive, adjective or preposition makes it a noun ("the visit", "his
 * failure"), a modal, "to", an auxiliary or a pronoun a verb ("will visit",
 * "has visited", "they host"), a name before an "-s" form a verb ("Russia
 * states"), a common noun before it a noun ("trade talks"). With no such
 * neighbour, a past form is a verb and anything else a noun. A capitalised word
 * WordNet does not know, or knows only as a noun mid-sentence, is a name. */
#include <errno.h>
#include <string.h>

#include "lexical.h"
#include "tagger.h"

static const char *const tag_names[] = {
        [TAG_NONE] = "none", [TAG_NOUN] = "noun",   [TAG_VERB] = "verb",   [TAG_ADJ] = "adj",
        [TAG_ADV] = "adv",   [TAG_PROPER] = "name", [TAG_DET] = "det",     [TAG_PRON] = "pron",
        [TAG_AUX] = "aux",   [TAG_MODAL] = "modal", [TAG_PREP] = "prep",   [TAG_CONJ] = "conj",
        [TAG_TO] = "to",     [TAG_NUM] = "num",     [TAG_PUNCT] = "punct",
};

const char *tagger_name(enum word_tag tag)
{
        return tag < sizeof(tag_names) / sizeof(tag_names[0]) ? tag_names[tag] : "?";
}

/* A closed-class word's tag, or TAG_NONE. Order settles words in two classes:
 * "'s" is a possessive, "that" a conjunction unless a noun follows (below). */
static enum word_tag closed_tag(unsigned cls)
{
        static const struct {
                unsigned cls;
                enum word_tag tag;
        } order[] = {
                { LEX_NUMBER, TAG_NUM },      { LEX_INFINITIVE, TAG_TO },   { LEX_MODAL, TAG_MODAL }, { LEX_CONJUNCTION, TAG_CONJ },
                { LEX_DETERMINER, TAG_DET },   { LEX_AUXILIARY, TAG_AUX }, { LEX_PREPOSITION, TAG_PREP },
                { LEX_PRONOUN, TAG_PRON },    { LEX_NEGATION | LEX_ADVERB, TAG_ADV },
        };

        /* most words are in none of them: one test, not nine */
        if (!(cls & (LEX_NUMBER | LEX_INFINITIVE | LEX_MODAL | LEX_CONJUNCTION | LEX_DETERMINER | LEX_AUXILIARY |
                     LEX_PREPOSITION | LEX_PRONOUN | LEX_NEGATION | LEX_ADVERB)))
                return TAG_NONE;
        for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
                if (cls & order[i].cls)
                        return order[i].tag;
        return TAG_NONE;
}

static enum word_tag tag_of_pos(unsigned pos)
{
        return pos == LEXICAL_NOUN ? TAG_NOUN : pos == LEXICAL_VERB ? TAG_VERB : pos == LEXICAL_ADJ ? TAG_ADJ : TAG_ADV;
}

/* The index past the previous word, adverbs skipped ("did not arrest", "will
 * also visit", "Japan strongly urges"): the previous word is at the result - 1. */
static size_t prev_end(const struct token_list *tl, size_t i)
{
        while (i > 1 && tl->v[i - 1].tag == TAG_ADV)
                i--;
        return i;
}

/* The previous word's tag, past adverbs; TAG_NONE at the start or after a
 * quotation mark. */
static enum word_tag prev_tag(const struct token_list *tl, size_t i)
{
        i = prev_end(tl, i);
        return i > 0 && tl->v[i - 1].kind != TOKEN_QUOTE_OPEN ? (enum word_tag)tl->v[i - 1].tag : TAG_NONE;
}

/* A form that is no noun's: "visited", "told" (a verb lemma other than the word). */
static bool past_form(const struct lexeme *l, const char *word)
{
        const char *v = l->lemma[lexical_pos_index(LEXICAL_VERB)];
        size_t n = strlen(word);

        return v && strcmp(v, word) != 0 && !(n > 1 && word[n - 1] == 's') && !(l->pos & LEXICAL_NOUN && n > 3 &&
               strcmp(word + n - 3, "ing") == 0);
}

/* A plural noun or a verb in the third person: the word ends in "s" and is not its lemma. */
static bool s_form(const struct lexeme *l, const char *word)
{
        size_t n = strlen(word);

        return n > 1 && word[n - 1] == 's' && strcmp(lexeme_lemma(l, LEXICAL_VERB, word), word) != 0;
}

/* With nothing decisive before it, what follows: an object (a determiner, a
 * name, a pronoun, a number) makes a verb of "and visit Poland". */
static unsigned by_next(const struct token_list *tl, size_t i, const struct lexeme *l, const char *word)
{
        static const bool object[] = { [TAG_DET] = true, [TAG_PROPER] = true, [TAG_PRON] = true, [TAG_NUM] = true };

        if (past_form(l, word))
                return LEXICAL_VERB;
        if (i + 1 < tl->n && tl->v[i + 1].kind == TOKEN_WORD && tl->v[i + 1].capitalized && !tl->v[i].capitalized)
                return LEXICAL_VERB;
        return i + 1 < tl->n && tl->v[i + 1].tag < sizeof(object) && object[tl->v[i + 1].tag] ? LEXICAL_VERB
                                                                                              : LEXICAL_NOUN;
}

/* Whether a verb in the present or a modal came earlier in the sentence: "are",
 * "will", or a base form after a pronoun (present_verb marks them). */
static bool present_before(const struct codebook *cb, const struct token_list *tl, size_t i)
{
        size_t stop = i > 32 ? i - 32 : 0; /* the clause, not the whole of a hostile run-on */

        while (i-- > stop)
                if (tl->v[i].tag == TAG_MODAL || (tagger_word_class(cb, tl, i) & LEX_PRESENT) ||
                    (tl->v[i].tag == TAG_VERB && tl->v[i].lemma == tl->v[i].norm))
                        return true;
        return false;
}

/* Whether a verb in the third person present came earlier in the clause
 * ("condemns the attack and urges restraint"): an -s form after "and" is then
 * the second verb of the same subject, when a word follows it. */
static bool s_verb_before(const struct codebook *cb, const struct token_list *tl, size_t i)
{
        size_t stop = i > 32 ? i - 32 : 0, and = i - 1;

        if (i + 1 >= tl->n || tl->v[i + 1].kind != TOKEN_WORD)
                return false; /* "tariffs and sanctions." ends on a noun */
        while (i-- > stop) {
                const struct lexeme *l;

                if (i + 1 == and && token_is(tl, i, ","))
                        continue; /* "welcomes the decision, and calls on": ", and" joins the verbs */
                if (tl->v[i].kind != TOKEN_WORD)
                        return false; /* a comma or a quotation ends the clause */
                if (tl->v[i].tag == TAG_VERB && (l = lexical_lookup_at(cb->lexical, tl, i)) &&
                    s_form(l, token_norm(tl, i)))
                        return true;
        }
        return false;
}

/* Noun or verb, for a word that can be both. */
static unsigned noun_or_verb(const struct codebook *cb, const struct token_list *tl, size_t i,
                             const struct lexeme *l)
{
        const char *word = token_norm(tl, i);
        enum word_tag before = prev_tag(tl, i);
        size_t prev = prev_end(tl, i) - 1; /* the word prev_tag read */

        if (before == TAG_NOUN && tl->v[prev].capitalized)
                before = TAG_PROPER; /* "Russia states": a name WordNet also knows */
        switch (before) {
        case TAG_DET: case TAG_ADJ: case TAG_PREP: case TAG_NUM:
                return LEXICAL_NOUN;
        case TAG_MODAL: case TAG_TO: case TAG_AUX: case TAG_PRON:
                return LEXICAL_VERB;
        case TAG_CONJ: /* "we are concerned and call on": a base form in a present clause */
                if (strcmp(lexeme_lemma(l, LEXICAL_VERB, word), word) == 0 && present_before(cb, tl, i))
                        return LEXICAL_VERB;
                if (s_form(l, word) && s_verb_before(cb, tl, i))
                        return LEXICAL_VERB;
                return by_next(tl, i, l, word);
        case TAG_PROPER:
                return past_form(l, word) || s_form(l, word) ? LEXICAL_VERB : LEXICAL_NOUN;
        case TAG_NOUN: /* "the leaders visit" but "trade talks", "a state visit" */
                if (past_form(l, word))
                        return LEXICAL_VERB;
                return !s_form(l, word) && token_norm(tl, prev)[strlen(token_norm(tl, prev)) - 1] == 's' &&
                                       strcmp(token_lemma(tl, prev), token_norm(tl, prev)) != 0
                               ? LEXICAL_VERB
                               : LEXICAL_NOUN;
        default:
                return by_next(tl, i, l, word);
        }
}

/* Whether the next word can be a noun (so this one can be its adjective). */
static bool noun_follows(const struct codebook *cb, const struct token_list *tl, size_t i)
{
        const struct lexeme *next;

        if (tl->v[i + 1].tag == TAG_PROPER)
                return true;
        if (tl->v[i + 1].tag != TAG_NONE || !(next = lexical_lookup_at(cb->lexical, tl, i + 1)))
                return false;
        return (next->pos & LEXICAL_NOUN) && !past_form(next, token_norm(tl, i + 1));
}

/* The part of speech (one bit) of an open-class word from its candidates. */
static unsigned settle(const struct codebook *cb, const struct token_list *tl, size_t i, const struct lexeme *l)
{
        unsigned pos = l->pos;
        enum word_tag before = prev_tag(tl, i);

        if ((pos & (pos - 1)) == 0)
                return pos;
        if (pos & LEXICAL_ADJ && (before == TAG_DET || before == TAG_ADV || before == TAG_AUX) &&
            !(pos & LEXICAL_VERB && before == TAG_AUX) && i + 1 < tl->n && tl->v[i + 1].kind == TOKEN_WORD &&
            !(pos & LEXICAL_NOUN && before != TAG_DET) && noun_follows(cb, tl, i))
                return LEXICAL_ADJ; /* "the alleged plot", but "his plane landed" */
        if (pos & LEXICAL_NOUN && pos & LEXICAL_VERB)
                return noun_or_verb(cb, tl, i, l);
        if (pos & LEXICAL_VERB && (before == TAG_MODAL || before == TAG_TO || before == TAG_AUX || before == TAG_PRON))
                return LEXICAL_VERB;
        if (pos & LEXICAL_ADJ && before == TAG_DET)
                return LEXICAL_ADJ;
        for (unsigned b = LEXICAL_NOUN; b <= LEXICAL_ADV; b <<= 1)
                if (pos & b)
                        return b;
        return LEXICAL_NOUN;
}

/* Whether a word starts with a capital outside ASCII ("Óscar", "Łukasz",
 * "Šefčovič"): the tokenizer's case test knows ASCII only and leaves such
 * letters as written in the word's normal form. Latin-1, Latin Extended-A,
 * Greek and Cyrillic capitals. */
static bool utf8_capital(const char *w)
{
        const unsigned char *s = (const unsigned char *)w;
        unsigned cp;

        if (s[0] < 0xc2 || s[0] > 0xdf || (s[1] & 0xc0) != 0x80)
                return false;
        cp = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
        if (cp >= 0xc0 && cp <= 0xde)
                return cp != 0xd7; /* À-Þ, not × */
        if (cp >= 0x100 && cp <= 0x137)
                return cp % 2 == 0;
        if (cp >= 0x139 && cp <= 0x148)
                return cp % 2 == 1;
        if (cp >= 0x14a && cp <= 0x177)
                return cp % 2 == 0;
        if (cp >= 0x178 && cp <= 0x17e)
                return cp == 0x178 || cp % 2 == 1;
        return (cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x400 && cp <= 0x42f);
}

/* Whether a capitalised word stands where a sentence (or quotation) starts. */
static bool starts_sentence(const struct token_list *tl, size_t i)
{
        return i == 0 || tl->v[i - 1].kind == TOKEN_QUOTE_OPEN || tl->v[i - 1].kind == TOKEN_PUNCT;
}

/* First pass: names, and words WordNet does not know. */
static void tag_name(struct token_list *tl, size_t i, const struct lexeme *l)
{
        struct token *t = &tl->v[i];

        if (t->capitalized && (!l->pos || (!starts_sentence(tl, i) && !(l->pos & LEXICAL_VERB)) || t->all_caps))
                t->tag = TAG_PROPER;
        else if (!l->pos)
                t->tag = TAG_NOUN;
}

/* Sets token i's lemma as part of speech pos (one bit). Most words are their
 * own lemma, and a token's lemma is its word until set: then nothing is
 * copied or compared; another lemma is copied with the length and hash its
 * lexeme keeps. */
static int set_lemma(struct token_list *tl, size_t i, const struct lexeme *l, unsigned pos)
{
        unsigned k = lexical_pos_index(pos);
        const char *lemma = l->lemma[k];

        if (!lemma || (l->same & pos))
                return tl->v[i].lemma == tl->v[i].norm ? 0 : token_set_lemma(tl, i, token_norm(tl, i));
        return token_set_lemma_hashed(tl, i, lemma, l->lemma_len[k], l->lemma_hash[k]);
}

/* Second pass, left to right: the open-class words. */
static int tag_open(const struct codebook *cb, struct token_list *tl, size_t i)
{
        struct token *t = &tl->v[i];
        const struct lexeme *l = lexical_lookup_at(cb->lexical, tl, i);
        unsigned pos;

        if (!l)
                return -ENOMEM;
        pos = settle(cb, tl, i, l);
        t->tag = (uint8_t)tag_of_pos(pos);
        return set_lemma(tl, i, l, pos);
}

/* "that" before a noun is a determiner ("that decision"), else a conjunction. */
static void settle_that(const struct codebook *cb, struct token_list *tl, size_t i)
{
        const struct lexeme *next;

        if (tl->v[i].tag != TAG_CONJ || !(tagger_word_class(cb, tl, i) & LEX_DETERMINER) ||
            i + 1 >= tl->n || tl->v[i + 1].kind != TOKEN_WORD)
                return;
        next = lexical_lookup_keep(cb->lexical, tl, i + 1);
        if (next && next->pos == LEXICAL_NOUN && !tagger_word_class(cb, tl, i + 1))
                tl->v[i].tag = TAG_DET;
}

static int tag_closed(const struct codebook *cb, struct token_list *tl, size_t i, enum word_tag tag)
{
        const struct lexeme *l;

        tl->v[i].tag = (uint8_t)tag;
        settle_that(cb, tl, i);
        if (tag != TAG_AUX)
                return 0;
        /* kept in the token; asked again, since settle_that's look-up of the
         * next word may have reused the scratch answer (a full cache) */
        if (!(l = lexical_lookup_keep(cb->lexical, tl, i))) /* "was" -> be */
                return -ENOMEM;
        return set_lemma(tl, i, l, LEXICAL_VERB);
}

int tagger_tag(const struct codebook *cb, struct token_list *tl)
{
        int r;

        for (size_t i = 0; i < tl->n; i++) {
                struct token *t = &tl->v[i];
                const struct lexeme *l;
                enum word_tag closed;

                if (t->kind != TOKEN_WORD) {
                        /* for lexicon_phrase_at(): punctuation and numbers too */
                        t->lex = lexicon_word_phrase_at(cb->lexicon, tl, i, &t->lex_phrase);
                        t->lex_known = true;
                        t->tag = t->kind == TOKEN_NUMBER ? TAG_NUM : TAG_PUNCT;
                        continue;
                }
                /* a word's one look-up: its lexeme, which keeps the lexicon's answers */
                if (!(l = lexical_word_keep(cb->lexical, cb->lexicon, tl, i)))
                        return -ENOMEM;
                if (!t->capitalized && utf8_capital(token_norm(tl, i)))
                        t->capitalized = true;
                closed = closed_tag(t->lex);
                if (closed == TAG_NONE || t->all_caps)
                        tag_name(tl, i, l);
                else if ((r = tag_closed(cb, tl, i, closed)) < 0)
                        return r;
        }
        for (size_t i = 0; i < tl->n; i++)
                if (tl->v[i].tag == TAG_NONE && (r = tag_open(cb, tl, i)) < 0)
                        return r;
        return 0;
}
