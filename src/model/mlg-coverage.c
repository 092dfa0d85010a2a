/* mlg-coverage.c — the coverage matrix: poles × territories, and its gaps */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mlg-coverage.h"
#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-text.h"
#include "mlg-territory-stats.h"

/* The records are held: a view may keep the matrix a while after the
 * document lost them (deleted, undone), until it is built again. */
typedef struct {
  char      *key;
  char      *label;
  char      *folded;      /* the label, for sorting */
  MlgRecord *pole;
} Row;

typedef struct {
  MlgRecord *territory;   /* NULL for a commune only the reference knows */
  char      *label;
  char      *folded;
  char      *code;
  char      *parent;
  gint64     population;
  int        year;
} Column;

typedef struct {
  guint  structures;
  guint  establishments;
  guint  n_values;
  double value;
} Cell;

struct _MlgCoverage
{
  GObject  parent_instance;
  char    *level;
  char    *indicator;
  GArray  *rows;       /* Row */
  GArray  *columns;    /* Column */
  Cell    *cells;      /* rows × columns, in the order built */
  guint   *row_order;  /* shown position → built index */
  guint   *column_order;
};

G_DEFINE_FINAL_TYPE (MlgCoverage, mlg_coverage, G_TYPE_OBJECT)

static void
row_clear (Row *row)
{
  g_free (row->key);
  g_free (row->label);
  g_free (row->folded);
  g_clear_object (&row->pole);
}

static void
column_clear (Column *column)
{
  g_free (column->label);
  g_free (column->folded);
  g_free (column->code);
  g_free (column->parent);
  g_clear_object (&column->territory);
}

static void
mlg_coverage_finalize (GObject *object)
{
  MlgCoverage *self = MLG_COVERAGE (object);

  g_free (self->level);
  g_free (self->indicator);
  g_array_unref (self->rows);
  g_array_unref (self->columns);
  g_free (self->cells);
  g_free (self->row_order);
  g_free (self->column_order);

  G_OBJECT_CLASS (mlg_coverage_parent_class)->finalize (object);
}

static void
mlg_coverage_class_init (MlgCoverageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mlg_coverage_finalize;
}

static void
mlg_coverage_init (MlgCoverage *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, (GDestroyNotify) row_clear);
  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, (GDestroyNotify) column_clear);
}

/* ── Building ────────────────────────────────────────────────────────── */

static char *
choice_keys (const MlgChoice *choices)
{
  GString *out = g_string_new (NULL);

  for (const MlgChoice *c = choices; c->key; c++)
    if (!g_str_equal (c->key, "custom"))
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", c->key);
  return g_string_free (out, FALSE);
}

static const MlgField *
territory_field (const char *key)
{
  return mlg_kind_find_field (mlg_kind_get (MLG_KIND_TERRITORY), key);
}

static const MlgField *
indicator_field (void)
{
  return mlg_field_find_column (mlg_kind_find_field (mlg_kind_get (MLG_KIND_STRUCTURE), "figures")->columns,
                                "indicator");
}

static const MlgField *
type_field (void)
{
  return mlg_kind_find_field (mlg_kind_get (MLG_KIND_ESTABLISHMENT), "type");
}

static gint
compare_records (gconstpointer a,
                 gconstpointer b)
{
  g_autofree char *x = mlg_text_fold (mlg_record_get_title (*(MlgRecord **) a));
  g_autofree char *y = mlg_text_fold (mlg_record_get_title (*(MlgRecord **) b));
  int c = strcmp (x, y);

  return c ? c : strcmp (mlg_record_get_id (*(MlgRecord **) a), mlg_record_get_id (*(MlgRecord **) b));
}

static void
add_row (MlgCoverage *self,
         const char  *key,
         const char  *label,
         MlgRecord   *pole)
{
  Row row = { g_strdup (key), g_strdup (label), mlg_text_fold (label), pole ? g_object_ref (pole) : NULL };
  g_array_append_val (self->rows, row);
}

