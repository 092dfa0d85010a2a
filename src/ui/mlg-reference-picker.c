/* mlg-reference-picker.c — a row to choose records of one kind, with search
 *
 * The row costs a label until the person opens it: the popover, its
 * search entry and its list are built on the first opening, over the
 * document's own list of the target kind (sorted, then filtered), so that
 * records added, renamed or removed later show in it without a rebuild.
 * The list is a GtkListView: only the rows in sight are widgets.
 *
 * Keyboard: the search entry has the focus; typing filters (accents and
 * case do not matter: the document's folded search text), Up and Down
 * move the selection, Enter picks it, Escape closes.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mlg-reference-picker.h"
#include "mlg-schema.h"
#include "mlg-text.h"
#include "mlg-ui-util.h"

struct _MlgReferencePicker
{
  AdwActionRow        parent_instance;

  MlgDocument        *document;
  MlgKindId           target;
  gboolean            multiple;
  char               *label;       /* the field's: the controls' name */
  MlgRecord          *excluded;    /* the record being edited */
  char               *value;       /* one reference: its id, or NULL */
  GHashTable         *chosen;      /* a list: the ids in it */

  GtkWidget          *button;
  GtkWidget          *value_label;
  gboolean            popup_pending;  /* asked while the button was not shown */

  /* Built on the first opening. */
  GtkWidget          *popover;
  GtkWidget          *search_entry;
  GtkWidget          *list_view;
  GtkWidget          *empty_label;
  GListStore         *none_store;  /* "None", shown when nothing is searched */
  GObject            *none_item;
  GtkFilter          *filter;
  GtkSorter          *sorter;
  GtkSingleSelection *selection;
  GPtrArray          *bound_rows;
  char               *query;       /* folded, or NULL */
};

G_DEFINE_FINAL_TYPE (MlgReferencePicker, mlg_reference_picker, ADW_TYPE_ACTION_ROW)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void on_button_map (MlgReferencePicker *self);

/* ── The row ─────────────────────────────────────────────────────────── */

static void
update_value_label (MlgReferencePicker *self)
{
  MlgRecord *record;

  if (self->multiple)
    return;
  record = self->value ? mlg_document_lookup_kind (self->document, self->target, self->value) : NULL;
  /* A dangling reference is shown as it is written, and kept. */
  gtk_label_set_text (GTK_LABEL (self->value_label),
                      record ? mlg_ui_record_title (record) : self->value ? self->value : _("None"));
  if (self->value)
    gtk_widget_remove_css_class (self->value_label, "dim-label");
  else
    gtk_widget_add_css_class (self->value_label, "dim-label");
}

static gboolean
is_chosen (MlgReferencePicker *self,
           const char         *id)
{
  if (self->multiple)
    return g_hash_table_contains (self->chosen, id);
  return g_strcmp0 (self->value, id) == 0;
}

/* ── The list's rows ─────────────────────────────────────────────────── */

static void
update_row (MlgReferencePicker *self,
            GtkWidget          *row)
{
  GObject *item = g_object_get_data (G_OBJECT (row), "item");
  GtkWidget *label = gtk_widget_get_first_child (row);
  GtkWidget *check = gtk_widget_get_last_child (row);

  if (MLG_IS_RECORD (item))
    {
      gtk_label_set_text (GTK_LABEL (label), mlg_ui_record_title (MLG_RECORD (item)));
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_set_visible (check, is_chosen (self, mlg_record_get_id (MLG_RECORD (item))));
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (label), _("None"));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_visible (check, self->value == NULL);
    }
}

static void
update_rows (MlgReferencePicker *self)
{
  for (guint i = 0; self->bound_rows && i < self->bound_rows->len; i++)
    update_row (self, g_ptr_array_index (self->bound_rows, i));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           MlgReferencePicker       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chosen"), -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          MlgReferencePicker       *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (row), "item", gtk_list_item_get_item (item));
  g_ptr_array_add (self->bound_rows, row);
  update_row (self, row);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            MlgReferencePicker       *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (row), "item", NULL);
  if (self->bound_rows)
    g_ptr_array_remove_fast (self->bound_rows, row);
}

