/* mlg-recovery.c — unsaved changes kept aside, in case the app crashes
 *
 * Each recovery is three files in the recovery folder, named after the
 * document (a hash of its file's URI, or "untitled-PID-N"):
 *   NAME.maillage  the document, as the writer writes it;
 *   NAME.json      which file it belongs to, its etag, title and time;
 *   NAME.lock      held open with flock() by the Maillage that writes the
 *                  recovery: the kernel lets go of it when that process
 *                  ends, however it ends, so a recovery whose lock can be
 *                  taken was left by a Maillage that is gone.
 * Files are written atomically and durably, readable by the user only:
 * they hold people's personal data.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-recovery.h"

/* Notes are ours, but read back with a bound all the same. */
#define MAX_NOTE_SIZE (64 * 1024)

struct _MlgRecovery
{
  GObject      parent_instance;

  MlgDocument *document;    /* NULL for a recovery found on disk */
  char        *name;        /* base name of the three files, once known */
  int          lock_fd;     /* -1 when not held */
  guint        interval;
  guint        timeout_id;
  gboolean     pending;     /* changes not yet written */
  gulong       handlers[3];
  gulong       list_handlers[MLG_N_KINDS];

  /* what the note says */
  char        *uri;
  char        *etag;
  char        *title;
  GDateTime   *time;
};

G_DEFINE_FINAL_TYPE (MlgRecovery, mlg_recovery, G_TYPE_OBJECT)

static void remove_files (MlgRecovery *self);
static void detach (MlgRecovery *self);

static void
mlg_recovery_finalize (GObject *object)
{
  MlgRecovery *self = MLG_RECOVERY (object);

  /* Saved or never changed: nothing to recover. Changes not saved stay on
   * disk, as after a crash: nothing is lost by an unexpected exit. */
  if (self->document && !mlg_document_get_dirty (self->document))
    remove_files (self);
  detach (self);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->name);
  g_free (self->uri);
  g_free (self->etag);
  g_free (self->title);
  g_clear_pointer (&self->time, g_date_time_unref);

  G_OBJECT_CLASS (mlg_recovery_parent_class)->finalize (object);
}

static void
mlg_recovery_class_init (MlgRecoveryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mlg_recovery_finalize;
}

static void
mlg_recovery_init (MlgRecovery *self)
{
  self->lock_fd = -1;
}

char *
mlg_recovery_get_folder (void)
{
  return g_build_filename (g_get_user_state_dir (), "maillage", "recovery", NULL);
}

static char *
path_of (MlgRecovery *self,
         const char  *extension)
{
  g_autofree char *folder = mlg_recovery_get_folder ();
  g_autofree char *base = g_strconcat (self->name, extension, NULL);

  return g_build_filename (folder, base, NULL);
}

/* The name for the document's current file: the same file always gets the
 * same name, so that a later write replaces an earlier one. */
static char *
name_for_document (MlgRecovery *self)
{
  static guint untitled_count;
  GFile *file = mlg_document_get_file (self->document);

  if (file)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
      return g_strdup_printf ("file-%.32s", hash);
    }
  if (self->name && g_str_has_prefix (self->name, "untitled-"))
    return g_strdup (self->name);
  return g_strdup_printf ("untitled-%d-%u", (int) getpid (), ++untitled_count);
}

static void
release_lock (MlgRecovery *self)
{
  if (self->lock_fd >= 0)
    {
      close (self->lock_fd);
      self->lock_fd = -1;
    }
}

/* Holds NAME.lock for as long as this process writes the recovery. */
static gboolean
take_lock (MlgRecovery  *self,
           GError      **error)
{
  g_autofree char *path = NULL;
  int fd;

  if (self->lock_fd >= 0)
    return TRUE;
  path = path_of (self, ".lock");
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot lock the recovery file “%s”: %s"), path, g_strerror (saved_errno));
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  self->lock_fd = fd;
  return TRUE;
}

static void
remove_files (MlgRecovery *self)
{
  static const char * const extensions[] = { ".json", ".maillage", ".lock" };

  if (self->name == NULL)
    return;
  /* The note first: without it the rest is never offered. */
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *path = path_of (self, extensions[i]);
      g_remove (path);
    }
  release_lock (self);
}

