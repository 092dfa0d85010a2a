/* mlg-reader.c — from the bytes of a file to a document, or to its errors
 *
 * Errors refuse the load (not JSON, wrong types, duplicate ids, a foreign or
 * newer file); each names its place: line and column, record and field.
 * Values that are well-typed but doubtful are warnings, found by the checker
 * once the document is built.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mlg-document-private.h"
#include "mlg-json-scan.h"
#include "mlg-problem.h"
#include "mlg-record-private.h"
#include "mlg-schema.h"

/* Past this many errors the rest are counted, not listed: a file with a
 * million wrong records still gets a quick, readable answer. */
#define MAX_LISTED_ERRORS 50

typedef struct {
  const char  *data;
  gsize        length;
  GPtrArray   *problems;
  guint        n_errors;
  MlgJsonStep  path[8];
  guint        depth;
  /* the record being read, for the place of its errors */
  MlgKindId    kind;
  const char  *record_id;
  const char  *field;
  int          row;
} Reader;

static void
push (Reader *r, const char *key, guint index)
{
  g_assert (r->depth < G_N_ELEMENTS (r->path));
  r->path[r->depth].key = key;
  r->path[r->depth].index = index;
  r->depth++;
}

static void
pop (Reader *r)
{
  r->depth--;
}

static void add_error (Reader *r, gboolean in_record, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
add_error (Reader     *r,
           gboolean    in_record,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  MlgProblem *problem;
  guint line, column;
  va_list args;

  if (r->n_errors++ >= MAX_LISTED_ERRORS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  problem = mlg_problem_new (MLG_SEVERITY_ERROR, message);
  mlg_json_locate (r->data, r->length, r->path, r->depth, &line, &column);
  mlg_problem_set_position (problem, line, column);
  if (in_record)
    mlg_problem_set_record (problem, r->kind, r->record_id, r->field, r->row);
  g_ptr_array_add (r->problems, problem);
}

static const char *
json_type_name (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY: return _("a list");
    case JSON_NODE_NULL: return _("null");
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);
        if (type == G_TYPE_STRING)
          return _("text");
        if (type == G_TYPE_BOOLEAN)
          return _("true or false");
        return _("a number");
      }
    }
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* What a field's value must look like in the file. */
static const char *
expected_of (const MlgField *field)
{
  switch (field->type)
    {
    case MLG_FIELD_TEXT_LIST:
    case MLG_FIELD_ENUM_LIST:
    case MLG_FIELD_REF_LIST:
      return _("a list of texts");
    case MLG_FIELD_TABLE:
      return _("a list of rows");
    case MLG_FIELD_INTEGER:
    case MLG_FIELD_YEAR:
      return _("a whole number");
    case MLG_FIELD_NUMBER:
    case MLG_FIELD_MONEY:
      return _("a number");
    default:
      return _("text");
    }
}

static void check_table (Reader *r, const MlgField *field, JsonNode *node);

/* Checks the JSON type of one value against its field's declaration.
 * Returns FALSE when the value must be dropped (null). */
static void
check_value (Reader         *r,
             const MlgField *field,
             JsonNode       *node)
{
  gboolean ok = TRUE;

  switch (field->type)
    {
    case MLG_FIELD_TEXT_LIST:
    case MLG_FIELD_ENUM_LIST:
    case MLG_FIELD_REF_LIST:
      if (!JSON_NODE_HOLDS_ARRAY (node))
        ok = FALSE;
      else
        {
          JsonArray *array = json_node_get_array (node);
          for (guint i = 0, n = json_array_get_length (array); i < n; i++)
            {
              JsonNode *item = json_array_get_element (array, i);
              if (!holds_type (item, G_TYPE_STRING))
                {
                  push (r, NULL, i);
                  add_error (r, TRUE, _("Item %u of “%s” should be text, not %s."),
                             i + 1, mlg_field_label (field), json_type_name (item));
                  pop (r);
                }
            }
        }
      break;

    case MLG_FIELD_TABLE:
      if (!JSON_NODE_HOLDS_ARRAY (node))
        ok = FALSE;
      else
        check_table (r, field, node);
      break;

    case MLG_FIELD_INTEGER:
    case MLG_FIELD_YEAR:
      if (holds_type (node, G_TYPE_DOUBLE))
        {
          double value = json_node_get_double (node);
          if (!isfinite (value) || value != floor (value) || fabs (value) > 9.0e15)
            {
              add_error (r, TRUE, _("“%s” should be a whole number of reasonable size."),
                         mlg_field_label (field));
              return;
            }
        }
      else if (!holds_type (node, G_TYPE_INT64))
        ok = FALSE;
      break;

    case MLG_FIELD_NUMBER:
    case MLG_FIELD_MONEY:
      if (holds_type (node, G_TYPE_DOUBLE))
        {
          if (!isfinite (json_node_get_double (node)))
            {
              add_error (r, TRUE, _("“%s” is a number too large to hold."), mlg_field_label (field));
              return;
            }
        }
      else if (!holds_type (node, G_TYPE_INT64))
        ok = FALSE;
      break;

    default:
      if (!holds_type (node, G_TYPE_STRING))
        ok = FALSE;
    }

  if (!ok)
    add_error (r, TRUE, _("“%s” should be %s, not %s."),
               mlg_field_label (field), expected_of (field), json_type_name (node));
}

