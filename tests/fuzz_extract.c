/* Fuzz target for the pure core: any bytes as an article, parsed, coded and
 * turned into CloudEvents with the real codebook. Built for libFuzzer with
 * HERALD_FUZZ=ON (clang), and with fuzz_driver.c as a plain program that replays
 * a corpus under ASan in `make test`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "event.h"
#include "extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct codebook *codebook(void)
{
        static struct codebook *cb;
        struct parse_error err = { 0 };
        const char *dir = getenv("HERALD_DATA_DIR");

        if (!cb && codebook_load(dir ? dir : HERALD_DATA_DIR, &cb, &err) < 0)
                abort();
        return cb;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct article_options opts = { .name = "fuzz.txt", .fallback_date = "2024-09-02" };
        struct codebook *cb = codebook();
        struct parse_error err = { 0 };
        struct article *a = NULL;
        struct extraction x;
        char *text = malloc(size + 1);

        if (!text)
                return 0;
        memcpy(text, data, size);
        text[size] = '\0';
        if (article_parse(text, size, &opts, cb->lexicon, &a, &err) < 0)
                return 0;
        if (extract_article(cb, a, &x) == 0) {
                for (size_t i = 0; i < x.n; i++) {
                        struct event_meta m = { .feed = "fuzz", .sequence = i + 1, .index = i + 1, .count = x.n,
                                                .time = "2026-01-01T00:00:00.000Z" };
                        char *json = event_build(cb, a, &x.v[i], &m);

                        if (!json || strlen(json) >= EVENT_MAX_SIZE)
                                abort(); /* an event must always build and stay under 64 KiB */
                        free(json);
                }
                extraction_done(&x);
        }
        article_free(a);
        return 0;
}
