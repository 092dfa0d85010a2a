/* mlg-record-editor.c — the form of one record, built from its kind's fields
 *
 * Each field declaration gives a row: AdwEntryRow for text-like fields,
 * AdwComboRow for choices, a reference picker (mlg-reference-picker.c) for
 * references, an action row with a spin button for numbers (with a clear
 * button: unset is not 0), a text view card for long text, an expander
 * listing the items of list fields, and a group of expander rows for
 * tables. Every change goes through the document.
 *
 * Setting the document builds nothing; showing a record builds widgets for
 * its own fields only: pickers build their lists when opened, table rows
 * their cells when expanded, and the linked records come in an idle,
 * grouped by kind (a kind's rows built when opened). What other records
 * hold (titles, who refers to this one) is followed live.
 *
 * A Binding ties one row to one value (a field, or a cell of a table row).
 * It lives as long as its widget (it is the widget's data), and the editor
 * keeps a list of the live ones to commit pending edits and to refresh
 * rows when the document changes under them (undo, redo).
 *
 * Typing is committed at each pause (nothing typed is lost), and the
 * commits of one stay in a field join one undo step: the binding's merge
 * key, given up when the focus leaves or the document changes the value.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "mlg-record-editor.h"
#include "mlg-reference-picker.h"
#include "mlg-schema.h"
#include "mlg-ui-util.h"
#include "mlg-validate.h"

#define DEBOUNCE_MS 600

typedef enum {
  BINDING_ENTRY,
  BINDING_TEXT,
  BINDING_SPIN,
  BINDING_COMBO,
  BINDING_REF,
  BINDING_LIST,
  BINDING_TABLE,
} BindingType;

typedef struct {
  MlgRecordEditor *editor;
  BindingType      type;
  const MlgField  *field;
  const MlgField  *table;     /* the table of a cell, or NULL */
  int              row;       /* the row of a cell */
  GtkWidget       *widget;    /* the row (or group) */
  GtkWidget       *input;     /* spin button, text view */
  GtkWidget       *expander;  /* a cell's table row */
  GPtrArray       *ids;       /* combo: value of each position; NULL first */
  GPtrArray       *children;  /* list, table: rows added for the items */
  GtkWidget       *add_row;   /* list: the add control */
  guint            debounce;
  guint            refresh_idle;
  guint            merge_key; /* typing: this stay in the field, or 0 */
  int              expand_row;
  gboolean         updating;
  gboolean         unset;
  gboolean         pending;
} Binding;

struct _MlgRecordEditor
{
  GtkWidget     parent_instance;

  GtkStack     *stack;

  MlgDocument  *document;
  MlgRecord    *record;
  GtkWidget    *page;
  GtkWidget    *linked_group;
  GPtrArray    *linked_rows;
  GPtrArray    *bindings;    /* Binding, owned by their widgets */
  guint         committing;
  guint         others_idle; /* other records changed: titles, links */
};

G_DEFINE_FINAL_TYPE (MlgRecordEditor, mlg_record_editor, GTK_TYPE_WIDGET)

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void binding_refresh (Binding *b);
static GtkWidget *create_field_row (MlgRecordEditor *self,
                                    const MlgField  *field,
                                    const MlgField  *table,
                                    int              row);

/* ── JSON helpers ────────────────────────────────────────────────────── */

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, text);
  return node;
}

static JsonNode *
number_node (double         value,
             MlgFieldType   type)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (type == MLG_FIELD_INTEGER || type == MLG_FIELD_YEAR || fabs (value - round (value)) < 1e-9)
    json_node_set_int (node, (gint64) round (value));
  else
    json_node_set_double (node, round (value * 100) / 100);
  return node;
}

static const char *
node_string (JsonNode *node)
{
  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
node_number (JsonNode *node,
             double   *value)
{
  if (node && JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);
      if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
        {
          *value = json_node_get_double (node);
          return TRUE;
        }
    }
  return FALSE;
}

static JsonObject *
table_row_object (MlgRecord  *record,
                  const char *table_key,
                  int         row)
{
  JsonArray *rows = mlg_record_get_array (record, table_key);
  JsonNode *node;

  if (rows == NULL || row < 0 || (guint) row >= json_array_get_length (rows))
    return NULL;
  node = json_array_get_element (rows, row);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A copy of a table's rows, but row @skip (-1: none), to change and store:
 * the undo history keeps the rows as they were. */
static JsonArray *
table_rows_copy (MlgRecord  *record,
                 const char *table_key,
                 int         skip)
{
  JsonArray *rows = mlg_record_get_array (record, table_key);
  JsonArray *copy = json_array_new ();

  for (guint i = 0, n = rows ? json_array_get_length (rows) : 0; i < n; i++)
    if ((int) i != skip)
      json_array_add_element (copy, mlg_json_deep_copy (json_array_get_element (rows, i)));
  return copy;
}

static JsonNode *
array_node (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

/* ── Rows ────────────────────────────────────────────────────────────── */

static const char *
field_hint (const MlgField *field)
{
  return field->hint ? g_dgettext (GETTEXT_PACKAGE, field->hint) : NULL;
}

static void
mark_validity (GtkWidget  *row,
               gboolean    valid,
               const char *message,
               const char *hint)
{
  if (valid)
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, hint);
    }
  else
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
    }
}

/* The field's label as the row's title, literally; its hint below, on
 * rows of their own. */
static void
row_set_field (GtkWidget      *row,
               const MlgField *field,
               const MlgField *table)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mlg_field_label (field));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (field->hint && table == NULL && ADW_IS_ACTION_ROW (row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), field_hint (field));
}

/* An icon button says what it does to the pointer and to screen readers. */
static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

/* ── Bindings ────────────────────────────────────────────────────────── */

static void
binding_free (gpointer data)
{
  Binding *b = data;

  g_clear_handle_id (&b->debounce, g_source_remove);
  g_clear_handle_id (&b->refresh_idle, g_source_remove);
  if (b->editor && b->editor->bindings)
    g_ptr_array_remove (b->editor->bindings, b);
  g_clear_pointer (&b->ids, g_ptr_array_unref);
  g_clear_pointer (&b->children, g_ptr_array_unref);
  g_free (b);
}

