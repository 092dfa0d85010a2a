/* mlg-pdf.c — a sheet as a PDF file
 *
 * Written to memory first, then to the file in one replace: a failure
 * leaves the previous file as it was.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "mlg-pdf.h"

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
mlg_pdf_export_bytes (MlgSheet  *sheet,
                      guint     *n_pages,
                      GError   **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint pages;
  int *outline_ids;
  g_autofree char *creator = g_strdup_printf ("Maillage %s", PACKAGE_VERSION);

  g_return_val_if_fail (MLG_IS_SHEET (sheet), NULL);

  pages = mlg_sheet_paginate (sheet, MLG_SHEET_A4_WIDTH, MLG_SHEET_A4_HEIGHT);
  surface = cairo_pdf_surface_create_for_stream (write_to_array, data, MLG_SHEET_A4_WIDTH, MLG_SHEET_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, mlg_sheet_get_title (sheet));
  if (mlg_sheet_get_author (sheet) && *mlg_sheet_get_author (sheet))
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, mlg_sheet_get_author (sheet));
  if (mlg_sheet_get_subject (sheet))
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, mlg_sheet_get_subject (sheet));
  if (mlg_sheet_get_keywords (sheet))
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, mlg_sheet_get_keywords (sheet));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);

  /* Bookmarks: one for each labelled place, at its page. */
  outline_ids = g_new0 (int, mlg_sheet_get_n_outline (sheet) + 1);
  for (guint i = 0; i < mlg_sheet_get_n_outline (sheet); i++)
    {
      guint page = 0;
      const char *label = mlg_sheet_get_outline_label (sheet, i, &page);
      g_autofree char *link = g_strdup_printf ("page=%u", page + 1);

      outline_ids[i] = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, label, link, 0);
    }
  g_free (outline_ids);

  cr = cairo_create (surface);
  for (guint page = 0; page < pages; page++)
    {
      mlg_sheet_draw_page (sheet, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s says what went wrong, from the drawing library. */
                   C_("sheet", "Could not draw the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }
  if (n_pages)
    *n_pages = pages;
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

guint
mlg_pdf_export (MlgSheet      *sheet,
                GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  guint pages = 0;

  g_return_val_if_fail (G_IS_FILE (file), 0);

  bytes = mlg_pdf_export_bytes (sheet, &pages, error);
  if (bytes == NULL)
    return 0;
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error))
    return 0;
  return pages;
}
