/* People found by their titles: a title before a name the gazetteer does not
 * know ("Foreign Ministry spokesman Georgiy Tykhiy", "her counterpart, Park
 * Seong-min,"), and a title said alone ("the minister", "her British
 * counterpart") for the person named before with it. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lexical.h"
#include "names.h"
#include "tagger.h"
#include "titles.h"

/* "envoy for Yemen", "Crown Prince of Abu Dhabi", "Special Envoy on Myanmar":
 * a title's "of", "for" or "on" phrase naming one known state or place. Its
 * end, or j when there is none. */
static size_t place_phrase(const struct codebook *cb, const struct token_list *tl, const char *text, size_t j)
{
        const struct entity *e;
        bool contextual;
        size_t k = j + 1, end;

        if (!(token_is(tl, j, "of") || token_is(tl, j, "for") || token_is(tl, j, "on")))
                return j;
        if (token_is(tl, k, "the"))
                k++;
        if (k >= tl->n || !(end = gazetteer_match(cb->gazetteer, tl, text, k, &e, &contextual)) || contextual ||
            !names_is_place_or_state(e))
                return j;
        return end;
}

/* "Deputy Foreign Minister", "Deputy Trade Minister": a title, then (up to
 * three capitalised words and) another title, are one title; so are "Deputy
 * Prime Minister and Minister of Foreign Affairs" (titles joined by "and") and
 * a title's "of" phrase. Returns where the title ends. */
static size_t after_titles(const struct codebook *cb, const struct token_list *tl, const char *text, size_t j)
{
        for (int chained = 0; chained < 4; chained++) { /* bounded: "Mp Mp Mp ..." stays linear */
                size_t k = j, more;

                if ((more = names_office_phrase(cb, tl, text, j)) > j || (more = place_phrase(cb, tl, text, j)) > j) {
                        j = more;
                        continue;
                }
                if (token_is(tl, k, "and") && k + 1 < tl->n && tl->v[k + 1].capitalized)
                        k++;
                else if (k < tl->n && !tl->v[k].capitalized && (more = lexicon_phrase_at(cb->lexicon, LEX_TITLE, tl, k))) {
                        j = k + more; /* "secretary general", "deputy minister": lower-case titles chained */
                        continue;
                } else
                        while (k < j + 3 && names_word(cb, tl, k))
                                k++;
                if (k >= tl->n || !tl->v[k].capitalized || !(more = lexicon_phrase_at(cb->lexicon, LEX_TITLE, tl, k)))
                        return j;
                j = k + more;
        }
        return j;
}

/* "Luís Montenegro": a one-word state or place right after a given name is the
 * family name. Returns where the name ends. */
static size_t name_through_place(const struct codebook *cb, const struct token_list *tl, const char *text, size_t k)
{
        const struct entity *e;
        bool contextual;
        size_t end = k < tl->n ? gazetteer_match(cb->gazetteer, tl, text, k, &e, &contextual) : 0;

        if (end == k + 1 && tl->v[k].capitalized && names_is_place_or_state(e) && !names_word(cb, tl, end))
                return end;
        return k;
}

/* "leader of the Workers' Party in the lower house, Enio Verri,": a title's
 * "of", "in", "for" or "on" phrase ("a spokesman for the ministry, X,") of plain
 * words (no verb, no clause) up to a comma and a name. Where the comma is, or
 * 0 when there is none. */
static size_t title_phrase_to_comma(const struct codebook *cb, const struct token_list *tl, size_t j)
{
        if (!(token_is(tl, j, "of") || token_is(tl, j, "in") || token_is(tl, j, "for") || token_is(tl, j, "on")))
                return 0; /* "special rapporteur on the situation of human rights in Myanmar, X," */
        for (size_t k = j + 1; k < tl->n && k < j + 10; k++) { /* bounded */
                enum word_tag tag = tl->v[k].tag;

                if (token_is(tl, k, ","))
                        return k > j + 1 && names_word(cb, tl, k + 1) ? k : 0;
                if (!(tl->v[k].kind == TOKEN_WORD || token_is(tl, k, "'") || token_is(tl, k, "'s")) ||
                    tag == TAG_VERB || tag == TAG_AUX || tag == TAG_MODAL)
                        return 0;
        }
        return 0;
}

/* "Foreign Ministry spokesman Georgiy Tykhiy": title words (with the capitalised
 * words before them), then a name the gazetteer does not know. */
