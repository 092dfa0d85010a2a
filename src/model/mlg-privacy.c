/* mlg-privacy.c — a person's data: exported alone, erased everywhere
 *
 * References to a person are found through the field declarations: any
 * reference, list of references or table cell holding the person's id,
 * whatever kind the field expects (an id made from a name is personal data
 * too, even in a mistaken reference). Nothing here names a field.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mlg-document.h"
#include "mlg-privacy.h"
#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-text.h"

/* Shorter names match too many words to be worth pointing out. */
#define MIN_NAME_LENGTH 3

static gboolean
is_reference (const MlgField *field)
{
  return field->type == MLG_FIELD_REF || field->type == MLG_FIELD_REF_LIST;
}

static gboolean
is_text (const MlgField *field)
{
  return field->type == MLG_FIELD_TEXT || field->type == MLG_FIELD_LONG_TEXT ||
         field->type == MLG_FIELD_TEXT_LIST;
}

/* Whether a reference value (one id, or a list of them) holds @id. */
static gboolean
value_holds_id (JsonNode   *node,
                const char *id)
{
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_value_type (node) == G_TYPE_STRING &&
           g_strcmp0 (json_node_get_string (node), id) == 0;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0, n = json_array_get_length (array); i < n; i++)
        if (value_holds_id (json_array_get_element (array, i), id))
          return TRUE;
    }
  return FALSE;
}

static gboolean
value_holds_name (JsonNode   *node,
                  const char *folded_name)
{
  if (node == NULL || folded_name == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *folded = mlg_text_fold (json_node_get_string (node));
      return strstr (folded, folded_name) != NULL;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0, n = json_array_get_length (array); i < n; i++)
        if (value_holds_name (json_array_get_element (array, i), folded_name))
          return TRUE;
    }
  return FALSE;
}

static void
add_mention (GArray     *mentions,
             MlgRecord  *record,
             const char *field,
             int         row,
             gboolean    in_text)
{
  MlgMention mention = { record, field, row, in_text };
  g_array_append_val (mentions, mention);
}

static char *
folded_name_of (MlgRecord *person)
{
  const char *name = mlg_record_get_string (person, mlg_kind_title_field (mlg_record_get_kind (person))->key);
  g_autofree char *folded = NULL;

  if (name == NULL)
    return NULL;
  folded = mlg_text_fold (name);
  g_strstrip (folded);
  if (g_utf8_strlen (folded, -1) < MIN_NAME_LENGTH)
    return NULL;
  return g_steal_pointer (&folded);
}

static void
find_in_record (MlgRecord  *record,
                const char *id,
                const char *folded_name,
                GArray     *mentions)
{
  const MlgKind *kind = mlg_record_get_kind (record);

  for (const MlgField *f = kind->fields; f->key; f++)
    {
      JsonNode *value = mlg_record_get_value (record, f->key);

      if (value == NULL)
        continue;
      if (is_reference (f) && value_holds_id (value, id))
        add_mention (mentions, record, f->key, -1, FALSE);
      else if (is_text (f) && value_holds_name (value, folded_name))
        add_mention (mentions, record, f->key, -1, TRUE);
      else if (f->type == MLG_FIELD_TABLE && JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *rows = json_node_get_array (value);

          for (guint r = 0, n = json_array_get_length (rows); r < n; r++)
            {
              JsonNode *row = json_array_get_element (rows, r);
              gboolean referred = FALSE, named = FALSE;

              if (!JSON_NODE_HOLDS_OBJECT (row))
                continue;
              for (const MlgField *c = f->columns; c->key; c++)
                {
                  JsonNode *cell = json_object_get_member (json_node_get_object (row), c->key);
                  referred |= is_reference (c) && value_holds_id (cell, id);
                  named |= is_text (c) && value_holds_name (cell, folded_name);
                }
              if (referred || named)
                add_mention (mentions, record, f->key, r, !referred);
            }
        }
    }
}

