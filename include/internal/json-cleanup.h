/* _cleanup_json_: json_decref when the variable leaves scope (Jansson's json_auto_t,
 * spelled the way the rest of herald spells cleanup). */
#ifndef HERALD_INTERNAL_JSON_CLEANUP_H
#define HERALD_INTERNAL_JSON_CLEANUP_H

#include <jansson.h>

#include "internal/cleanup.h"

/* Jansson ≥ 2.11 provides json_decrefp() for its own json_auto_t. */
#define _cleanup_json_ _cleanup_(json_decrefp)

#endif
