/* test-validate.c — unit tests of the field checks (mlg-validate.c)
 *
 * Every vector is checked twice: with a message pointer (a valid text must
 * leave it NULL, an invalid one must set a non-empty sentence, containing
 * the expected words when the vector names some) and with message == NULL.
 * Check digits of the SIREN/SIRET vectors were computed, not guessed.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "mlg-validate.h"

typedef gboolean (*TextCheck) (const char *text, char **message);
typedef gboolean (*NumberCheck) (double value, char **message);

typedef struct {
  const char *text;
  gboolean    valid;
  const char *expect;  /* invalid only: a substring of the message, or NULL */
} TextVector;

#define VALID(t)        { t, TRUE, NULL }
#define INVALID(t)      { t, FALSE, NULL }
#define INVALID_SAYS(t, m) { t, FALSE, m }

/* Checks the message contract shared by all validators. */
static void
check_outcome (const char *name,
               const char *shown,
               gboolean    ok,
               gboolean    ok_without_message,
               char       *message,
               gboolean    expected_valid,
               const char *expect)
{
  if (ok != expected_valid)
    g_test_fail_printf ("%s (%s) returned %s, expected %s; message: %s",
                        name, shown, ok ? "TRUE" : "FALSE",
                        expected_valid ? "TRUE" : "FALSE",
                        message != NULL ? message : "(none)");
  else if (ok_without_message != ok)
    g_test_fail_printf ("%s (%s) gives another result with message == NULL",
                        name, shown);
  else if (ok && message != NULL)
    g_test_fail_printf ("%s (%s) is valid but set a message: %s",
                        name, shown, message);
  else if (!ok && (message == NULL || *message == '\0'))
    g_test_fail_printf ("%s (%s) is invalid but set no message", name, shown);
  else if (!ok && expect != NULL && strstr (message, expect) == NULL)
    g_test_fail_printf ("%s (%s): message \"%s\" lacks \"%s\"",
                        name, shown, message, expect);

  g_free (message);
}

static void
check_texts (const char       *name,
             TextCheck         check,
             const TextVector *vectors,
             gsize             n_vectors)
{
  for (gsize i = 0; i < n_vectors; i++)
    {
      const TextVector *v = &vectors[i];
      g_autofree char *shown = v->text != NULL
        ? g_strdup_printf ("\"%s\"", v->text) : g_strdup ("NULL");
      char *message = NULL;
      gboolean ok = check (v->text, &message);
      gboolean ok2 = check (v->text, NULL);

      check_outcome (name, shown, ok, ok2, message, v->valid, v->expect);
    }
}

