/* libherald's event object (client/lib/event.c): it keeps its frames and parses
 * the JSON only when an accessor asks, and a body that is not JSON still reads;
 * one made from the body's frame as received reads as one made from a copy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zmq.h>

#include "helpers/join_fixture.h"

/* Events keep their frames and parse the JSON only when an accessor needs it:
 * receiving one costs a copy, not a parse. A body that is not JSON is still
 * delivered, as it always was, its members read as absent. */
static void test_event_parsed_on_demand(void **state)
{
        static const char frames[] = "ev.arrival.a{\"id\":\"a/1\",\"data\":{\"kind\":\"arrival\","
                                     "\"actors\":[{\"name\":\"Russia\"}]}}trailing";
        const char *json = frames + 12;
        size_t json_len = strlen(json) - strlen("trailing");
        herald_event *ev = event_new(frames, 12, EPOCH, 7, json, json_len), *bad;
        const char *id;

        (void)state;
        assert_non_null(ev);
        assert_string_equal(herald_event_topic(ev), "ev.arrival.a"); /* the frames need not end in NUL */
        assert_int_equal(herald_event_json_length(ev), json_len);
        assert_int_equal(strlen(herald_event_json(ev)), json_len);
        assert_int_equal(herald_event_sequence(ev), 7);
        assert_false(ev->parsed); /* nothing asked of the JSON yet */
        id = herald_event_id(ev);
        assert_true(ev->parsed);
        assert_string_equal(id, "a/1");
        assert_ptr_equal(herald_event_id(ev), id); /* parsed once, kept */
        assert_string_equal(herald_event_kind(ev), "arrival");
        assert_string_equal(herald_event_headline(ev), "");
        assert_int_equal(herald_event_actor_count(ev), 1);
        assert_string_equal(herald_event_actor_name(ev, 0), "Russia");
        herald_event_free(ev);

        bad = event_new("ev.arrival.b", 12, EPOCH, 8, "{\"id\":", 6);
        assert_non_null(bad);
        assert_string_equal(herald_event_json(bad), "{\"id\":");
        assert_string_equal(herald_event_id(bad), "");
        assert_string_equal(herald_event_kind(bad), "");
        assert_string_equal(herald_event_when(bad), "");
        assert_int_equal(herald_event_actor_count(bad), 0);
        assert_null(herald_event_actor_name(bad, 0));
        herald_event_free(bad);
}

/* Every accessor of an event, as text, "|"-separated: two events read alike
 * when their texts are equal. */
static char *describe(const herald_event *ev)
{
        char *out = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&out, &size);

        assert_non_null(f);
        fprintf(f, "%s|%llu|%llu|%s|%s|%s|%s|%s|%s|%s|%s|%s|", herald_event_topic(ev),
                (unsigned long long)herald_event_sequence(ev), (unsigned long long)herald_event_epoch(ev),
                herald_event_id(ev), herald_event_type(ev), herald_event_kind(ev), herald_event_modality(ev),
                herald_event_time(ev), herald_event_when(ev), herald_event_when_start(ev), herald_event_when_end(ev),
                herald_event_headline(ev));
        for (size_t i = 0; i < herald_event_actor_count(ev); i++)
                fprintf(f, "a:%s|", herald_event_actor_name(ev, i));
        for (size_t i = 0; i < herald_event_target_count(ev); i++)
                fprintf(f, "t:%s|", herald_event_target_name(ev, i));
        fprintf(f, "%zu|%s", herald_event_json_length(ev), herald_event_json(ev));
        fclose(f);
        return out;
}

/* The subscriber keeps each body as the frame libzmq received (no copy; a
 * frame has no NUL after it). Against the copying constructor, on a whole
 * event and on every prefix of it (most of them not JSON), and on bodies with
 * escapes, a NUL inside and nothing at all: every accessor reads the same,
 * the JSON is NUL-terminated at its length, and the body was not copied. */
static void test_event_from_frame_reads_as_a_copy(void **state)
{
        static const char *const bodies[] = {
                "{\"specversion\":\"1.0\",\"id\":\"burst-000/1\",\"type\":\"herald.criticism\","
                "\"time\":\"2026-11-30T11:18:46.160Z\",\"data\":{\"kind\":\"criticism\",\"modality\":\"asserted\","
                "\"headline\":\"Germany criticises France\",\"actors\":[{\"name\":\"Germany\"},{\"name\":\"Berlin\"}],"
                "\"targets\":[{\"name\":\"France\"}],\"when\":{\"text\":\"Friday\",\"value\":\"2024-08-30\","
                "\"start\":\"2024-08-30T00:00:00Z\",\"end\":\"2024-08-31T00:00:00Z\"}}}",
                "{\"id\":\"caf\\u00e9\\n\\\"q\\\"\",\"data\":{\"headline\":\"\u00e9t\u00e9\"}}",
                "",
        };
        void *ctx = zmq_ctx_new();

        (void)state;
        for (size_t b = 0; b < sizeof(bodies) / sizeof(*bodies); b++)
                for (size_t len = 0; len <= strlen(bodies[b]); len++) {
                        herald_event *copy = event_new("ev.criticism.a", 14, EPOCH, len, bodies[b], len), *kept;
                        zmq_msg_t frame;
                        const void *data;
                        char *want, *got;

                        assert_int_equal(zmq_msg_init_size(&frame, len), 0);
                        if (len)
                                memcpy(zmq_msg_data(&frame), bodies[b], len);
                        data = zmq_msg_data(&frame);
                        kept = event_new_msg("ev.criticism.a", 14, EPOCH, len, &frame);
                        assert_non_null(copy);
                        assert_non_null(kept);
                        assert_int_equal(zmq_msg_size(&frame), 0); /* moved into the event */
                        assert_ptr_equal(kept->body, zmq_msg_data(&kept->msg)); /* read from the frame */
                        if (len > 64) /* a short frame holds its bytes in itself, moved with it */
                                assert_ptr_equal(kept->body, data); /* not copied */
                        assert_null(kept->json);                 /* no NUL-terminated copy until asked */
                        want = describe(copy);
                        got = describe(kept);
                        assert_string_equal(got, want);
                        assert_int_equal(strlen(herald_event_json(kept)), len);
                        free(want);
                        free(got);
                        zmq_msg_close(&frame);
                        herald_event_free(copy);
                        herald_event_free(kept);
                }
        /* a NUL inside the body: the length says where it ends, as for a copy */
        {
                zmq_msg_t frame;
                herald_event *kept;

                assert_int_equal(zmq_msg_init_size(&frame, 7), 0);
                memcpy(zmq_msg_data(&frame), "{}\0{}xy", 7);
                kept = event_new_msg("ev.a.b", 6, EPOCH, 1, &frame);
                assert_non_null(kept);
                assert_int_equal(herald_event_json_length(kept), 7);
                assert_memory_equal(herald_event_json(kept), "{}\0{}xy\0", 8);
                herald_event_free(kept);
                zmq_msg_close(&frame);
        }
        zmq_ctx_term(ctx);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_event_parsed_on_demand),
                cmocka_unit_test(test_event_from_frame_reads_as_a_copy),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
