/* mlg-lock.c — the lock note beside an open file
 *
 * The note is a small JSON object: who, on which computer, which process,
 * since when, last refreshed when. It lives on shared drives, so it is read
 * as hostile input: at most 4 KiB, every member optional and type-checked;
 * a damaged note counts as held by someone unknown until it is stale.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mlg-lock.h"

#define MAX_NOTE_SIZE 4096

struct _MlgLock
{
  GObject     parent_instance;

  GFile      *file;       /* the document's file */
  GFile      *note;       /* the note beside it */
  char       *user_name;
  char       *real_name;
  char       *host_name;
  char       *boot;
  char       *pid_namespace;
  gint64      pid;
  GDateTime  *since;
  GDateTime  *refreshed;  /* the newer of the note's own time and its mtime */
  gboolean    held;       /* taken by this object, not yet released */
  guint       refresh_id;
};

G_DEFINE_FINAL_TYPE (MlgLock, mlg_lock, G_TYPE_OBJECT)
G_DEFINE_QUARK (mlg-lock-error-quark, mlg_lock_error)

static void
mlg_lock_finalize (GObject *object)
{
  MlgLock *self = MLG_LOCK (object);

  if (self->held)
    mlg_lock_release (self, NULL, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->file);
  g_clear_object (&self->note);
  g_free (self->user_name);
  g_free (self->real_name);
  g_free (self->host_name);
  g_free (self->boot);
  g_free (self->pid_namespace);
  g_clear_pointer (&self->since, g_date_time_unref);
  g_clear_pointer (&self->refreshed, g_date_time_unref);

  G_OBJECT_CLASS (mlg_lock_parent_class)->finalize (object);
}

static void
mlg_lock_class_init (MlgLockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mlg_lock_finalize;
}

static void
mlg_lock_init (MlgLock *self)
{
}

/* ── This process ────────────────────────────────────────────────────── */

static char *
read_first_line (const char *path)
{
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  g_strstrip (text);
  return text;
}

const char *
_mlg_process_boot_id (void)
{
  static char *boot;

  if (g_once_init_enter (&boot))
    g_once_init_leave (&boot, read_first_line ("/proc/sys/kernel/random/boot_id"));
  return boot;
}

/* Under Flatpak each instance has its own process numbers: a number is
 * only checked against processes of the same namespace. */
const char *
_mlg_process_pid_namespace (void)
{
  static char *space;

  if (g_once_init_enter (&space))
    {
      char *link = g_file_read_link ("/proc/self/ns/pid", NULL);
      g_once_init_leave (&space, link ? link : g_strdup (""));
    }
  return space;
}

gboolean
_mlg_process_is_gone (const char *host,
                      const char *boot,
                      const char *pid_namespace,
                      gint64      pid)
{
  if (host == NULL || g_strcmp0 (host, g_get_host_name ()) != 0)
    return FALSE;
  /* the computer restarted since: every process of then is gone */
  if (boot && *boot && *_mlg_process_boot_id () && strcmp (boot, _mlg_process_boot_id ()) != 0)
    return TRUE;
  if (pid_namespace == NULL || strcmp (pid_namespace, _mlg_process_pid_namespace ()) != 0)
    return FALSE;
  if (pid <= 0 || pid > G_MAXINT32)
    return FALSE;
  return kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

/* ── The note ────────────────────────────────────────────────────────── */

GFile *
mlg_lock_get_note_file (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *name = g_strdup_printf (".~lock.%s#", base);

  g_return_val_if_fail (parent != NULL, NULL);
  return g_file_get_child (parent, name);
}

static MlgLock *
lock_new (GFile *file)
{
  MlgLock *self = g_object_new (MLG_TYPE_LOCK, NULL);

  self->file = g_object_ref (file);
  self->note = mlg_lock_get_note_file (file);
  return self;
}

static void
fill_with_this_process (MlgLock *self)
{
  self->user_name = g_strdup (g_get_user_name ());
  self->real_name = g_strdup (g_get_real_name ());
  self->host_name = g_strdup (g_get_host_name ());
  self->boot = g_strdup (_mlg_process_boot_id ());
  self->pid_namespace = g_strdup (_mlg_process_pid_namespace ());
  self->pid = getpid ();
  self->since = g_date_time_new_now_utc ();
  self->refreshed = g_date_time_ref (self->since);
}

static char *
note_to_text (MlgLock *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *since = g_date_time_format_iso8601 (self->since);
  g_autofree char *refreshed = g_date_time_format_iso8601 (self->refreshed);
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "application");
  json_builder_add_string_value (builder, "Maillage");
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, self->user_name);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->real_name);
  json_builder_set_member_name (builder, "host");
  json_builder_add_string_value (builder, self->host_name);
  json_builder_set_member_name (builder, "boot");
  json_builder_add_string_value (builder, self->boot);
  json_builder_set_member_name (builder, "pid_namespace");
  json_builder_add_string_value (builder, self->pid_namespace);
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, self->pid);
  json_builder_set_member_name (builder, "since");
  json_builder_add_string_value (builder, since);
  json_builder_set_member_name (builder, "refreshed");
  json_builder_add_string_value (builder, refreshed);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return text;
}

