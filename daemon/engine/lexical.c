/* WordNet behind a cache. The database is opened once per process: its index
 * files mapped by herald, the library's wninit() only when they or the
 * exception files cannot be. Each distinct word costs one search of the index
 * files and up to four of morphstr()'s (lexical_morph.c: over the mapped files,
 * no stdio), after which it is a hash look-up. The cache is bounded: past
 * LEXICAL_MAX_CACHED words a look-up goes to the database every time. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <wn.h>

#include "lexical.h"
#include "lexical_morph.h"
#include "lexicon.h"
#include "strmap.h"

#define LEXICAL_MAX_CACHED 200000

struct lexical {
        struct strmap *cache; /* word -> struct lexeme * */
        struct lexeme scratch; /* the answer when the cache is full */
        char *scratch_lemma[LEXICAL_N_POS];
};

static const int wn_pos[LEXICAL_N_POS] = { NOUN, VERB, ADJ, ADV };

/* Where the WordNet library looks, for the error message. */
static void search_dir(char *buf, size_t size)
{
        const char *dir = getenv("WNSEARCHDIR"), *home = getenv("WNHOME");

        if (dir && *dir)
                snprintf(buf, size, "%s (WNSEARCHDIR)", dir);
        else if (home && *home)
                snprintf(buf, size, "%s/dict (WNHOME)", home);
        else
                snprintf(buf, size, "/usr/share/wordnet");
}

/* An index file's bytes, mapped (NULL when the file could not be). */
static struct wn_file index_map[NUMPARTS + 1];

/* The streams' buffers: they live as the streams do, for the process, and are
 * kept here so that they stay reachable (a leak checker sees them held). */
static char *stream_buffers[2 * (NUMPARTS + 1)];
static size_t n_stream_buffers;

/* A stream over the file's bytes mapped into memory, in place of fp (closed);
 * fp itself when that cannot be done (then slower, not wrong). The mapping
 * lives as long as the stream: the process, as the library keeps its files.
 * *bytes and *size are set to the mapping when there is one. */
static FILE *stream_in_memory(FILE *fp, size_t buffer, const char **bytes, size_t *size)
{
        struct stat st;
        char *buf = NULL;
        FILE *mem = NULL;
        void *map;

        if (!fp || fstat(fileno(fp), &st) < 0 || st.st_size <= 0)
                return fp;
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fileno(fp), 0);
        if (map == MAP_FAILED)
                return fp;
        /* setvbuf() sizes a buffer only when given one */
        if (!(buf = malloc(buffer)) || !(mem = fmemopen(map, (size_t)st.st_size, "r")) ||
            setvbuf(mem, buf, _IOFBF, buffer) != 0) {
                if (mem)
                        fclose(mem);
                free(buf);
                munmap(map, (size_t)st.st_size);
                return fp;
        }
        fclose(fp);
        if (n_stream_buffers < sizeof(stream_buffers) / sizeof(stream_buffers[0]))
                stream_buffers[n_stream_buffers++] = buf;
        *bytes = map;
        *size = (size_t)st.st_size;
        return mem;
}

/* WordNet answers a look-up by binary search over its index files with fseek
 * and fgets, and reads each sense's synset from the data files the same way:
 * a system call or two at every step on a real file. Over a mapping, a seek
 * costs none and only the pages touched are read; small stream buffers, since
 * each seek refills the buffer to read about one line. */
static void index_in_memory(void)
{
        static bool done;
        const char *unused;
        size_t unused_size;

        if (done)
                return;
        done = true;
        for (int pos = 1; pos <= NUMPARTS; pos++) {
                if (index_map[pos].bytes) /* herald's own mapping (index_mapped) */
                        indexfps[pos] = stream_in_memory(indexfps[pos], 128, &unused, &unused_size);
                else
                        indexfps[pos] = stream_in_memory(indexfps[pos], 128, &index_map[pos].bytes,
                                                         &index_map[pos].size);
                datafps[pos] = stream_in_memory(datafps[pos], 256, &unused, &unused_size);
        }
        lexical_morph_open(index_map);
}

/* The directory the library reads (and lexical_morph_open), in buf[0..size). */
static void dict_dir(char *buf, size_t size)
{
        const char *env;

        if ((env = getenv("WNSEARCHDIR")))
                snprintf(buf, size, "%s", env);
        else if ((env = getenv("WNHOME")))
                snprintf(buf, size, "%s/dict", env);
        else
                snprintf(buf, size, "/usr/share/wordnet");
}

/* The four index files mapped by herald itself, without the library: what
 * lexical_in_index() and lexical_morph() read. wninit() also opens the data
 * files, the sense indexes and the exception files as streams (23 opens, 8
 * mappings and their buffers at every start) that herald's own readers never
 * use. All four or none: false leaves index_map empty. */
