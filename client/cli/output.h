/* How `herald tail` prints an event: pretty (one readable line, colour as
 * --color says), json (indented), jsonl (the CloudEvent as sent),
 * raw (topic, sequence, body) or a --format template. */
#ifndef HERALD_CLIENT_OUTPUT_H
#define HERALD_CLIENT_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "herald/herald.h"

enum output_mode { OUTPUT_PRETTY, OUTPUT_JSON, OUTPUT_JSONL, OUTPUT_RAW, OUTPUT_TEMPLATE };

struct output {
        enum output_mode mode;
        const char *template; /* OUTPUT_TEMPLATE */
        bool colour;
};

/* Parses "pretty|json|jsonl|raw"; returns -1 if unknown. */
int output_parse_mode(const char *name, enum output_mode *ret);

/* Checks a --format template: 0, or -1 with what is wrong with it in why. */
int output_check_template(const char *template, char *why, size_t len);

void output_event(const struct output *o, const herald_event *ev, FILE *f);

#endif
