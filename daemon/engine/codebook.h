/* The codebook: everything the extractor knows, loaded from one data directory
 * (lexicon.txt, gazetteer.txt, timex.txt, rules.txt) and WordNet. Built whole and swapped
 * whole, so a reload that fails leaves the old one in use. */
#ifndef HERALD_CODEBOOK_H
#define HERALD_CODEBOOK_H

#include "gazetteer.h"
#include "lexicon.h"
#include "internal/parse-error.h"
#include "lexical.h"
#include "rules.h"
#include "timex.h"

struct codebook {
        struct lexicon *lexicon;
        struct gazetteer *gazetteer;
        struct timex_rules *timex;
        struct rules *rules;
        struct lexical *lexical; /* WordNet, with its per-word cache (mutable: one thread extracts) */
};

int codebook_load(const char *dir, struct codebook **ret, struct parse_error *err);
void codebook_free(struct codebook *cb);

#endif