static Binding *
binding_new (MlgRecordEditor *self,
             BindingType      type,
             const MlgField  *field,
             const MlgField  *table,
             int              row,
             GtkWidget       *widget)
{
  Binding *b = g_new0 (Binding, 1);

  b->editor = self;
  b->type = type;
  b->field = field;
  b->table = table;
  b->row = row;
  b->widget = widget;
  b->expand_row = -1;
  g_object_set_data_full (G_OBJECT (widget), "mlg-binding", b, binding_free);
  g_ptr_array_add (self->bindings, b);
  return b;
}

static Binding *
binding_of (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "mlg-binding");
}

static JsonNode *
binding_get_value (Binding *b)
{
  MlgRecord *record = b->editor->record;

  if (record == NULL)
    return NULL;
  if (b->table == NULL)
    return mlg_record_get_value (record, b->field->key);
  else
    {
      JsonObject *object = table_row_object (record, b->table->key, b->row);
      return object ? json_object_get_member (object, b->field->key) : NULL;
    }
}

static char *
table_row_summary (const MlgField *table,
                   JsonObject     *object,
                   MlgDocument    *document,
                   char          **subtitle)
{
  GString *title = g_string_new (NULL);
  GString *rest = g_string_new (NULL);
  guint n = 0;

  for (const MlgField *c = table->columns; object && c->key; c++)
    {
      g_autofree char *text = mlg_ui_format_value (document, c, json_object_get_member (object, c->key));
      GString *out;

      if (text == NULL || *text == '\0')
        continue;
      /* A custom indicator's label says more than "Other indicator". */
      if (g_str_equal (c->key, "indicator") && g_str_equal (text, mlg_field_choice_label (c, "custom")) &&
          json_object_has_member (object, "label"))
        continue;
      out = n < 2 ? title : rest;
      if (out->len)
        g_string_append (out, " · ");
      g_string_append (out, text);
      n++;
    }
  if (title->len == 0)
    g_string_append (title, _("Empty row"));
  *subtitle = g_string_free (rest, FALSE);
  return g_string_free (title, FALSE);
}

static void
update_table_row_title (MlgRecordEditor *self,
                        GtkWidget       *expander,
                        const MlgField  *table,
                        int              row)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  if (self->record == NULL || expander == NULL)
    return;
  title = table_row_summary (table, table_row_object (self->record, table->key, row),
                             self->document, &subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
}

/* Stores @value (taken; NULL clears) for the binding's field or cell.
 * Typed text joins the undo step of the binding's stay in the field. */
static void
binding_set_value (Binding  *b,
                   JsonNode *value)
{
  MlgRecordEditor *self = b->editor;
  const char *key = b->table ? b->table->key : b->field->key;

  if (self->record == NULL || self->document == NULL)
    {
      g_clear_pointer (&value, json_node_unref);
      return;
    }

  if ((b->type == BINDING_ENTRY || b->type == BINDING_TEXT) && b->merge_key == 0)
    b->merge_key = mlg_document_new_merge_key (self->document);

  self->committing++;
  if (b->table)
    {
      JsonArray *rows = table_rows_copy (self->record, b->table->key, -1);
      JsonNode *element = b->row < (int) json_array_get_length (rows) ? json_array_get_element (rows, b->row) : NULL;

      if (element && JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *object = json_node_get_object (element);
          if (value)
            json_object_set_member (object, b->field->key, g_steal_pointer (&value));
          else if (json_object_has_member (object, b->field->key))
            json_object_remove_member (object, b->field->key);
        }
      g_clear_pointer (&value, json_node_unref);
      value = array_node (rows);
    }
  mlg_document_set_value_merged (self->document, self->record, key, value, b->merge_key);
  if (b->table)
    update_table_row_title (self, b->expander, b->table, b->row);
  self->committing--;
}

static gboolean
refresh_idle_cb (gpointer data)
{
  Binding *b = binding_of (data);

  if (b)
    {
      b->refresh_idle = 0;
      binding_refresh (b);
    }
  return G_SOURCE_REMOVE;
}

/* Rebuilding from an idle: the clicked button may be one of the rows. */
static void
schedule_refresh (Binding *b)
{
  if (b->refresh_idle)
    return;
  b->refresh_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb,
                                     g_object_ref (b->widget), g_object_unref);
}

/* ── Text entries ────────────────────────────────────────────────────── */

static void
entry_validate (Binding *b)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (b->widget));
  g_autofree char *message = NULL;
  gboolean valid = mlg_validate_field_text (b->field, text, &message);

  if (valid && (b->field->flags & MLG_FIELD_FLAG_REQUIRED) && b->editor->record &&
      b->table == NULL && *text == '\0')
    {
      valid = FALSE;
      g_free (message);
      message = g_strdup (_("This field is required."));
    }
  mark_validity (b->widget, valid, message, field_hint (b->field));
}

static void
entry_commit (Binding *b)
{
  g_autofree char *text = NULL;

  g_clear_handle_id (&b->debounce, g_source_remove);
  if (!b->pending)
    return;
  b->pending = FALSE;

  if (b->type == BINDING_TEXT)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (b->input));
      GtkTextIter start, end;
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      /* Paragraphs keep their inner spacing; only the ends are trimmed. */
      g_strchomp (text);
    }
  else
    {
      text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (b->widget)));
      g_strstrip (text);
    }
  binding_set_value (b, *text ? string_node (text) : NULL);
}

static gboolean
entry_debounce_cb (gpointer data)
{
  Binding *b = data;

  b->debounce = 0;
  entry_commit (b);
  return G_SOURCE_REMOVE;
}

static void
entry_changed (Binding *b)
{
  if (b->updating)
    return;
  b->pending = TRUE;
  if (b->type == BINDING_ENTRY)
    entry_validate (b);
  g_clear_handle_id (&b->debounce, g_source_remove);
  b->debounce = g_timeout_add (DEBOUNCE_MS, entry_debounce_cb, b);
}

static void
on_entry_changed (GtkEditable *editable,
                  gpointer     user_data)
{
  entry_changed (binding_of (editable));
}

static void
on_entry_activated (GtkWidget *row,
                    gpointer   user_data)
{
  entry_commit (binding_of (row));
}

