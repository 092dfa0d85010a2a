/* mlg-record-page.c — one kind's page: searchable list beside the editor
 *
 * The list is a GtkListView over a GtkSortListModel (by title) over a
 * GtkFilterListModel over the document's records of the kind. The search
 * matches, accent- and case-insensitively, the title, the searchable text
 * and list fields and the titles of searchable references.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mlg-record-page.h"
#include "mlg-record-row.h"
#include "mlg-schema.h"
#include "mlg-text.h"
#include "mlg-ui-util.h"

struct _MlgRecordPage
{
  GtkWidget           parent_instance;

  AdwLeaflet         *leaflet;
  AdwHeaderBar       *list_header;
  AdwHeaderBar       *editor_header;
  GtkWidget          *back_button;
  GtkWidget          *editor_back_button;
  GtkWidget          *add_button;
  AdwWindowTitle     *list_title;
  AdwWindowTitle     *editor_title;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_status;
  MlgRecordEditor    *editor;

  MlgKindId           kind;
  MlgDocument        *document;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GtkFilter          *filter;
  GtkSorter          *sorter;
  char               *query;       /* folded, NULL when empty */
  gboolean            edited_since_search;  /* records may match differently */
  MlgRecord          *selected;
  char               *focus_field;
  guint               focus_idle;
  guint               scroll_tick;
  guint               scroll_ticks;
  guint               scroll_idle;
  gboolean            show_back_button;
  gboolean            resorting;
  gboolean            filled;      /* the list holds the document's records */
};

G_DEFINE_FINAL_TYPE (MlgRecordPage, mlg_record_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_SHOW_BACK_BUTTON,
  PROP_SELECTED_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
filter_record (gpointer item,
               gpointer user_data)
{
  MlgRecordPage *self = user_data;

  if (self->document == NULL)
    return TRUE;
  return mlg_document_record_matches (self->document, MLG_RECORD (item), self->query);
}

/* By title, ignoring accents and case ("Élan" sorts with the E), then by
 * the locale's collation. */
static int
compare_titles (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  MlgRecord *record_a = MLG_RECORD ((gpointer) a);
  MlgRecord *record_b = MLG_RECORD ((gpointer) b);
  int result = strcmp (mlg_record_get_sort_key (record_a), mlg_record_get_sort_key (record_b));

  if (result == 0)
    result = g_utf8_collate (mlg_record_get_title (record_a), mlg_record_get_title (record_b));
  return result;
}

static void
update_status (MlgRecordPage *self)
{
  const MlgKind *kind = mlg_kind_get (self->kind);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  guint total = self->document ? mlg_document_count (self->document, self->kind) : 0;

  if (self->query && total > 0)
    {
      /* Translators: shown under a list's title while searching: "3 of 38" */
      g_autofree char *text = g_strdup_printf (_("%u of %u"), shown, total);
      adw_window_title_set_subtitle (self->list_title, text);
    }
  else
    adw_window_title_set_subtitle (self->list_title, NULL);

  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (self->query && total > 0)
    {
      adw_status_page_set_icon_name (self->empty_status, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_status, _("No Results Found"));
      adw_status_page_set_description (self->empty_status, _("Try a different search."));
    }
  else
    {
      g_autofree char *title = NULL;
      /* Translators: %s is a kind of record, in the plural: "No Structures" */
      title = g_strdup_printf (_("No %s"), mlg_kind_label (kind));
      adw_status_page_set_icon_name (self->empty_status, "folder-symbolic");
      adw_status_page_set_title (self->empty_status, title);
      adw_status_page_set_description (self->empty_status,
                                       _("Add one with the + button or Ctrl+N."));
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
update_editor_title (MlgRecordPage *self)
{
  const MlgKind *kind = mlg_kind_get (self->kind);

  if (self->selected)
    {
      adw_window_title_set_title (self->editor_title, mlg_ui_record_title (self->selected));
      adw_window_title_set_subtitle (self->editor_title, mlg_kind_label_one (kind));
    }
  else
    {
      adw_window_title_set_title (self->editor_title, mlg_kind_label (kind));
      adw_window_title_set_subtitle (self->editor_title, NULL);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->editor_header), TRUE);
}

static guint
find_position (MlgRecordPage *self,
               MlgRecord     *record)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);

  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      g_autoptr(MlgRecord) item = g_list_model_get_item (model, i);
      if (item == record)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
scroll_to_selected (MlgRecordPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    mlg_ui_list_scroll_to (GTK_WIDGET (self->list_view), position);
}

static gboolean
scroll_idle_cb (gpointer data)
{
  MlgRecordPage *self = data;

  self->scroll_idle = 0;
  scroll_to_selected (self);
  return G_SOURCE_REMOVE;
}

/* A list hidden until now (its page just shown, or just filled) is laid
 * out on the next frames, from where it was scrolled: it scrolls again on
 * the next two frames, then once the window is idle. */
static gboolean
scroll_tick_cb (GtkWidget     *list,
                GdkFrameClock *clock,
                gpointer       data)
{
  MlgRecordPage *self = data;

  scroll_to_selected (self);
  if (++self->scroll_ticks < 2)
    return G_SOURCE_CONTINUE;
  self->scroll_tick = 0;
  if (self->scroll_idle == 0)
    self->scroll_idle = g_idle_add_full (G_PRIORITY_LOW, scroll_idle_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

/* Selects the row at @position and scrolls the list so that it shows. */
static void
select_position (MlgRecordPage *self,
                 guint          position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  mlg_ui_list_scroll_to (GTK_WIDGET (self->list_view), position);
  self->scroll_ticks = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), scroll_tick_cb, self, NULL);
}

static void
on_selection_changed (MlgRecordPage *self)
{
  MlgRecord *record = gtk_single_selection_get_selected_item (self->selection);

  if (self->resorting || record == self->selected)
    return;

  g_set_object (&self->selected, record);
  mlg_record_editor_set_record (self->editor, record);
  update_editor_title (self);
  if (record)
    adw_leaflet_set_visible_child_name (self->leaflet, "editor");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_RECORD]);
}

