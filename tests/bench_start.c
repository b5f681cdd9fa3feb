/* bench-start: start-up time and memory of a daemon, and the references they are
 * measured against (make bench).
 *   bench-start -- CMD [ARG...]
 *       runs CMD with NOTIFY_SOCKET set to a datagram socket of its own and its
 *       stderr on a pipe; the time from fork to READY=1 on the socket, or, for a
 *       heraldd without sd_notify, to its "replay on" log line (READY=1 is still
 *       waited for 300 ms after it). Prints ready_ms, the marker used, the
 *       RSS and the page faults taken by then, and the RSS once idle
 *       (idle_kb, 300 ms later: heraldd trims its heap when it goes idle, as
 *       bench-live reads it after a burst), then stops CMD with SIGTERM.
 *       Beside the wall time, what the scheduler counted for CMD's threads by
 *       then (schedstat): cpu_ms on a CPU, and wait_ms its main thread spent
 *       runnable but waiting for one (the neighbours' share on a loaded
 *       machine); ready_ms - wait_ms is about what an idle machine would show.
 *   bench-start ref-daemon EVENTS REPLAY [FILE]
 *       the floor for a ZeroMQ daemon: reads FILE whole into memory it keeps (a
 *       journal's bytes, not parsed: what a daemon that serves them from memory
 *       must at least do), binds a PUB and a ROUTER, says "replay on" and
 *       READY=1, waits.
 *   bench-start ref-inbox DIR EVENTS [JOURNAL]
 *       the floor for the inbox: inotify on DIR; each file that arrives is read,
 *       appended to JOURNAL and fdatasynced (when given), and sent on a PUB as
 *       one three-frame message. Says "watching inbox" when ready. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#include "bench_common.h"

#define READY_GRACE_S 0.3
#define GIVE_UP_S 120.0
#define IDLE_SETTLE_US 300000 /* READY=1 to the RSS read as idle */

static void notify_ready(void)
{
        const char *path = getenv("NOTIFY_SOCKET");
        struct sockaddr_un sa = { .sun_family = AF_UNIX };
        int fd;

        if (!path || strlen(path) >= sizeof(sa.sun_path))
                return;
        strcpy(sa.sun_path, path);
        fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sendto(fd, "READY=1", 7, 0, (struct sockaddr *)&sa, sizeof(sa));
        close(fd);
}

static int ref_daemon(const char *events, const char *replay, const char *file)
{
        void *ctx, *pub, *router;
        char *kept = NULL;
        sigset_t mask;
        int sig;

        sigemptyset(&mask);
        sigaddset(&mask, SIGTERM);
        sigprocmask(SIG_BLOCK, &mask, NULL);
        if (file) {
                int fd = open(file, O_RDONLY);
                off_t size = fd < 0 ? -1 : lseek(fd, 0, SEEK_END);
                size_t got = 0;
                ssize_t n = 1;

                if (size < 0 || !(kept = malloc((size_t)size + 1))) {
                        perror(file);
                        return 66;
                }
                while (got < (size_t)size && (n = pread(fd, kept + got, (size_t)size - got, (off_t)got)) > 0)
                        got += (size_t)n;
                close(fd);
        }
        ctx = zmq_ctx_new();
        pub = zmq_socket(ctx, ZMQ_PUB);
        router = zmq_socket(ctx, ZMQ_ROUTER);
        if (zmq_bind(pub, events) < 0 || zmq_bind(router, replay) < 0) {
                fprintf(stderr, "ref-daemon: cannot bind: %s\n", zmq_strerror(errno));
                return 69;
        }
        fprintf(stderr, "ref-daemon: replay on %s\n", replay);
        notify_ready();
        sigwait(&mask, &sig);
        free(kept);
        zmq_close(pub);
        zmq_close(router);
        zmq_ctx_term(ctx);
        return 0;
}

