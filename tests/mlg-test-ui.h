/* mlg-test-ui.h — what the window tests share: running the main loop,
 * sizing the window, screenshots, settings in memory */
#pragma once

#include <gtk/gtk.h>

#include "mlg-window.h"

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
/* Destroys @window and checks that nothing keeps it alive (the caller
 * holds the last reference). */
void       mlg_test_destroy_window (GtkWindow *window);
/* Writes $MAILLAGE_BUILD_ROOT/screenshots/NAME.png. */
void       mlg_test_screenshot  (GtkWindow  *window,
                                 const char *name);
/* The app's settings, in memory, from the schema compiled in the build;
 * NULL when it is missing. */
GSettings *mlg_test_settings_new (void);
/* A copy of the bundled example in a temporary folder: the window writes
 * a lock note beside the file it opens, and tests run in parallel. */
GFile     *mlg_test_copy_example (void);
/* A new window (the caller owns a reference) on a copy of the example,
 * presented at 1280×800. */
MlgWindow *mlg_test_open_example_window (GSettings *settings);
/* Whether @widget is the one a search wants; @data says which. */
typedef gboolean (*MlgTestMatch) (GtkWidget     *widget,
                                  gconstpointer  data);
/* The first widget below @root (itself first, then depth first) that
 * @match accepts; one that never accepts visits every widget. */
GtkWidget *mlg_test_find_widget  (GtkWidget     *root,
                                  MlgTestMatch   match,
                                  gconstpointer  data);
/* Collects the text of every visible label below @root, joined by "\n". */
char      *mlg_test_visible_text (GtkWidget *root);
/* Switches to French (after gtk_test_init (), which sets an English
 * locale) with the translations this build compiled; FALSE when the
 * fr_FR.UTF-8 locale is missing. */
gboolean   mlg_test_use_french   (void);
/* Whether @list comes to show @item selected and scrolled into view, once
 * laid out (waits up to 5 s). */
gboolean   mlg_test_list_shows   (GtkListView *list,
                                  gpointer     item);
/* Points XDG_DATA_HOME to a new temporary folder, so that what the test
 * leaves there (the recent files' list) stays its own; before
 * gtk_test_init (), which reads it. */
void       mlg_test_use_own_data_home (void);
/* Whether @menu has an item whose target is the string @target. */
gboolean   mlg_test_menu_offers  (GMenuModel  *menu,
                                  const char  *target);

G_END_DECLS
