/* test-lock.c — two coordinators, one file: the lock note beside it says
 * who has it open and since when; a note left by a crash is cleared */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "mlg-lock.h"

typedef struct {
  char  *dir;
  char  *path;
  char  *note_path;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("maillage-lock-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "ecosystem.maillage", NULL);
  f->note_path = g_build_filename (f->dir, ".~lock.ecosystem.maillage#", NULL);
  g_assert_true (g_file_set_contents (f->path, "{}", -1, NULL));
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
  g_free (f->note_path);
  g_free (f->path);
  g_free (f->dir);
}

/* A note as another Maillage would leave it. */
static void
write_note (Fixture    *f,
            const char *host,
            const char *boot,
            gint64      pid,
            GDateTime  *since)
{
  g_autofree char *time = g_date_time_format_iso8601 (since);
  g_autofree char *text = g_strdup_printf (
    "{\"application\": \"Maillage\", \"user\": \"fanny\", \"name\": \"Fanny Filancia\",\n"
    " \"host\": \"%s\", \"boot\": \"%s\", \"pid_namespace\": \"pid:[1]\", \"pid\": %" G_GINT64_FORMAT ",\n"
    " \"since\": \"%s\", \"refreshed\": \"%s\"}\n", host, boot, pid, time, time);

  g_assert_true (g_file_set_contents (f->note_path, text, -1, NULL));
}

static void
test_note_beside_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgLock) lock = NULL;
  g_autoptr(MlgLock) read = NULL;
  g_autoptr(GFile) note = mlg_lock_get_note_file (f->file);
  g_autofree char *note_path = g_file_get_path (note);

  g_assert_cmpstr (note_path, ==, f->note_path);

  lock = mlg_lock_acquire (f->file, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lock);
  g_assert_true (mlg_lock_is_held (lock));
  g_assert_true (g_file_test (f->note_path, G_FILE_TEST_IS_REGULAR));

  read = mlg_lock_read (f->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mlg_lock_is_mine (read));
  g_assert_false (mlg_lock_is_stale (read));
  g_assert_cmpstr (mlg_lock_get_user_name (read), ==, g_get_user_name ());
  g_assert_cmpstr (mlg_lock_get_host_name (read), ==, g_get_host_name ());
  g_assert_cmpint (mlg_lock_get_pid (read), ==, getpid ());

  g_assert_true (mlg_lock_refresh (lock, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (mlg_lock_release (lock, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (f->note_path, G_FILE_TEST_EXISTS));

  /* no note: nobody holds the file */
  g_clear_object (&read);
  read = mlg_lock_read (f->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (read);
}

/* Releasing is automatic when the lock goes (the window closes). */
static void
test_finalize_releases (Fixture       *f,
                        gconstpointer  data)
{
  MlgLock *lock = mlg_lock_acquire (f->file, FALSE, NULL, NULL, NULL);

  g_assert_nonnull (lock);
  g_assert_true (g_file_test (f->note_path, G_FILE_TEST_EXISTS));
  g_assert_finalize_object (lock);
  g_assert_false (g_file_test (f->note_path, G_FILE_TEST_EXISTS));
}

/* A second Maillage (a child process) holds the file: this one is told
 * who and since when, and may still take it over knowingly. */
static void
test_second_opener_sees_holder (Fixture       *f,
                                gconstpointer  data)
{
  int ready[2], done[2];
  pid_t pid;
  char byte = 0;
  int status = 0;

  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (done), ==, 0);
  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      MlgLock *lock = mlg_lock_acquire (f->file, FALSE, NULL, NULL, NULL);
      char go = lock ? 'y' : 'n';

      if (write (ready[1], &go, 1) != 1 || read (done[0], &go, 1) < 0)
        _exit (2);
      /* the other took the file over: releasing leaves their note */
      g_clear_object (&lock);
      _exit (0);
    }

  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
  g_assert_cmpint (byte, ==, 'y');

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MlgLock) holder = NULL;
    g_autoptr(MlgLock) mine = NULL;
    g_autoptr(MlgLock) note = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *description = NULL;

    mine = mlg_lock_acquire (f->file, FALSE, &holder, NULL, &error);
    g_assert_null (mine);
    g_assert_error (error, MLG_LOCK_ERROR, MLG_LOCK_ERROR_HELD);
    g_assert_nonnull (holder);
    g_assert_cmpint (mlg_lock_get_pid (holder), ==, pid);
    g_assert_cmpstr (mlg_lock_get_host_name (holder), ==, g_get_host_name ());
    g_assert_cmpstr (mlg_lock_get_user_name (holder), ==, g_get_user_name ());
    g_assert_false (mlg_lock_is_mine (holder));
    g_assert_false (mlg_lock_is_stale (holder));
    /* since when: a moment ago */
    g_assert_nonnull (mlg_lock_get_since (holder));
    g_assert_cmpint (g_date_time_difference (now, mlg_lock_get_since (holder)), <, 60 * G_TIME_SPAN_SECOND);
    g_assert_cmpint (g_date_time_difference (now, mlg_lock_get_since (holder)), >=, -G_TIME_SPAN_SECOND);
    description = mlg_lock_describe (holder);
    g_test_message ("%s", description);
    g_assert_nonnull (strstr (description, g_get_host_name ()));
    g_assert_nonnull (strstr (description, "since"));
    g_assert_cmpstr (error->message, ==, description);

    /* "Open anyway": the note becomes this process's */
    g_clear_error (&error);
    mine = mlg_lock_acquire (f->file, TRUE, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (mine);

    g_assert_cmpint (write (done[1], "x", 1), ==, 1);
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);

    note = mlg_lock_read (f->file, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (note);
    g_assert_true (mlg_lock_is_mine (note));
  }

  close (ready[0]); close (ready[1]); close (done[0]); close (done[1]);
}

