/* mlg-territory-stats.c — territory views without a map: what is where */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-text.h"
#include "mlg-territory-stats.h"

struct _MlgTerritoryIndex
{
  MlgDocument *document;
  GHashTable  *parent;    /* territory → its parent, for those that have one */
  GHashTable  *children;  /* territory → GPtrArray of territories */
  GPtrArray   *roots;
  GHashTable  *keys;      /* territory → SortKey */
};

/* ── Ordering ────────────────────────────────────────────────────────── */

static int
compare_titles (MlgRecord *a,
                MlgRecord *b)
{
  g_autofree char *x = mlg_text_fold (mlg_record_get_title (a));
  g_autofree char *y = mlg_text_fold (mlg_record_get_title (b));
  int c = strcmp (x, y);

  return c ? c : strcmp (mlg_record_get_id (a), mlg_record_get_id (b));
}

static gint
compare_records_by_title (gconstpointer a,
                          gconstpointer b)
{
  return compare_titles (*(MlgRecord **) a, *(MlgRecord **) b);
}

/* Région first, then département, EPCI, commune… as the level list goes. */
static guint
level_rank (MlgRecord *territory)
{
  const MlgField *field = mlg_kind_find_field (mlg_kind_get (MLG_KIND_TERRITORY), "level");
  const char *level = mlg_record_get_string (territory, "level");
  guint rank = 0;

  for (const MlgChoice *c = field->choices; c->key; c++, rank++)
    if (g_strcmp0 (c->key, level) == 0)
      return rank;
  return rank;
}

/* A territory's place in the order, worked out once per territory:
 * a région's thousands of communes are sorted by it. */
typedef struct {
  guint  rank;
  char  *folded;
} SortKey;

static void
sort_key_free (SortKey *key)
{
  g_free (key->folded);
  g_free (key);
}

static gint
compare_territories (gconstpointer a,
                     gconstpointer b,
                     gpointer      keys)
{
  MlgRecord *x = *(MlgRecord **) a, *y = *(MlgRecord **) b;
  const SortKey *kx = g_hash_table_lookup (keys, x), *ky = g_hash_table_lookup (keys, y);
  int c;

  if (kx->rank != ky->rank)
    return kx->rank < ky->rank ? -1 : 1;
  c = strcmp (kx->folded, ky->folded);
  return c ? c : strcmp (mlg_record_get_id (x), mlg_record_get_id (y));
}

/* ── The index ───────────────────────────────────────────────────────── */

static MlgRecord *
stated_parent (MlgDocument *document,
               MlgRecord   *territory)
{
  const char *id = mlg_record_get_string (territory, "parent");
  MlgRecord *parent = id ? mlg_document_lookup_kind (document, MLG_KIND_TERRITORY, id) : NULL;

  return parent == territory ? NULL : parent;
}

