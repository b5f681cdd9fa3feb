/* Fuzz target: any bytes as a journal file read back at start by journal_open()
 * into a replay window, then one more article journaled after it, so what the
 * read-back left (sequence, articles, torn tail) is used, not only parsed
 * (libFuzzer with HERALD_FUZZ=ON; with fuzz_driver.c a plain program replaying
 * tests/fuzz-corpus/journal). */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_input.h"
#include "history.h"
#include "journal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char SHA[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct history h;
        struct journal *j = NULL;
        struct journal_report rep;
        char path[64], err[256];
        int fd = fuzz_input_file(data, size, path, sizeof(path));

        if (fd < 0)
                return 0;
        if (history_init(&h, 64) < 0) {
                close(fd);
                return 0;
        }
        if (journal_open(path, &h, &j, &rep, err, sizeof(err)) == 0) {
                const char ev[] = "{\"specversion\":\"1.0\"}";

                (void)journal_first_content(j, "a");
                if (journal_add_article(j, SHA, "fuzz", 1, "fuzz.txt") == 0 &&
                    journal_add_event(j, SHA, 1, ev, strlen(ev)) == 0)
                        (void)journal_sync(j);
                (void)journal_articles(j);
                journal_close(j);
        }
        history_done(&h);
        close(fd);
        return 0;
}
