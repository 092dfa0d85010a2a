/* mlg-writer.c — a document to bytes, the same bytes for the same content
 *
 * Records are written sorted by id; a record's members in the order of the
 * declaration, then members this version does not know, sorted by name.
 * Two-space indentation, one table row per line, a final newline: files
 * diff and merge well, and an unchanged file saves to identical bytes.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mlg-document-private.h"
#include "mlg-record.h"
#include "mlg-schema.h"

static void
write_string (GString    *out,
              const char *text)
{
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      /* Copy the plain run before the character to escape in one go. */
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          g_string_append_printf (out, "\\u%04x", c);
        }
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as the same double. */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  /* -0.0 would be written "-0", which reads back as the integer 0. */
  if (value == 0)
    value = 0;
  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];
      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

static void
write_scalar (GString  *out,
              JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return;
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);
        if (type == G_TYPE_STRING)
          write_string (out, json_node_get_string (node));
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (type == G_TYPE_DOUBLE)
          write_double (out, json_node_get_double (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else
          g_string_append (out, "null");
      }
      return;
    case JSON_NODE_OBJECT:
    case JSON_NODE_ARRAY:
    default:
      g_assert_not_reached ();
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Member names in writing order: declared ones first, then the others
 * sorted. @first is written before all ("id"), when present. */
static GPtrArray *
ordered_members (JsonObject     *object,
                 const char     *first,
                 const MlgField *fields)
{
  guint size = json_object_get_size (object);
  GPtrArray *order = g_ptr_array_sized_new (size);
  g_autoptr(GPtrArray) others = NULL;
  JsonObjectIter iter;
  const char *key;

  if (first && json_object_has_member (object, first))
    g_ptr_array_add (order, (gpointer) first);
  for (const MlgField *f = fields; f && f->key; f++)
    if (json_object_has_member (object, f->key))
      g_ptr_array_add (order, (gpointer) f->key);

  /* Usually every member is declared: nothing more to look for. */
  if (order->len == size)
    return order;

  others = g_ptr_array_new ();
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, NULL))
    {
      if ((first && strcmp (key, first) == 0) ||
          (fields && mlg_field_find_column (fields, key)))
        continue;
      g_ptr_array_add (others, (gpointer) key);
    }
  g_ptr_array_sort (others, compare_strings);
  g_ptr_array_extend (order, others, NULL, NULL);
  return order;
}

static void write_inline (GString *out, JsonNode *node, const MlgField *columns);

static void
write_inline_object (GString        *out,
                     JsonObject     *object,
                     const MlgField *columns)
{
  g_autoptr(GPtrArray) order = ordered_members (object, NULL, columns);

  g_string_append_c (out, '{');
  for (guint i = 0; i < order->len; i++)
    {
      const char *key = g_ptr_array_index (order, i);
      const MlgField *column = columns ? mlg_field_find_column (columns, key) : NULL;

      if (i > 0)
        g_string_append (out, ", ");
      write_string (out, key);
      g_string_append (out, ": ");
      write_inline (out, json_object_get_member (object, key), column ? column->columns : NULL);
    }
  g_string_append_c (out, '}');
}

static void
write_inline (GString        *out,
              JsonNode       *node,
              const MlgField *columns)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    write_inline_object (out, json_node_get_object (node), columns);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_string_append_c (out, '[');
      for (guint i = 0, n = json_array_get_length (array); i < n; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          write_inline (out, json_array_get_element (array, i), columns);
        }
      g_string_append_c (out, ']');
    }
  else
    write_scalar (out, node);
}

static void
indent (GString *out,
        guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static gboolean
array_of_scalars (JsonArray *array)
{
  for (guint i = 0, n = json_array_get_length (array); i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      if (JSON_NODE_HOLDS_OBJECT (item) || JSON_NODE_HOLDS_ARRAY (item))
        return FALSE;
    }
  return TRUE;
}

/* A member's value: lists of objects (table rows) get one row per line. */
static void
write_member_value (GString        *out,
                    JsonNode       *node,
                    const MlgField *columns,
                    guint           level)
{
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node) || array_of_scalars (json_node_get_array (node)))
    {
      write_inline (out, node, columns);
      return;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  g_string_append (out, "[\n");
  for (guint i = 0; i < n; i++)
    {
      indent (out, level + 1);
      write_inline (out, json_array_get_element (array, i), columns);
      g_string_append (out, i + 1 < n ? ",\n" : "\n");
    }
  indent (out, level);
  g_string_append_c (out, ']');
}

