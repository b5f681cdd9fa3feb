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
        ev->root = o;
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
        json_decref(ev->root);
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

/* data.<a>[.<b>] as a string, "" when absent. */
static const char *data_string(const herald_event *ev, const char *a, const char *b)
{
        json_t *v = json_object_get(json_object_get(ev->root, "data"), a);
        const char *s;

        if (b)
                v = json_object_get(v, b);
        s = json_string_value(v);
        return s ? s : "";
}

const char *herald_event_modality(const herald_event *ev) { return data_string(ev, "modality", NULL); }
const char *herald_event_when(const herald_event *ev) { return data_string(ev, "when", "value"); }
const char *herald_event_when_start(const herald_event *ev) { return data_string(ev, "when", "start"); }
const char *herald_event_when_end(const herald_event *ev) { return data_string(ev, "when", "end"); }

static json_t *entities(const herald_event *ev, const char *which)
{
        return json_object_get(json_object_get(ev->root, "data"), which);
}

static const char *entity_name(const herald_event *ev, const char *which, size_t i)
{
        json_t *e = json_array_get(entities(ev, which), i);
        const char *s = json_string_value(json_object_get(e, "name"));

        if (!e)
                return NULL;
        return s ? s : "";
}

size_t herald_event_actor_count(const herald_event *ev) { return json_array_size(entities(ev, "actors")); }
const char *herald_event_actor_name(const herald_event *ev, size_t i) { return entity_name(ev, "actors", i); }
size_t herald_event_target_count(const herald_event *ev) { return json_array_size(entities(ev, "targets")); }
const char *herald_event_target_name(const herald_event *ev, size_t i) { return entity_name(ev, "targets", i); }
size_t herald_event_json_length(const herald_event *ev) { return ev->json_len; }
