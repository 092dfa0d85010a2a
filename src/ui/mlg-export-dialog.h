/* mlg-export-dialog.h — which structures the exported directory holds */
#pragma once

#include <adwaita.h>

#include "mlg-document.h"
#include "mlg-sheet.h"
#include "mlg-types.h"

G_BEGIN_DECLS

typedef enum {
  MLG_EXPORT_ALL,        /* every structure */
  MLG_EXPORT_POLE,       /* those of one pole */
  MLG_EXPORT_CIRCLE,     /* those of one circle in the PTCE */
  MLG_EXPORT_TERRITORY,  /* those based, or with an establishment, in one territory */
  MLG_EXPORT_CHOSEN,     /* those ticked one by one */
} MlgExportScope;

#define MLG_TYPE_EXPORT_DIALOG (mlg_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MlgExportDialog, mlg_export_dialog, MLG, EXPORT_DIALOG, AdwWindow)

/* @structure, if not NULL, is ticked when the person chooses structures
 * one by one. The dialog emits "export" when Export is clicked; the
 * caller asks for a file, then calls mlg_export_dialog_set_busy(). */
MlgExportDialog *mlg_export_dialog_new            (GtkWindow       *parent,
                                                   MlgDocument     *document,
                                                   MlgRecord       *structure);

/* The choice, as the person would make it: for POLE and TERRITORY, @id
 * is a record id; for CIRCLE, a circle's key; otherwise NULL. Returns
 * FALSE when there is no such choice. */
gboolean         mlg_export_dialog_set_scope      (MlgExportDialog *self,
                                                   MlgExportScope   scope,
                                                   const char      *id);
MlgExportScope   mlg_export_dialog_get_scope      (MlgExportDialog *self);
/* Ticks exactly the structures of @ids (scope CHOSEN). */
void             mlg_export_dialog_set_chosen     (MlgExportDialog *self,
                                                   const char *const *ids);
guint            mlg_export_dialog_get_n_structures (MlgExportDialog *self);

/* The directory as chosen, or NULL when it would hold no structure. */
MlgSheet        *mlg_export_dialog_build_sheet    (MlgExportDialog *self);
/* A file name for it, such as "directory-dombinnov.pdf" (translated). */
char            *mlg_export_dialog_dup_file_name  (MlgExportDialog *self);

/* While @file is written: a spinner instead of the choices (NULL brings
 * the choices back). Closing the dialog cancels the export through the
 * dialog's cancellable. */
void             mlg_export_dialog_set_busy       (MlgExportDialog *self,
                                                   GFile           *file);
GCancellable    *mlg_export_dialog_get_cancellable (MlgExportDialog *self);

G_END_DECLS
