/* Loading events/rules.txt. Each "[rule kind]" section is one rule; a kind may
 * have several. Rules are kept in file order, which is their priority. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "strcopy.h"
#include "gazetteer.h"
#include "internal/alloc.h"

#define ELEMENTS(a) (sizeof(a) / sizeof((a)[0]))
#include "rules.h"

const char *const modality_names[N_MODALITIES] = { "asserted", "negated", "planned", "habitual", "background" };

static const char *const role_names[N_ROLE_SOURCES] = {
        [ROLE_BEFORE] = "before",           [ROLE_AFTER] = "after",   [ROLE_SUBJECT] = "subject",
        [ROLE_HOST] = "host",               [ROLE_VISITOR] = "visitor",
        [ROLE_GUEST_STATE] = "visitor-state", [ROLE_PARTNER] = "partner", [ROLE_TAGGED] = "tagged",
        [ROLE_PREVIOUS] = "previous",
};

static const char *const when_names[] = { [WHEN_EPISODE] = "episode", [WHEN_PREVIOUS] = "previous",
                                          [WHEN_DCT] = "dct", [WHEN_PAST] = "past", [WHEN_FUTURE] = "future" };

static const char *const episode_names[] = { [EPISODE_NONE] = "no", [EPISODE_OPEN] = "yes",
                                             [EPISODE_FIRST] = "first" };

static int lookup(const char *const *names, size_t n, const char *word)
{
        for (size_t i = 0; i < n; i++)
                if (names[i] && strcmp(names[i], word) == 0)
                        return (int)i;
        return -1;
}

static bool is_cameo(const char *s)
{
        size_t n = strlen(s);

        if (n < 2 || n > 4)
                return false;
        for (size_t i = 0; i < n; i++)
                if (s[i] < '0' || s[i] > '9')
                        return false;
        return true;
}

static void free_roles(struct role_spec *s)
{
        for (size_t i = 0; i < s->n; i++)
                free(s->filter[i]);
        s->n = 0;
}

/* "before | after:person | tagged:court", or "none" */
static int parse_roles(struct role_spec *spec, const char *value, unsigned line, struct parse_error *err)
{
        char buf[512], *items[6];
        size_t n;

        str_copy_cut(buf, sizeof(buf), value);
        n = datafile_split(buf, '|', items, 6);
        free_roles(spec);
        if (n == 1 && strcmp(items[0], "none") == 0)
                return 0;
        for (size_t i = 0; i < n; i++) {
                char *colon = strchr(items[i], ':');
                int src;

                if (colon)
                        *colon = '\0';
                src = lookup(role_names, N_ROLE_SOURCES, items[i]);
                if (src < 0)
                        return parse_error_set(err, line, 1, "unknown role source '%s'", items[i]);
                if (src == ROLE_TAGGED && !colon)
                        return parse_error_set(err, line, 1, "'tagged' needs a tag: 'tagged:court'");
                spec->src[spec->n] = (enum role_source)src;
                spec->filter[spec->n] = NULL;
                if (colon && !(spec->filter[spec->n] = strdup(colon + 1)))
                        return -ENOMEM;
                spec->n++;
        }
        return 0;
}

static int parse_words(char ***words, size_t *n, size_t *cap, const char *value)
{
        char buf[2048], *items[128];
        size_t k;

        str_copy_cut(buf, sizeof(buf), value);
        k = datafile_split(buf, '|', items, 128);
        for (size_t i = 0; i < k; i++) {
                if (GREEDY_REALLOC(*words, *cap, *n + 1) < 0 || !((*words)[*n] = strdup(items[i])))
                        return -ENOMEM;
                (*n)++;
        }
        return 0;
}

/* "{planned, 046}" after a trigger phrase: overrides for that phrase. */
static int parse_trigger_options(struct trigger *t, char *opts, unsigned line, struct parse_error *err)
{
        char *items[4];
        size_t n = datafile_split(opts, ',', items, 4);

        for (size_t i = 0; i < n; i++) {
                int m = lookup(modality_names, N_MODALITIES, items[i]);

                if (m >= 0)
                        t->modality = (enum modality)m;
                else if (is_cameo(items[i]))
                        snprintf(t->cameo, sizeof(t->cameo), "%s", items[i]);
                else
                        return parse_error_set(err, line, 1, "unknown trigger option '%s'", items[i]);
        }
        return 0;
}

