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

/* Deep enough for a cell of a table: kind, index, field, row, column. */
#define MAX_PATH 8

/* An error found, placed in the file only if it is listed: finding a
 * line and column reads the file up to it. */
typedef struct {
  guint        order;      /* of the record: errors are listed in file order */
  guint        seq;
  MlgProblem  *problem;
  MlgJsonStep  path[MAX_PATH];
  guint        depth;
} Pending;

typedef struct {
  GArray      *errors;     /* Pending, up to MAX_LISTED_ERRORS */
  guint        n_errors;
  guint        order;
  MlgJsonStep  path[MAX_PATH];
  guint        depth;
  /* the record being read, for the place of its errors */
  MlgKindId    kind;
  const char  *record_id;
  const char  *field;
  int          row;
  /* when reading a chunk (see check_chunk), its index, and the first
   * chunk that found enough errors to list: later ones list none */
  guint        chunk;
  gint        *first_full;
} Reader;

static void
pending_clear (Pending *pending)
{
  g_clear_object (&pending->problem);
}

static void
reader_init (Reader *r)
{
  memset (r, 0, sizeof *r);
  r->errors = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_array_set_clear_func (r->errors, (GDestroyNotify) pending_clear);
  r->row = -1;
}

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
  Pending pending = { r->order, r->errors->len, NULL, { { 0 } }, r->depth };
  va_list args;

  if (r->n_errors++ >= MAX_LISTED_ERRORS)
    return;
  if (r->first_full && (guint) g_atomic_int_get (r->first_full) < r->chunk)
    return;
  if (r->first_full && r->n_errors == MAX_LISTED_ERRORS)
    {
      gint full = g_atomic_int_get (r->first_full);

      while ((guint) full > r->chunk &&
             !g_atomic_int_compare_and_exchange (r->first_full, full, (gint) r->chunk))
        full = g_atomic_int_get (r->first_full);
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  pending.problem = mlg_problem_new (MLG_SEVERITY_ERROR, message);
  if (in_record)
    mlg_problem_set_record (pending.problem, r->kind, r->record_id, r->field, r->row);
  memcpy (pending.path, r->path, r->depth * sizeof r->path[0]);
  g_array_append_val (r->errors, pending);
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

/* The first reading of a record, in file order: its id, unique. Its
 * values are checked later (check_item), with the warnings, while the
 * record is in the processor's cache. */
static MlgRecord *
read_record (Reader        *r,
             const MlgKind *kind,
             JsonNode      *node,
             GHashTable    *ids)
{
  JsonObject *object;
  JsonNode *id_node;
  MlgRecord *record;
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

  record = _mlg_record_new (kind, json_object_ref (object));
  g_hash_table_insert (ids, (gpointer) mlg_record_get_id (record), record);
  return record;
}

/* A record read, and where it is in the file. */
typedef struct {
  MlgRecord  *record;
  const char *key;       /* its kind's member; NULL for one made here */
  guint       index;     /* in that list; G_MAXUINT for the ecosystem */
  guint       order;
} Item;

/* Checks the types of a record's values (errors), then, when they are
 * right, what the checker warns about. The two walk the same values one
 * after the other, so that the second finds them in the cache: walking
 * a large file's tree twice cost more than parsing it. */
static void
check_item (Reader      *r,
            MlgDocument *document,
            const Item  *item,
            GPtrArray   *warnings)
{
  const MlgKind *kind = mlg_record_get_kind (item->record);
  guint errors_before = r->n_errors;

  r->order = item->order;
  r->kind = kind->id;
  r->record_id = mlg_record_get_id (item->record);
  r->field = NULL;
  r->row = -1;
  r->depth = 0;

  if (item->key != NULL)
    {
      JsonObject *object = mlg_record_get_object (item->record);
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      push (r, item->key, 0);
      if (item->index != G_MAXUINT)
        push (r, NULL, item->index);
      /* its own object: another thread never touches it */
      drop_nulls (object);

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
      r->depth = 0;
    }

  if (warnings && r->n_errors == errors_before)
    _mlg_checker_check_record (document, item->record, warnings);
}

/* The records are checked by chunks, each with its reader and its
 * warnings, taken in turn by two threads on a large file: records differ
 * in size (a structure holds much more than a person), so that halves
 * would not take the same time. */
#define CHUNK_SIZE 256

typedef struct {
  Reader       reader;
  GPtrArray   *warnings;  /* MlgProblem */
} Chunk;

typedef struct {
  MlgDocument *document;
  GArray      *items;     /* Item */
  Chunk       *chunks;
  gboolean     warn;      /* FALSE once the file is refused anyway */
  gint         first_full;
} CheckChunks;

static void
check_chunk (gpointer data,
             guint    index)
{
  CheckChunks *all = data;
  Chunk *chunk = &all->chunks[index];
  guint end = MIN ((index + 1) * CHUNK_SIZE, all->items->len);

  reader_init (&chunk->reader);
  chunk->reader.chunk = index;
  chunk->reader.first_full = &all->first_full;
  chunk->warnings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = index * CHUNK_SIZE; i < end; i++)
    check_item (&chunk->reader, all->document, &g_array_index (all->items, Item, i),
                all->warn ? chunk->warnings : NULL);
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
fail (GError    **error,
      GPtrArray  *problems,
      guint       n_errors)
{
  MlgProblem *first = problems->len ? g_ptr_array_index (problems, 0) : NULL;
  g_autofree char *text = first ? mlg_problem_to_string (first) : g_strdup ("");

  if (n_errors > 1)
    g_set_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE,
                              "The file cannot be opened: %s (and %u more error)",
                              "The file cannot be opened: %s (and %u more errors)",
                              n_errors - 1),
                 text, n_errors - 1);
  else
    g_set_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_INVALID,
                 _("The file cannot be opened: %s"), text);
}