/* Another computer's note, fresh: held, never cleared here. */
static void
test_other_computer (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) since = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgLock) holder = NULL;
  g_autoptr(MlgLock) lock = NULL;
  g_autofree char *description = NULL;

  write_note (f, "salle-reunion", "b00t", 4242, since);
  lock = mlg_lock_acquire (f->file, FALSE, &holder, NULL, &error);
  g_assert_null (lock);
  g_assert_error (error, MLG_LOCK_ERROR, MLG_LOCK_ERROR_HELD);
  g_assert_false (mlg_lock_is_stale (holder));
  description = mlg_lock_describe (holder);
  g_assert_nonnull (strstr (description, "Fanny Filancia (fanny on salle-reunion)"));
  g_assert_true (g_file_test (f->note_path, G_FILE_TEST_EXISTS));
}

/* A Maillage that crashed (killed with SIGKILL) left its note: the next
 * one sees the process is gone, clears the note and takes the file. */
static void
test_stale_after_crash (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgLock) note = NULL;
  g_autoptr(MlgLock) lock = NULL;
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
      MlgLock *held = mlg_lock_acquire (f->file, FALSE, NULL, NULL, NULL);
      char go = held ? 'y' : 'n';
      if (write (ready[1], &go, 1) != 1)
        _exit (2);
      for (;;)
        pause ();
    }
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
  g_assert_cmpint (byte, ==, 'y');

  /* alive: held */
  note = mlg_lock_read (f->file, NULL, &error);
  g_assert_nonnull (note);
  g_assert_false (mlg_lock_is_stale (note));
  g_clear_object (&note);

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_true (g_file_test (f->note_path, G_FILE_TEST_EXISTS));

  note = mlg_lock_read (f->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mlg_lock_is_stale (note));

  lock = mlg_lock_acquire (f->file, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lock);
  g_clear_object (&note);
  note = mlg_lock_read (f->file, NULL, &error);
  g_assert_true (mlg_lock_is_mine (note));

  close (ready[0]);
  close (ready[1]);
}

/* Notes not refreshed for over an hour, or from before this computer
 * restarted, are stale too. */
static void
test_stale_old_or_rebooted (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) old = g_date_time_add_hours (now, -2);
  g_autoptr(MlgLock) note = NULL;
  g_autoptr(MlgLock) lock = NULL;
  struct utimbuf times = { g_date_time_to_unix (old), g_date_time_to_unix (old) };

  write_note (f, "salle-reunion", "b00t", 4242, old);
  g_assert_cmpint (utime (f->note_path, &times), ==, 0);
  note = mlg_lock_read (f->file, NULL, NULL);
  g_assert_true (mlg_lock_is_stale (note));
  g_clear_object (&note);

  write_note (f, g_get_host_name (), "another-boot", 4242, now);
  note = mlg_lock_read (f->file, NULL, NULL);
  g_assert_true (mlg_lock_is_stale (note));

  lock = mlg_lock_acquire (f->file, FALSE, NULL, NULL, NULL);
  g_assert_nonnull (lock);
}

/* A damaged note (garbage, too long, not JSON) is someone's until stale;
 * reading it never fails. */
static void
test_damaged_note (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgLock) holder = NULL;
  g_autoptr(MlgLock) lock = NULL;
  g_autoptr(MlgLock) note = NULL;
  g_autofree char *description = NULL;
  g_autofree char *garbage = g_malloc (100000);
  struct utimbuf times = { time (NULL) - 7200, time (NULL) - 7200 };

  for (guint i = 0; i < 100000; i++)
    garbage[i] = (char) (i * 7 + 3);
  g_assert_true (g_file_set_contents (f->note_path, garbage, 100000, NULL));

  lock = mlg_lock_acquire (f->file, FALSE, &holder, NULL, &error);
  g_assert_null (lock);
  g_assert_error (error, MLG_LOCK_ERROR, MLG_LOCK_ERROR_HELD);
  g_assert_null (mlg_lock_get_user_name (holder));
  description = mlg_lock_describe (holder);
  g_assert_nonnull (strstr (description, "Someone has had this file open since"));

  g_assert_true (g_file_set_contents (f->note_path, "{\"user\": 12, \"pid\": \"x\", \"since\": \"yesterday\"}", -1, NULL));
  g_assert_cmpint (utime (f->note_path, &times), ==, 0);
  g_clear_error (&error);
  note = mlg_lock_read (f->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mlg_lock_is_stale (note));
}

/* Where no note can be written, the error says so: the file can still be
 * opened (without a note). As root permissions do not apply, so this runs
 * in a child that drops to "nobody". */
static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  int status = 0;
  pid_t pid;

  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      MlgLock *lock;

      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        _exit (10);
      lock = mlg_lock_acquire (f->file, FALSE, NULL, NULL, &error);
      if (lock != NULL)
        _exit (11);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        _exit (12);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_false (g_file_test (f->note_path, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lock/note-beside-file", test_note_beside_file);
  ADD ("/lock/finalize-releases", test_finalize_releases);
  ADD ("/lock/second-opener-sees-holder", test_second_opener_sees_holder);
  ADD ("/lock/other-computer", test_other_computer);
  ADD ("/lock/stale-after-crash", test_stale_after_crash);
  ADD ("/lock/stale-old-or-rebooted", test_stale_old_or_rebooted);
  ADD ("/lock/damaged-note", test_damaged_note);
  ADD ("/lock/read-only-folder", test_read_only_folder);

  return g_test_run ();
}