static int add_trigger(struct rules *rs, struct rule *rule, char *phrase, unsigned line, struct parse_error *err)
{
        struct trigger *t = calloc(1, sizeof(*t));
        char *brace = strchr(phrase, '{');
        int r;

        if (!t || GREEDY_REALLOC(rs->trig, rs->cap_trig, rs->n_trig + 1) < 0) {
                free(t);
                return -ENOMEM;
        }
        rs->trig[rs->n_trig++] = t;
        *t = (struct trigger){ .rule = rule, .modality = MODALITY_NONE };
        if (brace) {
                char *close = strchr(brace, '}');

                if (!close)
                        return parse_error_set(err, line, 1, "'{' without '}' in trigger '%s'", phrase);
                *close = *brace = '\0';
                if ((r = parse_trigger_options(t, brace + 1, line, err)) < 0)
                        return r;
        }
        r = phrase_table_add(rs->triggers, phrase, t);
        return r < 0 ? parse_error_set(err, line, 1, "bad trigger phrase '%s'", phrase) : 0;
}

static const struct rule_family *find_family(const struct rules *rs, const char *name, size_t len)
{
        for (size_t i = 0; i < rs->n_fam; i++)
                if (strlen(rs->fam[i].name) == len && strncmp(rs->fam[i].name, name, len) == 0)
                        return &rs->fam[i];
        return NULL;
}

/* "@meeting/n be/v held": the phrase once per word of the family (and of any
 * other family it names), so one line says it of every meeting noun. */
static int expand_trigger(struct rules *rs, struct rule *rule, const char *phrase, unsigned line,
                          struct parse_error *err)
{
        const char *at = strchr(phrase, '@');
        const struct rule_family *f;
        char buf[4096];
        size_t len = 0;

        if (!at) {
                str_copy_cut(buf, sizeof(buf), phrase);
                return add_trigger(rs, rule, buf, line, err);
        }
        while ((at[1 + len] >= 'a' && at[1 + len] <= 'z') || at[1 + len] == '_' || at[1 + len] == '-')
                len++;
        if (!(f = find_family(rs, at + 1, len)))
                return parse_error_set(err, line, 1, "unknown family '%.*s' in trigger '%s' (a [family NAME] "
                                       "before the rule defines it)", (int)len, at + 1, phrase);
        if (!f->n)
                return parse_error_set(err, line, 1, "family '%s' has no words", f->name);
        /* the words put together with memcpy, not snprintf: a thousand
         * expansions at start, snprintf a thousand instructions each */
        size_t head = (size_t)(at - phrase), tail = strlen(at + 1 + len);

        for (size_t i = 0; i < f->n; i++) {
                size_t word = strlen(f->words[i]);
                int r;

                if (head + word + tail >= sizeof(buf))
                        return parse_error_set(err, line, 1, "trigger '%s' too long", phrase);
                memcpy(buf, phrase, head);
                memcpy(buf + head, f->words[i], word);
                memcpy(buf + head + word, at + 1 + len, tail + 1);
                if ((r = expand_trigger(rs, rule, buf, line, err)) < 0)
                        return r;
        }
        return 0;
}

static int add_triggers(struct rules *rs, struct rule *rule, const char *value, unsigned line,
                        struct parse_error *err)
{
        char buf[4096], *items[128];
        size_t n;

        str_copy_cut(buf, sizeof(buf), value);
        n = datafile_split(buf, '|', items, 128);
        for (size_t i = 0; i < n; i++) {
                int r = expand_trigger(rs, rule, items[i], line, err);

                if (r < 0)
                        return r;
        }
        return 0;
}

static int set_string(char **slot, const char *value)
{
        free(*slot);
        *slot = strdup(value);
        return *slot ? 0 : -ENOMEM;
}

/* "0311: econom* | invest*" */
static int parse_cue(struct rule *rule, const char *value, unsigned line, struct parse_error *err)
{
        const char *colon = strchr(value, ':');

        if (!colon || (size_t)(colon - value) >= sizeof(rule->cue_cameo))
                return parse_error_set(err, line, 1, "want 'CAMEO: word | word'");
        memcpy(rule->cue_cameo, value, (size_t)(colon - value));
        rule->cue_cameo[colon - value] = '\0';
        if (!is_cameo(rule->cue_cameo))
                return parse_error_set(err, line, 1, "'%s' is not a CAMEO code", rule->cue_cameo);
        return parse_words(&rule->cue_words, &rule->n_cue_words, &rule->cap_cue_words, colon + 1);
}

static int parse_enum(int *out, const char *const *names, size_t n, const char *value, const char *what,
                      unsigned line, struct parse_error *err)
{
        int v = lookup(names, n, value);

        if (v < 0)
                return parse_error_set(err, line, 1, "unknown %s '%s'", what, value);
        *out = v;
        return 0;
}

