/* test-territory-reference.c — the official reference, offline: look-ups,
 * search, hierarchy, and adding a commune with its parents to a document */
#include <glib/gstdio.h>
#include <string.h>

#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-territory-add.h"
#include "mlg-territory-reference.h"

static MlgTerritoryReference *shipped;

static char *
shipped_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "territories-2026.tsv.gz", NULL);
}

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

static gboolean
contains_code (GPtrArray  *items,
               const char *code)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((const MlgRefTerritory *) g_ptr_array_index (items, i))->code, code))
      return TRUE;
  return FALSE;
}

static const MlgRefTerritory *
first (GPtrArray *items)
{
  g_assert_cmpuint (items->len, >, 0);
  return g_ptr_array_index (items, 0);
}

/* ── The reference ───────────────────────────────────────────────────── */

static void
test_lazy_load (void)
{
  g_autofree char *path = shipped_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MlgTerritoryReference) reference = mlg_territory_reference_new_for_file (file);

  /* Nothing is read before the first look-up. */
  g_assert_false (mlg_territory_reference_is_loaded (reference));
  g_assert_nonnull (mlg_territory_reference_lookup (reference, MLG_REF_COMMUNE, "01427"));
  g_assert_true (mlg_territory_reference_is_loaded (reference));

  /* The default one is found through $MAILLAGE_TERRITORIES and not loaded
   * by asking for it. */
  g_assert_false (mlg_territory_reference_is_loaded (shipped));
}

static void
test_counts (void)
{
  g_assert_true (mlg_territory_reference_load (shipped, NULL));
  g_assert_cmpuint (mlg_territory_reference_count (shipped, MLG_REF_COMMUNE), ==, 34969);
  g_assert_cmpuint (mlg_territory_reference_count (shipped, MLG_REF_EPCI), ==, 1255);
  g_assert_cmpuint (mlg_territory_reference_count (shipped, MLG_REF_DEPARTEMENT), ==, 109);
  g_assert_cmpuint (mlg_territory_reference_count (shipped, MLG_REF_ARRONDISSEMENT), ==, 45);
  g_assert_nonnull (strstr (mlg_territory_reference_credit (), "Etalab"));
  g_assert_nonnull (strstr (mlg_territory_reference_credit (), "2026"));
  g_assert_nonnull (strstr (mlg_territory_reference_credit (), "Licence Ouverte"));
}

static void
test_trevoux (void)
{
  const MlgRefTerritory *trevoux = mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, "01427");
  const MlgRefTerritory *epci;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GPtrArray) members = NULL;

  g_assert_nonnull (trevoux);
  g_assert_cmpstr (trevoux->name, ==, "Trévoux");
  g_assert_cmpstr (trevoux->postcodes[0], ==, "01600");
  g_assert_null (trevoux->postcodes[1]);
  g_assert_cmpint (trevoux->population, >, 6000);
  g_assert_cmpint (trevoux->population_year, ==, 2023);
  g_assert_cmpstr (trevoux->departement->name, ==, "Ain");

  epci = trevoux->parent;
  g_assert_cmpint (epci->level, ==, MLG_REF_EPCI);
  g_assert_cmpstr (epci->code, ==, "200042497");
  g_assert_cmpstr (epci->name, ==, "CC Dombes Saône Vallée");
  g_assert_cmpstr (epci->epci_type, ==, "cc");
  g_assert_cmpint (epci->population, >, trevoux->population);
  g_assert_true (mlg_territory_reference_lookup (shipped, MLG_REF_EPCI, "200042497") == epci);

  chain = mlg_territory_reference_get_hierarchy (shipped, trevoux);
  g_assert_cmpuint (chain->len, ==, 4);
  g_assert_cmpstr (((const MlgRefTerritory *) chain->pdata[0])->name, ==, "Auvergne-Rhône-Alpes");
  g_assert_cmpstr (((const MlgRefTerritory *) chain->pdata[1])->code, ==, "01");
  g_assert_true (chain->pdata[2] == epci && chain->pdata[3] == trevoux);

  /* The EPCI's 19 member communes, from the DGCL member lists. */
  members = mlg_territory_reference_get_children (shipped, epci);
  g_assert_cmpuint (members->len, ==, 19);
  g_assert_true (contains_code (members, "01427") && contains_code (members, "01157"));
}

