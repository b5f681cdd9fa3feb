/* herald tail and herald status. tail joins the stream through libherald from
 * the start point asked for (--last, --from-start, --from-seq) and prints each
 * event as it comes, until --count, --no-follow, --until-end, --timeout or a
 * signal says stop. */
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "output.h"
#include "tail.h"

struct tail_args {
        const char *endpoint, *replay_endpoint;
        const char *topics[16];
        size_t n_topics;
        enum herald_start start;
        uint64_t start_n;
        bool start_given, follow, verbose, until_end;
        uint64_t count;
        double timeout_s, connect_timeout_s;
        struct output out;
        bool output_given;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
        (void)sig;
        stop = 1;
}

static void tail_help(void)
{
        printf("Usage: herald tail [OPTIONS]\n\n"
               "Follow heraldd's events: replay the recent ones, then print each new one.\n\n"
               "  --endpoint E          events endpoint (default tcp://127.0.0.1:5556)\n"
               "  --replay-endpoint E   replay endpoint (default: the events port + 1)\n"
               "  --topic PREFIX        only these topics, e.g. ev.arrival. (repeatable)\n"
               "  --last N              start with the last N events (default 10 on a terminal, else 0)\n"
               "  --from-start          start with the oldest event the daemon keeps\n"
               "  --from-seq N          start at sequence N\n"
               "  --no-follow           exit once the replay is printed\n"
               "  --count N             exit after N events\n"
               "  --until-end           exit after the last event of an article (index = count)\n"
               "  --timeout S           exit 27 when no event came for S seconds (heartbeats do not count)\n"
               "  --connect-timeout S   exit 2 when the daemon is not heard within S seconds (default 3)\n"
               "  --output MODE         pretty, json, jsonl or raw (default pretty on a terminal, else jsonl)\n"
               "  --format TEMPLATE     one line per event: %%s sequence %%t topic %%k kind %%h headline\n"
               "                        %%w time value %%i id %%T emission time %%j JSON %%%% percent\n"
               "  --verbose             say what happens (joins, gaps, reconnects) on stderr\n"
               "  --help                this help\n\n"
               "Exit: 0 done, 1 error, 2 daemon unreachable, 3 events lost for good, 27 timeout.\n");
}

static int usage_error(const char *what, const char *value)
{
        fprintf(stderr, "herald tail: %s%s%s%s\n", what, value ? " '" : "", value ? value : "", value ? "'" : "");
        return TAIL_ERROR;
}

static bool parse_number(const char *s, uint64_t *out)
{
        char *end;

        if (!*s || *s == '-')
                return false;
        *out = strtoull(s, &end, 10);
        return !*end;
}

/* Seconds, at most 24 days: a millisecond count of it still fits an int. */
static bool parse_seconds(const char *s, double *out)
{
        char *end;

        *out = strtod(s, &end);
        return *s && !*end && *out > 0 && *out <= 2000000;
}

/* Returns 0 to go on, or an exit code (-1 for --help). */
static int parse_tail(int argc, char **argv, struct tail_args *a)
{
        enum { O_ENDPOINT = 256, O_REPLAY, O_TOPIC, O_LAST, O_FROM_START, O_FROM_SEQ, O_NO_FOLLOW, O_COUNT,
               O_TIMEOUT, O_CONNECT_TIMEOUT, O_OUTPUT, O_FORMAT, O_VERBOSE, O_UNTIL_END };
        static const struct option options[] = {
                { "endpoint", required_argument, NULL, O_ENDPOINT }, { "replay-endpoint", required_argument, NULL, O_REPLAY },
                { "topic", required_argument, NULL, O_TOPIC },       { "last", required_argument, NULL, O_LAST },
                { "from-start", no_argument, NULL, O_FROM_START },   { "from-seq", required_argument, NULL, O_FROM_SEQ },
                { "no-follow", no_argument, NULL, O_NO_FOLLOW },     { "count", required_argument, NULL, O_COUNT },
                { "timeout", required_argument, NULL, O_TIMEOUT },
                { "connect-timeout", required_argument, NULL, O_CONNECT_TIMEOUT },
                { "output", required_argument, NULL, O_OUTPUT },     { "format", required_argument, NULL, O_FORMAT },
                { "verbose", no_argument, NULL, O_VERBOSE },         { "until-end", no_argument, NULL, O_UNTIL_END },
                { "help", no_argument, NULL, 'h' },                  {},
        };
        const char *why;
        int c;

        optind = 1;
        while ((c = getopt_long(argc, argv, "h", options, NULL)) >= 0)
                switch (c) {
                case O_ENDPOINT: a->endpoint = optarg; break;
                case O_REPLAY: a->replay_endpoint = optarg; break;
                case O_TOPIC:
                        if (a->n_topics == 16 || !*optarg || optarg[strlen(optarg) - 1] != '.')
                                return usage_error("--topic: a prefix must end with '.', like ev.arrival.; not", optarg);
                        a->topics[a->n_topics++] = optarg;
                        break;
                case O_LAST:
                        if (!parse_number(optarg, &a->start_n))
                                return usage_error("--last: not a count:", optarg);
                        a->start = HERALD_START_LAST, a->start_given = true;
                        break;
                case O_FROM_START: a->start = HERALD_START_OLDEST, a->start_given = true; break;
                case O_FROM_SEQ:
                        if (!parse_number(optarg, &a->start_n) || a->start_n == 0)
                                return usage_error("--from-seq: not a sequence number:", optarg);
                        a->start = HERALD_START_SEQUENCE, a->start_given = true;
                        break;
                case O_NO_FOLLOW: a->follow = false; break;
                case O_COUNT:
                        if (!parse_number(optarg, &a->count) || a->count == 0)
                                return usage_error("--count: not a positive count:", optarg);
                        break;
                case O_TIMEOUT:
                        if (!parse_seconds(optarg, &a->timeout_s))
                                return usage_error("--timeout: not a number of seconds:", optarg);
                        break;
                case O_CONNECT_TIMEOUT:
                        if (!parse_seconds(optarg, &a->connect_timeout_s))
                                return usage_error("--connect-timeout: not a number of seconds:", optarg);
                        break;
                case O_OUTPUT:
                        if (output_parse_mode(optarg, &a->out.mode) < 0)
                                return usage_error("--output: not pretty, json, jsonl or raw:", optarg);
                        a->output_given = true;
                        break;
                case O_FORMAT:
                        if ((why = output_check_template(optarg)))
                                return usage_error("--format:", why);
                        a->out.mode = OUTPUT_TEMPLATE, a->out.template = optarg, a->output_given = true;
                        break;
                case O_VERBOSE: a->verbose = true; break;
                case O_UNTIL_END: a->until_end = true; break;
                case 'h': tail_help(); return -1;
                default: return TAIL_ERROR; /* getopt said what was wrong */
                }
        if (optind < argc)
                return usage_error("unexpected argument", argv[optind]);
        return 0;
}