/* Members set to null carry no value: they are dropped, as the app would
 * never write them. */
static void
drop_nulls (JsonObject *object)
{
  g_autoptr(GPtrArray) nulls = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  /* Iterating allocates nothing; nulls are rare. */
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &value))
    if (JSON_NODE_HOLDS_NULL (value))
      {
        if (nulls == NULL)
          nulls = g_ptr_array_new_with_free_func (g_free);
        g_ptr_array_add (nulls, g_strdup (key));
      }
  for (guint i = 0; nulls && i < nulls->len; i++)
    json_object_remove_member (object, g_ptr_array_index (nulls, i));
}

static void
check_table (Reader         *r,
             const MlgField *field,
             JsonNode       *node)
{
  JsonArray *rows = json_node_get_array (node);

  for (guint i = 0, n = json_array_get_length (rows); i < n; i++)
    {
      JsonNode *row = json_array_get_element (rows, i);

      push (r, NULL, i);
      r->row = i;
      if (!JSON_NODE_HOLDS_OBJECT (row))
        add_error (r, TRUE, _("Row %u of “%s” should be an object, not %s."),
                   i + 1, mlg_field_label (field), json_type_name (row));
      else
        {
          JsonObject *object = json_node_get_object (row);
          drop_nulls (object);
          for (const MlgField *c = field->columns; c->key; c++)
            {
              JsonNode *cell = json_object_get_member (object, c->key);
              if (cell == NULL)
                continue;
              push (r, c->key, 0);
              check_value (r, c, cell);
              pop (r);
            }
        }
      r->row = -1;
      pop (r);
    }
}

static MlgRecord *
read_record (Reader        *r,
             const MlgKind *kind,
             JsonNode      *node,
             GHashTable    *ids)
{
  JsonObject *object;
  JsonNode *id_node;
  const char *id;

  r->kind = kind->id;
  r->record_id = NULL;
  r->field = NULL;
  r->row = -1;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_error (r, FALSE, _("Each of the %s should be an object, not %s."),
                 mlg_kind_label (kind), json_type_name (node));
      return NULL;
    }
  object = json_node_get_object (node);
  drop_nulls (object);

  id_node = json_object_get_member (object, "id");
  if (id_node == NULL || !holds_type (id_node, G_TYPE_STRING) ||
      *json_node_get_string (id_node) == '\0')
    {
      add_error (r, TRUE, _("This record has no “id”: every record needs a unique one."));
      return NULL;
    }
  id = json_node_get_string (id_node);
  r->record_id = id;

  if (g_hash_table_contains (ids, id))
    {
      push (r, "id", 0);
      add_error (r, TRUE, _("The id “%s” is used twice: ids must be unique in the file."), id);
      pop (r);
      return NULL;
    }
  g_hash_table_add (ids, (gpointer) id);

  {
    JsonObjectIter iter;
    const char *key;
    JsonNode *value;

    /* only what the record holds: most declared fields are empty */
    json_object_iter_init (&iter, object);
    while (json_object_iter_next (&iter, &key, &value))
      {
        const MlgField *f = mlg_kind_find_field (kind, key);

        if (f == NULL)
          continue;
        r->field = f->key;
        push (r, f->key, 0);
        check_value (r, f, value);
        pop (r);
      }
    r->field = NULL;
  }

  return _mlg_record_new (kind, json_object_ref (object));
}

