/* mlg-export-dialog.c — which structures the exported directory holds
 *
 * All structures, those of a pole, of a circle or of a territory, or
 * structures ticked one by one: a list of check rows here rather than a
 * multiple selection in the Structures list, whose selection drives the
 * editor beside it. The title bar says how many structures the choice
 * holds, and Export stays insensitive while it holds none. The choices
 * are read from the document when the dialog opens; it is modal, so the
 * document does not change behind it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mlg-export-dialog.h"
#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-sheets.h"
#include "mlg-text.h"
#include "mlg-ui-util.h"

struct _MlgExportDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkButton            *export_button;
  GtkStack             *stack;
  AdwComboRow          *scope_row;
  AdwComboRow          *pole_row;
  AdwComboRow          *circle_row;
  AdwComboRow          *territory_row;
  AdwPreferencesGroup  *chosen_group;
  AdwStatusPage        *busy_page;
  GtkSpinner           *spinner;

  MlgDocument          *document;
  char                 *preselected;    /* id of the structure ticked first */
  GPtrArray            *pole_ids;       /* in the order of pole_row */
  GPtrArray            *territory_ids;  /* in the order of territory_row */
  GPtrArray            *circle_keys;    /* in the order of circle_row (static strings) */
  GPtrArray            *structure_ids;  /* in the order of the check rows */
  GPtrArray            *checks;         /* GtkCheckButton, owned by their rows */
  GCancellable         *cancellable;
};

enum {
  SIGNAL_EXPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MlgExportDialog, mlg_export_dialog, ADW_TYPE_WINDOW)

/* ── The choice ──────────────────────────────────────────────────────── */

static const char *
selected_id (AdwComboRow *row,
             GPtrArray   *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < ids->len ? g_ptr_array_index (ids, selected) : NULL;
}

/* The ids ticked, NULL-terminated; the strings belong to the dialog. */
static GPtrArray *
chosen_ids (MlgExportDialog *self)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; self->checks && i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (ids, g_ptr_array_index (self->structure_ids, i));
  g_ptr_array_add (ids, NULL);
  return ids;
}

/* Fills @filter for the current choice; FALSE when it names nothing (a
 * pole asked for in a file without poles). @ids keeps the ticked ids. */
static gboolean
get_filter (MlgExportDialog *self,
            MlgSheetFilter  *filter,
            GPtrArray      **ids)
{
  *filter = (MlgSheetFilter) { NULL };
  *ids = NULL;

  switch (mlg_export_dialog_get_scope (self))
    {
    case MLG_EXPORT_POLE:
      filter->pole = selected_id (self->pole_row, self->pole_ids);
      return filter->pole != NULL;
    case MLG_EXPORT_CIRCLE:
      filter->circle = selected_id (self->circle_row, self->circle_keys);
      return filter->circle != NULL;
    case MLG_EXPORT_TERRITORY:
      filter->territory = selected_id (self->territory_row, self->territory_ids);
      return filter->territory != NULL;
    case MLG_EXPORT_CHOSEN:
      *ids = chosen_ids (self);
      filter->structures = (const char *const *) (*ids)->pdata;
      return (*ids)->len > 1;
    case MLG_EXPORT_ALL:
    default:
      return TRUE;
    }
}

guint
mlg_export_dialog_get_n_structures (MlgExportDialog *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) structures = NULL;
  MlgSheetFilter filter;

  g_return_val_if_fail (MLG_IS_EXPORT_DIALOG (self), 0);

  if (!get_filter (self, &filter, &ids))
    return 0;
  if (ids)
    return ids->len - 1;
  structures = mlg_sheet_annuaire_structures (self->document, &filter);
  return structures->len;
}

MlgSheet *
mlg_export_dialog_build_sheet (MlgExportDialog *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  MlgSheetFilter filter;

  g_return_val_if_fail (MLG_IS_EXPORT_DIALOG (self), NULL);

  if (mlg_export_dialog_get_n_structures (self) == 0 || !get_filter (self, &filter, &ids))
    return NULL;
  return mlg_sheet_new_annuaire (self->document, &filter);
}

char *
mlg_export_dialog_dup_file_name (MlgExportDialog *self)
{
  MlgRecord *ecosystem = mlg_document_get_ecosystem (self->document);
  g_autofree char *slug = mlg_text_slug (mlg_record_get_title (ecosystem));
  g_autofree char *stem = NULL;
  g_autofree char *part = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  MlgSheetFilter filter;

  if (get_filter (self, &filter, &ids))
    {
      const char *id = filter.pole ? filter.pole : filter.territory;

      if (id)
        part = mlg_text_slug (mlg_document_title_of (self->document, id));
      else if (filter.circle)
        part = mlg_text_slug (mlg_field_choice_label (mlg_kind_find_field (mlg_kind_get (MLG_KIND_STRUCTURE), "circle"),
                                                      filter.circle));
    }

  /* Translators: the file name proposed for the directory, without
   * ".pdf"; %s is the PTCE's name, in lowercase ASCII with dashes. */
  stem = g_strdup_printf (C_("file name", "directory-%s"), *slug ? slug : "ptce");
  if (part && *part)
    return g_strconcat (stem, "-", part, ".pdf", NULL);
  return g_strconcat (stem, ".pdf", NULL);
}

