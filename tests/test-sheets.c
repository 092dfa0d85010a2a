/* test-sheets.c — the fact sheets, read back from their PDF by poppler
 *
 * Each sheet of the example is exported to MAILLAGE_BUILD_ROOT/sheets/,
 * with its pages as PNG images for a reviewer to look at, and read back
 * with pdftotext, pdfinfo and pdffonts (an independent reader): page
 * counts, headings and values, headers and footers on every page, the
 * contents' page numbers. Run under a French locale with the build's
 * translations (MAILLAGE_LOCALEDIR), the sheets must be French.
 */
#include "config.h"

#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "mlg-document.h"
#include "mlg-pdf.h"
#include "mlg-record.h"
#include "mlg-sheets.h"
#include "mlg-typography.h"

static MlgDocument *example;
static gboolean french;

/* ── Helpers ─────────────────────────────────────────────────────────── */

static char *
output_path (const char *name,
             const char *extension)
{
  const char *root = g_getenv ("MAILLAGE_BUILD_ROOT");
  g_autofree char *dir = g_build_filename (root ? root : g_get_tmp_dir (), "sheets", NULL);
  g_autofree char *file = g_strconcat (name, french ? "-fr" : "-en", extension, NULL);

  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, file, NULL);
}

static char *
run (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

/* Exports @sheet, checks it with pdfinfo and pdffonts, renders its pages
 * as images; returns the path of the PDF. */
static char *
export (MlgSheet   *sheet,
        const char *name,
        guint      *n_pages)
{
  g_autofree char *path = output_path (name, ".pdf");
  g_autofree char *images = output_path (name, "");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL;
  g_autofree char *fonts = NULL;
  g_autoptr(GRegex) pages_line = g_regex_new ("^Pages:\\s+(\\d+)$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *counted = NULL;
  g_auto(GStrv) lines = NULL;
  guint pages;

  pages = mlg_pdf_export (sheet, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages, >, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* pdfinfo agrees on the page count, A4, title and author. */
  info = run ((const char *[]) { "pdfinfo", path, NULL });
  g_assert_true (g_regex_match (pages_line, info, 0, &match));
  counted = g_match_info_fetch (match, 1);
  g_assert_cmpuint (atoi (counted), ==, pages);
  g_assert_nonnull (strstr (info, "(A4)"));
  g_assert_nonnull (strstr (info, mlg_sheet_get_title (sheet)));
  g_assert_nonnull (strstr (info, "Creator:         Maillage"));
  if (*mlg_sheet_get_author (sheet))
    g_assert_nonnull (strstr (info, mlg_sheet_get_author (sheet)));

  /* Every font is embedded. */
  fonts = run ((const char *[]) { "pdffonts", path, NULL });
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i]; i++)
    {
      g_auto(GStrv) columns = NULL;
      guint n;

      if (*lines[i] == '\0')
        continue;
      columns = g_regex_split_simple ("\\s+", g_strstrip (lines[i]), 0, 0);
      n = g_strv_length (columns);
      g_assert_cmpuint (n, >=, 7);
      g_assert_cmpstr (columns[n - 5], ==, "yes");
    }

  /* For a reviewer: every page as an image. */
  g_free (run ((const char *[]) { "pdftoppm", "-r", "60", "-png", path, images, NULL }));

  if (n_pages)
    *n_pages = pages;
  return g_steal_pointer (&path);
}

/* The text of pages @first to @last (from 1; 0 for all), with every run of
 * blanks (no-break spaces included) made one space, and case folded. */
static char *
pdf_text (const char *path,
          guint       first,
          guint       last)
{
  g_autofree char *f = g_strdup_printf ("%u", first ? first : 1);
  g_autofree char *l = g_strdup_printf ("%u", last ? last : 100000);
  g_autofree char *raw = run ((const char *[]) { "pdftotext", "-f", f, "-l", l, "-enc", "UTF-8", path, "-", NULL });
  g_autoptr(GRegex) blanks = g_regex_new ("[\\s\\x{00a0}\\x{202f}\\x{2009}]+", G_REGEX_OPTIMIZE, 0, NULL);
  g_autofree char *flat = g_regex_replace_literal (blanks, raw, -1, 0, " ", 0, NULL);

  return g_utf8_casefold (flat, -1);
}

static void
assert_has (const char *text,
            const char *wanted)
{
  g_autoptr(GRegex) blanks = g_regex_new ("[\\s\\x{00a0}\\x{202f}\\x{2009}]+", 0, 0, NULL);
  g_autofree char *flat = g_regex_replace_literal (blanks, wanted, -1, 0, " ", 0, NULL);
  g_autofree char *folded = g_utf8_casefold (flat, -1);

  if (strstr (text, folded) == NULL)
    g_error ("“%s” is not in the sheet:\n%.3000s", wanted, text);
}

static const char *
fr_en (const char *fr,
       const char *en)
{
  return french ? fr : en;
}

/* "6 947 hab. (2021)", from the example as it is now. */
static char *
population (const char *id)
{
  MlgRecord *t = mlg_document_lookup (example, id);
  g_autofree char *n = mlg_typography_integer (mlg_typography_current (), mlg_record_get_int (t, "population", 0));

  return g_strdup_printf ("%s %s (%" G_GINT64_FORMAT ")", n, fr_en ("hab.", "inhab."),
                          mlg_record_get_int (t, "population_year", 0));
}

/* ── The example's sheets ────────────────────────────────────────────── */

static void
test_structure (void)
{
  MlgRecord *structure = mlg_document_lookup (example, "val-horizon");
  g_autoptr(MlgSheet) sheet = mlg_sheet_new_structure (example, structure);
  guint pages;
  g_autofree char *path = export (sheet, "structure-val-horizon", &pages);
  g_autofree char *text = pdf_text (path, 0, 0);
  g_autofree char *last = pdf_text (path, pages, pages);
  const char *headings[] = {
    fr_en ("Fiche structure", "Structure sheet"),
    fr_en ("Présentation et activités", "Presentation and activities"),
    fr_en ("Implantations", "Where it works"),
    fr_en ("Chiffres clés", "Key figures"),
    fr_en ("Relations et partenaires", "Relations and partners"),
    fr_en ("Partenaires par catégorie", "Partners by category"),
    fr_en ("Projets, événements et financements", "Projects, events and funding"),
  };

  /* Identity, presentation, places, figures with their years and
   * sources, relations, projects; French numbers and dates. */
  g_assert_cmpuint (pages, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    assert_has (text, headings[i]);
  assert_has (text, "Val Horizon");
  assert_has (text, fr_en ("Également appelée Val'Horizon", "Also known as Val'Horizon"));
  assert_has (text, "Association trévoltienne fondée en 1989");
  assert_has (text, fr_en ("Trévoux (CC Dombes Saône Vallée, Ain)", "Trévoux (CC Dombes Saône Vallée, Ain)"));
  assert_has (text, "Micro-crèche Par-ci, Par-là");
  assert_has (text, fr_en ("5 000 000 €", "€5,000,000"));
  assert_has (text, fr_en ("4 000 000 €", "€4,000,000"));
  assert_has (text, "2013 2017");
  assert_has (text, "Fiche d'expérience Cap Rural, 2017");
  assert_has (text, fr_en ("Profil du Pôle Dombes Saône (document non daté, rédigé vers 2013 : année estimée)",
                           "Profil du Pôle Dombes Saône (document non daté, rédigé vers 2013 : année estimée)"));
  assert_has (text, fr_en ("depuis 2015", "since 2015"));
  assert_has (text, "Festival « Économie du troisième type »");
  /* Header and footer on every page. */
  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *page = pdf_text (path, p, p);
      g_autofree char *number = g_strdup_printf ("Page %u / %u", p, pages);

      assert_has (page, fr_en ("Fiche structure — Val Horizon", "Structure sheet — Val Horizon"));
      assert_has (page, "Domb'Innov");
      assert_has (page, number);
      assert_has (page, fr_en ("Dernière mise à jour : 10 novembre 2023", "Last update: 10 November 2023"));
    }
  g_assert_nonnull (last);
}

static void
test_structure_small (void)
{
  MlgRecord *structure = mlg_document_lookup (example, "aidvs");
  g_autoptr(MlgSheet) sheet = mlg_sheet_new_structure (example, structure);
  guint pages;
  g_autofree char *path = export (sheet, "structure-aidvs", &pages);
  g_autofree char *text = pdf_text (path, 0, 0);

  g_assert_cmpuint (pages, ==, 1);
  assert_has (text, "A.I.D.V.S.");
  assert_has (text, fr_en ("Entreprise d'insertion intervenant", "Entreprise d'insertion intervenant"));
  /* "Every figure shown says its year": the year heads its column. */
  assert_has (text, fr_en ("Indicateur 2013", "Indicator 2013"));
  assert_has (text, fr_en ("170 000 €", "€170,000"));
  assert_has (text, fr_en ("Dernière mise à jour : 1er janvier 2013", "Last update: 1 January 2013"));
  assert_has (text, "Page 1 / 1");
}

/* How many lines of the "Relations" table of @id's sheet (pdftotext
 * -layout: a table row is a line) name structure @other. */
static guint
relation_lines (const char *id,
                const char *other)
{
  MlgRecord *structure = mlg_document_lookup (example, id);
  g_autoptr(MlgSheet) sheet = mlg_sheet_new_structure (example, structure);
  g_autofree char *name = g_strconcat ("relations-", id, NULL);
  g_autofree char *path = export (sheet, name, NULL);
  g_autofree char *raw = run ((const char *[]) { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL });
  g_autofree char *wanted = mlg_typography_text (mlg_typography_current (),
                                                 mlg_record_get_title (mlg_document_lookup (example, other)));
  g_auto(GStrv) lines = g_strsplit (raw, "\n", -1);
  gboolean inside = FALSE, seen = FALSE;
  guint count = 0;

  for (guint i = 0; lines[i]; i++)
    {
      if (g_str_has_prefix (lines[i], fr_en ("Relations et partenaires", "Relations and partners")))
        inside = seen = TRUE;
      else if (g_str_has_prefix (lines[i], fr_en ("Partenaires par catégorie", "Partners by category")))
        inside = FALSE;
      else if (inside && strstr (lines[i], wanted))
        count++;
    }
  g_assert_true (seen);
  return count;
}

/* A relation both sides declare (a partnership written on each sheet)
 * prints once, with the wording of its direction. */
static void
test_relations_once (void)
{
  static const char *pairs[][2] = {
    { "cae-essain", "elan-creation" },
    { "elan-creation", "cae-essain" },
    { "smictom", "la-recyclerie" },
    { "la-recyclerie", "smictom" },
  };
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_test_message ("%s ~ %s", pairs[i][0], pairs[i][1]);
      g_assert_cmpuint (relation_lines (pairs[i][0], pairs[i][1]), ==, 1);
    }
  /* Two different relations between the same two structures stay two
   * rows: Domb'Innov grew out of Val Horizon, which is a founding member. */
  g_assert_cmpuint (relation_lines ("dombinnov", "val-horizon"), ==, 2);

  /* Each side reads its own direction. */
  {
    g_autoptr(MlgSheet) sheet = mlg_sheet_new_structure (example, mlg_document_lookup (example, "serv-emploi"));
    g_autofree char *path = export (sheet, "relations-serv-emploi", NULL);

    text = pdf_text (path, 0, 0);
    assert_has (text, fr_en ("Structure mère de Serv'domicile", "Parent of Serv'domicile"));
    g_assert_null (strstr (text, fr_en ("filiale de", "subsidiary of")));
    g_clear_pointer (&text, g_free);
  }
  {
    g_autoptr(MlgSheet) sheet = mlg_sheet_new_structure (example, mlg_document_lookup (example, "serv-domicile"));
    g_autofree char *path = export (sheet, "relations-serv-domicile", NULL);

    text = pdf_text (path, 0, 0);
    assert_has (text, fr_en ("Filiale de Serv'emploi", "Subsidiary of Serv'emploi"));
    g_assert_null (strstr (text, fr_en ("structure mère de", "parent of")));
  }
}

