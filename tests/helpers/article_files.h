/* The repository's article files, for the tests that hold a fast path to the
 * code it replaced on every article (test_phrase_match.c, test_timex_paths.c,
 * test_timex_words.c, test_mention_lookups.c, test_mention_filters.c).
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

#endif
