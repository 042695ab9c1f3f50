/*
 * libtraderules - coder rules: loading, validation and compilation.
 * The format is documented in docs/coder-rules.md.
 * SPDX-License-Identifier: MIT
 */
#include "coder/coder-private.h"
#include "core/json.h"
#include "core/tr-internal.h"
#include "core/tr-resource.h"

#include <string.h>

#define TR_RULES_FORMAT "traderules-coder-rules"
#define TR_RULES_MAX_PATTERN 256
#define TR_RULES_MAX_PATTERNS 100000
#define TR_RULES_RESOURCE "/org/traderules/coder/default-rules.json"

/* ---- pattern and number normalisation ---------------------------------- */

/* A letter, digit or combining mark outside ASCII in a pattern: the matcher
 * reads only ASCII letters and digits as word characters (a byte table over the
 * text), so such a character would silently become a word break ("données"
 * would be "donn es"; a Cyrillic word would have no letters at all). Refused,
 * naming the character, its code point and position. NULL if @p (at byte
 * @byte, character @chr of the pattern) is not such a character. */
static char *non_ascii_word_char(const char *p, size_t byte, size_t chr, size_t left) {
  gunichar u = g_utf8_get_char_validated(p, (gssize)left);
  if (u == (gunichar)-1 || u == (gunichar)-2)
    return g_strdup_printf("byte %zu is not valid UTF-8", byte + 1);
  const char *what = g_unichar_isalpha(u)   ? "a letter"
                     : g_unichar_isdigit(u) ? "a digit"
                     : g_unichar_ismark(u)  ? "a combining mark"
                     : g_unichar_isalnum(u) ? "a letter or digit"
                                            : NULL;
  if (!what)
    return NULL;
  char utf8[8] = { 0 };
  g_unichar_to_utf8(u, utf8);
  return g_strdup_printf("'%s' (U+%04X, character %zu) is %s outside ASCII: the coder reads "
                         "only the ASCII letters a-z and digits 0-9 as parts of words (every "
                         "other character is a word break, in the text as in the pattern), so "
                         "the pattern would not mean what it says; write it in ASCII (e.g. "
                         "without accents) or leave the word out",
                         utf8, (unsigned)u, chr, what);
}

char *tri_coder_normalise_pattern(const char *pattern, char **why) {
  GString *s = g_string_new(" ");
  gboolean prefix = FALSE;
  size_t len = strlen(pattern);
  size_t chr = 0;
  if (len > TR_RULES_MAX_PATTERN) {
    *why = g_strdup("pattern longer than 256 bytes");
    g_string_free(s, TRUE);
    return NULL;
  }
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)pattern[i];
    if ((c & 0xC0) != 0x80)
      chr++; /* 1-based index of the character that starts at (or contains) byte i */
    if (c >= 0x80 && (c & 0xC0) != 0x80) {
      char *bad = non_ascii_word_char(pattern + i, i, chr, len - i);
      if (bad) {
        *why = bad;
        g_string_free(s, TRUE);
        return NULL;
      }
    }
    if (c == '*') {
      if (i + 1 != len) {
        *why = g_strdup("'*' is allowed only at the end of a pattern");
        g_string_free(s, TRUE);
        return NULL;
      }
      prefix = TRUE;
    } else if (g_ascii_isalnum(c)) {
      g_string_append_c(s, g_ascii_tolower((char)c));
    } else if (s->str[s->len - 1] != ' ') {
      g_string_append_c(s, ' ');
    }
  }
  if (s->len == 1) {
    *why = g_strdup("pattern has no letters or digits");
    g_string_free(s, TRUE);
    return NULL;
  }
  if (prefix) {
    if (s->str[s->len - 1] == ' ') {
      *why = g_strdup("'*' must follow a letter or digit");
      g_string_free(s, TRUE);
      return NULL;
    }
  } else if (s->str[s->len - 1] != ' ') {
    g_string_append_c(s, ' ');
  }
  return g_string_free(s, FALSE);
}