static void
add_rows (MlgCoverage     *self,
          MlgDocument     *document,
          MlgCoverageRows  rows)
{
  if (rows == MLG_COVERAGE_BY_POLE)
    {
      GListModel *poles = mlg_document_get_records (document, MLG_KIND_POLE);
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

      for (guint i = 0, n = g_list_model_get_n_items (poles); i < n; i++)
        {
          g_autoptr(MlgRecord) pole = g_list_model_get_item (poles, i);
          g_ptr_array_add (sorted, pole);
        }
      g_ptr_array_sort (sorted, compare_records);
      for (guint i = 0; i < sorted->len; i++)
        {
          MlgRecord *pole = g_ptr_array_index (sorted, i);
          add_row (self, mlg_record_get_id (pole), mlg_record_get_title (pole), pole);
        }
      /* Dropped again at the end if nothing falls in it. */
      add_row (self, "", _("No pole"), NULL);
    }
  else
    {
      const MlgField *field = type_field ();
      GListModel *establishments = mlg_document_get_records (document, MLG_KIND_ESTABLISHMENT);
      g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0, n = g_list_model_get_n_items (establishments); i < n; i++)
        {
          g_autoptr(MlgRecord) e = g_list_model_get_item (establishments, i);
          const char *type = mlg_record_get_string (e, "type");
          g_hash_table_add (present, (gpointer) (type ? type : ""));
        }
      for (const MlgChoice *c = field->choices; c->key; c++)
        if (g_hash_table_contains (present, c->key))
          add_row (self, c->key, g_dgettext (GETTEXT_PACKAGE, c->label), NULL);
      add_row (self, "", _("No type"), NULL);
    }
}

static void
add_column (MlgCoverage           *self,
            MlgDocument           *document,
            MlgRecord             *territory,
            const MlgRefTerritory *ref,
            const char            *parent_name)
{
  Column column = { 0 };

  column.territory = territory ? g_object_ref (territory) : NULL;
  if (territory)
    {
      const char *parent = mlg_record_get_string (territory, "parent");
      column.label = g_strdup (mlg_record_get_title (territory));
      column.code = g_strdup (mlg_record_get_string (territory, "code"));
      column.parent = g_strdup (parent ? mlg_document_title_of (document, parent) : NULL);
      column.population = mlg_record_get_int (territory, "population", -1);
      column.year = (int) mlg_record_get_int (territory, "population_year", 0);
    }
  else
    {
      column.label = g_strdup (ref->name);
      column.code = g_strdup (ref->code);
      column.parent = g_strdup (parent_name);
      column.population = ref->population;
      column.year = ref->population_year;
    }
  if (column.population < 0)
    column.population = -1;
  column.folded = mlg_text_fold (column.label);
  g_array_append_val (self->columns, column);
}

static void
add_columns (MlgCoverage           *self,
             MlgDocument           *document,
             MlgTerritoryIndex     *index,
             MlgTerritoryReference *reference)
{
  GListModel *territories = mlg_document_get_records (document, MLG_KIND_TERRITORY);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();

  for (guint i = 0, n = g_list_model_get_n_items (territories); i < n; i++)
    {
      g_autoptr(MlgRecord) t = g_list_model_get_item (territories, i);
      const char *code = mlg_record_get_string (t, "code");

      if (g_strcmp0 (mlg_record_get_string (t, "level"), self->level) != 0)
        continue;
      g_ptr_array_add (sorted, t);
      if (code)
        g_hash_table_add (codes, g_strstrip (g_ascii_strup (code, -1)));
    }
  /* By name: the index has each folded already (thousands of communes). */
  mlg_territory_index_sort (index, sorted);
  for (guint i = 0; i < sorted->len; i++)
    add_column (self, document, g_ptr_array_index (sorted, i), NULL, NULL);

  if (reference == NULL || !g_str_equal (self->level, "commune"))
    return;

  /* The other communes of the file's EPCIs: where nothing is, yet. */
  for (guint i = 0, n = g_list_model_get_n_items (territories); i < n; i++)
    {
      g_autoptr(MlgRecord) epci = g_list_model_get_item (territories, i);
      const MlgRefTerritory *ref;
      g_autoptr(GPtrArray) members = NULL;

      if (g_strcmp0 (mlg_record_get_string (epci, "level"), "epci") != 0)
        continue;
      ref = mlg_territory_reference_lookup (reference, MLG_REF_EPCI, mlg_record_get_string (epci, "code"));
      if (ref == NULL)
        continue;
      members = mlg_territory_reference_get_children (reference, ref);
      for (guint j = 0; j < members->len; j++)
        {
          const MlgRefTerritory *commune = g_ptr_array_index (members, j);
          if (commune->level == MLG_REF_COMMUNE && !g_hash_table_contains (codes, commune->code))
            {
              g_hash_table_add (codes, g_strdup (commune->code));
              g_ptr_array_add (extra, (gpointer) commune);
              g_ptr_array_add (extra, epci);
            }
        }
    }
  for (guint i = 0; i < extra->len; i += 2)
    {
      const MlgRefTerritory *commune = g_ptr_array_index (extra, i);
      add_column (self, document, NULL, commune, mlg_record_get_title (g_ptr_array_index (extra, i + 1)));
    }
}