MlgTerritoryIndex *
mlg_territory_index_new (MlgDocument *document)
{
  MlgTerritoryIndex *self = g_new0 (MlgTerritoryIndex, 1);
  GListModel *territories = mlg_document_get_records (document, MLG_KIND_TERRITORY);
  guint n = g_list_model_get_n_items (territories);
  g_autoptr(GHashTable) done = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) on_path = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  self->document = g_object_ref (document);
  self->parent = g_hash_table_new (NULL, NULL);
  self->children = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->roots = g_ptr_array_new ();
  self->keys = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sort_key_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MlgRecord) territory = g_list_model_get_item (territories, i);
      MlgRecord *parent = stated_parent (document, territory);

      if (parent)
        g_hash_table_insert (self->parent, territory, parent);
    }

  /* Break every loop at its record with the smallest id, so that the
   * result does not depend on the order records are listed in. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MlgRecord) start = g_list_model_get_item (territories, i);
      MlgRecord *t = start;

      g_ptr_array_set_size (path, 0);
      g_hash_table_remove_all (on_path);
      while (t && !g_hash_table_contains (done, t))
        {
          if (g_hash_table_contains (on_path, t))
            {
              MlgRecord *smallest = t;
              guint at;

              g_ptr_array_find (path, t, &at);
              for (guint j = at; j < path->len; j++)
                if (strcmp (mlg_record_get_id (g_ptr_array_index (path, j)), mlg_record_get_id (smallest)) < 0)
                  smallest = g_ptr_array_index (path, j);
              g_hash_table_remove (self->parent, smallest);
              break;
            }
          g_hash_table_add (on_path, t);
          g_ptr_array_add (path, t);
          t = g_hash_table_lookup (self->parent, t);
        }
      for (guint j = 0; j < path->len; j++)
        g_hash_table_add (done, g_ptr_array_index (path, j));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MlgRecord) territory = g_list_model_get_item (territories, i);
      MlgRecord *parent = g_hash_table_lookup (self->parent, territory);
      GPtrArray *list = self->roots;
      SortKey *key = g_new (SortKey, 1);

      key->rank = level_rank (territory);
      key->folded = mlg_text_fold (mlg_record_get_title (territory));
      g_hash_table_insert (self->keys, territory, key);

      if (parent)
        {
          list = g_hash_table_lookup (self->children, parent);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (self->children, parent, list);
            }
        }
      g_ptr_array_add (list, territory);
    }

  mlg_territory_index_sort (self, self->roots);
  g_hash_table_iter_init (&iter, self->children);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    mlg_territory_index_sort (self, value);
  return self;
}

void
mlg_territory_index_free (MlgTerritoryIndex *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->parent);
  g_hash_table_unref (self->children);
  g_ptr_array_unref (self->roots);
  g_hash_table_unref (self->keys);
  g_object_unref (self->document);
  g_free (self);
}

void
mlg_territory_index_sort (MlgTerritoryIndex *self,
                          GPtrArray         *territories)
{
  g_return_if_fail (self != NULL);
  g_ptr_array_sort_with_data (territories, compare_territories, self->keys);
}

MlgRecord *
mlg_territory_index_get_parent (MlgTerritoryIndex *self,
                                MlgRecord         *territory)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_hash_table_lookup (self->parent, territory);
}

GPtrArray *
mlg_territory_index_get_children (MlgTerritoryIndex *self,
                                  MlgRecord         *territory)
{
  GPtrArray *found = g_ptr_array_new ();
  GPtrArray *list;

  g_return_val_if_fail (self != NULL, found);

  list = territory ? g_hash_table_lookup (self->children, territory) : self->roots;
  if (list)
    g_ptr_array_extend (found, list, NULL, NULL);
  return found;
}

gboolean
mlg_territory_index_contains (MlgTerritoryIndex *self,
                              MlgRecord         *area,
                              const char        *territory_id)
{
  MlgRecord *t;

  g_return_val_if_fail (self != NULL, FALSE);

  if (territory_id == NULL)
    return FALSE;
  t = mlg_document_lookup_kind (self->document, MLG_KIND_TERRITORY, territory_id);
  for (; t; t = g_hash_table_lookup (self->parent, t))
    if (t == area)
      return TRUE;
  return FALSE;
}

gboolean
mlg_territory_index_locates (MlgTerritoryIndex *self,
                             MlgRecord         *area,
                             MlgRecord         *record)
{
  JsonArray *territories;

  g_return_val_if_fail (self != NULL, FALSE);

  switch (mlg_record_get_kind_id (record))
    {
    case MLG_KIND_STRUCTURE:
    case MLG_KIND_ESTABLISHMENT:
    case MLG_KIND_EVENT:
      return mlg_territory_index_contains (self, area, mlg_record_get_string (record, "commune"));
    case MLG_KIND_PROJECT:
      territories = mlg_record_get_array (record, "territories");
      for (guint i = 0, n = territories ? json_array_get_length (territories) : 0; i < n; i++)
        {
          JsonNode *item = json_array_get_element (territories, i);
          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING &&
              mlg_territory_index_contains (self, area, json_node_get_string (item)))
            return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }
}

/* ── What is located where ───────────────────────────────────────────── */

static GPtrArray *
find_located (MlgTerritoryIndex *index,
              MlgDocument       *document,
              MlgRecord         *territory,
              MlgKindId          kind)
{
  GListModel *records = mlg_document_get_records (document, kind);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0, n = g_list_model_get_n_items (records); i < n; i++)
    {
      g_autoptr(MlgRecord) record = g_list_model_get_item (records, i);
      if (mlg_territory_index_locates (index, territory, record))
        g_ptr_array_add (found, record);
    }
  g_ptr_array_sort (found, compare_records_by_title);
  return found;
}

