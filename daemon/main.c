/* heraldd: command line and wiring. This version codes articles (--extract) and
 * checks its data (--check-config); publishing on ZeroMQ arrives with the daemon
 * loop. Exit codes follow sysexits(3). */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>

#include "article.h"
#include "cleanup.h"
#include "codebook.h"
#include "event.h"
#include "extract.h"
#include "fileio.h"
#include "log.h"

#ifndef HERALD_VERSION
#define HERALD_VERSION "0.0.0"
#endif

static bool arg_extract;
static bool arg_check_config;
static const char *arg_date;
static const char *arg_data_dir;
static const char *arg_feed = "news";
static size_t arg_max_article_size = ARTICLE_DEFAULT_MAX_SIZE;

static void help(void)
{
        printf("Usage: heraldd [OPTIONS] [ARTICLE...]\n\n"
               "Turn news articles into timestamped, structured events.\n\n"
               "  --extract              print the events of the articles as JSON Lines and exit\n"
               "  --check-config         check the rules, gazetteer and time words, then exit\n"
               "  --date YYYY-MM-DD      document date for articles without a Date: header\n"
               "  --feed NAME            event source /herald/NAME (default: news)\n"
               "  --data-dir DIR         where rules.txt, gazetteer.txt, ... live\n"
               "  --max-article-size N   largest article accepted, in bytes (default: 1048576)\n"
               "  --log-level LEVEL      err, warning, notice, info or debug\n"
               "  --version              print the version and exit\n"
               "  --help                 print this help and exit\n\n"
               "With no ARTICLE, the bundled articles are used.\n");
}

static int parse_size(const char *s, size_t *ret)
{
        char *end;
        unsigned long long v;

        errno = 0;
        v = strtoull(s, &end, 10);
        if (errno || end == s || *end || v == 0 || v > (1ull << 32))
                return -EINVAL;
        *ret = (size_t)v;
        return 0;
}

