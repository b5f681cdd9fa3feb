/* Mentions. A name is the longest gazetteer alias at a token; a contextual alias
 * ("the Court") counts only once its entity was named. Names the gazetteer does
 * not know are found by their context: a title before them ("spokesman Georgiy
 * Tykhiy"), a bracket after them, a descriptor noun ("the environmental group
 * Zero", later "the group"), or a reporting verb or apposition after two or more
 * capitalised words ("Maria Kowalski said"). A pronoun gets the referents its
 * class allows, most recent first. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "mention.h"

/* How far back pronouns and contextual aliases look: bounded, so a huge article
 * costs linear time. */
#define HISTORY_WINDOW 256

static size_t window_start(const struct mention_history *h)
{
        return h->n_seen > HISTORY_WINDOW ? h->n_seen - HISTORY_WINDOW : 0;
}

static bool seen_before(const struct mention_history *h, const struct entity *e)
{
        for (size_t i = window_start(h); i < h->n_seen; i++)
                if (h->seen[i] == e)
                        return true;
        return false;
}

static int push(struct mention_list *ml, const struct mention *m)
{
        if (GREEDY_REALLOC(ml->v, ml->cap, ml->n + 1) < 0)
                return -ENOMEM;
        ml->v[ml->n++] = *m;
        return 0;
}

static bool is_actor(const struct entity *e) { return !entity_is_place(e) && !entity_is_type(e, ENTITY_PERSON); }

/* Referents for "it": an organisation or state named earlier in this sentence,
 * else the previous sentence's subject, else the most recent one. */
static void resolve_group(const struct mention_history *h, const struct mention_list *ml, struct mention *m)
{
        for (size_t i = ml->n; i > 0 && m->n_cand < MENTION_CANDIDATES; i--) {
                const struct entity *e = mention_entity(&ml->v[i - 1]);

                if (ml->v[i - 1].quoted && !m->quoted)
                        continue; /* a pronoun never resolves into a quotation */
                if (e && is_actor(e)) {
                        m->cand[m->n_cand++] = e;
                        return;
                }
        }
        if (h->last_subject && is_actor(h->last_subject)) {
                m->cand[m->n_cand++] = h->last_subject;
                return;
        }
        for (size_t i = h->n_seen; i > window_start(h); i--)
                if (is_actor(h->seen[i - 1])) {
                        m->cand[m->n_cand++] = h->seen[i - 1];
                        return;
                }
}

static bool wanted(enum pronoun_kind kind, const struct entity *e)
{
        if (kind == PRONOUN_PERSON)
                return entity_is_type(e, ENTITY_PERSON);
        return entity_is_place(e) || entity_is_type(e, ENTITY_STATE);
}

static void add_candidate(struct mention *m, const struct entity *e)
{
        for (size_t k = 0; k < m->n_cand; k++)
                if (m->cand[k] == e)
                        return;
        if (m->n_cand < MENTION_CANDIDATES)
                m->cand[m->n_cand++] = e;
}

/* Referents for "he" or "there": matching entities, this sentence first, then
 * the previous sentence's subject ("Manalo recalled meeting Wang Yi. He ..." is
 * Manalo), then the most recent. */
static void resolve_recent(const struct mention_history *h, const struct mention_list *ml, enum pronoun_kind kind,
                           struct mention *m)
{
        for (size_t i = ml->n; i > 0; i--) {
                const struct entity *e = mention_entity(&ml->v[i - 1]);

                if (e && !ml->v[i - 1].pronoun && wanted(kind, e) && !(ml->v[i - 1].quoted && !m->quoted))
                        add_candidate(m, e);
        }
        /* "there" is where, not who: the last subject is no better a guess than the last place */
        if (kind != PRONOUN_PLACE && h->last_subject && wanted(kind, h->last_subject))
                add_candidate(m, h->last_subject);
        for (size_t i = h->n_seen; i > window_start(h) && m->n_cand < MENTION_CANDIDATES; i--)
                if (wanted(kind, h->seen[i - 1]))
                        add_candidate(m, h->seen[i - 1]);
}

/* A capitalised word that may be part of a name, or a particle between two
 * ("Osama bin Laden", "Charles de Gaulle"); "al-Awadi" counts as capitalised. */
