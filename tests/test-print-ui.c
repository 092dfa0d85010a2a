/* test-print-ui.c — printing and PDF export from the window
 *
 * GTK cannot drive a real printer under Xvfb, so what is tested is what a
 * person would notice short of paper: which sheet Print and Export act on
 * from each page (and the menu saying so), the print glue run as a PDF
 * export (begin-print and draw-page without a printer), the print settings
 * and page setup remembered across windows, the PDFs the actions write
 * (read back by poppler's pdfinfo and pdftotext), the directory's dialog
 * and its choices, a file chooser answered as a person would, and that the
 * window and the dialog are freed. Screenshots of the dialog go to the
 * build folder's screenshots/.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "mlg-document.h"
#include "mlg-export-dialog.h"
#include "mlg-pdf.h"
#include "mlg-print.h"
#include "mlg-record.h"
#include "mlg-sheets.h"
#include "mlg-territories-page.h"
#include "mlg-test-ui.h"
#include "mlg-window-sheets.h"
#include "mlg-window.h"

static MlgWindow *window;
static GSettings *settings;
static char *tmpdir;

/* ── Helpers ─────────────────────────────────────────────────────────── */

/* A copy of the example in the test's folder, so that the folder the
 * file chooser proposes is never the source tree. */
static void
open_window (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("MAILLAGE_SOURCE_ROOT"), "data", "examples",
                                               "dombinnov.maillage", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "dombinnov.maillage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_assert_true (g_file_get_contents (example, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (path, contents, length, NULL));
    }
  window = g_object_ref (mlg_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mlg_window_open_file (window, file, FALSE));
  mlg_test_resize_to (GTK_WINDOW (window), 1100, 720);
}

static void
close_window (void)
{
  mlg_test_destroy_window (GTK_WINDOW (window));
  window = NULL;
}

static MlgRecord *
find_record (MlgKindId   kind,
             const char *id)
{
  MlgRecord *record = mlg_document_lookup_kind (mlg_window_get_document (window), kind, id);

  g_assert_nonnull (record);
  return record;
}

static char *
run (const char *program,
     const char *path,
     const char *extra)
{
  const char *argv[] = { program, path, extra, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed: %s", program, path, err);
  return g_steal_pointer (&out);
}

/* What pdfinfo says for @field ("Pages", "Page size", "Title"). */
static char *
pdf_info (const char *path,
          const char *field)
{
  g_autofree char *out = run ("pdfinfo", path, NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strconcat (field, ":", NULL);

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  g_error ("pdfinfo %s: no %s", path, field);
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *pages = pdf_info (path, "Pages");
  return (guint) g_ascii_strtoull (pages, NULL, 10);
}

/* Whether @path holds a whole PDF (its last line is written last). */
static gboolean
pdf_complete (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return length > 6 && g_strstr_len (contents + length - MIN (length, 32), MIN (length, 32), "%%EOF") != NULL;
}

static char *
pdf_text (const char *path)
{
  return run ("pdftotext", path, "-");
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static gboolean
action_enabled (const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), name);
}

/* The label the primary menu gives its item @index of the sheets. */
static char *
menu_label (int index)
{
  GMenuModel *section = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (window), MLG_TYPE_WINDOW,
                                                                     "sheet_section"));
  char *label = NULL;

  g_assert_true (g_menu_model_get_item_attribute (section, index, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  return label;
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Exports @sheet to @path as the actions do, waiting for the thread. */
static guint
export_and_wait (MlgSheet   *sheet,
                 const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pages;

  mlg_window_export_pdf_async (window, sheet, file, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  n_pages = mlg_window_export_pdf_finish (window, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return n_pages;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel; /* GTK keeps it */
    }
  return NULL;
}

/* Waits (up to about 10 s) for a visible toplevel of @type. */
static GtkWindow *
wait_for_toplevel (GType type)
{
  GtkWindow *found = NULL;

  for (int tries = 0; tries < 400 && (found = find_toplevel (type)) == NULL; tries++)
    mlg_test_run_for (25);
  return found;
}

/* Waits (up to about 10 s: a toast may wait for the one before it) for
 * @needle in the text @window shows. */
static void
assert_shows (GtkWidget  *root,
              const char *needle)
{
  g_autofree char *shown = NULL;

  for (int tries = 0; tries < 400; tries++)
    {
      g_free (shown);
      shown = mlg_test_visible_text (root);
      if (strstr (shown, needle))
        return;
      mlg_test_run_for (25);
    }
  g_error ("“%s” is not shown; the window shows:\n%s", needle, shown);
}

/* Waits until @window has drawn a frame (a new dialog, under Xvfb, may
 * not have yet), so that its screenshot is not empty. */
static void
wait_drawn (GtkWindow *toplevel)
{
  for (int tries = 0; tries < 200; tries++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (toplevel));
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                              gtk_widget_get_width (GTK_WIDGET (toplevel)),
                              gtk_widget_get_height (GTK_WIDGET (toplevel)));
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node)
        return;
      gtk_widget_queue_draw (GTK_WIDGET (toplevel));
      mlg_test_run_for (25);
    }
}

