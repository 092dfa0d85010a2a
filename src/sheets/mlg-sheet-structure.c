/* mlg-sheet-structure.c — the fiche of one structure
 *
 * Identity, presentation and activities, where it works, key figures by
 * year with their sources, relations and partners by category, projects,
 * events, funding and shared services, people and contact. Sections with
 * nothing to say are left out, so that a structure known only by its name
 * still gives a tidy sheet.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mlg-sheet-builder.h"
#include "mlg-sheets.h"
#include "mlg-text.h"

/* Relations seen from their target: "Val Horizon → founding member of →
 * Domb'Innov" reads "Has as founding member: Val Horizon" on Domb'Innov's
 * sheet. Symmetric relations (no inverse) read the same from both sides,
 * so the sheet shows them once even when both sides declare them. */
static const struct {
  const char *type;
  const char *inverse;
} inverse_relations[] = {
  { "subsidiary_of",        NC_("sheet", "Parent of") },
  { "carried_by",           NC_("sheet", "Carries") },
  { "grew_out_of",          NC_("sheet", "Gave rise to") },
  { "founding_member_of",   NC_("sheet", "Has as founding member") },
  { "member_of",            NC_("sheet", "Has as member") },
  { "partner_of",           NULL },
  { "shares_services_with", NULL },
  { "governs",              NC_("sheet", "Governed by") },
  { "funds",                NC_("sheet", "Funded by") },
};

static gboolean
is_symmetric (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (inverse_relations); i++)
    if (g_strcmp0 (inverse_relations[i].type, type) == 0)
      return inverse_relations[i].inverse == NULL;
  return FALSE;
}

static const char *
inverse_label (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (inverse_relations); i++)
    if (g_strcmp0 (inverse_relations[i].type, type) == 0 && inverse_relations[i].inverse)
      return g_dpgettext2 (GETTEXT_PACKAGE, "sheet", inverse_relations[i].inverse);
  return type;
}

static gboolean
ref_list_contains (MlgRecord  *record,
                   const char *key,
                   const char *id)
{
  return mlg_record_list_contains (record, key, id);
}

/* Records of @kind that refer to @s and that @test accepts, sorted by
 * name. */
typedef gboolean (*RecordTest) (MlgRecord *record, const char *id);

static GPtrArray *
select_records (MlgSheetBuilder *b,
                MlgKindId        kind,
                RecordTest       test,
                MlgRecord       *s)
{
  GPtrArray *found = mlg_sheet_builder_referrers (b, s, kind);

  for (guint i = found->len; i-- > 0;)
    if (!test (g_ptr_array_index (found, i), mlg_record_get_id (s)))
      g_ptr_array_remove_index (found, i);
  return found;
}

static gboolean
is_establishment_of (MlgRecord *r, const char *id)
{
  return g_strcmp0 (mlg_record_get_string (r, "structure"), id) == 0;
}

static gboolean
is_project_of (MlgRecord *r, const char *id)
{
  return ref_list_contains (r, "holders", id);
}

static gboolean
is_event_of (MlgRecord *r, const char *id)
{
  return ref_list_contains (r, "organisers", id) || g_strcmp0 (mlg_record_get_string (r, "host"), id) == 0;
}

static gboolean
is_funding_of (MlgRecord *r, const char *id)
{
  return g_strcmp0 (mlg_record_get_string (r, "beneficiary"), id) == 0 ||
         g_strcmp0 (mlg_record_get_string (r, "funder"), id) == 0;
}

static gboolean
is_service_of (MlgRecord *r, const char *id)
{
  return g_strcmp0 (mlg_record_get_string (r, "provider"), id) == 0 || ref_list_contains (r, "beneficiaries", id);
}

/* Row @i of a table field if it is an object whose @key is @value (or
 * any object when @value is NULL); NULL otherwise. */
static JsonObject *
table_row (JsonArray  *rows,
           guint       i,
           const char *key,
           const char *value)
{
  JsonNode *node = json_array_get_element (rows, i);
  JsonObject *row;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  row = json_node_get_object (node);
  if (value && g_strcmp0 (json_object_get_string_member_with_default (row, key, NULL), value) != 0)
    return NULL;
  return row;
}

