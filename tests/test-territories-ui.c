/* test-territories-ui.c — the Territories page: hierarchy, adding, coverage
 *
 * Runs under xvfb-run and dbus-run-session (see tests/meson.build), with
 * GSETTINGS_BACKEND=memory and G_DEBUG=fatal-warnings. Opens the bundled
 * example, shows the Territories page, walks the tree down to Trévoux and
 * compares its counts with the records located there, adds communes from
 * the official reference through the dialog (no duplicates, one undo
 * step), adds a territory by hand, checks the coverage matrix's gaps and
 * its CSV, writes screenshots and checks that the window is freed.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mlg-add-territory-dialog.h"
#include "mlg-coverage-view.h"
#include "mlg-document.h"
#include "mlg-hierarchy-view.h"
#include "mlg-record-page.h"
#include "mlg-record.h"
#include "mlg-territories-page.h"
#include "mlg-territory-node.h"
#include "mlg-territory-stats.h"
#include "mlg-territory-view.h"
#include "mlg-test-ui.h"
#include "mlg-typography.h"
#include "mlg-window.h"

static MlgWindow *window;
static GSettings *settings;
static char *tmp_dir;
static char *copy_path;

static MlgDocument *
document (void)
{
  return mlg_window_get_document (window);
}

static MlgTerritoriesPage *
territories_page (void)
{
  GtkWidget *list = mlg_window_get_page (window, "territories");
  GtkWidget *page = gtk_widget_get_ancestor (list, MLG_TYPE_TERRITORIES_PAGE);

  g_assert_nonnull (page);
  return MLG_TERRITORIES_PAGE (page);
}

static MlgRecord *
territory (const char *id)
{
  MlgRecord *record = mlg_document_lookup_kind (document (), MLG_KIND_TERRITORY, id);
  g_assert_nonnull (record);
  return record;
}

static guint
n_territories (void)
{
  return mlg_document_count (document (), MLG_KIND_TERRITORY);
}

/* The row of @id in the tree, or GTK_INVALID_LIST_POSITION. */
static guint
tree_position (GtkTreeListModel *model,
               const char       *id)
{
  GListModel *rows = G_LIST_MODEL (model);

  for (guint i = 0, n = g_list_model_get_n_items (rows); i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(MlgTerritoryNode) node = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (mlg_record_get_id (mlg_territory_node_get_territory (node)), id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
note_label (GtkWidget     *widget,
            gconstpointer  out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf ((GString *) out, "%s|", gtk_label_get_text (GTK_LABEL (widget)));
  return FALSE;
}

static gboolean
is_row_of (GtkWidget     *widget,
           gconstpointer  id)
{
  GtkTreeListRow *row;
  g_autoptr(MlgTerritoryNode) node = NULL;

  if (!GTK_IS_TREE_EXPANDER (widget))
    return FALSE;
  row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (widget));
  node = row ? gtk_tree_list_row_get_item (row) : NULL;
  return node && g_strcmp0 (mlg_record_get_id (mlg_territory_node_get_territory (node)), id) == 0;
}

/* The texts of the tree's row for @id, as shown: "Trévoux|Commune · …|5|12|". */
static char *
shown_row_text (GtkWidget  *root,
                const char *id)
{
  GtkWidget *expander = mlg_test_find_widget (root, is_row_of, id);
  GString *out;

  if (expander == NULL)
    return NULL;
  out = g_string_new (NULL);
  mlg_test_find_widget (expander, note_label, out);
  return g_string_free (out, FALSE);
}

/* The focusable widget of the tree's row for @id (the list item). */
static GtkWidget *
row_widget (GtkWidget  *root,
            const char *id)
{
  GtkWidget *expander = mlg_test_find_widget (root, is_row_of, id);
  return expander ? gtk_widget_get_parent (expander) : NULL;
}

static gboolean
is_toggle_for (GtkWidget     *widget,
               gconstpointer  target)
{
  GVariant *value;

  if (!GTK_IS_TOGGLE_BUTTON (widget) || !gtk_widget_is_drawable (widget))
    return FALSE;
  value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return value && g_strcmp0 (g_variant_get_string (value, NULL), target) == 0;
}

/* The visible toggle button of the view @target. */
static GtkWidget *
find_toggle (GtkWidget  *root,
             const char *target)
{
  return mlg_test_find_widget (root, is_toggle_for, target);
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  return mlg_test_find_widget (root, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
is_mapped_with_class (GtkWidget     *widget,
                      gconstpointer  css_class)
{
  return (gtk_widget_has_css_class (widget, css_class) || g_str_equal (gtk_widget_get_css_name (widget), css_class)) &&
         gtk_widget_get_mapped (widget);
}

static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  return mlg_test_find_widget (root, is_mapped_with_class, css_class);
}

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* The visible button whose tooltip is @tooltip. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  return mlg_test_find_widget (root, is_button_with_tooltip, tooltip);
}

static gboolean
is_mapped_scrolled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget);
}

static GtkWidget *
find_scrolled (GtkWidget *root)
{
  return mlg_test_find_widget (root, is_mapped_scrolled, NULL);
}

static gboolean
is_control (GtkWidget *widget)
{
  /* The parts of composite widgets (a drop-down's button, an entry's
   * text) take their name from the whole. */
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (parent && (GTK_IS_DROP_DOWN (parent) || GTK_IS_SEARCH_ENTRY (parent) || GTK_IS_MENU_BUTTON (parent) ||
                 GTK_IS_SPIN_BUTTON (parent) || GTK_IS_ENTRY (parent)))
    return FALSE;
  if (gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) || gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW))
    return FALSE;
  return GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_ENTRY (widget) || GTK_IS_MENU_BUTTON (widget) ||
         GTK_IS_LIST_VIEW (widget) || GTK_IS_LIST_BOX (widget) || GTK_IS_SPIN_BUTTON (widget);
}

/* Whether a screen reader has a name for @widget: its own label, a label
 * it is labelled by, or (a button) the text it shows. */
static gboolean
is_named (GtkWidget *widget)
{
  g_autofree char *text = NULL;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (!GTK_IS_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget))
    return FALSE;
  text = mlg_test_visible_text (widget);
  return *g_strstrip (text) != '\0';
}