GPtrArray *
mlg_territory_find_located (MlgDocument *document,
                            MlgRecord   *territory,
                            MlgKindId    kind)
{
  g_autoptr(MlgTerritoryIndex) index = NULL;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (MLG_IS_RECORD (territory), NULL);

  index = mlg_territory_index_new (document);
  return find_located (index, document, territory, kind);
}

static void
add_string_items (GPtrArray *ids,
                  JsonNode  *node)
{
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *id = json_node_get_string (node);
      for (guint i = 0; i < ids->len; i++)
        if (g_str_equal (g_ptr_array_index (ids, i), id))
          return;
      g_ptr_array_add (ids, (gpointer) id);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0, n = json_array_get_length (array); i < n; i++)
        add_string_items (ids, json_array_get_element (array, i));
    }
}

GPtrArray *
mlg_located_record_poles (MlgDocument *document,
                          MlgRecord   *record)
{
  GPtrArray *ids = g_ptr_array_new ();
  MlgRecord *structure;

  switch (mlg_record_get_kind_id (record))
    {
    case MLG_KIND_STRUCTURE:
      add_string_items (ids, mlg_record_get_value (record, "poles"));
      break;
    case MLG_KIND_ESTABLISHMENT:
      add_string_items (ids, mlg_record_get_value (record, "pole"));
      if (ids->len == 0 && mlg_record_get_string (record, "structure"))
        {
          structure = mlg_document_lookup_kind (document, MLG_KIND_STRUCTURE,
                                                mlg_record_get_string (record, "structure"));
          if (structure)
            add_string_items (ids, mlg_record_get_value (structure, "poles"));
        }
      break;
    default:
      break;
    }

  /* Only poles that exist: a dangling reference is a warning elsewhere. */
  for (guint i = ids->len; i > 0; i--)
    if (mlg_document_lookup_kind (document, MLG_KIND_POLE, g_ptr_array_index (ids, i - 1)) == NULL)
      g_ptr_array_remove_index (ids, i - 1);
  return ids;
}

void
mlg_pole_group_free (MlgPoleGroup *group)
{
  if (group == NULL)
    return;
  g_ptr_array_unref (group->structures);
  g_ptr_array_unref (group->establishments);
  g_free (group);
}

static gint
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const MlgPoleGroup *x = *(MlgPoleGroup **) a, *y = *(MlgPoleGroup **) b;

  if (x->pole == NULL || y->pole == NULL)
    return (x->pole == NULL) - (y->pole == NULL);
  return compare_titles (x->pole, y->pole);
}

GPtrArray *
mlg_territory_group_by_pole (MlgDocument *document,
                             MlgRecord   *territory)
{
  g_autoptr(MlgTerritoryIndex) index = NULL;
  g_autoptr(GHashTable) by_pole = g_hash_table_new (NULL, NULL);
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mlg_pole_group_free);
  const MlgKindId kinds[] = { MLG_KIND_STRUCTURE, MLG_KIND_ESTABLISHMENT };

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), groups);
  g_return_val_if_fail (MLG_IS_RECORD (territory), groups);

  index = mlg_territory_index_new (document);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) located = find_located (index, document, territory, kinds[k]);

      for (guint i = 0; i < located->len; i++)
        {
          MlgRecord *record = g_ptr_array_index (located, i);
          g_autoptr(GPtrArray) poles = mlg_located_record_poles (document, record);
          guint n = MAX (poles->len, 1);

          for (guint p = 0; p < n; p++)
            {
              MlgRecord *pole = poles->len ? mlg_document_lookup_kind (document, MLG_KIND_POLE,
                                                                       g_ptr_array_index (poles, p)) : NULL;
              MlgPoleGroup *group = g_hash_table_lookup (by_pole, pole);

              if (group == NULL)
                {
                  group = g_new0 (MlgPoleGroup, 1);
                  group->pole = pole;
                  group->structures = g_ptr_array_new ();
                  group->establishments = g_ptr_array_new ();
                  g_hash_table_insert (by_pole, pole, group);
                  g_ptr_array_add (groups, group);
                }
              g_ptr_array_add (kinds[k] == MLG_KIND_STRUCTURE ? group->structures : group->establishments,
                               record);
            }
        }
    }
  g_ptr_array_sort (groups, compare_groups);
  return groups;
}

