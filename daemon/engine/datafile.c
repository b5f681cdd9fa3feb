/* Parser for the "[section] key = value" files. It owns the syntax only; what a
 * key means is the caller's business, told through a callback per entry. */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "internal/cleanup.h"
#include "datafile.h"
#include "fileio.h"

#define DATAFILE_MAX (16u << 20)

static char *trim(char *s)
{
        char *end;

        while (*s == ' ' || *s == '\t' || *s == '\r')
                s++;
        end = s + strlen(s);
        while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
                *--end = '\0';
        return s;
}

/* A '#' starts a comment at the start of a line or after white space, so values
 * such as "C#" survive. Returns the line's new length. */
static size_t strip_comment(char *s, size_t len)
{
        for (char *p = memchr(s, '#', len); p; p = memchr(p + 1, '#', len - (size_t)(p + 1 - s)))
                if (p == s || p[-1] == ' ' || p[-1] == '\t') {
                        *p = '\0';
                        return (size_t)(p - s);
                }
        return len;
}

/* trim() for a span whose end is known (a line, a key, a list's item), so
 * the start-up's eleven thousand of them need no strlen. */
static char *trim_line(char *s, size_t len)
{
        char *end = s + len;

        while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
                *--end = '\0';
        while (*s == ' ' || *s == '\t' || *s == '\r')
                s++;
        return s;
}

static int parse_section(char *line, unsigned lineno, char **section, char **arg, struct parse_error *err)
{
        char *end = strchr(line, ']');
        char *sp;

        if (!end || end[1] != '\0')
                return parse_error_set(err, lineno, 1, "section header must end with ']'");
        *end = '\0';
        line = trim(line + 1);
        if (!*line)
                return parse_error_set(err, lineno, 1, "empty section name");
        sp = strpbrk(line, " \t");
        *arg = "";
        if (sp) {
                *sp = '\0';
                *arg = trim(sp + 1);
        }
        *section = line;
        return 0;
}

/* The length of the valid UTF-8 sequence at s (no overlongs, surrogates or
 * code points past U+10FFFF), or 0. */
static size_t utf8_length(const unsigned char *s)
{
        size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xc2 && s[0] <= 0xdf ? 2 : s[0] >= 0xe0 && s[0] <= 0xef ? 3
                : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;

        for (size_t i = 1; i < n; i++)
                if ((s[i] & 0xc0) != 0x80)
                        return 0;
        if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) || (s[0] == 0xf0 && s[1] < 0x90) ||
            (s[0] == 0xf4 && s[1] > 0x8f))
                return 0;
        return n;
}

/* Messages quote the file's own text (an unknown key, a bad value): bytes that
 * are not UTF-8 and control characters are written as \xNN, so a corrupt file
 * cannot put raw bytes or escape sequences on the user's terminal. */
static void escape_message(struct parse_error *err)
{
        char out[sizeof(err->message)];
        const unsigned char *p = (const unsigned char *)err->message;
        size_t n = 0;

        while (*p && n + 5 < sizeof(out)) {
                size_t k = utf8_length(p);

                if (k == 0 || (k == 1 && (*p < 0x20 || *p == 0x7f))) {
                        n += (size_t)snprintf(out + n, sizeof(out) - n, "\\x%02x", *p++);
                        continue;
                }
                memcpy(out + n, p, k);
                n += k, p += k;
        }
        out[n] = '\0';
        memcpy(err->message, out, n + 1);
}

int datafile_parse_buffer(const char *name, char *buf, datafile_fn fn, void *userdata, struct parse_error *err)
{
        char *section = "", *arg = "";
        unsigned lineno = 0;
        char *next;

        snprintf(err->file, sizeof(err->file), "%s", name);
        err->line = err->col = 0;
        for (char *line = buf; line; line = next) {
                struct datafile_entry e = { 0 };
                size_t len;
                char *eq;
                int r;

                next = strchr(line, '\n');
                len = next ? (size_t)(next - line) : strlen(line);
                if (next)
                        *next++ = '\0';
                lineno++;
                if (len > 4096)
                        return parse_error_set(err, lineno, 0, "line too long");
                line = trim_line(line, strip_comment(line, len));
                if (!*line)
                        continue;
                if (*line == '[') {
                        r = parse_section(line, lineno, &section, &arg, err);
                        if (r < 0)
                                return r;
                        e = (struct datafile_entry){ .section = section, .section_arg = arg, .line = lineno };
                } else {
                        eq = strchr(line, '=');
                        if (!eq)
                                return parse_error_set(err, lineno, 1, "expected 'key = value'");
                        *eq = '\0';
                        /* the line is trimmed at both ends: the key only at its end, the value at its start */
                        e = (struct datafile_entry){ .section = section, .section_arg = arg,
                                                     .key = trim_line(line, (size_t)(eq - line)),
                                                     .value = trim_line(eq + 1, 0), .line = lineno };
                        if (!*e.key)
                                return parse_error_set(err, lineno, 1, "missing key before '='");
                }
                r = fn(userdata, &e, err);
                if (r < 0) {
                        escape_message(err);
                        if (!err->line)
                                err->line = lineno;
                        return r;
                }
        }
        return 0;
}

/* A NUL byte: where it is, so an editor can find it. */
static int nul_error(const char *buf, size_t len, struct parse_error *err)
{
        const char *nul = memchr(buf, '\0', len), *line = buf;
        unsigned lineno = 1;

        for (const char *p = buf; p < nul; p++)
                if (*p == '\n')
                        lineno++, line = p + 1;
        return parse_error_set(err, lineno, (unsigned)(nul - line) + 1, "contains a NUL byte");
}

int datafile_parse(const char *path, datafile_fn fn, void *userdata, struct parse_error *err)
{
        _cleanup_free_ char *buf = NULL;
        size_t len;
        int r;

        snprintf(err->file, sizeof(err->file), "%s", path);
        r = fileio_read_regular(path, DATAFILE_MAX, &buf, &len);
        if (r < 0) {
                err->line = err->col = 0;
                snprintf(err->message, sizeof(err->message), "%s", fileio_strerror(r));
                return r;
        }
        if (strlen(buf) != len)
                return nul_error(buf, len, err);
        return datafile_parse_buffer(path, buf, fn, userdata, err);
}

size_t datafile_split(char *value, char sep, char **items, size_t max)
{
        size_t n = 0;
        char *next;

        for (char *p = value; p && n < max; p = next) {
                size_t len;

                next = strchr(p, sep);
                len = next ? (size_t)(next - p) : strlen(p);
                if (next)
                        *next++ = '\0';
                p = trim_line(p, len);
                if (*p)
                        items[n++] = p;
        }
        return n;
}
