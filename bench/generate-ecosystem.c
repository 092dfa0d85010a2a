/* generate-ecosystem.c — a synthetic ecosystem of N structures, the same
 * for the same seed, located in real communes of the territorial reference
 *
 *   generate-ecosystem --structures N [--seed S] OUTPUT
 *
 * Proportions: two establishments and three people per structure, a
 * project and an event per five, a funding per two, a shared service per
 * twenty; figures over ten years; relations between structures. The file
 * is written through the app's own writer, so it is what Maillage writes.
 */
#include <stdio.h>
#include <string.h>

#include "mlg-document.h"
#include "mlg-schema.h"
#include "mlg-territory-reference.h"

typedef struct {
  GString *out;
  GRand   *rand;
  guint    n_records;
} Gen;

static const char *first_names[] = {
  "Camille", "Lucie", "Nadia", "Hugo", "Karim", "Élise", "Jeanne", "Marc",
  "Inès", "Paul", "Sofia", "Théo", "Anaïs", "Yanis", "Chloé", "Bruno",
};
static const char *last_names[] = {
  "Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Garnier", "Faure",
  "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Perrin",
};
static const char *structure_words[] = {
  "Ateliers", "Jardins", "Recyclerie", "Coopérative", "Maison", "Relais",
  "Épicerie solidaire", "Tiers-lieu", "Chantier", "Crèche", "Centre social",
  "Ressourcerie", "Fabrique", "Collectif", "Entreprise d'insertion",
};
static const char *pole_names[] = {
  "Petite enfance", "Animation sociale", "Culture", "Insertion",
  "Entrepreneuriat", "Économie circulaire", "Services à la personne",
  "Alimentation", "Mobilité", "Habitat", "Numérique", "Transition écologique",
};

static const char *
pick (Gen *g, const char * const *items, guint n)
{
  return items[g_rand_int_range (g->rand, 0, n)];
}

static const char *
pick_choice (Gen *g, MlgKindId kind, const char *field)
{
  const MlgField *f = mlg_kind_find_field (mlg_kind_get (kind), field);
  guint n = 0;

  while (f->choices[n].key)
    n++;
  return f->choices[g_rand_int_range (g->rand, 0, n)].key;
}

static void
str (Gen *g, const char *key, const char *value, gboolean comma)
{
  g_string_append_printf (g->out, "\"%s\": \"", key);
  for (const char *p = value; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (g->out, '\\');
      g_string_append_c (g->out, *p);
    }
  g_string_append (g->out, comma ? "\", " : "\"");
}

/* A SIRET that passes the Luhn check, from a number. */
static void
siret_for (guint64 n, char out[15])
{
  guint sum = 0;

  g_snprintf (out, 15, "%013" G_GUINT64_FORMAT "0", n % G_GUINT64_CONSTANT (10000000000000));
  /* SIREN part must pass Luhn on its own too: fix its 9th digit, then the 14th */
  for (int part = 9; part <= 14; part += 5)
    for (int d = 0; d <= 9; d++)
      {
        sum = 0;
        out[part - 1] = '0' + d;
        for (int i = 0; i < part; i++)
          {
            int digit = out[part - 1 - i] - '0';
            if (i % 2 == 1)
              digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += digit;
          }
        if (sum % 10 == 0)
          break;
      }
}

static void
figures (Gen *g, const char * const *indicators, guint n_indicators, int first_year, int years)
{
  g_string_append (g->out, "\"figures\": [");
  for (int y = 0; y < years; y++)
    for (guint i = 0; i < n_indicators; i++)
      g_string_append_printf (g->out, "%s{\"indicator\": \"%s\", \"year\": %d, \"value\": %u, \"source\": \"Rapport d'activité %d\"}",
                              y || i ? ", " : "", indicators[i], first_year + y,
                              g_rand_int_range (g->rand, 1, 500), first_year + y + 1);
  g_string_append (g->out, "]");
}

