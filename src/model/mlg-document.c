/* mlg-document.c — the ecosystem open in the app: records, undo, file */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mlg-document-private.h"
#include "mlg-file-write.h"
#include "mlg-problem.h"
#include "mlg-record-private.h"
#include "mlg-schema.h"
#include "mlg-text.h"

typedef enum {
  CHANGE_SET,
  CHANGE_ADD,
  CHANGE_REMOVE,
} ChangeType;

typedef struct {
  ChangeType  type;
  MlgRecord  *record;
  char       *key;       /* CHANGE_SET */
  JsonNode   *before;    /* CHANGE_SET; NULL when unset */
  JsonNode   *after;
  guint       position;  /* CHANGE_ADD, CHANGE_REMOVE */
} Change;

typedef struct {
  char      *label;
  GPtrArray *changes;
  guint64    serial;
  guint      merge_key;  /* see mlg_document_set_value_merged (); 0 when closed */
} ChangeGroup;

struct _MlgDocument
{
  GObject      parent_instance;

  GListStore  *records[MLG_N_KINDS];
  GHashTable  *by_id;          /* id → MlgRecord (borrowed) */
  JsonObject  *extras;         /* unknown top-level members */
  GListStore  *problems;       /* MlgProblem */
  GPtrArray   *file_notes;     /* MlgProblem about the whole file */

  GPtrArray   *undo_stack;     /* ChangeGroup */
  GPtrArray   *redo_stack;
  ChangeGroup *open_group;
  guint        group_depth;
  guint64      next_serial;
  guint64      saved_serial;   /* serial of the top group when saved */
  guint64      titles_serial;
  guint64      changes_serial;   /* any value, record added or removed */
  GHashTable  *referrers;        /* id → GPtrArray of MlgRecord; built lazily */
  guint64      referrers_serial;

  GFile       *file;
  char        *etag;
  char        *disk_stamp;     /* see query_disk_stamp () */
  gboolean     saving;         /* written in another thread: nothing may change */
};

G_DEFINE_FINAL_TYPE (MlgDocument, mlg_document, G_TYPE_OBJECT)
G_DEFINE_QUARK (mlg-document-error-quark, mlg_document_error)

enum {
  PROP_0,
  PROP_DIRTY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_FILE,
  N_PROPS
};

