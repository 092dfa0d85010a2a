/* mlg-territory-view.h — one territory's page: what is there */
#pragma once

#include <gtk/gtk.h>

#include "mlg-document.h"

G_BEGIN_DECLS

#define MLG_TYPE_TERRITORY_VIEW (mlg_territory_view_get_type ())
G_DECLARE_FINAL_TYPE (MlgTerritoryView, mlg_territory_view, MLG, TERRITORY_VIEW, GtkWidget)

GtkWidget *mlg_territory_view_new           (void);
void       mlg_territory_view_set_document  (MlgTerritoryView *self,
                                             MlgDocument      *document);
void       mlg_territory_view_set_territory (MlgTerritoryView *self,
                                             MlgRecord        *territory);
MlgRecord *mlg_territory_view_get_territory (MlgTerritoryView *self);

G_END_DECLS
