/* mlg-add-territory-dialog.c — adding territories: official or by hand
 *
 * The first tab searches the official reference (name, postcode or INSEE
 * code, accents optional) and adds a result with the territories above it,
 * each once, as one undo step; the dialog stays open to add more. The
 * second adds a territory the reference does not hold (a quartier, a Pays,
 * a contract area…) under any territory of the file.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "mlg-add-territory-dialog.h"
#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-territory-add.h"
#include "mlg-text.h"
#include "mlg-ui-util.h"

#define MAX_RESULTS 50

struct _MlgAddTerritoryDialog
{
  AdwWindow              parent_instance;

  AdwToastOverlay       *toast_overlay;
  GtkSearchEntry        *search_entry;
  GtkStack              *results_stack;
  GtkListView           *results_view;
  GtkSpinner            *spinner;
  AdwStatusPage         *failed_status;
  GtkLabel              *credit_label;
  AdwEntryRow           *name_row;
  AdwComboRow           *level_row;
  GtkDropDown           *parent_dropdown;
  GtkWidget             *add_custom_button;

  MlgDocument           *document;
  MlgTerritoryReference *reference;
  GtkStringList         *results;       /* "LEVEL:CODE" */
  GPtrArray             *parent_ids;    /* of the parent dropdown; NULL first */
  char                  *default_parent;
  GCancellable          *cancellable;
  gboolean               loading;
};

G_DEFINE_FINAL_TYPE (MlgAddTerritoryDialog, mlg_add_territory_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_TERRITORY_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The levels a territory added by hand can have. */
static const char * const custom_levels[] = {
  "quartier", "employment_area", "pays", "pnr", "contract_area", "other",
};

static void run_search (MlgAddTerritoryDialog *self);

static const MlgField *
level_field (void)
{
  return mlg_kind_find_field (mlg_kind_get (MLG_KIND_TERRITORY), "level");
}

/* ── Results ─────────────────────────────────────────────────────────── */

static const MlgRefTerritory *
lookup_item (MlgAddTerritoryDialog *self,
             const char            *item)
{
  const char *colon = strchr (item, ':');
  int level = atoi (item);

  if (colon == NULL || level < 0 || level >= MLG_REF_N_LEVELS)
    return NULL;
  return mlg_territory_reference_lookup (self->reference, level, colon + 1);
}

static gboolean
is_present (MlgAddTerritoryDialog *self,
            const MlgRefTerritory *ref)
{
  return self->document && ref &&
         mlg_territory_find_by_code (self->document, mlg_ref_level_key (ref->level), ref->code) != NULL;
}

/* "Ain · CC Dombes Saône Vallée · 01600" for a commune. */
static char *
describe (const MlgRefTerritory *ref)
{
  const MlgField *field = level_field ();
  g_autoptr(GString) out = g_string_new (NULL);

#define SEP() G_STMT_START { if (out->len) g_string_append (out, " · "); } G_STMT_END

  switch (ref->level)
    {
    case MLG_REF_COMMUNE:
    case MLG_REF_ARRONDISSEMENT:
      if (ref->level == MLG_REF_ARRONDISSEMENT && ref->parent)
        g_string_append (out, ref->parent->name);
      if (ref->departement)
        {
          SEP ();
          g_string_append (out, ref->departement->name);
        }
      for (const MlgRefTerritory *up = ref->parent; up; up = up->parent)
        if (up->level == MLG_REF_EPCI)
          {
            SEP ();
            g_string_append (out, up->name);
            break;
          }
      if (ref->postcodes[0])
        {
          g_autofree char *codes = g_strjoinv (", ", (char **) ref->postcodes);
          SEP ();
          g_string_append (out, codes);
        }
      break;
    case MLG_REF_EPCI:
      g_string_append (out, mlg_field_choice_label (field, "epci"));
      for (const MlgRefTerritory *up = ref->parent; up; up = up->parent)
        if (up->level == MLG_REF_DEPARTEMENT)
          {
            SEP ();
            g_string_append (out, up->name);
            break;
          }
      break;
    case MLG_REF_DEPARTEMENT:
      g_string_append (out, mlg_field_choice_label (field, "departement"));
      SEP ();
      g_string_append (out, ref->code);
      if (ref->parent)
        {
          SEP ();
          g_string_append (out, ref->parent->name);
        }
      break;
    case MLG_REF_REGION:
    default:
      g_string_append (out, mlg_field_choice_label (field, "region"));
      break;
    }
#undef SEP
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
update_add_button (GtkWidget             *button,
                   const MlgRefTerritory *ref,
                   gboolean               present)
{
  g_autofree char *accessible = NULL;

  if (present)
    {
      gtk_button_set_label (GTK_BUTTON (button), _("In the File"));
      gtk_widget_set_sensitive (button, FALSE);
      gtk_widget_remove_css_class (button, "suggested-action");
      gtk_widget_add_css_class (button, "flat");
      /* Translators: %s is a territory's name */
      accessible = g_strdup_printf (_("%s is in the file"), ref->name);
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (button), _("_Add"));
      gtk_widget_set_sensitive (button, TRUE);
      gtk_widget_remove_css_class (button, "flat");
      gtk_widget_add_css_class (button, "suggested-action");
      /* Translators: %s is a territory's name */
      accessible = g_strdup_printf (_("Add %s"), ref->name);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
on_add_clicked (GtkButton             *button,
                MlgAddTerritoryDialog *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (button), "list-item");
  guint position = gtk_list_item_get_position (item);

  if (position != GTK_INVALID_LIST_POSITION)
    mlg_add_territory_dialog_add_result (self, position);
}

static void
setup_result (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              MlgAddTerritoryDialog    *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add"));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "list-item", item);
  g_signal_connect (button, "clicked", G_CALLBACK (on_add_clicked), self);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_item_set_child (item, box);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (box), "button", button);
}

static void
bind_result (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             MlgAddTerritoryDialog    *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  const char *key = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const MlgRefTerritory *ref = lookup_item (self, key);
  g_autofree char *subtitle = NULL;

  if (ref == NULL)
    return;
  subtitle = describe (ref);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), ref->name);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "subtitle"), subtitle);
  update_add_button (g_object_get_data (G_OBJECT (box), "button"), ref, is_present (self, ref));
}

