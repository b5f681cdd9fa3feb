/* bench-replay: how fast heraldd serves a replay, against raw libzmq doing the
 * same transfer in the same run.
 *   bench-replay REPLAY_ENDPOINT JOURNAL RAW_ENDPOINT
 * 1. heraldd: a DEALER sends REPLAY "" 0 0 and reads EVENT... END.
 * 2. raw libzmq: a ROUTER thread sends the same five-frame messages (the journal's
 *    events as bodies) to a DEALER, then an END; nothing else in the way, but the
 *    same guarantee (ZMQ_ROUTER_MANDATORY: a full peer is waited for, not dropped).
 * Prints events/s, MB/s and the ratio. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

struct body {
        char *data;
        size_t len;
};

static struct body *bodies;
static size_t n_bodies;

static double now_s(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void load_journal(const char *path)
{
        FILE *f = fopen(path, "r");
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;

        if (!f) {
                perror(path);
                exit(1);
        }
        while ((n = getline(&line, &cap, f)) > 0)
                if (strncmp(line, "{\"specversion\"", 14) == 0) {
                        bodies = realloc(bodies, (n_bodies + 1) * sizeof(*bodies));
                        bodies[n_bodies++] = (struct body){ strndup(line, (size_t)n - 1), (size_t)n - 1 };
                }
        free(line);
        fclose(f);
}

/* Reads replies until END; returns the events and adds their bytes to *bytes. */
static size_t drain(void *dealer, size_t *bytes)
{
        size_t events = 0;

        for (;;) {
                zmq_msg_t m;
                int more = 1, part = 0, is_end = 0;
                size_t len = sizeof(more);

                while (more) {
                        zmq_msg_init(&m);
                        if (zmq_msg_recv(&m, dealer, 0) < 0) {
                                fprintf(stderr, "bench-replay: no reply for 10 s after %zu events\n", events);
                                exit(1);
                        }
                        if (part == 0) {
                                is_end = zmq_msg_size(&m) == 3 && memcmp(zmq_msg_data(&m), "END", 3) == 0;
                                if (zmq_msg_size(&m) == 3 && memcmp(zmq_msg_data(&m), "ERR", 3) == 0) {
                                        fprintf(stderr, "bench-replay: ERR after %zu events\n", events);
                                        exit(1);
                                }
                        }
                        if (part == 4)
                                *bytes += zmq_msg_size(&m);
                        zmq_getsockopt(dealer, ZMQ_RCVMORE, &more, &len);
                        zmq_msg_close(&m);
                        part++;
                }
                if (is_end)
                        return events;
                events++;
        }
}

static void *raw_server(void *arg)
{
        void *router = arg;
        char identity[256], header[16] = { 0 };
        int n = zmq_recv(router, identity, sizeof(identity), 0);

        while (zmq_recv(router, header, sizeof(header), ZMQ_DONTWAIT) >= 0)
                ; /* the request's other frames */
        for (size_t i = 0; i < n_bodies; i++) {
                zmq_send(router, identity, (size_t)n, ZMQ_SNDMORE);
                zmq_send(router, "EVENT", 5, ZMQ_SNDMORE);
                zmq_send(router, "r", 1, ZMQ_SNDMORE);
                zmq_send(router, "ev.criticism.bench", 18, ZMQ_SNDMORE);
                zmq_send(router, header, 16, ZMQ_SNDMORE);
                zmq_send(router, bodies[i].data, bodies[i].len, 0);
        }
        zmq_send(router, identity, (size_t)n, ZMQ_SNDMORE);
        zmq_send(router, "END", 3, ZMQ_SNDMORE);
        zmq_send(router, "r", 1, ZMQ_SNDMORE);
        zmq_send(router, header, 16, ZMQ_SNDMORE);
        zmq_send(router, "{}", 2, 0);
        return NULL;
}

static double run(void *ctx, const char *endpoint, size_t *events, size_t *bytes)
{
        void *dealer = zmq_socket(ctx, ZMQ_DEALER);
        int hwm = 100000, timeout = 10000;
        double start;

        zmq_setsockopt(dealer, ZMQ_RCVHWM, &hwm, sizeof(hwm));
        zmq_setsockopt(dealer, ZMQ_RCVTIMEO, &timeout, sizeof(timeout));
        zmq_connect(dealer, endpoint);
        start = now_s();
        zmq_send(dealer, "REPLAY", 6, ZMQ_SNDMORE);
        zmq_send(dealer, "r", 1, ZMQ_SNDMORE);
        zmq_send(dealer, "", 0, ZMQ_SNDMORE);
        zmq_send(dealer, "0", 1, ZMQ_SNDMORE);
        zmq_send(dealer, "0", 1, 0);
        *bytes = 0;
        *events = drain(dealer, bytes);
        start = now_s() - start;
        zmq_close(dealer);
        return start;
}

int main(int argc, char **argv)
{
        /* the raw server has a context (an I/O thread) of its own, as heraldd, a
         * process of its own, has: one I/O thread for both ends would halve tcp */
        void *ctx = zmq_ctx_new(), *server_ctx = zmq_ctx_new(), *router;
        size_t events, bytes, raw_events, raw_bytes;
        double t, raw_t;
        pthread_t thread;
        int hwm = 10000; /* as heraldd's replay socket */

        if (argc != 4) {
                fprintf(stderr, "usage: bench-replay REPLAY_ENDPOINT JOURNAL RAW_ENDPOINT\n");
                return 64;
        }
        load_journal(argv[2]);
        t = run(ctx, argv[1], &events, &bytes);
        router = zmq_socket(server_ctx, ZMQ_ROUTER);
        zmq_setsockopt(router, ZMQ_SNDHWM, &hwm, sizeof(hwm));
        zmq_setsockopt(router, ZMQ_ROUTER_MANDATORY, &(int){ 1 }, sizeof(int));
        zmq_bind(router, argv[3]);
        pthread_create(&thread, NULL, raw_server, router);
        raw_t = run(ctx, argv[3], &raw_events, &raw_bytes);
        pthread_join(thread, NULL);
        zmq_close(router);
        printf("replay: heraldd  %zu events, %.1f MB in %.3f s: %.0f events/s, %.1f MB/s\n", events, bytes / 1e6, t,
               events / t, bytes / 1e6 / t);
        printf("replay: raw zmq  %zu events, %.1f MB in %.3f s: %.0f events/s, %.1f MB/s\n", raw_events,
               raw_bytes / 1e6, raw_t, raw_events / raw_t, raw_bytes / 1e6 / raw_t);
        printf("replay: heraldd / raw libzmq = %.2f\n", (events / t) / (raw_events / raw_t));
        for (size_t i = 0; i < n_bodies; i++)
                free(bodies[i].data);
        free(bodies);
        zmq_ctx_term(ctx);
        zmq_ctx_term(server_ctx);
        return events == n_bodies ? 0 : 1;
}
