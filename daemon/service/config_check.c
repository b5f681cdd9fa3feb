/* heraldd --check-config: every setting that cannot work, not only the first.
 * The file is read entry by entry (a line that does not parse is reported and
 * left out, and the rest is read on), then the command line; then what the
 * values point at is checked: ipc:// directories, the inbox, the journal's
 * file or directory, and endpoints given twice. Each error names where its
 * value came from: file:line:col, or the option. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth.h"
#include "config.h"
#include "datafile.h"
#include "fileio.h"
#include "internal/cleanup.h"
#include "internal/curve-cert.h"

#define MAX_ORIGINS 64
#define MAX_PASSES  1000 /* one per line that does not parse: bounded */

struct origin {
        const char *key; /* the key table's own name */
        char value[256]; /* for the list setting (bind): which one; "" for the others */
        char where[300];
};

struct check {
        struct config *c;
        const char *file;
        struct origin origins[MAX_ORIGINS];
        size_t n_origins;
        unsigned errors;
        unsigned usage; /* of them, option values that do not parse */
        bool report;    /* the last pass: entries' errors are reported */
};

static void note_origin(struct check *ck, const char *key, const char *value, const char *where)
{
        struct origin *o = NULL;

        for (size_t i = 0; i < ck->n_origins && strcmp(key, "bind") != 0; i++)
                if (strcmp(ck->origins[i].key, key) == 0)
                        o = &ck->origins[i];
        if (!o && ck->n_origins == MAX_ORIGINS)
                return;
        if (!o)
                o = &ck->origins[ck->n_origins++];
        o->key = key;
        snprintf(o->value, sizeof(o->value), "%s", value ? value : "");
        snprintf(o->where, sizeof(o->where), "%s", where);
}

/* Where a setting's value came from: "file:line:col", "--" for the command
 * line, "" for a default. */
static const char *origin_of(const struct check *ck, const char *key, const char *value)
{
        const char *found = NULL;

        for (size_t i = 0; i < ck->n_origins; i++)
                if (strcmp(ck->origins[i].key, key) == 0 && (!value || strcmp(ck->origins[i].value, value) == 0))
                        found = ck->origins[i].where;
        return found ? found : "";
}

__attribute__((format(printf, 3, 4))) static void error(struct check *ck, const char *where, const char *fmt, ...)
{
        char msg[768];
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        /* messages start with the key: "--" makes it the option's name */
        log_errx("%s%s%s", where, where[0] && strcmp(where, "--") != 0 ? ": " : "", msg);
        ck->errors++;
}

static int on_entry(void *userdata, const struct datafile_entry *e, struct parse_error *err)
{
        struct check *ck = userdata;
        char where[300];

        snprintf(where, sizeof(where), "%s:%u:1", ck->file, e->line);
        if (!e->key) {
                if (ck->report)
                        error(ck, where, "no sections in a config file: 'key = value' lines only");
                return 0;
        }
        if (config_set(ck->c, e->key, e->value, CONFIG_FILE, err) < 0) {
                if (ck->report)
                        error(ck, where, "%s", err->message);
                return 0;
        }
        note_origin(ck, config_key_name(e->key), strcmp(e->key, "bind") == 0 ? e->value : NULL, where);
        return 0;
}

/* Turns line n (1-based) of text into spaces. */
static void blank_line(char *text, unsigned n)
{
        char *line = text;

        for (unsigned i = 1; i < n && line; i++)
                if ((line = strchr(line, '\n')))
                        line++;
        for (; line && *line && *line != '\n'; line++)
                *line = ' ';
}

/* The file, entry by entry: a line that does not parse is reported, blanked and
 * the file read again, until it all parses; the last pass reports the entries'
 * own errors. */
static void check_file(struct check *ck, const char *path)
{
        _cleanup_free_ char *text = NULL;
        size_t len;
        struct parse_error err = {0};
        char msg[1024];
        int r = fileio_read_regular(path, 1u << 20, &text, &len);

        if (r < 0) {
                log_errx("%s: cannot read: %s", path, fileio_strerror(r));
                ck->errors++;
                return;
        }
        for (int pass = 0; pass < MAX_PASSES; pass++) {
                _cleanup_free_ char *copy = strndup(text, len);

                if (!copy)
                        return;
                config_free(ck->c);
                ck->c = config_new();
                ck->n_origins = 0;
                if (!ck->c)
                        return;
                ck->report = false;
                err = (struct parse_error){0};
                if (datafile_parse_buffer(path, copy, on_entry, ck, &err) == 0)
                        break;
                log_errx("%s", parse_error_format(&err, msg, sizeof(msg)));
                ck->errors++;
                if (err.line == 0)
                        return;
                blank_line(text, err.line);
        }
        config_free(ck->c);
        ck->c = config_new();
        ck->n_origins = 0;
        ck->report = true;
        if (ck->c)
                datafile_parse_buffer(path, text, on_entry, ck, &err);
}

static void check_argv(struct check *ck, const struct config_source *src)
{
        struct parse_error err = {0};
        const char *where = "--";

        for (size_t i = 0; i < src->n; i++) {
                if (config_set(ck->c, src->keys[i], src->values[i], CONFIG_ARGV, &err) < 0) {
                        error(ck, where, "%s", err.message);
                        ck->usage++;
                } else
                        note_origin(ck, config_key_name(src->keys[i]),
                                    strcmp(src->keys[i], "bind") == 0 ? src->values[i] : NULL, where);
        }
}