size_t titles_person_after(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                           struct mention_history *h, const struct mention_list *ml, const struct entity **ret)
{
        size_t len, from = i, title_end, j, k, phrase = 0;
        struct names_finding f = { .type = ENTITY_PERSON };

        if (i > 0 && names_word_in(cb, tl, i - 1, LEX_TITLE))
                return 0; /* inside a chain of titles, tried from its first */
        if (!(len = lexicon_phrase_at(cb->lexicon, LEX_TITLE, tl, i)))
                return 0;
        j = title_end = after_titles(cb, tl, text, i + len);
        /* "chief justice, Abdul Hakim Haqqani": a lower-case noun completing the title, then an apposition */
        if (j + 2 < tl->n && tl->v[j].kind == TOKEN_WORD && !tl->v[j].capitalized && tl->v[j].tag == TAG_NOUN &&
            token_is(tl, j + 1, ",") && names_word(cb, tl, j + 2))
                j = title_end = j + 1;
        if ((phrase = title_phrase_to_comma(cb, tl, j)) > j)
                j = title_end = phrase;
        if (token_is(tl, j, ".") && tl->v[j].start == tl->v[j - 1].end && names_word(cb, tl, j + 1))
                j++; /* "Mr. Surname" */
        if (token_is(tl, j, ",") && names_word(cb, tl, j + 1)) {
                size_t t = ++j, more; /* "her counterpart, Park Seong-min," */

                /* "..., Federal Councillor Beat Imhof": a second title after the comma */
                while (t < j + 3 && names_word(cb, tl, t))
                        t++;
                if (t > j && t < tl->n && tl->v[t].capitalized &&
                    (more = lexicon_phrase_at(cb->lexicon, LEX_TITLE, tl, t)))
                        j = after_titles(cb, tl, text, t + more);
        }
        if (names_known_at(cb, tl, text, j))
                return 0; /* "President Emmanuel Macron": the gazetteer knows him */
        k = names_unknown_end(cb, tl, text, j);
        if (k == j)
                return 0;
        k = name_through_place(cb, tl, text, k);
        if (phrase && !token_is(tl, k, ",") && k + 1 < tl->n)
                return 0; /* after a long phrase, only a name set off by commas (or ending the sentence) */
        while (from > 0 && tl->v[from - 1].kind == TOKEN_WORD && tl->v[from - 1].capitalized &&
               !(tagger_word_class(cb, tl, from - 1) & LEX_STOP_NAME) &&
               !names_known_at(cb, tl, text, from - 1))
                from--;
        names_person_country(cb, tl, from, title_end, ml, f.country);
        f.title = text + tl->v[from].start;
        f.title_len = tl->v[title_end - 1].end - tl->v[from].start;
        *ret = names_found_entity(h, text + tl->v[j].start, tl->v[k - 1].end - tl->v[j].start, &f);
        return *ret ? k - i : 0;
}

/* strcasestr(hay, word) != NULL, a letter compared first: titles are short,
 * and asked of every person named of late at each "the minister". */
static bool holds_word(const char *hay, const char *word)
{
        int first = tolower((unsigned char)word[0]);
        size_t n = strlen(word);

        if (!n)
                return true;
        for (; *hay; hay++)
                if (tolower((unsigned char)*hay) == first && strncasecmp(hay, word, n) == 0)
                        return true;
        return false;
}

/* Whether a person's title fits the title word said alone: "the minister"
 * anywhere in it; a capitalised "the Secretary" only at its head ("Secretary
 * of State", not "Spokesperson for the Secretary-General"). */
static bool title_names(const char *title, const char *word, bool capitalised)
{
        size_t n = strlen(word);

        if (!title)
                return false;
        if (!capitalised)
                return holds_word(title, word);
        return strncasecmp(title, word, n) == 0 && (title[n] == '\0' || title[n] == ' ');
}

/* "the Danish prime minister": a person of the state fits when their title
 * holds the title's words, or they have none, or the title says no office
 * ("counterpart", "leader"); "the Japanese Cabinet Secretary" is not the
 * Japanese foreign minister. */
static bool demonym_title_fits(const struct entity *e, const char *word, size_t span, const struct token_list *tl,
                               size_t t)
{
        static const char *const any[] = { "counterpart", "counterparts", "leader", "head", "chief", "official" };

        for (size_t k = 0; k < sizeof(any) / sizeof(any[0]); k++)
                if (strcmp(word, any[k]) == 0)
                        return true;
        if (!e->title || !e->title[0])
                return true;
        for (size_t k = t; k < t + span && k < tl->n; k++)
                if (!holds_word(e->title, token_norm(tl, k)))
                        return false;
        return true;
}

/* "The Secretary-General", "The High Representative", nobody named to it: the
 * office's holder, a person named by the office ("Secretary-General"). */
static const struct entity *office_holder(const struct token_list *tl, size_t t, size_t span,
                                          struct mention_history *h)
{
        struct names_finding f = { .type = ENTITY_PERSON };
        char name[64];
        size_t n = 0;

        for (size_t k = t; k < t + span && k < tl->n; k++)
                for (const char *c = token_norm(tl, k); *c && n + 2 < sizeof(name); c++) {
                        bool first = c == token_norm(tl, k) || c[-1] == '-';

                        name[n++] = first && *c >= 'a' && *c <= 'z' ? (char)(*c - 'a' + 'A') : *c;
                        if (!c[1] && k + 1 < t + span)
                                name[n++] = ' ';
                }
        f.title = name;
        f.title_len = n;
        return n ? names_found_entity(h, name, n, &f) : NULL;
}

