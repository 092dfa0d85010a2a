/* mlg-test-ui.c — what the window tests share */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include <adwaita.h>

#include "mlg-test-ui.h"

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
mlg_test_run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
mlg_test_iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
has_size (GtkWindow *window,
          int        width,
          int        height)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         gtk_widget_get_width (GTK_WIDGET (window)) == width &&
         gtk_widget_get_height (GTK_WIDGET (window)) == height;
}

/* The default size may include the frame that client-side decorations
 * draw around the window: correct for it once it is known. */
void
mlg_test_resize_to (GtkWindow *window,
                    int        width,
                    int        height)
{
  gtk_window_set_default_size (window, width, height);
  for (int tries = 0; tries < 80 && !has_size (window, width, height); tries++)
    {
      mlg_test_run_for (25);
      if (tries == 20 && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          int extra_w = width - gtk_widget_get_width (GTK_WIDGET (window));
          int extra_h = height - gtk_widget_get_height (GTK_WIDGET (window));
          gtk_window_set_default_size (window, width + extra_w, height + extra_h);
        }
    }
  mlg_test_run_for (400);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Waits until the window has drawn a frame, so that every widget in it has
 * its allocation (a snapshot before that warns, fatally in the tests). */
static void
wait_for_frame (GtkWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gulong handler;

  if (clock == NULL)
    return;
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  for (int i = 0; i < 100 && !painted; i++)
    mlg_test_run_for (10);
  g_signal_handler_disconnect (clock, handler);
}

void
mlg_test_destroy_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  mlg_test_iterate ();
  g_assert_finalize_object (window);
}

void
mlg_test_screenshot (GtkWindow  *window,
                     const char *name)
{
  const char *build_root = g_getenv ("MAILLAGE_BUILD_ROOT");
  g_autofree char *dir = g_build_filename (build_root ? build_root : ".", "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  g_mkdir_with_parents (dir, 0755);
  wait_for_frame (window);
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%dx%d)", path, width, height);
}

GSettings *
mlg_test_settings_new (void)
{
  const char *build_root = g_getenv ("MAILLAGE_BUILD_ROOT");
  g_autofree char *schema_dir = NULL;
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (build_root == NULL)
    return NULL;
  schema_dir = g_build_filename (build_root, "data", NULL);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  /* From the build's folder itself: the default source may have been read
   * before GSETTINGS_SCHEMA_DIR was set (gtk_test_init () reads settings). */
  source = g_settings_schema_source_new_from_directory (schema_dir, g_settings_schema_source_get_default (),
                                                        FALSE, NULL);
  schema = source ? g_settings_schema_source_lookup (source, APPLICATION_ID, FALSE) : NULL;
  g_clear_pointer (&source, g_settings_schema_source_unref);
  g_assert_nonnull (schema);
  return g_settings_new_full (schema, NULL, NULL);
}

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget) || GTK_IS_INSCRIPTION (widget))
    {
      g_string_append (out, GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget))
                                                  : gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
      g_string_append_c (out, '\n');
    }
  /* of a stack, only the page shown */
  if (GTK_IS_STACK (widget) || ADW_IS_VIEW_STACK (widget))
    {
      GtkWidget *shown = GTK_IS_STACK (widget) ? gtk_stack_get_visible_child (GTK_STACK (widget))
                                               : adw_view_stack_get_visible_child (ADW_VIEW_STACK (widget));
      if (shown)
        collect_text (shown, out);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

char *
mlg_test_visible_text (GtkWidget *root)
{
  GString *out = g_string_new (NULL);
  collect_text (root, out);
  return g_string_free (out, FALSE);
}

GFile *
mlg_test_copy_example (void)
{
  g_autofree char *source = g_build_filename (g_getenv ("MAILLAGE_SOURCE_ROOT"), "data", "examples",
                                              "dombinnov.maillage", NULL);
  g_autofree char *dir = g_dir_make_tmp ("maillage-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dombinnov.maillage", NULL);
  g_autofree char *text = NULL;
  gsize length;

  g_assert_nonnull (dir);
  g_assert_true (g_file_get_contents (source, &text, &length, NULL));
  g_assert_true (g_file_set_contents (path, text, length, NULL));
  return g_file_new_for_path (path);
}

void
mlg_test_use_own_data_home (void)
{
  g_autofree char *dir = g_dir_make_tmp ("maillage-data-XXXXXX", NULL);

  g_assert_nonnull (dir);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
}

gboolean
mlg_test_menu_offers (GMenuModel *menu,
                      const char *target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) value = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                         G_VARIANT_TYPE_STRING);
      if (value && g_str_equal (g_variant_get_string (value, NULL), target))
        return TRUE;
    }
  return FALSE;
}

static gboolean
list_shows_now (GtkListView *list,
                gpointer     item)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  guint n = g_list_model_get_n_items (model);
  guint position = GTK_INVALID_LIST_POSITION;
  double row_height, middle, top, bottom;

  for (guint i = 0; i < n && position == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (model, i);
      if (object == item)
        position = i;
    }
  if (position == GTK_INVALID_LIST_POSITION ||
      !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (model), position))
    {
      g_test_message ("the list (%u rows) has the item at %d, %s", n, (int) position,
                      position == GTK_INVALID_LIST_POSITION ? "nowhere" : "not selected");
      return FALSE;
    }

  /* rows are about the same height: where the row is, against what shows */
  row_height = gtk_adjustment_get_upper (adjustment) / n;
  middle = (position + 0.5) * row_height;
  top = gtk_adjustment_get_value (adjustment);
  bottom = top + gtk_adjustment_get_page_size (adjustment);
  g_test_message ("row %u of %u around %.0f px; the list shows %.0f to %.0f", position, n, middle, top, bottom);
  return middle >= top && middle <= bottom;
}

/* Waits for the list's layout (frames take their time on a busy machine),
 * up to 5 s. */
gboolean
mlg_test_list_shows (GtkListView *list,
                     gpointer     item)
{
  for (int i = 0; i < 100; i++)
    {
      mlg_test_run_for (50);
      if (list_shows_now (list, item))
        return TRUE;
    }
  return FALSE;
}

MlgWindow *
mlg_test_open_example_window (GSettings *settings)
{
  g_autoptr(GFile) file = mlg_test_copy_example ();
  MlgWindow *window = g_object_ref (mlg_window_new (NULL, settings));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mlg_window_open_file (window, file, FALSE));
  g_assert_nonnull (mlg_window_get_document (window));
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  return window;
}

gboolean
mlg_test_use_french (void)
{
  const char *build_root = g_getenv ("MAILLAGE_BUILD_ROOT");
  g_autofree char *localedir = g_build_filename (build_root ? build_root : ".", "po", NULL);

  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    return FALSE;
  g_setenv ("LANGUAGE", "fr", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

GtkWidget *
mlg_test_find_widget (GtkWidget     *root,
                      MlgTestMatch   match,
                      gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mlg_test_find_widget (child, match, data);
      if (found)
        return found;
    }
  return NULL;
}
