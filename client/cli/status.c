/* herald status: one STATUS request through libherald, printed as key/value
 * lines or as the JSON the daemon sent. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "args.h"
#include "keygen.h"
#include "tail.h"

static void status_help(void)
{
        printf("Usage: herald status [OPTIONS]\n\n"
               "Ask heraldd for its state: epoch, last sequence, events retained, articles, subscribers.\n\n"
               "  -b, --endpoint E          events endpoint (default tcp://127.0.0.1:5556)\n"
               "      --replay-endpoint E   replay endpoint (default: the events port + 1)\n"
               "  -J, --output MODE         pretty (default) or json (-J)\n"
               "  -W, --connect-timeout S   exit 2 when the daemon does not answer within S seconds (default 3)\n"
               "      --server-key FILE     CURVE: the daemon's public certificate (or its 40-character key)\n"
               "      --cert FILE           CURVE: this client's secret certificate (herald keygen)\n"
               "  -h, --help                this help\n");
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
        json_object_foreach(j, key, v)
        {
                char *text = json_is_string(v) ? strdup(json_string_value(v)) : json_dumps(v, JSON_ENCODE_ANY);

                printf("%-12s %s\n", key, text ? text : "?");
                free(text);
        }
        json_decref(j);
}

/* Returns 0 to go on, -1 after --help, or an exit code. */
static int parse_status(int argc, char **argv, herald_sub_options *o, bool *as_json, double *timeout)
{
        const char *server_key = NULL, *cert = NULL;
        static const struct option options[] = {
                {"endpoint", required_argument, NULL, 'b'}, {"replay-endpoint", required_argument, NULL, 'r'},
                {"output", required_argument, NULL, 'o'},   {"connect-timeout", required_argument, NULL, 'W'},
                {"server-key", required_argument, NULL, 'k'}, {"cert", required_argument, NULL, 'c'},
                {"help", no_argument, NULL, 'h'},           {},
        };
        int c;

        static char name[] = "herald status";

        argv[0] = name; /* getopt's messages start with it */
        optind = 1;
        while ((c = getopt_long(argc, argv, "b:JW:h", options, NULL)) >= 0)
                switch (c) {
                case 'b':
                        if (herald_sub_options_set_endpoint(o, optarg) != HERALD_OK)
                                return args_error("status", "--endpoint: %s", herald_last_error());
                        break;
                case 'r':
                        if (herald_sub_options_set_replay_endpoint(o, optarg) != HERALD_OK)
                                return args_error("status", "--replay-endpoint: %s", herald_last_error());
                        break;
                case 'o':
                        if (strcmp(optarg, "json") && strcmp(optarg, "pretty"))
                                return args_error("status", "--output: not pretty or json: '%s'", optarg);
                        *as_json = strcmp(optarg, "json") == 0;
                        break;
                case 'J': *as_json = true; break;
                case 'W':
                        if (!args_seconds(optarg, timeout))
                                return args_error("status", "--connect-timeout: not " ARGS_SECONDS_RANGE ": '%s'",
                                                  optarg);
                        break;
                case 'k': server_key = optarg; break;
                case 'c': cert = optarg; break;
                case 'h': status_help(); return -1;
                default: return TAIL_ERROR; /* getopt said what was wrong */
                }
        if (optind < argc)
                return args_error("status", "unexpected argument '%s'", argv[optind]);
        return keygen_set_curve("status", o, server_key, cert) < 0 ? TAIL_ERROR : 0;
}

int status_main(int argc, char **argv)
{
        herald_sub_options *o = herald_sub_options_new();
        bool as_json = false;
        double timeout = 3;
        char *reply = NULL;
        int r;

        if (!o)
                return args_error("status", "out of memory");
        r = parse_status(argc, argv, o, &as_json, &timeout);
        if (r) {
                herald_sub_options_free(o);
                return r < 0 ? 0 : r;
        }
        r = herald_status(o, (int)(timeout * 1000), &reply);
        herald_sub_options_free(o);
        if (r != HERALD_OK) {
                fprintf(stderr, "herald status: %s\n", herald_last_error());
                return r == HERALD_UNREACHABLE ? TAIL_UNREACHABLE : TAIL_ERROR;
        }
        print_status(reply, as_json);
        free(reply);
        return 0;
}