/* ── Key figures ─────────────────────────────────────────────────────── */

static double
node_number (JsonNode *node,
             gboolean *ok)
{
  *ok = node && JSON_NODE_HOLDS_VALUE (node) &&
        (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
  return *ok ? json_node_get_double (node) : 0.0;
}

static gboolean
row_matches (JsonObject *row,
             const char *indicator,
             const char *label)
{
  const char *key = json_object_get_string_member_with_default (row, "indicator", NULL);

  if (g_strcmp0 (key, indicator) != 0)
    return FALSE;
  if (g_strcmp0 (indicator, "custom") == 0)
    return g_strcmp0 (json_object_get_string_member_with_default (row, "label", NULL), label) == 0;
  return TRUE;
}

gboolean
mlg_record_latest_figure (MlgRecord  *record,
                          const char *indicator,
                          const char *label,
                          double     *value,
                          int        *year)
{
  JsonArray *rows = mlg_record_get_array (record, "figures");
  gboolean found = FALSE;
  gint64 best_year = G_MININT64;
  double best = 0.0;

  g_return_val_if_fail (MLG_IS_RECORD (record), FALSE);
  g_return_val_if_fail (indicator != NULL, FALSE);

  for (guint i = 0, n = rows ? json_array_get_length (rows) : 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      JsonObject *row;
      gint64 y;
      double v;
      gboolean ok;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      row = json_node_get_object (node);
      if (!row_matches (row, indicator, label))
        continue;
      v = node_number (json_object_get_member (row, "value"), &ok);
      y = json_object_get_int_member_with_default (row, "year", 0);
      if (ok && (!found || y > best_year))
        {
          found = TRUE;
          best_year = y;
          best = v;
        }
    }

  if (!found && g_str_equal (indicator, "places") &&
      mlg_record_get_kind_id (record) == MLG_KIND_ESTABLISHMENT &&
      mlg_record_get_int (record, "capacity", -1) >= 0)
    {
      found = TRUE;
      best_year = 0;
      best = (double) mlg_record_get_int (record, "capacity", 0);
    }

  if (found)
    {
      if (value)
        *value = best;
      if (year)
        *year = (int) CLAMP (best_year, G_MININT, G_MAXINT);
    }
  return found;
}

double
mlg_per_1000 (double value,
              gint64 population)
{
  return population >= 1 ? value * 1000.0 / (double) population : NAN;
}

void
mlg_figure_total_free (MlgFigureTotal *total)
{
  if (total == NULL)
    return;
  g_free (total->indicator);
  g_free (total->label);
  g_free (total->unit);
  g_free (total);
}

/* The indicators a record has figures for, as "key" or "custom\nlabel". */
static void
collect_indicators (MlgRecord  *record,
                    GPtrArray  *keys)
{
  JsonArray *rows = mlg_record_get_array (record, "figures");

  for (guint i = 0, n = rows ? json_array_get_length (rows) : 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      const char *indicator, *label;
      char *key;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      indicator = json_object_get_string_member_with_default (json_node_get_object (node), "indicator", NULL);
      label = json_object_get_string_member_with_default (json_node_get_object (node), "label", NULL);
      if (indicator == NULL)
        continue;
      key = g_str_equal (indicator, "custom") ? g_strconcat ("custom\n", label ? label : "", NULL)
                                              : g_strdup (indicator);
      if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        g_ptr_array_add (keys, key);
      else
        g_free (key);
    }
  if (mlg_record_get_kind_id (record) == MLG_KIND_ESTABLISHMENT &&
      mlg_record_get_int (record, "capacity", -1) >= 0 &&
      !g_ptr_array_find_with_equal_func (keys, "places", g_str_equal, NULL))
    g_ptr_array_add (keys, g_strdup ("places"));
}

static const char *
first_unit (MlgRecord  *record,
            const char *indicator,
            const char *label)
{
  JsonArray *rows = mlg_record_get_array (record, "figures");

  for (guint i = 0, n = rows ? json_array_get_length (rows) : 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      const char *unit;

      if (!JSON_NODE_HOLDS_OBJECT (node) || !row_matches (json_node_get_object (node), indicator, label))
        continue;
      unit = json_object_get_string_member_with_default (json_node_get_object (node), "unit", NULL);
      if (unit && *unit)
        return unit;
    }
  return NULL;
}

static guint
indicator_rank (const char *indicator)
{
  guint rank = 0;

  for (const MlgChoice *c = mlg_indicator_choices (); c->key; c++, rank++)
    if (g_str_equal (c->key, indicator))
      return rank;
  return rank;
}

static gint
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const MlgFigureTotal *x = *(MlgFigureTotal **) a, *y = *(MlgFigureTotal **) b;
  guint rx = indicator_rank (x->indicator), ry = indicator_rank (y->indicator);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

/* Whether @establishment's figure for @key is already in its structure's,
 * the structure being located in the same territory. */
static gboolean
counted_by_structure (MlgTerritoryIndex *index,
                      MlgDocument       *document,
                      MlgRecord         *territory,
                      MlgRecord         *establishment,
                      const char        *indicator,
                      const char        *label)
{
  const char *id = mlg_record_get_string (establishment, "structure");
  MlgRecord *structure = id ? mlg_document_lookup_kind (document, MLG_KIND_STRUCTURE, id) : NULL;

  return structure && mlg_territory_index_locates (index, territory, structure) &&
         mlg_record_latest_figure (structure, indicator, label, NULL, NULL);
}

GPtrArray *
mlg_territory_key_figures (MlgDocument *document,
                           MlgRecord   *territory)
{
  g_autoptr(MlgTerritoryIndex) index = NULL;
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *totals = g_ptr_array_new_with_free_func ((GDestroyNotify) mlg_figure_total_free);
  const MlgField *indicator_field = mlg_field_find_column (
      mlg_kind_find_field (mlg_kind_get (MLG_KIND_STRUCTURE), "figures")->columns, "indicator");
  const MlgKindId kinds[] = { MLG_KIND_STRUCTURE, MLG_KIND_ESTABLISHMENT };
  gint64 population;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), totals);
  g_return_val_if_fail (MLG_IS_RECORD (territory), totals);

  index = mlg_territory_index_new (document);
  population = mlg_record_get_int (territory, "population", -1);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) located = find_located (index, document, territory, kinds[k]);

      for (guint i = 0; i < located->len; i++)
        {
          MlgRecord *record = g_ptr_array_index (located, i);
          g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

          collect_indicators (record, keys);
          for (guint j = 0; j < keys->len; j++)
            {
              const char *key = g_ptr_array_index (keys, j);
              gboolean custom = g_str_has_prefix (key, "custom\n");
              const char *indicator = custom ? "custom" : key;
              const char *label = custom ? key + strlen ("custom\n") : NULL;
              MlgFigureTotal *total;
              const char *unit;
              double value;
              int year;

              if (!mlg_record_latest_figure (record, indicator, label, &value, &year))
                continue;
              if (kinds[k] == MLG_KIND_ESTABLISHMENT &&
                  counted_by_structure (index, document, territory, record, indicator, label))
                continue;

              total = g_hash_table_lookup (by_key, key);
              if (total == NULL)
                {
                  total = g_new0 (MlgFigureTotal, 1);
                  total->indicator = g_strdup (indicator);
                  total->label = g_strdup (custom ? label : mlg_field_choice_label (indicator_field, indicator));
                  total->first_year = G_MAXINT;
                  total->last_year = 0;
                  g_hash_table_insert (by_key, g_strdup (key), total);
                  g_ptr_array_add (totals, total);
                }
              total->value += value;
              total->n_records++;
              if (year > 0)
                {
                  total->first_year = MIN (total->first_year, year);
                  total->last_year = MAX (total->last_year, year);
                }
              unit = first_unit (record, indicator, label);
              if (total->unit == NULL && unit)
                total->unit = g_strdup (unit);
            }
        }
    }

  for (guint i = 0; i < totals->len; i++)
    {
      MlgFigureTotal *total = g_ptr_array_index (totals, i);
      if (total->first_year == G_MAXINT)
        total->first_year = 0;
      total->per_1000 = mlg_per_1000 (total->value, population);
    }
  g_ptr_array_sort (totals, compare_totals);
  return totals;
}