/* "yes-word or no-word": location = target|place, passive = flip|keep, ... */
static int parse_choice(bool *out, const char *v, const char *yes, const char *no, const char *key, unsigned l,
                        struct parse_error *err)
{
        if (strcmp(v, yes) && strcmp(v, no))
                return parse_error_set(err, l, 1, "%s is '%s' or '%s'", key, yes, no);
        *out = strcmp(v, yes) == 0;
        return 0;
}

#define KEY(name) static int key_##name(struct rules *rs, struct rule *r, const char *v, unsigned l, struct parse_error *err)

KEY(cameo)
{
        if (!is_cameo(v))
                return parse_error_set(err, l, 1, "'%s' is not a CAMEO code", v);
        snprintf(r->cameo, sizeof(r->cameo), "%s", v);
        return 0;
}
KEY(trigger) { return add_triggers(rs, r, v, l, err); }
KEY(actor) { return parse_roles(&r->actor, v, l, err); }
KEY(target) { return parse_roles(&r->target, v, l, err); }
KEY(modality) { return parse_enum((int *)&r->modality, modality_names, N_MODALITIES, v, "modality", l, err); }
KEY(when) { return parse_enum((int *)&r->when, when_names, ELEMENTS(when_names), v, "time default", l, err); }
KEY(episode) { return parse_enum((int *)&r->episode, episode_names, ELEMENTS(episode_names), v, "opens-episode", l, err); }
KEY(location) { return parse_choice(&r->location_from_target, v, "target", "place", "location", l, err); }
KEY(passive) { return parse_choice(&r->passive_flips, v, "flip", "keep", "passive", l, err); }
KEY(negated) { return parse_choice(&r->keep_negated, v, "keep", "skip", "negated", l, err); }
/* "international sanctioning states (unspecified) / states" */
KEY(unnamed)
{
        const char *slash = strrchr(v, '/');
        char type[32];
        int t = -1;

        if (slash && sscanf(slash + 1, " %31s", type) == 1)
                for (int i = ENTITY_UNSET + 1; i < N_ENTITY_TYPES; i++)
                        if (strcmp(entity_type_name((enum entity_type)i), type) == 0)
                                t = i;
        if (t < 0 || slash == v)
                return parse_error_set(err, l, 1, "unnamed-actor is 'NAME / TYPE' (person, state, states, ...)");
        if (!r->unnamed && !(r->unnamed = calloc(1, sizeof(*r->unnamed))))
                return -ENOMEM;
        free(r->unnamed->name);
        free(r->unnamed->tags);
        r->unnamed->name = strndup(v, (size_t)(slash - v));
        r->unnamed->tags = strdup("");
        r->unnamed->type = (enum entity_type)t;
        if (!r->unnamed->name || !r->unnamed->tags)
                return -ENOMEM;
        for (size_t n = strlen(r->unnamed->name); n && r->unnamed->name[n - 1] == ' '; n--)
                r->unnamed->name[n - 1] = '\0';
        return 0;
}
KEY(reported)
{
        if ((r->skip_reported = strcmp(v, "skip") == 0))
                return 0;
        return parse_choice(&r->speaker_acts, v, "speaker", "as-written", "reported (speaker, as-written or skip)", l,
                            err);
}
KEY(needs)
{
        r->needs_actor = strcmp(v, "actor") == 0;
        r->needs_infinitive = strcmp(v, "infinitive") == 0;
        if (r->needs_actor || r->needs_infinitive)
                return 0;
        return parse_choice(&r->needs_target, v, "target", "nothing", "needs (target, actor, infinitive or nothing)",
                            l, err);
}
KEY(requires_from) { return parse_choice(&r->requires_title, v, "title", "sentence", "requires-from", l, err); }
KEY(fallback) { return parse_choice(&r->fallback, v, "yes", "no", "fallback", l, err); }
KEY(group) { return set_string(&r->group, v); }
KEY(planned_as) { return set_string(&r->planned_as_kind, v); }
KEY(background_as) { return set_string(&r->background_as_kind, v); }
KEY(requires)
{
        int e = parse_words(&r->requires, &r->n_requires, &r->cap_requires, v);

        if (e >= 0 && r->n_requires > RULES_MAX_REQUIRES)
                return parse_error_set(err, l, 1, "more than %d required words", RULES_MAX_REQUIRES);
        return e;
}
KEY(cameo_if) { return parse_cue(r, v, l, err); }
KEY(yields_to) { return parse_words(&r->yields_to, &r->n_yields_to, &r->cap_yields_to, v); }
KEY(headline) { return set_string(&r->headline, v); }
KEY(requires_at_least)
{
        char *end;
        long n = strtol(v, &end, 10);

        if (*end || n < 1 || n > 16)
                return parse_error_set(err, l, 1, "requires-at-least is a number from 1 to 16");
        r->requires_at_least = (unsigned)n;
        return 0;
}