static Cell *
cell_at (MlgCoverage *self,
         guint        row,
         guint        column)
{
  return &self->cells[row * self->columns->len + column];
}

/* The rows @record counts in; "" for none. */
static GPtrArray *
rows_of (MlgCoverage     *self,
         MlgDocument     *document,
         MlgCoverageRows  rows,
         MlgRecord       *record)
{
  GPtrArray *keys;

  if (rows == MLG_COVERAGE_BY_TYPE)
    {
      const char *type = mlg_record_get_string (record, "type");
      keys = g_ptr_array_new ();
      g_ptr_array_add (keys, (gpointer) (type && mlg_field_find_choice (type_field (), type) ? type : ""));
      return keys;
    }
  keys = mlg_located_record_poles (document, record);
  if (keys->len == 0)
    g_ptr_array_add (keys, (gpointer) "");
  return keys;
}

static int
find_row (MlgCoverage *self,
          const char  *key)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_str_equal (g_array_index (self->rows, Row, i).key, key))
      return (int) i;
  return -1;
}

/* With an indicator, an establishment's figure is left out when its
 * structure, located in the same territory and counted in the same row,
 * gives that figure: the structure's includes it. */
static gboolean
counted_by_structure (MlgTerritoryIndex *index,
                      MlgDocument       *document,
                      MlgCoverageRows    rows,
                      const char        *indicator,
                      MlgRecord         *area,
                      MlgRecord         *establishment,
                      const char        *row_key)
{
  const char *id = mlg_record_get_string (establishment, "structure");
  MlgRecord *structure = id ? mlg_document_lookup_kind (document, MLG_KIND_STRUCTURE, id) : NULL;
  g_autoptr(GPtrArray) poles = NULL;

  if (structure == NULL || rows != MLG_COVERAGE_BY_POLE ||
      !mlg_territory_index_locates (index, area, structure) ||
      !mlg_record_latest_figure (structure, indicator, NULL, NULL, NULL))
    return FALSE;
  poles = mlg_located_record_poles (document, structure);
  return g_ptr_array_find_with_equal_func (poles, row_key, g_str_equal, NULL);
}

/* Each record is walked up from its commune once, adding to the
 * columns on its way: a walk per record, not a scan of all the records
 * per column (thousands of communes in a regional file). */
static void
fill_cells (MlgCoverage       *self,
            MlgDocument       *document,
            MlgTerritoryIndex *index,
            MlgCoverageRows    rows)
{
  g_autoptr(GHashTable) column_of = g_hash_table_new (NULL, NULL);  /* territory → column + 1 */
  const MlgKindId kinds[] = { MLG_KIND_STRUCTURE, MLG_KIND_ESTABLISHMENT };

  self->cells = g_new0 (Cell, (gsize) self->rows->len * MAX (self->columns->len, 1));

  for (guint c = 0; c < self->columns->len; c++)
    {
      MlgRecord *area = g_array_index (self->columns, Column, c).territory;
      if (area)
        g_hash_table_insert (column_of, area, GUINT_TO_POINTER (c + 1));
    }

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GListModel *records = mlg_document_get_records (document, kinds[k]);

      if (rows == MLG_COVERAGE_BY_TYPE && kinds[k] != MLG_KIND_ESTABLISHMENT)
        continue;
      for (guint i = 0, n = g_list_model_get_n_items (records); i < n; i++)
        {
          g_autoptr(MlgRecord) record = g_list_model_get_item (records, i);
          g_autoptr(GPtrArray) keys = NULL;
          const char *commune = mlg_record_get_string (record, "commune");
          MlgRecord *area = commune ? mlg_document_lookup_kind (document, MLG_KIND_TERRITORY, commune) : NULL;

          for (; area; area = mlg_territory_index_get_parent (index, area))
            {
              guint c = GPOINTER_TO_UINT (g_hash_table_lookup (column_of, area));

              if (c-- == 0)
                continue;
              if (keys == NULL)
                keys = rows_of (self, document, rows, record);
              for (guint j = 0; j < keys->len; j++)
                {
                  int r = find_row (self, g_ptr_array_index (keys, j));
                  Cell *cell;
                  double value;

                  if (r < 0)
                    continue;
                  cell = cell_at (self, r, c);
                  if (kinds[k] == MLG_KIND_STRUCTURE)
                    cell->structures++;
                  else
                    cell->establishments++;

                  if (self->indicator &&
                      mlg_record_latest_figure (record, self->indicator, NULL, &value, NULL) &&
                      !(kinds[k] == MLG_KIND_ESTABLISHMENT &&
                        counted_by_structure (index, document, rows, self->indicator, area, record,
                                              g_ptr_array_index (keys, j))))
                    {
                      cell->value += value;
                      cell->n_values++;
                    }
                }
            }
        }
    }
}