static bool name_word(const struct codebook *cb, const struct token_list *tl, size_t i)
{
        if (i >= tl->n || tl->v[i].kind != TOKEN_WORD)
                return false;
        if (!tl->v[i].capitalized)
                return i > 0 && i + 1 < tl->n && tl->v[i - 1].capitalized && tl->v[i + 1].capitalized &&
                       tl->v[i + 1].kind == TOKEN_WORD &&
                       (lexicon_word(cb->lexicon, token_norm(tl, i)) & LEX_NAME_PARTICLE);
        return !(lexicon_word(cb->lexicon, token_norm(tl, i)) & (LEX_STOP_NAME | LEX_TITLE));
}

static bool known_at(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i)
{
        const struct entity *e;
        bool contextual;

        return i < tl->n && gazetteer_match(cb->gazetteer, tl, text, i, &e, &contextual) > 0;
}

/* The country of a person found by title: a demonym in the title, else the
 * nearest actor with a country named before in the sentence. */
static void person_country(const struct codebook *cb, const struct token_list *tl, size_t from, size_t to,
                           const struct mention_list *ml, char country[4])
{
        for (size_t i = from; i < to; i++) {
                const struct entity *d = gazetteer_demonym(cb->gazetteer, token_norm(tl, i));

                if (d && d->country[0]) {
                        memcpy(country, d->country, 4);
                        return;
                }
        }
        for (size_t i = ml->n; i > 0; i--) {
                const struct entity *e = mention_entity(&ml->v[i - 1]);

                if (e && e->country[0] && !entity_is_type(e, ENTITY_PERSON)) {
                        memcpy(country, e->country, 4);
                        return;
                }
        }
}

static void remember_as(struct mention_history *h, const char *word, size_t len, const struct entity *e)
{
        char key[64];
        size_t n = 0;

        for (; n < len && n + 1 < sizeof(key); n++)
                key[n] = (word[n] >= 'A' && word[n] <= 'Z') ? (char)(word[n] - 'A' + 'a') : word[n];
        key[n] = '\0';
        if (n && !strmap_get(h->surnames, key) && /* the first person of that name keeps it */
            strmap_put(h->surnames, key, (void *)e) < 0)
                h->error = -ENOMEM;
}

/* "Enrique Manalo" found in the text is "Manalo" for the rest of the article;
 * "Han Ji-ho" is also "Han", since a family name may come first, and "Camila
 * Fuentes Aránguiz" is "Fuentes", a first of two surnames. The last word is
 * remembered first, then the first, then those between: the first person of a
 * word keeps it. */
static void remember_surname(struct mention_history *h, const struct entity *e)
{
        const char *name = e->name ? e->name : "", *last = strrchr(name, ' ');

        if (!last || !last[1])
                return;
        if (!h->surnames && !(h->surnames = strmap_new())) {
                h->error = -ENOMEM;
                return;
        }
        remember_as(h, last + 1, strlen(last + 1), e);
        remember_as(h, name, strcspn(name, " "), e);
        for (const char *w = strchr(name, ' ') + 1; w < last; w += strcspn(w, " ") + 1)
                remember_as(h, w, strcspn(w, " "), e);
}

/* A capitalised word that is the last (or first) word of a person found earlier. */
static size_t known_surname(const struct mention_history *h, const struct token_list *tl, size_t i,
                            const struct entity **ret)
{
        const struct entity *e;

        if (!h->surnames || !tl->v[i].capitalized || !(e = strmap_get(h->surnames, token_norm(tl, i))))
                return 0;
        *ret = e;
        return 1;
}

/* What an entity found in the text is, beside its name. */
struct finding {
        enum entity_type type;
        const char *title;
        size_t title_len;
        char country[4];
};

static const struct entity *found_entity(struct mention_history *h, const char *name, size_t name_len,
                                         const struct finding *f)
{
        struct entity *e;

        for (size_t i = 0; i < h->n_found; i++)
                if (strlen(h->found[i]->name) == name_len && memcmp(h->found[i]->name, name, name_len) == 0)
                        return h->found[i];
        if (h->n_found >= MENTION_MAX_FOUND)
                return NULL; /* bounded: a hostile article cannot make the search quadratic */
        if (GREEDY_REALLOC(h->found, h->cap_found, h->n_found + 1) < 0 || !(e = calloc(1, sizeof(*e)))) {
                h->error = -ENOMEM;
                return NULL;
        }
        *e = (struct entity){ .name = strndup(name, name_len), .type = f->type, .tags = strdup(""),
                              .title = f->title_len ? strndup(f->title, f->title_len) : NULL, .discovered = true };
        if (!e->name || !e->tags || (f->title_len && !e->title)) { /* out of memory: the article fails */
                free(e->name);
                free(e->tags);
                free(e->title);
                free(e);
                h->error = -ENOMEM;
                return NULL;
        }
        memcpy(e->country, f->country, 4);
        h->found[h->n_found++] = e;
        if (f->type == ENTITY_PERSON)
                remember_surname(h, e);
        return e;
}

