/* The pipeline. An article's events are extracted once when it is taken in and
 * coded to JSON then (all but the envelope: event_code_all), and the extraction
 * and the article's text are freed; each event's JSON is finished once, just
 * before it is journaled, and those bytes are what the stream, the journal and
 * replay all carry. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "internal/alloc.h"
#include "internal/cleanup.h"
#include "event.h"
#include "extract.h"
#include "source.h"
#include "log.h"
#include "pipeline.h"
#include "sha256.h"

#define PUBLISH_BATCH 1024 /* events per journal sync when nothing spaces them */

struct pipeline_item {
        struct event_coded coded; /* its events' JSON, but for the envelopes; and its id */
        size_t count;             /* its events */
        size_t next;              /* index of the next event to publish */
        char sha256[SHA256_HEX_SIZE];
        char variant[EVENT_VARIANT_SIZE]; /* "" for the first content under its id */
        char *display;
        char *inbox_name;
        bool recorded; /* the article line is in the journal */
};

static void item_free(struct pipeline_item *it)
{
        event_coded_done(&it->coded);
        free(it->display);
        free(it->inbox_name);
}

static void file_away(struct pipeline *p, const char *inbox_name, bool ok)
{
        if (inbox_name && p->inbox && inbox_finish(p->inbox, inbox_name, ok) < 0)
                log_warn("%s/%s: cannot move it to %s/", inbox_dir(p->inbox), inbox_name, ok ? "done" : "failed");
}

/* Reads and parses; a failure is logged with the file and the reason. */
static int load(struct pipeline *p, const char *path, const char *display, struct article **ret,
                char sha[SHA256_HEX_SIZE])
{
        char why[1024];

        switch (source_load(path, display, p->config, p->codebook->lexicon, ret, sha, why, sizeof(why))) {
        case SOURCE_OK:
                return 0;
        case SOURCE_NOMEM:
                return -ENOMEM;
        default:
                log_errx("%s", why);
                return -EINVAL;
        }
}

static const struct pipeline_item *queued(const struct pipeline *p, const char *sha)
{
        for (size_t i = 0; i < p->n_items; i++)
                if (strcmp(p->items[i].sha256, sha) == 0)
                        return &p->items[i];
        return NULL;
}

