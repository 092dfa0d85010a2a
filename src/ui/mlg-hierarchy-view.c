/* mlg-hierarchy-view.c — the hierarchy of territories, with their counts
 *
 * A GtkListView over a GtkTreeListModel of MlgTerritoryNode: région →
 * département → EPCI → commune, custom territories under their parent,
 * each row with the structures and establishments located in it or below.
 * The nodes are a snapshot of the document: the tree is built again (in
 * an idle, or when the tree next shows) after changes, keeping which rows
 * were expanded and which was selected.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-territory-node.h"
#include "mlg-hierarchy-view.h"
#include "mlg-ui-util.h"

struct _MlgHierarchyView
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  GtkListView        *list_view;

  MlgDocument        *document;
  GtkTreeListModel   *model;
  GtkSingleSelection *selection;
  MlgRecord          *selected;
  guint               refresh_idle;
  gboolean            stale;        /* changed while hidden */
  gboolean            first_build;  /* expand the top levels */
  gboolean            rebuilding;
};

G_DEFINE_FINAL_TYPE (MlgHierarchyView, mlg_hierarchy_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_TERRITORY,
  N_PROPS
};

enum {
  SIGNAL_TERRITORY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the tree counts. */
static const MlgKindId watched[] = { MLG_KIND_TERRITORY, MLG_KIND_STRUCTURE, MLG_KIND_ESTABLISHMENT };

static void rebuild (MlgHierarchyView *self);

/* ── Rows ────────────────────────────────────────────────────────────── */

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  GListModel *children = mlg_territory_node_get_children (MLG_TERRITORY_NODE (item));

  return g_list_model_get_n_items (children) > 0 ? g_object_ref (children) : NULL;
}

/* "CC Dombes Saône Vallée": how intercommunalities are usually written,
 * short enough for a row (the whole name is in the tooltip). */
static char *
short_name (MlgRecord *territory)
{
  static const char * const long_forms[][2] = {
    { "Communauté de communes ", "CC " },
    { "Communauté d'agglomération ", "CA " },
    { "Communauté d’agglomération ", "CA " },
    { "Communauté urbaine ", "CU " },
  };
  const char *name = mlg_ui_record_title (territory);

  if (g_strcmp0 (mlg_record_get_string (territory, "level"), "epci") == 0)
    for (guint i = 0; i < G_N_ELEMENTS (long_forms); i++)
      if (g_str_has_prefix (name, long_forms[i][0]))
        return g_strconcat (long_forms[i][1], name + strlen (long_forms[i][0]), NULL);
  return g_strdup (name);
}

static GtkWidget *
count_box (const char  *icon_name,
           const char  *accessible,
           GtkWidget  **label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_add_css_class (image, "dim-label");
  *label = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (*label), 2);
  gtk_label_set_xalign (GTK_LABEL (*label), 1);
  gtk_widget_add_css_class (*label, "numeric");
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), *label);
  return box;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           MlgHierarchyView         *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *counts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *structures, *establishments, *n_structures, *n_establishments;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  /* Room for a long name when there is room at all. */
  gtk_label_set_max_width_chars (GTK_LABEL (title), 34);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);

  structures = count_box ("network-workgroup-symbolic", _("Structures"), &n_structures);
  establishments = count_box ("mark-location-symbolic", _("Establishments"), &n_establishments);
  gtk_widget_add_css_class (counts, "territory-counts");
  gtk_widget_set_valign (counts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (counts), structures);
  gtk_box_append (GTK_BOX (counts), establishments);

  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), counts);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);

  g_object_set_data (G_OBJECT (expander), "title", title);
  g_object_set_data (G_OBJECT (expander), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (expander), "counts", counts);
  g_object_set_data (G_OBJECT (expander), "structures", structures);
  g_object_set_data (G_OBJECT (expander), "establishments", establishments);
  g_object_set_data (G_OBJECT (expander), "n-structures", n_structures);
  g_object_set_data (G_OBJECT (expander), "n-establishments", n_establishments);
}

static char *
describe_counts (guint n_structures,
                 guint n_establishments)
{
  g_autofree char *structures =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u structure", "%u structures", n_structures),
                     n_structures);
  g_autofree char *establishments =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u establishment", "%u establishments",
                                  n_establishments),
                     n_establishments);

  /* Translators: "5 structures and 12 establishments located here or below" */
  return g_strdup_printf (_("%s and %s located here or below"), structures, establishments);
}