/* Whether token i is a word of lexicon class cls (false past the end). */
static bool word_in(const struct codebook *cb, const struct token_list *tl, size_t i, unsigned cls)
{
        return i < tl->n && tl->v[i].kind == TOKEN_WORD && (lexicon_word(cb->lexicon, token_norm(tl, i)) & cls);
}

/* The name words from i on that the gazetteer does not know: their end. */
static size_t unknown_name_end(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i)
{
        size_t start = i;

        for (;;) {
                while (name_word(cb, tl, i) && !known_at(cb, tl, text, i))
                        i++;
                /* "Joseph K. Nkosi": an initial inside the name */
                if (i > start && i + 2 < tl->n && token_is(tl, i, ".") && tl->v[i - 1].end - tl->v[i - 1].start == 1 &&
                    tl->v[i].start == tl->v[i - 1].end && name_word(cb, tl, i + 1))
                        i++;
                else
                        return i;
        }
}

/* "Deputy Foreign Minister", "Deputy Trade Minister": a title, then (up to
 * three capitalised words and) another title, are one title. Returns where the
 * title ends. */
static size_t after_titles(const struct codebook *cb, const struct token_list *tl, size_t j)
{
        for (int chained = 0; chained < 3; chained++) { /* bounded: "Mp Mp Mp ..." stays linear */
                size_t k = j, more;

                while (k < j + 3 && name_word(cb, tl, k))
                        k++;
                if (k >= tl->n || !tl->v[k].capitalized || !(more = lexicon_phrase_at(cb->lexicon, LEX_TITLE, tl, k)))
                        return j;
                j = k + more;
        }
        return j;
}

static bool entity_is_place_or_state(const struct entity *e)
{
        return entity_is_place(e) || entity_is_type(e, ENTITY_STATE);
}

/* "Luís Montenegro": a one-word state or place right after a given name is the
 * family name. Returns where the name ends. */
static size_t name_through_place(const struct codebook *cb, const struct token_list *tl, const char *text, size_t k)
{
        const struct entity *e;
        bool contextual;
        size_t end = k < tl->n ? gazetteer_match(cb->gazetteer, tl, text, k, &e, &contextual) : 0;

        if (end == k + 1 && tl->v[k].capitalized && entity_is_place_or_state(e) && !name_word(cb, tl, end))
                return end;
        return k;
}

/* "Foreign Ministry spokesman Georgiy Tykhiy": title words (with the capitalised
 * words before them), then a name the gazetteer does not know. */
static size_t person_after_title(const struct codebook *cb, const struct token_list *tl, const char *text,
                                 size_t i, struct mention_history *h, const struct mention_list *ml,
                                 const struct entity **ret)
{
        size_t len, from = i, title_end, j, k;
        struct finding f = { .type = ENTITY_PERSON };

        if (i > 0 && word_in(cb, tl, i - 1, LEX_TITLE))
                return 0; /* inside a chain of titles, tried from its first */
        if (!(len = lexicon_phrase_at(cb->lexicon, LEX_TITLE, tl, i)))
                return 0;
        j = title_end = after_titles(cb, tl, i + len);
        if (token_is(tl, j, ".") && tl->v[j].start == tl->v[j - 1].end && name_word(cb, tl, j + 1))
                j++; /* "Mr. Surname" */
        if (token_is(tl, j, ",") && name_word(cb, tl, j + 1))
                j++; /* "her counterpart, Park Seong-min," */
        if (known_at(cb, tl, text, j))
                return 0; /* "President Emmanuel Macron": the gazetteer knows him */
        k = unknown_name_end(cb, tl, text, j);
        if (k == j)
                return 0;
        k = name_through_place(cb, tl, text, k);
        while (from > 0 && tl->v[from - 1].kind == TOKEN_WORD && tl->v[from - 1].capitalized &&
               !(lexicon_word(cb->lexicon, token_norm(tl, from - 1)) & LEX_STOP_NAME) &&
               !known_at(cb, tl, text, from - 1))
                from--;
        person_country(cb, tl, from, title_end, ml, f.country);
        f.title = text + tl->v[from].start;
        f.title_len = tl->v[title_end - 1].end - tl->v[from].start;
        *ret = found_entity(h, text + tl->v[j].start, tl->v[k - 1].end - tl->v[j].start, &f);
        return *ret ? k - i : 0;
}

