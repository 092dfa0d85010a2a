/* test-file.c — saving never destroys: atomic write, backup, refused
 * overwrite of someone else's changes, failures that leave the file as it was */
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "mlg-document.h"
#include "mlg-record.h"

static const char original_text[] =
  "{\n  \"format\": \"maillage\",\n  \"version\": \"1.0\",\n  \"ecosystem\": {\n    \"id\": \"e\",\n"
  "    \"name\": \"Domb'Innov\"\n  }\n}\n";

typedef struct {
  char  *dir;
  char  *path;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("maillage-test-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  g_chmod (f->dir, 0755);
  f->path = g_build_filename (f->dir, "ecosystem.maillage", NULL);
  g_assert_true (g_file_set_contents (f->path, original_text, -1, NULL));
  g_chmod (f->path, 0644);
  f->file = g_file_new_for_path (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (f->dir, 0755);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_object_unref (f->file);
  g_free (f->path);
  g_free (f->dir);
}

static char *
read_text (const char *path)
{
  char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static MlgDocument *
load_and_edit (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  MlgDocument *document = mlg_document_new_from_file (f->file, NULL, NULL, &error);

  g_assert_no_error (error);
  mlg_document_set_string (document, mlg_document_get_ecosystem (document), "territory_label", "Dombes");
  g_assert_true (mlg_document_get_dirty (document));
  return document;
}

static void
test_save_keeps_backup (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MlgDocument) document = load_and_edit (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_path = g_strconcat (f->path, "~", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *backup = NULL;

  g_assert_true (mlg_document_save (document, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (mlg_document_get_dirty (document));

  saved = read_text (f->path);
  backup = read_text (backup_path);
  g_assert_nonnull (strstr (saved, "\"territory_label\": \"Dombes\""));
  g_assert_cmpstr (backup, ==, original_text);

  /* a second save after another edit works with the new etag */
  mlg_document_set_string (document, mlg_document_get_ecosystem (document), "territory_label", "Val de Saône");
  g_assert_true (mlg_document_save (document, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
}

static void
test_changed_on_disk (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MlgDocument) document = load_and_edit (f);
  g_autoptr(GError) error = NULL;
  static const char theirs[] = "{\"format\": \"maillage\", \"version\": \"1.0\", \"poles\": [{\"id\": \"p\", \"name\": \"Theirs\"}]}\n";
  struct utimbuf later = { time (NULL) + 60, time (NULL) + 60 };
  g_autofree char *on_disk = NULL;

  g_assert_false (mlg_document_changed_on_disk (document, NULL));

  /* Another coordinator saves the file on the shared drive. */
  g_assert_true (g_file_set_contents (f->path, theirs, -1, NULL));
  g_assert_cmpint (utime (f->path, &later), ==, 0);
  g_assert_true (mlg_document_changed_on_disk (document, NULL));

  g_assert_false (mlg_document_save (document, NULL, FALSE, NULL, &error));
  g_assert_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_CHANGED_ON_DISK);
  on_disk = read_text (f->path);
  g_assert_cmpstr (on_disk, ==, theirs);
  g_assert_true (mlg_document_get_dirty (document));

  /* Overwriting knowingly works. */
  g_clear_error (&error);
  g_assert_true (mlg_document_save (document, NULL, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&on_disk, g_free);
  on_disk = read_text (f->path);
  g_assert_nonnull (strstr (on_disk, "Dombes"));
}

/* Saves into a folder the process cannot write. As root, permissions do not
 * stop writes, so the save runs in a child that drops to "nobody". */
static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MlgDocument) document = load_and_edit (f);
  g_autofree char *on_disk = NULL;
  g_autofree char *backup_path = g_strconcat (f->path, "~", NULL);
  pid_t pid;
  int status = 0;

  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      gboolean saved;

      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        _exit (10);
      saved = mlg_document_save (document, NULL, FALSE, NULL, &error);
      if (saved)
        _exit (11);
      if (error == NULL || error->domain != G_IO_ERROR)
        _exit (12);
      if (!mlg_document_get_dirty (document))
        _exit (13);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  on_disk = read_text (f->path);
  g_assert_cmpstr (on_disk, ==, original_text);
  g_assert_false (g_file_test (backup_path, G_FILE_TEST_EXISTS));
}

static void
test_save_as_new_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "new.maillage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MlgDocument) again = NULL;

  /* a document without a file says so instead of guessing */
  mlg_document_add_record (document, MLG_KIND_POLE, "Petite enfance");
  g_assert_false (mlg_document_save (document, NULL, FALSE, NULL, &error));
  g_assert_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_NO_FILE);
  g_clear_error (&error);

  g_assert_true (mlg_document_save (document, file, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (mlg_document_get_file (document), file));

  again = mlg_document_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mlg_document_lookup (again, "petite-enfance"));
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

static MlgDocument *
load_async (GFile      *file,
            GPtrArray **problems,
            GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mlg_document_load_async (file, NULL, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return mlg_document_load_finish (result, problems, error);
}

static void
test_load_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(MlgDocument) document = load_async (f->file, &problems, &error);
  g_autofree char *bad_path = g_build_filename (f->dir, "bad.maillage", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/ecosystem.maillage");
  g_autoptr(MlgDocument) none = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_true (g_file_equal (mlg_document_get_file (document), f->file));
  g_assert_nonnull (mlg_document_get_etag (document));

  /* a file with errors: no document, the error and its problems */
  g_assert_true (g_file_set_contents (bad_path, "{\"format\": \"maillage\", \"version\": \"9.0\"}", -1, NULL));
  g_clear_pointer (&problems, g_ptr_array_unref);
  none = load_async (bad, &problems, &error);
  g_assert_null (none);
  g_assert_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 1);
  g_clear_error (&error);

  /* a file that is not there: the I/O error */
  g_clear_pointer (&problems, g_ptr_array_unref);
  none = load_async (missing, &problems, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (problems);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

static gboolean
save_async_and_wait (MlgDocument  *document,
                     gboolean      overwrite,
                     GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mlg_document_save_async (document, NULL, overwrite, NULL, on_saved, &result);
  /* until the worker thread is done, the document says it is saving */
  g_assert_true (result != NULL || mlg_document_is_saving (document));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return mlg_document_save_finish (document, result, error);
}

/* Saving in a worker thread writes what saving at once writes, keeps the
 * same guard against a file changed on disk, and leaves the document
 * clean and editable again. */
static void
test_save_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MlgDocument) document = load_and_edit (f);
  g_autoptr(GBytes) expected = mlg_document_to_bytes (document);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  gsize length;

  g_assert_true (save_async_and_wait (document, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (mlg_document_is_saving (document));
  g_assert_false (mlg_document_get_dirty (document));
  g_assert_true (g_file_get_contents (f->path, &saved, &length, NULL));
  g_assert_cmpmem (saved, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  g_assert_false (mlg_document_changed_on_disk (document, NULL));

  /* someone else writes the file: refused, theirs kept, ours still dirty */
  mlg_document_set_string (document, mlg_document_get_ecosystem (document), "territory_label", "Val de Saône");
  {
    struct utimbuf later = { time (NULL) + 60, time (NULL) + 60 };
    g_assert_true (g_file_set_contents (f->path, "{}", -1, NULL));
    g_assert_cmpint (utime (f->path, &later), ==, 0);
  }
  g_assert_false (save_async_and_wait (document, FALSE, &error));
  g_assert_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_CHANGED_ON_DISK);
  g_assert_false (mlg_document_is_saving (document));
  g_assert_true (mlg_document_get_dirty (document));
  g_clear_pointer (&saved, g_free);
  saved = read_text (f->path);
  g_assert_cmpstr (saved, ==, "{}");

  g_clear_error (&error);
  g_assert_true (save_async_and_wait (document, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&saved, g_free);
  saved = read_text (f->path);
  g_assert_nonnull (strstr (saved, "Val de Saône"));
  g_assert_false (mlg_document_get_dirty (document));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/file/save-keeps-backup", Fixture, NULL, fixture_set_up, test_save_keeps_backup, fixture_tear_down);
  g_test_add ("/file/changed-on-disk", Fixture, NULL, fixture_set_up, test_changed_on_disk, fixture_tear_down);
  g_test_add ("/file/read-only-folder", Fixture, NULL, fixture_set_up, test_read_only_folder, fixture_tear_down);
  g_test_add ("/file/load-async", Fixture, NULL, fixture_set_up, test_load_async, fixture_tear_down);
  g_test_add ("/file/save-async", Fixture, NULL, fixture_set_up, test_save_async, fixture_tear_down);
  g_test_add ("/file/save-as-new-file", Fixture, NULL, fixture_set_up, test_save_as_new_file, fixture_tear_down);

  return g_test_run ();
}
