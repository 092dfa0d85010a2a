/* mlg-territories-page.h — the Territories page: hierarchy, list, coverage */
#pragma once

#include <gtk/gtk.h>

#include "mlg-coverage-view.h"
#include "mlg-document.h"
#include "mlg-record-page.h"
#include "mlg-hierarchy-view.h"
#include "mlg-territory-view.h"

G_BEGIN_DECLS

#define MLG_TYPE_TERRITORIES_PAGE (mlg_territories_page_get_type ())
G_DECLARE_FINAL_TYPE (MlgTerritoriesPage, mlg_territories_page, MLG, TERRITORIES_PAGE, GtkWidget)

/* @list_page: the territories' record page, shown as the "list" view. */
GtkWidget        *mlg_territories_page_new               (MlgRecordPage      *list_page);
void              mlg_territories_page_set_document      (MlgTerritoriesPage *self,
                                                          MlgDocument        *document);
/* "hierarchy" (the default), "list" or "coverage". */
const char       *mlg_territories_page_get_view          (MlgTerritoriesPage *self);
void              mlg_territories_page_set_view          (MlgTerritoriesPage *self,
                                                          const char         *view);
/* The record page when the list shows, else NULL. */
MlgRecordPage    *mlg_territories_page_get_visible_list  (MlgTerritoriesPage *self);
MlgRecordPage    *mlg_territories_page_get_list_page     (MlgTerritoriesPage *self);
MlgHierarchyView *mlg_territories_page_get_tree          (MlgTerritoriesPage *self);
MlgTerritoryView *mlg_territories_page_get_territory_view(MlgTerritoriesPage *self);
MlgCoverageView  *mlg_territories_page_get_coverage_view (MlgTerritoriesPage *self);
/* Shows @territory's page in the hierarchy. */
void              mlg_territories_page_show_territory    (MlgTerritoriesPage *self,
                                                          MlgRecord          *territory);
/* Opens the dialog that adds territories; returns it (owned by GTK). */
GtkWidget        *mlg_territories_page_open_add_dialog   (MlgTerritoriesPage *self);

G_END_DECLS