/* Leaving the field commits it and ends its undo step. */
static void
on_focus_leave (GtkEventControllerFocus *controller,
                gpointer                 user_data)
{
  Binding *b = binding_of (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));

  if (b)
    {
      entry_commit (b);
      b->merge_key = 0;
    }
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   GtkWidget     *card)
{
  entry_changed (binding_of (card));
}

static void
add_focus_commit (GtkWidget *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), NULL);
  gtk_widget_add_controller (widget, focus);
}

static GtkWidget *
create_entry (MlgRecordEditor *self,
              const MlgField  *field,
              const MlgField  *table,
              int              row)
{
  GtkWidget *widget = adw_entry_row_new ();
  Binding *b;

  row_set_field (widget, field, table);
  switch (field->type)
    {
    case MLG_FIELD_EMAIL:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (widget), GTK_INPUT_PURPOSE_EMAIL);
      break;
    case MLG_FIELD_PHONE:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (widget), GTK_INPUT_PURPOSE_PHONE);
      break;
    case MLG_FIELD_URL:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (widget), GTK_INPUT_PURPOSE_URL);
      break;
    case MLG_FIELD_POSTCODE:
    case MLG_FIELD_SIRET:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (widget), GTK_INPUT_PURPOSE_NUMBER);
      break;
    default:
      break;
    }

  b = binding_new (self, BINDING_ENTRY, field, table, row, widget);
  g_signal_connect (widget, "changed", G_CALLBACK (on_entry_changed), NULL);
  g_signal_connect (widget, "entry-activated", G_CALLBACK (on_entry_activated), NULL);
  add_focus_commit (widget);
  binding_refresh (b);
  return widget;
}

static GtkWidget *
create_text_view (MlgRecordEditor *self,
                  const MlgField  *field)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *view = gtk_text_view_new ();
  Binding *b;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "long-text");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, mlg_field_label (field), -1);
  gtk_box_append (GTK_BOX (card), view);

  b = binding_new (self, BINDING_TEXT, field, NULL, -1, card);
  b->input = view;
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                    G_CALLBACK (on_buffer_changed), card);
  add_focus_commit (card);
  binding_refresh (b);
  return card;
}

/* ── Numbers ─────────────────────────────────────────────────────────── */

/* What the spin button shows: nothing when unset, no decimals on whole
 * numbers. */
static char *
spin_text (Binding *b)
{
  double value = gtk_spin_button_get_value (GTK_SPIN_BUTTON (b->input));

  if (b->unset)
    return g_strdup ("");
  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.2f", value);
}

static void
spin_show (Binding *b)
{
  g_autofree char *text = spin_text (b);

  b->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (b->input), text);
  gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (b->widget), "clear-button"), !b->unset);
  b->updating = FALSE;
}

static void
spin_validate (Binding *b)
{
  g_autofree char *message = NULL;
  gboolean valid = TRUE;

  if (!b->unset && b->field->type == MLG_FIELD_YEAR)
    valid = mlg_validate_year ((gint64) gtk_spin_button_get_value (GTK_SPIN_BUTTON (b->input)), &message);
  mark_validity (b->widget, valid, message, field_hint (b->field));
}

static void
spin_commit (Binding *b)
{
  if (b->unset)
    binding_set_value (b, NULL);
  else
    binding_set_value (b, number_node (gtk_spin_button_get_value (GTK_SPIN_BUTTON (b->input)),
                                       b->field->type));
  spin_validate (b);
}

static void
on_spin_value_changed (GtkSpinButton *spin,
                       GtkWidget     *row)
{
  Binding *b = binding_of (row);

  if (b == NULL || b->updating)
    return;
  b->unset = FALSE;
  spin_commit (b);
  spin_show (b);
}

/* Reads a number as people type it: a decimal comma, grouping spaces. */
static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  char *end = NULL;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == ',')
        g_string_append_c (digits, '.');
      else if (!g_unichar_isspace (c) && c != 0x202F)
        g_string_append_unichar (digits, c);
    }
  *value = g_ascii_strtod (digits->str, &end);
  return end != digits->str && *end == '\0';
}

static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               GtkWidget     *row)
{
  Binding *b = binding_of (row);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  double value;

  if (b == NULL)
    return FALSE;

  if (*text == '\0')
    {
      /* Emptying the field unsets the value: unset is not 0. */
      *new_value = gtk_spin_button_get_value (spin);
      if (!b->unset && !b->updating)
        {
          b->unset = TRUE;
          spin_commit (b);
        }
      return TRUE;
    }

  if (!parse_number (text, &value))
    return GTK_INPUT_ERROR;
  *new_value = value;
  if (b->unset && !b->updating)
    {
      b->unset = FALSE;
      /* Same number as before it was cleared: value-changed stays silent. */
      if (fabs (value - gtk_spin_button_get_value (spin)) < 1e-9)
        spin_commit (b);
    }
  return TRUE;
}