static gboolean
has_role_in (MlgRecord *r, const char *id)
{
  JsonArray *roles = mlg_record_get_array (r, "roles");

  for (guint i = 0, n = roles ? json_array_get_length (roles) : 0; i < n; i++)
    if (table_row (roles, i, "structure", id))
      return TRUE;
  return FALSE;
}

static void
add_identity (MlgSheetBuilder *b,
              MlgRecord       *s)
{
  g_autofree char *category = mlg_sheet_builder_choice (b, s, "category");
  g_autofree char *legal_form = mlg_sheet_builder_choice (b, s, "legal_form");
  g_autofree char *circle = mlg_sheet_builder_choice (b, s, "circle");
  g_autofree char *statuses = mlg_sheet_builder_choices (b, s, "statuses");
  g_autofree char *poles = mlg_sheet_builder_ref_list (b, s, "poles");
  g_auto(GStrv) themes = mlg_record_dup_strv (s, "themes");
  g_auto(GStrv) tags = mlg_record_dup_strv (s, "tags");
  g_autofree char *theme_list = mlg_sheet_builder_join (b, themes);
  g_autofree char *tag_list = mlg_sheet_builder_join (b, tags);
  gint64 created = mlg_record_get_int (s, "year_created", 0);
  g_autofree char *year = created > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, created) : NULL;

  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "legal_form"), legal_form);
  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "category"), category);
  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "circle"), circle);
  mlg_sheet_builder_field_raw (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "year_created"), year);
  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "poles"), poles);
  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "statuses"), statuses);
  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "themes"), theme_list);
  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "tags"), tag_list);
  mlg_sheet_builder_fields_end (b);
}

static gboolean
add_presentation (MlgSheetBuilder *b,
                  MlgRecord       *s)
{
  const char *description = mlg_record_get_string (s, "description");
  g_auto(GStrv) activities = mlg_record_dup_strv (s, "activities");

  if ((description == NULL || *description == '\0') && (activities == NULL || activities[0] == NULL))
    return FALSE;

  mlg_sheet_builder_heading (b, C_("sheet", "Presentation and activities"));
  mlg_sheet_builder_long_text (b, description);
  if (activities && activities[0])
    {
      mlg_sheet_builder_subheading (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "activities"));
      mlg_sheet_builder_bullets (b, activities);
    }
  return TRUE;
}

static gboolean
add_places (MlgSheetBuilder *b,
            MlgRecord       *s)
{
  static const double widths[] = { 0.34, 0.19, 0.2, 0.17, 0.1 };
  const char *commune = mlg_record_get_string (s, "commune");
  const char *address = mlg_record_get_string (s, "address");
  g_autoptr(GPtrArray) establishments = select_records (b, MLG_KIND_ESTABLISHMENT, is_establishment_of, s);
  g_autofree char *place = mlg_sheet_builder_place (b, commune);
  MlgSheetTable *table;

  if (commune == NULL && address == NULL && establishments->len == 0)
    return FALSE;

  mlg_sheet_builder_heading (b, C_("sheet", "Where it works"));
  mlg_sheet_builder_field_text (b, C_("sheet", "Seat"), place);
  mlg_sheet_builder_fields_end (b);
  if (establishments->len == 0)
    return TRUE;

  table = mlg_sheet_add_table (b->sheet, 5, widths, MLG_SHEET_TABLE_HEADER | MLG_SHEET_TABLE_RULES);
  mlg_sheet_table_set_column (table, 4, MLG_SHEET_STYLE_SMALL, PANGO_ALIGN_RIGHT);
  mlg_sheet_table_add_string (table, mlg_kind_label_one (mlg_kind_get (MLG_KIND_ESTABLISHMENT)));
  mlg_sheet_table_add_string (table, mlg_sheet_builder_label (MLG_KIND_ESTABLISHMENT, "type"));
  mlg_sheet_table_add_string (table, mlg_sheet_builder_label (MLG_KIND_ESTABLISHMENT, "pole"));
  mlg_sheet_table_add_string (table, mlg_sheet_builder_label (MLG_KIND_ESTABLISHMENT, "commune"));
  mlg_sheet_table_add_string (table, C_("sheet", "Capacity (year)"));

  for (guint i = 0; i < establishments->len; i++)
    {
      MlgRecord *e = g_ptr_array_index (establishments, i);
      g_autofree char *type = mlg_sheet_builder_choice (b, e, "type");
      gint64 capacity = mlg_record_get_int (e, "capacity", -1);
      g_autofree char *places = capacity >= 0 ? mlg_sheet_builder_with_year (b, capacity, mlg_sheet_builder_update_year (e)) : NULL;
      g_autofree char *where = mlg_sheet_builder_place (b, mlg_record_get_string (e, "commune"));

      mlg_sheet_table_add_cell (table, mlg_sheet_builder_styled (b, mlg_record_get_title (e)));
      mlg_sheet_table_add_string (table, type);
      mlg_sheet_table_add_string (table, mlg_sheet_builder_title_of (b, mlg_record_get_string (e, "pole")));
      mlg_sheet_table_add_string (table, mlg_sheet_builder_title_of (b, mlg_record_get_string (e, "commune")));
      mlg_sheet_table_add_string (table, places);
    }
  return TRUE;
}

