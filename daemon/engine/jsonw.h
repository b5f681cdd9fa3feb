/* A compact JSON writer: members and values appended straight into one growing
 * buffer, with no tree in between. Its bytes are what Jansson's
 * json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) gives for the same values, and
 * it refuses what Jansson refuses: a string that is not valid UTF-8, or NULL. */
#ifndef HERALD_JSONW_H
#define HERALD_JSONW_H

#include <stdbool.h>
#include <stddef.h>

struct jsonw {
        char *buf;
        size_t len, cap;
        bool comma;  /* a value was written at this level: the next one needs ',' */
        bool failed; /* out of memory or a bad string: the rest are no-ops */
};

/* Starts an empty document in a buffer of `hint` bytes (it grows as needed); out
 * of memory here fails the document like any later write. */
void jsonw_init(struct jsonw *w, size_t hint);

/* The document (malloc'd, NUL-terminated, no larger than it needs to be), or
 * NULL when anything failed: then the buffer is freed and nothing is returned. */
char *jsonw_finish(struct jsonw *w);

/* Documents one after another in one buffer that is kept (a batch of events):
 * jsonw_mark() starts a document at the end of what the buffer holds and says
 * where; jsonw_end_document() ends it with a NUL and returns 0, or, when
 * anything since the mark failed, cuts the buffer back to the mark, clears the
 * failure and returns -1. jsonw_raw() appends bytes as they are.
 * The buffer may start as { 0 } (no jsonw_init) and is the caller's to free. */
size_t jsonw_mark(struct jsonw *w);
int jsonw_end_document(struct jsonw *w, size_t mark);
void jsonw_raw(struct jsonw *w, const char *s, size_t n);

void jsonw_object_begin(struct jsonw *w);
void jsonw_object_end(struct jsonw *w);
void jsonw_array_begin(struct jsonw *w);
void jsonw_array_end(struct jsonw *w);

/* A member's name; its value is the next thing written. */
void jsonw_key(struct jsonw *w, const char *key);

/* jsonw_key() of a name that is a string literal needing no escape (plain
 * ASCII letters): its quotes and colon are put around it when compiling and it
 * is copied whole, not checked byte by byte (names are most of an event's
 * strings). A name that is not a literal does not compile. */
#define jsonw_key_lit(w, lit) jsonw_key_raw((w), "\"" lit "\":", sizeof(lit) + 2)
#define jsonw_member_string_lit(w, lit, s) jsonw_member_raw_string((w), "\"" lit "\":", sizeof(lit) + 2, (s))
#define jsonw_member_stringn_lit(w, lit, s, n) \
        jsonw_member_raw_stringn((w), "\"" lit "\":", sizeof(lit) + 2, (s), (n))
#define jsonw_member_int_lit(w, lit, v) jsonw_member_raw_int((w), "\"" lit "\":", sizeof(lit) + 2, (v))
/* A whole member whose name and value are plain literals ("name":"value"). */
#define jsonw_member_plain_lit(w, lit, val) \
        jsonw_member_raw((w), "\"" lit "\":\"" val "\"", sizeof(lit) + sizeof(val) + 3)
/* Writes quoted[0..n) ("\"name\":") as a member's name, unchecked. */
void jsonw_key_raw(struct jsonw *w, const char *quoted, size_t n);
/* A member in one call, its name quoted[0..qn) as for jsonw_key_raw(): the
 * room for name and value reserved once. jsonw_member_raw() writes
 * member[0..n) (a whole "name":value) unchecked. */
void jsonw_member_raw_stringn(struct jsonw *w, const char *quoted, size_t qn, const char *s, size_t n);
void jsonw_member_raw_string(struct jsonw *w, const char *quoted, size_t qn, const char *s);
void jsonw_member_raw_int(struct jsonw *w, const char *quoted, size_t qn, long long v);
void jsonw_member_raw(struct jsonw *w, const char *member, size_t n);

/* A string value: s[0..n) may hold NUL bytes (written as \u0000). A NULL s or
 * bytes that are not UTF-8 fail the document. */
void jsonw_stringn(struct jsonw *w, const char *s, size_t n);
void jsonw_string(struct jsonw *w, const char *s);
void jsonw_int(struct jsonw *w, long long v);

/* Values written once and then copied, each keyed by the address of what it was
 * written from (an entity named in many events): the key's value must not
 * change while the memo lives. A slot per key hash, the last kept wins; the
 * memo's bytes are bounded (all are dropped when they pass JSONW_MEMO_MAX).
 * It starts as { 0 }. */
#define JSONW_MEMO_SLOTS 64
#define JSONW_MEMO_MAX (64u << 10)
struct jsonw_memo {
        struct {
                const void *key;
                size_t at, len;
        } slot[JSONW_MEMO_SLOTS];
        struct jsonw bytes;
};

/* If key's value is kept, writes it as the next value (separator first) and
 * returns true; false (nothing written) otherwise. */
bool jsonw_memo_write(struct jsonw *w, const struct jsonw_memo *m, const void *key);
/* Keeps w->buf[from..w->len), a value just written, as key's; nothing when w
 * has failed or the memo cannot grow. */
void jsonw_memo_keep(struct jsonw_memo *m, const struct jsonw *w, size_t from, const void *key);
void jsonw_memo_done(struct jsonw_memo *m); /* frees its bytes; it may be kept in again */

/* key + value in one call, for flat member lists. */
void jsonw_member_string(struct jsonw *w, const char *key, const char *s);
void jsonw_member_int(struct jsonw *w, const char *key, long long v);

#endif
