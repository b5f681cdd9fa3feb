/* WordNet's files searched in memory: the binary search of a sorted file
 * (binsrch.c's bin_search) over its mapped bytes, and WordNet's morphology
 * (morph.c's morphstr) over the mapped exception and index files, so a new
 * word costs no system call and no stdio. Private to lexical.c and its tests. */
#ifndef HERALD_LEXICAL_MORPH_H
#define HERALD_LEXICAL_MORPH_H

#include <stdbool.h>
#include <stddef.h>

#define LEXICAL_MORPH_BUF 256 /* WordNet's WORDBUF: a word or its base form */

/* A database file's bytes (NULL when it could not be mapped). */
struct wn_file {
        const char *bytes;
        size_t size;
};

/* The line of f whose first field (up to a space) is `word`, found with the
 * probes WordNet's bin_search() makes, so it answers as that does; NULL if none. */
const char *wn_file_search(const struct wn_file *f, const char *word);

/* Maps the exception files (noun.exc ...) from the directory WordNet reads
 * (WNSEARCHDIR, else WNHOME/dict, else /usr/share/wordnet) and takes the index
 * files, index[1..4] by WordNet's pos number, mapped by the caller. Without any
 * of them lexical_morph() is WordNet's own morphstr(). Once per process. */
void lexical_morph_open(const struct wn_file *index);

/* morphstr(word, pos)'s first base form (pos: NOUN, VERB, ADJ, ADV), written
 * into out[LEXICAL_MORPH_BUF], or NULL when there is none. */
const char *lexical_morph(const char *word, int pos, char *out);

/* Whether lexical_morph() works from the mapped files (false: the library's). */
bool lexical_morph_in_memory(void);

#endif