static void
add_partner (GHashTable *partners,
             const char *id,
             const char *self)
{
  if (id && g_strcmp0 (id, self) != 0)
    g_hash_table_add (partners, (gpointer) id);
}

/* Adds @candidate if it is a structure (funders and beneficiaries are). */
static void
add_structure (MlgSheetBuilder *b,
               GHashTable      *partners,
               const char      *candidate,
               const char      *self)
{
  MlgRecord *partner = candidate ? mlg_document_lookup_kind (b->document, MLG_KIND_STRUCTURE, candidate) : NULL;

  if (partner)
    add_partner (partners, mlg_record_get_id (partner), self);
}

typedef struct {
  guint  rank;
  char  *label;
  char  *other_id;
  char  *other;
  char  *note;
  char  *period;
} RelationRow;

static void
relation_row_free (RelationRow *row)
{
  g_free (row->label);
  g_free (row->other_id);
  g_free (row->other);
  g_free (row->note);
  g_free (row->period);
  g_free (row);
}

static guint
relation_rank (const MlgField *type_field,
               const char     *type)
{
  guint rank = 0;

  for (const MlgChoice *c = type_field->choices; c->key; c++, rank++)
    if (g_strcmp0 (c->key, type) == 0)
      return rank;
  return rank;
}

static int
compare_relation_rows (gconstpointer a,
                       gconstpointer b)
{
  const RelationRow *x = *(RelationRow **) a, *y = *(RelationRow **) b;
  g_autofree char *fx = NULL;
  g_autofree char *fy = NULL;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  fx = mlg_text_fold (x->other);
  fy = mlg_text_fold (y->other);
  return g_strcmp0 (fx, fy);
}

/* Adds @relation of @from, as seen from @s. A relation already there (a
 * symmetric one both sides declare, or the same one written twice) stays
 * one row, completed with what the other says; @seen finds it by label
 * and other side, for hubs with thousands of members. */
static void
add_relation_row (MlgSheetBuilder *b,
                  GPtrArray       *rows,
                  GHashTable      *seen,
                  const MlgField  *type_field,
                  MlgRecord       *s,
                  MlgRecord       *from,
                  JsonObject      *relation)
{
  const char *type = json_object_get_string_member_with_default (relation, "type", "");
  const char *target = json_object_get_string_member_with_default (relation, "target", NULL);
  gboolean outgoing = from == s;
  const char *other_id = outgoing ? target : mlg_record_get_id (from);
  const char *note = json_object_get_string_member_with_default (relation, "note", NULL);
  g_autofree char *period = mlg_sheet_builder_years (b, json_object_get_int_member_with_default (relation, "since", 0),
                                                     json_object_get_int_member_with_default (relation, "until", 0));
  g_autofree char *key = NULL;
  RelationRow *row, *known;

  row = g_new0 (RelationRow, 1);
  if (outgoing || is_symmetric (type))
    {
      row->rank = relation_rank (type_field, type);
      row->label = g_strdup (mlg_field_choice_label (type_field, type));
    }
  else
    {
      row->rank = 100 + relation_rank (type_field, type);
      row->label = g_strdup (inverse_label (type));
    }

  key = g_strdup_printf ("%s\x1f%s", row->label, other_id ? other_id : "");
  known = g_hash_table_lookup (seen, key);
  if (known && (known->period == NULL || period == NULL || g_strcmp0 (known->period, period) == 0))
    {
      if (known->period == NULL)
        known->period = g_steal_pointer (&period);
      if ((known->note == NULL || *known->note == '\0') && note)
        {
          g_free (known->note);
          known->note = g_strdup (note);
        }
      relation_row_free (row);
      return;
    }
  if (known == NULL)
    g_hash_table_insert (seen, g_steal_pointer (&key), row);

  row->other_id = g_strdup (other_id);
  row->other = g_strdup (mlg_sheet_builder_title_of (b, other_id));
  row->note = g_strdup (note);
  row->period = g_steal_pointer (&period);
  g_ptr_array_add (rows, row);
}

