/* What an article's events share, written once while the article is coded
 * (event_code_*) and copied after: each entity's object, the head of the data
 * (kind, cameo, modality) and a time's members after its text (value, mod,
 * bounds). Keys are what decides the bytes, never the sentence. */
#ifndef HERALD_EVENT_MEMO_H
#define HERALD_EVENT_MEMO_H

#include <stdbool.h>
#include <stddef.h>

#include "extract.h"
#include "jsonw.h"

struct event_memo;

/* What decides a kept piece: which part it is, the fields that decide its
 * bytes copied whole (equal copies, equal strings), and a hash of them. */
struct event_memo_key {
        int part;
        unsigned hash;
        size_t n;
        unsigned char s[64];
};

struct event_memo *event_memo_new(void); /* NULL when out of memory: nothing is kept */
void event_memo_free(struct event_memo *m);

/* The entities' memo (keyed by the entity's address), or NULL for no memo. */
struct jsonw_memo *event_memo_entities(struct event_memo *m);

/* Keys: the data's head up to its modality; a time's members after its text. */
void event_memo_key_head(struct event_memo_key *k, const struct extract_event *ev);
void event_memo_key_when(struct event_memo_key *k, const struct extract_event *ev);

/* If k's piece is kept, writes it as the next value (separator first) and
 * returns true. A NULL memo keeps nothing. */
bool event_memo_write(struct jsonw *w, const struct event_memo *m, const struct event_memo_key *k);
/* Keeps w->buf[from..w->len) as k's piece (nothing when w failed or it is
 * too long to keep). */
void event_memo_keep(struct event_memo *m, const struct event_memo_key *k, const struct jsonw *w, size_t from);

#endif