static gboolean
on_spin_output (GtkSpinButton *spin,
                GtkWidget     *row)
{
  Binding *b = binding_of (row);
  g_autofree char *text = NULL;

  if (b == NULL)
    return FALSE;
  text = spin_text (b);
  if (!g_str_equal (text, gtk_editable_get_text (GTK_EDITABLE (spin))))
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
on_spin_clear (GtkButton *button,
               GtkWidget *row)
{
  Binding *b = binding_of (row);

  if (b == NULL)
    return;
  b->unset = TRUE;
  spin_commit (b);
  spin_show (b);
}

static GtkWidget *
create_spin (MlgRecordEditor *self,
             const MlgField  *field,
             const MlgField  *table,
             int              row)
{
  GtkWidget *widget = adw_action_row_new ();
  GtkWidget *spin, *clear;
  GtkAdjustment *adjustment;
  g_autofree char *clear_label = NULL;
  Binding *b;

  row_set_field (widget, field, table);
  switch (field->type)
    {
    case MLG_FIELD_YEAR:
      adjustment = gtk_adjustment_new (2024, 1000, 2999, 1, 10, 0);
      break;
    case MLG_FIELD_INTEGER:
      adjustment = gtk_adjustment_new (0, 0, 1e9, 1, 10, 0);
      break;
    case MLG_FIELD_MONEY:
      adjustment = gtk_adjustment_new (0, 0, 1e12, 100, 1000, 0);
      break;
    default:
      adjustment = gtk_adjustment_new (0, -1e12, 1e12, 1, 10, 0);
      break;
    }
  spin = gtk_spin_button_new (adjustment,  1,
                              field->type == MLG_FIELD_NUMBER || field->type == MLG_FIELD_MONEY ? 2 : 0);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), field->type == MLG_FIELD_YEAR ? 5 : 9);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, mlg_field_label (field), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (widget), spin);

  if (field->type == MLG_FIELD_MONEY)
    {
      GtkWidget *unit = gtk_label_new ("€");
      gtk_widget_add_css_class (unit, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (widget), unit);
    }

  /* Translators: %s is a field: "Clear Population" */
  clear_label = g_strdup_printf (_("Clear %s"), mlg_field_label (field));
  clear = icon_button_new ("edit-clear-symbolic", clear_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), clear);
  g_object_set_data (G_OBJECT (widget), "clear-button", clear);

  b = binding_new (self, BINDING_SPIN, field, table, row, widget);
  b->input = spin;
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_value_changed), widget);
  g_signal_connect (spin, "input", G_CALLBACK (on_spin_input), widget);
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output), widget);
  g_signal_connect (clear, "clicked", G_CALLBACK (on_spin_clear), widget);
  binding_refresh (b);
  return widget;
}

/* ── Choices ─────────────────────────────────────────────────────────── */

/* The labels of an ENUM field's choices and the values they stand for. */
static GtkStringList *
choice_labels (const MlgField *field,
               const char     *first,
               GPtrArray      *ids)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, first);
  g_ptr_array_add (ids, NULL);
  for (const MlgChoice *c = field->choices; c && c->key; c++)
    {
      gtk_string_list_append (labels, g_dgettext (GETTEXT_PACKAGE, c->label));
      g_ptr_array_add (ids, g_strdup (c->key));
    }
  return labels;
}

static void
on_combo_selected (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   gpointer     user_data)
{
  Binding *b = binding_of (combo);
  guint selected;
  const char *id;

  if (b == NULL || b->updating)
    return;
  selected = adw_combo_row_get_selected (combo);
  id = selected < b->ids->len ? g_ptr_array_index (b->ids, selected) : NULL;
  binding_set_value (b, id ? string_node (id) : NULL);
}

static GtkWidget *
create_combo (MlgRecordEditor *self,
              const MlgField  *field,
              const MlgField  *table,
              int              row)
{
  GtkWidget *widget = adw_combo_row_new ();
  GtkStringList *labels;
  Binding *b;

  row_set_field (widget, field, table);
  b = binding_new (self, BINDING_COMBO, field, table, row, widget);
  b->ids = g_ptr_array_new_with_free_func (g_free);
  labels = choice_labels (field, _("None"), b->ids);
  adw_combo_row_set_model (ADW_COMBO_ROW (widget), G_LIST_MODEL (labels));
  g_object_unref (labels);

  g_signal_connect (widget, "notify::selected", G_CALLBACK (on_combo_selected), NULL);
  binding_refresh (b);
  return widget;
}

/* ── References ──────────────────────────────────────────────────────── */

static void
on_reference_picked (MlgReferencePicker *picker,
                     const char         *id,
                     gpointer            user_data)
{
  Binding *b = binding_of (picker);

  if (b == NULL)
    return;
  binding_set_value (b, id ? string_node (id) : NULL);
  binding_refresh (b);
}

static GtkWidget *
create_reference (MlgRecordEditor *self,
                  const MlgField  *field,
                  const MlgField  *table,
                  int              row)
{
  GtkWidget *widget = mlg_reference_picker_new (self->document, field->target, FALSE, mlg_field_label (field));
  Binding *b;

  row_set_field (widget, field, table);
  mlg_reference_picker_set_excluded (MLG_REFERENCE_PICKER (widget), self->record);
  b = binding_new (self, BINDING_REF, field, table, row, widget);
  g_signal_connect (widget, "picked", G_CALLBACK (on_reference_picked), NULL);
  binding_refresh (b);
  return widget;
}

/* ── Lists ───────────────────────────────────────────────────────────── */

static char **
list_values (Binding *b)
{
  return b->editor->record ? mlg_record_dup_strv (b->editor->record, b->field->key)
                           : g_new0 (char *, 1);
}

/* Stores the list without item @remove (-1: none) and with @add at the
 * end (NULL: none; choices and references are never listed twice). */
static void
list_change (Binding    *b,
             int         remove,
             const char *add)
{
  g_auto(GStrv) values = list_values (b);
  JsonArray *array = json_array_new ();

  if (add && (*add == '\0' ||
              (b->field->type != MLG_FIELD_TEXT_LIST && g_strv_contains ((const char * const *) values, add))))
    add = NULL;
  for (guint i = 0; values[i]; i++)
    if ((int) i != remove)
      json_array_add_string_element (array, values[i]);
  if (add)
    json_array_add_string_element (array, add);
  binding_set_value (b, array_node (array));
  schedule_refresh (b);
}

static void
on_list_remove (GtkButton *button,
                GtkWidget *widget)
{
  Binding *b = binding_of (widget);

  if (b)
    list_change (b, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "index")), NULL);
}