/* Every structure @s works with: through relations, funding, services,
 * projects and events, as a set of ids. */
static void
gather_partners (MlgSheetBuilder *b,
                 MlgRecord       *s,
                 GPtrArray       *rows,
                 GHashTable      *partners)
{
  static const struct {
    MlgKindId   kind;
    const char *keys[3];
  } links[] = {
    { MLG_KIND_FUNDING, { "funder", "beneficiary", NULL } },
    { MLG_KIND_SERVICE, { "provider", "beneficiaries", NULL } },
    { MLG_KIND_PROJECT, { "holders", NULL, NULL } },
    { MLG_KIND_EVENT,   { "organisers", "host", NULL } },
  };
  const char *id = mlg_record_get_id (s);

  for (guint i = 0; i < rows->len; i++)
    {
      RelationRow *row = g_ptr_array_index (rows, i);
      add_partner (partners, row->other_id, id);
    }

  for (guint l = 0; l < G_N_ELEMENTS (links); l++)
    {
      g_autoptr(GPtrArray) records = mlg_document_find_referrers (b->document, s, links[l].kind);

      for (guint i = 0; i < records->len; i++)
        {
          MlgRecord *r = g_ptr_array_index (records, i);
          gboolean involved = FALSE;

          for (guint k = 0; links[l].keys[k]; k++)
            involved = involved || g_strcmp0 (mlg_record_get_string (r, links[l].keys[k]), id) == 0 ||
                       mlg_record_list_contains (r, links[l].keys[k], id);
          if (!involved)
            continue;
          for (guint k = 0; links[l].keys[k]; k++)
            {
              g_auto(GStrv) ids = mlg_record_dup_strv (r, links[l].keys[k]);
              const char *one = mlg_record_get_string (r, links[l].keys[k]);

              add_structure (b, partners, one, id);
              for (guint j = 0; ids && ids[j]; j++)
                add_structure (b, partners, ids[j], id);
            }
        }
    }
}

