/* mlg-window-sheets.h — the window's fact sheets: print, export as PDF,
 * export the directory */
#pragma once

#include "mlg-sheet.h"
#include "mlg-window.h"

G_BEGIN_DECLS

/* Called from MlgWindow's class_init (after its template is set), its
 * init (after the template is built) and whenever the page shown or its
 * selection changes. They add win.print (Ctrl+P), win.export-pdf
 * (Ctrl+E) and win.export-annuaire (Shift+Ctrl+E) to the window. */
void      mlg_window_sheets_class_init   (GtkWidgetClass *widget_class);
void      mlg_window_sheets_init         (MlgWindow      *self);
void      mlg_window_sheets_update       (MlgWindow      *self);

/* The sheet of what the window shows, or NULL when there is none: the
 * PTCE's on the Overview, the selected structure's on Structures, the
 * selected territory's on Territories. @file_name, if not NULL, gets a
 * name for its PDF, such as "sheet-le-96.pdf" (translated). */
MlgSheet *mlg_window_build_current_sheet (MlgWindow      *self,
                                          char          **file_name);

/* Writes @sheet to @file in a worker thread, then says so in a toast
 * that offers to open it (or shows what went wrong). */
void      mlg_window_export_pdf_async    (MlgWindow           *self,
                                          MlgSheet            *sheet,
                                          GFile               *file,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* The number of pages written, or 0 with @error set. */
guint     mlg_window_export_pdf_finish   (MlgWindow           *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