static void
on_list_add_text (AdwEntryRow *entry,
                  GtkWidget   *widget)
{
  Binding *b = binding_of (widget);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (b == NULL || *text == '\0')
    return;
  list_change (b, -1, text);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_list_add_choice (AdwComboRow *combo,
                    GParamSpec  *pspec,
                    GtkWidget   *widget)
{
  Binding *b = binding_of (widget);
  guint selected = adw_combo_row_get_selected (combo);

  if (b == NULL || b->updating || selected == 0 || selected >= b->ids->len)
    return;
  list_change (b, -1, g_ptr_array_index (b->ids, selected));
  b->updating = TRUE;
  adw_combo_row_set_selected (combo, 0);
  b->updating = FALSE;
}

/* A record activated in the picker joins the list, or leaves it. */
static void
on_list_picked (MlgReferencePicker *picker,
                const char         *id,
                GtkWidget          *widget)
{
  Binding *b = binding_of (widget);
  g_auto(GStrv) values = NULL;

  if (b == NULL || id == NULL)
    return;
  values = list_values (b);
  for (guint i = 0; values[i]; i++)
    if (g_str_equal (values[i], id))
      {
        list_change (b, i, NULL);
        return;
      }
  list_change (b, -1, id);
}

static void
on_list_item_activated (AdwActionRow *row,
                        gpointer      user_data)
{
  MlgRecordEditor *self = user_data;
  const char *id = g_object_get_data (G_OBJECT (row), "id");
  MlgRecord *record = self->document ? mlg_document_lookup (self->document, id) : NULL;

  if (record)
    g_signal_emit (self, signals[OPEN_RECORD], 0, record);
}

/* The add control comes first and item rows after it: a picker open on it
 * stays in place while its choices come and go. */
static void
list_refresh (Binding *b)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (b->widget);
  g_auto(GStrv) values = list_values (b);
  g_autofree char *summary = NULL;

  for (guint i = 0; i < b->children->len; i++)
    adw_expander_row_remove (expander, g_ptr_array_index (b->children, i));
  g_ptr_array_set_size (b->children, 0);

  summary = mlg_ui_format_value (b->editor->document, b->field, binding_get_value (b));
  adw_expander_row_set_subtitle (expander, summary ? summary : _("None"));
  if (MLG_IS_REFERENCE_PICKER (b->add_row))
    mlg_reference_picker_set_chosen (MLG_REFERENCE_PICKER (b->add_row), (const char * const *) values);

  for (guint i = 0; values[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove;
      g_autofree char *text = NULL;
      g_autofree char *remove_label = NULL;
      JsonNode *node = string_node (values[i]);

      text = mlg_ui_format_value (b->editor->document, b->field, node);
      json_node_unref (node);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text ? text : values[i]);

      /* Translators: %s is an item of a list */
      remove_label = g_strdup_printf (_("Remove “%s”"), text ? text : values[i]);
      remove = icon_button_new ("list-remove-symbolic", remove_label);
      g_object_set_data (G_OBJECT (remove), "index", GINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_list_remove), b->widget);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      if (b->field->type == MLG_FIELD_REF_LIST &&
          mlg_document_lookup (b->editor->document, values[i]) != NULL)
        {
          g_object_set_data_full (G_OBJECT (row), "id", g_strdup (values[i]), g_free);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_signal_connect (row, "activated", G_CALLBACK (on_list_item_activated), b->editor);
        }

      adw_expander_row_add_row (expander, row);
      g_ptr_array_add (b->children, row);
    }
}

static GtkWidget *
create_list (MlgRecordEditor *self,
             const MlgField  *field)
{
  GtkWidget *widget = adw_expander_row_new ();
  Binding *b;

  row_set_field (widget, field, NULL);
  b = binding_new (self, BINDING_LIST, field, NULL, -1, widget);
  b->children = g_ptr_array_new ();

  if (field->type == MLG_FIELD_TEXT_LIST)
    {
      b->add_row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (b->add_row), _("Add an Item"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (b->add_row), TRUE);
      g_signal_connect (b->add_row, "apply", G_CALLBACK (on_list_add_text), widget);
      g_signal_connect (b->add_row, "entry-activated", G_CALLBACK (on_list_add_text), widget);
    }
  else if (field->type == MLG_FIELD_REF_LIST)
    {
      b->add_row = mlg_reference_picker_new (self->document, field->target, TRUE, mlg_field_label (field));
      mlg_reference_picker_set_excluded (MLG_REFERENCE_PICKER (b->add_row), self->record);
      g_signal_connect (b->add_row, "picked", G_CALLBACK (on_list_picked), widget);
    }
  else
    {
      GtkStringList *labels;

      b->add_row = adw_combo_row_new ();
      b->ids = g_ptr_array_new_with_free_func (g_free);
      labels = choice_labels (field, _("Choose…"), b->ids);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (b->add_row), _("Add"));
      adw_combo_row_set_model (ADW_COMBO_ROW (b->add_row), G_LIST_MODEL (labels));
      g_object_unref (labels);
      g_signal_connect (b->add_row, "notify::selected", G_CALLBACK (on_list_add_choice), widget);
    }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (widget), b->add_row);
  binding_refresh (b);
  return widget;
}

/* ── Tables ──────────────────────────────────────────────────────────── */

static void
on_table_add (GtkButton *button,
              GtkWidget *group)
{
  Binding *b = binding_of (group);
  JsonArray *rows;
  JsonObject *row;

  if (b == NULL || b->editor->record == NULL)
    return;
  mlg_record_editor_commit_pending (b->editor);
  rows = table_rows_copy (b->editor->record, b->field->key, -1);

  /* A new figure starts in the current year. */
  row = json_object_new ();
  if (mlg_field_find_column (b->field->columns, "year"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      json_object_set_int_member (row, "year", g_date_time_get_year (now));
    }
  json_array_add_object_element (rows, row);
  b->expand_row = json_array_get_length (rows) - 1;
  binding_set_value (b, array_node (rows));
  schedule_refresh (b);
}

static void
on_table_remove (GtkButton *button,
                 GtkWidget *group)
{
  Binding *b = binding_of (group);
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "index"));

  if (b == NULL || b->editor->record == NULL)
    return;
  mlg_record_editor_commit_pending (b->editor);
  binding_set_value (b, array_node (table_rows_copy (b->editor->record, b->field->key, index)));
  schedule_refresh (b);
}

/* A table row's cells are built when it is first expanded: a record with
 * many figures costs a row each until then. */
static void
table_row_fill (GtkWidget *expander)
{
  Binding *b = binding_of (g_object_get_data (G_OBJECT (expander), "table"));
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (expander), "index"));
  GtkWidget *remove_row, *remove;

  if (b == NULL || g_object_get_data (G_OBJECT (expander), "filled"))
    return;
  g_object_set_data (G_OBJECT (expander), "filled", GINT_TO_POINTER (TRUE));

  for (const MlgField *c = b->field->columns; c->key; c++)
    {
      GtkWidget *cell = create_field_row (b->editor, c, b->field, index);
      binding_of (cell)->expander = expander;
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), cell);
    }

  remove_row = adw_action_row_new ();
  remove = gtk_button_new_with_mnemonic (_("_Remove Row"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  g_object_set_data (G_OBJECT (remove), "index", GINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_table_remove), b->widget);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), remove_row);
}