/* Terminal defaults: the last 10 and pretty lines; piped: live and JSON Lines. */
static void defaults(struct tail_args *a)
{
        bool tty = isatty(STDOUT_FILENO);

        if (!a->start_given) {
                a->start = tty ? HERALD_START_LAST : HERALD_START_LIVE;
                a->start_n = tty ? 10 : 0;
        }
        if (!a->output_given)
                a->out.mode = tty ? OUTPUT_PRETTY : OUTPUT_JSONL;
        a->out.colour = tty && !getenv("NO_COLOR");
}

static int open_sub(const struct tail_args *a, herald_sub **ret)
{
        herald_sub_options *o = herald_sub_options_new();
        int r = o ? HERALD_OK : HERALD_NO_MEMORY;

        if (r == HERALD_OK && a->endpoint)
                r = herald_sub_options_set_endpoint(o, a->endpoint);
        if (r == HERALD_OK && a->replay_endpoint)
                r = herald_sub_options_set_replay_endpoint(o, a->replay_endpoint);
        for (size_t i = 0; r == HERALD_OK && i < a->n_topics; i++)
                r = herald_sub_options_add_topic(o, a->topics[i]);
        if (r == HERALD_OK)
                r = herald_sub_options_set_start(o, a->start, a->start_n);
        if (r == HERALD_OK)
                r = herald_sub_options_set_connect_timeout(o, (int)(a->connect_timeout_s * 1000));
        if (r == HERALD_OK)
                r = herald_sub_open(o, ret);
        herald_sub_options_free(o);
        return r;
}

