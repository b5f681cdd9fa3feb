/* The key table (after Redis's static_configs[]): name, type, bounds, default,
 * field, help and whether a reload can change it, for each setting. Parsing,
 * defaults, the config file, the long options, --help and what a reload keeps all
 * go through it, so an option and its config key can never disagree. */
#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "article.h"
#include "config.h"
#include "datafile.h"
#include "herald/protocol.h"

enum key_type { KEY_ENDPOINT, KEY_ENDPOINT_LIST, KEY_PATH, KEY_UINT, KEY_DATE, KEY_FEED, KEY_LEVEL };

struct config_key {
        const char *name;
        enum key_type type;
        uint64_t min, max;
        const char *default_value; /* NULL: unset */
        size_t offset;
        bool needs_restart; /* a reload cannot change it: the running value stays */
        const char *arg;    /* --help: the value's name */
        const char *help;
        const char *default_note; /* --help: shown before the default in parentheses; NULL: no default shown */
};

#define FIELD(f) offsetof(struct config, f)
#define N_KEYS (sizeof(keys) / sizeof(keys[0]))

static const struct config_key keys[] = {
        { "bind", KEY_ENDPOINT_LIST, 0, 0, HERALD_DEFAULT_EVENTS_ENDPOINT, FIELD(binds), true, "ENDPOINT",
          "publish events here", "repeatable; " },
        { "replay-bind", KEY_ENDPOINT, 0, 0, HERALD_DEFAULT_REPLAY_ENDPOINT, FIELD(replay_bind), true, "ENDPOINT",
          "answer REPLAY and STATUS here", "" },
        { "inbox", KEY_PATH, 0, 0, NULL, FIELD(inbox), true, "DIR",
          "take in every file written to DIR (then moved to done/ or failed/)", NULL },
        { "journal", KEY_PATH, 0, 0, NULL, FIELD(journal), true, "FILE", "keep every event here; read back at start",
          NULL },
        { "retain", KEY_UINT, 1, 10000000, "100000", FIELD(retain), false, "N", "events kept in memory for replay",
          "" },
        { "interval", KEY_UINT, 0, 3600000, "0", FIELD(interval_ms), false, "MS",
          "pause between the events of one article", "" },
        { "heartbeat", KEY_UINT, 50, 3600000, "1000", FIELD(heartbeat_ms), false, "MS",
          "heartbeat when idle this long", "" },
        { "date", KEY_DATE, 0, 0, NULL, FIELD(date), false, "YYYY-MM-DD",
          "document date for articles without a Date: header", NULL },
        { "feed", KEY_FEED, 0, 0, "news", FIELD(feed), false, "NAME", "event source /herald/NAME", "" },
        { "data-dir", KEY_PATH, 0, 0, NULL, FIELD(data_dir), false, "DIR",
          "the codebook: rules.txt, gazetteer.txt, timex.txt, lexicon.txt", NULL },
        { "max-article-size", KEY_UINT, 1, 1u << 30, "1048576", FIELD(max_article_size), false, "N",
          "largest article accepted, in bytes", "" },
        { "log-level", KEY_LEVEL, 0, 0, "info", FIELD(log_level), false, "LEVEL",
          "err, warning, notice, info (default) or debug", NULL },
        { "curve-secret", KEY_PATH, 0, 0, NULL, FIELD(curve_secret), true, "FILE",
          "serve over CURVE with this secret certificate (herald keygen)", NULL },
        { "curve-allow", KEY_PATH, 0, 0, NULL, FIELD(curve_allow), true, "DIR",
          "admit only the client keys of the certificates in DIR", NULL },
        { "max-events", KEY_UINT, 1, 100000, "10000", FIELD(max_events), false, "N",
          "events taken from one article at most, the rest dropped", "" },
        { "max-sentence", KEY_UINT, 256, 4096, "4096", FIELD(max_sentence), false, "BYTES",
          "longer sentences are not coded (a notice counts them)", "" },
        { "max-request-size", KEY_UINT, 64, 4096, "4096", FIELD(max_request_size), true, "N",
          "largest replay request frame in bytes; a larger one drops the peer", "" },
        { "max-requests-per-second", KEY_UINT, 1, 100000, "20", FIELD(max_requests_per_second), false, "N",
          "replay requests per second per peer, bursts of twice that", "" },
        { "replay-batch", KEY_UINT, 1, 100000, "512", FIELD(replay_batch), false, "N",
          "replayed events sent per loop turn", "" },
        { "replay-memory", KEY_UINT, 1u << 20, 1ull << 40, "67108864", FIELD(replay_memory), false, "BYTES",
          "what all replays may have queued for their peers", "" },
        { "replay-stall-timeout", KEY_UINT, 100, 3600000, "5000", FIELD(replay_stall_ms), false, "MS",
          "a replay that makes no progress this long is cancelled", "" },
};

