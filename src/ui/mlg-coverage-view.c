/* mlg-coverage-view.c — the coverage matrix: territories × poles, gaps
 *
 * One line per territory of the chosen level, one column per pole (or
 * type of establishment): each cell the number of structures and
 * establishments there, or the sum of a chosen figure, with its rate per
 * 1,000 inhabitants. Empty cells — the "zones blanches" — are tinted and
 * read "none". Clicking a column's header sorts the territories by it
 * (again: the other way); the corner sorts them by name or population; a
 * territory's name opens its page.
 *
 * The matrix is four panes that scroll together, so that the names and
 * the headers stay in sight: the headers share the body's horizontal
 * adjustment and the names its vertical one. Every column has the same
 * width and every line the same height, so that the panes line up.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "mlg-coverage-view.h"
#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-territory-stats.h"
#include "mlg-text.h"
#include "mlg-ui-util.h"

#define COLUMN_WIDTH 112   /* at least; more for a long word */
#define COLUMN_WIDTH_MAX 176
#define LINE_HEIGHT  50
#define NAME_WIDTH   160
/* Territories shown at first, and added by "Show More": a widget per
 * cell, so a région's thousands of communes come a page at a time. */
#define LINES_STEP   50

struct _MlgCoverageView
{
  GtkWidget              parent_instance;

  GtkDropDown           *level_dropdown;
  GtkDropDown           *rows_dropdown;
  GtkDropDown           *indicator_dropdown;
  GtkDropDown           *order_dropdown;
  GtkCheckButton        *reference_check;
  GtkStack              *stack;
  GtkBox                *corner;
  GtkScrolledWindow     *header_scroll;
  GtkScrolledWindow     *names_scroll;
  GtkScrolledWindow     *body_scroll;
  GtkGrid               *header_grid;
  GtkGrid               *names_grid;
  GtkGrid               *body_grid;
  AdwStatusPage         *empty_status;
  GtkLabel              *legend_label;

  MlgDocument           *document;
  MlgTerritoryReference *reference;
  MlgCoverage           *coverage;

  /* What is shown. */
  char                  *level;
  MlgCoverageRows        rows;
  char                  *indicator;
  gboolean               include_reference;
  GPtrArray             *level_keys;      /* of the level dropdown */
  GPtrArray             *indicator_keys;  /* of the indicator dropdown; NULL first */

  /* How the columns (poles, types) are ordered: by name, or the most
   * present first; and how the territories are sorted. */
  MlgCoverageSort        columns_by;
  MlgCoverageSort        sort_by;
  char                  *sort_row;        /* row key, for SORT_VALUE */
  gboolean               descending;

  char                  *description;
  guint                  n_lines;         /* territories shown at most */
  guint                  refresh_idle;
  gboolean               stale;
  gboolean               choices_stale;   /* levels and figures to list again */
  gboolean               updating;
};

G_DEFINE_FINAL_TYPE (MlgCoverageView, mlg_coverage_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  N_PROPS
};

enum {
  SIGNAL_OPEN_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the matrix counts. */
static const MlgKindId watched[] = { MLG_KIND_POLE, MLG_KIND_TERRITORY, MLG_KIND_STRUCTURE, MLG_KIND_ESTABLISHMENT };

static void rebuild (MlgCoverageView *self);
static void rebuild_when_shown (MlgCoverageView *self);
static void fill_grids (MlgCoverageView *self);

/* The levels, in the plural, for the dropdown and the description. */
static const struct {
  const char *key;
  const char *label;  /* N_() */
} level_names[] = {
  { "commune",         N_("Communes") },
  { "epci",            N_("Intercommunalities") },
  { "departement",     N_("Départements") },
  { "region",          N_("Regions") },
  { "arrondissement",  N_("Municipal districts") },
  { "quartier",        N_("Neighbourhoods") },
  { "employment_area", N_("Employment areas") },
  { "pays",            N_("Pays / PETR") },
  { "pnr",             N_("Regional natural parks") },
  { "contract_area",   N_("Contract areas") },
  { "other",           N_("Other territories") },
};

static const char *
level_name (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_names); i++)
    if (g_strcmp0 (level_names[i].key, key) == 0)
      return _(level_names[i].label);
  return key;
}

static const MlgField *
indicator_field (void)
{
  return mlg_field_find_column (mlg_kind_find_field (mlg_kind_get (MLG_KIND_STRUCTURE), "figures")->columns,
                                "indicator");
}

static char *
format_rate (double rate)
{
  return mlg_ui_format_number (round (rate * 100) / 100, MLG_FIELD_NUMBER);
}

/* ── Choices ─────────────────────────────────────────────────────────── */

/* The dropdowns' button shortens a long choice (at 360 pixels, in
 * French); their list shows it whole. */
static void
setup_choice (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  shorten)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (shorten))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_choice (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  shorten)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static GtkListItemFactory *
choice_factory (gboolean shorten)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice), GINT_TO_POINTER (shorten));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice), GINT_TO_POINTER (shorten));
  return factory;
}

static void
update_choice_tooltip (GtkDropDown *dropdown)
{
  GObject *item = gtk_drop_down_get_selected_item (dropdown);

  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown),
                               GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item))
                                                           : NULL);
}

static void
setup_dropdown (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) button = choice_factory (TRUE);
  g_autoptr(GtkListItemFactory) list = choice_factory (FALSE);

  gtk_drop_down_set_factory (dropdown, button);
  gtk_drop_down_set_list_factory (dropdown, list);
  g_signal_connect (dropdown, "notify::selected-item", G_CALLBACK (update_choice_tooltip), NULL);
}

