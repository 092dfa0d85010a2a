/* mlg-territories-page.c — the Territories page: hierarchy, list, coverage
 *
 * Three views of the same territories, switched by linked toggle buttons
 * in each view's header (bound to the "territories.view" property action):
 * the hierarchy (an expandable tree beside the page of the territory
 * chosen), the list (the kind's ordinary record page, so that editing
 * works as everywhere else) and the coverage matrix. The official
 * reference starts loading in the background the first time the page
 * shows.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mlg-add-territory-dialog.h"
#include "mlg-schema.h"
#include "mlg-territories-page.h"
#include "mlg-territory-reference.h"
#include "mlg-ui-util.h"

struct _MlgTerritoriesPage
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  AdwLeaflet        *leaflet;
  AdwHeaderBar      *tree_header;
  AdwHeaderBar      *detail_header;
  AdwHeaderBar      *coverage_header;
  GtkWidget         *back_button;
  GtkWidget         *detail_back_button;
  GtkWidget         *coverage_back_button;
  AdwWindowTitle    *tree_title;
  AdwWindowTitle    *detail_title;
  AdwWindowTitle    *coverage_title;
  MlgHierarchyView  *tree;
  MlgTerritoryView  *territory_view;
  MlgCoverageView   *coverage_view;
  MlgRecordPage     *list_page;

  MlgDocument       *document;
  char              *view;
  gboolean           show_back_button;
  gboolean           reference_requested;
  GCancellable      *cancellable;
  GtkNativeDialog   *chooser;
};

G_DEFINE_FINAL_TYPE (MlgTerritoriesPage, mlg_territories_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

enum {
  SIGNAL_OPEN_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const struct {
  const char *name;
  const char *icon;
  const char *label;   /* N_() */
} views[] = {
  { "hierarchy", "mlg-hierarchy-symbolic", N_("Hierarchy") },
  { "list",      "view-list-symbolic",     N_("List") },
  { "coverage",  "mlg-coverage-symbolic",  N_("Coverage") },
};

/* The views' own style and icons, once per display: the application
 * loads style.css, but these must also show without one (tests). */
static void
ensure_style (GtkWidget *widget)
{
  static gboolean done;
  GdkDisplay *display = gtk_widget_get_display (widget);
  GtkCssProvider *provider;
  GtkIconTheme *theme;

  if (done || display == NULL)
    return;
  done = TRUE;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/maillage/Maillage/territories.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (provider);

  theme = gtk_icon_theme_get_for_display (display);
  if (!gtk_icon_theme_has_icon (theme, "mlg-hierarchy-symbolic"))
    gtk_icon_theme_add_resource_path (theme, "/io/github/maillage/Maillage/icons");
}

static GtkWidget *
new_view_switcher (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_add_css_class (box, "territory-views");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Territory Views"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_button_set_icon_name (GTK_BUTTON (button), views[i].icon);
      gtk_widget_set_tooltip_text (button, _(views[i].label));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(views[i].label), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "territories.view");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", views[i].name);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

static void
update_headers (MlgTerritoriesPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->back_button, self->show_back_button);
  gtk_widget_set_visible (self->coverage_back_button, self->show_back_button);
  adw_header_bar_set_show_start_title_buttons (self->tree_header, self->show_back_button);
  adw_header_bar_set_show_end_title_buttons (self->tree_header, folded);
  gtk_widget_set_visible (self->detail_back_button, folded);
  adw_header_bar_set_show_start_title_buttons (self->detail_header, folded && self->show_back_button);
  adw_header_bar_set_show_start_title_buttons (self->coverage_header, self->show_back_button);
}

static void
update_actions (MlgTerritoriesPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "territories.add", self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "territories.edit",
                                 mlg_territory_view_get_territory (self->territory_view) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "territories.export-coverage",
                                 mlg_coverage_view_can_export (self->coverage_view));
}

static void
update_detail_title (MlgTerritoriesPage *self)
{
  MlgRecord *territory = mlg_territory_view_get_territory (self->territory_view);

  if (territory)
    {
      const MlgField *level = mlg_kind_find_field (mlg_record_get_kind (territory), "level");
      const char *key = mlg_record_get_string (territory, "level");

      adw_window_title_set_title (self->detail_title, mlg_ui_record_title (territory));
      adw_window_title_set_subtitle (self->detail_title, key ? mlg_field_choice_label (level, key) : NULL);
    }
  else
    {
      adw_window_title_set_title (self->detail_title, _("Territory"));
      adw_window_title_set_subtitle (self->detail_title, NULL);
    }
  update_actions (self);
}