static bool same_name(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static void report_extraction(const struct extraction *x, const char *display, const struct config *c)
{
        if (x->skipped_sentences)
                log_notice("%s: sentences not coded (over %" PRIu64 " bytes, max-sentence): %zu", display,
                           c->max_sentence, x->skipped_sentences);
        if (x->truncated)
                log_warnx("%s: stopped after %" PRIu64 " events (max-events), the rest are not published",
                          display, c->max_events);
}

/* An article with nothing to publish is still recorded, so it is not read again.
 * A record the journal refuses stays pending in it, and goes to disk with the
 * next sync: the file is filed all the same, as it has nothing to lose. */
static int record_empty(struct pipeline *p, struct pipeline_item *it)
{
        int r = journal_add_article(p->journal, it->sha256, it->coded.id, 0, it->display);

        if (r >= 0)
                r = journal_sync(p->journal);
        file_away(p, it->inbox_name, true);
        log_info("%s: no events", it->display);
        item_free(it);
        return r;
}

/* Whether this content is published already, or queued. */
static bool already_published(struct pipeline *p, const char *sha, const char *display, const char *inbox_name)
{
        const struct journal_article *rec = journal_find_article(p->journal, sha);
        const struct pipeline_item *it = queued(p, sha);

        if (it && same_name(it->inbox_name, inbox_name)) {
                /* the same file seen again (touched, or found by a rescan) while it is
                 * being published: it is filed away when its last event is out */
                log_debug("%s: already queued", display);
                return true;
        }
        if (it || (rec && rec->journaled >= rec->count)) {
                log_info("%s: already published, skipping", display);
                file_away(p, inbox_name, true);
                return true;
        }
        return false;
}

/* Codes the article's events from it->next on; the article and its
 * extraction are freed either way. Returns 0 or -ENOMEM. */
static int code(struct pipeline *p, struct pipeline_item *it, struct article *a, struct extraction *x)
{
        int r = event_code_all(&it->coded, p->codebook, a, x, it->next);

        extraction_done(x);
        article_free(a);
        return r;
}

int pipeline_ingest(struct pipeline *p, const char *path, const char *display, const char *inbox_name)
{
        const struct extract_limits limits = { p->config->max_events, p->config->max_sentence };
        struct pipeline_item it = { 0 };
        const struct journal_article *rec;
        struct extraction x = { 0 };
        struct article *a = NULL;
        int r = load(p, path, display, &a, it.sha256);

        if (r < 0) {
                file_away(p, inbox_name, false);
                return r == -ENOMEM ? r : 0;
        }
        if (already_published(p, it.sha256, display, inbox_name)) {
                article_free(a);
                return 0;
        }
        if ((r = extract_article_limited(p->codebook, a, &limits, &x)) < 0 || !(it.display = strdup(display)) ||
            (inbox_name && !(it.inbox_name = strdup(inbox_name)))) {
                extraction_done(&x);
                article_free(a);
                item_free(&it);
                return -ENOMEM;
        }
        report_extraction(&x, display, p->config);
        it.count = x.n;
        rec = journal_find_article(p->journal, it.sha256);
        if (x.n && rec && rec->journaled >= x.n) { /* the codebook changed since: nothing is left */
                log_info("%s: already published, skipping", display);
                file_away(p, inbox_name, true);
                extraction_done(&x);
                article_free(a);
                item_free(&it);
                return 0;
        }
        if (x.n && rec && rec->journaled > 0) { /* a crash stopped it half-way: go on where it stopped */
                it.next = rec->journaled;
                log_notice("%s: resuming at event %zu of %zu", display, it.next + 1, x.n);
        }
        if (code(p, &it, a, &x) < 0) {
                item_free(&it);
                return -ENOMEM;
        }
        if (it.count == 0)
                return record_empty(p, &it);
        if (GREEDY_REALLOC(p->items, p->cap_items, p->n_items + 1) < 0) {
                item_free(&it);
                return -ENOMEM;
        }
        p->items[p->n_items++] = it;
        log_fields(LOG_LEVEL_INFO,
                   LOG_FIELDS(LOG_STR("HERALD_ARTICLE", display), LOG_STR("HERALD_ARTICLE_ID", it.coded.id)),
                   "%s: %zu events to publish", display, it.count - it.next);
        return 0;
}


/* Event ids are <article-id>/<index> for the first content taken in under an
 * article id; a later, different content under the same id gets
 * <article-id>~<first 8 hex of its SHA-256>/<index>, so source + id never names
 * two different events, and the same content always gets the same ids. */
static void name_variant(struct pipeline *p, struct pipeline_item *it)
{
        const char *first = journal_first_content(p->journal, it->coded.id);

        if (first && strcmp(first, it->sha256) != 0) {
                snprintf(it->variant, sizeof(it->variant), "%.8s", it->sha256);
                log_info("%s: another content was published as '%s' before: event ids are %s~%s/N", it->display,
                         it->coded.id, it->coded.id, it->variant);
        }
}

/* Builds, and queues in the journal, the next event of the first article. */
static int prepare_next(struct pipeline *p, struct pipeline_item *it, struct pipeline_held *out)
{
        struct event_meta m = { .feed = p->config->feed, .epoch = journal_epoch(p->journal),
                                .sequence = journal_next_sequence(p->journal), .index = it->next + 1,
                                .count = it->count };
        size_t mark = jsonw_mark(&p->batch);

        if (!it->recorded) {
                name_variant(p, it);
                if (journal_add_article(p->journal, it->sha256, it->coded.id, it->count, it->display) < 0)
                        return -ENOMEM;
                it->recorded = true;
        }
        m.variant = it->variant[0] ? it->variant : NULL;
        *out = (struct pipeline_held){ .sequence = m.sequence };
        if (event_write(&p->batch, &it->coded, &m, &out->json_at, &out->json_len) < 0 ||
            event_topic_append(&p->batch, event_coded_kind(&it->coded, m.index), it->coded.id, &out->topic_at) < 0) {
                log_errx("%s: out of memory building event %zu of %zu", it->display, it->next + 1, it->count);
                p->batch.len = mark;
                return -ENOMEM;
        }
        if (journal_add_event(p->journal, it->sha256, it->next + 1, p->batch.buf + out->json_at, out->json_len) < 0) {
                p->batch.len = mark;
                return -ENOMEM;
        }
        it->next++;
        return 0;
}

/* Drops the articles at the front that are fully published. */
static void finish_published(struct pipeline *p)
{
        size_t done = 0;

        while (done < p->n_items && p->items[done].next == p->items[done].count) {
                struct pipeline_item *it = &p->items[done++];

                /* filed away first: whoever reads the log line finds the file in done/ */
                file_away(p, it->inbox_name, true);
                log_fields(LOG_LEVEL_INFO,
                           LOG_FIELDS(LOG_STR("HERALD_ARTICLE", it->display),
                                      LOG_STR("HERALD_ARTICLE_ID", it->coded.id),
                                      LOG_NUM("HERALD_SEQUENCE", p->last_published)),
                           "%s: published %zu events", it->display, it->count);
                item_free(it);
        }
        p->articles_done += done;
        if (!done)
                return;
        memmove(p->items, p->items + done, (p->n_items - done) * sizeof(*p->items));
        p->n_items -= done;
}

/* Syncs the journal, then publishes the held batch. When the journal cannot be
 * written the batch stays held (its lines stay queued in the journal) for the
 * next try: nothing is published before it is on disk, nothing is lost. When a
 * subscriber's full pipe holds the stream, the rest of the batch waits for a
 * later call (the loop serves replays, the inbox and signals meanwhile), and
 * last_published stays the last event sent, so replay never hands out one the
 * stream has not. */
static int flush_held(struct pipeline *p, int64_t now_ms)
{
        int r = journal_sync(p->journal); /* also what a failed sync left pending, events or not */

        if (r < 0)
                return r;
        for (; p->n_sent < p->n_held; p->n_sent++) {
                const struct pipeline_held *e = &p->held[p->n_sent];
                const char *topic = p->batch.buf + e->topic_at, *json = p->batch.buf + e->json_at;
                const struct stored_event *kept, here = { e->sequence, topic, json, e->json_len };

                /* kept before it is sent (once, though a full subscriber may make it
                 * wait), so its body goes out from the window without a copy */
                if (p->n_kept == p->n_sent) {
                        p->n_kept++;
                        if (history_push(p->history, e->sequence, topic, json, e->json_len) < 0)
                                log_warnx("out of memory keeping event %" PRIu64 " for replay: replay skips it",
                                          e->sequence);
                }
                kept = history_get(p->history, e->sequence);
                if (publisher_send(p->publisher, p->history, kept ? kept : &here, now_ms) == -EAGAIN)
                        return 0;
                p->last_published = e->sequence;
        }
        p->n_held = p->n_sent = p->n_kept = 0;
        p->batch.len = 0;
        finish_published(p);
        if (!p->n_items) { /* idle: the batch's buffer goes back with the rest */
                free(p->batch.buf);
                p->batch = (struct jsonw){ 0 };
        }
        return 0;
}

int pipeline_publish_due(struct pipeline *p, int64_t now_ms)
{
        size_t k = 0;
        int r;

        if ((r = flush_held(p, now_ms)) < 0) /* a batch the journal refused before */
                return r;
        if (p->n_held) /* or one a subscriber still holds: nothing new until it is out */
                return 0;
        if (!p->held && !(p->held = calloc(PUBLISH_BATCH, sizeof(*p->held))))
                return -ENOMEM;
        while (p->n_held < PUBLISH_BATCH && k < p->n_items && now_ms >= p->next_due_ms) {
                struct pipeline_item *it = &p->items[k];

                if ((r = prepare_next(p, it, &p->held[p->n_held])) < 0)
                        return r;
                p->n_held++;
                if (it->next == it->count)
                        k++; /* the next article starts at once: --interval spaces one article's events */
                else if (p->config->interval_ms) {
                        p->next_due_ms = now_ms + (int64_t)p->config->interval_ms;
                        break;
                }
        }
        return flush_held(p, now_ms); /* on disk before anyone sees it */
}

int64_t pipeline_next_due(const struct pipeline *p, int64_t now_ms)
{
        if (p->n_sent < p->n_held) /* sent in part: the rest goes when the stream moves */
                return publisher_retry_at(p->publisher, now_ms);
        return p->n_items ? p->next_due_ms : INT64_MAX;
}

bool pipeline_idle(const struct pipeline *p) { return p->n_items == 0 && p->n_held == 0; }

void pipeline_done(struct pipeline *p)
{
        free(p->batch.buf);
        p->batch = (struct jsonw){ 0 };
        free(p->held);
        p->held = NULL;
        p->n_held = p->n_sent = p->n_kept = 0;
        for (size_t i = 0; i < p->n_items; i++)
                item_free(&p->items[i]);
        free(p->items);
        p->items = NULL;
        p->n_items = p->cap_items = 0;
}
