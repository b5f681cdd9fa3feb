/* An article in memory: its header fields, its paragraphs (headings marked) and
 * sentences as byte ranges of the original text. Pure: memory in, values out. */
#ifndef HERALD_ARTICLE_H
#define HERALD_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>

#include "lexicon.h"
#include "internal/parse-error.h"

#define ARTICLE_ID_MAX 64
#define ARTICLE_DEFAULT_MAX_SIZE (1u << 20)
#define ARTICLE_HEADER_MAX 512 /* bytes of one header value */

#define SENTENCE_NONE ((size_t)-1)

struct sentence {
        size_t start, end; /* byte offsets into article->text */
        /* A quotation of several sentences is cut into them; each keeps the whole
         * quotation's bytes (between its marks) and the index, in its paragraph,
         * of the sentence that names the speaker (SENTENCE_NONE if none does).
         * quote_start == quote_end for every other sentence. */
        size_t quote_start, quote_end;
        size_t speaker;
};

struct paragraph {
        size_t start, end;
        bool heading; /* a short line without final punctuation: context, not events */
        struct sentence *sentences; /* n_sentences of the article's one array (below) */
        size_t n_sentences;
};

struct article {
        char *text; /* the whole file, NUL-terminated */
        size_t len;
        char id[ARTICLE_ID_MAX + 1];
        char date[11]; /* the document creation time, YYYY-MM-DD */
        char *title, *source, *url, *language;
        struct paragraph *paragraphs;
        size_t n_paragraphs, cap_paragraphs;
        /* Every paragraph's sentences, in order, in one array: one allocation per
         * paragraph (at least 640 bytes each, a page fault every six) cost a
         * tenth of the extraction's time on an article of 30 000 paragraphs. */
        struct sentence_list {
                struct sentence *v;
                size_t n, cap;
        } sentences;
};

struct article_options {
        const char *name;          /* file name: gives the id when there is no Id: header */
        const char *fallback_date; /* YYYY-MM-DD when there is no Date: header (--date, mtime) */
        size_t max_size;           /* 0 = ARTICLE_DEFAULT_MAX_SIZE */
};

/* Parses `text` (len bytes, NUL-terminated; ownership passes to the article even
 * on failure). On a bad article returns -EINVAL with err->message saying why. */
int article_parse(char *text, size_t len, const struct article_options *opts, const struct lexicon *lex,
                  struct article **ret, struct parse_error *err);
void article_free(struct article *a);

/* Turns any string into an id: lower case, [a-z0-9-], at most ARTICLE_ID_MAX. */
void article_slugify(const char *name, char out[ARTICLE_ID_MAX + 1]);

/* Whether s is a real calendar date written YYYY-MM-DD. */
bool article_date_valid(const char *s);

#endif