static void
write_record (GString   *out,
              MlgRecord *record,
              guint      level)
{
  JsonObject *object = mlg_record_get_object (record);
  const MlgKind *kind = mlg_record_get_kind (record);
  g_autoptr(GPtrArray) order = ordered_members (object, "id", kind->fields);

  g_string_append (out, "{\n");
  for (guint i = 0; i < order->len; i++)
    {
      const char *key = g_ptr_array_index (order, i);
      const MlgField *field = mlg_kind_find_field (kind, key);

      indent (out, level + 1);
      write_string (out, key);
      g_string_append (out, ": ");
      write_member_value (out, json_object_get_member (object, key),
                          field ? field->columns : NULL, level + 1);
      g_string_append (out, i + 1 < order->len ? ",\n" : "\n");
    }
  indent (out, level);
  g_string_append_c (out, '}');
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  MlgRecord *ra = *(MlgRecord **) a;
  MlgRecord *rb = *(MlgRecord **) b;
  return strcmp (mlg_record_get_id (ra), mlg_record_get_id (rb));
}

/* What a save writes, taken on the main thread: the records of each kind
 * (held, not yet sorted) and the members the app does not know. Written
 * out in another thread while the window keeps running; nothing may
 * change the document meanwhile (see mlg_document_save_async ()). */
struct _MlgWriterSnapshot
{
  GPtrArray  *records[MLG_N_KINDS];   /* MlgRecord */
  JsonObject *extras;
};

MlgWriterSnapshot *
_mlg_writer_snapshot (MlgDocument *self)
{
  MlgWriterSnapshot *snapshot = g_new0 (MlgWriterSnapshot, 1);

  for (guint kind = 0; kind < MLG_N_KINDS; kind++)
    {
      GListModel *model = mlg_document_get_records (self, kind);
      guint n = g_list_model_get_n_items (model);

      snapshot->records[kind] = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (snapshot->records[kind], g_list_model_get_item (model, i));
    }
  snapshot->extras = json_object_ref (_mlg_document_get_extras (self));
  return snapshot;
}

void
_mlg_writer_snapshot_free (MlgWriterSnapshot *snapshot)
{
  for (guint kind = 0; kind < MLG_N_KINDS; kind++)
    g_clear_pointer (&snapshot->records[kind], g_ptr_array_unref);
  g_clear_pointer (&snapshot->extras, json_object_unref);
  g_free (snapshot);
}

GBytes *
_mlg_writer_write_snapshot (MlgWriterSnapshot *snapshot)
{
  GString *out = g_string_sized_new (64 * 1024);
  g_autoptr(GPtrArray) extra_keys = ordered_members (snapshot->extras, NULL, NULL);

  g_string_append (out, "{\n  \"format\": ");
  write_string (out, MLG_FORMAT_MARKER);
  g_string_append (out, ",\n  \"version\": ");
  write_string (out, MLG_FORMAT_VERSION);

  for (guint kind = 0; kind < MLG_N_KINDS; kind++)
    {
      GPtrArray *records = snapshot->records[kind];
      guint n = records->len;

      if (n == 0)
        continue;

      g_string_append (out, ",\n  ");
      write_string (out, mlg_kind_get (kind)->key);
      g_string_append (out, ": ");

      if (kind == MLG_KIND_ECOSYSTEM)
        {
          write_record (out, g_ptr_array_index (records, 0), 1);
          continue;
        }

      g_ptr_array_sort (records, compare_ids);
      g_string_append (out, "[\n");
      for (guint i = 0; i < n; i++)
        {
          indent (out, 2);
          write_record (out, g_ptr_array_index (records, i), 2);
          g_string_append (out, i + 1 < n ? ",\n" : "\n");
        }
      g_string_append (out, "  ]");
    }

  for (guint i = 0; i < extra_keys->len; i++)
    {
      const char *key = g_ptr_array_index (extra_keys, i);
      g_string_append (out, ",\n  ");
      write_string (out, key);
      g_string_append (out, ": ");
      write_member_value (out, json_object_get_member (snapshot->extras, key), NULL, 1);
    }

  g_string_append (out, "\n}\n");
  return g_string_free_to_bytes (out);
}

GBytes *
_mlg_writer_write (MlgDocument *self)
{
  MlgWriterSnapshot *snapshot = _mlg_writer_snapshot (self);
  GBytes *bytes = _mlg_writer_write_snapshot (snapshot);

  _mlg_writer_snapshot_free (snapshot);
  return bytes;
}
