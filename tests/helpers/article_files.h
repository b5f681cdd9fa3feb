/* The repository's article files, for the tests that hold a fast path to the
 * code it replaced on every article (test_phrase_match.c, test_timex_paths.c,
 * test_timex_words.c, test_mention_lookups.c, test_mention_filters.c,
 * test_word_answers.c).
 * Include after <cmocka.h>. */
#ifndef HERALD_TESTS_ARTICLE_FILES_H
#define HERALD_TESTS_ARTICLE_FILES_H

#include <dirent.h>
#include <stdio.h>
#include <string.h>

/* Calls each(path, ctx) for every NAME.txt in dir. */
static inline void each_article_file(const char *dir, void (*each)(const char *path, void *ctx), void *ctx)
{
        char path[4096];
        DIR *d = opendir(dir);
        struct dirent *e;

        assert_non_null(d);
        while ((e = readdir(d))) {
                size_t n = strlen(e->d_name);

                if (n <= 4 || strcmp(e->d_name + n - 4, ".txt") != 0)
                        continue;
                assert_true((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) < sizeof(path));
                each(path, ctx);
        }
        closedir(d);
}

/* Lines read by each_article_line: the longest article line is far shorter. */
#define ARTICLE_LINE_MAX 65536

struct article_lines {
        void (*each)(const char *line, void *ctx);
        void *ctx;
};

static inline void article_lines_of(const char *path, void *lines)
{
        const struct article_lines *l = lines;
        static char line[ARTICLE_LINE_MAX];
        FILE *f = fopen(path, "r");

        assert_non_null(f);
        while (fgets(line, sizeof(line), f))
                l->each(line, l->ctx);
        fclose(f);
}

/* Calls each(line, ctx) for every line of every NAME.txt in dir. */
static inline void each_article_line(const char *dir, void (*each)(const char *line, void *ctx), void *ctx)
{
        struct article_lines l = { each, ctx };

        each_article_file(dir, article_lines_of, &l);
}

#endif