static void
fill_dropdown (GtkDropDown *dropdown,
               GPtrArray   *labels)
{
  GListModel *current = gtk_drop_down_get_model (dropdown);
  g_autoptr(GtkStringList) list = NULL;

  /* The same choices: leave the list (and an open popover) alone. */
  if (GTK_IS_STRING_LIST (current) && g_list_model_get_n_items (current) == labels->len)
    {
      guint i;
      for (i = 0; i < labels->len; i++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (current), i),
                       g_ptr_array_index (labels, i)) != 0)
          break;
      if (i == labels->len)
        return;
    }
  list = gtk_string_list_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (labels, i));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static guint
key_position (GPtrArray  *keys,
              const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_strcmp0 (g_ptr_array_index (keys, i), key) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The levels the file's territories have, in the order of the field's
 * choices; the level shown stays when it is still there. */
static void
update_levels (MlgCoverageView *self)
{
  const MlgField *field = mlg_kind_find_field (mlg_kind_get (MLG_KIND_TERRITORY), "level");
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GListModel *territories;
  guint position;

  g_ptr_array_set_size (self->level_keys, 0);
  if (self->document)
    {
      territories = mlg_document_get_records (self->document, MLG_KIND_TERRITORY);
      for (guint i = 0, n = g_list_model_get_n_items (territories); i < n; i++)
        {
          g_autoptr(MlgRecord) t = g_list_model_get_item (territories, i);
          const char *level = mlg_record_get_string (t, "level");
          if (level)
            g_hash_table_add (present, (gpointer) level);
        }
    }
  for (const MlgChoice *c = field->choices; c->key; c++)
    if (g_hash_table_contains (present, c->key))
      {
        g_ptr_array_add (self->level_keys, (gpointer) c->key);
        g_ptr_array_add (labels, (gpointer) level_name (c->key));
      }

  position = key_position (self->level_keys, self->level);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      position = key_position (self->level_keys, "commune");
      if (position == GTK_INVALID_LIST_POSITION)
        position = 0;
      g_free (self->level);
      self->level = g_strdup (self->level_keys->len ? g_ptr_array_index (self->level_keys, position) : NULL);
    }

  self->updating = TRUE;
  fill_dropdown (self->level_dropdown, labels);
  if (self->level_keys->len)
    gtk_drop_down_set_selected (self->level_dropdown, position);
  self->updating = FALSE;
}

static void
collect_indicators (MlgRecord  *record,
                    GHashTable *present)
{
  JsonArray *rows = mlg_record_get_array (record, "figures");

  for (guint i = 0, n = rows ? json_array_get_length (rows) : 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      const char *key;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      key = json_object_get_string_member_with_default (json_node_get_object (node), "indicator", NULL);
      if (key)
        g_hash_table_add (present, (gpointer) key);
    }
  if (mlg_record_get_kind_id (record) == MLG_KIND_ESTABLISHMENT &&
      mlg_record_latest_figure (record, "places", NULL, NULL, NULL))
    g_hash_table_add (present, (gpointer) "places");
}

/* Counting, then the figures that structures or establishments give. */
static void
update_indicators (MlgCoverageView *self)
{
  const MlgKindId kinds[] = { MLG_KIND_STRUCTURE, MLG_KIND_ESTABLISHMENT };
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint position;

  g_ptr_array_set_size (self->indicator_keys, 0);
  g_ptr_array_add (self->indicator_keys, NULL);
  g_ptr_array_add (labels, _("Number present"));
  for (guint k = 0; self->document && k < G_N_ELEMENTS (kinds); k++)
    {
      GListModel *records = mlg_document_get_records (self->document, kinds[k]);
      for (guint i = 0, n = g_list_model_get_n_items (records); i < n; i++)
        {
          g_autoptr(MlgRecord) record = g_list_model_get_item (records, i);
          collect_indicators (record, present);
        }
    }
  for (const MlgChoice *c = mlg_indicator_choices (); c->key; c++)
    if (!g_str_equal (c->key, "custom") && g_hash_table_contains (present, c->key))
      {
        g_ptr_array_add (self->indicator_keys, (gpointer) c->key);
        g_ptr_array_add (labels, (gpointer) mlg_field_choice_label (indicator_field (), c->key));
      }

  /* One chosen that nothing gives any more stays, showing gaps. */
  if (self->indicator && key_position (self->indicator_keys, self->indicator) == GTK_INVALID_LIST_POSITION)
    {
      g_ptr_array_add (self->indicator_keys, (gpointer) g_intern_string (self->indicator));
      g_ptr_array_add (labels, (gpointer) mlg_field_choice_label (indicator_field (), self->indicator));
    }
  position = key_position (self->indicator_keys, self->indicator);
  self->updating = TRUE;
  fill_dropdown (self->indicator_dropdown, labels);
  gtk_drop_down_set_selected (self->indicator_dropdown, position);
  self->updating = FALSE;
}

static void
update_description (MlgCoverageView *self)
{
  g_autofree char *text = NULL;

  if (self->level)
    {
      const char *against = self->rows == MLG_COVERAGE_BY_POLE ? _("poles") : _("types of establishment");
      /* Translators: what the coverage matrix crosses: "Communes × poles" */
      g_autofree char *cross = g_strdup_printf (_("%s × %s"), level_name (self->level), against);

      if (self->indicator)
        text = g_strdup_printf ("%s · %s", cross, mlg_field_choice_label (indicator_field (), self->indicator));
      else
        text = g_steal_pointer (&cross);
    }
  if (g_strcmp0 (text, self->description) != 0)
    {
      g_free (self->description);
      self->description = g_steal_pointer (&text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
    }
}

/* ── Cells ───────────────────────────────────────────────────────────── */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))))
    gtk_grid_remove (grid, child);
}