#define CHECK_TEXTS(fn, vectors) \
  check_texts (#fn, fn, vectors, G_N_ELEMENTS (vectors))

/* ── SIREN and SIRET ─────────────────────────────────────────────────── */

static void
test_siren (void)
{
  static const TextVector vectors[] = {
    /* Real SIRENs, Luhn checked. */
    VALID ("732829320"),
    VALID ("552100554"),
    VALID ("542051180"),
    VALID ("443061841"),
    VALID ("130025265"),
    VALID ("356000000"),            /* La Poste: passes Luhn too */
    /* Blanks and digit grouping. */
    VALID ("732 829 320"),
    VALID ("732.829.320"),
    VALID ("732-829-320"),
    VALID ("732\u00a0829\u00a0320"),   /* no-break space */
    VALID ("732\u202f829\u202f320"),   /* narrow no-break space */
    VALID (" \t732829320\n"),
    VALID ("\u00a0732829320\u00a0"),
    /* Check digit. */
    INVALID_SAYS ("732829321", "Luhn"),
    INVALID_SAYS ("123456789", "Luhn"),
    /* All zeros passes Luhn but is no SIREN. */
    INVALID_SAYS ("000000000", "zeros"),
    INVALID_SAYS ("000 000 000", "zeros"),
    /* Lengths. */
    INVALID_SAYS ("73282932", "this one has 8"),
    INVALID_SAYS ("7328293200", "this one has 10"),
    INVALID_SAYS ("73282932000074", "this one has 14"),
    /* Letters and other characters. */
    INVALID_SAYS ("73282932O", "only digits"),
    INVALID ("SIREN 732829320"),
    INVALID ("732_829_320"),
    INVALID ("732/829/320"),
    INVALID ("７３２８２９３２０"),        /* full-width digits */
    /* Empty, blank, missing, not UTF-8. */
    INVALID_SAYS ("", "empty"),
    INVALID_SAYS ("   ", "empty"),
    INVALID (NULL),
    INVALID ("\xff\xfe"),
  };

  CHECK_TEXTS (mlg_validate_siren, vectors);
}

static void
test_siret (void)
{
  static const TextVector vectors[] = {
    VALID ("73282932000074"),
    VALID ("54205118000066"),
    VALID ("55210055400013"),
    VALID ("44306184100047"),
    VALID ("732 829 320 00074"),
    VALID ("732.829.320.00074"),
    VALID ("732\u00a0829\u00a0320\u00a000074"),
    VALID ("  73282932000074  "),
    /* La Poste: the 14 digits add up to a multiple of 5, Luhn fails. */
    VALID ("35600000049837"),       /* sum 45 */
    VALID ("35600000000015"),       /* sum 20 */
    VALID ("35600000000001"),       /* sum 15 */
    VALID ("356 000 000 49837"),
    /* La Poste numbers that pass Luhn (sum not a multiple of 5) are
     * accepted too: the head office's is one of them. */
    VALID ("35600000000048"),       /* head office: Luhn, sum 26 */
    VALID ("35600000000014"),       /* Luhn, sum 19 */
    /* La Poste numbers that pass neither rule. */
    INVALID_SAYS ("35600000000013", "multiple of 5"),   /* sum 18 */
    INVALID_SAYS ("35600000000002", "multiple of 5"),   /* sum 16 */
    INVALID_SAYS ("35600000012345", "multiple of 5"),   /* sum 29 */
    /* Check digits. */
    INVALID_SAYS ("73282932000075", "Luhn"),
    INVALID_SAYS ("12345678900007", "SIREN part"),  /* SIRET Luhn ok, SIREN not */
    /* Zeros. */
    INVALID_SAYS ("00000000000000", "zeros"),
    INVALID_SAYS ("00000000000018", "zeros"),  /* Luhn ok, SIREN part zero */
    /* Lengths. */
    INVALID_SAYS ("732829320", "this one has 9"),
    INVALID_SAYS ("732829320000", "this one has 12"),
    INVALID_SAYS ("7328293200007", "this one has 13"),
    INVALID_SAYS ("732829320000740", "this one has 15"),
    /* Letters. */
    INVALID_SAYS ("7328293200007A", "only digits"),
    INVALID ("SIRET73282932000074"),
    INVALID_SAYS ("", "empty"),
    INVALID (NULL),
  };

  CHECK_TEXTS (mlg_validate_siret, vectors);
}

static void
test_siren_or_siret (void)
{
  static const TextVector vectors[] = {
    VALID ("732829320"),
    VALID ("73282932000074"),
    VALID ("732 829 320 00074"),
    VALID ("356000000"),
    VALID ("35600000049837"),
    VALID ("35600000000048"),
    INVALID_SAYS ("732829321", "Luhn"),
    INVALID_SAYS ("73282932000075", "Luhn"),
    INVALID_SAYS ("35600000000013", "multiple of 5"),
    INVALID_SAYS ("000000000", "zeros"),
    INVALID_SAYS ("00000000000000", "zeros"),
    INVALID_SAYS ("1234567890", "this one has 10"),
    INVALID_SAYS ("73282932", "this one has 8"),
    INVALID_SAYS ("732829320000", "this one has 12"),
    INVALID_SAYS ("73282932x", "only digits"),
    INVALID_SAYS ("", "empty"),
    INVALID (NULL),
  };

  CHECK_TEXTS (mlg_validate_siren_or_siret, vectors);
}

/* ── RNA ─────────────────────────────────────────────────────────────── */

static void
test_rna (void)
{
  static const TextVector vectors[] = {
    VALID ("W012345678"),
    VALID ("w012345678"),
    VALID ("W691234567"),
    VALID (" W012345678 "),
    VALID ("W 012 345 678"),
    INVALID_SAYS ("W12345678", "9 digits"),
    INVALID_SAYS ("W0123456789", "9 digits"),
    INVALID_SAYS ("W01234567A", "9 digits"),
    INVALID_SAYS ("W2A1234567", "9 digits"),  /* older form, refused */
    INVALID_SAYS ("012345678", "W"),
    INVALID_SAYS ("X012345678", "W"),
    INVALID ("W"),
    INVALID_SAYS ("", "empty"),
    INVALID (NULL),
  };

  CHECK_TEXTS (mlg_validate_rna, vectors);
}

/* ── INSEE commune code ──────────────────────────────────────────────── */

static void
test_insee_commune (void)
{
  static const TextVector vectors[] = {
    VALID ("01427"),      /* Trévoux */
    VALID ("01001"),
    VALID ("75056"),      /* Paris */
    VALID ("69123"),      /* Lyon */
    VALID ("95127"),
    VALID ("19275"),
    VALID ("21231"),
    VALID ("2A004"),      /* Ajaccio */
    VALID ("2a004"),
    VALID ("2B033"),      /* Bastia */
    VALID ("2b033"),
    VALID ("97411"),      /* Saint-Denis (La Réunion) */
    VALID ("97101"),
    VALID ("97611"),      /* Mamoudzou */
    VALID ("97502"),      /* Saint-Pierre */
    VALID ("97701"),      /* Saint-Barthélemy */
    VALID ("97801"),      /* Saint-Martin */
    VALID ("98735"),      /* Papeete */
    VALID ("98818"),      /* Nouméa */
    VALID (" 01427 "),
    INVALID_SAYS ("20004", "2A or 2B"),
    INVALID_SAYS ("00123", "00"),
    INVALID ("96001"),
    INVALID ("97001"),
    INVALID ("97011"),
    INVALID ("97911"),
    INVALID ("98411"),
    INVALID ("99100"),    /* a country code, not a commune */
    INVALID_SAYS ("01000", "zero"),
    INVALID_SAYS ("2A000", "zero"),
    INVALID_SAYS ("97400", "zero"),
    INVALID ("2C004"),
    INVALID ("2A04"),
    INVALID ("2A0045"),
    INVALID ("2A00X"),
    INVALID ("0142"),
    INVALID ("014270"),
    INVALID ("01 427"),
    INVALID ("ABCDE"),
    INVALID_SAYS ("", "empty"),
    INVALID (NULL),
  };

  CHECK_TEXTS (mlg_validate_insee_commune, vectors);
}

/* ── Postcode ────────────────────────────────────────────────────────── */

static void
test_postcode (void)
{
  static const TextVector vectors[] = {
    VALID ("01600"),      /* Trévoux */
    VALID ("20000"),      /* Ajaccio */
    VALID ("20090"),
    VALID ("20600"),      /* Bastia */
    VALID ("75001"),
    VALID ("97400"),
    VALID ("97600"),
    VALID ("98000"),      /* Monaco */
    VALID ("98800"),
    VALID (" 69007\t"),
    INVALID_SAYS ("00000", "00"),
    INVALID_SAYS ("00100", "00"),
    INVALID_SAYS ("99000", "01 to 98"),
    INVALID_SAYS ("1600", "this one has 4"),
    INVALID_SAYS ("016000", "this one has 6"),
    INVALID_SAYS ("01 600", "only digits"),
    INVALID ("AB123"),
    INVALID ("2A000"),
    INVALID_SAYS ("", "empty"),
    INVALID (NULL),
  };

  CHECK_TEXTS (mlg_validate_postcode, vectors);
}

/* ── E-mail ──────────────────────────────────────────────────────────── */

static void
test_email (void)
{
  static const TextVector vectors[] = {
    VALID ("contact@dombinnov.fr"),
    VALID ("  jean.dupont+asso@example.org "),
    VALID ("a@b.co"),
    VALID ("x@sub.domain-name.example.fr"),
    VALID ("élise@société.fr"),
    VALID ("CONTACT@EXAMPLE.FR"),
    VALID ("user@xn--socit-esab.fr"),
    VALID ("a1@123.example.com"),
    INVALID_SAYS ("contact", "@"),
    INVALID_SAYS ("contact.dombinnov.fr", "@"),
    INVALID_SAYS ("contact@", "after the @"),
    INVALID_SAYS ("@example.fr", "before the @"),
    INVALID_SAYS ("a@@example.fr", "only one @"),
    INVALID_SAYS ("a@b@example.fr", "only one @"),
    INVALID_SAYS ("jean dupont@example.fr", "spaces"),
    INVALID_SAYS ("jean@exam ple.fr", "spaces"),
    INVALID_SAYS ("a@example", "dot"),
    INVALID_SAYS ("a@example.f", "2 characters"),
    INVALID_SAYS ("a@example..fr", "empty part"),
    INVALID_SAYS ("a@.example.fr", "empty part"),
    INVALID_SAYS ("a@example.fr.", "empty part"),
    INVALID_SAYS ("a@-example.fr", "hyphen"),
    INVALID_SAYS ("a@example-.fr", "hyphen"),
    INVALID_SAYS ("a@exa_mple.fr", "_"),
    INVALID_SAYS ("a@example.fr;", ";"),
    INVALID_SAYS ("a@example.123", "number"),
    INVALID ("Jean <jean@example.fr>"),
    INVALID_SAYS ("", "empty"),
    INVALID (NULL),
  };

  CHECK_TEXTS (mlg_validate_email, vectors);
}

/* ── Phone ───────────────────────────────────────────────────────────── */

static void
test_phone (void)
{
  static const TextVector vectors[] = {
    VALID ("04 74 08 71 17"),
    VALID ("0474087117"),
    VALID ("04.74.08.71.17"),
    VALID ("04-74-08-71-17"),
    VALID ("04\u00a074\u00a008\u00a071\u00a017"),
    VALID ("04\u202f74\u202f08\u202f71\u202f17"),
    VALID ("  06 12 34 56 78\n"),
    VALID ("09 72 12 34 56"),
    VALID ("+33 4 74 08 71 17"),
    VALID ("+33474087117"),
    VALID ("+33 (0)4 74 08 71 17"),
    VALID ("+33(0)474087117"),
    VALID ("+41 22 123 45 67"),
    VALID ("+44 (0)20 7946 0958"),
    VALID ("+1 (555) 123-4567"),
    VALID ("+262 262 12 34 56"),   /* La Réunion */
    VALID ("+123456"),             /* 6 digits: the E.164 floor kept here */
    VALID ("+123456789012345"),    /* 15 digits: the E.164 ceiling */
    /* +33 followed by the national 0 dials a wrong number: refused, the
     * message says to drop the 0 or bracket it as (0). */
    INVALID_SAYS ("+33 04 74 08 71 17", "(0)"),
    INVALID_SAYS ("+33 4 74 08 71", "9 digits"),
    INVALID_SAYS ("+33 4 74 08 71 17 1", "9 digits"),
    INVALID_SAYS ("0033 4 74 08 71 17", "+"),
    INVALID_SAYS ("12345", "10 digits"),
    INVALID_SAYS ("04 74 08 71 1", "this one has 9"),
    INVALID_SAYS ("04 74 08 71 170", "this one has 11"),
    INVALID_SAYS ("1474087117", "starts with 0"),
    INVALID_SAYS ("3949", "full phone number"),
    INVALID_SAYS ("15", "full phone number"),
    INVALID_SAYS ("112", "full phone number"),
    INVALID_SAYS ("+12345", "6 to 15"),
    INVALID_SAYS ("+1234567890123456", "6 to 15"),
    INVALID_SAYS ("+0 474 08 71 17", "country code"),
    INVALID ("04 74 08 71 17 poste 12"),
    INVALID ("04+74087117"),
    INVALID ("++33474087117"),
    INVALID ("(04) 74 08 71 17"),
    INVALID ("04 74 08 71 17 (0)"),
    INVALID ("+"),
    INVALID ("tel"),
    INVALID_SAYS ("", "empty"),
    INVALID (NULL),
  };

  CHECK_TEXTS (mlg_validate_phone, vectors);
}

/* ── Web address ─────────────────────────────────────────────────────── */

static void
test_url (void)
{
  static const TextVector vectors[] = {
    VALID ("https://www.dombinnov.fr"),
    VALID ("http://www.dombinnov.fr/"),
    VALID ("https://www.dombinnov.fr/contact?lang=fr#form"),
    VALID ("HTTPS://Example.FR/Path"),
    VALID ("https://example.fr:8443/x"),
    VALID ("http://localhost"),
    VALID ("http://localhost:8080/x"),
    VALID ("http://192.168.1.10/"),
    VALID ("https://société.fr"),
    VALID ("  https://www.dombinnov.fr  "),
    /* The bare form people write. */
    VALID ("www.dombinnov.fr"),
    VALID ("dombinnov.fr"),
    VALID ("dombinnov.fr/contact"),
    INVALID_SAYS ("not a url", "spaces"),
    INVALID_SAYS ("http://exa mple.fr", "spaces"),
    INVALID ("http://"),
    INVALID ("https://"),
    INVALID ("https:///path"),
    INVALID_SAYS ("ftp://example.fr", "http://"),
    INVALID_SAYS ("mailto://example.fr", "http://"),
    INVALID_SAYS ("http://example", "dot"),
    INVALID_SAYS ("example", "dot"),
    INVALID_SAYS ("localhost", "dot"),    /* bare: needs a dot */
    INVALID_SAYS ("contact@dombinnov.fr", "e-mail"),
    INVALID_SAYS ("http://-example.fr", "hyphen"),
    INVALID ("http://example..fr"),
    INVALID ("www.example.f"),
    INVALID ("http://example.fr:port"),
    INVALID ("javascript:alert(1)"),
    INVALID_SAYS ("", "empty"),
    INVALID (NULL),
  };

  CHECK_TEXTS (mlg_validate_url, vectors);
}

/* ── Dates and numbers ───────────────────────────────────────────────── */

static gint64
current_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now);
}

