/* mlg-add-territory-dialog.h — adding territories: official or by hand */
#pragma once

#include <adwaita.h>

#include "mlg-document.h"
#include "mlg-territory-reference.h"

G_BEGIN_DECLS

#define MLG_TYPE_ADD_TERRITORY_DIALOG (mlg_add_territory_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MlgAddTerritoryDialog, mlg_add_territory_dialog, MLG, ADD_TERRITORY_DIALOG, AdwWindow)

GtkWidget             *mlg_add_territory_dialog_new              (GtkWindow             *parent,
                                                                  MlgDocument           *document);
/* The territory a new custom one is part of, unless one is chosen. */
void                   mlg_add_territory_dialog_set_default_parent (MlgAddTerritoryDialog *self,
                                                                  MlgRecord             *parent);

/* Searches the official reference at once (as typing does, after a
 * pause): a name, a postcode or an INSEE code. */
void                   mlg_add_territory_dialog_search           (MlgAddTerritoryDialog *self,
                                                                  const char            *text);
/* The results, best first; FALSE while the reference is still loading. */
gboolean               mlg_add_territory_dialog_has_results      (MlgAddTerritoryDialog *self);
guint                  mlg_add_territory_dialog_get_n_results    (MlgAddTerritoryDialog *self);
const MlgRefTerritory *mlg_add_territory_dialog_get_result       (MlgAddTerritoryDialog *self,
                                                                  guint                  position);
/* Whether the file already holds that result. */
gboolean               mlg_add_territory_dialog_result_is_present(MlgAddTerritoryDialog *self,
                                                                  guint                  position);
/* Adds a result with the territories above it, as its Add button does. */
MlgRecord             *mlg_add_territory_dialog_add_result       (MlgAddTerritoryDialog *self,
                                                                  guint                  position);
/* Adds a territory outside the reference, as the "Other Territory" form
 * does; @level is a level key ("quartier", "pays"…). */
MlgRecord             *mlg_add_territory_dialog_add_custom       (MlgAddTerritoryDialog *self,
                                                                  const char            *name,
                                                                  const char            *level,
                                                                  MlgRecord             *parent);

G_END_DECLS
