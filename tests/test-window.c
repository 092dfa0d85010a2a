/* test-window.c — the main window, driven through its actions
 *
 * Runs under xvfb-run and dbus-run-session (see tests/meson.build), with
 * GSETTINGS_BACKEND=memory and G_DEBUG=fatal-warnings. Opens the bundled
 * example, visits every page, searches, edits through the editor's widgets,
 * undoes and redoes, deletes and restores, follows a record selected from
 * elsewhere in its list, saves and reloads, opens a recent file, checks an
 * accessible label, writes screenshots and checks that the window is freed.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "mlg-document.h"
#include "mlg-overview-page.h"
#include "mlg-problem.h"
#include "mlg-record-editor.h"
#include "mlg-record-page.h"
#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-test-ui.h"
#include "mlg-text.h"
#include "mlg-window.h"

static MlgWindow *window;
static GSettings *settings;
static GFile *example_copy;

static const char *pages[] = {
  "overview", "structures", "establishments", "people", "poles", "territories",
  "projects", "events", "funding", "services", "problems",
};

static MlgRecordPage *
record_page (const char *name)
{
  return MLG_RECORD_PAGE (mlg_window_get_page (window, name));
}

static MlgRecord *
first_record (MlgKindId kind)
{
  g_autoptr(MlgRecord) record =
    g_list_model_get_item (mlg_document_get_records (mlg_window_get_document (window), kind), 0);
  return record; /* the document keeps it */
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *icon_name)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon_name) == 0 &&
      gtk_widget_is_visible (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, icon_name);
      if (found)
        return found;
    }
  return NULL;
}

/* ── Tests ───────────────────────────────────────────────────────────── */

static void
test_open (void)
{
  g_autoptr(GFile) file = mlg_test_copy_example ();
  MlgDocument *document;

  window = g_object_ref (mlg_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (mlg_window_open_file (window, file, FALSE));
  g_set_object (&example_copy, file);
  document = mlg_window_get_document (window);
  g_assert_nonnull (document);
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_STRUCTURE), >, 10);
  g_assert_cmpstr (mlg_window_get_visible_page (window), ==, "overview");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "dombinnov.maillage");

  if (settings)
    {
      g_autofree char *last = g_settings_get_string (settings, "last-file");
      g_autofree char *uri = g_file_get_uri (file);
      g_assert_cmpstr (last, ==, uri);
    }
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
}

static void
test_pages (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]);
      mlg_test_iterate ();
      g_assert_cmpstr (mlg_window_get_visible_page (window), ==, pages[i]);
    }

  /* Every kind's list shows all its records when nothing is searched. */
  for (guint k = MLG_KIND_POLE; k < MLG_N_KINDS; k++)
    {
      MlgRecordPage *page = record_page (mlg_kind_get (k)->key);
      g_assert_cmpuint (mlg_record_page_get_n_visible (page), ==,
                        mlg_document_count (mlg_window_get_document (window), k));
    }
}

