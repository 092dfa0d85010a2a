/* test-territory-stats.c — the territory tree and its totals, a territory's
 * contents and key figures, the coverage matrix and its gaps, on the
 * example (every expected number counted by hand from the file) */
#include <math.h>
#include <string.h>

#include "mlg-coverage.h"
#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-territory-node.h"
#include "mlg-territory-reference.h"
#include "mlg-territory-stats.h"

static MlgDocument *
load_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "dombinnov.maillage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MlgDocument *document = mlg_document_new_from_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static MlgTerritoryNode *
find_node (GListModel *nodes,
           const char *id)
{
  for (guint i = 0, n = g_list_model_get_n_items (nodes); i < n; i++)
    {
      g_autoptr(MlgTerritoryNode) node = g_list_model_get_item (nodes, i);
      MlgTerritoryNode *below;

      if (g_str_equal (mlg_record_get_id (mlg_territory_node_get_territory (node)), id))
        return node;  /* the tree holds it */
      below = find_node (mlg_territory_node_get_children (node), id);
      if (below)
        return below;
    }
  return NULL;
}

static void
assert_node (GListModel *tree,
             const char *id,
             guint       structures,
             guint       establishments)
{
  MlgTerritoryNode *node = find_node (tree, id);

  g_test_message ("territory %s", id);
  g_assert_nonnull (node);
  g_assert_cmpuint (mlg_territory_node_get_n_structures (node), ==, structures);
  g_assert_cmpuint (mlg_territory_node_get_n_establishments (node), ==, establishments);
}

/* Every node's totals agree with the lists of what is located there. */
static void
assert_totals_match_lists (MlgDocument *document,
                           GListModel  *nodes)
{
  for (guint i = 0, n = g_list_model_get_n_items (nodes); i < n; i++)
    {
      g_autoptr(MlgTerritoryNode) node = g_list_model_get_item (nodes, i);
      MlgRecord *territory = mlg_territory_node_get_territory (node);
      g_autoptr(GPtrArray) structures = mlg_territory_find_located (document, territory, MLG_KIND_STRUCTURE);
      g_autoptr(GPtrArray) establishments = mlg_territory_find_located (document, territory, MLG_KIND_ESTABLISHMENT);

      g_assert_cmpuint (mlg_territory_node_get_n_structures (node), ==, structures->len);
      g_assert_cmpuint (mlg_territory_node_get_n_establishments (node), ==, establishments->len);
      assert_totals_match_lists (document, mlg_territory_node_get_children (node));
    }
}

static const char *
child_id (MlgTerritoryNode *node,
          guint             i)
{
  g_autoptr(MlgTerritoryNode) child = g_list_model_get_item (mlg_territory_node_get_children (node), i);
  return mlg_record_get_id (mlg_territory_node_get_territory (child));
}

static void
test_tree (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  g_autoptr(GListModel) tree = mlg_territory_tree_new (document);
  g_autoptr(MlgTerritoryNode) region = NULL;
  MlgTerritoryNode *ain, *dsv;

  /* Région → département → EPCIs, then the custom territory, → communes. */
  g_assert_cmpuint (g_list_model_get_n_items (tree), ==, 1);
  region = g_list_model_get_item (tree, 0);
  g_assert_cmpstr (mlg_record_get_id (mlg_territory_node_get_territory (region)), ==, "auvergne-rhone-alpes");
  ain = find_node (tree, "ain");
  g_assert_true (mlg_territory_node_get_parent (ain) == region);
  g_assert_cmpuint (mlg_territory_node_get_depth (ain), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mlg_territory_node_get_children (ain)), ==, 6);
  g_assert_cmpstr (child_id (ain, 0), ==, "cc-de-la-cotiere-a-montluel");
  g_assert_cmpstr (child_id (ain, 4), ==, "cc-val-de-saone-centre");
  g_assert_cmpstr (child_id (ain, 5), ==, "dombes-val-de-saone-cotiere");
  dsv = find_node (tree, "cc-dombes-saone-vallee");
  g_assert_cmpuint (g_list_model_get_n_items (mlg_territory_node_get_children (dsv)), ==, 7);
  g_assert_cmpuint (mlg_territory_node_get_depth (find_node (tree, "trevoux")), ==, 3);

  /* Counted by hand: 8 structures have a commune (7 in Trévoux, 1 in
   * Châtillon-sur-Chalaronne) and 19 establishments (Trévoux 9, Fareins 2,
   * Saint-Didier-de-Formans 2, Misérieux, Villeneuve, Parcieux,
   * Châtillon, Miribel and Montluel 1 each). */
  assert_node (tree, "trevoux", 7, 9);
  assert_node (tree, "fareins", 0, 2);
  assert_node (tree, "saint-didier-de-formans", 0, 2);
  assert_node (tree, "reyrieux", 0, 0);
  assert_node (tree, "cc-dombes-saone-vallee", 7, 16);
  assert_node (tree, "cc-de-la-dombes", 1, 1);
  assert_node (tree, "cc-de-miribel-et-du-plateau", 0, 1);
  assert_node (tree, "cc-de-la-cotiere-a-montluel", 0, 1);
  assert_node (tree, "cc-val-de-saone-centre", 0, 0);
  assert_node (tree, "dombes-val-de-saone-cotiere", 0, 0);
  assert_node (tree, "ain", 8, 19);
  assert_node (tree, "auvergne-rhone-alpes", 8, 19);

  assert_totals_match_lists (document, tree);
}

