/* bench-pdf.c — PDF export of the annuaire, per page
 *
 *   bench-pdf FILE
 *
 * Exports the directory of the structures of one pole (a twelfth of a
 * large file: a booklet of hundreds of pages) into memory and prints the
 * time per page, building the sheet included: the time that passed and,
 * as the shared machines are noisy, the processor time it took.
 */
#include <locale.h>
#include <string.h>
#include <time.h>

#include "mlg-document.h"
#include "mlg-pdf.h"
#include "mlg-record.h"
#include "mlg-sheets.h"

static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

int
main (int argc, char **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autoptr(MlgSheet) sheet = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgRecord) pole = NULL;
  MlgSheetFilter filter = { NULL };
  guint n_pages = 0;
  gint64 t0, t1;
  double c0, c1;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      g_printerr ("usage: %s FILE\n", argv[0]);
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  document = mlg_document_new_from_file (file, NULL, NULL, &error);
  if (document == NULL)
    g_error ("%s", error->message);

  /* the smallest pole's directory on large files, all of it on small ones */
  if (mlg_document_count (document, MLG_KIND_STRUCTURE) > 500)
    {
      pole = g_list_model_get_item (mlg_document_get_records (document, MLG_KIND_POLE), 0);
      filter.pole = mlg_record_get_id (pole);
    }

  t0 = g_get_monotonic_time ();
  c0 = cpu_ms ();
  sheet = mlg_sheet_new_annuaire (document, &filter);
  pdf = mlg_pdf_export_bytes (sheet, &n_pages, &error);
  t1 = g_get_monotonic_time ();
  c1 = cpu_ms ();
  if (pdf == NULL)
    g_error ("%s", error->message);

  g_print ("%-44s %10.2f ms   (processor %.2f ms; %u pages, %.1f MB; target < 20 ms per page)\n",
           "PDF export of the annuaire, per page", (t1 - t0) / 1000.0 / n_pages,
           (c1 - c0) / n_pages, n_pages, g_bytes_get_size (pdf) / 1e6);
  return 0;
}
