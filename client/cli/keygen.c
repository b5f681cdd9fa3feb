/* herald keygen: a new CURVE key pair, written as CZMQ writes certificates
 * (zcert_save): PATH holds the public key, PATH_secret (mode 0600) both keys,
 * each a ZPL `metadata` section then a `curve` section, so CZMQ's tools and
 * heraldd's --curve-secret and --curve-allow read them alike. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "herald/herald.h"
#include "keygen.h"

#define CERT_MAX 65536 /* bytes; a certificate of herald keygen or CZMQ is about 300 */

static void keygen_help(void)
{
        printf("Usage: herald keygen PATH\n\n"
               "Make a CURVE key pair: PATH is the public certificate (give it to heraldd's\n"
               "--curve-allow directory, or to clients as --server-key), PATH_secret the secret one\n"
               "(mode 0600: heraldd's --curve-secret, or a client's --cert). Existing files are\n"
               "never overwritten.\n");
}

/* One certificate; the secret key only in the secret file. */
static int write_cert(const char *path, const char *public_key, const char *secret_key)
{
        char stamp[32];
        time_t now = time(NULL);
        struct tm tm;
        FILE *f;
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, secret_key ? 0600 : 0644);

        if (fd < 0)
                return -errno;
        if (secret_key && fchmod(fd, 0600) < 0) { /* whatever the umask said */
                close(fd);
                return -errno;
        }
        if (!(f = fdopen(fd, "w"))) {
                close(fd);
                return -errno;
        }
        strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", localtime_r(&now, &tm));
        fprintf(f, "#   ****  Generated on %s by herald keygen  ****\n", stamp);
        fprintf(f, "%s",
                secret_key ? "#   ZeroMQ CURVE **Secret** Certificate: keep it to yourself, mode 0600.\n"
                           : "#   ZeroMQ CURVE Public Certificate: hand it over by a route you trust.\n");
        fprintf(f, "\nmetadata\ncurve\n    public-key = \"%s\"\n", public_key);
        if (secret_key)
                fprintf(f, "    secret-key = \"%s\"\n", secret_key);
        if (fflush(f) != 0 || fsync(fileno(f)) < 0) {
                int e = errno;

                fclose(f);
                return -e;
        }
        return fclose(f) == 0 ? 0 : -errno;
}

/* Why a certificate cannot be written; a missing directory is named, since
 * `herald keygen ~/.curve/alice` on a fresh account is how one meets it. */
static int write_failed(const char *path, int r)
{
        const char *slash = strrchr(path, '/');
        struct stat st;
        char dir[4096];

        if (r == -ENOENT && slash && snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path) < (int)sizeof(dir) &&
            stat(slash == path ? "/" : dir, &st) < 0)
                fprintf(stderr, "herald keygen: '%s': the directory '%s' does not exist (mkdir -p it first)\n", path,
                        dir);
        else
                fprintf(stderr, "herald keygen: '%s': %s\n", path, strerror(-r));
        return 1;
}

int keygen_main(int argc, char **argv)
{
        char public_key[41], secret_key[41], secret_path[4096];
        struct stat st;
        int r;

        if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
                keygen_help();
                return 0;
        }
        if (argc != 2 || argv[1][0] == '-' || !argv[1][0]) {
                fprintf(stderr, "herald keygen: give one PATH (herald keygen --help)\n");
                return 1;
        }
        if (argv[1][strlen(argv[1]) - 1] == '/' || (stat(argv[1], &st) == 0 && S_ISDIR(st.st_mode))) {
                fprintf(stderr, "herald keygen: '%s' names a directory: give the certificate's own name (%s%sserver)\n",
                        argv[1], argv[1], argv[1][strlen(argv[1]) - 1] == '/' ? "" : "/");
                return 1;
        }
        if (snprintf(secret_path, sizeof(secret_path), "%s_secret", argv[1]) >= (int)sizeof(secret_path)) {
                fprintf(stderr, "herald keygen: '%s': path too long\n", argv[1]);
                return 1;
        }
        if (herald_curve_keypair(public_key, secret_key) != HERALD_OK) {
                fprintf(stderr, "herald keygen: %s\n", herald_last_error());
                return 1;
        }
        r = write_cert(secret_path, public_key, secret_key);
        explicit_bzero(secret_key, sizeof(secret_key));
        if (r < 0)
                return write_failed(secret_path, r);
        if ((r = write_cert(argv[1], public_key, NULL)) < 0) {
                unlink(secret_path); /* no half pair left behind */
                return write_failed(argv[1], r);
        }
        printf("%s\n", public_key);
        return 0;
}