static GtkWidget *
plain_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
describe_presence (guint n_structures,
                   guint n_establishments)
{
  g_autofree char *s = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u structure", "%u structures",
                                                     n_structures),
                                        n_structures);
  g_autofree char *e = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u establishment",
                                                     "%u establishments", n_establishments),
                                        n_establishments);
  if (n_structures && n_establishments)
    /* Translators: "2 structures and 1 establishment" */
    return g_strdup_printf (_("%s and %s"), s, e);
  return g_strdup (n_structures ? s : e);
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  gtk_tooltip_set_text (tooltip, g_object_get_data (G_OBJECT (widget), "tooltip"));
  return TRUE;
}

/* A cell's tooltip is given when asked for: setting hundreds of them at
 * once is most of the time the matrix takes to build. */
static void
set_tooltip_later (GtkWidget *widget,
                   char      *text)
{
  /* As gtk_widget_set_tooltip_text does, for screen readers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  g_object_set_data_full (G_OBJECT (widget), "tooltip", text, g_free);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
}

static GtkWidget *
new_cell (MlgCoverageView *self,
          guint            row,
          guint            column,
          int              width)
{
  MlgCoverage *coverage = self->coverage;
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *main_label;
  const char *territory = mlg_coverage_get_column_label (coverage, column);
  const char *row_label = mlg_coverage_get_row_label (coverage, row);
  guint n_structures = mlg_coverage_get_n_structures (coverage, row, column);
  guint n_establishments = mlg_coverage_get_n_establishments (coverage, row, column);
  double rate = mlg_coverage_get_rate (coverage, row, column);
  double value = 0;
  gboolean has_value = mlg_coverage_get_value (coverage, row, column, &value);
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;

  gtk_widget_set_size_request (cell, width, LINE_HEIGHT);
  gtk_widget_add_css_class (cell, "coverage-cell");
  gtk_widget_set_valign (cell, GTK_ALIGN_FILL);

  if (mlg_coverage_is_gap (coverage, row, column))
    {
      gtk_widget_add_css_class (cell, "gap");
      main_label = plain_label ("–", "dim-label");
      accessible = g_strdup (_("none"));
      /* Translators: a gap of the coverage matrix: "Petite enfance: nothing in Fareins" */
      tooltip = g_strdup_printf (_("%s: nothing in %s"), row_label, territory);
    }
  else
    {
      g_autofree char *presence = describe_presence (n_structures, n_establishments);
      g_autofree char *number = NULL;

      if (self->indicator && !has_value)
        {
          number = g_strdup ("?");
          accessible = g_strdup (_("no figure"));
          /* Translators: "Petite enfance in Trévoux: 2 structures, none gives this figure" */
          tooltip = g_strdup_printf (_("%s in %s: %s, none gives this figure"), row_label, territory, presence);
        }
      else
        {
          number = mlg_ui_format_number (value, MLG_FIELD_NUMBER);
          accessible = g_strdup (number);
          /* Translators: "Petite enfance in Trévoux: 2 structures and 5 establishments" */
          tooltip = g_strdup_printf (_("%s in %s: %s"), row_label, territory, presence);
        }
      main_label = plain_label (number, "coverage-value");
      if (self->indicator && !has_value)
        gtk_widget_add_css_class (main_label, "dim-label");
    }
  gtk_widget_add_css_class (main_label, "numeric");
  gtk_widget_set_vexpand (main_label, TRUE);
  gtk_widget_set_valign (main_label, GTK_ALIGN_END);
  gtk_label_set_xalign (GTK_LABEL (main_label), 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (main_label), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_box_append (GTK_BOX (cell), main_label);

  /* The rate per 1,000 inhabitants, under the number. */
  {
    g_autofree char *rate_text = NULL;
    GtkWidget *rate_label;

    if (!isnan (rate) && !mlg_coverage_is_gap (coverage, row, column) && (has_value || !self->indicator))
      {
        g_autofree char *number = format_rate (rate);
        /* Translators: a rate per 1,000 inhabitants, in a cell of the coverage matrix */
        rate_text = g_strdup_printf (_("%s ‰"), number);
        {
          g_autofree char *longer = g_strdup_printf (_("%s per 1,000 inhabitants"), number);
          g_autofree char *more = g_strdup_printf ("%s\n%s", tooltip, longer);
          g_free (tooltip);
          tooltip = g_steal_pointer (&more);
        }
      }
    rate_label = plain_label (rate_text, "caption");
    gtk_widget_add_css_class (rate_label, "dim-label");
    gtk_widget_add_css_class (rate_label, "numeric");
    gtk_widget_set_vexpand (rate_label, TRUE);
    gtk_widget_set_valign (rate_label, GTK_ALIGN_START);
    gtk_label_set_xalign (GTK_LABEL (rate_label), 1);
    gtk_box_append (GTK_BOX (cell), rate_label);
  }
  set_tooltip_later (cell, g_steal_pointer (&tooltip));
  return cell;
}

/* ── Headers ─────────────────────────────────────────────────────────── */

