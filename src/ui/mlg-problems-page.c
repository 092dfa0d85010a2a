/* mlg-problems-page.c — the warnings about the open file, each with its place */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mlg-problem.h"
#include "mlg-problems-page.h"
#include "mlg-ui-util.h"

struct _MlgProblemsPage
{
  GtkWidget       parent_instance;

  AdwHeaderBar   *header;
  GtkWidget      *back_button;
  AdwWindowTitle *title;
  GtkStack       *stack;
  GtkListBox     *list;

  MlgDocument    *document;
  gboolean        show_back_button;
};

G_DEFINE_FINAL_TYPE (MlgProblemsPage, mlg_problems_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

enum {
  ACTIVATE_PROBLEM,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MlgProblem *problem = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  g_autofree char *place = mlg_problem_describe_place (problem);
  gboolean error = mlg_problem_get_severity (problem) == MLG_SEVERITY_ERROR;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mlg_problem_get_message (problem));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), place);

  icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error ? _("Error") : _("Warning"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (mlg_problem_has_record (problem))
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  g_object_set_data_full (G_OBJECT (row), "problem", g_object_ref (problem), g_object_unref);
  return row;
}

static void
on_row_activated (GtkListBox      *list,
                  GtkListBoxRow   *row,
                  MlgProblemsPage *self)
{
  MlgProblem *problem = g_object_get_data (G_OBJECT (row), "problem");

  if (problem)
    g_signal_emit (self, signals[ACTIVATE_PROBLEM], 0, problem);
}

static void
update_state (MlgProblemsPage *self)
{
  guint n = self->document ? g_list_model_get_n_items (mlg_document_get_problems (self->document)) : 0;
  g_autofree char *subtitle = NULL;

  if (n > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", n), n);
  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

void
mlg_problems_page_set_document (MlgProblemsPage *self,
                                MlgDocument     *document)
{
  g_return_if_fail (MLG_IS_PROBLEMS_PAGE (self));

  if (self->document == document)
    return;
  if (self->document)
    g_signal_handlers_disconnect_by_data (mlg_document_get_problems (self->document), self);
  g_set_object (&self->document, document);
  gtk_list_box_bind_model (self->list,
                           document ? mlg_document_get_problems (document) : NULL,
                           create_row, NULL, NULL);
  if (document)
    g_signal_connect_object (mlg_document_get_problems (document), "items-changed",
                             G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_state (self);
}

static void
mlg_problems_page_dispose (GObject *object)
{
  MlgProblemsPage *self = MLG_PROBLEMS_PAGE (object);

  if (self->document)
    {
      g_signal_handlers_disconnect_by_data (mlg_document_get_problems (self->document), self);
      gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
    }
  mlg_ui_dispose_children (GTK_WIDGET (self), MLG_TYPE_PROBLEMS_PAGE);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (mlg_problems_page_parent_class)->dispose (object);
}

static void
mlg_problems_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MlgProblemsPage *self = MLG_PROBLEMS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlg_problems_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MlgProblemsPage *self = MLG_PROBLEMS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_BACK_BUTTON:
      self->show_back_button = g_value_get_boolean (value);
      mlg_ui_show_back_button (self->header, self->back_button, self->show_back_button);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlg_problems_page_class_init (MlgProblemsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlg_problems_page_dispose;
  object_class->get_property = mlg_problems_page_get_property;
  object_class->set_property = mlg_problems_page_set_property;

  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MlgProblemsPage::activate-problem:
   * @problem: the activated problem
   *
   * Emitted when the person activates a problem about a record.
   */
  signals[ACTIVATE_PROBLEM] =
    g_signal_new ("activate-problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MLG_TYPE_PROBLEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/maillage/Maillage/mlg-problems-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MlgProblemsPage, header);
  gtk_widget_class_bind_template_child (widget_class, MlgProblemsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MlgProblemsPage, title);
  gtk_widget_class_bind_template_child (widget_class, MlgProblemsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MlgProblemsPage, list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mlg_problems_page_init (MlgProblemsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mlg_ui_show_back_button (self->header, self->back_button, FALSE);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
}

GtkWidget *
mlg_problems_page_new (void)
{
  return g_object_new (MLG_TYPE_PROBLEMS_PAGE, NULL);
}
