/* mlg-checker.c — warnings about values that are well-typed but doubtful
 *
 * A warning never refuses a file: the record loads, and the Problems page
 * lists what to look at (a dangling reference, an invalid SIRET…).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mlg-document-private.h"
#include "mlg-problem.h"
#include "mlg-schema.h"
#include "mlg-validate.h"

typedef struct {
  MlgDocument *document;
  MlgRecord   *record;
  GPtrArray   *problems;
  const char  *field;   /* top-level field key */
  int          row;
} Check;

static void
warn (Check      *c,
      char       *message)  /* taken */
{
  MlgProblem *problem = mlg_problem_new (MLG_SEVERITY_WARNING, message);

  mlg_problem_set_record (problem, mlg_record_get_kind_id (c->record),
                          mlg_record_get_id (c->record), c->field, c->row);
  g_ptr_array_add (c->problems, problem);
  g_free (message);
}

static void
check_reference (Check          *c,
                 const MlgField *field,
                 const char     *id)
{
  MlgRecord *target = mlg_document_lookup (c->document, id);
  const MlgKind *want = mlg_kind_get (field->target);

  if (target == NULL)
    warn (c, g_strdup_printf (_("“%s” refers to “%s”, which is not in the file (%s)."),
                              mlg_field_label (field), id, mlg_kind_label_one (want)));
  else if (mlg_record_get_kind_id (target) != field->target)
    warn (c, g_strdup_printf (_("“%s” should name a record of kind %s, but “%s” is of kind %s."),
                              mlg_field_label (field), mlg_kind_label_one (want), id,
                              mlg_kind_label_one (mlg_record_get_kind (target))));
  else if (target == c->record)
    warn (c, g_strdup_printf (_("“%s” refers to the record itself."), mlg_field_label (field)));
}

static void
check_choice (Check          *c,
              const MlgField *field,
              const char     *key)
{
  if (mlg_field_find_choice (field, key) == NULL)
    warn (c, g_strdup_printf (_("“%s” is not a known value of “%s”; it is kept as it is."),
                              key, mlg_field_label (field)));
}

static void
check_text (Check          *c,
            const MlgField *field,
            const char     *text)
{
  char *message = NULL;
  gboolean ok = TRUE;

  switch (field->type)
    {
    case MLG_FIELD_ENUM:     check_choice (c, field, text); break;
    case MLG_FIELD_REF:      check_reference (c, field, text); break;
    case MLG_FIELD_TEXT:
      if (strchr (text, '\n'))
        warn (c, g_strdup_printf (_("“%s” holds a line break, which only long texts should."),
                                  mlg_field_label (field)));
      break;
    default:
      ok = mlg_validate_field_text (field, text, &message);
      break;
    }

  if (!ok)
    {
      /* Translators: a field's label, then why its value is wrong */
      warn (c, g_strdup_printf (_("%s: %s"), mlg_field_label (field), message));
      g_free (message);
    }
}

static void check_value (Check *c, const MlgField *field, JsonNode *node);

static void
check_number (Check          *c,
              const MlgField *field,
              JsonNode       *node)
{
  double value = json_node_get_double (node);
  char *message = NULL;
  gboolean ok = TRUE;

  switch (field->type)
    {
    case MLG_FIELD_YEAR:    ok = mlg_validate_year (json_node_get_int (node), &message); break;
    case MLG_FIELD_INTEGER: ok = mlg_validate_count (value, &message); break;
    case MLG_FIELD_MONEY:   ok = mlg_validate_amount (value, &message); break;
    default: break;
    }

  if (!ok)
    {
      warn (c, g_strdup_printf (_("%s: %s"), mlg_field_label (field), message));
      g_free (message);
    }
}

static void
check_row (Check          *c,
           const MlgField *table,
           JsonObject     *row)
{
  for (const MlgField *col = table->columns; col->key; col++)
    {
      JsonNode *cell = json_object_get_member (row, col->key);

      if (cell == NULL)
        {
          if (col->flags & MLG_FIELD_FLAG_REQUIRED)
            warn (c, g_strdup_printf (_("“%s” is missing in a row of “%s”."),
                                      mlg_field_label (col), mlg_field_label (table)));
          continue;
        }
      check_value (c, col, cell);
    }

  /* A figure outside the catalogue needs a name to be read. */
  if (g_strcmp0 (table->key, "figures") == 0 &&
      g_strcmp0 (json_object_get_string_member_with_default (row, "indicator", NULL), "custom") == 0 &&
      !json_object_has_member (row, "label"))
    warn (c, g_strdup (_("A figure of the “Other indicator” kind needs a label.")));
}

