/* mlg-territory-reference.c — the French administrative reference, offline
 *
 * The shipped file is gzip-compressed, tab-separated text (see
 * build-aux/make-territorial-reference.py), one level after the other and
 * sorted by code within each. Loading inflates it into one buffer and cuts
 * it in place: every name and code points into that buffer, and a code is
 * found by binary search, so loading builds no index at all. The postcode
 * index and the search keys are built the first time they are needed.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "mlg-territory-reference.h"
#include "mlg-text.h"

#define FORMAT_MARKER "#maillage-territories"
#define FORMAT_VERSION 1

typedef struct {
  const char            *postcode;
  const MlgRefTerritory *item;
} Served;

struct _MlgTerritoryReference
{
  GObject          parent_instance;

  GFile           *file;
  GMutex           lock;
  gboolean         tried;      /* loading was attempted; @error says how it went */
  GError          *error;

  char            *text;       /* the inflated file, cut into strings */
  MlgRefTerritory *items;      /* by level, then by code */
  guint            n_items;
  guint            start[MLG_REF_N_LEVELS];
  guint            counts[MLG_REF_N_LEVELS];
  const char     **postcodes;  /* every item's NULL-terminated list, end to end */

  /* Built on first use, under @lock. */
  Served          *served;     /* by postcode, then most populated first */
  guint            n_served;
  char            *keys;       /* search key of every item, NUL-separated */
  guint           *key_offsets;
};

G_DEFINE_FINAL_TYPE (MlgTerritoryReference, mlg_territory_reference, G_TYPE_OBJECT)

static const char * const no_postcodes[] = { NULL };

static void
mlg_territory_reference_finalize (GObject *object)
{
  MlgTerritoryReference *self = MLG_TERRITORY_REFERENCE (object);

  g_clear_object (&self->file);
  g_clear_error (&self->error);
  g_free (self->text);
  g_free (self->items);
  g_free (self->postcodes);
  g_free (self->served);
  g_free (self->keys);
  g_free (self->key_offsets);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mlg_territory_reference_parent_class)->finalize (object);
}

static void
mlg_territory_reference_class_init (MlgTerritoryReferenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mlg_territory_reference_finalize;
}

static void
mlg_territory_reference_init (MlgTerritoryReference *self)
{
  g_mutex_init (&self->lock);
}

MlgTerritoryReference *
mlg_territory_reference_new_for_file (GFile *file)
{
  MlgTerritoryReference *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (MLG_TYPE_TERRITORY_REFERENCE, NULL);
  self->file = g_object_ref (file);
  return self;
}

static GFile *
find_shipped_file (void)
{
  const char *env = g_getenv ("MAILLAGE_TERRITORIES");
  g_autofree char *name = g_strdup_printf ("territories-%d.tsv.gz", MLG_TERRITORY_REFERENCE_YEAR);
  g_autofree char *installed = g_build_filename (PKGDATADIR, name, NULL);
  g_autofree char *source = g_build_filename (SOURCE_DATADIR, name, NULL);

  if (env && *env)
    return g_file_new_for_path (env);
  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (installed);
  return g_file_new_for_path (source);
}

MlgTerritoryReference *
mlg_territory_reference_get_default (void)
{
  static MlgTerritoryReference *shipped;

  if (g_once_init_enter (&shipped))
    {
      g_autoptr(GFile) file = find_shipped_file ();
      g_once_init_leave (&shipped, mlg_territory_reference_new_for_file (file));
    }
  return shipped;
}

/* ── Search keys ─────────────────────────────────────────────────────── */

/* Folded, with punctuation as spaces and "st"/"ste" spelled out, so that
 * "st didier" finds "Saint-Didier-de-Formans" and "l ile" "L'Île-d'Yeu". */
