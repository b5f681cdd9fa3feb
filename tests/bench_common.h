/* What the bench programs share: a monotonic clock, and the events of a journal
 * file as the messages heraldd sends for them (topic, body), so the raw libzmq
 * references move exactly the bytes heraldd moves. */
#ifndef HERALD_BENCH_COMMON_H
#define HERALD_BENCH_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

struct bench_event {
        char topic[256]; /* "ev.<kind>.<subject>", as event_topic() makes it */
        char *body;      /* the CloudEvent, as journaled and sent */
        size_t len;
};

static inline double bench_now(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The value of a string member "key":"value" in a flat spot of the JSON. */
static inline void bench_member(const char *json, const char *key, char *out, size_t size)
{
        const char *p = strstr(json, key), *end;

        out[0] = '\0';
        if (!p || !(p = strchr(p + strlen(key), '"')) || !(end = strchr(p + 1, '"')))
                return;
        snprintf(out, size, "%.*s", (int)(end - p - 1), p + 1);
}

/* Reads the event lines of a journal; exits on failure. */
static inline struct bench_event *bench_load_journal(const char *path, size_t *n)
{
        FILE *f = fopen(path, "r");
        struct bench_event *v = NULL;
        size_t cap = 0;
        char *line = NULL, type[96], subject[96];
        size_t line_cap = 0;
        ssize_t len;

        if (!f) {
                perror(path);
                exit(1);
        }
        *n = 0;
        while ((len = getline(&line, &line_cap, f)) > 0) {
                if (strncmp(line, "{\"specversion\"", 14) != 0)
                        continue;
                if (*n == cap && !(v = realloc(v, (cap = cap ? 2 * cap : 1024) * sizeof(*v)))) {
                        fprintf(stderr, "out of memory\n");
                        exit(1);
                }
                v[*n].len = (size_t)len - 1;
                v[*n].body = strndup(line, v[*n].len);
                bench_member(line, "\"type\":", type, sizeof(type));
                bench_member(line, "\"subject\":", subject, sizeof(subject));
                snprintf(v[*n].topic, sizeof(v[*n].topic), "ev.%s.%s",
                         strncmp(type, "herald.", 7) == 0 ? type + 7 : type, subject);
                (*n)++;
        }
        free(line);
        fclose(f);
        if (*n == 0) {
                fprintf(stderr, "%s: no events\n", path);
                exit(1);
        }
        return v;
}

static inline void bench_free_events(struct bench_event *v, size_t n)
{
        for (size_t i = 0; i < n; i++)
                free(v[i].body);
        free(v);
}

static inline int bench_cmp_double(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;

        return x < y ? -1 : x > y;
}

static inline double bench_median(double *v, size_t n)
{
        qsort(v, n, sizeof(*v), bench_cmp_double);
        return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#endif
