/* The session-8 tokenizer (one pass per word, a byte-class table), sentence
 * splitter (eight bytes at a time to the next terminator or quotation mark)
 * and the article's UTF-8 check (eight ASCII bytes at a time) held to the
 * session-7 code they replaced (tests/helpers/text_split_s7.c): every token
 * field, every sentence and the first invalid byte must agree, on every line of
 * every article in the repository and on many generated lines made of the
 * bytes these scanners decide on (letters, digits, inner '-', '.', '\'', the
 * curly marks, spaces, abbreviations, broken UTF-8; since session 10 the
 * bytes just outside the ranges the tokenizer tests eight at a time). */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "article.h"
#include "codebook.h"
#include "helpers/text_split_s7.c"

static struct codebook *cb;
static size_t lines_checked, tokens_checked, sentences_checked;

static int setup(void **state)
{
        struct parse_error err = { 0 };

        return codebook_load(HERALD_DATA_DIR, &cb, &err) < 0 ? -1 : 0;
}

static int teardown(void **state)
{
        codebook_free(cb);
        return 0;
}

static void same_tokens(const char *text, size_t len)
{
        struct token_list a = { 0 }, b = { 0 };

        assert_int_equal(old_token_split(text, len, &a), 0);
        assert_int_equal(token_split(text, len, &b), 0);
        assert_int_equal(a.n, b.n);
        for (size_t i = 0; i < a.n; i++) {
                const struct token *x = &a.v[i], *y = &b.v[i];

                if (x->start != y->start || x->end != y->end || x->kind != y->kind ||
                    x->capitalized != y->capitalized || x->all_caps != y->all_caps || x->quoted != y->quoted ||
                    x->norm_len != y->norm_len || x->norm_hash != y->norm_hash || x->lemma_len != y->lemma_len ||
                    strcmp(token_norm(&a, i), token_norm(&b, i)) != 0 ||
                    strcmp(token_lemma(&a, i), token_lemma(&b, i)) != 0)
                        fail_msg("token %zu of \"%.*s\" differs: \"%s\" [%u,%u) kind %d, was \"%s\" [%u,%u) kind %d", i,
                                 (int)len, text, token_norm(&b, i), y->start, y->end, y->kind, token_norm(&a, i),
                                 x->start, x->end, x->kind);
        }
        /* a lemma set afterwards (the tagger's) lands the same way */
        for (size_t i = 0; i < a.n; i++) {
                const char *lemma = i % 2 ? "visit" : token_norm(&a, i);

                assert_int_equal(old_token_set_lemma(&a, i, lemma), 0);
                assert_int_equal(token_set_lemma(&b, i, lemma), 0);
                assert_string_equal(token_lemma(&a, i), token_lemma(&b, i));
                assert_int_equal(a.v[i].lemma_hash, b.v[i].lemma_hash);
                assert_int_equal(a.v[i].lemma == a.v[i].norm, b.v[i].lemma == b.v[i].norm);
        }
        tokens_checked += a.n;
        token_list_done(&a);
        token_list_done(&b);
}

static void same_sentences(const char *text, size_t len)
{
        struct sentence *v = NULL;
        struct sentence_list l = { 0 };
        size_t n = 0;

        assert_int_equal(old_sentence_split(text, 0, len, cb->lexicon, &v, &n), 0);
        /* appended after what the list holds: a paragraph's sentences after the last one's */
        l.v = calloc(3, sizeof(*l.v));
        assert_non_null(l.v);
        l.n = 1;
        l.cap = 3;
        assert_int_equal(sentence_split(text, 0, len, cb->lexicon, &l), 0);
        assert_int_equal(l.n - 1, n);
        for (size_t i = 0; i < n; i++)
                if (v[i].start != l.v[i + 1].start || v[i].end != l.v[i + 1].end ||
                    v[i].quote_start != l.v[i + 1].quote_start || v[i].quote_end != l.v[i + 1].quote_end ||
                    v[i].speaker != l.v[i + 1].speaker)
                        fail_msg("sentence %zu of \"%.*s\" differs", i, (int)len, text);
        sentences_checked += n;
        free(v);
        free(l.v);
}

