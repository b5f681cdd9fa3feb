/* bench-live: a burst of live events fanned out to K subscribers, through heraldd
 * and libherald, or through raw libzmq with the same messages (make bench).
 *   bench-live raw JOURNAL ENDPOINT K
 *       a PUB (SNDHWM 1000, as heraldd's) in a context of its own sends the
 *       journal's events, as heraldd sends them, to K SUBs (RCVHWM 100000, as
 *       libherald's), each a thread with its own context. It is an XPUB with
 *       ZMQ_XPUB_NODROP, as heraldd's, and blocking sends (heraldd waits in its
 *       poll instead): a plain PUB at full speed outruns its subscribers and
 *       drops most of a burst, so the reference is the fastest delivery that
 *       loses nothing;
 *   bench-live herald EVENTS REPLAY N K -- HERALDD [ARG...]
 *       K libherald subscribers (live start), each a thread, then runs heraldd
 *       and reads N events at each;
 *   bench-live herald-raw EVENTS REPLAY N K -- HERALDD [ARG...]
 *       the same with K raw SUBs (as above) in place of libherald: heraldd's
 *       side alone, so what libherald adds shows (as bench-replay's DEALER).
 * All print one line of key=value: the burst's rate per subscriber (first event
 * at any subscriber to the last at the last one), what arrived, and for heraldd
 * the time from its exec to the last event, the gaps libherald reported (loss
 * that its replays could not repair) and heraldd's RSS once the burst is out.
 * Beside them, where the CPU of the burst goes, in microseconds per event: for
 * raw the sending thread, the reading threads and libzmq's threads of both
 * ends; for heraldd its loop (main_) and its libzmq I/O thread (io_), with its
 * page faults per 1000 events, and the subscribers' reading threads (reader_)
 * and their libzmq threads (subzmq_): a ratio below 1 is named by its part. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zmq.h>

#include "bench_common.h"
#include "herald/herald.h"
#include "internal/wire-header.h"

#define MAX_SUBS 64
#define IDLE_AFTER_S 10.0  /* a subscriber gives up this long after its last event (a replay gives none until its end) */
#define WAIT_FIRST_S 60.0  /* ... or this long before its first one */

struct sub {
        pthread_t thread;
        const char *endpoint, *replay;
        size_t want, got;
        double first, last;
        double cpu;       /* the reading thread's own CPU time, s */
        size_t gaps;      /* libherald: HERALD_GAP reported */
        atomic_int ready; /* raw: a warm-up message arrived, so the subscription is in */
        bool measure_cpu; /* heraldd: this reader notes the daemon's CPU time at its first event */
        herald_sub *hs;
        void *ctx, *sock; /* raw */
};

static pid_t daemon_pid;
static long daemon_cpu_at_first = -1, daemon_main_at_first = -1, daemon_faults_at_first = -1;

/* CPU time a process has used (all its threads), or with `thread` its main
 * thread alone, in clock ticks; its minor page faults (all threads) in *faults
 * when not NULL. */
static long cpu_ticks_of(pid_t pid, bool thread, long *faults)
{
        char path[64], buf[1024], *p;
        unsigned long minflt, utime, stime;
        FILE *f;
        size_t n;

        if (thread)
                snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int)pid, (int)pid);
        else
                snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
        if (!(f = fopen(path, "r")))
                return -1;
        n = fread(buf, 1, sizeof(buf) - 1, f);
        fclose(f);
        buf[n] = '\0';
        /* after "(comm)": state, then fields 4..9, minflt, 11..13, then utime and stime */
        if (!(p = strrchr(buf, ')')) ||
            sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %lu %*u %*u %*u %lu %lu", &minflt, &utime, &stime) != 3)
                return -1;
        if (faults)
                *faults = (long)minflt;
        return (long)(utime + stime);
}

