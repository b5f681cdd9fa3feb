/* The key table (after Redis's static_configs[]): name, type, bounds, default and
 * field of each setting. Parsing, defaults and the config file all go through it,
 * so an option and its config key can never disagree. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "config.h"
#include "datafile.h"

enum key_type { KEY_ENDPOINT, KEY_ENDPOINT_LIST, KEY_PATH, KEY_UINT, KEY_DATE, KEY_FEED, KEY_LEVEL };

struct config_key {
        const char *name;
        enum key_type type;
        uint64_t min, max;
        const char *default_value; /* NULL: unset */
        size_t offset;
        bool needs_restart; /* a reload cannot change it */
};

#define FIELD(f) offsetof(struct config, f)

static const struct config_key keys[] = {
        { "bind", KEY_ENDPOINT_LIST, 0, 0, "tcp://127.0.0.1:5556", FIELD(binds), true },
        { "replay-bind", KEY_ENDPOINT, 0, 0, "tcp://127.0.0.1:5557", FIELD(replay_bind), true },
        { "inbox", KEY_PATH, 0, 0, NULL, FIELD(inbox), true },
        { "journal", KEY_PATH, 0, 0, NULL, FIELD(journal), true },
        { "retain", KEY_UINT, 1, 10000000, "100000", FIELD(retain), false },
        { "interval", KEY_UINT, 0, 3600000, "0", FIELD(interval_ms), false },
        { "heartbeat", KEY_UINT, 50, 3600000, "1000", FIELD(heartbeat_ms), false },
        { "date", KEY_DATE, 0, 0, NULL, FIELD(date), false },
        { "feed", KEY_FEED, 0, 0, "news", FIELD(feed), false },
        { "data-dir", KEY_PATH, 0, 0, NULL, FIELD(data_dir), false },
        { "max-article-size", KEY_UINT, 1, 1u << 30, "1048576", FIELD(max_article_size), false },
        { "log-level", KEY_LEVEL, 0, 0, "info", FIELD(log_level), false },
        { "curve-secret", KEY_PATH, 0, 0, NULL, FIELD(curve_secret), true },
        { "curve-allow", KEY_PATH, 0, 0, NULL, FIELD(curve_allow), true },
};

static const struct config_key *find_key(const char *name)
{
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
                if (strcmp(keys[i].name, name) == 0)
                        return &keys[i];
        return NULL;
}

bool config_has_key(const char *key) { return find_key(key) != NULL; }

static bool endpoint_valid(const char *s)
{
        return (strncmp(s, "tcp://", 6) == 0 && s[6]) || (strncmp(s, "ipc://", 6) == 0 && s[6]);
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
                if (!endpoint_valid(value))
                        return parse_error_set(err, 0, 0, "%s: '%s' is not a tcp:// or ipc:// endpoint", key, value);
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
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
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
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]) && n < size; i++)
                if (keys[i].needs_restart && !same_value(&keys[i], old, new))
                        n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? "," : "", keys[i].name);
        return buf;
}
