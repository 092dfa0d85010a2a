/* mlg-sheet-territory.c — a territory's sheet
 *
 * Population, the territories it holds, structures and establishments by
 * pole, the coverage of poles (which are missing: the "zones blanches"),
 * per 1,000 inhabitants, and the key figures of what is located there.
 * What is "located" where, and how figures add up, is the model's
 * definition (mlg-territory-stats.h): the sheet says what the window's
 * territory page says.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mlg-sheet-builder.h"
#include "mlg-sheets.h"
#include "mlg-territory-stats.h"

static MlgSheetText *
count_cell (MlgSheetBuilder *b,
            guint            n)
{
  g_autofree char *text = n ? mlg_sheet_builder_integer (b, n) : g_strdup ("—");

  return mlg_sheet_text_new (text);
}

static char *
rate_text (MlgSheetBuilder *b,
           double           rate)
{
  /* Two decimals on every line, so that the column reads evenly. */
  return isnan (rate) ? g_strdup ("—") : mlg_typography_fixed (b->typo, rate, 2);
}

/* The header of a column of rates, with the year of the population they
 * are computed from. */
static char *
per_1000_label (MlgRecord *territory)
{
  gint64 year = mlg_record_get_int (territory, "population_year", 0);
  g_autofree char *y = NULL;

  if (year <= 0)
    return g_strdup (C_("sheet", "Per 1,000 inhab."));
  y = g_strdup_printf ("%" G_GINT64_FORMAT, year);
  /* Translators: a column header; %s is the year of the population. */
  return g_strdup_printf (C_("sheet", "Per 1,000 inhab. (%s)"), y);
}

static void
add_identity (MlgSheetBuilder *b,
              MlgRecord       *t)
{
  g_autofree char *level = mlg_sheet_builder_choice (b, t, "level");
  g_autofree char *epci = mlg_sheet_builder_choice (b, t, "epci_type");
  g_autofree char *descriptors = mlg_sheet_builder_choices (b, t, "descriptors");
  g_autofree char *population = mlg_sheet_builder_population (b, t);
  g_autofree char *parent = mlg_sheet_builder_place (b, mlg_record_get_string (t, "parent"));
  g_auto(GStrv) postcodes = mlg_record_dup_strv (t, "postcodes");
  g_autofree char *postcode_list = mlg_sheet_builder_join (b, postcodes);
  gint64 vintage = mlg_record_get_int (t, "reference_year", 0);
  g_autofree char *code = NULL;

  if (mlg_record_get_string (t, "code"))
    code = vintage > 0 ? g_strdup_printf ("%s (%" G_GINT64_FORMAT ")", mlg_record_get_string (t, "code"), vintage)
                       : g_strdup (mlg_record_get_string (t, "code"));

  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_TERRITORY, "level"), level);
  mlg_sheet_builder_field_raw (b, mlg_sheet_builder_label (MLG_KIND_TERRITORY, "code"), code);
  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_TERRITORY, "population"), population);
  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_TERRITORY, "epci_type"), epci);
  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_TERRITORY, "parent"), parent);
  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_TERRITORY, "postcodes"), postcode_list);
  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_TERRITORY, "descriptors"), descriptors);
  mlg_sheet_builder_fields_end (b);
}

static void
add_counts (MlgSheetBuilder *b,
            MlgRecord       *t)
{
  static const MlgKindId kinds[] = { MLG_KIND_STRUCTURE, MLG_KIND_ESTABLISHMENT, MLG_KIND_PROJECT, MLG_KIND_EVENT };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) located = mlg_territory_find_located (b->document, t, kinds[k]);
      g_autofree char *count = mlg_sheet_builder_integer (b, located->len);

      mlg_sheet_builder_field_text (b, mlg_kind_label (mlg_kind_get (kinds[k])), count);
    }
  mlg_sheet_builder_heading (b, C_("sheet", "In the directory"));
  mlg_sheet_builder_fields_end (b);
}

