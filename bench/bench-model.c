/* bench-model.c — load, save and search against json-glib's own floor
 *
 *   bench-model FILE              load + validate + index, save, search
 *   bench-model --peak-json FILE  peak memory of json-glib parsing FILE
 *   bench-model --peak-app FILE   peak memory of Maillage loading FILE
 *
 * Each figure is the best of a few runs, and each ratio compares two
 * figures measured in the same run on the same bytes, so that a busy
 * machine moves both alike. Nothing here fails on a time: it prints.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-text.h"

#define RUNS 3

static double
now (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* VmHWM: the peak resident set of this process, in MiB. */
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
report (const char *what, double value, const char *unit, double floor, const char *target)
{
  if (floor > 0)
    g_print ("%-44s %10.1f %-3s  floor %10.1f %-3s  ratio %5.2f  (target %s)\n",
             what, value, unit, floor, unit, value / floor, target);
  else
    g_print ("%-44s %10.2f %-3s  (target %s)\n", what, value, unit, target);
}

static int
peak (const char *mode, const char *path)
{
  g_autofree char *data = NULL;
  gsize length;
  double before;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return 2;
  before = peak_rss_mib ();
  if (g_str_equal (mode, "--peak-json"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      json_parser_load_from_data (parser, data, length, NULL);
    }
  else
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (data, length);
      g_autoptr(MlgDocument) document = mlg_document_new_from_bytes (bytes, NULL, NULL);
      g_assert (document != NULL);
    }
  /* the peak beyond the file's bytes, which both hold alike */
  g_print ("%.1f\n", peak_rss_mib () - before);
  return 0;
}

int
main (int argc, char **argv)
{
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autoptr(JsonParser) kept_parser = NULL;
  double best_parse = G_MAXDOUBLE, best_load = G_MAXDOUBLE;
  double best_generate = G_MAXDOUBLE, best_save = G_MAXDOUBLE;
  double worst_key = 0, total_keys = 0;
  const char *query = "saint-";
  gsize length;
  guint n_keys = 0;

  setlocale (LC_ALL, "");
  if (argc == 3 && g_str_has_prefix (argv[1], "--peak-"))
    return peak (argv[1], argv[2]);
  if (argc != 2 || !g_file_get_contents (argv[1], &data, &length, NULL))
    {
      g_printerr ("usage: %s FILE\n", argv[0]);
      return 2;
    }
  bytes = g_bytes_new_static (data, length);
  g_print ("%s: %.1f MB\n", argv[1], length / 1e6);

  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      double t0 = now (), t1, t2;

      g_clear_object (&document);
      t0 = now ();
      json_parser_load_from_data (parser, data, length, NULL);
      t1 = now ();
      document = mlg_document_new_from_bytes (bytes, NULL, NULL);
      t2 = now ();
      g_assert (document != NULL);
      best_parse = MIN (best_parse, t1 - t0);
      best_load = MIN (best_load, t2 - t1);
      if (run == RUNS - 1)
        kept_parser = g_steal_pointer (&parser);
    }
  report ("load + validate + index", best_load, "ms", best_parse, "≤ 1.3× json-glib parse");

  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;
      g_autoptr(GBytes) saved = NULL;
      double t0, t1, t2;

      json_generator_set_root (generator, json_parser_get_root (kept_parser));
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      t0 = now ();
      text = json_generator_to_data (generator, NULL);
      t1 = now ();
      saved = mlg_document_to_bytes (document);
      t2 = now ();
      best_generate = MIN (best_generate, t1 - t0);
      best_save = MIN (best_save, t2 - t1);
    }
  report ("save (to bytes)", best_save, "ms", best_generate, "≤ 1.5× json-glib generate");

  /* Typing "saint-" in the Structures search, one keystroke at a time, as
   * the window's list does it: each record's search text is built while
   * the file loads (timed apart here); the first keystroke looks at every
   * structure, each next one, which holds the one before, only at those
   * still shown (GtkFilterListModel told the filter is stricter). Records
   * are taken from the document's list model, as the window's list does. */
  {
    GListModel *structures = mlg_document_get_records (document, MLG_KIND_STRUCTURE);
    guint n = g_list_model_get_n_items (structures);
    g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint));
    double t0 = now (), first = 0;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(MlgRecord) record = g_list_model_get_item (structures, i);
        mlg_document_get_search_text (document, record);
        g_array_append_val (shown, i);
      }
    report ("search texts built", now () - t0, "ms", 0, "none: built while the file loads");

    for (gsize len = 1; len <= strlen (query); len++)
      {
        g_autofree char *typed = g_strndup (query, len);
        g_autofree char *folded = mlg_text_fold (typed);
        guint kept = 0;
        double elapsed;

        t0 = now ();
        for (guint i = 0; i < shown->len; i++)
          {
            guint position = g_array_index (shown, guint, i);
            g_autoptr(MlgRecord) record = g_list_model_get_item (structures, position);

            if (mlg_document_record_matches (document, record, folded))
              g_array_index (shown, guint, kept++) = position;
          }
        g_array_set_size (shown, kept);
        elapsed = now () - t0;
        if (len == 1)
          first = elapsed;
        worst_key = MAX (worst_key, elapsed);
        total_keys += elapsed;
        n_keys++;
      }
    report ("search, first keystroke (every structure)", first, "ms", 0, "< 16 ms");
    report ("search, slowest keystroke", worst_key, "ms", 0, "< 16 ms");
    report ("search, mean keystroke", total_keys / n_keys, "ms", 0, "< 16 ms");
  }
  return 0;
}