/* How many records of @kind have their commune in @territory or below,
 * counted from the file's own fields ("commune", then "parent" up the
 * chain), without the app's index. */
static guint
count_directly (MlgDocument *document,
                MlgRecord   *territory,
                MlgKindId    kind)
{
  GListModel *records = mlg_document_get_records (document, kind);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(MlgRecord) record = g_list_model_get_item (records, i);
      const char *id = mlg_record_get_string (record, "commune");

      /* Up from the commune; the example has no loops (ten steps is plenty). */
      for (guint steps = 0; id && steps < 10; steps++)
        {
          MlgRecord *t = mlg_document_lookup_kind (document, MLG_KIND_TERRITORY, id);
          if (t == NULL)
            break;
          if (t == territory)
            {
              n++;
              break;
            }
          id = mlg_record_get_string (t, "parent");
        }
    }
  return n;
}

static guint
assert_totals_counted_directly (MlgDocument *document,
                                GListModel  *nodes)
{
  guint seen = 0;

  for (guint i = 0, n = g_list_model_get_n_items (nodes); i < n; i++)
    {
      g_autoptr(MlgTerritoryNode) node = g_list_model_get_item (nodes, i);
      MlgRecord *territory = mlg_territory_node_get_territory (node);

      g_test_message ("%s: %u structures, %u establishments", mlg_record_get_title (territory),
                      mlg_territory_node_get_n_structures (node), mlg_territory_node_get_n_establishments (node));
      g_assert_cmpuint (mlg_territory_node_get_n_structures (node), ==,
                        count_directly (document, territory, MLG_KIND_STRUCTURE));
      g_assert_cmpuint (mlg_territory_node_get_n_establishments (node), ==,
                        count_directly (document, territory, MLG_KIND_ESTABLISHMENT));
      seen += 1 + assert_totals_counted_directly (document, mlg_territory_node_get_children (node));
    }
  return seen;
}

/* Every row of the tree, against the records counted from the file. */
static void
test_tree_totals (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  g_autoptr(GListModel) tree = mlg_territory_tree_new (document);

  g_assert_cmpuint (assert_totals_counted_directly (document, tree), ==,
                    mlg_document_count (document, MLG_KIND_TERRITORY));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_emitted)
{
  (*n_emitted)++;
}

/* A node going says nothing: its children's list may be watched by a
 * tree model that is being finalized too (GtkTreeListModel). The list
 * stays whole for whoever holds it, and its nodes forget their parent. */
static void
test_tree_goes_quietly (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  GListModel *tree = mlg_territory_tree_new (document);
  MlgTerritoryNode *region = g_list_model_get_item (tree, 0);
  g_autoptr(GListModel) children = g_object_ref (mlg_territory_node_get_children (region));
  g_autoptr(MlgTerritoryNode) ain = g_list_model_get_item (children, 0);
  g_autoptr(GListModel) epcis = g_object_ref (mlg_territory_node_get_children (ain));
  guint n_emitted = 0;
  guint n_epcis = g_list_model_get_n_items (epcis);

  g_signal_connect (children, "items-changed", G_CALLBACK (on_items_changed), &n_emitted);
  g_signal_connect (epcis, "items-changed", G_CALLBACK (on_items_changed), &n_emitted);
  g_assert_true (mlg_territory_node_get_parent (ain) == region);

  g_object_add_weak_pointer (G_OBJECT (region), (gpointer *) &region);
  g_object_unref (tree);
  g_object_unref (region);
  g_assert_null (region);
  g_assert_cmpuint (n_emitted, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 1);
  g_assert_null (mlg_territory_node_get_parent (ain));

  /* Ain goes too, with its EPCIs' list still held. */
  g_object_add_weak_pointer (G_OBJECT (ain), (gpointer *) &ain);
  g_object_unref (g_steal_pointer (&children));
  g_object_unref (ain);
  g_assert_null (ain);
  g_assert_cmpuint (n_emitted, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (epcis), ==, n_epcis);
}

static void
test_tree_survives_loops (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  MlgRecord *a = mlg_document_add_record (document, MLG_KIND_TERRITORY, "A");
  MlgRecord *b = mlg_document_add_record (document, MLG_KIND_TERRITORY, "B");
  MlgRecord *c = mlg_document_add_record (document, MLG_KIND_TERRITORY, "C");
  MlgRecord *structure = mlg_document_add_record (document, MLG_KIND_STRUCTURE, "S");
  g_autoptr(GListModel) tree = NULL;
  g_autoptr(MlgTerritoryNode) root = NULL;

  /* a → b → a, and c below b, its parent unknown otherwise. */
  mlg_document_set_string (document, a, "parent", "b");
  mlg_document_set_string (document, b, "parent", "a");
  mlg_document_set_string (document, c, "parent", "b");
  mlg_document_set_string (document, structure, "commune", "c");

  tree = mlg_territory_tree_new (document);
  g_assert_cmpuint (g_list_model_get_n_items (tree), ==, 1);
  root = g_list_model_get_item (tree, 0);
  g_assert_true (mlg_territory_node_get_territory (root) == a);
  assert_node (tree, "a", 1, 0);
  assert_node (tree, "b", 1, 0);
  assert_node (tree, "c", 1, 0);

  /* A territory that is its own parent, or whose parent is unknown, is a root. */
  mlg_document_set_string (document, a, "parent", "a");
  mlg_document_set_string (document, c, "parent", "nowhere");
  {
    g_autoptr(GListModel) again = mlg_territory_tree_new (document);
    g_assert_cmpuint (g_list_model_get_n_items (again), ==, 2);
  }
}