static void
test_ptce (void)
{
  g_autoptr(MlgSheet) sheet = mlg_sheet_new_ptce (example);
  guint pages;
  g_autofree char *path = export (sheet, "ptce", &pages);
  g_autofree char *text = pdf_text (path, 0, 0);
  /* The headings of the Cap Rural "fiche d'expérience". */
  const char *headings[] = {
    fr_en ("Fiche d’expérience", "Experience sheet"),
    fr_en ("Contexte et présentation", "Context and presentation"),
    fr_en ("Grandes étapes", "Milestones"),
    fr_en ("Résultats", "Results"),
    fr_en ("Chiffres clés", "Key figures"),
    fr_en ("Points d’intérêt", "Points of interest"),
    fr_en ("Enseignements", "Lessons learned"),
    fr_en ("Pour en savoir plus, contactez", "To find out more, contact"),
    fr_en ("Thématiques", "Themes"),
    fr_en ("Mots clés", "Keywords"),
    fr_en ("Territoire concerné", "Territory concerned"),
    fr_en ("Financements", "Funding"),
    fr_en ("Rédacteur de la fiche", "Author of the sheet"),
    fr_en ("Dernière mise à jour", "Last update"),
  };

  g_assert_cmpuint (pages, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    assert_has (text, headings[i]);
  assert_has (text, "Domb'Innov");
  assert_has (text, "Dombes, Val de Saône et Côtière de l'Ain");
  assert_has (text, "1989 Création de l'association Val Horizon à Trévoux");
  assert_has (text, fr_en ("9 000 000 €", "€9,000,000"));
  assert_has (text, "Fanny Filancia");
  assert_has (text, "Chargée de mission animation, Domb'Innov");
  assert_has (text, "https://www.dombinnov.fr");
  assert_has (text, "04 74 08 71 17");
  assert_has (text, "Hélène Bustos (Adir) pour Cap Rural");
  assert_has (text, fr_en ("10 novembre 2023", "10 November 2023"));
  {
    g_autofree char *people = population ("cc-dombes-saone-vallee");
    assert_has (text, people);
  }
  assert_has (text, "Ventes de prestations");
}

static void
test_territory (void)
{
  MlgRecord *trevoux = mlg_document_lookup (example, "trevoux");
  MlgRecord *epci = mlg_document_lookup (example, "cc-dombes-saone-vallee");
  g_autoptr(MlgSheet) sheet = mlg_sheet_new_territory (example, trevoux);
  g_autoptr(MlgSheet) sheet2 = mlg_sheet_new_territory (example, epci);
  guint pages, pages2;
  g_autofree char *path = export (sheet, "territory-trevoux", &pages);
  g_autofree char *path2 = export (sheet2, "territory-cc-dombes-saone-vallee", &pages2);
  g_autofree char *text = pdf_text (path, 0, 0);
  g_autofree char *text2 = pdf_text (path2, 0, 0);
  const char *headings[] = {
    fr_en ("Fiche territoire", "Territory sheet"),
    fr_en ("Dans l’annuaire", "In the directory"),
    fr_en ("Structures et établissements par pôle", "Structures and establishments by pole"),
    fr_en ("Couverture par les pôles", "Coverage of poles"),
    fr_en ("Chiffres agrégés", "Aggregated figures"),
  };

  g_assert_cmpuint (pages, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    assert_has (text, headings[i]);
  assert_has (text, "Trévoux");
  {
    g_autofree char *people = population ("trevoux");
    g_autofree char *rate = g_strdup_printf ("%s (%" G_GINT64_FORMAT ")", fr_en ("Pour 1 000 hab.", "Per 1,000 inhab."),
                                             mlg_record_get_int (trevoux, "population_year", 0));
    assert_has (text, people);
    assert_has (text, rate);
  }
  assert_has (text, "Le 96");
  assert_has (text, "Tiers-lieu Le 96");

  g_assert_cmpuint (pages2, ==, 2);
  assert_has (text2, fr_en ("Territoires inclus", "Territories within"));
  assert_has (text2, "Communauté de communes Dombes Saône Vallée");
  {
    g_autofree char *people = population ("cc-dombes-saone-vallee");
    assert_has (text2, people);
  }
  assert_has (text2, "Misérieux");
}

/* The contents give, for each structure, the page its fiche begins on:
 * that page's header names it, and the page before is another's. */
static void
test_annuaire (void)
{
  g_autoptr(MlgSheet) sheet = mlg_sheet_new_annuaire (example, NULL);
  g_autoptr(GPtrArray) structures = mlg_sheet_annuaire_structures (example, NULL);
  guint pages, expected = 0, fiche_pages = 0;
  g_autofree char *path = export (sheet, "annuaire", &pages);
  g_autofree char *cover = pdf_text (path, 1, 1);
  g_autofree char *contents = NULL;
  g_autofree char *raw_contents = NULL;
  int previous = 0;
  guint contents_pages;

  g_assert_cmpuint (structures->len, ==, mlg_document_count (example, MLG_KIND_STRUCTURE));
  assert_has (cover, fr_en ("Annuaire des structures", "Directory of structures"));
  assert_has (cover, fr_en ("38 structures dans cet annuaire", "38 structures in this directory"));
  g_assert_null (strstr (cover, "page 1 / "));

  /* The contents: a line per structure ending with its page. */
  contents_pages = mlg_sheet_get_anchor_page (sheet, "structure:aidvs");
  g_assert_cmpuint (contents_pages, >=, 2);
  {
    g_autofree char *f = g_strdup_printf ("%u", contents_pages);
    raw_contents = run ((const char *[]) { "pdftotext", "-layout", "-f", "2", "-l", f, "-enc", "UTF-8", path, "-", NULL });
  }
  contents = g_utf8_casefold (raw_contents, -1);
  assert_has (contents, fr_en ("Sommaire", "Contents"));

  for (guint i = 0; i < structures->len; i++)
    {
      MlgRecord *s = g_ptr_array_index (structures, i);
      g_autoptr(MlgSheet) alone = mlg_sheet_new_structure (example, s);
      g_autofree char *escaped = g_regex_escape_string (mlg_record_get_title (s), -1);
      g_autofree char *pattern = g_strdup_printf ("^\\s*%s\\s.*?\\s(\\d+)\\s*$", escaped);
      g_autofree char *anchor = g_strconcat ("structure:", mlg_record_get_id (s), NULL);
      g_autoptr(GRegex) line = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *number = NULL;
      g_autofree char *first = NULL;
      g_autofree char *header = NULL;
      int page;
      guint alone_pages;

      g_assert_true (g_regex_match (line, raw_contents, 0, &match));
      number = g_match_info_fetch (match, 1);
      page = atoi (number);
      /* In the order of the contents, after the previous one. */
      g_assert_cmpint (page, >, previous);
      g_assert_cmpint (page, ==, mlg_sheet_get_anchor_page (sheet, anchor) + 1);

      first = pdf_text (path, page, page);
      header = g_strdup_printf ("%s — %s", fr_en ("Annuaire", "Directory"), mlg_record_get_title (s));
      assert_has (first, header);
      assert_has (first, fr_en ("Fiche structure", "Structure sheet"));
      {
        g_autofree char *footer = g_strdup_printf ("Page %d / %u", page, pages);
        assert_has (first, footer);
      }
      if (previous > 0)
        {
          g_autofree char *before = pdf_text (path, page - 1, page - 1);
          g_autofree char *folded = g_utf8_casefold (header, -1);
          g_assert_null (strstr (before, folded));
        }

      /* A fiche takes as many pages in the booklet as on its own. */
      alone_pages = mlg_sheet_paginate (alone, MLG_SHEET_A4_WIDTH, MLG_SHEET_A4_HEIGHT);
      if (previous > 0)
        g_assert_cmpint (page - previous, ==, (int) expected);
      expected = alone_pages;
      fiche_pages += alone_pages;
      previous = page;
    }

  /* Cover, contents, the fiches, then the index. */
  {
    int index = mlg_sheet_get_anchor_page (sheet, "index") + 1;
    g_autofree char *text = pdf_text (path, index, pages);

    g_assert_cmpint (index, ==, previous + (int) expected);
    g_assert_cmpuint (pages, ==, 1 + (contents_pages - 1) + fiche_pages + (pages - index + 1));
    assert_has (text, "Index");
    assert_has (text, "AIDVS (A.I.D.V.S.)");
    assert_has (text, fr_en ("Trévoux (commune)", "Trévoux (commune)"));
  }
}

static void
test_annuaire_filtered (void)
{
  MlgSheetFilter filter = { .pole = "pole-economie-circulaire" };
  g_autoptr(MlgSheet) sheet = mlg_sheet_new_annuaire (example, &filter);
  g_autoptr(GPtrArray) structures = mlg_sheet_annuaire_structures (example, &filter);
  guint pages;
  g_autofree char *path = export (sheet, "annuaire-economie-circulaire", &pages);
  g_autofree char *text = pdf_text (path, 0, 0);

  g_assert_cmpuint (structures->len, >, 0);
  g_assert_cmpuint (structures->len, <, mlg_document_count (example, MLG_KIND_STRUCTURE));
  assert_has (text, fr_en ("Pôle : Économie circulaire", "Pole: Économie circulaire"));
  assert_has (text, "La Recyclerie");
  g_assert_null (strstr (text, "annuaire — val horizon"));
}

/* ── Hard cases ──────────────────────────────────────────────────────── */

static MlgDocument *
small_document (MlgRecord **structure,
                const char *name)
{
  MlgDocument *document = mlg_document_new ();

  mlg_document_set_string (document, mlg_document_get_ecosystem (document), "name", "PTCE d'essai");
  *structure = mlg_document_add_record (document, MLG_KIND_STRUCTURE, name);
  return document;
}

/* A 20,000-character description flows onto further pages: a header and
 * a footer on every page, and not a word lost between pages. */
static void
test_long_description (void)
{
  MlgRecord *structure;
  g_autoptr(MlgDocument) document = small_document (&structure, "Structure bavarde");
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(MlgSheet) sheet = NULL;
  g_autofree char *path = NULL;
  g_autofree char *all = NULL;
  guint pages, word = 0;

  while (description->len < 20000)
    {
      g_string_append_printf (description, "Mot%u ", word++);
      if (word % 97 == 0)
        g_string_append (description, "\n\n");
    }
  mlg_document_set_string (document, structure, "description", description->str);
  mlg_document_set_string (document, structure, "last_update", "2024-03-01");
  sheet = mlg_sheet_new_structure (document, structure);
  path = export (sheet, "long-description", &pages);

  g_assert_cmpuint (pages, >=, 4);
  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *page = pdf_text (path, p, p);
      g_autofree char *number = g_strdup_printf ("Page %u / %u", p, pages);

      assert_has (page, fr_en ("Fiche structure — Structure bavarde", "Structure sheet — Structure bavarde"));
      assert_has (page, "PTCE d'essai");
      assert_has (page, number);
      assert_has (page, fr_en ("Dernière mise à jour : 1er mars 2024", "Last update: 1 March 2024"));
    }

  /* Every word, in order. */
  all = pdf_text (path, 0, 0);
  {
    const char *at = all;
    for (guint i = 0; i < word; i++)
      {
        g_autofree char *w = g_strdup_printf ("mot%u ", i);
        const char *found = strstr (at, w);

        if (found == NULL)
          g_error ("word %u is missing or out of order", i);
        at = found + strlen (w);
      }
  }
}

/* A value longer than a page (a thousand themes) is the one table row
 * that splits: between lines, nothing lost, header and footer kept. */
static void
test_tall_row (void)
{
  MlgRecord *structure;
  g_autoptr(MlgDocument) document = small_document (&structure, "Structure foisonnante");
  JsonArray *themes = json_array_new ();
  g_autoptr(MlgSheet) sheet = NULL;
  g_autofree char *path = NULL;
  g_autofree char *all = NULL;
  const char *at;
  guint pages;

  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *theme = g_strdup_printf ("Thème%u", i);
      json_array_add_string_element (themes, theme);
    }
  mlg_document_set_value (document, structure, "themes", json_node_init_array (json_node_alloc (), themes));
  json_array_unref (themes);
  sheet = mlg_sheet_new_structure (document, structure);
  path = export (sheet, "tall-row", &pages);

  g_assert_cmpuint (pages, >=, 2);
  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *page = pdf_text (path, p, p);
      g_autofree char *number = g_strdup_printf ("Page %u / %u", p, pages);

      assert_has (page, "Structure foisonnante");
      assert_has (page, number);
    }
  all = pdf_text (path, 0, 0);
  at = all;
  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *w = g_strdup_printf ("thème%u,", i);
      const char *found = strstr (at, w);

      if (found == NULL && i == 1499)
        found = strstr (at, "thème1499");
      if (found == NULL)
        g_error ("theme %u is missing or out of order", i);
      at = found + strlen ("thème");
    }
}

