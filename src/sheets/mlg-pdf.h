/* mlg-pdf.h — a sheet as a PDF file
 *
 * A4 portrait, fonts embedded (cairo embeds subsets), title, author,
 * subject and creator in the document's metadata, and a bookmark for each
 * labelled place (each fiche of the directory).
 */
#pragma once

#include <gio/gio.h>

#include "mlg-sheet.h"

G_BEGIN_DECLS

/* Paginates @sheet for A4 and writes it to @file, replacing it at once
 * (never half-written). Returns the number of pages, or 0 with @error set. */
guint   mlg_pdf_export        (MlgSheet      *sheet,
                               GFile         *file,
                               GCancellable  *cancellable,
                               GError       **error);

/* The same, into memory. */
GBytes *mlg_pdf_export_bytes  (MlgSheet      *sheet,
                               guint         *n_pages,
                               GError       **error);

G_END_DECLS