static void
set_count (GtkWidget *box,
           GtkWidget *label,
           guint      n)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", n);
  gtk_label_set_text (GTK_LABEL (label), text);
  if (n == 0)
    gtk_widget_add_css_class (box, "none");
  else
    gtk_widget_remove_css_class (box, "none");
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          MlgHierarchyView         *self)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(MlgTerritoryNode) node = gtk_tree_list_row_get_item (row);
  MlgRecord *territory = mlg_territory_node_get_territory (node);
  const MlgField *level_field = mlg_kind_find_field (mlg_record_get_kind (territory), "level");
  const char *level = mlg_record_get_string (territory, "level");
  gint64 population = mlg_record_get_int (territory, "population", -1);
  guint n_structures = mlg_territory_node_get_n_structures (node);
  guint n_establishments = mlg_territory_node_get_n_establishments (node);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *counts = describe_counts (n_structures, n_establishments);
  g_autofree char *name = NULL;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  name = short_name (territory);
  gtk_label_set_text (g_object_get_data (G_OBJECT (expander), "title"), name);
  gtk_widget_set_tooltip_text (g_object_get_data (G_OBJECT (expander), "title"),
                               g_str_equal (name, mlg_ui_record_title (territory)) ? NULL
                                                                                    : mlg_ui_record_title (territory));

  if (g_strcmp0 (level, "epci") == 0)
    g_string_append (subtitle, _("EPCI"));
  else if (level && mlg_field_find_choice (level_field, level))
    g_string_append (subtitle, mlg_field_choice_label (level_field, level));
  if (population >= 0)
    {
      g_autofree char *number = mlg_ui_format_number ((double) population, MLG_FIELD_INTEGER);
      if (subtitle->len)
        g_string_append (subtitle, " · ");
      /* Translators: a population, short for a row of the hierarchy
       * ("hab." in French); %s is the number, already formatted */
      g_string_append_printf (subtitle, _("pop. %s"), number);
    }
  gtk_label_set_text (g_object_get_data (G_OBJECT (expander), "subtitle"), subtitle->str);

  set_count (g_object_get_data (G_OBJECT (expander), "structures"),
             g_object_get_data (G_OBJECT (expander), "n-structures"), n_structures);
  set_count (g_object_get_data (G_OBJECT (expander), "establishments"),
             g_object_get_data (G_OBJECT (expander), "n-establishments"), n_establishments);
  gtk_widget_set_tooltip_text (g_object_get_data (G_OBJECT (expander), "counts"), counts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (g_object_get_data (G_OBJECT (expander), "counts")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, counts, -1);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            MlgHierarchyView         *self)
{
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (item)), NULL);
}

/* ── Finding rows ────────────────────────────────────────────────────── */

static MlgTerritoryNode *
find_node (GListModel  *nodes,
           const char  *id)
{
  for (guint i = 0, n = g_list_model_get_n_items (nodes); i < n; i++)
    {
      g_autoptr(MlgTerritoryNode) node = g_list_model_get_item (nodes, i);
      MlgTerritoryNode *found;

      if (g_strcmp0 (mlg_record_get_id (mlg_territory_node_get_territory (node)), id) == 0)
        return node;
      found = find_node (mlg_territory_node_get_children (node), id);
      if (found)
        return found;
    }
  return NULL;
}

static guint
row_position (MlgHierarchyView *self,
              MlgTerritoryNode *wanted)
{
  GListModel *rows = G_LIST_MODEL (self->model);

  for (guint i = 0, n = g_list_model_get_n_items (rows); i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(MlgTerritoryNode) node = gtk_tree_list_row_get_item (row);
      if (node == wanted)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Expands the rows above @node; returns @node's position. */
static guint
reveal_node (MlgHierarchyView *self,
             MlgTerritoryNode *node)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  for (MlgTerritoryNode *n = mlg_territory_node_get_parent (node); n; n = mlg_territory_node_get_parent (n))
    g_ptr_array_insert (path, 0, n);
  for (guint i = 0; i < path->len; i++)
    {
      guint position = row_position (self, g_ptr_array_index (path, i));
      g_autoptr(GtkTreeListRow) row = NULL;

      if (position == GTK_INVALID_LIST_POSITION)
        return position;
      row = gtk_tree_list_model_get_row (self->model, position);
      gtk_tree_list_row_set_expanded (row, TRUE);
    }
  return row_position (self, node);
}

/* ── Building ────────────────────────────────────────────────────────── */

static GHashTable *
expanded_ids (MlgHierarchyView *self)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *rows = self->model ? G_LIST_MODEL (self->model) : NULL;

  for (guint i = 0, n = rows ? g_list_model_get_n_items (rows) : 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      if (gtk_tree_list_row_get_expanded (row))
        {
          g_autoptr(MlgTerritoryNode) node = gtk_tree_list_row_get_item (row);
          g_hash_table_add (ids, g_strdup (mlg_record_get_id (mlg_territory_node_get_territory (node))));
        }
    }
  return ids;
}