/* ── Which sheet ─────────────────────────────────────────────────────── */

static void
test_current_sheet (void)
{
  MlgDocument *document = mlg_window_get_document (window);
  const char *ecosystem = mlg_record_get_title (mlg_document_get_ecosystem (document));
  MlgRecord *le96 = find_record (MLG_KIND_STRUCTURE, "le-96");
  MlgRecord *trevoux = find_record (MLG_KIND_TERRITORY, "trevoux");
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autoptr(MlgSheet) sheet = NULL;

  /* The Overview prints the PTCE's experience sheet. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  mlg_test_iterate ();
  sheet = mlg_window_build_current_sheet (window, &name);
  g_assert_nonnull (sheet);
  g_assert_nonnull (strstr (mlg_sheet_get_title (sheet), ecosystem));
  g_assert_cmpstr (name, ==, "ptce-sheet-domb-innov.pdf");
  g_assert_cmpuint (mlg_sheet_paginate (sheet, MLG_SHEET_A4_WIDTH, MLG_SHEET_A4_HEIGHT), >=, 1);
  g_assert_true (action_enabled ("print"));
  g_assert_true (action_enabled ("export-pdf"));
  label = menu_label (0);
  g_assert_cmpstr (label, ==, "_Print PTCE Sheet…");
  g_clear_pointer (&label, g_free);
  label = menu_label (1);
  g_assert_cmpstr (label, ==, "_Export PTCE Sheet as PDF…");
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&name, g_free);
  g_clear_object (&sheet);

  /* People have no sheet: Print and Export are off, the menu says
   * "Fact Sheet"; the directory can always be exported. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "people");
  mlg_test_iterate ();
  g_assert_null (mlg_window_build_current_sheet (window, NULL));
  g_assert_false (action_enabled ("print"));
  g_assert_false (action_enabled ("export-pdf"));
  g_assert_true (action_enabled ("export-annuaire"));
  label = menu_label (0);
  g_assert_cmpstr (label, ==, "_Print Fact Sheet…");
  g_clear_pointer (&label, g_free);

  /* A structure shown on Structures: its fiche. */
  mlg_window_show_record (window, le96, NULL);
  mlg_test_iterate ();
  g_assert_cmpstr (mlg_window_get_visible_page (window), ==, "structures");
  sheet = mlg_window_build_current_sheet (window, &name);
  g_assert_nonnull (sheet);
  g_assert_cmpstr (mlg_sheet_get_title (sheet), ==, "Structure sheet — Le 96");
  g_assert_cmpstr (name, ==, "sheet-le-96.pdf");
  g_assert_cmpuint (mlg_sheet_paginate (sheet, MLG_SHEET_A4_WIDTH, MLG_SHEET_A4_HEIGHT), >=, 1);
  g_assert_true (action_enabled ("print"));
  label = menu_label (0);
  g_assert_cmpstr (label, ==, "_Print Structure Sheet…");
  g_clear_pointer (&label, g_free);
  label = menu_label (1);
  g_assert_cmpstr (label, ==, "_Export Structure Sheet as PDF…");
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&name, g_free);
  g_clear_object (&sheet);

  /* A territory selected on Territories: its sheet. */
  mlg_window_show_record (window, trevoux, NULL);
  mlg_test_iterate ();
  g_assert_cmpstr (mlg_window_get_visible_page (window), ==, "territories");
  sheet = mlg_window_build_current_sheet (window, &name);
  g_assert_nonnull (sheet);
  g_assert_cmpstr (mlg_sheet_get_title (sheet), ==, "Territory sheet — Trévoux");
  g_assert_cmpstr (name, ==, "territory-sheet-trevoux.pdf");
  g_assert_true (action_enabled ("print"));
  label = menu_label (0);
  g_assert_cmpstr (label, ==, "_Print Territory Sheet…");
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&name, g_free);
  g_clear_object (&sheet);

  /* In the hierarchy, the territory whose page is shown; beside the
   * coverage matrix, none. */
  {
    GtkWidget *territories = gtk_widget_get_ancestor (mlg_window_get_page (window, "territories"),
                                                      MLG_TYPE_TERRITORIES_PAGE);
    MlgRecord *ain = find_record (MLG_KIND_TERRITORY, "ain");

    g_assert_nonnull (territories);
    mlg_territories_page_show_territory (MLG_TERRITORIES_PAGE (territories), ain);
    mlg_test_iterate ();
    sheet = mlg_window_build_current_sheet (window, NULL);
    g_assert_nonnull (sheet);
    g_assert_cmpstr (mlg_sheet_get_title (sheet), ==, "Territory sheet — Ain");
    g_assert_true (action_enabled ("export-pdf"));
    g_clear_object (&sheet);

    mlg_territories_page_set_view (MLG_TERRITORIES_PAGE (territories), "coverage");
    mlg_test_iterate ();
    g_assert_null (mlg_window_build_current_sheet (window, NULL));
    g_assert_false (action_enabled ("print"));
    label = menu_label (0);
    g_assert_cmpstr (label, ==, "_Print Fact Sheet…");
    g_clear_pointer (&label, g_free);
    mlg_territories_page_set_view (MLG_TERRITORIES_PAGE (territories), "hierarchy");
  }
}