static gboolean
note_unnamed (GtkWidget     *widget,
              gconstpointer  out)
{
  if (gtk_widget_is_visible (widget) && is_control (widget) && !is_named (widget))
    g_string_append_printf ((GString *) out, "%s (%s) ", G_OBJECT_TYPE_NAME (widget),
                            gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "");
  return FALSE;
}

/* Every control shown below @root has an accessible name. */
static void
assert_controls_named (GtkWidget *root)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  mlg_test_find_widget (root, note_unnamed, unnamed);
  if (unnamed->len)
    g_test_message ("unnamed: %s", unnamed->str);
  g_assert_cmpstr (unnamed->str, ==, "");
}

/* ── Tests ───────────────────────────────────────────────────────────── */

static void
test_open (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MAILLAGE_SOURCE_ROOT"), "data", "examples",
                                            "dombinnov.maillage", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  /* A copy of its own: other tests may have the example open. */
  tmp_dir = g_dir_make_tmp ("maillage-territories-XXXXXX", &error);
  g_assert_no_error (error);
  copy_path = g_build_filename (tmp_dir, "dombinnov.maillage", NULL);
  file = g_file_new_for_path (copy_path);
  {
    g_autofree char *contents = NULL;
    gsize length;
    g_file_get_contents (path, &contents, &length, &error);
    g_assert_no_error (error);
    g_file_set_contents (copy_path, contents, (gssize) length, &error);
    g_assert_no_error (error);
  }

  window = g_object_ref (mlg_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mlg_window_open_file (window, file, FALSE));
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "territories");
  mlg_test_iterate ();
  g_assert_cmpstr (mlg_window_get_visible_page (window), ==, "territories");
  g_assert_cmpstr (mlg_territories_page_get_view (territories_page ()), ==, "hierarchy");
}

/* The tree: région at the top, and down to Trévoux the counts of what
 * is located there, as the lists say. */
