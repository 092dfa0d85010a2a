/* test-document.c — changes, undo and redo, ids, links and live problems */
#include <string.h>

#include <glib/gstdio.h>

#include "mlg-document.h"
#include "mlg-problem.h"
#include "mlg-record.h"

static guint
count_problems_about (MlgDocument *document,
                      const char  *record_id,
                      const char  *field)
{
  GListModel *problems = mlg_document_get_problems (document);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MlgProblem) p = g_list_model_get_item (problems, i);
      if (g_strcmp0 (mlg_problem_get_record_id (p), record_id) == 0 &&
          g_strcmp0 (mlg_problem_get_field (p), field) == 0)
        count++;
    }
  return count;
}

static void
on_record_changed (MlgDocument *document,
                   MlgRecord   *record,
                   const char  *key,
                   GString     *log)
{
  g_string_append_printf (log, "%s.%s;", mlg_record_get_id (record), key);
}

static void
test_new_document (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();

  g_assert_nonnull (mlg_document_get_ecosystem (document));
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_ECOSYSTEM), ==, 1);
  for (guint kind = MLG_KIND_POLE; kind < MLG_N_KINDS; kind++)
    g_assert_cmpuint (mlg_document_count (document, kind), ==, 0);
  g_assert_false (mlg_document_get_dirty (document));
  g_assert_false (mlg_document_can_undo (document));
}

static void
test_edit_undo_redo (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  MlgRecord *structure;

  g_signal_connect (document, "record-changed", G_CALLBACK (on_record_changed), log);

  structure = mlg_document_add_record (document, MLG_KIND_STRUCTURE, "Le 96");
  g_assert_true (mlg_document_get_dirty (document));
  g_assert_cmpstr (mlg_record_get_id (structure), ==, "le-96");
  g_assert_true (mlg_document_lookup (document, "le-96") == structure);

  mlg_document_set_string (document, structure, "legal_form", "scic");
  mlg_document_set_int (document, structure, "year_created", 2019);
  g_assert_cmpstr (log->str, ==, "le-96.legal_form;le-96.year_created;");
  /* setting the same value again is no change */
  mlg_document_set_int (document, structure, "year_created", 2019);
  g_assert_cmpstr (mlg_document_get_undo_label (document), !=, NULL);

  mlg_document_undo (document);
  g_assert_false (mlg_record_has_value (structure, "year_created"));
  g_assert_cmpstr (mlg_record_get_string (structure, "legal_form"), ==, "scic");
  g_assert_true (mlg_document_can_redo (document));

  mlg_document_redo (document);
  g_assert_cmpint (mlg_record_get_int (structure, "year_created", 0), ==, 2019);

  /* undo back to the start: the document is clean again */
  mlg_document_undo (document);
  mlg_document_undo (document);
  mlg_document_undo (document);
  g_assert_false (mlg_document_can_undo (document));
  g_assert_false (mlg_document_get_dirty (document));
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_STRUCTURE), ==, 0);
  g_assert_null (mlg_document_lookup (document, "le-96"));

  /* a new change after undo drops the redo history */
  mlg_document_redo (document);
  mlg_document_add_record (document, MLG_KIND_POLE, "Culture");
  g_assert_false (mlg_document_can_redo (document));
}

static void
test_groups (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  MlgRecord *pole;

  mlg_document_begin_group (document, "Import");
  pole = mlg_document_add_record (document, MLG_KIND_POLE, "Culture");
  mlg_document_set_string (document, pole, "description", "Danse, théâtre, ludothèque");
  mlg_document_begin_group (document, "nested");
  mlg_document_add_record (document, MLG_KIND_POLE, "Insertion");
  mlg_document_end_group (document);
  mlg_document_end_group (document);

  g_assert_cmpstr (mlg_document_get_undo_label (document), ==, "Import");
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_POLE), ==, 2);
  mlg_document_undo (document);
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_POLE), ==, 0);
  g_assert_false (mlg_document_can_undo (document));
  mlg_document_redo (document);
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_POLE), ==, 2);
  g_assert_cmpstr (mlg_record_get_string (mlg_document_lookup (document, "culture"), "description"), ==,
                   "Danse, théâtre, ludothèque");
}

