/* mlg-test-ui.h — what the window tests share: running the main loop,
 * sizing the window, screenshots, settings in memory */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop for @ms milliseconds. */
void       mlg_test_run_for     (guint       ms);
/* Runs what is pending in the main loop. */
void       mlg_test_iterate     (void);
/* Resizes @window so that its content is @width × @height and lets the
 * layout and transitions settle. */
void       mlg_test_resize_to   (GtkWindow  *window,
                                 int         width,
                                 int         height);
/* Writes $MAILLAGE_BUILD_ROOT/screenshots/NAME.png. */
void       mlg_test_screenshot  (GtkWindow  *window,
                                 const char *name);
/* The app's settings, in memory, from the schema compiled in the build;
 * NULL when it is missing. */
GSettings *mlg_test_settings_new (void);
/* A copy of the bundled example in a temporary folder: the window writes
 * a lock note beside the file it opens, and tests run in parallel. */
GFile     *mlg_test_copy_example (void);
/* Collects the text of every visible label below @root, joined by "\n". */
char      *mlg_test_visible_text (GtkWidget *root);

G_END_DECLS