static void
test_hierarchy (void)
{
  MlgHierarchyView *tree = mlg_territories_page_get_tree (territories_page ());
  GtkTreeListModel *model = mlg_hierarchy_view_get_model (tree);
  const char *path[] = { "auvergne-rhone-alpes", "ain", "cc-dombes-saone-vallee", "trevoux" };
  g_autoptr(GtkTreeListRow) top = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_autoptr(MlgTerritoryNode) top_node = gtk_tree_list_row_get_item (top);
  g_autoptr(GPtrArray) structures = NULL;
  g_autoptr(GPtrArray) establishments = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  MlgTerritoryNode *node = NULL;
  guint position = 0;

  g_assert_cmpstr (mlg_record_get_title (mlg_territory_node_get_territory (top_node)), ==,
                   "Auvergne-Rhône-Alpes");
  g_assert_cmpuint (mlg_territory_node_get_depth (top_node), ==, 0);

  /* Expand down to Trévoux, a row at a time. */
  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    {
      g_autoptr(GtkTreeListRow) row = NULL;

      position = tree_position (model, path[i]);
      g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
      row = gtk_tree_list_model_get_row (model, position);
      if (i + 1 < G_N_ELEMENTS (path))
        gtk_tree_list_row_set_expanded (row, TRUE);
      else
        node = gtk_tree_list_row_get_item (row);
    }
  g_assert_nonnull (node);

  structures = mlg_territory_find_located (document (), territory ("trevoux"), MLG_KIND_STRUCTURE);
  establishments = mlg_territory_find_located (document (), territory ("trevoux"), MLG_KIND_ESTABLISHMENT);
  g_assert_cmpuint (structures->len, >, 0);
  g_assert_cmpuint (establishments->len, >, 0);
  g_assert_cmpuint (mlg_territory_node_get_n_structures (node), ==, structures->len);
  g_assert_cmpuint (mlg_territory_node_get_n_establishments (node), ==, establishments->len);

  /* And the row on screen says so. */
  gtk_widget_activate_action (GTK_WIDGET (mlg_hierarchy_view_get_list_view (tree)),
                              "list.scroll-to-item", "u", position);
  mlg_test_run_for (200);
  shown = shown_row_text (GTK_WIDGET (tree), "trevoux");
  g_assert_nonnull (shown);
  expected = g_strdup_printf ("|%u|%u|", structures->len, establishments->len);
  g_test_message ("Trévoux's row: %s", shown);
  g_assert_true (g_str_has_prefix (shown, "Trévoux|"));
  g_assert_true (g_str_has_suffix (shown, expected));

  /* The counts add up: the EPCI holds at least Trévoux's. */
  {
    g_autoptr(GtkTreeListRow) epci_row = gtk_tree_list_model_get_row (model, tree_position (model, "cc-dombes-saone-vallee"));
    g_autoptr(MlgTerritoryNode) epci = gtk_tree_list_row_get_item (epci_row);
    g_autoptr(GPtrArray) in_epci = mlg_territory_find_located (document (), territory ("cc-dombes-saone-vallee"),
                                                               MLG_KIND_STRUCTURE);
    g_assert_cmpuint (mlg_territory_node_get_n_structures (epci), ==, in_epci->len);
    g_assert_cmpuint (mlg_territory_node_get_n_structures (epci), >=, structures->len);
    g_object_unref (node);
  }
  /* Every row, opened all the way down, shows the counts of the lists. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autoptr(MlgTerritoryNode) row_node = gtk_tree_list_row_get_item (row);
      MlgRecord *t = mlg_territory_node_get_territory (row_node);
      g_autoptr(GPtrArray) s = mlg_territory_find_located (document (), t, MLG_KIND_STRUCTURE);
      g_autoptr(GPtrArray) e = mlg_territory_find_located (document (), t, MLG_KIND_ESTABLISHMENT);
      g_autofree char *row_text = NULL;
      g_autofree char *counts = g_strdup_printf ("|%u|%u|", s->len, e->len);

      gtk_tree_list_row_set_expanded (row, TRUE);
      gtk_widget_activate_action (GTK_WIDGET (mlg_hierarchy_view_get_list_view (tree)),
                                  "list.scroll-to-item", "u", i);
      mlg_test_run_for (30);
      row_text = shown_row_text (GTK_WIDGET (tree), mlg_record_get_id (t));
      g_test_message ("%s", row_text);
      g_assert_nonnull (row_text);
      g_assert_true (g_str_has_suffix (row_text, counts));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_territories ());
  gtk_widget_activate_action (GTK_WIDGET (mlg_hierarchy_view_get_list_view (tree)),
                              "list.scroll-to-item", "u", 0);

  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  mlg_test_screenshot (GTK_WINDOW (window), "territories-hierarchy-1280x800");
}

/* Selecting a row opens the territory's page; "Edit" opens its record. */
static void
test_territory_page (void)
{
  MlgTerritoriesPage *page = territories_page ();
  MlgTerritoryView *view = mlg_territories_page_get_territory_view (page);
  MlgRecord *trevoux = territory ("trevoux");
  g_autofree char *text = NULL;

  /* Activating a row (Enter, a double click) opens its page. */
  {
    MlgHierarchyView *tree = mlg_territories_page_get_tree (page);
    GtkTreeListModel *model = mlg_hierarchy_view_get_model (tree);
    g_signal_emit_by_name (mlg_hierarchy_view_get_list_view (tree), "activate",
                           tree_position (model, "fareins"));
    g_assert_true (mlg_territory_view_get_territory (view) == territory ("fareins"));
  }
  /* From the keyboard: the focused row, then Enter (the row's activation,
   * which is what its Return binding runs). */
  {
    MlgHierarchyView *tree = mlg_territories_page_get_tree (page);
    GtkWidget *row = row_widget (GTK_WIDGET (tree), "reyrieux");

    g_assert_nonnull (row);
    g_assert_true (gtk_widget_grab_focus (row));
    g_assert_true (gtk_widget_activate (row));
    mlg_test_iterate ();
    g_assert_true (mlg_territory_view_get_territory (view) == territory ("reyrieux"));
  }

  mlg_territories_page_show_territory (page, trevoux);
  mlg_test_run_for (100);
  g_assert_true (mlg_territory_view_get_territory (view) == trevoux);
  g_assert_true (mlg_hierarchy_view_get_selected (mlg_territories_page_get_tree (page)) == trevoux);

  text = mlg_test_visible_text (GTK_WIDGET (view));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Trévoux"));
  g_assert_nonnull (strstr (text, "7,013"));           /* population, English digits */
  g_assert_nonnull (strstr (text, "in 2023"));          /* and its year */
  g_assert_nonnull (strstr (text, "Petite enfance"));   /* a pole group */
  g_assert_nonnull (strstr (text, "Key Figures"));
  g_assert_nonnull (strstr (text, "per 1,000 inhabitants"));
  g_assert_nonnull (strstr (text, "Crèche inter-entreprises Les Frimousses"));
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  mlg_test_screenshot (GTK_WINDOW (window), "territories-page-1280x800");
  {
    /* Further down: the poles, the projects and events. */
    GtkWidget *scrolled = find_scrolled (GTK_WIDGET (view));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    gtk_adjustment_set_value (adjustment, 640);
    mlg_test_run_for (100);
    mlg_test_screenshot (GTK_WINDOW (window), "territories-page-poles-1280x800");
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    mlg_test_run_for (100);
    mlg_test_screenshot (GTK_WINDOW (window), "territories-page-end-1280x800");
    gtk_adjustment_set_value (adjustment, 0);
  }

  /* Names from the file are shown as they are, never read as markup
   * (the territories above are links: escaped). */
  {
    const char *tricky = "Dombes <b>Saône</b> & Vallée";
    g_autofree char *shown = NULL;

    mlg_document_set_string (document (), territory ("cc-dombes-saone-vallee"), "name", tricky);
    mlg_document_set_string (document (), trevoux, "description", tricky);
    mlg_test_run_for (100);
    shown = mlg_test_visible_text (GTK_WIDGET (view));
    g_assert_nonnull (strstr (shown, "Ain › Dombes <b>Saône</b> & Vallée"));
    g_assert_nonnull (strstr (shown, "\nDombes <b>Saône</b> & Vallée\n"));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
    mlg_test_run_for (100);
  }

  /* Edit: the list's editor, with the territory. */
  gtk_widget_activate_action (GTK_WIDGET (page), "territories.edit", NULL);
  mlg_test_iterate ();
  g_assert_cmpstr (mlg_territories_page_get_view (page), ==, "list");
  g_assert_true (mlg_record_page_get_selected (mlg_territories_page_get_list_page (page)) == trevoux);
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  mlg_test_screenshot (GTK_WINDOW (window), "territories-list-1280x800");
  /* The window's record commands work on the list. */
  {
    guint before = n_territories ();
    gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-record", NULL);
    g_assert_cmpuint (n_territories (), ==, before + 1);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
    g_assert_cmpuint (n_territories (), ==, before);
  }
  mlg_territories_page_set_view (page, "hierarchy");
}

/* The linked toggle buttons switch the views; each view has them. */
static void
test_views (void)
{
  MlgTerritoriesPage *page = territories_page ();
  GtkWidget *button;

  button = find_toggle (GTK_WIDGET (page), "coverage");
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Coverage");
  g_signal_emit_by_name (button, "clicked");
  mlg_test_iterate ();
  g_assert_cmpstr (mlg_territories_page_get_view (page), ==, "coverage");

  button = find_toggle (GTK_WIDGET (page), "list");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  mlg_test_iterate ();
  g_assert_cmpstr (mlg_territories_page_get_view (page), ==, "list");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_cmpuint (mlg_record_page_get_n_visible (mlg_territories_page_get_list_page (page)), ==,
                    n_territories ());

  /* The list has the switcher too, in its header. */
  button = find_toggle (GTK_WIDGET (mlg_territories_page_get_list_page (page)), "hierarchy");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  mlg_test_iterate ();
  g_assert_cmpstr (mlg_territories_page_get_view (page), ==, "hierarchy");
}

static guint
count_level (const char *level)
{
  GListModel *records = mlg_document_get_records (document (), MLG_KIND_TERRITORY);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(MlgRecord) t = g_list_model_get_item (records, i);
      n += g_strcmp0 (mlg_record_get_string (t, "level"), level) == 0;
    }
  return n;
}

