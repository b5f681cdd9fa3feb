/* herald tail: joins the stream through libherald from the start point asked
 * for (--last, --from-start, --from-seq, -o) and prints each event as it comes,
 * until --count, --no-follow, --until-end, --timeout or a signal says stop.
 * Short options follow mosquitto_sub and kcat where their habits meet. */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "args.h"
#include "keygen.h"
#include "output.h"
#include "tail.h"

enum colour { COLOUR_AUTO, COLOUR_ALWAYS, COLOUR_NEVER };

struct tail_args {
        const char *endpoint, *replay_endpoint;
        const char *server_key, *cert; /* CURVE, or NULL */
        const char *topics[16];
        size_t n_topics;
        enum herald_start start;
        uint64_t start_n;
        bool start_given, follow, verbose, quiet, until_end;
        bool out_pipe; /* stdout is a pipe or a socket: its reader can go away */
        uint64_t count;
        double timeout_s, connect_timeout_s;
        struct output out;
        bool output_given;
        enum colour colour;
};

static volatile sig_atomic_t stop;
static int write_errno; /* why the output could not be written */

static void on_signal(int sig)
{
        (void)sig;
        stop = 1;
}

static void tail_help(void)
{
        printf("Usage: herald tail [OPTIONS]\n\n"
               "Follow heraldd's events: replay the recent ones, then print each new one.\n\n"
               "  -b, --endpoint E          events endpoint (default tcp://127.0.0.1:5556)\n"
               "      --replay-endpoint E   replay endpoint (default: where the daemon says, else the events port + 1)\n"
               "  -t, --topic PREFIX        only these topics, e.g. ev.arrival. (repeatable)\n"
               "  -n, --last N              start with the last N events (matching --topic); default 10 on a\n"
               "                            terminal, else 0\n"
               "      --from-start          start with the oldest event the daemon keeps\n"
               "      --from-seq N          start at sequence N\n"
               "  -o OFFSET                 start as kcat: beginning, end, N (sequence) or -N (the last N)\n"
               "  -e, --no-follow           exit once the replay is printed\n"
               "  -C, -c, --count N         exit after N events\n"
               "      --until-end           exit after the last event of an article (index = count)\n"
               "  -W, --timeout S           exit 27 when no event came for S seconds (heartbeats do not count)\n"
               "      --connect-timeout S   exit 2 when the daemon is not heard within S seconds (default 3)\n"
               "      --output MODE         pretty, json, jsonl or raw (default pretty on a terminal, else jsonl)\n"
               "  -J                        --output jsonl\n"
               "  -F, --format TEMPLATE     one line per event: %%s sequence %%t topic %%k kind %%h headline\n"
               "                            %%w time value %%i id %%T emission time %%j JSON %%%% percent\n"
               "      --color WHEN          auto (default: on a terminal, unless NO_COLOR is set), always, never\n"
               "  -v, --verbose             say what happens (joins, gaps, reconnects) on stderr\n"
               "  -q, --quiet               say nothing on stderr but errors\n"
               "      --server-key FILE     CURVE: the daemon's public certificate (or its 40-character key)\n"
               "      --cert FILE           CURVE: this client's secret certificate (herald keygen)\n"
               "  -V, --version             print the version\n"
               "  -h, --help                this help\n\n"
               "Exit: 0 done, 1 error, 2 daemon unreachable, 3 events lost for good, 27 timeout.\n");
}

#define usage_error(...) args_error("tail", __VA_ARGS__)

static int set_start(struct tail_args *a, enum herald_start start, uint64_t n)
{
        a->start = start, a->start_n = n, a->start_given = true;
        return 0;
}

/* kcat's -o: beginning, end, N (absolute) or -N (the last N). */
static int parse_offset(struct tail_args *a, const char *s)
{
        uint64_t n;

        if (strcmp(s, "beginning") == 0)
                return set_start(a, HERALD_START_OLDEST, 0);
        if (strcmp(s, "end") == 0)
                return set_start(a, HERALD_START_LAST, 0);
        if (*s == '-' && args_number(s + 1, &n))
                return set_start(a, HERALD_START_LAST, n);
        if (args_number(s, &n) && n > 0)
                return set_start(a, HERALD_START_SEQUENCE, n);
        return usage_error("-o: not beginning, end, a sequence or -N: '%s'", s);
}