static char *
dup_member_string (JsonObject *object,
                   const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  /* Shown to the user: one line of valid text. */
  return g_strdelimit (g_utf8_make_valid (json_node_get_string (node), -1), "\r\n\t", ' ');
}

static GDateTime *
member_time (JsonObject *object,
             const char *key)
{
  g_autofree char *text = dup_member_string (object, key);
  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static void
parse_note (MlgLock    *self,
            const char *text,
            gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  JsonNode *pid;

  if (memchr (text, '\0', length) != NULL ||
      !json_parser_load_from_data (parser, text, length, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);

  self->user_name = dup_member_string (object, "user");
  self->real_name = dup_member_string (object, "name");
  self->host_name = dup_member_string (object, "host");
  self->boot = dup_member_string (object, "boot");
  self->pid_namespace = dup_member_string (object, "pid_namespace");
  pid = json_object_get_member (object, "pid");
  if (pid && JSON_NODE_HOLDS_VALUE (pid) && json_node_get_value_type (pid) == G_TYPE_INT64)
    self->pid = json_node_get_int (pid);
  self->since = member_time (object, "since");
  self->refreshed = member_time (object, "refreshed");
}

MlgLock *
mlg_lock_read (GFile         *file,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(MlgLock) self = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) modified = NULL;
  char buffer[MAX_NOTE_SIZE];
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = lock_new (file);
  stream = g_file_read (self->note, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, sizeof buffer,
                                &length, cancellable, error))
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                         cancellable, NULL);
  g_input_stream_close (G_INPUT_STREAM (stream), NULL, NULL);

  /* A longer note is not one of ours: it is damaged. */
  if (length < sizeof buffer)
    parse_note (self, buffer, length);

  if (info && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_MODIFIED))
    modified = g_file_info_get_modification_date_time (info);
  if (modified && (self->refreshed == NULL || g_date_time_compare (modified, self->refreshed) > 0))
    {
      g_clear_pointer (&self->refreshed, g_date_time_unref);
      self->refreshed = g_date_time_ref (modified);
    }
  if (self->since == NULL && self->refreshed)
    self->since = g_date_time_ref (self->refreshed);

  return g_steal_pointer (&self);
}

static gboolean
write_note (MlgLock       *self,
            gboolean       create,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *text = note_to_text (self);

  if (create)
    {
      g_autoptr(GFileOutputStream) stream = NULL;

      /* Creating fails when a note exists: two openers cannot both win. */
      stream = g_file_create (self->note, G_FILE_CREATE_NONE, cancellable, error);
      if (stream == NULL)
        return FALSE;
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), text, strlen (text), NULL, cancellable, error) ||
          !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
        {
          g_file_delete (self->note, NULL, NULL);
          return FALSE;
        }
      return TRUE;
    }

  return g_file_replace_contents (self->note, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, cancellable, error);
}

/* Whether the note on disk is still the one this lock wrote. */
static gboolean
note_is_ours (MlgLock      *self,
              GCancellable *cancellable)
{
  g_autoptr(MlgLock) on_disk = mlg_lock_read (self->file, cancellable, NULL);

  return on_disk != NULL && on_disk->pid == self->pid &&
         g_strcmp0 (on_disk->host_name, self->host_name) == 0 &&
         g_strcmp0 (on_disk->pid_namespace, self->pid_namespace) == 0 &&
         on_disk->since != NULL && g_date_time_equal (on_disk->since, self->since);
}

static gboolean
refresh_cb (gpointer data)
{
  mlg_lock_refresh (MLG_LOCK (data), NULL, NULL);
  return G_SOURCE_CONTINUE;
}

