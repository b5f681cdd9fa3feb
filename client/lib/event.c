/* libherald events: the topic copied, the body kept as the frame received, and the
 * CloudEvent parsed only when an accessor first needs a member of it. The
 * subscriber keeps the body's frame as libzmq received it: one small malloc
 * per event (the topic), no copy of the body, no parse, until an accessor
 * needs the JSON. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"

/* An event with room for the topic and `extra` bytes after it, topic copied. */
static herald_event *event_alloc(const char *topic, size_t topic_len, uint64_t epoch, uint64_t sequence, size_t extra)
{
        herald_event *ev;

        if (topic_len > SIZE_MAX / 2 || extra > SIZE_MAX / 2 - sizeof(*ev) - topic_len - 2)
                return NULL;
        ev = malloc(sizeof(*ev) + topic_len + 1 + extra);
        if (!ev)
                return NULL;
        *ev = (herald_event){ .epoch = epoch, .sequence = sequence };
        ev->topic = ev->text;
        memcpy(ev->topic, topic, topic_len);
        ev->topic[topic_len] = '\0';
        return ev;
}

herald_event *event_new(const char *topic, size_t topic_len, uint64_t epoch, uint64_t sequence, const char *json,
                        size_t json_len)
{
        herald_event *ev;

        if (json_len > SIZE_MAX / 2 || !(ev = event_alloc(topic, topic_len, epoch, sequence, json_len + 1)))
                return NULL;
        ev->json = ev->text + topic_len + 1;
        memcpy(ev->json, json, json_len);
        ev->json[json_len] = '\0';
        ev->body = ev->json;
        ev->json_len = json_len;
        return ev;
}

herald_event *event_new_msg(const char *topic, size_t topic_len, uint64_t epoch, uint64_t sequence, zmq_msg_t *body)
{
        herald_event *ev = event_alloc(topic, topic_len, epoch, sequence, 0);

        if (!ev)
                return NULL;
        zmq_msg_init(&ev->msg);
        zmq_msg_move(&ev->msg, body);
        ev->has_msg = true;
        ev->body = zmq_msg_data(&ev->msg);
        ev->json_len = zmq_msg_size(&ev->msg);
        return ev;
}

void herald_event_free(herald_event *ev)
{
        if (!ev)
                return;
        if (ev->why) /* a marker's reason: most events have none, nor a parse, nor a copy */
                free(ev->why);
        json_decref(ev->root);
        if (ev->has_msg) {
                zmq_msg_close(&ev->msg);
                if (ev->json)
                        free(ev->json);
        }
        free(ev);
}

/* The CloudEvent, parsed at the first call that needs it and kept until the
 * event is freed; NULL when the body is not JSON (or no memory), which every
 * accessor reads as "the member is absent", as when it was parsed on receipt.
 * The event is the caller's alone (one thread at a time), so filling the
 * cache behind a const pointer is safe. */
static json_t *root(const herald_event *ev)
{
        herald_event *e = (herald_event *)ev;

        if (!e->parsed) {
                e->root = json_loadb(e->body, e->json_len, 0, NULL);
                e->parsed = true;
        }
        return e->root;
}

/* <a>[.<b>] of obj as a string, "" when absent. */
static const char *string_at(json_t *obj, const char *a, const char *b)
{
        json_t *v = json_object_get(obj, a);
        const char *s;

        if (b)
                v = json_object_get(v, b);
        s = json_string_value(v);
        return s ? s : "";
}

static const char *member(const herald_event *ev, const char *a, const char *b)
{
        return string_at(root(ev), a, b);
}

/* data.<a>[.<b>] as a string, "" when absent. */
static const char *data_string(const herald_event *ev, const char *a, const char *b)
{
        return string_at(json_object_get(root(ev), "data"), a, b);
}

const char *herald_event_topic(const herald_event *ev) { return ev->topic; }
uint64_t herald_event_sequence(const herald_event *ev) { return ev->sequence; }
uint64_t herald_event_epoch(const herald_event *ev) { return ev->epoch; }
const char *herald_event_id(const herald_event *ev) { return member(ev, "id", NULL); }
const char *herald_event_type(const herald_event *ev) { return member(ev, "type", NULL); }
const char *herald_event_kind(const herald_event *ev) { return data_string(ev, "kind", NULL); }
const char *herald_event_time(const herald_event *ev) { return member(ev, "time", NULL); }
const char *herald_event_headline(const herald_event *ev) { return data_string(ev, "headline", NULL); }
/* The body NUL-terminated: a frame kept as received has no NUL after it, so
 * the first call copies it (kept until the event is freed; "" when there is
 * no memory, as for the members). A caller that reads the sequence, the
 * topic or the members never pays for the copy. */
const char *herald_event_json(const herald_event *ev)
{
        herald_event *e = (herald_event *)ev;

        if (!e->json && (e->json = malloc(e->json_len + 1))) {
                memcpy(e->json, e->body, e->json_len);
                e->json[e->json_len] = '\0';
        }
        return e->json ? e->json : "";
}
const char *herald_event_modality(const herald_event *ev) { return data_string(ev, "modality", NULL); }
const char *herald_event_when(const herald_event *ev) { return data_string(ev, "when", "value"); }
const char *herald_event_when_start(const herald_event *ev) { return data_string(ev, "when", "start"); }
const char *herald_event_when_end(const herald_event *ev) { return data_string(ev, "when", "end"); }

static json_t *entities(const herald_event *ev, const char *which)
{
        return json_object_get(json_object_get(root(ev), "data"), which);
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
