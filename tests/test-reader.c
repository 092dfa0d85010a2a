/* test-reader.c — every class of bad file is refused or warned about with
 * a message that names its place */
#include <string.h>

#include "mlg-document.h"
#include "mlg-problem.h"
#include "mlg-record.h"

#define HEADER "{\"format\": \"maillage\", \"version\": \"1.0\""

/* Loads @text; returns the problems; asserts the load failed or not. */
static GPtrArray *
load_text (const char *text,
           gssize      length,
           gboolean    expect_ok)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgDocument) document = NULL;
  GPtrArray *problems = NULL;

  document = mlg_document_new_from_bytes (bytes, &problems, &error);
  if (expect_ok)
    {
      g_assert_no_error (error);
      g_assert_nonnull (document);
    }
  else
    {
      g_assert_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_INVALID);
      g_assert_null (document);
      g_assert_cmpuint (problems->len, >, 0);
    }
  return problems;
}

static MlgProblem *
find_problem (GPtrArray  *problems,
              const char *fragment)
{
  for (guint i = 0; i < problems->len; i++)
    {
      MlgProblem *p = g_ptr_array_index (problems, i);
      if (strstr (mlg_problem_get_message (p), fragment))
        return p;
    }
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", mlg_problem_get_message (g_ptr_array_index (problems, i)));
  g_error ("no problem mentions “%s”", fragment);
}

static void
assert_refused (const char *text,
                const char *fragment,
                guint       line,
                guint       column)
{
  g_autoptr(GPtrArray) problems = load_text (text, -1, FALSE);
  MlgProblem *p = find_problem (problems, fragment);

  g_assert_cmpint (mlg_problem_get_severity (p), ==, MLG_SEVERITY_ERROR);
  if (line)
    {
      g_assert_cmpuint (mlg_problem_get_line (p), ==, line);
      if (column)
        g_assert_cmpuint (mlg_problem_get_column (p), ==, column);
    }
}

static void
test_empty (void)
{
  assert_refused ("", "empty", 0, 0);
  assert_refused ("  \n\t ", "empty", 0, 0);
}

static void
test_not_json (void)
{
  assert_refused ("this is a letter, not JSON\n", "not valid JSON", 1, 0);
  /* a truncated file: the parser stops at its end */
  assert_refused (HEADER ",\n \"structures\": [{\"id\": \"a\", \"name\": \"Le", "not valid JSON", 0, 0);
}

static void
test_parse_error_position (void)
{
  g_autoptr(GPtrArray) problems = load_text (HEADER ",\n\"structures\": [\n  {\"id\": \"a\",, }\n]}", -1, FALSE);
  MlgProblem *p = find_problem (problems, "not valid JSON");
  g_assert_cmpuint (mlg_problem_get_line (p), ==, 3);
}

static void
test_bad_utf8 (void)
{
  assert_refused (HEADER ",\n\"poles\": [{\"id\": \"p\", \"name\": \"P\xe9le\"}]}", "UTF-8", 2, 33);
}

static void
test_nul_byte (void)
{
  static const char text[] = HEADER ",\n\"poles\": []\0}";
  g_autoptr(GPtrArray) problems = load_text (text, sizeof text - 1, FALSE);
  MlgProblem *p = find_problem (problems, "NUL");
  g_assert_cmpuint (mlg_problem_get_line (p), ==, 2);
}

static void
test_bom (void)
{
  g_autoptr(GPtrArray) problems = load_text ("\xEF\xBB\xBF" HEADER "}", -1, TRUE);
  MlgProblem *p = find_problem (problems, "byte-order mark");
  g_assert_cmpint (mlg_problem_get_severity (p), ==, MLG_SEVERITY_WARNING);
}

static void
test_top_level_array (void)
{
  assert_refused ("[1, 2, 3]", "JSON object", 1, 1);
}

static void
test_marker (void)
{
  assert_refused ("{\"name\": \"x\"}", "not a Maillage file", 0, 0);
  assert_refused ("{\"format\": \"gramps\", \"version\": \"1.0\"}", "its format is “gramps”", 1, 12);
  assert_refused ("{\"format\": \"maillage\"}", "version", 0, 0);
  assert_refused ("{\"format\": \"maillage\", \"version\": 1}", "version", 1, 35);
}

static void
test_newer_version (void)
{
  g_autoptr(GPtrArray) notes = NULL;

  assert_refused ("{\"format\": \"maillage\", \"version\": \"2.0\"}", "newer Maillage (format 2.0)", 0, 0);
  /* a newer minor version loads, with its unknown content kept */
  notes = load_text ("{\"format\": \"maillage\", \"version\": \"1.7\", \"ecosystem\": {\"id\": \"e\", \"name\": \"E\"}}", -1, TRUE);
  find_problem (notes, "newer Maillage");
}