static void forward(void *pub, const char *dir, const char *name, int journal)
{
        static char buf[1 << 16];
        char path[4096];
        uint8_t header[16] = { 0 };
        ssize_t n;
        int fd;

        snprintf(path, sizeof(path), "%s/%s", dir, name);
        if ((fd = open(path, O_RDONLY)) < 0)
                return;
        n = read(fd, buf, sizeof(buf));
        close(fd);
        if (n < 0)
                return;
        if (journal >= 0 && (write(journal, buf, (size_t)n) != n || fdatasync(journal) < 0))
                perror("ref-inbox: journal");
        zmq_send(pub, "ev.ref.x", 8, ZMQ_SNDMORE);
        zmq_send(pub, header, sizeof(header), ZMQ_SNDMORE);
        zmq_send(pub, buf, (size_t)n, 0);
}

static int ref_inbox(const char *dir, const char *events, const char *journal_path)
{
        int in = inotify_init1(IN_CLOEXEC), journal = -1;
        void *ctx = zmq_ctx_new(), *pub = zmq_socket(ctx, ZMQ_PUB);
        char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));

        if (journal_path && (journal = open(journal_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) < 0) {
                perror(journal_path);
                return 74;
        }
        if (in < 0 || inotify_add_watch(in, dir, IN_MOVED_TO | IN_CLOSE_WRITE) < 0 || zmq_bind(pub, events) < 0) {
                fprintf(stderr, "ref-inbox: cannot watch %s or bind %s\n", dir, events);
                return 66;
        }
        fprintf(stderr, "ref-inbox: watching inbox %s\n", dir);
        for (;;) {
                ssize_t n = read(in, buf, sizeof(buf));

                for (char *p = buf; n > 0 && p < buf + n;) {
                        const struct inotify_event *e = (const struct inotify_event *)p;

                        if (e->len)
                                forward(pub, dir, e->name, journal);
                        p += sizeof(*e) + e->len;
                }
        }
}

static long rss_kb(pid_t pid)
{
        char path[64], line[256];
        long rss = -1;
        FILE *f;

        snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
        if (!(f = fopen(path, "r")))
                return -1;
        while (fgets(line, sizeof(line), f))
                sscanf(line, "VmRSS: %ld", &rss);
        fclose(f);
        return rss;
}

/* The run and run-queue wait times (ms) the scheduler counted for pid: run for
 * all its threads, wait for its main thread (the one that starts it up). The
 * run time is pid's process CPU clock, which keeps the time of threads that
 * have ended (heraldd's codebook loader ends before READY=1); the threads'
 * schedstat, which does not, only where that clock cannot be read. */