static gboolean
is_label_of (GtkWidget     *widget,
             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The Add button of the result row named @name. */
static GtkWidget *
find_add_button (GtkWidget  *root,
                 const char *name)
{
  for (GtkWidget *box = mlg_test_find_widget (root, is_label_of, name); box; box = gtk_widget_get_parent (box))
    if (g_object_get_data (G_OBJECT (box), "button"))
      return g_object_get_data (G_OBJECT (box), "button");
  return NULL;
}

static MlgAddTerritoryDialog *
open_dialog (void)
{
  GtkWidget *dialog = mlg_territories_page_open_add_dialog (territories_page ());
  g_assert_true (MLG_IS_ADD_TERRITORY_DIALOG (dialog));
  mlg_test_iterate ();
  return MLG_ADD_TERRITORY_DIALOG (dialog);
}

static void
wait_for_results (MlgAddTerritoryDialog *dialog)
{
  for (int i = 0; i < 200 && !mlg_add_territory_dialog_has_results (dialog); i++)
    mlg_test_run_for (25);
  g_assert_true (mlg_add_territory_dialog_has_results (dialog));
}

static guint
find_result (MlgAddTerritoryDialog *dialog,
             const char            *name)
{
  for (guint i = 0; i < mlg_add_territory_dialog_get_n_results (dialog); i++)
    if (g_strcmp0 (mlg_add_territory_dialog_get_result (dialog, i)->name, name) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* Searching by name, postcode or INSEE code; a commune already there is
 * not added twice, a new one comes without duplicating its parents, and
 * undo takes it away in one step. */
static void
test_add_from_reference (void)
{
  MlgAddTerritoryDialog *dialog = open_dialog ();
  const char *queries[] = { "trevoux", "01600", "01427" };
  guint before = n_territories ();
  guint position;
  MlgRecord *added;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      /* Typed, as a person does: the search runs after a pause. */
      GtkWidget *entry = gtk_window_get_focus (GTK_WINDOW (dialog));
      if (q == 0 && GTK_IS_TEXT (entry))
        {
          gtk_editable_set_text (GTK_EDITABLE (entry), queries[q]);
          mlg_test_run_for (400);
        }
      else
        mlg_add_territory_dialog_search (dialog, queries[q]);
      wait_for_results (dialog);
      position = find_result (dialog, "Trévoux");
      g_test_message ("“%s”: %u results", queries[q], mlg_add_territory_dialog_get_n_results (dialog));
      g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
      g_assert_true (mlg_add_territory_dialog_result_is_present (dialog, position));
    }
  g_assert_cmpuint (find_result (dialog, "Trévoux"), ==, 0);

  /* Already there: nothing new. */
  added = mlg_add_territory_dialog_add_result (dialog, position);
  g_assert_true (added == territory ("trevoux"));
  g_assert_cmpuint (n_territories (), ==, before);

  /* A neighbour of Trévoux, in the same intercommunality: only the
   * commune is new. Added with its row's button. */
  mlg_add_territory_dialog_search (dialog, "ars sur formans");
  wait_for_results (dialog);
  position = find_result (dialog, "Ars-sur-Formans");
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_false (mlg_add_territory_dialog_result_is_present (dialog, position));
  mlg_test_resize_to (GTK_WINDOW (dialog), 540, 640);
  mlg_test_screenshot (GTK_WINDOW (dialog), "territories-add-540x640");
  {
    GtkWidget *button = find_add_button (GTK_WIDGET (dialog), "Ars-sur-Formans");
    g_assert_nonnull (button);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Add Ars-sur-Formans");
    g_signal_emit_by_name (button, "clicked");
  }
  mlg_test_iterate ();
  g_assert_cmpuint (n_territories (), ==, before + 1);
  added = mlg_document_lookup_kind (document (), MLG_KIND_TERRITORY, "ars-sur-formans");
  g_assert_nonnull (added);
  g_assert_cmpstr (mlg_record_get_string (added, "code"), ==, "01021");
  g_assert_cmpstr (mlg_record_get_string (added, "parent"), ==, "cc-dombes-saone-vallee");
  g_assert_true (mlg_add_territory_dialog_result_is_present (dialog, position));

  /* The page shows it, in the tree under its EPCI. */
  g_assert_true (mlg_territory_view_get_territory (mlg_territories_page_get_territory_view (territories_page ())) == added);
  g_assert_cmpuint (tree_position (mlg_hierarchy_view_get_model (mlg_territories_page_get_tree (territories_page ())),
                                   mlg_record_get_id (added)), !=, GTK_INVALID_LIST_POSITION);

  /* Jassans-Riottier, across the Saône's intercommunality: its EPCI and
   * département come too, the région is the file's. */
  mlg_add_territory_dialog_search (dialog, "Jassans");
  wait_for_results (dialog);
  position = find_result (dialog, "Jassans-Riottier");
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  {
    guint regions = count_level ("region");
    MlgRecord *jassans = mlg_add_territory_dialog_add_result (dialog, position);
    g_assert_nonnull (jassans);
    g_assert_cmpuint (count_level ("region"), ==, regions);
    g_assert_cmpuint (count_level ("commune"), ==, 12);
    g_assert_cmpuint (n_territories (), >, before + 1);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
    mlg_test_iterate ();
    g_assert_cmpuint (n_territories (), ==, before + 1);
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  mlg_test_iterate ();

  /* One undo step. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  mlg_test_iterate ();
  g_assert_cmpuint (n_territories (), ==, before);
  g_assert_null (mlg_territory_view_get_territory (mlg_territories_page_get_territory_view (territories_page ())));
}

/* A territory the reference does not hold, under a parent of the file. */
static void
test_add_custom (void)
{
  MlgAddTerritoryDialog *dialog = open_dialog ();
  guint before = n_territories ();
  MlgRecord *added;

  /* The form, with the territory shown as the default parent. */
  mlg_territories_page_show_territory (territories_page (), territory ("trevoux"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = open_dialog ();
  {
    GtkWidget *stack = find_type (GTK_WIDGET (dialog), ADW_TYPE_VIEW_STACK);
    g_autofree char *text = NULL;
    g_assert_nonnull (stack);
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "custom");
    mlg_test_resize_to (GTK_WINDOW (dialog), 540, 640);
    text = mlg_test_visible_text (GTK_WIDGET (dialog));
    g_assert_nonnull (strstr (text, "Trévoux · Commune"));
    mlg_test_screenshot (GTK_WINDOW (dialog), "territories-add-other-540x640");
  }
  added = mlg_add_territory_dialog_add_custom (dialog, "Quartier de la Sidoine", "quartier", territory ("trevoux"));
  g_assert_nonnull (added);
  g_assert_cmpuint (n_territories (), ==, before + 1);
  g_assert_cmpstr (mlg_record_get_string (added, "level"), ==, "quartier");
  g_assert_cmpstr (mlg_record_get_string (added, "parent"), ==, "trevoux");
  gtk_window_destroy (GTK_WINDOW (dialog));
  mlg_test_iterate ();
  {
    GtkTreeListModel *model = mlg_hierarchy_view_get_model (mlg_territories_page_get_tree (territories_page ()));
    g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, tree_position (model, mlg_record_get_id (added)));
    g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
    g_autoptr(MlgTerritoryNode) node = gtk_tree_list_row_get_item (parent);
    g_assert_true (mlg_territory_node_get_territory (node) == territory ("trevoux"));
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  mlg_test_iterate ();
  g_assert_cmpuint (n_territories (), ==, before);
}

/* The coverage matrix at commune level, by type of establishment:
 * Trévoux has crèches, Fareins has none. */
static void
test_coverage (void)
{
  MlgTerritoriesPage *page = territories_page ();
  MlgCoverageView *view = mlg_territories_page_get_coverage_view (page);
  GtkWidget *cell;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length;

  mlg_territories_page_set_view (page, "coverage");
  mlg_coverage_view_set_level (view, "commune");
  mlg_coverage_view_set_rows (view, MLG_COVERAGE_BY_TYPE);
  mlg_coverage_view_set_indicator (view, NULL);
  mlg_test_run_for (100);

  cell = mlg_coverage_view_get_cell (view, "creche", "trevoux");
  g_assert_nonnull (cell);
  g_assert_false (gtk_widget_has_css_class (cell, "gap"));
  cell = mlg_coverage_view_get_cell (view, "creche", "fareins");
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_has_css_class (cell, "gap"));
  /* Every commune of the file: a crèche (or a micro-crèche) in Trévoux,
   * Saint-Didier-de-Formans and Parcieux, none in the seven others. */
  {
    const char *with_creche[] = { "trevoux", "saint-didier-de-formans", "parcieux", NULL };
    GListModel *territories = mlg_document_get_records (document (), MLG_KIND_TERRITORY);
    guint n_communes = 0;

    for (guint i = 0; i < g_list_model_get_n_items (territories); i++)
      {
        g_autoptr(MlgRecord) t = g_list_model_get_item (territories, i);
        const char *id = mlg_record_get_id (t);
        GtkWidget *creche, *micro;
        gboolean has;

        if (g_strcmp0 (mlg_record_get_string (t, "level"), "commune") != 0)
          continue;
        n_communes++;
        creche = mlg_coverage_view_get_cell (view, "creche", id);
        micro = mlg_coverage_view_get_cell (view, "micro_creche", id);
        g_assert_nonnull (creche);
        g_assert_nonnull (micro);
        has = !gtk_widget_has_css_class (creche, "gap") || !gtk_widget_has_css_class (micro, "gap");
        g_test_message ("%s: %s", id, has ? "a crèche" : "no crèche");
        g_assert_cmpint (has, ==, g_strv_contains (with_creche, id));
      }
    g_assert_cmpuint (n_communes, ==, 10);
  }
  /* A gap reads "none". */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (cell)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "none");

  /* By pole, Fareins has its relais petite enfance. */
  mlg_coverage_view_set_rows (view, MLG_COVERAGE_BY_POLE);
  mlg_test_iterate ();
  g_assert_false (gtk_widget_has_css_class (mlg_coverage_view_get_cell (view, "pole-petite-enfance", "fareins"), "gap"));

  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  mlg_test_screenshot (GTK_WINDOW (window), "territories-coverage-1280x800");

  /* A figure: the employees of Trévoux's structures, summed. */
  mlg_coverage_view_set_indicator (view, "employees");
  mlg_test_iterate ();
  g_assert_cmpstr (mlg_coverage_view_get_description (view), ==, "Communes × poles · Employees");
  {
    MlgCoverage *coverage = mlg_coverage_view_get_coverage (view);
    double total = 0;
    for (guint r = 0; r < mlg_coverage_get_n_rows (coverage); r++)
      for (guint c = 0; c < mlg_coverage_get_n_columns (coverage); c++)
        {
          double value;
          if (g_strcmp0 (mlg_coverage_get_column_label (coverage, c), "Trévoux") == 0 &&
              mlg_coverage_get_value (coverage, r, c, &value))
            total += value;
        }
    g_assert_cmpfloat (total, >, 0);
  }
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  mlg_test_screenshot (GTK_WINDOW (window), "territories-coverage-employees-1280x800");
  mlg_coverage_view_set_indicator (view, NULL);

  /* Every commune of the file's intercommunalities, from the reference
   * (loaded when the page first showed): Ars-sur-Formans, which the file
   * does not hold, is a gap in every row. */
  for (int i = 0; i < 200 && !mlg_territory_reference_is_loaded (mlg_territory_reference_get_default ()); i++)
    mlg_test_run_for (25);
  mlg_test_run_for (50);
  mlg_coverage_view_set_include_reference (view, TRUE);
  {
    MlgCoverage *coverage = mlg_coverage_view_get_coverage (view);
    gboolean found = FALSE;
    g_assert_cmpuint (mlg_coverage_get_n_columns (coverage), >, 10);
    for (guint c = 0; c < mlg_coverage_get_n_columns (coverage); c++)
      if (g_strcmp0 (mlg_coverage_get_column_label (coverage, c), "Ars-sur-Formans") == 0)
        {
          found = TRUE;
          g_assert_null (mlg_coverage_get_column_territory (coverage, c));
          for (guint r = 0; r < mlg_coverage_get_n_rows (coverage); r++)
            g_assert_true (mlg_coverage_is_gap (coverage, r, c));
        }
    g_assert_true (found);
  }
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  mlg_test_screenshot (GTK_WINDOW (window), "territories-coverage-all-communes-1280x800");
  mlg_coverage_view_set_include_reference (view, FALSE);

  /* Sorted by a column's header: the most present first, then (clicked
   * again) the least; by name again from the corner. */
  {
    GtkWidget *header = find_button (GTK_WIDGET (view), "Sort the territories by “Petite enfance”");
    MlgCoverage *coverage;
    guint n;

    g_assert_nonnull (header);
    g_signal_emit_by_name (header, "clicked");
    coverage = mlg_coverage_view_get_coverage (view);
    n = mlg_coverage_get_n_columns (coverage);
    g_assert_cmpstr (mlg_coverage_get_column_label (coverage, 0), ==, "Trévoux");
    /* The names' column follows. */
    g_assert_cmpstr (gtk_widget_get_tooltip_text (find_button (GTK_WIDGET (view), "Sort by name")), ==, "Sort by name");
    header = find_button (GTK_WIDGET (view), "Sort the territories by “Petite enfance”");
    g_signal_emit_by_name (header, "clicked");
    g_assert_cmpstr (mlg_coverage_get_column_label (coverage, n - 1), ==, "Trévoux");
    g_signal_emit_by_name (find_button (GTK_WIDGET (view), "Sort by population"), "clicked");
    g_assert_cmpstr (mlg_coverage_get_column_label (coverage, 0), ==, "Miribel");
    g_signal_emit_by_name (find_button (GTK_WIDGET (view), "Sort by name"), "clicked");
    g_assert_cmpstr (mlg_coverage_get_column_label (coverage, 0), ==, "Châtillon-sur-Chalaronne");

    /* The poles: by name, or the most present first (Petite enfance:
     * nine establishments in the file's communes). */
    g_assert_cmpstr (mlg_coverage_get_row_label (coverage, 0), ==, "Alimentation et tiers-lieu");
    mlg_coverage_view_set_column_order (view, MLG_COVERAGE_SORT_TOTAL);
    g_assert_cmpstr (mlg_coverage_get_row_label (coverage, 0), ==, "Petite enfance");
    g_assert_cmpstr (mlg_coverage_get_column_label (coverage, 0), ==, "Châtillon-sur-Chalaronne");
    mlg_coverage_view_set_column_order (view, MLG_COVERAGE_SORT_NAME);
    g_assert_cmpstr (mlg_coverage_get_row_label (coverage, 0), ==, "Alimentation et tiers-lieu");
  }

  /* Exported as CSV, accents intact. */
  dir = g_dir_make_tmp ("maillage-coverage-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "coverage.csv", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (mlg_coverage_view_can_export (view));
  g_assert_true (mlg_coverage_view_export (view, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, &length, &error));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_assert_true (g_utf8_validate (csv, (gssize) length, NULL));
  g_assert_nonnull (strstr (csv, "Trévoux"));
  g_assert_nonnull (strstr (csv, "Petite enfance"));
  g_unlink (path);
  g_rmdir (dir);
}

/* What a focused widget of the matrix is. */
static const char *
focus_kind (GtkWidget       *focus,
            MlgCoverageView *view)
{
  if (gtk_widget_get_ancestor (focus, GTK_TYPE_DROP_DOWN))
    return "choice";
  if (GTK_IS_CHECK_BUTTON (focus))
    return "check";
  if (GTK_IS_BUTTON (focus) && gtk_widget_has_css_class (focus, "coverage-column-header"))
    return "header";
  if (GTK_IS_BUTTON (focus) && gtk_widget_has_css_class (focus, "coverage-name"))
    return "name";
  if (GTK_IS_BUTTON (focus) && gtk_widget_has_css_class (gtk_widget_get_parent (focus), "coverage-corner"))
    return "corner";
  /* The cells' pane, to scroll them with the arrow keys. */
  if (GTK_IS_SCROLLED_WINDOW (focus) && find_type (focus, GTK_TYPE_GRID))
    return "cells";
  return G_OBJECT_TYPE_NAME (focus);
}

/* Tab reaches every control of the matrix, once each; Enter on a column's
 * header sorts by it and the focus stays on that header; every control
 * of the territory views has a name for screen readers. */
static void
test_keyboard (void)
{
  MlgTerritoriesPage *page = territories_page ();
  MlgCoverageView *view = mlg_territories_page_get_coverage_view (page);
  MlgCoverage *coverage;
  g_autoptr(GString) stops = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint choices = 0, checks = 0, corner = 0, headers = 0, names = 0, cells = 0;
  GtkWidget *header = NULL;
  GtkWidget *focus;

  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  mlg_territories_page_set_view (page, "coverage");
  mlg_coverage_view_set_level (view, "commune");
  mlg_coverage_view_set_rows (view, MLG_COVERAGE_BY_POLE);
  mlg_test_run_for (100);
  coverage = mlg_coverage_view_get_coverage (view);
  assert_controls_named (GTK_WIDGET (view));

  g_assert_true (gtk_widget_grab_focus (find_type (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN)));
  for (int i = 0; i < 200; i++)
    {
      const char *kind;

      focus = gtk_window_get_focus (GTK_WINDOW (window));
      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (view)) || g_hash_table_contains (seen, focus))
        break;
      g_hash_table_add (seen, focus);
      kind = focus_kind (focus, view);
      g_string_append_printf (stops, "%s ", kind);
      choices += g_str_equal (kind, "choice");
      checks += g_str_equal (kind, "check");
      corner += g_str_equal (kind, "corner");
      names += g_str_equal (kind, "name");
      cells += g_str_equal (kind, "cells");
      if (g_str_equal (kind, "header"))
        {
          headers++;
          header = header ? header : focus;
        }
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
    }
  g_test_message ("Tab: %s", stops->str);
  g_assert_cmpuint (choices, ==, 4);
  g_assert_cmpuint (checks, ==, 1);
  g_assert_cmpuint (corner, ==, 2);
  g_assert_cmpuint (headers, ==, mlg_coverage_get_n_rows (coverage));
  g_assert_cmpuint (names, ==, mlg_coverage_get_n_columns (coverage));
  /* Nothing else stops the Tab key on the way. */
  g_assert_cmpuint (cells, <=, 1);
  g_assert_cmpuint (g_hash_table_size (seen), ==, choices + checks + corner + headers + names + cells);

  /* Enter on the first pole's header: sorted by it, the focus stays. */
  {
    g_autofree char *tooltip = g_strdup (gtk_widget_get_tooltip_text (header));

    g_assert_true (gtk_widget_grab_focus (header));
    g_assert_true (gtk_widget_activate (header));
    mlg_test_run_for (400);   /* a button's activation shows it pressed a moment */
    focus = gtk_window_get_focus (GTK_WINDOW (window));
    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_has_css_class (focus, "coverage-column-header"));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (focus), ==, tooltip);
    /* The corner's sort by name, likewise. */
    header = find_button (GTK_WIDGET (view), "Sort by name");
    g_assert_true (gtk_widget_grab_focus (header));
    g_assert_true (gtk_widget_activate (header));
    mlg_test_run_for (400);   /* a button's activation shows it pressed a moment */
    focus = gtk_window_get_focus (GTK_WINDOW (window));
    g_assert_nonnull (focus);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (focus), ==, "Sort by name");
    /* (Names Z to A if they were A to Z: once more.) */
    if (!g_str_equal (mlg_coverage_get_column_label (mlg_coverage_view_get_coverage (view), 0),
                      "Châtillon-sur-Chalaronne"))
      {
        gtk_widget_activate (gtk_window_get_focus (GTK_WINDOW (window)));
        mlg_test_run_for (400);
      }
    g_assert_cmpstr (mlg_coverage_get_column_label (mlg_coverage_view_get_coverage (view), 0), ==,
                     "Châtillon-sur-Chalaronne");
  }

  /* The other views' controls. */
  mlg_territories_page_set_view (page, "hierarchy");
  mlg_territories_page_show_territory (page, territory ("trevoux"));
  mlg_test_run_for (100);
  assert_controls_named (GTK_WIDGET (page));
  {
    MlgAddTerritoryDialog *dialog = open_dialog ();
    GtkWidget *stack = find_type (GTK_WIDGET (dialog), ADW_TYPE_VIEW_STACK);

    mlg_add_territory_dialog_search (dialog, "trevoux");
    wait_for_results (dialog);
    assert_controls_named (GTK_WIDGET (dialog));
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "custom");
    mlg_test_iterate ();
    assert_controls_named (GTK_WIDGET (dialog));
    gtk_window_destroy (GTK_WINDOW (dialog));
    mlg_test_iterate ();
  }
}