static void
test_wrong_types (void)
{
  /* one case per kind of declared type, with the line of the value */
  assert_refused (HEADER ",\n\"structures\": [{\"id\": \"s\",\n \"name\": 12}]}",
                  "“Name” should be text, not a number", 3, 10);
  assert_refused (HEADER ",\n\"structures\": [{\"id\": \"s\", \"name\": \"S\", \"aliases\": \"one\"}]}",
                  "“Acronym and other names” should be a list of texts, not text", 0, 0);
  assert_refused (HEADER ",\n\"structures\": [{\"id\": \"s\", \"name\": \"S\", \"poles\": [1]}]}",
                  "Item 1 of “Poles” should be text", 0, 0);
  assert_refused (HEADER ",\n\"structures\": [{\"id\": \"s\", \"name\": \"S\", \"year_created\": \"NaN\"}]}",
                  "“Year created” should be a whole number, not text", 0, 0);
  assert_refused (HEADER ",\n\"structures\": [{\"id\": \"s\", \"name\": \"S\", \"year_created\": 1989.5}]}",
                  "whole number of reasonable size", 0, 0);
  assert_refused (HEADER ",\n\"funding\": [{\"id\": \"f\", \"name\": \"F\", \"amount\": \"170 000\"}]}",
                  "“Amount” should be a number, not text", 0, 0);
  assert_refused (HEADER ",\n\"funding\": [{\"id\": \"f\", \"name\": \"F\", \"amount\": 1e400}]}",
                  "too large", 0, 0);
  assert_refused (HEADER ",\n\"structures\": [{\"id\": \"s\", \"name\": \"S\", \"figures\": [\"employees\"]}]}",
                  "Row 1 of “Key figures” should be an object", 0, 0);
  assert_refused (HEADER ",\n\"structures\": [{\"id\": \"s\", \"name\": \"S\",\n \"figures\": [{\"indicator\": \"employees\", \"year\": 2022, \"value\": \"14\"}]}]}",
                  "“Value” should be a number, not text", 3, 64);
  assert_refused (HEADER ",\n\"structures\": [{\"id\": \"s\", \"name\": \"S\", \"legal_form\": true}]}",
                  "should be text, not true or false", 0, 0);
  assert_refused (HEADER ",\n\"structures\": {\"id\": \"s\"}}",
                  "should be a list of records", 2, 15);
  assert_refused (HEADER ",\n\"structures\": [\"s\"]}",
                  "should be an object", 2, 16);
}

static void
test_error_names_record_and_field (void)
{
  g_autoptr(GPtrArray) problems =
    load_text (HEADER ",\n\"structures\": [{\"id\": \"le-96\", \"name\": \"Le 96\", \"email\": 96}]}", -1, FALSE);
  MlgProblem *p = find_problem (problems, "E-mail");
  g_autofree char *place = mlg_problem_describe_place (p);

  g_assert_cmpstr (mlg_problem_get_record_id (p), ==, "le-96");
  g_assert_cmpstr (mlg_problem_get_field (p), ==, "email");
  g_assert_nonnull (strstr (place, "line 2"));
  g_assert_nonnull (strstr (place, "“le-96”"));
  g_assert_nonnull (strstr (place, "field “E-mail”"));
}

static void
test_duplicate_ids (void)
{
  /* ids are unique across kinds, since references name them alone */
  assert_refused (HEADER ",\n\"poles\": [{\"id\": \"a\", \"name\": \"A\"}],\n\"structures\": [{\"id\": \"a\", \"name\": \"B\"}]}",
                  "The id “a” is used twice", 3, 23);
  assert_refused (HEADER ",\n\"poles\": [{\"name\": \"A\"}]}", "no “id”", 2, 11);
}