/* "Alexei Likhachev (CEO of Rosatom)": two or more name words, then a bracket
 * that opens with a title. */
static size_t person_with_bracket(const struct codebook *cb, const struct token_list *tl, const char *text,
                                  size_t i, struct mention_history *h, const struct mention_list *ml,
                                  const struct entity **ret)
{
        size_t k = i, close;
        struct finding f = { .type = ENTITY_PERSON };

        if (i > 0 && name_word(cb, tl, i - 1))
                return 0; /* not from the middle of a name */
        while (name_word(cb, tl, k) && (k == i || !known_at(cb, tl, text, k)))
                k++;
        if (k - i < 2 || k + 1 >= tl->n || !token_is(tl, k, "("))
                return 0;
        if (!lexicon_phrase_at(cb->lexicon, LEX_TITLE, tl, k + 1) && !tl->v[k + 1].all_caps)
                return 0;
        for (close = k + 1; close < tl->n && !token_is(tl, close, ")"); close++)
                ;
        if (close == tl->n)
                return 0;
        person_country(cb, tl, k + 1, close, ml, f.country);
        f.title = text + tl->v[k + 1].start;
        f.title_len = tl->v[close - 1].end - tl->v[k + 1].start;
        *ret = found_entity(h, text + tl->v[i].start, tl->v[k - 1].end - tl->v[i].start, &f);
        return *ret ? k - i : 0;
}

/* "the environmental group Zero": a lower-case descriptor noun, then a name the
 * gazetteer does not know; the noun is remembered for "the group" later. */
static size_t organisation_after_noun(const struct codebook *cb, const struct token_list *tl, const char *text,
                                      size_t i, struct mention_history *h, const struct entity **ret)
{
        struct finding f = { .type = word_in(cb, tl, i, LEX_NGO_NOUN) ? ENTITY_NGO : ENTITY_ORGANIZATION };
        size_t k;

        if (tl->v[i].capitalized || !word_in(cb, tl, i, LEX_NGO_NOUN | LEX_ORG_NOUN))
                return 0;
        k = unknown_name_end(cb, tl, text, i + 1);
        if (k == i + 1)
                return 0;
        *ret = found_entity(h, text + tl->v[i + 1].start, tl->v[k - 1].end - tl->v[i + 1].start, &f);
        if (!*ret)
                return 0;
        if ((!h->descriptors && !(h->descriptors = strmap_new())) ||
            strmap_put(h->descriptors, token_norm(tl, i), (void *)*ret) < 0)
                h->error = -ENOMEM;
        return k - i;
}

/* "the group", once a group was introduced by that noun: the most recent
 * organisation of its type named since (Human Rights Watch, named after the
 * group Zero, is "the group" then), else the one it introduced. */
static size_t organisation_by_noun(const struct codebook *cb, const struct token_list *tl, size_t i,
                                   const struct mention_history *h, const struct entity **ret)
{
        const struct entity *introduced;

        if (!h->descriptors || i == 0 || !token_is(tl, i - 1, "the") ||
            !word_in(cb, tl, i, LEX_NGO_NOUN | LEX_ORG_NOUN) || name_word(cb, tl, i + 1) ||
            !(introduced = strmap_get(h->descriptors, token_norm(tl, i))))
                return 0;
        *ret = introduced;
        for (size_t k = h->n_seen; k > window_start(h); k--)
                if (h->seen[k - 1] == introduced || entity_is_type(h->seen[k - 1], introduced->type)) {
                        *ret = h->seen[k - 1];
                        break;
                }
        return 1;
}

/* "Maria Kowalski said", "Maria Kowalski, who leads the delegation": two or more
 * name words the gazetteer does not know, then a reporting verb or a comma and
 * an apposition or a title ("Wanjiru Otieno, director of ..."), or after a
 * reporting verb ("said Wanjiru Otieno"). Ending in "Watch" or "Party", the
 * name is an organisation's, wherever it stands. */
