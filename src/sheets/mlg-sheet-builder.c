/* mlg-sheet-builder.c — what every kind of sheet is made of
 *
 * Labels come from the field declarations (mlg_field_label, translated) or
 * from the "sheet" context of the translation; values from the file are
 * added as plain text, never as markup.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "mlg-sheet-builder.h"
#include "mlg-text.h"

typedef struct {
  char         *label;
  MlgSheetText *value;
  gboolean      wide;
} Field;

static void
field_free (Field *field)
{
  g_free (field->label);
  mlg_sheet_text_free (field->value);
  g_free (field);
}

void
mlg_sheet_builder_init (MlgSheetBuilder *b,
                        MlgSheet        *sheet,
                        MlgDocument     *document)
{
  b->sheet = sheet;
  b->document = document;
  b->typo = mlg_typography_current ();
  b->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
}

void
mlg_sheet_builder_clear (MlgSheetBuilder *b)
{
  g_clear_pointer (&b->fields, g_ptr_array_unref);
}

/* ── Text ────────────────────────────────────────────────────────────── */

char *
mlg_sheet_builder_text (MlgSheetBuilder *b,
                        const char      *text)
{
  return mlg_typography_text (b->typo, text);
}

MlgSheetText *
mlg_sheet_builder_styled (MlgSheetBuilder *b,
                          const char      *text)
{
  g_autofree char *typeset = mlg_typography_text (b->typo, text);

  return mlg_sheet_text_new (typeset);
}

void
mlg_sheet_builder_heading (MlgSheetBuilder *b,
                           const char      *text)
{
  g_autofree char *typeset = mlg_typography_text (b->typo, text);

  mlg_sheet_add_heading (b->sheet, typeset);
}

void
mlg_sheet_builder_subheading (MlgSheetBuilder *b,
                              const char      *text)
{
  g_autofree char *typeset = mlg_typography_text (b->typo, text);

  mlg_sheet_add_subheading (b->sheet, typeset);
}

void
mlg_sheet_builder_paragraph (MlgSheetBuilder *b,
                             MlgSheetStyle    style,
                             const char      *text)
{
  if (text && *text)
    mlg_sheet_add_text (b->sheet, style, mlg_sheet_builder_styled (b, text));
}

static const char *
bullet_text (const char *line)
{
  while (*line == ' ' || *line == '\t')
    line++;
  if ((line[0] == '-' || line[0] == '*') && line[1] == ' ')
    return line + 2;
  if (g_str_has_prefix (line, "• ") || g_str_has_prefix (line, "– "))
    return line + strlen ("• ");
  return NULL;
}

void
mlg_sheet_builder_long_text (MlgSheetBuilder *b,
                             const char      *text)
{
  g_auto(GStrv) paragraphs = NULL;

  if (text == NULL)
    return;
  paragraphs = g_regex_split_simple ("\\r?\\n[ \\t]*\\r?\\n", text, 0, 0);
  for (guint i = 0; paragraphs[i]; i++)
    {
      g_auto(GStrv) lines = g_strsplit (paragraphs[i], "\n", -1);
      g_autoptr(GString) pending = g_string_new (NULL);

      for (guint j = 0; lines[j]; j++)
        {
          const char *item = bullet_text (lines[j]);

          if (item)
            {
              mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_BODY, g_strstrip (pending->str));
              g_string_truncate (pending, 0);
              mlg_sheet_add_bullet (b->sheet, MLG_SHEET_STYLE_BODY, mlg_sheet_builder_styled (b, item));
            }
          else
            {
              if (pending->len)
                g_string_append_c (pending, '\n');
              g_string_append (pending, lines[j]);
            }
        }
      g_strstrip (pending->str);
      mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_BODY, pending->str);
    }
}

void
mlg_sheet_builder_bullets (MlgSheetBuilder *b,
                           char           **items)
{
  for (guint i = 0; items && items[i]; i++)
    if (*items[i])
      mlg_sheet_add_bullet (b->sheet, MLG_SHEET_STYLE_BODY, mlg_sheet_builder_styled (b, items[i]));
}

