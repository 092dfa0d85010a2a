/* test-file-safety-ui.c — the window keeps the open file safe: the bar
 * when someone else saved it, the read-only choice when someone else has
 * it open, the offer to restore changes a crash left behind */
#include "config.h"

#include <adwaita.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mlg-document.h"
#include "mlg-file-guard.h"
#include "mlg-lock.h"
#include "mlg-person-actions.h"
#include "mlg-record.h"
#include "mlg-recovery.h"
#include "mlg-test-ui.h"
#include "mlg-window.h"

static GSettings *settings;
static char *folder;

/* A copy of the example in the test's folder, as @name. */
static GFile *
copy_example (const char *name)
{
  g_autofree char *example = g_build_filename (g_getenv ("MAILLAGE_SOURCE_ROOT"), "data", "examples",
                                               "dombinnov.maillage", NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (example, &text, &length, NULL));
  g_assert_true (g_file_set_contents (path, text, length, NULL));
  return g_file_new_for_path (path);
}

static const char *
ecosystem_name (MlgWindow *window)
{
  return mlg_record_get_string (mlg_document_get_ecosystem (mlg_window_get_document (window)), "name");
}

/* Someone else saves @file with another name for the ecosystem. */
static void
save_from_elsewhere (GFile      *file,
                     const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgDocument) other = mlg_document_new_from_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  mlg_document_set_string (other, mlg_document_get_ecosystem (other), "name", name);
  g_assert_true (mlg_document_save (other, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
wait_for_bar (MlgFileGuard *guard)
{
  /* the file monitor reports within a few hundred milliseconds */
  for (guint i = 0; i < 200 && !mlg_file_guard_is_bar_shown (guard); i++)
    mlg_test_run_for (25);
  return mlg_file_guard_is_bar_shown (guard);
}

static void
test_changed_on_disk (void)
{
  g_autoptr(GFile) file = copy_example ("shared.maillage");
  MlgWindow *window = g_object_ref (mlg_window_new (NULL, settings));
  MlgFileGuard *guard = mlg_window_get_file_guard (window);
  AdwMessageDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mlg_window_open_file (window, file, FALSE));
  mlg_test_run_for (100);
  g_assert_false (mlg_file_guard_is_bar_shown (guard));

  /* our own save shows nothing */
  mlg_document_set_string (mlg_window_get_document (window),
                           mlg_document_get_ecosystem (mlg_window_get_document (window)),
                           "territory_label", "Dombes");
  g_assert_true (mlg_window_save_to_file (window, NULL, NULL));
  mlg_test_run_for (300);
  g_assert_false (mlg_file_guard_is_bar_shown (guard));

  /* someone else's does */
  save_from_elsewhere (file, "Domb'Autre");
  g_assert_true (wait_for_bar (guard));
  {
    g_autofree char *text = mlg_test_visible_text (mlg_file_guard_get_bar (guard));
    g_assert_nonnull (strstr (text, "“shared.maillage” was changed by someone else."));
  }

  /* Reload, nothing unsaved: their version at once */
  mlg_file_guard_reload (guard, TRUE);
  g_assert_null (mlg_file_guard_get_dialog (guard));
  g_assert_cmpstr (ecosystem_name (window), ==, "Domb'Autre");
  g_assert_false (mlg_document_get_dirty (mlg_window_get_document (window)));
  g_assert_false (mlg_file_guard_is_bar_shown (guard));

  /* with unsaved changes, Reload asks first */
  mlg_document_set_string (mlg_window_get_document (window),
                           mlg_document_get_ecosystem (mlg_window_get_document (window)),
                           "territory_label", "Mine");
  save_from_elsewhere (file, "Domb'Troisième");
  g_assert_true (wait_for_bar (guard));
  mlg_file_guard_reload (guard, TRUE);
  dialog = mlg_file_guard_get_dialog (guard);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (ecosystem_name (window), ==, "Domb'Autre");
  adw_message_dialog_response (dialog, "reload");
  mlg_test_iterate ();
  g_assert_cmpstr (ecosystem_name (window), ==, "Domb'Troisième");
  g_assert_false (mlg_document_get_dirty (mlg_window_get_document (window)));

  mlg_test_destroy_window (GTK_WINDOW (window));
}

/* A note as Fanny's Maillage on another computer leaves it. */
static void
write_foreign_note (GFile *file)
{
  g_autoptr(GFile) note = mlg_lock_get_note_file (file);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format_iso8601 (now);
  g_autofree char *text = g_strdup_printf (
    "{\"application\": \"Maillage\", \"user\": \"fanny\", \"name\": \"Fanny Filancia\",\n"
    " \"host\": \"salle-reunion\", \"boot\": \"b00t\", \"pid_namespace\": \"pid:[1]\", \"pid\": 4242,\n"
    " \"since\": \"%s\", \"refreshed\": \"%s\"}\n", time, time);

  g_assert_true (g_file_set_contents (g_file_peek_path (note), text, -1, NULL));
}

/* The first button below @root bound to @action. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_open_read_only (void)
{
  g_autoptr(GFile) file = copy_example ("locked.maillage");
  g_autoptr(GFile) copy = g_file_new_build_filename (folder, "my-copy.maillage", NULL);
  g_autoptr(GError) error = NULL;
  MlgWindow *window = g_object_ref (mlg_window_new (NULL, settings));
  MlgFileGuard *guard = mlg_window_get_file_guard (window);
  AdwMessageDialog *dialog;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  write_foreign_note (file);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mlg_window_open_file (window, file, FALSE));

  dialog = mlg_file_guard_get_dialog (guard);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "“locked.maillage” Is Open on Another Computer"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Fanny Filancia (fanny on salle-reunion)"));
  adw_message_dialog_response (dialog, "read-only");
  mlg_test_iterate ();

  g_assert_true (mlg_file_guard_is_read_only (guard));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "(read-only)"));
  /* Save is off (its button greyed out), Save As stays */
  g_assert_false (gtk_widget_get_sensitive (find_action_button (GTK_WIDGET (window), "win.save")));
  g_assert_nonnull (find_action_button (GTK_WIDGET (window), "win.open"));

  /* saved as a copy: the copy is ours, writable */
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &before, NULL, NULL));
  mlg_document_set_string (mlg_window_get_document (window),
                           mlg_document_get_ecosystem (mlg_window_get_document (window)),
                           "territory_label", "Copie");
  g_assert_true (mlg_window_save_to_file (window, copy, &error));
  g_assert_no_error (error);
  mlg_test_iterate ();
  g_assert_false (mlg_file_guard_is_read_only (guard));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "(read-only)"));
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  {
    /* and it is locked by us */
    g_autoptr(MlgLock) note = mlg_lock_read (copy, NULL, NULL);
    g_assert_nonnull (note);
    g_assert_true (mlg_lock_is_mine (note));
  }

  mlg_test_destroy_window (GTK_WINDOW (window));

  /* the window's lock went with it; Fanny's note stays */
  {
    g_autoptr(MlgLock) note = mlg_lock_read (copy, NULL, NULL);
    g_autoptr(MlgLock) theirs = mlg_lock_read (file, NULL, NULL);
    g_assert_null (note);
    g_assert_nonnull (theirs);
    g_assert_false (mlg_lock_is_mine (theirs));
  }
}