/* The "no pole" or "no type" row goes when nothing falls in it. */
static void
drop_empty_last_row (MlgCoverage *self)
{
  guint last = self->rows->len - 1;

  for (guint c = 0; c < self->columns->len; c++)
    {
      Cell *cell = cell_at (self, last, c);
      if (cell->structures + cell->establishments > 0)
        return;
    }
  g_array_remove_index (self->rows, last);
}

MlgCoverage *
mlg_coverage_new (MlgDocument           *document,
                  const char            *level,
                  MlgCoverageRows        rows,
                  const char            *indicator,
                  MlgTerritoryReference *reference,
                  GError               **error)
{
  g_autoptr(MlgCoverage) self = NULL;
  g_autoptr(MlgTerritoryIndex) index = NULL;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (level != NULL, NULL);
  g_return_val_if_fail (reference == NULL || MLG_IS_TERRITORY_REFERENCE (reference), NULL);

  if (mlg_field_find_choice (territory_field ("level"), level) == NULL)
    {
      g_autofree char *keys = choice_keys (territory_field ("level")->choices);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a level of territory; use one of: %s"), level, keys);
      return NULL;
    }
  if (indicator && (g_str_equal (indicator, "custom") ||
                    mlg_field_find_choice (indicator_field (), indicator) == NULL))
    {
      g_autofree char *keys = choice_keys (mlg_indicator_choices ());
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an indicator of the key figures; use one of: %s"), indicator, keys);
      return NULL;
    }

  self = g_object_new (MLG_TYPE_COVERAGE, NULL);
  self->level = g_strdup (level);
  self->indicator = g_strdup (indicator);
  index = mlg_territory_index_new (document);
  add_rows (self, document, rows);
  add_columns (self, document, index, reference);
  fill_cells (self, document, index, rows);

  /* Cells stay where they were built: the last row only goes once the
   * others are laid out, so no cell has to move. */
  drop_empty_last_row (self);

  self->row_order = g_new (guint, MAX (self->rows->len, 1));
  for (guint i = 0; i < self->rows->len; i++)
    self->row_order[i] = i;
  self->column_order = g_new (guint, MAX (self->columns->len, 1));
  for (guint i = 0; i < self->columns->len; i++)
    self->column_order[i] = i;
  return g_steal_pointer (&self);
}

/* ── Reading ─────────────────────────────────────────────────────────── */

#define CHECK_ROW(self, row, val) \
  g_return_val_if_fail (MLG_IS_COVERAGE (self), val); \
  g_return_val_if_fail ((row) < (self)->rows->len, val)
#define CHECK_COLUMN(self, column, val) \
  g_return_val_if_fail (MLG_IS_COVERAGE (self), val); \
  g_return_val_if_fail ((column) < (self)->columns->len, val)

static Row *
row_shown (MlgCoverage *self,
           guint        row)
{
  return &g_array_index (self->rows, Row, self->row_order[row]);
}

static Column *
column_shown (MlgCoverage *self,
              guint        column)
{
  return &g_array_index (self->columns, Column, self->column_order[column]);
}

static Cell *
cell_shown (MlgCoverage *self,
            guint        row,
            guint        column)
{
  return cell_at (self, self->row_order[row], self->column_order[column]);
}