static gboolean
read_version (Reader     *r,
              JsonObject *root,
              guint      *minor)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  guint major = 0;
  char tail;

  if (format == NULL)
    {
      add_error (r, FALSE, _("This is JSON, but not a Maillage file: it has no “format”: “maillage” marker."));
      return FALSE;
    }
  if (!holds_type (format, G_TYPE_STRING) ||
      g_strcmp0 (json_node_get_string (format), MLG_FORMAT_MARKER) != 0)
    {
      push (r, "format", 0);
      add_error (r, FALSE, _("This is not a Maillage file: its format is “%s”."),
                 holds_type (format, G_TYPE_STRING) ? json_node_get_string (format) : "?");
      pop (r);
      return FALSE;
    }

  push (r, "version", 0);
  if (version == NULL || !holds_type (version, G_TYPE_STRING) ||
      sscanf (json_node_get_string (version), "%u.%u%c", &major, minor, &tail) != 2)
    {
      add_error (r, FALSE, _("The file's “version” should read like “%s”."), MLG_FORMAT_VERSION);
      pop (r);
      return FALSE;
    }
  if (major > MLG_FORMAT_VERSION_MAJOR)
    {
      add_error (r, FALSE, _("This file was written by a newer Maillage (format %s); this version reads format %d files. Update Maillage to open it."),
                 json_node_get_string (version), MLG_FORMAT_VERSION_MAJOR);
      pop (r);
      return FALSE;
    }
  pop (r);
  return TRUE;
}

static void
fail (GError **error,
      Reader  *r)
{
  MlgProblem *first = r->problems->len ? g_ptr_array_index (r->problems, 0) : NULL;
  g_autofree char *text = first ? mlg_problem_to_string (first) : g_strdup ("");

  if (r->n_errors > 1)
    g_set_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE,
                              "The file cannot be opened: %s (and %u more error)",
                              "The file cannot be opened: %s (and %u more errors)",
                              r->n_errors - 1),
                 text, r->n_errors - 1);
  else
    g_set_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_INVALID,
                 _("The file cannot be opened: %s"), text);
}

/* json-glib's message reads "<data>:LINE:COL: Parse error: …". */
static void
add_parse_error (Reader       *r,
                 const GError *parse_error)
{
  const char *message = parse_error->message;
  guint line = 0, column = 0;
  const char *text = message;
  MlgProblem *problem;
  g_autofree char *friendly = NULL;

  if (sscanf (message, "<data>:%u:%u:", &line, &column) == 2)
    {
      const char *colon = strstr (message, ": ");
      if (colon)
        text = colon + 2;
    }
  friendly = g_strdup_printf (_("This is not valid JSON (%s)."), text);
  problem = mlg_problem_new (MLG_SEVERITY_ERROR, friendly);
  mlg_problem_set_position (problem, line, column);
  g_ptr_array_add (r->problems, problem);
  r->n_errors++;
}

static void
add_scan_error (Reader            *r,
                MlgJsonScanResult  result,
                guint              line,
                guint              column)
{
  const char *message = NULL;
  MlgProblem *problem;

  switch (result)
    {
    case MLG_JSON_SCAN_EMPTY:
      message = _("The file is empty.");
      break;
    case MLG_JSON_SCAN_NUL:
      message = _("The file holds a NUL byte: it is binary or damaged, not a Maillage file.");
      break;
    case MLG_JSON_SCAN_BAD_UTF8:
      message = _("The file is not valid UTF-8 text: it may be damaged or in another encoding.");
      break;
    case MLG_JSON_SCAN_TOO_DEEP:
      message = _("Values are nested too deeply: no Maillage file nests more than 64 levels.");
      break;
    case MLG_JSON_SCAN_BAD_NUMBER:
      message = _("This number is too large to hold.");
      break;
    case MLG_JSON_SCAN_BAD_ESCAPE:
      message = _("This text holds a broken escape: a backslash goes before one of \" \\ / b f n r t, or before u and four hexadecimal digits naming a whole character.");
      break;
    case MLG_JSON_SCAN_OK:
    default:
      g_assert_not_reached ();
    }

  problem = mlg_problem_new (MLG_SEVERITY_ERROR, message);
  mlg_problem_set_position (problem, line, column);
  g_ptr_array_add (r->problems, problem);
  r->n_errors++;
}