/* Returns 1 to go on, 0 to exit successfully, or a negative sysexits code. */
static int parse_argv(int argc, char **argv)
{
        enum { OPT_EXTRACT = 256, OPT_CHECK, OPT_DATE, OPT_FEED, OPT_DATA_DIR, OPT_MAX_SIZE, OPT_LOG_LEVEL,
               OPT_VERSION };
        static const struct option options[] = {
                { "extract", no_argument, NULL, OPT_EXTRACT },     { "check-config", no_argument, NULL, OPT_CHECK },
                { "date", required_argument, NULL, OPT_DATE },     { "feed", required_argument, NULL, OPT_FEED },
                { "data-dir", required_argument, NULL, OPT_DATA_DIR },
                { "max-article-size", required_argument, NULL, OPT_MAX_SIZE },
                { "log-level", required_argument, NULL, OPT_LOG_LEVEL },
                { "version", no_argument, NULL, OPT_VERSION },     { "help", no_argument, NULL, 'h' },
                {},
        };
        enum log_level level;
        int c;

        while ((c = getopt_long(argc, argv, "h", options, NULL)) >= 0)
                switch (c) {
                case OPT_EXTRACT: arg_extract = true; break;
                case OPT_CHECK: arg_check_config = true; break;
                case OPT_DATE:
                        if (!article_date_valid(optarg)) {
                                log_errx("--date: '%s' is not a date (want YYYY-MM-DD)", optarg);
                                return -EX_USAGE;
                        }
                        arg_date = optarg;
                        break;
                case OPT_FEED:
                        if (!*optarg || strlen(optarg) > 64 || strspn(optarg, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(optarg)) {
                                log_errx("--feed: '%s' must be 1-64 of [a-z0-9_-]", optarg);
                                return -EX_USAGE;
                        }
                        arg_feed = optarg;
                        break;
                case OPT_DATA_DIR: arg_data_dir = optarg; break;
                case OPT_MAX_SIZE:
                        if (parse_size(optarg, &arg_max_article_size) < 0) {
                                log_errx("--max-article-size: '%s' is not a size in bytes (1 to 4294967296)", optarg);
                                return -EX_USAGE;
                        }
                        break;
                case OPT_LOG_LEVEL:
                        if (log_parse_level(optarg, &level) < 0) {
                                log_errx("--log-level: unknown level '%s'", optarg);
                                return -EX_USAGE;
                        }
                        log_set_level(level);
                        break;
                case OPT_VERSION: printf("heraldd %s\n", HERALD_VERSION); return 0;
                case 'h': help(); return 0;
                default: return -EX_USAGE; /* getopt has said what was wrong */
                }
        if (!arg_extract && !arg_check_config) {
                log_errx("publishing is not available in this version: use --extract or --check-config");
                return -EX_USAGE;
        }
        return 1;
}

static bool has_codebook(const char *dir)
{
        char path[4096];
        struct stat st;

        snprintf(path, sizeof(path), "%s/rules.txt", dir);
        return stat(path, &st) == 0;
}

/* --data-dir, then $HERALD_DATA_DIR, then the installed data, then the source
 * tree (so a binary run from its build folder finds the data beside it). */
static const char *data_dir(void)
{
        const char *env = getenv("HERALD_DATA_DIR");

        if (arg_data_dir)
                return arg_data_dir;
        if (env && *env)
                return env;
        if (has_codebook(HERALD_INSTALL_DATADIR))
                return HERALD_INSTALL_DATADIR;
        return HERALD_SOURCE_DATADIR;
}

static int load_codebook(struct codebook **ret)
{
        struct parse_error err = { 0 };
        char msg[1024];
        int r = codebook_load(data_dir(), ret, &err);

        if (r == -ENOMEM) {
                log_errx("out of memory loading the codebook");
                return EX_OSERR;
        }
        if (r < 0) {
                log_errx("%s", parse_error_format(&err, msg, sizeof(msg)));
                return EX_CONFIG;
        }
        return 0;
}

/* The file's modification date, for articles with neither Date: nor --date. */
static void mtime_date(const char *path, char out[11])
{
        struct stat st;
        struct tm tm;

        out[0] = '\0';
        if (stat(path, &st) == 0 && gmtime_r(&st.st_mtime, &tm))
                strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Reads and parses one article; logs why it cannot be used and returns the exit
 * code that reason maps to (EX_NOINPUT, EX_DATAERR), 0 on success. */
static int load_article(const struct codebook *cb, const char *path, struct article **ret)
{
        const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
        struct parse_error err = { 0 };
        char mdate[11], msg[1024];
        char *text = NULL;
        size_t len;
        int r = fileio_read(strcmp(path, "-") == 0 ? "/dev/stdin" : path, arg_max_article_size, &text, &len);

        if (r == -EFBIG) {
                log_errx("%s: article is over the size limit of %zu bytes, skipping", name, arg_max_article_size);
                return EX_DATAERR;
        }
        if (r < 0) {
                errno = -r;
                log_warn("%s: cannot read", name);
                return r == -ENOMEM ? EX_OSERR : r == -EISDIR ? EX_DATAERR : EX_NOINPUT;
        }
        mtime_date(path, mdate);
        struct article_options opts = { .name = name, .fallback_date = arg_date ? arg_date : mdate,
                                        .max_size = arg_max_article_size };
        r = article_parse(text, len, &opts, cb->lexicon, ret, &err);
        if (r < 0) {
                snprintf(err.file, sizeof(err.file), "%s", name);
                log_errx("%s, skipping", parse_error_format(&err, msg, sizeof(msg)));
                return r == -ENOMEM ? EX_OSERR : EX_DATAERR;
        }
        return 0;
}

/* Prints the events of one article as JSON Lines, numbering on from *sequence. */
static int print_events(const struct codebook *cb, const struct article *a, uint64_t *sequence)
{
        struct extraction x;
        int r = extract_article(cb, a, &x);

        if (r < 0) {
                log_errx("%s: cannot code the article: %s", a->id, strerror(-r));
                return EX_OSERR;
        }
        if (x.skipped_sentences)
                log_notice("%s: sentences not coded (over %d bytes): %zu", a->id, EXTRACT_MAX_SENTENCE,
                           x.skipped_sentences);
        if (x.truncated)
                log_warnx("%s: stopped after %d events", a->id, EXTRACT_MAX_EVENTS);
        for (size_t i = 0; i < x.n; i++) {
                struct event_meta m = { .feed = arg_feed, .epoch = 0, .sequence = ++*sequence, .index = i + 1,
                                        .count = x.n };
                _cleanup_free_ char *json = event_build(cb, a, &x.v[i], &m);

                if (!json) {
                        extraction_done(&x);
                        return EX_OSERR;
                }
                fputs(json, stdout);
                fputc('\n', stdout);
        }
        extraction_done(&x);
        return fflush(stdout) == 0 ? 0 : EX_IOERR;
}

static int ends_with_txt(const struct dirent *d)
{
        size_t n = strlen(d->d_name);

        return d->d_name[0] != '.' && n > 4 && strcmp(d->d_name + n - 4, ".txt") == 0;
}

/* With no ARTICLE: every *.txt under <data dir>/articles, in name order. */
static int extract_bundled(const struct codebook *cb, uint64_t *sequence)
{
        char dir[4096], path[4400];
        struct dirent **names;
        int n, worst = 0;

        snprintf(dir, sizeof(dir), "%s/articles", data_dir());
        n = scandir(dir, &names, ends_with_txt, alphasort);
        if (n < 0) {
                log_warn("%s: cannot list the bundled articles", dir);
                return EX_NOINPUT;
        }
        for (int i = 0; i < n; i++) {
                struct article *a = NULL;
                int r;

                snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
                r = load_article(cb, path, &a);
                if (!r)
                        r = print_events(cb, a, sequence);
                article_free(a);
                worst = worst ? worst : r;
                free(names[i]);
        }
        free(names);
        return worst;
}

/* Codes every article given; a bad one is reported and the rest go on. The exit
 * code is the first failure's: 66 for a missing file, 65 for bad data. */
static int run_extract(const struct codebook *cb, char **paths, int n)
{
        uint64_t sequence = 0;
        int worst = 0;

        if (n == 0)
                return extract_bundled(cb, &sequence);
        for (int i = 0; i < n; i++) {
                struct article *a = NULL;
                int r = load_article(cb, paths[i], &a);

                if (!r)
                        r = print_events(cb, a, &sequence);
                article_free(a);
                if (r == EX_OSERR || r == EX_IOERR)
                        return r;
                worst = worst ? worst : r;
        }
        return worst;
}

int main(int argc, char **argv)
{
        struct codebook *cb = NULL;
        int r;

        log_init("heraldd");
        r = parse_argv(argc, argv);
        if (r <= 0)
                return -r;
        r = load_codebook(&cb);
        if (r)
                return r;
        if (arg_check_config) {
                log_info("%s: codebook is valid", data_dir());
                codebook_free(cb);
                return 0;
        }
        r = run_extract(cb, argv + optind, argc - optind);
        codebook_free(cb);
        return r;
}
