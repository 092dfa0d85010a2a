/* test-save-failures.c — saves that cannot destroy: a full disk, a file
 * size limit, a file removed or replaced meanwhile leave the file on disk
 * as it was (or nothing lost), keep the edits in memory and say what
 * happened (tests/test-file.c covers the backup, the etag conflict and a
 * read-only folder) */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mlg-document.h"
#include "mlg-file-write.h"
#include "mlg-record.h"

static const char original_text[] =
  "{\n  \"format\": \"maillage\",\n  \"version\": \"1.0\",\n  \"ecosystem\": {\n    \"id\": \"e\",\n"
  "    \"name\": \"Domb'Innov\"\n  }\n}\n";

static const char theirs_text[] =
  "{\n  \"format\": \"maillage\",\n  \"version\": \"1.0\",\n  \"ecosystem\": {\n    \"id\": \"e\",\n"
  "    \"name\": \"Domb'Innov (theirs)\"\n  }\n}\n";

#define EXIT_SKIP 77

typedef struct {
  char  *dir;
  char  *path;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("maillage-save-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "ecosystem.maillage", NULL);
  g_assert_true (g_file_set_contents (f->path, original_text, -1, NULL));
  f->file = g_file_new_for_path (f->path);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
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

static char *
read_text (const char *path)
{
  char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static MlgDocument *
load_and_edit (GFile *file)
{
  g_autoptr(GError) error = NULL;
  MlgDocument *document = mlg_document_new_from_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  mlg_document_set_string (document, mlg_document_get_ecosystem (document), "territory_label", "Dombes");
  mlg_document_add_record (document, MLG_KIND_STRUCTURE, "Val Horizon");
  g_assert_true (mlg_document_get_dirty (document));
  return document;
}

/* Nothing but the files named is left in @dir (no temporary file). */
static void
assert_only_files (const char         *dir,
                   const char * const *names)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)))
    if (!g_strv_contains (names, name))
      g_error ("“%s” was left in %s", name, dir);
}

