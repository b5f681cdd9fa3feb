/* Replays files through the fuzz target without libFuzzer, so the corpus runs
 * under gcc's sanitizers as an ordinary test. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal/cleanup.h"
#include "fileio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
        for (int i = 1; i < argc; i++) {
                _cleanup_free_ char *buf = NULL;
                size_t len;

                if (fileio_read(argv[i], 64u << 20, &buf, &len) < 0) {
                        fprintf(stderr, "%s: cannot read\n", argv[i]);
                        return 1;
                }
                LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
        }
        printf("%d inputs replayed\n", argc - 1);
        return 0;
}
