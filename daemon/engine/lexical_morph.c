/* WordNet 3.0's morphology (morph.c) and binary search (binsrch.c), step for
 * step, over the database files mapped in memory. The library reads its
 * exception files with getc() and fseek() on a stream of its own (a system call
 * or two per probe, about 6 % of extraction's time) and allocates an index
 * entry for each candidate it checks; here a probe is a memchr(). Only what
 * herald asks is done here: one word, no spaces or underscores (collocations
 * go to the library). tests/test_lexical_morph.c holds the two to the same
 * answers on every word of the database and their inflections. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <wn.h>

#include "lexical_morph.h"

static struct wn_file exc_files[NUMPARTS + 1];
static const struct wn_file *index_files;
static bool in_memory;

/* strcmp() of a key of len bytes (not NUL-terminated) with word. */
static int key_compare(const char *key, size_t len, const char *word)
{
        size_t n = strlen(word);
        int c = memcmp(key, word, len < n ? len : n);

        return c ? c : (len > n) - (len < n);
}

/* The first field of the line at `at` (to the first space). */
static void key_at(const char *bytes, size_t size, size_t at, const char **key, size_t *len)
{
        const char *line = bytes + at, *end = memchr(line, '\n', size - at), *space;

        if (!end)
                end = bytes + size;
        space = memchr(line, ' ', (size_t)(end - line));
        *key = line;
        *len = (size_t)((space ? space : end) - line);
}

/* bin_search(), step for step: the same probes give the same answers. A probe
 * in the last line reads nothing there (fgets at the end of the file), so the
 * key before it is used again. */
const char *wn_file_search(const struct wn_file *f, const char *word)
{
        const char *bytes = f->bytes, *key = "";
        long top = 0, bot = (long)f->size, mid = bot / 2, diff;
        size_t size = f->size, len = 0;
        int cmp;

        if (!bytes)
                return NULL;
        do {
                size_t at = (size_t)(mid - 1);

                if (mid != 1) /* skip to the start of the next line */
                        while (at < size && bytes[at++] != '\n')
                                ;
                if (at < size)
                        key_at(bytes, size, at, &key, &len);
                cmp = key_compare(key, len, word);
                diff = 0;
                if (cmp < 0) {
                        top = mid;
                        diff = (bot - top) / 2;
                        mid = top + diff;
                } else if (cmp > 0) {
                        bot = mid;
                        diff = (bot - top) / 2;
                        mid = top + diff;
                }
        } while (cmp && diff != 0);
        return cmp == 0 ? key : NULL;
}

static bool map_file(const char *path, struct wn_file *f)
{
        struct stat st;
        void *map;
        int fd = open(path, O_RDONLY | O_CLOEXEC);

        if (fd < 0)
                return false;
        if (fstat(fd, &st) < 0 || st.st_size <= 0) {
                close(fd);
                return false;
        }
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        close(fd);
        if (map == MAP_FAILED)
                return false;
        *f = (struct wn_file){ map, (size_t)st.st_size };
        return true;
}

/* The directory morph.c's do_init() opens the exception files in. */
void lexical_morph_open(const struct wn_file *index)
{
        static const char *const names[NUMPARTS + 1] = { NULL, "noun", "verb", "adj", "adv" };
        const char *env;
        char dir[256], path[512];
        bool all = true;

        if (in_memory || index_files)
                return;
        if ((env = getenv("WNSEARCHDIR")))
                snprintf(dir, sizeof(dir), "%s", env);
        else if ((env = getenv("WNHOME")))
                snprintf(dir, sizeof(dir), "%s/dict", env);
        else
                snprintf(dir, sizeof(dir), "/usr/share/wordnet");
        for (int pos = 1; pos <= NUMPARTS; pos++) {
                snprintf(path, sizeof(path), "%s/%s.exc", dir, names[pos]);
                all = all && map_file(path, &exc_files[pos]) && index[pos].bytes;
        }
        index_files = index;
        in_memory = all;
}

bool lexical_morph_in_memory(void) { return in_memory; }