static void
test_narrow (void)
{
  MlgTerritoriesPage *page = territories_page ();

  mlg_territories_page_show_territory (page, territory ("trevoux"));
  mlg_test_resize_to (GTK_WINDOW (window), 360, 720);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 360);
  mlg_test_screenshot (GTK_WINDOW (window), "territories-page-360x720");

  gtk_widget_activate_action (GTK_WIDGET (page), "territories.view", "s", "hierarchy");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "territories");
  {
    /* Folded, the page has its way back to the tree. */
    GtkWidget *back = find_button (GTK_WIDGET (page), "Back to the Hierarchy");
    g_assert_nonnull (back);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Back to the Hierarchy");
    g_signal_emit_by_name (back, "clicked");
  }
  mlg_test_resize_to (GTK_WINDOW (window), 360, 720);
  mlg_test_screenshot (GTK_WINDOW (window), "territories-hierarchy-360x720");

  mlg_territories_page_set_view (page, "coverage");
  mlg_test_resize_to (GTK_WINDOW (window), 360, 720);
  mlg_test_screenshot (GTK_WINDOW (window), "territories-coverage-360x720");

  mlg_territories_page_set_view (page, "list");
  mlg_record_page_focus_search (mlg_territories_page_get_list_page (page));
  mlg_test_resize_to (GTK_WINDOW (window), 360, 720);
  mlg_test_screenshot (GTK_WINDOW (window), "territories-list-360x720");
  mlg_territories_page_set_view (page, "hierarchy");
}