/* ── Print glue ──────────────────────────────────────────────────────── */

/* Runs the print operation as an export to @path: begin-print and
 * draw-page run as they would for a printer. */
static void
print_to_pdf (GtkPrintOperation *operation,
              const char        *path)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* The text of page @page (from 1; 0 for all) of @path, in UTF-8, laid
 * out as on the page. */
static char *
pdf_page_text (const char *path,
               guint       page)
{
  g_autofree char *first = g_strdup_printf ("%u", page ? page : 1);
  g_autofree char *last = g_strdup_printf ("%u", page ? page : 100000);
  const char *argv[] = { "pdftotext", "-f", first, "-l", last, "-layout", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* What Ctrl+P prints on a structure: the operation the window makes for
 * its current sheet, run as an export so that begin-print and draw-page
 * run as for a printer (and its preview), gives the same pages, page for
 * page, as the PDF export the command line writes. */
static void
test_print_operation (void)
{
  MlgRecord *le96 = find_record (MLG_KIND_STRUCTURE, "le-96");
  g_autofree char *path = tmp_path ("printed-le-96.pdf");
  g_autofree char *reference = tmp_path ("exported-le-96.pdf");
  g_autoptr(MlgSheet) sheet = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *name = NULL, *stem = NULL, *text = NULL, *size = NULL;
  guint expected;
  const char *headings[] = {
    "Structure sheet — Le 96", "Structure sheet", "Le 96", "Presentation and activities",
    "Where it works", "Relations and partners", "Partners by category", "Projects, events and funding",
  };

  mlg_window_show_record (window, le96, NULL);
  mlg_test_iterate ();
  sheet = mlg_window_build_current_sheet (window, &name);
  g_assert_nonnull (sheet);
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  stem = g_strndup (name, strlen (name) - strlen (".pdf"));
  operation = mlg_print_operation_new (sheet, mlg_window_get_settings (window), stem);

  /* Nothing remembered yet: A4 portrait, in points, on the full page. */
  g_assert_cmpint (gtk_print_operation_get_default_page_setup (operation) != NULL, ==, TRUE);
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (gtk_print_operation_get_default_page_setup (operation))),
                   ==, GTK_PAPER_NAME_A4);
  g_assert_cmpstr (gtk_print_settings_get (gtk_print_operation_get_print_settings (operation),
                                           GTK_PRINT_SETTINGS_OUTPUT_BASENAME), ==, "sheet-le-96");

  /* The command line's export of the same sheet. */
  {
    g_autoptr(MlgSheet) exported = mlg_sheet_new_structure (mlg_window_get_document (window), le96);
    g_autoptr(GFile) file = g_file_new_for_path (reference);
    g_autoptr(GError) error = NULL;

    expected = mlg_pdf_export (exported, file, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (expected, >=, 2);
  }

  print_to_pdf (operation, path);
  g_assert_cmpuint (pdf_pages (path), ==, expected);
  size = pdf_info (path, "Page size");
  g_assert_true (g_str_has_prefix (size, "595.276 x 841.89"));
  text = pdf_page_text (path, 0);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    if (strstr (text, headings[i]) == NULL)
      g_error ("“%s” is not in the printed sheet:\n%s", headings[i], text);
  for (guint page = 1; page <= expected; page++)
    {
      g_autofree char *printed = pdf_page_text (path, page);
      g_autofree char *wanted = pdf_page_text (reference, page);
      g_autofree char *footer = g_strdup_printf ("Page %u / %u", page, expected);

      g_assert_cmpstr (printed, ==, wanted);
      g_assert_nonnull (strstr (printed, "Structure sheet — Le 96"));
      g_assert_nonnull (strstr (printed, footer));
    }
}

static void
test_settings_remembered (void)
{
  MlgRecord *le96 = find_record (MLG_KIND_STRUCTURE, "le-96");
  g_autoptr(MlgSheet) sheet = mlg_sheet_new_structure (mlg_window_get_document (window), le96);
  g_autoptr(GtkPrintOperation) operation = mlg_print_operation_new (sheet, mlg_window_get_settings (window), NULL);
  g_autoptr(GtkPrintSettings) print_settings = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GSettings) reopened = NULL;
  g_autoptr(GVariant) saved = NULL;
  g_autofree char *path = tmp_path ("landscape.pdf");
  g_autofree char *size = NULL;
  guint landscape_pages;

  if (settings == NULL)
    {
      g_test_skip ("the settings schema is not compiled");
      return;
    }

  /* As if chosen in the dialog: two copies, landscape; a print that
   * went to a file is remembered by its folder, not its name. */
  print_settings = gtk_print_settings_copy (gtk_print_operation_get_print_settings (operation));
  gtk_print_settings_set_n_copies (print_settings, 2);
  gtk_print_settings_set (print_settings, GTK_PRINT_SETTINGS_OUTPUT_URI, "file:///tmp/somewhere/old-name.pdf");
  gtk_print_operation_set_print_settings (operation, print_settings);
  page_setup = gtk_page_setup_copy (gtk_print_operation_get_default_page_setup (operation));
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, page_setup);

  /* The sheet is laid out again for the landscape page. */
  print_to_pdf (operation, path);
  landscape_pages = pdf_pages (path);
  g_assert_cmpuint (landscape_pages, ==, mlg_sheet_get_n_pages (sheet));
  size = pdf_info (path, "Page size");
  g_assert_true (g_str_has_prefix (size, "841.89 x 595.276"));

  /* Remembered once done. */
  saved = g_settings_get_value (settings, "page-setup");
  g_assert_cmpuint (g_variant_n_children (saved), >, 0);

  /* Another window, with the settings read afresh, starts from them. */
  close_window ();
  reopened = mlg_test_settings_new ();
  g_clear_object (&operation);
  g_clear_object (&print_settings);
  g_clear_object (&page_setup);
  print_settings = mlg_print_load_print_settings (reopened);
  page_setup = mlg_print_load_page_setup (reopened);
  g_assert_cmpint (gtk_print_settings_get_n_copies (print_settings), ==, 2);
  g_assert_null (gtk_print_settings_get (print_settings, GTK_PRINT_SETTINGS_OUTPUT_URI));
  g_assert_cmpstr (gtk_print_settings_get (print_settings, GTK_PRINT_SETTINGS_OUTPUT_DIR), ==, "/tmp/somewhere");
  g_assert_cmpint (gtk_page_setup_get_orientation (page_setup), ==, GTK_PAGE_ORIENTATION_LANDSCAPE);
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (page_setup)), ==, GTK_PAPER_NAME_A4);

  open_window ();
  operation = mlg_print_operation_new (sheet, mlg_window_get_settings (window), NULL);
  g_assert_cmpint (gtk_print_settings_get_n_copies (gtk_print_operation_get_print_settings (operation)), ==, 2);
  g_assert_cmpint (gtk_page_setup_get_orientation (gtk_print_operation_get_default_page_setup (operation)),
                   ==, GTK_PAGE_ORIENTATION_LANDSCAPE);
  /* ... and prints with them: the second operation's pages are landscape
   * too, with nothing set on it. */
  {
    g_autofree char *second = tmp_path ("landscape-again.pdf");
    g_autofree char *second_size = NULL;

    print_to_pdf (operation, second);
    second_size = pdf_info (second, "Page size");
    g_assert_true (g_str_has_prefix (second_size, "841.89 x 595.276"));
    g_assert_cmpuint (pdf_pages (second), ==, landscape_pages);
  }

  /* A cancelled print changes nothing. */
  g_clear_object (&print_settings);
  print_settings = gtk_print_settings_copy (gtk_print_operation_get_print_settings (operation));
  gtk_print_settings_set_n_copies (print_settings, 5);
  gtk_print_operation_set_print_settings (operation, print_settings);
  g_signal_emit_by_name (operation, "done", GTK_PRINT_OPERATION_RESULT_CANCEL);
  g_clear_object (&operation);
  g_clear_object (&print_settings);
  print_settings = mlg_print_load_print_settings (settings);
  g_assert_cmpint (gtk_print_settings_get_n_copies (print_settings), ==, 2);

  g_settings_reset (settings, "print-settings");
  g_settings_reset (settings, "page-setup");
}

