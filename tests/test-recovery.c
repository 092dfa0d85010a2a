/* test-recovery.c — a crash loses at most the last interval of work:
 * unsaved changes are written aside regularly, and after a crash (kill -9)
 * the next start finds them and restores or discards them */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-recovery.h"

static const char original_text[] =
  "{\n  \"format\": \"maillage\",\n  \"version\": \"1.0\",\n  \"ecosystem\": {\n    \"id\": \"e\",\n"
  "    \"name\": \"Domb'Innov\"\n  },\n  \"poles\": [\n    {\"id\": \"p\", \"name\": \"Petite enfance\"}\n  ]\n}\n";

typedef struct {
  char  *dir;
  char  *path;
  GFile *file;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *folder = mlg_recovery_get_folder ();

  remove_tree (folder);
  f->dir = g_dir_make_tmp ("maillage-recovery-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "ecosystem.maillage", NULL);
  g_assert_true (g_file_set_contents (f->path, original_text, -1, NULL));
  f->file = g_file_new_for_path (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_object_unref (f->file);
  g_free (f->path);
  g_free (f->dir);
}

static guint
count_files (void)
{
  g_autofree char *folder = mlg_recovery_get_folder ();
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir && g_dir_read_name (dir))
    n++;
  return n;
}

static void
edit (MlgDocument *document)
{
  mlg_document_set_string (document, mlg_document_get_ecosystem (document), "territory_label", "Dombes");
  mlg_document_add_record (document, MLG_KIND_STRUCTURE, "Val Horizon");
  if (mlg_document_lookup (document, "p"))
    mlg_document_remove_record (document, mlg_document_lookup (document, "p"));
}

static void
assert_edited (MlgDocument *document)
{
  g_assert_cmpstr (mlg_record_get_string (mlg_document_get_ecosystem (document), "territory_label"), ==, "Dombes");
  g_assert_nonnull (mlg_document_lookup (document, "val-horizon"));
  g_assert_null (mlg_document_lookup (document, "p"));
}

/* Written on demand, private, not offered while its Maillage runs, and
 * gone once the document is saved. */
static void
test_write_and_save (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MlgDocument) document = mlg_document_new_from_file (f->file, NULL, NULL, NULL);
  g_autoptr(MlgRecovery) recovery = mlg_recovery_new (document, 3600);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GFile) recovery_file = NULL;
  g_autofree char *folder = mlg_recovery_get_folder ();
  g_autofree char *recovery_path = NULL;
  g_autofree char *text = NULL;
  GStatBuf info;

  edit (document);
  g_assert_true (mlg_recovery_write (recovery, &error));
  g_assert_no_error (error);

  recovery_file = mlg_recovery_get_file (recovery);
  recovery_path = g_file_get_path (recovery_file);
  g_assert_true (g_file_get_contents (recovery_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Dombes"));
  /* personal data: for the user's eyes only */
  g_assert_cmpint (g_stat (recovery_path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0700);
  g_assert_true (g_file_equal (mlg_recovery_get_original_file (recovery), f->file));
  g_assert_cmpstr (mlg_recovery_get_title (recovery), ==, "Domb'Innov");

  /* this Maillage is running: nothing to offer */
  left = mlg_recovery_list_left_over ();
  g_assert_cmpuint (left->len, ==, 0);

  g_assert_true (mlg_document_save (document, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (), ==, 0);
}

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until the recovery folder holds @n files, for at
 * most 20 s. */
static gboolean
wait_for_files (guint n)
{
  gboolean late = FALSE;
  guint id = g_timeout_add_seconds (20, timed_out, &late);

  while (!late && count_files () != n)
    g_main_context_iteration (NULL, TRUE);
  if (!late)
    g_source_remove (id);
  return !late;
}

/* The recovery writes by itself after a change, and goes away when the
 * changes are undone (nothing left to recover). */
static void
test_writes_regularly (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MlgDocument) document = mlg_document_new_from_file (f->file, NULL, NULL, NULL);
  g_autoptr(MlgRecovery) recovery = mlg_recovery_new (document, 1);
  g_autoptr(GFile) recovery_file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  mlg_document_set_string (document, mlg_document_get_ecosystem (document), "territory_label", "Dombes");
  /* the document, its note and its lock */
  g_assert_true (wait_for_files (3));
  recovery_file = mlg_recovery_get_file (recovery);
  path = g_file_get_path (recovery_file);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Dombes"));

  mlg_document_undo (document);
  g_assert_false (mlg_document_get_dirty (document));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (), ==, 0);
}

/* A child process opens the file, edits it and is killed with SIGKILL once
 * its recovery was written by the timer. Returns the child's pid, reaped. */
static void
crash_while_editing (const char *path)
{
  int ready[2];
  char byte = 0;
  int status = 0;
  pid_t pid;

  g_assert_cmpint (pipe (ready), ==, 0);
  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      MlgDocument *document;
      MlgRecovery *recovery;

      if (path)
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);
          document = mlg_document_new_from_file (file, NULL, NULL, NULL);
        }
      else
        document = mlg_document_new ();
      recovery = mlg_recovery_new (document, 1);
      edit (document);
      /* the timer writes the document, its note and its lock */
      while (count_files () < 3)
        g_main_context_iteration (NULL, TRUE);
      if (write (ready[1], "y", 1) != 1)
        _exit (2);
      for (;;)
        pause ();
      (void) recovery;
    }

  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);

  /* alive: its recovery is not offered */
  {
    g_autoptr(GPtrArray) left = mlg_recovery_list_left_over ();
    g_assert_cmpuint (left->len, ==, 0);
  }

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  close (ready[0]);
  close (ready[1]);
}