static void
test_search (void)
{
  MlgDocument *document = mlg_window_get_document (window);
  MlgRecordPage *structures = record_page ("structures");
  MlgRecordPage *establishments = record_page ("establishments");
  guint n;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "structures");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  mlg_test_iterate ();

  mlg_record_page_set_search_text (structures, "tremplin");
  n = mlg_record_page_get_n_visible (structures);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, mlg_document_count (document, MLG_KIND_STRUCTURE));

  /* Accents and case do not matter. */
  mlg_record_page_set_search_text (establishments, "creche");
  n = mlg_record_page_get_n_visible (establishments);
  g_assert_cmpuint (n, >, 0);
  mlg_record_page_set_search_text (establishments, "CRÈCHE");
  g_assert_cmpuint (mlg_record_page_get_n_visible (establishments), ==, n);

  mlg_record_page_set_search_text (structures, "zzzz-nothing-matches");
  g_assert_cmpuint (mlg_record_page_get_n_visible (structures), ==, 0);

  /* Typing on, then back, as a person does: the list always shows
   * what a search from scratch shows. */
  {
    const char *typed[] = { "s", "sa", "sai", "sain", "saint", "sain", "sa", "a", "as", "" };

    for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
      {
        g_autofree char *folded = mlg_text_fold_query (typed[i]);
        guint expected = 0;

        mlg_record_page_set_search_text (structures, typed[i]);
        for (guint k = 0; k < mlg_document_count (document, MLG_KIND_STRUCTURE); k++)
          {
            g_autoptr(MlgRecord) record = g_list_model_get_item (mlg_document_get_records (document, MLG_KIND_STRUCTURE), k);
            expected += mlg_document_record_matches (document, record, folded);
          }
        g_assert_cmpuint (mlg_record_page_get_n_visible (structures), ==, expected);
      }
  }

  /* A record renamed while a search shows none is found by typing more. */
  {
    MlgRecord *record = first_record (MLG_KIND_STRUCTURE);
    g_autofree char *name = g_strdup (mlg_record_get_string (record, "name"));

    mlg_record_page_set_search_text (structures, "zzzz");
    g_assert_cmpuint (mlg_record_page_get_n_visible (structures), ==, 0);
    mlg_document_set_string (document, record, "name", "Zzzz Coop");
    mlg_record_page_set_search_text (structures, "zzzz c");
    g_assert_cmpuint (mlg_record_page_get_n_visible (structures), ==, 1);
    mlg_document_undo (document);
    g_assert_cmpstr (mlg_record_get_string (record, "name"), ==, name);
    g_assert_false (mlg_document_get_dirty (document));
  }

  mlg_record_page_set_search_text (structures, NULL);
  mlg_record_page_set_search_text (establishments, NULL);
  g_assert_cmpuint (mlg_record_page_get_n_visible (structures), ==,
                    mlg_document_count (document, MLG_KIND_STRUCTURE));
}

static void
test_edit_undo_redo (void)
{
  MlgDocument *document = mlg_window_get_document (window);
  MlgRecordPage *page = record_page ("structures");
  MlgRecordEditor *editor = mlg_record_page_get_editor (page);
  MlgRecord *record = first_record (MLG_KIND_STRUCTURE);
  g_autofree char *before = g_strdup (mlg_record_get_string (record, "address"));
  GtkWidget *row;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "structures");
  mlg_record_page_select_record (page, record, NULL);
  mlg_test_iterate ();
  g_assert_true (mlg_record_page_get_selected (page) == record);
  g_assert_true (mlg_record_editor_get_record (editor) == record);
  g_assert_false (mlg_document_get_dirty (document));

  /* Typing in the editor, then leaving: the value reaches the document. */
  row = mlg_record_editor_get_field_row (editor, "address");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "1 place de la Coopération");
  mlg_window_commit_pending (window);
  g_assert_cmpstr (mlg_record_get_string (record, "address"), ==, "1 place de la Coopération");
  g_assert_true (mlg_document_get_dirty (document));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (mlg_record_get_string (record, "address"), ==, before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, before ? before : "");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpstr (mlg_record_get_string (record, "address"), ==, "1 place de la Coopération");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "1 place de la Coopération");

  /* Nothing typed is lost when switching records before the debounce. */
  gtk_editable_set_text (GTK_EDITABLE (row), "2 place de la Coopération");
  {
    g_autoptr(MlgRecord) other = g_list_model_get_item (mlg_document_get_records (document, MLG_KIND_STRUCTURE), 1);
    mlg_record_page_select_record (page, other, NULL);
    g_assert_true (mlg_record_page_get_selected (page) == other);
  }
  g_assert_cmpstr (mlg_record_get_string (record, "address"), ==, "2 place de la Coopération");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (mlg_record_get_string (record, "address"), ==, "1 place de la Coopération");

  /* Invalid values are marked as they are typed. */
  mlg_record_page_select_record (page, record, NULL);
  row = mlg_record_editor_get_field_row (editor, "email");
  gtk_editable_set_text (GTK_EDITABLE (row), "not an address");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (row), "contact@example.org");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  mlg_window_commit_pending (window);
  g_assert_cmpstr (mlg_record_get_string (record, "email"), ==, "contact@example.org");

  /* A number: set through the document, shown in the spin row, cleared. */
  mlg_document_set_int (document, record, "year_created", 1987);
  row = mlg_record_editor_get_field_row (editor, "year_created");
  g_assert_true (ADW_IS_ACTION_ROW (row));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_false (mlg_record_has_value (record, "year_created") &&
                  mlg_record_get_int (record, "year_created", 0) == 1987);
}