/* strtolower() as WordNet's: lower case, cut at a '('. */
static void wn_lower(char *s)
{
        for (; *s; s++) {
                if (*s >= 'A' && *s <= 'Z')
                        *s = (char)(*s + 32);
                else if (*s == '(') {
                        *s = '\0';
                        break;
                }
        }
}

/* exc_lookup(): the first base form the exception list gives word. */
static const char *exc_lookup(const char *word, int pos, char *out)
{
        const struct wn_file *f = &exc_files[pos];
        const char *line = wn_file_search(f, word), *eol, *space, *beg, *end;

        if (!line)
                return NULL;
        if (!(eol = memchr(line, '\n', (size_t)(f->bytes + f->size - line))))
                eol = f->bytes + f->size;
        if (!(space = memchr(line, ' ', (size_t)(eol - line))) || space + 1 >= eol || space[1] == ' ')
                return NULL;
        beg = end = space + 1;
        while (end < eol && *end != ' ')
                end++;
        if (end == beg || (size_t)(end - beg) >= LEXICAL_MORPH_BUF)
                return NULL;
        memcpy(out, beg, (size_t)(end - beg));
        out[end - beg] = '\0';
        return out;
}

static bool index_has(int pos, const char *word)
{
        return wn_file_search(&index_files[pos], word) != NULL;
}

/* is_defined()'s answer, yes or no: getindex() looks the string up as it is,
 * with '_' for '-' and '-' for '_', without '-' and '_', and without '.'.
 * Lower-cases s in place, as getindex() does. */
static bool defined_in_index(char *s, int pos)
{
        char v[4][LEXICAL_MORPH_BUF];
        size_t j = 0, k = 0, n;

        wn_lower(s);
        if ((n = strlen(s)) >= LEXICAL_MORPH_BUF)
                return false;
        memcpy(v[0], s, n + 1);
        memcpy(v[1], s, n + 1);
        for (size_t i = 0; i < n; i++) {
                v[0][i] = s[i] == '_' ? '-' : s[i];
                v[1][i] = s[i] == '-' ? '_' : s[i];
                if (s[i] != '_' && s[i] != '-')
                        v[2][j++] = s[i];
                if (s[i] != '.')
                        v[3][k++] = s[i];
        }
        v[2][j] = v[3][k] = '\0';
        if (s[0] && index_has(pos, s))
                return true;
        for (size_t i = 0; i < 4; i++)
                if (v[i][0] && strcmp(s, v[i]) != 0 && index_has(pos, v[i]))
                        return true;
        return false;
}

static bool strend(const char *s, const char *suffix)
{
        size_t n = strlen(s), k = strlen(suffix);

        return k < n && strcmp(s + n - k, suffix) == 0;
}

/* The detachment rules: suffix and ending, nouns from 0, verbs from 8,
 * adjectives from 16 (adverbs have only their exception list). */
static const char *const sufx[] = { "s", "ses", "xes", "zes", "ches", "shes", "men", "ies",
                                    "s", "ies", "es", "es", "ed", "ed", "ing", "ing",
                                    "er", "est", "er", "est" };
static const char *const addr[] = { "", "s", "x", "z", "ch", "sh", "man", "y",
                                    "", "y", "e", "", "e", "", "e", "",
                                    "", "", "e", "e" };
static const int rule_from[NUMPARTS + 1] = { 0, 0, 8, 16, 0 };
static const int rule_count[NUMPARTS + 1] = { 0, 8, 8, 4, 0 };

/* wordbase(): word with rule r's suffix replaced by its ending, if it has it. */
static void wordbase(const char *word, int r, char *out)
{
        size_t n = strlen(word);

        memcpy(out, word, n + 1);
        if (strend(out, sufx[r])) {
                n -= strlen(sufx[r]);
                out[n] = '\0';
                if (n + strlen(addr[r]) < LEXICAL_MORPH_BUF)
                        strcpy(out + n, addr[r]);
        }
}

/* morphword(): word's base form from its exception list, else the first rule
 * whose result WordNet defines. */
