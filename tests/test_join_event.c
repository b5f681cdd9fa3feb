/* libherald's event object (client/lib/event.c): it keeps its frames and parses
 * the JSON only when an accessor asks, and a body that is not JSON still reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_event_parsed_on_demand),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