static int parse_colour(struct tail_args *a, const char *s)
{
        if (strcmp(s, "auto") == 0)
                a->colour = COLOUR_AUTO;
        else if (strcmp(s, "always") == 0)
                a->colour = COLOUR_ALWAYS;
        else if (strcmp(s, "never") == 0)
                a->colour = COLOUR_NEVER;
        else
                return usage_error("--color: not auto, always or never: '%s'", s);
        return 0;
}

enum { O_REPLAY = 256, O_FROM_START, O_FROM_SEQ, O_CONNECT_TIMEOUT, O_OUTPUT, O_UNTIL_END, O_COLOUR, O_SERVER_KEY,
       O_CERT };

/* One option; 0 to go on, or an exit code (-1 after --help or --version). */
static int parse_option(struct tail_args *a, int c, const char *arg)
{
        char why[160];
        uint64_t n;

        switch (c) {
        case 'b': a->endpoint = arg; return 0;
        case O_REPLAY: a->replay_endpoint = arg; return 0;
        case 't':
                if (a->n_topics == 16)
                        return usage_error("--topic: at most 16 topics; not '%s'", arg);
                a->topics[a->n_topics++] = arg;
                return 0;
        case 'n':
                if (!args_number(arg, &n))
                        return usage_error("--last: not a count: '%s'", arg);
                return set_start(a, HERALD_START_LAST, n);
        case 'o': return parse_offset(a, arg);
        case O_FROM_START: return set_start(a, HERALD_START_OLDEST, 0);
        case O_FROM_SEQ:
                if (!args_number(arg, &n) || n == 0)
                        return usage_error("--from-seq: not a sequence number: '%s'", arg);
                return set_start(a, HERALD_START_SEQUENCE, n);
        case 'e': a->follow = false; return 0;
        case 'C':
                if (!args_number(arg, &a->count) || a->count == 0)
                        return usage_error("--count: not a positive count: '%s'", arg);
                return 0;
        case 'W':
                if (!args_seconds(arg, &a->timeout_s))
                        return usage_error("--timeout: not " ARGS_SECONDS_RANGE ": '%s'", arg);
                return 0;
        case O_CONNECT_TIMEOUT:
                if (!args_seconds(arg, &a->connect_timeout_s))
                        return usage_error("--connect-timeout: not " ARGS_SECONDS_RANGE ": '%s'", arg);
                return 0;
        case O_OUTPUT:
                if (output_parse_mode(arg, &a->out.mode) < 0)
                        return usage_error("--output: not pretty, json, jsonl or raw: '%s'", arg);
                a->output_given = true;
                return 0;
        case 'J': a->out.mode = OUTPUT_JSONL, a->output_given = true; return 0;
        case 'F':
                if (output_check_template(arg, why, sizeof(why)) < 0)
                        return usage_error("--format: %s", why);
                a->out.mode = OUTPUT_TEMPLATE, a->out.template = arg, a->output_given = true;
                return 0;
        case O_COLOUR: return parse_colour(a, arg);
        case 'v': a->verbose = true, a->quiet = false; return 0;
        case 'q': a->quiet = true, a->verbose = false; return 0;
        case O_UNTIL_END: a->until_end = true; return 0;
        case O_SERVER_KEY: a->server_key = arg; return 0;
        case O_CERT: a->cert = arg; return 0;
        case 'V': printf("herald %s (libherald %s)\n", HERALD_VERSION, herald_version()); return -1;
        case 'h': tail_help(); return -1;
        default: return TAIL_ERROR; /* getopt said what was wrong */
        }
}