static const struct config_key *find_key(const char *name)
{
        for (size_t i = 0; i < N_KEYS; i++)
                if (strcmp(keys[i].name, name) == 0)
                        return &keys[i];
        return NULL;
}

bool config_has_key(const char *key) { return find_key(key) != NULL; }

const char *config_key_name(const char *key)
{
        const struct config_key *k = find_key(key);

        return k ? k->name : NULL;
}

/* A tcp:// endpoint: HOST:PORT, PORT a number up to 65535 or "*"; a HOST of
 * digits and dots must be an IPv4 address, one in [] an IPv6 address (anything
 * else is an interface or host name, left to libzmq). */
static const char *tcp_endpoint_error(const char *s)
{
        const char *colon = strrchr(s, ':');
        char host[256];
        unsigned char addr[16];
        size_t len;

        if (!colon || colon == s)
                return "wants HOST:PORT";
        len = (size_t)(colon - s);
        if (len >= sizeof(host))
                return "host name too long";
        memcpy(host, s, len);
        host[len] = '\0';
        if (strcmp(colon + 1, "*") != 0) {
                char *end;
                unsigned long port;

                errno = 0;
                port = strtoul(colon + 1, &end, 10);
                if (!colon[1] || *end || errno || port > 65535 || colon[1] == '-' || colon[1] == '+')
                        return "port must be a number from 0 to 65535 or *";
        }
        if (host[0] == '[')
                return len > 2 && host[len - 1] == ']' && (host[len - 1] = '\0', inet_pton(AF_INET6, host + 1, addr) == 1)
                               ? NULL
                               : "the host is not an IPv6 address in []";
        if (strspn(host, "0123456789.") == len && inet_pton(AF_INET, host, addr) != 1)
                return "the host is not an IPv4 address";
        return NULL;
}

/* NULL when the endpoint can be bound as far as its text tells, else why not. */
static const char *endpoint_error(const char *s)
{
        if (strncmp(s, "tcp://", 6) == 0 && s[6])
                return tcp_endpoint_error(s + 6);
        if (strncmp(s, "ipc://", 6) == 0 && s[6])
                return NULL;
        return "not a tcp:// or ipc:// endpoint";
}

static bool feed_valid(const char *s)
{
        return *s && strlen(s) <= 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == strlen(s);
}

static int set_string(char **slot, const char *value)
{
        char *s = strdup(value);

        if (!s)
                return -ENOMEM;
        free(*slot);
        *slot = s;
        return 0;
}

static int add_bind(struct config *c, const char *value, enum config_layer layer, struct parse_error *err)
{
        if (c->layer_of_binds != layer) { /* a later layer replaces the list, it does not add to it */
                for (size_t i = 0; i < c->n_binds; i++)
                        free(c->binds[i]);
                c->n_binds = 0;
                c->layer_of_binds = layer;
        }
        if (c->n_binds == CONFIG_MAX_BINDS)
                return parse_error_set(err, 0, 0, "bind: at most %d endpoints", CONFIG_MAX_BINDS);
        if (!(c->binds[c->n_binds] = strdup(value)))
                return -ENOMEM;
        c->n_binds++;
        return 0;
}

