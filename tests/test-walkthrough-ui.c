/* test-walkthrough-ui.c — issue 3's "Done when", done as a person does it
 *
 * From a copy of the example: the Structures page, a search for "le 96",
 * Le 96's employees for 2024 in its key figures, undone; a new structure
 * (Ctrl+N) with a name, a commune of the file and a pole; Ctrl+S; the file
 * reopened in a new window (through Open Recent), where the new structure
 * is found with its commune and pole.
 *
 * The window belongs to the application (registered, not run), so that
 * its accelerators work as in the app. Keys go through the shortcuts the
 * widgets and the application declare, in GTK's order, as a key press
 * would trigger them (press_key () below: Ctrl+F, Ctrl+N, Ctrl+Z, Ctrl+S,
 * Tab, Down in the sidebar, space on a button); Return in an entry is its
 * "activate"; text is typed into the widget that has the focus. Where a
 * person would pick from a popup list (a drop-down, a reference picker),
 * the test picks the same item in it. Screenshots of each step:
 * build/screenshots/walkthrough-*.png.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "mlg-application.h"
#include "mlg-document.h"
#include "mlg-record-editor.h"
#include "mlg-record-page.h"
#include "mlg-record.h"
#include "mlg-reference-picker.h"
#include "mlg-test-ui.h"
#include "mlg-window.h"

#define NEW_NAME "Zéphyr Coop"

static GSettings *settings;
static MlgApplication *app;  /* registered, not run: its accelerators */
static GFile *file;          /* the copy of the example */
static char *new_id;         /* the structure the walkthrough adds */

/* ── Widgets ─────────────────────────────────────────────────────────── */

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             Match          match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
is_button_with_icon (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static void
collect_expanders (GtkWidget  *root,
                   GtkWidget **last)
{
  if (ADW_IS_EXPANDER_ROW (root))
    *last = root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect_expanders (child, last);
}

/* The last row of a table (an expander row per table row). */
static GtkWidget *
last_expander (GtkWidget *table)
{
  GtkWidget *last = NULL;
  collect_expanders (table, &last);
  return last;
}

static gboolean
is_sidebar (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  return find_widget (root, is_type, GSIZE_TO_POINTER (type));
}

/* ── The keyboard ────────────────────────────────────────────────────── */

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     modifiers)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    return gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
           gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers;
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers);
  return FALSE;
}

static gboolean
run_shortcuts (GtkWidget           *widget,
               GtkPropagationPhase  phase,
               guint                keyval,
               GdkModifierType      modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, modifiers) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                            GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  return FALSE;
}

/* Does what pressing @keyval with @modifiers does where @widget has the
 * focus, in GTK's order: shortcuts of the capture phase from the window
 * down (the application's accelerators), then of the focused widget, then
 * of the bubble phase from it up (a list's Down, a button's space, the
 * window's own bindings). */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  gboolean done = FALSE;

  for (GtkWidget *w = widget; w; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (path, 0, w);
  for (guint i = 0; i < path->len && !done; i++)
    done = run_shortcuts (g_ptr_array_index (path, i), GTK_PHASE_CAPTURE, keyval, modifiers);
  if (!done)
    done = run_shortcuts (widget, GTK_PHASE_TARGET, keyval, modifiers);
  for (guint i = path->len; i > 0 && !done; i--)
    done = run_shortcuts (g_ptr_array_index (path, i - 1), GTK_PHASE_BUBBLE, keyval, modifiers);
  mlg_test_iterate ();
  return done;
}

/* Presses a key where the window's focus is. */
static void
press (GtkWindow       *window,
       guint            keyval,
       GdkModifierType  modifiers)
{
  GtkWidget *focus = gtk_window_get_focus (window);
  g_autofree char *name = gtk_accelerator_name (keyval, modifiers);

  if (focus && gtk_widget_get_root (focus) != GTK_ROOT (window))
    focus = NULL;   /* a row the editor just rebuilt */
  g_test_message ("key %s in %s", name, focus ? G_OBJECT_TYPE_NAME (focus) : "the window");
  g_assert_true (press_key (focus ? focus : GTK_WIDGET (window), keyval, modifiers));
}

/* Types @text where the focus is, a character at a time. */
static void
type_text (GtkWindow  *window,
           const char *text)
{
  GtkWidget *focus = gtk_window_get_focus (window);
  int position;

  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_EDITABLE (focus));
  position = g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (focus)), -1);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    gtk_editable_insert_text (GTK_EDITABLE (focus), p, g_utf8_next_char (p) - p, &position);
  mlg_test_iterate ();
}

/* Return where the focus is: an entry's "activate". */
static void
press_return_in_entry (GtkWindow *window)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  g_assert_true (GTK_IS_TEXT (focus));
  g_signal_emit_by_name (focus, "activate");
  mlg_test_iterate ();
}

