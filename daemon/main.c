/* heraldd: the command line. Options that are settings (--bind, --journal, …)
 * are collected in order and applied over the defaults and the --config file by
 * the config key table; the rest choose what to run: --extract, --check-config,
 * or the daemon. Exit codes follow sysexits(3). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "codebook.h"
#include "config.h"
#include "daemon.h"
#include "extract_cli.h"
#include "log.h"

#define MAX_SETTINGS 64
#define MAX_OPTIONS 64

static bool arg_extract;
static bool arg_check_config;
static bool arg_once;
static const char *arg_config;
static const char *arg_keys[MAX_SETTINGS], *arg_values[MAX_SETTINGS];
static size_t arg_n;

static void help(void)
{
        printf("Usage: heraldd [OPTIONS] [ARTICLE...]\n\n"
               "Turn news articles into timestamped, structured events and publish them on ZeroMQ.\n\n"
               "  --config FILE          settings file (key = value, the long options' names)\n");
        config_print_help(stdout);
        printf("  --once                 exit after publishing everything and a short linger\n"
               "  --extract              print the events of the articles as JSON Lines and exit\n"
               "  --check-config         check the settings and the codebook, then exit\n"
               "  --version              print the version and exit\n"
               "  --help                 print this help and exit\n\n"
               "With no ARTICLE and no --inbox, the bundled articles are published.\n"
               "The codebook is the first of: --data-dir, $HERALD_DATA_DIR, %s, %s.\n",
               HERALD_INSTALL_DATADIR, HERALD_SOURCE_DATADIR);
}

/* 0 when what was printed reached stdout, else -1 (exit 1) with the reason:
 * --help > /dev/full must not look like it worked. */
static int stdout_flushed(void)
{
        if (fflush(stdout) == 0 && !ferror(stdout))
                return 0;
        log_errx("cannot write to standard output: %s", strerror(errno ? errno : EIO));
        return -1;
}

/* Returns 1 to go on, 0 to exit successfully, or a negative exit code. */
static int parse_argv(int argc, char **argv)
{
        enum { OPT_EXTRACT = 256, OPT_CHECK, OPT_ONCE, OPT_CONFIG, OPT_VERSION, OPT_SETTING };
        static const struct option fixed[] = {
                { "extract", no_argument, NULL, OPT_EXTRACT }, { "check-config", no_argument, NULL, OPT_CHECK },
                { "once", no_argument, NULL, OPT_ONCE },       { "config", required_argument, NULL, OPT_CONFIG },
                { "version", no_argument, NULL, OPT_VERSION }, { "help", no_argument, NULL, 'h' },
        };
        struct option options[MAX_OPTIONS] = { 0 };
        size_t n = sizeof(fixed) / sizeof(fixed[0]);

        memcpy(options, fixed, sizeof(fixed));
        /* the settings' options come from the key table; the last entry stays zero */
        config_long_options(options + n, MAX_OPTIONS - n - 1, OPT_SETTING);
        int c, index;

        argv[0] = (char *)"heraldd"; /* getopt's messages start with it: the same name as every other error */
        while ((c = getopt_long(argc, argv, "h", options, &index)) >= 0)
                switch (c) {
                case OPT_EXTRACT: arg_extract = true; break;
                case OPT_CHECK: arg_check_config = true; break;
                case OPT_ONCE: arg_once = true; break;
                case OPT_CONFIG: arg_config = optarg; break;
                case OPT_VERSION: printf("heraldd %s\n", HERALD_VERSION); return stdout_flushed();
                case 'h': help(); return stdout_flushed();
                case OPT_SETTING:
                        if (arg_n == MAX_SETTINGS) {
                                log_errx("too many options");
                                return -EX_USAGE;
                        }
                        arg_keys[arg_n] = options[index].name;
                        arg_values[arg_n++] = optarg;
                        break;
                default: return -EX_USAGE; /* getopt has said what was wrong */
                }
        if (arg_extract && arg_check_config) {
                log_errx("--extract and --check-config exclude each other");
                return -EX_USAGE;
        }
        if (arg_check_config && optind < argc) {
                log_errx("--check-config takes no ARTICLE: '%s'", argv[optind]);
                return -EX_USAGE;
        }
        return 1;
}

static int check_config(const struct config *c)
{
        struct parse_error err = { 0 };
        struct codebook *cb = NULL;
        char msg[1024];

        if (codebook_load(daemon_data_dir(c), &cb, &err) < 0) {
                log_errx("%s", parse_error_format(&err, msg, sizeof(msg)));
                return EX_CONFIG;
        }
        codebook_free(cb);
        printf("%s%s%s: codebook is valid\n", arg_config ? arg_config : "", arg_config ? " and " : "",
               daemon_data_dir(c));
        return 0;
}

static int extract(struct config *c, char **paths, int n)
{
        struct parse_error err = { 0 };
        struct codebook *cb = NULL;
        char msg[1024];
        int r;

        if (codebook_load(daemon_data_dir(c), &cb, &err) < 0) {
                log_errx("%s", parse_error_format(&err, msg, sizeof(msg)));
                config_free(c);
                return EX_CONFIG;
        }
        daemon_keep_heap(); /* as the daemon: loaded with glibc's defaults, then the heap kept */
        r = extract_cli_run(c, cb, paths, n);
        codebook_free(cb);
        config_free(c);
        return r;
}

int main(int argc, char **argv)
{
        struct config_source src;
        struct config *c = NULL;
        int r;

        log_init("heraldd");
        r = parse_argv(argc, argv);
        if (r <= 0)
                return -r;
        src = (struct config_source){ .file = arg_config, .keys = arg_keys, .values = arg_values, .n = arg_n };
        if (arg_check_config) { /* every error, not only the first */
                unsigned errors = 0, usage = 0;

                if (config_check(&src, &errors, &usage) < 0)
                        return EX_OSERR;
                if (errors) { /* only bad option values: a usage error, as without --check-config */
                        log_errx("%u error%s in the settings", errors, errors == 1 ? "" : "s");
                        return errors == usage ? EX_USAGE : EX_CONFIG;
                }
        }
        r = config_build(&src, &c);
        if (r) /* a bad file is a configuration error, a bad option a usage error */
                return r;
        if (arg_check_config) {
                r = check_config(c);
                config_free(c);
                return r;
        }
        if (arg_extract)
                return extract(c, argv + optind, argc - optind);
        struct daemon_options opts = { .source = &src, .articles = argv + optind, .n_articles = (size_t)(argc - optind),
                                       .once = arg_once };
        return daemon_run(c, &opts);
}