enum {
  RECORD_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
change_free (Change *change)
{
  g_clear_object (&change->record);
  g_free (change->key);
  g_clear_pointer (&change->before, json_node_unref);
  g_clear_pointer (&change->after, json_node_unref);
  g_free (change);
}

static void
change_group_free (ChangeGroup *group)
{
  g_free (group->label);
  g_ptr_array_unref (group->changes);
  g_free (group);
}

static guint64
top_serial (MlgDocument *self)
{
  if (self->undo_stack->len == 0)
    return 0;
  return ((ChangeGroup *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->serial;
}

static void
mlg_document_finalize (GObject *object)
{
  MlgDocument *self = MLG_DOCUMENT (object);

  g_clear_pointer (&self->open_group, change_group_free);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->referrers, g_hash_table_unref);
  for (guint i = 0; i < MLG_N_KINDS; i++)
    g_clear_object (&self->records[i]);
  g_clear_pointer (&self->extras, json_object_unref);
  g_clear_object (&self->problems);
  g_clear_pointer (&self->file_notes, g_ptr_array_unref);
  g_clear_object (&self->file);
  g_free (self->etag);
  g_free (self->disk_stamp);

  G_OBJECT_CLASS (mlg_document_parent_class)->finalize (object);
}

static void
mlg_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MlgDocument *self = MLG_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_DIRTY:
      g_value_set_boolean (value, mlg_document_get_dirty (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, mlg_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, mlg_document_can_redo (self));
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlg_document_class_init (MlgDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mlg_document_finalize;
  object_class->get_property = mlg_document_get_property;

  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MlgDocument::record-changed:
   * @record: the record whose value changed
   * @key: the field's key
   *
   * Emitted after a field of a record changed, by an edit, undo or redo.
   * Records added and removed show in the kind's list model.
   */
  signals[RECORD_CHANGED] =
    g_signal_new ("record-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, MLG_TYPE_RECORD, G_TYPE_STRING);
}

static void
mlg_document_init (MlgDocument *self)
{
  for (guint i = 0; i < MLG_N_KINDS; i++)
    self->records[i] = g_list_store_new (MLG_TYPE_RECORD);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->extras = json_object_new ();
  self->problems = g_list_store_new (MLG_TYPE_PROBLEM);
  self->file_notes = g_ptr_array_new_with_free_func (g_object_unref);
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) change_group_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) change_group_free);
  self->next_serial = 1;
}

/* An empty document still has its one ecosystem record. */
MlgDocument *
mlg_document_new (void)
{
  MlgDocument *self = g_object_new (MLG_TYPE_DOCUMENT, NULL);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", "ecosystem");
  _mlg_document_take_record (self, _mlg_record_new (mlg_kind_get (MLG_KIND_ECOSYSTEM), object));
  _mlg_document_revalidate (self);
  return self;
}

void
_mlg_document_take_record (MlgDocument *self,
                           MlgRecord   *record)
{
  g_list_store_append (self->records[mlg_record_get_kind_id (record)], record);
  g_hash_table_insert (self->by_id, (gpointer) mlg_record_get_id (record), record);
  g_object_unref (record);
}

/* The reader's index becomes the document's: hashing every id again
 * would read every record again. */
void
_mlg_document_take_index (MlgDocument *self,
                          GHashTable  *by_id)
{
  g_return_if_fail (g_hash_table_size (self->by_id) == 0);
  g_hash_table_unref (self->by_id);
  self->by_id = g_hash_table_ref (by_id);
}

void
_mlg_document_take_records (MlgDocument *self,
                            GPtrArray   *records)
{
  GPtrArray *by_kind[MLG_N_KINDS] = { NULL };

  for (guint i = 0; i < records->len; i++)
    {
      MlgRecord *record = g_ptr_array_index (records, i);
      MlgKindId kind = mlg_record_get_kind_id (record);

      if (by_kind[kind] == NULL)
        by_kind[kind] = g_ptr_array_new ();
      g_ptr_array_add (by_kind[kind], record);
    }

  /* One splice per kind: one items-changed instead of one per record. */
  for (guint kind = 0; kind < MLG_N_KINDS; kind++)
    if (by_kind[kind])
      {
        g_list_store_splice (self->records[kind],
                             g_list_model_get_n_items (G_LIST_MODEL (self->records[kind])), 0,
                             by_kind[kind]->pdata, by_kind[kind]->len);
        g_ptr_array_unref (by_kind[kind]);
      }
}

JsonObject *
_mlg_document_get_extras (MlgDocument *self)
{
  return self->extras;
}

void
_mlg_document_add_file_note (MlgDocument *self,
                             MlgProblem  *problem)
{
  g_ptr_array_add (self->file_notes, problem);
}

/* ── Problems ────────────────────────────────────────────────────────── */

typedef struct {
  MlgChunkFunc func;
  gpointer     data;
  guint        n_chunks;
  gint         next;
} Chunks;

static gpointer
run_chunks (gpointer data)
{
  Chunks *chunks = data;

  for (;;)
    {
      guint chunk = g_atomic_int_add (&chunks->next, 1);

      if (chunk >= chunks->n_chunks)
        return NULL;
      chunks->func (chunks->data, chunk);
    }
}

/* Taking chunks in turn rather than halves keeps both threads busy to the
 * end, whatever the records' sizes and whatever else the machine runs. */
void
_mlg_run_chunks (guint        n_chunks,
                 gboolean     parallel,
                 MlgChunkFunc func,
                 gpointer     data)
{
  Chunks chunks = { func, data, n_chunks, 0 };
  GThread *helper = NULL;

  if (parallel && n_chunks > 1)
    helper = g_thread_new ("maillage-check", run_chunks, &chunks);
  run_chunks (&chunks);
  if (helper)
    g_thread_join (helper);
}

#define CHECK_CHUNK 256

typedef struct {
  MlgDocument *document;
  GPtrArray   *records;   /* borrowed MlgRecord */
  GPtrArray  **found;     /* MlgProblem, one array per chunk */
} CheckChunks;

static void
check_chunk (gpointer data,
             guint    chunk)
{
  CheckChunks *check = data;
  guint end = MIN ((chunk + 1) * CHECK_CHUNK, check->records->len);

  check->found[chunk] = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = chunk * CHECK_CHUNK; i < end; i++)
    _mlg_checker_check_record (check->document, g_ptr_array_index (check->records, i), check->found[chunk]);
}

/* The problems: notes about the file, then @warnings (the records', in
 * the order of the lists), then the cycles. */
void
_mlg_document_set_problems (MlgDocument *self,
                            GPtrArray   *warnings)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->file_notes->len; i++)
    g_ptr_array_add (found, g_object_ref (g_ptr_array_index (self->file_notes, i)));
  for (guint i = 0; i < warnings->len; i++)
    g_ptr_array_add (found, g_object_ref (g_ptr_array_index (warnings, i)));
  _mlg_checker_check_cycles (self, found);

  g_list_store_splice (self->problems, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                       found->pdata, found->len);
}

void
_mlg_document_revalidate (MlgDocument *self)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autofree GPtrArray **found_by_chunk = NULL;
  CheckChunks check;
  guint n_chunks;

  for (guint kind = 0; kind < MLG_N_KINDS; kind++)
    {
      GListModel *model = G_LIST_MODEL (self->records[kind]);
      for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
        {
          MlgRecord *record = g_list_model_get_item (model, i);
          g_ptr_array_add (records, record);
          g_object_unref (record); /* the store keeps it */
        }
    }

  /* The checks only read the document: a large file is checked by two
   * threads, chunk by chunk, put back in order so that the list reads the
   * same. */
  n_chunks = (records->len + CHECK_CHUNK - 1) / CHECK_CHUNK;
  found_by_chunk = g_new0 (GPtrArray *, n_chunks);
  check = (CheckChunks) { self, records, found_by_chunk };
  _mlg_run_chunks (n_chunks, records->len >= MLG_PARALLEL_THRESHOLD, check_chunk, &check);
  for (guint c = 0; c < n_chunks; c++)
    g_ptr_array_extend_and_steal (found, found_by_chunk[c]);
  _mlg_document_set_problems (self, found);
}

static gboolean
problem_is_about (MlgProblem *problem,
                  MlgRecord  *record,
                  const char *key)
{
  return mlg_problem_has_record (problem) &&
         mlg_problem_get_kind (problem) == mlg_record_get_kind_id (record) &&
         g_strcmp0 (mlg_problem_get_record_id (problem), mlg_record_get_id (record)) == 0 &&
         g_strcmp0 (mlg_problem_get_field (problem), key) == 0;
}

