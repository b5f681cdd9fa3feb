/* bench-replay: how fast a libherald subscriber gets a whole replay from heraldd,
 * against raw libzmq doing the same transfer in the same run (make bench).
 *   bench-replay EVENTS REPLAY JOURNAL RAW_ENDPOINT RUNS
 * 1. heraldd: a libherald subscriber started at the oldest event retained reads
 *    as many events as the journal holds (herald_sub_next, one by one).
 * 2. raw libzmq: a ROUTER (ZMQ_ROUTER_MANDATORY, SNDHWM 1000 as heraldd's
 *    replay socket: ROUTER_SNDHWM in daemon/service/replay_internal.h) in a
 *    context of its own sends the same five-frame EVENT messages (the
 *    journal's events as bodies) to a DEALER (RCVHWM 100000, as libherald's)
 *    in another context, then an END: the same bytes and guarantee, nothing
 *    else in the way.
 * 3. heraldd's side alone: a raw DEALER asks heraldd for the same replay, so what
 *    libherald adds shows (client_ratio: libherald to that DEALER).
 * All are timed from the first event received to the last, and 1 and 3 also
 * by the client's CPU time per event (its threads and libzmq's, load-proof
 * where the rates are not); the server's CPU time per event too, load-proof
 * beside it: heraldd's (all its threads, from /proc, when BENCH_DAEMON_PID
 * names it) during 1, and the raw ROUTER's (its thread and its context's I/O
 * thread) during 2; the runs alternate
 * (heraldd, raw, DEALER, heraldd, ...) so the machine's load falls on all alike.
 * Prints each run, then the medians as key=value. */
#include <dirent.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#include "bench_common.h"
#include "herald/herald.h"

#define MAX_RUNS 50

static struct bench_event *events;
static size_t n_events;

struct result {
        size_t events, bytes;
        double seconds;
        double cpu; /* the client's CPU time (its threads and libzmq's), start to end */
        double server_cpu; /* the server's, -1 when not known */
};

#define MAX_TASKS 64

/* CPU seconds of /proc/<path>/stat (a process: all its threads; or a task). */
static double stat_cpu(const char *path)
{
        unsigned long utime = 0, stime = 0;
        char buf[1024], *p;
        FILE *f = fopen(path, "r");
        size_t n;

        if (!f)
                return -1;
        n = fread(buf, 1, sizeof(buf) - 1, f);
        fclose(f);
        buf[n] = '\0';
        if (!(p = strrchr(buf, ')')) || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime,
                                                &stime) != 2)
                return -1;
        return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

/* heraldd's CPU time (BENCH_DAEMON_PID), -1 when not given. */
static double daemon_cpu(void)
{
        const char *pid = getenv("BENCH_DAEMON_PID");
        char path[64];

        if (!pid || !*pid)
                return -1;
        snprintf(path, sizeof(path), "/proc/%s/stat", pid);
        return stat_cpu(path);
}

/* This process's threads now. */
static size_t list_tasks(long *tids)
{
        DIR *d = opendir("/proc/self/task");
        struct dirent *e;
        size_t n = 0;

        while (d && (e = readdir(d)) && n < MAX_TASKS)
                if (e->d_name[0] != '.')
                        tids[n++] = atol(e->d_name);
        if (d)
                closedir(d);
        return n;
}

/* CPU seconds of the threads in now[] that are not in before[]. */
static double new_tasks_cpu(const long *before, size_t nb, const long *now, size_t nn)
{
        double sum = 0;

        for (size_t i = 0; i < nn; i++) {
                bool old = false;
                char path[64];

                for (size_t k = 0; k < nb; k++)
                        old = old || before[k] == now[i];
                snprintf(path, sizeof(path), "/proc/self/task/%ld/stat", now[i]);
                if (!old)
                        sum += stat_cpu(path);
        }
        return sum;
}

