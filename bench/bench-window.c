/* bench-window.c — opening the window on a file: the first frame, the
 * longest main-loop stall while the file loads and once it shows, the
 * first visit of the Structures and Territories pages, the peak memory,
 * saving (Ctrl+S) and the longest stall while the file is written
 *
 *   xvfb-run bench-window FILE
 *
 * The window shows at once and reads the file in a worker thread: the
 * first frame must not wait for the file, and no main-loop iteration may
 * stall long while it loads. Once read, the file shows on the Overview;
 * the other pages are made and take the document when first shown.
 *
 * The floor is a bare libadwaita window (a header bar and a status page,
 * what the window shows while it reads a file) in a process of its own:
 * what GTK itself takes to show a window on this display. Each is run
 * ROUNDS times, in turn, and the medians are printed.
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-window.h"

#define ROUNDS 3
#define WIDTH 1100
#define HEIGHT 720

static gint64 start, built, first_frame, last_tick, worst_stall, worst_stall_shown, loaded, painted;
static gint64 save_stall;
static gboolean done;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  painted = g_get_monotonic_time ();
  if (first_frame == 0)
    first_frame = painted;
}

static void
on_map (GtkWidget *widget,
        gpointer   data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
}

/* A tick every 5 ms: the gap between two ticks is how long the main loop
 * was kept from running. */
