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

static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s|", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

/* The texts of the tree's row for @id, as shown: "Trévoux|Commune · …|5|12|". */
static char *
shown_row_text (GtkWidget  *root,
                const char *id)
{
  if (GTK_IS_TREE_EXPANDER (root))
    {
      GtkTreeListRow *row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (root));
      g_autoptr(MlgTerritoryNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;

      if (node && g_strcmp0 (mlg_record_get_id (mlg_territory_node_get_territory (node)), id) == 0)
        {
          GString *out = g_string_new (NULL);
          collect_labels (root, out);
          return g_string_free (out, FALSE);
        }
      return NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      char *found = shown_row_text (child, id);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_toggle (GtkWidget  *root,
             const char *target)
{
  if (GTK_IS_TOGGLE_BUTTON (root) && gtk_widget_is_drawable (root))
    {
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));
      if (value && g_strcmp0 (g_variant_get_string (value, NULL), target) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toggle (child, target);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  if ((gtk_widget_has_css_class (root, css_class) || g_str_equal (gtk_widget_get_css_name (root), css_class)) &&
      gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);
      if (found)
        return found;
    }
  return NULL;
}

/* The visible button whose tooltip is @tooltip. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_is_drawable (root) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, tooltip);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_scrolled (GtkWidget *root)
{
  if (GTK_IS_SCROLLED_WINDOW (root) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_scrolled (child);
      if (found)
        return found;
    }
  return NULL;
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

  mlg_territories_page_show_territory (page, trevoux);
  mlg_test_run_for (100);
  g_assert_true (mlg_territory_view_get_territory (view) == trevoux);
  g_assert_true (mlg_hierarchy_view_get_selected (mlg_territories_page_get_tree (page)) == trevoux);

  text = mlg_test_visible_text (GTK_WIDGET (view));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Trévoux"));
  g_assert_nonnull (strstr (text, "7013"));            /* population */
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

/* The Add button of the result row named @name. */
static GtkWidget *
find_add_button (GtkWidget  *root,
                 const char *name)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), name) == 0)
    {
      for (GtkWidget *box = root; box; box = gtk_widget_get_parent (box))
        if (g_object_get_data (G_OBJECT (box), "button"))
          return g_object_get_data (G_OBJECT (box), "button");
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_add_button (child, name);
      if (found)
        return found;
    }
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

static void
test_finalize (void)
{
  gtk_window_destroy (GTK_WINDOW (window));
  mlg_test_iterate ();
  g_assert_finalize_object (window);
  window = NULL;

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
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  settings = mlg_test_settings_new ();

  g_test_add_func ("/territories-ui/open", test_open);
  g_test_add_func ("/territories-ui/hierarchy", test_hierarchy);
  g_test_add_func ("/territories-ui/territory-page", test_territory_page);
  g_test_add_func ("/territories-ui/views", test_views);
  g_test_add_func ("/territories-ui/add-from-reference", test_add_from_reference);
  g_test_add_func ("/territories-ui/add-custom", test_add_custom);
  g_test_add_func ("/territories-ui/coverage", test_coverage);
  g_test_add_func ("/territories-ui/narrow", test_narrow);
  g_test_add_func ("/territories-ui/export-button", test_export_button);
  g_test_add_func ("/territories-ui/finalize", test_finalize);

  status = g_test_run ();
  g_clear_object (&settings);
  return status;
}