static void
test_search_trevoux (void)
{
  const char *queries[] = { "trevoux", "TRÉVOUX", " Trévoux ", "trév", "01600", "01427" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) found = mlg_territory_reference_search (shipped, queries[i], 0, 20);
      g_test_message ("query “%s”", queries[i]);
      g_assert_true (contains_code (found, "01427"));
      g_assert_cmpstr (first (found)->name, ==, "Trévoux");
    }

  /* Only the levels asked for. */
  {
    g_autoptr(GPtrArray) found = mlg_territory_reference_search (shipped, "dombes saone", 1u << MLG_REF_EPCI, 0);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (first (found)->code, ==, "200042497");
  }
  /* "st" stands for "saint", accents and hyphens aside. */
  {
    g_autoptr(GPtrArray) found = mlg_territory_reference_search (shipped, "st didier de form", 0, 5);
    g_assert_cmpstr (first (found)->code, ==, "01347");
  }
  {
    g_autoptr(GPtrArray) found = mlg_territory_reference_search (shipped, "", 0, 5);
    g_assert_cmpuint (found->len, ==, 0);
  }
}

static void
test_corsica (void)
{
  const MlgRefTerritory *ajaccio = mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, "2a004");
  g_autoptr(GPtrArray) by_postcode = NULL;
  g_autoptr(GPtrArray) found = NULL;

  /* A code with a letter, written either way; the postcode is not the code. */
  g_assert_nonnull (ajaccio);
  g_assert_cmpstr (ajaccio->code, ==, "2A004");
  g_assert_cmpstr (ajaccio->name, ==, "Ajaccio");
  g_assert_cmpstr (ajaccio->departement->code, ==, "2A");
  g_assert_cmpstr (ajaccio->departement->parent->name, ==, "Corse");
  g_assert_cmpstr (ajaccio->postcodes[0], ==, "20000");
  g_assert_false (g_str_equal (ajaccio->postcodes[0], ajaccio->code));

  /* Several postcodes, each finding it. */
  g_assert_cmpuint (g_strv_length ((char **) ajaccio->postcodes), ==, 3);
  by_postcode = mlg_territory_reference_find_by_postcode (shipped, "20090");
  g_assert_true (contains_code (by_postcode, "2A004"));
  found = mlg_territory_reference_search (shipped, "20167", 0, 0);
  g_assert_true (contains_code (found, "2A004"));
  g_assert_null (mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, "20004"));
}

static void
test_several_postcodes (void)
{
  const MlgRefTerritory *marseille = mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, "13055");
  g_autoptr(GPtrArray) shared = mlg_territory_reference_find_by_postcode (shipped, "01600");

  g_assert_cmpuint (g_strv_length ((char **) marseille->postcodes), ==, 16);
  g_assert_cmpstr (marseille->postcodes[15], ==, "13016");

  /* One postcode, nine communes, the most populated first. */
  g_assert_cmpuint (shared->len, ==, 9);
  g_assert_cmpstr (first (shared)->name, ==, "Trévoux");
  g_assert_true (contains_code (shared, "01353"));
}

static void
test_lyon (void)
{
  const MlgRefTerritory *lyon = mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, "69123");
  const MlgRefTerritory *third = mlg_territory_reference_lookup (shipped, MLG_REF_ARRONDISSEMENT, "69383");
  g_autoptr(GPtrArray) districts = mlg_territory_reference_get_children (shipped, lyon);
  g_autoptr(GPtrArray) found = mlg_territory_reference_search (shipped, "69003", 0, 0);
  g_autoptr(GPtrArray) named = mlg_territory_reference_search (shipped, "lyon 3e", 0, 3);
  gint64 sum = 0;

  g_assert_cmpstr (lyon->name, ==, "Lyon");
  g_assert_cmpstr (lyon->parent->epci_type, ==, "metropole");
  g_assert_cmpuint (g_strv_length ((char **) lyon->postcodes), ==, 9);

  /* Its nine arrondissements, whose populations add up to the city's. */
  g_assert_cmpuint (districts->len, ==, 9);
  for (guint i = 0; i < districts->len; i++)
    {
      const MlgRefTerritory *d = g_ptr_array_index (districts, i);
      g_assert_cmpint (d->level, ==, MLG_REF_ARRONDISSEMENT);
      sum += d->population;
    }
  g_assert_cmpint (sum, ==, lyon->population);

  g_assert_true (third->parent == lyon);
  g_assert_cmpstr (third->postcodes[0], ==, "69003");
  g_assert_true (third->departement == lyon->departement);
  g_assert_true (contains_code (found, "69123") && contains_code (found, "69383"));
  g_assert_cmpstr (first (named)->code, ==, "69383");
}

