/* test-window-fr.c — the window under a French locale speaks French
 *
 * Runs with LANGUAGE=fr and the build's translations: the sidebar, the
 * lists, the editor's field labels and the choices read in French, no
 * English label is left on the main pages, and screenshots in French are
 * written beside the English ones.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "mlg-document.h"
#include "mlg-record-page.h"
#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-test-ui.h"
#include "mlg-window.h"

static MlgWindow *window;
static GSettings *settings;

static MlgRecord *
structure_named (const char *name)
{
  GListModel *structures = mlg_document_get_records (mlg_window_get_document (window), MLG_KIND_STRUCTURE);

  for (guint i = 0; i < g_list_model_get_n_items (structures); i++)
    {
      g_autoptr(MlgRecord) record = g_list_model_get_item (structures, i);
      if (g_strcmp0 (mlg_record_get_title (record), name) == 0)
        return record; /* the document keeps it */
    }
  g_assert_not_reached ();
}

static void
assert_shows (const char *text,
              const char *wanted)
{
  if (strstr (text, wanted) == NULL)
    g_error ("“%s” is not shown; the window shows:\n%s", wanted, text);
}

static void
test_open (void)
{
  g_autoptr(GFile) file = mlg_test_copy_example ();

  window = g_object_ref (mlg_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mlg_window_open_file (window, file, FALSE));
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
}

static void
test_sidebar_and_overview (void)
{
  g_autofree char *text = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  text = mlg_test_visible_text (GTK_WIDGET (window));

  /* the sidebar: the sector's own words */
  assert_shows (text, "Établissements");
  assert_shows (text, "Pôles");
  assert_shows (text, "Territoires");
  assert_shows (text, "Projets");
  assert_shows (text, "Événements");
  assert_shows (text, "Financements");
  assert_shows (text, "Services mutualisés");
  assert_shows (text, "Problèmes");
  /* the overview: key figures, with French grouping of thousands */
  assert_shows (text, "Chiffres clés");
  g_assert_null (strstr (text, "Key Figures"));
  g_assert_null (strstr (text, "Shared services"));
  g_assert_null (strstr (text, "Establishments"));

  mlg_test_screenshot (GTK_WINDOW (window), "overview-fr-1280x800");
}

static void
test_structure_editor (void)
{
  MlgRecordPage *page = MLG_RECORD_PAGE (mlg_window_get_page (window, "structures"));
  g_autofree char *text = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "structures");
  mlg_record_page_select_record (page, structure_named ("Le 96"), NULL);
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  g_assert_cmpstr (mlg_window_get_visible_page (window), ==, "structures");
  text = mlg_test_visible_text (GTK_WIDGET (window));

  /* field labels and choices from the declaration, translated */
  assert_shows (text, "Forme juridique");
  assert_shows (text, "Cercle dans le PTCE");
  assert_shows (text, "SCIC");
  g_assert_null (strstr (text, "Legal form"));
  g_assert_null (strstr (text, "Circle in the PTCE"));

  mlg_test_screenshot (GTK_WINDOW (window), "structures-fr-1280x800");
  mlg_test_resize_to (GTK_WINDOW (window), 360, 720);
  mlg_test_screenshot (GTK_WINDOW (window), "structures-fr-360x720");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  mlg_test_resize_to (GTK_WINDOW (window), 360, 720);
  mlg_test_screenshot (GTK_WINDOW (window), "overview-fr-360x720");
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
  const char *build_root = g_getenv ("MAILLAGE_BUILD_ROOT");
  g_autofree char *localedir = g_build_filename (build_root ? build_root : ".", "po", NULL);
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* gtk_test_init() sets an English locale: switch to French afterwards,
   * with the translations this build compiled. */
  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("the fr_FR.UTF-8 locale is missing (build-aux/install-deps.sh generates it)");
      return g_test_run ();
    }
  g_setenv ("LANGUAGE", "fr", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  settings = mlg_test_settings_new ();

  g_test_add_func ("/window-fr/open", test_open);
  g_test_add_func ("/window-fr/sidebar-and-overview", test_sidebar_and_overview);
  g_test_add_func ("/window-fr/structure-editor", test_structure_editor);
  g_test_add_func ("/window-fr/finalize", test_finalize);

  status = g_test_run ();
  g_clear_object (&settings);
  return status;
}