static gboolean
focus_is_in (GtkWindow *window,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (window);
  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* ── The window ──────────────────────────────────────────────────────── */

static MlgRecordPage *
structures_page (MlgWindow *window)
{
  return MLG_RECORD_PAGE (mlg_window_get_page (window, "structures"));
}

static MlgRecordEditor *
structures_editor (MlgWindow *window)
{
  return mlg_record_page_get_editor (structures_page (window));
}

/* Ctrl+F, the text typed, Return: the first match opens. */
static void
search_and_open (MlgWindow  *window,
                 const char *text)
{
  MlgRecordPage *page = structures_page (window);
  GtkWidget *entry = find_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);

  press (GTK_WINDOW (window), GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (focus_is_in (GTK_WINDOW (window), entry));
  type_text (GTK_WINDOW (window), text);
  mlg_test_run_for (400);   /* the search entry waits for a pause in typing */
  g_assert_cmpuint (mlg_record_page_get_n_visible (page), >=, 1);
  press_return_in_entry (GTK_WINDOW (window));
  mlg_test_run_for (100);
}

/* A person picks @title in a reference field: a searchable picker (types
 * the name in its search, picks the match) or a drop-down (picks the
 * item). */
static void
pick_reference (GtkWidget  *row,
                const char *title)
{
  g_assert_nonnull (row);
  if (MLG_IS_REFERENCE_PICKER (row))
    {
      MlgReferencePicker *picker = MLG_REFERENCE_PICKER (row);
      MlgRecord *match = NULL;

      /* a list's picker is inside its row: opened first */
      GtkWidget *list_row = gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW);

      if (list_row && !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (list_row)))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (list_row), TRUE);
      /* it opens once shown and in sight (the form scrolls to it first) */
      for (int i = 0; i < 200 && !mlg_reference_picker_is_open (picker); i++)
        {
          if (i % 20 == 0)
            mlg_reference_picker_popup (picker);
          mlg_test_run_for (50);
        }
      g_assert_true (mlg_reference_picker_is_open (picker));
      mlg_reference_picker_set_search_text (picker, title);
      mlg_test_run_for (300);
      for (guint i = 0; i < mlg_reference_picker_get_n_matches (picker) && !match; i++)
        if (g_strcmp0 (mlg_record_get_title (mlg_reference_picker_get_match (picker, i)), title) == 0)
          match = mlg_reference_picker_get_match (picker, i);
      g_assert_nonnull (match);
      g_assert_true (mlg_reference_picker_pick (picker, match));
      if (mlg_reference_picker_is_open (picker))
        mlg_reference_picker_popdown (picker);
    }
  else if (ADW_IS_COMBO_ROW (row))
    {
      GListModel *items = adw_combo_row_get_model (ADW_COMBO_ROW (row));
      guint found = GTK_INVALID_LIST_POSITION;

      for (guint i = 0; i < g_list_model_get_n_items (items) && found == GTK_INVALID_LIST_POSITION; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (items, i);
          if (GTK_IS_STRING_OBJECT (item) &&
              g_strcmp0 (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), title) == 0)
            found = i;
        }
      g_assert_cmpuint (found, !=, GTK_INVALID_LIST_POSITION);
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), found);
    }
  else
    g_assert_not_reached ();
  mlg_test_run_for (100);
}

/* ── The walkthrough ─────────────────────────────────────────────────── */

