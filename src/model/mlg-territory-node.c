/* mlg-territory-node.c — one row of the territory tree, with its counts */
#include "config.h"

#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-territory-node.h"
#include "mlg-territory-stats.h"

struct _MlgTerritoryNode
{
  GObject           parent_instance;
  MlgRecord        *territory;
  MlgTerritoryNode *parent;     /* not a reference: the parent holds its children */
  GListStore       *children;
  guint             depth;
  guint             n_structures;
  guint             n_establishments;
};

G_DEFINE_FINAL_TYPE (MlgTerritoryNode, mlg_territory_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TERRITORY,
  PROP_DEPTH,
  PROP_N_STRUCTURES,
  PROP_N_ESTABLISHMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mlg_territory_node_dispose (GObject *object)
{
  MlgTerritoryNode *self = MLG_TERRITORY_NODE (object);

  /* Children outliving the tree (held by a view) must not point back.
   * Nothing is emitted here: the children's list may be watched by a
   * GtkTreeListModel that is being finalized itself, so it is left as it
   * is, only dropped (whoever still holds it keeps a valid list). */
  if (self->children)
    for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (self->children)); i < n; i++)
      {
        MlgTerritoryNode *child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
        child->parent = NULL;
        g_object_unref (child);
      }
  g_clear_object (&self->children);
  g_clear_object (&self->territory);

  G_OBJECT_CLASS (mlg_territory_node_parent_class)->dispose (object);
}

static void
mlg_territory_node_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MlgTerritoryNode *self = MLG_TERRITORY_NODE (object);

  switch (prop_id)
    {
    case PROP_TERRITORY:
      g_value_set_object (value, self->territory);
      break;
    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;
    case PROP_N_STRUCTURES:
      g_value_set_uint (value, self->n_structures);
      break;
    case PROP_N_ESTABLISHMENTS:
      g_value_set_uint (value, self->n_establishments);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlg_territory_node_class_init (MlgTerritoryNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mlg_territory_node_dispose;
  object_class->get_property = mlg_territory_node_get_property;

  properties[PROP_TERRITORY] =
    g_param_spec_object ("territory", NULL, NULL, MLG_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH] =
    g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_STRUCTURES] =
    g_param_spec_uint ("n-structures", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ESTABLISHMENTS] =
    g_param_spec_uint ("n-establishments", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mlg_territory_node_init (MlgTerritoryNode *self)
{
  self->children = g_list_store_new (MLG_TYPE_TERRITORY_NODE);
}

typedef struct {
  guint structures;
  guint establishments;
} Counts;

/* Adds @record to the counts of its territory and of every one above. */
static void
count_up (MlgTerritoryIndex *index,
          MlgDocument       *document,
          GHashTable        *counts,
          MlgRecord         *record)
{
  const char *id = mlg_record_get_string (record, "commune");
  MlgRecord *t = id ? mlg_document_lookup_kind (document, MLG_KIND_TERRITORY, id) : NULL;

  for (; t; t = mlg_territory_index_get_parent (index, t))
    {
      Counts *c = g_hash_table_lookup (counts, t);
      if (c == NULL)
        {
          c = g_new0 (Counts, 1);
          g_hash_table_insert (counts, t, c);
        }
      if (mlg_record_get_kind_id (record) == MLG_KIND_STRUCTURE)
        c->structures++;
      else
        c->establishments++;
    }
}

static void
add_nodes (MlgTerritoryIndex *index,
           GHashTable        *counts,
           MlgTerritoryNode  *parent,
           GListStore        *store)
{
  g_autoptr(GPtrArray) territories = mlg_territory_index_get_children (index, parent ? parent->territory : NULL);

  for (guint i = 0; i < territories->len; i++)
    {
      g_autoptr(MlgTerritoryNode) node = g_object_new (MLG_TYPE_TERRITORY_NODE, NULL);
      Counts *c;

      node->territory = g_object_ref (g_ptr_array_index (territories, i));
      node->parent = parent;
      node->depth = parent ? parent->depth + 1 : 0;
      c = g_hash_table_lookup (counts, node->territory);
      if (c)
        {
          node->n_structures = c->structures;
          node->n_establishments = c->establishments;
        }
      g_list_store_append (store, node);
      add_nodes (index, counts, node, node->children);
    }
}

GListModel *
mlg_territory_tree_new (MlgDocument *document)
{
  g_autoptr(MlgTerritoryIndex) index = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  const MlgKindId kinds[] = { MLG_KIND_STRUCTURE, MLG_KIND_ESTABLISHMENT };
  GListStore *roots;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), NULL);

  index = mlg_territory_index_new (document);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GListModel *records = mlg_document_get_records (document, kinds[k]);
      for (guint i = 0, n = g_list_model_get_n_items (records); i < n; i++)
        {
          g_autoptr(MlgRecord) record = g_list_model_get_item (records, i);
          count_up (index, document, counts, record);
        }
    }

  roots = g_list_store_new (MLG_TYPE_TERRITORY_NODE);
  add_nodes (index, counts, NULL, roots);
  return G_LIST_MODEL (roots);
}

MlgRecord *
mlg_territory_node_get_territory (MlgTerritoryNode *self)
{
  g_return_val_if_fail (MLG_IS_TERRITORY_NODE (self), NULL);
  return self->territory;
}

MlgTerritoryNode *
mlg_territory_node_get_parent (MlgTerritoryNode *self)
{
  g_return_val_if_fail (MLG_IS_TERRITORY_NODE (self), NULL);
  return self->parent;
}

GListModel *
mlg_territory_node_get_children (MlgTerritoryNode *self)
{
  g_return_val_if_fail (MLG_IS_TERRITORY_NODE (self), NULL);
  return G_LIST_MODEL (self->children);
}

guint
mlg_territory_node_get_depth (MlgTerritoryNode *self)
{
  g_return_val_if_fail (MLG_IS_TERRITORY_NODE (self), 0);
  return self->depth;
}

guint
mlg_territory_node_get_n_structures (MlgTerritoryNode *self)
{
  g_return_val_if_fail (MLG_IS_TERRITORY_NODE (self), 0);
  return self->n_structures;
}

guint
mlg_territory_node_get_n_establishments (MlgTerritoryNode *self)
{
  g_return_val_if_fail (MLG_IS_TERRITORY_NODE (self), 0);
  return self->n_establishments;
}