static int set_uint(const struct config_key *k, uint64_t *slot, const char *value, struct parse_error *err)
{
        char *end;
        unsigned long long v;

        errno = 0;
        v = strtoull(value, &end, 10);
        if (errno || end == value || *end || value[0] == '-' || v < k->min || v > k->max)
                return parse_error_set(err, 0, 0, "%s: '%s' is not a number from %llu to %llu", k->name, value,
                                       (unsigned long long)k->min, (unsigned long long)k->max);
        *slot = v;
        return 0;
}

int config_set(struct config *c, const char *key, const char *value, enum config_layer layer,
               struct parse_error *err)
{
        const struct config_key *k = find_key(key);
        void *field;

        if (!k)
                return parse_error_set(err, 0, 0, "unknown setting '%s'", key);
        field = (char *)c + k->offset;
        switch (k->type) {
        case KEY_ENDPOINT_LIST:
        case KEY_ENDPOINT:
                if (endpoint_error(value))
                        return parse_error_set(err, 0, 0, "%s: '%s': %s", key, value, endpoint_error(value));
                return k->type == KEY_ENDPOINT ? set_string(field, value) : add_bind(c, value, layer, err);
        case KEY_PATH:
                if (!*value)
                        return parse_error_set(err, 0, 0, "%s: empty path", key);
                return set_string(field, value);
        case KEY_UINT:
                return set_uint(k, field, value, err);
        case KEY_DATE:
                if (!article_date_valid(value))
                        return parse_error_set(err, 0, 0, "%s: '%s' is not a date (want YYYY-MM-DD)", key, value);
                return set_string(field, value);
        case KEY_FEED:
                if (!feed_valid(value))
                        return parse_error_set(err, 0, 0, "%s: '%s' must be 1-64 of [a-z0-9_-]", key, value);
                return set_string(field, value);
        case KEY_LEVEL:
                if (log_parse_level(value, field) < 0)
                        return parse_error_set(err, 0, 0, "%s: unknown level '%s'", key, value);
                return 0;
        }
        return -EINVAL;
}

struct config *config_new(void)
{
        struct config *c = calloc(1, sizeof(*c));
        struct parse_error err;

        if (!c)
                return NULL;
        c->layer_of_binds = CONFIG_DEFAULTS;
        for (size_t i = 0; i < N_KEYS; i++)
                if (keys[i].default_value && config_set(c, keys[i].name, keys[i].default_value, CONFIG_DEFAULTS, &err) < 0) {
                        config_free(c);
                        return NULL;
                }
        return c;
}

void config_free(struct config *c)
{
        if (!c)
                return;
        for (size_t i = 0; i < c->n_binds; i++)
                free(c->binds[i]);
        free(c->replay_bind);
        free(c->inbox);
        free(c->journal);
        free(c->date);
        free(c->feed);
        free(c->data_dir);
        free(c->curve_secret);
        free(c->curve_allow);
        free(c);
}

static int on_entry(void *userdata, const struct datafile_entry *e, struct parse_error *err)
{
        int r;

        if (!e->key)
                return parse_error_set(err, e->line, 1, "no sections in a config file: 'key = value' lines only");
        r = config_set(userdata, e->key, e->value, CONFIG_FILE, err);
        if (r < 0)
                err->line = e->line, err->col = 1;
        return r;
}

int config_load_file(struct config *c, const char *path, struct parse_error *err)
{
        return datafile_parse(path, on_entry, c, err);
}

static bool same_string(const char *a, const char *b) { return (!a && !b) || (a && b && strcmp(a, b) == 0); }