static void
test_date (void)
{
  static const TextVector vectors[] = {
    VALID ("2023-11-10"),
    VALID (" 2024-02-29 "),
    VALID ("2000-02-29"),
    VALID ("1800-01-01"),
    VALID ("1989-12-31"),
    INVALID_SAYS ("2023-02-30", "does not exist"),
    INVALID_SAYS ("2023-02-29", "does not exist"),
    INVALID_SAYS ("1900-02-29", "does not exist"),
    INVALID_SAYS ("2023-13-01", "does not exist"),
    INVALID_SAYS ("2023-00-10", "does not exist"),
    INVALID_SAYS ("2023-11-00", "does not exist"),
    INVALID_SAYS ("2023-04-31", "does not exist"),
    INVALID_SAYS ("0000-01-01", "does not exist"),
    INVALID_SAYS ("1500-01-01", "plausible"),
    INVALID_SAYS ("3024-01-01", "plausible"),
    INVALID_SAYS ("10/11/2023", "YYYY-MM-DD"),
    INVALID_SAYS ("2023/11/10", "YYYY-MM-DD"),
    INVALID_SAYS ("2023-11-1", "YYYY-MM-DD"),
    INVALID_SAYS ("20231110", "YYYY-MM-DD"),
    INVALID_SAYS ("2023-11-10T00:00", "YYYY-MM-DD"),
    INVALID_SAYS ("+023-11-10", "YYYY-MM-DD"),
    INVALID_SAYS ("", "empty"),
    INVALID (NULL),
  };
  gint64 year = current_year ();
  g_autofree char *last = g_strdup_printf ("%" G_GINT64_FORMAT "-12-31", year + 10);
  g_autofree char *beyond = g_strdup_printf ("%" G_GINT64_FORMAT "-01-01", year + 11);
  const TextVector moving[] = {
    VALID (last),
    INVALID_SAYS (beyond, "plausible"),
  };

  CHECK_TEXTS (mlg_validate_date, vectors);
  CHECK_TEXTS (mlg_validate_date, moving);
}

