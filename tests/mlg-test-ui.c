/* mlg-test-ui.c — what the window tests share */
#include "config.h"

#include <glib/gstdio.h>

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
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
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