static void
update_coverage_title (MlgTerritoriesPage *self)
{
  adw_window_title_set_subtitle (self->coverage_title,
                                 mlg_coverage_view_get_description (self->coverage_view));
  update_actions (self);
}

/* ── Views ───────────────────────────────────────────────────────────── */

const char *
mlg_territories_page_get_view (MlgTerritoriesPage *self)
{
  g_return_val_if_fail (MLG_IS_TERRITORIES_PAGE (self), NULL);
  return self->view;
}

void
mlg_territories_page_set_view (MlgTerritoriesPage *self,
                               const char         *view)
{
  gboolean known = FALSE;

  g_return_if_fail (MLG_IS_TERRITORIES_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    known |= g_strcmp0 (views[i].name, view) == 0;
  g_return_if_fail (known);

  if (g_strcmp0 (self->view, view) == 0)
    return;

  /* Nothing typed in the editor is lost when the list goes. */
  if (g_strcmp0 (self->view, "list") == 0)
    mlg_record_page_commit_pending (self->list_page);

  g_free (self->view);
  self->view = g_strdup (view);
  gtk_stack_set_visible_child_name (self->stack, view);
  /* The matrix is built when it first shows. */
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

MlgRecordPage *
mlg_territories_page_get_visible_list (MlgTerritoriesPage *self)
{
  g_return_val_if_fail (MLG_IS_TERRITORIES_PAGE (self), NULL);
  return g_str_equal (self->view, "list") ? self->list_page : NULL;
}

MlgRecordPage *
mlg_territories_page_get_list_page (MlgTerritoriesPage *self)
{
  g_return_val_if_fail (MLG_IS_TERRITORIES_PAGE (self), NULL);
  return self->list_page;
}

MlgHierarchyView *
mlg_territories_page_get_tree (MlgTerritoriesPage *self)
{
  g_return_val_if_fail (MLG_IS_TERRITORIES_PAGE (self), NULL);
  return self->tree;
}

MlgTerritoryView *
mlg_territories_page_get_territory_view (MlgTerritoriesPage *self)
{
  g_return_val_if_fail (MLG_IS_TERRITORIES_PAGE (self), NULL);
  return self->territory_view;
}

MlgCoverageView *
mlg_territories_page_get_coverage_view (MlgTerritoriesPage *self)
{
  g_return_val_if_fail (MLG_IS_TERRITORIES_PAGE (self), NULL);
  return self->coverage_view;
}

void
mlg_territories_page_show_territory (MlgTerritoriesPage *self,
                                     MlgRecord          *territory)
{
  g_return_if_fail (MLG_IS_TERRITORIES_PAGE (self));
  g_return_if_fail (MLG_IS_RECORD (territory));

  mlg_territories_page_set_view (self, "hierarchy");
  mlg_hierarchy_view_select (self->tree, territory);
  /* The tree may not hold it (a loop of parents): show it all the same. */
  if (mlg_territory_view_get_territory (self->territory_view) != territory)
    mlg_territory_view_set_territory (self->territory_view, territory);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

/* ── Signals from the views ──────────────────────────────────────────── */

static void
on_tree_selection (MlgTerritoriesPage *self)
{
  MlgRecord *territory = mlg_hierarchy_view_get_selected (self->tree);

  if (territory == NULL)
    return;
  mlg_territory_view_set_territory (self->territory_view, territory);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
on_tree_activated (MlgTerritoriesPage *self,
                   MlgRecord          *territory)
{
  mlg_territory_view_set_territory (self->territory_view, territory);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
on_detail_back (MlgTerritoriesPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  /* So that the same row opens the page again. */
  if (adw_leaflet_get_folded (self->leaflet))
    mlg_hierarchy_view_unselect (self->tree);
}

static void
on_open_record (MlgTerritoriesPage *self,
                MlgRecord          *record)
{
  if (mlg_record_get_kind_id (record) == MLG_KIND_TERRITORY)
    mlg_territories_page_show_territory (self, record);
  else
    g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, record);
}

static void
on_territory_added (MlgTerritoriesPage *self,
                    MlgRecord          *territory)
{
  mlg_territories_page_show_territory (self, territory);
}

/* ── Reference ───────────────────────────────────────────────────────── */

static void
reference_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MlgTerritoryReference *reference = MLG_TERRITORY_REFERENCE (source);
  g_autoptr(GError) error = NULL;
  MlgTerritoriesPage *self;

  if (!mlg_territory_reference_load_finish (reference, result, &error))
    {
      /* Cancelled: the page is gone. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The dialog that adds territories says so; the matrix goes without. */
      g_debug ("The territorial reference could not be read: %s", error->message);
      return;
    }
  self = MLG_TERRITORIES_PAGE (user_data);
  mlg_coverage_view_set_reference (self->coverage_view, reference);
}

static void
mlg_territories_page_map (GtkWidget *widget)
{
  MlgTerritoriesPage *self = MLG_TERRITORIES_PAGE (widget);

  GTK_WIDGET_CLASS (mlg_territories_page_parent_class)->map (widget);

  if (!self->reference_requested)
    {
      self->reference_requested = TRUE;
      mlg_territory_reference_load_async (mlg_territory_reference_get_default (), self->cancellable,
                                          reference_loaded, self);
    }
}

/* ── Actions ─────────────────────────────────────────────────────────── */

GtkWidget *
mlg_territories_page_open_add_dialog (MlgTerritoriesPage *self)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_val_if_fail (MLG_IS_TERRITORIES_PAGE (self), NULL);
  g_return_val_if_fail (self->document != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = mlg_add_territory_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         self->document);
  mlg_add_territory_dialog_set_default_parent (MLG_ADD_TERRITORY_DIALOG (dialog),
                                               mlg_territory_view_get_territory (self->territory_view));
  g_signal_connect_object (dialog, "territory-added",
                           G_CALLBACK (on_territory_added), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
action_add (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  MlgTerritoriesPage *self = MLG_TERRITORIES_PAGE (widget);

  if (self->document)
    mlg_territories_page_open_add_dialog (self);
}

static void
action_edit (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MlgTerritoriesPage *self = MLG_TERRITORIES_PAGE (widget);
  MlgRecord *territory = mlg_territory_view_get_territory (self->territory_view);

  if (territory == NULL)
    return;
  mlg_territories_page_set_view (self, "list");
  mlg_record_page_select_record (self->list_page, territory, NULL);
}

static void
show_toast (MlgTerritoriesPage *self,
            const char         *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
on_export_response (GtkNativeDialog    *chooser,
                    int                 response,
                    MlgTerritoriesPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (mlg_coverage_view_export (self->coverage_view, file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Coverage exported to “%s”"), escaped);
      show_toast (self, text);
    }
  else
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("Could Not Export the Coverage"), NULL);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
action_export_coverage (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MlgTerritoriesPage *self = MLG_TERRITORIES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  GtkFileFilter *filter;

  if (self->chooser || !mlg_coverage_view_can_export (self->coverage_view))
    return;

  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Export the Coverage as CSV"),
                                                                  GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                  GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                  _("_Export"), _("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  name = mlg_coverage_view_suggest_file_name (self->coverage_view);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV spreadsheets"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (self->chooser);
}

/* ── Document ────────────────────────────────────────────────────────── */

void
mlg_territories_page_set_document (MlgTerritoriesPage *self,
                                   MlgDocument        *document)
{
  g_return_if_fail (MLG_IS_TERRITORIES_PAGE (self));

  if (self->document == document)
    return;
  g_set_object (&self->document, document);
  mlg_hierarchy_view_set_document (self->tree, document);
  mlg_territory_view_set_document (self->territory_view, document);
  mlg_coverage_view_set_document (self->coverage_view, document);
  if (document == NULL || mlg_territory_view_get_territory (self->territory_view) == NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "tree");
  update_detail_title (self);
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
mlg_territories_page_dispose (GObject *object)
{
  MlgTerritoriesPage *self = MLG_TERRITORIES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  mlg_ui_dispose_children (GTK_WIDGET (self), MLG_TYPE_TERRITORIES_PAGE);
  g_clear_object (&self->list_page);
  g_clear_object (&self->document);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mlg_territories_page_parent_class)->dispose (object);
}

static void
mlg_territories_page_finalize (GObject *object)
{
  MlgTerritoriesPage *self = MLG_TERRITORIES_PAGE (object);

  g_free (self->view);
  G_OBJECT_CLASS (mlg_territories_page_parent_class)->finalize (object);
}

static void
mlg_territories_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MlgTerritoriesPage *self = MLG_TERRITORIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;
    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlg_territories_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MlgTerritoriesPage *self = MLG_TERRITORIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      mlg_territories_page_set_view (self, g_value_get_string (value));
      break;
    case PROP_SHOW_BACK_BUTTON:
      self->show_back_button = g_value_get_boolean (value);
      update_headers (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlg_territories_page_class_init (MlgTerritoriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlg_territories_page_dispose;
  object_class->finalize = mlg_territories_page_finalize;
  object_class->get_property = mlg_territories_page_get_property;
  object_class->set_property = mlg_territories_page_set_property;
  widget_class->map = mlg_territories_page_map;

  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "hierarchy",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MlgTerritoriesPage::open-record:
   * A record other than a territory to show on its own page.
   */
  signals[SIGNAL_OPEN_RECORD] = mlg_ui_record_signal_new (G_TYPE_FROM_CLASS (klass), "open-record");

  g_type_ensure (MLG_TYPE_HIERARCHY_VIEW);
  g_type_ensure (MLG_TYPE_TERRITORY_VIEW);
  g_type_ensure (MLG_TYPE_COVERAGE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/maillage/Maillage/mlg-territories-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, tree_header);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, detail_header);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, coverage_header);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, detail_back_button);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, coverage_back_button);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, tree_title);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, coverage_title);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, tree);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, territory_view);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoriesPage, coverage_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_property_action (widget_class, "territories.view", "view");
  gtk_widget_class_install_action (widget_class, "territories.add", NULL, action_add);
  gtk_widget_class_install_action (widget_class, "territories.edit", NULL, action_edit);
  gtk_widget_class_install_action (widget_class, "territories.export-coverage", NULL,
                                   action_export_coverage);
}