GArray *
mlg_privacy_find_mentions (MlgDocument *document,
                           MlgRecord   *person)
{
  GArray *mentions = g_array_new (FALSE, FALSE, sizeof (MlgMention));
  g_autofree char *folded_name = NULL;
  const char *id;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), mentions);
  g_return_val_if_fail (MLG_IS_RECORD (person), mentions);

  id = mlg_record_get_id (person);
  folded_name = folded_name_of (person);
  for (guint kind = 0; kind < MLG_N_KINDS; kind++)
    {
      GListModel *model = mlg_document_get_records (document, kind);

      for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
        {
          g_autoptr(MlgRecord) record = g_list_model_get_item (model, i);
          if (record != person)
            find_in_record (record, id, folded_name, mentions);
        }
    }
  return mentions;
}

/* ── JSON ────────────────────────────────────────────────────────────── */

static void
add_record_name (JsonObject  *names,
                 MlgDocument *document,
                 const char  *id)
{
  MlgRecord *record = mlg_document_lookup (document, id);

  if (record && !json_object_has_member (names, id))
    json_object_set_string_member (names, id, mlg_record_get_title (record));
}

/* The titles of the records the person's own record refers to. */
static void
collect_names (JsonObject  *names,
               MlgDocument *document,
               JsonNode    *node)
{
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    add_record_name (names, document, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0, n = json_array_get_length (array); i < n; i++)
        collect_names (names, document, json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);
      for (GList *l = members; l; l = l->next)
        collect_names (names, document, json_object_get_member (object, l->data));
    }
}

static void
collect_reference_names (JsonObject     *names,
                         MlgDocument    *document,
                         MlgRecord      *person)
{
  for (const MlgField *f = mlg_record_get_kind (person)->fields; f->key; f++)
    {
      JsonNode *value = mlg_record_get_value (person, f->key);

      if (value == NULL)
        continue;
      if (is_reference (f))
        collect_names (names, document, value);
      else if (f->type == MLG_FIELD_TABLE && JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *rows = json_node_get_array (value);
          for (guint r = 0, n = json_array_get_length (rows); r < n; r++)
            {
              JsonNode *row = json_array_get_element (rows, r);
              if (!JSON_NODE_HOLDS_OBJECT (row))
                continue;
              for (const MlgField *c = f->columns; c->key; c++)
                if (is_reference (c))
                  collect_names (names, document, json_object_get_member (json_node_get_object (row), c->key));
            }
        }
    }
}

GBytes *
mlg_privacy_export_json (MlgDocument *document,
                         MlgRecord   *person)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GArray) mentions = NULL;
  JsonObject *object = json_object_new ();
  JsonObject *names = json_object_new ();
  JsonArray *places = json_array_new ();
  char *text;
  gsize length;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (MLG_IS_RECORD (person), NULL);

  record = json_node_init_object (json_node_alloc (), mlg_record_get_object (person));
  json_object_set_string_member (object, "format", "maillage-person");
  json_object_set_string_member (object, "version", "1.0");
  json_object_set_member (object, "person", mlg_json_deep_copy (record));

  mentions = mlg_privacy_find_mentions (document, person);
  for (guint i = 0; i < mentions->len; i++)
    {
      MlgMention *m = &g_array_index (mentions, MlgMention, i);
      const MlgKind *kind = mlg_record_get_kind (m->record);
      JsonObject *place = json_object_new ();

      json_object_set_string_member (place, "kind", kind->key);
      json_object_set_string_member (place, "id", mlg_record_get_id (m->record));
      json_object_set_string_member (place, "title", mlg_record_get_title (m->record));
      json_object_set_string_member (place, "field", m->field);
      if (m->row >= 0)
        json_object_set_int_member (place, "row", m->row + 1);
      json_object_set_string_member (place, "as", m->in_text ? "name in a text" : "reference");
      json_array_add_object_element (places, place);
    }
  json_object_set_array_member (object, "mentioned_in", places);

  collect_reference_names (names, document, person);
  json_object_set_object_member (object, "records_named", names);

  json_node_take_object (root, object);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);
  /* a final newline, as in every file the app writes */
  text = g_realloc (text, length + 2);
  text[length++] = '\n';
  text[length] = '\0';
  return g_bytes_new_take (text, length);
}

/* ── vCard ───────────────────────────────────────────────────────────── */

/* RFC 6350 §3.4: backslash, comma, semicolon and newline are escaped;
 * other control characters are not allowed in text and are dropped. */