void
mlg_sheet_builder_title (MlgSheetBuilder *b,
                         const char      *kicker,
                         const char      *title,
                         const char      *subtitle)
{
  mlg_sheet_add_plain (b->sheet, MLG_SHEET_STYLE_KICKER, kicker);
  mlg_sheet_add_text (b->sheet, MLG_SHEET_STYLE_TITLE, mlg_sheet_builder_styled (b, title && *title ? title : "—"));
  if (subtitle && *subtitle)
    mlg_sheet_add_text (b->sheet, MLG_SHEET_STYLE_SUBTITLE, mlg_sheet_builder_styled (b, subtitle));
  mlg_sheet_add_rule (b->sheet, 1.2);
}

/* ── Identity block ──────────────────────────────────────────────────── */

static void
add_field (MlgSheetBuilder *b,
           const char      *label,
           MlgSheetText    *value,
           gboolean         wide)
{
  Field *field;

  if (mlg_sheet_text_is_empty (value))
    {
      mlg_sheet_text_free (value);
      return;
    }
  field = g_new0 (Field, 1);
  field->label = mlg_typography_text (b->typo, label);
  field->value = value;
  field->wide = wide || g_utf8_strlen (mlg_sheet_text_get_text (value), -1) > 34 ||
                strchr (mlg_sheet_text_get_text (value), '\n') != NULL;
  g_ptr_array_add (b->fields, field);
}

void
mlg_sheet_builder_field (MlgSheetBuilder *b,
                         const char      *label,
                         MlgSheetText    *value)
{
  add_field (b, label, value, FALSE);
}

void
mlg_sheet_builder_field_text (MlgSheetBuilder *b,
                              const char      *label,
                              const char      *value)
{
  if (value && *value)
    add_field (b, label, mlg_sheet_builder_styled (b, value), FALSE);
}

void
mlg_sheet_builder_field_raw (MlgSheetBuilder *b,
                             const char      *label,
                             const char      *value)
{
  if (value && *value)
    add_field (b, label, mlg_sheet_text_new (value), FALSE);
}

void
mlg_sheet_builder_wide_field (MlgSheetBuilder *b,
                              const char      *label,
                              MlgSheetText    *value)
{
  add_field (b, label, value, TRUE);
}

static void
add_field_cells (MlgSheetTable *table,
                 Field         *field,
                 guint          span)
{
  mlg_sheet_table_add_string (table, field->label);
  mlg_sheet_table_add_span (table, span, g_steal_pointer (&field->value));
}

gboolean
mlg_sheet_builder_fields_end (MlgSheetBuilder *b)
{
  static const double widths[] = { 0.17, 0.33, 0.17, 0.33 };
  MlgSheetTable *table;
  Field *left = NULL;

  if (b->fields->len == 0)
    return FALSE;

  table = mlg_sheet_add_table (b->sheet, 4, widths, MLG_SHEET_TABLE_GRID);
  mlg_sheet_table_set_column (table, 0, MLG_SHEET_STYLE_LABEL, PANGO_ALIGN_LEFT);
  mlg_sheet_table_set_column (table, 1, MLG_SHEET_STYLE_SMALL, PANGO_ALIGN_LEFT);
  mlg_sheet_table_set_column (table, 2, MLG_SHEET_STYLE_LABEL, PANGO_ALIGN_LEFT);
  mlg_sheet_table_set_column (table, 3, MLG_SHEET_STYLE_SMALL, PANGO_ALIGN_LEFT);

  /* In their order: short values two by two, long ones across. */
  for (guint i = 0; i < b->fields->len; i++)
    {
      Field *field = g_ptr_array_index (b->fields, i);

      if (field->wide)
        {
          if (left)
            {
              add_field_cells (table, left, 1);
              mlg_sheet_table_add_span (table, 2, NULL);
              left = NULL;
            }
          add_field_cells (table, field, 3);
        }
      else if (left == NULL)
        left = field;
      else
        {
          add_field_cells (table, left, 1);
          add_field_cells (table, field, 1);
          left = NULL;
        }
    }
  if (left)
    {
      add_field_cells (table, left, 1);
      mlg_sheet_table_add_span (table, 2, NULL);
    }
  g_ptr_array_set_size (b->fields, 0);
  return TRUE;
}

/* ── Key figures ─────────────────────────────────────────────────────── */

typedef struct {
  char      *key;
  char      *label;
  GPtrArray *cells;     /* JsonObject rows, borrowed */
} FigureRow;