MlgLock *
mlg_lock_acquire (GFile         *file,
                  gboolean       take_over,
                  MlgLock      **holder,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(MlgLock) self = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (holder)
    *holder = NULL;

  self = lock_new (file);
  fill_with_this_process (self);

  /* Twice at most: once more after clearing a stale note. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(MlgLock) other = NULL;

      if (write_note (self, TRUE, cancellable, &local_error))
        break;
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS) || attempt > 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      other = mlg_lock_read (file, cancellable, NULL);
      if (other && !take_over && !mlg_lock_is_stale (other))
        {
          g_autofree char *who = mlg_lock_describe (other);
          g_set_error_literal (error, MLG_LOCK_ERROR, MLG_LOCK_ERROR_HELD, who);
          if (holder)
            *holder = g_steal_pointer (&other);
          return NULL;
        }
      if (other && !g_file_delete (other->note, cancellable, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  self->held = TRUE;
  self->refresh_id = g_timeout_add_seconds (MLG_LOCK_REFRESH_SECONDS, refresh_cb, self);
  return g_steal_pointer (&self);
}

gboolean
mlg_lock_refresh (MlgLock       *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (MLG_IS_LOCK (self), FALSE);
  g_return_val_if_fail (self->held, FALSE);

  /* Someone took the file over (or cleared the note): leave theirs. */
  if (!note_is_ours (self, cancellable))
    return TRUE;
  g_clear_pointer (&self->refreshed, g_date_time_unref);
  self->refreshed = g_date_time_new_now_utc ();
  return write_note (self, FALSE, cancellable, error);
}

gboolean
mlg_lock_release (MlgLock       *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MLG_IS_LOCK (self), FALSE);

  if (!self->held)
    return TRUE;
  self->held = FALSE;
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (!note_is_ours (self, cancellable))
    return TRUE;
  if (!g_file_delete (self->note, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* ── Reading a lock ──────────────────────────────────────────────────── */

GFile *mlg_lock_get_file (MlgLock *self) { return self->file; }
gboolean mlg_lock_is_held (MlgLock *self) { return self->held; }
const char *mlg_lock_get_user_name (MlgLock *self) { return self->user_name; }
const char *mlg_lock_get_real_name (MlgLock *self) { return self->real_name; }
const char *mlg_lock_get_host_name (MlgLock *self) { return self->host_name; }
gint64 mlg_lock_get_pid (MlgLock *self) { return self->pid; }
GDateTime *mlg_lock_get_since (MlgLock *self) { return self->since; }

gboolean
mlg_lock_is_mine (MlgLock *self)
{
  g_return_val_if_fail (MLG_IS_LOCK (self), FALSE);

  return self->pid == getpid () &&
         g_strcmp0 (self->host_name, g_get_host_name ()) == 0 &&
         g_strcmp0 (self->pid_namespace, _mlg_process_pid_namespace ()) == 0;
}

gboolean
mlg_lock_is_stale (MlgLock *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (MLG_IS_LOCK (self), FALSE);

  if (self->held || mlg_lock_is_mine (self))
    return FALSE;
  if (_mlg_process_is_gone (self->host_name, self->boot, self->pid_namespace, self->pid))
    return TRUE;
  /* A live Maillage rewrites its note every ten minutes. */
  return self->refreshed == NULL ||
         g_date_time_difference (now, self->refreshed) > (GTimeSpan) MLG_LOCK_STALE_SECONDS * G_TIME_SPAN_SECOND;
}

char *
mlg_lock_describe (MlgLock *self)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *who = NULL;
  const char *name;

  g_return_val_if_fail (MLG_IS_LOCK (self), NULL);

  name = self->real_name && *self->real_name && g_strcmp0 (self->real_name, "Unknown") != 0
         ? self->real_name : self->user_name;
  if (name && self->user_name && self->host_name && strcmp (name, self->user_name) != 0)
    /* Translators: a person's name, then their user name and computer */
    who = g_strdup_printf (_("%s (%s on %s)"), name, self->user_name, self->host_name);
  else if (name && self->host_name)
    /* Translators: a user name, then a computer */
    who = g_strdup_printf (_("%s on %s"), name, self->host_name);
  else
    who = g_strdup (name ? name : _("Someone"));

  if (self->since == NULL)
    /* Translators: %s is a person */
    return g_strdup_printf (_("%s has this file open."), who);

  local = g_date_time_to_local (self->since);
  /* Translators: a date and time, see GDateTime's format() */
  when = g_date_time_format (local, _("%-d %B %Y, %H:%M"));
  /* Translators: a person, then a date and time */
  return g_strdup_printf (_("%s has had this file open since %s."), who, when);
}