static void
append_escaped (GString    *line,
                const char *text)
{
  for (const char *p = text; p && *p; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (line, "\\\\"); break;
        case ',':  g_string_append (line, "\\,"); break;
        case ';':  g_string_append (line, "\\;"); break;
        case '\n': g_string_append (line, "\\n"); break;
        case '\t': g_string_append_c (line, ' '); break;
        default:
          if ((guchar) *p >= 0x20 && *p != 0x7f)
            g_string_append_c (line, *p);
        }
    }
}

/* RFC 6350 §3.2: lines end with CRLF and are folded after 75 octets,
 * never inside a UTF-8 character; continuation lines start with a space. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize length = strlen (line);
  gsize start = 0;
  gsize limit = 75;

  while (length - start > limit)
    {
      gsize end = start + limit;
      while (end > start && ((guchar) line[end] & 0xC0) == 0x80)
        end--;
      g_string_append_len (out, line + start, end - start);
      g_string_append (out, "\r\n ");
      start = end;
      limit = 74;  /* the space counts */
    }
  g_string_append (out, line + start);
  g_string_append (out, "\r\n");
}

static void
add_property (GString    *out,
              const char *name,
              const char *value)
{
  g_autoptr(GString) line = NULL;

  if (value == NULL || *value == '\0')
    return;
  line = g_string_new (name);
  g_string_append_c (line, ':');
  append_escaped (line, value);
  append_folded (out, line->str);
}

static const char *
first_of (MlgRecord      *person,
          const MlgField *field)
{
  JsonNode *value = mlg_record_get_value (person, field->key);

  if (value && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return json_node_get_string (value);
  return NULL;
}

GBytes *
mlg_privacy_export_vcard (MlgDocument *document,
                          MlgRecord   *person)
{
  GString *out = g_string_new (NULL);
  const MlgKind *kind;
  guint group = 0;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (MLG_IS_RECORD (person), NULL);

  kind = mlg_record_get_kind (person);
  append_folded (out, "BEGIN:VCARD");
  append_folded (out, "VERSION:4.0");
  append_folded (out, "PRODID:-//Maillage//Maillage//EN");
  /* FN is the one property a vCard must have. */
  add_property (out, "FN", mlg_record_get_title (person));

  for (const MlgField *f = kind->fields; f->key; f++)
    {
      JsonNode *value = mlg_record_get_value (person, f->key);

      if (value == NULL)
        continue;
      switch (f->type)
        {
        case MLG_FIELD_EMAIL:
          add_property (out, "EMAIL", first_of (person, f));
          break;
        case MLG_FIELD_PHONE:
          add_property (out, "TEL", first_of (person, f));
          break;
        case MLG_FIELD_URL:
          add_property (out, "URL", first_of (person, f));
          break;
        case MLG_FIELD_LONG_TEXT:
          add_property (out, "NOTE", first_of (person, f));
          break;
        case MLG_FIELD_TABLE:
          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              JsonArray *rows = json_node_get_array (value);

              /* Each row naming a record and a text (a role in a
               * structure) is an organisation and a title, grouped. */
              for (guint r = 0, n = json_array_get_length (rows); r < n; r++)
                {
                  JsonNode *row = json_array_get_element (rows, r);
                  const char *organisation = NULL, *title = NULL;
                  g_autofree char *prefix = NULL;

                  if (!JSON_NODE_HOLDS_OBJECT (row))
                    continue;
                  for (const MlgField *c = f->columns; c->key; c++)
                    {
                      const char *cell = json_object_get_string_member_with_default (json_node_get_object (row), c->key, NULL);
                      if (cell == NULL)
                        continue;
                      if (c->type == MLG_FIELD_REF && organisation == NULL)
                        organisation = mlg_document_title_of (document, cell);
                      else if (c->type == MLG_FIELD_TEXT && title == NULL)
                        title = cell;
                    }
                  if (organisation == NULL && title == NULL)
                    continue;
                  prefix = g_strdup_printf ("item%u.", ++group);
                  {
                    g_autofree char *org = g_strconcat (prefix, "ORG", NULL);
                    g_autofree char *role = g_strconcat (prefix, "TITLE", NULL);
                    add_property (out, org, organisation);
                    add_property (out, role, title);
                  }
                }
            }
          break;
        default:
          break;
        }
    }

  append_folded (out, "END:VCARD");
  return g_string_free_to_bytes (out);
}

