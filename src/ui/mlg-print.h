/* mlg-print.h — fact sheets on paper and in PDF files, from the window
 *
 * The GtkPrintOperation glue for an MlgSheet (print dialog, its preview,
 * export), the print settings and page setup remembered in GSettings, and
 * a PDF export that runs in a worker thread.
 */
#pragma once

#include <gtk/gtk.h>

#include "mlg-sheet.h"

G_BEGIN_DECLS

/* A print operation for @sheet: the page size the person chooses (A4 by
 * default), the sheet's own margins, the settings and page setup last
 * used (from @settings, which may be NULL), remembered again once a print
 * or an export is done. @file_stem names the file when printing to a
 * file ("sheet-le-96"); it may be NULL. */
GtkPrintOperation *mlg_print_operation_new        (MlgSheet           *sheet,
                                                   GSettings          *settings,
                                                   const char         *file_stem);

/* The print settings and the page setup remembered in @settings (keys
 * print-settings and page-setup); new defaults when there are none. */
GtkPrintSettings  *mlg_print_load_print_settings  (GSettings          *settings);
GtkPageSetup      *mlg_print_load_page_setup      (GSettings          *settings);
void               mlg_print_save                 (GSettings          *settings,
                                                   GtkPrintSettings   *print_settings,
                                                   GtkPageSetup       *page_setup);

/* Writes @sheet to @file as an A4 PDF in a worker thread. The sheet is a
 * snapshot, so the document may change meanwhile; nothing else may use
 * @sheet until the export is done. */
void               mlg_print_export_pdf_async     (MlgSheet           *sheet,
                                                   GFile              *file,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
/* The number of pages written, or 0 with @error set. */
guint              mlg_print_export_pdf_finish    (GAsyncResult       *result,
                                                   GError            **error);

G_END_DECLS