char *tri_coder_normalise_number(const char *number) {
  if (!number)
    return NULL;
  const char *p = number;
  while (*p && g_ascii_isspace(*p))
    p++;
  /* Drop a leading word such as ARTICLE, Article, Art. */
  if (g_ascii_strncasecmp(p, "article", 7) == 0)
    p += 7;
  else if (g_ascii_strncasecmp(p, "art", 3) == 0 && !g_ascii_isalpha(p[3]))
    p += 3;
  while (*p && (g_ascii_isspace(*p) || *p == '.' || *p == ':'))
    p++;
  GString *s = g_string_new(NULL);
  for (; *p; p++) {
    if (g_ascii_isspace(*p))
      break;
    g_string_append_c(s, *p);
  }
  while (s->len && (s->str[s->len - 1] == '.' || s->str[s->len - 1] == ':' ||
                    s->str[s->len - 1] == ','))
    g_string_truncate(s, s->len - 1);
  if (s->len == 0) {
    g_string_free(s, TRUE);
    return NULL;
  }
  return g_string_free(s, FALSE);
}

/* ---- loading ------------------------------------------------------------ */

typedef struct {
  const char *name;
  tr_coder *coder;
  GArray *pending; /* (pattern id, use) pairs before grouping */
} loader;

typedef struct {
  int pattern;
  tr_pattern_use use;
} pending_use;

