/* CZMQ-style CURVE certificates (ZPL, rfc.zeromq.org/spec:4): a `metadata`
 * section, then a `curve` section with `public-key = "<40 Z85>"` and, in the
 * secret file, `secret-key`. Header-only so heraldd (the allowlist, its own key)
 * and the herald client (keygen, --cert, --server-key) read them one way. */
#ifndef HERALD_INTERNAL_CURVE_CERT_H
#define HERALD_INTERNAL_CURVE_CERT_H

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

#define CURVE_KEY_TEXT 41 /* 40 Z85 characters and the NUL */
#define CURVE_CERT_MAX 65536 /* herald keygen writes ~300 bytes: anything larger is not one */

struct curve_cert {
        char public_key[CURVE_KEY_TEXT];
        char secret_key[CURVE_KEY_TEXT]; /* "" in a public certificate */
};

/* Whether s is 40 Z85 characters that decode to a 32-byte key. */
static inline int curve_key_valid(const char *s)
{
        uint8_t bin[32];

        return strlen(s) == 40 && zmq_z85_decode(bin, s) != NULL;
}

/* The value of a `name = value` line, quotes removed; NULL when it is no such line. */
static inline char *curve_cert_value(char *line, const char *name)
{
        size_t n = strlen(name);
        char *v, *end;

        if (strncmp(line, name, n) != 0)
                return NULL;
        v = line + n;
        v += strspn(v, " \t");
        if (*v != '=')
                return NULL;
        v++;
        v += strspn(v, " \t");
        end = v + strlen(v);
        while (end > v && isspace((unsigned char)end[-1]))
                *--end = '\0';
        if (end - v >= 2 && (*v == '"' || *v == '\'') && end[-1] == *v) {
                end[-1] = '\0';
                v++;
        }
        return v;
}

/* Takes one line of the file; keys count only inside the `curve` section. */
static inline int curve_cert_line(char *line, int *in_curve, struct curve_cert *out, unsigned lineno, char *err,
                                  size_t err_size)
{
        char *body = line + strspn(line, " \t"), *v;

        body[strcspn(body, "\r\n")] = '\0';
        if (!*body || *body == '#')
                return 0;
        if (body == line) { /* no indent: a section name */
                *in_curve = strcmp(body, "curve") == 0;
                return 0;
        }
        if (!*in_curve)
                return 0;
        if ((v = curve_cert_value(body, "public-key")) || (v = curve_cert_value(body, "secret-key"))) {
                char *slot = body[0] == 'p' ? out->public_key : out->secret_key;

                if (!curve_key_valid(v)) {
                        snprintf(err, err_size, "line %u: %.10s is not 40 Z85 characters", lineno, body);
                        return -EINVAL;
                }
                memcpy(slot, v, CURVE_KEY_TEXT);
        }
        return 0;
}

/* Why the file open at fd cannot be a certificate (-errno, with a one-line
 * reason in err), or 0: /dev/zero, a FIFO or a directory is refused, not read,
 * and so is anything larger than CURVE_CERT_MAX. */
static inline int curve_cert_refuse(int fd, char *err, size_t err_size)
{
        struct stat st;

        if (fstat(fd, &st) < 0) {
                int e = errno;

                snprintf(err, err_size, "%s", strerror(e));
                return -e;
        }
        if (S_ISDIR(st.st_mode)) {
                snprintf(err, err_size, "a directory, not a certificate file");
                return -EISDIR;
        }
        if (!S_ISREG(st.st_mode)) {
                snprintf(err, err_size, "not a regular file (a device, FIFO or socket)");
                return -EINVAL;
        }
        if (st.st_size > CURVE_CERT_MAX) {
                snprintf(err, err_size, "%lld bytes: too large for a certificate (at most %d)", (long long)st.st_size,
                         CURVE_CERT_MAX);
                return -EFBIG;
        }
        return 0;
}

/* Opens a certificate for reading, or NULL with errno set and a reason in err.
 * O_NONBLOCK so a FIFO with no writer cannot hang the open. */
static inline FILE *curve_cert_open(const char *path, char *err, size_t err_size)
{
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY), r;
        FILE *f;

        if (fd < 0) {
                snprintf(err, err_size, "%s", strerror(errno));
                return NULL;
        }
        if ((r = curve_cert_refuse(fd, err, err_size)) < 0) {
                close(fd);
                errno = -r;
                return NULL;
        }
        if (!(f = fdopen(fd, "r"))) {
                int e = errno;

                snprintf(err, err_size, "%s", strerror(e));
                close(fd);
                errno = e;
        }
        return f;
}

/* Reads a certificate. Returns 0, or -errno with a one-line reason in err (the
 * caller adds the path); a file without a curve public-key is -EINVAL. */
static inline int curve_cert_read(const char *path, struct curve_cert *out, char *err, size_t err_size)
{
        struct curve_cert c = { "", "" };
        char line[1024];
        unsigned lineno = 0;
        int in_curve = 0, r = 0;
        FILE *f = curve_cert_open(path, err, err_size);

        if (!f)
                return -errno;
        while (r == 0 && fgets(line, sizeof(line), f))
                r = curve_cert_line(line, &in_curve, &c, ++lineno, err, err_size);
        fclose(f);
        if (r == 0 && !c.public_key[0]) {
                snprintf(err, err_size, "no public-key in a curve section: not a CURVE certificate");
                r = -EINVAL;
        }
        if (r == 0)
                *out = c;
        return r;
}

#endif