static void
on_result_activated (MlgAddTerritoryDialog *self,
                     guint                  position)
{
  if (!mlg_add_territory_dialog_result_is_present (self, position))
    mlg_add_territory_dialog_add_result (self, position);
}

/* ── Searching ───────────────────────────────────────────────────────── */

static void
reference_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MlgAddTerritoryDialog *self;

  if (!mlg_territory_reference_load_finish (MLG_TERRITORY_REFERENCE (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* the dialog is gone */

  self = MLG_ADD_TERRITORY_DIALOG (user_data);
  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  if (error)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      adw_status_page_set_description (self->failed_status, escaped);
      gtk_stack_set_visible_child_name (self->results_stack, "failed");
      return;
    }
  run_search (self);
}

static void
run_search (MlgAddTerritoryDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  if (*text == '\0')
    {
      gtk_string_list_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)), NULL);
      gtk_stack_set_visible_child_name (self->results_stack, "hint");
      return;
    }
  if (!mlg_territory_reference_is_loaded (self->reference))
    {
      if (!self->loading)
        {
          self->loading = TRUE;
          gtk_spinner_start (self->spinner);
          mlg_territory_reference_load_async (self->reference, self->cancellable, reference_loaded, self);
        }
      gtk_stack_set_visible_child_name (self->results_stack, "loading");
      return;
    }

  found = mlg_territory_reference_search (self->reference, text, 0, MAX_RESULTS);
  for (guint i = 0; i < found->len; i++)
    {
      const MlgRefTerritory *ref = g_ptr_array_index (found, i);
      g_ptr_array_add (keys, g_strdup_printf ("%d:%s", (int) ref->level, ref->code));
    }
  g_ptr_array_add (keys, NULL);
  gtk_string_list_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                          (const char * const *) keys->pdata);
  gtk_stack_set_visible_child_name (self->results_stack, found->len > 0 ? "results" : "none");
}