static guint
count_ids (GPtrArray  *records,
           const char *id)
{
  guint n = 0;
  for (guint i = 0; i < records->len; i++)
    n += g_str_equal (mlg_record_get_id (g_ptr_array_index (records, i)), id);
  return n;
}

static void
test_located (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  MlgRecord *trevoux = mlg_document_lookup (document, "trevoux");
  MlgRecord *dsv = mlg_document_lookup (document, "cc-dombes-saone-vallee");
  MlgRecord *ain = mlg_document_lookup (document, "ain");
  g_autoptr(GPtrArray) events = mlg_territory_find_located (document, trevoux, MLG_KIND_EVENT);
  g_autoptr(GPtrArray) projects = mlg_territory_find_located (document, trevoux, MLG_KIND_PROJECT);
  g_autoptr(GPtrArray) dsv_projects = mlg_territory_find_located (document, dsv, MLG_KIND_PROJECT);
  g_autoptr(GPtrArray) ain_projects = mlg_territory_find_located (document, ain, MLG_KIND_PROJECT);

  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpuint (count_ids (events, "carnaval-de-trevoux-2022"), ==, 1);
  g_assert_cmpuint (projects->len, ==, 3);
  g_assert_cmpuint (count_ids (projects, "la-commoderie"), ==, 1);
  /* The intercommunality adds the micro-crèches project held on it. */
  g_assert_cmpuint (dsv_projects->len, ==, 4);
  g_assert_cmpuint (count_ids (dsv_projects, "micro-creches-ess"), ==, 1);
  /* The département adds the two held on the PTCE's own territory. */
  g_assert_cmpuint (ain_projects->len, ==, 6);
  g_assert_cmpuint (count_ids (ain_projects, "creation-cae"), ==, 1);
}

static MlgPoleGroup *
group_of (GPtrArray  *groups,
          const char *pole_id)
{
  for (guint i = 0; i < groups->len; i++)
    {
      MlgPoleGroup *g = g_ptr_array_index (groups, i);
      if (g_strcmp0 (g->pole ? mlg_record_get_id (g->pole) : NULL, pole_id) == 0)
        return g;
    }
  return NULL;
}

static void
test_group_by_pole (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  g_autoptr(GPtrArray) groups = mlg_territory_group_by_pole (document, mlg_document_lookup (document, "trevoux"));
  MlgPoleGroup *childhood = group_of (groups, "pole-petite-enfance");
  MlgPoleGroup *none = group_of (groups, NULL);
  MlgPoleGroup *first = g_ptr_array_index (groups, 0);

  /* In pole name order, those with no pole last. */
  g_assert_cmpstr (mlg_record_get_id (first->pole), ==, "pole-alimentation-tiers-lieu");
  g_assert_true (g_ptr_array_index (groups, groups->len - 1) == none);

  /* Val Horizon, and three crèches and the RPE of Trévoux. */
  g_assert_cmpuint (childhood->structures->len, ==, 1);
  g_assert_cmpstr (mlg_record_get_id (g_ptr_array_index (childhood->structures, 0)), ==, "val-horizon");
  g_assert_cmpuint (childhood->establishments->len, ==, 4);
  g_assert_cmpuint (count_ids (childhood->establishments, "rpe-trevoux"), ==, 1);

  /* The town hall and the intercommunality belong to no pole. */
  g_assert_cmpuint (none->structures->len, ==, 2);
  g_assert_cmpuint (none->establishments->len, ==, 0);
  g_assert_null (group_of (groups, "pole-services-a-la-personne"));
}

static MlgFigureTotal *
total_of (GPtrArray  *totals,
          const char *indicator)
{
  for (guint i = 0; i < totals->len; i++)
    {
      MlgFigureTotal *t = g_ptr_array_index (totals, i);
      if (g_str_equal (t->indicator, indicator))
        return t;
    }
  return NULL;
}

static void
set_figure (MlgDocument *document,
            MlgRecord   *record,
            const char  *indicator,
            int          year,
            double       value)
{
  JsonNode *rows = mlg_record_dup_value (record, "figures");
  JsonObject *row = json_object_new ();

  if (rows == NULL)
    {
      rows = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (rows, json_array_new ());
    }
  json_object_set_string_member (row, "indicator", indicator);
  json_object_set_int_member (row, "year", year);
  json_object_set_double_member (row, "value", value);
  json_array_add_object_element (json_node_get_array (rows), row);
  mlg_document_set_value (document, record, "figures", rows);
}