/* ── Search ──────────────────────────────────────────────────────────── */

static gboolean
match_record (gpointer item,
              gpointer data)
{
  MlgReferencePicker *self = data;

  /* Nothing refers to itself. */
  if (item == (gpointer) self->excluded)
    return FALSE;
  return mlg_document_record_matches (self->document, item, self->query);
}

static char *
record_sort_title (MlgRecord *record)
{
  return g_strdup (mlg_ui_record_title (record));
}

static guint
position_of_value (MlgReferencePicker *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  if (self->multiple || self->value == NULL)
    return 0;
  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      if (MLG_IS_RECORD (item) && g_strcmp0 (mlg_record_get_id (MLG_RECORD (item)), self->value) == 0)
        return i;
    }
  return 0;
}

static void
scroll_to (MlgReferencePicker *self,
           guint               position)
{
  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    mlg_ui_list_scroll_to (self->list_view, position);
}

static void
select_position (MlgReferencePicker *self,
                 guint               position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (n == 0)
    return;
  position = MIN (position, n - 1);
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to (self, position);
}

static void
apply_search (MlgReferencePicker *self)
{
  gboolean searching;

  g_free (self->query);
  self->query = mlg_text_fold_query (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  searching = self->query != NULL;

  /* "None" is offered when nothing is searched. */
  if (!self->multiple && !searching && g_list_model_get_n_items (G_LIST_MODEL (self->none_store)) == 0)
    g_list_store_append (self->none_store, self->none_item);
  else if (searching && g_list_model_get_n_items (G_LIST_MODEL (self->none_store)) > 0)
    g_list_store_remove (self->none_store, 0);

  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_widget_set_visible (self->empty_label, g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0);
  /* The best match first; with nothing searched, the current choice. */
  select_position (self, searching ? 0 : position_of_value (self));
}

static void
pick_item (MlgReferencePicker *self,
           GObject            *item)
{
  const char *id = MLG_IS_RECORD (item) ? mlg_record_get_id (MLG_RECORD (item)) : NULL;

  if (item == NULL)
    return;
  g_object_ref (self);
  if (!self->multiple)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_signal_emit (self, signals[PICKED], 0, id);
  update_rows (self);
  g_object_unref (self);
}

static void
on_list_activate (GtkListView        *view,
                  guint               position,
                  MlgReferencePicker *self)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  pick_item (self, item);
}

static void
on_search_activate (MlgReferencePicker *self)
{
  pick_item (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
on_stop_search (MlgReferencePicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* Up and Down in the search entry move through the list. */
static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               MlgReferencePicker    *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      select_position (self, selected == GTK_INVALID_LIST_POSITION ? 0 : MIN (selected + 1, n - 1));
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      select_position (self, selected == GTK_INVALID_LIST_POSITION || selected == 0 ? 0 : selected - 1);
      return TRUE;
    case GDK_KEY_Page_Down:
      select_position (self, selected == GTK_INVALID_LIST_POSITION ? 0 : MIN (selected + 8, n - 1));
      return TRUE;
    case GDK_KEY_Page_Up:
      select_position (self, selected == GTK_INVALID_LIST_POSITION || selected < 8 ? 0 : selected - 8);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_popover_map (MlgReferencePicker *self)
{
  gtk_widget_grab_focus (self->search_entry);
}

static void
build_popover (MlgReferencePicker *self)
{
  GListModel *records = mlg_document_get_records (self->document, self->target);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkExpression *title = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                      G_CALLBACK (record_sort_title), NULL, NULL);
  GtkSortListModel *sorted;
  GtkFilterListModel *filtered;
  GListStore *parts;
  GtkWidget *box, *scrolled;
  GtkEventController *keys;
  g_autofree char *placeholder = NULL;

  self->bound_rows = g_ptr_array_new ();
  self->none_item = g_object_new (G_TYPE_OBJECT, NULL);
  self->none_store = g_list_store_new (G_TYPE_OBJECT);
  self->sorter = GTK_SORTER (gtk_string_sorter_new (title));
  self->filter = GTK_FILTER (gtk_custom_filter_new (match_record, self, NULL));

  /* Sorted once, filtered at each keystroke; both follow the document. */
  sorted = gtk_sort_list_model_new (g_object_ref (records), g_object_ref (self->sorter));
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), g_object_ref (self->filter));
  parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (parts, self->none_store);
  g_list_store_append (parts, filtered);
  g_object_unref (filtered);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts))));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  self->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->list_view), TRUE);
  gtk_widget_add_css_class (self->list_view, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->label, -1);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_activate), self);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list_view);

  self->search_entry = gtk_search_entry_new ();
  /* Translators: %s is a kind of record: "Search Structures" */
  placeholder = g_strdup_printf (_("Search %s"), mlg_kind_label (mlg_kind_get (self->target)));
  g_object_set (self->search_entry, "placeholder-text", placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search_entry), self->list_view);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (apply_search), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key), self);
  gtk_widget_add_controller (self->search_entry, keys);

  self->empty_label = gtk_label_new (_("No match"));
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_margin_top (self->empty_label, 12);
  gtk_widget_set_margin_bottom (self->empty_label, 12);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), self->search_entry);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), self->empty_label);

  self->popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->popover, "reference-picker");
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  g_signal_connect_swapped (self->popover, "map", G_CALLBACK (on_popover_map), self);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), self->popover);
}

