/* mlg-sheet-ptce.c — the PTCE's own sheet, as a "fiche d'expérience"
 *
 * Follows the headings of the sector's experience sheets (Cap Rural):
 * context and presentation, milestones, results, points of interest,
 * lessons learned, contact, themes, keywords, territory concerned,
 * funding, author of the sheet, last update; with the key figures, the
 * governance and the members by circle, which visitors ask about.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mlg-sheet-builder.h"
#include "mlg-sheets.h"

static void
add_long_section (MlgSheetBuilder *b,
                  MlgRecord       *ecosystem,
                  const char      *key,
                  const char      *heading)
{
  const char *text = mlg_record_get_string (ecosystem, key);

  if (text == NULL || *text == '\0')
    return;
  mlg_sheet_builder_heading (b, heading);
  mlg_sheet_builder_long_text (b, text);
}

static void
add_milestones (MlgSheetBuilder *b,
                MlgRecord       *ecosystem)
{
  static const double widths[] = { 0.09, 0.91 };
  JsonArray *milestones = mlg_record_get_array (ecosystem, "milestones");
  MlgSheetTable *table;

  if (milestones == NULL || json_array_get_length (milestones) == 0)
    return;
  mlg_sheet_builder_heading (b, C_("sheet", "Milestones"));
  table = mlg_sheet_add_table (b->sheet, 2, widths, MLG_SHEET_TABLE_GRID);
  mlg_sheet_table_set_column (table, 0, MLG_SHEET_STYLE_BODY, PANGO_ALIGN_LEFT);
  mlg_sheet_table_set_column (table, 1, MLG_SHEET_STYLE_BODY, PANGO_ALIGN_LEFT);
  for (guint i = 0; i < json_array_get_length (milestones); i++)
    {
      JsonNode *node = json_array_get_element (milestones, i);
      JsonObject *row;
      gint64 year;
      g_autofree char *y = NULL;
      MlgSheetText *when;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      row = json_node_get_object (node);
      year = json_object_get_int_member_with_default (row, "year", 0);
      y = year > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, year) : g_strdup ("—");
      when = mlg_sheet_text_new (NULL);
      mlg_sheet_text_append (when, MLG_SHEET_SPAN_ACCENT, y);
      mlg_sheet_table_add_cell (table, when);
      mlg_sheet_table_add_cell (table, mlg_sheet_builder_styled (b, json_object_get_string_member_with_default (row, "label", "")));
    }
}

static void
add_governance (MlgSheetBuilder *b,
                MlgRecord       *ecosystem)
{
  g_auto(GStrv) colleges = mlg_record_dup_strv (ecosystem, "governance_colleges");
  const char *charter = mlg_record_get_string (ecosystem, "governance_charter");

  if (colleges[0] == NULL && (charter == NULL || *charter == '\0'))
    return;
  mlg_sheet_builder_heading (b, C_("sheet", "Governance"));
  if (colleges[0])
    {
      mlg_sheet_builder_subheading (b, mlg_sheet_builder_label (MLG_KIND_ECOSYSTEM, "governance_colleges"));
      mlg_sheet_builder_bullets (b, colleges);
    }
  mlg_sheet_builder_long_text (b, charter);
}

static void
add_members (MlgSheetBuilder *b)
{
  const MlgField *circle = mlg_kind_find_field (mlg_kind_get (MLG_KIND_STRUCTURE), "circle");
  g_autoptr(GPtrArray) structures = mlg_sheet_builder_sorted (b, MLG_KIND_STRUCTURE);

  for (const MlgChoice *c = circle->choices; c->key; c++)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (guint i = 0; i < structures->len; i++)
        if (g_strcmp0 (mlg_record_get_string (g_ptr_array_index (structures, i), "circle"), c->key) == 0)
          g_ptr_array_add (names, (gpointer) mlg_record_get_title (g_ptr_array_index (structures, i)));
      if (names->len == 0)
        continue;
      g_ptr_array_add (names, NULL);
      list = g_strjoinv (", ", (char **) names->pdata);
      mlg_sheet_builder_wide_field (b, g_dgettext (GETTEXT_PACKAGE, c->label), mlg_sheet_builder_styled (b, list));
    }
  if (b->fields->len == 0)
    return;
  mlg_sheet_builder_heading (b, C_("sheet", "Members and partners by circle"));
  mlg_sheet_builder_fields_end (b);
}

static void
add_contact (MlgSheetBuilder *b,
             MlgRecord       *ecosystem)
{
  MlgRecord *person = mlg_document_lookup_kind (b->document, MLG_KIND_PERSON,
                                                mlg_record_get_string (ecosystem, "contact_person") ?: "");
  g_autofree char *phone = mlg_typography_phone (mlg_record_get_string (ecosystem, "phone"));

  if (person)
    {
      JsonArray *roles = mlg_record_get_array (person, "roles");
      MlgSheetText *who = mlg_sheet_text_new (NULL);
      g_autofree char *name = mlg_sheet_builder_text (b, mlg_record_get_title (person));

      mlg_sheet_text_append (who, MLG_SHEET_SPAN_BOLD, name);
      for (guint i = 0, n = roles ? json_array_get_length (roles) : 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (roles, i);
          JsonObject *role;
          g_autofree char *text = NULL;
          g_autofree char *line = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          role = json_node_get_object (node);
          /* Translators: a person's role in a structure: "Chargée de mission animation, Domb'Innov". */
          line = g_strdup_printf (C_("sheet", "%s, %s"),
                                  json_object_get_string_member_with_default (role, "role", ""),
                                  mlg_sheet_builder_title_of (b, json_object_get_string_member_with_default (role, "structure", "")));
          text = mlg_sheet_builder_text (b, line);
          mlg_sheet_text_append (who, MLG_SHEET_SPAN_NORMAL, "\n");
          mlg_sheet_text_append (who, MLG_SHEET_SPAN_NORMAL, text);
        }
      mlg_sheet_builder_wide_field (b, mlg_kind_label_one (mlg_kind_get (MLG_KIND_PERSON)), who);
      mlg_sheet_builder_field_raw (b, mlg_sheet_builder_label (MLG_KIND_PERSON, "email"), mlg_record_get_string (person, "email"));
    }
  mlg_sheet_builder_field_raw (b, mlg_sheet_builder_label (MLG_KIND_ECOSYSTEM, "email"), mlg_record_get_string (ecosystem, "email"));
  mlg_sheet_builder_field_raw (b, mlg_sheet_builder_label (MLG_KIND_ECOSYSTEM, "phone"), phone);
  mlg_sheet_builder_field_raw (b, mlg_sheet_builder_label (MLG_KIND_ECOSYSTEM, "website"), mlg_record_get_string (ecosystem, "website"));
  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_ECOSYSTEM, "address"), mlg_record_get_string (ecosystem, "address"));
  if (b->fields->len == 0)
    return;
  mlg_sheet_builder_heading (b, C_("sheet", "To find out more, contact"));
  mlg_sheet_builder_fields_end (b);
}