static void
test_remove_and_undo_keeps_position (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  GListModel *poles = mlg_document_get_records (document, MLG_KIND_POLE);
  g_autoptr(MlgRecord) middle = NULL;

  mlg_document_add_record (document, MLG_KIND_POLE, "A");
  mlg_document_add_record (document, MLG_KIND_POLE, "B");
  mlg_document_add_record (document, MLG_KIND_POLE, "C");
  middle = g_list_model_get_item (poles, 1);

  mlg_document_remove_record (document, middle);
  g_assert_cmpuint (g_list_model_get_n_items (poles), ==, 2);
  g_assert_null (mlg_document_lookup (document, "b"));

  mlg_document_undo (document);
  g_assert_cmpuint (g_list_model_get_n_items (poles), ==, 3);
  {
    g_autoptr(MlgRecord) back = g_list_model_get_item (poles, 1);
    g_assert_true (back == middle);
  }
  g_assert_true (mlg_document_lookup (document, "b") == middle);
}

static void
test_ids (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  MlgRecord *a = mlg_document_add_record (document, MLG_KIND_STRUCTURE, "Élan Création");
  MlgRecord *b = mlg_document_add_record (document, MLG_KIND_PROJECT, "Élan Création");
  MlgRecord *c = mlg_document_add_record (document, MLG_KIND_POLE, NULL);
  MlgRecord *copy = mlg_document_duplicate_record (document, a);

  g_assert_cmpstr (mlg_record_get_id (a), ==, "elan-creation");
  g_assert_cmpstr (mlg_record_get_id (b), ==, "elan-creation-2");
  g_assert_cmpstr (mlg_record_get_id (c), ==, "pole");
  g_assert_cmpstr (mlg_record_get_id (copy), ==, "elan-creation-copy");
  g_assert_cmpstr (mlg_record_get_title (copy), ==, "Élan Création (copy)");
}

static void
test_referrers (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  MlgRecord *val = mlg_document_add_record (document, MLG_KIND_STRUCTURE, "Val Horizon");
  MlgRecord *elan = mlg_document_add_record (document, MLG_KIND_STRUCTURE, "Élan Création");
  MlgRecord *site = mlg_document_add_record (document, MLG_KIND_ESTABLISHMENT, "Bureau de Miribel");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) referrers = NULL;

  mlg_document_set_string (document, site, "structure", "elan-creation");
  json_parser_load_from_data (parser, "[{\"type\": \"carried_by\", \"target\": \"val-horizon\"}]", -1, NULL);
  mlg_document_set_value (document, elan, "relations", json_node_copy (json_parser_get_root (parser)));

  referrers = mlg_document_find_referrers (document, elan, MLG_N_KINDS);
  g_assert_cmpuint (referrers->len, ==, 1);
  g_assert_true (g_ptr_array_index (referrers, 0) == site);
  g_clear_pointer (&referrers, g_ptr_array_unref);

  referrers = mlg_document_find_referrers (document, val, MLG_KIND_STRUCTURE);
  g_assert_cmpuint (referrers->len, ==, 1);
  g_assert_true (g_ptr_array_index (referrers, 0) == elan);
}

static void
test_live_problems (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  MlgRecord *structure = mlg_document_add_record (document, MLG_KIND_STRUCTURE, "Tremplin");
  MlgRecord *site = mlg_document_add_record (document, MLG_KIND_ESTABLISHMENT, "Atelier");

  mlg_document_set_string (document, structure, "email", "contact@");
  g_assert_cmpuint (count_problems_about (document, "tremplin", "email"), ==, 1);
  mlg_document_set_string (document, structure, "email", "contact@tremplin.fr");
  g_assert_cmpuint (count_problems_about (document, "tremplin", "email"), ==, 0);

  /* a reference left dangling by a deletion shows, and goes with undo */
  mlg_document_set_string (document, site, "structure", "tremplin");
  g_assert_cmpuint (count_problems_about (document, "atelier", "structure"), ==, 0);
  mlg_document_remove_record (document, structure);
  g_assert_cmpuint (count_problems_about (document, "atelier", "structure"), ==, 1);
  mlg_document_undo (document);
  g_assert_cmpuint (count_problems_about (document, "atelier", "structure"), ==, 0);
}

