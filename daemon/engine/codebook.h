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

/* What a loading thread does to its heap before the first part it loads
 * (prepare), and what is done with that once every part is loaded (release,
 * given what prepare returned, NULL included): the daemon puts the load on
 * huge pages (daemon/service/heap_huge.c). The caller's thread prepares in
 * codebook_load_start, before the loading thread starts, so the two prepares
 * never overlap (the daemon's change settings of the whole process for a
 * moment); both releases are the caller's thread's, in codebook_load_finish. */
struct codebook_heap {
        void *(*prepare)(void);
        void (*release)(void *prepared);
};

/* codebook_load in two steps, for a caller with other work meanwhile: start
 * begins loading on a thread of its own (-ENOMEM, or 0: finish must follow),
 * finish loads what is left on the caller's thread, waits for the rest and
 * returns as codebook_load would, freeing the loader either way. heap may be
 * NULL (the heap as it is). */
struct codebook_loader;
int codebook_load_start(const char *dir, const struct codebook_heap *heap, struct codebook_loader **ret);
int codebook_load_finish(struct codebook_loader *l, struct codebook **ret, struct parse_error *err);
void codebook_free(struct codebook *cb);

#endif