static void
on_table_row_expanded (GtkWidget *expander)
{
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)))
    table_row_fill (expander);
}

static void
table_refresh (Binding *b)
{
  MlgRecordEditor *self = b->editor;
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (b->widget);
  JsonArray *rows = self->record ? mlg_record_get_array (self->record, b->field->key) : NULL;
  guint n = rows ? json_array_get_length (rows) : 0;

  for (guint i = 0; i < b->children->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (b->children, i));
  g_ptr_array_set_size (b->children, 0);

  if (n == 0)
    {
      GtkWidget *empty = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("No rows yet"));
      gtk_widget_add_css_class (empty, "dim-label");
      adw_preferences_group_add (group, empty);
      g_ptr_array_add (b->children, empty);
    }

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      update_table_row_title (self, expander, b->field, i);
      g_object_set_data (G_OBJECT (expander), "table", b->widget);
      g_object_set_data (G_OBJECT (expander), "index", GINT_TO_POINTER (i));
      g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_table_row_expanded), NULL);
      if ((int) i == b->expand_row)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);

      adw_preferences_group_add (group, expander);
      g_ptr_array_add (b->children, expander);
    }
  b->expand_row = -1;
}

static GtkWidget *
create_table (MlgRecordEditor *self,
              const MlgField  *field)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *add;
  g_autofree char *add_label = NULL;
  Binding *b;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), mlg_field_label (field));
  /* Translators: %s is a table: "Add a Row to Key figures" */
  add_label = g_strdup_printf (_("Add a Row to %s"), mlg_field_label (field));
  add = icon_button_new ("list-add-symbolic", add_label);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  g_signal_connect (add, "clicked", G_CALLBACK (on_table_add), group);

  b = binding_new (self, BINDING_TABLE, field, NULL, -1, group);
  b->children = g_ptr_array_new ();
  table_refresh (b);
  return group;
}

/* ── Refresh from the document ───────────────────────────────────────── */

static void
binding_refresh (Binding *b)
{
  JsonNode *value = binding_get_value (b);

  /* The document changed the value: typing again is a new undo step. */
  b->merge_key = 0;
  switch (b->type)
    {
    case BINDING_ENTRY:
      {
        const char *text = node_string (value);
        g_autofree char *shown = NULL;
        double number;

        if (text == NULL && node_number (value, &number))
          text = shown = mlg_ui_format_number (number, MLG_FIELD_YEAR);
        b->updating = TRUE;
        if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (b->widget)), text ? text : ""))
          gtk_editable_set_text (GTK_EDITABLE (b->widget), text ? text : "");
        b->updating = FALSE;
        b->pending = FALSE;
        g_clear_handle_id (&b->debounce, g_source_remove);
        entry_validate (b);
      }
      break;

    case BINDING_TEXT:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (b->input));
        const char *text = node_string (value);
        b->updating = TRUE;
        gtk_text_buffer_set_text (buffer, text ? text : "", -1);
        b->updating = FALSE;
        b->pending = FALSE;
        g_clear_handle_id (&b->debounce, g_source_remove);
      }
      break;

    case BINDING_SPIN:
      {
        double number = 0;
        b->updating = TRUE;
        b->unset = !node_number (value, &number);
        if (!b->unset)
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (b->input), number);
        b->updating = FALSE;
        spin_show (b);
        spin_validate (b);
      }
      break;

    case BINDING_COMBO:
      {
        const char *key = node_string (value);
        guint selected = 0;

        if (key)
          {
            for (guint i = 1; i < b->ids->len; i++)
              if (g_strcmp0 (g_ptr_array_index (b->ids, i), key) == 0)
                selected = i;
            if (selected == 0)
              {
                /* A value this version does not know: shown as is, and kept. */
                GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (b->widget));
                gtk_string_list_append (GTK_STRING_LIST (model), key);
                g_ptr_array_add (b->ids, g_strdup (key));
                selected = b->ids->len - 1;
              }
          }
        b->updating = TRUE;
        adw_combo_row_set_selected (ADW_COMBO_ROW (b->widget), selected);
        b->updating = FALSE;
      }
      break;

    case BINDING_REF:
      mlg_reference_picker_set_value (MLG_REFERENCE_PICKER (b->widget), node_string (value));
      break;

    case BINDING_LIST:
      list_refresh (b);
      break;

    case BINDING_TABLE:
      table_refresh (b);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ── Linked records ──────────────────────────────────────────────────── */

static void
on_linked_activated (AdwActionRow    *row,
                     MlgRecordEditor *self)
{
  MlgRecord *record = g_object_get_data (G_OBJECT (row), "record");

  if (record)
    g_signal_emit (self, signals[OPEN_RECORD], 0, record);
}

/* A kind's rows are built when its expander opens: a pole may have
 * hundreds of structures in it. */
static void
linked_fill (GtkWidget       *expander,
             GParamSpec      *pspec,
             MlgRecordEditor *self)
{
  GPtrArray *records = g_object_get_data (G_OBJECT (expander), "records");

  if (!adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)) ||
      g_object_get_data (G_OBJECT (expander), "filled"))
    return;
  g_object_set_data (G_OBJECT (expander), "filled", GINT_TO_POINTER (TRUE));

  for (guint i = 0; i < records->len; i++)
    {
      MlgRecord *referrer = g_ptr_array_index (records, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mlg_ui_record_title (referrer));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (referrer), g_object_unref);
      g_signal_connect (row, "activated", G_CALLBACK (on_linked_activated), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
}

/* Who refers to this record, by kind; a kind with a few opens at once.
 * Kinds the person opened stay open. */