/* The header's Export button, through the file chooser (last: its toast
 * stays a while). */
static void
test_export_button (void)
{
  MlgTerritoriesPage *page = territories_page ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("maillage-coverage-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) folder = NULL;
  GList *toplevels;
  GtkWidget *chooser = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "from-the-button.csv", NULL);
  folder = g_file_new_for_path (dir);
  mlg_test_resize_to (GTK_WINDOW (window), 1280, 800);
  mlg_territories_page_set_view (page, "coverage");
  mlg_test_iterate ();

  gtk_widget_activate_action (GTK_WIDGET (page), "territories.export-coverage", NULL);
  mlg_test_run_for (200);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data))
      chooser = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "from-the-button.csv");
  mlg_test_run_for (300);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  /* The chooser checks the name before it answers. */
  for (int i = 0; i < 100 && !g_file_test (path, G_FILE_TEST_IS_REGULAR); i++)
    mlg_test_run_for (20);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* And says so. */
  g_assert_nonnull (find_with_class (GTK_WIDGET (window), "toast"));
  g_unlink (path);
  g_rmdir (dir);
}

/* English that must not show in French: a few of the views' own texts. */
static const char * const english[] = {
  "Key Figures", "By Pole", "here or below", "Territories Within", "per 1,000 inhabitants",
  "Number present", "Tinted", "Sort by", "Inhabitants", "No project", "located", NULL
};

