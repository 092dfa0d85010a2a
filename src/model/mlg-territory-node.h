/* mlg-territory-node.h — one row of the territory tree, with its counts
 *
 * The hierarchy région → département → EPCI → commune, and custom
 * territories under their parent, as nodes whose children are a
 * GListModel (ready for GtkTreeListModel). Each node counts the structures
 * and establishments located in its territory and below. A snapshot of the
 * document: build a new tree when it changes.
 */
#pragma once

#include <gio/gio.h>

#include "mlg-types.h"

G_BEGIN_DECLS

#define MLG_TYPE_TERRITORY_NODE (mlg_territory_node_get_type ())
G_DECLARE_FINAL_TYPE (MlgTerritoryNode, mlg_territory_node, MLG, TERRITORY_NODE, GObject)

/* The roots of @document's territories: a GListModel of MlgTerritoryNode. */
GListModel       *mlg_territory_tree_new                  (MlgDocument      *document);

MlgRecord        *mlg_territory_node_get_territory        (MlgTerritoryNode *self);
MlgTerritoryNode *mlg_territory_node_get_parent           (MlgTerritoryNode *self);
/* The nodes right below, by level then name; empty for a leaf. */
GListModel       *mlg_territory_node_get_children         (MlgTerritoryNode *self);
guint             mlg_territory_node_get_depth            (MlgTerritoryNode *self);
/* Located in the territory or below it. */
guint             mlg_territory_node_get_n_structures     (MlgTerritoryNode *self);
guint             mlg_territory_node_get_n_establishments (MlgTerritoryNode *self);

G_END_DECLS