static void
test_editing_one_field_keeps_other_problems (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  MlgRecord *structure = mlg_document_add_record (document, MLG_KIND_STRUCTURE, "Serv'domicile");
  g_autoptr(JsonParser) parser = json_parser_new ();

  /* its own subsidiary: a cycle, found by the whole-document check */
  json_parser_load_from_data (parser, "[{\"type\": \"subsidiary_of\", \"target\": \"serv-domicile\"}]", -1, NULL);
  mlg_document_set_value (document, structure, "relations", json_node_copy (json_parser_get_root (parser)));
  mlg_document_set_string (document, structure, "phone", "12");
  g_assert_cmpuint (count_problems_about (document, "serv-domicile", "relations"), ==, 1);
  g_assert_cmpuint (count_problems_about (document, "serv-domicile", "phone"), ==, 1);

  mlg_document_set_string (document, structure, "email", "x@");
  mlg_document_set_string (document, structure, "phone", "04 74 08 71 17");
  g_assert_cmpuint (count_problems_about (document, "serv-domicile", "relations"), ==, 1);
  g_assert_cmpuint (count_problems_about (document, "serv-domicile", "phone"), ==, 0);
  g_assert_cmpuint (count_problems_about (document, "serv-domicile", "email"), ==, 1);
}

static void
test_two_sources_for_one_figure (void)
{
  /* The reference documents disagree: both values stay, with their source. */
  g_autoptr(MlgDocument) document = mlg_document_new ();
  MlgRecord *val = mlg_document_add_record (document, MLG_KIND_STRUCTURE, "Val Horizon");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;

  json_parser_load_from_data (parser,
    "[{\"indicator\": \"economic_scope\", \"year\": 2017, \"value\": 5000000, \"unit\": \"€\", \"source\": \"Cap Rural\"},"
    " {\"indicator\": \"economic_scope\", \"year\": 2017, \"value\": 4000000, \"unit\": \"€\", \"source\": \"Profil du pôle\"}]", -1, NULL);
  mlg_document_set_value (document, val, "figures", json_node_copy (json_parser_get_root (parser)));
  rows = mlg_record_get_array (val, "figures");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpuint (count_problems_about (document, "val-horizon", "figures"), ==, 0);
}

static void
set_text_merged (MlgDocument *document,
                 MlgRecord   *record,
                 const char  *key,
                 const char  *text,
                 guint        merge_key)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  mlg_document_set_value_merged (document, record, key, node, merge_key);
}

/* Typing a word in pauses is one undo step; anything in between, or a new
 * key, starts another. */