const char *
mlg_coverage_get_level (MlgCoverage *self)
{
  g_return_val_if_fail (MLG_IS_COVERAGE (self), NULL);
  return self->level;
}

const char *
mlg_coverage_get_indicator (MlgCoverage *self)
{
  g_return_val_if_fail (MLG_IS_COVERAGE (self), NULL);
  return self->indicator;
}

guint
mlg_coverage_get_n_rows (MlgCoverage *self)
{
  g_return_val_if_fail (MLG_IS_COVERAGE (self), 0);
  return self->rows->len;
}

guint
mlg_coverage_get_n_columns (MlgCoverage *self)
{
  g_return_val_if_fail (MLG_IS_COVERAGE (self), 0);
  return self->columns->len;
}

const char *
mlg_coverage_get_row_key (MlgCoverage *self,
                          guint        row)
{
  CHECK_ROW (self, row, NULL);
  return row_shown (self, row)->key;
}

const char *
mlg_coverage_get_row_label (MlgCoverage *self,
                            guint        row)
{
  CHECK_ROW (self, row, NULL);
  return row_shown (self, row)->label;
}

MlgRecord *
mlg_coverage_get_row_pole (MlgCoverage *self,
                           guint        row)
{
  CHECK_ROW (self, row, NULL);
  return row_shown (self, row)->pole;
}

MlgRecord *
mlg_coverage_get_column_territory (MlgCoverage *self,
                                   guint        column)
{
  CHECK_COLUMN (self, column, NULL);
  return column_shown (self, column)->territory;
}

const char *
mlg_coverage_get_column_label (MlgCoverage *self,
                               guint        column)
{
  CHECK_COLUMN (self, column, NULL);
  return column_shown (self, column)->label;
}

const char *
mlg_coverage_get_column_code (MlgCoverage *self,
                              guint        column)
{
  CHECK_COLUMN (self, column, NULL);
  return column_shown (self, column)->code;
}

const char *
mlg_coverage_get_column_parent (MlgCoverage *self,
                                guint        column)
{
  CHECK_COLUMN (self, column, NULL);
  return column_shown (self, column)->parent;
}

gint64
mlg_coverage_get_column_population (MlgCoverage *self,
                                    guint        column)
{
  CHECK_COLUMN (self, column, -1);
  return column_shown (self, column)->population;
}

int
mlg_coverage_get_column_population_year (MlgCoverage *self,
                                         guint        column)
{
  CHECK_COLUMN (self, column, 0);
  return column_shown (self, column)->year;
}

guint
mlg_coverage_get_n_structures (MlgCoverage *self,
                               guint        row,
                               guint        column)
{
  CHECK_ROW (self, row, 0);
  CHECK_COLUMN (self, column, 0);
  return cell_shown (self, row, column)->structures;
}

guint
mlg_coverage_get_n_establishments (MlgCoverage *self,
                                   guint        row,
                                   guint        column)
{
  CHECK_ROW (self, row, 0);
  CHECK_COLUMN (self, column, 0);
  return cell_shown (self, row, column)->establishments;
}

gboolean
mlg_coverage_get_value (MlgCoverage *self,
                        guint        row,
                        guint        column,
                        double      *value)
{
  Cell *cell;
  double v = 0.0;
  gboolean known = TRUE;

  CHECK_ROW (self, row, FALSE);
  CHECK_COLUMN (self, column, FALSE);

  cell = cell_shown (self, row, column);
  if (self->indicator == NULL)
    v = cell->structures + cell->establishments;
  else if (cell->n_values > 0)
    v = cell->value;
  else
    known = cell->structures + cell->establishments == 0;  /* a gap is 0, not unknown */
  if (value)
    *value = v;
  return known;
}

double
mlg_coverage_get_rate (MlgCoverage *self,
                       guint        row,
                       guint        column)
{
  double value;

  CHECK_ROW (self, row, NAN);
  CHECK_COLUMN (self, column, NAN);

  if (!mlg_coverage_get_value (self, row, column, &value))
    return NAN;
  return mlg_per_1000 (value, column_shown (self, column)->population);
}

gboolean
mlg_coverage_is_gap (MlgCoverage *self,
                     guint        row,
                     guint        column)
{
  Cell *cell;

  CHECK_ROW (self, row, FALSE);
  CHECK_COLUMN (self, column, FALSE);

  cell = cell_shown (self, row, column);
  return cell->structures + cell->establishments == 0;
}