/* The first time, the top two levels open (région, départements): the
 * second only when its rows fit in a screen or two. A région's every
 * EPCI would be hundreds of rows, each made at once by the list. */
#define FIRST_ROWS_MAX 100

static void
expand_top_levels (GListModel *rows)
{
  for (guint depth = 0; depth < 2; depth++)
    {
      guint n = g_list_model_get_n_items (rows), below = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
          g_autoptr(MlgTerritoryNode) node = gtk_tree_list_row_get_item (row);

          if (mlg_territory_node_get_depth (node) == depth)
            below += g_list_model_get_n_items (mlg_territory_node_get_children (node));
        }
      if (depth > 0 && n + below > FIRST_ROWS_MAX)
        return;
      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
          g_autoptr(MlgTerritoryNode) node = gtk_tree_list_row_get_item (row);

          if (mlg_territory_node_get_depth (node) == depth)
            gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }
}

static void
set_selected (MlgHierarchyView *self,
              MlgRecord        *territory)
{
  if (g_set_object (&self->selected, territory))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TERRITORY]);
}

static void
rebuild (MlgHierarchyView *self)
{
  g_autoptr(GHashTable) expanded = expanded_ids (self);
  g_autofree char *selected_id = self->selected ? g_strdup (mlg_record_get_id (self->selected)) : NULL;
  GListModel *roots;
  GListModel *rows;
  MlgRecord *still_there = NULL;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  self->stale = FALSE;
  self->rebuilding = TRUE;

  roots = self->document ? mlg_territory_tree_new (self->document)
                         : G_LIST_MODEL (g_list_store_new (MLG_TYPE_TERRITORY_NODE));
  g_clear_object (&self->model);
  /* The tree model owns the roots. */
  self->model = gtk_tree_list_model_new (roots, FALSE, FALSE, create_children, NULL, NULL);

  /* Expanding inserts rows below: walk on through them. */
  rows = G_LIST_MODEL (self->model);
  if (self->first_build)
    expand_top_levels (rows);
  else
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
        g_autoptr(MlgTerritoryNode) node = gtk_tree_list_row_get_item (row);

        if (g_hash_table_contains (expanded, mlg_record_get_id (mlg_territory_node_get_territory (node))))
          gtk_tree_list_row_set_expanded (row, TRUE);
      }
  self->first_build = FALSE;
  /* The list sees the rows once expanded: each expansion it heard of
   * would cost it a pass over its rows. */
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));

  if (selected_id)
    {
      MlgTerritoryNode *node = find_node (roots, selected_id);
      if (node)
        {
          guint position = reveal_node (self, node);
          if (position != GTK_INVALID_LIST_POSITION)
            {
              gtk_single_selection_set_selected (self->selection, position);
              still_there = mlg_territory_node_get_territory (node);
            }
        }
    }
  self->rebuilding = FALSE;
  set_selected (self, still_there);

  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (roots) > 0 ? "tree" : "empty");
}

static void
flush (MlgHierarchyView *self)
{
  if (self->stale || self->refresh_idle || self->model == NULL)
    rebuild (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  MlgHierarchyView *self = data;

  self->refresh_idle = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (MlgHierarchyView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle_cb, self, NULL);
}

static void
on_record_changed (MlgHierarchyView *self,
                   MlgRecord        *record,
                   const char       *key)
{
  switch (mlg_record_get_kind_id (record))
    {
    case MLG_KIND_TERRITORY:
    case MLG_KIND_STRUCTURE:
    case MLG_KIND_ESTABLISHMENT:
      queue_refresh (self);
      break;
    default:
      break;
    }
}

static void
on_selection_changed (MlgHierarchyView *self)
{
  g_autoptr(MlgTerritoryNode) node = NULL;
  GtkTreeListRow *row;

  if (self->rebuilding)
    return;
  row = gtk_single_selection_get_selected_item (self->selection);
  node = row ? gtk_tree_list_row_get_item (row) : NULL;
  set_selected (self, node ? mlg_territory_node_get_territory (node) : NULL);
}

static void
on_activate (MlgHierarchyView *self,
             guint             position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  g_autoptr(MlgTerritoryNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;

  if (node)
    g_signal_emit (self, signals[SIGNAL_TERRITORY_ACTIVATED], 0,
                   mlg_territory_node_get_territory (node));
}

/* ── Public API ──────────────────────────────────────────────────────── */

void
mlg_hierarchy_view_set_document (MlgHierarchyView *self,
                                 MlgDocument      *document)
{
  g_return_if_fail (MLG_IS_HIERARCHY_VIEW (self));

  if (self->document == document)
    return;
  mlg_ui_follow_document (self, self->document, document, watched, G_N_ELEMENTS (watched),
                          G_CALLBACK (queue_refresh), G_CALLBACK (on_record_changed));
  g_set_object (&self->document, document);
  g_clear_object (&self->selected);
  self->first_build = TRUE;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TERRITORY]);
}