/* A button of the corner: its label, and an arrow when it sorts. */
static GtkWidget *
sort_button (const char *text,
             const char *tooltip,
             gboolean    active,
             gboolean    descending)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = plain_label (text, NULL);
  GtkWidget *arrow = gtk_image_new_from_icon_name (descending ? "pan-down-symbolic" : "pan-up-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_visible (arrow, active);
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  descending ? _("sorted, largest first") : _("sorted, smallest first"),
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

/* A column's width: enough for its header's longest word. */
static int
column_width (GtkWidget  *header,
              const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t", -1);
  PangoLayout *layout = gtk_widget_create_pango_layout (header, NULL);
  PangoAttrList *attrs = pango_attr_list_new ();
  int widest = 0;

  /* As the headers are drawn: bold, smaller (territories.css). */
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  for (guint i = 0; words[i]; i++)
    {
      int width;
      pango_layout_set_text (layout, words[i], -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  pango_attr_list_unref (attrs);
  g_object_unref (layout);
  /* The button's padding, and room for the sort arrow. */
  return CLAMP (widest + 16 + 14, COLUMN_WIDTH, COLUMN_WIDTH_MAX);
}

/* A column's header: the pole (or type), wrapped on up to three lines;
 * clicking it sorts the territories by that column. */
static GtkWidget *
column_header (const char *text,
               int         width,
               gboolean    active,
               gboolean    descending)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new (NULL);
  /* Translators: %s is a pole or a type of establishment */
  g_autofree char *tooltip = g_strdup_printf (_("Sort the territories by “%s”"), text);
  g_autofree char *shown = active ? g_strdup_printf ("%s %s", text, descending ? "↓" : "↑") : g_strdup (text);
  g_autofree char *accessible = active ? g_strdup_printf ("%s, %s", text,
                                                          descending ? _("sorted, largest first")
                                                                     : _("sorted, smallest first"))
                                       : g_strdup (text);

  gtk_label_set_text (GTK_LABEL (label), shown);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 3);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  /* The column's width is the button's: the label asks for little. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 4);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_set_size_request (button, width, -1);
  gtk_widget_set_hexpand (button, FALSE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "coverage-column-header");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return button;
}

static void
apply_sort (MlgCoverageView *self)
{
  guint row = 0;

  if (self->coverage == NULL)
    return;
  mlg_coverage_sort_rows (self->coverage, self->columns_by, 0, self->columns_by == MLG_COVERAGE_SORT_TOTAL);
  if (self->sort_by == MLG_COVERAGE_SORT_VALUE || self->sort_by == MLG_COVERAGE_SORT_RATE)
    {
      guint n = mlg_coverage_get_n_rows (self->coverage);
      for (row = 0; row < n; row++)
        if (g_strcmp0 (mlg_coverage_get_row_key (self->coverage, row), self->sort_row) == 0)
          break;
      if (row == n)
        {
          self->sort_by = MLG_COVERAGE_SORT_NAME;
          self->descending = FALSE;
          row = 0;
        }
    }
  mlg_coverage_sort_columns (self->coverage, self->sort_by, row, self->descending);
}

static void
sort_by (MlgCoverageView *self,
         MlgCoverageSort  by,
         const char      *row_key)
{
  if (self->sort_by == by && g_strcmp0 (self->sort_row, row_key) == 0)
    self->descending = !self->descending;
  else
    {
      self->sort_by = by;
      g_free (self->sort_row);
      self->sort_row = g_strdup (row_key);
      /* Names A to Z; numbers largest first. */
      self->descending = by != MLG_COVERAGE_SORT_NAME;
    }
  /* The same matrix, in another order. */
  if (self->coverage == NULL || self->stale || self->refresh_idle)
    rebuild_when_shown (self);
  else
    {
      apply_sort (self);
      fill_grids (self);
    }
}

/* The headers are built again when sorting: the focus goes to the new
 * button of the one pressed, so that the keyboard stays where it was. */
static void
refocus (GtkWidget  *container,
         const char *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (container); child;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "sort-key"), key) == 0)
      {
        gtk_widget_grab_focus (child);
        return;
      }
}

static void
on_sort_clicked (GtkButton       *button,
                 MlgCoverageView *self)
{
  g_autofree char *key = g_strdup (g_object_get_data (G_OBJECT (button), "sort-key"));
  gboolean focused = gtk_widget_has_focus (GTK_WIDGET (button));
  gboolean in_corner = gtk_widget_get_parent (GTK_WIDGET (button)) == GTK_WIDGET (self->corner);

  if (!in_corner)
    sort_by (self, MLG_COVERAGE_SORT_VALUE, key);
  else
    sort_by (self, g_str_equal (key, "population") ? MLG_COVERAGE_SORT_POPULATION : MLG_COVERAGE_SORT_NAME,
             NULL);
  if (focused)
    refocus (in_corner ? GTK_WIDGET (self->corner) : GTK_WIDGET (self->header_grid), key);
}

static void
on_name_clicked (GtkButton       *button,
                 MlgCoverageView *self)
{
  MlgRecord *territory = g_object_get_data (G_OBJECT (button), "territory");

  if (territory)
    g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, territory);
}

