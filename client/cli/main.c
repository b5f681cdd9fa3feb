/* herald: the command-line client of heraldd. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "herald/herald.h"
#include "keygen.h"
#include "tail.h"

static void help(void)
{
        printf("Usage: herald COMMAND [OPTIONS]\n\n"
               "Watch the events heraldd publishes.\n\n"
               "Commands:\n"
               "  tail      follow the events (herald tail --help)\n"
               "  status    the daemon's state (herald status --help)\n"
               "  keygen    make a CURVE key pair (herald keygen --help)\n\n"
               "  --version print the version\n"
               "  --help    this help\n");
}

static int run(int argc, char **argv)
{
        if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
                help();
                return argc < 2 ? 1 : 0;
        }
        if (strcmp(argv[1], "--version") == 0) {
                printf("herald %s (libherald %s)\n", HERALD_VERSION, herald_version());
                return 0;
        }
        if (strcmp(argv[1], "tail") == 0)
                return tail_main(argc - 1, argv + 1);
        if (strcmp(argv[1], "status") == 0)
                return status_main(argc - 1, argv + 1);
        if (strcmp(argv[1], "keygen") == 0)
                return keygen_main(argc - 1, argv + 1);
        fprintf(stderr, "herald: unknown command '%s' (tail, status or keygen)\n", argv[1]);
        return 1;
}

/* What was printed must have been written: `herald status > /dev/full` is an
 * error, not a success with nothing to show (tail says so itself). */
int main(int argc, char **argv)
{
        int r = run(argc, argv);

        errno = 0;
        if (r == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
                fprintf(stderr, "herald: cannot write the output: %s\n", strerror(errno ? errno : EIO));
                return 1;
        }
        return r;
}