void
_mlg_reader_refuse (GPtrArray   *problems,
                    const char  *message,
                    GError     **error)
{
  g_ptr_array_add (problems, mlg_problem_new (MLG_SEVERITY_ERROR, message));
  fail (error, problems, 1);
}

static int
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const Pending *pa = a, *pb = b;

  if (pa->order != pb->order)
    return pa->order < pb->order ? -1 : 1;
  return pa->seq < pb->seq ? -1 : pa->seq > pb->seq;
}

/* Lists the first errors the readers found, in file order, each placed,
 * and fails with them. */
static void
fail_with (GError    **error,
           GPtrArray  *problems,
           const char *data,
           gsize       length,
           Reader    **readers,
           guint       n_readers)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Pending));
  guint n_errors = 0;

  g_array_set_clear_func (all, (GDestroyNotify) pending_clear);
  for (guint i = 0; i < n_readers; i++)
    {
      n_errors += readers[i]->n_errors;
      /* moved: the reader's array lets go of the problems */
      g_array_append_vals (all, readers[i]->errors->data, readers[i]->errors->len);
      g_array_set_clear_func (readers[i]->errors, NULL);
      g_array_set_size (readers[i]->errors, 0);
    }
  g_array_sort (all, compare_pending);

  for (guint i = 0; i < MIN (all->len, MAX_LISTED_ERRORS); i++)
    {
      Pending *pending = &g_array_index (all, Pending, i);
      guint line, column;

      mlg_json_locate (data, length, pending->path, pending->depth, &line, &column);
      mlg_problem_set_position (pending->problem, line, column);
      g_ptr_array_add (problems, g_steal_pointer (&pending->problem));
    }
  fail (error, problems, n_errors);
}

/* json-glib's message reads "<data>:LINE:COL: Parse error: …". */
static void
add_parse_error (GPtrArray    *problems,
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
  g_ptr_array_add (problems, problem);
}

static void
add_scan_error (GPtrArray         *problems,
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
  g_ptr_array_add (problems, problem);
}

/* Warnings in the order of the document's lists, kind by kind, as
 * _mlg_document_revalidate () gives them: the chunks found them in file
 * order. */
