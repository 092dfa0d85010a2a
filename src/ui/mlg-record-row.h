/* mlg-record-row.h — a record in a list: its title and column fields */
#pragma once

#include <gtk/gtk.h>

#include "mlg-document.h"
#include "mlg-record.h"

G_BEGIN_DECLS

#define MLG_TYPE_RECORD_ROW (mlg_record_row_get_type ())
G_DECLARE_FINAL_TYPE (MlgRecordRow, mlg_record_row, MLG, RECORD_ROW, GtkWidget)

GtkWidget *mlg_record_row_new    (void);
void       mlg_record_row_bind   (MlgRecordRow *self,
                                  MlgDocument  *document,
                                  MlgRecord    *record);
void       mlg_record_row_unbind (MlgRecordRow *self);

G_END_DECLS