static void
add_themes (MlgSheetBuilder *b,
            MlgRecord       *ecosystem)
{
  g_auto(GStrv) themes = mlg_record_dup_strv (ecosystem, "themes");
  g_auto(GStrv) keywords = mlg_record_dup_strv (ecosystem, "keywords");
  g_auto(GStrv) territories = mlg_record_dup_strv (ecosystem, "territories");
  g_autofree char *theme_list = themes[0] ? g_strjoinv (", ", themes) : NULL;
  g_autofree char *keyword_list = keywords[0] ? g_strjoinv (" · ", keywords) : NULL;
  const char *label = mlg_record_get_string (ecosystem, "territory_label");
  MlgSheetText *where = NULL;

  if (label || territories[0])
    {
      where = label ? mlg_sheet_builder_styled (b, label) : mlg_sheet_text_new (NULL);
      for (guint i = 0; territories[i]; i++)
        {
          MlgRecord *t = mlg_document_lookup_kind (b->document, MLG_KIND_TERRITORY, territories[i]);
          g_autofree char *population = t ? mlg_sheet_builder_population (b, t) : NULL;
          g_autofree char *line = NULL;
          g_autofree char *text = NULL;

          line = population ? g_strdup_printf ("%s — %s", mlg_sheet_builder_title_of (b, territories[i]), population)
                            : g_strdup (mlg_sheet_builder_title_of (b, territories[i]));
          text = mlg_sheet_builder_text (b, line);
          if (!mlg_sheet_text_is_empty (where))
            mlg_sheet_text_append (where, MLG_SHEET_SPAN_NORMAL, "\n");
          mlg_sheet_text_append (where, MLG_SHEET_SPAN_MUTED, "• ");
          mlg_sheet_text_append (where, MLG_SHEET_SPAN_NORMAL, text);
        }
    }

  mlg_sheet_builder_wide_field (b, C_("sheet", "Themes"), theme_list ? mlg_sheet_builder_styled (b, theme_list) : NULL);
  mlg_sheet_builder_wide_field (b, C_("sheet", "Keywords"), keyword_list ? mlg_sheet_builder_styled (b, keyword_list) : NULL);
  mlg_sheet_builder_wide_field (b, C_("sheet", "Territory concerned"), where);
  if (b->fields->len == 0)
    return;
  mlg_sheet_builder_heading (b, C_("sheet", "Themes, keywords and territory"));
  mlg_sheet_builder_fields_end (b);
}