static bool index_mapped(void)
{
        static const char *const names[NUMPARTS + 1] = { NULL, "noun", "verb", "adj", "adv" };
        char dir[256], path[512];

        dict_dir(dir, sizeof(dir));
        for (int pos = 1; pos <= NUMPARTS; pos++) {
                struct stat st;
                void *map = MAP_FAILED;
                int fd;

                snprintf(path, sizeof(path), "%s/index.%s", dir, names[pos]);
                if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
                        if (fstat(fd, &st) == 0 && st.st_size > 0)
                                map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
                        close(fd);
                }
                if (map == MAP_FAILED) {
                        for (int i = 1; i < pos; i++)
                                munmap((void *)index_map[i].bytes, index_map[i].size);
                        memset(index_map, 0, sizeof(index_map));
                        return false;
                }
                index_map[pos] = (struct wn_file){ map, (size_t)st.st_size };
        }
        return true;
}

/* The database, once per process: herald's own mappings when every file it
 * reads is there (then the library is never asked), else the library's
 * wninit() and its streams over mappings, as before. */
static int database_open(void)
{
        static bool opened; /* a failure is tried again next time (WNSEARCHDIR may change) */

        if (opened)
                return 0;
        if (!index_map[NOUN].bytes && index_mapped())
                lexical_morph_open(index_map);
        if (!lexical_morph_in_memory()) {
                if (wninit() != 0)
                        return -ENOENT;
                index_in_memory();
        }
        opened = true;
        return 0;
}

unsigned lexical_in_index(const char *word)
{
        unsigned bits = 0;

        for (int pos = 1; pos <= NUMPARTS; pos++) {
                if (!index_map[pos].bytes) /* not mapped: the library's search */
                        bits |= in_wn((char *)word, pos);
                else if (wn_file_search(&index_map[pos], word))
                        bits |= bit(pos);
        }
        return bits;
}

int lexical_open(struct lexical **ret, struct parse_error *err)
{
        struct lexical *lx;

        if (database_open() < 0) {
                if (err) {
                        search_dir(err->file, sizeof(err->file));
                        parse_error_set(err, 0, 0, "WordNet 3.0 database not found or unreadable "
                                        "(install wordnet-base, or set WNSEARCHDIR to its dict directory)");
                }
                return -ENOENT;
        }
        lx = calloc(1, sizeof(*lx));
        if (!lx || !(lx->cache = strmap_new())) {
                free(lx);
                return -ENOMEM;
        }
        *ret = lx;
        return 0;
}

static void lexeme_free(void *value, void *userdata)
{
        struct lexeme *l = value;

        (void)userdata;
        for (size_t i = 0; i < LEXICAL_N_POS; i++)
                free((char *)l->lemma[i]);
        free(l);
}

void lexical_free(struct lexical *lx)
{
        if (!lx)
                return;
        strmap_foreach(lx->cache, lexeme_free, NULL);
        strmap_free(lx->cache);
        for (size_t i = 0; i < LEXICAL_N_POS; i++)
                free(lx->scratch_lemma[i]);
        free(lx);
}

/* Only plain lower-case words (with inner hyphens) are worth asking WordNet. */
static bool askable(const char *word)
{
        size_t n = strlen(word);

        if (n == 0 || n >= LEXICAL_MAX_WORD)
                return false;
        for (size_t i = 0; i < n; i++)
                if (!((word[i] >= 'a' && word[i] <= 'z') || (word[i] == '-' && i > 0 && i + 1 < n)))
                        return false;
        return true;
}

static bool ends_with(const char *w, const char *suffix)
{
        size_t n = strlen(w), k = strlen(suffix);

        return n > k && strcmp(w + n - k, suffix) == 0;
}

/* Whether morphstr can tell more than in_wn: verbs always (irregular pasts),
 * nouns ending as plurals do or unknown as nouns ("children"), adjectives
 * ending as comparatives do. Adverbs hardly inflect. Each call is a few
 * binary searches, so the ones that cannot help are skipped. */
static bool worth_morphing(const char *w, size_t i, unsigned bits)
{
        switch (wn_pos[i]) {
        case VERB:
                return true;
        case NOUN:
                return ends_with(w, "s") || ends_with(w, "men") || !(bits & (1u << NOUN));
        case ADJ:
                return ends_with(w, "er") || ends_with(w, "est");
        default:
                return false;
        }
}

/* Fills lemma[] (allocated) and returns the pos bits; -ENOMEM on failure.
 * *same gets the bits whose lemma is the word. */
static int ask(const char *word, char *lemma[LEXICAL_N_POS], unsigned *same)
{
        char buf[LEXICAL_MORPH_BUF];
        unsigned bits, pos = 0;

        *same = 0;
        if (!askable(word))
                return 0;
        bits = lexical_in_index(word);
        for (size_t i = 0; i < LEXICAL_N_POS; i++) {
                const char *base;

                base = worth_morphing(word, i, bits) ? lexical_morph(word, wn_pos[i], buf) : NULL;
                if (!base && (bits & (1u << wn_pos[i])))
                        base = word;
                if (!base)
                        continue;
                if (!(lemma[i] = strdup(base)))
                        return -ENOMEM;
                pos |= 1u << i;
                if (strcmp(base, word) == 0)
                        *same |= 1u << i;
        }
        return (int)pos;
}