/* Returns 0 to go on, or an exit code (-1 for --help). */
static int parse_tail(int argc, char **argv, struct tail_args *a)
{
        static const struct option options[] = {
                { "endpoint", required_argument, NULL, 'b' },   { "replay-endpoint", required_argument, NULL, O_REPLAY },
                { "topic", required_argument, NULL, 't' },      { "last", required_argument, NULL, 'n' },
                { "from-start", no_argument, NULL, O_FROM_START }, { "from-seq", required_argument, NULL, O_FROM_SEQ },
                { "no-follow", no_argument, NULL, 'e' },        { "count", required_argument, NULL, 'C' },
                { "timeout", required_argument, NULL, 'W' },
                { "connect-timeout", required_argument, NULL, O_CONNECT_TIMEOUT },
                { "output", required_argument, NULL, O_OUTPUT }, { "format", required_argument, NULL, 'F' },
                { "color", required_argument, NULL, O_COLOUR }, { "colour", required_argument, NULL, O_COLOUR },
                { "verbose", no_argument, NULL, 'v' },          { "quiet", no_argument, NULL, 'q' },
                { "until-end", no_argument, NULL, O_UNTIL_END }, { "version", no_argument, NULL, 'V' },
                { "server-key", required_argument, NULL, O_SERVER_KEY }, { "cert", required_argument, NULL, O_CERT },
                { "help", no_argument, NULL, 'h' },             {},
        };
        static char name[] = "herald tail";
        int c, r;

        argv[0] = name; /* getopt's own messages start with it */
        optind = 1;
        while ((c = getopt_long(argc, argv, "b:t:n:o:eC:c:W:JF:vqVh", options, NULL)) >= 0)
                if ((r = parse_option(a, c == 'c' ? 'C' : c, optarg)) != 0)
                        return r;
        if (optind < argc)
                return usage_error("unexpected argument '%s'", argv[optind]);
        return 0;
}

/* Terminal defaults: the last 10 and pretty lines; piped: live and JSON Lines.
 * Colour: --color, else on a terminal unless NO_COLOR is set and not empty. */
static void defaults(struct tail_args *a)
{
        bool tty = isatty(STDOUT_FILENO);
        const char *no_colour = getenv("NO_COLOR");
        struct stat st;

        a->out_pipe = fstat(STDOUT_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
        if (!a->start_given) {
                a->start = tty ? HERALD_START_LAST : HERALD_START_LIVE;
                a->start_n = tty ? 10 : 0;
        }
        if (!a->output_given)
                a->out.mode = tty ? OUTPUT_PRETTY : OUTPUT_JSONL;
        a->out.colour = a->colour == COLOUR_ALWAYS || (a->colour == COLOUR_AUTO && tty && !(no_colour && *no_colour));
}

/* Options for libherald, each checked there: a bad one is named with the reason. */
static int build_options(const struct tail_args *a, herald_sub_options *o)
{
        if (a->endpoint && herald_sub_options_set_endpoint(o, a->endpoint) != HERALD_OK)
                return usage_error("--endpoint: %s", herald_last_error());
        if (a->replay_endpoint && herald_sub_options_set_replay_endpoint(o, a->replay_endpoint) != HERALD_OK)
                return usage_error("--replay-endpoint: %s", herald_last_error());
        for (size_t i = 0; i < a->n_topics; i++)
                if (herald_sub_options_add_topic(o, a->topics[i]) != HERALD_OK)
                        return usage_error("--topic: %s", herald_last_error());
        if (herald_sub_options_set_start(o, a->start, a->start_n) != HERALD_OK ||
            herald_sub_options_set_connect_timeout(o, (int)(a->connect_timeout_s * 1000)) != HERALD_OK)
                return usage_error("%s", herald_last_error());
        if (keygen_set_curve("tail", o, a->server_key, a->cert) < 0)
                return TAIL_ERROR;
        return 0;
}

static int open_sub(const struct tail_args *a, herald_sub **ret)
{
        herald_sub_options *o = herald_sub_options_new();
        int r;

        if (!o)
                return usage_error("out of memory");
        r = build_options(a, o);
        /* From here on, Ctrl-C is a clean end (exit 0). Not before: until the
         * certificates the options name are read, it must interrupt. */
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
        if (r == 0 && herald_sub_open(o, ret) != HERALD_OK)
                r = usage_error("cannot subscribe: %s", herald_last_error());
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

/* What a condition from libherald means for tail: go on (0) or an exit code.
 * A gap is said and remembered: what is still kept is printed, and the exit
 * status says events were lost. */
static int on_condition(const struct tail_args *a, herald_sub *sub, int r, bool *lost)
{
        switch (r) {
        case HERALD_TIMEOUT:
                return 0;
        case HERALD_UNREACHABLE:
                if (!herald_sub_joined(sub) || (!a->follow && !herald_sub_caught_up(sub))) {
                        fprintf(stderr, "herald tail: no answer from the daemon at '%s' (%s)\n",
                                a->endpoint ? a->endpoint : HERALD_DEFAULT_EVENTS_ENDPOINT, herald_last_error());
                        return TAIL_UNREACHABLE;
                }
                if (a->verbose)
                        fprintf(stderr, "herald tail: %s; waiting for it to come back\n", herald_last_error());
                return 0;
        case HERALD_EPOCH_CHANGED:
                if (!a->quiet)
                        fprintf(stderr, "herald tail: %s\n", herald_last_error());
                return 0;
        case HERALD_GAP:
                *lost = true;
                if (!a->quiet)
                        fprintf(stderr, "herald tail: %s\n", herald_last_error());
                return 0;
        default:
                fprintf(stderr, "herald tail: %s: %s\n", herald_strerror(r), herald_last_error());
                return TAIL_ERROR;
        }
}

/* Whether the reader of a piped stdout has gone (`herald tail | head -3` once
 * head has its lines). A write would say so (SIGPIPE or EPIPE), but a quiet
 * stream writes nothing and tail would wait for ever: poll reports POLLERR on
 * a pipe, POLLHUP on a socket, as soon as the other end is closed. */
static bool reader_gone(const struct tail_args *a)
{
        struct pollfd p = { .fd = STDOUT_FILENO, .events = 0 };

        return a->out_pipe && poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP));
}