static void
test_key_figures (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  MlgRecord *dsv = mlg_document_lookup (document, "cc-dombes-saone-vallee");
  MlgRecord *trevoux = mlg_document_lookup (document, "trevoux");
  MlgRecord *didier = mlg_document_lookup (document, "saint-didier-de-formans");
  g_autoptr(GPtrArray) totals = mlg_territory_key_figures (document, dsv);
  MlgFigureTotal *employees = total_of (totals, "employees");
  MlgFigureTotal *members = total_of (totals, "members");
  MlgFigureTotal *scope = total_of (totals, "economic_scope");

  /* In the intercommunality: Val Horizon's 170 employees (2017); members of
   * the Tournesol (1,200 in 2023) and of Domb'Innov (20, its latest year
   * 2023); Val Horizon's economic scope, latest 2017. Population 41,526. */
  g_assert_nonnull (employees);
  g_assert_cmpfloat (employees->value, ==, 170);
  g_assert_cmpint (employees->last_year, ==, 2017);
  g_assert_cmpfloat_with_epsilon (employees->per_1000, 170 * 1000.0 / 41526, 1e-9);
  g_assert_cmpfloat (members->value, ==, 1220);
  g_assert_cmpuint (members->n_records, ==, 2);
  g_assert_cmpint (members->first_year, ==, 2023);
  g_assert_cmpint (members->last_year, ==, 2023);
  g_assert_cmpfloat (scope->value, ==, 5000000);
  g_assert_cmpstr (employees->label, ==, "Employees");
  /* The catalogue's order: employees before members. */
  g_assert_true (employees == g_ptr_array_index (totals, 0));

  /* A crèche's employees are already in Val Horizon's where both are
   * (Trévoux); where only the crèche is (Saint-Didier), they count. */
  set_figure (document, mlg_document_lookup (document, "creche-les-frimousses"), "employees", 2023, 12);
  set_figure (document, mlg_document_lookup (document, "aux-crayons-verts"), "employees", 2023, 8);
  {
    g_autoptr(GPtrArray) at_trevoux = mlg_territory_key_figures (document, trevoux);
    g_autoptr(GPtrArray) at_didier = mlg_territory_key_figures (document, didier);
    g_autoptr(GPtrArray) at_dsv = mlg_territory_key_figures (document, dsv);

    g_assert_cmpfloat (total_of (at_trevoux, "employees")->value, ==, 170);
    g_assert_cmpfloat_with_epsilon (total_of (at_trevoux, "employees")->per_1000, 170 * 1000.0 / 7013, 1e-9);
    g_assert_cmpfloat (total_of (at_didier, "employees")->value, ==, 8);
    g_assert_cmpfloat_with_epsilon (total_of (at_didier, "employees")->per_1000, 8 * 1000.0 / 2203, 1e-9);
    g_assert_cmpfloat (total_of (at_dsv, "employees")->value, ==, 170);
  }

  /* No population, no rate. */
  {
    g_autoptr(GPtrArray) custom = NULL;
    mlg_document_set_value (document, trevoux, "population", NULL);
    custom = mlg_territory_key_figures (document, trevoux);
    g_assert_true (isnan (total_of (custom, "employees")->per_1000));
  }
}

static int
column_of (MlgCoverage *coverage,
           const char  *label)
{
  for (guint c = 0; c < mlg_coverage_get_n_columns (coverage); c++)
    if (g_str_equal (mlg_coverage_get_column_label (coverage, c), label))
      return (int) c;
  g_error ("no column %s", label);
  return -1;
}

static int
row_of (MlgCoverage *coverage,
        const char  *key)
{
  for (guint r = 0; r < mlg_coverage_get_n_rows (coverage); r++)
    if (g_str_equal (mlg_coverage_get_row_key (coverage, r), key))
      return (int) r;
  return -1;
}

static double
value_at (MlgCoverage *coverage,
          const char  *row,
          const char  *column)
{
  double value = -1;
  g_assert_true (mlg_coverage_get_value (coverage, row_of (coverage, row), column_of (coverage, column), &value));
  return value;
}

