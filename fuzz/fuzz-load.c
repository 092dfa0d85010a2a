/* fuzz-load.c — libFuzzer target over the loader, the writer and the
 * validators
 *
 * Whatever the bytes, loading must end in a document or in errors, never in
 * a crash, a hang or undefined behaviour. A document that loads must save,
 * load again and save to the very same bytes: the writer is deterministic
 * and what it writes the reader accepts. The validators of French
 * identifiers get the same bytes as text.
 *
 * Built by build-aux/fuzz.sh with clang -fsanitize=fuzzer,address,undefined.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlg-document.h"
#include "mlg-problem.h"
#include "mlg-validate.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A g_return_if_fail () that fires is a bug the fuzzer must report. */
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
die_with (const char *what,
          GBytes     *first,
          GBytes     *second)
{
  fprintf (stderr, "fuzz-load: %s\n", what);
  if (first)
    fprintf (stderr, "--- first save ---\n%.*s\n", (int) MIN (g_bytes_get_size (first), 4000),
             (const char *) g_bytes_get_data (first, NULL));
  if (second)
    fprintf (stderr, "--- second save ---\n%.*s\n", (int) MIN (g_bytes_get_size (second), 4000),
             (const char *) g_bytes_get_data (second, NULL));
  abort ();
}

static void
round_trip (MlgDocument *document)
{
  g_autoptr(GBytes) first = mlg_document_to_bytes (document);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgDocument) again = NULL;
  g_autoptr(GBytes) second = NULL;

  again = mlg_document_new_from_bytes (first, &problems, &error);
  if (again == NULL)
    {
      g_autofree char *why = g_strdup_printf ("the file it wrote does not load: %s", error->message);
      die_with (why, first, NULL);
    }
  second = mlg_document_to_bytes (again);
  if (!g_bytes_equal (first, second))
    die_with ("saving the reloaded file gives other bytes", first, second);
}

static void
validate_text (const char *text)
{
  gboolean (*checks[]) (const char *, char **) = {
    mlg_validate_siren, mlg_validate_siret, mlg_validate_siren_or_siret,
    mlg_validate_rna, mlg_validate_insee_commune, mlg_validate_postcode,
    mlg_validate_email, mlg_validate_phone, mlg_validate_url, mlg_validate_date,
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      char *message = NULL;
      gboolean ok = checks[i] (text, &message);

      /* a refusal always says why; an acceptance says nothing */
      if (ok != (message == NULL))
        die_with ("a validator's answer and its message disagree", NULL, NULL);
      g_free (message);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autofree char *text = NULL;

  document = mlg_document_new_from_bytes (bytes, &problems, &error);
  if (document == NULL)
    {
      /* A refusal names at least one error. */
      if (error == NULL || problems == NULL || problems->len == 0)
        die_with ("a refused file without any error", NULL, NULL);
    }
  else
    round_trip (document);

  /* Every problem can be told to the user. */
  for (guint i = 0; problems && i < problems->len; i++)
    g_free (mlg_problem_to_string (g_ptr_array_index (problems, i)));

  /* The validators see the bytes as text (short inputs, as in a form). */
  if (size <= 4096)
    {
      text = g_strndup ((const char *) data, size);
      validate_text (text);
      mlg_validate_year (g_ascii_strtoll (text, NULL, 10), NULL);
      mlg_validate_count (g_ascii_strtod (text, NULL), NULL);
      mlg_validate_amount (g_ascii_strtod (text, NULL), NULL);
    }

  return 0;
}