static void
linked_refresh (MlgRecordEditor *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self->linked_group);
  g_autoptr(GPtrArray) referrers = NULL;
  gboolean was_open[MLG_N_KINDS] = { FALSE };

  for (guint i = 0; i < self->linked_rows->len; i++)
    {
      GtkWidget *expander = g_ptr_array_index (self->linked_rows, i);
      was_open[GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander), "kind"))] =
        adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander));
      adw_preferences_group_remove (group, expander);
    }
  g_ptr_array_set_size (self->linked_rows, 0);

  referrers = mlg_document_find_referrers (self->document, self->record, MLG_N_KINDS);
  adw_preferences_group_set_description (group, referrers->len ? _("Records that refer to this one.")
                                                               : _("No other record refers to this one."));
  for (guint k = 0; k < MLG_N_KINDS; k++)
    {
      GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
      GtkWidget *expander;
      g_autofree char *count = NULL;

      for (guint i = 0; i < referrers->len; i++)
        if (mlg_record_get_kind_id (g_ptr_array_index (referrers, i)) == k)
          g_ptr_array_add (records, g_object_ref (g_ptr_array_index (referrers, i)));
      if (records->len == 0)
        {
          g_ptr_array_unref (records);
          continue;
        }

      expander = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), mlg_kind_label (mlg_kind_get (k)));
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", records->len),
                               records->len);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
      g_object_set_data (G_OBJECT (expander), "kind", GUINT_TO_POINTER (k));
      g_object_set_data_full (G_OBJECT (expander), "records", records, (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect (expander, "notify::expanded", G_CALLBACK (linked_fill), self);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), was_open[k] || records->len <= 5);
      adw_preferences_group_add (group, expander);
      g_ptr_array_add (self->linked_rows, expander);
    }
}

/* ── Other records changed ───────────────────────────────────────────── */

/* What the form shows of other records: the titles in lists and table
 * rows, and who refers to this record. */
static gboolean
others_idle_cb (gpointer data)
{
  MlgRecordEditor *self = data;
  g_autoptr(GPtrArray) live = NULL;

  self->others_idle = 0;
  if (self->record == NULL || self->page == NULL)
    return G_SOURCE_REMOVE;

  live = g_ptr_array_copy (self->bindings, NULL, NULL);
  for (guint i = 0; i < live->len; i++)
    {
      Binding *b = g_ptr_array_index (live, i);

      if (b->type == BINDING_LIST && b->field->type == MLG_FIELD_REF_LIST)
        list_refresh (b);
      else if (b->type == BINDING_TABLE)
        for (guint r = 0; r < b->children->len; r++)
          if (ADW_IS_EXPANDER_ROW (g_ptr_array_index (b->children, r)))
            update_table_row_title (self, g_ptr_array_index (b->children, r), b->field, r);
    }
  linked_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_others_refresh (MlgRecordEditor *self)
{
  if (self->others_idle == 0 && self->record != NULL)
    self->others_idle = g_idle_add_full (G_PRIORITY_LOW, others_idle_cb, self, NULL);
}

static gboolean
field_holds_references (const MlgField *field)
{
  if (field == NULL)
    return FALSE;
  if (field->type == MLG_FIELD_REF || field->type == MLG_FIELD_REF_LIST)
    return TRUE;
  for (const MlgField *c = field->type == MLG_FIELD_TABLE ? field->columns : NULL; c && c->key; c++)
    if (c->type == MLG_FIELD_REF || c->type == MLG_FIELD_REF_LIST)
      return TRUE;
  return FALSE;
}

static void
on_record_changed (MlgRecordEditor *self,
                   MlgRecord       *record,
                   const char      *key)
{
  const MlgKind *kind = mlg_record_get_kind (record);
  g_autoptr(GPtrArray) matches = NULL;

  if (self->record == NULL)
    return;
  if (record != self->record)
    {
      /* Renamed, or now referring elsewhere. */
      if (g_str_equal (key, mlg_kind_title_field (kind)->key) ||
          field_holds_references (mlg_kind_find_field (kind, key)))
        schedule_others_refresh (self);
      return;
    }
  if (self->committing > 0)
    return;

  matches = g_ptr_array_new ();
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *b = g_ptr_array_index (self->bindings, i);
      if (b->table == NULL && g_str_equal (b->field->key, key))
        g_ptr_array_add (matches, b);
    }
  for (guint i = 0; i < matches->len; i++)
    binding_refresh (g_ptr_array_index (matches, i));
}

/* ── Building the form ───────────────────────────────────────────────── */

static GtkWidget *
create_field_row (MlgRecordEditor *self,
                  const MlgField  *field,
                  const MlgField  *table,
                  int              row)
{
  switch (field->type)
    {
    case MLG_FIELD_ENUM:
      return create_combo (self, field, table, row);
    case MLG_FIELD_REF:
      return create_reference (self, field, table, row);
    case MLG_FIELD_INTEGER:
    case MLG_FIELD_NUMBER:
    case MLG_FIELD_MONEY:
    case MLG_FIELD_YEAR:
      return create_spin (self, field, table, row);
    case MLG_FIELD_TEXT_LIST:
    case MLG_FIELD_ENUM_LIST:
    case MLG_FIELD_REF_LIST:
      if (table == NULL)
        return create_list (self, field);
      G_GNUC_FALLTHROUGH;
    default:
      return create_entry (self, field, table, row);
    }
}

static GtkWidget *
group_new (GtkWidget      *page,
           const MlgField *field)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (field)
    {
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), mlg_field_label (field));
      if (field->hint)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), field_hint (field));
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return group;
}

static void
rebuild (MlgRecordEditor *self)
{
  GtkWidget *page;
  GtkWidget *group = NULL;

  g_clear_handle_id (&self->others_idle, g_source_remove);
  if (self->page)
    {
      gtk_stack_remove (self->stack, self->page);
      self->page = NULL;
      self->linked_group = NULL;
      g_ptr_array_set_size (self->linked_rows, 0);
    }

  if (self->record == NULL || self->document == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  page = adw_preferences_page_new ();
  for (const MlgField *f = mlg_record_get_kind (self->record)->fields; f->key; f++)
    {
      if (f->type == MLG_FIELD_LONG_TEXT)
        {
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group_new (page, f)), create_text_view (self, f));
          group = NULL;
        }
      else if (f->type == MLG_FIELD_TABLE)
        {
          adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                                    ADW_PREFERENCES_GROUP (create_table (self, f)));
          group = NULL;
        }
      else
        {
          if (group == NULL)
            group = group_new (page, NULL);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_field_row (self, f, NULL, -1));
        }
    }

  /* Who refers to this record: filled in an idle, once the form shows. */
  self->linked_group = group_new (page, NULL);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->linked_group), _("Linked Records"));

  self->page = page;
  gtk_stack_add_named (self->stack, page, "page");
  gtk_stack_set_visible_child (self->stack, page);
  schedule_others_refresh (self);
}