/* Whether the sentence names e after token from ("The President spoke with
 * President John Mahama": the title alone is somebody else). */
static bool named_later(const struct token_list *tl, size_t from, const struct entity *e)
{
        const char *last = strrchr(e->name, ' ');

        last = last ? last + 1 : e->name;
        for (size_t k = from; k < tl->n; k++)
                if (tl->v[k].capitalized && strcasecmp(token_norm(tl, k), last) == 0)
                        return true;
        return false;
}

/* Whether another person named of late has a title opening with word too. */
static bool title_shared(const struct mention_history *h, const struct entity *e, const char *word)
{
        for (size_t k = h->n_seen; k > mention_window_start(h); k--)
                if (h->seen[k - 1] != e && entity_is_type(h->seen[k - 1], ENTITY_PERSON) &&
                    title_names(h->seen[k - 1]->title, word, true))
                        return true;
        return false;
}

/* "the premier", "the minister": a lower-case title after "the" names the
 * person last named with that word in their title ("The Secretary", the one
 * whose title opens with it), but, capitalised in a text filed from a capital
 * or voiced by a state, that state's unless its person was named; "the Paraguayan leader",
 * "her British counterpart", the person of that country named last, else the
 * state itself. */
size_t titles_person_alone(const struct codebook *cb, const struct token_list *tl, size_t i,
                           struct mention_history *h, const struct entity **ret)
{
        const struct entity *found = NULL, *home, *d;
        size_t len, t;
        const char *word;
        bool two = false;

        /* as below, but before any look-up: most words follow no determiner (hot) */
        if (i == 0 || !(token_is(tl, i - 1, "the") || names_word_in(cb, tl, i - 1, LEX_DETERMINER)))
                return 0;
        d = gazetteer_demonym_at(cb->gazetteer, tl, i, &len);
        t = d && d->country[0] ? i + len : i;

        /* "her Lithuanian and Polish counterparts": the first state's */
        if (t > i && token_is(tl, t, "and") && t + 1 < tl->n && gazetteer_demonym_at(cb->gazetteer, tl, t + 1, &len))
                t += 1 + len, two = true;
        size_t span = t < tl->n ? lexicon_phrase_at(cb->lexicon, LEX_TITLE, tl, t) : 0; /* "High Commissioner" */

        if (two && !span && t < tl->n && (tagger_lemma_class(cb, tl, t) & LEX_TITLE))
                span = 1;
        if (i == 0 || !(token_is(tl, i - 1, "the") || (t > i && names_word_in(cb, tl, i - 1, LEX_DETERMINER))) ||
            t >= tl->n || (tl->v[t].capitalized && t > i) || !span || names_word(cb, tl, t + span) ||
            (token_is(tl, t + span, ",") && names_word(cb, tl, t + span + 1)) || /* "her counterpart, X," names X */
            (t + span < tl->n && tl->v[t + span].tag == TAG_NOUN))
                return 0;
        word = token_norm(tl, t);
        for (size_t k = h->n_seen; k > mention_window_start(h) && !found; k--) {
                const struct entity *e = h->seen[k - 1];

                if (entity_is_type(e, ENTITY_PERSON) &&
                    (t > i ? strcmp(e->country, d->country) == 0 && demonym_title_fits(e, word, span, tl, t)
                           : title_names(e->title, word, tl->v[t].capitalized)))
                        found = e;
        }
        /* "Prime Minister of the Kingdom of Denmark, Kasper Lund" was given no country */
        for (size_t k = h->n_seen; k > mention_window_start(h) && !found && t > i; k--) {
                const struct entity *e = h->seen[k - 1];

                if (entity_is_type(e, ENTITY_PERSON) && !e->country[0] && e->title && e->title[0] &&
                    demonym_title_fits(e, word, span, tl, t) && strstr(e->title, d->name))
                        found = e;
        }
        if (!found && t > i && entity_is_type(d, ENTITY_STATE))
                found = d;
        /* a readout from Washington: "The President", with no president of the
         * United States named, is the home state's, then and later */
        if (t == i && tl->v[t].capitalized && (home = h->voice ? h->voice : h->home) &&
            (!found || strcmp(h->home_title, word) == 0 || named_later(tl, t + span, found) ||
             (found->country[0] && strcmp(found->country, home->country) != 0))) {
                snprintf(h->home_title, sizeof(h->home_title), "%s", word);
                *ret = home;
                return t + span;
        }
        if (!found && t == i && tl->v[t].capitalized && (span > 1 || strchr(word, '-')) &&
            !(token_is(tl, t + span, "of") || token_is(tl, t + span, "for") || token_is(tl, t + span, "'s")))
                found = office_holder(tl, t, span, h); /* not "the Prime Minister of Canada" */
        /* "The President", with two presidents named of late: neither */
        if (!found || (tl->v[t].capitalized && title_shared(h, found, word)))
                return 0;
        *ret = found;
        return t + span;
}
