/* test-schema.c — the declaration is sound, and the JSON Schema in data/
 * is the one it generates */
#include <string.h>

#include "mlg-json-schema.h"
#include "mlg-schema.h"

static void
check_fields (const MlgField *fields,
              gboolean        in_table)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (const MlgField *f = fields; f->key; f++)
    {
      g_assert_false (g_hash_table_contains (keys, f->key));
      g_hash_table_add (keys, (gpointer) f->key);
      g_assert_cmpstr (f->key, !=, "id");
      g_assert_nonnull (f->label);
      g_assert_cmpuint (strlen (f->label), >, 0);

      switch (f->type)
        {
        case MLG_FIELD_ENUM:
        case MLG_FIELD_ENUM_LIST:
          {
            g_autoptr(GHashTable) choices = g_hash_table_new (g_str_hash, g_str_equal);
            g_assert_nonnull (f->choices);
            for (const MlgChoice *c = f->choices; c->key; c++)
              {
                g_assert_false (g_hash_table_contains (choices, c->key));
                g_hash_table_add (choices, (gpointer) c->key);
                g_assert_nonnull (c->label);
              }
            g_assert_cmpuint (g_hash_table_size (choices), >, 1);
          }
          break;
        case MLG_FIELD_REF:
        case MLG_FIELD_REF_LIST:
          g_assert_cmpint (f->target, >, MLG_KIND_ECOSYSTEM);
          g_assert_cmpint (f->target, <, MLG_N_KINDS);
          break;
        case MLG_FIELD_TABLE:
          g_assert_false (in_table);
          g_assert_nonnull (f->columns);
          check_fields (f->columns, TRUE);
          break;
        default:
          g_assert_null (f->choices);
          g_assert_null (f->columns);
        }
    }
}

static void
test_declaration (void)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < MLG_N_KINDS; i++)
    {
      const MlgKind *kind = mlg_kind_get (i);
      guint titles = 0;

      g_assert_cmpint (kind->id, ==, i);
      g_assert_true (mlg_kind_lookup (kind->key) == kind);
      g_assert_false (g_hash_table_contains (keys, kind->key));
      g_hash_table_add (keys, (gpointer) kind->key);
      g_assert_cmpstr (kind->key, !=, "format");
      g_assert_cmpstr (kind->key, !=, "version");

      for (const MlgField *f = kind->fields; f->key; f++)
        if (f->flags & MLG_FIELD_FLAG_TITLE)
          titles++;
      g_assert_cmpuint (titles, ==, 1);
      g_assert_cmpuint (kind->n_fields, >, 1);
      g_assert_null (kind->fields[kind->n_fields].key);
      check_fields (kind->fields, FALSE);
    }
}

static void
test_what_the_issue_asks (void)
{
  /* A sample of the attributes the reference documents give values for. */
  static const struct { MlgKindId kind; const char *key; MlgFieldType type; } wanted[] = {
    { MLG_KIND_ECOSYSTEM, "milestones", MLG_FIELD_TABLE },
    { MLG_KIND_ECOSYSTEM, "lessons", MLG_FIELD_LONG_TEXT },
    { MLG_KIND_ECOSYSTEM, "contact_person", MLG_FIELD_REF },
    { MLG_KIND_STRUCTURE, "circle", MLG_FIELD_ENUM },
    { MLG_KIND_STRUCTURE, "statuses", MLG_FIELD_ENUM_LIST },
    { MLG_KIND_STRUCTURE, "siret", MLG_FIELD_SIRET },
    { MLG_KIND_STRUCTURE, "rna", MLG_FIELD_RNA },
    { MLG_KIND_STRUCTURE, "relations", MLG_FIELD_TABLE },
    { MLG_KIND_STRUCTURE, "status_changes", MLG_FIELD_TABLE },
    { MLG_KIND_ESTABLISHMENT, "capacity", MLG_FIELD_INTEGER },
    { MLG_KIND_TERRITORY, "population_year", MLG_FIELD_YEAR },
    { MLG_KIND_PROJECT, "stage", MLG_FIELD_ENUM },
    { MLG_KIND_EVENT, "attendance", MLG_FIELD_INTEGER },
    { MLG_KIND_FUNDING, "amount", MLG_FIELD_MONEY },
    { MLG_KIND_SERVICE, "beneficiaries", MLG_FIELD_REF_LIST },
  };

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      const MlgField *f = mlg_kind_find_field (mlg_kind_get (wanted[i].kind), wanted[i].key);
      g_assert_nonnull (f);
      g_assert_cmpint (f->type, ==, wanted[i].type);
    }

  g_assert_cmpstr (mlg_field_choice_label (mlg_kind_find_field (mlg_kind_get (MLG_KIND_PROJECT), "stage"), "abandoned"), ==, "Abandoned");
  /* a value this version does not know shows as it is */
  g_assert_cmpstr (mlg_field_choice_label (mlg_kind_find_field (mlg_kind_get (MLG_KIND_PROJECT), "stage"), "hibernating"), ==, "hibernating");
}

static void
test_json_schema_file_is_current (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "maillage.schema.json", NULL);
  g_autofree char *generated = mlg_json_schema_generate ();
  g_autofree char *shipped = NULL;

  g_assert_true (g_file_get_contents (path, &shipped, NULL, NULL));
  if (g_strcmp0 (generated, shipped) != 0)
    g_error ("data/maillage.schema.json is out of date: regenerate it with "
             "`maillage --json-schema > data/maillage.schema.json`");
}

static void
test_format_documented (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "file-format.md", NULL);
  g_autofree char *doc = NULL;

  g_assert_true (g_file_get_contents (path, &doc, NULL, NULL));
  for (guint i = 0; i < MLG_N_KINDS; i++)
    {
      const MlgKind *kind = mlg_kind_get (i);
      g_autofree char *heading = g_strdup_printf ("## `%s`", kind->key);

      g_assert_nonnull (strstr (doc, heading));
      for (const MlgField *f = kind->fields; f->key; f++)
        {
          g_autofree char *row = g_strdup_printf ("| `%s` | %s |", f->key, f->label);
          if (strstr (doc, row) == NULL)
            g_error ("docs/file-format.md does not describe %s.%s", kind->key, f->key);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/declaration", test_declaration);
  g_test_add_func ("/schema/what-the-issue-asks", test_what_the_issue_asks);
  g_test_add_func ("/schema/json-schema-file-is-current", test_json_schema_file_is_current);
  g_test_add_func ("/schema/format-documented", test_format_documented);

  return g_test_run ();
}