static GtkWidget *
name_cell (MlgCoverageView *self,
           guint            column)
{
  MlgCoverage *coverage = self->coverage;
  MlgRecord *territory = mlg_coverage_get_column_territory (coverage, column);
  const char *name = mlg_coverage_get_column_label (coverage, column);
  const char *parent = mlg_coverage_get_column_parent (coverage, column);
  gint64 population = mlg_coverage_get_column_population (coverage, column);
  int year = mlg_coverage_get_column_population_year (coverage, column);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = plain_label (name, NULL);
  GtkWidget *subtitle;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autoptr(GString) tooltip = g_string_new (name);
  GtkWidget *cell;

  if (population >= 0)
    {
      g_autofree char *number = mlg_ui_format_number ((double) population, MLG_FIELD_INTEGER);
      g_string_append_printf (details,
                              g_dngettext (GETTEXT_PACKAGE, "%s inhabitant", "%s inhabitants",
                                           (gulong) population),
                              number);
    }
  else
    g_string_append (details, _("Population unknown"));
  g_string_append_printf (tooltip, "\n%s", details->str);
  if (year > 0)
    g_string_append_printf (tooltip, " (%d)", year);
  if (parent)
    g_string_append_printf (tooltip, "\n%s", parent);
  if (territory == NULL)
    g_string_append_printf (tooltip, "\n%s", _("Not in the file: from the official reference"));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  subtitle = plain_label (details->str, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);

  if (territory)
    {
      cell = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (cell), box);
      gtk_widget_add_css_class (cell, "flat");
      g_object_set_data_full (G_OBJECT (cell), "territory", g_object_ref (territory), g_object_unref);
      g_signal_connect (cell, "clicked", G_CALLBACK (on_name_clicked), self);
    }
  else
    {
      cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_set_vexpand (box, TRUE);
      gtk_box_append (GTK_BOX (cell), box);
      gtk_widget_add_css_class (cell, "outside");
      gtk_widget_add_css_class (title, "dim-label");
    }
  gtk_widget_set_size_request (cell, NAME_WIDTH, LINE_HEIGHT);
  gtk_widget_set_hexpand (cell, FALSE);
  gtk_widget_add_css_class (cell, "coverage-name");
  gtk_widget_set_tooltip_text (cell, tooltip->str);
  return cell;
}

static void
fill_corner (MlgCoverageView *self)
{
  GtkWidget *child, *button;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->corner))))
    gtk_box_remove (self->corner, child);

  button = sort_button (level_name (self->level), _("Sort by name"),
                        self->sort_by == MLG_COVERAGE_SORT_NAME, self->descending);
  g_object_set_data (G_OBJECT (button), "sort-key", (gpointer) "name");
  g_signal_connect (button, "clicked", G_CALLBACK (on_sort_clicked), self);
  gtk_box_append (self->corner, button);
  button = sort_button (_("Population"), _("Sort by population"),
                        self->sort_by == MLG_COVERAGE_SORT_POPULATION, self->descending);
  g_object_set_data (G_OBJECT (button), "sort-key", (gpointer) "population");
  g_signal_connect (button, "clicked", G_CALLBACK (on_sort_clicked), self);
  gtk_box_append (self->corner, button);
  gtk_widget_set_size_request (GTK_WIDGET (self->corner), NAME_WIDTH, -1);
  /* The sort arrows' labels expand; the column of names must not. */
  gtk_widget_set_hexpand (GTK_WIDGET (self->corner), FALSE);
}

static void
update_legend (MlgCoverageView *self)
{
  guint gaps = 0, cells = 0;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (self->coverage)
    {
      guint n_rows = mlg_coverage_get_n_rows (self->coverage);
      guint n_columns = mlg_coverage_get_n_columns (self->coverage);

      cells = n_rows * n_columns;
      for (guint r = 0; r < n_rows; r++)
        for (guint c = 0; c < n_columns; c++)
          gaps += mlg_coverage_is_gap (self->coverage, r, c);
    }
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u gap of %u cells", "%u gaps of %u cells", gaps),
                           gaps, cells);
  /* Translators: the legend under the coverage matrix; %s is "12 gaps of 80 cells" */
  text = g_strdup_printf (_("Tinted: nothing there, a gap (“zone blanche”): %s. ‰: per 1,000 inhabitants."),
                          count);
  gtk_label_set_text (self->legend_label, text);
}

/* ── Building ────────────────────────────────────────────────────────── */

static void
on_show_more (MlgCoverageView *self)
{
  self->n_lines += LINES_STEP;
  fill_grids (self);
}

/* Under the territories shown: how many there are, and a button for more. */
static void
add_more_line (MlgCoverageView *self,
               guint            n_shown,
               guint            n_columns,
               guint            n_rows)
{
  guint more = MIN (LINES_STEP, n_columns - n_shown);
  /* Translators: the last line of the coverage matrix when it is long: "50 of 4,178 territories shown" */
  g_autofree char *n = mlg_ui_format_number (n_shown, MLG_FIELD_INTEGER);
  g_autofree char *total = mlg_ui_format_number (n_columns, MLG_FIELD_INTEGER);
  g_autofree char *shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s territory shown",
                                                         "%s of %s territories shown", n_columns),
                                            n, total);
  g_autofree char *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u more territory",
                                                           "Show %u more territories", more),
                                              more);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Show _More"));
  GtkWidget *label = plain_label (shown, "dim-label");

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_size_request (button, NAME_WIDTH, LINE_HEIGHT);
  gtk_widget_set_hexpand (button, FALSE);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_show_more), self);
  gtk_grid_attach (self->names_grid, button, 0, (int) n_shown, 1, 1);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_size_request (label, -1, LINE_HEIGHT);
  gtk_widget_set_margin_start (label, 12);
  gtk_grid_attach (self->body_grid, label, 0, (int) n_shown, (int) MAX (n_rows, 1), 1);
}