static size_t name_before_verb(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                               struct mention_history *h, const struct mention_list *ml, const struct entity **ret)
{
        struct finding f = { .type = ENTITY_PERSON };
        size_t k;

        if (i > 0 && name_word(cb, tl, i - 1))
                return 0; /* not from the middle of a name: checked first, so a long run stays linear */
        k = unknown_name_end(cb, tl, text, i);
        /* "Tigris Centre for Detainee Rights", "Ministry of Foreign Affairs" */
        while (k - i >= 1 && word_in(cb, tl, k - 1, LEX_ORG_HEAD) && word_in(cb, tl, k, LEX_PREPOSITION) &&
               !tl->v[k].capitalized && unknown_name_end(cb, tl, text, k + 1) > k + 1 && k + 1 - i < 16)
                k = unknown_name_end(cb, tl, text, k + 1);
        if (k - i < 2)
                return 0; /* one word is too weak a clue */
        if (lexicon_phrase_at(cb->lexicon, LEX_INSTITUTION, tl, i))
                return 0; /* "Brazil's Foreign Ministry said": the state speaks */
        if (!word_in(cb, tl, k, LEX_REPORTING) && !(token_is(tl, k, ",") && word_in(cb, tl, k + 1, LEX_APPOSITION)) &&
            !word_in(cb, tl, k - 1, LEX_ORG_HEAD) && !(i > 0 && word_in(cb, tl, i - 1, LEX_REPORTING)) &&
            !(token_is(tl, k, ",") && lexicon_phrase_at(cb->lexicon, LEX_TITLE, tl, k + 1)))
                return 0; /* an organisation's name ("the National Civic Movement") needs no verb */
        if (word_in(cb, tl, k - 1, LEX_ORG_HEAD))
                f.type = ENTITY_ORGANIZATION;
        else
                person_country(cb, tl, k, k, ml, f.country);
        *ret = found_entity(h, text + tl->v[i].start, tl->v[k - 1].end - tl->v[i].start, &f);
        return *ret ? k - i : 0;
}

/* "the Hungarian government", "the Brazilian authorities": the state behind an
 * adjective of nationality followed by an institution. */
static size_t state_by_adjective(const struct codebook *cb, const struct token_list *tl, size_t i,
                                 const struct entity **ret)
{
        const struct entity *d = gazetteer_demonym(cb->gazetteer, token_norm(tl, i));
        size_t n;

        if (!d || i + 1 >= tl->n || !(n = lexicon_phrase_at(cb->lexicon, LEX_INSTITUTION, tl, i + 1)))
                return 0;
        *ret = d;
        return 1 + n;
}

/* "the Estonian Foreign Ministry": a body named with capitals is a government
 * entity of its own, of the state's country; "the Hungarian government", a
 * common noun, is the state itself (as seed-02 codes "the honor guard"). On
 * failure the state stands (h->error fails the article). */
static const struct entity *body_of_state(struct mention_history *h, const char *text, const struct token_list *tl,
                                          size_t from, size_t to, const struct entity *state)
{
        struct finding f = { .type = ENTITY_GOVERNMENT };
        const struct entity *e;

        if (!tl->v[to - 1].capitalized)
                return state;
        memcpy(f.country, state->country, 4);
        e = found_entity(h, text + tl->v[from].start, tl->v[to - 1].end - tl->v[from].start, &f);
        return e ? e : state;
}

static int add_name(const struct codebook *cb, const struct token_list *tl, const char *text, size_t *i,
                    struct mention_history *h, struct mention_list *out)
{
        struct mention m = { .tok_start = *i, .quoted = tl->v[*i].quoted };
        const struct entity *e = NULL;
        bool contextual = false;
        size_t end = gazetteer_match(cb->gazetteer, tl, text, *i, &e, &contextual), n;