static gboolean
add_relations (MlgSheetBuilder *b,
               MlgRecord       *s)
{
  static const double widths[] = { 0.3, 0.45, 0.25 };
  const MlgField *relations_field = mlg_kind_find_field (mlg_record_get_kind (s), "relations");
  const MlgField *type_field = mlg_field_find_column (relations_field->columns, "type");
  const MlgField *category_field = mlg_kind_find_field (mlg_record_get_kind (s), "category");
  const char *id = mlg_record_get_id (s);
  g_autoptr(GPtrArray) referrers = mlg_document_find_referrers (b->document, s, MLG_KIND_STRUCTURE);
  g_autoptr(GHashTable) partners = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) relation_row_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) partner_records = g_ptr_array_new ();
  MlgSheetTable *table = NULL;
  gboolean any = FALSE;

  /* Its own relations, then those of others towards it. */
  g_ptr_array_insert (referrers, 0, g_object_ref (s));
  for (guint k = 0; k < referrers->len; k++)
    {
      MlgRecord *from = g_ptr_array_index (referrers, k);
      JsonArray *list = mlg_record_get_array (from, "relations");

      /* Of the others' relations, only those towards it. */
      for (guint i = 0, n = list ? json_array_get_length (list) : 0; i < n; i++)
        {
          JsonObject *relation = table_row (list, i, "target", from == s ? NULL : id);

          if (relation)
            add_relation_row (b, rows, seen, type_field, s, from, relation);
        }
    }
  g_ptr_array_sort (rows, compare_relation_rows);

  for (guint i = 0; i < rows->len; i++)
    {
      RelationRow *row = g_ptr_array_index (rows, i);
      RelationRow *previous = i > 0 ? g_ptr_array_index (rows, i - 1) : NULL;
      MlgSheetText *who;

      if (table == NULL)
        {
          mlg_sheet_builder_heading (b, C_("sheet", "Relations and partners"));
          table = mlg_sheet_add_table (b->sheet, 3, widths, MLG_SHEET_TABLE_HEADER | MLG_SHEET_TABLE_RULES);
          mlg_sheet_table_add_string (table, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "relations"));
          mlg_sheet_table_add_string (table, mlg_kind_label_one (mlg_kind_get (MLG_KIND_STRUCTURE)));
          mlg_sheet_table_add_string (table, C_("sheet", "Period"));
          any = TRUE;
        }
      /* The type once for the rows that share it. */
      mlg_sheet_table_add_cell (table, previous && g_strcmp0 (previous->label, row->label) == 0
                                       ? NULL : mlg_sheet_builder_styled (b, row->label));
      who = mlg_sheet_builder_styled (b, row->other);
      if (row->note && *row->note)
        {
          g_autofree char *text = mlg_sheet_builder_text (b, row->note);
          mlg_sheet_text_append (who, MLG_SHEET_SPAN_MUTED, "\n");
          mlg_sheet_text_append (who, MLG_SHEET_SPAN_MUTED, text);
        }
      mlg_sheet_table_add_cell (table, who);
      mlg_sheet_table_add_string (table, row->period);
    }

  /* Partners: every structure it works with, by category. */
  gather_partners (b, s, rows, partners);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, partners);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        MlgRecord *other = mlg_document_lookup_kind (b->document, MLG_KIND_STRUCTURE, key);
        if (other)
          g_ptr_array_add (partner_records, other);
      }
    mlg_sheet_builder_sort (partner_records);
  }

  if (partner_records->len > 0)
    {
      if (!any)
        mlg_sheet_builder_heading (b, C_("sheet", "Relations and partners"));
      mlg_sheet_builder_subheading (b, C_("sheet", "Partners by category"));
      for (const MlgChoice *c = category_field->choices; ; c++)
        {
          g_autoptr(GPtrArray) names = g_ptr_array_new ();
          g_autofree char *list = NULL;

          for (guint k = 0; k < partner_records->len; k++)
            {
              MlgRecord *other = g_ptr_array_index (partner_records, k);
              const char *category = mlg_record_get_string (other, "category");

              /* The last pass takes those with no or an unknown category. */
              if (c->key ? g_strcmp0 (category, c->key) == 0
                         : mlg_field_find_choice (category_field, category) == NULL)
                g_ptr_array_add (names, (gpointer) mlg_record_get_title (other));
            }
          g_ptr_array_add (names, NULL);
          list = mlg_sheet_builder_join (b, (char **) names->pdata);
          mlg_sheet_builder_wide_field (b, c->key ? g_dgettext (GETTEXT_PACKAGE, c->label)
                                                  : C_("sheet", "Without category"),
                                        list ? mlg_sheet_builder_styled (b, list) : NULL);
          if (c->key == NULL)
            break;
        }
      mlg_sheet_builder_fields_end (b);
      any = TRUE;
    }
  return any;
}