/* The print dialog, as a person uses it: Ctrl+P on the Overview opens
 * GTK's dialog with the page setup in it, on A4; "Print to File" (the
 * printer remembered) writes the PTCE's sheet through the print glue
 * under the proposed name, and the settings used are remembered. */
static void
test_print_dialog (void)
{
  GType dialog_type;
  g_autoptr(GtkPrintSettings) print_settings = gtk_print_settings_new ();
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GObject) printer = NULL;   /* a GtkPrinter (gtk4-unix-print) */
  g_autofree char *printer_name = NULL;
  g_autofree char *path = tmp_path ("ptce-sheet-domb-innov.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GVariant) saved = NULL;
  gboolean embedded = FALSE;
  GtkWindow *dialog;

  if (settings == NULL)
    {
      g_test_skip ("the settings schema is not compiled");
      return;
    }

  /* Remembered from an earlier print to a file, in the test's folder. */
  gtk_print_settings_set_printer (print_settings, "Print to File");
  gtk_print_settings_set (print_settings, GTK_PRINT_SETTINGS_OUTPUT_DIR, tmpdir);
  gtk_print_settings_set (print_settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  mlg_print_save (settings, print_settings, NULL);
  g_settings_reset (settings, "page-setup");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  mlg_test_iterate ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL);
  /* Registered once the operation makes its dialog. */
  dialog_type = g_type_from_name ("GtkPrintUnixDialog");
  if (dialog_type == 0 || (dialog = wait_for_toplevel (dialog_type)) == NULL)
    {
      g_test_fail_printf ("no print dialog");
      return;
    }
  g_object_get (dialog, "embed-page-setup", &embedded, "page-setup", &page_setup, NULL);
  g_assert_true (embedded);
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (page_setup)), ==, GTK_PAPER_NAME_A4);

  /* The printers are listed in the background. */
  for (int tries = 0; tries < 400 && printer == NULL; tries++)
    {
      mlg_test_run_for (25);
      g_object_get (dialog, "selected-printer", &printer, NULL);
    }
  if (printer)
    g_object_get (printer, "name", &printer_name, NULL);
  if (g_strcmp0 (printer_name, "Print to File") != 0)
    {
      g_test_message ("printer: %s", printer_name ? printer_name : "none");
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
      mlg_test_iterate ();
      g_test_skip ("GTK's \"Print to File\" printer is not there");
      return;
    }
  wait_drawn (dialog);
  mlg_test_screenshot (dialog, "print-dialog");

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  for (int tries = 0; tries < 400; tries++)
    {
      g_clear_pointer (&saved, g_variant_unref);
      saved = g_settings_get_value (settings, "page-setup");
      if (g_variant_n_children (saved) > 0)
        break;
      mlg_test_run_for (25);
    }
  g_assert_cmpuint (g_variant_n_children (saved), >, 0);
  /* GTK's "Print to File" copies the job to the file in the background. */
  for (int tries = 0; tries < 400 && !pdf_complete (path); tries++)
    mlg_test_run_for (25);
  g_assert_true (pdf_complete (path));
  g_assert_cmpuint (pdf_pages (path), >=, 1);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, mlg_record_get_title (mlg_document_get_ecosystem (mlg_window_get_document (window)))));

  /* The printer and the folder are remembered, not the file's name. */
  g_clear_object (&print_settings);
  print_settings = mlg_print_load_print_settings (settings);
  g_assert_cmpstr (gtk_print_settings_get_printer (print_settings), ==, "Print to File");
  g_assert_cmpstr (gtk_print_settings_get (print_settings, GTK_PRINT_SETTINGS_OUTPUT_DIR), ==, tmpdir);
  g_assert_null (gtk_print_settings_get (print_settings, GTK_PRINT_SETTINGS_OUTPUT_URI));

  g_settings_reset (settings, "print-settings");
  g_settings_reset (settings, "page-setup");
}

