/* Fuzz target: any bytes as heraldd's config file, through config_load_file()
 * into a config holding the defaults (libFuzzer with HERALD_FUZZ=ON; with
 * fuzz_driver.c a plain program replaying tests/fuzz-corpus/config). */
#include <stdint.h>
#include <unistd.h>

#include "config.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct parse_error err = {0};
        struct config *c = config_new();
        char path[64], msg[1024];
        int fd = fuzz_input_file(data, size, path, sizeof(path));

        if (fd >= 0 && c && config_load_file(c, path, &err) < 0)
                parse_error_format(&err, msg, sizeof(msg));
        config_free(c);
        if (fd >= 0)
                close(fd);
        return 0;
}
