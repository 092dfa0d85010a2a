/* mlg-print.c — fact sheets on paper and in PDF files, from the window
 *
 * The sheet lays itself out on any page size, in points, with its own
 * margins: the operation works in points on the full page, paginates in
 * begin-print for the paper chosen in the dialog (the page setup is
 * embedded in it) and draws each page from the sheet. The dialog's
 * preview is GTK's own (the "preview" signal is left to its default).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mlg-pdf.h"
#include "mlg-print.h"

/* ── Settings remembered ─────────────────────────────────────────────── */

static GVariant *
get_dict (GSettings  *settings,
          const char *key)
{
  GVariant *value;

  if (settings == NULL)
    return NULL;
  value = g_settings_get_value (settings, key);
  if (g_variant_n_children (value) == 0)
    g_clear_pointer (&value, g_variant_unref);
  return value;
}

GtkPrintSettings *
mlg_print_load_print_settings (GSettings *settings)
{
  g_autoptr(GVariant) value = get_dict (settings, "print-settings");
  GtkPrintSettings *print_settings = NULL;

  if (value)
    print_settings = gtk_print_settings_new_from_gvariant (value);
  return print_settings ? print_settings : gtk_print_settings_new ();
}

GtkPageSetup *
mlg_print_load_page_setup (GSettings *settings)
{
  g_autoptr(GVariant) value = get_dict (settings, "page-setup");
  GtkPageSetup *page_setup = NULL;

  if (value)
    page_setup = gtk_page_setup_new_from_gvariant (value);
  if (page_setup == NULL)
    {
      /* The sheets are designed for A4, whatever the locale's default. */
      GtkPaperSize *a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

      page_setup = gtk_page_setup_new ();
      gtk_page_setup_set_paper_size (page_setup, a4);
      gtk_paper_size_free (a4);
    }
  return page_setup;
}

void
mlg_print_save (GSettings        *settings,
                GtkPrintSettings *print_settings,
                GtkPageSetup     *page_setup)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (print_settings)
    {
      g_autoptr(GtkPrintSettings) copy = gtk_print_settings_copy (print_settings);
      const char *uri = gtk_print_settings_get (copy, GTK_PRINT_SETTINGS_OUTPUT_URI);

      /* Printing to a file: remember the folder, not the file, so that
       * the next sheet is not proposed under the last one's name. */
      if (uri)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (uri);
          g_autoptr(GFile) folder = g_file_get_parent (file);
          /* GTK's "Print to File" reads it as a path, not a URI. */
          g_autofree char *folder_path = folder ? g_file_get_path (folder) : NULL;

          if (folder_path)
            gtk_print_settings_set (copy, GTK_PRINT_SETTINGS_OUTPUT_DIR, folder_path);
          gtk_print_settings_unset (copy, GTK_PRINT_SETTINGS_OUTPUT_URI);
        }
      gtk_print_settings_unset (copy, GTK_PRINT_SETTINGS_OUTPUT_BASENAME);
      g_settings_set_value (settings, "print-settings", gtk_print_settings_to_gvariant (copy));
    }
  if (page_setup)
    g_settings_set_value (settings, "page-setup", gtk_page_setup_to_gvariant (page_setup));
}

/* ── The print operation ─────────────────────────────────────────────── */

typedef struct {
  MlgSheet  *sheet;
  GSettings *settings;
} PrintJob;

static void
print_job_free (gpointer data,
                GClosure *closure)
{
  PrintJob *job = data;

  g_clear_object (&job->sheet);
  g_clear_object (&job->settings);
  g_free (job);
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  guint n_pages = mlg_sheet_paginate (job->sheet,
                                      gtk_print_context_get_width (context),
                                      gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, (int) n_pages);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  if (page_nr >= 0 && (guint) page_nr < mlg_sheet_get_n_pages (job->sheet))
    mlg_sheet_draw_page (job->sheet, gtk_print_context_get_cairo_context (context), (guint) page_nr);
}

static void
on_done (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         PrintJob                *job)
{
  /* Remember only what was used: a cancelled dialog changes nothing. */
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && job->settings)
    mlg_print_save (job->settings,
                    gtk_print_operation_get_print_settings (operation),
                    gtk_print_operation_get_default_page_setup (operation));
}

GtkPrintOperation *
mlg_print_operation_new (MlgSheet   *sheet,
                         GSettings  *settings,
                         const char *file_stem)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPrintSettings) print_settings = mlg_print_load_print_settings (settings);
  g_autoptr(GtkPageSetup) page_setup = mlg_print_load_page_setup (settings);
  PrintJob *job;

  g_return_val_if_fail (MLG_IS_SHEET (sheet), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  if (file_stem && *file_stem)
    gtk_print_settings_set (print_settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, file_stem);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, mlg_sheet_get_title (sheet));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);   /* the sheet has its own margins */
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_print_settings (operation, print_settings);
  gtk_print_operation_set_default_page_setup (operation, page_setup);

  job = g_new0 (PrintJob, 1);
  job->sheet = g_object_ref (sheet);
  job->settings = settings ? g_object_ref (settings) : NULL;
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), job);
  /* The job goes with the operation: the last handler frees it. */
  g_signal_connect_data (operation, "done", G_CALLBACK (on_done), job, print_job_free, 0);
  return operation;
}

/* ── PDF in a worker thread ──────────────────────────────────────────── */

typedef struct {
  MlgSheet *sheet;
  GFile    *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->sheet);
  g_clear_object (&job->file);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  guint n_pages;

  /* The sheet has its own Pango context and font map: nothing in it is
   * shared with the main thread. */
  n_pages = mlg_pdf_export (job->sheet, job->file, cancellable, &error);
  if (n_pages == 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_pages);
}

void
mlg_print_export_pdf_async (MlgSheet            *sheet,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (MLG_IS_SHEET (sheet));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (ExportJob, 1);
  job->sheet = g_object_ref (sheet);
  job->file = g_object_ref (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mlg_print_export_pdf_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

guint
mlg_print_export_pdf_finish (GAsyncResult  *result,
                             GError       **error)
{
  gssize n_pages;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);

  n_pages = g_task_propagate_int (G_TASK (result), error);
  return n_pages > 0 ? (guint) n_pages : 0;
}