static void
test_many_errors_are_counted (void)
{
  GString *text = g_string_new (HEADER ", \"poles\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(MlgDocument) document = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (text, "%s{\"id\": \"p%u\", \"name\": %u}", i ? "," : "", i, i);
  g_string_append (text, "]}");
  bytes = g_string_free_to_bytes (text);

  document = mlg_document_new_from_bytes (bytes, &problems, &error);
  g_assert_null (document);
  g_assert_cmpuint (problems->len, <=, 50);
  g_assert_nonnull (strstr (error->message, "4999 more errors"));
}

static void
test_deep_nesting (void)
{
  gsize depth = 100000;
  char *text = g_malloc (depth * 2 + 64);
  g_autoptr(GPtrArray) problems = NULL;
  gsize n = 0;

  n += g_snprintf (text, 64, "{\"format\": \"maillage\", \"version\": \"1.0\", \"x\": ");
  memset (text + n, '[', depth);
  memset (text + n + depth, ']', depth);
  n += 2 * depth;
  text[n++] = '}';

  problems = load_text (text, n, FALSE);
  find_problem (problems, "nested too deeply");
  g_free (text);
}

static void
test_nulls_are_dropped (void)
{
  static const char text[] = HEADER ", \"poles\": [{\"id\": \"p\", \"name\": \"P\", \"description\": null}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(MlgDocument) document = mlg_document_new_from_bytes (bytes, NULL, NULL);

  g_assert_nonnull (document);
  g_assert_false (mlg_record_has_value (mlg_document_lookup (document, "p"), "description"));
}

static void
test_warnings (void)
{
  g_autoptr(GPtrArray) problems = load_text (HEADER ",\n"
    "\"territories\": [{\"id\": \"t1\", \"name\": \"A\", \"level\": \"commune\", \"parent\": \"t2\", \"code\": \"20004\"},\n"
    "                {\"id\": \"t2\", \"name\": \"B\", \"level\": \"epci\", \"parent\": \"t1\"}],\n"
    "\"structures\": [{\"id\": \"s\", \"name\": \"S\", \"siret\": \"12345678900000\", \"email\": \"s@\",\n"
    "  \"commune\": \"nowhere\", \"poles\": [\"s\"], \"legal_form\": \"guild\",\n"
    "  \"relations\": [{\"type\": \"subsidiary_of\", \"target\": \"s\"}],\n"
    "  \"figures\": [{\"indicator\": \"employees\", \"year\": 2022, \"value\": 3}, {\"indicator\": \"custom\", \"year\": 3024, \"value\": 1}]},\n"
    " {\"id\": \"e\"}],\n"
    "\"establishments\": [{\"id\": \"x\", \"name\": \"X\", \"structure\": \"s\", \"capacity\": -4}]}", -1, TRUE);

  find_problem (problems, "“Commune” refers to “nowhere”, which is not in the file");
  find_problem (problems, "“Poles” should name a record of kind Pole, but “s” is of kind Structure");
  find_problem (problems, "“guild” is not a known value");
  find_problem (problems, "SIREN or SIRET:");
  find_problem (problems, "E-mail:");
  find_problem (problems, "“Name” is required");
  find_problem (problems, "Capacity:");
  find_problem (problems, "needs a label");
  find_problem (problems, "3024");
  find_problem (problems, "Official code:");
  find_problem (problems, "the hierarchy loops");
  for (guint i = 0; i < problems->len; i++)
    g_assert_cmpint (mlg_problem_get_severity (g_ptr_array_index (problems, i)), ==, MLG_SEVERITY_WARNING);
}

static void
test_bad_files_directory (void)
{
  /* Every file under tests/files/bad-* is refused, every warn-* loads with
   * warnings: a bad file added there is tested without more code. */
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "files", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint seen = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(MlgDocument) document = NULL;

      document = mlg_document_new_from_file (file, NULL, &problems, &error);
      if (g_str_has_prefix (name, "bad-"))
        {
          g_assert_null (document);
          g_assert_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_INVALID);
          seen++;
        }
      else if (g_str_has_prefix (name, "warn-"))
        {
          g_assert_nonnull (document);
          g_assert_cmpuint (problems->len, >, 0);
          seen++;
        }
    }
  g_assert_cmpuint (seen, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader/empty", test_empty);
  g_test_add_func ("/reader/not-json", test_not_json);
  g_test_add_func ("/reader/parse-error-position", test_parse_error_position);
  g_test_add_func ("/reader/bad-utf8", test_bad_utf8);
  g_test_add_func ("/reader/nul-byte", test_nul_byte);
  g_test_add_func ("/reader/bom", test_bom);
  g_test_add_func ("/reader/top-level-array", test_top_level_array);
  g_test_add_func ("/reader/marker", test_marker);
  g_test_add_func ("/reader/newer-version", test_newer_version);
  g_test_add_func ("/reader/wrong-types", test_wrong_types);
  g_test_add_func ("/reader/error-names-record-and-field", test_error_names_record_and_field);
  g_test_add_func ("/reader/duplicate-ids", test_duplicate_ids);
  g_test_add_func ("/reader/many-errors-are-counted", test_many_errors_are_counted);
  g_test_add_func ("/reader/deep-nesting", test_deep_nesting);
  g_test_add_func ("/reader/nulls-are-dropped", test_nulls_are_dropped);
  g_test_add_func ("/reader/warnings", test_warnings);
  g_test_add_func ("/reader/bad-files-directory", test_bad_files_directory);

  return g_test_run ();
}