static void
test_outside_epcis (void)
{
  /* Île-de-Sein belongs to no EPCI: its parent is its département. */
  const MlgRefTerritory *sein = mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, "29083");

  g_assert_nonnull (sein);
  g_assert_cmpint (sein->parent->level, ==, MLG_REF_DEPARTEMENT);
  g_assert_cmpstr (sein->parent->code, ==, "29");
  g_assert_null (mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, "99999"));
  g_assert_null (mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, NULL));
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  gboolean *done = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mlg_territory_reference_load_finish (MLG_TERRITORY_REFERENCE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_load_async (void)
{
  g_autofree char *path = shipped_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MlgTerritoryReference) reference = mlg_territory_reference_new_for_file (file);
  gboolean done = FALSE;

  mlg_territory_reference_load_async (reference, NULL, on_loaded, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mlg_territory_reference_is_loaded (reference));
  g_assert_nonnull (mlg_territory_reference_lookup (reference, MLG_REF_EPCI, "200042497"));
}

static void
test_damaged_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("maillage-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.tsv.gz", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.tsv.gz", NULL);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(MlgTerritoryReference) damaged = mlg_territory_reference_new_for_file (bad_file);
  g_autoptr(MlgTerritoryReference) absent = mlg_territory_reference_new_for_file (missing_file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;

  g_assert_true (g_file_set_contents (bad, "not gzip at all", -1, NULL));
  g_assert_false (mlg_territory_reference_load (damaged, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Look-ups then find nothing, quietly. */
  g_assert_null (mlg_territory_reference_lookup (damaged, MLG_REF_COMMUNE, "01427"));
  found = mlg_territory_reference_search (damaged, "trevoux", 0, 0);
  g_assert_cmpuint (found->len, ==, 0);

  g_assert_false (mlg_territory_reference_load (absent, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (mlg_territory_reference_count (absent, MLG_REF_COMMUNE), ==, 0);

  g_remove (bad);
  g_rmdir (dir);
}

/* ── Adding communes to a document ───────────────────────────────────── */

static MlgRecord *
find_territory (MlgDocument *document,
                const char  *level,
                const char  *code)
{
  MlgRecord *found = mlg_territory_find_by_code (document, level, code);
  g_assert_nonnull (found);
  return found;
}

static void
test_add_brings_parents_once (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  const MlgRefTerritory *trevoux = mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, "01427");
  const MlgRefTerritory *fareins = mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, "01157");
  MlgRecord *t, *f, *epci, *ain, *region;
  g_auto(GStrv) postcodes = NULL;
  /* A new document already lacks its ecosystem's name. */
  guint problems = g_list_model_get_n_items (mlg_document_get_problems (document));

  t = mlg_territory_add_from_reference (document, trevoux);
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_TERRITORY), ==, 4);
  g_assert_cmpstr (mlg_record_get_title (t), ==, "Trévoux");
  g_assert_cmpstr (mlg_record_get_string (t, "level"), ==, "commune");
  g_assert_cmpstr (mlg_record_get_string (t, "code"), ==, "01427");
  g_assert_cmpint (mlg_record_get_int (t, "population", 0), ==, trevoux->population);
  g_assert_cmpint (mlg_record_get_int (t, "population_year", 0), ==, 2023);
  g_assert_cmpint (mlg_record_get_int (t, "reference_year", 0), ==, 2026);
  postcodes = mlg_record_dup_strv (t, "postcodes");
  g_assert_cmpstrv (postcodes, ((const char * const[]) { "01600", NULL }));

  epci = find_territory (document, "epci", "200042497");
  ain = find_territory (document, "departement", "01");
  region = find_territory (document, "region", "84");
  g_assert_cmpstr (mlg_record_get_string (t, "parent"), ==, mlg_record_get_id (epci));
  g_assert_cmpstr (mlg_record_get_string (epci, "parent"), ==, mlg_record_get_id (ain));
  g_assert_cmpstr (mlg_record_get_string (ain, "parent"), ==, mlg_record_get_id (region));
  g_assert_false (mlg_record_has_value (region, "parent"));
  g_assert_cmpstr (mlg_record_get_string (epci, "epci_type"), ==, "cc");
  g_assert_cmpint (mlg_record_get_int (epci, "population", 0), ==, trevoux->parent->population);
  g_assert_cmpuint (g_list_model_get_n_items (mlg_document_get_problems (document)), ==, problems);

  /* A neighbour in the same EPCI brings nothing else. */
  f = mlg_territory_add_from_reference (document, fareins);
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_TERRITORY), ==, 5);
  g_assert_cmpstr (mlg_record_get_string (f, "parent"), ==, mlg_record_get_id (epci));

  /* The same commune twice is the same record, and no new step to undo. */
  g_assert_true (mlg_territory_add_from_reference (document, trevoux) == t);
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_TERRITORY), ==, 5);

  /* Each addition undoes as one step. */
  mlg_document_undo (document);
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_TERRITORY), ==, 4);
  g_assert_null (mlg_territory_find_by_code (document, "commune", "01157"));
  mlg_document_undo (document);
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_TERRITORY), ==, 0);
  g_assert_false (mlg_document_can_undo (document));
  mlg_document_redo (document);
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_TERRITORY), ==, 4);
}