static void
fill_grids (MlgCoverageView *self)
{
  guint n_rows = mlg_coverage_get_n_rows (self->coverage);
  guint n_columns = mlg_coverage_get_n_columns (self->coverage);
  guint n_shown = MIN (n_columns, self->n_lines);
  g_autofree int *widths = NULL;

  clear_grid (self->header_grid);
  clear_grid (self->names_grid);
  clear_grid (self->body_grid);
  fill_corner (self);

  widths = g_new (int, MAX (n_rows, 1));
  for (guint r = 0; r < n_rows; r++)
    {
      const char *key = mlg_coverage_get_row_key (self->coverage, r);
      const char *label = mlg_coverage_get_row_label (self->coverage, r);
      gboolean active = self->sort_by == MLG_COVERAGE_SORT_VALUE && g_strcmp0 (self->sort_row, key) == 0;
      GtkWidget *button;

      widths[r] = column_width (GTK_WIDGET (self->header_grid), label);
      button = column_header (label, widths[r], active, self->descending);
      g_object_set_data_full (G_OBJECT (button), "sort-key", g_strdup (key), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_sort_clicked), self);
      gtk_grid_attach (self->header_grid, button, (int) r, 0, 1, 1);
    }

  for (guint c = 0; c < n_shown; c++)
    {
      gtk_grid_attach (self->names_grid, name_cell (self, c), 0, (int) c, 1, 1);
      for (guint r = 0; r < n_rows; r++)
        gtk_grid_attach (self->body_grid, new_cell (self, r, c, widths[r]), (int) r, (int) c, 1, 1);
    }
  if (n_shown < n_columns)
    add_more_line (self, n_shown, n_columns, n_rows);
  update_legend (self);
}

static void
rebuild (MlgCoverageView *self)
{
  g_autoptr(GError) error = NULL;
  gboolean include;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  self->stale = FALSE;
  if (self->choices_stale)
    {
      self->choices_stale = FALSE;
      update_levels (self);
      update_indicators (self);
    }

  include = self->include_reference && self->reference && g_strcmp0 (self->level, "commune") == 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->reference_check),
                            self->reference != NULL && g_strcmp0 (self->level, "commune") == 0);

  g_clear_object (&self->coverage);
  if (self->document && self->level)
    {
      self->coverage = mlg_coverage_new (self->document, self->level, self->rows, self->indicator,
                                         include ? self->reference : NULL, &error);
      if (self->coverage == NULL)
        g_warning ("Coverage: %s", error->message);
    }
  update_description (self);

  if (self->coverage == NULL || mlg_coverage_get_n_columns (self->coverage) == 0 ||
      mlg_coverage_get_n_rows (self->coverage) == 0)
    {
      clear_grid (self->header_grid);
      clear_grid (self->names_grid);
      clear_grid (self->body_grid);
      if (self->coverage && mlg_coverage_get_n_columns (self->coverage) > 0)
        {
          adw_status_page_set_title (self->empty_status,
                                     self->rows == MLG_COVERAGE_BY_POLE ? _("No Poles") : _("No Establishments"));
          adw_status_page_set_description (self->empty_status,
                                           self->rows == MLG_COVERAGE_BY_POLE
                                           ? _("Add the ecosystem’s poles to see which territories each one covers.")
                                           : _("Add establishments to see which territories each type covers."));
        }
      else
        {
          adw_status_page_set_title (self->empty_status, _("No Territories"));
          adw_status_page_set_description (self->empty_status,
                                           _("Add the communes where the ecosystem works, on the Hierarchy view."));
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_legend (self);
      return;
    }

  apply_sort (self);
  fill_grids (self);
  gtk_stack_set_visible_child_name (self->stack, "matrix");
}

static gboolean
refresh_idle_cb (gpointer data)
{
  MlgCoverageView *self = data;

  self->refresh_idle = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (MlgCoverageView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle_cb, self, NULL);
}

/* The matrix costs time in proportion to the file: it is built when the
 * view shows, not while the page opens on the hierarchy. */
static void
rebuild_when_shown (MlgCoverageView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      rebuild (self);
      return;
    }
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  g_clear_object (&self->coverage);
  self->stale = TRUE;
  update_description (self);
}

static void
on_document_changed (MlgCoverageView *self)
{
  self->choices_stale = TRUE;
  queue_refresh (self);
}

/* ── Choices ─────────────────────────────────────────────────────────── */

static void
on_level_selected (MlgCoverageView *self)
{
  guint position = gtk_drop_down_get_selected (self->level_dropdown);

  if (self->updating || position >= self->level_keys->len)
    return;
  mlg_coverage_view_set_level (self, g_ptr_array_index (self->level_keys, position));
}

static void
on_rows_selected (MlgCoverageView *self)
{
  if (self->updating)
    return;
  mlg_coverage_view_set_rows (self, gtk_drop_down_get_selected (self->rows_dropdown) == 1
                                    ? MLG_COVERAGE_BY_TYPE : MLG_COVERAGE_BY_POLE);
}

static void
on_order_selected (MlgCoverageView *self)
{
  if (self->updating)
    return;
  mlg_coverage_view_set_column_order (self, gtk_drop_down_get_selected (self->order_dropdown) == 1
                                            ? MLG_COVERAGE_SORT_TOTAL : MLG_COVERAGE_SORT_NAME);
}

static void
on_indicator_selected (MlgCoverageView *self)
{
  guint position = gtk_drop_down_get_selected (self->indicator_dropdown);

  if (self->updating || position >= self->indicator_keys->len)
    return;
  mlg_coverage_view_set_indicator (self, g_ptr_array_index (self->indicator_keys, position));
}

static void
on_reference_toggled (MlgCoverageView *self)
{
  if (self->updating)
    return;
  mlg_coverage_view_set_include_reference (self, gtk_check_button_get_active (self->reference_check));
}

/* ── Public API ──────────────────────────────────────────────────────── */

