/* heraldd's settings: one table of keys shared by the config file and the long
 * options (same names), filled in layers (defaults, then the file, then argv)
 * into a struct that is never changed afterwards; a reload builds a new one. */
#ifndef HERALD_CONFIG_H
#define HERALD_CONFIG_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "log.h"
#include "internal/parse-error.h"

#define CONFIG_MAX_BINDS 8

struct config {
        char *binds[CONFIG_MAX_BINDS];
        size_t n_binds;
        char *replay_bind;
        char *inbox;
        char *journal;
        char *date;
        char *feed;
        char *data_dir;
        char *curve_secret; /* CURVE: the server's secret certificate */
        char *curve_allow;  /* CURVE: the directory of client certificates admitted */
        uint64_t retain;
        uint64_t interval_ms;
        uint64_t heartbeat_ms;
        uint64_t max_article_size;
        uint64_t max_events;
        uint64_t max_sentence;
        uint64_t max_request_size;
        uint64_t max_requests_per_second;
        uint64_t replay_batch;
        uint64_t replay_memory;
        uint64_t replay_stall_ms;
        enum log_level log_level;
        unsigned layer_of_binds; /* which layer set binds: a later layer replaces them */
};

enum config_layer { CONFIG_DEFAULTS, CONFIG_FILE, CONFIG_ARGV };

/* A new config holding the defaults. */
struct config *config_new(void);
void config_free(struct config *c);

/* Sets key (a long option's name without "--") from its text. */
int config_set(struct config *c, const char *key, const char *value, enum config_layer layer,
               struct parse_error *err);

/* Applies every "key = value" of the file at path. */
int config_load_file(struct config *c, const char *path, struct parse_error *err);

/* Whether key names a setting (and so a long option taking a value). */
bool config_has_key(const char *key);

/* The key table's own copy of a key's name (it lives as long as the program), or NULL. */
const char *config_key_name(const char *key);

/* How to build the config (again, on SIGHUP): the file and the argv settings. */
struct config_source {
        const char *file; /* NULL: none */
        const char *const *keys, *const *values;
        size_t n;
};

/* --check-config: checks the file, the argv settings and what they point at
 * (ipc:// directories, the inbox, the journal, an endpoint given twice), logging
 * every error as "file:line:col: message" or "--key: message"; the count goes to
 * *n_errors, and how many of them are option values that do not parse to
 * *n_usage. Returns 0 or -ENOMEM. */
int config_check(const struct config_source *src, unsigned *n_errors, unsigned *n_usage);

/* Builds a config from defaults, the file and the argv settings, and sets the log
 * level. Returns 0 or a sysexits code, having logged what is wrong. */
int config_build(const struct config_source *src, struct config **ret);

/* One getopt long option per key (required_argument, flag NULL, the given val),
 * written to out; returns how many (at most size). */
size_t config_long_options(struct option *out, size_t size, int val);

/* The settings' lines of --help: option, value, meaning and default. */
void config_print_help(FILE *f);

/* For a reload: the settings that need a restart take their running values in
 * new (running gets new's, to be freed with it). */
void config_keep_running(struct config *new, struct config *running);

/* The keys whose change a reload cannot apply (sockets, files), as a
 * comma-separated list in buf; "" when none changed. */
const char *config_restart_needed(const struct config *old, const struct config *new, char *buf, size_t size);

#endif