MlgDocument *
_mlg_reader_read (GBytes     *bytes,
                  GPtrArray  *problems,
                  GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(MlgDocument) self = NULL;
  g_autoptr(GPtrArray) records = NULL;
  MlgJsonScanResult scan;
  JsonNode *root_node;
  JsonObject *root;
  gboolean bom = FALSE;
  guint line, column, minor = 0;
  Reader r = { 0 };

  r.data = g_bytes_get_data (bytes, &r.length);
  if (r.data == NULL)
    r.data = "";
  r.problems = problems;
  r.row = -1;

  /* A byte-order mark is not JSON, but editors on Windows add one. */
  if (r.length >= 3 && memcmp (r.data, "\xEF\xBB\xBF", 3) == 0)
    {
      r.data += 3;
      r.length -= 3;
      bom = TRUE;
    }

  scan = mlg_json_prescan (r.data, r.length, &line, &column);
  if (scan != MLG_JSON_SCAN_OK)
    {
      add_scan_error (&r, scan, line, column);
      fail (error, &r);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, r.data, r.length, &parse_error))
    {
      add_parse_error (&r, parse_error);
      fail (error, &r);
      return NULL;
    }

  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      add_error (&r, FALSE, _("A Maillage file is a JSON object; this file holds %s."),
                 root_node ? json_type_name (root_node) : _("nothing"));
      fail (error, &r);
      return NULL;
    }
  root = json_node_get_object (root_node);

  if (!read_version (&r, root, &minor))
    {
      fail (error, &r);
      return NULL;
    }

  self = g_object_new (MLG_TYPE_DOCUMENT, NULL);
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  records = g_ptr_array_new_with_free_func (g_object_unref);

  {
    g_autoptr(GList) members = json_object_get_members (root);

    for (GList *l = members; l; l = l->next)
      {
        const char *key = l->data;
        JsonNode *node = json_object_get_member (root, key);
        const MlgKind *kind = mlg_kind_lookup (key);

        if (strcmp (key, "format") == 0 || strcmp (key, "version") == 0)
          continue;

        if (kind == NULL)
          {
            /* A newer version's data: kept and written back. */
            json_object_set_member (_mlg_document_get_extras (self), key, json_node_copy (node));
            continue;
          }

        push (&r, key, 0);
        if (kind->id == MLG_KIND_ECOSYSTEM)
          {
            MlgRecord *record = read_record (&r, kind, node, ids);
            if (record)
              g_ptr_array_add (records, record);
          }
        else if (!JSON_NODE_HOLDS_ARRAY (node))
          add_error (&r, FALSE, _("“%s” should be a list of records, not %s."), key, json_type_name (node));
        else
          {
            JsonArray *array = json_node_get_array (node);
            for (guint i = 0, n = json_array_get_length (array); i < n; i++)
              {
                MlgRecord *record;

                push (&r, NULL, i);
                record = read_record (&r, kind, json_array_get_element (array, i), ids);
                if (record)
                  g_ptr_array_add (records, record);
                pop (&r);
              }
          }
        pop (&r);
      }
  }

  if (r.n_errors > 0)
    {
      fail (error, &r);
      return NULL;
    }

  if (!json_object_has_member (root, "ecosystem"))
    {
      JsonObject *object = json_object_new ();
      json_object_set_string_member (object, "id", "ecosystem");
      g_ptr_array_add (records, _mlg_record_new (mlg_kind_get (MLG_KIND_ECOSYSTEM), object));
    }

  _mlg_document_take_records (self, records);

  if (bom)
    _mlg_document_add_file_note (self, mlg_problem_new (MLG_SEVERITY_WARNING,
      _("The file starts with a byte-order mark, which JSON does not allow; it will be saved without it.")));
  if (minor > MLG_FORMAT_VERSION_MINOR)
    _mlg_document_add_file_note (self, mlg_problem_new (MLG_SEVERITY_WARNING,
      _("This file was written by a newer Maillage: what this version does not know is kept as it is.")));

  _mlg_document_revalidate (self);

  {
    GListModel *found = mlg_document_get_problems (self);
    for (guint i = 0, n = g_list_model_get_n_items (found); i < n; i++)
      g_ptr_array_add (problems, g_list_model_get_item (found, i));
  }

  return g_steal_pointer (&self);
}