static void
add_funding (MlgSheetBuilder *b)
{
  const MlgField *kind = mlg_kind_find_field (mlg_kind_get (MLG_KIND_FUNDING), "kind");
  g_autoptr(GPtrArray) funding = mlg_sheet_builder_sorted (b, MLG_KIND_FUNDING);
  gboolean heading = FALSE;

  if (funding->len == 0)
    return;
  /* By kind, in the order of the declaration; those of no kind last. */
  for (const MlgChoice *c = kind->choices; ; c++)
    {
      gboolean sub = FALSE;

      for (guint i = 0; i < funding->len; i++)
        {
          MlgRecord *f = g_ptr_array_index (funding, i);
          const char *k = mlg_record_get_string (f, "kind");
          const char *funder = mlg_record_get_string (f, "funder");
          const char *beneficiary = mlg_record_get_string (f, "beneficiary");
          g_autofree char *period = mlg_sheet_builder_years (b, mlg_record_get_int (f, "year_start", 0),
                                                             mlg_record_get_int (f, "year_end", 0));
          g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
          MlgSheetText *item;

          if (c->key ? g_strcmp0 (k, c->key) != 0 : mlg_field_find_choice (kind, k) != NULL)
            continue;
          if (!heading)
            mlg_sheet_builder_heading (b, C_("sheet", "Funding"));
          heading = TRUE;
          if (!sub)
            mlg_sheet_builder_subheading (b, c->key ? g_dgettext (GETTEXT_PACKAGE, c->label) : C_("sheet", "Other funding"));
          sub = TRUE;

          if (funder)
            g_ptr_array_add (details, g_strdup_printf (C_("sheet", "from %s"), mlg_sheet_builder_title_of (b, funder)));
          if (beneficiary)
            g_ptr_array_add (details, g_strdup_printf (C_("sheet", "to %s"), mlg_sheet_builder_title_of (b, beneficiary)));
          if (mlg_record_has_value (f, "amount"))
            {
              g_autofree char *amount = mlg_sheet_builder_amount (b, mlg_record_get_double (f, "amount", 0));
              gint64 year = mlg_sheet_builder_update_year (f);

              if (period == NULL && year > 0)
                g_ptr_array_add (details, g_strdup_printf ("%s (%" G_GINT64_FORMAT ")", amount, year));
              else
                g_ptr_array_add (details, g_steal_pointer (&amount));
            }
          if (period)
            g_ptr_array_add (details, g_steal_pointer (&period));

          item = mlg_sheet_builder_styled (b, mlg_record_get_title (f));
          if (details->len)
            {
              g_autofree char *joined = NULL;
              g_autofree char *text = NULL;

              g_ptr_array_add (details, NULL);
              joined = g_strjoinv (", ", (char **) details->pdata);
              text = mlg_sheet_builder_text (b, joined);
              mlg_sheet_text_append (item, MLG_SHEET_SPAN_MUTED, " — ");
              mlg_sheet_text_append (item, MLG_SHEET_SPAN_MUTED, text);
            }
          mlg_sheet_add_bullet (b->sheet, MLG_SHEET_STYLE_SMALL, item);
        }
      if (c->key == NULL)
        break;
    }
}