/* CPU time of the calling thread, in seconds. */
static double thread_cpu(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void note(struct sub *s)
{
        s->last = bench_now();
        if (s->got++ == 0)
                s->first = s->last;
        if (s->measure_cpu && s->got == 1) {
                daemon_cpu_at_first = cpu_ticks_of(daemon_pid, false, &daemon_faults_at_first);
                daemon_main_at_first = cpu_ticks_of(daemon_pid, true, NULL);
        }
}

static bool gave_up(const struct sub *s, double start)
{
        double now = bench_now();

        return s->got ? now - s->last > IDLE_AFTER_S : now - start > WAIT_FIRST_S;
}

/* A raw SUB in a context of its own, as libherald's: opened before its
 * thread starts, so it is connecting by the time a daemon is started. */
static void open_raw(struct sub *s)
{
        int hwm = 100000, timeout = 100, zero = 0;

        s->ctx = zmq_ctx_new();
        s->sock = zmq_socket(s->ctx, ZMQ_SUB);
        zmq_setsockopt(s->sock, ZMQ_RCVHWM, &hwm, sizeof(hwm));
        zmq_setsockopt(s->sock, ZMQ_RCVTIMEO, &timeout, sizeof(timeout));
        zmq_setsockopt(s->sock, ZMQ_LINGER, &zero, sizeof(zero));
        zmq_setsockopt(s->sock, ZMQ_SUBSCRIBE, "ev.", 3);
        zmq_setsockopt(s->sock, ZMQ_SUBSCRIBE, "hb", 2);
        zmq_connect(s->sock, s->endpoint);
}

static void close_raw(struct sub *s)
{
        zmq_close(s->sock);
        zmq_ctx_term(s->ctx);
}

static void *raw_sub(void *arg)
{
        struct sub *s = arg;
        double start = bench_now(), cpu = thread_cpu();

        while (s->got < s->want && !gave_up(s, start)) {
                zmq_msg_t m;
                int more = 1, part = 0, hb = 0;
                size_t len = sizeof(more);

                zmq_msg_init(&m);
                if (zmq_msg_recv(&m, s->sock, 0) < 0) {
                        zmq_msg_close(&m);
                        continue;
                }
                for (;;) {
                        if (part++ == 0)
                                hb = zmq_msg_size(&m) == 2 && memcmp(zmq_msg_data(&m), "hb", 2) == 0;
                        zmq_getsockopt(s->sock, ZMQ_RCVMORE, &more, &len);
                        zmq_msg_close(&m);
                        if (!more)
                                break;
                        zmq_msg_init(&m);
                        zmq_msg_recv(&m, s->sock, 0);
                }
                if (hb)
                        atomic_store(&s->ready, 1);
                else
                        note(s);
        }
        s->cpu = thread_cpu() - cpu;
        return NULL;
}

static bool all_ready(struct sub *subs, size_t k)
{
        for (size_t i = 0; i < k; i++)
                if (!atomic_load(&subs[i].ready))
                        return false;
        return true;
}

static void send_message(void *pub, const char *topic, uint64_t sequence, const char *body, size_t len)
{
        uint8_t header[HERALD_HEADER_SIZE];

        wire_header_encode(header, 1, sequence);
        zmq_send(pub, topic, strlen(topic), ZMQ_SNDMORE);
        zmq_send(pub, header, sizeof(header), ZMQ_SNDMORE);
        zmq_send(pub, body, len, 0);
}

/* CPU time this process has used (all its threads), in seconds. */
static double own_cpu(void)
{
        struct rusage ru;

        getrusage(RUSAGE_SELF, &ru);
        return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
               (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void report(const char *who, struct sub *subs, size_t k, size_t n, double exec_at)
{
        double first = 0, last = 0;
        size_t got = 0, gaps = 0;

        for (size_t i = 0; i < k; i++) {
                got += subs[i].got;
                gaps += subs[i].gaps;
                if (subs[i].got && (first == 0 || subs[i].first < first))
                        first = subs[i].first;
                if (subs[i].last > last)
                        last = subs[i].last;
        }
        printf("live: who=%s subscribers=%zu events=%zu received=%zu lost=%zu burst_s=%.4f rate=%.0f", who, k, n,
               got, n * k - got, last - first, last > first ? (double)got / (double)k / (last - first) : 0.0);
        if (exec_at > 0)
                printf(" whole_s=%.4f whole_rate=%.0f gaps=%zu", last - exec_at,
                       (double)got / (double)k / (last - exec_at), gaps);
}

static int run_raw(const char *journal, const char *endpoint, size_t k)
{
        size_t n;
        struct bench_event *ev = bench_load_journal(journal, &n);
        struct sub subs[MAX_SUBS] = { 0 };
        void *ctx = zmq_ctx_new(), *pub = zmq_socket(ctx, ZMQ_XPUB);
        int hwm = 1000, linger = 500, one = 1;
        double start, all_cpu, send_cpu, readers_cpu = 0;

        zmq_setsockopt(pub, ZMQ_SNDHWM, &hwm, sizeof(hwm));
        zmq_setsockopt(pub, ZMQ_LINGER, &linger, sizeof(linger));
        zmq_setsockopt(pub, ZMQ_XPUB_NODROP, &one, sizeof(one));
        if (zmq_bind(pub, endpoint) < 0) {
                fprintf(stderr, "bench-live: cannot bind %s: %s\n", endpoint, zmq_strerror(errno));
                return 1;
        }
        for (size_t i = 0; i < k; i++) {
                subs[i] = (struct sub){ .endpoint = endpoint, .want = n };
                open_raw(&subs[i]);
                pthread_create(&subs[i].thread, NULL, raw_sub, &subs[i]);
        }
        /* as heraldd's settle: the burst starts once every subscription is in */
        for (start = bench_now(); !all_ready(subs, k) && bench_now() - start < 10;) {
                zmq_send(pub, "hb", 2, ZMQ_SNDMORE);
                zmq_send(pub, "", 0, 0);
                usleep(10000);
        }
        all_cpu = own_cpu();
        send_cpu = thread_cpu();
        for (size_t i = 0; i < n; i++)
                send_message(pub, ev[i].topic, i + 1, ev[i].body, ev[i].len);
        send_cpu = thread_cpu() - send_cpu;
        for (size_t i = 0; i < k; i++) {
                pthread_join(subs[i].thread, NULL);
                readers_cpu += subs[i].cpu;
        }
        all_cpu = own_cpu() - all_cpu;
        for (size_t i = 0; i < k; i++)
                close_raw(&subs[i]);
        report("raw", subs, k, n, 0);
        /* the CPU of the burst (the readers' from their start, a little more):
         * the sending thread, the readers, and libzmq's threads of both ends */
        printf(" send_us_per_event=%.2f reader_us_per_event=%.2f zmq_us_per_event=%.2f\n", send_cpu * 1e6 / (double)n,
               readers_cpu * 1e6 / (double)(n * k), (all_cpu - send_cpu - readers_cpu) * 1e6 / (double)n);
        zmq_close(pub);
        zmq_ctx_term(ctx);
        bench_free_events(ev, n);
        return 0;
}

static void *herald_reader(void *arg)
{
        struct sub *s = arg;
        double start = bench_now(), cpu = thread_cpu();

        while (s->got < s->want && !gave_up(s, start)) {
                herald_event *ev;
                int r = herald_sub_next(s->hs, &ev, 100);

                if (r == HERALD_OK) {
                        note(s);
                        herald_event_free(ev);
                } else if (r == HERALD_GAP) {
                        s->gaps++;
                } else if (r != HERALD_TIMEOUT && r != HERALD_UNREACHABLE)
                        fprintf(stderr, "bench-live: subscriber: %s\n", herald_strerror(r));
        }
        s->cpu = thread_cpu() - cpu;
        return NULL;
}

static herald_sub *open_herald(const char *events, const char *replay)
{
        herald_sub_options *o = herald_sub_options_new();
        herald_sub *s = NULL;

        herald_sub_options_set_endpoint(o, events);
        herald_sub_options_set_replay_endpoint(o, replay);
        herald_sub_options_set_start(o, HERALD_START_LIVE, 0);
        herald_sub_options_set_connect_timeout(o, 60000);
        if (herald_sub_open(o, &s) != HERALD_OK)
                s = NULL;
        herald_sub_options_free(o);
        return s;
}


/* VmRSS and VmHWM of a process, in KiB. */
static void memory_of(pid_t pid, long *rss, long *hwm)
{
        char path[64], line[256];
        FILE *f;

        *rss = *hwm = -1;
        snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
        if (!(f = fopen(path, "r")))
                return;
        while (fgets(line, sizeof(line), f)) {
                sscanf(line, "VmRSS: %ld", rss);
                sscanf(line, "VmHWM: %ld", hwm);
        }
        fclose(f);
}

static int run_herald(const char *events, const char *replay, size_t n, size_t k, char **cmd, bool raw)
{
        struct sub subs[MAX_SUBS] = { 0 };
        double exec_at, sub_cpu;
        long rss, hwm, cpu, cpu_main, faults = -1;
        double readers_cpu = 0;
        pid_t pid;
        int status;

        for (size_t i = 0; i < k; i++) {
                subs[i] = (struct sub){ .endpoint = events, .replay = replay, .want = n };
                if (raw)
                        open_raw(&subs[i]);
                else if (!(subs[i].hs = open_herald(events, replay))) {
                        fprintf(stderr, "bench-live: cannot open a subscriber\n");
                        return 1;
                }
        }
        subs[0].measure_cpu = true;
        sub_cpu = own_cpu();
        exec_at = bench_now();
        daemon_pid = pid = fork();
        if (pid == 0) {
                execvp(cmd[0], cmd);
                perror(cmd[0]);
                _exit(127);
        }
        for (size_t i = 0; i < k; i++)
                pthread_create(&subs[i].thread, NULL, raw ? raw_sub : herald_reader, &subs[i]);
        for (size_t i = 0; i < k; i++)
                pthread_join(subs[i].thread, NULL);
        sub_cpu = own_cpu() - sub_cpu;
        cpu = cpu_ticks_of(pid, false, &faults);
        cpu_main = cpu_ticks_of(pid, true, NULL);
        for (size_t i = 0; i < k; i++)
                readers_cpu += subs[i].cpu;
        usleep(300000); /* the last article's extraction is freed after its last send */
        memory_of(pid, &rss, &hwm);
        kill(pid, SIGTERM);
        waitpid(pid, &status, 0);
        report(raw ? "heraldd-raw" : "heraldd", subs, k, n, exec_at);
        /* the burst's cost on an idle core: its events per second of heraldd's CPU */
        if (cpu > daemon_cpu_at_first && daemon_cpu_at_first >= 0)
                printf(" cpu_s=%.2f cpu_rate=%.0f", (double)(cpu - daemon_cpu_at_first) / (double)sysconf(_SC_CLK_TCK),
                       (double)n * (double)sysconf(_SC_CLK_TCK) / (double)(cpu - daemon_cpu_at_first));
        /* the subscribers' side: their threads and libzmq's, per event received */
        printf(" sub_cpu_s=%.2f sub_us_per_event=%.2f", sub_cpu, sub_cpu * 1e6 / (double)(n * k));
        /* where each side's CPU goes: heraldd's loop and libzmq's I/O thread,
         * the subscribers' reading threads and their libzmq threads */
        if (cpu > daemon_cpu_at_first && daemon_cpu_at_first >= 0 && daemon_main_at_first >= 0)
                printf(" main_us_per_event=%.2f io_us_per_event=%.2f",
                       (double)(cpu_main - daemon_main_at_first) * 1e6 / (double)sysconf(_SC_CLK_TCK) / (double)n,
                       (double)(cpu - daemon_cpu_at_first - cpu_main + daemon_main_at_first) * 1e6 /
                               (double)sysconf(_SC_CLK_TCK) / (double)n);
        if (faults >= 0 && daemon_faults_at_first >= 0) /* page faults: each an exit on a VM */
                printf(" faults_per_kevent=%.1f", (double)(faults - daemon_faults_at_first) * 1000 / (double)n);
        printf(" reader_us_per_event=%.2f subzmq_us_per_event=%.2f", readers_cpu * 1e6 / (double)(n * k),
               (sub_cpu - readers_cpu) * 1e6 / (double)(n * k));
        printf(" rss_kb=%ld hwm_kb=%ld\n", rss, hwm);
        for (size_t i = 0; i < k; i++)
                if (raw)
                        close_raw(&subs[i]);
                else
                        herald_sub_close(subs[i].hs);
        return 0;
}

int main(int argc, char **argv)
{
        if (argc == 5 && strcmp(argv[1], "raw") == 0) {
                size_t k = strtoul(argv[4], NULL, 10);

                return k && k <= MAX_SUBS ? run_raw(argv[2], argv[3], k) : 64;
        }
        if (argc > 7 && (strcmp(argv[1], "herald") == 0 || strcmp(argv[1], "herald-raw") == 0) &&
            strcmp(argv[6], "--") == 0) {
                size_t k = strtoul(argv[5], NULL, 10);

                return k && k <= MAX_SUBS ? run_herald(argv[2], argv[3], strtoul(argv[4], NULL, 10), k, argv + 7,
                                                       strcmp(argv[1], "herald-raw") == 0)
                                          : 64;
        }
        fprintf(stderr, "usage: bench-live raw JOURNAL ENDPOINT K\n"
                        "       bench-live herald|herald-raw EVENTS REPLAY N K -- HERALDD [ARG...]\n");
        return 64;
}