/* ── PDF export ──────────────────────────────────────────────────────── */

static void
test_export_pdf (void)
{
  MlgRecord *le96 = find_record (MLG_KIND_STRUCTURE, "le-96");
  const char *ecosystem = mlg_record_get_title (mlg_document_get_ecosystem (mlg_window_get_document (window)));
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autoptr(MlgSheet) sheet = NULL;
  guint n_pages;

  mlg_window_show_record (window, le96, NULL);
  mlg_test_iterate ();
  sheet = mlg_window_build_current_sheet (window, &name);
  path = g_strconcat (tmpdir, "/exported-", name, NULL);
  n_pages = export_and_wait (sheet, path);
  g_assert_cmpuint (pdf_pages (path), ==, n_pages);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Le 96"));
  title = pdf_info (path, "Title");
  g_assert_cmpstr (title, ==, "Structure sheet — Le 96");

  /* The toast says so, and offers to open it. */
  assert_shows (GTK_WIDGET (window), "Exported “exported-sheet-le-96.pdf”");
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&text, g_free);
  g_clear_object (&sheet);

  /* The Overview's: the PTCE. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  mlg_test_iterate ();
  sheet = mlg_window_build_current_sheet (window, &name);
  path = g_strconcat (tmpdir, "/exported-", name, NULL);
  n_pages = export_and_wait (sheet, path);
  g_assert_cmpuint (pdf_pages (path), ==, n_pages);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, ecosystem));
}

/* A file that cannot be written: the export says why, the thread ends. */
static void
test_export_error (void)
{
  g_autoptr(MlgSheet) sheet = mlg_sheet_new_ptce (mlg_window_get_document (window));
  g_autofree char *path = g_build_filename (tmpdir, "no-such-folder", "x.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  mlg_window_export_pdf_async (window, sheet, file, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (mlg_window_export_pdf_finish (window, result, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Export");
  gtk_window_destroy (GTK_WINDOW (dialog));
  mlg_test_iterate ();
}