        if (end && contextual && !seen_before(h, e))
                end = 0;
        /* "Montenegro said", once Luís Montenegro was named: the person, not the state */
        if (end == *i + 1 && entity_is_place_or_state(e) && (n = known_surname(h, tl, *i, &e)))
                end = *i + n;
        if (!end && (n = state_by_adjective(cb, tl, *i, &e)))
                end = *i + n, e = body_of_state(h, text, tl, *i, end, e);
        if (!end && (n = person_after_title(cb, tl, text, *i, h, out, &e)))
                end = *i + n, m.tok_start = end - 1; /* the mention is the name, not the title */
        if (!end && (n = person_with_bracket(cb, tl, text, *i, h, out, &e)))
                end = *i + n;
        if (!end && (n = organisation_by_noun(cb, tl, *i, h, &e)))
                end = *i + n;
        if (!end && (n = organisation_after_noun(cb, tl, text, *i, h, &e)))
                end = *i + n, m.tok_start = *i + 1; /* the mention is the name, not the noun */
        if (!end && (n = name_before_verb(cb, tl, text, *i, h, out, &e)))
                end = *i + n;
        /* last: "John Smith said" is a new John, not the John Kirby named before */
        if (!end && (n = known_surname(h, tl, *i, &e)))
                end = *i + n;
        if (!end)
                return 0;
        m.cand[m.n_cand++] = e;
        m.tok_end = end;
        /* a state right after "Place," only says where the place is */
        m.locative = out->n && out->v[out->n - 1].n_cand && entity_is_place(mention_entity(&out->v[out->n - 1])) &&
                     out->v[out->n - 1].tok_end + 1 == m.tok_start && token_is(tl, m.tok_start - 1, ",");
        *i = end - 1;
        return push(out, &m);
}

/* "the premier", "the minister": a lower-case title after "the" names the
 * person last named with that word in their title. */
static int person_by_title(const struct codebook *cb, const struct token_list *tl, size_t i,
                           const struct mention_history *h, struct mention_list *out)
{
        struct mention m = { .tok_start = i, .tok_end = i + 1, .pronoun = true, .quoted = tl->v[i].quoted };
        const char *word = token_norm(tl, i);

        if (i == 0 || !token_is(tl, i - 1, "the") || tl->v[i].capitalized || !word_in(cb, tl, i, LEX_TITLE) ||
            name_word(cb, tl, i + 1) || (i + 1 < tl->n && tl->v[i + 1].tag == TAG_NOUN))
                return 0;
        for (size_t k = h->n_seen; k > window_start(h) && !m.n_cand; k--) {
                const struct entity *e = h->seen[k - 1];

                if (entity_is_type(e, ENTITY_PERSON) && e->title && strcasestr(e->title, word))
                        add_candidate(&m, e);
        }
        return m.n_cand ? push(out, &m) : 0;
}

int mention_find(const struct codebook *cb, const struct token_list *tl, const char *text,
                 struct mention_history *h, struct mention_list *out)
{
        out->n = 0;
        for (size_t i = 0; i < tl->n; i++) {
                enum pronoun_kind kind;
                size_t before = out->n;
                int r;

                if (tl->v[i].kind != TOKEN_WORD)
                        continue;
                if ((r = add_name(cb, tl, text, &i, h, out)) < 0)
                        return r;
                if (h->error)
                        return h->error;
                if (out->n > before)
                        continue;
                if ((r = person_by_title(cb, tl, i, h, out)) < 0)
                        return r;
                if (out->n > before)
                        continue;
                kind = lexicon_pronoun(cb->lexicon, token_norm(tl, i));
                if (kind != PRONOUN_NONE) {
                        struct mention m = { .tok_start = i, .tok_end = i + 1, .pronoun = true,
                                             .quoted = tl->v[i].quoted };

                        if (kind == PRONOUN_GROUP)
                                resolve_group(h, out, &m);
                        else
                                resolve_recent(h, out, kind, &m);
                        if (m.n_cand && (r = push(out, &m)) < 0)
                                return r;
                }
        }
        return 0;
}

const struct entity *mention_noun_phrase(struct mention_history *h, const char *text, const struct token_list *tl,
                                         size_t from, size_t to, enum entity_type type)
{
        struct finding f = { .type = type };

        return found_entity(h, text + tl->v[from].start, tl->v[to - 1].end - tl->v[from].start, &f);
}

int mention_remember(struct mention_history *h, const struct mention_list *ml)
{
        h->last_subject = NULL;
        for (size_t i = 0; i < ml->n; i++) {
                const struct entity *e = mention_entity(&ml->v[i]);

                if (!e || ml->v[i].quoted)
                        continue;
                if (!h->last_subject && !entity_is_place(e))
                        h->last_subject = e;
                if (GREEDY_REALLOC(h->seen, h->cap_seen, h->n_seen + 1) < 0)
                        return -ENOMEM;
                h->seen[h->n_seen++] = e;
        }
        return 0;
}

void mention_history_done(struct mention_history *h)
{
        strmap_free(h->surnames);
        h->surnames = NULL;
        strmap_free(h->descriptors);
        h->descriptors = NULL;
        free(h->seen);
        h->seen = NULL;
        h->n_seen = h->cap_seen = 0;
}
