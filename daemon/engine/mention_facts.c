/* A sentence's facts for mention_find(), found in one pass over its tokens;
 * with them (and facts_may()) the finders asked at each word are asked only
 * where they may find something (most words start no alias, demonym or title). */
#include "mention_facts.h"

/* Whether a state is named at token k ("of" is at k - 1): as state_body() asks. */
static bool state_named_at(const struct codebook *cb, const struct token_list *tl, const char *text, size_t k)
{
        const struct entity *e;
        bool contextual;

        k += token_is(tl, k, "the");
        return k < tl->n && gazetteer_match(cb->gazetteer, tl, text, k, &e, &contextual) && !contextual &&
               entity_is_type(e, ENTITY_STATE);
}

void sentence_facts(const struct codebook *cb, const struct token_list *tl, const char *text,
                    struct sentence_facts *f)
{
        size_t n = tl->n;

        while (n && !(tl->v[n - 1].kind == TOKEN_WORD && tl->v[n - 1].capitalized))
                n--;
        f->caps = n;
        f->of_state = 0;
        f->acronym = f->bracket = false;
        f->title_everywhere = lexicon_phrase_everywhere(cb->lexicon);
        f->filters = gazetteer_filters(cb->gazetteer);
        for (size_t k = 0; k < tl->n; k++) { /* by the length first: most tokens are neither */
                size_t len = tl->v[k].norm_len;

                if (len > 2)
                        continue;
                if (len == 1 && token_norm(tl, k)[0] == '(') {
                        f->bracket = true;
                        if (k + 2 < tl->n && tl->v[k + 1].all_caps && token_is(tl, k + 2, ")"))
                                f->acronym = true;
                } else if (len == 2 && token_is(tl, k, "of") && state_named_at(cb, tl, text, k + 1)) {
                        f->of_state = k;
                }
        }
}