/* The file changed (an addition, an undo): the rows say again what is there. */
static void
on_territories_changed (MlgAddTerritoryDialog *self);

/* ── Other territory ─────────────────────────────────────────────────── */

static int
level_rank (MlgRecord *territory)
{
  const char *level = mlg_record_get_string (territory, "level");
  int rank = 0;

  for (const MlgChoice *c = level_field ()->choices; c->key; c++, rank++)
    if (g_strcmp0 (c->key, level) == 0)
      return rank;
  return rank;
}

static int
compare_parents (gconstpointer a,
                 gconstpointer b)
{
  MlgRecord *x = *(MlgRecord **) a;
  MlgRecord *y = *(MlgRecord **) b;
  int c = level_rank (x) - level_rank (y);

  return c ? c : strcmp (mlg_record_get_sort_key (x), mlg_record_get_sort_key (y));
}

static void
update_parents (MlgAddTerritoryDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->parent_dropdown);
  g_autofree char *keep = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) territories = g_ptr_array_new ();
  GListModel *records;
  guint position = 0;

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->parent_ids->len)
    keep = g_strdup (g_ptr_array_index (self->parent_ids, selected));
  else
    keep = g_strdup (self->default_parent);

  g_ptr_array_set_size (self->parent_ids, 0);
  g_ptr_array_add (self->parent_ids, NULL);
  gtk_string_list_append (labels, _("None"));

  records = self->document ? mlg_document_get_records (self->document, MLG_KIND_TERRITORY) : NULL;
  for (guint i = 0, n = records ? g_list_model_get_n_items (records) : 0; i < n; i++)
    {
      g_autoptr(MlgRecord) t = g_list_model_get_item (records, i);
      g_ptr_array_add (territories, t);
    }
  g_ptr_array_sort (territories, compare_parents);
  for (guint i = 0; i < territories->len; i++)
    {
      MlgRecord *t = g_ptr_array_index (territories, i);
      const char *level = mlg_record_get_string (t, "level");
      g_autofree char *label = NULL;

      if (level && mlg_field_find_choice (level_field (), level))
        label = g_strdup_printf ("%s · %s", mlg_ui_record_title (t), mlg_field_choice_label (level_field (), level));
      else
        label = g_strdup (mlg_ui_record_title (t));
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->parent_ids, g_strdup (mlg_record_get_id (t)));
      if (g_strcmp0 (keep, mlg_record_get_id (t)) == 0)
        position = self->parent_ids->len - 1;
    }
  gtk_drop_down_set_model (self->parent_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->parent_dropdown, position);
}

static void
on_territories_changed (MlgAddTerritoryDialog *self)
{
  update_parents (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->results_stack), "results"))
    run_search (self);
}

static void
update_custom_button (MlgAddTerritoryDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  gtk_widget_set_sensitive (self->add_custom_button, self->document != NULL && *name != '\0');
}

static void
on_add_custom_clicked (MlgAddTerritoryDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  guint level = adw_combo_row_get_selected (self->level_row);
  guint parent = gtk_drop_down_get_selected (self->parent_dropdown);
  const char *parent_id = parent < self->parent_ids->len ? g_ptr_array_index (self->parent_ids, parent) : NULL;

  if (*name == '\0' || self->document == NULL)
    return;
  mlg_add_territory_dialog_add_custom (self, name,
                                       custom_levels[MIN (level, G_N_ELEMENTS (custom_levels) - 1)],
                                       parent_id ? mlg_document_lookup_kind (self->document, MLG_KIND_TERRITORY,
                                                                             parent_id)
                                                 : NULL);
  gtk_window_close (GTK_WINDOW (self));
}

/* ── Public API ──────────────────────────────────────────────────────── */