static void
figure_row_free (FigureRow *row)
{
  g_free (row->key);
  g_free (row->label);
  g_ptr_array_unref (row->cells);
  g_free (row);
}

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static gboolean
same_words (const char *a,
            const char *b)
{
  g_autofree char *fa = mlg_text_fold (a);
  g_autofree char *fb = mlg_text_fold (b);
  return g_strcmp0 (g_strstrip (fa), g_strstrip (fb)) == 0;
}

static char *
figure_value (MlgSheetBuilder *b,
              JsonObject      *row,
              gboolean         with_unit)
{
  JsonNode *value = json_object_get_member (row, "value");
  const char *unit = json_object_get_string_member_with_default (row, "unit", NULL);
  double number;

  if (value == NULL || json_node_get_node_type (value) != JSON_NODE_VALUE)
    return g_strdup ("—");
  number = json_node_get_double (value);
  if (unit && (g_strcmp0 (unit, "€") == 0 || g_ascii_strcasecmp (unit, "EUR") == 0))
    return mlg_typography_amount (b->typo, number);
  if (with_unit && unit && *unit)
    return mlg_typography_quantity (b->typo, number, unit);
  return mlg_typography_number (b->typo, number, 2);
}

/* "¹²": real superscript digits, so that the note reads as such when
 * the text is copied from the PDF or read aloud. */