/* After one field changed, only that field's problems can change, unless it
 * refers to other records (a cycle may appear or vanish): then all. */
static void
revalidate_record (MlgDocument *self,
                   MlgRecord   *record,
                   const char  *key)
{
  const MlgField *field = mlg_kind_find_field (mlg_record_get_kind (record), key);
  GListModel *problems = G_LIST_MODEL (self->problems);
  g_autoptr(GPtrArray) found = NULL;
  guint n, first = G_MAXUINT, count = 0;

  if (field == NULL || field->type == MLG_FIELD_REF ||
      field->type == MLG_FIELD_REF_LIST || field->type == MLG_FIELD_TABLE ||
      mlg_record_get_kind_id (record) == MLG_KIND_TERRITORY)
    {
      _mlg_document_revalidate (self);
      return;
    }

  found = g_ptr_array_new_with_free_func (g_object_unref);
  _mlg_checker_check_field (self, record, key, found);

  /* The checker lists a record's problems field by field, so those of one
   * field are contiguous: replace them in place, or add them after the
   * record's other problems. */
  n = g_list_model_get_n_items (problems);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MlgProblem) problem = g_list_model_get_item (problems, i);

      if (problem_is_about (problem, record, key))
        {
          if (first == G_MAXUINT)
            first = i;
          count++;
        }
      else if (first != G_MAXUINT)
        break;
    }

  if (first == G_MAXUINT)
    {
      /* after the last problem of the same record, else at the end */
      first = n;
      for (guint i = n; i > 0; i--)
        {
          g_autoptr(MlgProblem) problem = g_list_model_get_item (problems, i - 1);
          if (mlg_problem_has_record (problem) &&
              g_strcmp0 (mlg_problem_get_record_id (problem), mlg_record_get_id (record)) == 0)
            {
              first = i;
              break;
            }
        }
    }
  g_list_store_splice (self->problems, first, count, found->pdata, found->len);
}

GListModel *
mlg_document_get_problems (MlgDocument *self)
{
  g_return_val_if_fail (MLG_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->problems);
}

/* ── Reading records ─────────────────────────────────────────────────── */

GListModel *
mlg_document_get_records (MlgDocument *self,
                          MlgKindId    kind)
{
  g_return_val_if_fail (MLG_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind < MLG_N_KINDS, NULL);
  return G_LIST_MODEL (self->records[kind]);
}

guint
mlg_document_count (MlgDocument *self,
                    MlgKindId    kind)
{
  return g_list_model_get_n_items (mlg_document_get_records (self, kind));
}

MlgRecord *
mlg_document_get_ecosystem (MlgDocument *self)
{
  g_autoptr(MlgRecord) record = g_list_model_get_item (G_LIST_MODEL (self->records[MLG_KIND_ECOSYSTEM]), 0);
  return record; /* the store keeps it alive */
}

MlgRecord *
mlg_document_lookup (MlgDocument *self,
                     const char  *id)
{
  g_return_val_if_fail (MLG_IS_DOCUMENT (self), NULL);
  return id ? g_hash_table_lookup (self->by_id, id) : NULL;
}

MlgRecord *
mlg_document_lookup_kind (MlgDocument *self,
                          MlgKindId    kind,
                          const char  *id)
{
  MlgRecord *record = mlg_document_lookup (self, id);
  return record && mlg_record_get_kind_id (record) == kind ? record : NULL;
}

/* The title of the record @id, or @id itself when it is missing. */
const char *
mlg_document_title_of (MlgDocument *self,
                       const char  *id)
{
  MlgRecord *record = mlg_document_lookup (self, id);
  return record ? mlg_record_get_title (record) : id;
}

static void
index_reference (MlgDocument *self,
                 MlgRecord   *record,
                 MlgKindId    target_kind,
                 JsonNode    *node)
{
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0, n = json_array_get_length (array); i < n; i++)
        index_reference (self, record, target_kind, json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *id = json_node_get_string (node);
      MlgRecord *target = mlg_document_lookup_kind (self, target_kind, id);
      GPtrArray *list;

      if (target == NULL || target == record)
        return;
      list = g_hash_table_lookup (self->referrers, mlg_record_get_id (target));
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (self->referrers, (gpointer) mlg_record_get_id (target), list);
        }
      /* once per record, however many of its fields name the target */
      if (list->len == 0 || g_ptr_array_index (list, list->len - 1) != record)
        g_ptr_array_add (list, record);
    }
}

/* Who refers to whom, built once for all the records, until something
 * changes: fact sheets and the editor's linked records ask for each record
 * in turn, which would otherwise scan the whole file each time. */