static void
append_search_key (GString    *out,
                   const char *text,
                   gboolean    expand_last)
{
  g_autoptr(GString) folded = NULL;
  const char *from = text;
  gsize length = strlen (text), start = out->len;
  gboolean space = TRUE;

  /* Most names are plain ASCII: lower-casing them is all the folding. */
  for (const char *p = text; *p; p++)
    if ((guchar) *p >= 0x80)
      {
        folded = g_string_new (NULL);
        mlg_text_fold_append (folded, text);
        from = folded->str;
        length = folded->len;
        break;
      }
  for (gsize i = 0; i <= length; i++)
    {
      char c = g_ascii_tolower (from[i]);

      if (c != '\0' && g_ascii_isalnum (c))
        {
          g_string_append_c (out, c);
          space = FALSE;
          continue;
        }
      if (c != '\0' && (guchar) c >= 0x80)
        {
          g_string_append_c (out, c);
          space = FALSE;
          continue;
        }
      if (!space && (c != '\0' || expand_last))
        {
          /* A word just ended: expand the usual abbreviations (not the
           * word being typed: "ste" may become "Stella-Plage"). */
          const char *word = out->str + out->len;
          while (word > out->str + start && word[-1] != ' ')
            word--;
          if (g_str_equal (word, "st") || g_str_equal (word, "ste"))
            {
              gboolean feminine = word[2] == 'e';
              g_string_truncate (out, (gsize) (word - out->str));
              g_string_append (out, feminine ? "sainte" : "saint");
            }
        }
      if (!space && c != '\0')
        g_string_append_c (out, ' ');
      space = TRUE;
    }
  while (out->len > start && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
}

static char *
search_key (const char *text)
{
  GString *out = g_string_new (NULL);
  append_search_key (out, text, FALSE);
  return g_string_free (out, FALSE);
}

/* ── Loading ─────────────────────────────────────────────────────────── */

/* The inflated file, NUL-terminated, and its length. */
static char *
read_inflated (GFile   *file,
               gsize   *length,
               GError **error)
{
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GZlibDecompressor) inflate = NULL;
  g_autoptr(GInputStream) text = NULL;
  g_autoptr(GOutputStream) memory = NULL;
  gssize size;

  raw = g_file_read (file, NULL, error);
  if (raw == NULL)
    return NULL;
  inflate = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  text = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (inflate));
  memory = g_memory_output_stream_new_resizable ();
  size = g_output_stream_splice (memory, text, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, NULL, error);
  if (size < 0 ||
      !g_output_stream_write_all (memory, "", 1, NULL, NULL, error) ||
      !g_output_stream_close (memory, NULL, error))
    return NULL;
  *length = (gsize) size;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

static gboolean
fail (GError    **error,
      GFile      *file,
      guint       line,
      const char *why)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The territorial reference %s is damaged (line %u: %s); reinstall Maillage."),
               name, line, why);
  return FALSE;
}

static gint64
parse_count (const char *text)
{
  guint64 n;

  if (*text == '\0' || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &n, NULL))
    return -1;
  return (gint64) n;
}

/* Cuts @line at its tabs into at most @max fields; returns how many. */
static guint
split_fields (char   *line,
              char  **fields,
              guint   max)
{
  guint n = 0;

  fields[n++] = line;
  for (char *p = line; *p && n < max; p++)
    if (*p == '\t')
      {
        *p = '\0';
        fields[n++] = p + 1;
      }
  return n;
}