static void
test_coverage_poles (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgCoverage) coverage = mlg_coverage_new (document, "commune", MLG_COVERAGE_BY_POLE, NULL, NULL, &error);
  int childhood, reyrieux, trevoux;

  g_assert_no_error (error);
  /* The ten communes of the file, the eight poles and those with none. */
  g_assert_cmpuint (mlg_coverage_get_n_columns (coverage), ==, 10);
  g_assert_cmpuint (mlg_coverage_get_n_rows (coverage), ==, 9);
  g_assert_cmpstr (mlg_coverage_get_column_label (coverage, 0), ==, "Châtillon-sur-Chalaronne");
  g_assert_cmpstr (mlg_coverage_get_row_key (coverage, 8), ==, "");

  /* Petite enfance in Trévoux: Val Horizon and four establishments. */
  childhood = row_of (coverage, "pole-petite-enfance");
  trevoux = column_of (coverage, "Trévoux");
  g_assert_cmpfloat (value_at (coverage, "pole-petite-enfance", "Trévoux"), ==, 5);
  g_assert_cmpuint (mlg_coverage_get_n_structures (coverage, childhood, trevoux), ==, 1);
  g_assert_cmpuint (mlg_coverage_get_n_establishments (coverage, childhood, trevoux), ==, 4);
  g_assert_cmpfloat_with_epsilon (mlg_coverage_get_rate (coverage, childhood, trevoux), 5 * 1000.0 / 7013, 1e-9);
  g_assert_cmpfloat (value_at (coverage, "pole-petite-enfance", "Fareins"), ==, 1);
  g_assert_cmpfloat (value_at (coverage, "pole-petite-enfance", "Saint-Didier-de-Formans"), ==, 2);
  g_assert_cmpfloat_with_epsilon (mlg_coverage_get_rate (coverage, childhood, column_of (coverage, "Saint-Didier-de-Formans")),
                                  2 * 1000.0 / 2203, 1e-9);

  /* Zones blanches: Reyrieux has nothing at all; no pole covers everything. */
  reyrieux = column_of (coverage, "Reyrieux");
  for (guint r = 0; r < mlg_coverage_get_n_rows (coverage); r++)
    g_assert_true (mlg_coverage_is_gap (coverage, r, reyrieux));
  g_assert_true (mlg_coverage_is_gap (coverage, childhood, column_of (coverage, "Misérieux")));
  g_assert_false (mlg_coverage_is_gap (coverage, childhood, trevoux));
  for (guint r = 0; r < mlg_coverage_get_n_rows (coverage); r++)
    {
      guint gaps = 0;
      for (guint c = 0; c < mlg_coverage_get_n_columns (coverage); c++)
        gaps += mlg_coverage_is_gap (coverage, r, c);
      g_assert_cmpuint (gaps, >, 0);
    }

  /* At EPCI level, the communes' cells add up. */
  {
    g_autoptr(MlgCoverage) epcis = mlg_coverage_new (document, "epci", MLG_COVERAGE_BY_POLE, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (mlg_coverage_get_n_columns (epcis), ==, 5);
    g_assert_cmpfloat (value_at (epcis, "pole-petite-enfance", "Communauté de communes Dombes Saône Vallée"), ==, 9);
    g_assert_cmpfloat (value_at (epcis, "pole-entrepreneuriat", "Communauté de communes de Miribel et du Plateau"), ==, 1);
    g_assert_true (mlg_coverage_is_gap (epcis, row_of (epcis, "pole-petite-enfance"),
                                        column_of (epcis, "Communauté de communes Val de Saône Centre")));
  }
}

static void
test_coverage_creches (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  g_autoptr(MlgCoverage) coverage = mlg_coverage_new (document, "commune", MLG_COVERAGE_BY_TYPE, NULL, NULL, NULL);
  const char *with_creche[] = { "Parcieux", "Saint-Didier-de-Formans", "Trévoux", NULL };
  int creche = row_of (coverage, "creche"), micro = row_of (coverage, "micro_creche");

  /* Which of the PTCE's communes have a crèche (or a micro-crèche). */
  for (guint c = 0; c < mlg_coverage_get_n_columns (coverage); c++)
    {
      const char *commune = mlg_coverage_get_column_label (coverage, c);
      gboolean has = !mlg_coverage_is_gap (coverage, creche, c) || !mlg_coverage_is_gap (coverage, micro, c);
      g_test_message ("%s", commune);
      g_assert_cmpint (has, ==, g_strv_contains (with_creche, commune));
    }
  g_assert_cmpfloat (value_at (coverage, "creche", "Trévoux"), ==, 3);
  g_assert_cmpfloat_with_epsilon (mlg_coverage_get_rate (coverage, creche, column_of (coverage, "Trévoux")),
                                  3 * 1000.0 / 7013, 1e-9);
  /* Only the types the file has, and structures do not count by type. */
  g_assert_cmpint (row_of (coverage, "restaurant"), ==, -1);
  g_assert_cmpuint (mlg_coverage_get_n_structures (coverage, creche, column_of (coverage, "Trévoux")), ==, 0);
}

static void
test_coverage_indicator (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  g_autoptr(GError) error = NULL;
  MlgRecord *crayons = mlg_document_lookup (document, "aux-crayons-verts");
  g_autoptr(MlgCoverage) coverage = NULL;
  int childhood, didier, fareins;
  double value;

  /* The crèche's capacity stands for its places. */
  mlg_document_set_int (document, crayons, "capacity", 20);
  coverage = mlg_coverage_new (document, "commune", MLG_COVERAGE_BY_POLE, "places", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mlg_coverage_get_indicator (coverage), ==, "places");
  childhood = row_of (coverage, "pole-petite-enfance");
  didier = column_of (coverage, "Saint-Didier-de-Formans");
  fareins = column_of (coverage, "Fareins");
  g_assert_true (mlg_coverage_get_value (coverage, childhood, didier, &value));
  g_assert_cmpfloat (value, ==, 20);
  g_assert_cmpfloat_with_epsilon (mlg_coverage_get_rate (coverage, childhood, didier), 20 * 1000.0 / 2203, 1e-9);

  /* Something there but no places given: unknown, not zero, not a gap. */
  g_assert_false (mlg_coverage_get_value (coverage, childhood, fareins, &value));
  g_assert_true (isnan (mlg_coverage_get_rate (coverage, childhood, fareins)));
  g_assert_false (mlg_coverage_is_gap (coverage, childhood, fareins));

  /* A gap is a known zero. */
  g_assert_true (mlg_coverage_get_value (coverage, childhood, column_of (coverage, "Reyrieux"), &value));
  g_assert_cmpfloat (value, ==, 0);
}