static void sched_ms(pid_t pid, double *run_ms, double *wait_ms)
{
        char path[300];
        struct dirent *e;
        struct timespec ts;
        clockid_t clock;
        bool whole = clock_getcpuclockid(pid, &clock) == 0 && clock_gettime(clock, &ts) == 0;
        DIR *dir;

        *run_ms = *wait_ms = -1;
        snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
        if (!(dir = opendir(path)))
                return;
        *run_ms = *wait_ms = 0;
        while ((e = readdir(dir))) {
                unsigned long long run, wait;
                FILE *f;

                if (e->d_name[0] == '.')
                        continue;
                snprintf(path, sizeof(path), "/proc/%d/task/%s/schedstat", (int)pid, e->d_name);
                if (!(f = fopen(path, "r")))
                        continue;
                if (fscanf(f, "%llu %llu", &run, &wait) == 2) {
                        *run_ms += whole ? 0 : (double)run / 1e6;
                        if (atoi(e->d_name) == (int)pid)
                                *wait_ms = (double)wait / 1e6;
                }
                fclose(f);
        }
        closedir(dir);
        if (whole)
                *run_ms = (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The page faults pid has taken (all its threads, those ended too): at a few
 * microseconds each on a VM, a large share of a start's system time. */
static long faults(pid_t pid)
{
        char path[64], buf[1024], *p;
        unsigned long minflt = 0;
        FILE *f;
        size_t n;

        snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
        if (!(f = fopen(path, "r")))
                return -1;
        n = fread(buf, 1, sizeof(buf) - 1, f);
        fclose(f);
        buf[n] = '\0';
        /* after the command's name in brackets: state ppid pgrp session tty tpgid flags minflt */
        if (!(p = strrchr(buf, ')')) || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %lu", &minflt) != 1)
                return -1;
        return (long)minflt;
}

/* Whether a READY=1 datagram is waiting on the socket. */
static bool got_ready(int sock)
{
        char buf[4096];
        ssize_t n;

        while ((n = recv(sock, buf, sizeof(buf) - 1, MSG_DONTWAIT)) > 0) {
                buf[n] = '\0';
                for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
                        if (strcmp(line, "READY=1") == 0)
                                return true;
        }
        return false;
}

static int time_start(char **cmd)
{
        struct sockaddr_un sa = { .sun_family = AF_UNIX };
        int sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), pipefd[2], status;
        char log[65536];
        size_t log_len = 0;
        double start, log_at = 0, ready_at = 0, run_ms = -1, wait_ms = -1;
        long ready_faults = -1, ready_rss;
        const char *marker = "none";
        pid_t pid;

        snprintf(sa.sun_path, sizeof(sa.sun_path), "/tmp/herald-bench-notify.%d", (int)getpid());
        unlink(sa.sun_path);
        if (sock < 0 || bind(sock, (struct sockaddr *)&sa, sizeof(sa)) < 0 || pipe2(pipefd, O_CLOEXEC) < 0) {
                perror("bench-start");
                return 1;
        }
        setenv("NOTIFY_SOCKET", sa.sun_path, 1);
        start = bench_now();
        if ((pid = fork()) == 0) {
                dup2(pipefd[1], 2);
                execvp(cmd[0], cmd);
                _exit(127);
        }
        close(pipefd[1]);
        while (!ready_at && bench_now() - start < GIVE_UP_S && (!log_at || bench_now() - log_at < READY_GRACE_S)) {
                struct pollfd p[2] = { { .fd = sock, .events = POLLIN }, { .fd = pipefd[0], .events = POLLIN } };

                poll(p, 2, 10);
                if ((p[0].revents & POLLIN) && got_ready(sock)) {
                        ready_at = bench_now();
                        marker = "READY=1";
                        sched_ms(pid, &run_ms, &wait_ms);
                        ready_faults = faults(pid);
                }
                if ((p[1].revents & (POLLIN | POLLHUP)) && log_len < sizeof(log) - 1) {
                        ssize_t n = read(pipefd[0], log + log_len, sizeof(log) - 1 - log_len);

                        if (n <= 0)
                                break; /* it died */
                        log[log_len += (size_t)n] = '\0';
                        if (!log_at && strstr(log, "replay on")) {
                                log_at = bench_now();
                                sched_ms(pid, &run_ms, &wait_ms);
                                ready_faults = faults(pid);
                        }
                }
        }
        if (!ready_at && log_at) {
                ready_at = log_at;
                marker = "log";
        }
        ready_rss = rss_kb(pid);
        if (ready_at)
                usleep(IDLE_SETTLE_US);
        printf("start: ready_ms=%.1f cpu_ms=%.1f wait_ms=%.1f marker=%s rss_kb=%ld idle_kb=%ld faults=%ld\n",
               ready_at ? (ready_at - start) * 1000 : -1.0, run_ms, wait_ms, marker, ready_rss,
               ready_at ? rss_kb(pid) : -1, ready_faults);
        kill(pid, SIGTERM);
        waitpid(pid, &status, 0);
        unlink(sa.sun_path);
        if (!ready_at)
                fprintf(stderr, "bench-start: %s never became ready:\n%s", cmd[0], log);
        return ready_at ? 0 : 1;
}

int main(int argc, char **argv)
{
        if (argc >= 3 && strcmp(argv[1], "--") == 0)
                return time_start(argv + 2);
        if ((argc == 4 || argc == 5) && strcmp(argv[1], "ref-daemon") == 0)
                return ref_daemon(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
        if ((argc == 4 || argc == 5) && strcmp(argv[1], "ref-inbox") == 0)
                return ref_inbox(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
        fprintf(stderr, "usage: bench-start -- CMD [ARG...]\n"
                        "       bench-start ref-daemon EVENTS REPLAY [FILE]\n"
                        "       bench-start ref-inbox DIR EVENTS [JOURNAL]\n");
        return 64;
}
