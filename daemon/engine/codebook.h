/* The codebook: everything the extractor knows, loaded from one data directory
 * (lexicon.txt, gazetteer.txt, timex.txt, rules.txt). Built whole and swapped
 * whole, so a reload that fails leaves the old one in use. */
#ifndef HERALD_CODEBOOK_H
#define HERALD_CODEBOOK_H

#include "gazetteer.h"
#include "lexicon.h"
#include "internal/parse-error.h"
#include "rules.h"
#include "timex.h"

struct codebook {
        struct lexicon *lexicon;
        struct gazetteer *gazetteer;
        struct timex_rules *timex;
        struct rules *rules;
};

int codebook_load(const char *dir, struct codebook **ret, struct parse_error *err);
void codebook_free(struct codebook *cb);

#endif