MlgSheet *
mlg_sheet_new_ptce (MlgDocument *document)
{
  MlgRecord *ecosystem = mlg_document_get_ecosystem (document);
  const char *name = mlg_record_get_title (ecosystem);
  const char *author = mlg_record_get_string (ecosystem, "sheet_author");
  /* Translators: the title of the PTCE's own sheet; %s is its name. */
  g_autofree char *title = g_strdup_printf (C_("sheet", "Experience sheet — %s"), name);
  g_auto(GStrv) keywords = mlg_record_dup_strv (ecosystem, "keywords");
  g_auto(GStrv) aliases = mlg_record_dup_strv (ecosystem, "aliases");
  g_auto(GStrv) missions = mlg_record_dup_strv (ecosystem, "missions");
  g_autofree char *keyword_list = g_strjoinv (", ", keywords);
  g_autofree char *note = NULL;
  g_autofree char *running = NULL;
  g_autofree char *year = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *update = NULL;
  MlgSheet *sheet = mlg_sheet_new (title, name);
  MlgSheetBuilder b;
  JsonArray *figures = mlg_record_get_array (ecosystem, "figures");

  mlg_sheet_builder_init (&b, sheet, document);
  mlg_sheet_set_metadata (sheet, author && *author ? author : name, C_("sheet", "Experience sheet"), keyword_list);
  note = mlg_sheet_builder_update_note (&b, mlg_record_get_string (ecosystem, "last_update"));
  running = mlg_sheet_builder_text (&b, title);
  mlg_sheet_add_mark (sheet, running, note);

  mlg_sheet_builder_title (&b, C_("sheet", "Experience sheet"), name, mlg_record_get_string (ecosystem, "territory_label"));

  if (mlg_record_get_int (ecosystem, "year_formalised", 0) > 0)
    year = g_strdup_printf ("%" G_GINT64_FORMAT, mlg_record_get_int (ecosystem, "year_formalised", 0));
  stage = mlg_sheet_builder_choice (&b, ecosystem, "stage");
  mlg_sheet_builder_field_text (&b, mlg_sheet_builder_label (MLG_KIND_ECOSYSTEM, "lead_structure"),
                                mlg_sheet_builder_title_of (&b, mlg_record_get_string (ecosystem, "lead_structure")));
  mlg_sheet_builder_field_raw (&b, mlg_sheet_builder_label (MLG_KIND_ECOSYSTEM, "year_formalised"), year);
  mlg_sheet_builder_field_text (&b, mlg_sheet_builder_label (MLG_KIND_ECOSYSTEM, "stage"), stage);
  if (aliases[0])
    {
      g_autofree char *list = g_strjoinv (" · ", aliases);
      mlg_sheet_builder_wide_field (&b, mlg_sheet_builder_label (MLG_KIND_ECOSYSTEM, "aliases"), mlg_sheet_builder_styled (&b, list));
    }
  mlg_sheet_builder_fields_end (&b);

  add_long_section (&b, ecosystem, "context", C_("sheet", "Context and presentation"));
  if (missions[0])
    {
      if (!mlg_record_has_value (ecosystem, "context"))
        mlg_sheet_builder_heading (&b, C_("sheet", "Context and presentation"));
      mlg_sheet_builder_subheading (&b, mlg_sheet_builder_label (MLG_KIND_ECOSYSTEM, "missions"));
      mlg_sheet_builder_bullets (&b, missions);
    }
  add_milestones (&b, ecosystem);
  add_long_section (&b, ecosystem, "results", C_("sheet", "Results"));
  if (figures && json_array_get_length (figures) > 0)
    {
      if (!mlg_record_has_value (ecosystem, "results"))
        mlg_sheet_builder_heading (&b, C_("sheet", "Results"));
      mlg_sheet_builder_subheading (&b, C_("sheet", "Key figures"));
      mlg_sheet_builder_figures (&b, figures, 4, NULL);
    }
  add_long_section (&b, ecosystem, "points_of_interest", C_("sheet", "Points of interest"));
  add_long_section (&b, ecosystem, "lessons", C_("sheet", "Lessons learned"));
  add_governance (&b, ecosystem);
  add_members (&b);
  add_contact (&b, ecosystem);
  add_themes (&b, ecosystem);
  add_funding (&b);

  update = mlg_sheet_builder_date (&b, mlg_record_get_string (ecosystem, "last_update"));
  mlg_sheet_builder_field_text (&b, C_("sheet", "Author of the sheet"), author);
  mlg_sheet_builder_field_text (&b, C_("sheet", "Last update"), *update ? update : C_("sheet", "not given"));
  mlg_sheet_builder_heading (&b, C_("sheet", "About this sheet"));
  mlg_sheet_builder_fields_end (&b);

  mlg_sheet_builder_clear (&b);
  return sheet;
}