static void
check_value (Check          *c,
             const MlgField *field,
             JsonNode       *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0, n = json_array_get_length (array); i < n; i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (field->type == MLG_FIELD_TABLE && JSON_NODE_HOLDS_OBJECT (item))
            {
              c->row = i;
              check_row (c, field, json_node_get_object (item));
              c->row = -1;
            }
          else if (field->type == MLG_FIELD_REF_LIST && JSON_NODE_HOLDS_VALUE (item))
            check_reference (c, field, json_node_get_string (item));
          else if (field->type == MLG_FIELD_ENUM_LIST && JSON_NODE_HOLDS_VALUE (item))
            check_choice (c, field, json_node_get_string (item));
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    {
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        check_text (c, field, json_node_get_string (node));
      else
        check_number (c, field, node);
    }
}

/* Official codes are checked by the territory's level. */
static void
check_territory_code (Check *c)
{
  const char *level = mlg_record_get_string (c->record, "level");
  const char *code = mlg_record_get_string (c->record, "code");
  char *message = NULL;
  gboolean ok = TRUE;

  if (code == NULL || level == NULL)
    return;
  if (g_str_equal (level, "commune") || g_str_equal (level, "arrondissement"))
    ok = mlg_validate_insee_commune (code, &message);
  else if (g_str_equal (level, "epci"))
    ok = mlg_validate_siren (code, &message);

  if (!ok)
    {
      const char *field = c->field;

      c->field = "code";
      warn (c, g_strdup_printf (_("%s: %s"), _("Official code"), message));
      c->field = field;
      g_free (message);
    }
}

static void
check_field (Check          *c,
             const MlgField *f)
{
  JsonNode *node = mlg_record_get_value (c->record, f->key);

  c->field = f->key;
  if (node == NULL)
    {
      if (f->flags & MLG_FIELD_FLAG_REQUIRED)
        warn (c, g_strdup_printf (_("“%s” is required."), mlg_field_label (f)));
    }
  else
    check_value (c, f, node);

  if (mlg_record_get_kind_id (c->record) == MLG_KIND_TERRITORY &&
      (g_str_equal (f->key, "code") || g_str_equal (f->key, "level")))
    check_territory_code (c);
}

void
_mlg_checker_check_record (MlgDocument *self,
                           MlgRecord   *record,
                           GPtrArray   *problems)
{
  Check c = { self, record, problems, NULL, -1 };
  const MlgKind *kind = mlg_record_get_kind (record);
  JsonObject *object = mlg_record_get_object (record);
  g_autofree guint8 *heap = NULL;
  guint8 stack[128];
  guint8 *held = stack;
  JsonObjectIter iter;
  const char *key;

  /* Records fill few of their fields: look up what a record holds, then
   * check it with the required fields it lacks, in declaration order as
   * the Problems page lists them. A mark per field, on the stack: this
   * runs for every record of a file. */
  if (kind->n_fields > G_N_ELEMENTS (stack))
    held = heap = g_new0 (guint8, kind->n_fields);
  else
    memset (stack, 0, kind->n_fields);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, NULL))
    {
      const MlgField *f = mlg_kind_find_field (kind, key);
      if (f)
        held[f - kind->fields] = 1;
    }
  for (guint i = 0; i < kind->n_fields; i++)
    if (held[i] || (kind->fields[i].flags & MLG_FIELD_FLAG_REQUIRED))
      check_field (&c, &kind->fields[i]);
}

void
_mlg_checker_check_field (MlgDocument *self,
                          MlgRecord   *record,
                          const char  *key,
                          GPtrArray   *problems)
{
  const MlgField *f = mlg_kind_find_field (mlg_record_get_kind (record), key);
  Check c = { self, record, problems, NULL, -1 };

  if (f != NULL)
    check_field (&c, f);
}

/* ── Cycles ──────────────────────────────────────────────────────────── */

