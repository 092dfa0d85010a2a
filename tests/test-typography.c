/* test-typography.c — French and English conventions of the printed sheets */
#include <string.h>

#include "mlg-typography.h"

#define FR MLG_TYPOGRAPHY_FRENCH
#define EN MLG_TYPOGRAPHY_ENGLISH
#define NBSP MLG_NBSP
#define NNBSP MLG_NNBSP

static void
check (char       *got,
       const char *expected)
{
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

static void
test_numbers (void)
{
  check (mlg_typography_integer (FR, 170000), "170" NNBSP "000");
  check (mlg_typography_integer (FR, 5000000), "5" NNBSP "000" NNBSP "000");
  check (mlg_typography_integer (FR, 999), "999");
  check (mlg_typography_integer (FR, 1000), "1" NNBSP "000");
  check (mlg_typography_integer (FR, 0), "0");
  check (mlg_typography_integer (FR, -1234), "−1" NNBSP "234");
  check (mlg_typography_integer (FR, G_MININT64), "−9" NNBSP "223" NNBSP "372" NNBSP "036" NNBSP "854" NNBSP "775" NNBSP "808");
  check (mlg_typography_integer (EN, 170000), "170,000");
  check (mlg_typography_integer (EN, 12), "12");

  check (mlg_typography_number (FR, 2.5, 2), "2,5");
  check (mlg_typography_number (FR, 2.0, 2), "2");
  check (mlg_typography_number (FR, 1234.567, 2), "1" NNBSP "234,57");
  check (mlg_typography_number (FR, -0.001, 2), "0");
  check (mlg_typography_number (EN, 1234.5, 2), "1,234.5");
  check (mlg_typography_number (EN, 9000000, 2), "9,000,000");
  check (mlg_typography_fixed (FR, 0.1, 2), "0,10");
  check (mlg_typography_fixed (FR, 0, 2), "0,00");
  check (mlg_typography_fixed (FR, 1234.5, 2), "1" NNBSP "234,50");
  check (mlg_typography_fixed (EN, 0.05, 2), "0.05");
}

static void
test_amounts (void)
{
  /* "170 000 €": grouped by a narrow no-break space, a no-break space
   * before the sign. */
  check (mlg_typography_amount (FR, 170000), "170" NNBSP "000" NBSP "€");
  check (mlg_typography_amount (FR, 12.5), "12,50" NBSP "€");
  check (mlg_typography_amount (EN, 170000), "€170,000");
  check (mlg_typography_amount (EN, 12.5), "€12.50");
  check (mlg_typography_quantity (FR, 170000, "€"), "170" NNBSP "000" NBSP "€");
  check (mlg_typography_quantity (FR, 20, "structures"), "20" NBSP "structures");
  check (mlg_typography_quantity (FR, 2.5, NULL), "2,5");
  check (mlg_typography_quantity (EN, 1500, "tonnes"), "1,500" NBSP "tonnes");
}

static void
test_dates (void)
{
  check (mlg_typography_date (FR, "2023-11-10"), "10" NBSP "novembre" NBSP "2023");
  check (mlg_typography_date (FR, "2017-09-01"), "1er" NBSP "septembre" NBSP "2017");
  check (mlg_typography_date (FR, "2024-08-15"), "15" NBSP "août" NBSP "2024");
  check (mlg_typography_date (EN, "2023-11-10"), "10" NBSP "November 2023");
  /* Not a date: left as it is. */
  check (mlg_typography_date (FR, "2023-02-30"), "2023-02-30");
  check (mlg_typography_date (FR, "soon"), "soon");
  check (mlg_typography_date (FR, "2023-11-10x"), "2023-11-10x");
}

static void
test_punctuation (void)
{
  /* No-break spaces before ; : ! ? (narrow ones, but a full one before
   * the colon), inside « », whether or not the text had spaces. */
  check (mlg_typography_text (FR, "Contact : Fanny"), "Contact" NBSP ": Fanny");
  check (mlg_typography_text (FR, "Contact: Fanny"), "Contact" NBSP ": Fanny");
  check (mlg_typography_text (FR, "Vraiment ? Oui ! Bien ; merci"),
         "Vraiment" NNBSP "? Oui" NNBSP "! Bien" NNBSP "; merci");
  check (mlg_typography_text (FR, "Quoi?!"), "Quoi" NNBSP "?!");
  check (mlg_typography_text (FR, "le festival « Économie du troisième type »"),
         "le festival «" NBSP "Économie du troisième type" NBSP "»");
  check (mlg_typography_text (FR, "«Start-up»"), "«" NBSP "Start-up" NBSP "»");
  /* URLs, times, ratios and lists of ids are left alone. */
  check (mlg_typography_text (FR, "https://www.dombinnov.fr/?a=1"), "https://www.dombinnov.fr/?a=1");
  check (mlg_typography_text (FR, "à 10:30"), "à 10:30");
  check (mlg_typography_text (FR, "structure:val-horizon"), "structure:val-horizon");
  /* Groups of thousands stay on one line; phone numbers and years don't
   * count as such. */
  check (mlg_typography_text (FR, "environ 75 000 habitants"), "environ 75" NNBSP "000 habitants");
  check (mlg_typography_text (FR, "5 000 000 d'euros"), "5" NNBSP "000" NNBSP "000 d'euros");
  check (mlg_typography_text (FR, "04 74 08 71 17"), "04 74 08 71 17");
  check (mlg_typography_text (FR, "En 2012 300 emplois"), "En 2012 300 emplois");
  /* English text is left as written. */
  check (mlg_typography_text (EN, "Contact : Fanny « x »"), "Contact : Fanny « x »");
  /* Markup and directives are only characters. */
  check (mlg_typography_text (FR, "<b>%s & %n</b>"), "<b>%s & %n</b>");
  check (mlg_typography_text (FR, "Tom &amp; Jerry &#38;"), "Tom &amp; Jerry &#38;");
  check (mlg_typography_text (FR, ""), "");
  check (mlg_typography_text (FR, NULL), "");
}

static void
test_labels_and_identifiers (void)
{
  check (mlg_typography_label (FR, "Téléphone"), "Téléphone" NBSP ": ");
  check (mlg_typography_label (EN, "Phone"), "Phone: ");
  check (mlg_typography_quote (FR, "Le 96"), "«" NBSP "Le 96" NBSP "»");
  check (mlg_typography_quote (EN, "Le 96"), "“Le 96”");
  check (mlg_typography_phone ("04 74 08 71 17"), "04" NBSP "74" NBSP "08" NBSP "71" NBSP "17");
  check (mlg_typography_siret ("12345678900012"), "123" NBSP "456" NBSP "789" NBSP "00012");
  check (mlg_typography_siret ("123 456 789"), "123" NBSP "456" NBSP "789");
  check (mlg_typography_siret ("n/a"), "n/a");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/typography/numbers", test_numbers);
  g_test_add_func ("/typography/amounts", test_amounts);
  g_test_add_func ("/typography/dates", test_dates);
  g_test_add_func ("/typography/punctuation", test_punctuation);
  g_test_add_func ("/typography/labels-and-identifiers", test_labels_and_identifiers);

  return g_test_run ();
}