static void
build_referrers (MlgDocument *self)
{
  if (self->referrers && self->referrers_serial == self->changes_serial)
    return;

  g_clear_pointer (&self->referrers, g_hash_table_unref);
  self->referrers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) g_ptr_array_unref);
  self->referrers_serial = self->changes_serial;

  for (guint k = 0; k < MLG_N_KINDS; k++)
    {
      GListModel *model = G_LIST_MODEL (self->records[k]);
      const MlgKind *kind = mlg_kind_get (k);

      for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
        {
          g_autoptr(MlgRecord) record = g_list_model_get_item (model, i);

          for (const MlgField *f = kind->fields; f->key; f++)
            {
              if (f->type == MLG_FIELD_REF || f->type == MLG_FIELD_REF_LIST)
                index_reference (self, record, f->target, mlg_record_get_value (record, f->key));
              else if (f->type == MLG_FIELD_TABLE)
                {
                  JsonArray *rows = mlg_record_get_array (record, f->key);
                  for (guint r = 0, nr = rows ? json_array_get_length (rows) : 0; r < nr; r++)
                    {
                      JsonNode *row = json_array_get_element (rows, r);
                      if (!JSON_NODE_HOLDS_OBJECT (row))
                        continue;
                      for (const MlgField *c = f->columns; c->key; c++)
                        if (c->type == MLG_FIELD_REF || c->type == MLG_FIELD_REF_LIST)
                          index_reference (self, record, c->target,
                                           json_object_get_member (json_node_get_object (row), c->key));
                    }
                }
            }
        }
    }
}

/* The records of @kind (or of every kind, with MLG_N_KINDS) that refer to
 * @target, in list order. */
GPtrArray *
mlg_document_find_referrers (MlgDocument *self,
                             MlgRecord   *target,
                             MlgKindId    kind)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *list;

  g_return_val_if_fail (MLG_IS_DOCUMENT (self), found);

  build_referrers (self);
  list = g_hash_table_lookup (self->referrers, mlg_record_get_id (target));
  for (guint i = 0; list && i < list->len; i++)
    {
      MlgRecord *record = g_ptr_array_index (list, i);
      if (kind == MLG_N_KINDS || mlg_record_get_kind_id (record) == kind)
        g_ptr_array_add (found, g_object_ref (record));
    }
  return found;
}