/* Sizes @window to @width × @height, writes territories-VIEW-fr-SIZE.png
 * for a reviewer and returns the text @root shows, checked for English. */
static char *
french_screenshot (GtkWindow  *shown,
                   int         width,
                   int         height,
                   const char *view,
                   GtkWidget  *root)
{
  g_autofree char *name = g_strdup_printf ("territories-%s-fr-%dx%d", view, width, height);
  char *text;

  mlg_test_resize_to (shown, width, height);
  mlg_test_run_for (300);   /* a page fading in */
  mlg_test_screenshot (shown, name);
  text = mlg_test_visible_text (root);
  g_test_message ("%s", text);
  for (guint i = 0; english[i]; i++)
    g_assert_null (strstr (text, english[i]));
  return text;
}

/* In French: each view at 1280×800 and 360 pixels wide, and what they show
 * translated. */
static void
french_screens (int width,
                int height)
{
  MlgTerritoriesPage *page = territories_page ();
  MlgCoverageView *coverage = mlg_territories_page_get_coverage_view (page);
  char *text;

  mlg_territories_page_set_view (page, "hierarchy");
  mlg_territories_page_show_territory (page, territory ("trevoux"));
  text = french_screenshot (GTK_WINDOW (window), width, height, "page", GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "Chiffres clés"));
  g_assert_nonnull (strstr (text, "Par pôle"));
  g_free (text);

  if (width < 600)
    {
      GtkWidget *back = find_button (GTK_WIDGET (page), g_dgettext (GETTEXT_PACKAGE, "Back to the Hierarchy"));
      g_assert_nonnull (back);
      g_signal_emit_by_name (back, "clicked");
    }
  text = french_screenshot (GTK_WINDOW (window), width, height, "hierarchy", GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "Commune · 7" MLG_NNBSP "013 hab."));
  g_free (text);

  mlg_territories_page_set_view (page, "coverage");
  mlg_coverage_view_set_level (coverage, "commune");
  mlg_coverage_view_set_rows (coverage, MLG_COVERAGE_BY_TYPE);
  text = french_screenshot (GTK_WINDOW (window), width, height, "coverage", GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "Crèche"));
  g_free (text);
  mlg_coverage_view_set_rows (coverage, MLG_COVERAGE_BY_POLE);

  {
    MlgAddTerritoryDialog *dialog = open_dialog ();
    GtkWidget *stack = find_type (GTK_WIDGET (dialog), ADW_TYPE_VIEW_STACK);
    int dialog_width = MIN (width, 540);

    mlg_add_territory_dialog_search (dialog, "trevoux");
    wait_for_results (dialog);
    g_free (french_screenshot (GTK_WINDOW (dialog), dialog_width, 640, "add", GTK_WIDGET (dialog)));
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "custom");
    g_free (french_screenshot (GTK_WINDOW (dialog), dialog_width, 640, "add-other", GTK_WIDGET (dialog)));
    gtk_window_destroy (GTK_WINDOW (dialog));
    mlg_test_iterate ();
  }
}