/* As wide as the window allows (320 px at most), and slid sideways so
 * that it stays inside it: a narrow window is a phone's whole screen. */
#define POPOVER_WIDTH 320
#define POPOVER_MARGIN 32  /* the popover's padding and shadow, each side */

static void
fit_in_window (MlgReferencePicker *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *content = gtk_popover_get_child (GTK_POPOVER (self->popover));
  graphene_rect_t bounds;
  int window_width, width, offset = 0;
  double center, half;

  if (root == NULL || !gtk_widget_compute_bounds (self->button, root, &bounds))
    return;
  window_width = gtk_widget_get_width (root);
  width = CLAMP (window_width - 2 * POPOVER_MARGIN - 16, 160, POPOVER_WIDTH);
  gtk_widget_set_size_request (content, width, -1);

  center = bounds.origin.x + bounds.size.width / 2;
  half = width / 2.0 + POPOVER_MARGIN;
  if (center + half > window_width)
    offset = (int) (window_width - (center + half));
  if (center - half + offset < 0)
    offset = (int) (half - center);
  gtk_popover_set_offset (GTK_POPOVER (self->popover), offset, 0);
}

/* Called each time the popover is about to show: built the first time,
 * and opened on a fresh search. */
static void
create_popup (GtkMenuButton *button,
              gpointer       data)
{
  MlgReferencePicker *self = data;

  if (self->popover == NULL)
    build_popover (self);
  fit_in_window (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_search (self);
}

/* ── Following the document ──────────────────────────────────────────── */

static void
on_record_changed (MlgReferencePicker *self,
                   MlgRecord          *record,
                   const char         *key)
{
  if (mlg_record_get_kind_id (record) != self->target ||
      !g_str_equal (key, mlg_kind_title_field (mlg_record_get_kind (record))->key))
    return;

  /* Renamed: shown, sorted and matched under its new name. */
  if (!self->multiple && g_strcmp0 (self->value, mlg_record_get_id (record)) == 0)
    update_value_label (self);
  if (self->popover)
    {
      gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
      gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
      update_rows (self);
    }
}

static void
on_records_changed (MlgReferencePicker *self)
{
  /* Removed or back (undo): a dangling reference shows its id. */
  update_value_label (self);
  if (self->popover)
    gtk_widget_set_visible (self->empty_label, g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0);
}

static void
on_row_activated (MlgReferencePicker *self)
{
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->button));
}

/* ── Public API ──────────────────────────────────────────────────────── */