/* Text from the file is never read as markup. */
static void
test_no_markup (void)
{
  MlgDocument *document = mlg_window_get_document (window);
  MlgRecordPage *page = record_page ("structures");
  MlgRecord *record = first_record (MLG_KIND_STRUCTURE);
  const char *tricky = "Fish & Chips <b>SCOP</b> &amp;";
  GtkWidget *row;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "structures");
  mlg_record_page_select_record (page, record, NULL);
  mlg_document_set_string (document, record, "name", tricky);
  mlg_document_set_string (document, record, "address", tricky);
  {
    const char *aliases[] = { tricky, NULL };
    JsonArray *array = json_array_new ();
    JsonNode *node = json_node_new (JSON_NODE_ARRAY);
    json_array_add_string_element (array, aliases[0]);
    json_node_take_array (node, array);
    mlg_document_set_value (document, record, "aliases", node);
  }
  mlg_test_run_for (100);
  row = mlg_record_editor_get_field_row (mlg_record_page_get_editor (page), "name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, tricky);

  /* Deleting shows a toast naming the record: escaped, not parsed. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", NULL);
  mlg_test_run_for (100);
  for (int i = 0; i < 4; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  mlg_test_run_for (100);
  g_assert_cmpstr (mlg_record_get_title (record), !=, tricky);
}

/* A warning's row leads to its record; a file with errors is refused and
 * the current document stays. */
static void
test_problems (void)
{
  MlgDocument *document = mlg_window_get_document (window);
  MlgRecordPage *page = record_page ("structures");
  GtkWidget *problems_page = mlg_window_get_page (window, "problems");
  GListModel *problems = mlg_document_get_problems (document);
  MlgRecord *record = first_record (MLG_KIND_STRUCTURE);
  g_autoptr(MlgProblem) found = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  GList *toplevels;
  guint n_before = g_list_model_get_n_items (problems);

  mlg_document_set_string (document, record, "email", "not an address");
  g_assert_cmpuint (g_list_model_get_n_items (problems), >, n_before);
  for (guint i = 0; i < g_list_model_get_n_items (problems) && !found; i++)
    {
      g_autoptr(MlgProblem) problem = g_list_model_get_item (problems, i);
      if (g_strcmp0 (mlg_problem_get_record_id (problem), mlg_record_get_id (record)) == 0 &&
          g_strcmp0 (mlg_problem_get_field (problem), "email") == 0)
        found = g_steal_pointer (&problem);
    }
  g_assert_nonnull (found);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "problems");
  mlg_test_iterate ();
  g_signal_emit_by_name (problems_page, "activate-problem", found);
  mlg_test_run_for (50);
  g_assert_cmpstr (mlg_window_get_visible_page (window), ==, "structures");
  g_assert_true (mlg_record_page_get_selected (page) == record);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, n_before);

  bad = g_file_new_tmp ("maillage-bad-XXXXXX.maillage", &stream, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (stream)),
                             "{ \"format\": \"maillage\", \"version\": 12 ", 38, NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);
  g_assert_false (mlg_window_open_file (window, bad, TRUE));
  g_assert_true (mlg_window_get_document (window) == document);
  mlg_test_run_for (50);

  /* The error dialog is up; close it. */
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      {
        g_test_message ("error dialog: %s", adw_message_dialog_get_body (l->data));
        gtk_window_destroy (l->data);
      }
  g_list_free (toplevels);
  g_file_delete (bad, NULL, NULL);
}