static void
test_walkthrough (void)
{
  MlgWindow *window = g_object_ref (mlg_window_new (ADW_APPLICATION (app), settings));
  MlgDocument *document;
  MlgRecordPage *page;
  MlgRecordEditor *editor;
  MlgRecord *le96, *created;
  GtkListBox *sidebar;
  GtkWidget *figures, *add, *expander, *indicator, *year, *value, *year_spin, *value_spin;
  g_autoptr(JsonNode) figures_before = NULL;
  const char *pole_title;

  file = mlg_test_copy_example ();
  gtk_window_present (GTK_WINDOW (window));
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  g_assert_true (mlg_window_open_file (window, file, FALSE));
  document = mlg_window_get_document (window);
  mlg_test_run_for (200);
  mlg_test_screenshot (GTK_WINDOW (window), "walkthrough-1-opened");

  /* The sidebar: from Overview, Down goes to Structures. */
  sidebar = GTK_LIST_BOX (find_widget (GTK_WIDGET (window), is_sidebar, NULL));
  g_assert_nonnull (sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (sidebar, 0)));
  press (GTK_WINDOW (window), GDK_KEY_Down, 0);
  mlg_test_run_for (300);
  g_assert_cmpstr (mlg_window_get_visible_page (window), ==, "structures");
  page = structures_page (window);
  editor = structures_editor (window);

  /* Ctrl+F, "le 96", Return: Le 96 opens. */
  search_and_open (window, "le 96");
  le96 = mlg_record_page_get_selected (page);
  g_assert_nonnull (le96);
  g_assert_cmpstr (mlg_record_get_title (le96), ==, "Le 96");
  g_assert_true (mlg_record_editor_get_record (editor) == le96);
  mlg_test_screenshot (GTK_WINDOW (window), "walkthrough-2-le-96");

  /* Its employees for 2024: a row added to the key figures (the add
   * button, then space), the indicator picked, the year and the value
   * typed, each confirmed with Return. */
  figures_before = mlg_record_dup_value (le96, "figures");
  figures = mlg_record_editor_get_field_row (editor, "figures");
  g_assert_true (ADW_IS_PREFERENCES_GROUP (figures));
  add = find_widget (figures, is_button_with_icon, "list-add-symbolic");
  g_assert_nonnull (add);
  gtk_widget_grab_focus (add);
  press (GTK_WINDOW (window), GDK_KEY_space, 0);
  /* a button activated by a key shows pressed a moment, then clicks */
  for (int i = 0; i < 100 && mlg_record_get_array (le96, "figures") == NULL; i++)
    mlg_test_run_for (50);

  /* the new row is the last; it opens expanded (or the person opens it);
   * the form shows it once the window is idle */
  expander = NULL;
  for (int i = 0; i < 100 && expander == NULL; i++)
    {
      mlg_test_run_for (50);
      expander = last_expander (mlg_record_editor_get_field_row (editor, "figures"));
    }
  g_assert_nonnull (expander);
  if (!adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)))
    {
      g_test_message ("the new row was not open: opening it");
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
      mlg_test_run_for (100);
    }
  indicator = find_widget (expander, is_row_titled, "Indicator");
  year = find_widget (expander, is_row_titled, "Year");
  value = find_widget (expander, is_row_titled, "Value");
  g_assert_true (ADW_IS_COMBO_ROW (indicator));
  g_assert_nonnull (year);
  g_assert_nonnull (value);

  pick_reference (indicator, "Employees");

  year_spin = find_type (year, GTK_TYPE_SPIN_BUTTON);
  gtk_widget_grab_focus (year_spin);
  gtk_editable_set_text (GTK_EDITABLE (year_spin), "");
  type_text (GTK_WINDOW (window), "2024");
  press_return_in_entry (GTK_WINDOW (window));

  value_spin = find_type (value, GTK_TYPE_SPIN_BUTTON);
  gtk_widget_grab_focus (value_spin);
  gtk_editable_set_text (GTK_EDITABLE (value_spin), "");
  type_text (GTK_WINDOW (window), "14");
  press_return_in_entry (GTK_WINDOW (window));
  mlg_test_run_for (200);

  {
    JsonArray *rows = mlg_record_get_array (le96, "figures");
    JsonObject *row;

    g_assert_nonnull (rows);
    g_assert_cmpuint (json_array_get_length (rows), ==, 1);
    row = json_array_get_object_element (rows, 0);
    g_assert_cmpstr (json_object_get_string_member (row, "indicator"), ==, "employees");
    g_assert_cmpint (json_object_get_int_member (row, "year"), ==, 2024);
    g_assert_cmpfloat (json_object_get_double_member (row, "value"), ==, 14);
  }
  g_assert_true (mlg_document_get_dirty (document));
  mlg_test_screenshot (GTK_WINDOW (window), "walkthrough-3-employees-2024");

  /* Ctrl+Z until the figures are as they were: the first takes the value
   * back, the others the rest of the new row. */
  press (GTK_WINDOW (window), GDK_KEY_z, GDK_CONTROL_MASK);
  {
    JsonArray *rows = mlg_record_get_array (le96, "figures");
    JsonObject *row = rows && json_array_get_length (rows) ? json_array_get_object_element (rows, 0) : NULL;
    g_assert_false (row && json_object_has_member (row, "value") &&
                    json_object_get_double_member (row, "value") == 14);
  }
  for (int i = 0; i < 6 && mlg_document_can_undo (document); i++)
    {
      g_autoptr(JsonNode) now = mlg_record_dup_value (le96, "figures");
      if ((now == NULL && figures_before == NULL) ||
          (now && figures_before && json_node_equal (now, figures_before)))
        break;
      press (GTK_WINDOW (window), GDK_KEY_z, GDK_CONTROL_MASK);
    }
  {
    g_autoptr(JsonNode) now = mlg_record_dup_value (le96, "figures");
    g_assert_true ((now == NULL && figures_before == NULL) ||
                   (now && figures_before && json_node_equal (now, figures_before)));
  }
  g_assert_false (mlg_document_get_dirty (document));
  mlg_test_run_for (200);
  mlg_test_screenshot (GTK_WINDOW (window), "walkthrough-4-undone");

  /* Ctrl+N: a new structure, its name field focused; typed, then Tab. */
  press (GTK_WINDOW (window), GDK_KEY_n, GDK_CONTROL_MASK);
  mlg_test_run_for (200);
  created = mlg_record_page_get_selected (page);
  g_assert_nonnull (created);
  g_assert_true (created != le96);
  g_assert_true (focus_is_in (GTK_WINDOW (window), mlg_record_editor_get_field_row (editor, "name")));
  type_text (GTK_WINDOW (window), NEW_NAME);
  press (GTK_WINDOW (window), GDK_KEY_Tab, 0);
  mlg_test_run_for (200);
  g_assert_cmpstr (mlg_record_get_title (created), ==, NEW_NAME);
  new_id = g_strdup (mlg_record_get_id (created));

  /* The list follows: renamed, the structure sorts last and shows. */
  g_assert_true (mlg_test_list_shows (GTK_LIST_VIEW (mlg_record_page_get_list_view (page)), created));

  /* Its commune, one of the file's territories, and a pole. */
  pick_reference (mlg_record_editor_get_field_row (editor, "commune"),
                  mlg_record_get_title (mlg_document_lookup (document, "trevoux")));
  g_assert_cmpstr (mlg_record_get_string (created, "commune"), ==, "trevoux");
  pole_title = mlg_record_get_title (mlg_document_lookup (document, "pole-entrepreneuriat"));
  pick_reference (mlg_record_editor_get_list_add_row (editor, "poles"), pole_title);
  {
    g_auto(GStrv) poles = mlg_record_dup_strv (created, "poles");
    g_assert_nonnull (poles);
    g_assert_true (g_strv_contains ((const char * const *) poles, "pole-entrepreneuriat"));
  }
  mlg_test_run_for (200);
  mlg_test_screenshot (GTK_WINDOW (window), "walkthrough-5-new-structure");

  /* Ctrl+S: saved to the copy. */
  press (GTK_WINDOW (window), GDK_KEY_s, GDK_CONTROL_MASK);
  mlg_test_run_for (100);
  g_assert_false (mlg_document_get_dirty (document));

  mlg_test_destroy_window (GTK_WINDOW (window));
}