static void
test_coverage_errors (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  g_autoptr(GError) error = NULL;

  g_assert_null (mlg_coverage_new (document, "canton", MLG_COVERAGE_BY_POLE, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "commune"));
  g_clear_error (&error);
  g_assert_null (mlg_coverage_new (document, "commune", MLG_COVERAGE_BY_POLE, "beds", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "places"));
}

static void
test_coverage_sort (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  g_autoptr(MlgCoverage) coverage = mlg_coverage_new (document, "commune", MLG_COVERAGE_BY_POLE, NULL, NULL, NULL);
  int childhood = row_of (coverage, "pole-petite-enfance");
  const char *by_childhood[] = { "Trévoux", "Saint-Didier-de-Formans", "Fareins", "Parcieux", "Châtillon-sur-Chalaronne" };
  const char *by_rate[] = { "Saint-Didier-de-Formans", "Parcieux", "Trévoux", "Fareins" };

  mlg_coverage_sort_columns (coverage, MLG_COVERAGE_SORT_VALUE, childhood, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (by_childhood); i++)
    g_assert_cmpstr (mlg_coverage_get_column_label (coverage, i), ==, by_childhood[i]);
  /* The row's key follows the sort of the columns. */
  g_assert_cmpfloat_with_epsilon (mlg_coverage_get_rate (coverage, childhood, 0), 5 * 1000.0 / 7013, 1e-9);

  /* Per 1,000: 2/2,203, 1/1,315, 5/7,013, 1/2,533. */
  mlg_coverage_sort_columns (coverage, MLG_COVERAGE_SORT_RATE, childhood, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (by_rate); i++)
    g_assert_cmpstr (mlg_coverage_get_column_label (coverage, i), ==, by_rate[i]);

  mlg_coverage_sort_columns (coverage, MLG_COVERAGE_SORT_POPULATION, 0, TRUE);
  g_assert_cmpstr (mlg_coverage_get_column_label (coverage, 0), ==, "Miribel");
  mlg_coverage_sort_columns (coverage, MLG_COVERAGE_SORT_NAME, 0, FALSE);
  g_assert_cmpstr (mlg_coverage_get_column_label (coverage, 0), ==, "Châtillon-sur-Chalaronne");

  /* Rows by their total over the communes: Petite enfance (9) before
   * Entrepreneuriat (7: five in Trévoux, the CAE in Miribel and Montluel). */
  mlg_coverage_sort_rows (coverage, MLG_COVERAGE_SORT_TOTAL, 0, TRUE);
  g_assert_cmpstr (mlg_coverage_get_row_key (coverage, 0), ==, "pole-petite-enfance");
  g_assert_cmpstr (mlg_coverage_get_row_key (coverage, 1), ==, "pole-entrepreneuriat");
  mlg_coverage_sort_rows (coverage, MLG_COVERAGE_SORT_NAME, 0, TRUE);
  g_assert_cmpstr (mlg_coverage_get_row_label (coverage, 0), ==, "Services à la personne");
}

static void
test_coverage_every_commune (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "territories-2026.tsv.gz", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MlgTerritoryReference) reference = mlg_territory_reference_new_for_file (file);
  g_autoptr(MlgCoverage) coverage = mlg_coverage_new (document, "commune", MLG_COVERAGE_BY_POLE, NULL, reference, NULL);
  int euphemie;

  /* All the communes of the five EPCIs: 9 + 36 + 6 + 19 + 15. */
  g_assert_cmpuint (mlg_coverage_get_n_columns (coverage), ==, 85);
  euphemie = column_of (coverage, "Sainte-Euphémie");
  g_assert_null (mlg_coverage_get_column_territory (coverage, euphemie));
  g_assert_cmpstr (mlg_coverage_get_column_code (coverage, euphemie), ==, "01353");
  g_assert_cmpstr (mlg_coverage_get_column_parent (coverage, euphemie), ==, "Communauté de communes Dombes Saône Vallée");
  g_assert_cmpint (mlg_coverage_get_column_population (coverage, euphemie), >, 0);
  g_assert_cmpint (mlg_coverage_get_column_population_year (coverage, euphemie), ==, 2023);
  for (guint r = 0; r < mlg_coverage_get_n_rows (coverage); r++)
    g_assert_true (mlg_coverage_is_gap (coverage, r, euphemie));
  g_assert_nonnull (mlg_coverage_get_column_territory (coverage, column_of (coverage, "Trévoux")));
}

static void
test_coverage_csv (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  g_autoptr(MlgCoverage) coverage = mlg_coverage_new (document, "commune", MLG_COVERAGE_BY_POLE, NULL, NULL, NULL);
  g_autoptr(GBytes) csv = mlg_coverage_to_csv (coverage);
  g_autofree char *text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_auto(GStrv) lines = NULL;

  /* A byte-order mark for the spreadsheets, CRLF, one line per commune. */
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Territory;Code;Part of;Population;Population year;"));
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 10 + 1);
  g_assert_true (g_str_has_prefix (lines[9], "Trévoux;01427;Communauté de communes Dombes Saône Vallée;7013;2023;"));
  g_assert_true (g_str_has_prefix (lines[7], "Reyrieux;01322;"));
}

