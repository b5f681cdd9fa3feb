/* Names the gazetteer does not know, found by their context: a bracket after
 * them (a title before them is titles.c's), a descriptor noun
 * ("the environmental group Zero", later "the group"), a reporting verb or
 * apposition after two or more capitalised words ("Maria Kowalski said"), and a
 * part of a person's name found before ("Mora Solano", "Mr. Benitez"). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal/alloc.h"
#include "lexical.h"
#include "names.h"
#include "tagger.h"


static bool particle(const struct codebook *cb, const struct token_list *tl, size_t i)
{
        return tl->v[i].kind == TOKEN_WORD && !tl->v[i].capitalized &&
               (tagger_word_class(cb, tl, i) & LEX_NAME_PARTICLE);
}

/* A lower-case particle in a run of up to three between two capitalised words:
 * "bin", "de la", "van der". */
bool names_particle_between(const struct codebook *cb, const struct token_list *tl, size_t i)
{
        size_t from = i, to = i;

        if (!particle(cb, tl, i))
                return false;
        while (from > 0 && i - from < 3 && particle(cb, tl, from - 1))
                from--;
        while (to + 1 < tl->n && to - i < 3 && particle(cb, tl, to + 1))
                to++;
        return from > 0 && to + 1 < tl->n && tl->v[from - 1].capitalized && tl->v[from - 1].kind == TOKEN_WORD &&
               tl->v[to + 1].capitalized && tl->v[to + 1].kind == TOKEN_WORD;
}

bool names_known_at(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i)
{
        const struct entity *e;
        bool contextual;

        return i < tl->n && gazetteer_match(cb->gazetteer, tl, text, i, &e, &contextual) > 0;
}

/* The country of a person found by title: a demonym in the title, else the
 * nearest actor with a country named before in the sentence. */