/* A new window, the file from Open Recent, the structure found. */
static void
test_reopen (void)
{
  MlgWindow *window = g_object_ref (mlg_window_new (ADW_APPLICATION (app), settings));
  g_autofree char *uri = g_file_get_uri (file);
  MlgDocument *document;
  MlgRecord *found;
  g_auto(GStrv) poles = NULL;

  g_assert_nonnull (new_id);
  gtk_window_present (GTK_WINDOW (window));
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);

  g_assert_true (mlg_test_menu_offers (mlg_window_get_recent_menu (window), uri));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri);
  for (int i = 0; i < 500 && (mlg_window_is_loading (window) || !mlg_window_get_document (window)); i++)
    mlg_test_run_for (10);
  document = mlg_window_get_document (window);
  g_assert_nonnull (document);
  g_assert_true (g_file_equal (mlg_document_get_file (document), file));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "structures");
  mlg_test_run_for (200);
  search_and_open (window, "zephyr");
  found = mlg_record_page_get_selected (structures_page (window));
  g_assert_nonnull (found);
  g_assert_cmpstr (mlg_record_get_id (found), ==, new_id);
  g_assert_cmpstr (mlg_record_get_title (found), ==, NEW_NAME);
  g_assert_cmpstr (mlg_record_get_string (found, "commune"), ==, "trevoux");
  poles = mlg_record_dup_strv (found, "poles");
  g_assert_true (g_strv_contains ((const char * const *) poles, "pole-entrepreneuriat"));
  g_assert_null (mlg_record_get_value (mlg_document_lookup (document, "le-96"), "figures"));
  mlg_test_run_for (200);
  mlg_test_screenshot (GTK_WINDOW (window), "walkthrough-6-reopened");

  mlg_test_destroy_window (GTK_WINDOW (window));
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

  /* The window of the application, as people use it: with its
   * accelerators (Ctrl+Z undoes the document's last change even in a text
   * field, as it does in the app). */
  app = mlg_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/walkthrough/find-change-undo-add-save", test_walkthrough);
  g_test_add_func ("/walkthrough/reopen", test_reopen);

  status = g_test_run ();
  g_clear_object (&app);
  g_clear_object (&settings);
  g_clear_object (&file);
  g_free (new_id);
  return status;
}
