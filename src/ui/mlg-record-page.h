/* mlg-record-page.h — one kind's page: searchable list beside the editor */
#pragma once

#include <gtk/gtk.h>

#include "mlg-document.h"
#include "mlg-record-editor.h"
#include "mlg-types.h"

G_BEGIN_DECLS

#define MLG_TYPE_RECORD_PAGE (mlg_record_page_get_type ())
G_DECLARE_FINAL_TYPE (MlgRecordPage, mlg_record_page, MLG, RECORD_PAGE, GtkWidget)

GtkWidget       *mlg_record_page_new             (MlgKindId      kind);
MlgKindId        mlg_record_page_get_kind        (MlgRecordPage *self);
void             mlg_record_page_set_document    (MlgRecordPage *self,
                                                  MlgDocument   *document);
MlgRecord       *mlg_record_page_get_selected    (MlgRecordPage *self);
void             mlg_record_page_select_record   (MlgRecordPage *self,
                                                  MlgRecord     *record,
                                                  const char    *field_key);
void             mlg_record_page_set_search_text (MlgRecordPage *self,
                                                  const char    *text);
guint            mlg_record_page_get_n_visible   (MlgRecordPage *self);
void             mlg_record_page_focus_search    (MlgRecordPage *self);
MlgRecordEditor *mlg_record_page_get_editor      (MlgRecordPage *self);
void             mlg_record_page_commit_pending  (MlgRecordPage *self);
/* The list's header bar (an AdwHeaderBar), for a page that adds buttons. */
GtkWidget       *mlg_record_page_get_list_header (MlgRecordPage *self);
/* The list of the records (a GtkListView). */
GtkWidget       *mlg_record_page_get_list_view   (MlgRecordPage *self);

G_END_DECLS