static gboolean
add_activity (MlgSheetBuilder *b,
              MlgRecord       *s)
{
  g_autoptr(GPtrArray) projects = select_records (b, MLG_KIND_PROJECT, is_project_of, s);
  g_autoptr(GPtrArray) events = select_records (b, MLG_KIND_EVENT, is_event_of, s);
  g_autoptr(GPtrArray) funding = select_records (b, MLG_KIND_FUNDING, is_funding_of, s);
  g_autoptr(GPtrArray) services = select_records (b, MLG_KIND_SERVICE, is_service_of, s);
  MlgSheetTable *table;

  if (projects->len + events->len + funding->len + services->len == 0)
    return FALSE;
  mlg_sheet_builder_heading (b, C_("sheet", "Projects, events and funding"));

  if (projects->len)
    {
      static const double widths[] = { 0.46, 0.18, 0.14, 0.22 };

      mlg_sheet_builder_subheading (b, mlg_kind_label (mlg_kind_get (MLG_KIND_PROJECT)));
      table = mlg_sheet_add_table (b->sheet, 4, widths, MLG_SHEET_TABLE_HEADER | MLG_SHEET_TABLE_RULES);
      mlg_sheet_table_add_string (table, mlg_kind_label_one (mlg_kind_get (MLG_KIND_PROJECT)));
      mlg_sheet_table_add_string (table, mlg_sheet_builder_label (MLG_KIND_PROJECT, "stage"));
      mlg_sheet_table_add_string (table, C_("sheet", "Period"));
      mlg_sheet_table_add_string (table, mlg_sheet_builder_label (MLG_KIND_PROJECT, "pole"));
      for (guint i = 0; i < projects->len; i++)
        {
          MlgRecord *p = g_ptr_array_index (projects, i);
          g_autofree char *stage = mlg_sheet_builder_choice (b, p, "stage");
          g_autofree char *period = mlg_sheet_builder_years (b, mlg_record_get_int (p, "year_started", 0),
                                                             mlg_record_get_int (p, "year_ended", 0));

          mlg_sheet_table_add_cell (table, mlg_sheet_builder_styled (b, mlg_record_get_title (p)));
          mlg_sheet_table_add_string (table, stage);
          mlg_sheet_table_add_string (table, period);
          mlg_sheet_table_add_string (table, mlg_sheet_builder_title_of (b, mlg_record_get_string (p, "pole")));
        }
    }

  if (events->len)
    {
      mlg_sheet_builder_subheading (b, mlg_kind_label (mlg_kind_get (MLG_KIND_EVENT)));
      mlg_sheet_builder_events (b, events, TRUE);
    }

  if (funding->len)
    {
      static const double widths[] = { 0.4, 0.3, 0.15, 0.15 };

      mlg_sheet_builder_subheading (b, mlg_kind_label (mlg_kind_get (MLG_KIND_FUNDING)));
      table = mlg_sheet_add_table (b->sheet, 4, widths, MLG_SHEET_TABLE_HEADER | MLG_SHEET_TABLE_RULES);
      mlg_sheet_table_set_column (table, 2, MLG_SHEET_STYLE_SMALL, PANGO_ALIGN_RIGHT);
      mlg_sheet_table_add_string (table, mlg_kind_label_one (mlg_kind_get (MLG_KIND_FUNDING)));
      mlg_sheet_table_add_string (table, C_("sheet", "From or to"));
      mlg_sheet_table_add_string (table, mlg_sheet_builder_label (MLG_KIND_FUNDING, "amount"));
      mlg_sheet_table_add_string (table, C_("sheet", "Period"));
      for (guint i = 0; i < funding->len; i++)
        {
          MlgRecord *f = g_ptr_array_index (funding, i);
          const char *funder = mlg_record_get_string (f, "funder");
          const char *beneficiary = mlg_record_get_string (f, "beneficiary");
          g_autofree char *period = mlg_sheet_builder_years (b, mlg_record_get_int (f, "year_start", 0),
                                                             mlg_record_get_int (f, "year_end", 0));
          g_autofree char *amount = NULL;
          g_autofree char *who = NULL;

          if (mlg_record_has_value (f, "amount"))
            {
              amount = mlg_sheet_builder_amount (b, mlg_record_get_double (f, "amount", 0));
              /* Every amount says its year. */
              if (period == NULL && mlg_sheet_builder_update_year (f) > 0)
                {
                  g_autofree char *year = g_strdup_printf ("%" G_GINT64_FORMAT, mlg_sheet_builder_update_year (f));
                  /* Translators: the year an amount without a period was recorded. */
                  period = g_strdup_printf (C_("sheet", "recorded in %s"), year);
                }
            }
          if (g_strcmp0 (funder, mlg_record_get_id (s)) == 0)
            /* Translators: in a table of funding, who received it. */
            who = beneficiary ? g_strdup_printf (C_("sheet", "Beneficiary: %s"), mlg_sheet_builder_title_of (b, beneficiary)) : NULL;
          else
            /* Translators: in a table of funding, who gave it. */
            who = funder ? g_strdup_printf (C_("sheet", "Funder: %s"), mlg_sheet_builder_title_of (b, funder)) : NULL;

          mlg_sheet_table_add_cell (table, mlg_sheet_builder_styled (b, mlg_record_get_title (f)));
          mlg_sheet_table_add_cell (table, who ? mlg_sheet_builder_styled (b, who) : NULL);
          mlg_sheet_table_add_string (table, amount);
          mlg_sheet_table_add_string (table, period);
        }
    }

  if (services->len)
    {
      static const double widths[] = { 0.46, 0.27, 0.27 };

      mlg_sheet_builder_subheading (b, mlg_kind_label (mlg_kind_get (MLG_KIND_SERVICE)));
      table = mlg_sheet_add_table (b->sheet, 3, widths, MLG_SHEET_TABLE_HEADER | MLG_SHEET_TABLE_RULES);
      mlg_sheet_table_add_string (table, mlg_kind_label_one (mlg_kind_get (MLG_KIND_SERVICE)));
      mlg_sheet_table_add_string (table, mlg_sheet_builder_label (MLG_KIND_SERVICE, "function"));
      mlg_sheet_table_add_string (table, C_("sheet", "Role"));
      for (guint i = 0; i < services->len; i++)
        {
          MlgRecord *v = g_ptr_array_index (services, i);
          g_autofree char *function = mlg_sheet_builder_choice (b, v, "function");
          gboolean provider = g_strcmp0 (mlg_record_get_string (v, "provider"), mlg_record_get_id (s)) == 0;

          mlg_sheet_table_add_cell (table, mlg_sheet_builder_styled (b, mlg_record_get_title (v)));
          mlg_sheet_table_add_string (table, function);
          mlg_sheet_table_add_string (table, provider ? C_("sheet", "Provides it") : C_("sheet", "Benefits from it"));
        }
    }
  return TRUE;
}