static void
check_year (gint64   year,
            gboolean expected_valid,
            const char *expect)
{
  g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, year);
  char *message = NULL;
  gboolean ok = mlg_validate_year (year, &message);
  gboolean ok2 = mlg_validate_year (year, NULL);

  check_outcome ("mlg_validate_year", shown, ok, ok2, message, expected_valid, expect);
}

static void
test_year (void)
{
  gint64 year = current_year ();

  check_year (1800, TRUE, NULL);
  check_year (1989, TRUE, NULL);
  check_year (year, TRUE, NULL);
  check_year (year + 10, TRUE, NULL);
  check_year (3024, FALSE, "The year 3024 is not plausible");
  check_year (1500, FALSE, "1500");
  check_year (1799, FALSE, "1800");
  check_year (year + 11, FALSE, "plausible");
  check_year (0, FALSE, "plausible");
  check_year (-5, FALSE, "-5");
  check_year (G_MAXINT64, FALSE, "plausible");
  check_year (G_MININT64, FALSE, "plausible");
}

static void
check_number (const char  *name,
              NumberCheck  check,
              double       value,
              gboolean     expected_valid,
              const char  *expect)
{
  g_autofree char *shown = g_strdup_printf ("%g", value);
  char *message = NULL;
  gboolean ok = check (value, &message);
  gboolean ok2 = check (value, NULL);

  check_outcome (name, shown, ok, ok2, message, expected_valid, expect);
}