static void
test_french (void)
{
  french_screens (1280, 800);
  french_screens (360, 720);
}

static void
test_finalize (void)
{
  /* The window goes, and with it the views and the tree's rows. */
  MlgTerritoriesPage *page = territories_page ();
  gpointer views[] = {
    page,
    mlg_territories_page_get_tree (page),
    mlg_territories_page_get_territory_view (page),
    mlg_territories_page_get_coverage_view (page),
    mlg_hierarchy_view_get_model (mlg_territories_page_get_tree (page)),
    NULL,
  };
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (views[4]), 0);
    views[5] = gtk_tree_list_row_get_item (row);
    g_object_unref (views[5]);   /* the tree holds it */
  }
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    g_object_add_weak_pointer (views[i], &views[i]);

  mlg_test_destroy_window (GTK_WINDOW (window));
  window = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    g_assert_null (views[i]);

  /* Whatever the window left beside the copy (a lock, a backup). */
  {
    GDir *dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;
    while (dir && (name = g_dir_read_name (dir)))
      {
        g_autofree char *leftover = g_build_filename (tmp_dir, name, NULL);
        g_unlink (leftover);
      }
    if (dir)
      g_dir_close (dir);
    g_rmdir (tmp_dir);
  }
  g_clear_pointer (&tmp_dir, g_free);
  g_clear_pointer (&copy_path, g_free);
}

int
main (int    argc,
      char **argv)
{
  gboolean french = argc > 1 && g_str_equal (argv[argc - 1], "--french");
  int status;

  /* "--french" (last) runs the French screens instead. */
  if (french)
    argv[--argc] = NULL;
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* The same window in French (a second run, from tests/meson.build),
   * with the translations this build compiled. */
  if (french)
    {
      if (!mlg_test_use_french ())
        {
          g_test_skip ("the fr_FR.UTF-8 locale is missing (build-aux/install-deps.sh generates it)");
          return g_test_run ();
        }
      settings = mlg_test_settings_new ();
      g_test_add_func ("/territories-ui-fr/open", test_open);
      g_test_add_func ("/territories-ui-fr/screens", test_french);
      g_test_add_func ("/territories-ui-fr/finalize", test_finalize);
      status = g_test_run ();
      g_clear_object (&settings);
      return status;
    }

  settings = mlg_test_settings_new ();

  g_test_add_func ("/territories-ui/open", test_open);
  g_test_add_func ("/territories-ui/hierarchy", test_hierarchy);
  g_test_add_func ("/territories-ui/territory-page", test_territory_page);
  g_test_add_func ("/territories-ui/views", test_views);
  g_test_add_func ("/territories-ui/add-from-reference", test_add_from_reference);
  g_test_add_func ("/territories-ui/add-custom", test_add_custom);
  g_test_add_func ("/territories-ui/coverage", test_coverage);
  g_test_add_func ("/territories-ui/keyboard", test_keyboard);
  g_test_add_func ("/territories-ui/narrow", test_narrow);
  g_test_add_func ("/territories-ui/export-button", test_export_button);
  g_test_add_func ("/territories-ui/finalize", test_finalize);

  status = g_test_run ();
  g_clear_object (&settings);
  return status;
}