/* A structure with nothing but its name still gives a tidy sheet. */
static void
test_empty_structure (void)
{
  MlgRecord *structure;
  g_autoptr(MlgDocument) document = small_document (&structure, "Structure vide");
  g_autoptr(MlgSheet) sheet = mlg_sheet_new_structure (document, structure);
  guint pages;
  g_autofree char *path = export (sheet, "empty-structure", &pages);
  g_autofree char *text = pdf_text (path, 0, 0);

  g_assert_cmpuint (pages, ==, 1);
  assert_has (text, "Structure vide");
  assert_has (text, fr_en ("Rien d’autre n’est encore renseigné sur cette structure.",
                           "Nothing more is recorded about this structure yet."));
  assert_has (text, fr_en ("Dernière mise à jour : non précisée", "Last update: not given"));
  assert_has (text, "Page 1 / 1");
  g_assert_null (strstr (text, "(null)"));
}

/* Names and texts holding markup or printf directives print literally. */
static void
test_literal_text (void)
{
  const char *name = "<b>Tom & Jerry</b> 100%s %d %n &amp;";
  MlgRecord *structure;
  g_autoptr(MlgDocument) document = small_document (&structure, name);
  g_autoptr(MlgSheet) sheet = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint pages;

  mlg_document_set_string (document, mlg_document_get_ecosystem (document), "name", "Éco <i>système</i> & %s");
  mlg_document_set_string (document, structure, "description", "Une <span foreground=\"red\">description</span> à 50 % & %s%s%n.");
  {
    JsonArray *activities = json_array_new ();
    json_array_add_string_element (activities, "<u>souligné</u> & %x");
    mlg_document_set_value (document, structure, "activities", json_node_init_array (json_node_alloc (), activities));
    json_array_unref (activities);
  }
  sheet = mlg_sheet_new_structure (document, structure);
  path = export (sheet, "literal-text", &pages);
  text = pdf_text (path, 0, 0);

  assert_has (text, name);
  assert_has (text, "Éco <i>système</i> & %s");
  assert_has (text, "Une <span foreground=\"red\">description</span> à 50 % & %s%s%n.");
  assert_has (text, "<u>souligné</u> & %x");
}