static char *
note_to_text (MlgRecovery *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *time = g_date_time_format_iso8601 (self->time);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  if (self->uri)
    json_builder_add_string_value (builder, self->uri);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "etag");
  if (self->etag)
    json_builder_add_string_value (builder, self->etag);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title ? self->title : "");
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "host");
  json_builder_add_string_value (builder, g_get_host_name ());
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, getpid ());
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static gboolean
write_file (const char  *path,
            const char  *data,
            gsize        length,
            GError     **error)
{
  return g_file_set_contents_full (path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

gboolean
mlg_recovery_write (MlgRecovery  *self,
                    GError      **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data_path = NULL;
  g_autofree char *note_path = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GFile *file;
  MlgRecord *ecosystem;

  g_return_val_if_fail (MLG_IS_RECOVERY (self), FALSE);
  g_return_val_if_fail (self->document != NULL, FALSE);

  folder = mlg_recovery_get_folder ();
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the recovery folder “%s”: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  /* Saved under another name since the last write: move along. */
  name = name_for_document (self);
  if (self->name && strcmp (name, self->name) != 0)
    remove_files (self);
  g_free (self->name);
  self->name = g_steal_pointer (&name);

  if (!take_lock (self, error))
    return FALSE;

  file = mlg_document_get_file (self->document);
  g_free (self->uri);
  self->uri = file ? g_file_get_uri (file) : NULL;
  g_free (self->etag);
  self->etag = g_strdup (mlg_document_get_etag (self->document));
  ecosystem = mlg_document_get_ecosystem (self->document);
  g_free (self->title);
  self->title = g_strdup (ecosystem ? mlg_record_get_title (ecosystem) : NULL);
  g_clear_pointer (&self->time, g_date_time_unref);
  self->time = g_date_time_new_now_utc ();

  /* The document first, then the note that makes it count. */
  bytes = mlg_document_to_bytes (self->document);
  data_path = path_of (self, ".maillage");
  note_path = path_of (self, ".json");
  note = note_to_text (self);
  if (!write_file (data_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error) ||
      !write_file (note_path, note, strlen (note), error))
    return FALSE;

  self->pending = FALSE;
  return TRUE;
}

void
mlg_recovery_discard (MlgRecovery *self)
{
  g_return_if_fail (MLG_IS_RECOVERY (self));

  remove_files (self);
  self->pending = FALSE;
}

/* ── Watching a document ─────────────────────────────────────────────── */

static gboolean
tick (gpointer data)
{
  MlgRecovery *self = data;
  g_autoptr(GError) error = NULL;

  if (self->pending && mlg_document_get_dirty (self->document) &&
      !mlg_recovery_write (self, &error))
    g_debug ("Recovery not written: %s", error->message);
  return G_SOURCE_CONTINUE;
}

static void
on_changed (MlgRecovery *self)
{
  self->pending = TRUE;
}

static void
on_dirty (MlgRecovery *self)
{
  if (mlg_document_get_dirty (self->document))
    self->pending = TRUE;
  else
    mlg_recovery_discard (self);  /* saved */
}

static void
attach (MlgRecovery *self,
        MlgDocument *document,
        guint        interval_seconds)
{
  self->document = g_object_ref (document);
  self->interval = interval_seconds ? interval_seconds : MLG_RECOVERY_INTERVAL_SECONDS;
  self->handlers[0] = g_signal_connect_swapped (document, "record-changed", G_CALLBACK (on_changed), self);
  self->handlers[1] = g_signal_connect_swapped (document, "notify::file", G_CALLBACK (on_changed), self);
  self->handlers[2] = g_signal_connect_swapped (document, "notify::dirty", G_CALLBACK (on_dirty), self);
  /* Records added and removed show in the lists only. */
  for (guint kind = 0; kind < MLG_N_KINDS; kind++)
    self->list_handlers[kind] = g_signal_connect_swapped (mlg_document_get_records (document, kind),
                                                          "items-changed", G_CALLBACK (on_changed), self);
  self->pending = mlg_document_get_dirty (document);
  self->timeout_id = g_timeout_add_seconds (self->interval, tick, self);
}

static void
detach (MlgRecovery *self)
{
  if (self->document == NULL)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
    g_clear_signal_handler (&self->handlers[i], self->document);
  for (guint kind = 0; kind < MLG_N_KINDS; kind++)
    g_clear_signal_handler (&self->list_handlers[kind], mlg_document_get_records (self->document, kind));
  g_clear_object (&self->document);
}

MlgRecovery *
mlg_recovery_new (MlgDocument *document,
                  guint        interval_seconds)
{
  MlgRecovery *self;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), NULL);

  self = g_object_new (MLG_TYPE_RECOVERY, NULL);
  attach (self, document, interval_seconds);
  return self;
}