/* An ipc:// endpoint's directory must exist. */
static void check_ipc(struct check *ck, const char *key, const char *endpoint)
{
        _cleanup_free_ char *dir = NULL;
        char *slash;
        struct stat st;

        if (strncmp(endpoint, "ipc://", 6) != 0 || endpoint[6] == '@') /* @: the abstract namespace */
                return;
        if (!(dir = strdup(endpoint + 6)))
                return;
        slash = strrchr(dir, '/');
        if (!slash)
                return; /* relative to the working directory */
        *(slash == dir ? slash + 1 : slash) = '\0';
        if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
                error(ck, origin_of(ck, key, endpoint), "%s: '%s': the directory %s does not exist", key, endpoint,
                      dir);
}

static void check_endpoints(struct check *ck)
{
        const struct config *c = ck->c;

        for (size_t i = 0; i < c->n_binds; i++) {
                check_ipc(ck, "bind", c->binds[i]);
                for (size_t k = 0; k < i; k++)
                        if (strcmp(c->binds[i], c->binds[k]) == 0)
                                error(ck, origin_of(ck, "bind", c->binds[i]), "bind: '%s' is given twice", c->binds[i]);
                if (c->replay_bind && strcmp(c->binds[i], c->replay_bind) == 0)
                        error(ck,
                              *origin_of(ck, "replay-bind", NULL) ? origin_of(ck, "replay-bind", NULL)
                                                                  : origin_of(ck, "bind", c->binds[i]),
                              "replay-bind: '%s' is also a bind endpoint: they must differ", c->replay_bind);
        }
        if (c->replay_bind)
                check_ipc(ck, "replay-bind", c->replay_bind);
}

static void check_inbox(struct check *ck)
{
        struct stat st;

        if (!ck->c->inbox)
                return;
        if (stat(ck->c->inbox, &st) < 0)
                error(ck, origin_of(ck, "inbox", NULL), "inbox: %s: %s", ck->c->inbox, strerror(errno));
        else if (!S_ISDIR(st.st_mode))
                error(ck, origin_of(ck, "inbox", NULL), "inbox: %s: not a directory", ck->c->inbox);
}

/* No O_TMPFILE there (/proc, some network file systems): the journal itself
 * is created and removed again, as the permission bits cannot tell (root
 * passes access(2) on /proc, where nothing can be created). */
static void probe_create(struct check *ck, const char *where, const char *path)
{
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

        if (fd < 0 && errno != EEXIST) /* EEXIST: made in between, by a heraldd starting */
                return error(ck, where, "journal: %s: cannot create it: %s", path, strerror(errno));
        if (fd >= 0) {
                close(fd);
                unlink(path);
        }
}

/* The journal must be a regular file heraldd can append to, or be creatable in
 * its directory (tried with an unnamed O_TMPFILE file: nothing is left behind). */
static void check_journal(struct check *ck)
{
        const char *path = ck->c->journal, *where = origin_of(ck, "journal", NULL);
        _cleanup_free_ char *dir = NULL;
        _cleanup_close_ int fd = -1;
        struct stat st;
        char *slash;

        if (!path)
                return;
        if (stat(path, &st) == 0) {
                if (!S_ISREG(st.st_mode))
                        return error(ck, where, "journal: %s: not a regular file", path);
                fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
                if (fd < 0)
                        error(ck, where, "journal: %s: cannot write: %s", path, strerror(errno));
                return;
        }
        if (!(dir = strdup(path)))
                return;
        slash = strrchr(dir, '/');
        if (slash)
                *(slash == dir ? slash + 1 : slash) = '\0';
        fd = open(slash ? dir : ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
        if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR))
                return probe_create(ck, where, path);
        if (fd < 0)
                error(ck, where, "journal: %s: cannot create it: %s", path, strerror(errno));
}

/* CURVE as a start would set it up (auth_open): both settings or neither, a
 * secret certificate that reads and holds a secret-key, a directory to allow. */
static void check_curve(struct check *ck)
{
        const char *secret = ck->c->curve_secret, *allow = ck->c->curve_allow;
        struct curve_cert cert;
        char why[256];
        struct stat st;

        if (secret && !allow)
                error(ck, origin_of(ck, "curve-secret", NULL),
                      "curve-secret without curve-allow: refusing to serve CURVE to anyone who knows the server key");
        if (allow && !secret)
                error(ck, origin_of(ck, "curve-allow", NULL),
                      "curve-allow without curve-secret: give the server's secret certificate (herald keygen)");
        if (secret && auth_server_cert(secret, &cert, why, sizeof(why)) < 0)
                error(ck, origin_of(ck, "curve-secret", NULL), "curve-secret: %s: %s", secret, why);
        if (secret)
                explicit_bzero(&cert, sizeof(cert));
        if (allow && stat(allow, &st) < 0)
                error(ck, origin_of(ck, "curve-allow", NULL), "curve-allow: %s: %s", allow, strerror(errno));
        else if (allow && !S_ISDIR(st.st_mode))
                error(ck, origin_of(ck, "curve-allow", NULL), "curve-allow: %s: not a directory", allow);
}

int config_check(const struct config_source *src, unsigned *n_errors, unsigned *n_usage)
{
        struct check ck = {.file = src->file};

        if (src->file)
                check_file(&ck, src->file);
        else
                ck.c = config_new();
        if (!ck.c)
                return -ENOMEM;
        check_argv(&ck, src);
        check_endpoints(&ck);
        check_inbox(&ck);
        check_journal(&ck);
        check_curve(&ck);
        config_free(ck.c);
        *n_errors = ck.errors;
        *n_usage = ck.usage;
        return 0;
}