static double now_s(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The last event of its article: data.index equals data.count. */
static bool article_end(const herald_event *ev)
{
        json_t *j = json_loads(herald_event_json(ev), 0, NULL), *data = json_object_get(j, "data");
        bool end = json_integer_value(json_object_get(data, "index")) == json_integer_value(json_object_get(data, "count"));

        json_decref(j);
        return end;
}

/* What a condition from libherald means for tail: go on (0) or an exit code. */
static int on_condition(const struct tail_args *a, herald_sub *sub, int r)
{
        switch (r) {
        case HERALD_TIMEOUT:
                return 0;
        case HERALD_UNREACHABLE:
                if (!herald_sub_joined(sub) || (!a->follow && !herald_sub_caught_up(sub))) {
                        fprintf(stderr, "herald tail: no answer from the daemon at '%s'\n",
                                a->endpoint ? a->endpoint : HERALD_DEFAULT_EVENTS_ENDPOINT);
                        return TAIL_UNREACHABLE;
                }
                if (a->verbose)
                        fprintf(stderr, "herald tail: the daemon went quiet; waiting for it to come back\n");
                return 0;
        case HERALD_EPOCH_CHANGED:
                fprintf(stderr, "herald tail: %s\n", herald_strerror(r));
                return 0;
        case HERALD_GAP:
                fprintf(stderr, "herald tail: %s\n", herald_strerror(r));
                return TAIL_GAP;
        default:
                fprintf(stderr, "herald tail: %s\n", herald_strerror(r));
                return TAIL_ERROR;
        }
}

static int follow(const struct tail_args *a, herald_sub *sub)
{
        double last_event = now_s();
        uint64_t printed = 0;

        while (!stop) {
                herald_event *ev = NULL;
                int r = herald_sub_next(sub, &ev, 200), code;

                if (r == HERALD_OK) {
                        bool end = a->until_end && article_end(ev);

                        output_event(&a->out, ev, stdout);
                        herald_event_free(ev);
                        last_event = now_s();
                        if ((a->count && ++printed >= a->count) || end)
                                return TAIL_DONE;
                } else if ((code = on_condition(a, sub, r)) != 0)
                        return code;
                if (!a->follow && herald_sub_caught_up(sub))
                        return TAIL_DONE;
                if (a->timeout_s && now_s() - last_event >= a->timeout_s)
                        return TAIL_TIMEOUT;
        }
        return TAIL_DONE;
}

int tail_main(int argc, char **argv)
{
        struct tail_args a = { .follow = true, .connect_timeout_s = 3 };
        herald_sub *sub;
        int r = parse_tail(argc, argv, &a);

        if (r)
                return r < 0 ? TAIL_DONE : r;
        defaults(&a);
        signal(SIGINT, on_signal); /* from here on, Ctrl-C is a clean end (exit 0) */
        signal(SIGTERM, on_signal);
        r = open_sub(&a, &sub);
        if (r != HERALD_OK) {
                fprintf(stderr, "herald tail: cannot subscribe: %s\n", herald_strerror(r));
                return TAIL_ERROR;
        }
        setvbuf(stdout, NULL, _IOLBF, 0); /* herald tail | jq streams */
        r = follow(&a, sub);
        herald_sub_close(sub);
        if (fflush(stdout) != 0 || ferror(stdout)) {
                fprintf(stderr, "herald tail: cannot write the output\n");
                return TAIL_ERROR;
        }
        return r;
}

static void status_help(void)
{
        printf("Usage: herald status [OPTIONS]\n\n"
               "Ask heraldd for its state: epoch, last sequence, events retained, articles, subscribers.\n\n"
               "  --endpoint E          events endpoint (default tcp://127.0.0.1:5556)\n"
               "  --replay-endpoint E   replay endpoint (default: the events port + 1)\n"
               "  --output MODE         pretty (default) or json\n"
               "  --connect-timeout S   exit 2 when the daemon does not answer within S seconds (default 3)\n"
               "  --help                this help\n");
}

static void print_status(const char *json_text, bool as_json)
{
        json_t *j = json_loads(json_text, 0, NULL);
        const char *key;
        json_t *v;

        if (as_json || !j) {
                puts(json_text);
                json_decref(j);
                return;
        }
        json_object_foreach(j, key, v) {
                char *text = json_is_string(v) ? strdup(json_string_value(v)) : json_dumps(v, JSON_ENCODE_ANY);

                printf("%-12s %s\n", key, text ? text : "?");
                free(text);
        }
        json_decref(j);
}

int status_main(int argc, char **argv)
{
        static const struct option options[] = {
                { "endpoint", required_argument, NULL, 'e' }, { "replay-endpoint", required_argument, NULL, 'r' },
                { "output", required_argument, NULL, 'o' },   { "connect-timeout", required_argument, NULL, 't' },
                { "help", no_argument, NULL, 'h' },           {},
        };
        herald_sub_options *o = herald_sub_options_new();
        bool as_json = false;
        double timeout = 3;
        char *reply = NULL;
        int c, r = HERALD_OK;

        optind = 1;
        while (r == HERALD_OK && (c = getopt_long(argc, argv, "h", options, NULL)) >= 0)
                switch (c) {
                case 'e': r = herald_sub_options_set_endpoint(o, optarg); break;
                case 'r': r = herald_sub_options_set_replay_endpoint(o, optarg); break;
                case 'o':
                        if (strcmp(optarg, "json") && strcmp(optarg, "pretty"))
                                r = HERALD_INVALID;
                        as_json = strcmp(optarg, "json") == 0;
                        break;
                case 't': r = parse_seconds(optarg, &timeout) ? HERALD_OK : HERALD_INVALID; break;
                case 'h': status_help(); herald_sub_options_free(o); return 0;
                default: herald_sub_options_free(o); return TAIL_ERROR;
                }
        if (r != HERALD_OK) {
                fprintf(stderr, "herald status: invalid value '%s'\n", optarg);
                herald_sub_options_free(o);
                return TAIL_ERROR;
        }
        r = herald_status(o, (int)(timeout * 1000), &reply);
        herald_sub_options_free(o);
        if (r != HERALD_OK) {
                fprintf(stderr, "herald status: %s\n", herald_strerror(r));
                return r == HERALD_UNREACHABLE ? TAIL_UNREACHABLE : TAIL_ERROR;
        }
        print_status(reply, as_json);
        free(reply);
        return 0;
}
