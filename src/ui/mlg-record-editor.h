/* mlg-record-editor.h — the form of one record, built from its kind's fields */
#pragma once

#include <gtk/gtk.h>

#include "mlg-document.h"
#include "mlg-record.h"

G_BEGIN_DECLS

#define MLG_TYPE_RECORD_EDITOR (mlg_record_editor_get_type ())
G_DECLARE_FINAL_TYPE (MlgRecordEditor, mlg_record_editor, MLG, RECORD_EDITOR, GtkWidget)

GtkWidget *mlg_record_editor_new            (void);
void       mlg_record_editor_set_document   (MlgRecordEditor *self,
                                             MlgDocument     *document);
void       mlg_record_editor_set_record     (MlgRecordEditor *self,
                                             MlgRecord       *record);
MlgRecord *mlg_record_editor_get_record     (MlgRecordEditor *self);
void       mlg_record_editor_commit_pending (MlgRecordEditor *self);
GtkWidget *mlg_record_editor_get_field_row  (MlgRecordEditor *self,
                                             const char      *key);
gboolean   mlg_record_editor_focus_field    (MlgRecordEditor *self,
                                             const char      *key);
GtkWidget *mlg_record_editor_get_list_add_row (MlgRecordEditor *self,
                                               const char      *key);

G_END_DECLS