/* A Maillage that edits "crashed.maillage" and dies without saving. */
static void
crash_while_editing (GFile *file)
{
  int status = 0;
  pid_t pid;

  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      MlgDocument *document = mlg_document_new_from_file (file, NULL, NULL, NULL);
      MlgRecovery *recovery = mlg_recovery_new (document, 3600);

      mlg_document_set_string (document, mlg_document_get_ecosystem (document),
                               "territory_label", "Dombes");
      mlg_document_add_record (document, MLG_KIND_STRUCTURE, "Atelier Zéphyr");
      _exit (mlg_recovery_write (recovery, NULL) ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
test_recovery_restore (void)
{
  g_autoptr(GFile) file = copy_example ("crashed.maillage");
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GPtrArray) after = NULL;
  MlgWindow *window;
  AdwMessageDialog *dialog;
  MlgDocument *document;

  crash_while_editing (file);
  left = mlg_recovery_list_left_over ();
  g_assert_cmpuint (left->len, ==, 1);

  window = g_object_ref (mlg_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (window));
  dialog = mlg_file_guard_offer_recovery (window, left, NULL);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“crashed.maillage”"));
  adw_message_dialog_response (dialog, "restore");
  mlg_test_iterate ();

  document = mlg_window_get_document (window);
  g_assert_nonnull (document);
  g_assert_true (mlg_document_get_dirty (document));
  g_assert_true (g_file_equal (mlg_document_get_file (document), file));
  g_assert_cmpstr (mlg_record_get_string (mlg_document_get_ecosystem (document), "territory_label"), ==, "Dombes");
  g_assert_nonnull (mlg_document_lookup (document, "atelier-zephyr"));

  /* saving it writes the changes there; nothing is left to recover */
  g_assert_true (mlg_window_save_to_file (window, NULL, NULL));
  mlg_test_destroy_window (GTK_WINDOW (window));
  g_clear_pointer (&left, g_ptr_array_unref);
  after = mlg_recovery_list_left_over ();
  g_assert_cmpuint (after->len, ==, 0);
}

/* Discard at the start: the changes go, the file opens as it was. */
static void
test_recovery_discard (void)
{
  g_autoptr(GFile) file = copy_example ("crashed-too.maillage");
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GPtrArray) after = NULL;
  MlgWindow *window;
  AdwMessageDialog *dialog;

  crash_while_editing (file);
  left = mlg_recovery_list_left_over ();
  g_assert_cmpuint (left->len, ==, 1);

  window = g_object_ref (mlg_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (window));
  dialog = mlg_file_guard_offer_recovery (window, left, file);
  adw_message_dialog_response (dialog, "discard");
  while (mlg_window_is_loading (window))
    mlg_test_run_for (20);
  g_assert_nonnull (mlg_window_get_document (window));
  g_assert_false (mlg_document_get_dirty (mlg_window_get_document (window)));
  g_assert_cmpstr (mlg_record_get_string (mlg_document_get_ecosystem (mlg_window_get_document (window)),
                                          "territory_label"), !=, "Dombes");
  g_assert_null (mlg_document_lookup (mlg_window_get_document (window), "atelier-zephyr"));
  g_clear_pointer (&left, g_ptr_array_unref);
  after = mlg_recovery_list_left_over ();
  g_assert_cmpuint (after->len, ==, 0);

  mlg_test_destroy_window (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}

/* Erase Everywhere on the People page: asks, erases, Undo takes it back. */
static void
test_erase_person (void)
{
  g_autoptr(GFile) file = copy_example ("people.maillage");
  MlgWindow *window = g_object_ref (mlg_window_new (NULL, settings));
  MlgDocument *document;
  MlgRecord *person;
  g_autofree char *id = NULL;
  AdwMessageDialog *dialog;
  guint n;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mlg_window_open_file (window, file, FALSE));
  document = mlg_window_get_document (window);
  n = mlg_document_count (document, MLG_KIND_PERSON);
  g_assert_cmpuint (n, >, 0);
  person = g_list_model_get_item (mlg_document_get_records (document, MLG_KIND_PERSON), 0);
  id = g_strdup (mlg_record_get_id (person));

  mlg_window_show_record (window, person, NULL);
  g_object_unref (person);
  mlg_test_iterate ();
  g_assert_true (mlg_person_actions_get_person (window) == person);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.erase-person", NULL));
  mlg_test_iterate ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Everywhere?"));
  adw_message_dialog_response (dialog, "erase");
  mlg_test_iterate ();
  g_assert_null (mlg_document_lookup_kind (document, MLG_KIND_PERSON, id));
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_PERSON), ==, n - 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_nonnull (mlg_document_lookup_kind (document, MLG_KIND_PERSON, id));
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_PERSON), ==, n);

  /* nothing saved: no question at close in a test */
  mlg_file_guard_discard_changes (mlg_window_get_file_guard (window));
  mlg_test_destroy_window (GTK_WINDOW (window));
}