void
mlg_add_territory_dialog_set_default_parent (MlgAddTerritoryDialog *self,
                                             MlgRecord             *parent)
{
  g_return_if_fail (MLG_IS_ADD_TERRITORY_DIALOG (self));

  g_free (self->default_parent);
  self->default_parent = parent ? g_strdup (mlg_record_get_id (parent)) : NULL;
  gtk_drop_down_set_selected (self->parent_dropdown, GTK_INVALID_LIST_POSITION);
  update_parents (self);
}

void
mlg_add_territory_dialog_search (MlgAddTerritoryDialog *self,
                                 const char            *text)
{
  g_return_if_fail (MLG_IS_ADD_TERRITORY_DIALOG (self));

  g_signal_handlers_block_by_func (self->search_entry, run_search, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, run_search, self);
  run_search (self);
}

gboolean
mlg_add_territory_dialog_has_results (MlgAddTerritoryDialog *self)
{
  const char *shown;

  g_return_val_if_fail (MLG_IS_ADD_TERRITORY_DIALOG (self), FALSE);
  shown = gtk_stack_get_visible_child_name (self->results_stack);
  return g_strcmp0 (shown, "results") == 0 || g_strcmp0 (shown, "none") == 0;
}

guint
mlg_add_territory_dialog_get_n_results (MlgAddTerritoryDialog *self)
{
  g_return_val_if_fail (MLG_IS_ADD_TERRITORY_DIALOG (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->results));
}

const MlgRefTerritory *
mlg_add_territory_dialog_get_result (MlgAddTerritoryDialog *self,
                                     guint                  position)
{
  const char *key;

  g_return_val_if_fail (MLG_IS_ADD_TERRITORY_DIALOG (self), NULL);

  key = gtk_string_list_get_string (self->results, position);
  return key ? lookup_item (self, key) : NULL;
}

gboolean
mlg_add_territory_dialog_result_is_present (MlgAddTerritoryDialog *self,
                                            guint                  position)
{
  return is_present (self, mlg_add_territory_dialog_get_result (self, position));
}

static void
undo_addition (MlgDocument *document)
{
  if (mlg_document_can_undo (document))
    mlg_document_undo (document);
}

MlgRecord *
mlg_add_territory_dialog_add_result (MlgAddTerritoryDialog *self,
                                     guint                  position)
{
  const MlgRefTerritory *ref;
  MlgRecord *record;
  gboolean was_there;
  g_autofree char *escaped = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  g_return_val_if_fail (MLG_IS_ADD_TERRITORY_DIALOG (self), NULL);

  ref = mlg_add_territory_dialog_get_result (self, position);
  if (ref == NULL || self->document == NULL)
    return NULL;
  was_there = is_present (self, ref);
  record = mlg_territory_add_from_reference (self->document, ref);
  if (record == NULL)
    return NULL;
  g_signal_emit (self, signals[SIGNAL_TERRITORY_ADDED], 0, record);

  escaped = g_markup_escape_text (ref->name, -1);
  if (was_there)
    {
      /* Nothing changed: nothing to undo. */
      /* Translators: %s is the name of a territory */
      text = g_strdup_printf (_("“%s” is already in the file"), escaped);
      toast = adw_toast_new (text);
    }
  else
    {
      /* Translators: %s is the name of the territory added */
      text = g_strdup_printf (_("“%s” added"), escaped);
      toast = adw_toast_new (text);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_addition),
                               self->document, G_CONNECT_SWAPPED);
    }
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return record;
}