static void
collect_communes (MlgTerritoryReference *ref, const MlgRefTerritory *t, GPtrArray *out, GPtrArray *parents)
{
  g_autoptr(GPtrArray) children = mlg_territory_reference_get_children (ref, t);

  if (t->level == MLG_REF_COMMUNE)
    {
      g_ptr_array_add (out, (gpointer) t);
      return;
    }
  g_ptr_array_add (parents, (gpointer) t);
  for (guint i = 0; i < children->len; i++)
    collect_communes (ref, g_ptr_array_index (children, i), out, parents);
}

static void
territory (Gen *g, const MlgRefTerritory *t, gboolean first)
{
  g_string_append_printf (g->out, "%s{\"id\": \"t-%s\", ", first ? "" : ",\n", t->code);
  str (g, "name", t->name, TRUE);
  str (g, "level", mlg_ref_level_key (t->level), TRUE);
  if (t->parent)
    g_string_append_printf (g->out, "\"parent\": \"t-%s\", ", t->parent->code);
  if (t->population >= 0)
    g_string_append_printf (g->out, "\"population\": %" G_GINT64_FORMAT ", \"population_year\": %d, ",
                            t->population, t->population_year);
  str (g, "code", t->code, FALSE);
  g_string_append (g->out, "}");
}

int
main (int argc, char **argv)
{
  guint n = 100, seed = 1;
  const char *output = NULL;
  g_autoptr(MlgTerritoryReference) ref = NULL;
  g_autoptr(GPtrArray) communes = g_ptr_array_new ();
  g_autoptr(GPtrArray) parents = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) canonical = NULL;
  static const char * const s_indicators[] = { "employees", "turnover" };
  static const char * const e_indicators[] = { "children_welcomed" };
  Gen g = { 0 };

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--structures") && i + 1 < argc)
        n = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
        seed = atoi (argv[++i]);
      else
        output = argv[i];
    }
  if (output == NULL || n == 0)
    {
      g_printerr ("usage: %s --structures N [--seed S] OUTPUT\n", argv[0]);
      return 2;
    }

  ref = g_object_ref (mlg_territory_reference_get_default ());
  if (!mlg_territory_reference_load (ref, &error))
    g_error ("territorial reference: %s", error->message);
  /* Auvergne-Rhône-Alpes: its 4,000 communes host up to 50,000 structures. */
  collect_communes (ref, mlg_territory_reference_lookup (ref, MLG_REF_REGION, "84"), communes, parents);

  g.rand = g_rand_new_with_seed (seed);
  g.out = g_string_sized_new (n * 3000);
  g_string_append (g.out, "{\"format\": \"maillage\", \"version\": \"1.0\",\n\"ecosystem\": {\"id\": \"ecosystem\", \"name\": \"Écosystème synthétique\", ");
  g_string_append_printf (g.out, "\"territory_label\": \"Auvergne-Rhône-Alpes, %u structures\", ", n);
  figures (&g, s_indicators, 2, 2015, 10);
  g_string_append (g.out, "},\n\"poles\": [");
  for (guint i = 0; i < G_N_ELEMENTS (pole_names); i++)
    g_string_append_printf (g.out, "%s{\"id\": \"p-%u\", \"name\": \"%s\"}", i ? ", " : "", i, pole_names[i]);

  g_string_append (g.out, "],\n\"territories\": [\n");
  for (guint i = 0; i < parents->len; i++)
    territory (&g, g_ptr_array_index (parents, i), i == 0);
  for (guint i = 0; i < communes->len; i++)
    territory (&g, g_ptr_array_index (communes, i), FALSE);

  g_string_append (g.out, "],\n\"structures\": [\n");
  for (guint i = 0; i < n; i++)
    {
      const MlgRefTerritory *commune = g_ptr_array_index (communes, g_rand_int_range (g.rand, 0, communes->len));
      g_autofree char *name = g_strdup_printf ("%s %s %u", pick (&g, structure_words, G_N_ELEMENTS (structure_words)), commune->name, i);
      char siret[15];

      siret_for (g_rand_int (g.rand) * G_GUINT64_CONSTANT (1000) + i, siret);
      g_string_append_printf (g.out, "%s{\"id\": \"s-%06u\", ", i ? ",\n" : "", i);
      str (&g, "name", name, TRUE);
      str (&g, "category", pick_choice (&g, MLG_KIND_STRUCTURE, "category"), TRUE);
      str (&g, "legal_form", pick_choice (&g, MLG_KIND_STRUCTURE, "legal_form"), TRUE);
      str (&g, "circle", pick_choice (&g, MLG_KIND_STRUCTURE, "circle"), TRUE);
      g_string_append_printf (g.out, "\"poles\": [\"p-%u\"], ", g_rand_int_range (g.rand, 0, G_N_ELEMENTS (pole_names)));
      g_string_append (g.out, "\"themes\": [\"Insertion\", \"Emploi\"], ");
      str (&g, "description", "Structure de l'économie sociale et solidaire du territoire : accueil, accompagnement et activités d'utilité sociale pour les habitants, en lien avec les autres membres du pôle.", TRUE);
      g_string_append_printf (g.out, "\"year_created\": %d, ", g_rand_int_range (g.rand, 1950, 2024));
      str (&g, "siret", siret, TRUE);
      str (&g, "postcode", commune->postcodes[0] ? commune->postcodes[0] : "01000", TRUE);
      g_string_append_printf (g.out, "\"commune\": \"t-%s\", ", commune->code);
      str (&g, "phone", "04 74 08 71 17", TRUE);
      if (i > 0)
        g_string_append_printf (g.out, "\"relations\": [{\"type\": \"%s\", \"target\": \"s-%06u\", \"since\": %d}], ",
                                i % 7 == 0 ? "subsidiary_of" : "partner_of", g_rand_int_range (g.rand, 0, i),
                                g_rand_int_range (g.rand, 1990, 2024));
      figures (&g, s_indicators, 2, 2015, 10);
      g_string_append (g.out, ", \"last_update\": \"2025-06-30\"}");
    }

  g_string_append (g.out, "],\n\"establishments\": [\n");
  for (guint i = 0; i < 2 * n; i++)
    {
      const MlgRefTerritory *commune = g_ptr_array_index (communes, g_rand_int_range (g.rand, 0, communes->len));
      g_string_append_printf (g.out, "%s{\"id\": \"e-%06u\", \"name\": \"Site %u\", \"structure\": \"s-%06u\", ",
                              i ? ",\n" : "", i, i, i / 2);
      str (&g, "type", pick_choice (&g, MLG_KIND_ESTABLISHMENT, "type"), TRUE);
      g_string_append_printf (g.out, "\"pole\": \"p-%u\", \"commune\": \"t-%s\", \"capacity\": %u, ",
                              g_rand_int_range (g.rand, 0, G_N_ELEMENTS (pole_names)), commune->code,
                              g_rand_int_range (g.rand, 5, 80));
      figures (&g, e_indicators, 1, 2021, 3);
      g_string_append (g.out, "}");
    }

  g_string_append (g.out, "],\n\"people\": [\n");
  for (guint i = 0; i < 3 * n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", pick (&g, first_names, G_N_ELEMENTS (first_names)),
                                               pick (&g, last_names, G_N_ELEMENTS (last_names)));
      g_string_append_printf (g.out, "%s{\"id\": \"h-%06u\", ", i ? ",\n" : "", i);
      str (&g, "name", name, TRUE);
      g_string_append_printf (g.out, "\"roles\": [{\"structure\": \"s-%06u\", \"role\": \"%s\", \"since\": %d}]}",
                              i / 3, i % 3 == 0 ? "Direction" : i % 3 == 1 ? "Présidence" : "Coordination",
                              g_rand_int_range (g.rand, 2000, 2025));
    }

  g_string_append (g.out, "],\n\"projects\": [\n");
  for (guint i = 0; i < n / 5; i++)
    {
      g_string_append_printf (g.out, "%s{\"id\": \"r-%06u\", \"name\": \"Projet %u\", ", i ? ",\n" : "", i, i);
      str (&g, "stage", pick_choice (&g, MLG_KIND_PROJECT, "stage"), TRUE);
      g_string_append_printf (g.out, "\"holders\": [\"s-%06u\"], \"holder_people\": [\"h-%06u\"], \"pole\": \"p-%u\", \"year_started\": %d}",
                              g_rand_int_range (g.rand, 0, n), g_rand_int_range (g.rand, 0, 3 * n),
                              g_rand_int_range (g.rand, 0, G_N_ELEMENTS (pole_names)), g_rand_int_range (g.rand, 2010, 2025));
    }

  g_string_append (g.out, "],\n\"events\": [\n");
  for (guint i = 0; i < n / 5; i++)
    {
      const MlgRefTerritory *commune = g_ptr_array_index (communes, g_rand_int_range (g.rand, 0, communes->len));
      g_string_append_printf (g.out, "%s{\"id\": \"v-%06u\", \"name\": \"Forum %u\", \"year\": %d, \"commune\": \"t-%s\", \"organisers\": [\"s-%06u\"], \"attendance\": %u}",
                              i ? ",\n" : "", i, i, g_rand_int_range (g.rand, 2015, 2026), commune->code,
                              g_rand_int_range (g.rand, 0, n), g_rand_int_range (g.rand, 20, 2000));
    }

  g_string_append (g.out, "],\n\"funding\": [\n");
  for (guint i = 0; i < n / 2; i++)
    {
      g_string_append_printf (g.out, "%s{\"id\": \"f-%06u\", \"name\": \"Subvention %u\", \"funder\": \"s-%06u\", \"beneficiary\": \"s-%06u\", ",
                              i ? ",\n" : "", i, i, g_rand_int_range (g.rand, 0, n), g_rand_int_range (g.rand, 0, n));
      str (&g, "kind", pick_choice (&g, MLG_KIND_FUNDING, "kind"), TRUE);
      g_string_append_printf (g.out, "\"amount\": %u, \"year_start\": %d}", 1000 * g_rand_int_range (g.rand, 1, 300),
                              g_rand_int_range (g.rand, 2015, 2026));
    }

  g_string_append (g.out, "],\n\"services\": [\n");
  for (guint i = 0; i < MAX (n / 20, 1); i++)
    {
      g_string_append_printf (g.out, "%s{\"id\": \"m-%06u\", \"name\": \"Service mutualisé %u\", \"provider\": \"s-%06u\", \"beneficiaries\": [\"s-%06u\", \"s-%06u\"], \"jobs\": 1.5, ",
                              i ? ",\n" : "", i, i, g_rand_int_range (g.rand, 0, n),
                              g_rand_int_range (g.rand, 0, n), g_rand_int_range (g.rand, 0, n));
      str (&g, "function", pick_choice (&g, MLG_KIND_SERVICE, "function"), FALSE);
      g_string_append (g.out, "}");
    }
  g_string_append (g.out, "]}\n");

  /* Through the app's reader and writer: the file is valid and canonical. */
  bytes = g_string_free_to_bytes (g.out);
  document = mlg_document_new_from_bytes (bytes, &problems, &error);
  if (document == NULL)
    g_error ("the generated file does not load: %s", error->message);
  canonical = mlg_document_to_bytes (document);
  if (!g_file_set_contents (output, g_bytes_get_data (canonical, NULL), g_bytes_get_size (canonical), &error))
    g_error ("%s", error->message);

  g_print ("%s: %u structures, %u establishments, %u people, %u territories, %.1f MB, %u warnings\n",
           output, n, 2 * n, 3 * n, mlg_document_count (document, MLG_KIND_TERRITORY),
           g_bytes_get_size (canonical) / 1e6, problems->len);
  g_rand_free (g.rand);
  return 0;
}