#define CHECK_COUNT(v, ok, m)  check_number ("mlg_validate_count", mlg_validate_count, v, ok, m)
#define CHECK_AMOUNT(v, ok, m) check_number ("mlg_validate_amount", mlg_validate_amount, v, ok, m)

static void
test_count (void)
{
  CHECK_COUNT (0, TRUE, NULL);
  CHECK_COUNT (-0.0, TRUE, NULL);
  CHECK_COUNT (1, TRUE, NULL);
  CHECK_COUNT (12, TRUE, NULL);
  CHECK_COUNT (1e6, TRUE, NULL);
  CHECK_COUNT (1e300, TRUE, NULL);   /* beyond 2^53 every double is whole */
  CHECK_COUNT (-1, FALSE, "negative");
  CHECK_COUNT (-1e300, FALSE, "negative");
  CHECK_COUNT (2.5, FALSE, "whole");
  CHECK_COUNT (0.1, FALSE, "whole");
  CHECK_COUNT (4503599627370495.5, FALSE, "whole");
  CHECK_COUNT (NAN, FALSE, "finite");
  CHECK_COUNT (INFINITY, FALSE, "finite");
  CHECK_COUNT (-INFINITY, FALSE, "finite");
}

static void
test_amount (void)
{
  CHECK_AMOUNT (0, TRUE, NULL);
  CHECK_AMOUNT (-0.0, TRUE, NULL);
  CHECK_AMOUNT (0.01, TRUE, NULL);
  CHECK_AMOUNT (12.5, TRUE, NULL);
  CHECK_AMOUNT (1e9, TRUE, NULL);
  CHECK_AMOUNT (-0.01, FALSE, "negative");
  CHECK_AMOUNT (-1, FALSE, "negative");
  CHECK_AMOUNT (NAN, FALSE, "finite");
  CHECK_AMOUNT (INFINITY, FALSE, "finite");
  CHECK_AMOUNT (-INFINITY, FALSE, "finite");
}

/* A caller that reuses its pointer gets NULL back after a valid text. */
static void
test_message_reset (void)
{
  char *message = NULL;

  g_assert_false (mlg_validate_siren ("123", &message));
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);

  message = (char *) "stale";
  g_assert_true (mlg_validate_siren ("732829320", &message));
  g_assert_null (message);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/siren", test_siren);
  g_test_add_func ("/validate/siret", test_siret);
  g_test_add_func ("/validate/siren-or-siret", test_siren_or_siret);
  g_test_add_func ("/validate/rna", test_rna);
  g_test_add_func ("/validate/insee-commune", test_insee_commune);
  g_test_add_func ("/validate/postcode", test_postcode);
  g_test_add_func ("/validate/email", test_email);
  g_test_add_func ("/validate/phone", test_phone);
  g_test_add_func ("/validate/url", test_url);
  g_test_add_func ("/validate/date", test_date);
  g_test_add_func ("/validate/year", test_year);
  g_test_add_func ("/validate/count", test_count);
  g_test_add_func ("/validate/amount", test_amount);
  g_test_add_func ("/validate/message-reset", test_message_reset);

  return g_test_run ();
}
