/* mlg-ui-util.c — small helpers shared by the window's views */
#include "config.h"

#include <glib/gi18n.h>

#include "mlg-text.h"
#include "mlg-typography.h"
#include "mlg-ui-util.h"
#include "mlg-validate.h"

/* The record's display name; records without one still get a readable row. */
const char *
mlg_ui_record_title (MlgRecord *record)
{
  const char *title = mlg_record_get_title (record);
  return title && *title ? title : _("Unnamed");
}

gboolean
mlg_ui_field_is_text_like (const MlgField *field)
{
  switch (field->type)
    {
    case MLG_FIELD_TEXT:
    case MLG_FIELD_DATE:
    case MLG_FIELD_EMAIL:
    case MLG_FIELD_PHONE:
    case MLG_FIELD_URL:
    case MLG_FIELD_SIRET:
    case MLG_FIELD_RNA:
    case MLG_FIELD_INSEE:
    case MLG_FIELD_POSTCODE:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
mlg_ui_field_is_number (const MlgField *field)
{
  return field->type == MLG_FIELD_INTEGER || field->type == MLG_FIELD_NUMBER ||
         field->type == MLG_FIELD_MONEY || field->type == MLG_FIELD_YEAR;
}

/* A number as the language in use writes it. */
char *
mlg_ui_format_number (double       value,
                      MlgFieldType type)
{
  /* the printed sheets' conventions: "2 500,5" and "170 000 €" in
   * French, "2,500.5" and "€170,000" in English */
  MlgTypography typo = mlg_typography_current ();

  if (type == MLG_FIELD_YEAR)
    return g_strdup_printf ("%.0f", value);
  if (type == MLG_FIELD_MONEY)
    return mlg_typography_amount (typo, value);
  return mlg_typography_number (typo, value, 2);
}

static char *
format_scalar (MlgDocument    *document,
               const MlgField *field,
               JsonNode       *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      switch (field->type)
        {
        case MLG_FIELD_ENUM:
        case MLG_FIELD_ENUM_LIST:
          return g_strdup (mlg_field_choice_label (field, text));
        case MLG_FIELD_REF:
        case MLG_FIELD_REF_LIST:
          return g_strdup (document ? mlg_document_title_of (document, text) : text);
        default:
          return g_strdup (text);
        }
    }
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    return mlg_ui_format_number (json_node_get_double (node), field->type);
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
  return NULL;
}

/* The text a person reads for @value of @field, or NULL when empty. */
char *
mlg_ui_format_value (MlgDocument    *document,
                     const MlgField *field,
                     JsonNode       *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      guint n = json_array_get_length (array);
      GString *out;

      if (n == 0)
        return NULL;
      if (field->type == MLG_FIELD_TABLE)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n), n);

      out = g_string_new (NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *item = format_scalar (document, field, json_array_get_element (array, i));
          if (item == NULL)
            continue;
          if (out->len)
            g_string_append (out, ", ");
          g_string_append (out, item);
        }
      return g_string_free (out, FALSE);
    }

  return format_scalar (document, field, value);
}

/* "Association (1901 law) · Trévoux": the record's column fields. */
char *
mlg_ui_record_subtitle (MlgDocument *document,
                        MlgRecord   *record)
{
  const MlgKind *kind = mlg_record_get_kind (record);
  GString *out = g_string_new (NULL);
  guint shown = 0;

  for (const MlgField *f = kind->fields; f->key && shown < 3; f++)
    {
      g_autofree char *text = NULL;

      if (!(f->flags & MLG_FIELD_FLAG_COLUMN) || (f->flags & MLG_FIELD_FLAG_TITLE))
        continue;
      if (f->type == MLG_FIELD_ENUM && g_str_equal (f->key, "category") &&
          kind->id == MLG_KIND_STRUCTURE)
        continue; /* the legal form says more in a list row */
      text = mlg_ui_format_value (document, f, mlg_record_get_value (record, f->key));
      if (text == NULL || *text == '\0')
        continue;
      if (out->len)
        g_string_append (out, " · ");
      g_string_append (out, text);
      shown++;
    }
  return g_string_free (out, FALSE);
}