/* ── The directory ───────────────────────────────────────────────────── */

static void
test_export_annuaire (void)
{
  MlgDocument *document = mlg_window_get_document (window);
  MlgRecord *le96 = find_record (MLG_KIND_STRUCTURE, "le-96");
  const char *chosen[] = { "le-96", "la-recyclerie", NULL };
  MlgExportDialog *dialog;
  g_autoptr(MlgSheet) all = NULL;
  g_autoptr(MlgSheet) pole = NULL;
  g_autoptr(MlgSheet) two = NULL;
  g_autofree char *all_path = tmp_path ("directory-all.pdf");
  g_autofree char *pole_path = tmp_path ("directory-pole.pdf");
  g_autofree char *two_path = tmp_path ("directory-two.pdf");
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  guint all_pages, pole_pages, n_pole;

  /* Opened from a structure: it is ticked first. */
  mlg_window_show_record (window, le96, NULL);
  mlg_test_iterate ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-annuaire", NULL);
  dialog = MLG_EXPORT_DIALOG (wait_for_toplevel (MLG_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  mlg_test_resize_to (GTK_WINDOW (dialog), 480, 540);
  wait_drawn (GTK_WINDOW (dialog));
  mlg_test_screenshot (GTK_WINDOW (dialog), "export-directory-480x540");

  /* Every structure by default. */
  g_assert_cmpint (mlg_export_dialog_get_scope (dialog), ==, MLG_EXPORT_ALL);
  g_assert_cmpuint (mlg_export_dialog_get_n_structures (dialog), ==,
                    mlg_document_count (document, MLG_KIND_STRUCTURE));
  shown = mlg_test_visible_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (shown, "38 structures"));
  g_clear_pointer (&shown, g_free);
  name = mlg_export_dialog_dup_file_name (dialog);
  g_assert_cmpstr (name, ==, "directory-domb-innov.pdf");
  g_clear_pointer (&name, g_free);
  all = mlg_export_dialog_build_sheet (dialog);
  all_pages = export_and_wait (all, all_path);

  /* One pole's: fewer structures, fewer pages. */
  g_assert_true (mlg_export_dialog_set_scope (dialog, MLG_EXPORT_POLE, "pole-economie-circulaire"));
  n_pole = mlg_export_dialog_get_n_structures (dialog);
  g_assert_cmpuint (n_pole, >, 0);
  g_assert_cmpuint (n_pole, <, mlg_document_count (document, MLG_KIND_STRUCTURE));
  name = mlg_export_dialog_dup_file_name (dialog);
  g_assert_true (g_str_has_prefix (name, "directory-domb-innov-"));
  g_clear_pointer (&name, g_free);
  pole = mlg_export_dialog_build_sheet (dialog);
  pole_pages = export_and_wait (pole, pole_path);
  g_assert_cmpuint (pdf_pages (all_path), ==, all_pages);
  g_assert_cmpuint (pdf_pages (pole_path), ==, pole_pages);
  g_assert_cmpuint (pole_pages, <, all_pages);
  g_assert_false (mlg_export_dialog_set_scope (dialog, MLG_EXPORT_POLE, "no-such-pole"));
  g_assert_true (mlg_export_dialog_set_scope (dialog, MLG_EXPORT_CIRCLE, "founding_member"));
  g_assert_cmpuint (mlg_export_dialog_get_n_structures (dialog), >, 0);
  g_assert_true (mlg_export_dialog_set_scope (dialog, MLG_EXPORT_TERRITORY, "trevoux"));
  g_assert_cmpuint (mlg_export_dialog_get_n_structures (dialog), >, 0);

  /* Chosen one by one: the structure shown is ticked, and only it. */
  g_assert_true (mlg_export_dialog_set_scope (dialog, MLG_EXPORT_CHOSEN, NULL));
  g_assert_cmpuint (mlg_export_dialog_get_n_structures (dialog), ==, 1);
  mlg_export_dialog_set_chosen (dialog, chosen);
  g_assert_cmpuint (mlg_export_dialog_get_n_structures (dialog), ==, 2);
  mlg_test_run_for (200);
  wait_drawn (GTK_WINDOW (dialog));
  mlg_test_screenshot (GTK_WINDOW (dialog), "export-directory-chosen-480x540");
  two = mlg_export_dialog_build_sheet (dialog);
  export_and_wait (two, two_path);
  text = pdf_text (two_path);
  g_assert_nonnull (strstr (text, "Le 96"));
  g_assert_nonnull (strstr (text, "La Recyclerie"));
  g_assert_nonnull (strstr (text, "2 structures in this directory"));

  /* None ticked: nothing to export. */
  mlg_export_dialog_set_chosen (dialog, NULL);
  g_assert_cmpuint (mlg_export_dialog_get_n_structures (dialog), ==, 0);
  g_assert_null (mlg_export_dialog_build_sheet (dialog));
  shown = mlg_test_visible_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (shown, "No structure"));

  /* While writing. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (all_path);
    mlg_export_dialog_set_busy (dialog, file);
    mlg_test_run_for (600);
    wait_drawn (GTK_WINDOW (dialog));
  mlg_test_screenshot (GTK_WINDOW (dialog), "export-directory-busy-480x540");
    mlg_export_dialog_set_busy (dialog, NULL);
  }

  gtk_window_close (GTK_WINDOW (dialog));
  mlg_test_iterate ();
  g_assert_true (g_cancellable_is_cancelled (mlg_export_dialog_get_cancellable (dialog)));
  g_assert_finalize_object (dialog);
}

/* The whole way, as a person goes: the dialog, Export, the file chooser
 * (GTK's own here: there is no portal under the test's D-Bus), the file
 * written in the background, the dialog closed and a toast. */
static void
test_export_annuaire_chooser (void)
{
  g_autofree char *path = tmp_path ("directory-chooser.pdf");
  g_autoptr(GFile) folder = g_file_new_for_path (tmpdir);
  g_autofree char *text = NULL;
  MlgExportDialog *dialog;
  GtkWindow *chooser;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-annuaire", NULL);
  dialog = MLG_EXPORT_DIALOG (wait_for_toplevel (MLG_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  g_assert_true (mlg_export_dialog_set_scope (dialog, MLG_EXPORT_POLE, "pole-petite-enfance"));
  g_signal_emit_by_name (dialog, "export");

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  if (chooser == NULL)
    {
      gtk_window_close (GTK_WINDOW (dialog));
      g_object_unref (dialog);
      g_test_skip ("no file chooser dialog (a portal may be answering)");
      return;
    }
  {
    g_autofree char *proposed = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
    g_assert_true (g_str_has_prefix (proposed, "directory-domb-innov-"));
    g_assert_true (g_str_has_suffix (proposed, ".pdf"));
  }
  /* It proposes the document's folder, the test's: name the file. */
  {
    g_autoptr(GFile) proposed_folder = NULL;

    /* The chooser reads the folder in the background. */
    for (int tries = 0; tries < 400 && proposed_folder == NULL; tries++)
      {
        mlg_test_run_for (25);
        proposed_folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
      }
    g_assert_nonnull (proposed_folder);
    g_assert_true (g_file_equal (proposed_folder, folder));
  }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "directory-chooser.pdf");
  mlg_test_run_for (200);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* Written, then the dialog goes and the window says so. */
  for (int tries = 0; tries < 400 && gtk_widget_get_visible (GTK_WIDGET (dialog)); tries++)
    mlg_test_run_for (25);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Petite enfance"));
  assert_shows (GTK_WIDGET (window), "Exported “directory-chooser.pdf”");
  mlg_test_iterate ();
  g_assert_finalize_object (dialog);
}

/* ── Freed ───────────────────────────────────────────────────────────── */

static void
test_finalize (void)
{
  close_window ();
}

static void
remove_tmpdir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (tmpdir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* Before GTK reads any settings: the schema source is made once. */
  if (g_getenv ("MAILLAGE_BUILD_ROOT"))
    {
      g_autofree char *schema_dir = g_build_filename (g_getenv ("MAILLAGE_BUILD_ROOT"), "data", NULL);
      g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
    }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  settings = mlg_test_settings_new ();
  tmpdir = g_dir_make_tmp ("maillage-print-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/print-ui/open", open_window);
  g_test_add_func ("/print-ui/current-sheet", test_current_sheet);
  g_test_add_func ("/print-ui/print-operation", test_print_operation);
  g_test_add_func ("/print-ui/settings-remembered", test_settings_remembered);
  g_test_add_func ("/print-ui/print-dialog", test_print_dialog);
  g_test_add_func ("/print-ui/export-pdf", test_export_pdf);
  g_test_add_func ("/print-ui/export-error", test_export_error);
  g_test_add_func ("/print-ui/export-annuaire", test_export_annuaire);
  g_test_add_func ("/print-ui/export-annuaire-chooser", test_export_annuaire_chooser);
  g_test_add_func ("/print-ui/finalize", test_finalize);

  status = g_test_run ();
  if (g_getenv ("MAILLAGE_KEEP_PDFS") == NULL)
    remove_tmpdir ();
  else
    g_printerr ("# PDFs kept in %s\n", tmpdir);
  g_free (tmpdir);
  g_clear_object (&settings);
  return status;
}