/* Runs @func in a child process; returns its exit status. */
static int
run_in_child (void (*func) (Fixture *f), Fixture *f)
{
  int status = 0;
  pid_t pid;

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      func (f);
      exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (WIFSIGNALED (status))
    g_error ("the child died of signal %d", WTERMSIG (status));
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* ── A full disk: a 64 KiB tmpfs, filled up ──────────────────────────── */

/* The exit status of a child that saw GLib 2.74's g_file_replace_contents()
 * rename a partly written file over the original (the original is then
 * only in NAME~): mlg_document_save () should use
 * mlg_file_replace_contents () instead. */
#define EXIT_GIO_REPLACED_ORIGINAL 3

/* In our own mount namespace, a 64 KiB tmpfs at @disk seen by this child
 * only; exits with EXIT_SKIP where mounting is not permitted. */
static void
mount_small_disk (const char *disk)
{
  g_assert_cmpint (g_mkdir (disk, 0755), ==, 0);
  if (unshare (CLONE_NEWNS) != 0 ||
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("maillage-test", disk, "tmpfs", 0, "size=64k") != 0)
    {
      g_printerr ("# cannot mount a tmpfs here (%s)\n", g_strerror (errno));
      _exit (EXIT_SKIP);
    }
}

/* Fills the disk of @path to the last byte. */
static void
fill_disk (const char *path)
{
  char block[1024];
  int fd = g_open (path, O_WRONLY | O_CREAT, 0644);

  g_assert_cmpint (fd, >=, 0);
  memset (block, 'x', sizeof block);
  while (write (fd, block, sizeof block) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  while (write (fd, block, 1) > 0)
    ;
  close (fd);
}

static void
full_disk_child (Fixture *f)
{
  g_autofree char *disk = g_build_filename (f->dir, "disk", NULL);
  g_autofree char *path = g_build_filename (disk, "ecosystem.maillage", NULL);
  g_autofree char *filler = g_build_filename (disk, "filler", NULL);
  g_autofree char *copy_path = g_build_filename (disk, "copy.maillage", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *on_disk = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgDocument) document = NULL;
  gboolean replaced = FALSE;

  mount_small_disk (disk);
  g_assert_true (g_file_set_contents (path, original_text, -1, NULL));
  file = g_file_new_for_path (path);
  document = load_and_edit (file);
  fill_disk (filler);

  g_assert_false (mlg_document_save (document, NULL, FALSE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_printerr ("# full disk, the save says: %s\n", error->message);
  g_assert_true (mlg_document_get_dirty (document));
  on_disk = read_text (path);
  if (g_strcmp0 (on_disk, original_text) != 0)
    {
      /* GLib 2.74: emptied; the original survives as the backup only */
      g_clear_pointer (&on_disk, g_free);
      on_disk = read_text (backup);
      g_assert_cmpstr (on_disk, ==, original_text);
      replaced = TRUE;
    }
  else
    {
      g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
      assert_only_files (disk, (const char * const[]) { "ecosystem.maillage", "filler", NULL });
    }

  /* Save As a new file on the full disk fails too, leaving nothing. */
  g_clear_error (&error);
  copy = g_file_new_for_path (copy_path);
  g_assert_false (mlg_document_save (document, copy, FALSE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_true (g_file_equal (mlg_document_get_file (document), file));
  if (g_file_test (copy_path, G_FILE_TEST_EXISTS))
    {
      GStatBuf info;
      g_assert_cmpint (g_stat (copy_path, &info), ==, 0);
      g_printerr ("# Save As on a full disk left a partial %" G_GINT64_FORMAT "-byte file\n",
                  (gint64) info.st_size);
      g_remove (copy_path);
      replaced = TRUE;
    }

  /* Room again: the edits kept in memory are saved (over the emptied
   * file, which has another etag by then, knowingly). */
  g_assert_cmpint (g_remove (filler), ==, 0);
  g_clear_error (&error);
  g_assert_true (mlg_document_save (document, NULL, replaced, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&on_disk, g_free);
  on_disk = read_text (path);
  g_assert_nonnull (strstr (on_disk, "Dombes"));

  g_clear_object (&document);
  g_assert_cmpint (umount (disk), ==, 0);
  if (replaced)
    {
      g_clear_object (&file);
      g_clear_object (&copy);
      g_clear_error (&error);
      g_free (g_steal_pointer (&on_disk));
      exit (EXIT_GIO_REPLACED_ORIGINAL);
    }
}

static void
check_child_status (int status)
{
  if (status == EXIT_SKIP)
    g_test_skip ("mounting a tmpfs is not permitted here; the file size limit test covers the same path");
  else if (status == EXIT_GIO_REPLACED_ORIGINAL)
    g_error ("a failed write replaced the original file (it survives as NAME~ only)");
  else
    g_assert_cmpint (status, ==, 0);
}

static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  check_child_status (run_in_child (full_disk_child, f));
}

/* The same through mlg_file_replace_contents (): nothing is touched. */
static void
full_disk_safe_child (Fixture *f)
{
  g_autofree char *disk = g_build_filename (f->dir, "disk", NULL);
  g_autofree char *path = g_build_filename (disk, "ecosystem.maillage", NULL);
  g_autofree char *filler = g_build_filename (disk, "filler", NULL);
  g_autofree char *copy_path = g_build_filename (disk, "copy.maillage", NULL);
  g_autofree char *on_disk = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autofree char *etag = NULL;

  mount_small_disk (disk);
  g_assert_true (g_file_set_contents (path, original_text, -1, NULL));
  file = g_file_new_for_path (path);
  document = load_and_edit (file);
  bytes = mlg_document_to_bytes (document);
  fill_disk (filler);

  g_assert_false (mlg_file_replace_contents (file, bytes, mlg_document_get_etag (document), TRUE,
                                             &etag, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  on_disk = read_text (path);
  g_assert_cmpstr (on_disk, ==, original_text);
  assert_only_files (disk, (const char * const[]) { "ecosystem.maillage", "filler", NULL });

  g_clear_error (&error);
  copy = g_file_new_for_path (copy_path);
  g_assert_false (mlg_file_replace_contents (copy, bytes, NULL, TRUE, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  assert_only_files (disk, (const char * const[]) { "ecosystem.maillage", "filler", NULL });

  g_assert_cmpint (g_remove (filler), ==, 0);
  g_clear_error (&error);
  g_assert_true (mlg_file_replace_contents (file, bytes, mlg_document_get_etag (document), TRUE,
                                            &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (etag);
  g_clear_pointer (&on_disk, g_free);
  on_disk = read_text (path);
  g_assert_nonnull (strstr (on_disk, "Dombes"));
  g_assert_cmpint (umount (disk), ==, 0);
}

static void
test_full_disk_safe_write (Fixture       *f,
                           gconstpointer  data)
{
  check_child_status (run_in_child (full_disk_safe_child, f));
}

/* ── A file size limit (RLIMIT_FSIZE): writes fail with EFBIG ───────── */

static void
limit_file_size (void)
{
  struct rlimit limit = { 64, 64 };

  /* past the limit, write () fails instead of killing the process */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

static void
size_limit_child (Fixture *f)
{
  g_autoptr(MlgDocument) document = load_and_edit (f->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *backup = g_strconcat (f->path, "~", NULL);

  limit_file_size ();
  g_assert_false (mlg_document_save (document, NULL, FALSE, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (error->domain, ==, G_IO_ERROR);
  g_assert_cmpstr (error->message, !=, "");
  g_printerr ("# file size limit, the save says: %s\n", error->message);
  g_assert_true (mlg_document_get_dirty (document));
  on_disk = read_text (f->path);
  if (g_strcmp0 (on_disk, original_text) != 0)
    {
      g_clear_pointer (&on_disk, g_free);
      on_disk = read_text (backup);
      g_assert_cmpstr (on_disk, ==, original_text);
      g_clear_object (&document);
      g_clear_error (&error);
      g_free (g_steal_pointer (&on_disk));
      g_free (g_steal_pointer (&backup));
      exit (EXIT_GIO_REPLACED_ORIGINAL);
    }
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  assert_only_files (f->dir, (const char * const[]) { "ecosystem.maillage", NULL });
}

static void
test_file_size_limit (Fixture       *f,
                      gconstpointer  data)
{
  check_child_status (run_in_child (size_limit_child, f));
}

static void
size_limit_safe_child (Fixture *f)
{
  g_autoptr(MlgDocument) document = load_and_edit (f->file);
  g_autoptr(GBytes) bytes = mlg_document_to_bytes (document);
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;

  limit_file_size ();
  g_assert_false (mlg_file_replace_contents (f->file, bytes, mlg_document_get_etag (document), TRUE,
                                             NULL, NULL, &error));
  g_assert_nonnull (error);
  on_disk = read_text (f->path);
  g_assert_cmpstr (on_disk, ==, original_text);
  assert_only_files (f->dir, (const char * const[]) { "ecosystem.maillage", NULL });
}

static void
test_file_size_limit_safe_write (Fixture       *f,
                                 gconstpointer  data)
{
  check_child_status (run_in_child (size_limit_safe_child, f));
}

/* ── The file removed meanwhile ──────────────────────────────────────── */

static void
test_file_removed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MlgDocument) document = load_and_edit (f->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  gboolean saved;

  g_assert_cmpint (g_remove (f->path), ==, 0);
  g_assert_true (mlg_document_changed_on_disk (document, NULL));

  saved = mlg_document_save (document, NULL, FALSE, NULL, &error);
  if (!saved)
    {
      /* told, nothing written, edits kept */
      g_assert_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_CHANGED_ON_DISK);
      g_assert_true (mlg_document_get_dirty (document));
      g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
      return;
    }

  g_error ("a file removed since it was opened was written again without a word");
}

static void
test_file_removed_safe_write (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(MlgDocument) document = load_and_edit (f->file);
  g_autoptr(GBytes) bytes = mlg_document_to_bytes (document);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_remove (f->path), ==, 0);
  g_assert_false (mlg_file_replace_contents (f->file, bytes, mlg_document_get_etag (document), TRUE,
                                             NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  /* written knowingly (no etag), it is created */
  g_clear_error (&error);
  g_assert_true (mlg_file_replace_contents (f->file, bytes, NULL, TRUE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* ── The file replaced meanwhile ─────────────────────────────────────── */

/* Another coordinator's program saves as GIO does: a new file renamed over
 * the old one. */
static void
replace_file (Fixture    *f,
              const char *contents)
{
  g_autofree char *tmp = g_strconcat (f->path, ".theirs", NULL);

  g_assert_true (g_file_set_contents (tmp, contents, -1, NULL));
  g_assert_cmpint (g_rename (tmp, f->path), ==, 0);
}

static void
test_file_replaced (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MlgDocument) document = load_and_edit (f->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *backup = g_strconcat (f->path, "~", NULL);
  g_autofree char *copy_path = g_build_filename (f->dir, "copy.maillage", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);

  /* Their save comes later (file times advance by clock ticks of a few
   * milliseconds: a test runs faster than that). */
  replace_file (f, theirs_text);
  {
    struct timespec later[2] = { { time (NULL) + 60, 0 }, { time (NULL) + 60, 0 } };
    g_assert_cmpint (utimensat (AT_FDCWD, f->path, later, 0), ==, 0);
  }
  g_assert_true (mlg_document_changed_on_disk (document, NULL));

  g_assert_false (mlg_document_save (document, NULL, FALSE, NULL, &error));
  g_assert_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_CHANGED_ON_DISK);
  g_assert_nonnull (strstr (error->message, "ecosystem.maillage"));
  on_disk = read_text (f->path);
  g_assert_cmpstr (on_disk, ==, theirs_text);
  g_assert_true (mlg_document_get_dirty (document));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  /* Overwriting knowingly keeps their version as the backup. */
  g_clear_error (&error);
  g_assert_true (mlg_document_save (document, NULL, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&on_disk, g_free);
  on_disk = read_text (backup);
  g_assert_cmpstr (on_disk, ==, theirs_text);

  /* Saving a copy elsewhere works at any time. */
  mlg_document_set_string (document, mlg_document_get_ecosystem (document), "territory_label", "Val de Saône");
  g_assert_true (mlg_document_save (document, copy, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&on_disk, g_free);
  on_disk = read_text (copy_path);
  g_assert_nonnull (strstr (on_disk, "Val de Saône"));
}

/* A replacement that keeps the old modification time (a copy with
 * "cp -p", a sync tool) has the same etag: GIO cannot see the change. */
static void
test_file_replaced_same_time (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(MlgDocument) document = load_and_edit (f->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *backup = g_strconcat (f->path, "~", NULL);
  struct stat before;
  struct timespec times[2];

  g_assert_cmpint (stat (f->path, &before), ==, 0);
  replace_file (f, theirs_text);
  times[0] = before.st_atim;
  times[1] = before.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, f->path, times, 0), ==, 0);

  if (!mlg_document_save (document, NULL, FALSE, NULL, &error))
    {
      g_assert_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_CHANGED_ON_DISK);
      on_disk = read_text (f->path);
      g_assert_cmpstr (on_disk, ==, theirs_text);
      return;
    }

  (void) backup;
  g_error ("a replacement with the same modification time was overwritten without a question");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/save/full-disk", test_full_disk);
  ADD ("/save/full-disk/safe-write", test_full_disk_safe_write);
  ADD ("/save/file-size-limit", test_file_size_limit);
  ADD ("/save/file-size-limit/safe-write", test_file_size_limit_safe_write);
  ADD ("/save/file-removed-meanwhile", test_file_removed);
  ADD ("/save/file-removed-meanwhile/safe-write", test_file_removed_safe_write);
  ADD ("/save/file-replaced-meanwhile", test_file_replaced);
  ADD ("/save/file-replaced-keeping-its-time", test_file_replaced_same_time);

  return g_test_run ();
}