/* A regional file, made up but deterministic: a région, départements,
 * EPCIs and their communes, poles, structures and establishments here and
 * there, some with no commune, pole or figure. */
static MlgDocument *
generated_document (void)
{
  MlgDocument *document = mlg_document_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_autoptr(GPtrArray) communes = g_ptr_array_new ();
  g_autoptr(GPtrArray) poles = g_ptr_array_new ();
  g_autoptr(GPtrArray) structures = g_ptr_array_new ();
  const char *types[] = { "creche", "micro_creche", "nowhere", NULL };
  MlgRecord *region = mlg_document_add_record (document, MLG_KIND_TERRITORY, "Région");

  mlg_document_set_string (document, region, "level", "region");
  for (guint d = 0; d < 3; d++)
    {
      g_autofree char *name = g_strdup_printf ("Département %u", d);
      MlgRecord *departement = mlg_document_add_record (document, MLG_KIND_TERRITORY, name);

      mlg_document_set_string (document, departement, "level", "departement");
      mlg_document_set_string (document, departement, "parent", mlg_record_get_id (region));
      for (guint e = 0; e < 3; e++)
        {
          g_autofree char *epci_name = g_strdup_printf ("CC %u-%u", d, e);
          MlgRecord *epci = mlg_document_add_record (document, MLG_KIND_TERRITORY, epci_name);

          mlg_document_set_string (document, epci, "level", "epci");
          mlg_document_set_string (document, epci, "parent", mlg_record_get_id (departement));
          for (guint c = 0; c < 30; c++)
            {
              g_autofree char *commune_name = g_strdup_printf ("Commune %u-%u-%u", d, e, c);
              MlgRecord *commune = mlg_document_add_record (document, MLG_KIND_TERRITORY, commune_name);

              mlg_document_set_string (document, commune, "level", "commune");
              mlg_document_set_string (document, commune, "parent", mlg_record_get_id (epci));
              g_ptr_array_add (communes, commune);
            }
        }
    }
  for (guint p = 0; p < 4; p++)
    {
      g_autofree char *name = g_strdup_printf ("Pôle %u", p);
      g_ptr_array_add (poles, mlg_document_add_record (document, MLG_KIND_POLE, name));
    }
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *name = g_strdup_printf ("Structure %u", i);
      MlgRecord *structure = mlg_document_add_record (document, MLG_KIND_STRUCTURE, name);
      JsonArray *ids = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      if (g_rand_int_range (rand, 0, 10))
        mlg_document_set_string (document, structure, "commune",
                                 mlg_record_get_id (g_ptr_array_index (communes, g_rand_int_range (rand, 0, (int) communes->len))));
      for (int n = g_rand_int_range (rand, 0, 3); n > 0; n--)
        json_array_add_string_element (ids, mlg_record_get_id (g_ptr_array_index (poles, g_rand_int_range (rand, 0, 4))));
      json_node_take_array (node, ids);
      mlg_document_set_value (document, structure, "poles", node);
      if (g_rand_boolean (rand))
        set_figure (document, structure, "employees", 2020 + g_rand_int_range (rand, 0, 4), g_rand_int_range (rand, 1, 50));
      g_ptr_array_add (structures, structure);
    }
  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *name = g_strdup_printf ("Établissement %u", i);
      MlgRecord *establishment = mlg_document_add_record (document, MLG_KIND_ESTABLISHMENT, name);

      mlg_document_set_string (document, establishment, "structure",
                               mlg_record_get_id (g_ptr_array_index (structures, g_rand_int_range (rand, 0, 150))));
      if (g_rand_int_range (rand, 0, 10))
        mlg_document_set_string (document, establishment, "commune",
                                 mlg_record_get_id (g_ptr_array_index (communes, g_rand_int_range (rand, 0, (int) communes->len))));
      if (g_rand_int_range (rand, 0, 3) == 0)
        mlg_document_set_string (document, establishment, "pole",
                                 mlg_record_get_id (g_ptr_array_index (poles, g_rand_int_range (rand, 0, 4))));
      mlg_document_set_string (document, establishment, "type", types[g_rand_int_range (rand, 0, 4)]);
      if (g_rand_boolean (rand))
        set_figure (document, establishment, "employees", 2021, g_rand_int_range (rand, 1, 20));
    }
  return document;
}