static double thread_cpu(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double raw_server_cpu; /* the raw ROUTER thread's, set by it */

/* CPU time this process has used (all its threads), in seconds. */
static double own_cpu(void)
{
        struct rusage ru;

        getrusage(RUSAGE_SELF, &ru);
        return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
               (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static struct result herald_run(const char *endpoint, const char *replay)
{
        herald_sub_options *o = herald_sub_options_new();
        struct result res = { .cpu = own_cpu(), .server_cpu = daemon_cpu() };
        herald_sub *s;
        double first = 0;

        herald_sub_options_set_endpoint(o, endpoint);
        herald_sub_options_set_replay_endpoint(o, replay);
        herald_sub_options_set_start(o, HERALD_START_OLDEST, 0);
        if (herald_sub_open(o, &s) != HERALD_OK) {
                fprintf(stderr, "bench-replay: cannot open a subscriber\n");
                exit(1);
        }
        herald_sub_options_free(o);
        while (res.events < n_events) {
                herald_event *ev;
                int r = herald_sub_next(s, &ev, 10000);

                if (r != HERALD_OK) {
                        fprintf(stderr, "bench-replay: after %zu events: %s\n", res.events, herald_strerror(r));
                        exit(1);
                }
                if (res.events++ == 0)
                        first = bench_now();
                res.bytes += herald_event_json_length(ev);
                herald_event_free(ev);
        }
        res.seconds = bench_now() - first;
        herald_sub_close(s);
        res.cpu = own_cpu() - res.cpu;
        res.server_cpu = res.server_cpu < 0 ? -1 : daemon_cpu() - res.server_cpu;
        return res;
}

static void *raw_server(void *arg)
{
        void *router = arg;
        char identity[256], header[16] = { 0 };
        int n = zmq_recv(router, identity, sizeof(identity), 0);
        int more = 1;
        size_t len = sizeof(more);
        double cpu = thread_cpu();

        while (more && zmq_recv(router, header, sizeof(header), 0) >= 0)
                zmq_getsockopt(router, ZMQ_RCVMORE, &more, &len); /* the request's other frames */
        memset(header, 0, sizeof(header));
        for (size_t i = 0; i < n_events; i++) {
                zmq_send(router, identity, (size_t)n, ZMQ_SNDMORE);
                zmq_send(router, "EVENT", 5, ZMQ_SNDMORE);
                zmq_send(router, "r1", 2, ZMQ_SNDMORE);
                zmq_send(router, events[i].topic, strlen(events[i].topic), ZMQ_SNDMORE);
                zmq_send(router, header, 16, ZMQ_SNDMORE);
                zmq_send(router, events[i].body, events[i].len, 0);
        }
        zmq_send(router, identity, (size_t)n, ZMQ_SNDMORE);
        zmq_send(router, "END", 3, ZMQ_SNDMORE);
        zmq_send(router, "r1", 2, ZMQ_SNDMORE);
        zmq_send(router, header, 16, ZMQ_SNDMORE);
        zmq_send(router, "{}", 2, 0);
        raw_server_cpu = thread_cpu() - cpu;
        return NULL;
}

/* Asks for everything and reads EVENT messages until END, as a DEALER in its
 * own context. */
static struct result dealer_run(const char *endpoint)
{
        void *ctx = zmq_ctx_new(), *dealer = zmq_socket(ctx, ZMQ_DEALER);
        int rcvhwm = 100000, timeout = 10000;
        struct result res = { .cpu = own_cpu() };
        double first = 0;

        zmq_setsockopt(dealer, ZMQ_RCVHWM, &rcvhwm, sizeof(rcvhwm));
        zmq_setsockopt(dealer, ZMQ_RCVTIMEO, &timeout, sizeof(timeout));
        zmq_connect(dealer, endpoint);
        zmq_send(dealer, "REPLAY", 6, ZMQ_SNDMORE);
        zmq_send(dealer, "r1", 2, ZMQ_SNDMORE);
        zmq_send(dealer, "", 0, ZMQ_SNDMORE);
        zmq_send(dealer, "0", 1, ZMQ_SNDMORE);
        zmq_send(dealer, "0", 1, 0);
        for (bool end = false; !end;) {
                zmq_msg_t m;
                int more = 1, part = 0;
                size_t len = sizeof(more);

                for (; more; part++) {
                        zmq_msg_init(&m);
                        if (zmq_msg_recv(&m, dealer, 0) < 0) {
                                fprintf(stderr, "bench-replay: raw: nothing for 10 s\n");
                                exit(1);
                        }
                        if (part == 0)
                                end = zmq_msg_size(&m) == 3 && memcmp(zmq_msg_data(&m), "END", 3) == 0;
                        if (part == 4)
                                res.bytes += zmq_msg_size(&m);
                        zmq_getsockopt(dealer, ZMQ_RCVMORE, &more, &len);
                        zmq_msg_close(&m);
                }
                if (!end && res.events++ == 0)
                        first = bench_now();
        }
        res.seconds = bench_now() - first;
        zmq_close(dealer);
        zmq_ctx_term(ctx);
        res.cpu = own_cpu() - res.cpu;
        return res;
}

/* The same transfer from a raw ROUTER in a context of its own. */
static struct result raw_run(const char *endpoint)
{
        long before[MAX_TASKS], now[MAX_TASKS];
        size_t nb = list_tasks(before), nn;
        void *server_ctx = zmq_ctx_new(), *router = zmq_socket(server_ctx, ZMQ_ROUTER);
        int hwm = 1000, one = 1; /* heraldd's ROUTER_SNDHWM */
        struct result res;
        pthread_t thread;
        double io_cpu;

        nn = list_tasks(now); /* the server context's I/O thread is new: it starts with the first socket */
        io_cpu = new_tasks_cpu(before, nb, now, nn);
        zmq_setsockopt(router, ZMQ_SNDHWM, &hwm, sizeof(hwm));
        zmq_setsockopt(router, ZMQ_ROUTER_MANDATORY, &one, sizeof(one));
        if (zmq_bind(router, endpoint) < 0) {
                fprintf(stderr, "bench-replay: cannot bind %s\n", endpoint);
                exit(1);
        }
        pthread_create(&thread, NULL, raw_server, router);
        res = dealer_run(endpoint);
        pthread_join(thread, NULL);
        res.server_cpu = new_tasks_cpu(before, nb, now, nn) - io_cpu + raw_server_cpu;
        zmq_close(router);
        zmq_ctx_term(server_ctx);
        return res;
}

int main(int argc, char **argv)
{
        double herald_rate[MAX_RUNS], raw_rate[MAX_RUNS], herald_mbps[MAX_RUNS], raw_mbps[MAX_RUNS];
        double daemon_rate[MAX_RUNS], herald_cpu[MAX_RUNS], dealer_cpu[MAX_RUNS];
        double daemon_server[MAX_RUNS], raw_server[MAX_RUNS];
        int runs = argc == 6 ? atoi(argv[5]) : 0;
        double h, r, d;

        if (runs < 1 || runs > MAX_RUNS) {
                fprintf(stderr, "usage: bench-replay EVENTS REPLAY JOURNAL RAW_ENDPOINT RUNS\n");
                return 64;
        }
        events = bench_load_journal(argv[3], &n_events);
        for (int i = 0; i < runs; i++) {
                struct result a = herald_run(argv[1], argv[2]), b = raw_run(argv[4]), c = dealer_run(argv[2]);

                herald_rate[i] = (double)a.events / a.seconds;
                herald_mbps[i] = (double)a.bytes / 1e6 / a.seconds;
                raw_rate[i] = (double)b.events / b.seconds;
                raw_mbps[i] = (double)b.bytes / 1e6 / b.seconds;
                daemon_rate[i] = (double)c.events / c.seconds;
                herald_cpu[i] = a.cpu * 1e6 / (double)a.events;
                dealer_cpu[i] = c.cpu * 1e6 / (double)c.events;
                daemon_server[i] = a.server_cpu < 0 ? -1 : a.server_cpu * 1e6 / (double)a.events;
                raw_server[i] = b.server_cpu * 1e6 / (double)b.events;
                printf("replay run %d: libherald %zu events %.3f s %.0f events/s %.1f MB/s %.2f cpu-us/event | raw %zu "
                       "events %.3f s %.0f events/s %.1f MB/s | heraldd to a raw DEALER %zu events %.0f events/s "
                       "%.2f cpu-us/event\n", i + 1, a.events, a.seconds, herald_rate[i], herald_mbps[i], herald_cpu[i],
                       b.events, b.seconds, raw_rate[i], raw_mbps[i], c.events, daemon_rate[i], dealer_cpu[i]);
                printf("replay run %d: server cpu-us/event: heraldd %.2f, raw ROUTER %.2f\n", i + 1, daemon_server[i],
                       raw_server[i]);
                if (a.events != n_events || b.events != n_events || c.events != n_events)
                        return 1;
        }
        /* before the last line (bench.sh reads that): what an idle core would do,
         * the raw ROUTER's CPU an event over heraldd's (-1: no BENCH_DAEMON_PID) */
        h = bench_median(daemon_server, (size_t)runs);
        r = bench_median(raw_server, (size_t)runs);
        printf("replay_cpu: daemon_cpu_us=%.2f raw_server_cpu_us=%.2f cpu_ratio=%.2f\n", h, r, h > 0 ? r / h : -1);
        h = bench_median(herald_rate, (size_t)runs);
        r = bench_median(raw_rate, (size_t)runs);
        d = bench_median(daemon_rate, (size_t)runs);
        printf("replay: events=%zu herald_eps=%.0f herald_mbps=%.1f raw_eps=%.0f raw_mbps=%.1f ratio=%.2f "
               "daemon_eps=%.0f daemon_ratio=%.2f client_ratio=%.2f herald_cpu_us=%.2f dealer_cpu_us=%.2f\n",
               n_events, h, bench_median(herald_mbps, (size_t)runs), r, bench_median(raw_mbps, (size_t)runs), h / r,
               d, d / r, h / d, bench_median(herald_cpu, (size_t)runs), bench_median(dealer_cpu, (size_t)runs));
        bench_free_events(events, n_events);
        return 0;
}