/* The bundled example: MAILLAGE_EXAMPLE, then the installed copy, then the
 * source tree's (when running uninstalled). NULL when none is found. */
GFile *
mlg_ui_find_example (void)
{
  const char *env = g_getenv ("MAILLAGE_EXAMPLE");
  const char *candidates[] = {
    PKGDATADIR "/examples/dombinnov.maillage",
    SOURCE_DATADIR "/examples/dombinnov.maillage",
  };

  if (env && *env)
    return g_file_new_for_commandline_arg (env);
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
      return g_file_new_for_path (candidates[i]);
  return NULL;
}

/* ── Pieces of pages ─────────────────────────────────────────────────── */

void
mlg_ui_list_scroll_to (GtkWidget *list_view,
                       guint      position)
{
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

GtkWidget *
mlg_ui_text_label (const char *text,
                   const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

GtkWidget *
mlg_ui_card_flow_box (guint max_per_line)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), max_per_line);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  return flow;
}

GtkWidget *
mlg_ui_figure_card (const char *number,
                    const char *unit,
                    const char *caption,
                    const char *detail)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *value = mlg_ui_text_label (number, "title-2");
  GtkWidget *label;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "figure-card");
  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 12);
  gtk_widget_set_margin_start (inner, 16);
  gtk_widget_set_margin_end (inner, 16);
  gtk_box_append (GTK_BOX (card), inner);

  /* The number stands out; its unit follows in ordinary text. */
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_set_valign (value, GTK_ALIGN_BASELINE);
  gtk_box_append (GTK_BOX (line), value);
  if (unit && *unit)
    {
      GtkWidget *unit_label = mlg_ui_text_label (unit, "dim-label");
      gtk_widget_set_valign (unit_label, GTK_ALIGN_BASELINE);
      gtk_box_append (GTK_BOX (line), unit_label);
    }
  gtk_box_append (GTK_BOX (inner), line);

  /* Two lines at most; the whole caption in the tooltip. */
  label = mlg_ui_text_label (caption, NULL);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_widget_set_tooltip_text (label, caption);
  gtk_box_append (GTK_BOX (inner), label);
  if (detail && *detail)
    {
      label = mlg_ui_text_label (detail, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
      gtk_box_append (GTK_BOX (inner), label);
    }
  return card;
}

/* ── Views that follow a document ────────────────────────────────────── */

void
mlg_ui_follow_document (gpointer         instance,
                        MlgDocument     *old_document,
                        MlgDocument     *new_document,
                        const MlgKindId *kinds,
                        guint            n_kinds,
                        GCallback        on_items_changed,
                        GCallback        on_record_changed)
{
  guint n = kinds ? n_kinds : MLG_N_KINDS;

  if (old_document)
    {
      for (guint k = 0; k < n; k++)
        g_signal_handlers_disconnect_by_data (mlg_document_get_records (old_document, kinds ? kinds[k] : k),
                                              instance);
      g_signal_handlers_disconnect_by_data (old_document, instance);
    }
  if (new_document == NULL)
    return;
  for (guint k = 0; on_items_changed && k < n; k++)
    g_signal_connect_object (mlg_document_get_records (new_document, kinds ? kinds[k] : k), "items-changed",
                             on_items_changed, instance, G_CONNECT_SWAPPED);
  if (on_record_changed)
    g_signal_connect_object (new_document, "record-changed", on_record_changed, instance, G_CONNECT_SWAPPED);
}

void
mlg_ui_dispose_children (GtkWidget *widget,
                         GType      widget_type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, widget_type);
  while ((child = gtk_widget_get_first_child (widget)))
    gtk_widget_unparent (child);
}

guint
mlg_ui_record_signal_new (GType       type,
                          const char *name)
{
  return g_signal_new (name, type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                       G_TYPE_NONE, 1, MLG_TYPE_RECORD);
}

void
mlg_ui_show_back_button (AdwHeaderBar *header,
                         GtkWidget    *back_button,
                         gboolean      show)
{
  gtk_widget_set_visible (back_button, show);
  adw_header_bar_set_show_start_title_buttons (header, show);
}