static gboolean
on_tick (gpointer data)
{
  GtkWindow *window = data;
  gint64 now = g_get_monotonic_time ();

  /* a stall that ends after the file is handed over is the showing's */
  if (last_tick && loaded == 0)
    worst_stall = MAX (worst_stall, now - last_tick);
  else if (last_tick)
    worst_stall_shown = MAX (worst_stall_shown, now - last_tick);
  last_tick = now;
  /* the bare window has no file: its stalls are all counted, for as
   * long as the app's first frame takes plus a second */
  if (loaded == 0 && MLG_IS_WINDOW (window) &&
      !mlg_window_is_loading (MLG_WINDOW (window)) && mlg_window_get_document (MLG_WINDOW (window)))
    loaded = now;
  if (loaded == 0 && !MLG_IS_WINDOW (window) && first_frame && now - start > 1300 * 1000)
    loaded = now;
  if (loaded && first_frame && now - loaded > 300 * 1000)
    {
      done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_save_tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick)
    save_stall = MAX (save_stall, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static double
peak_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtod (line + 6, NULL) / 1024.0 : -1;
}

static void
run_until_done (GtkWindow *window)
{
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (window);
  g_timeout_add (5, on_tick, window);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
print_ms (const char *key,
          gint64      us)
{
  g_print ("%s=%.1f\n", key, us / 1000.0);
}

/* The floor: what the window shows while reading, without the app. */
static int
run_floor (void)
{
  GtkWidget *window, *box, *status;

  start = g_get_monotonic_time ();
  window = adw_application_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "document-open-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Opening “ecosystem.maillage”…");
  adw_status_page_set_description (ADW_STATUS_PAGE (status), "Large files take a few seconds to read.");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  run_until_done (GTK_WINDOW (window));
  print_ms ("first_frame", first_frame - start);
  print_ms ("stall", worst_stall);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* Until the page is drawn. A function of its own so that a profiler can
 * count just this:
 *   valgrind --tool=callgrind --collect-atstart=no \
 *     --toggle-collect=show_page_and_wait bench-window --app FILE */
static void __attribute__((noinline))
show_page_and_wait (MlgWindow  *window,
                    const char *name)
{
  painted = 0;
  mlg_window_show_page (window, name);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (painted == 0)
    g_main_context_iteration (NULL, TRUE);
}

static int
run_app (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  double base_rss = peak_rss_mib (), memory;
  MlgWindow *window;
  const char *pages[] = { "structures", "territories" };

  start = g_get_monotonic_time ();
  window = mlg_window_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  built = g_get_monotonic_time ();
  mlg_window_open_file_async (window, file, FALSE);
  run_until_done (GTK_WINDOW (window));

  print_ms ("built", built - start);
  print_ms ("first_frame", first_frame - start);
  print_ms ("loaded", loaded - start);
  print_ms ("stall", worst_stall);
  print_ms ("stall_shown", worst_stall_shown);
  memory = peak_rss_mib () - base_rss;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gint64 before = g_get_monotonic_time ();

      show_page_and_wait (window, pages[i]);
      g_print ("page_%s=%.1f\n", pages[i], (painted - before) / 1000.0);
    }
  g_print ("memory=%.1f\n", memory);

  /* Saving, as Ctrl+S does: an edit and its reverse, so that the same
   * bytes go back into the file; the file is written in a worker thread,
   * and the ticks tell how long the main loop stalls meanwhile. */
  {
    MlgDocument *document = mlg_window_get_document (window);
    MlgRecord *ecosystem = mlg_document_get_ecosystem (document);
    g_autofree char *name = g_strdup (mlg_record_get_string (ecosystem, "name"));
    g_autofree char *backup = g_strconcat (path, "~", NULL);
    gint64 before;
    guint tick;

    mlg_document_set_string (document, ecosystem, "name", "—");
    mlg_document_set_string (document, ecosystem, "name", name);
    last_tick = 0;
    tick = g_timeout_add (5, on_save_tick, NULL);
    before = g_get_monotonic_time ();
    gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
    while (mlg_document_is_saving (document))
      g_main_context_iteration (NULL, TRUE);
    g_print ("save=%.1f\n", (g_get_monotonic_time () - before) / 1000.0);
    g_source_remove (tick);
    print_ms ("save_stall", save_stall);
    g_assert_false (mlg_document_get_dirty (document));
    g_unlink (backup);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* Runs this program again with @args; its "key=value" lines go into
 * @figures, one array of values per key. */
static void
run_child (const char  *self_path,
           const char  *mode,
           const char  *path,
           GHashTable  *figures)
{
  const char *argv[] = { self_path, mode, path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s %s: %s", self_path, mode, error->message);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *eq = strchr (lines[i], '=');
      GArray *values;
      double value;

      if (eq == NULL)
        continue;
      *eq = '\0';
      value = g_ascii_strtod (eq + 1, NULL);
      values = g_hash_table_lookup (figures, lines[i]);
      if (values == NULL)
        {
          values = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (figures, g_strdup (lines[i]), values);
        }
      g_array_append_val (values, value);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (GHashTable *figures,
        const char *key)
{
  GArray *values = g_hash_table_lookup (figures, key);

  if (values == NULL || values->len == 0)
    return -1;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

int
main (int argc, char **argv)
{
  g_autoptr(GHashTable) app = NULL;
  g_autoptr(GHashTable) floor_ = NULL;
  double first, floor_first;

  setlocale (LC_ALL, "");
  if (argc == 2 && g_str_equal (argv[1], "--floor"))
    {
      gtk_init ();
      adw_init ();
      return run_floor ();
    }
  if (argc == 3 && g_str_equal (argv[1], "--app"))
    {
      gtk_init ();
      adw_init ();
      return run_app (argv[2]);
    }
  if (argc != 2)
    {
      g_printerr ("usage: %s FILE\n", argv[0]);
      return 2;
    }

  app = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  floor_ = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  /* a desktop session runs the accessibility bus before any app starts:
   * a first bare window starts it, and its figures are not counted */
  run_child (argv[0], "--floor", NULL, floor_);
  g_hash_table_remove_all (floor_);
  for (guint round = 0; round < ROUNDS; round++)
    {
      run_child (argv[0], "--floor", NULL, floor_);
      run_child (argv[0], "--app", argv[1], app);
    }

  first = median (app, "first_frame");
  floor_first = median (floor_, "first_frame");
  g_print ("%-44s %10.1f ms   (median of %d, the widgets made)\n",
           "window: built", median (app, "built"), ROUNDS);
  g_print ("%-44s %10.1f ms   floor %7.1f ms  ratio %5.2f  (target < 300 ms, whatever the size; floor: a bare libadwaita window)\n",
           "window: first frame", first, floor_first, first / floor_first);
  g_print ("%-44s %10.1f ms   (file read in the background)\n",
           "window: file loaded and shown", median (app, "loaded"));
  g_print ("%-44s %10.1f ms   floor %7.1f ms  (target < 50 ms while loading)\n",
           "window: longest main-loop stall", median (app, "stall"), median (floor_, "stall"));
  g_print ("%-44s %10.1f ms   (the Overview laid out and drawn)\n",
           "window: longest stall showing the file", median (app, "stall_shown"));
  g_print ("%-44s %10.1f ms   (made, filled, laid out, drawn)\n",
           "window: Structures first shown", median (app, "page_structures"));
  g_print ("%-44s %10.1f ms   (made, filled, laid out, drawn)\n",
           "window: Territories first shown", median (app, "page_territories"));
  g_print ("%-44s %10.1f MiB  (beyond GTK's own; compare with json-glib's peak)\n",
           "window: peak memory, file open", median (app, "memory"));
  g_print ("%-44s %10.1f ms   (Ctrl+S: written in a worker thread)\n",
           "window: save, until written", median (app, "save"));
  g_print ("%-44s %10.1f ms   (the window runs on meanwhile)\n",
           "window: longest main-loop stall while saving", median (app, "save_stall"));
  return 0;
}