static const char *morph_word(const char *word, int pos, char *out)
{
        char stem[LEXICAL_MORPH_BUF] = "";
        const char *end = "", *tmp;

        if ((tmp = exc_lookup(word, pos, out)))
                return tmp;
        if (pos == ADV)
                return NULL;
        if (pos == NOUN) {
                if (strend(word, "ful")) {
                        size_t cnt = (size_t)(strrchr(word, 'f') - word);

                        memcpy(stem, word, cnt);
                        stem[cnt] = '\0';
                        end = "ful";
                } else if (strend(word, "ss") || strlen(word) <= 2) {
                        return NULL;
                }
        }
        if (!stem[0])
                strcpy(stem, word);
        for (int i = 0; i < rule_count[pos]; i++) {
                wordbase(stem, i + rule_from[pos], out);
                if (strcmp(out, stem) != 0 && defined_in_index(out, pos)) {
                        if (strlen(out) + strlen(end) >= LEXICAL_MORPH_BUF)
                                return NULL;
                        strcat(out, end);
                        return out;
                }
        }
        return NULL;
}

/* cntwords(): words separated by runs of `sep`, ' ' or '_'. */
static int count_words(const char *s, char sep)
{
        int n = 0;

        while (*s) {
                if (*s == sep || *s == ' ' || *s == '_') {
                        n++;
                        while (*s && (*s == sep || *s == ' ' || *s == '_'))
                                s++;
                } else {
                        s++;
                }
        }
        return n + 1;
}

/* s += add, false when it would not fit */
static bool append(char *s, const char *add)
{
        size_t n = strlen(s), k = strlen(add);

        if (n + k >= LEXICAL_MORPH_BUF)
                return false;
        memcpy(s + n, add, k + 1);
        return true;
}

/* morphstr()'s last step: each hyphenated part by itself, the result if it
 * differs from the word and WordNet defines it. */
static const char *by_parts(const char *str, int pos, char *out)
{
        char search[LEXICAL_MORPH_BUF] = "", part[LEXICAL_MORPH_BUF], base[LEXICAL_MORPH_BUF];
        int cnt = count_words(str, '-');
        size_t from = 0;
        const char *tmp;

        while (--cnt) {
                const char *u = strchr(str + from, '_'), *h = strchr(str + from, '-'), *at;
                const char *sep = u && (!h || u < h) ? "_" : "-";

                if (!(at = u && (!h || u < h) ? u : h))
                        return NULL;
                memcpy(part, str + from, (size_t)(at - str) - from);
                part[(size_t)(at - str) - from] = '\0';
                tmp = morph_word(part, pos, base);
                if (!append(search, tmp ? tmp : part) || !append(search, sep))
                        return NULL;
                from = (size_t)(at - str) + 1;
        }
        strcpy(part, str + from);
        tmp = morph_word(part, pos, base);
        if (!append(search, tmp ? tmp : part))
                return NULL;
        if (strcmp(search, str) == 0 || !defined_in_index(search, pos))
                return NULL;
        strcpy(out, search);
        return out;
}

/* The library's morphstr(), its first answer copied out. */
static const char *library_morph(const char *word, int pos, char *out)
{
        char buf[LEXICAL_MORPH_BUF];
        const char *base;

        snprintf(buf, sizeof(buf), "%s", word);
        if (!(base = morphstr(buf, pos)) || strlen(base) >= LEXICAL_MORPH_BUF)
                return NULL;
        strcpy(out, base);
        return out;
}

const char *lexical_morph(const char *word, int pos, char *out)
{
        char str[LEXICAL_MORPH_BUF];
        const char *tmp;

        if (pos == SATELLITE)
                pos = ADJ;
        if (!in_memory || pos < NOUN || pos > ADV || strlen(word) >= LEXICAL_MORPH_BUF || strpbrk(word, " _"))
                return library_morph(word, pos, out);
        strcpy(str, word);
        wn_lower(str);
        if ((tmp = exc_lookup(str, pos, out)) && strcmp(tmp, str) != 0)
                return tmp;
        if (pos != VERB && (tmp = morph_word(str, pos, out)) && strcmp(tmp, str) != 0)
                return tmp;
        return by_parts(str, pos, out);
}