/* ── Erasing ─────────────────────────────────────────────────────────── */

/* A copy of a reference list without @id, or NULL when nothing is left. */
static JsonNode *
list_without (JsonNode   *node,
              const char *id)
{
  JsonArray *array = json_node_get_array (node);
  JsonArray *kept = json_array_new ();
  JsonNode *result;

  for (guint i = 0, n = json_array_get_length (array); i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      if (!value_holds_id (item, id))
        json_array_add_element (kept, mlg_json_deep_copy (item));
    }
  if (json_array_get_length (kept) == 0)
    {
      json_array_unref (kept);
      return NULL;
    }
  result = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (result, kept);
  return result;
}

/* A copy of a table without the cells naming @id; rows that lose a
 * required cell go. Returns NULL when no row is left. */
static JsonNode *
table_without (const MlgField *table,
               JsonNode       *node,
               const char     *id)
{
  JsonArray *rows = json_node_get_array (node);
  JsonArray *kept = json_array_new ();
  JsonNode *result;

  for (guint r = 0, n = json_array_get_length (rows); r < n; r++)
    {
      JsonNode *row = mlg_json_deep_copy (json_array_get_element (rows, r));
      gboolean drop = FALSE;

      if (JSON_NODE_HOLDS_OBJECT (row))
        {
          JsonObject *object = json_node_get_object (row);

          for (const MlgField *c = table->columns; c->key; c++)
            {
              JsonNode *cell = json_object_get_member (object, c->key);
              g_autoptr(JsonNode) rest = NULL;

              if (!is_reference (c) || !value_holds_id (cell, id))
                continue;
              if (JSON_NODE_HOLDS_ARRAY (cell))
                rest = list_without (cell, id);
              if (rest)
                json_object_set_member (object, c->key, g_steal_pointer (&rest));
              else if (c->flags & MLG_FIELD_FLAG_REQUIRED)
                drop = TRUE;
              else
                json_object_remove_member (object, c->key);
            }
        }
      if (drop)
        json_node_unref (row);
      else
        json_array_add_element (kept, row);
    }
  if (json_array_get_length (kept) == 0)
    {
      json_array_unref (kept);
      return NULL;
    }
  result = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (result, kept);
  return result;
}

guint
mlg_privacy_erase_person (MlgDocument *document,
                          MlgRecord   *person)
{
  g_autoptr(GArray) mentions = NULL;
  g_autofree char *label = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint removed = 0;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (MLG_IS_RECORD (person), 0);
  g_return_val_if_fail (mlg_record_get_kind_id (person) != MLG_KIND_ECOSYSTEM, 0);

  id = g_strdup (mlg_record_get_id (person));
  /* Translators: the undo label of erasing a person */
  label = g_strdup_printf (_("Erase “%s”"), mlg_record_get_title (person));
  mentions = mlg_privacy_find_mentions (document, person);

  mlg_document_begin_group (document, label);
  for (guint i = 0; i < mentions->len; i++)
    {
      MlgMention *m = &g_array_index (mentions, MlgMention, i);
      const MlgField *field = mlg_kind_find_field (mlg_record_get_kind (m->record), m->field);
      JsonNode *value = mlg_record_get_value (m->record, m->field);
      char *place;
      JsonNode *rest = NULL;

      if (m->in_text)
        continue;
      removed++;
      /* A table is mentioned once per row: rewritten once, whole. */
      place = g_strdup_printf ("%p/%s", (gpointer) m->record, m->field);
      if (!g_hash_table_add (done, place) || value == NULL)
        continue;
      if (field->type == MLG_FIELD_TABLE)
        rest = table_without (field, value, id);
      else if (JSON_NODE_HOLDS_ARRAY (value))
        rest = list_without (value, id);
      mlg_document_set_value (document, m->record, m->field, rest);
    }
  mlg_document_remove_record (document, person);
  mlg_document_end_group (document);

  return removed;
}