/* ── Sorting ─────────────────────────────────────────────────────────── */

typedef struct {
  MlgCoverage     *self;
  MlgCoverageSort  by;
  guint            other;       /* built index of the row (or column) sorted by */
  gboolean         descending;
  gboolean         columns;
} SortContext;

static double
cell_number (MlgCoverage *self,
             guint        row,
             guint        column,
             gboolean     rate)
{
  Cell *cell = cell_at (self, row, column);
  double value;

  if (self->indicator == NULL)
    value = cell->structures + cell->establishments;
  else if (cell->n_values > 0)
    value = cell->value;
  else
    return NAN;
  if (rate)
    return mlg_per_1000 (value, g_array_index (self->columns, Column, column).population);
  return value;
}

/* Unknown numbers sort last whichever the direction. */
static int
compare_numbers (double   x,
                 double   y,
                 gboolean descending)
{
  if (isnan (x) || isnan (y))
    return (isnan (x) != 0) - (isnan (y) != 0);
  if (x == y)
    return 0;
  return ((x < y) ? -1 : 1) * (descending ? -1 : 1);
}

static double
line_number (SortContext *ctx,
             guint        index)
{
  MlgCoverage *self = ctx->self;
  double total = 0.0;

  switch (ctx->by)
    {
    case MLG_COVERAGE_SORT_POPULATION:
      if (!ctx->columns)
        return NAN;
      {
        gint64 p = g_array_index (self->columns, Column, index).population;
        return p < 0 ? NAN : (double) p;
      }
    case MLG_COVERAGE_SORT_VALUE:
    case MLG_COVERAGE_SORT_RATE:
      return ctx->columns ? cell_number (self, ctx->other, index, ctx->by == MLG_COVERAGE_SORT_RATE)
                          : cell_number (self, index, ctx->other, ctx->by == MLG_COVERAGE_SORT_RATE);
    case MLG_COVERAGE_SORT_TOTAL:
      for (guint i = 0, n = ctx->columns ? self->rows->len : self->columns->len; i < n; i++)
        {
          double v = ctx->columns ? cell_number (self, i, index, FALSE) : cell_number (self, index, i, FALSE);
          if (!isnan (v))
            total += v;
        }
      return total;
    case MLG_COVERAGE_SORT_NAME:
    default:
      return NAN;
    }
}

static gint
compare_lines (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  SortContext *ctx = data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  int c = 0;

  if (ctx->by != MLG_COVERAGE_SORT_NAME)
    c = compare_numbers (line_number (ctx, x), line_number (ctx, y), ctx->descending);
  if (c == 0)
    {
      const char *fx = ctx->columns ? g_array_index (ctx->self->columns, Column, x).folded
                                    : g_array_index (ctx->self->rows, Row, x).folded;
      const char *fy = ctx->columns ? g_array_index (ctx->self->columns, Column, y).folded
                                    : g_array_index (ctx->self->rows, Row, y).folded;

      c = strcmp (fx, fy);
      if (ctx->by == MLG_COVERAGE_SORT_NAME && ctx->descending)
        c = -c;
    }
  /* Ties keep the built order, whatever the sort algorithm. */
  return c ? c : (x > y) - (x < y);
}

void
mlg_coverage_sort_columns (MlgCoverage     *self,
                           MlgCoverageSort  by,
                           guint            row,
                           gboolean         descending)
{
  SortContext ctx = { self, by, 0, descending, TRUE };
  g_autoptr(GArray) order = NULL;

  g_return_if_fail (MLG_IS_COVERAGE (self));
  g_return_if_fail (self->rows->len == 0 || row < self->rows->len ||
                    by == MLG_COVERAGE_SORT_NAME || by == MLG_COVERAGE_SORT_POPULATION ||
                    by == MLG_COVERAGE_SORT_TOTAL);

  if ((by == MLG_COVERAGE_SORT_VALUE || by == MLG_COVERAGE_SORT_RATE) && row < self->rows->len)
    ctx.other = self->row_order[row];
  order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (order, self->column_order, self->columns->len);
  g_array_sort_with_data (order, compare_lines, &ctx);
  memcpy (self->column_order, order->data, self->columns->len * sizeof (guint));
}