static char *
superscript (guint number)
{
  static const char *digits[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  g_autofree char *plain = g_strdup_printf ("%u", number);
  GString *out = g_string_new (NULL);

  for (const char *p = plain; *p; p++)
    g_string_append (out, digits[*p - '0']);
  return g_string_free (out, FALSE);
}

gboolean
mlg_sheet_builder_figures (MlgSheetBuilder *b,
                           JsonArray       *figures,
                           guint            max_years,
                           const char      *remark)
{
  const MlgField *indicator = mlg_field_find_column (mlg_kind_find_field (mlg_kind_get (MLG_KIND_STRUCTURE), "figures")->columns,
                                                     "indicator");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) figure_row_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) older = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GHashTable) source_numbers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree double *width = NULL;
  guint n_years, first_year;
  MlgSheetTable *table;

  if (figures == NULL || json_array_get_length (figures) == 0)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (figures); i++)
    {
      JsonNode *node = json_array_get_element (figures, i);
      JsonObject *row;
      const char *key, *label;
      gint64 year;
      FigureRow *figure;
      gboolean known = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      row = json_node_get_object (node);
      key = json_object_get_string_member_with_default (row, "indicator", "custom");
      label = json_object_get_string_member_with_default (row, "label", NULL);
      year = json_object_get_int_member_with_default (row, "year", 0);
      if (label && *label)
        key = label;
      else
        label = mlg_field_choice_label (indicator, key);

      figure = g_hash_table_lookup (by_key, key);
      if (figure == NULL)
        {
          figure = g_new0 (FigureRow, 1);
          figure->key = g_strdup (key);
          figure->label = g_strdup (label ? label : key);
          figure->cells = g_ptr_array_new ();
          g_ptr_array_add (rows, figure);
          g_hash_table_insert (by_key, figure->key, figure);
        }
      g_ptr_array_add (figure->cells, row);
      for (guint y = 0; y < years->len; y++)
        known = known || g_array_index (years, gint64, y) == year;
      if (!known)
        g_array_append_val (years, year);
    }
  if (rows->len == 0)
    return FALSE;

  /* The latest years, in order. */
  g_array_sort (years, compare_years);
  n_years = MIN (years->len, max_years);
  first_year = years->len - n_years;
  for (guint y = 0; y < first_year; y++)
    g_array_append_val (older, g_array_index (years, gint64, y));

  width = g_new (double, n_years + 1);
  width[0] = MAX (0.34, 1.0 - 0.17 * n_years);
  for (guint y = 0; y < n_years; y++)
    width[y + 1] = (1.0 - width[0]) / n_years;

  table = mlg_sheet_add_table (b->sheet, n_years + 1, width,
                               MLG_SHEET_TABLE_HEADER | MLG_SHEET_TABLE_RULES | MLG_SHEET_TABLE_ZEBRA);
  for (guint y = 0; y < n_years; y++)
    mlg_sheet_table_set_column (table, y + 1, MLG_SHEET_STYLE_SMALL, PANGO_ALIGN_RIGHT);

  mlg_sheet_table_add_string (table, C_("sheet", "Indicator"));
  for (guint y = 0; y < n_years; y++)
    {
      g_autofree char *year = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (years, gint64, first_year + y));
      mlg_sheet_table_add_string (table, year);
    }

  for (guint r = 0; r < rows->len; r++)
    {
      FigureRow *figure = g_ptr_array_index (rows, r);
      const char *unit = NULL;
      gboolean one_unit = TRUE, shown = FALSE;
      MlgSheetText *label;

      for (guint c = 0; c < figure->cells->len; c++)
        {
          JsonObject *row = g_ptr_array_index (figure->cells, c);
          gint64 year = json_object_get_int_member_with_default (row, "year", 0);
          const char *u = json_object_get_string_member_with_default (row, "unit", "");

          if (year < g_array_index (years, gint64, first_year))
            continue;
          if (!shown)
            unit = u;
          else if (g_strcmp0 (unit, u) != 0)
            one_unit = FALSE;
          shown = TRUE;
        }
      if (!shown)
        continue;

      /* The unit once, beside the label, unless it only repeats it. */
      label = mlg_sheet_builder_styled (b, figure->label);
      if (one_unit && unit && *unit && g_strcmp0 (unit, "€") != 0 && !same_words (unit, figure->label))
        {
          g_autofree char *text = g_strdup_printf (" (%s)", unit);
          g_autofree char *typeset = mlg_typography_text (b->typo, text);
          mlg_sheet_text_append (label, MLG_SHEET_SPAN_MUTED, typeset);
        }
      mlg_sheet_table_add_cell (table, label);

      for (guint y = 0; y < n_years; y++)
        {
          gint64 year = g_array_index (years, gint64, first_year + y);
          MlgSheetText *cell = NULL;

          for (guint c = 0; c < figure->cells->len; c++)
            {
              JsonObject *row = g_ptr_array_index (figure->cells, c);
              const char *source = json_object_get_string_member_with_default (row, "source", NULL);
              g_autofree char *value = NULL;

              if (json_object_get_int_member_with_default (row, "year", 0) != year)
                continue;
              value = figure_value (b, row, !one_unit);
              if (cell == NULL)
                cell = mlg_sheet_text_new (value);
              else
                {
                  mlg_sheet_text_append (cell, MLG_SHEET_SPAN_NORMAL, " / ");
                  mlg_sheet_text_append (cell, MLG_SHEET_SPAN_NORMAL, value);
                }
              if (source && *source)
                {
                  guint number = GPOINTER_TO_UINT (g_hash_table_lookup (source_numbers, source));
                  g_autofree char *ref = NULL;

                  if (number == 0)
                    {
                      g_ptr_array_add (sources, (gpointer) source);
                      number = sources->len;
                      g_hash_table_insert (source_numbers, (gpointer) source, GUINT_TO_POINTER (number));
                    }
                  ref = superscript (number);
                  mlg_sheet_text_append (cell, MLG_SHEET_SPAN_NOTE_REF, ref);
                }
            }
          mlg_sheet_table_add_cell (table, cell);
        }
    }

  /* The notes start on the page where the table ends. */
  if (sources->len > 0)
    mlg_sheet_keep_with_next (b->sheet);
  for (guint i = 0; i < sources->len; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u. ", i + 1);
      MlgSheetText *note = mlg_sheet_text_new (NULL);
      g_autofree char *source = mlg_typography_text (b->typo, g_ptr_array_index (sources, i));

      if (i == 0)
        {
          g_autofree char *label = mlg_typography_label (b->typo, C_("sheet", "Sources"));
          mlg_sheet_text_append (note, MLG_SHEET_SPAN_BOLD, label);
        }
      mlg_sheet_text_append (note, MLG_SHEET_SPAN_ACCENT, number);
      mlg_sheet_text_append (note, MLG_SHEET_SPAN_NORMAL, source);
      mlg_sheet_add_text (b->sheet, MLG_SHEET_STYLE_NOTE, note);
      if (i == 0)
        mlg_sheet_space_before (b->sheet, 2.0);
    }

  if (older->len > 0)
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *joined = NULL;
      g_autofree char *text = NULL;

      for (guint y = 0; y < older->len; y++)
        g_ptr_array_add (list, g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (older, gint64, y)));
      g_ptr_array_add (list, NULL);
      joined = g_strjoinv (", ", (char **) list->pdata);
      /* Translators: %s is a list of years, such as "2009, 2011". */
      text = g_strdup_printf (C_("sheet", "Figures of earlier years (%s) are kept in the file."), joined);
      mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_NOTE, text);
    }
  if (remark)
    mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_NOTE, remark);
  return TRUE;
}

