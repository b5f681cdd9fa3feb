/* Fuzz target: any bytes as a codebook's rules file, loaded by rules_load()
 * (built for libFuzzer with HERALD_FUZZ=ON, and with fuzz_driver.c as a plain
 * program that replays tests/fuzz-corpus/rules under the sanitizers). */
#include <stdint.h>
#include <unistd.h>

#include "fuzz_input.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct parse_error err = {0};
        struct rules *x = NULL;
        char path[64];
        int fd = fuzz_input_file(data, size, path, sizeof(path));

        if (fd < 0)
                return 0;
        if (rules_load(path, &x, &err) == 0)
                rules_free(x);
        close(fd);
        return 0;
}