void
mlg_coverage_view_set_document (MlgCoverageView *self,
                                MlgDocument     *document)
{
  g_return_if_fail (MLG_IS_COVERAGE_VIEW (self));

  if (self->document == document)
    return;
  mlg_ui_follow_document (self, self->document, document, watched, G_N_ELEMENTS (watched),
                          G_CALLBACK (on_document_changed), G_CALLBACK (on_document_changed));
  g_set_object (&self->document, document);
  g_clear_pointer (&self->level, g_free);
  g_clear_pointer (&self->indicator, g_free);
  self->n_lines = LINES_STEP;
  update_levels (self);
  /* The figures the file gives are listed when the view shows. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_indicators (self);
  else
    self->choices_stale = TRUE;
  rebuild_when_shown (self);
}

void
mlg_coverage_view_set_reference (MlgCoverageView       *self,
                                 MlgTerritoryReference *reference)
{
  g_return_if_fail (MLG_IS_COVERAGE_VIEW (self));

  if (g_set_object (&self->reference, reference))
    rebuild_when_shown (self);
}

void
mlg_coverage_view_set_level (MlgCoverageView *self,
                             const char      *level)
{
  guint position;

  g_return_if_fail (MLG_IS_COVERAGE_VIEW (self));

  if (g_strcmp0 (self->level, level) == 0)
    return;
  g_free (self->level);
  self->level = g_strdup (level);
  self->n_lines = LINES_STEP;
  position = key_position (self->level_keys, level);
  self->updating = TRUE;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->level_dropdown, position);
  self->updating = FALSE;
  rebuild_when_shown (self);
}

void
mlg_coverage_view_set_column_order (MlgCoverageView *self,
                                    MlgCoverageSort  by)
{
  g_return_if_fail (MLG_IS_COVERAGE_VIEW (self));
  g_return_if_fail (by == MLG_COVERAGE_SORT_NAME || by == MLG_COVERAGE_SORT_TOTAL);

  if (self->columns_by == by)
    return;
  self->columns_by = by;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->order_dropdown, by == MLG_COVERAGE_SORT_TOTAL ? 1 : 0);
  self->updating = FALSE;
  if (self->coverage && !self->stale && !self->refresh_idle)
    {
      apply_sort (self);
      fill_grids (self);
    }
  else
    rebuild_when_shown (self);
}

const char *
mlg_coverage_view_get_level (MlgCoverageView *self)
{
  g_return_val_if_fail (MLG_IS_COVERAGE_VIEW (self), NULL);
  return self->level;
}

void
mlg_coverage_view_set_rows (MlgCoverageView *self,
                            MlgCoverageRows  rows)
{
  g_return_if_fail (MLG_IS_COVERAGE_VIEW (self));

  if (self->rows == rows)
    return;
  self->rows = rows;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->rows_dropdown, rows == MLG_COVERAGE_BY_TYPE ? 1 : 0);
  self->updating = FALSE;
  rebuild_when_shown (self);
}

void
mlg_coverage_view_set_indicator (MlgCoverageView *self,
                                 const char      *indicator)
{
  guint position;

  g_return_if_fail (MLG_IS_COVERAGE_VIEW (self));

  if (g_strcmp0 (self->indicator, indicator) == 0)
    return;
  g_free (self->indicator);
  self->indicator = g_strdup (indicator);
  position = key_position (self->indicator_keys, indicator);
  if (position == GTK_INVALID_LIST_POSITION)
    update_indicators (self);
  else
    {
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->indicator_dropdown, position);
      self->updating = FALSE;
    }
  rebuild_when_shown (self);
}

void
mlg_coverage_view_set_include_reference (MlgCoverageView *self,
                                         gboolean         include)
{
  g_return_if_fail (MLG_IS_COVERAGE_VIEW (self));

  include = !!include;
  if (self->include_reference == include)
    return;
  self->include_reference = include;
  self->updating = TRUE;
  gtk_check_button_set_active (self->reference_check, include);
  self->updating = FALSE;
  rebuild_when_shown (self);
}

MlgCoverage *
mlg_coverage_view_get_coverage (MlgCoverageView *self)
{
  g_return_val_if_fail (MLG_IS_COVERAGE_VIEW (self), NULL);
  if (self->stale || self->refresh_idle)
    rebuild (self);
  return self->coverage;
}

GtkWidget *
mlg_coverage_view_get_cell (MlgCoverageView *self,
                            const char      *row_key,
                            const char      *territory_id)
{
  MlgCoverage *coverage = mlg_coverage_view_get_coverage (self);
  int row = -1, column = -1;

  if (coverage == NULL || gtk_widget_get_first_child (GTK_WIDGET (self->body_grid)) == NULL)
    return NULL;
  for (guint r = 0; r < mlg_coverage_get_n_rows (coverage); r++)
    if (g_strcmp0 (mlg_coverage_get_row_key (coverage, r), row_key) == 0)
      row = (int) r;
  for (guint c = 0; c < mlg_coverage_get_n_columns (coverage); c++)
    {
      MlgRecord *territory = mlg_coverage_get_column_territory (coverage, c);
      if (territory && g_strcmp0 (mlg_record_get_id (territory), territory_id) == 0)
        column = (int) c;
    }
  if (row < 0 || column < 0 || (guint) column >= self->n_lines)
    return NULL;
  return gtk_grid_get_child_at (self->body_grid, row, column);
}

const char *
mlg_coverage_view_get_description (MlgCoverageView *self)
{
  g_return_val_if_fail (MLG_IS_COVERAGE_VIEW (self), NULL);
  return self->description;
}

gboolean
mlg_coverage_view_can_export (MlgCoverageView *self)
{
  g_return_val_if_fail (MLG_IS_COVERAGE_VIEW (self), FALSE);
  /* Not built yet: every level listed has territories. */
  if (self->stale || self->refresh_idle)
    return self->document != NULL && self->level != NULL;
  return self->coverage != NULL && mlg_coverage_get_n_columns (self->coverage) > 0;
}

