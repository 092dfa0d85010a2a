/* test-record-editor-ui.c — the record editor: reference pickers with
 * search, live choices, typing undone in one step, a cheap setup
 *
 * Runs under xvfb-run and dbus-run-session (see tests/meson.build), with
 * GSETTINGS_BACKEND=memory and G_DEBUG=fatal-warnings, on a copy of the
 * example. Pickers are driven as a person does: opened, searched, a row
 * activated (or Enter in the search entry). Writes screenshots of the
 * structure editor with a picker open, at 1280×800 and 360×720, to the
 * build folder's screenshots/ (record-editor-picker-*.png: the popover
 * drawn over the window where it shows).
 */
#include "config.h"

#include <adwaita.h>

#include "mlg-document.h"
#include "mlg-record-editor.h"
#include "mlg-record-page.h"
#include "mlg-record.h"
#include "mlg-reference-picker.h"
#include "mlg-schema.h"
#include "mlg-test-ui.h"
#include "mlg-window.h"

static MlgWindow *window;
static GSettings *settings;

static MlgDocument *
document (void)
{
  return mlg_window_get_document (window);
}

static MlgRecord *
record_named (MlgKindId   kind,
              const char *title)
{
  GListModel *records = mlg_document_get_records (document (), kind);

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(MlgRecord) record = g_list_model_get_item (records, i);
      if (g_strcmp0 (mlg_record_get_title (record), title) == 0)
        return record; /* the document keeps it */
    }
  g_error ("no record named %s", title);
  return NULL;
}

/* Shows @record in its kind's page; returns that page's editor. */
static MlgRecordEditor *
show (MlgRecord *record)
{
  const char *page_name = mlg_record_get_kind (record)->key;
  MlgRecordPage *page;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page_name);
  mlg_test_iterate ();
  page = MLG_RECORD_PAGE (mlg_window_get_page (window, page_name));
  mlg_record_page_select_record (page, record, NULL);
  mlg_test_iterate ();
  g_assert_true (mlg_record_editor_get_record (mlg_record_page_get_editor (page)) == record);
  return mlg_record_page_get_editor (page);
}

static MlgReferencePicker *
picker_of (MlgRecordEditor *editor,
           const char      *key)
{
  GtkWidget *row = mlg_record_editor_get_field_row (editor, key);

  g_assert_true (MLG_IS_REFERENCE_PICKER (row));
  return MLG_REFERENCE_PICKER (row);
}

/* Scrolls the form so that @widget is near its top: the popover below it
 * then shows inside the window. */
static void
scroll_near_top (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, scrolled, &bounds));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + bounds.origin.y - 80);
  mlg_test_run_for (100);
}

