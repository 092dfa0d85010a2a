/* mlg-cli.c — the command line: what works without a display */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mlg-cli.h"
#include "mlg-coverage.h"
#include "mlg-document.h"
#include "mlg-json-schema.h"
#include "mlg-pdf.h"
#include "mlg-problem.h"
#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-sheets.h"

enum {
  EXIT_CLEAN = 0,
  EXIT_WARNINGS = 1,
  EXIT_ERRORS = 2,
};

static const char * const headless_options[] = {
  "--check", "--summary", "--json-schema", "--coverage", "--export-pdf",
  "--sheet", "--pole", "--territory", "--circle", NULL
};

gboolean
mlg_cli_wanted (int    argc,
                char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      /* the help lists these commands, and needs no display either */
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h") ||
          g_str_equal (argv[i], "-?"))
        return TRUE;
      for (guint j = 0; headless_options[j]; j++)
        if (g_str_has_prefix (argv[i], headless_options[j]))
          return TRUE;
    }
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

/* The coverage matrix as CSV on standard output; see mlg-coverage.h. */
static int
run_coverage (const char *level,
              const char *indicator,
              const char *by,
              gboolean    every_commune,
              int         argc,
              char      **argv)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autoptr(MlgCoverage) coverage = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;
  MlgTerritoryReference *reference = NULL;
  MlgCoverageRows rows = MLG_COVERAGE_BY_POLE;

  if (argc != 2)
    {
      g_printerr (_("Give one file: maillage --coverage LEVEL FILE\n"));
      return EXIT_ERRORS;
    }
  if (by && g_str_equal (by, "type"))
    rows = MLG_COVERAGE_BY_TYPE;
  else if (by && !g_str_equal (by, "pole"))
    {
      g_printerr (_("--by takes “pole” or “type”, not “%s”\n"), by);
      return EXIT_ERRORS;
    }
  if (every_commune)
    {
      reference = mlg_territory_reference_get_default ();
      if (!mlg_territory_reference_load (reference, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_ERRORS;
        }
    }

  document = load (argv[1], &problems);
  if (document == NULL)
    return EXIT_ERRORS;
  coverage = mlg_coverage_new (document, level, rows, indicator, reference, &error);
  if (coverage == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_ERRORS;
    }
  csv = mlg_coverage_to_csv (coverage);
  fwrite (g_bytes_get_data (csv, NULL), 1, g_bytes_get_size (csv), stdout);
  return fflush (stdout) == 0 ? EXIT_CLEAN : EXIT_ERRORS;
}

/* A fact sheet as a PDF file, with no display; see mlg-sheets.h. */
static int
run_export_pdf (const char           *output,
                const char           *spec,
                const MlgSheetFilter *filter,
                int                   argc,
                char                **argv)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autoptr(MlgSheet) sheet = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  guint pages;

  if (argc != 2)
    {
      g_printerr (_("Give one file: maillage --export-pdf OUT.pdf [--sheet SHEET] FILE\n"));
      return EXIT_ERRORS;
    }
  document = load (argv[1], &problems);
  if (document == NULL)
    return EXIT_ERRORS;
  sheet = mlg_sheet_new_for_spec (document, spec, filter, &error);
  if (sheet == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return EXIT_ERRORS;
    }
  file = g_file_new_for_commandline_arg (output);
  pages = mlg_pdf_export (sheet, file, NULL, &error);
  if (pages == 0)
    {
      g_printerr ("%s: %s\n", output, error->message);
      return EXIT_ERRORS;
    }
  where = g_file_get_parse_name (file);
  /* Translators: “Directory — Domb'Innov”: 52 pages written to /home/…/annuaire.pdf */
  g_print (g_dngettext (GETTEXT_PACKAGE, "“%s”: %u page written to %s\n", "“%s”: %u pages written to %s\n", pages),
           mlg_sheet_get_title (sheet), pages, where);
  return EXIT_CLEAN;
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
  g_autofree char *coverage = NULL;
  g_autofree char *indicator = NULL;
  g_autofree char *by = NULL;
  gboolean every_commune = FALSE;
  g_autofree char *export_pdf = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *pole = NULL;
  g_autofree char *territory = NULL;
  g_autofree char *circle = NULL;
  GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_FILENAME, &check,
      N_("Check FILE and list its errors and warnings; exits 0 when clean, 1 with warnings, 2 with errors"), N_("FILE") },
    { "summary", 0, 0, G_OPTION_ARG_FILENAME, &summary,
      N_("Print the number of records of each kind in FILE and its key figures"), N_("FILE") },
    { "json-schema", 0, 0, G_OPTION_ARG_NONE, &schema,
      N_("Print the JSON Schema of Maillage files"), NULL },
    { "coverage", 0, 0, G_OPTION_ARG_STRING, &coverage,
      N_("Print as CSV the coverage matrix of FILE: what each pole has in each territory of LEVEL (commune, epci, departement…)"), N_("LEVEL") },
    { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator,
      N_("With --coverage, also sum this key figure (places, employees…) and give it per 1,000 inhabitants"), N_("KEY") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      N_("With --coverage, one column per pole (pole, the default) or per type of establishment (type)"), N_("pole|type") },
    { "every-commune", 0, 0, G_OPTION_ARG_NONE, &every_commune,
      N_("With --coverage commune, also list the communes of the file's intercommunalities that it does not hold"), NULL },
    { "export-pdf", 0, 0, G_OPTION_ARG_FILENAME, &export_pdf,
      N_("Write a fact sheet of FILE as the PDF OUT.pdf (A4): the annuaire of all structures unless --sheet says otherwise"), N_("OUT.pdf") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_("With --export-pdf, the sheet: structure:ID, ptce, territory:ID or annuaire (the default)"), N_("SHEET") },
    { "pole", 0, 0, G_OPTION_ARG_STRING, &pole,
      N_("With --export-pdf, only the structures of this pole in the annuaire"), N_("ID") },
    { "territory", 0, 0, G_OPTION_ARG_STRING, &territory,
      N_("With --export-pdf, only the structures based or with an establishment in this territory in the annuaire"), N_("ID") },
    { "circle", 0, 0, G_OPTION_ARG_STRING, &circle,
      N_("With --export-pdf, only the structures of this circle of the PTCE (member, partner…) in the annuaire"), N_("KEY") },
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
  if (coverage)
    return run_coverage (coverage, indicator, by, every_commune, argc, argv);
  if (export_pdf)
    {
      MlgSheetFilter filter = { pole, territory, circle };
      return run_export_pdf (export_pdf, sheet, &filter, argc, argv);
    }
  if (sheet || pole || territory || circle)
    {
      g_printerr (_("--sheet, --pole, --territory and --circle go with --export-pdf\n"));
      return EXIT_ERRORS;
    }
  return EXIT_CLEAN;
}