static void
mlg_territories_page_init (MlgTerritoriesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_style (GTK_WIDGET (self));

  self->view = g_strdup ("hierarchy");
  self->cancellable = g_cancellable_new ();

  adw_header_bar_pack_start (self->tree_header, new_view_switcher ());
  adw_header_bar_pack_start (self->coverage_header, new_view_switcher ());

  g_signal_connect_swapped (self->tree, "notify::selected-territory",
                            G_CALLBACK (on_tree_selection), self);
  g_signal_connect_swapped (self->tree, "territory-activated",
                            G_CALLBACK (on_tree_activated), self);
  g_signal_connect_swapped (self->territory_view, "notify::territory",
                            G_CALLBACK (update_detail_title), self);
  g_signal_connect_swapped (self->territory_view, "open-record",
                            G_CALLBACK (on_open_record), self);
  g_signal_connect_swapped (self->coverage_view, "open-record",
                            G_CALLBACK (on_open_record), self);
  g_signal_connect_swapped (self->coverage_view, "notify::description",
                            G_CALLBACK (update_coverage_title), self);
  g_signal_connect_swapped (self->detail_back_button, "clicked",
                            G_CALLBACK (on_detail_back), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded",
                            G_CALLBACK (update_headers), self);
  update_headers (self);
  update_detail_title (self);
  update_coverage_title (self);
}

GtkWidget *
mlg_territories_page_new (MlgRecordPage *list_page)
{
  MlgTerritoriesPage *self;
  GtkWidget *header, *title, *squeezer;

  g_return_val_if_fail (MLG_IS_RECORD_PAGE (list_page), NULL);

  self = g_object_new (MLG_TYPE_TERRITORIES_PAGE, NULL);
  self->list_page = g_object_ref (list_page);
  gtk_stack_add_titled (self->stack, GTK_WIDGET (list_page), "list", _("List"));

  /* The list's header gets the switcher, and its title gives way when
   * there is no room left, as the hierarchy's does. */
  header = mlg_record_page_get_list_header (list_page);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), new_view_switcher ());
  title = g_object_ref (adw_header_bar_get_title_widget (ADW_HEADER_BAR (header)));
  squeezer = adw_squeezer_new ();
  adw_squeezer_set_allow_none (ADW_SQUEEZER (squeezer), TRUE);
  adw_squeezer_set_transition_type (ADW_SQUEEZER (squeezer), ADW_SQUEEZER_TRANSITION_TYPE_CROSSFADE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), squeezer);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), title);
  g_object_unref (title);
  return GTK_WIDGET (self);
}