/* Opens the picker, brought in sight first as a person would see it. */
static void
open_picker (MlgReferencePicker *picker)
{
  scroll_near_top (GTK_WIDGET (picker));
  mlg_reference_picker_popup (picker);
  /* after the next frame when the form had to scroll; asked again, as a
   * person clicks again, if a narrow window's pages were still sliding
   * (a popover closes when what it points at moves away) */
  for (int i = 0; i < 200 && !mlg_reference_picker_is_open (picker); i++)
    {
      mlg_test_run_for (25);
      if (i % 10 == 9 && !mlg_reference_picker_is_open (picker))
        mlg_reference_picker_popup (picker);
    }
  mlg_test_run_for (50);
  if (!mlg_reference_picker_is_open (picker))
    g_test_message ("picker not open: its button %s, window %d×%d",
                    gtk_widget_get_mapped (mlg_reference_picker_get_button (picker)) ? "shown" : "not shown",
                    gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
  g_assert_true (mlg_reference_picker_is_open (picker));
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autofree char *visible = mlg_test_visible_text (widget);
  return strstr (visible, text) != NULL;
}

/* Down, Up, Page Down… in the picker's search entry, as its key
 * controller receives them. */
static void
press_key (MlgReferencePicker *picker,
           guint               keyval)
{
  g_autoptr(GListModel) controllers =
    gtk_widget_observe_controllers (mlg_reference_picker_get_search_entry (picker));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
}

static void
undo (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  mlg_test_iterate ();
}

/* ── Tests ───────────────────────────────────────────────────────────── */

static void
test_open (void)
{
  window = mlg_test_open_example_window (settings);
}

/* Handing the editor a document builds nothing; a record's form builds its
 * own rows, and a picker its list only when it opens. */
static void
test_setup_is_cheap (void)
{
  GtkWidget *editor = g_object_ref_sink (mlg_record_editor_new ());
  MlgRecord *le_96 = record_named (MLG_KIND_STRUCTURE, "Le 96");
  MlgReferencePicker *commune;

  mlg_record_editor_set_document (MLG_RECORD_EDITOR (editor), document ());
  g_assert_null (mlg_record_editor_get_field_row (MLG_RECORD_EDITOR (editor), "name"));
  g_assert_null (mlg_record_editor_get_field_row (MLG_RECORD_EDITOR (editor), "commune"));

  mlg_record_editor_set_record (MLG_RECORD_EDITOR (editor), le_96);
  g_assert_true (ADW_IS_ENTRY_ROW (mlg_record_editor_get_field_row (MLG_RECORD_EDITOR (editor), "name")));
  commune = picker_of (MLG_RECORD_EDITOR (editor), "commune");
  g_assert_null (mlg_reference_picker_get_search_entry (commune));
  g_assert_cmpuint (mlg_reference_picker_get_n_matches (commune), ==, 0);

  mlg_record_editor_set_document (MLG_RECORD_EDITOR (editor), NULL);
  g_assert_finalize_object (editor);
}

/* One reference: search without accents, pick, Enter, None. */
static void
test_reference_picker (void)
{
  MlgRecord *le_96 = record_named (MLG_KIND_STRUCTURE, "Le 96");
  MlgRecord *trevoux = record_named (MLG_KIND_TERRITORY, "Trévoux");
  MlgRecord *reyrieux = record_named (MLG_KIND_TERRITORY, "Reyrieux");
  MlgRecordEditor *editor = show (le_96);
  MlgReferencePicker *picker = picker_of (editor, "commune");
  g_autofree char *before = g_strdup (mlg_record_get_string (le_96, "commune"));
  GtkWidget *entry;

  /* the control is named by the field's label */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (mlg_reference_picker_get_button (picker)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Commune");

  open_picker (picker);
  entry = mlg_reference_picker_get_search_entry (picker);
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_focus (entry) ||
                 gtk_widget_get_focus_child (entry) != NULL);
  /* every territory, "None" aside */
  g_assert_cmpuint (mlg_reference_picker_get_n_matches (picker), ==,
                    mlg_document_count (document (), MLG_KIND_TERRITORY));

  mlg_reference_picker_set_search_text (picker, "TREVOUX");
  g_assert_cmpuint (mlg_reference_picker_get_n_matches (picker), ==, 1);
  g_assert_true (mlg_reference_picker_get_match (picker, 0) == trevoux);
  g_assert_true (mlg_reference_picker_pick (picker, trevoux));
  mlg_test_iterate ();
  g_assert_false (mlg_reference_picker_is_open (picker));
  g_assert_cmpstr (mlg_record_get_string (le_96, "commune"), ==, mlg_record_get_id (trevoux));
  g_assert_true (shows_text (GTK_WIDGET (picker), "Trévoux"));

  /* the keyboard: type, Enter picks the best match */
  open_picker (picker);
  mlg_reference_picker_set_search_text (picker, "reyr");
  g_signal_emit_by_name (mlg_reference_picker_get_search_entry (picker), "activate");
  mlg_test_iterate ();
  g_assert_cmpstr (mlg_record_get_string (le_96, "commune"), ==, mlg_record_get_id (reyrieux));
  g_assert_true (shows_text (GTK_WIDGET (picker), "Reyrieux"));

  /* Down moves to the next match, Up back; Enter picks */
  open_picker (picker);
  mlg_reference_picker_set_search_text (picker, "tr");
  g_assert_cmpuint (mlg_reference_picker_get_n_matches (picker), >=, 2);
  press_key (picker, GDK_KEY_Down);
  press_key (picker, GDK_KEY_Up);
  press_key (picker, GDK_KEY_Down);
  g_signal_emit_by_name (mlg_reference_picker_get_search_entry (picker), "activate");
  mlg_test_iterate ();
  g_assert_cmpstr (mlg_record_get_string (le_96, "commune"), ==,
                   mlg_record_get_id (mlg_reference_picker_get_match (picker, 1)));

  /* the search entry's own typing delay, then Enter */
  open_picker (picker);
  gtk_editable_set_text (GTK_EDITABLE (mlg_reference_picker_get_search_entry (picker)), "trévoux");
  mlg_test_run_for (400);
  g_assert_cmpuint (mlg_reference_picker_get_n_matches (picker), ==, 1);
  g_signal_emit_by_name (mlg_reference_picker_get_search_entry (picker), "activate");
  mlg_test_iterate ();
  g_assert_cmpstr (mlg_record_get_string (le_96, "commune"), ==, mlg_record_get_id (trevoux));

  /* "None" clears, and is offered only when nothing is searched */
  open_picker (picker);
  mlg_reference_picker_set_search_text (picker, "trev");
  g_assert_false (mlg_reference_picker_pick (picker, NULL));
  mlg_reference_picker_set_search_text (picker, "");
  g_assert_true (mlg_reference_picker_pick (picker, NULL));
  mlg_test_iterate ();
  g_assert_false (mlg_record_has_value (le_96, "commune"));
  g_assert_true (shows_text (GTK_WIDGET (picker), "None"));

  /* each pick was one undo step */
  undo ();
  g_assert_cmpstr (mlg_record_get_string (le_96, "commune"), ==, mlg_record_get_id (trevoux));
  g_assert_cmpstr (mlg_reference_picker_get_value (picker), ==, mlg_record_get_id (trevoux));
  undo ();
  undo ();
  undo ();
  undo ();
  g_assert_cmpstr (mlg_record_get_string (le_96, "commune"), ==, before);
}

/* "creche" finds the crèches, in a picker of projects. */
static void
test_search_without_accents (void)
{
  GListModel *funding = mlg_document_get_records (document (), MLG_KIND_FUNDING);
  g_autoptr(MlgRecord) grant = g_list_model_get_item (funding, 0);
  MlgRecordEditor *editor = show (grant);
  MlgReferencePicker *picker = picker_of (editor, "project");
  MlgRecord *match;

  open_picker (picker);
  mlg_reference_picker_set_search_text (picker, "creche");
  g_assert_cmpuint (mlg_reference_picker_get_n_matches (picker), >=, 1);
  match = mlg_reference_picker_get_match (picker, 0);
  g_assert_nonnull (strstr (mlg_record_get_title (match), "crèche"));
  g_assert_true (mlg_reference_picker_pick (picker, match));
  mlg_test_iterate ();
  g_assert_cmpstr (mlg_record_get_string (grant, "project"), ==, mlg_record_get_id (match));
  undo ();
}

/* Records added, renamed and removed after the form is open show in the
 * open picker, and in the rows that name them. */
static void
test_live_choices (void)
{
  MlgRecord *establishment = record_named (MLG_KIND_ESTABLISHMENT, "Mini-crèche Tournesol");
  MlgRecordEditor *editor = show (establishment);
  MlgReferencePicker *pole_picker = picker_of (editor, "pole");
  MlgReferencePicker *structure_picker = picker_of (editor, "structure");
  MlgRecord *pole, *structure;

  open_picker (pole_picker);
  mlg_reference_picker_set_search_text (pole_picker, "creche");
  g_assert_cmpuint (mlg_reference_picker_get_n_matches (pole_picker), ==, 0);

  /* added while the picker is open: it shows at once */
  pole = mlg_document_add_record (document (), MLG_KIND_POLE, "Crèches et relais");
  mlg_test_iterate ();
  g_assert_true (mlg_reference_picker_is_open (pole_picker));
  g_assert_cmpuint (mlg_reference_picker_get_n_matches (pole_picker), ==, 1);
  g_assert_true (mlg_reference_picker_get_match (pole_picker, 0) == pole);
  g_assert_true (mlg_reference_picker_pick (pole_picker, pole));
  mlg_test_iterate ();
  g_assert_cmpstr (mlg_record_get_string (establishment, "pole"), ==, mlg_record_get_id (pole));

  /* renamed: the row shows the new name, the search follows it */
  mlg_document_set_string (document (), pole, "name", "Petite enfance du Val");
  mlg_test_iterate ();
  g_assert_true (shows_text (GTK_WIDGET (pole_picker), "Petite enfance du Val"));
  open_picker (pole_picker);
  mlg_reference_picker_set_search_text (pole_picker, "creche");
  g_assert_cmpuint (mlg_reference_picker_get_n_matches (pole_picker), ==, 0);
  mlg_reference_picker_set_search_text (pole_picker, "du val");
  g_assert_cmpuint (mlg_reference_picker_get_n_matches (pole_picker), ==, 1);
  mlg_reference_picker_popdown (pole_picker);

  /* removed (the new record undone): the reference dangles, shown as written */
  undo (); /* the rename */
  undo (); /* the pick */
  undo (); /* the new pole */
  g_assert_null (mlg_document_lookup (document (), mlg_record_get_id (pole)));

  /* a structure added after the form was built: in the other picker too,
   * which had never been opened */
  structure = mlg_document_add_record (document (), MLG_KIND_STRUCTURE, "Crèche Les Lucioles");
  open_picker (structure_picker);
  mlg_reference_picker_set_search_text (structure_picker, "creche");
  g_assert_cmpuint (mlg_reference_picker_get_n_matches (structure_picker), ==, 1);
  g_assert_true (mlg_reference_picker_get_match (structure_picker, 0) == structure);
  mlg_reference_picker_popdown (structure_picker);
  mlg_test_iterate ();
  undo ();
}

/* A list of references: the picker adds and removes, and stays open. */
static void
test_list_picker (void)
{
  MlgRecord *le_96 = record_named (MLG_KIND_STRUCTURE, "Le 96");
  MlgRecord *culture = record_named (MLG_KIND_POLE, "Culturel");
  MlgRecordEditor *editor = show (le_96);
  GtkWidget *row = mlg_record_editor_get_field_row (editor, "poles");
  GtkWidget *add = mlg_record_editor_get_list_add_row (editor, "poles");
  MlgReferencePicker *picker;
  g_auto(GStrv) before = mlg_record_dup_strv (le_96, "poles");
  g_auto(GStrv) after = NULL;

  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_true (MLG_IS_REFERENCE_PICKER (add));
  picker = MLG_REFERENCE_PICKER (add);
  g_assert_false (g_strv_contains ((const char * const *) before, mlg_record_get_id (culture)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (mlg_reference_picker_get_button (picker)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Poles");

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  mlg_test_run_for (400); /* the expander's transition */
  open_picker (picker);
  mlg_reference_picker_set_search_text (picker, "CULTUREL");
  g_assert_cmpuint (mlg_reference_picker_get_n_matches (picker), ==, 1);
  g_assert_true (mlg_reference_picker_pick (picker, culture));
  mlg_test_run_for (50);
  after = mlg_record_dup_strv (le_96, "poles");
  g_assert_cmpuint (g_strv_length (after), ==, g_strv_length (before) + 1);
  g_assert_true (g_strv_contains ((const char * const *) after, mlg_record_get_id (culture)));
  g_assert_true (mlg_reference_picker_is_open (picker));
  g_assert_true (shows_text (row, "Culturel"));

  /* activated again: out of the list */
  g_assert_true (mlg_reference_picker_pick (picker, culture));
  mlg_test_run_for (50);
  g_clear_pointer (&after, g_strfreev);
  after = mlg_record_dup_strv (le_96, "poles");
  g_assert_cmpuint (g_strv_length (after), ==, g_strv_length (before));
  g_assert_false (g_strv_contains ((const char * const *) after, mlg_record_get_id (culture)));
  mlg_reference_picker_popdown (picker);
  mlg_test_iterate ();
  undo ();
  undo ();
}

/* "abc" typed in three chunks, each committed at a typing pause, undoes
 * at once; a change elsewhere in between starts a new step. */
static void
test_typing_one_undo (void)
{
  MlgRecord *le_96 = record_named (MLG_KIND_STRUCTURE, "Le 96");
  MlgRecordEditor *editor = show (le_96);
  GtkWidget *address = mlg_record_editor_get_field_row (editor, "address");
  g_autofree char *before = g_strdup (mlg_record_get_string (le_96, "address"));
  g_autofree char *text = NULL;
  const char *chunks[] = { "a", "b", "c" };

  g_assert_true (ADW_IS_ENTRY_ROW (address));
  text = g_strdup (before ? before : "");
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      char *longer = g_strconcat (text, chunks[i], NULL);
      g_free (text);
      text = longer;
      gtk_editable_set_text (GTK_EDITABLE (address), text);
      mlg_test_run_for (800); /* past the typing pause: committed */
      g_assert_cmpstr (mlg_record_get_string (le_96, "address"), ==, text);
    }

  undo ();
  g_assert_cmpstr (mlg_record_get_string (le_96, "address"), ==, before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (address)), ==, before ? before : "");

  /* typing, a change elsewhere, typing again: two steps */
  gtk_editable_set_text (GTK_EDITABLE (address), "1 rue");
  mlg_record_editor_commit_pending (editor);
  mlg_document_set_string (document (), le_96, "phone", "04 74 00 00 00");
  gtk_editable_set_text (GTK_EDITABLE (address), "1 rue des Arts");
  mlg_record_editor_commit_pending (editor);
  undo ();
  g_assert_cmpstr (mlg_record_get_string (le_96, "address"), ==, "1 rue");
  undo ();
  undo ();
  g_assert_cmpstr (mlg_record_get_string (le_96, "address"), ==, before);
}

static GskRenderNode *
widget_node (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  return gtk_snapshot_to_node (snapshot);
}

/* The window with the popover drawn where it shows: a popover is a surface
 * of its own, which a snapshot of the window leaves out. Writes
 * $MAILLAGE_BUILD_ROOT/screenshots/NAME.png. */
static void
screenshot_with_popover (GtkWidget  *popover,
                         const char *name)
{
  const char *build_root = g_getenv ("MAILLAGE_BUILD_ROOT");
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (build_root ? build_root : ".", "screenshots", file, NULL);
  g_autoptr(GskRenderNode) window_node = NULL;
  g_autoptr(GskRenderNode) popover_node = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GdkTexture) texture = NULL;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  double window_x, window_y, popover_x, popover_y;

  mlg_test_screenshot (GTK_WINDOW (window), name); /* waits for a frame */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
  window_node = widget_node (GTK_WIDGET (window));
  popover_node = widget_node (popover);
  g_assert_nonnull (window_node);
  g_assert_nonnull (popover_node);

  gtk_snapshot_append_node (snapshot, window_node);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (gdk_popup_get_position_x (GDK_POPUP (surface)) + popover_x - window_x,
                                                gdk_popup_get_position_y (GDK_POPUP (surface)) + popover_y - window_y));
  gtk_snapshot_append_node (snapshot, popover_node);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot with the popover: %s (%dx%d)", path, width, height);
}