/* ── Public API ──────────────────────────────────────────────────────── */

/* Writes what is typed but not yet stored (debounced entries, text views,
 * spin buttons) to the document. */
void
mlg_record_editor_commit_pending (MlgRecordEditor *self)
{
  g_autoptr(GPtrArray) live = NULL;

  g_return_if_fail (MLG_IS_RECORD_EDITOR (self));

  live = g_ptr_array_copy (self->bindings, NULL, NULL);
  for (guint i = 0; i < live->len; i++)
    {
      Binding *b = g_ptr_array_index (live, i);

      if (!g_ptr_array_find (self->bindings, b, NULL))
        continue;
      if ((b->type == BINDING_ENTRY || b->type == BINDING_TEXT) && b->pending)
        entry_commit (b);
      else if (b->type == BINDING_SPIN && *gtk_editable_get_text (GTK_EDITABLE (b->input)))
        /* Typed into the field and not yet left it. */
        gtk_spin_button_update (GTK_SPIN_BUTTON (b->input));
    }
}

static void
on_records_changed (MlgRecordEditor *self)
{
  /* Added, removed, or back by undo: titles may resolve, links change. */
  schedule_others_refresh (self);
}

static void
document_disconnect (MlgRecordEditor *self)
{
  if (self->document == NULL)
    return;
  for (guint k = 0; k < MLG_N_KINDS; k++)
    g_signal_handlers_disconnect_by_data (mlg_document_get_records (self->document, k), self);
  g_signal_handlers_disconnect_by_data (self->document, self);
}

/* Builds nothing: the form is built when a record is shown. */
void
mlg_record_editor_set_document (MlgRecordEditor *self,
                                MlgDocument     *document)
{
  g_return_if_fail (MLG_IS_RECORD_EDITOR (self));

  if (self->document == document)
    return;
  mlg_record_editor_commit_pending (self);
  document_disconnect (self);
  g_clear_object (&self->record);
  g_set_object (&self->document, document);
  if (document)
    {
      g_signal_connect_object (document, "record-changed",
                               G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
      for (guint k = 0; k < MLG_N_KINDS; k++)
        g_signal_connect_object (mlg_document_get_records (document, k), "items-changed",
                                 G_CALLBACK (on_records_changed), self, G_CONNECT_SWAPPED);
    }
  rebuild (self);
}

void
mlg_record_editor_set_record (MlgRecordEditor *self,
                              MlgRecord       *record)
{
  g_return_if_fail (MLG_IS_RECORD_EDITOR (self));

  if (self->record == record && (record == NULL || self->page != NULL))
    return;
  mlg_record_editor_commit_pending (self);
  g_set_object (&self->record, record);
  rebuild (self);
}

MlgRecord *
mlg_record_editor_get_record (MlgRecordEditor *self)
{
  g_return_val_if_fail (MLG_IS_RECORD_EDITOR (self), NULL);
  return self->record;
}

GtkWidget *
mlg_record_editor_get_field_row (MlgRecordEditor *self,
                                 const char      *key)
{
  g_return_val_if_fail (MLG_IS_RECORD_EDITOR (self), NULL);

  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *b = g_ptr_array_index (self->bindings, i);
      if (b->table == NULL && g_str_equal (b->field->key, key))
        return b->widget;
    }
  return NULL;
}

/* The add control of a list field's row (an entry row, a combo row, or a
 * reference picker), or NULL. */
GtkWidget *
mlg_record_editor_get_list_add_row (MlgRecordEditor *self,
                                    const char      *key)
{
  GtkWidget *row = mlg_record_editor_get_field_row (self, key);
  Binding *b = row ? binding_of (row) : NULL;

  return b && b->type == BINDING_LIST ? b->add_row : NULL;
}

gboolean
mlg_record_editor_focus_field (MlgRecordEditor *self,
                               const char      *key)
{
  GtkWidget *row = mlg_record_editor_get_field_row (self, key);
  Binding *b;

  if (row == NULL)
    return FALSE;
  b = binding_of (row);
  if (b->type == BINDING_LIST)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  if (b->input)
    return gtk_widget_grab_focus (b->input);
  if (b->type == BINDING_REF)
    return gtk_widget_grab_focus (mlg_reference_picker_get_button (MLG_REFERENCE_PICKER (row)));
  return gtk_widget_grab_focus (row);
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
mlg_record_editor_dispose (GObject *object)
{
  MlgRecordEditor *self = MLG_RECORD_EDITOR (object);

  document_disconnect (self);
  g_clear_handle_id (&self->others_idle, g_source_remove);
  self->page = NULL;
  self->linked_group = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), MLG_TYPE_RECORD_EDITOR);
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->record);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (mlg_record_editor_parent_class)->dispose (object);
}

static void
mlg_record_editor_finalize (GObject *object)
{
  MlgRecordEditor *self = MLG_RECORD_EDITOR (object);

  for (guint i = 0; i < self->bindings->len; i++)
    ((Binding *) g_ptr_array_index (self->bindings, i))->editor = NULL;
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->linked_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (mlg_record_editor_parent_class)->finalize (object);
}

static void
mlg_record_editor_class_init (MlgRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlg_record_editor_dispose;
  object_class->finalize = mlg_record_editor_finalize;

  /**
   * MlgRecordEditor::open-record:
   * @record: the record to show
   *
   * Emitted when the person activates a linked record or a reference.
   */
  signals[OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MLG_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/maillage/Maillage/mlg-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MlgRecordEditor, stack);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mlg_record_editor_init (MlgRecordEditor *self)
{
  self->bindings = g_ptr_array_new ();
  self->linked_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mlg_record_editor_new (void)
{
  return g_object_new (MLG_TYPE_RECORD_EDITOR, NULL);
}