void
mlg_coverage_sort_rows (MlgCoverage     *self,
                        MlgCoverageSort  by,
                        guint            column,
                        gboolean         descending)
{
  SortContext ctx = { self, by, 0, descending, FALSE };
  g_autoptr(GArray) order = NULL;

  g_return_if_fail (MLG_IS_COVERAGE (self));
  g_return_if_fail (self->columns->len == 0 || column < self->columns->len ||
                    by == MLG_COVERAGE_SORT_NAME || by == MLG_COVERAGE_SORT_TOTAL);

  if ((by == MLG_COVERAGE_SORT_VALUE || by == MLG_COVERAGE_SORT_RATE) && column < self->columns->len)
    ctx.other = self->column_order[column];
  order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (order, self->row_order, self->rows->len);
  g_array_sort_with_data (order, compare_lines, &ctx);
  memcpy (self->row_order, order->data, self->rows->len * sizeof (guint));
}

/* ── CSV ─────────────────────────────────────────────────────────────── */

static void
csv_field (GString    *out,
           const char *text,
           gboolean    first)
{
  if (!first)
    g_string_append_c (out, ';');
  if (text == NULL)
    return;
  /* Quote what a spreadsheet would otherwise split or trim. */
  if (strpbrk (text, ";\"\r\n") || text[0] == ' ' || (*text && text[strlen (text) - 1] == ' '))
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
}

static void
csv_number (GString *out,
            double   value,
            int      decimals)
{
  g_autofree char *text = NULL;

  if (isnan (value))
    {
      g_string_append_c (out, ';');
      return;
    }
  /* printf follows LC_NUMERIC: a French spreadsheet reads "0,58". */
  if (decimals == 0 && value == floor (value) && fabs (value) < 1e15)
    text = g_strdup_printf ("%.0f", value);
  else
    text = g_strdup_printf ("%.*f", decimals ? decimals : 2, value);
  g_string_append_c (out, ';');
  g_string_append (out, text);
}

static char *
row_heading (MlgCoverage *self,
             guint        row)
{
  const char *label = mlg_coverage_get_row_label (self, row);

  if (self->indicator == NULL)
    return g_strdup (label);
  /* Translators: a column of the coverage CSV: a pole, then the indicator summed, e.g. "Petite enfance (Places)" */
  return g_strdup_printf (_("%s (%s)"), label, mlg_field_choice_label (indicator_field (), self->indicator));
}

GBytes *
mlg_coverage_to_csv (MlgCoverage *self)
{
  GString *out;
  guint n_rows, n_columns;

  g_return_val_if_fail (MLG_IS_COVERAGE (self), NULL);

  n_rows = self->rows->len;
  n_columns = self->columns->len;
  out = g_string_new ("\xEF\xBB\xBF");

  csv_field (out, _("Territory"), TRUE);
  csv_field (out, _("Code"), FALSE);
  csv_field (out, _("Part of"), FALSE);
  csv_field (out, _("Population"), FALSE);
  csv_field (out, _("Population year"), FALSE);
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *heading = row_heading (self, r);
      csv_field (out, heading, FALSE);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *heading = row_heading (self, r);
      /* Translators: a column of the coverage CSV, e.g. "Petite enfance per 1,000 inhabitants" */
      g_autofree char *rate = g_strdup_printf (_("%s per 1,000 inhabitants"), heading);
      csv_field (out, rate, FALSE);
    }
  g_string_append (out, "\r\n");

  for (guint c = 0; c < n_columns; c++)
    {
      Column *column = column_shown (self, c);

      csv_field (out, column->label, TRUE);
      csv_field (out, column->code, FALSE);
      csv_field (out, column->parent, FALSE);
      csv_number (out, column->population >= 0 ? (double) column->population : NAN, 0);
      csv_number (out, column->year > 0 ? column->year : NAN, 0);
      for (guint r = 0; r < n_rows; r++)
        {
          double value;
          gboolean known = mlg_coverage_get_value (self, r, c, &value);
          csv_number (out, known ? value : NAN, 0);
        }
      for (guint r = 0; r < n_rows; r++)
        csv_number (out, mlg_coverage_get_rate (self, r, c), 2);
      g_string_append (out, "\r\n");
    }

  return g_string_free_to_bytes (out);
}