static int schema(loader *ld, const tri_json_node *n, const char *field, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

static int schema(loader *ld, const tri_json_node *n, const char *field, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  int rc = tri_set_error(TR_ERR_SCHEMA, ld->name, n ? n->line : 0, n ? n->column : 0, field,
                        "%s", msg);
  g_free(msg);
  return rc;
}

static const tri_json_node *get(const tri_json_node *obj, const char *key) {
  return tri_json_get(obj, key);
}

/* Reject members not in @allowed (NULL-terminated), except "x-" extensions. */
static int check_members(loader *ld, const tri_json_node *obj, const char *path,
                         const char *const *allowed) {
  for (guint i = 0; i < obj->count; i++) {
    const tri_json_node *m = obj->u.items[i];
    gboolean ok = g_str_has_prefix(m->key, "x-");
    for (const char *const *a = allowed; !ok && *a; a++)
      ok = strcmp(*a, m->key) == 0;
    if (!ok) {
      char *field = path[0] ? g_strdup_printf("%s.%s", path, m->key) : g_strdup(m->key);
      int rc = tri_set_error(TR_ERR_SCHEMA, ld->name, m->key_line, m->key_column, field,
                            "unknown member '%s'", m->key);
      g_free(field);
      return rc;
    }
  }
  return TR_OK;
}

/* TRI_JSON_DOUBLE stands for any number. */
static int want_type(loader *ld, const tri_json_node *n, tri_json_type type, const char *field) {
  if (n->type != type && !(type == TRI_JSON_DOUBLE && n->type == TRI_JSON_INT))
    return schema(ld, n, field, "expected %s, found %s", tri_json_type_name(type),
                  tri_json_type_name(n->type));
  return TR_OK;
}

static int add_use(loader *ld, const char *pattern, const char *field, const tri_json_node *n,
                   tr_use_role role, guint rule) {
  char *why = NULL;
  gboolean whole = pattern[0] == '=';
  if (whole && role != TR_USE_CAT_TITLE && role != TR_USE_CAT_CHAPTER && role != TR_USE_DEFINITIONS)
    return schema(ld, n, field, "bad pattern '%s': '=' (whole title) is only for title and chapter patterns",
                  pattern);
  char *norm = tri_coder_normalise_pattern(pattern + (whole ? 1 : 0), &why);
  if (!norm) {
    int rc = schema(ld, n, field, "bad pattern '%s': %s", pattern, why);
    g_free(why);
    return rc;
  }
  if (tri_ac_pattern_count(ld->coder->ac) >= TR_RULES_MAX_PATTERNS) {
    g_free(norm);
    return tri_set_error(TR_ERR_LIMIT, ld->name, n->line, n->column, field,
                        "more than %d distinct patterns", TR_RULES_MAX_PATTERNS);
  }
  pending_use pu = { tri_ac_add(ld->coder->ac, norm), { (guint8)role, (guint8)whole, (guint16)rule } };
  g_free(norm);
  g_array_append_val(ld->pending, pu);
  return TR_OK;
}

/* An optional array of pattern strings at obj.key. *count receives its length. */
static int load_patterns(loader *ld, const tri_json_node *obj, const char *path, const char *key,
                         tr_use_role role, guint rule, gboolean required, guint *count) {
  const tri_json_node *arr = get(obj, key);
  char *field = path[0] ? g_strdup_printf("%s.%s", path, key) : g_strdup(key);
  int rc = TR_OK;
  if (count)
    *count = 0;
  if (!arr) {
    if (required)
      rc = schema(ld, obj, field, "missing required member '%s'", key);
    goto out;
  }
  if ((rc = want_type(ld, arr, TRI_JSON_ARRAY, field)))
    goto out;
  if (required && arr->count == 0) {
    rc = schema(ld, arr, field, "needs at least one pattern");
    goto out;
  }
  for (guint i = 0; i < arr->count; i++) {
    const tri_json_node *p = arr->u.items[i];
    char *pf = g_strdup_printf("%s[%u]", field, i);
    rc = want_type(ld, p, TRI_JSON_STRING, pf);
    if (!rc)
      rc = add_use(ld, p->u.string.text, pf, p, role, rule);
    g_free(pf);
    if (rc)
      goto out;
  }
  if (count)
    *count = arr->count;
out:
  g_free(field);
  return rc;
}

static int opt_bool(loader *ld, const tri_json_node *obj, const char *path, const char *key,
                    gboolean *out) {
  const tri_json_node *n = get(obj, key);
  *out = FALSE;
  if (!n)
    return TR_OK;
  char *field = g_strdup_printf("%s.%s", path, key);
  int rc = want_type(ld, n, TRI_JSON_BOOL, field);
  g_free(field);
  if (!rc)
    *out = n->u.boolean;
  return rc;
}

static int req_string(loader *ld, const tri_json_node *obj, const char *path, const char *key,
                      const tri_json_node **out) {
  const tri_json_node *n = get(obj, key);
  char *field = g_strdup_printf("%s.%s", path, key);
  int rc = TR_OK;
  if (!n)
    rc = schema(ld, obj, field, "missing required member '%s'", key);
  else if (!(rc = want_type(ld, n, TRI_JSON_STRING, field)) && n->u.string.text[0] == '\0')
    rc = schema(ld, n, field, "must not be empty");
  g_free(field);
  *out = n;
  return rc;
}

/* "example" / "counterexample": optional strings (a clause the rule must and
 * must not fire on; tests/coder/test-rule-examples.py runs them). */
static int opt_examples(loader *ld, const tri_json_node *o, const char *path) {
  static const char *const keys[] = { "example", "counterexample" };
  for (guint k = 0; k < G_N_ELEMENTS(keys); k++) {
    const tri_json_node *n = get(o, keys[k]);
    if (!n)
      continue;
    char *field = g_strdup_printf("%s.%s", path, keys[k]);
    int rc = want_type(ld, n, TRI_JSON_STRING, field);
    g_free(field);
    if (rc)
      return rc;
  }
  return TR_OK;
}

static int load_cues(loader *ld, const tri_json_node *arr) {
  static const char *const allowed[] = { "id", "effect", "patterns", "note", "example",
                                         "counterexample", NULL };
  static const struct { const char *name; tr_cue_effect e; } effects[] = {
    { "hard", TR_CUE_HARD }, { "soft", TR_CUE_SOFT }, { "weak", TR_CUE_WEAK },
    { "neutral", TR_CUE_NEUTRAL }, { "scope", TR_CUE_SCOPE }, { "modal", TR_CUE_MODAL },
    { "discretion", TR_CUE_DISCRETION },
  };
  tr_coder *c = ld->coder;
  int rc;
  if ((rc = want_type(ld, arr, TRI_JSON_ARRAY, "cues")))
    return rc;
  c->cues = g_new0(tr_cue_rule, arr->count + 1);
  for (guint i = 0; i < arr->count; i++) {
    const tri_json_node *o = arr->u.items[i];
    char *path = g_strdup_printf("cues[%u]", i);
    const tri_json_node *id = NULL, *eff = NULL;
    if ((rc = want_type(ld, o, TRI_JSON_OBJECT, path)) || (rc = check_members(ld, o, path, allowed)) ||
        (rc = req_string(ld, o, path, "id", &id)) ||
        (rc = req_string(ld, o, path, "effect", &eff)) || (rc = opt_examples(ld, o, path)))
      goto next;
    for (guint j = 0; j < c->ncues; j++)
      if (strcmp(c->cues[j].id, id->u.string.text) == 0) {
        char *f = g_strdup_printf("%s.id", path);
        rc = tri_set_error(TR_ERR_DUPLICATE, ld->name, id->line, id->column, f,
                          "cue id '%s' is used twice", id->u.string.text);
        g_free(f);
        goto next;
      }
    tr_cue_effect effect = 0;
    for (guint j = 0; j < G_N_ELEMENTS(effects); j++)
      if (strcmp(effects[j].name, eff->u.string.text) == 0)
        effect = effects[j].e;
    if (!effect) {
      char *f = g_strdup_printf("%s.effect", path);
      rc = schema(ld, eff, f, "unknown effect '%s' (use hard, modal, soft, discretion, weak, neutral or scope)",
                  eff->u.string.text);
      g_free(f);
      goto next;
    }
    c->cues[c->ncues].id = g_strdup(id->u.string.text);
    c->cues[c->ncues].effect = effect;
    rc = load_patterns(ld, o, path, "patterns", TR_USE_CUE, c->ncues, TRUE, NULL);
    c->ncues++;
  next:
    g_free(path);
    if (rc)
      return rc;
  }
  return TR_OK;
}

static int load_exceptions(loader *ld, const tri_json_node *arr) {
  static const char *const allowed[] = { "id", "exception", "patterns", "limiting_only", "note",
                                         "example", "counterexample", NULL };
  tr_coder *c = ld->coder;
  int rc;
  if ((rc = want_type(ld, arr, TRI_JSON_ARRAY, "exceptions")))
    return rc;
  c->exceptions = g_new0(tr_exception_rule, arr->count + 1);
  for (guint i = 0; i < arr->count; i++) {
    const tri_json_node *o = arr->u.items[i];
    char *path = g_strdup_printf("exceptions[%u]", i);
    const tri_json_node *exc = NULL, *id = NULL;
    unsigned int flag = 0;
    gboolean limiting = FALSE;
    if ((rc = want_type(ld, o, TRI_JSON_OBJECT, path)) || (rc = check_members(ld, o, path, allowed)) ||
        (rc = req_string(ld, o, path, "exception", &exc)) ||
        (rc = opt_bool(ld, o, path, "limiting_only", &limiting)) ||
        (rc = opt_examples(ld, o, path)))
      goto next;
    if (get(o, "id") && (rc = req_string(ld, o, path, "id", &id)))
      goto next;
    if (tr_exception_from_id(exc->u.string.text, &flag) != TR_OK) {
      char *f = g_strdup_printf("%s.exception", path);
      rc = schema(ld, exc, f, "unknown exception '%s'", exc->u.string.text);
      g_free(f);
      goto next;
    }
    c->exceptions[c->nexceptions].id = g_strdup(id ? id->u.string.text : exc->u.string.text);
    c->exceptions[c->nexceptions].flag = flag;
    c->exceptions[c->nexceptions].limiting_only = limiting;
    rc = load_patterns(ld, o, path, "patterns", TR_USE_EXCEPTION, c->nexceptions, TRUE, NULL);
    c->nexceptions++;
  next:
    g_free(path);
    if (rc)
      return rc;
  }
  return TR_OK;
}

static int load_categories(loader *ld, const tri_json_node *arr) {
  static const char *const allowed[] = { "category", "title", "chapter", "text", "context",
                                         "exclude", "exception_category", "note", "example",
                                         "counterexample", NULL };
  tr_coder *c = ld->coder;
  int rc;
  if ((rc = want_type(ld, arr, TRI_JSON_ARRAY, "categories")))
    return rc;
  c->categories = g_new0(tr_category_rule, arr->count + 1);
  for (guint i = 0; i < arr->count; i++) {
    const tri_json_node *o = arr->u.items[i];
    char *path = g_strdup_printf("categories[%u]", i);
    const tri_json_node *cat = NULL;
    tr_category category = TR_CATEGORY_UNKNOWN;
    guint ntitle = 0, nchapter = 0, ntext = 0, ncontext = 0;
    gboolean exc = FALSE;
    if ((rc = want_type(ld, o, TRI_JSON_OBJECT, path)) || (rc = check_members(ld, o, path, allowed)) ||
        (rc = req_string(ld, o, path, "category", &cat)) ||
        (rc = opt_bool(ld, o, path, "exception_category", &exc)) ||
        (rc = opt_examples(ld, o, path)))
      goto next;
    if (tr_category_from_id(cat->u.string.text, &category) != TR_OK) {
      char *f = g_strdup_printf("%s.category", path);
      rc = schema(ld, cat, f, "unknown category '%s'", cat->u.string.text);
      g_free(f);
      goto next;
    }
    for (guint j = 0; j < c->ncategories; j++)
      if (c->categories[j].category == category) {
        char *f = g_strdup_printf("%s.category", path);
        rc = tri_set_error(TR_ERR_DUPLICATE, ld->name, cat->line, cat->column, f,
                          "category '%s' has two rules", cat->u.string.text);
        g_free(f);
        goto next;
      }
    guint r = c->ncategories;
    if ((rc = load_patterns(ld, o, path, "title", TR_USE_CAT_TITLE, r, FALSE, &ntitle)) ||
        (rc = load_patterns(ld, o, path, "chapter", TR_USE_CAT_CHAPTER, r, FALSE, &nchapter)) ||
        (rc = load_patterns(ld, o, path, "text", TR_USE_CAT_TEXT, r, FALSE, &ntext)) ||
        (rc = load_patterns(ld, o, path, "context", TR_USE_CAT_CONTEXT, r, FALSE, &ncontext)) ||
        (rc = load_patterns(ld, o, path, "exclude", TR_USE_CAT_EXCLUDE, r, FALSE, NULL)))
      goto next;
    if (ntitle + nchapter + ntext == 0) {
      rc = schema(ld, o, path, "a category rule needs at least one title, chapter or text pattern");
      goto next;
    }
    c->categories[r].id = g_strdup(cat->u.string.text);
    c->categories[r].category = category;
    c->categories[r].exception_category = exc;
    c->categories[r].has_context = ncontext > 0;
    c->ncategories++;
  next:
    g_free(path);
    if (rc)
      return rc;
  }
  return TR_OK;
}

static gint pending_cmp(gconstpointer a, gconstpointer b) {
  const pending_use *x = a, *y = b;
  if (x->pattern != y->pattern)
    return x->pattern < y->pattern ? -1 : 1;
  if (x->use.role != y->use.role)
    return x->use.role < y->use.role ? -1 : 1;
  if (x->use.whole != y->use.whole)
    return x->use.whole < y->use.whole ? -1 : 1;
  return (int)x->use.rule - (int)y->use.rule;
}

static void finish_uses(loader *ld) {
  tr_coder *c = ld->coder;
  size_t np = tri_ac_pattern_count(c->ac);
  g_array_sort(ld->pending, pending_cmp);
  c->use_start = g_array_sized_new(FALSE, TRUE, sizeof(guint32), (guint)np);
  c->use_count = g_array_sized_new(FALSE, TRUE, sizeof(guint32), (guint)np);
  g_array_set_size(c->use_start, (guint)np);
  g_array_set_size(c->use_count, (guint)np);
  c->uses = g_array_new(FALSE, FALSE, sizeof(tr_pattern_use));
  for (guint i = 0; i < ld->pending->len; i++) {
    pending_use *pu = &g_array_index(ld->pending, pending_use, i);
    /* Drop exact duplicates (same pattern listed twice for one rule and role). */
    if (i > 0 && pending_cmp(pu, &g_array_index(ld->pending, pending_use, i - 1)) == 0)
      continue;
    guint32 *cnt = &g_array_index(c->use_count, guint32, pu->pattern);
    if (*cnt == 0)
      g_array_index(c->use_start, guint32, pu->pattern) = c->uses->len;
    (*cnt)++;
    g_array_append_val(c->uses, pu->use);
  }
  tri_ac_compile(c->ac);
}

void tr_coder_free(tr_coder *coder) {
  if (!coder)
    return;
  g_free(coder->name);
  tri_ac_free(coder->ac);
  if (coder->use_start)
    g_array_free(coder->use_start, TRUE);
  if (coder->use_count)
    g_array_free(coder->use_count, TRUE);
  if (coder->uses)
    g_array_free(coder->uses, TRUE);
  for (guint i = 0; i < coder->ncues; i++)
    g_free(coder->cues[i].id);
  g_free(coder->cues);
  for (guint i = 0; i < coder->nexceptions; i++)
    g_free(coder->exceptions[i].id);
  g_free(coder->exceptions);
  for (guint i = 0; i < coder->ncategories; i++)
    g_free(coder->categories[i].id);
  g_free(coder->categories);
  g_free(coder);
}

static int load_root(loader *ld, const tri_json_node *root) {
  static const char *const allowed[] = { "format", "version", "name", "description",
                                         "uncued_strength", "modal_window", "definitions", "cues",
                                         "exceptions", "categories", NULL };
  int rc;
  const tri_json_node *n;
  if ((rc = want_type(ld, root, TRI_JSON_OBJECT, "")) || (rc = check_members(ld, root, "", allowed)))
    return rc;
  if (!(n = get(root, "format")))
    return schema(ld, root, "format", "missing required member 'format'");
  if ((rc = want_type(ld, n, TRI_JSON_STRING, "format")))
    return rc;
  if (strcmp(n->u.string.text, TR_RULES_FORMAT) != 0)
    return schema(ld, n, "format", "expected \"%s\", found \"%s\"", TR_RULES_FORMAT, n->u.string.text);
  if (!(n = get(root, "version")))
    return schema(ld, root, "version", "missing required member 'version'");
  if ((rc = want_type(ld, n, TRI_JSON_DOUBLE, "version")))
    return rc;
  if (n->u.number.value != 1)
    return schema(ld, n, "version", "unsupported version %g (this library reads version 1)",
                  n->u.number.value);
  if ((n = get(root, "name"))) {
    if ((rc = want_type(ld, n, TRI_JSON_STRING, "name")))
      return rc;
    ld->coder->name = g_strdup(n->u.string.text);
  }
  if ((n = get(root, "description")) && (rc = want_type(ld, n, TRI_JSON_STRING, "description")))
    return rc;
  ld->coder->uncued_strength = TR_STRENGTH_UNKNOWN;
  if ((n = get(root, "uncued_strength"))) {
    tr_strength s;
    if ((rc = want_type(ld, n, TRI_JSON_STRING, "uncued_strength")))
      return rc;
    if (tr_strength_from_id(n->u.string.text, &s) != TR_OK || s == TR_STRENGTH_MIXED)
      return schema(ld, n, "uncued_strength",
                    "unknown strength '%s' (use unknown, none, soft or hard)", n->u.string.text);
    ld->coder->uncued_strength = s;
  }
  ld->coder->modal_window = 10;
  if ((n = get(root, "modal_window"))) {
    if ((rc = want_type(ld, n, TRI_JSON_DOUBLE, "modal_window")))
      return rc;
    if (n->u.number.value < 0 || n->u.number.value > 100 || n->u.number.value != (double)(int)n->u.number.value)
      return schema(ld, n, "modal_window", "must be an integer from 0 to 100, found %g",
                    n->u.number.value);
    ld->coder->modal_window = (guint)n->u.number.value;
  }
  if (get(root, "definitions") &&
      (rc = load_patterns(ld, root, "", "definitions", TR_USE_DEFINITIONS, 0, FALSE, NULL)))
    return rc;
  if ((n = get(root, "cues")) && (rc = load_cues(ld, n)))
    return rc;
  if ((n = get(root, "exceptions")) && (rc = load_exceptions(ld, n)))
    return rc;
  if (!(n = get(root, "categories")))
    return schema(ld, root, "categories", "missing required member 'categories'");
  if ((rc = load_categories(ld, n)))
    return rc;
  if (ld->coder->ncategories == 0)
    return schema(ld, n, "categories", "needs at least one category rule");
  return TR_OK;
}

int tr_coder_new_from_data(const char *data, size_t length, const char *name, tr_coder **out) {
  if (!data || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_coder_new_from_data: NULL argument");
  loader ld = { name ? name : "<rules>", NULL, NULL };
  tri_json_doc *doc = NULL;
  int rc = tri_json_parse(data, length, ld.name, &doc);
  if (rc)
    return rc;
  ld.coder = g_new0(tr_coder, 1);
  ld.coder->ac = tri_ac_new();
  ld.pending = g_array_new(FALSE, FALSE, sizeof(pending_use));
  rc = load_root(&ld, tri_json_root(doc));
  tri_json_free(doc);
  if (rc) {
    g_array_free(ld.pending, TRUE);
    tr_coder_free(ld.coder);
    return rc;
  }
  finish_uses(&ld);
  g_array_free(ld.pending, TRUE);
  if (!ld.coder->name)
    ld.coder->name = g_strdup(ld.name);
  *out = ld.coder;
  return TR_OK;
}

int tr_coder_new_from_file(const char *path, tr_coder **out) {
  if (!path || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_coder_new_from_file: NULL argument");
  char *data = NULL;
  size_t len = 0;
  *out = NULL;
  int rc = tri_io_read_file(path, TR_INPUT_LIMIT, &data, &len);
  if (rc != TR_OK)
    return rc;
  rc = tr_coder_new_from_data(data, len, path, out);
  g_free(data);
  return rc;
}

int tr_coder_new(tr_coder **out) {
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_coder_new: NULL argument");
  const char *data = NULL;
  size_t len = 0;
  if (tri_resource_lookup(TR_RULES_RESOURCE, &data, &len) != 0)
    return tri_fail(TR_ERR_INTERNAL, "embedded coder rules missing: %s", TR_RULES_RESOURCE);
  return tr_coder_new_from_data(data, len, "default-rules.json", out);
}

const char *tr_coder_get_name(const tr_coder *coder) {
  return coder ? coder->name : NULL;
}

size_t tr_coder_rule_count(const tr_coder *coder) {
  return coder ? coder->ncategories : 0;
}

size_t tr_coder_pattern_count(const tr_coder *coder) {
  return coder ? tri_ac_pattern_count(coder->ac) : 0;
}