static void
add_children (MlgSheetBuilder   *b,
              MlgTerritoryIndex *index,
              MlgRecord         *t)
{
  static const double widths[] = { 0.33, 0.17, 0.2, 0.15, 0.15 };
  g_autoptr(GPtrArray) children = mlg_territory_index_get_children (index, t);
  MlgSheetTable *table;

  if (children == NULL || children->len == 0)
    return;
  mlg_sheet_builder_heading (b, C_("sheet", "Territories within"));
  table = mlg_sheet_add_table (b->sheet, 5, widths, MLG_SHEET_TABLE_HEADER | MLG_SHEET_TABLE_RULES);
  for (guint c = 2; c < 5; c++)
    mlg_sheet_table_set_column (table, c, MLG_SHEET_STYLE_SMALL, PANGO_ALIGN_RIGHT);
  mlg_sheet_table_add_string (table, mlg_kind_label_one (mlg_kind_get (MLG_KIND_TERRITORY)));
  mlg_sheet_table_add_string (table, mlg_sheet_builder_label (MLG_KIND_TERRITORY, "level"));
  mlg_sheet_table_add_string (table, C_("sheet", "Population (year)"));
  mlg_sheet_table_add_string (table, mlg_kind_label (mlg_kind_get (MLG_KIND_STRUCTURE)));
  mlg_sheet_table_add_string (table, mlg_kind_label (mlg_kind_get (MLG_KIND_ESTABLISHMENT)));

  for (guint i = 0; i < children->len; i++)
    {
      MlgRecord *child = g_ptr_array_index (children, i);
      g_autoptr(GPtrArray) structures = mlg_territory_find_located (b->document, child, MLG_KIND_STRUCTURE);
      g_autoptr(GPtrArray) establishments = mlg_territory_find_located (b->document, child, MLG_KIND_ESTABLISHMENT);
      g_autofree char *level = mlg_sheet_builder_choice (b, child, "level");
      g_autofree char *population = mlg_sheet_builder_population (b, child);

      mlg_sheet_table_add_cell (table, mlg_sheet_builder_styled (b, mlg_record_get_title (child)));
      mlg_sheet_table_add_string (table, level);
      mlg_sheet_table_add_string (table, population ? population : "—");
      mlg_sheet_table_add_cell (table, count_cell (b, structures->len));
      mlg_sheet_table_add_cell (table, count_cell (b, establishments->len));
    }
}

static MlgSheetText *
name_list (MlgSheetBuilder *b,
           GPtrArray       *records,
           gboolean         with_commune)
{
  MlgSheetText *text = mlg_sheet_text_new (NULL);

  for (guint i = 0; records && i < records->len; i++)
    {
      MlgRecord *r = g_ptr_array_index (records, i);
      g_autofree char *name = mlg_sheet_builder_text (b, mlg_record_get_title (r));
      const char *commune = mlg_record_get_string (r, "commune");

      if (i > 0)
        mlg_sheet_text_append (text, MLG_SHEET_SPAN_NORMAL, "\n");
      mlg_sheet_text_append (text, MLG_SHEET_SPAN_NORMAL, name);
      if (with_commune && commune)
        {
          g_autofree char *where = g_strdup_printf (" (%s)", mlg_sheet_builder_title_of (b, commune));
          mlg_sheet_text_append (text, MLG_SHEET_SPAN_MUTED, where);
        }
    }
  if (mlg_sheet_text_is_empty (text))
    {
      mlg_sheet_text_free (text);
      return NULL;
    }
  return text;
}

static void
add_by_pole (MlgSheetBuilder *b,
             GPtrArray       *groups)
{
  static const double widths[] = { 0.24, 0.34, 0.42 };
  MlgSheetTable *table;

  if (groups->len == 0)
    return;
  mlg_sheet_builder_heading (b, C_("sheet", "Structures and establishments by pole"));
  table = mlg_sheet_add_table (b->sheet, 3, widths, MLG_SHEET_TABLE_HEADER | MLG_SHEET_TABLE_RULES);
  mlg_sheet_table_add_string (table, mlg_kind_label_one (mlg_kind_get (MLG_KIND_POLE)));
  mlg_sheet_table_add_string (table, mlg_kind_label (mlg_kind_get (MLG_KIND_STRUCTURE)));
  mlg_sheet_table_add_string (table, mlg_kind_label (mlg_kind_get (MLG_KIND_ESTABLISHMENT)));

  for (guint g = 0; g < groups->len; g++)
    {
      MlgPoleGroup *group = g_ptr_array_index (groups, g);
      MlgSheetText *name = mlg_sheet_text_new (NULL);
      g_autofree char *text = mlg_sheet_builder_text (b, group->pole ? mlg_record_get_title (group->pole)
                                                                     : C_("sheet", "No pole"));

      mlg_sheet_text_append (name, MLG_SHEET_SPAN_BOLD, text);
      mlg_sheet_table_add_cell (table, name);
      mlg_sheet_table_add_cell (table, name_list (b, group->structures, FALSE));
      mlg_sheet_table_add_cell (table, name_list (b, group->establishments, TRUE));
    }
}

