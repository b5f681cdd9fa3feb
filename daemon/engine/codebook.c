/* Loads the four data files of a codebook directory; the first error stops the
 * load and names its file and line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "codebook.h"

int codebook_load(const char *dir, struct codebook **ret, struct parse_error *err)
{
        struct codebook *cb = calloc(1, sizeof(*cb));
        char path[4096];
        int r;

        if (!cb)
                return -ENOMEM;
        r = lexical_open(&cb->lexical, err);
        if (r >= 0) {
                snprintf(path, sizeof(path), "%s/lexicon.txt", dir);
                r = lexicon_load(path, &cb->lexicon, err);
        }
        if (r >= 0) {
                snprintf(path, sizeof(path), "%s/gazetteer.txt", dir);
                r = gazetteer_load(path, &cb->gazetteer, err);
        }
        if (r >= 0) {
                snprintf(path, sizeof(path), "%s/timex.txt", dir);
                r = timex_rules_load(path, &cb->timex, err);
        }
        if (r >= 0) {
                snprintf(path, sizeof(path), "%s/rules.txt", dir);
                r = rules_load(path, &cb->rules, err);
        }
        if (r < 0) {
                codebook_free(cb);
                return r;
        }
        *ret = cb;
        return 0;
}

void codebook_free(struct codebook *cb)
{
        if (!cb)
                return;
        lexicon_free(cb->lexicon);
        gazetteer_free(cb->gazetteer);
        timex_rules_free(cb->timex);
        rules_free(cb->rules);
        lexical_free(cb->lexical);
        free(cb);
}