GtkTreeListModel *
mlg_hierarchy_view_get_model (MlgHierarchyView *self)
{
  g_return_val_if_fail (MLG_IS_HIERARCHY_VIEW (self), NULL);
  flush (self);
  return self->model;
}

GtkListView *
mlg_hierarchy_view_get_list_view (MlgHierarchyView *self)
{
  g_return_val_if_fail (MLG_IS_HIERARCHY_VIEW (self), NULL);
  return self->list_view;
}

MlgRecord *
mlg_hierarchy_view_get_selected (MlgHierarchyView *self)
{
  g_return_val_if_fail (MLG_IS_HIERARCHY_VIEW (self), NULL);
  return self->selected;
}

gboolean
mlg_hierarchy_view_select (MlgHierarchyView *self,
                           MlgRecord        *territory)
{
  MlgTerritoryNode *node;
  guint position;

  g_return_val_if_fail (MLG_IS_HIERARCHY_VIEW (self), FALSE);
  g_return_val_if_fail (MLG_IS_RECORD (territory), FALSE);

  flush (self);
  node = find_node (gtk_tree_list_model_get_model (self->model), mlg_record_get_id (territory));
  if (node == NULL)
    return FALSE;
  position = reveal_node (self, node);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  mlg_ui_list_scroll_to (GTK_WIDGET (self->list_view), position);
  return TRUE;
}

void
mlg_hierarchy_view_unselect (MlgHierarchyView *self)
{
  g_return_if_fail (MLG_IS_HIERARCHY_VIEW (self));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
mlg_hierarchy_view_map (GtkWidget *widget)
{
  MlgHierarchyView *self = MLG_HIERARCHY_VIEW (widget);

  GTK_WIDGET_CLASS (mlg_hierarchy_view_parent_class)->map (widget);
  if (self->stale)
    rebuild (self);
}

static void
mlg_hierarchy_view_dispose (GObject *object)
{
  MlgHierarchyView *self = MLG_HIERARCHY_VIEW (object);

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  mlg_hierarchy_view_set_document (self, NULL);
  mlg_ui_dispose_children (GTK_WIDGET (self), MLG_TYPE_HIERARCHY_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->selected);

  G_OBJECT_CLASS (mlg_hierarchy_view_parent_class)->dispose (object);
}

static void
mlg_hierarchy_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MlgHierarchyView *self = MLG_HIERARCHY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_TERRITORY:
      g_value_set_object (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlg_hierarchy_view_class_init (MlgHierarchyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlg_hierarchy_view_dispose;
  object_class->get_property = mlg_hierarchy_view_get_property;
  widget_class->map = mlg_hierarchy_view_map;

  properties[PROP_SELECTED_TERRITORY] =
    g_param_spec_object ("selected-territory", NULL, NULL, MLG_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MlgHierarchyView::territory-activated:
   * A row was activated (Enter, or a double click).
   */
  signals[SIGNAL_TERRITORY_ACTIVATED] = mlg_ui_record_signal_new (G_TYPE_FROM_CLASS (klass), "territory-activated");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/maillage/Maillage/mlg-hierarchy-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MlgHierarchyView, stack);
  gtk_widget_class_bind_template_child (widget_class, MlgHierarchyView, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mlg_hierarchy_view_init (MlgHierarchyView *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (on_activate), self);

  self->first_build = TRUE;
  rebuild (self);
}

GtkWidget *
mlg_hierarchy_view_new (void)
{
  return g_object_new (MLG_TYPE_HIERARCHY_VIEW, NULL);
}