static void
add_coverage (MlgSheetBuilder *b,
              MlgRecord       *territory,
              GPtrArray       *groups)
{
  static const double widths[] = { 0.43, 0.15, 0.15, 0.27 };
  gint64 population = mlg_record_get_int (territory, "population", -1);
  g_autoptr(GPtrArray) poles = mlg_sheet_builder_sorted (b, MLG_KIND_POLE);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *rate_label = NULL;
  MlgSheetTable *table;

  if (poles->len == 0)
    return;
  mlg_sheet_builder_heading (b, C_("sheet", "Coverage of poles"));
  table = mlg_sheet_add_table (b->sheet, 4, widths, MLG_SHEET_TABLE_HEADER | MLG_SHEET_TABLE_RULES | MLG_SHEET_TABLE_ZEBRA);
  for (guint c = 1; c < 4; c++)
    mlg_sheet_table_set_column (table, c, MLG_SHEET_STYLE_SMALL, PANGO_ALIGN_RIGHT);
  rate_label = per_1000_label (territory);

  mlg_sheet_table_add_string (table, mlg_kind_label_one (mlg_kind_get (MLG_KIND_POLE)));
  mlg_sheet_table_add_string (table, mlg_kind_label (mlg_kind_get (MLG_KIND_STRUCTURE)));
  mlg_sheet_table_add_string (table, mlg_kind_label (mlg_kind_get (MLG_KIND_ESTABLISHMENT)));
  mlg_sheet_table_add_cell (table, mlg_sheet_builder_styled (b, rate_label));

  for (guint p = 0; p < poles->len; p++)
    {
      MlgRecord *pole = g_ptr_array_index (poles, p);
      guint n_structures = 0, n_establishments = 0;
      g_autofree char *rate = NULL;

      for (guint g = 0; g < groups->len; g++)
        {
          MlgPoleGroup *group = g_ptr_array_index (groups, g);
          if (group->pole == pole)
            {
              n_structures = group->structures ? group->structures->len : 0;
              n_establishments = group->establishments ? group->establishments->len : 0;
            }
        }
      if (n_structures + n_establishments == 0)
        g_ptr_array_add (missing, (gpointer) mlg_record_get_title (pole));
      rate = rate_text (b, mlg_per_1000 (n_structures + n_establishments, population));

      mlg_sheet_table_add_cell (table, mlg_sheet_builder_styled (b, mlg_record_get_title (pole)));
      mlg_sheet_table_add_cell (table, count_cell (b, n_structures));
      mlg_sheet_table_add_cell (table, count_cell (b, n_establishments));
      mlg_sheet_table_add_string (table, rate);
    }

  if (missing->len)
    {
      g_autofree char *list = NULL;
      g_autofree char *text = NULL;

      g_ptr_array_add (missing, NULL);
      list = g_strjoinv (", ", (char **) missing->pdata);
      /* Translators: %s is a list of poles. */
      text = g_strdup_printf (C_("sheet", "Poles absent from this territory: %s."), list);
      mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_BODY, text);
    }
  else
    mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_BODY, C_("sheet", "Every pole is present in this territory."));
  mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_NOTE,
                               C_("sheet", "Per 1,000 inhabitants: the structures and establishments of the pole for 1,000 inhabitants of the territory."));
}

static void
add_figures (MlgSheetBuilder *b,
             MlgRecord       *territory)
{
  static const double widths[] = { 0.36, 0.2, 0.12, 0.1, 0.22 };
  g_autoptr(GPtrArray) totals = mlg_territory_key_figures (b->document, territory);
  g_autofree char *rate_label = NULL;
  MlgSheetTable *table;

  if (totals->len == 0)
    return;
  mlg_sheet_builder_heading (b, C_("sheet", "Aggregated figures"));
  table = mlg_sheet_add_table (b->sheet, 5, widths, MLG_SHEET_TABLE_HEADER | MLG_SHEET_TABLE_RULES | MLG_SHEET_TABLE_ZEBRA);
  for (guint c = 1; c < 5; c++)
    mlg_sheet_table_set_column (table, c, MLG_SHEET_STYLE_SMALL, PANGO_ALIGN_RIGHT);
  rate_label = per_1000_label (territory);

  mlg_sheet_table_add_string (table, C_("sheet", "Indicator"));
  mlg_sheet_table_add_string (table, C_("sheet", "Total"));
  mlg_sheet_table_add_string (table, C_("sheet", "Year"));
  mlg_sheet_table_add_string (table, C_("sheet", "Records"));
  mlg_sheet_table_add_cell (table, mlg_sheet_builder_styled (b, rate_label));

  for (guint i = 0; i < totals->len; i++)
    {
      MlgFigureTotal *total = g_ptr_array_index (totals, i);
      g_autofree char *value = mlg_typography_quantity (b->typo, total->value, total->unit);
      g_autofree char *years = NULL;
      g_autofree char *rate = g_strcmp0 (total->unit, "€") == 0 && !isnan (total->per_1000)
                              ? mlg_typography_amount (b->typo, total->per_1000)
                              : rate_text (b, total->per_1000);
      g_autofree char *count = mlg_sheet_builder_integer (b, total->n_records);

      if (total->first_year > 0 && total->first_year != total->last_year)
        years = g_strdup_printf ("%d–%d", total->first_year, total->last_year);
      else if (total->last_year > 0)
        years = g_strdup_printf ("%d", total->last_year);
      mlg_sheet_table_add_cell (table, mlg_sheet_builder_styled (b, total->label));
      mlg_sheet_table_add_string (table, value);
      mlg_sheet_table_add_string (table, years ? years : C_("sheet", "not given"));
      mlg_sheet_table_add_string (table, count);
      mlg_sheet_table_add_string (table, rate);
    }
  mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_NOTE,
                               C_("sheet", "For each indicator, the sum of the latest figure of each structure and establishment located in the territory, with the years they come from; a structure's figure includes its establishments'."));
}