/* The keys of a rule section, each with its parser. */
static const struct {
        const char *name;
        int (*set)(struct rules *rs, struct rule *r, const char *v, unsigned l, struct parse_error *err);
} rule_keys[] = {
        { "cameo", key_cameo },         { "trigger", key_trigger },   { "actor", key_actor },
        { "target", key_target },       { "modality", key_modality }, { "when", key_when },
        { "location", key_location },   { "opens-episode", key_episode }, { "passive", key_passive },
        { "negated", key_negated },     { "fallback", key_fallback }, { "group", key_group },
        { "requires", key_requires },   { "requires-at-least", key_requires_at_least },
        { "cameo-if", key_cameo_if },   { "headline", key_headline }, { "needs", key_needs },
        { "unnamed-actor", key_unnamed }, { "reported", key_reported },
        { "planned-as", key_planned_as }, { "background-as", key_background_as },
        { "requires-from", key_requires_from }, { "yields-to", key_yields_to },
};

static int set_field(struct rules *rs, struct rule *rule, const struct datafile_entry *d, struct parse_error *err)
{
        for (size_t i = 0; i < ELEMENTS(rule_keys); i++)
                if (strcmp(d->key, rule_keys[i].name) == 0)
                        return rule_keys[i].set(rs, rule, d->value, d->line, err);
        return parse_error_set(err, d->line, 1, "unknown key '%s'", d->key);
}

static int new_rule(struct rules *rs, const struct datafile_entry *d, struct parse_error *err)
{
        struct rule *rule;

        if (strcmp(d->section, "rule") != 0 || !*d->section_arg)
                return parse_error_set(err, d->line, 1, "expected '[rule KIND]'");
        for (const char *p = d->section_arg; *p; p++)
                if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
                        return parse_error_set(err, d->line, 1, "kind '%s' must be lower-case letters and '_'",
                                               d->section_arg);
        if (GREEDY_REALLOC(rs->v, rs->cap, rs->n + 1) < 0 || !(rule = calloc(1, sizeof(*rule))))
                return -ENOMEM;
        rs->v[rs->n++] = rule;
        rule->kind = strdup(d->section_arg);
        rule->line = d->line;
        rule->order = rs->n - 1;
        rule->actor = (struct role_spec){ .src = { ROLE_BEFORE }, .n = 1 };
        rule->target = (struct role_spec){ .src = { ROLE_AFTER }, .n = 1 };
        rule->requires_at_least = 1;
        return rule->kind ? 0 : -ENOMEM;
}

/* "[family meeting]": lower-case letters, each family once. */
static int new_family(struct rules *rs, const struct datafile_entry *d, struct parse_error *err)
{
        struct rule_family *f;

        for (const char *p = d->section_arg; *p; p++)
                if (!((*p >= 'a' && *p <= 'z') || *p == '_' || *p == '-'))
                        return parse_error_set(err, d->line, 1, "family '%s' must be lower-case letters",
                                               d->section_arg);
        if (!*d->section_arg || find_family(rs, d->section_arg, strlen(d->section_arg)))
                return parse_error_set(err, d->line, 1, "expected a new '[family NAME]'");
        if (GREEDY_REALLOC(rs->fam, rs->cap_fam, rs->n_fam + 1) < 0)
                return -ENOMEM;
        f = &rs->fam[rs->n_fam++];
        *f = (struct rule_family){ .name = strdup(d->section_arg) };
        return f->name ? 0 : -ENOMEM;
}

/* "words = a | b" in a family; an empty family is a mistake where it is used. */
static int family_words(struct rules *rs, const struct datafile_entry *d, struct parse_error *err)
{
        struct rule_family *f = &rs->fam[rs->n_fam - 1];

        if (strcmp(d->key, "words") != 0)
                return parse_error_set(err, d->line, 1, "a family has 'words', not '%s'", d->key);
        return parse_words(&f->words, &f->n, &f->cap, d->value);
}