/* ── Values ──────────────────────────────────────────────────────────── */

const char *
mlg_sheet_builder_label (MlgKindId   kind,
                         const char *key)
{
  return mlg_field_label (mlg_kind_find_field (mlg_kind_get (kind), key));
}

const char *
mlg_sheet_builder_title_of (MlgSheetBuilder *b,
                            const char      *id)
{
  const char *title = id ? mlg_document_title_of (b->document, id) : NULL;

  return title ? title : id;
}

char *
mlg_sheet_builder_join (MlgSheetBuilder *b,
                        char           **items)
{
  if (items == NULL || items[0] == NULL)
    return NULL;
  return g_strjoinv (", ", items);
}

char *
mlg_sheet_builder_ref_list (MlgSheetBuilder *b,
                            MlgRecord       *record,
                            const char      *key)
{
  g_auto(GStrv) ids = mlg_record_dup_strv (record, key);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; ids && ids[i]; i++)
    g_ptr_array_add (names, (gpointer) mlg_sheet_builder_title_of (b, ids[i]));
  g_ptr_array_add (names, NULL);
  return mlg_sheet_builder_join (b, (char **) names->pdata);
}

char *
mlg_sheet_builder_choice (MlgSheetBuilder *b,
                          MlgRecord       *record,
                          const char      *key)
{
  const MlgField *field = mlg_kind_find_field (mlg_record_get_kind (record), key);
  const char *value = mlg_record_get_string (record, key);

  if (field == NULL || value == NULL || *value == '\0')
    return NULL;
  return g_strdup (mlg_field_choice_label (field, value));
}

char *
mlg_sheet_builder_choices (MlgSheetBuilder *b,
                           MlgRecord       *record,
                           const char      *key)
{
  const MlgField *field = mlg_kind_find_field (mlg_record_get_kind (record), key);
  g_auto(GStrv) keys = mlg_record_dup_strv (record, key);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; field && keys && keys[i]; i++)
    g_ptr_array_add (labels, (gpointer) mlg_field_choice_label (field, keys[i]));
  g_ptr_array_add (labels, NULL);
  return mlg_sheet_builder_join (b, (char **) labels->pdata);
}

char *
mlg_sheet_builder_date (MlgSheetBuilder *b,
                        const char      *iso_date)
{
  return mlg_typography_date (b->typo, iso_date);
}

char *
mlg_sheet_builder_years (MlgSheetBuilder *b,
                         gint64           from,
                         gint64           until)
{
  g_autofree char *a = g_strdup_printf ("%" G_GINT64_FORMAT, from);
  g_autofree char *z = g_strdup_printf ("%" G_GINT64_FORMAT, until);

  if (from > 0 && until > 0)
    return from == until ? g_steal_pointer (&a) : g_strconcat (a, "–", z, NULL);
  if (from > 0)
    /* Translators: a year, in a period: "since 2015". */
    return g_strdup_printf (C_("sheet", "since %s"), a);
  if (until > 0)
    /* Translators: a year, in a period: "until 2017". */
    return g_strdup_printf (C_("sheet", "until %s"), z);
  return NULL;
}

char *
mlg_sheet_builder_update_note (MlgSheetBuilder *b,
                               const char      *iso_date)
{
  g_autofree char *text = NULL;

  if (iso_date && *iso_date)
    {
      g_autofree char *date = mlg_sheet_builder_date (b, iso_date);
      /* Translators: in the footer of a printed sheet; %s is a date. */
      text = g_strdup_printf (C_("sheet", "Last update: %s"), date);
    }
  else
    text = g_strdup (C_("sheet", "Last update: not given"));
  return mlg_typography_text (b->typo, text);
}

char *
mlg_sheet_builder_integer (MlgSheetBuilder *b,
                           gint64           value)
{
  return mlg_typography_integer (b->typo, value);
}

char *
mlg_sheet_builder_amount (MlgSheetBuilder *b,
                          double           euros)
{
  return mlg_typography_amount (b->typo, euros);
}

