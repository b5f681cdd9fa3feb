/* Fuzz target for libherald's side of the wire: the input is read as a script of
 * what a daemon (or anyone on the network) might send a subscriber - live
 * messages and heartbeats, replay events, ENDs and errors with any numbers, the
 * replay connection dropping and coming back, time passing - with arbitrary
 * topic and body bytes. The join state machine takes it all, and every event it
 * hands out is read through every accessor (which parses its JSON on demand). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "herald/herald.h"
#include "internal.h"
#include "join.h"

struct script {
        const uint8_t *p;
        size_t n;
};

static uint64_t take_u64(struct script *s, size_t bytes)
{
        uint64_t v = 0;

        while (bytes-- && s->n) {
                v = v << 8 | *s->p++;
                s->n--;
        }
        return v;
}

/* A length-prefixed piece of the input, at most 255 bytes. */
static const char *take_bytes(struct script *s, size_t *len)
{
        const char *at;

        *len = take_u64(s, 1);
        if (*len > s->n)
                *len = s->n;
        at = (const char *)s->p;
        s->p += *len;
        s->n -= *len;
        return at;
}

static herald_event *take_event(struct script *s, uint64_t epoch, uint64_t sequence)
{
        size_t topic_len, body_len;
        const char *topic = take_bytes(s, &topic_len), *body = take_bytes(s, &body_len);

        return event_new(topic, topic_len, epoch, sequence, body, body_len);
}

static void read_all(herald_event *ev)
{
        size_t n;

        (void)herald_event_topic(ev), (void)herald_event_id(ev), (void)herald_event_type(ev);
        (void)herald_event_kind(ev), (void)herald_event_modality(ev), (void)herald_event_time(ev);
        (void)herald_event_when(ev), (void)herald_event_when_start(ev), (void)herald_event_when_end(ev);
        (void)herald_event_headline(ev), (void)herald_event_json(ev), (void)herald_event_json_length(ev);
        n = herald_event_actor_count(ev);
        for (size_t i = 0; i <= n; i++) /* one past the end too: NULL, never a read out of bounds */
                (void)herald_event_actor_name(ev, i);
        n = herald_event_target_count(ev);
        for (size_t i = 0; i <= n; i++)
                (void)herald_event_target_name(ev, i);
}

static void drain(struct join *j)
{
        struct join_request rq;
        herald_event *ev;
        char *why;
        int r;

        while (join_take_request(j, &rq))
                ;
        for (;;) {
                why = NULL; /* set only with a condition */
                if ((r = join_next(j, &ev, &why)) == HERALD_TIMEOUT)
                        break;
                if (r == HERALD_OK) {
                        read_all(ev);
                        herald_event_free(ev);
                } else
                        free(why);
        }
}

static void step(struct join *j, struct script *s, int64_t *now)
{
        unsigned op = (unsigned)take_u64(s, 1);
        uint64_t epoch = take_u64(s, 1), a = take_u64(s, 2);

        *now += (int64_t)take_u64(s, 2);
        switch (op % 8) {
        case 0: join_live(j, epoch, a, take_event(s, epoch, a), *now); break;
        case 1: join_live(j, epoch, a, NULL, *now); break; /* a heartbeat */
        case 2: join_replay_event(j, (unsigned)take_u64(s, 1), take_event(s, epoch, a), *now); break;
        case 3: join_replay_end(j, (unsigned)take_u64(s, 1), epoch, a, take_u64(s, 2), *now); break;
        case 4: join_replay_error(j, (unsigned)take_u64(s, 1), (int)take_u64(s, 2), *now); break;
        case 5: join_replay_dropped(j); break;
        case 6: join_replay_connected(j, *now); break;
        default: join_tick(j, *now); break;
        }
        drain(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static const char *const topics[] = { "ev." };
        static const char *const replay[] = { "tcp://127.0.0.1:5557" };
        struct script s = { data, size };
        struct join_config c = { .topics = topics, .n_topics = 1, .request_timeout_ms = 1000, .replay = replay };
        struct join *j;
        int64_t now = 0;

        c.start = (enum herald_start)(take_u64(&s, 1) % 4);
        c.n = take_u64(&s, 1);
        if (!(j = join_new(&c)))
                return 0;
        while (s.n)
                step(j, &s, &now);
        join_free(j);
        return 0;
}