static gboolean
add_contact (MlgSheetBuilder *b,
             MlgRecord       *s)
{
  static const double widths[] = { 0.3, 0.5, 0.2 };
  const char *id = mlg_record_get_id (s);
  g_autoptr(GPtrArray) people = select_records (b, MLG_KIND_PERSON, has_role_in, s);
  const char *address = mlg_record_get_string (s, "address");
  const char *postcode = mlg_record_get_string (s, "postcode");
  const char *commune = mlg_record_get_string (s, "commune");
  g_autoptr(GString) full = g_string_new (NULL);
  g_autofree char *phone = mlg_typography_phone (mlg_record_get_string (s, "phone"));
  g_autofree char *siret = mlg_typography_siret (mlg_record_get_string (s, "siret"));
  gboolean any;

  if (address)
    g_string_append (full, address);
  if (postcode || (address && commune))
    {
      if (full->len)
        g_string_append (full, ", ");
      if (postcode)
        g_string_append_printf (full, "%s ", postcode);
      if (commune)
        g_string_append (full, mlg_sheet_builder_title_of (b, commune));
    }

  mlg_sheet_builder_field_text (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "address"), full->str);
  mlg_sheet_builder_field_raw (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "phone"), phone);
  mlg_sheet_builder_field_raw (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "email"), mlg_record_get_string (s, "email"));
  mlg_sheet_builder_field_raw (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "website"), mlg_record_get_string (s, "website"));
  mlg_sheet_builder_field_raw (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "siret"), siret);
  mlg_sheet_builder_field_raw (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "rna"), mlg_record_get_string (s, "rna"));

  any = people->len > 0 || b->fields->len > 0;
  if (!any)
    return FALSE;
  mlg_sheet_builder_heading (b, C_("sheet", "People and contact"));
  mlg_sheet_builder_fields_end (b);

  if (people->len)
    {
      MlgSheetTable *table = mlg_sheet_add_table (b->sheet, 3, widths, MLG_SHEET_TABLE_HEADER | MLG_SHEET_TABLE_RULES);

      mlg_sheet_table_add_string (table, mlg_kind_label_one (mlg_kind_get (MLG_KIND_PERSON)));
      mlg_sheet_table_add_string (table, C_("sheet", "Role"));
      mlg_sheet_table_add_string (table, C_("sheet", "Period"));
      for (guint i = 0; i < people->len; i++)
        {
          MlgRecord *person = g_ptr_array_index (people, i);
          JsonArray *roles = mlg_record_get_array (person, "roles");

          for (guint r = 0, n = roles ? json_array_get_length (roles) : 0; r < n; r++)
            {
              JsonObject *role = table_row (roles, r, "structure", id);
              g_autofree char *period = NULL;
              MlgSheetText *who;
              const char *email, *tel;

              if (role == NULL)
                continue;
              period = mlg_sheet_builder_years (b, json_object_get_int_member_with_default (role, "since", 0),
                                                json_object_get_int_member_with_default (role, "until", 0));
              who = mlg_sheet_builder_styled (b, mlg_record_get_title (person));
              email = mlg_record_get_string (person, "email");
              tel = mlg_record_get_string (person, "phone");
              if (email || tel)
                {
                  g_autofree char *t = mlg_typography_phone (tel);
                  mlg_sheet_text_append (who, MLG_SHEET_SPAN_MUTED, "\n");
                  mlg_sheet_text_append (who, MLG_SHEET_SPAN_MUTED, email);
                  if (email && tel)
                    mlg_sheet_text_append (who, MLG_SHEET_SPAN_MUTED, " · ");
                  mlg_sheet_text_append (who, MLG_SHEET_SPAN_MUTED, t);
                }
              mlg_sheet_table_add_cell (table, who);
              mlg_sheet_table_add_cell (table, mlg_sheet_builder_styled (b, json_object_get_string_member_with_default (role, "role", "")));
              mlg_sheet_table_add_string (table, period);
            }
        }
    }
  return TRUE;
}