/* The output cannot be written: end as a write to a closed pipe would, by
 * SIGPIPE (the shell sees 141) unless it is ignored, else exit 1 saying why. */
static int output_failed(int error)
{
        struct sigaction sa;

        if (error == EPIPE && sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) {
                fflush(stderr);
                raise(SIGPIPE);
        }
        write_errno = error;
        return TAIL_ERROR;
}

static int follow(const struct tail_args *a, herald_sub *sub, bool *lost)
{
        double last_event = now_s();
        uint64_t printed = 0;

        while (!stop) {
                herald_event *ev = NULL;
                int r = herald_sub_next(sub, &ev, 200), code;

                if (r == HERALD_OK) {
                        bool end = a->until_end && article_end(ev);

                        errno = 0;
                        output_event(&a->out, ev, stdout);
                        herald_event_free(ev);
                        if (ferror(stdout)) /* line-buffered: the line has been written, or failed */
                                return output_failed(errno ? errno : EIO);
                        last_event = now_s();
                        if ((a->count && ++printed >= a->count) || end)
                                return TAIL_DONE;
                } else if ((code = on_condition(a, sub, r, lost)) != 0)
                        return code;
                else if (r == HERALD_TIMEOUT && reader_gone(a))
                        return output_failed(EPIPE);
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
        bool lost = false;
        int r = parse_tail(argc, argv, &a);

        if (r)
                return r < 0 ? TAIL_DONE : r;
        defaults(&a);
        if ((r = open_sub(&a, &sub)) != 0)
                return r;
        setvbuf(stdout, NULL, _IOLBF, 0); /* herald tail | jq streams */
        r = follow(&a, sub, &lost);
        herald_sub_close(sub);
        if (r == TAIL_ERROR && write_errno) {
                fprintf(stderr, "herald tail: cannot write the output: %s\n", strerror(write_errno));
                return TAIL_ERROR;
        }
        errno = 0;
        if (fflush(stdout) != 0 || ferror(stdout)) {
                fprintf(stderr, "herald tail: cannot write the output: %s\n", strerror(errno ? errno : EIO));
                return TAIL_ERROR;
        }
        return r == TAIL_DONE && lost ? TAIL_GAP : r;
}
