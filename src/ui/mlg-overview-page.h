/* mlg-overview-page.h — the ecosystem at a glance, and its editor */
#pragma once

#include <gtk/gtk.h>

#include "mlg-document.h"
#include "mlg-record-editor.h"

G_BEGIN_DECLS

#define MLG_TYPE_OVERVIEW_PAGE (mlg_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (MlgOverviewPage, mlg_overview_page, MLG, OVERVIEW_PAGE, GtkWidget)

GtkWidget       *mlg_overview_page_new            (void);
void             mlg_overview_page_set_document   (MlgOverviewPage *self,
                                                   MlgDocument     *document);
void             mlg_overview_page_set_editing    (MlgOverviewPage *self,
                                                   gboolean         editing,
                                                   const char      *field_key);
MlgRecordEditor *mlg_overview_page_get_editor     (MlgOverviewPage *self);
void             mlg_overview_page_commit_pending (MlgOverviewPage *self);

G_END_DECLS
