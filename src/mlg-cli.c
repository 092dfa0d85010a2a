/* mlg-cli.c — the command line: what works without a display */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mlg-cli.h"
#include "mlg-document.h"
#include "mlg-json-schema.h"
#include "mlg-problem.h"
#include "mlg-record.h"
#include "mlg-schema.h"

enum {
  EXIT_CLEAN = 0,
  EXIT_WARNINGS = 1,
  EXIT_ERRORS = 2,
};

static const char * const headless_options[] = {
  "--check", "--summary", "--json-schema", NULL
};

gboolean
mlg_cli_wanted (int    argc,
                char **argv)
{
  for (int i = 1; i < argc; i++)
    for (guint j = 0; headless_options[j]; j++)
      if (g_str_has_prefix (argv[i], headless_options[j]))
        return TRUE;
  return FALSE;
}

static void
print_problems (const char *path,
                GPtrArray  *problems)
{
  for (guint i = 0; problems && i < problems->len; i++)
    {
      g_autofree char *line = mlg_problem_to_string (g_ptr_array_index (problems, i));
      g_print ("%s: %s\n", path, line);
    }
}

static MlgDocument *
load (const char  *path,
      GPtrArray  **problems)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  MlgDocument *document;

  document = mlg_document_new_from_file (file, NULL, problems, &error);
  if (document == NULL)
    {
      if (problems && *problems && (*problems)->len > 0)
        print_problems (path, *problems);
      else
        g_printerr ("%s: %s\n", path, error->message);
    }
  return document;
}

static int
run_check (const char *path)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(MlgDocument) document = load (path, &problems);
  guint n;

  if (document == NULL)
    return EXIT_ERRORS;

  print_problems (path, problems);
  n = problems->len;
  if (n == 0)
    {
      g_print (_("%s: no problems found\n"), path);
      return EXIT_CLEAN;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u warning\n", "%s: %u warnings\n", n), path, n);
  return EXIT_WARNINGS;
}

/* The latest value of each indicator among @record's figures. */
static void
print_latest_figures (MlgRecord *record)
{
  JsonArray *rows = mlg_record_get_array (record, "figures");
  const MlgField *table = mlg_kind_find_field (mlg_record_get_kind (record), "figures");
  const MlgField *indicator = mlg_field_find_column (table->columns, "indicator");
  g_autoptr(GHashTable) latest = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0, n = rows ? json_array_get_length (rows) : 0; i < n; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *key = json_object_get_string_member_with_default (row, "indicator", "");
      const char *label = json_object_get_string_member_with_default (row, "label", NULL);
      const char *name = label ? label : key;
      JsonObject *known = g_hash_table_lookup (latest, name);

      if (known == NULL)
        g_ptr_array_add (order, (gpointer) name);
      if (known == NULL ||
          json_object_get_int_member_with_default (row, "year", 0) >
          json_object_get_int_member_with_default (known, "year", 0))
        g_hash_table_insert (latest, (gpointer) name, row);
    }

  for (guint i = 0; i < order->len; i++)
    {
      JsonObject *row = g_hash_table_lookup (latest, g_ptr_array_index (order, i));
      const char *label = json_object_get_string_member_with_default (row, "label", NULL);
      const char *unit = json_object_get_string_member_with_default (row, "unit", "");
      const char *source = json_object_get_string_member_with_default (row, "source", NULL);
      JsonNode *value = json_object_get_member (row, "value");
      g_autofree char *number = NULL;

      if (value && json_node_get_value_type (value) == G_TYPE_INT64)
        number = g_strdup_printf ("%'" G_GINT64_FORMAT, json_node_get_int (value));
      else
        number = g_strdup_printf ("%'.15g", value ? json_node_get_double (value) : 0.0);

      g_print ("  %s: %s%s%s (%" G_GINT64_FORMAT "%s%s)\n",
               label ? label : mlg_field_choice_label (indicator, json_object_get_string_member_with_default (row, "indicator", "")),
               number, *unit ? " " : "", unit,
               json_object_get_int_member_with_default (row, "year", 0),
               source ? ", " : "", source ? source : "");
    }
}

static int
run_summary (const char *path)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(MlgDocument) document = load (path, &problems);
  MlgRecord *ecosystem;
  const char *territory;

  if (document == NULL)
    return EXIT_ERRORS;

  ecosystem = mlg_document_get_ecosystem (document);
  territory = mlg_record_get_string (ecosystem, "territory_label");
  g_print ("%s%s%s\n", mlg_record_get_title (ecosystem),
           territory ? " — " : "", territory ? territory : "");

  for (guint kind = MLG_KIND_ECOSYSTEM + 1; kind < MLG_N_KINDS; kind++)
    g_print ("  %s: %u\n", mlg_kind_label (mlg_kind_get (kind)), mlg_document_count (document, kind));

  if (mlg_record_has_value (ecosystem, "figures"))
    {
      g_print ("%s\n", _("Key figures (latest year):"));
      print_latest_figures (ecosystem);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u problem to look at (see --check)\n",
                        "%u problems to look at (see --check)\n", problems->len),
           problems->len);
  return problems->len ? EXIT_WARNINGS : EXIT_CLEAN;
}

int
mlg_cli_run (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  g_autofree char *summary = NULL;
  gboolean schema = FALSE;
  GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_FILENAME, &check,
      N_("Check FILE and list its errors and warnings; exits 0 when clean, 1 with warnings, 2 with errors"), N_("FILE") },
    { "summary", 0, 0, G_OPTION_ARG_FILENAME, &summary,
      N_("Print the number of records of each kind in FILE and its key figures"), N_("FILE") },
    { "json-schema", 0, 0, G_OPTION_ARG_NONE, &schema,
      N_("Print the JSON Schema of Maillage files"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Maillage keeps the ecosystem of a PTCE in one file. These commands need no display."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_ERRORS;
    }

  if (schema)
    {
      g_autofree char *text = mlg_json_schema_generate ();
      fputs (text, stdout);
      return EXIT_CLEAN;
    }
  if (check)
    return run_check (check);
  if (summary)
    return run_summary (summary);
  return EXIT_CLEAN;
}