static void
add_projects_and_events (MlgSheetBuilder *b,
                         MlgRecord       *territory)
{
  static const double widths[] = { 0.5, 0.2, 0.3 };
  g_autoptr(GPtrArray) projects = mlg_territory_find_located (b->document, territory, MLG_KIND_PROJECT);
  g_autoptr(GPtrArray) events = mlg_territory_find_located (b->document, territory, MLG_KIND_EVENT);
  MlgSheetTable *table;

  if (projects->len + events->len == 0)
    return;
  mlg_sheet_builder_heading (b, C_("sheet", "Projects and events"));

  if (projects->len)
    {
      table = mlg_sheet_add_table (b->sheet, 3, widths, MLG_SHEET_TABLE_HEADER | MLG_SHEET_TABLE_RULES);
      mlg_sheet_table_add_string (table, mlg_kind_label_one (mlg_kind_get (MLG_KIND_PROJECT)));
      mlg_sheet_table_add_string (table, mlg_sheet_builder_label (MLG_KIND_PROJECT, "stage"));
      mlg_sheet_table_add_string (table, mlg_sheet_builder_label (MLG_KIND_PROJECT, "holders"));
      for (guint i = 0; i < projects->len; i++)
        {
          MlgRecord *p = g_ptr_array_index (projects, i);
          g_autofree char *stage = mlg_sheet_builder_choice (b, p, "stage");
          g_autofree char *holders = mlg_sheet_builder_ref_list (b, p, "holders");

          mlg_sheet_table_add_cell (table, mlg_sheet_builder_styled (b, mlg_record_get_title (p)));
          mlg_sheet_table_add_string (table, stage);
          mlg_sheet_table_add_cell (table, holders ? mlg_sheet_builder_styled (b, holders) : NULL);
        }
    }

  mlg_sheet_builder_events (b, events, FALSE);
}

MlgSheet *
mlg_sheet_new_territory (MlgDocument *document,
                         MlgRecord   *territory)
{
  MlgRecord *ecosystem = mlg_document_get_ecosystem (document);
  /* Translators: the title of a territory's sheet; %s is its name. */
  g_autofree char *title = g_strdup_printf (C_("sheet", "Territory sheet — %s"), mlg_record_get_title (territory));
  MlgSheet *sheet = mlg_sheet_new (title, mlg_record_get_title (ecosystem));
  g_autoptr(MlgTerritoryIndex) index = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *note = NULL;
  g_autofree char *running = NULL;
  g_autofree char *level = NULL;
  MlgSheetBuilder b;

  g_return_val_if_fail (mlg_record_get_kind_id (territory) == MLG_KIND_TERRITORY, sheet);

  mlg_sheet_builder_init (&b, sheet, document);
  mlg_sheet_set_metadata (sheet, mlg_record_get_title (ecosystem), C_("sheet", "Territory sheet"), NULL);
  note = mlg_sheet_builder_update_note (&b, mlg_sheet_builder_latest_update (&b));
  running = mlg_sheet_builder_text (&b, title);
  mlg_sheet_add_mark (sheet, running, note);

  index = mlg_territory_index_new (document);
  groups = mlg_territory_group_by_pole (document, territory);

  level = mlg_sheet_builder_choice (&b, territory, "level");
  mlg_sheet_builder_title (&b, C_("sheet", "Territory sheet"), mlg_record_get_title (territory), level);
  add_identity (&b, territory);
  mlg_sheet_builder_long_text (&b, mlg_record_get_string (territory, "description"));
  add_counts (&b, territory);
  add_children (&b, index, territory);
  add_by_pole (&b, groups);
  add_coverage (&b, territory, groups);
  add_figures (&b, territory);
  add_projects_and_events (&b, territory);

  mlg_sheet_builder_clear (&b);
  return sheet;
}
