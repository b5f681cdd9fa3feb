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

/* trim() for a line whose length is known. */
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
                        e = (struct datafile_entry){ .section = section, .section_arg = arg,
                                                     .key = trim(line), .value = trim(eq + 1), .line = lineno };
                        if (!*e.key)
                                return parse_error_set(err, lineno, 1, "missing key before '='");
                }
                r = fn(userdata, &e, err);
                if (r < 0) {
                        if (!err->line)
                                err->line = lineno;
                        return r;
                }
        }
        return 0;
}

int datafile_parse(const char *path, datafile_fn fn, void *userdata, struct parse_error *err)
{
        _cleanup_free_ char *buf = NULL;
        size_t len;
        int r;

        snprintf(err->file, sizeof(err->file), "%s", path);
        r = fileio_read(path, DATAFILE_MAX, &buf, &len);
        if (r < 0) {
                err->line = err->col = 0;
                snprintf(err->message, sizeof(err->message), "%s", strerror(-r));
                return r;
        }
        if (strlen(buf) != len)
                return parse_error_set(err, 0, 0, "contains a NUL byte");
        return datafile_parse_buffer(path, buf, fn, userdata, err);
}

size_t datafile_split(char *value, char sep, char **items, size_t max)
{
        size_t n = 0;
        char *next;

        for (char *p = value; p && n < max; p = next) {
                next = strchr(p, sep);
                if (next)
                        *next++ = '\0';
                p = trim(p);
                if (*p)
                        items[n++] = p;
        }
        return n;
}