static void
test_add_to_example (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  guint before = mlg_document_count (document, MLG_KIND_TERRITORY);
  const MlgRefTerritory *euphemie = mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, "01353");
  const MlgRefTerritory *ajaccio = mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, "2A004");
  const MlgRefTerritory *reyrieux = mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, "01322");
  MlgRecord *added;

  /* Its EPCI is already there (by its SIREN): one territory more. */
  added = mlg_territory_add_from_reference (document, euphemie);
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_TERRITORY), ==, before + 1);
  g_assert_cmpstr (mlg_record_get_string (added, "parent"), ==, "cc-dombes-saone-vallee");

  /* Already in the file: found, not added. */
  g_assert_true (mlg_territory_add_from_reference (document, reyrieux) == mlg_document_lookup (document, "reyrieux"));
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_TERRITORY), ==, before + 1);

  /* Corsica comes with its région, département and EPCI. */
  mlg_territory_add_from_reference (document, ajaccio);
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_TERRITORY), ==, before + 5);
  g_assert_cmpstr (mlg_record_get_title (find_territory (document, "departement", "2A")), ==, "Corse-du-Sud");
  g_assert_cmpuint (g_list_model_get_n_items (mlg_document_get_problems (document)), ==, 0);
}

static void
test_add_completes_hand_typed (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  const MlgRefTerritory *trevoux = mlg_territory_reference_lookup (shipped, MLG_REF_COMMUNE, "01427");
  MlgRecord *typed, *added;

  /* An EPCI typed in by hand, spelled out and with no code. */
  typed = mlg_territory_add_custom (document, "Communauté de communes Dombes Saône Vallée", "epci", NULL);
  mlg_document_set_int (document, typed, "population", 40000);
  added = mlg_territory_add_from_reference (document, trevoux);

  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_TERRITORY), ==, 4);
  g_assert_cmpstr (mlg_record_get_string (added, "parent"), ==, mlg_record_get_id (typed));
  g_assert_cmpstr (mlg_record_get_string (typed, "code"), ==, "200042497");
  g_assert_nonnull (mlg_record_get_string (typed, "parent"));
  /* What was typed stays. */
  g_assert_cmpint (mlg_record_get_int (typed, "population", 0), ==, 40000);
  g_assert_cmpstr (mlg_record_get_title (typed), ==, "Communauté de communes Dombes Saône Vallée");
}

static void
test_add_custom (void)
{
  g_autoptr(MlgDocument) document = load_example ();
  MlgRecord *trevoux = mlg_document_lookup (document, "trevoux");
  MlgRecord *quartier = mlg_territory_add_custom (document, "Quartier de la Gare", "quartier", trevoux);

  g_assert_cmpstr (mlg_record_get_string (quartier, "level"), ==, "quartier");
  g_assert_cmpstr (mlg_record_get_string (quartier, "parent"), ==, "trevoux");
  g_assert_cmpstr (mlg_record_get_id (quartier), ==, "quartier-de-la-gare");
  mlg_document_undo (document);
  g_assert_null (mlg_document_lookup (document, "quartier-de-la-gare"));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  path = shipped_path ();
  g_setenv ("MAILLAGE_TERRITORIES", path, TRUE);
  shipped = mlg_territory_reference_get_default ();

  g_test_add_func ("/territory-reference/lazy-load", test_lazy_load);
  g_test_add_func ("/territory-reference/counts", test_counts);
  g_test_add_func ("/territory-reference/trevoux", test_trevoux);
  g_test_add_func ("/territory-reference/search-trevoux", test_search_trevoux);
  g_test_add_func ("/territory-reference/corsica", test_corsica);
  g_test_add_func ("/territory-reference/several-postcodes", test_several_postcodes);
  g_test_add_func ("/territory-reference/lyon", test_lyon);
  g_test_add_func ("/territory-reference/outside-epcis", test_outside_epcis);
  g_test_add_func ("/territory-reference/load-async", test_load_async);
  g_test_add_func ("/territory-reference/damaged-file", test_damaged_file);
  g_test_add_func ("/territory-add/parents-once", test_add_brings_parents_once);
  g_test_add_func ("/territory-add/example", test_add_to_example);
  g_test_add_func ("/territory-add/completes-hand-typed", test_add_completes_hand_typed);
  g_test_add_func ("/territory-add/custom", test_add_custom);

  status = g_test_run ();
  return status;
}