static void
test_delete_undo (void)
{
  MlgDocument *document = mlg_window_get_document (window);
  MlgRecordPage *page = record_page ("structures");
  guint count = mlg_document_count (document, MLG_KIND_STRUCTURE);
  MlgRecord *record = first_record (MLG_KIND_STRUCTURE);
  g_autofree char *id = g_strdup (mlg_record_get_id (record));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "structures");
  mlg_record_page_select_record (page, record, NULL);
  mlg_test_iterate ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", NULL);
  mlg_test_iterate ();
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_STRUCTURE), ==, count - 1);
  g_assert_null (mlg_document_lookup (document, id));
  g_assert_cmpuint (mlg_record_page_get_n_visible (page), ==, count - 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  mlg_test_iterate ();
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_STRUCTURE), ==, count);
  g_assert_nonnull (mlg_document_lookup (document, id));
  g_assert_cmpuint (mlg_record_page_get_n_visible (page), ==, count);

  /* New and duplicate add records and select them. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-record", NULL);
  mlg_test_iterate ();
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_STRUCTURE), ==, count + 1);
  g_assert_nonnull (mlg_record_page_get_selected (page));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-record", NULL);
  mlg_test_iterate ();
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_STRUCTURE), ==, count + 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  mlg_test_iterate ();
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_STRUCTURE), ==, count);
}

static void
test_save_reload (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("maillage-window-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(MlgDocument) reloaded = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "copy.maillage", NULL);
  file = g_file_new_for_path (path);

  g_assert_true (mlg_window_save_to_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_false (mlg_document_get_dirty (mlg_window_get_document (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "copy.maillage");

  saved = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  reloaded = mlg_document_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  again = mlg_document_to_bytes (reloaded);
  g_assert_true (g_bytes_equal (saved, again));
  g_assert_cmpstr (mlg_record_get_string (mlg_document_lookup (reloaded,
                                                               mlg_record_get_id (first_record (MLG_KIND_STRUCTURE))),
                                          "address"),
                   ==, "1 place de la Coopération");

  g_unlink (path);
  {
    g_autofree char *backup = g_strconcat (path, "~", NULL);
    g_unlink (backup);
  }
  g_rmdir (dir);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* Closing with unsaved changes asks first; Cancel keeps the window. */
static void
test_close_asks (void)
{
  MlgDocument *document = mlg_window_get_document (window);
  MlgRecord *record = first_record (MLG_KIND_STRUCTURE);
  AdwMessageDialog *dialog;

  g_assert_false (mlg_document_get_dirty (document));
  mlg_document_set_string (document, record, "phone", "04 74 00 00 00");
  g_assert_true (mlg_document_get_dirty (document));

  gtk_window_close (GTK_WINDOW (window));
  mlg_test_run_for (50);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  adw_message_dialog_response (dialog, "cancel");
  mlg_test_run_for (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (mlg_document_get_dirty (document));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_false (mlg_document_get_dirty (document));
}

static void
test_accessible (void)
{
  GtkWidget *save = find_button (GTK_WIDGET (window), "document-save-symbolic");
  GtkWidget *add;

  g_assert_nonnull (save);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL, "Save");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "structures");
  mlg_test_iterate ();
  add = find_button (mlg_window_get_page (window, "structures"), "list-add-symbolic");
  g_assert_nonnull (add);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, "New Structure");
}

static void
test_screenshots (void)
{
  MlgRecordPage *page = record_page ("structures");
  MlgRecord *record = NULL;
  GListModel *structures = mlg_document_get_records (mlg_window_get_document (window), MLG_KIND_STRUCTURE);

  /* A structure with much to show. */
  for (guint i = 0; i < g_list_model_get_n_items (structures); i++)
    {
      g_autoptr(MlgRecord) item = g_list_model_get_item (structures, i);
      if (g_strcmp0 (mlg_record_get_title (item), "Val Horizon") == 0)
        record = item;
    }
  if (record == NULL)
    record = first_record (MLG_KIND_STRUCTURE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  mlg_test_screenshot (GTK_WINDOW (window), "overview-1280x800");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "structures");
  mlg_record_page_select_record (page, record, NULL);
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  mlg_test_screenshot (GTK_WINDOW (window), "structures-1280x800");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  mlg_test_resize_to (GTK_WINDOW (window), 360, 720);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 360);
  mlg_test_screenshot (GTK_WINDOW (window), "overview-360x720");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "structures");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back-to-sidebar", NULL);
  mlg_test_resize_to (GTK_WINDOW (window), 360, 720);
  mlg_test_screenshot (GTK_WINDOW (window), "sidebar-360x720");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "structures");
  mlg_record_page_select_record (page, record, NULL);
  mlg_test_resize_to (GTK_WINDOW (window), 360, 720);
  mlg_test_screenshot (GTK_WINDOW (window), "structures-360x720");
}