static void
test_typing_merges (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  MlgRecord *ecosystem = mlg_document_get_ecosystem (document);
  MlgRecord *pole;
  guint key = mlg_document_new_merge_key (document);
  guint other_key = mlg_document_new_merge_key (document);

  g_assert_cmpuint (key, !=, 0);
  g_assert_cmpuint (key, !=, other_key);

  /* three chunks, one step: undo restores the value as it was */
  set_text_merged (document, ecosystem, "phone", "04", key);
  set_text_merged (document, ecosystem, "phone", "04 74", key);
  set_text_merged (document, ecosystem, "phone", "04 74 00", key);
  g_assert_true (mlg_document_get_dirty (document));
  mlg_document_undo (document);
  g_assert_false (mlg_record_has_value (ecosystem, "phone"));
  g_assert_false (mlg_document_can_undo (document));
  g_assert_false (mlg_document_get_dirty (document));
  mlg_document_redo (document);
  g_assert_cmpstr (mlg_record_get_string (ecosystem, "phone"), ==, "04 74 00");

  /* after an undo or redo, the same key starts a new step */
  set_text_merged (document, ecosystem, "phone", "04 74 00 11", key);
  mlg_document_undo (document);
  g_assert_cmpstr (mlg_record_get_string (ecosystem, "phone"), ==, "04 74 00");

  /* another change in between: a new step */
  pole = mlg_document_add_record (document, MLG_KIND_POLE, "Culture");
  set_text_merged (document, pole, "description", "Danse", key);
  mlg_document_set_string (document, ecosystem, "email", "contact@example.org");
  set_text_merged (document, pole, "description", "Danse, théâtre", key);
  mlg_document_undo (document);
  g_assert_cmpstr (mlg_record_get_string (pole, "description"), ==, "Danse");
  mlg_document_undo (document);
  g_assert_false (mlg_record_has_value (ecosystem, "email"));

  /* another field, or another key: a new step */
  set_text_merged (document, pole, "description", "Danse", key);
  set_text_merged (document, ecosystem, "name", "Domb'Innov", key);
  mlg_document_undo (document);
  g_assert_cmpstr (mlg_record_get_string (pole, "description"), ==, "Danse");
  set_text_merged (document, pole, "description", "Danse et cirque", other_key);
  mlg_document_undo (document);
  g_assert_cmpstr (mlg_record_get_string (pole, "description"), ==, "Danse");

  /* changes in a group are never merged into */
  mlg_document_begin_group (document, "Import");
  set_text_merged (document, pole, "description", "Cirque", key);
  set_text_merged (document, pole, "description", "Cirque et danse", key);
  mlg_document_end_group (document);
  mlg_document_undo (document);
  g_assert_cmpstr (mlg_record_get_string (pole, "description"), ==, "Danse");
}

/* Typed and erased again: the step is gone, and so is the dirty mark; a
 * save in the middle of a word leaves the document dirty as it goes on. */
static void
test_typing_back_and_save (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  MlgRecord *ecosystem = mlg_document_get_ecosystem (document);
  guint key = mlg_document_new_merge_key (document);
  g_autofree char *dir = g_dir_make_tmp ("maillage-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "typing.maillage", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  set_text_merged (document, ecosystem, "phone", "04", key);
  mlg_document_set_value_merged (document, ecosystem, "phone", NULL, key);
  g_assert_false (mlg_document_can_undo (document));
  g_assert_false (mlg_document_get_dirty (document));

  set_text_merged (document, ecosystem, "phone", "04", key);
  g_assert_true (mlg_document_save (document, file, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (mlg_document_get_dirty (document));
  set_text_merged (document, ecosystem, "phone", "04 74", key);
  g_assert_true (mlg_document_get_dirty (document));
  mlg_document_undo (document);
  g_assert_false (mlg_record_has_value (ecosystem, "phone"));
  g_assert_true (mlg_document_get_dirty (document));

  g_remove (path);
  g_remove (backup);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/new", test_new_document);
  g_test_add_func ("/document/edit-undo-redo", test_edit_undo_redo);
  g_test_add_func ("/document/groups", test_groups);
  g_test_add_func ("/document/remove-and-undo-keeps-position", test_remove_and_undo_keeps_position);
  g_test_add_func ("/document/ids", test_ids);
  g_test_add_func ("/document/referrers", test_referrers);
  g_test_add_func ("/document/live-problems", test_live_problems);
  g_test_add_func ("/document/editing-one-field-keeps-other-problems", test_editing_one_field_keeps_other_problems);
  g_test_add_func ("/document/two-sources-for-one-figure", test_two_sources_for_one_figure);
  g_test_add_func ("/document/typing-merges", test_typing_merges);
  g_test_add_func ("/document/typing-back-and-save", test_typing_back_and_save);

  return g_test_run ();
}