/* kill -9 during editing: the next start offers the changes; restoring
 * gives them back, unsaved, belonging to the file; saving writes them
 * there and the recovery goes. */
static void
test_crash_then_restore (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgDocument) restored = NULL;
  g_autoptr(GFile) original = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *on_disk = NULL;
  MlgRecovery *recovery;

  crash_while_editing (f->path);

  left = mlg_recovery_list_left_over ();
  g_assert_cmpuint (left->len, ==, 1);
  recovery = g_ptr_array_index (left, 0);
  original = mlg_recovery_get_original_file (recovery);
  g_assert_true (g_file_equal (original, f->file));
  g_assert_cmpstr (mlg_recovery_get_title (recovery), ==, "Domb'Innov");
  g_assert_cmpint (g_date_time_difference (now, mlg_recovery_get_time (recovery)), <, 60 * G_TIME_SPAN_SECOND);

  /* the file itself was never touched */
  g_assert_true (g_file_get_contents (f->path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, original_text);

  /* while one Maillage offers it, another does not */
  {
    int status = 0;
    pid_t pid;

    fflush (stdout);
    pid = fork ();
    if (pid == 0)
      {
        GPtrArray *seen = mlg_recovery_list_left_over ();
        _exit (seen->len == 0 ? 0 : 1);
      }
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  }

  restored = mlg_recovery_restore (recovery, &problems, &error);
  g_assert_no_error (error);
  assert_edited (restored);
  g_assert_true (mlg_document_get_dirty (restored));
  g_assert_true (g_file_equal (mlg_document_get_file (restored), f->file));

  g_assert_true (mlg_document_save (restored, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&on_disk, g_free);
  g_assert_true (g_file_get_contents (f->path, &on_disk, NULL, NULL));
  g_assert_nonnull (strstr (on_disk, "Dombes"));
  g_assert_cmpuint (count_files (), ==, 0);

  again = mlg_recovery_list_left_over ();
  g_assert_cmpuint (again->len, ==, 0);
}

/* Discarding removes it for good. */
static void
test_crash_then_discard (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GPtrArray) again = NULL;

  crash_while_editing (f->path);
  left = mlg_recovery_list_left_over ();
  g_assert_cmpuint (left->len, ==, 1);
  mlg_recovery_discard (g_ptr_array_index (left, 0));
  g_assert_cmpuint (count_files (), ==, 0);
  again = mlg_recovery_list_left_over ();
  g_assert_cmpuint (again->len, ==, 0);
}