/* Sets l's lemmas (allocated, or NULL) with their lengths and hashes. */
static void set_lemmas(struct lexeme *l, char *lemma[LEXICAL_N_POS])
{
        for (size_t i = 0; i < LEXICAL_N_POS; i++) {
                size_t n = lemma[i] ? strlen(lemma[i]) : 0;

                l->lemma[i] = lemma[i];
                l->lemma_len[i] = (uint32_t)n;
                l->lemma_hash[i] = lemma[i] ? strmap_hash(lemma[i], n) : 0;
        }
}

static const struct lexeme *uncached(struct lexical *lx, const char *word)
{
        int pos;

        for (size_t i = 0; i < LEXICAL_N_POS; i++) {
                free(lx->scratch_lemma[i]);
                lx->scratch_lemma[i] = NULL;
        }
        lx->scratch.lexicon = NULL; /* another word's answers */
        if ((pos = ask(word, lx->scratch_lemma, &lx->scratch.same)) < 0)
                return NULL;
        lx->scratch.pos = (unsigned)pos;
        set_lemmas(&lx->scratch, lx->scratch_lemma);
        return &lx->scratch;
}

const struct lexeme *lexical_lookup(struct lexical *lx, const char *word)
{
        struct lexeme *l = strmap_get(lx->cache, word);
        char *lemma[LEXICAL_N_POS] = { 0 };
        int pos;

        if (l)
                return l;
        if (strmap_size(lx->cache) >= LEXICAL_MAX_CACHED)
                return uncached(lx, word);
        l = calloc(1, sizeof(*l));
        pos = l ? ask(word, lemma, &l->same) : -ENOMEM;
        if (pos >= 0 && strmap_put(lx->cache, word, l) < 0)
                pos = -ENOMEM;
        if (l)
                set_lemmas(l, lemma);
        if (pos < 0) {
                if (l)
                        lexeme_free(l, NULL);
                else
                        for (size_t i = 0; i < LEXICAL_N_POS; i++)
                                free(lemma[i]);
                return NULL;
        }
        l->pos = (unsigned)pos;
        return l;
}

const struct lexeme *lexical_lookup_at(struct lexical *lx, const struct token_list *tl, size_t i)
{
        const struct lexeme *l = tl->v[i].lexeme;

        if (l)
                return l;
        l = token_map_norm(lx->cache, tl, i);
        return l ? l : lexical_lookup(lx, token_norm(tl, i));
}

const struct lexeme *lexical_lookup_keep(struct lexical *lx, struct token_list *tl, size_t i)
{
        const struct lexeme *l = lexical_lookup_at(lx, tl, i);

        /* the scratch answer (a full cache) is overwritten by the next look-up */
        if (l && l != &lx->scratch)
                tl->v[i].lexeme = l;
        return l;
}

/* lexical_word_keep() the first time a word is met (or its lexeme is the
 * scratch one, a full cache's): looks the word up and asks the lexicon. */
static __attribute__((noinline)) const struct lexeme *word_first(struct lexical *lx, const struct lexicon *lexicon,
                                                                 struct token_list *tl, size_t i)
{
        /* the cache's own record (or the scratch one): lexical.c may write it */
        struct lexeme *l = (struct lexeme *)lexical_lookup_keep(lx, tl, i);
        bool phrase;

        if (!l)
                return NULL;
        l->lex = lexicon_word_phrase_at(lexicon, tl, i, &phrase);
        l->lex_phrase = phrase;
        l->pronoun = (uint8_t)lexicon_pronoun(lexicon, token_norm(tl, i));
        l->lexicon = lexicon;
        return l;
}

const struct lexeme *lexical_word_keep(struct lexical *lx, const struct lexicon *lexicon, struct token_list *tl,
                                       size_t i)
{
        struct token *t = &tl->v[i];
        const struct lexeme *l = t->lexeme;

        if (!l && (l = token_map_norm(lx->cache, tl, i)))
                t->lexeme = l;
        if ((!l || l->lexicon != lexicon) && !(l = word_first(lx, lexicon, tl, i)))
                return NULL;
        t->lex = l->lex;
        t->lex_phrase = l->lex_phrase;
        t->lex_known = true;
        t->pronoun = l->pronoun;
        t->pron_known = true;
        return l;
}

const char *lexeme_lemma(const struct lexeme *l, unsigned pos, const char *word)
{
        const char *lemma = l ? l->lemma[lexical_pos_index(pos)] : NULL;

        return lemma ? lemma : word;
}