static gboolean
list_comes_to_show (MlgRecordPage *page,
                    MlgRecord     *record)
{
  return mlg_test_list_shows (GTK_LIST_VIEW (mlg_record_page_get_list_view (page)), record);
}

/* The list follows a record selected from elsewhere: a problem's or a
 * link's jump, and undo bringing a deleted record back. */
static void
test_list_follows (void)
{
  MlgDocument *document = mlg_window_get_document (window);
  MlgRecordPage *page = record_page ("structures");
  GListModel *structures = mlg_document_get_records (document, MLG_KIND_STRUCTURE);
  MlgRecord *last = NULL;

  /* the structure that sorts last, far down the list */
  for (guint i = 0; i < g_list_model_get_n_items (structures); i++)
    {
      g_autoptr(MlgRecord) item = g_list_model_get_item (structures, i);
      if (last == NULL || strcmp (mlg_record_get_sort_key (item), mlg_record_get_sort_key (last)) > 0)
        last = item;
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  mlg_window_show_record (window, last, NULL);
  mlg_test_run_for (300);
  g_assert_cmpstr (mlg_window_get_visible_page (window), ==, "structures");
  g_assert_true (list_comes_to_show (page, last));

  /* Back at the top, deleted, then undone from another page: the window
   * shows the record again, selected. */
  gtk_widget_activate_action (mlg_record_page_get_list_view (page), "list.scroll-to-item", "u", 0);
  mlg_test_run_for (100);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", NULL);
  mlg_test_run_for (100);
  g_assert_null (mlg_record_page_get_selected (page));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "poles");
  mlg_test_iterate ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  mlg_test_run_for (300);
  g_assert_cmpstr (mlg_window_get_visible_page (window), ==, "structures");
  g_assert_true (mlg_record_page_get_selected (page) == last);
  g_assert_true (list_comes_to_show (page, last));
}

static void
wait_for_loading (void)
{
  for (int i = 0; i < 500 && mlg_window_is_loading (window); i++)
    mlg_test_run_for (10);
  mlg_test_run_for (50);
}

/* Open Recent lists the files opened and saved; opening one with unsaved
 * changes asks first, as Open does. */
static void
test_open_recent (void)
{
  MlgDocument *document = mlg_window_get_document (window);
  g_autofree char *uri = g_file_get_uri (example_copy);
  AdwMessageDialog *dialog;

  mlg_test_run_for (400);   /* the recent files' list tells of changes a moment later */
  g_assert_true (mlg_test_menu_offers (mlg_window_get_recent_menu (window), uri));

  /* The primary menu has it, after Open. */
  {
    GMenuModel *section = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (window), MLG_TYPE_WINDOW,
                                                                       "file_section"));
    g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (section, 2, G_MENU_LINK_SUBMENU);
    g_autofree char *label = NULL;

    g_assert_true (submenu == mlg_window_get_recent_menu (window));
    g_assert_true (g_menu_model_get_item_attribute (section, 2, G_MENU_ATTRIBUTE_LABEL, "s", &label));
    g_assert_cmpstr (label, ==, "Open _Recent");
  }

  mlg_document_set_string (document, first_record (MLG_KIND_STRUCTURE), "phone", "04 74 11 11 11");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri);
  wait_for_loading ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  mlg_test_run_for (50);
  g_assert_true (mlg_window_get_document (window) == document);
  g_assert_true (mlg_document_get_dirty (document));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri);
  wait_for_loading ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  mlg_test_run_for (50);
  g_assert_true (mlg_window_get_document (window) != document);
  g_assert_true (g_file_equal (mlg_document_get_file (mlg_window_get_document (window)), example_copy));
  g_assert_false (mlg_document_get_dirty (mlg_window_get_document (window)));
}

static gboolean
is_shown_header_bar (GtkWidget     *widget,
                     gconstpointer  data)
{
  GtkWidget *root = gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW);

  if (!ADW_IS_HEADER_BAR (widget) || root == NULL)
    return FALSE;
  for (GtkWidget *w = widget; w != root; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w))
      return FALSE;
  return TRUE;
}