/* The records @record points at through @key: one reference, or the
 * targets of table rows whose "type" is one of @types. */
static void
collect_links (MlgRecord          *record,
               const char         *key,
               const char * const *types,
               GPtrArray          *out)
{
  JsonArray *rows;

  if (types == NULL)
    {
      const char *id = mlg_record_get_string (record, key);
      if (id)
        g_ptr_array_add (out, (gpointer) id);
      return;
    }

  rows = mlg_record_get_array (record, key);
  for (guint i = 0, n = rows ? json_array_get_length (rows) : 0; i < n; i++)
    {
      JsonNode *row = json_array_get_element (rows, i);
      JsonObject *object;
      const char *type;

      if (!JSON_NODE_HOLDS_OBJECT (row))
        continue;
      object = json_node_get_object (row);
      type = json_object_get_string_member_with_default (object, "type", NULL);
      if (type && g_strv_contains (types, type))
        {
          const char *target = json_object_get_string_member_with_default (object, "target", NULL);
          if (target)
            g_ptr_array_add (out, (gpointer) target);
        }
    }
}

typedef enum { WHITE, GREY, BLACK } Colour;

/* Depth-first search; reports each record that closes a cycle once. An
 * explicit stack keeps long chains from using the C stack. */
static void
find_cycles (MlgDocument        *self,
             MlgKindId           kind,
             const char         *key,
             const char * const *types,
             const char         *message_format,
             GPtrArray          *problems)
{
  GListModel *model = mlg_document_get_records (self, kind);
  g_autoptr(GHashTable) colour = g_hash_table_new (NULL, NULL);
  /* reused from record to record: this runs over every territory and
   * structure of a file, after each change of a reference too */
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  g_autoptr(GArray) next_link = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GPtrArray) links = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MlgRecord) start = g_list_model_get_item (model, i);

      if (GPOINTER_TO_INT (g_hash_table_lookup (colour, start)) != WHITE)
        continue;

      g_ptr_array_set_size (stack, 0);
      g_ptr_array_add (stack, start);
      g_array_set_size (next_link, 1);
      g_array_index (next_link, guint, 0) = 0;
      g_hash_table_insert (colour, start, GINT_TO_POINTER (GREY));

      while (stack->len > 0)
        {
          MlgRecord *top = g_ptr_array_index (stack, stack->len - 1);
          guint *link = &g_array_index (next_link, guint, stack->len - 1);
          MlgRecord *target = NULL;

          g_ptr_array_set_size (links, 0);
          collect_links (top, key, types, links);
          while (*link < links->len && target == NULL)
            {
              MlgRecord *candidate = mlg_document_lookup_kind (self, kind, g_ptr_array_index (links, (*link)++));
              Colour state;

              /* a record naming itself is reported by the reference check */
              if (candidate == NULL || candidate == top)
                continue;
              state = GPOINTER_TO_INT (g_hash_table_lookup (colour, candidate));
              if (state == GREY)
                {
                  Check c = { self, top, problems, key, -1 };
                  warn (&c, g_strdup_printf (message_format, mlg_record_get_title (candidate)));
                }
              else if (state == WHITE)
                target = candidate;
            }

          if (target)
            {
              g_hash_table_insert (colour, target, GINT_TO_POINTER (GREY));
              g_ptr_array_add (stack, target);
              g_array_set_size (next_link, stack->len);
              g_array_index (next_link, guint, stack->len - 1) = 0;
            }
          else
            {
              g_hash_table_insert (colour, top, GINT_TO_POINTER (BLACK));
              g_ptr_array_set_size (stack, stack->len - 1);
            }
        }
    }
}

void
_mlg_checker_check_cycles (MlgDocument *self,
                           GPtrArray   *problems)
{
  static const char * const hierarchy[] = { "subsidiary_of", "carried_by", NULL };

  find_cycles (self, MLG_KIND_TERRITORY, "parent", NULL,
               _("This territory is part of “%s”, which is part of it in turn: the hierarchy loops."),
               problems);
  find_cycles (self, MLG_KIND_STRUCTURE, "relations", hierarchy,
               _("This structure depends on “%s”, which depends on it in turn: subsidiaries and carriers loop."),
               problems);
}