/* The first invalid byte as article_parse reports it, or len when it parses past the check. */
static size_t invalid_at(const char *text, size_t len)
{
        const struct article_options opts = { .name = "t.txt", .fallback_date = "2024-09-02", .max_size = 1 << 20 };
        struct parse_error err = { 0 };
        struct article *a = NULL;
        char *copy = malloc(len + 1);
        size_t at = len;
        const char *p;

        assert_non_null(copy);
        memcpy(copy, text, len);
        copy[len] = '\0';
        if (article_parse(copy, len, &opts, cb->lexicon, &a, &err) == 0)
                article_free(a);
        else if ((p = strstr(err.message, "invalid UTF-8 at byte offset ")))
                at = strtoull(p + strlen("invalid UTF-8 at byte offset "), NULL, 10);
        return at;
}

static void same_line(const char *text, size_t len)
{
        size_t old_bad = old_utf8_invalid_at((const unsigned char *)text, len);

        lines_checked++;
        if (memchr(text, '\0', len) == NULL)
                assert_int_equal(invalid_at(text, len), old_bad);
        same_tokens(text, len);
        if (len)
                same_sentences(text, len);
}

static void each_line_of(const char *path)
{
        FILE *f = fopen(path, "r");
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;

        assert_non_null(f);
        while ((n = getline(&line, &cap, f)) > 0) {
                while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                        n--;
                same_line(line, (size_t)n);
        }
        free(line);
        fclose(f);
}

/* Every *.txt in dir whose name starts with one of `first` (NULL: any). */
static void each_article_in(const char *dir, const char *first)
{
        DIR *d = opendir(dir);
        struct dirent *e;

        assert_non_null(d);
        while ((e = readdir(d))) {
                char path[4096];
                size_t n = strlen(e->d_name);

                if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0 || (first && !strchr(first, e->d_name[0])))
                        continue;
                snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
                each_line_of(path);
        }
        closedir(d);
}

static void test_articles_split_as_before(void **state)
{
        each_article_in(HERALD_SOURCE_DIR "/events/articles", NULL);
        each_article_in(HERALD_SOURCE_DIR "/tests/golden/articles", NULL);
        each_article_in(HERALD_SOURCE_DIR "/tests/blind", "abcde"); /* the sets declared seen, never f* */
        assert_true(tokens_checked > 10000);
        assert_true(sentences_checked > 500);
}

/* Pieces the scanners decide on, glued at random: the cases at their edges
 * (a word's inner marks, possessives, initials, numbers, the multi-byte
 * quotation marks and apostrophes, a sequence cut short, a stray byte). */
static const char *const pieces[] = {
        "Putin", "met", "U.S", ".", "U.S.", "e.g.", "Mr.", "Dr", "3.5", "1,000", "85th", "2024", "-", "--", "'",
        "'s", "'S", "’", "’s", "’S", "s", "x", "al-Awadi", "el-Sisi", "trans-Mongolian", "“", "”", "«", "»", "‘",
        "–", "—", "…", "\xc2\xa0", "\"", "(", ")", "[", "]", "!", "?", "!?", ":", ";", ",", " ", " ", " ", "\t",
        "Улан", "é", "€", "\xe2\x80", "\xe2", "\xc2", "\x80", "\xff", "\xc3\xa9", "\xf0\x9f\x98\x80", "\xed\xa0\x80",
        "NATO", "ICC", "A", "B.", "1.", "Jan.", "Kyiv's", "it's", "O'Brien", "a.b.c", "x.5", "5.x", ".5", "\n",
        /* the bytes either side of each range the tokenizer's eight-byte step tests (session 10) */
        "@", "[", "`", "{", "/", ":", "Zz", "aZ09", "9", "0", "\x7f", "\xe1", "\xfb", "\xb0",
        "Internationally", "counter-terrorism", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz0123456789",
};

static void test_generated_lines_split_as_before(void **state)
{
        unsigned seed = 12;
        char line[512];

        for (int round = 0; round < 20000; round++) {
                size_t len = 0, parts = 1 + (size_t)(rand_r(&seed) % 24);

                for (size_t k = 0; k < parts; k++) {
                        const char *p = pieces[(size_t)rand_r(&seed) % (sizeof(pieces) / sizeof(pieces[0]))];
                        size_t n = strlen(p);

                        if (len + n >= sizeof(line))
                                break;
                        memcpy(line + len, p, n);
                        len += n;
                }
                same_line(line, len);
                /* eight-byte strides end anywhere: the same line cut short */
                if (len > 1)
                        same_line(line, len - 1 - (size_t)rand_r(&seed) % (len - 1));
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_articles_split_as_before),
                cmocka_unit_test(test_generated_lines_split_as_before),
        };
        int r = cmocka_run_group_tests(tests, setup, teardown);

        printf("# %zu lines, %zu tokens, %zu sentences compared\n", lines_checked, tokens_checked, sentences_checked);
        return r;
}