/* Writes the example into the pipe the window is reading from. */
static gpointer
feed_pipe (gpointer data)
{
  const char *pipe_path = data;
  g_autofree char *source = g_build_filename (g_getenv ("MAILLAGE_SOURCE_ROOT"), "data", "examples",
                                              "dombinnov.maillage", NULL);
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &text, &length, NULL));
  g_assert_true (g_file_set_contents_full (pipe_path, text, length, G_FILE_SET_CONTENTS_NONE, 0666, NULL));
  return NULL;
}

/* While a file is read, the window says which, stays a window (a header
 * bar, to move or close it) and offers no page; then the file shows on
 * the Overview. The file is a pipe, so that it is read only when the
 * test has looked. */
static void
test_opening (void)
{
  g_autofree char *dir = g_dir_make_tmp ("maillage-ui-XXXXXX", NULL);
  g_autofree char *pipe_path = g_build_filename (dir, "dombinnov.maillage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pipe_path);
  MlgWindow *opening;
  g_autofree char *shown = NULL;
  GtkWidget *header;
  GThread *feeder;

  g_assert_cmpint (mkfifo (pipe_path, 0600), ==, 0);
  opening = g_object_ref (mlg_window_new (NULL, NULL));
  gtk_window_present (GTK_WINDOW (opening));
  mlg_window_open_file_async (opening, file, TRUE);
  mlg_test_run_for (200);

  g_assert_true (mlg_window_is_loading (opening));
  shown = mlg_test_visible_text (GTK_WIDGET (opening));
  g_assert_nonnull (strstr (shown, "Opening “dombinnov.maillage”…"));
  g_assert_null (strstr (shown, "Structures"));
  header = mlg_test_find_widget (GTK_WIDGET (opening), is_shown_header_bar, NULL);
  g_assert_nonnull (header);
  g_assert_true (gtk_widget_get_mapped (header));
  g_assert_true (adw_header_bar_get_show_end_title_buttons (ADW_HEADER_BAR (header)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (opening)), ==, "dombinnov.maillage");
  mlg_test_screenshot (GTK_WINDOW (opening), "opening");

  feeder = g_thread_new ("feed-pipe", feed_pipe, pipe_path);
  for (int i = 0; i < 500 && mlg_window_is_loading (opening); i++)
    mlg_test_run_for (10);
  g_thread_join (feeder);
  g_assert_false (mlg_window_is_loading (opening));
  g_assert_nonnull (mlg_window_get_document (opening));
  g_assert_cmpuint (mlg_document_count (mlg_window_get_document (opening), MLG_KIND_STRUCTURE), >, 10);
  g_assert_cmpstr (mlg_window_get_visible_page (opening), ==, "overview");
  mlg_test_run_for (50);
  g_clear_pointer (&shown, g_free);
  shown = mlg_test_visible_text (GTK_WIDGET (opening));
  g_assert_null (strstr (shown, "Opening “dombinnov.maillage”…"));
  g_assert_nonnull (strstr (shown, "Structures"));

  mlg_test_destroy_window (GTK_WINDOW (opening));
  g_unlink (pipe_path);
  g_rmdir (dir);
}

static void
test_finalize (void)
{
  mlg_test_destroy_window (GTK_WINDOW (window));
  window = NULL;
}

int
main (int    argc,
      char **argv)
{
  int status;

  mlg_test_use_own_data_home ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  settings = mlg_test_settings_new ();

  g_test_add_func ("/window/open", test_open);
  g_test_add_func ("/window/opening", test_opening);
  g_test_add_func ("/window/pages", test_pages);
  g_test_add_func ("/window/search", test_search);
  g_test_add_func ("/window/screenshots", test_screenshots);
  g_test_add_func ("/window/edit-undo-redo", test_edit_undo_redo);
  g_test_add_func ("/window/no-markup", test_no_markup);
  g_test_add_func ("/window/problems", test_problems);
  g_test_add_func ("/window/delete-undo", test_delete_undo);
  g_test_add_func ("/window/list-follows", test_list_follows);
  g_test_add_func ("/window/save-reload", test_save_reload);
  g_test_add_func ("/window/open-recent", test_open_recent);
  g_test_add_func ("/window/close-asks", test_close_asks);
  g_test_add_func ("/window/accessible", test_accessible);
  g_test_add_func ("/window/finalize", test_finalize);

  status = g_test_run ();
  g_clear_object (&example_copy);
  g_clear_object (&settings);
  return status;
}