char *
mlg_coverage_view_suggest_file_name (MlgCoverageView *self)
{
  g_autofree char *slug = NULL;

  g_return_val_if_fail (MLG_IS_COVERAGE_VIEW (self), NULL);
  slug = mlg_text_slug (level_name (self->level ? self->level : "commune"));
  /* Translators: the file name offered for the coverage matrix; %s is a level: "communes" */
  return g_strdup_printf (_("coverage-%s.csv"), slug);
}

gboolean
mlg_coverage_view_export (MlgCoverageView  *self,
                          GFile            *file,
                          GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (MLG_IS_COVERAGE_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (mlg_coverage_view_get_coverage (self) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is nothing to export."));
      return FALSE;
    }
  bytes = mlg_coverage_to_csv (self->coverage);
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
mlg_coverage_view_map (GtkWidget *widget)
{
  MlgCoverageView *self = MLG_COVERAGE_VIEW (widget);

  GTK_WIDGET_CLASS (mlg_coverage_view_parent_class)->map (widget);
  if (self->stale)
    rebuild (self);
}

static void
mlg_coverage_view_dispose (GObject *object)
{
  MlgCoverageView *self = MLG_COVERAGE_VIEW (object);

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  mlg_ui_follow_document (self, self->document, NULL, watched, G_N_ELEMENTS (watched), NULL, NULL);
  mlg_ui_dispose_children (GTK_WIDGET (self), MLG_TYPE_COVERAGE_VIEW);
  g_clear_object (&self->coverage);
  g_clear_object (&self->reference);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (mlg_coverage_view_parent_class)->dispose (object);
}

static void
mlg_coverage_view_finalize (GObject *object)
{
  MlgCoverageView *self = MLG_COVERAGE_VIEW (object);

  g_free (self->level);
  g_free (self->indicator);
  g_free (self->sort_row);
  g_free (self->description);
  g_ptr_array_unref (self->level_keys);
  g_ptr_array_unref (self->indicator_keys);
  G_OBJECT_CLASS (mlg_coverage_view_parent_class)->finalize (object);
}

static void
mlg_coverage_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MlgCoverageView *self = MLG_COVERAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlg_coverage_view_class_init (MlgCoverageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlg_coverage_view_dispose;
  object_class->finalize = mlg_coverage_view_finalize;
  object_class->get_property = mlg_coverage_view_get_property;
  widget_class->map = mlg_coverage_view_map;

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MlgCoverageView::open-record:
   * A territory's name was clicked.
   */
  signals[SIGNAL_OPEN_RECORD] = mlg_ui_record_signal_new (G_TYPE_FROM_CLASS (klass), "open-record");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/maillage/Maillage/mlg-coverage-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, rows_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, indicator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, order_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, reference_check);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, stack);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, corner);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, header_scroll);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, names_scroll);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, body_scroll);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, header_grid);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, names_grid);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, body_grid);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, empty_status);
  gtk_widget_class_bind_template_child (widget_class, MlgCoverageView, legend_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mlg_coverage_view_init (MlgCoverageView *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) orders = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = MLG_COVERAGE_BY_POLE;
  self->n_lines = LINES_STEP;
  self->sort_by = MLG_COVERAGE_SORT_NAME;
  self->columns_by = MLG_COVERAGE_SORT_NAME;
  self->level_keys = g_ptr_array_new ();
  self->indicator_keys = g_ptr_array_new ();

  /* The panes scroll together. */
  gtk_scrolled_window_set_hadjustment (self->header_scroll, gtk_scrolled_window_get_hadjustment (self->body_scroll));
  gtk_scrolled_window_set_vadjustment (self->names_scroll, gtk_scrolled_window_get_vadjustment (self->body_scroll));

  setup_dropdown (self->level_dropdown);
  setup_dropdown (self->rows_dropdown);
  setup_dropdown (self->indicator_dropdown);
  setup_dropdown (self->order_dropdown);
  /* The toolbar wraps in a flow box: Tab goes from control to control,
   * without stopping on the flow box's own children in between. */
  {
    GtkWidget *controls[] = { GTK_WIDGET (self->level_dropdown), GTK_WIDGET (self->rows_dropdown),
                              GTK_WIDGET (self->indicator_dropdown), GTK_WIDGET (self->order_dropdown),
                              GTK_WIDGET (self->reference_check) };
    for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
      gtk_widget_set_focusable (gtk_widget_get_ancestor (controls[i], GTK_TYPE_FLOW_BOX_CHILD), FALSE);
  }
  g_ptr_array_add (orders, _("By name"));
  g_ptr_array_add (orders, _("Most present first"));
  fill_dropdown (self->order_dropdown, orders);
  g_ptr_array_add (rows, _("Poles"));
  g_ptr_array_add (rows, _("Types of establishment"));
  fill_dropdown (self->rows_dropdown, rows);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reference_check), FALSE);

  g_signal_connect_swapped (self->level_dropdown, "notify::selected", G_CALLBACK (on_level_selected), self);
  g_signal_connect_swapped (self->rows_dropdown, "notify::selected", G_CALLBACK (on_rows_selected), self);
  g_signal_connect_swapped (self->indicator_dropdown, "notify::selected",
                            G_CALLBACK (on_indicator_selected), self);
  g_signal_connect_swapped (self->order_dropdown, "notify::selected", G_CALLBACK (on_order_selected), self);
  g_signal_connect_swapped (self->reference_check, "toggled", G_CALLBACK (on_reference_toggled), self);

  update_levels (self);
  update_indicators (self);
  rebuild (self);
}

GtkWidget *
mlg_coverage_view_new (void)
{
  return g_object_new (MLG_TYPE_COVERAGE_VIEW, NULL);
}
