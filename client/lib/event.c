/* libherald events: the frames as received, plus the members callers ask for
 * most, read from the CloudEvent once when the event is made. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"

static char *member(json_t *o, const char *a, const char *b)
{
        json_t *v = json_object_get(o, a);
        const char *s;

        if (b)
                v = json_object_get(v, b);
        s = json_string_value(v);
        return strdup(s ? s : "");
}

herald_event *event_new(const char *topic, size_t topic_len, uint64_t epoch, uint64_t sequence, const char *json,
                        size_t json_len)
{
        herald_event *ev = calloc(1, sizeof(*ev));
        json_t *o;

        if (!ev)
                return NULL;
        ev->epoch = epoch;
        ev->sequence = sequence;
        ev->topic = strndup(topic, topic_len);
        ev->json = malloc(json_len + 1);
        if (ev->json) {
                memcpy(ev->json, json, json_len);
                ev->json[json_len] = '\0';
        }
        ev->json_len = json_len;
        o = json_loadb(json, json_len, 0, NULL);
        ev->id = member(o, "id", NULL);
        ev->type = member(o, "type", NULL);
        ev->kind = member(o, "data", "kind");
        ev->time = member(o, "time", NULL);
        ev->headline = member(o, "data", "headline");
        json_decref(o);
        if (!ev->topic || !ev->json || !ev->id || !ev->type || !ev->kind || !ev->time || !ev->headline) {
                herald_event_free(ev);
                return NULL;
        }
        return ev;
}

void herald_event_free(herald_event *ev)
{
        if (!ev)
                return;
        free(ev->topic);
        free(ev->json);
        free(ev->id);
        free(ev->type);
        free(ev->kind);
        free(ev->time);
        free(ev->headline);
        free(ev->why);
        free(ev);
}

const char *herald_event_topic(const herald_event *ev) { return ev->topic; }
uint64_t herald_event_sequence(const herald_event *ev) { return ev->sequence; }
uint64_t herald_event_epoch(const herald_event *ev) { return ev->epoch; }
const char *herald_event_id(const herald_event *ev) { return ev->id; }
const char *herald_event_type(const herald_event *ev) { return ev->type; }
const char *herald_event_kind(const herald_event *ev) { return ev->kind; }
const char *herald_event_time(const herald_event *ev) { return ev->time; }
const char *herald_event_headline(const herald_event *ev) { return ev->headline; }
const char *herald_event_json(const herald_event *ev) { return ev->json; }
size_t herald_event_json_length(const herald_event *ev) { return ev->json_len; }

const char *herald_strerror(int result)
{
        switch (result) {
        case HERALD_OK: return "success";
        case HERALD_TIMEOUT: return "no event within the timeout";
        case HERALD_GAP: return "events were lost and could not be replayed";
        case HERALD_EPOCH_CHANGED: return "the daemon lost its history (new epoch); resynchronised";
        case HERALD_UNREACHABLE: return "the daemon is unreachable";
        case HERALD_INVALID: return "invalid argument";
        case HERALD_NO_MEMORY: return "out of memory";
        case HERALD_SYSTEM: return "system or libzmq error";
        case HERALD_PROTOCOL: return "unexpected message from the daemon";
        default: return "unknown result";
        }
}

const char *herald_version(void) { return HERALD_LIB_VERSION; }