void
mlg_sheet_builder_structure (MlgSheetBuilder *b,
                             MlgRecord       *s,
                             const char      *kicker)
{
  g_auto(GStrv) aliases = mlg_record_dup_strv (s, "aliases");
  g_autofree char *subtitle = NULL;
  JsonArray *figures = mlg_record_get_array (s, "figures");
  gboolean any = FALSE;

  if (aliases && aliases[0])
    {
      g_autofree char *list = g_strjoinv (" · ", aliases);
      /* Translators: under a structure's name: its acronym and other names. */
      subtitle = g_strdup_printf (C_("sheet", "Also known as %s"), list);
    }
  mlg_sheet_builder_title (b, kicker, mlg_record_get_title (s), subtitle);
  add_identity (b, s);

  any |= add_presentation (b, s);
  any |= add_places (b, s);
  if (figures && json_array_get_length (figures) > 0)
    {
      mlg_sheet_builder_heading (b, mlg_sheet_builder_label (MLG_KIND_STRUCTURE, "figures"));
      any |= mlg_sheet_builder_figures (b, figures, 4, NULL);
    }
  any |= add_relations (b, s);
  any |= add_activity (b, s);
  any |= add_contact (b, s);

  if (!any && !mlg_record_has_value (s, "category") && !mlg_record_has_value (s, "legal_form") &&
      !mlg_record_has_value (s, "circle") && !mlg_record_has_value (s, "poles"))
    {
      mlg_sheet_add_space (b->sheet, 6);
      mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_NOTE, C_("sheet", "Nothing more is recorded about this structure yet."));
    }
}

MlgSheet *
mlg_sheet_new_structure (MlgDocument *document,
                         MlgRecord   *structure)
{
  MlgRecord *ecosystem = mlg_document_get_ecosystem (document);
  /* Translators: the title of a structure's sheet; %s is its name. */
  g_autofree char *title = g_strdup_printf (C_("sheet", "Structure sheet — %s"), mlg_record_get_title (structure));
  g_auto(GStrv) themes = mlg_record_dup_strv (structure, "themes");
  g_autofree char *keywords = themes ? g_strjoinv (", ", themes) : NULL;
  MlgSheet *sheet = mlg_sheet_new (title, mlg_record_get_title (ecosystem));
  MlgSheetBuilder b;
  g_autofree char *note = NULL;

  g_return_val_if_fail (mlg_record_get_kind_id (structure) == MLG_KIND_STRUCTURE, sheet);

  mlg_sheet_builder_init (&b, sheet, document);
  mlg_sheet_set_metadata (sheet, mlg_record_get_title (ecosystem), C_("sheet", "Structure sheet"), keywords);
  note = mlg_sheet_builder_update_note (&b, mlg_record_get_string (structure, "last_update"));
  {
    g_autofree char *running = mlg_sheet_builder_text (&b, title);
    mlg_sheet_add_mark (sheet, running, note);
  }
  mlg_sheet_builder_structure (&b, structure, C_("sheet", "Structure sheet"));
  mlg_sheet_builder_clear (&b);
  return sheet;
}