static bool same_value(const struct config_key *k, const struct config *a, const struct config *b)
{
        const void *fa = (const char *)a + k->offset, *fb = (const char *)b + k->offset;

        if (k->type == KEY_ENDPOINT_LIST) {
                if (a->n_binds != b->n_binds)
                        return false;
                for (size_t i = 0; i < a->n_binds; i++)
                        if (strcmp(a->binds[i], b->binds[i]) != 0)
                                return false;
                return true;
        }
        if (k->type == KEY_UINT)
                return *(const uint64_t *)fa == *(const uint64_t *)fb;
        if (k->type == KEY_LEVEL)
                return *(const enum log_level *)fa == *(const enum log_level *)fb;
        return same_string(*(char *const *)fa, *(char *const *)fb);
}

const char *config_restart_needed(const struct config *old, const struct config *new, char *buf, size_t size)
{
        size_t n = 0;

        buf[0] = '\0';
        for (size_t i = 0; i < N_KEYS && n < size; i++)
                if (keys[i].needs_restart && !same_value(&keys[i], old, new))
                        n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? "," : "", keys[i].name);
        return buf;
}

/* Moves a setting's value from one config to another (the source keeps the
 * destination's old value, so both stay whole and freeable). */
static void swap_value(const struct config_key *k, struct config *a, struct config *b)
{
        void *fa = (char *)a + k->offset, *fb = (char *)b + k->offset;

        if (k->type == KEY_ENDPOINT_LIST) {
                char *binds[CONFIG_MAX_BINDS];
                size_t n = a->n_binds;

                memcpy(binds, a->binds, sizeof(binds));
                memcpy(a->binds, b->binds, sizeof(binds));
                memcpy(b->binds, binds, sizeof(binds));
                a->n_binds = b->n_binds;
                b->n_binds = n;
        } else if (k->type == KEY_UINT) {
                uint64_t v = *(uint64_t *)fa;

                *(uint64_t *)fa = *(uint64_t *)fb;
                *(uint64_t *)fb = v;
        } else if (k->type == KEY_LEVEL) {
                enum log_level v = *(enum log_level *)fa;

                *(enum log_level *)fa = *(enum log_level *)fb;
                *(enum log_level *)fb = v;
        } else {
                char *v = *(char **)fa;

                *(char **)fa = *(char **)fb;
                *(char **)fb = v;
        }
}

void config_keep_running(struct config *new, struct config *running)
{
        for (size_t i = 0; i < N_KEYS; i++)
                if (keys[i].needs_restart)
                        swap_value(&keys[i], new, running);
}

size_t config_long_options(struct option *out, size_t size, int val)
{
        size_t n = 0;

        for (size_t i = 0; i < N_KEYS && n < size; i++)
                out[n++] = (struct option){ keys[i].name, required_argument, NULL, val };
        return n;
}

void config_print_help(FILE *f)
{
        for (size_t i = 0; i < N_KEYS; i++) {
                const struct config_key *k = &keys[i];
                char option[64];

                snprintf(option, sizeof(option), "--%s %s", k->name, k->arg);
                if (strlen(option) > 22) /* too wide for the column: the help goes below */
                        fprintf(f, "  %s\n  %-22s %s", option, "", k->help);
                else
                        fprintf(f, "  %-22s %s", option, k->help);
                if (k->default_note)
                        fprintf(f, " (%sdefault %s)", k->default_note, k->default_value);
                fputc('\n', f);
        }
}

int config_build(const struct config_source *src, struct config **ret)
{
        struct config *c = config_new();
        struct parse_error err = { 0 };
        char msg[1024];

        if (!c)
                return EX_OSERR;
        if (src->file && config_load_file(c, src->file, &err) < 0) {
                log_errx("%s", parse_error_format(&err, msg, sizeof(msg)));
                config_free(c);
                return EX_CONFIG;
        }
        for (size_t i = 0; i < src->n; i++)
                if (config_set(c, src->keys[i], src->values[i], CONFIG_ARGV, &err) < 0) {
                        log_errx("--%s", err.message);
                        config_free(c);
                        return EX_USAGE;
                }
        log_set_level(c->log_level);
        *ret = c;
        return 0;
}