static char *
short_territory_name (MlgRecord *territory)
{
  static const struct { const char *prefix, *abbreviation; } forms[] = {
    { "Communauté de communes ", "CC " },
    { "Communauté d'agglomération ", "CA " },
    { "Communauté d’agglomération ", "CA " },
    { "Communauté urbaine ", "CU " },
  };
  const char *name = mlg_record_get_title (territory);

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    if (g_str_has_prefix (name, forms[i].prefix))
      return g_strconcat (forms[i].abbreviation, name + strlen (forms[i].prefix), NULL);
  return g_strdup (name);
}

char *
mlg_sheet_builder_place (MlgSheetBuilder *b,
                         const char      *territory_id)
{
  MlgRecord *territory = territory_id ? mlg_document_lookup_kind (b->document, MLG_KIND_TERRITORY, territory_id) : NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  MlgRecord *parent = territory;

  if (territory == NULL)
    return territory_id ? g_strdup (territory_id) : NULL;

  /* Up to the département: the EPCI and the département, or the parent. */
  for (guint depth = 0; depth < 8; depth++)
    {
      const char *level;

      parent = mlg_document_lookup_kind (b->document, MLG_KIND_TERRITORY, mlg_record_get_string (parent, "parent") ?: "");
      if (parent == NULL)
        break;
      level = mlg_record_get_string (parent, "level");
      if (g_strcmp0 (level, "region") == 0)
        break;
      g_ptr_array_add (parts, short_territory_name (parent));
      if (g_strcmp0 (level, "departement") == 0)
        break;
    }
  if (parts->len == 0)
    return g_strdup (mlg_record_get_title (territory));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);
  return g_strdup_printf ("%s (%s)", mlg_record_get_title (territory), joined);
}

char *
mlg_sheet_builder_population (MlgSheetBuilder *b,
                              MlgRecord       *territory)
{
  gint64 population = mlg_record_get_int (territory, "population", -1);
  gint64 year = mlg_record_get_int (territory, "population_year", 0);
  g_autofree char *number = NULL;
  g_autofree char *y = NULL;

  if (population < 0)
    return NULL;
  number = mlg_typography_integer (b->typo, population);
  if (year <= 0)
    /* Translators: a population whose year is not known: "6 947 inhab. (year not given)". */
    return g_strdup_printf (C_("sheet", "%s inhab. (year not given)"), number);
  y = g_strdup_printf ("%" G_GINT64_FORMAT, year);
  /* Translators: a population and its year: "6 947 inhab. (2021)". */
  return g_strdup_printf (C_("sheet", "%s inhab. (%s)"), number, y);
}

gint64
mlg_sheet_builder_update_year (MlgRecord *record)
{
  const char *date = mlg_record_get_string (record, "last_update");

  if (date == NULL || strlen (date) < 4)
    return 0;
  return g_ascii_strtoll (date, NULL, 10);
}

char *
mlg_sheet_builder_with_year (MlgSheetBuilder *b,
                             gint64           value,
                             gint64           year)
{
  g_autofree char *number = mlg_sheet_builder_integer (b, value);

  if (year <= 0)
    return g_steal_pointer (&number);
  return g_strdup_printf ("%s (%" G_GINT64_FORMAT ")", number, year);
}