static GPtrArray *
warnings_by_kind (Chunk *chunks,
                  guint  n_chunks)
{
  GPtrArray *by_kind[MLG_N_KINDS] = { NULL };
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint c = 0; c < n_chunks; c++)
    for (guint i = 0; i < chunks[c].warnings->len; i++)
      {
        MlgProblem *problem = g_ptr_array_index (chunks[c].warnings, i);
        MlgKindId kind = mlg_problem_get_kind (problem);

        if (by_kind[kind] == NULL)
          by_kind[kind] = g_ptr_array_new ();
        g_ptr_array_add (by_kind[kind], problem);
      }
  for (guint kind = 0; kind < MLG_N_KINDS; kind++)
    if (by_kind[kind])
      {
        for (guint i = 0; i < by_kind[kind]->len; i++)
          g_ptr_array_add (sorted, g_object_ref (g_ptr_array_index (by_kind[kind], i)));
        g_ptr_array_unref (by_kind[kind]);
      }
  return sorted;
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
  g_autoptr(GArray) items = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  MlgJsonScanResult scan;
  JsonNode *root_node;
  JsonObject *root;
  g_autofree Chunk *chunks = NULL;
  g_autofree Reader **readers = NULL;
  CheckChunks check;
  const char *data;
  gsize length;
  gboolean bom = FALSE;
  guint line, column, minor = 0, order = 0, n_errors, n_chunks;
  Reader r;

  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    data = "";

  /* A byte-order mark is not JSON, but editors on Windows add one. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
      bom = TRUE;
    }

  /* What json-glib would crash on or read wrongly. It refuses NUL bytes
   * and what is not UTF-8 itself: the full scan then says where. */
  scan = mlg_json_prescan_quick (data, length, &line, &column);
  if (scan != MLG_JSON_SCAN_OK)
    {
      add_scan_error (problems, scan, line, column);
      fail (error, problems, 1);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      scan = mlg_json_prescan (data, length, &line, &column);
      if (scan != MLG_JSON_SCAN_OK)
        add_scan_error (problems, scan, line, column);
      else
        add_parse_error (problems, parse_error);
      fail (error, problems, 1);
      return NULL;
    }

  reader_init (&r);
  readers = g_new (Reader *, 1);
  readers[0] = &r;
  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      add_error (&r, FALSE, _("A Maillage file is a JSON object; this file holds %s."),
                 root_node ? json_type_name (root_node) : _("nothing"));
      fail_with (error, problems, data, length, readers, 1);
      g_array_unref (r.errors);
      return NULL;
    }
  root = json_node_get_object (root_node);

  if (!read_version (&r, root, &minor))
    {
      fail_with (error, problems, data, length, readers, 1);
      g_array_unref (r.errors);
      return NULL;
    }

  self = g_object_new (MLG_TYPE_DOCUMENT, NULL);
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  records = g_ptr_array_new_with_free_func (g_object_unref);
  items = g_array_new (FALSE, FALSE, sizeof (Item));

  /* First the ids, in file order: the checks need them all, to find what
   * a record refers to. */
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

        r.order = ++order;
        push (&r, key, 0);
        if (kind->id == MLG_KIND_ECOSYSTEM)
          {
            MlgRecord *record = read_record (&r, kind, node, ids);
            Item item = { record, key, G_MAXUINT, order };

            if (record)
              {
                g_ptr_array_add (records, record);
                g_array_append_val (items, item);
              }
          }
        else if (!JSON_NODE_HOLDS_ARRAY (node))
          add_error (&r, FALSE, _("“%s” should be a list of records, not %s."), key, json_type_name (node));
        else
          {
            JsonArray *array = json_node_get_array (node);
            for (guint i = 0, n = json_array_get_length (array); i < n; i++)
              {
                MlgRecord *record;

                r.order = ++order;
                push (&r, NULL, i);
                record = read_record (&r, kind, json_array_get_element (array, i), ids);
                if (record)
                  {
                    Item item = { record, key, i, order };

                    g_ptr_array_add (records, record);
                    g_array_append_val (items, item);
                  }
                pop (&r);
              }
          }
        pop (&r);
      }
  }

  if (!json_object_has_member (root, "ecosystem"))
    {
      JsonObject *object = json_object_new ();
      Item item = { NULL, NULL, G_MAXUINT, ++order };

      json_object_set_string_member (object, "id", "ecosystem");
      item.record = _mlg_record_new (mlg_kind_get (MLG_KIND_ECOSYSTEM), object);
      /* named by its id even if a record of another kind took it */
      g_hash_table_insert (ids, (gpointer) mlg_record_get_id (item.record), item.record);
      g_ptr_array_add (records, item.record);
      g_array_append_val (items, item);
    }

  /* the index is all the checks need; the lists come once they pass */
  _mlg_document_take_index (self, ids);

  /* Then each record's values: their types, and what the checker warns
   * about; by two threads on a large file. */
  n_chunks = (items->len + CHUNK_SIZE - 1) / CHUNK_SIZE;
  chunks = g_new0 (Chunk, n_chunks);
  check = (CheckChunks) { self, items, chunks, r.n_errors == 0, G_MAXINT };
  _mlg_run_chunks (n_chunks, items->len >= MLG_PARALLEL_THRESHOLD, check_chunk, &check);

  n_errors = r.n_errors;
  readers = g_renew (Reader *, readers, n_chunks + 1);
  for (guint c = 0; c < n_chunks; c++)
    {
      n_errors += chunks[c].reader.n_errors;
      readers[c + 1] = &chunks[c].reader;
    }
  if (n_errors > 0)
    fail_with (error, problems, data, length, readers, n_chunks + 1);
  else
    warnings = warnings_by_kind (chunks, n_chunks);

  for (guint i = 0; i < n_chunks + 1; i++)
    g_array_unref (readers[i]->errors);
  for (guint c = 0; c < n_chunks; c++)
    g_ptr_array_unref (chunks[c].warnings);
  if (n_errors > 0)
    return NULL;

  _mlg_document_take_records (self, records);

  if (bom)
    _mlg_document_add_file_note (self, mlg_problem_new (MLG_SEVERITY_WARNING,
      _("The file starts with a byte-order mark, which JSON does not allow; it will be saved without it.")));
  if (minor > MLG_FORMAT_VERSION_MINOR)
    _mlg_document_add_file_note (self, mlg_problem_new (MLG_SEVERITY_WARNING,
      _("This file was written by a newer Maillage: what this version does not know is kept as it is.")));

  _mlg_document_set_problems (self, warnings);

  {
    GListModel *found = mlg_document_get_problems (self);
    for (guint i = 0, n = g_list_model_get_n_items (found); i < n; i++)
      g_ptr_array_add (problems, g_list_model_get_item (found, i));
  }

  return g_steal_pointer (&self);
}