/* A new document, never saved, is recovered too: restored without a
 * file, so that saving asks where. */
static void
test_crash_untitled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(MlgDocument) restored = NULL;
  g_autoptr(GError) error = NULL;
  MlgRecovery *recovery;

  crash_while_editing (NULL);
  left = mlg_recovery_list_left_over ();
  g_assert_cmpuint (left->len, ==, 1);
  recovery = g_ptr_array_index (left, 0);
  g_assert_null (mlg_recovery_get_original_file (recovery));

  restored = mlg_recovery_restore (recovery, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mlg_document_lookup (restored, "val-horizon"));
  g_assert_true (mlg_document_get_dirty (restored));
  g_assert_null (mlg_document_get_file (restored));

  /* the user discards the changes after all */
  mlg_recovery_discard (recovery);
  g_assert_cmpuint (count_files (), ==, 0);
}

/* The file was saved by someone else after the crash: restoring still
 * works, but saving does not overwrite their version silently. */
static void
test_restore_after_file_changed (Fixture       *f,
                                 gconstpointer  data)
{
  static const char theirs[] = "{\"format\": \"maillage\", \"version\": \"1.0\"}\n";
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(MlgDocument) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;

  crash_while_editing (f->path);
  g_usleep (10000);
  g_assert_true (g_file_set_contents (f->path, theirs, -1, NULL));

  left = mlg_recovery_list_left_over ();
  g_assert_cmpuint (left->len, ==, 1);
  restored = mlg_recovery_restore (g_ptr_array_index (left, 0), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mlg_document_changed_on_disk (restored, NULL));
  g_assert_false (mlg_document_save (restored, NULL, FALSE, NULL, &error));
  g_assert_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_CHANGED_ON_DISK);
  g_assert_true (g_file_get_contents (f->path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, theirs);
  g_assert_true (mlg_document_get_dirty (restored));
  mlg_recovery_discard (g_ptr_array_index (left, 0));
}

/* Damaged recovery notes are skipped, never fatal. */
static void
test_damaged_notes (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *folder = mlg_recovery_get_folder ();
  g_autofree char *note = g_build_filename (folder, "file-x.json", NULL);
  g_autofree char *data_path = g_build_filename (folder, "file-x.maillage", NULL);
  g_autofree char *orphan = g_build_filename (folder, "file-y.json", NULL);
  g_autoptr(GPtrArray) left = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (note, "[1, 2", -1, NULL));
  g_assert_true (g_file_set_contents (data_path, original_text, -1, NULL));
  /* a note whose document is missing */
  g_assert_true (g_file_set_contents (orphan, "{\"uri\": \"file:///nowhere\"}", -1, NULL));
  left = mlg_recovery_list_left_over ();
  g_assert_cmpuint (left->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *state = g_dir_make_tmp ("maillage-state-XXXXXX", NULL);
  int status;

  /* Before GLib reads it: recoveries go to a folder of this test. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/recovery/write-and-save", test_write_and_save);
  ADD ("/recovery/writes-regularly", test_writes_regularly);
  ADD ("/recovery/crash-then-restore", test_crash_then_restore);
  ADD ("/recovery/crash-then-discard", test_crash_then_discard);
  ADD ("/recovery/crash-untitled", test_crash_untitled);
  ADD ("/recovery/restore-after-file-changed", test_restore_after_file_changed);
  ADD ("/recovery/damaged-notes", test_damaged_notes);

  status = g_test_run ();
  remove_tree (state);
  return status;
}
