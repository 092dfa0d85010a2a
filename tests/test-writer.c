/* test-writer.c — the same content always gives the same bytes */
#include <string.h>

#include "mlg-document.h"
#include "mlg-record.h"

static MlgDocument *
load_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  MlgDocument *document = mlg_document_new_from_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static char *
save_text (MlgDocument *document)
{
  g_autoptr(GBytes) bytes = mlg_document_to_bytes (document);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_example_round_trip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "dombinnov.maillage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgDocument) document = mlg_document_new_from_file (file, NULL, NULL, &error);
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) original = NULL;

  g_assert_no_error (error);
  original = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  written = mlg_document_to_bytes (document);

  /* Byte for byte: loading the example and saving it unchanged. */
  if (!g_bytes_equal (original, written))
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (written, NULL), g_bytes_get_size (written));
      g_file_set_contents ("example-rewritten.maillage", text, -1, NULL);
      g_error ("the example does not round-trip: see example-rewritten.maillage");
    }
}

static void
test_deterministic_order (void)
{
  /* The same content in another order, with other spacing. */
  g_autoptr(MlgDocument) a = load_text (
    "{\"version\": \"1.0\", \"format\": \"maillage\", \"poles\": ["
    "{\"name\": \"Petite enfance\", \"id\": \"b\", \"zeta\": 1, \"alpha\": [1, 2]},"
    "{\"id\": \"a\", \"name\": \"Culture\"}]}");
  g_autoptr(MlgDocument) b = load_text (
    "{\"format\":\"maillage\",\"version\":\"1.0\",\"poles\":[{\"id\":\"a\",\"name\":\"Culture\"},"
    "{\"alpha\":[1,2],\"zeta\":1,\"id\":\"b\",\"name\":\"Petite enfance\"}]}");
  g_autofree char *text_a = save_text (a);
  g_autofree char *text_b = save_text (b);

  g_assert_cmpstr (text_a, ==, text_b);
  g_assert_cmpstr (text_a, ==,
    "{\n"
    "  \"format\": \"maillage\",\n"
    "  \"version\": \"1.0\",\n"
    "  \"ecosystem\": {\n"
    "    \"id\": \"ecosystem\"\n"
    "  },\n"
    "  \"poles\": [\n"
    "    {\n"
    "      \"id\": \"a\",\n"
    "      \"name\": \"Culture\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"b\",\n"
    "      \"name\": \"Petite enfance\",\n"
    "      \"alpha\": [1, 2],\n"
    "      \"zeta\": 1\n"
    "    }\n"
    "  ]\n"
    "}\n");
}

static void
test_unknown_fields_kept (void)
{
  g_autoptr(MlgDocument) document = load_text (
    "{\"format\": \"maillage\", \"version\": \"1.3\", \"future_kind\": [{\"id\": \"z\"}],"
    " \"structures\": [{\"id\": \"s\", \"name\": \"S\", \"hologram\": {\"b\": true, \"a\": null},"
    " \"figures\": [{\"indicator\": \"employees\", \"year\": 2022, \"value\": 4, \"confidence\": \"high\"}]}]}");
  g_autofree char *text = save_text (document);
  g_autoptr(MlgDocument) again = load_text (text);
  g_autofree char *text_again = save_text (again);

  g_assert_nonnull (strstr (text, "\"future_kind\": [\n    {\"id\": \"z\"}\n  ]"));
  g_assert_nonnull (strstr (text, "\"hologram\": {\"a\": null, \"b\": true}"));
  g_assert_nonnull (strstr (text, "{\"indicator\": \"employees\", \"year\": 2022, \"value\": 4, \"confidence\": \"high\"}"));
  g_assert_cmpstr (text, ==, text_again);
}

static void
test_strings_and_numbers (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  MlgRecord *pole = mlg_document_add_record (document, MLG_KIND_POLE, "Quote \" slash \\ tab \t newline \n bell \a « É »");
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  g_autofree char *text = NULL;
  g_autoptr(MlgDocument) again = NULL;
  MlgRecord *pole_again;

  json_node_set_double (value, 0.1);
  mlg_document_set_value (document, pole, "figures", NULL);
  {
    JsonArray *rows = json_array_new ();
    JsonObject *row = json_object_new ();
    JsonNode *node = json_node_new (JSON_NODE_ARRAY);

    json_object_set_string_member (row, "indicator", "turnover");
    json_object_set_int_member (row, "year", 2012);
    json_object_set_double_member (row, "value", 6.5);
    json_array_add_object_element (rows, row);
    row = json_object_new ();
    json_object_set_string_member (row, "indicator", "fte");
    json_object_set_int_member (row, "year", 2013);
    json_object_set_double_member (row, "value", 0.1);
    json_array_add_object_element (rows, row);
    json_node_take_array (node, rows);
    mlg_document_set_value (document, pole, "figures", node);
  }

  text = save_text (document);
  g_assert_nonnull (strstr (text, "\"name\": \"Quote \\\" slash \\\\ tab \\t newline \\n bell \\u0007 « É »\""));
  g_assert_nonnull (strstr (text, "\"value\": 6.5}"));
  g_assert_nonnull (strstr (text, "\"value\": 0.1}"));

  again = load_text (text);
  pole_again = g_list_model_get_item (mlg_document_get_records (again, MLG_KIND_POLE), 0);
  g_assert_cmpstr (mlg_record_get_title (pole_again), ==, mlg_record_get_title (pole));
  g_object_unref (pole_again);
}

static void
test_empty_values_not_stored (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  MlgRecord *structure = mlg_document_add_record (document, MLG_KIND_STRUCTURE, "Le 96");
  g_autofree char *text = NULL;

  mlg_document_set_string (document, structure, "email", "");
  mlg_document_set_value (document, structure, "aliases", json_node_init_array (json_node_alloc (), json_array_new ()));
  mlg_document_set_value (document, structure, "description", json_node_new (JSON_NODE_NULL));
  text = save_text (document);
  g_assert_null (strstr (text, "email"));
  g_assert_null (strstr (text, "aliases"));
  g_assert_null (strstr (text, "description"));
  g_assert_nonnull (strstr (text, "\"id\": \"le-96\",\n      \"name\": \"Le 96\"\n"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/writer/example-round-trip", test_example_round_trip);
  g_test_add_func ("/writer/deterministic-order", test_deterministic_order);
  g_test_add_func ("/writer/unknown-fields-kept", test_unknown_fields_kept);
  g_test_add_func ("/writer/strings-and-numbers", test_strings_and_numbers);
  g_test_add_func ("/writer/empty-values-not-stored", test_empty_values_not_stored);

  return g_test_run ();
}