static int on_entry(void *userdata, const struct datafile_entry *d, struct parse_error *err)
{
        struct rules *rs = userdata;

        if (!d->key)
                return strcmp(d->section, "family") == 0 ? new_family(rs, d, err) : new_rule(rs, d, err);
        if (strcmp(d->section, "family") == 0)
                return family_words(rs, d, err);
        if (rs->n == 0)
                return parse_error_set(err, d->line, 1, "'%s' before the first [rule KIND]", d->key);
        return set_field(rs, rs->v[rs->n - 1], d, err);
}

/* The first rule of a kind named by "planned-as" or "background-as". */
static int resolve_kind(const struct rules *rs, const struct rule *r, const char *kind, const struct rule **out,
                        struct parse_error *err)
{
        if (!kind)
                return 0;
        for (size_t i = 0; i < rs->n; i++)
                if (strcmp(rs->v[i]->kind, kind) == 0) {
                        *out = rs->v[i];
                        return 0;
                }
        return parse_error_set(err, r->line, 1, "rule '%s' names an unknown kind '%s'", r->kind, kind);
}

/* A rule without a trigger or a CAMEO code is a mistake, not a rule. */
static int check_rules(struct rules *rs, struct parse_error *err)
{
        size_t from = 0; /* where the last rule's trigger was found */

        for (size_t i = 0; i < rs->n; i++) {
                bool has_trigger = false;
                int r;

                if ((r = resolve_kind(rs, rs->v[i], rs->v[i]->planned_as_kind, &rs->v[i]->planned_as, err)) < 0 ||
                    (r = resolve_kind(rs, rs->v[i], rs->v[i]->background_as_kind, &rs->v[i]->background_as, err)) < 0)
                        return r;

                /* triggers come in their rules' order: searching on from the
                 * last one found makes this one pass, not rules x triggers */
                for (size_t k = 0; k < rs->n_trig && !has_trigger; k++) {
                        size_t t = (from + k) % rs->n_trig;

                        if (rs->trig[t]->rule == rs->v[i]) {
                                has_trigger = true;
                                from = t;
                        }
                }
                if (!has_trigger)
                        return parse_error_set(err, rs->v[i]->line, 1, "rule '%s' has no trigger", rs->v[i]->kind);
                if (!rs->v[i]->headline)
                        return parse_error_set(err, rs->v[i]->line, 1, "rule '%s' has no headline", rs->v[i]->kind);
        }
        return 0;
}

int rules_load(const char *path, struct rules **ret, struct parse_error *err)
{
        struct rules *rs = calloc(1, sizeof(*rs));
        int r;

        if (!rs || !(rs->triggers = phrase_table_new())) {
                free(rs);
                return -ENOMEM;
        }
        r = datafile_parse(path, on_entry, rs, err);
        if (r >= 0)
                r = check_rules(rs, err);
        if (r >= 0)
                r = rules_index_required(rs);
        if (r < 0) {
                rules_free(rs);
                return r;
        }
        *ret = rs;
        return 0;
}

static void free_words(char **w, size_t n)
{
        for (size_t i = 0; i < n; i++)
                free(w[i]);
        free(w);
}

void rules_free(struct rules *rs)
{
        if (!rs)
                return;
        for (size_t i = 0; i < rs->n; i++) {
                struct rule *rule = rs->v[i];

                free(rule->kind);
                free(rule->group);
                free(rule->planned_as_kind);
                free(rule->background_as_kind);
                free(rule->headline);
                if (rule->unnamed) {
                        free(rule->unnamed->name);
                        free(rule->unnamed->tags);
                        free(rule->unnamed);
                }
                free_words(rule->requires, rule->n_requires);
                free(rule->requires_id);
                free_words(rule->cue_words, rule->n_cue_words);
                free_words(rule->yields_to, rule->n_yields_to);
                free_roles(&rule->actor);
                free_roles(&rule->target);
                free(rule);
        }
        free(rs->v);
        for (size_t i = 0; i < rs->n_fam; i++) {
                free(rs->fam[i].name);
                free_words(rs->fam[i].words, rs->fam[i].n);
        }
        free(rs->fam);
        for (size_t i = 0; i < rs->n_trig; i++)
                free(rs->trig[i]);
        free(rs->trig);
        phrase_table_free(rs->triggers);
        strmap_free(rs->required_words);
        free(rs->required_prefixes);
        free(rs);
}

bool rules_word_matches(const char *pattern, const char *word)
{
        size_t n;

        if (pattern[0] != word[0] && pattern[0] != '*') /* most words differ at once: no strlen */
                return false;
        n = strlen(pattern);

        if (n && pattern[n - 1] == '*')
                return strncmp(pattern, word, n - 1) == 0;
        return strcmp(pattern, word) == 0;
}