/* A cell counted the slow way: every record of the file, one by one. */
static void
count_cell_directly (MlgDocument       *document,
                     MlgTerritoryIndex *index,
                     MlgCoverageRows    rows,
                     const char        *indicator,
                     MlgRecord         *area,
                     const char        *row_key,
                     guint             *n_structures,
                     guint             *n_establishments,
                     double            *value)
{
  const MlgKindId kinds[] = { MLG_KIND_STRUCTURE, MLG_KIND_ESTABLISHMENT };
  const MlgField *type_field = mlg_kind_find_field (mlg_kind_get (MLG_KIND_ESTABLISHMENT), "type");

  *n_structures = *n_establishments = 0;
  *value = 0;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GListModel *records = mlg_document_get_records (document, kinds[k]);

      if (rows == MLG_COVERAGE_BY_TYPE && kinds[k] == MLG_KIND_STRUCTURE)
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (records); i++)
        {
          g_autoptr(MlgRecord) record = g_list_model_get_item (records, i);
          g_autoptr(GPtrArray) keys = NULL;
          double v;

          if (!mlg_territory_index_locates (index, area, record))
            continue;
          if (rows == MLG_COVERAGE_BY_TYPE)
            {
              const char *type = mlg_record_get_string (record, "type");
              keys = g_ptr_array_new ();
              g_ptr_array_add (keys, (gpointer) (type && mlg_field_find_choice (type_field, type) ? type : ""));
            }
          else
            {
              keys = mlg_located_record_poles (document, record);
              if (keys->len == 0)
                g_ptr_array_add (keys, (gpointer) "");
            }
          if (!g_ptr_array_find_with_equal_func (keys, row_key, g_str_equal, NULL))
            continue;
          if (kinds[k] == MLG_KIND_STRUCTURE)
            (*n_structures)++;
          else
            (*n_establishments)++;
          if (indicator && mlg_record_latest_figure (record, indicator, NULL, &v, NULL))
            {
              MlgRecord *structure = kinds[k] == MLG_KIND_ESTABLISHMENT
                ? mlg_document_lookup_kind (document, MLG_KIND_STRUCTURE, mlg_record_get_string (record, "structure"))
                : NULL;

              if (structure && rows == MLG_COVERAGE_BY_POLE &&
                  mlg_territory_index_locates (index, area, structure) &&
                  mlg_record_latest_figure (structure, indicator, NULL, NULL, NULL))
                {
                  g_autoptr(GPtrArray) poles = mlg_located_record_poles (document, structure);
                  if (g_ptr_array_find_with_equal_func (poles, row_key, g_str_equal, NULL))
                    continue;
                }
              *value += v;
            }
        }
    }
}

/* The matrix, built a walk per record, says what a count of every record
 * for every cell says, at every level, by pole and by type, counting or
 * summing a figure. */
static void
test_coverage_counted_directly (void)
{
  g_autoptr(MlgDocument) document = generated_document ();
  g_autoptr(MlgTerritoryIndex) index = mlg_territory_index_new (document);
  const char *levels[] = { "commune", "epci", "departement", "region" };
  const char *indicators[] = { NULL, "employees" };
  guint non_empty = 0;

  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_TERRITORY), ==, 1 + 3 + 9 + 270);
  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    for (MlgCoverageRows rows = MLG_COVERAGE_BY_POLE; rows <= MLG_COVERAGE_BY_TYPE; rows++)
      for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(MlgCoverage) coverage = mlg_coverage_new (document, levels[l], rows, indicators[i], NULL, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (mlg_coverage_get_n_columns (coverage), ==, l == 0 ? 270 : l == 1 ? 9 : l == 2 ? 3 : 1);
          for (guint c = 0; c < mlg_coverage_get_n_columns (coverage); c++)
            for (guint r = 0; r < mlg_coverage_get_n_rows (coverage); r++)
              {
                guint n_structures, n_establishments;
                double expected, value;

                count_cell_directly (document, index, rows, indicators[i],
                                     mlg_coverage_get_column_territory (coverage, c),
                                     mlg_coverage_get_row_key (coverage, r),
                                     &n_structures, &n_establishments, &expected);
                g_assert_cmpuint (mlg_coverage_get_n_structures (coverage, r, c), ==, n_structures);
                g_assert_cmpuint (mlg_coverage_get_n_establishments (coverage, r, c), ==, n_establishments);
                mlg_coverage_get_value (coverage, r, c, &value);
                g_assert_cmpfloat (value, ==, indicators[i] ? expected : n_structures + n_establishments);
                non_empty += n_structures + n_establishments > 0;
              }
        }
  /* Not a comparison of empty matrices. */
  g_assert_cmpuint (non_empty, >, 500);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/territory-stats/tree", test_tree);
  g_test_add_func ("/territory-stats/tree-totals", test_tree_totals);
  g_test_add_func ("/territory-stats/tree-goes-quietly", test_tree_goes_quietly);
  g_test_add_func ("/territory-stats/tree-survives-loops", test_tree_survives_loops);
  g_test_add_func ("/territory-stats/located", test_located);
  g_test_add_func ("/territory-stats/group-by-pole", test_group_by_pole);
  g_test_add_func ("/territory-stats/key-figures", test_key_figures);
  g_test_add_func ("/coverage/poles", test_coverage_poles);
  g_test_add_func ("/coverage/creches", test_coverage_creches);
  g_test_add_func ("/coverage/indicator", test_coverage_indicator);
  g_test_add_func ("/coverage/errors", test_coverage_errors);
  g_test_add_func ("/coverage/sort", test_coverage_sort);
  g_test_add_func ("/coverage/every-commune", test_coverage_every_commune);
  g_test_add_func ("/coverage/csv", test_coverage_csv);
  g_test_add_func ("/coverage/counted-directly", test_coverage_counted_directly);

  return g_test_run ();
}