char *
mlg_document_new_id (MlgDocument *self,
                     MlgKindId    kind,
                     const char  *name)
{
  g_autofree char *slug = mlg_text_slug (name);
  char *id;

  if (*slug == '\0')
    {
      g_free (slug);
      slug = g_strdup (mlg_kind_get (kind)->id_prefix);
    }

  id = g_strdup (slug);
  for (guint n = 2; g_hash_table_contains (self->by_id, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", slug, n);
    }
  return id;
}

/* ── Changes and undo ────────────────────────────────────────────────── */

static void
notify_history (MlgDocument *self,
                gboolean     was_dirty,
                gboolean     could_undo,
                gboolean     could_redo)
{
  if (was_dirty != mlg_document_get_dirty (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
  if (could_undo != mlg_document_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != mlg_document_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
push_group (MlgDocument *self,
            ChangeGroup *group)
{
  gboolean was_dirty = mlg_document_get_dirty (self);
  gboolean could_undo = mlg_document_can_undo (self);
  gboolean could_redo = mlg_document_can_redo (self);

  if (group->changes->len == 0)
    {
      change_group_free (group);
      return;
    }
  group->serial = self->next_serial++;
  /* Something happened after the previous step: typing no longer joins it. */
  if (self->undo_stack->len > 0)
    ((ChangeGroup *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->merge_key = 0;
  g_ptr_array_add (self->undo_stack, group);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_history (self, was_dirty, could_undo, could_redo);
}

static void
record_change (MlgDocument *self,
               Change      *change,
               const char  *label)
{
  if (self->open_group)
    {
      g_ptr_array_add (self->open_group->changes, change);
      return;
    }
  else
    {
      ChangeGroup *group = g_new0 (ChangeGroup, 1);
      group->label = g_strdup (label);
      group->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
      g_ptr_array_add (group->changes, change);
      push_group (self, group);
    }
}

void
mlg_document_begin_group (MlgDocument *self,
                          const char  *label)
{
  g_return_if_fail (MLG_IS_DOCUMENT (self));

  if (self->group_depth++ > 0)
    return;
  self->open_group = g_new0 (ChangeGroup, 1);
  self->open_group->label = g_strdup (label);
  self->open_group->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
}

void
mlg_document_end_group (MlgDocument *self)
{
  g_return_if_fail (MLG_IS_DOCUMENT (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;
  push_group (self, g_steal_pointer (&self->open_group));
}

guint64
_mlg_document_get_titles_serial (MlgDocument *self)
{
  return self->titles_serial;
}

static void
apply_set (MlgDocument *self,
           MlgRecord   *record,
           const char  *key,
           JsonNode    *value)
{
  self->changes_serial++;
  if (g_strcmp0 (key, mlg_kind_title_field (mlg_record_get_kind (record))->key) == 0)
    self->titles_serial++;
  _mlg_record_set_value (record, key, mlg_json_deep_copy (value));
  revalidate_record (self, record, key);
  g_signal_emit (self, signals[RECORD_CHANGED], 0, record, key);
}

static void
apply_insert (MlgDocument *self,
              MlgRecord   *record,
              guint        position)
{
  GListStore *store = self->records[mlg_record_get_kind_id (record)];

  self->titles_serial++;
  self->changes_serial++;
  g_hash_table_insert (self->by_id, (gpointer) mlg_record_get_id (record), record);
  g_list_store_insert (store, MIN (position, g_list_model_get_n_items (G_LIST_MODEL (store))), record);
  _mlg_document_revalidate (self);
}

static void
apply_remove (MlgDocument *self,
              MlgRecord   *record)
{
  GListStore *store = self->records[mlg_record_get_kind_id (record)];
  guint position;

  self->titles_serial++;
  self->changes_serial++;
  if (g_list_store_find (store, record, &position))
    {
      g_hash_table_remove (self->by_id, mlg_record_get_id (record));
      g_list_store_remove (store, position);
    }
  _mlg_document_revalidate (self);
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

/* Empty values are not stored: the file keeps only what was filled.
 * Returns @value (taken), or NULL for an empty one. */
static JsonNode *
normalize_value (JsonNode *value)
{
  if (value && JSON_NODE_HOLDS_NULL (value))
    g_clear_pointer (&value, json_node_unref);
  else if (value && JSON_NODE_HOLDS_VALUE (value) &&
           json_node_get_value_type (value) == G_TYPE_STRING &&
           *json_node_get_string (value) == '\0')
    g_clear_pointer (&value, json_node_unref);
  else if (value && JSON_NODE_HOLDS_ARRAY (value) &&
           json_array_get_length (json_node_get_array (value)) == 0)
    g_clear_pointer (&value, json_node_unref);
  return value;
}

void
mlg_document_set_value (MlgDocument *self,
                        MlgRecord   *record,
                        const char  *key,
                        JsonNode    *value)
{
  Change *change;
  JsonNode *before;

  g_return_if_fail (MLG_IS_DOCUMENT (self));
  g_return_if_fail (!self->saving);
  g_return_if_fail (MLG_IS_RECORD (record));
  g_return_if_fail (g_strcmp0 (key, "id") != 0);

  value = normalize_value (value);
  before = mlg_record_get_value (record, key);
  if (nodes_equal (before, value))
    {
      g_clear_pointer (&value, json_node_unref);
      return;
    }

  change = g_new0 (Change, 1);
  change->type = CHANGE_SET;
  change->record = g_object_ref (record);
  change->key = g_strdup (key);
  change->before = mlg_json_deep_copy (before);
  change->after = value;

  apply_set (self, record, key, value);
  record_change (self, change, _("Edit"));
}

void
mlg_document_set_string (MlgDocument *self,
                         MlgRecord   *record,
                         const char  *key,
                         const char  *text)
{
  JsonNode *node = NULL;

  if (text && *text)
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text);
    }
  mlg_document_set_value (self, record, key, node);
}

void
mlg_document_set_int (MlgDocument *self,
                      MlgRecord   *record,
                      const char  *key,
                      gint64       number)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (node, number);
  mlg_document_set_value (self, record, key, node);
}

guint
mlg_document_new_merge_key (MlgDocument *self)
{
  static gint last_key;

  g_return_val_if_fail (MLG_IS_DOCUMENT (self), 0);
  /* Unique in the process, so that two editors never share one. */
  return (guint) g_atomic_int_add (&last_key, 1) + 1;
}

void
mlg_document_set_value_merged (MlgDocument *self,
                               MlgRecord   *record,
                               const char  *key,
                               JsonNode    *value,
                               guint        merge_key)
{
  ChangeGroup *top;
  Change *change;
  gboolean was_dirty, could_undo, could_redo;

  g_return_if_fail (MLG_IS_DOCUMENT (self));
  g_return_if_fail (!self->saving);
  g_return_if_fail (MLG_IS_RECORD (record));

  top = self->undo_stack->len > 0 ? g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1) : NULL;
  change = top && top->changes->len == 1 ? g_ptr_array_index (top->changes, 0) : NULL;
  if (merge_key == 0 || self->open_group || top == NULL || top->merge_key != merge_key ||
      change == NULL || change->type != CHANGE_SET || change->record != record ||
      g_strcmp0 (change->key, key) != 0)
    {
      /* A new step, which the next edits with this key may join. */
      mlg_document_set_value (self, record, key, value);
      if (self->open_group == NULL && self->undo_stack->len > 0 &&
          g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1) != top)
        ((ChangeGroup *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->merge_key = merge_key;
      return;
    }

  value = normalize_value (value);
  if (nodes_equal (mlg_record_get_value (record, key), value))
    {
      g_clear_pointer (&value, json_node_unref);
      return;
    }

  was_dirty = mlg_document_get_dirty (self);
  could_undo = mlg_document_can_undo (self);
  could_redo = mlg_document_can_redo (self);
  apply_set (self, record, key, value);
  g_clear_pointer (&change->after, json_node_unref);
  change->after = value;
  if (nodes_equal (change->before, change->after))
    /* Typed back to what it was: the step undoes nothing. */
    g_ptr_array_set_size (self->undo_stack, self->undo_stack->len - 1);
  else
    /* A new serial: the step differs from what a save may have written. */
    top->serial = self->next_serial++;
  notify_history (self, was_dirty, could_undo, could_redo);
}

static MlgRecord *
insert_new_record (MlgDocument *self,
                   MlgKindId    kind,
                   JsonObject  *object,
                   const char  *label)
{
  MlgRecord *record = _mlg_record_new (mlg_kind_get (kind), object);
  Change *change = g_new0 (Change, 1);

  change->type = CHANGE_ADD;
  change->record = g_object_ref (record);
  change->position = g_list_model_get_n_items (G_LIST_MODEL (self->records[kind]));

  apply_insert (self, record, change->position);
  g_object_unref (record); /* the store holds it now */
  record_change (self, change, label);
  return record;
}

MlgRecord *
mlg_document_add_record (MlgDocument *self,
                         MlgKindId    kind,
                         const char  *name)
{
  JsonObject *object;
  g_autofree char *id = NULL;

  g_return_val_if_fail (MLG_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (!self->saving, NULL);
  g_return_val_if_fail (kind != MLG_KIND_ECOSYSTEM && kind < MLG_N_KINDS, NULL);

  id = mlg_document_new_id (self, kind, name);
  object = json_object_new ();
  json_object_set_string_member (object, "id", id);
  if (name && *name)
    json_object_set_string_member (object, mlg_kind_title_field (mlg_kind_get (kind))->key, name);

  return insert_new_record (self, kind, object, _("New record"));
}

MlgRecord *
mlg_document_duplicate_record (MlgDocument *self,
                               MlgRecord   *record)
{
  MlgKindId kind = mlg_record_get_kind_id (record);
  const char *title_key = mlg_kind_title_field (mlg_record_get_kind (record))->key;
  g_autoptr(JsonNode) source = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  JsonObject *object;

  g_return_val_if_fail (MLG_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (!self->saving, NULL);
  g_return_val_if_fail (kind != MLG_KIND_ECOSYSTEM, NULL);

  source = json_node_init_object (json_node_alloc (), mlg_record_get_object (record));
  copy = mlg_json_deep_copy (source);
  object = json_node_dup_object (copy);

  /* Translators: the name of a duplicated record */
  title = g_strdup_printf (_("%s (copy)"), mlg_record_get_title (record));
  id = mlg_document_new_id (self, kind, title);
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, title_key, title);

  return insert_new_record (self, kind, object, _("Duplicate"));
}

void
mlg_document_remove_record (MlgDocument *self,
                            MlgRecord   *record)
{
  Change *change;
  guint position;

  g_return_if_fail (MLG_IS_DOCUMENT (self));
  g_return_if_fail (!self->saving);
  g_return_if_fail (mlg_record_get_kind_id (record) != MLG_KIND_ECOSYSTEM);

  if (!g_list_store_find (self->records[mlg_record_get_kind_id (record)], record, &position))
    g_return_if_reached ();

  change = g_new0 (Change, 1);
  change->type = CHANGE_REMOVE;
  change->record = g_object_ref (record);
  change->position = position;

  apply_remove (self, record);
  record_change (self, change, _("Delete"));
}

static void
apply_change (MlgDocument *self,
              Change      *change,
              gboolean     forward)
{
  switch (change->type)
    {
    case CHANGE_SET:
      apply_set (self, change->record, change->key, forward ? change->after : change->before);
      break;
    case CHANGE_ADD:
      if (forward)
        apply_insert (self, change->record, change->position);
      else
        apply_remove (self, change->record);
      break;
    case CHANGE_REMOVE:
      if (forward)
        apply_remove (self, change->record);
      else
        apply_insert (self, change->record, change->position);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
move_group (MlgDocument *self,
            GPtrArray   *from,
            GPtrArray   *to,
            gboolean     forward)
{
  gboolean was_dirty = mlg_document_get_dirty (self);
  gboolean could_undo = mlg_document_can_undo (self);
  gboolean could_redo = mlg_document_can_redo (self);
  ChangeGroup *group;

  g_return_if_fail (self->group_depth == 0);
  if (from->len == 0)
    return;

  group = g_ptr_array_steal_index (from, from->len - 1);
  group->merge_key = 0;
  if (forward)
    for (guint i = 0; i < group->changes->len; i++)
      apply_change (self, g_ptr_array_index (group->changes, i), TRUE);
  else
    for (guint i = group->changes->len; i > 0; i--)
      apply_change (self, g_ptr_array_index (group->changes, i - 1), FALSE);
  g_ptr_array_add (to, group);

  notify_history (self, was_dirty, could_undo, could_redo);
}

void
mlg_document_undo (MlgDocument *self)
{
  g_return_if_fail (!self->saving);
  move_group (self, self->undo_stack, self->redo_stack, FALSE);
}

void
mlg_document_redo (MlgDocument *self)
{
  g_return_if_fail (!self->saving);
  move_group (self, self->redo_stack, self->undo_stack, TRUE);
}

gboolean mlg_document_can_undo (MlgDocument *self) { return self->undo_stack->len > 0; }
gboolean mlg_document_can_redo (MlgDocument *self) { return self->redo_stack->len > 0; }

const char *
mlg_document_get_undo_label (MlgDocument *self)
{
  if (self->undo_stack->len == 0)
    return NULL;
  return ((ChangeGroup *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->label;
}

const char *
mlg_document_get_redo_label (MlgDocument *self)
{
  if (self->redo_stack->len == 0)
    return NULL;
  return ((ChangeGroup *) g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1))->label;
}

gboolean
mlg_document_get_dirty (MlgDocument *self)
{
  g_return_val_if_fail (MLG_IS_DOCUMENT (self), FALSE);
  return top_serial (self) != self->saved_serial;
}

/* ── Files ───────────────────────────────────────────────────────────── */

MlgDocument *
mlg_document_new_from_bytes (GBytes     *bytes,
                             GPtrArray **problems,
                             GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  MlgDocument *self = _mlg_reader_read (bytes, found, error);

  if (problems)
    *problems = g_steal_pointer (&found);
  return self;
}

static void
set_changed_on_disk (GError **error,
                     GFile   *file)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_CHANGED_ON_DISK,
               _("“%s” was changed by someone else since it was opened."), name);
}

/* GIO's etag of a local file is its modification time, which a copy with
 * "cp -p" or a sync tool keeps: the change time, the inode and the size
 * tell such a replacement too. NULL where the file system has none. */
static char *
query_disk_stamp (GFile        *file,
                  GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file,
                                                 G_FILE_ATTRIBUTE_TIME_CHANGED ","
                                                 G_FILE_ATTRIBUTE_TIME_CHANGED_USEC ","
                                                 G_FILE_ATTRIBUTE_UNIX_INODE ","
                                                 G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, cancellable, NULL);

  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_CHANGED))
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%06u:%" G_GUINT64_FORMAT ":%" G_GOFFSET_FORMAT,
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_CHANGED),
                          g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_CHANGED_USEC),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE),
                          g_file_info_get_size (info));
}

/* Loading takes about ten times a file's size in memory: a larger file
 * is refused before it is read, as an error of the file. */
static gboolean
size_allowed (GFile      *file,
              guint64     size,
              GPtrArray **problems,
              GError    **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *name = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *message = NULL;

  if (size <= MLG_DOCUMENT_MAX_SIZE)
    return TRUE;

  name = g_file_get_parse_name (file);
  size_text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  limit_text = g_format_size_full (MLG_DOCUMENT_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: a file's name, its size, then the largest size that
   * opens (sizes such as “513.0 MiB”, written by GLib) */
  message = g_strdup_printf (_("“%s” is %s; Maillage opens files up to %s."), name, size_text, limit_text);
  found = g_ptr_array_new_with_free_func (g_object_unref);
  _mlg_reader_refuse (found, message, error);
  if (problems)
    *problems = g_steal_pointer (&found);
  return FALSE;
}

MlgDocument *
mlg_document_new_from_file (GFile         *file,
                            GCancellable  *cancellable,
                            GPtrArray    **problems,
                            GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *etag = NULL;
  char *contents = NULL;
  gsize length = 0;
  MlgDocument *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (problems)
    *problems = NULL;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      !size_allowed (file, g_file_info_get_size (info), problems, error))
    return NULL;
  if (!g_file_load_contents (file, cancellable, &contents, &length, &etag, error))
    return NULL;
  bytes = g_bytes_new_take (contents, length);
  /* where the size was not known beforehand, or the file grew meanwhile */
  if (!size_allowed (file, length, problems, error))
    return NULL;

  self = mlg_document_new_from_bytes (bytes, problems, error);
  if (self)
    {
      self->file = g_object_ref (file);
      self->etag = g_steal_pointer (&etag);
      self->disk_stamp = query_disk_stamp (file, cancellable);
    }
  return self;
}

typedef struct {
  MlgDocument *document;
  GPtrArray   *problems;
  GError      *error;     /* when the file has errors: see the problems */
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_object (&result->document);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_error (&result->error);
  g_free (result);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadResult *result = g_new0 (LoadResult, 1);

  result->document = mlg_document_new_from_file (task_data, cancellable, &result->problems, &result->error);

  /* Nobody else sees the document yet: build the sort keys and search
   * texts here, so that lists sort and the first keystroke answers at once. */
  for (guint kind = 0; result->document && kind < MLG_N_KINDS; kind++)
    {
      GListModel *model = mlg_document_get_records (result->document, kind);
      for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
        {
          g_autoptr(MlgRecord) record = g_list_model_get_item (model, i);
          mlg_record_get_sort_key (record);
          mlg_document_get_search_text (result->document, record);
        }
    }

  if (result->document == NULL && result->problems == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&result->error));
      load_result_free (result);
      return;
    }
  /* Errors in the file come back with their problems, to be listed. */
  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

void
mlg_document_load_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (G_IS_FILE (file));
  g_task_set_source_tag (task, mlg_document_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

MlgDocument *
mlg_document_load_finish (GAsyncResult  *result,
                          GPtrArray    **problems,
                          GError       **error)
{
  LoadResult *loaded;
  MlgDocument *document;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (problems)
    *problems = NULL;
  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return NULL;

  if (problems)
    *problems = g_steal_pointer (&loaded->problems);
  document = g_steal_pointer (&loaded->document);
  if (document == NULL)
    g_propagate_error (error, g_steal_pointer (&loaded->error));
  load_result_free (loaded);
  return document;
}

GBytes *
mlg_document_to_bytes (MlgDocument *self)
{
  g_return_val_if_fail (MLG_IS_DOCUMENT (self), NULL);
  return _mlg_writer_write (self);
}

/* A save, in three steps: prepared and finished on the main thread, the
 * bytes made and written in between, on any thread. */
typedef struct {
  MlgWriterSnapshot *snapshot;
  GFile             *file;
  gboolean           same_file;
  char              *expected_etag;   /* refuse if the file is no longer this */
  char              *expected_stamp;
  char              *new_etag;
  char              *new_stamp;
  guint64            serial;          /* of the changes the snapshot holds */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_pointer (&job->snapshot, _mlg_writer_snapshot_free);
  g_clear_object (&job->file);
  g_free (job->expected_etag);
  g_free (job->expected_stamp);
  g_free (job->new_etag);
  g_free (job->new_stamp);
  g_free (job);
}

static SaveJob *
save_prepare (MlgDocument  *self,
              GFile        *file,
              gboolean      overwrite_changes,
              GError      **error)
{
  SaveJob *job;

  if (file == NULL)
    file = self->file;
  if (file == NULL)
    {
      g_set_error_literal (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_NO_FILE,
                           _("The document has no file yet: choose where to save it."));
      return NULL;
    }

  job = g_new0 (SaveJob, 1);
  job->snapshot = _mlg_writer_snapshot (self);
  job->serial = top_serial (self);
  job->file = g_object_ref (file);
  job->same_file = self->file != NULL && g_file_equal (file, self->file);
  if (job->same_file && !overwrite_changes)
    {
      job->expected_etag = g_strdup (self->etag);
      job->expected_stamp = g_strdup (self->disk_stamp);
    }
  return job;
}

/* On any thread: touches nothing of the document but the snapshot. */
static gboolean
save_write (SaveJob       *job,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GBytes) bytes = _mlg_writer_write_snapshot (job->snapshot);
  g_autoptr(GError) local_error = NULL;

  if (job->expected_stamp)
    {
      g_autofree char *stamp = query_disk_stamp (job->file, cancellable);

      if (stamp && g_strcmp0 (stamp, job->expected_stamp) != 0)
        {
          set_changed_on_disk (error, job->file);
          return FALSE;
        }
    }

  /* A temporary file beside the target, synced, renamed over it; the
   * previous version kept as NAME~; with the etag, refused when the file
   * changed or went (see mlg-file-write.h for why not
   * g_file_replace_contents ()). */
  if (!mlg_file_replace_contents (job->file, bytes, job->expected_etag, TRUE,
                                  &job->new_etag, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        set_changed_on_disk (error, job->file);
      else
        {
          /* GIO's messages ("File too large") do not say which file */
          g_autofree char *name = g_file_get_basename (job->file);
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Cannot write “%s”: "), name);
        }
      return FALSE;
    }
  job->new_stamp = query_disk_stamp (job->file, cancellable);
  return TRUE;
}

static void
save_finish (MlgDocument *self,
             SaveJob     *job)
{
  gboolean was_dirty = mlg_document_get_dirty (self);

  if (!job->same_file)
    {
      g_set_object (&self->file, job->file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  g_free (self->etag);
  self->etag = g_steal_pointer (&job->new_etag);
  g_free (self->disk_stamp);
  self->disk_stamp = g_steal_pointer (&job->new_stamp);
  self->saved_serial = job->serial;
  if (was_dirty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

gboolean
mlg_document_save (MlgDocument   *self,
                   GFile         *file,
                   gboolean       overwrite_changes,
                   GCancellable  *cancellable,
                   GError       **error)
{
  SaveJob *job;
  gboolean saved;

  g_return_val_if_fail (MLG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (!self->saving, FALSE);

  job = save_prepare (self, file, overwrite_changes, error);
  if (job == NULL)
    return FALSE;
  saved = save_write (job, cancellable, error);
  if (saved)
    save_finish (self, job);
  save_job_free (job);
  return saved;
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (save_write (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* As mlg_document_save (), with the bytes made and written in a worker
 * thread. Until @callback runs, the document must not change (its
 * changing functions refuse, with a critical warning): the window holds
 * edits back meanwhile (see mlg_document_is_saving ()). */
void
mlg_document_save_async (MlgDocument         *self,
                         GFile               *file,
                         gboolean             overwrite_changes,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveJob *job;

  g_return_if_fail (MLG_IS_DOCUMENT (self));
  g_return_if_fail (!self->saving);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mlg_document_save_async);
  job = save_prepare (self, file, overwrite_changes, &error);
  if (job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self->saving = TRUE;
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
mlg_document_save_finish (MlgDocument   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  GTask *task = G_TASK (result);
  SaveJob *job = g_task_get_task_data (task);

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (job)
    self->saving = FALSE;
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  save_finish (self, job);
  return TRUE;
}

gboolean
mlg_document_is_saving (MlgDocument *self)
{
  g_return_val_if_fail (MLG_IS_DOCUMENT (self), FALSE);
  return self->saving;
}

GFile *
mlg_document_get_file (MlgDocument *self)
{
  return self->file;
}

const char *
mlg_document_get_etag (MlgDocument *self)
{
  return self->etag;
}

gboolean
mlg_document_changed_on_disk (MlgDocument  *self,
                              GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = NULL;

  if (self->file == NULL || self->etag == NULL)
    return FALSE;
  info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  /* A file that vanished has changed too. */
  if (info == NULL || g_strcmp0 (g_file_info_get_etag (info), self->etag) != 0)
    return TRUE;
  if (self->disk_stamp)
    {
      g_autofree char *stamp = query_disk_stamp (self->file, cancellable);
      return stamp && g_strcmp0 (stamp, self->disk_stamp) != 0;
    }
  return FALSE;
}

void
mlg_document_mark_recovered (MlgDocument *self,
                             GFile       *file,
                             const char  *etag)
{
  gboolean was_dirty;

  g_return_if_fail (MLG_IS_DOCUMENT (self));
  g_return_if_fail (!self->saving);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  was_dirty = mlg_document_get_dirty (self);
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_free (self->etag);
  self->etag = g_strdup (etag);
  /* only the etag was recorded with the recovery */
  g_clear_pointer (&self->disk_stamp, g_free);
  /* No serial is ever this one: dirty until saved. */
  self->saved_serial = G_MAXUINT64;
  if (!was_dirty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}
