/* Loads the four data files of a codebook directory, two at a time: a thread of
 * the loader's own and the caller's each take the next file not yet begun, the
 * largest first. An error names its file and line; when several files are bad,
 * the first in load order (lexicon, gazetteer, timex, rules) is the one told,
 * as when they were loaded one after another. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"

/* The parts in load order, which is the order their errors rank in. */
enum part { PART_LEXICON, PART_GAZETTEER, PART_TIMEX, PART_RULES, N_PARTS };

/* The order the parts are taken in: the costliest first, so the two threads
 * end close together (instructions at start: gazetteer 4.9 M, rules 4.2 M,
 * timex 1.6 M, lexicon with WordNet's files 0.6 M). */
static const enum part by_cost[N_PARTS] = { PART_GAZETTEER, PART_RULES, PART_TIMEX, PART_LEXICON };

struct codebook_loader {
        char *dir;
        struct codebook *cb;  /* each part fills its own member */
        atomic_uint next;     /* index into by_cost of the next part to begin */
        int r[N_PARTS];       /* each part's result, written by the thread that loaded it */
        struct parse_error errs[N_PARTS];
        struct codebook_heap heap;
        void *prepared[2];    /* by the caller's thread, by the loading thread: released in finish */
        pthread_t thread;
        bool threaded;
};

static int load_lexicon(const char *dir, struct codebook *cb, struct parse_error *err)
{
        char path[4096];
        int r = lexical_open(&cb->lexical, err);

        if (r < 0)
                return r;
        snprintf(path, sizeof(path), "%s/lexicon.txt", dir);
        return lexicon_load(path, &cb->lexicon, err);
}

static int load_part(const char *dir, struct codebook *cb, enum part p, struct parse_error *err)
{
        char path[4096];

        switch (p) {
        case PART_LEXICON: return load_lexicon(dir, cb, err);
        case PART_GAZETTEER:
                snprintf(path, sizeof(path), "%s/gazetteer.txt", dir);
                return gazetteer_load(path, &cb->gazetteer, err);
        case PART_TIMEX:
                snprintf(path, sizeof(path), "%s/timex.txt", dir);
                return timex_rules_load(path, &cb->timex, err);
        case PART_RULES:
                snprintf(path, sizeof(path), "%s/rules.txt", dir);
                return rules_load(path, &cb->rules, err);
        case N_PARTS: break;
        }
        return -EINVAL;
}

static const char *const part_file[N_PARTS] = {
        [PART_LEXICON] = "lexicon.txt", [PART_GAZETTEER] = "gazetteer.txt",
        [PART_TIMEX] = "timex.txt", [PART_RULES] = "rules.txt",
};

/* A loader that ran out of memory says nothing of it; the error says which
 * part could not be loaded, so no caller prints an empty message. */
static int load_part_told(const char *dir, struct codebook *cb, enum part p, struct parse_error *err)
{
        int r = load_part(dir, cb, p, err);

        if (r == -ENOMEM && !err->message[0]) {
                snprintf(err->file, sizeof(err->file), "%s/%s", dir, part_file[p]);
                snprintf(err->message, sizeof(err->message), "out of memory loading it");
        }
        return r;
}

/* Loads parts until none is left to begin; both threads run it. */
static void load_parts(struct codebook_loader *l)
{
        unsigned k;

        while ((k = atomic_fetch_add(&l->next, 1)) < N_PARTS)
                l->r[by_cost[k]] = load_part_told(l->dir, l->cb, by_cost[k], &l->errs[by_cost[k]]);
}

/* The loading thread's heap is prepared only when a part is left for it. */
static void *work(void *userdata)
{
        struct codebook_loader *l = userdata;

        if (atomic_load(&l->next) >= N_PARTS)
                return NULL;
        if (l->heap.prepare)
                l->prepared[1] = l->heap.prepare();
        load_parts(l);
        return NULL;
}

int codebook_load_start(const char *dir, const struct codebook_heap *heap, struct codebook_loader **ret)
{
        struct codebook_loader *l = calloc(1, sizeof(*l));
        sigset_t all, old;

        if (!l || !(l->cb = calloc(1, sizeof(*l->cb))) || !(l->dir = strdup(dir))) {
                if (l)
                        free(l->cb);
                free(l);
                return -ENOMEM;
        }
        atomic_init(&l->next, 0);
        if (heap)
                l->heap = *heap;
        /* the caller's thread prepares before the loading thread begins, so
         * the two never prepare at once (codebook.h) */
        if (l->heap.prepare)
                l->prepared[0] = l->heap.prepare();
        /* no signal is ever delivered to the loader's thread: a daemon reads
         * them from a signalfd, and a default action stays the main thread's */
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        l->threaded = pthread_create(&l->thread, NULL, work, l) == 0; /* else finish loads it all */
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        *ret = l;
        return 0;
}

int codebook_load_finish(struct codebook_loader *l, struct codebook **ret, struct parse_error *err)
{
        int r = 0;

        load_parts(l);
        if (l->threaded)
                pthread_join(l->thread, NULL);
        for (size_t t = 0; t < 2 && l->heap.release; t++)
                l->heap.release(l->prepared[t]);
        for (size_t p = 0; p < N_PARTS && r >= 0; p++)
                if ((r = l->r[p]) < 0 && err)
                        *err = l->errs[p];
        if (r < 0)
                codebook_free(l->cb);
        else
                *ret = l->cb;
        free(l->dir);
        free(l);
        return r;
}

int codebook_load(const char *dir, struct codebook **ret, struct parse_error *err)
{
        struct codebook_loader *l;
        int r = codebook_load_start(dir, NULL, &l);

        if (r < 0 && err) {
                snprintf(err->file, sizeof(err->file), "%s", dir);
                snprintf(err->message, sizeof(err->message), "out of memory loading the codebook");
        }
        return r < 0 ? r : codebook_load_finish(l, ret, err);
}

void codebook_free(struct codebook *cb)
{
        if (!cb)
                return;
        lexicon_free(cb->lexicon);
        gazetteer_free(cb->gazetteer);
        timex_rules_free(cb->timex);
        rules_free(cb->rules);
        lexical_free(cb->lexical);
        free(cb);
}
