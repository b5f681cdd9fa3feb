/* Article files in: every source of heraldd (command line, inbox, bundled, stdin
 * for --extract) goes through source_load(), so limits and errors are the same. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "fileio.h"
#include "source.h"

static void mtime_date(const char *path, char out[11])
{
        struct stat st;
        struct tm tm;

        out[0] = '\0';
        if (stat(path, &st) == 0 && gmtime_r(&st.st_mtime, &tm))
                strftime(out, 11, "%Y-%m-%d", &tm);
}

enum source_error source_load(const char *path, const char *display, const struct config *c,
                              const struct lexicon *lex, struct article **ret, char *sha256, char *why,
                              size_t why_size)
{
        const char *file = strcmp(path, "-") == 0 ? "/dev/stdin" : path;
        struct parse_error err = { 0 };
        char mdate[11];
        char *text = NULL;
        size_t len;
        int r = fileio_read(file, c->max_article_size, &text, &len);

        if (r == -EFBIG) {
                snprintf(why, why_size, "%s: article is over the size limit of %llu bytes", display,
                         (unsigned long long)c->max_article_size);
                return SOURCE_BAD;
        }
        if (r < 0) {
                snprintf(why, why_size, "%s: cannot read: %s", display, strerror(-r));
                return r == -ENOMEM ? SOURCE_NOMEM : r == -EISDIR ? SOURCE_BAD : SOURCE_MISSING;
        }
        if (sha256)
                sha256_hex(text, len, sha256);
        mtime_date(file, mdate);
        struct article_options opts = { .name = display, .fallback_date = c->date ? c->date : mdate,
                                        .max_size = c->max_article_size };
        r = article_parse(text, len, &opts, lex, ret, &err);
        if (r == -ENOMEM)
                return SOURCE_NOMEM;
        if (r < 0) {
                snprintf(err.file, sizeof(err.file), "%s", display);
                parse_error_format(&err, why, why_size);
                return SOURCE_BAD;
        }
        return SOURCE_OK;
}

static int ends_with_txt(const struct dirent *d)
{
        size_t n = strlen(d->d_name);

        return d->d_name[0] != '.' && n > 4 && strcmp(d->d_name + n - 4, ".txt") == 0;
}

int source_bundled(const char *data_dir, void (*fn)(void *userdata, const char *path), void *userdata)
{
        char dir[4096], path[4400];
        struct dirent **names;
        int n;

        snprintf(dir, sizeof(dir), "%s/articles", data_dir);
        n = scandir(dir, &names, ends_with_txt, alphasort);
        if (n < 0)
                return -errno;
        for (int i = 0; i < n; i++) {
                snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
                fn(userdata, path);
                free(names[i]);
        }
        free(names);
        return 0;
}