void
mlg_sheet_builder_events (MlgSheetBuilder *b,
                          GPtrArray       *events,
                          gboolean         with_commune)
{
  static const double widths_commune[] = { 0.46, 0.18, 0.18, 0.18 };
  static const double widths[] = { 0.5, 0.2, 0.3 };
  const MlgKind *kind = mlg_kind_get (MLG_KIND_EVENT);
  guint n_columns = with_commune ? 4 : 3;
  MlgSheetTable *table;

  if (events == NULL || events->len == 0)
    return;
  table = mlg_sheet_add_table (b->sheet, n_columns, with_commune ? widths_commune : widths,
                               MLG_SHEET_TABLE_HEADER | MLG_SHEET_TABLE_RULES);
  mlg_sheet_table_set_column (table, n_columns - 1, MLG_SHEET_STYLE_SMALL, PANGO_ALIGN_RIGHT);
  mlg_sheet_table_add_string (table, mlg_kind_label_one (kind));
  mlg_sheet_table_add_string (table, mlg_sheet_builder_label (MLG_KIND_EVENT, "date"));
  if (with_commune)
    mlg_sheet_table_add_string (table, mlg_sheet_builder_label (MLG_KIND_EVENT, "commune"));
  mlg_sheet_table_add_string (table, C_("sheet", "Attendance (year)"));

  for (guint i = 0; i < events->len; i++)
    {
      MlgRecord *e = g_ptr_array_index (events, i);
      const char *date = mlg_record_get_string (e, "date");
      gint64 year = mlg_record_get_int (e, "year", date ? g_ascii_strtoll (date, NULL, 10) : 0);
      gint64 attendance = mlg_record_get_int (e, "attendance", -1);
      g_autofree char *when = NULL;
      g_autofree char *people = NULL;

      if (date)
        when = mlg_sheet_builder_date (b, date);
      else if (year > 0)
        when = g_strdup_printf ("%" G_GINT64_FORMAT, year);
      else
        when = mlg_sheet_builder_choice (b, e, "recurrence");
      /* Every count says its year: the event's, or that of the record. */
      if (attendance >= 0)
        people = mlg_sheet_builder_with_year (b, attendance, year > 0 ? year : mlg_sheet_builder_update_year (e));

      mlg_sheet_table_add_cell (table, mlg_sheet_builder_styled (b, mlg_record_get_title (e)));
      mlg_sheet_table_add_string (table, when);
      if (with_commune)
        mlg_sheet_table_add_string (table, mlg_sheet_builder_title_of (b, mlg_record_get_string (e, "commune")));
      mlg_sheet_table_add_string (table, people);
    }
}

/* Sorting folds each name once, not at each comparison: the directory
 * of a large file sorts thousands of names. */
typedef struct {
  char      *key;
  MlgRecord *record;
} SortEntry;

static int
compare_sort_entries (gconstpointer a,
                      gconstpointer b)
{
  const SortEntry *x = a, *y = b;
  int order = strcmp (x->key, y->key);

  return order ? order : g_strcmp0 (mlg_record_get_id (x->record), mlg_record_get_id (y->record));
}

void
mlg_sheet_builder_sort (GPtrArray *records)
{
  g_autofree SortEntry *entries = NULL;

  if (records->len < 2)
    return;
  entries = g_new (SortEntry, records->len);
  for (guint i = 0; i < records->len; i++)
    {
      entries[i].record = g_ptr_array_index (records, i);
      entries[i].key = mlg_text_fold (mlg_record_get_title (entries[i].record));
    }
  qsort (entries, records->len, sizeof (SortEntry), compare_sort_entries);
  for (guint i = 0; i < records->len; i++)
    {
      records->pdata[i] = entries[i].record;
      g_free (entries[i].key);
    }
}

GPtrArray *
mlg_sheet_builder_sorted (MlgSheetBuilder *b,
                          MlgKindId        kind)
{
  GListModel *model = mlg_document_get_records (b->document, kind);
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    g_ptr_array_add (records, g_list_model_get_item (model, i));
  mlg_sheet_builder_sort (records);
  return records;
}

GPtrArray *
mlg_sheet_builder_referrers (MlgSheetBuilder *b,
                             MlgRecord       *target,
                             MlgKindId        kind)
{
  GPtrArray *records = mlg_document_find_referrers (b->document, target, kind);

  mlg_sheet_builder_sort (records);
  return records;
}

gboolean
mlg_sheet_builder_inside (MlgSheetBuilder *b,
                          const char      *id,
                          const char      *within)
{
  for (guint depth = 0; id && depth < 16; depth++)
    {
      MlgRecord *territory;

      if (g_strcmp0 (id, within) == 0)
        return TRUE;
      territory = mlg_document_lookup_kind (b->document, MLG_KIND_TERRITORY, id);
      id = territory ? mlg_record_get_string (territory, "parent") : NULL;
    }
  return FALSE;
}

const char *
mlg_sheet_builder_latest_update (MlgSheetBuilder *b)
{
  const char *latest = NULL;

  for (guint kind = 0; kind < MLG_N_KINDS; kind++)
    {
      GListModel *model = mlg_document_get_records (b->document, kind);

      for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
        {
          g_autoptr(MlgRecord) record = g_list_model_get_item (model, i);
          const char *date = mlg_record_get_string (record, "last_update");

          if (date && g_strcmp0 (date, latest) > 0)
            latest = date;
        }
    }
  return latest;
}