void names_person_country(const struct codebook *cb, const struct token_list *tl, size_t from, size_t to,
                          const struct mention_list *ml, char country[4])
{
        for (size_t i = from, len; i < to; i++) {
                const struct entity *d = gazetteer_demonym_at(cb->gazetteer, tl, i, &len);

                if (d && d->country[0]) {
                        memcpy(country, d->country, 4);
                        return;
                }
        }
        for (size_t i = ml->n; i > 0; i--) {
                const struct entity *e = mention_entity(&ml->v[i - 1]);

                if (ml->v[i - 1].where || ml->v[i - 1].locative)
                        continue; /* "DUSHANBE — The Taliban's chief justice": where, not whose */
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
size_t names_known_surname(const struct mention_history *h, const struct token_list *tl, size_t i,
                            const struct entity **ret)
{
        const struct entity *e;

        if (!h->surnames || !tl->v[i].capitalized || !(e = token_map_norm(h->surnames, tl, i)))
                return 0;
        *ret = e;
        return 1;
}

/* Whether name[0..len) is a run of whole words of full: "Mora Solano" of "Ana
 * Lucía Mora Solano". */
static bool words_of(const char *full, const char *name, size_t len)
{
        for (const char *p = full; p; p = strchr(p, ' '), p = p ? p + 1 : NULL)
                if (strncasecmp(p, name, len) == 0 && (p[len] == ' ' || !p[len])) /* "WHITMORE:" */
                        return true;
        return false;
}

/* The person found before whose name holds name as whole words, or NULL. */
static const struct entity *person_of_part(const struct mention_history *h, const char *name, size_t len)
{
        for (size_t i = 0; i < h->n_found; i++)
                if (entity_is_type(h->found[i], ENTITY_PERSON) && words_of(h->found[i]->name, name, len))
                        return h->found[i];
        return NULL;
}

/* A name found in the text: the entity found before under that name, or a
 * person's part ("Mr. Dela Paz" after "Ramon Dela Paz"), or a new entity. */
const struct entity *names_found_entity(struct mention_history *h, const char *name, size_t name_len,
                                        const struct names_finding *f)
{
        const struct entity *known;
        struct entity *e;

        for (size_t i = 0; i < h->n_found; i++)
                if (strlen(h->found[i]->name) == name_len && memcmp(h->found[i]->name, name, name_len) == 0)
                        return h->found[i];
        if (f->type == ENTITY_PERSON && (known = person_of_part(h, name, name_len)))
                return known;
        if (h->n_found >= MENTION_MAX_FOUND)
                return NULL; /* bounded: a hostile article cannot make the search quadratic */
        if (GREEDY_REALLOC(h->found, h->cap_found, h->n_found + 1) < 0 || !(e = calloc(1, sizeof(*e)))) {
                h->error = -ENOMEM;
                return NULL;
        }
        *e = (struct entity){ .name = strndup(name, name_len), .type = f->type, .tags = strdup(f->tags ? f->tags : ""),
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

/* The name words from i on that the gazetteer does not know: their end. */
size_t names_unknown_end(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i)
{
        size_t start = i;

        for (;;) {
                while (names_word(cb, tl, i) && !names_known_at(cb, tl, text, i))
                        i++;
                /* "Joseph K. Nkosi": an initial inside the name */
                if (i > start && i + 2 < tl->n && token_is(tl, i, ".") && tl->v[i - 1].end - tl->v[i - 1].start == 1 &&
                    tl->v[i].start == tl->v[i - 1].end && names_word(cb, tl, i + 1))
                        i++;
                else
                        return i;
        }
}

size_t names_known_part(const struct codebook *cb, const struct mention_history *h, const struct token_list *tl,
                        const char *text, size_t i, size_t run, const struct entity **ret)
{
        size_t k = run;

        if ((i > 0 && names_word(cb, tl, i - 1)) || k < i + 2)
                return 0;
        *ret = person_of_part(h, text + tl->v[i].start, tl->v[k - 1].end - tl->v[i].start);
        return *ret ? k - i : 0;
}

/* A capitalised word WordNet knows ("Foreign", "Affairs", "Energy"): in a
 * title's "of" phrase it names the office, where a given name ("Ayman") starts
 * the person. */
static bool office_word(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i)
{
        const struct lexeme *l;

        if (i >= tl->n || tl->v[i].kind != TOKEN_WORD || !tl->v[i].capitalized || names_known_at(cb, tl, text, i))
                return false; /* "the government of Chad": a state is no office */
        l = lexical_lookup_at(cb->lexical, tl, i);
        return l && l->pos;
}

/* "Minister of Foreign Affairs and Expatriates", "Minister for the Pacific":
 * the "of" or "for" phrase of a title, of office words (and "and", "the"). Its
 * end, or j when there is none. */
size_t names_office_phrase(const struct codebook *cb, const struct token_list *tl, const char *text, size_t j)
{
        size_t k = j + 1, end = j;

        if (!(token_is(tl, j, "of") || token_is(tl, j, "for")))
                return j;
        if (token_is(tl, k, "the"))
                k++;
        for (; k < tl->n && k < j + 8; k++) { /* bounded */
                if (office_word(cb, tl, text, k))
                        end = k + 1;
                else if (!(token_is(tl, k, "and") && office_word(cb, tl, text, k + 1)))
                        break;
        }
        return end;
}

/* A one-word contextual alias ("Court" of "the Court") that heads an organisation's name. */
static bool contextual_head(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i)
{
        const struct entity *e;
        bool contextual = false;

        return names_word_in(cb, tl, i, LEX_ORG_HEAD) && tl->v[i].capitalized &&
               gazetteer_match(cb->gazetteer, tl, text, i, &e, &contextual) == i + 1 && contextual;
}

size_t names_body_at(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i)
{
        size_t k = i + lexicon_phrase_at(cb->lexicon, LEX_INSTITUTION, tl, i);

        if (k == i && i < tl->n && tl->v[i].capitalized) { /* "Foreign Office", "Treasury Department" */
                size_t run = names_unknown_end(cb, tl, text, i);

                if (run > i && contextual_head(cb, tl, text, run))
                        run++; /* "Supreme Federal Court": "Court" alone is only a contextual alias */

                if (run > i && run <= i + 4 && names_word_in(cb, tl, run - 1, LEX_ORG_HEAD))
                        k = run;
        }
        return k == i ? 0 : names_office_phrase(cb, tl, text, k) - i;
}

bool names_is_place_or_state(const struct entity *e)
{
        return entity_is_place(e) || entity_is_type(e, ENTITY_STATE);
}

/* "Alexei Likhachev (CEO of Rosatom)": two or more name words, then a bracket
 * that opens with a title. */
size_t names_person_with_bracket(const struct codebook *cb, const struct token_list *tl, const char *text,
                                  size_t i, struct mention_history *h, const struct mention_list *ml,
                                  const struct entity **ret)
{
        size_t k = i, close;
        struct names_finding f = { .type = ENTITY_PERSON };

        if (i > 0 && names_word(cb, tl, i - 1))
                return 0; /* not from the middle of a name */
        while (names_word(cb, tl, k) && (k == i || !names_known_at(cb, tl, text, k)))
                k++;
        if (k - i < 2 || k + 1 >= tl->n || !token_is(tl, k, "("))
                return 0;
        if (!lexicon_phrase_at(cb->lexicon, LEX_TITLE, tl, k + 1) && !tl->v[k + 1].all_caps)
                return 0;
        for (close = k + 1; close < tl->n && !token_is(tl, close, ")"); close++)
                ;
        if (close == tl->n)
                return 0;
        names_person_country(cb, tl, k + 1, close, ml, f.country);
        f.title = text + tl->v[k + 1].start;
        f.title_len = tl->v[close - 1].end - tl->v[k + 1].start;
        *ret = names_found_entity(h, text + tl->v[i].start, tl->v[k - 1].end - tl->v[i].start, &f);
        return *ret ? k - i : 0;
}

/* "the environmental group Zero": a lower-case descriptor noun, then a name the
 * gazetteer does not know; the noun is remembered for "the group" later. */
size_t names_organisation_after_noun(const struct codebook *cb, const struct token_list *tl, const char *text,
                                      size_t i, struct mention_history *h, const struct entity **ret)
{
        struct names_finding f = { .type = ENTITY_ORGANIZATION };
        size_t k;

        /* asked at most words: the finding is made only past this test */
        if (tl->v[i].capitalized || !names_word_in(cb, tl, i, LEX_NGO_NOUN | LEX_ORG_NOUN))
                return 0;
        k = names_unknown_end(cb, tl, text, i + 1);
        if (k == i + 1)
                return 0;
        if (names_word_in(cb, tl, i, LEX_NGO_NOUN))
                f.type = ENTITY_NGO;
        *ret = names_found_entity(h, text + tl->v[i + 1].start, tl->v[k - 1].end - tl->v[i + 1].start, &f);
        if (!*ret)
                return 0;
        if ((!h->descriptors && !(h->descriptors = strmap_new())) ||
            strmap_put(h->descriptors, token_norm(tl, i), (void *)*ret) < 0)
                h->error = -ENOMEM;
        return k - i;
}

/* "the ruling Georgian Dream party", "the Wagner group": a name the gazetteer
 * does not know, then a lower-case organisation noun, is that organisation; a
 * demonym alone ("a Chinese company") is none. The noun is remembered as above. */
size_t names_organisation_before_noun(const struct codebook *cb, const struct token_list *tl, const char *text,
                                      size_t i, size_t run, struct mention_history *h, const struct entity **ret)
{
        struct names_finding f = { .type = ENTITY_ORGANIZATION };
        size_t k = run, len;

        if ((i > 0 && names_word(cb, tl, i - 1)) || !tl->v[i].capitalized || tl->v[i].all_caps)
                return 0; /* not from the middle of a name */
        if (k == i || k >= tl->n || tl->v[k].capitalized || !names_word_in(cb, tl, k, LEX_NGO_NOUN | LEX_ORG_NOUN) ||
            (gazetteer_demonym_at(cb->gazetteer, tl, i, &len) && i + len == k))
                return 0;
        if (names_word_in(cb, tl, k, LEX_NGO_NOUN))
                f.type = ENTITY_NGO;
        *ret = names_found_entity(h, text + tl->v[i].start, tl->v[k - 1].end - tl->v[i].start, &f);
        if (!*ret)
                return 0;
        if ((!h->descriptors && !(h->descriptors = strmap_new())) ||
            strmap_put(h->descriptors, token_norm(tl, k), (void *)*ret) < 0)
                h->error = -ENOMEM;
        return k + 1 - i;
}

void names_apposed_noun(const struct codebook *cb, const struct token_list *tl, size_t end, struct mention_history *h,
                        const struct entity *e)
{
        if (!token_is(tl, end, ",") || !names_word_in(cb, tl, end + 1, LEX_APPOSITION))
                return;
        for (size_t k = end + 2; k < tl->n && k < end + 7; k++) {
                if (tl->v[k].kind != TOKEN_WORD)
                        return;
                if (!tl->v[k].capitalized && names_word_in(cb, tl, k, LEX_NGO_NOUN | LEX_ORG_NOUN) &&
                    (k + 1 == tl->n || tl->v[k + 1].kind != TOKEN_WORD)) {
                        if ((!h->descriptors && !(h->descriptors = strmap_new())) ||
                            strmap_put(h->descriptors, token_norm(tl, k), (void *)e) < 0)
                                h->error = -ENOMEM;
                        return;
                }
        }
}

/* "the group", once a group was introduced by that noun: the most recent
 * organisation of its type named since (Human Rights Watch, named after the
 * group Zero, is "the group" then), else the one it introduced. */
size_t names_organisation_by_noun(const struct codebook *cb, const struct token_list *tl, size_t i,
                                   const struct mention_history *h, const struct entity **ret)
{
        const struct entity *introduced;

        if (!h->descriptors || i == 0 || !token_is(tl, i - 1, "the") ||
            !names_word_in(cb, tl, i, LEX_NGO_NOUN | LEX_ORG_NOUN) || names_word(cb, tl, i + 1) ||
            !(introduced = token_map_norm(h->descriptors, tl, i)))
                return 0;
        *ret = introduced;
        for (size_t k = h->n_seen; k > mention_window_start(h); k--)
                if (h->seen[k - 1] == introduced || entity_is_type(h->seen[k - 1], introduced->type)) {
                        *ret = h->seen[k - 1];
                        break;
                }
        return 1;
}

static void remember_descriptor(struct mention_history *h, const char *noun, const struct entity *e)
{
        if ((!h->descriptors && !(h->descriptors = strmap_new())) || strmap_put(h->descriptors, noun, (void *)e) < 0)
                h->error = -ENOMEM;
}

void names_body_head(const struct codebook *cb, const struct token_list *tl, size_t from, size_t to,
                     struct mention_history *h, const struct entity *state)
{
        for (size_t k = from; k < to; k++)
                if (names_word_in(cb, tl, k, LEX_ORG_HEAD)) {
                        remember_descriptor(h, token_norm(tl, k), state);
                        return;
                }
}

/* Whether the last word of name is word (of len bytes), in any case. */
static bool last_word_is(const char *name, const char *word, size_t len)
{
        const char *last = strrchr(name, ' ');

        last = last ? last + 1 : name;
        return strlen(last) == len && strncasecmp(last, word, len) == 0;
}

/* "The Council", "the ministry": after "the", an organisation's head noun with
 * no name after it is the body whose name ends in it named most often lately
 * (a communiqué's "the Council" stays its author when it names another council
 * once), the last of equals; else the state whose body was named with that
 * noun ("Israel's Foreign Ministry"). */
size_t names_body_by_head(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                          const struct mention_history *h, const struct entity **ret)
{
        const char *word = text + tl->v[i].start;
        size_t len = tl->v[i].end - tl->v[i].start;

        if (i == 0 || !token_is(tl, i - 1, "the") || !names_word_in(cb, tl, i, LEX_ORG_HEAD) ||
            names_word(cb, tl, i + 1) || token_is(tl, i + 1, "of"))
                return 0;
        const struct entity *tried[4];
        size_t best = 0, n_tried = 0;

        for (size_t k = h->n_seen; k > mention_window_start(h) && n_tried < 4; k--) {
                const struct entity *e = h->seen[k - 1];
                size_t count = 0, t;

                if (entity_is_type(e, ENTITY_PERSON) || names_is_place_or_state(e) || !last_word_is(e->name, word, len))
                        continue;
                for (t = 0; t < n_tried && tried[t] != e; t++)
                        ;
                if (t < n_tried)
                        continue; /* counted once: a long article's many "the Council"s stay cheap */
                tried[n_tried++] = e;
                for (size_t j = mention_window_start(h); j < h->n_seen; j++) /* bounded by the window */
                        count += h->seen[j] == e;
                if (count > best)
                        best = count, *ret = e;
        }
        if (!best && h->descriptors && (*ret = token_map_norm(h->descriptors, tl, i)))
                best = 1;
        return best ? 1 : 0;
}

/* "Maria Kowalski said", "Maria Kowalski, who leads the delegation": two or more
 * name words the gazetteer does not know, then a reporting verb or a comma and
 * an apposition or a title ("Wanjiru Otieno, director of ..."), or after a
 * reporting verb ("said Wanjiru Otieno"). Ending in "Watch" or "Party", the
 * name is an organisation's, wherever it stands. */
size_t names_before_verb(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                         size_t run, struct mention_history *h, const struct mention_list *ml,
                         const struct entity **ret)
{
        struct names_finding f = { .type = ENTITY_PERSON };
        size_t k = run;

        if (i > 0 && names_word(cb, tl, i - 1))
                return 0; /* not from the middle of a name: checked first, so a long run stays linear */
        /* "Tigris Centre for Detainee Rights", "Ministry of Foreign Affairs" */
        while (k - i >= 1 && names_word_in(cb, tl, k - 1, LEX_ORG_HEAD) && names_word_in(cb, tl, k, LEX_PREPOSITION) &&
               !tl->v[k].capitalized && names_unknown_end(cb, tl, text, k + 1) > k + 1 && k + 1 - i < 16)
                k = names_unknown_end(cb, tl, text, k + 1);
        if (k - i < 2)
                return 0; /* one word is too weak a clue */
        if (lexicon_phrase_at(cb->lexicon, LEX_INSTITUTION, tl, i))
                return 0; /* "Brazil's Foreign Ministry said": the state speaks */
        if (!names_word_in(cb, tl, k, LEX_REPORTING) &&
            !(token_is(tl, k, ",") && names_word_in(cb, tl, k + 1, LEX_APPOSITION)) &&
            !names_word_in(cb, tl, k - 1, LEX_ORG_HEAD) && !(i > 0 && names_word_in(cb, tl, i - 1, LEX_REPORTING)) &&
            !(token_is(tl, k, ",") && lexicon_phrase_at(cb->lexicon, LEX_TITLE, tl, k + 1)))
                return 0; /* an organisation's name ("the National Civic Movement") needs no verb */
        if (names_word_in(cb, tl, k - 1, LEX_ORG_HEAD))
                f.type = ENTITY_ORGANIZATION;
        else
                names_person_country(cb, tl, k, k, ml, f.country);
        *ret = names_found_entity(h, text + tl->v[i].start, tl->v[k - 1].end - tl->v[i].start, &f);
        return *ret ? k - i : 0;
}

/* Whether a demonym or a state's name at token i comes before a body of the
 * state ("American officials", "U.S. delegations"): its end, or 0. */
static size_t state_before_body(const struct codebook *cb, const struct token_list *tl, const char *text,
                                size_t i)
{
        const struct entity *e;
        size_t len = 0, end;
        bool contextual;

        if (i >= tl->n)
                return 0;
        if (!gazetteer_demonym_at(cb->gazetteer, tl, i, &len)) {
                if (!(end = gazetteer_match(cb->gazetteer, tl, text, i, &e, &contextual)) || contextual ||
                    !entity_is_type(e, ENTITY_STATE))
                        return 0;
                len = end - i;
        }
        return len && lexicon_phrase_at(cb->lexicon, LEX_INSTITUTION, tl, i + len) ? i + len : 0;
}

/* "the Hungarian government", "the Brazilian authorities": the state behind an
 * adjective of nationality followed by an institution. */
size_t names_state_by_adjective(const struct codebook *cb, const struct token_list *tl, const char *text, size_t i,
                                 const struct entity **ret)
{
        size_t len, n;
        const struct entity *d = gazetteer_demonym_at(cb->gazetteer, tl, i, &len);

        if (!d || i + len >= tl->n)
                return 0;
        if ((n = lexicon_phrase_at(cb->lexicon, LEX_INSTITUTION, tl, i + len)) ||
            (token_is(tl, i + len, "and") && state_before_body(cb, tl, text, i + len + 1))) {
                *ret = d; /* "Mexican and U.S. officials": the first state is a mention of its own */
                return len + n;
        }
        return 0;
}

/* "the Estonian Foreign Ministry": a body named with capitals is a government
 * entity of its own, of the state's country; "the Hungarian government", a
 * common noun, is the state itself (as seed-02 codes "the honor guard"). On
 * failure the state stands (h->error fails the article). */
const struct entity *names_body_of_state(struct mention_history *h, const char *text, const struct token_list *tl,
                                          size_t from, size_t to, const struct entity *state)
{
        struct names_finding f = { .type = ENTITY_GOVERNMENT };
        const struct entity *e;

        if (!tl->v[to - 1].capitalized)
                return state;
        memcpy(f.country, state->country, 4);
        e = names_found_entity(h, text + tl->v[from].start, tl->v[to - 1].end - tl->v[from].start, &f);
        return e ? e : state;
}

const struct entity *mention_noun_phrase(struct mention_history *h, const char *text, const struct token_list *tl,
                                         size_t from, size_t to, enum entity_type type)
{
        struct names_finding f = { .type = type };

        return names_found_entity(h, text + tl->v[from].start, tl->v[to - 1].end - tl->v[from].start, &f);
}

const struct entity *names_tagged_body(const struct codebook *cb, struct mention_history *h, const char *text,
                                       const struct token_list *tl, size_t from, size_t to,
                                       const struct entity *state)
{
        struct names_finding f = { .type = ENTITY_GOVERNMENT };
        const struct entity *e;
        size_t head = from;

        while (head + 1 < to && !token_is(tl, head + 1, "of") && !token_is(tl, head + 1, "for") &&
               !token_is(tl, head + 1, "on"))
                head++;
        if (!tl->v[head].capitalized ||
            !(f.tags = gazetteer_head_tags(cb->gazetteer, text + tl->v[head].start,
                                           tl->v[head].end - tl->v[head].start)))
                return state;
        /* a ministry acts for its state (it keeps the state's country); a court
         * judges its own state's government, which a shared country would bar
         * as the target */
        if (entity_has_tag(&(struct entity){ .tags = (char *)f.tags, .type = ENTITY_GOVERNMENT }, "ministry"))
                memcpy(f.country, state->country, 4);
        e = names_found_entity(h, text + tl->v[from].start, tl->v[to - 1].end - tl->v[from].start, &f);
        return e ? e : state;
}
