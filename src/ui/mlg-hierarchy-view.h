/* mlg-hierarchy-view.h — the hierarchy of territories, with their counts */
#pragma once

#include <gtk/gtk.h>

#include "mlg-document.h"

G_BEGIN_DECLS

#define MLG_TYPE_HIERARCHY_VIEW (mlg_hierarchy_view_get_type ())
G_DECLARE_FINAL_TYPE (MlgHierarchyView, mlg_hierarchy_view, MLG, HIERARCHY_VIEW, GtkWidget)

GtkWidget        *mlg_hierarchy_view_new          (void);
void              mlg_hierarchy_view_set_document (MlgHierarchyView *self,
                                                   MlgDocument      *document);
/* The rows: GtkTreeListRow items over MlgTerritoryNode, up to date with
 * the document (a pending refresh happens first). */
GtkTreeListModel *mlg_hierarchy_view_get_model    (MlgHierarchyView *self);
GtkListView      *mlg_hierarchy_view_get_list_view(MlgHierarchyView *self);
MlgRecord        *mlg_hierarchy_view_get_selected (MlgHierarchyView *self);
/* Expands the territories above @territory and selects its row. */
gboolean          mlg_hierarchy_view_select       (MlgHierarchyView *self,
                                                   MlgRecord        *territory);
void              mlg_hierarchy_view_unselect     (MlgHierarchyView *self);

G_END_DECLS