/* ── Recoveries left over ────────────────────────────────────────────── */

static char *
dup_member_string (JsonObject *object,
                   const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_utf8_make_valid (json_node_get_string (node), -1);
}

static MlgRecovery *
read_note (const char *folder,
           const char *name)
{
  g_autoptr(MlgRecovery) self = g_object_new (MLG_TYPE_RECOVERY, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *time = NULL;
  GStatBuf info;
  gsize length;
  JsonNode *root;
  JsonObject *object;

  self->name = g_strdup (name);
  path = path_of (self, ".json");
  if (g_stat (path, &info) != 0 || info.st_size > MAX_NOTE_SIZE ||
      !g_file_get_contents (path, &text, &length, NULL) ||
      !json_parser_load_from_data (parser, text, length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);

  self->uri = dup_member_string (object, "uri");
  self->etag = dup_member_string (object, "etag");
  self->title = dup_member_string (object, "title");
  time = dup_member_string (object, "time");
  self->time = time ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
  if (self->time == NULL)
    self->time = g_date_time_new_from_unix_utc (info.st_mtime);
  return g_steal_pointer (&self);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  MlgRecovery *ra = *(MlgRecovery **) a;
  MlgRecovery *rb = *(MlgRecovery **) b;
  return g_date_time_compare (rb->time, ra->time);
}

GPtrArray *
mlg_recovery_list_left_over (void)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folder = mlg_recovery_get_folder ();
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *entry;

  while (dir && (entry = g_dir_read_name (dir)))
    {
      g_autofree char *name = NULL;
      g_autofree char *data_path = NULL;
      g_autoptr(MlgRecovery) recovery = NULL;

      if (!g_str_has_suffix (entry, ".json"))
        continue;
      name = g_strndup (entry, strlen (entry) - strlen (".json"));
      recovery = read_note (folder, name);
      if (recovery == NULL)
        continue;
      data_path = path_of (recovery, ".maillage");
      if (!g_file_test (data_path, G_FILE_TEST_IS_REGULAR))
        continue;
      /* Still locked: its Maillage is running (this one, or another). */
      if (!take_lock (recovery, NULL))
        continue;
      g_ptr_array_add (found, g_steal_pointer (&recovery));
    }

  g_ptr_array_sort (found, newest_first);
  return found;
}

GFile *
mlg_recovery_get_original_file (MlgRecovery *self)
{
  g_return_val_if_fail (MLG_IS_RECOVERY (self), NULL);

  if (self->document)
    return mlg_document_get_file (self->document);
  return self->uri ? g_file_new_for_uri (self->uri) : NULL;
}

GFile *
mlg_recovery_get_file (MlgRecovery *self)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (MLG_IS_RECOVERY (self), NULL);
  if (self->name == NULL)
    return NULL;
  path = path_of (self, ".maillage");
  return g_file_new_for_path (path);
}

const char *
mlg_recovery_get_title (MlgRecovery *self)
{
  return self->title;
}

GDateTime *
mlg_recovery_get_time (MlgRecovery *self)
{
  return self->time;
}

MlgDocument *
mlg_recovery_restore (MlgRecovery  *self,
                      GPtrArray   **problems,
                      GError      **error)
{
  g_autoptr(GFile) recovery_file = NULL;
  g_autoptr(GFile) original = NULL;
  g_autoptr(MlgDocument) document = NULL;

  g_return_val_if_fail (MLG_IS_RECOVERY (self), NULL);
  g_return_val_if_fail (self->document == NULL, NULL);
  g_return_val_if_fail (self->name != NULL, NULL);

  recovery_file = mlg_recovery_get_file (self);
  document = mlg_document_new_from_file (recovery_file, NULL, problems, error);
  if (document == NULL)
    return NULL;

  original = self->uri ? g_file_new_for_uri (self->uri) : NULL;
  mlg_document_mark_recovered (document, original, self->etag);
  attach (self, document, 0);
  return g_steal_pointer (&document);
}