MlgRecord *
mlg_add_territory_dialog_add_custom (MlgAddTerritoryDialog *self,
                                     const char            *name,
                                     const char            *level,
                                     MlgRecord             *parent)
{
  MlgRecord *record;

  g_return_val_if_fail (MLG_IS_ADD_TERRITORY_DIALOG (self), NULL);
  g_return_val_if_fail (name != NULL && level != NULL, NULL);

  if (self->document == NULL)
    return NULL;
  record = mlg_territory_add_custom (self->document, name, level, parent);
  if (record)
    g_signal_emit (self, signals[SIGNAL_TERRITORY_ADDED], 0, record);
  return record;
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
mlg_add_territory_dialog_dispose (GObject *object)
{
  MlgAddTerritoryDialog *self = MLG_ADD_TERRITORY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->document)
    g_signal_handlers_disconnect_by_data (mlg_document_get_records (self->document, MLG_KIND_TERRITORY), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MLG_TYPE_ADD_TERRITORY_DIALOG);
  g_clear_object (&self->results);
  g_clear_object (&self->document);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mlg_add_territory_dialog_parent_class)->dispose (object);
}

static void
mlg_add_territory_dialog_finalize (GObject *object)
{
  MlgAddTerritoryDialog *self = MLG_ADD_TERRITORY_DIALOG (object);

  g_ptr_array_unref (self->parent_ids);
  g_free (self->default_parent);
  G_OBJECT_CLASS (mlg_add_territory_dialog_parent_class)->finalize (object);
}

static void
mlg_add_territory_dialog_class_init (MlgAddTerritoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlg_add_territory_dialog_dispose;
  object_class->finalize = mlg_add_territory_dialog_finalize;

  /**
   * MlgAddTerritoryDialog::territory-added:
   * A territory was added (or found already there): the record.
   */
  signals[SIGNAL_TERRITORY_ADDED] = mlg_ui_record_signal_new (G_TYPE_FROM_CLASS (klass), "territory-added");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/maillage/Maillage/mlg-add-territory-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MlgAddTerritoryDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MlgAddTerritoryDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MlgAddTerritoryDialog, results_stack);
  gtk_widget_class_bind_template_child (widget_class, MlgAddTerritoryDialog, results_view);
  gtk_widget_class_bind_template_child (widget_class, MlgAddTerritoryDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MlgAddTerritoryDialog, failed_status);
  gtk_widget_class_bind_template_child (widget_class, MlgAddTerritoryDialog, credit_label);
  gtk_widget_class_bind_template_child (widget_class, MlgAddTerritoryDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, MlgAddTerritoryDialog, level_row);
  gtk_widget_class_bind_template_child (widget_class, MlgAddTerritoryDialog, parent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MlgAddTerritoryDialog, add_custom_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mlg_add_territory_dialog_init (MlgAddTerritoryDialog *self)
{
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->reference = mlg_territory_reference_get_default ();
  self->cancellable = g_cancellable_new ();
  self->parent_ids = g_ptr_array_new_with_free_func (g_free);
  self->results = gtk_string_list_new (NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_result), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_result), self);
  gtk_list_view_set_factory (self->results_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->results_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->results)))));
  g_signal_connect_swapped (self->results_view, "activate", G_CALLBACK (on_result_activated), self);

  gtk_label_set_text (self->credit_label, mlg_territory_reference_credit ());

  for (guint i = 0; i < G_N_ELEMENTS (custom_levels); i++)
    gtk_string_list_append (levels, mlg_field_choice_label (level_field (), custom_levels[i]));
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (levels));

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->parent_dropdown, expression);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (run_search), self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (update_custom_button), self);
  g_signal_connect_swapped (self->name_row, "entry-activated", G_CALLBACK (on_add_custom_clicked), self);
  g_signal_connect_swapped (self->add_custom_button, "clicked", G_CALLBACK (on_add_custom_clicked), self);
}

GtkWidget *
mlg_add_territory_dialog_new (GtkWindow   *parent,
                              MlgDocument *document)
{
  MlgAddTerritoryDialog *self;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), NULL);

  self = g_object_new (MLG_TYPE_ADD_TERRITORY_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->document = g_object_ref (document);
  g_signal_connect_object (mlg_document_get_records (document, MLG_KIND_TERRITORY), "items-changed",
                           G_CALLBACK (on_territories_changed), self, G_CONNECT_SWAPPED);
  update_parents (self);
  update_custom_button (self);
  return GTK_WIDGET (self);
}