/* Until the save written in a worker thread is done. */
static void
wait_for_save (MlgDocument *document)
{
  for (int i = 0; i < 1000 && mlg_document_is_saving (document); i++)
    mlg_test_run_for (5);
  g_assert_false (mlg_document_is_saving (document));
}

/* A save that fails half-way (here: the process may not write a file
 * bigger than 4 KiB, as a full disk would stop it) says so, offers Save
 * As, keeps the edits and leaves the file on disk as it was. */
static void
test_save_failure (void)
{
  g_autoptr(GFile) file = copy_example ("full-disk.maillage");
  MlgWindow *window = g_object_ref (mlg_window_new (NULL, settings));
  MlgDocument *document;
  AdwMessageDialog *dialog;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  struct rlimit saved, limited;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mlg_window_open_file (window, file, FALSE));
  document = mlg_window_get_document (window);
  mlg_document_set_string (document, mlg_document_get_ecosystem (document),
                           "territory_label", "Dombes et Saône");
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &before, NULL, NULL));
  /* a person selected: Erase Person would be offered */
  {
    g_autoptr(MlgRecord) person = g_list_model_get_item (mlg_document_get_records (document, MLG_KIND_PERSON), 0);
    mlg_window_show_record (window, person, NULL);
    mlg_test_iterate ();
  }

  /* the write fails with EFBIG instead of killing the process */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = 4096;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  /* written in a worker thread: the window runs on, taking no edits */
  g_assert_true (mlg_document_is_saving (document));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);          /* does nothing */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.erase-person", NULL);  /* asks nothing */
  g_assert_null (find_message_dialog ());
  wait_for_save (document);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  mlg_test_iterate ();

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Cannot write “full-disk.maillage”: "));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Your changes are still here, unsaved."));
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));
  mlg_test_screenshot (GTK_WINDOW (dialog), "save-failed");

  /* the file on disk is as it was, and nothing was left beside it */
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)))
      g_assert_false (g_str_has_prefix (name, ".goutputstream"));  /* GIO's temporary */
  }
  /* the edit is still in memory, unsaved */
  g_assert_true (mlg_document_get_dirty (document));
  g_assert_cmpstr (mlg_record_get_string (mlg_document_get_ecosystem (document), "territory_label"),
                   ==, "Dombes et Saône");
  /* as a click on Cancel does: the response, then the dialog closes */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  mlg_test_iterate ();
  g_assert_null (find_message_dialog ());

  /* once there is room again, Save writes the edit */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  wait_for_save (document);
  mlg_test_iterate ();
  g_assert_null (find_message_dialog ());
  g_assert_false (mlg_document_get_dirty (document));
  g_clear_pointer (&after, g_free);
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &after, NULL, NULL));
  g_assert_nonnull (strstr (after, "Dombes et Saône"));

  mlg_test_destroy_window (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *state = g_dir_make_tmp ("maillage-state-XXXXXX", NULL);
  int status;

  /* Before GLib reads it: recoveries go to a folder of this test. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  folder = g_dir_make_tmp ("maillage-safety-XXXXXX", NULL);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  settings = mlg_test_settings_new ();

  g_test_add_func ("/file-safety/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/file-safety/open-read-only", test_open_read_only);
  g_test_add_func ("/file-safety/recovery-restore", test_recovery_restore);
  g_test_add_func ("/file-safety/recovery-discard", test_recovery_discard);
  g_test_add_func ("/file-safety/erase-person", test_erase_person);
  g_test_add_func ("/file-safety/save-failure", test_save_failure);

  status = g_test_run ();
  g_clear_object (&settings);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s' '%s'", folder, state);
    if (system (command) != 0)
      g_printerr ("could not remove %s\n", folder);
  }
  g_free (folder);
  return status;
}