/* What a certificate path names, checked before libherald reads it: a FIFO
 * would block the read and a device such as /dev/zero never end it (both
 * before Ctrl-C can stop anything), and a directory reads as "no public-key".
 * A name that does not exist is left to libherald: it may be the key itself.
 * libherald takes any 40 Z85 characters for a key, and a path such as
 * /home/alice/.curve/herald/server2.public is that: a file that exists is
 * handed over spelt so that it is read (./ or /. before it).
 * Returns the path to give libherald, or NULL having said why not. */
static const char *cert_file(const char *cmd, const char *option, const char *path, char *buf, size_t size)
{
        struct stat st;

        if (stat(path, &st) < 0)
                return path;
        if (S_ISDIR(st.st_mode))
                fprintf(stderr, "herald %s: %s '%s': %s\n", cmd, option, path, strerror(EISDIR));
        else if (!S_ISREG(st.st_mode))
                fprintf(stderr, "herald %s: %s '%s': not a regular file (a certificate from herald keygen)\n", cmd,
                        option, path);
        else if (st.st_size > CERT_MAX)
                fprintf(stderr, "herald %s: %s '%s': %lld bytes: too large for a certificate (at most %d)\n", cmd,
                        option, path, (long long)st.st_size, CERT_MAX);
        else if (strlen(path) != 40)
                return path;
        else if (snprintf(buf, size, "%s%s", path[0] == '/' ? "/." : "./", path) < (int)size)
                return buf;
        return NULL;
}

int keygen_set_curve(const char *cmd, herald_sub_options *o, const char *server_key, const char *cert)
{
        char server[41], ignored[41], client_public[41] = "", client_secret[41] = "", server_buf[64], cert_buf[64];
        const char *server_path, *cert_path = NULL;
        int r;

        if (!server_key && !cert)
                return 0;
        if (!server_key) {
                fprintf(stderr, "herald %s: --cert needs --server-key (the daemon's public certificate)\n", cmd);
                return -1;
        }
        if (!(server_path = cert_file(cmd, "--server-key", server_key, server_buf, sizeof(server_buf))) ||
            (cert && !(cert_path = cert_file(cmd, "--cert", cert, cert_buf, sizeof(cert_buf)))))
                return -1;
        if (herald_curve_key_load(server_path, server, ignored) != HERALD_OK) {
                fprintf(stderr, "herald %s: --server-key %s\n", cmd, herald_last_error());
                return -1;
        }
        if (cert && herald_curve_key_load(cert_path, client_public, client_secret) != HERALD_OK) {
                fprintf(stderr, "herald %s: --cert %s\n", cmd, herald_last_error());
                return -1;
        }
        if (cert && !client_secret[0]) {
                fprintf(stderr, "herald %s: --cert '%s': no secret-key: give the _secret file herald keygen wrote\n",
                        cmd, cert);
                return -1;
        }
        r = herald_sub_options_set_curve(o, server, cert ? client_public : NULL, cert ? client_secret : NULL);
        explicit_bzero(client_secret, sizeof(client_secret));
        explicit_bzero(ignored, sizeof(ignored));
        if (r != HERALD_OK) {
                fprintf(stderr, "herald %s: CURVE: %s\n", cmd,
                        herald_last_error()[0] ? herald_last_error() : herald_strerror(r));
                return -1;
        }
        return 0;
}