GtkWidget *
mlg_reference_picker_new (MlgDocument *document,
                          MlgKindId    target,
                          gboolean     multiple,
                          const char  *label)
{
  MlgReferencePicker *self;
  GtkWidget *box, *arrow;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), NULL);

  self = g_object_new (MLG_TYPE_REFERENCE_PICKER, NULL);
  self->document = g_object_ref (document);
  self->target = target;
  self->multiple = multiple;
  self->label = g_strdup (label);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), multiple ? _("Add or Remove") : label);

  self->value_label = gtk_label_new (multiple ? _("Choose…") : NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->value_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->value_label), 28);
  gtk_label_set_xalign (GTK_LABEL (self->value_label), 1);
  /* Regular weight, as a combo row shows its value, not a button's bold. */
  gtk_widget_add_css_class (self->value_label, "body");
  arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), self->value_label);
  gtk_box_append (GTK_BOX (box), arrow);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), box);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->button), create_popup, self, NULL);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (self->button, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->button);
  g_signal_connect_swapped (self->button, "map", G_CALLBACK (on_button_map), self);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  g_signal_connect (self, "activated", G_CALLBACK (on_row_activated), NULL);

  g_signal_connect_object (document, "record-changed", G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mlg_document_get_records (document, target), "items-changed",
                           G_CALLBACK (on_records_changed), self, G_CONNECT_SWAPPED);
  update_value_label (self);
  return GTK_WIDGET (self);
}

void
mlg_reference_picker_set_excluded (MlgReferencePicker *self,
                                   MlgRecord          *record)
{
  g_return_if_fail (MLG_IS_REFERENCE_PICKER (self));

  if (g_set_object (&self->excluded, record) && self->filter)
    gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

void
mlg_reference_picker_set_value (MlgReferencePicker *self,
                                const char         *id)
{
  g_return_if_fail (MLG_IS_REFERENCE_PICKER (self));

  if (g_strcmp0 (self->value, id) == 0)
    return;
  g_free (self->value);
  self->value = g_strdup (id);
  update_value_label (self);
  update_rows (self);
}

const char *
mlg_reference_picker_get_value (MlgReferencePicker *self)
{
  g_return_val_if_fail (MLG_IS_REFERENCE_PICKER (self), NULL);
  return self->value;
}

void
mlg_reference_picker_set_chosen (MlgReferencePicker *self,
                                 const char * const *ids)
{
  g_return_if_fail (MLG_IS_REFERENCE_PICKER (self));

  g_hash_table_remove_all (self->chosen);
  for (guint i = 0; ids && ids[i]; i++)
    g_hash_table_add (self->chosen, g_strdup (ids[i]));
  update_rows (self);
}

/* Scrolls the form so that the row is in sight: a popover anchored out of
 * the screen has no monitor to fit in. */
static gboolean
scroll_into_view (MlgReferencePicker *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page;

  if (scrolled == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (self), scrolled, &bounds))
    return FALSE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_widget_get_height (scrolled);
  if (bounds.origin.y < 0)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > page)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y + bounds.size.height - page);
  else
    return FALSE;
  return TRUE;
}

static void
on_after_paint (GdkFrameClock      *clock,
                MlgReferencePicker *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  if (gtk_widget_get_mapped (self->button))
    gtk_menu_button_popup (GTK_MENU_BUTTON (self->button));
  else
    self->popup_pending = TRUE;
}

/* A popup asked while the form was sliding in or being rebuilt opens
 * once the button shows, rather than being lost. */
static void
on_button_map (MlgReferencePicker *self)
{
  if (!self->popup_pending)
    return;
  self->popup_pending = FALSE;
  mlg_reference_picker_popup (self);
}

/* Opens the popover, the row brought in sight first (once the form is laid
 * out again, scrolled). */
void
mlg_reference_picker_popup (MlgReferencePicker *self)
{
  GdkFrameClock *clock;

  g_return_if_fail (MLG_IS_REFERENCE_PICKER (self));

  if (!gtk_widget_get_mapped (self->button))
    {
      self->popup_pending = TRUE;
      return;
    }
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock && scroll_into_view (self))
    {
      g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint), self, 0);
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
    }
  else
    gtk_menu_button_popup (GTK_MENU_BUTTON (self->button));
}