/* The renderer draws on any cairo_t and any page size: an image surface
 * scaled as a print preview would be, and US Letter. */
static void
test_any_surface (void)
{
  g_autoptr(MlgSheet) sheet = mlg_sheet_new_structure (example, mlg_document_lookup (example, "val-horizon"));
  guint a4 = mlg_sheet_paginate (sheet, MLG_SHEET_A4_WIDTH, MLG_SHEET_A4_HEIGHT);
  guint letter = mlg_sheet_paginate (sheet, 612, 792);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 612 * 1.5, 792 * 1.5);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *png = output_path ("letter-preview", ".png");

  g_assert_cmpuint (a4, >=, 1);
  g_assert_cmpuint (letter, >=, 1);
  g_assert_cmpuint (mlg_sheet_get_n_pages (sheet), ==, letter);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 1.5, 1.5);
  mlg_sheet_draw_page (sheet, cr, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The command line's choices, with clear errors. */
static void
test_spec (void)
{
  MlgSheetFilter none = { 0 };
  MlgSheetFilter bad_pole = { .pole = "pole-inconnu" };
  MlgSheetFilter circle = { .circle = "founding_member" };
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgSheet) sheet = NULL;

  sheet = mlg_sheet_new_for_spec (example, "structure:le-96", &none, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (mlg_sheet_get_title (sheet), "Le 96"));
  g_clear_object (&sheet);

  sheet = mlg_sheet_new_for_spec (example, "structure:val-horison", &none, &error);
  g_assert_null (sheet);
  g_assert_error (error, MLG_SHEETS_ERROR, MLG_SHEETS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "val-horison"));
  g_clear_error (&error);

  sheet = mlg_sheet_new_for_spec (example, "annuaire", &bad_pole, &error);
  g_assert_error (error, MLG_SHEETS_ERROR, MLG_SHEETS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  sheet = mlg_sheet_new_for_spec (example, "ptce", &circle, &error);
  g_assert_error (error, MLG_SHEETS_ERROR, MLG_SHEETS_ERROR_INVALID_SPEC);
  g_clear_error (&error);

  sheet = mlg_sheet_new_for_spec (example, "fiche", &none, &error);
  g_assert_error (error, MLG_SHEETS_ERROR, MLG_SHEETS_ERROR_INVALID_SPEC);
  g_clear_error (&error);

  sheet = mlg_sheet_new_for_spec (example, NULL, &circle, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sheet);
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("MAILLAGE_LOCALEDIR");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  french = mlg_typography_current () == MLG_TYPOGRAPHY_FRENCH;
  if (g_strcmp0 (g_getenv ("MAILLAGE_EXPECT_FRENCH"), "1") == 0 && !french)
    g_error ("the French translation was not found in %s", localedir);

  path = g_build_filename (g_getenv ("MAILLAGE_SOURCE_ROOT"), "data", "examples", "dombinnov.maillage", NULL);
  file = g_file_new_for_path (path);
  example = mlg_document_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/sheets/structure", test_structure);
  g_test_add_func ("/sheets/structure-small", test_structure_small);
  g_test_add_func ("/sheets/relations-once", test_relations_once);
  g_test_add_func ("/sheets/ptce", test_ptce);
  g_test_add_func ("/sheets/territory", test_territory);
  g_test_add_func ("/sheets/annuaire", test_annuaire);
  g_test_add_func ("/sheets/annuaire-filtered", test_annuaire_filtered);
  g_test_add_func ("/sheets/long-description", test_long_description);
  g_test_add_func ("/sheets/tall-row", test_tall_row);
  g_test_add_func ("/sheets/empty-structure", test_empty_structure);
  g_test_add_func ("/sheets/literal-text", test_literal_text);
  g_test_add_func ("/sheets/any-surface", test_any_surface);
  g_test_add_func ("/sheets/spec", test_spec);

  status = g_test_run ();
  g_object_unref (example);
  return status;
}