/* Binary search among the items of @level, which the file sorts by code. */
static const MlgRefTerritory *
find_code (MlgTerritoryReference *self,
           MlgRefLevel            level,
           const char            *code)
{
  guint low = self->start[level], high = self->start[level] + self->counts[level];

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      int c = strcmp (self->items[middle].code, code);

      if (c == 0)
        return &self->items[middle];
      if (c < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return NULL;
}

static gboolean
parse_text (MlgTerritoryReference *self,
            GError               **error)
{
  static const guint n_fields[] = {
    [MLG_REF_REGION] = 5, [MLG_REF_DEPARTEMENT] = 6, [MLG_REF_EPCI] = 7,
    [MLG_REF_COMMUNE] = 7, [MLG_REF_ARRONDISSEMENT] = 6,
  };
  gsize n_lines = 0, n_postcode_slots = 0;
  guint line_no = 0, postcode_at = 0;
  gboolean header = FALSE;
  MlgRefTerritory *previous = NULL;
  char *line, *next;

  /* Size the arrays first: one item a line, one slot per comma plus two. */
  for (const char *p = self->text; *p; p++)
    {
      if (*p == '\n')
        n_lines++;
      else if (*p == ',')
        n_postcode_slots++;
    }
  n_postcode_slots += 2 * n_lines + 1;
  self->items = g_new0 (MlgRefTerritory, n_lines);
  self->postcodes = g_new0 (const char *, n_postcode_slots);

  for (line = self->text; *line; line = next)
    {
      char *fields[8];
      guint n;
      MlgRefTerritory *item;
      MlgRefLevel level;

      line_no++;
      next = strchr (line, '\n');
      if (next == NULL)
        return fail (error, self->file, line_no, "no final line break");
      *next++ = '\0';

      if (line[0] == '#')
        {
          n = split_fields (line, fields, G_N_ELEMENTS (fields));
          if (line_no == 1)
            {
              if (!g_str_equal (fields[0], FORMAT_MARKER) || n < 2 ||
                  parse_count (fields[1]) != FORMAT_VERSION)
                return fail (error, self->file, line_no, "not a territorial reference of this version");
              header = TRUE;
            }
          else if (g_str_equal (fields[0], "#millesime") &&
                   (n < 2 || parse_count (fields[1]) != MLG_TERRITORY_REFERENCE_YEAR))
            return fail (error, self->file, line_no, "another millésime");
          continue;
        }
      if (!header)
        return fail (error, self->file, line_no, "no header");

      switch (line[0])
        {
        case 'R': level = MLG_REF_REGION; break;
        case 'D': level = MLG_REF_DEPARTEMENT; break;
        case 'E': level = MLG_REF_EPCI; break;
        case 'C': level = MLG_REF_COMMUNE; break;
        case 'A': level = MLG_REF_ARRONDISSEMENT; break;
        default:
          return fail (error, self->file, line_no, "unknown kind of line");
        }
      n = split_fields (line, fields, G_N_ELEMENTS (fields));
      if (n != n_fields[level] || fields[0][1] != '\0' || *fields[1] == '\0' || *fields[2] == '\0')
        return fail (error, self->file, line_no, "wrong number of fields");

      /* Levels one after the other, codes in order: binary search works. */
      if (previous && (level < previous->level ||
                       (level == previous->level && strcmp (previous->code, fields[1]) >= 0)))
        return fail (error, self->file, line_no, "out of order");
      if (previous == NULL || level != previous->level)
        self->start[level] = self->n_items;

      item = &self->items[self->n_items];
      item->level = level;
      item->code = fields[1];
      item->name = fields[2];
      item->postcodes = no_postcodes;
      item->population = -1;

      switch (level)
        {
        case MLG_REF_REGION:
          item->population = parse_count (fields[3]);
          item->population_year = (int) MAX (parse_count (fields[4]), 0);
          break;
        case MLG_REF_DEPARTEMENT:
          item->parent = find_code (self, MLG_REF_REGION, fields[3]);
          item->population = parse_count (fields[4]);
          item->population_year = (int) MAX (parse_count (fields[5]), 0);
          if (item->parent == NULL)
            return fail (error, self->file, line_no, "unknown région");
          break;
        case MLG_REF_EPCI:
          item->epci_type = fields[3];
          item->parent = find_code (self, MLG_REF_DEPARTEMENT, fields[4]);
          item->population = parse_count (fields[5]);
          item->population_year = (int) MAX (parse_count (fields[6]), 0);
          if (item->parent == NULL)
            return fail (error, self->file, line_no, "unknown département");
          break;
        case MLG_REF_COMMUNE:
        case MLG_REF_ARRONDISSEMENT:
          {
            char *list = fields[level == MLG_REF_COMMUNE ? 5 : 4];

            if (level == MLG_REF_COMMUNE)
              {
                item->departement = find_code (self, MLG_REF_DEPARTEMENT, fields[3]);
                if (item->departement == NULL)
                  return fail (error, self->file, line_no, "unknown département");
                item->parent = *fields[4] ? find_code (self, MLG_REF_EPCI, fields[4]) : item->departement;
                item->population = parse_count (fields[6]);
              }
            else
              {
                item->parent = find_code (self, MLG_REF_COMMUNE, fields[3]);
                if (item->parent)
                  item->departement = item->parent->departement;
                item->population = parse_count (fields[5]);
              }
            if (item->parent == NULL)
              return fail (error, self->file, line_no, "unknown parent");
            item->population_year = item->population >= 0 ? item->departement->population_year : 0;

            item->postcodes = &self->postcodes[postcode_at];
            while (*list)
              {
                char *comma = strchr (list, ',');

                if (comma)
                  *comma = '\0';
                self->postcodes[postcode_at++] = list;
                list = comma ? comma + 1 : list + strlen (list);
              }
            self->postcodes[postcode_at++] = NULL;
          }
          break;
        default:
          g_assert_not_reached ();
        }

      previous = item;
      self->counts[level]++;
      self->n_items++;
    }

  if (!header || self->counts[MLG_REF_COMMUNE] == 0)
    return fail (error, self->file, line_no, "no communes");
  return TRUE;
}

static gboolean
load_locked (MlgTerritoryReference  *self,
             GError                **error)
{
  gsize length;

  self->text = read_inflated (self->file, &length, error);
  if (self->text == NULL)
    return FALSE;
  if (!g_utf8_validate_len (self->text, length, NULL))
    return fail (error, self->file, 0, "not UTF-8");
  return parse_text (self, error);
}

gboolean
mlg_territory_reference_load (MlgTerritoryReference  *self,
                              GError                **error)
{
  gboolean ok;

  g_return_val_if_fail (MLG_IS_TERRITORY_REFERENCE (self), FALSE);

  g_mutex_lock (&self->lock);
  if (!self->tried)
    {
      if (!load_locked (self, &self->error))
        {
          /* Keep nothing half-built: look-ups then simply find nothing. */
          g_clear_pointer (&self->items, g_free);
          self->n_items = 0;
          memset (self->counts, 0, sizeof self->counts);
        }
      self->tried = TRUE;
    }
  ok = self->error == NULL;
  if (!ok && error)
    *error = g_error_copy (self->error);
  g_mutex_unlock (&self->lock);
  return ok;
}

static void ensure_served (MlgTerritoryReference *self);
static void ensure_keys   (MlgTerritoryReference *self);

static void
load_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  /* Warm the indexes too: the first keystroke in a search then finds
   * everything ready. */
  if (mlg_territory_reference_load (source, &error))
    {
      ensure_served (source);
      ensure_keys (source);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

void
mlg_territory_reference_load_async (MlgTerritoryReference *self,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MLG_IS_TERRITORY_REFERENCE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mlg_territory_reference_load_async);
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
mlg_territory_reference_load_finish (MlgTerritoryReference  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
mlg_territory_reference_is_loaded (MlgTerritoryReference *self)
{
  gboolean loaded;

  g_return_val_if_fail (MLG_IS_TERRITORY_REFERENCE (self), FALSE);

  g_mutex_lock (&self->lock);
  loaded = self->tried && self->error == NULL;
  g_mutex_unlock (&self->lock);
  return loaded;
}

/* Look-ups load on demand; a failed load leaves everything empty. */
static gboolean
ensure_loaded (MlgTerritoryReference *self)
{
  return mlg_territory_reference_load (self, NULL);
}

/* ── Indexes built on first use ──────────────────────────────────────── */

static gint
compare_served (gconstpointer a,
                gconstpointer b)
{
  const Served *x = a, *y = b;
  int c = strcmp (x->postcode, y->postcode);

  if (c)
    return c;
  if (x->item->population != y->item->population)
    return x->item->population > y->item->population ? -1 : 1;
  return x->item < y->item ? -1 : x->item > y->item;
}

static void
ensure_served (MlgTerritoryReference *self)
{
  g_mutex_lock (&self->lock);
  if (self->served == NULL)
    {
      guint n = 0;

      for (guint i = 0; i < self->n_items; i++)
        for (guint j = 0; self->items[i].postcodes[j]; j++)
          n++;
      self->served = g_new (Served, MAX (n, 1));
      for (guint i = 0; i < self->n_items; i++)
        for (guint j = 0; self->items[i].postcodes[j]; j++)
          self->served[self->n_served++] = (Served) { self->items[i].postcodes[j], &self->items[i] };
      qsort (self->served, self->n_served, sizeof (Served), compare_served);
    }
  g_mutex_unlock (&self->lock);
}

static void
ensure_keys (MlgTerritoryReference *self)
{
  g_mutex_lock (&self->lock);
  if (self->keys == NULL)
    {
      GString *keys = g_string_sized_new (self->n_items * 16);

      self->key_offsets = g_new (guint, MAX (self->n_items, 1));
      for (guint i = 0; i < self->n_items; i++)
        {
          self->key_offsets[i] = keys->len;
          append_search_key (keys, self->items[i].name, TRUE);
          g_string_append_c (keys, '\0');
        }
      self->keys = g_string_free (keys, FALSE);
    }
  g_mutex_unlock (&self->lock);
}

/* The first entry of the postcode index at or after @prefix. */
static guint
served_from (MlgTerritoryReference *self,
             const char            *prefix)
{
  guint low = 0, high = self->n_served;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      if (strcmp (self->served[middle].postcode, prefix) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* ── Look-ups ────────────────────────────────────────────────────────── */

guint
mlg_territory_reference_count (MlgTerritoryReference *self,
                               MlgRefLevel            level)
{
  g_return_val_if_fail (MLG_IS_TERRITORY_REFERENCE (self), 0);
  g_return_val_if_fail (level < MLG_REF_N_LEVELS, 0);

  if (!ensure_loaded (self))
    return 0;
  return self->counts[level];
}

const MlgRefTerritory *
mlg_territory_reference_lookup (MlgTerritoryReference *self,
                                MlgRefLevel            level,
                                const char            *code)
{
  g_autofree char *upper = NULL;

  g_return_val_if_fail (MLG_IS_TERRITORY_REFERENCE (self), NULL);
  g_return_val_if_fail (level < MLG_REF_N_LEVELS, NULL);

  if (code == NULL || !ensure_loaded (self))
    return NULL;
  upper = g_strstrip (g_ascii_strup (code, -1));
  return find_code (self, level, upper);
}

GPtrArray *
mlg_territory_reference_find_by_postcode (MlgTerritoryReference *self,
                                          const char            *postcode)
{
  GPtrArray *found = g_ptr_array_new ();
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (MLG_IS_TERRITORY_REFERENCE (self), found);

  if (postcode == NULL || !ensure_loaded (self))
    return found;
  ensure_served (self);
  trimmed = g_strstrip (g_strdup (postcode));
  if (*trimmed == '\0')
    return found;
  for (guint i = served_from (self, trimmed); i < self->n_served && g_str_equal (self->served[i].postcode, trimmed); i++)
    g_ptr_array_add (found, (gpointer) self->served[i].item);
  return found;
}

GPtrArray *
mlg_territory_reference_get_children (MlgTerritoryReference *self,
                                      const MlgRefTerritory *parent)
{
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (MLG_IS_TERRITORY_REFERENCE (self), found);

  if (parent == NULL || !ensure_loaded (self))
    return found;
  /* A scan of 36,000 pointers is quicker than keeping an index. */
  for (guint i = 0; i < self->n_items; i++)
    if (self->items[i].parent == parent)
      g_ptr_array_add (found, &self->items[i]);
  return found;
}

GPtrArray *
mlg_territory_reference_get_hierarchy (MlgTerritoryReference *self,
                                       const MlgRefTerritory *territory)
{
  GPtrArray *chain = g_ptr_array_new ();

  g_return_val_if_fail (MLG_IS_TERRITORY_REFERENCE (self), chain);

  for (const MlgRefTerritory *t = territory; t; t = t->parent)
    g_ptr_array_insert (chain, 0, (gpointer) t);
  return chain;
}

/* ── Search ──────────────────────────────────────────────────────────── */

typedef struct {
  const MlgRefTerritory *item;
  guint                  rank;
} Match;

static gint
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const Match *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  if (x->item->population != y->item->population)
    return x->item->population > y->item->population ? -1 : 1;
  if (x->item->level != y->item->level)
    return x->item->level < y->item->level ? -1 : 1;
  return strcmp (x->item->code, y->item->code);
}

static gboolean
is_code_like (const char *text)
{
  /* Digits, or Corsica's 2A/2B followed by digits. */
  if (text[0] == '\0')
    return FALSE;
  for (guint i = 0; text[i]; i++)
    if (!g_ascii_isdigit (text[i]) &&
        !(i == 1 && text[0] == '2' && (text[i] == 'A' || text[i] == 'B')))
      return FALSE;
  return TRUE;
}

static void
add_match (GArray                *matches,
           GHashTable            *seen,
           const MlgRefTerritory *item,
           guint                  rank,
           guint                  levels)
{
  if (item == NULL || !(levels & (1u << item->level)) || !g_hash_table_add (seen, (gpointer) item))
    return;
  g_array_append_val (matches, ((Match) { item, rank }));
}

static void
search_codes (MlgTerritoryReference *self,
              const char            *code,
              guint                  levels,
              GArray                *matches,
              GHashTable            *seen)
{
  gsize len = strlen (code);

  /* The code itself, at whatever level it names. */
  for (guint level = 0; level < MLG_REF_N_LEVELS; level++)
    add_match (matches, seen, find_code (self, level, code), 0, levels);

  /* Places served by that postcode, or by postcodes beginning so. */
  if (len >= 2 && len <= 5)
    {
      ensure_served (self);
      for (guint i = served_from (self, code); i < self->n_served && g_str_has_prefix (self->served[i].postcode, code); i++)
        add_match (matches, seen, self->served[i].item, len == 5 ? 1 : 2, levels);
    }
}

static void
search_names (MlgTerritoryReference *self,
              const char            *query,
              guint                  levels,
              GArray                *matches,
              GHashTable            *seen)
{
  g_autofree char *key = search_key (query);
  g_autofree char *word = NULL;
  gsize len = strlen (key);

  if (len == 0)
    return;
  ensure_keys (self);
  word = g_strconcat (" ", key, NULL);

  for (guint i = 0; i < self->n_items; i++)
    {
      const char *name = self->keys + self->key_offsets[i];
      guint rank;

      if (strncmp (name, key, len) == 0)
        rank = name[len] == '\0' ? 0 : 1;
      else if (strstr (name, word))
        rank = 2;
      else if (len >= 3 && strstr (name, key))
        rank = 3;
      else
        continue;
      add_match (matches, seen, &self->items[i], rank, levels);
    }
}

GPtrArray *
mlg_territory_reference_search (MlgTerritoryReference *self,
                                const char            *query,
                                guint                  levels,
                                guint                  max_results)
{
  GPtrArray *found = g_ptr_array_new ();
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (MLG_IS_TERRITORY_REFERENCE (self), found);

  if (query == NULL || !ensure_loaded (self))
    return found;
  if (levels == 0)
    levels = (1u << MLG_REF_N_LEVELS) - 1;

  matches = g_array_new (FALSE, FALSE, sizeof (Match));
  seen = g_hash_table_new (NULL, NULL);
  code = g_strstrip (g_ascii_strup (query, -1));

  if (is_code_like (code))
    search_codes (self, code, levels, matches, seen);
  else
    search_names (self, query, levels, matches, seen);

  g_array_sort (matches, compare_matches);
  for (guint i = 0; i < matches->len && (max_results == 0 || i < max_results); i++)
    g_ptr_array_add (found, (gpointer) g_array_index (matches, Match, i).item);
  return found;
}

/* ── Labels ──────────────────────────────────────────────────────────── */

const char *
mlg_ref_level_key (MlgRefLevel level)
{
  static const char * const keys[] = {
    [MLG_REF_REGION] = "region",
    [MLG_REF_DEPARTEMENT] = "departement",
    [MLG_REF_EPCI] = "epci",
    [MLG_REF_COMMUNE] = "commune",
    [MLG_REF_ARRONDISSEMENT] = "arrondissement",
  };

  g_return_val_if_fail (level < MLG_REF_N_LEVELS, NULL);
  return keys[level];
}

const char *
mlg_territory_reference_credit (void)
{
  static char *credit;

  if (g_once_init_enter (&credit))
    g_once_init_leave (&credit,
                       /* Translators: the source of the territories the app ships; %d is its year */
                       g_strdup_printf (_("French administrative reference %d: “Découpage administratif” by Etalab "
                                          "(INSEE, DGCL and La Poste data), Licence Ouverte 2.0"),
                                        MLG_TERRITORY_REFERENCE_YEAR));
  return credit;
}