void
mlg_reference_picker_popdown (MlgReferencePicker *self)
{
  g_return_if_fail (MLG_IS_REFERENCE_PICKER (self));
  self->popup_pending = FALSE;
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
}

gboolean
mlg_reference_picker_is_open (MlgReferencePicker *self)
{
  g_return_val_if_fail (MLG_IS_REFERENCE_PICKER (self), FALSE);
  return self->popover && gtk_widget_get_visible (self->popover);
}

GtkWidget *
mlg_reference_picker_get_search_entry (MlgReferencePicker *self)
{
  g_return_val_if_fail (MLG_IS_REFERENCE_PICKER (self), NULL);
  return self->search_entry;
}

GtkWidget *
mlg_reference_picker_get_button (MlgReferencePicker *self)
{
  g_return_val_if_fail (MLG_IS_REFERENCE_PICKER (self), NULL);
  return self->button;
}

/* Searches at once, without the search entry's typing delay. */
void
mlg_reference_picker_set_search_text (MlgReferencePicker *self,
                                      const char         *text)
{
  g_return_if_fail (MLG_IS_REFERENCE_PICKER (self));
  g_return_if_fail (self->popover != NULL);

  g_signal_handlers_block_by_func (self->search_entry, apply_search, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, apply_search, self);
  apply_search (self);
}

/* The records shown ("None" aside). */
guint
mlg_reference_picker_get_n_matches (MlgReferencePicker *self)
{
  g_return_val_if_fail (MLG_IS_REFERENCE_PICKER (self), 0);

  if (self->selection == NULL)
    return 0;
  return g_list_model_get_n_items (G_LIST_MODEL (self->selection)) -
         g_list_model_get_n_items (G_LIST_MODEL (self->none_store));
}

MlgRecord *
mlg_reference_picker_get_match (MlgReferencePicker *self,
                                guint               position)
{
  g_autoptr(GObject) item = NULL;

  g_return_val_if_fail (MLG_IS_REFERENCE_PICKER (self), NULL);

  if (self->selection == NULL)
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                position + g_list_model_get_n_items (G_LIST_MODEL (self->none_store)));
  return MLG_IS_RECORD (item) ? MLG_RECORD (item) : NULL; /* the document keeps it */
}

/* Activates @record's row (NULL: "None"), as a click would; FALSE when the
 * popover does not show it. */
gboolean
mlg_reference_picker_pick (MlgReferencePicker *self,
                           MlgRecord          *record)
{
  GListModel *model;

  g_return_val_if_fail (MLG_IS_REFERENCE_PICKER (self), FALSE);

  if (self->selection == NULL)
    return FALSE;
  model = G_LIST_MODEL (self->selection);
  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      if ((record && item == G_OBJECT (record)) || (record == NULL && item == self->none_item))
        {
          on_list_activate (GTK_LIST_VIEW (self->list_view), i, self);
          return TRUE;
        }
    }
  return FALSE;
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
mlg_reference_picker_dispose (GObject *object)
{
  MlgReferencePicker *self = MLG_REFERENCE_PICKER (object);

  g_clear_pointer (&self->bound_rows, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->none_store);
  g_clear_object (&self->none_item);
  g_clear_object (&self->excluded);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (mlg_reference_picker_parent_class)->dispose (object);
}

static void
mlg_reference_picker_finalize (GObject *object)
{
  MlgReferencePicker *self = MLG_REFERENCE_PICKER (object);

  g_free (self->value);
  g_free (self->query);
  g_free (self->label);
  g_hash_table_unref (self->chosen);
  G_OBJECT_CLASS (mlg_reference_picker_parent_class)->finalize (object);
}

static void
mlg_reference_picker_class_init (MlgReferencePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * MlgReferencePicker::picked:
   * @id: (nullable): the id of the record activated, NULL for "None"
   *
   * Emitted when the person picks a record (or "None") in the popover.
   */
  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  object_class->dispose = mlg_reference_picker_dispose;
  object_class->finalize = mlg_reference_picker_finalize;
}

static void
mlg_reference_picker_init (MlgReferencePicker *self)
{
  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