static void
test_screenshots (void)
{
  MlgRecord *val_horizon = record_named (MLG_KIND_STRUCTURE, "Val Horizon");
  const struct { int width, height; const char *name; } sizes[] = {
    { 1280, 800, "record-editor-picker-1280x800" },
    { 360, 720, "record-editor-picker-360x720" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      MlgRecordEditor *editor;
      MlgReferencePicker *picker;
      GtkWidget *popover;

      mlg_test_resize_to (GTK_WINDOW (window), sizes[i].width, sizes[i].height);
      editor = show (val_horizon);
      mlg_test_run_for (300);   /* a narrow window's pages slide in */
      picker = picker_of (editor, "commune");
      open_picker (picker);
      mlg_reference_picker_set_search_text (picker, "tr");
      mlg_test_run_for (300);
      popover = gtk_widget_get_ancestor (mlg_reference_picker_get_search_entry (picker), GTK_TYPE_POPOVER);
      screenshot_with_popover (popover, sizes[i].name);
      /* the popover fits in the window */
      g_assert_cmpint (gtk_widget_get_width (popover), <=, sizes[i].width);
      mlg_reference_picker_popdown (picker);
      mlg_test_iterate ();
    }
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
}

static void
test_finalize (void)
{
  MlgRecordEditor *editor = mlg_record_page_get_editor (MLG_RECORD_PAGE (mlg_window_get_page (window, "structures")));

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  mlg_test_destroy_window (GTK_WINDOW (window));
  window = NULL;
  g_assert_null (editor);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  settings = mlg_test_settings_new ();

  g_test_add_func ("/record-editor/open", test_open);
  g_test_add_func ("/record-editor/setup-is-cheap", test_setup_is_cheap);
  g_test_add_func ("/record-editor/reference-picker", test_reference_picker);
  g_test_add_func ("/record-editor/search-without-accents", test_search_without_accents);
  g_test_add_func ("/record-editor/live-choices", test_live_choices);
  g_test_add_func ("/record-editor/list-picker", test_list_picker);
  g_test_add_func ("/record-editor/typing-one-undo", test_typing_one_undo);
  g_test_add_func ("/record-editor/screenshots", test_screenshots);
  g_test_add_func ("/record-editor/finalize", test_finalize);

  status = g_test_run ();
  g_clear_object (&settings);
  return status;
}