static void
update_summary (MlgExportDialog *self)
{
  MlgExportScope scope = mlg_export_dialog_get_scope (self);
  guint n = mlg_export_dialog_get_n_structures (self);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->pole_row), scope == MLG_EXPORT_POLE);
  gtk_widget_set_visible (GTK_WIDGET (self->circle_row), scope == MLG_EXPORT_CIRCLE);
  gtk_widget_set_visible (GTK_WIDGET (self->territory_row), scope == MLG_EXPORT_TERRITORY);
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_group), scope == MLG_EXPORT_CHOSEN);

  if (n == 0)
    text = g_strdup (_("No structure"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u structure", "%u structures", n), n);
  adw_window_title_set_subtitle (self->window_title, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button),
                            n > 0 && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "choose") == 0);
}

/* ── Structures ticked one by one ────────────────────────────────────── */

/* The rows are made the first time they are shown: a large file has
 * thousands of structures, most people never tick them one by one. */
static void
ensure_check_rows (MlgExportDialog *self)
{
  g_autoptr(GPtrArray) structures = NULL;

  if (self->checks)
    return;

  self->checks = g_ptr_array_new ();
  self->structure_ids = g_ptr_array_new_with_free_func (g_free);
  structures = mlg_sheet_annuaire_structures (self->document, NULL);
  for (guint i = 0; i < structures->len; i++)
    {
      MlgRecord *structure = g_ptr_array_index (structures, i);
      g_autofree char *subtitle = mlg_ui_record_subtitle (self->document, structure);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      /* Names come from the file: never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mlg_ui_record_title (structure));
      if (subtitle && *subtitle)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      mlg_ui_record_title (structure), -1);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strcmp0 (mlg_record_get_id (structure), self->preselected) == 0);
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->chosen_group, row);

      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->structure_ids, g_strdup (mlg_record_get_id (structure)));
    }
}

static void
set_all_checks (MlgExportDialog *self,
                gboolean         active)
{
  ensure_check_rows (self);
  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i), active);
}

static void
on_select_all (MlgExportDialog *self)
{
  set_all_checks (self, TRUE);
}

static void
on_select_none (MlgExportDialog *self)
{
  set_all_checks (self, FALSE);
}

void
mlg_export_dialog_set_chosen (MlgExportDialog   *self,
                              const char *const *ids)
{
  g_return_if_fail (MLG_IS_EXPORT_DIALOG (self));

  ensure_check_rows (self);
  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i),
                                 ids && g_strv_contains (ids, g_ptr_array_index (self->structure_ids, i)));
}

/* ── Scope ───────────────────────────────────────────────────────────── */

MlgExportScope
mlg_export_dialog_get_scope (MlgExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (MLG_IS_EXPORT_DIALOG (self), MLG_EXPORT_ALL);

  selected = adw_combo_row_get_selected (self->scope_row);
  return selected <= MLG_EXPORT_CHOSEN ? (MlgExportScope) selected : MLG_EXPORT_ALL;
}

static void
on_scope_changed (MlgExportDialog *self)
{
  if (mlg_export_dialog_get_scope (self) == MLG_EXPORT_CHOSEN)
    ensure_check_rows (self);
  update_summary (self);
}

static gboolean
select_id (AdwComboRow *row,
           GPtrArray   *ids,
           const char  *id)
{
  guint index;

  if (id == NULL || !g_ptr_array_find_with_equal_func (ids, id, g_str_equal, &index))
    return FALSE;
  adw_combo_row_set_selected (row, index);
  return TRUE;
}

gboolean
mlg_export_dialog_set_scope (MlgExportDialog *self,
                             MlgExportScope   scope,
                             const char      *id)
{
  gboolean found = TRUE;

  g_return_val_if_fail (MLG_IS_EXPORT_DIALOG (self), FALSE);

  if (scope == MLG_EXPORT_POLE)
    found = select_id (self->pole_row, self->pole_ids, id);
  else if (scope == MLG_EXPORT_CIRCLE)
    found = select_id (self->circle_row, self->circle_keys, id);
  else if (scope == MLG_EXPORT_TERRITORY)
    found = select_id (self->territory_row, self->territory_ids, id);
  if (!found)
    return FALSE;
  adw_combo_row_set_selected (self->scope_row, scope);
  return TRUE;
}

/* ── Busy ────────────────────────────────────────────────────────────── */

void
mlg_export_dialog_set_busy (MlgExportDialog *self,
                            GFile           *file)
{
  g_return_if_fail (MLG_IS_EXPORT_DIALOG (self));

  if (file)
    {
      g_autofree char *name = g_file_get_basename (file);

      adw_status_page_set_description (self->busy_page, name);
      gtk_stack_set_visible_child_name (self->stack, "busy");
      gtk_spinner_start (self->spinner);
    }
  else
    {
      gtk_spinner_stop (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "choose");
    }
  update_summary (self);
}

GCancellable *
mlg_export_dialog_get_cancellable (MlgExportDialog *self)
{
  g_return_val_if_fail (MLG_IS_EXPORT_DIALOG (self), NULL);
  return self->cancellable;
}

static void
on_export_clicked (MlgExportDialog *self)
{
  if (mlg_export_dialog_get_n_structures (self) > 0)
    g_signal_emit (self, signals[SIGNAL_EXPORT], 0);
}

/* ── Construction ────────────────────────────────────────────────────── */

static GtkStringList *
records_model (MlgDocument *document,
               MlgKindId    kind,
               GPtrArray   *ids)
{
  GListModel *records = mlg_document_get_records (document, kind);
  GtkStringList *model = gtk_string_list_new (NULL);

  /* In the file's order: territories come from the région down. */
  for (guint i = 0, n = g_list_model_get_n_items (records); i < n; i++)
    {
      g_autoptr(MlgRecord) record = g_list_model_get_item (records, i);

      gtk_string_list_append (model, mlg_ui_record_title (record));
      g_ptr_array_add (ids, g_strdup (mlg_record_get_id (record)));
    }
  return model;
}

static void
fill_choices (MlgExportDialog *self)
{
  const MlgField *circle = mlg_kind_find_field (mlg_kind_get (MLG_KIND_STRUCTURE), "circle");
  g_autoptr(GtkStringList) poles = records_model (self->document, MLG_KIND_POLE, self->pole_ids);
  g_autoptr(GtkStringList) territories = records_model (self->document, MLG_KIND_TERRITORY, self->territory_ids);
  g_autoptr(GtkStringList) circles = gtk_string_list_new (NULL);

  for (const MlgChoice *c = circle->choices; c->key; c++)
    {
      gtk_string_list_append (circles, mlg_field_choice_label (circle, c->key));
      g_ptr_array_add (self->circle_keys, (gpointer) c->key);
    }

  adw_combo_row_set_model (self->pole_row, G_LIST_MODEL (poles));
  adw_combo_row_set_model (self->territory_row, G_LIST_MODEL (territories));
  adw_combo_row_set_model (self->circle_row, G_LIST_MODEL (circles));
}

static gboolean
mlg_export_dialog_close_request (GtkWindow *window)
{
  MlgExportDialog *self = MLG_EXPORT_DIALOG (window);

  /* Closed while writing: the file is left as it was. */
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (mlg_export_dialog_parent_class)->close_request (window);
}

static void
mlg_export_dialog_dispose (GObject *object)
{
  MlgExportDialog *self = MLG_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MLG_TYPE_EXPORT_DIALOG);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (mlg_export_dialog_parent_class)->dispose (object);
}

static void
mlg_export_dialog_finalize (GObject *object)
{
  MlgExportDialog *self = MLG_EXPORT_DIALOG (object);

  g_free (self->preselected);
  g_ptr_array_unref (self->pole_ids);
  g_ptr_array_unref (self->territory_ids);
  g_ptr_array_unref (self->circle_keys);
  g_clear_pointer (&self->structure_ids, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mlg_export_dialog_parent_class)->finalize (object);
}

static void
mlg_export_dialog_class_init (MlgExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mlg_export_dialog_dispose;
  object_class->finalize = mlg_export_dialog_finalize;
  window_class->close_request = mlg_export_dialog_close_request;

  /* Export was clicked on a choice holding at least one structure. */
  signals[SIGNAL_EXPORT] = g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/maillage/Maillage/mlg-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MlgExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MlgExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, MlgExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MlgExportDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, MlgExportDialog, pole_row);
  gtk_widget_class_bind_template_child (widget_class, MlgExportDialog, circle_row);
  gtk_widget_class_bind_template_child (widget_class, MlgExportDialog, territory_row);
  gtk_widget_class_bind_template_child (widget_class, MlgExportDialog, chosen_group);
  gtk_widget_class_bind_template_child (widget_class, MlgExportDialog, busy_page);
  gtk_widget_class_bind_template_child (widget_class, MlgExportDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_select_all);
  gtk_widget_class_bind_template_callback (widget_class, on_select_none);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mlg_export_dialog_init (MlgExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pole_ids = g_ptr_array_new_with_free_func (g_free);
  self->territory_ids = g_ptr_array_new_with_free_func (g_free);
  self->circle_keys = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

MlgExportDialog *
mlg_export_dialog_new (GtkWindow   *parent,
                       MlgDocument *document,
                       MlgRecord   *structure)
{
  MlgExportDialog *self;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (structure == NULL || MLG_IS_RECORD (structure), NULL);

  self = g_object_new (MLG_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->document = g_object_ref (document);
  if (structure && mlg_record_get_kind_id (structure) == MLG_KIND_STRUCTURE)
    self->preselected = g_strdup (mlg_record_get_id (structure));

  fill_choices (self);
  g_signal_connect_object (self->scope_row, "notify::selected", G_CALLBACK (on_scope_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pole_row, "notify::selected", G_CALLBACK (update_summary),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->circle_row, "notify::selected", G_CALLBACK (update_summary),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->territory_row, "notify::selected", G_CALLBACK (update_summary),
                           self, G_CONNECT_SWAPPED);
  update_summary (self);
  return self;
}