static void
on_record_changed (MlgRecordPage *self,
                   MlgRecord     *record,
                   const char    *key)
{
  const MlgField *title_field;

  if (mlg_record_get_kind_id (record) != self->kind || !self->filled)
    return;
  self->edited_since_search = TRUE;
  title_field = mlg_kind_title_field (mlg_kind_get (self->kind));
  if (!g_str_equal (key, title_field->key))
    return;

  if (record == self->selected)
    update_editor_title (self);

  /* Keep the list sorted, and the record being edited selected. */
  self->resorting = TRUE;
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  if (self->selected)
    {
      /* a renamed record moves in the list: the list follows it */
      guint position = find_position (self, self->selected);
      if (position != GTK_INVALID_LIST_POSITION)
        select_position (self, position);
    }
  self->resorting = FALSE;
  on_selection_changed (self);
}

/* How the list changes from @before to @now (folded, NULL when empty):
 * the texts searched are matched whole, so a query holding the previous
 * one can only match fewer records, and the list rechecks only those it
 * shows; typing a name narrows a long list at the cost of what is left. */
static GtkFilterChange
search_change (const char *before,
               const char *now)
{
  if (now == NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  if (before == NULL || strstr (now, before))
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (strstr (before, now))
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

static void
apply_search (MlgRecordPage *self)
{
  g_autofree char *before = g_steal_pointer (&self->query);

  self->query = mlg_text_fold_query (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_filter_changed (self->filter, self->edited_since_search ? GTK_FILTER_CHANGE_DIFFERENT
                                                              : search_change (before, self->query));
  self->edited_since_search = FALSE;
  update_status (self);
}

static void
on_search_changed (MlgRecordPage *self)
{
  mlg_record_editor_commit_pending (self->editor);
  apply_search (self);
}

static void
on_search_activate (MlgRecordPage *self)
{
  /* Enter in the search entry opens the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
}

static void
on_editor_back (MlgRecordPage *self)
{
  mlg_record_editor_commit_pending (self->editor);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  /* Unselect so that the same row opens again when clicked. */
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           MlgRecordPage            *self)
{
  gtk_list_item_set_child (item, mlg_record_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          MlgRecordPage            *self)
{
  mlg_record_row_bind (MLG_RECORD_ROW (gtk_list_item_get_child (item)),
                       self->document, gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            MlgRecordPage            *self)
{
  mlg_record_row_unbind (MLG_RECORD_ROW (gtk_list_item_get_child (item)));
}

static void
update_headers (MlgRecordPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->back_button, self->show_back_button);
  adw_header_bar_set_show_start_title_buttons (self->list_header, self->show_back_button);
  adw_header_bar_set_show_end_title_buttons (self->list_header, folded);
  gtk_widget_set_visible (self->editor_back_button, folded);
  adw_header_bar_set_show_start_title_buttons (self->editor_header, folded && self->show_back_button);
}

/* ── Public API ──────────────────────────────────────────────────────── */

MlgKindId
mlg_record_page_get_kind (MlgRecordPage *self)
{
  g_return_val_if_fail (MLG_IS_RECORD_PAGE (self), 0);
  return self->kind;
}

MlgRecordEditor *
mlg_record_page_get_editor (MlgRecordPage *self)
{
  g_return_val_if_fail (MLG_IS_RECORD_PAGE (self), NULL);
  return self->editor;
}

GtkWidget *
mlg_record_page_get_list_header (MlgRecordPage *self)
{
  g_return_val_if_fail (MLG_IS_RECORD_PAGE (self), NULL);
  return GTK_WIDGET (self->list_header);
}

GtkWidget *
mlg_record_page_get_list_view (MlgRecordPage *self)
{
  g_return_val_if_fail (MLG_IS_RECORD_PAGE (self), NULL);
  return GTK_WIDGET (self->list_view);
}

MlgRecord *
mlg_record_page_get_selected (MlgRecordPage *self)
{
  g_return_val_if_fail (MLG_IS_RECORD_PAGE (self), NULL);
  return self->selected;
}

void
mlg_record_page_commit_pending (MlgRecordPage *self)
{
  g_return_if_fail (MLG_IS_RECORD_PAGE (self));
  mlg_record_editor_commit_pending (self->editor);
}

/* Fills the list with the document's records: sorting and filtering
 * thousands of records takes time, spent when the page first shows (or
 * is asked about its list), not when the file opens. */
static void
ensure_filled (MlgRecordPage *self)
{
  if (self->filled || self->document == NULL)
    return;
  self->filled = TRUE;
  gtk_filter_list_model_set_model (self->filter_model,
                                   mlg_document_get_records (self->document, self->kind));
  update_status (self);
}

void
mlg_record_page_set_document (MlgRecordPage *self,
                              MlgDocument   *document)
{
  g_return_if_fail (MLG_IS_RECORD_PAGE (self));

  if (self->document == document)
    return;

  mlg_record_editor_commit_pending (self->editor);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);

  g_set_object (&self->document, document);
  mlg_record_editor_set_document (self->editor, document);
  self->filled = FALSE;
  gtk_filter_list_model_set_model (self->filter_model, NULL);
  if (document)
    g_signal_connect_object (document, "record-changed",
                             G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
  on_selection_changed (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_filled (self);
  else
    update_status (self);
}

void
mlg_record_page_set_search_text (MlgRecordPage *self,
                                 const char    *text)
{
  g_return_if_fail (MLG_IS_RECORD_PAGE (self));

  g_signal_handlers_block_by_func (self->search_entry, on_search_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed, self);
  mlg_record_editor_commit_pending (self->editor);
  ensure_filled (self);
  apply_search (self);
}

guint
mlg_record_page_get_n_visible (MlgRecordPage *self)
{
  g_return_val_if_fail (MLG_IS_RECORD_PAGE (self), 0);
  ensure_filled (self);
  return g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
}

void
mlg_record_page_focus_search (MlgRecordPage *self)
{
  g_return_if_fail (MLG_IS_RECORD_PAGE (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static gboolean
focus_field_idle (gpointer data)
{
  MlgRecordPage *self = data;

  self->focus_idle = 0;
  if (self->focus_field)
    mlg_record_editor_focus_field (self->editor, self->focus_field);
  g_clear_pointer (&self->focus_field, g_free);
  return G_SOURCE_REMOVE;
}

/* Shows @record in the editor (clearing the search when it hides it) and
 * focuses @field_key's row when given. */
void
mlg_record_page_select_record (MlgRecordPage *self,
                               MlgRecord     *record,
                               const char    *field_key)
{
  guint position;

  g_return_if_fail (MLG_IS_RECORD_PAGE (self));
  g_return_if_fail (MLG_IS_RECORD (record));

  ensure_filled (self);
  position = find_position (self, record);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      mlg_record_page_set_search_text (self, NULL);
      position = find_position (self, record);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  select_position (self, position);
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");

  g_free (self->focus_field);
  self->focus_field = g_strdup (field_key);
  if (field_key && self->focus_idle == 0)
    self->focus_idle = g_idle_add (focus_field_idle, self);
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
mlg_record_page_map (GtkWidget *widget)
{
  ensure_filled (MLG_RECORD_PAGE (widget));
  GTK_WIDGET_CLASS (mlg_record_page_parent_class)->map (widget);
}

static void
mlg_record_page_constructed (GObject *object)
{
  MlgRecordPage *self = MLG_RECORD_PAGE (object);
  const MlgKind *kind = mlg_kind_get (self->kind);
  g_autofree char *add_label = NULL;

  G_OBJECT_CLASS (mlg_record_page_parent_class)->constructed (object);

  adw_window_title_set_title (self->list_title, mlg_kind_label (kind));
  /* Translators: %s is a kind of record: "New Structure" */
  add_label = g_strdup_printf (_("New %s"), mlg_kind_label_one (kind));
  gtk_widget_set_tooltip_text (self->add_button, add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, mlg_kind_label (kind), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search"), -1);
  {
    g_autofree char *placeholder = g_strdup_printf (_("Search %s"), mlg_kind_label (kind));
    g_object_set (self->search_entry, "placeholder-text", placeholder, NULL);
  }
  update_editor_title (self);
  update_status (self);
}

static void
mlg_record_page_dispose (GObject *object)
{
  MlgRecordPage *self = MLG_RECORD_PAGE (object);

  g_clear_handle_id (&self->focus_idle, g_source_remove);
  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  if (self->scroll_tick && self->list_view)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->scroll_tick);
  self->scroll_tick = 0;
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MLG_TYPE_RECORD_PAGE);
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->selected);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (mlg_record_page_parent_class)->dispose (object);
}

static void
mlg_record_page_finalize (GObject *object)
{
  MlgRecordPage *self = MLG_RECORD_PAGE (object);

  g_free (self->query);
  g_free (self->focus_field);
  G_OBJECT_CLASS (mlg_record_page_parent_class)->finalize (object);
}

static void
mlg_record_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MlgRecordPage *self = MLG_RECORD_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;
    case PROP_SELECTED_RECORD:
      g_value_set_object (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlg_record_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MlgRecordPage *self = MLG_RECORD_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_SHOW_BACK_BUTTON:
      self->show_back_button = g_value_get_boolean (value);
      update_headers (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlg_record_page_class_init (MlgRecordPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mlg_record_page_constructed;
  object_class->dispose = mlg_record_page_dispose;
  object_class->finalize = mlg_record_page_finalize;
  object_class->get_property = mlg_record_page_get_property;
  object_class->set_property = mlg_record_page_set_property;
  widget_class->map = mlg_record_page_map;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, MLG_N_KINDS - 1, MLG_KIND_STRUCTURE,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_RECORD] =
    g_param_spec_object ("selected-record", NULL, NULL, MLG_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MLG_TYPE_RECORD_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/maillage/Maillage/mlg-record-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MlgRecordPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MlgRecordPage, list_header);
  gtk_widget_class_bind_template_child (widget_class, MlgRecordPage, editor_header);
  gtk_widget_class_bind_template_child (widget_class, MlgRecordPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MlgRecordPage, editor_back_button);
  gtk_widget_class_bind_template_child (widget_class, MlgRecordPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, MlgRecordPage, list_title);
  gtk_widget_class_bind_template_child (widget_class, MlgRecordPage, editor_title);
  gtk_widget_class_bind_template_child (widget_class, MlgRecordPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MlgRecordPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MlgRecordPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, MlgRecordPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, MlgRecordPage, editor);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mlg_record_page_init (MlgRecordPage *self)
{
  GtkListItemFactory *factory;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_record, self, NULL));
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (self->filter));
  self->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_titles, NULL, NULL));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)),
                                              g_object_ref (self->sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Delete removes the selected record, but only from the list: in the
   * editor's entries it deletes text as usual. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("win.delete-record")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);

  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->sort_model, "items-changed",
                            G_CALLBACK (update_status), self);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate",
                            G_CALLBACK (on_search_activate), self);
  g_signal_connect_swapped (self->editor_back_button, "clicked",
                            G_CALLBACK (on_editor_back), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded",
                            G_CALLBACK (update_headers), self);
  update_headers (self);
}

GtkWidget *
mlg_record_page_new (MlgKindId kind)
{
  return g_object_new (MLG_TYPE_RECORD_PAGE, "kind", kind, NULL);
}
