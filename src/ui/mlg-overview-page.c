/* mlg-overview-page.c — the ecosystem at a glance, and its editor
 *
 * The summary shows the ecosystem's identity, its headline figures (the
 * latest value of each indicator of its "figures" table) and how many
 * records of each kind it holds; the Edit button shows the same editor as
 * any record's.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mlg-overview-page.h"
#include "mlg-schema.h"
#include "mlg-ui-util.h"

struct _MlgOverviewPage
{
  GtkWidget        parent_instance;

  AdwHeaderBar    *header;
  GtkWidget       *back_button;
  AdwWindowTitle  *title;
  GtkToggleButton *edit_button;
  GtkStack        *stack;
  GtkBox          *summary_box;
  MlgRecordEditor *editor;

  MlgDocument     *document;
  char            *focus_field;
  guint            rebuild_idle;
  guint            focus_idle;
  gboolean         show_back_button;
};

G_DEFINE_FINAL_TYPE (MlgOverviewPage, mlg_overview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  MlgKindId   kind;
  const char *page;
} counted_kinds[] = {
  { MLG_KIND_STRUCTURE,     "structures" },
  { MLG_KIND_ESTABLISHMENT, "establishments" },
  { MLG_KIND_PERSON,        "people" },
  { MLG_KIND_POLE,          "poles" },
  { MLG_KIND_TERRITORY,     "territories" },
  { MLG_KIND_PROJECT,       "projects" },
  { MLG_KIND_EVENT,         "events" },
  { MLG_KIND_FUNDING,       "funding" },
  { MLG_KIND_SERVICE,       "services" },
};

static GtkWidget *
section (GtkBox     *parent,
         const char *heading)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_box_append (GTK_BOX (box), mlg_ui_text_label (heading, "heading"));
  gtk_box_append (parent, box);
  return box;
}

typedef struct {
  const char *key;     /* indicator, or the label of a custom one */
  JsonObject *row;
  gint64      year;
} Headline;

/* The latest row of each indicator, in the order they first appear. */
static GArray *
headline_figures (MlgRecord *ecosystem)
{
  JsonArray *rows = mlg_record_get_array (ecosystem, "figures");
  GArray *found = g_array_new (FALSE, FALSE, sizeof (Headline));

  for (guint i = 0, n = rows ? json_array_get_length (rows) : 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      JsonObject *row;
      const char *key;
      gint64 year;
      guint j;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      row = json_node_get_object (node);
      if (!json_object_has_member (row, "value"))
        continue;
      key = json_object_get_string_member_with_default (row, "indicator", "custom");
      if (g_str_equal (key, "custom"))
        key = json_object_get_string_member_with_default (row, "label", key);
      year = json_object_get_int_member_with_default (row, "year", 0);

      for (j = 0; j < found->len; j++)
        if (g_str_equal (g_array_index (found, Headline, j).key, key))
          break;
      if (j < found->len)
        {
          Headline *h = &g_array_index (found, Headline, j);
          if (year >= h->year)
            {
              h->row = row;
              h->year = year;
            }
        }
      else
        {
          Headline h = { key, row, year };
          g_array_append_val (found, h);
        }
    }
  return found;
}

static GtkWidget *
figure_card (MlgRecord  *ecosystem,
             JsonObject *row)
{
  const MlgField *figures = mlg_kind_find_field (mlg_record_get_kind (ecosystem), "figures");
  const MlgField *indicator = mlg_field_find_column (figures->columns, "indicator");
  const char *key = json_object_get_string_member_with_default (row, "indicator", "custom");
  const char *label = json_object_get_string_member_with_default (row, "label", NULL);
  const char *unit = json_object_get_string_member_with_default (row, "unit", NULL);
  gint64 year = json_object_get_int_member_with_default (row, "year", 0);
  gboolean money = g_strcmp0 (unit, "€") == 0;
  g_autofree char *number = mlg_ui_format_number (json_node_get_double (json_object_get_member (row, "value")),
                                                  money ? MLG_FIELD_MONEY : MLG_FIELD_NUMBER);
  g_autofree char *year_text = year > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, year) : NULL;

  return mlg_ui_figure_card (number, money ? NULL : unit,
                             g_str_equal (key, "custom") && label ? label : mlg_field_choice_label (indicator, key),
                             year_text);
}

static GtkWidget *
count_card (MlgDocument *document,
            guint        index)
{
  const MlgKind *kind = mlg_kind_get (counted_kinds[index].kind);
  guint n = mlg_document_count (document, counted_kinds[index].kind);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *number = mlg_ui_format_number ((double) n, MLG_FIELD_INTEGER);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_box_append (GTK_BOX (box), mlg_ui_text_label (number, "title-2"));
  gtk_box_append (GTK_BOX (box), mlg_ui_text_label (mlg_kind_label (kind), NULL));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "count-card");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-page");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", counted_kinds[index].page);
  return button;
}

static void
rebuild_summary (MlgOverviewPage *self)
{
  MlgRecord *ecosystem;
  GtkWidget *child, *box, *flow;
  g_autoptr(GArray) headlines = NULL;
  g_autoptr(GString) facts = g_string_new (NULL);
  g_auto(GStrv) aliases = NULL;
  g_auto(GStrv) missions = NULL;
  const char *text;
  const MlgField *stage;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_box))))
    gtk_box_remove (self->summary_box, child);

  if (self->document == NULL)
    return;
  ecosystem = mlg_document_get_ecosystem (self->document);
  adw_window_title_set_title (self->title, _("Overview"));

  /* Identity */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (self->summary_box, box);
  text = mlg_record_get_title (ecosystem);
  gtk_box_append (GTK_BOX (box), mlg_ui_text_label (*text ? text : _("Untitled ecosystem"), "title-1"));
  text = mlg_record_get_string (ecosystem, "territory_label");
  if (text)
    gtk_box_append (GTK_BOX (box), mlg_ui_text_label (text, "title-4"));

  stage = mlg_kind_find_field (mlg_record_get_kind (ecosystem), "stage");
  if ((text = mlg_record_get_string (ecosystem, "stage")))
    g_string_append (facts, mlg_field_choice_label (stage, text));
  if (mlg_record_has_value (ecosystem, "year_formalised"))
    {
      if (facts->len)
        g_string_append (facts, " · ");
      /* Translators: %d is a year */
      g_string_append_printf (facts, _("Formalised in %d"),
                              (int) mlg_record_get_int (ecosystem, "year_formalised", 0));
    }
  if ((text = mlg_record_get_string (ecosystem, "lead_structure")))
    {
      if (facts->len)
        g_string_append (facts, " · ");
      /* Translators: %s is the name of a structure */
      g_string_append_printf (facts, _("Led by %s"), mlg_document_title_of (self->document, text));
    }
  if (facts->len)
    gtk_box_append (GTK_BOX (box), mlg_ui_text_label (facts->str, "dim-label"));

  aliases = mlg_record_dup_strv (ecosystem, "aliases");
  if (aliases[0])
    {
      g_autofree char *joined = g_strjoinv (", ", aliases);
      /* Translators: followed by the other names of the ecosystem */
      g_autofree char *line = g_strdup_printf (_("Also known as %s"), joined);
      gtk_box_append (GTK_BOX (box), mlg_ui_text_label (line, "dim-label"));
    }

  /* Headline figures */
  headlines = headline_figures (ecosystem);
  if (headlines->len > 0)
    {
      box = section (self->summary_box, _("Key Figures"));
      flow = mlg_ui_card_flow_box (4);
      for (guint i = 0; i < headlines->len; i++)
        gtk_flow_box_append (GTK_FLOW_BOX (flow),
                             figure_card (ecosystem, g_array_index (headlines, Headline, i).row));
      gtk_box_append (GTK_BOX (box), flow);
    }

  /* Records */
  box = section (self->summary_box, _("In the Ecosystem"));
  flow = mlg_ui_card_flow_box (4);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 5);
  for (guint i = 0; i < G_N_ELEMENTS (counted_kinds); i++)
    gtk_flow_box_append (GTK_FLOW_BOX (flow), count_card (self->document, i));
  gtk_box_append (GTK_BOX (box), flow);

  /* Missions */
  missions = mlg_record_dup_strv (ecosystem, "missions");
  if (missions[0])
    {
      box = section (self->summary_box, _("Missions"));
      for (guint i = 0; missions[i]; i++)
        {
          g_autofree char *item = g_strconcat ("•  ", missions[i], NULL);
          gtk_box_append (GTK_BOX (box), mlg_ui_text_label (item, NULL));
        }
    }

  /* Context */
  if ((text = mlg_record_get_string (ecosystem, "context")))
    {
      box = section (self->summary_box, _("Context and Presentation"));
      gtk_box_append (GTK_BOX (box), mlg_ui_text_label (text, NULL));
    }
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  MlgOverviewPage *self = data;

  self->rebuild_idle = 0;
  rebuild_summary (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (MlgOverviewPage *self)
{
  if (self->rebuild_idle == 0)
    self->rebuild_idle = g_idle_add (rebuild_idle_cb, self);
}

static void
on_record_changed (MlgOverviewPage *self,
                   MlgRecord       *record,
                   const char      *key)
{
  /* The summary shows the ecosystem, and the titles it refers to. */
  if (!gtk_toggle_button_get_active (self->edit_button))
    queue_rebuild (self);
}

static gboolean
focus_idle_cb (gpointer data)
{
  MlgOverviewPage *self = data;

  self->focus_idle = 0;
  if (self->focus_field)
    mlg_record_editor_focus_field (self->editor, self->focus_field);
  g_clear_pointer (&self->focus_field, g_free);
  return G_SOURCE_REMOVE;
}

static void
on_edit_toggled (MlgOverviewPage *self)
{
  gboolean editing = gtk_toggle_button_get_active (self->edit_button);

  if (editing && self->document)
    {
      mlg_record_editor_set_record (self->editor, mlg_document_get_ecosystem (self->document));
      gtk_stack_set_visible_child_name (self->stack, "edit");
      adw_window_title_set_title (self->title, _("Edit Ecosystem"));
      gtk_button_set_label (GTK_BUTTON (self->edit_button), _("_Done"));
      gtk_widget_add_css_class (GTK_WIDGET (self->edit_button), "suggested-action");
    }
  else
    {
      mlg_record_editor_commit_pending (self->editor);
      gtk_stack_set_visible_child_name (self->stack, "summary");
      gtk_button_set_label (GTK_BUTTON (self->edit_button), _("_Edit"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->edit_button), "suggested-action");
      rebuild_summary (self);
    }
}

/* ── Public API ──────────────────────────────────────────────────────── */

MlgRecordEditor *
mlg_overview_page_get_editor (MlgOverviewPage *self)
{
  g_return_val_if_fail (MLG_IS_OVERVIEW_PAGE (self), NULL);
  return self->editor;
}

void
mlg_overview_page_commit_pending (MlgOverviewPage *self)
{
  g_return_if_fail (MLG_IS_OVERVIEW_PAGE (self));
  mlg_record_editor_commit_pending (self->editor);
}

void
mlg_overview_page_set_document (MlgOverviewPage *self,
                                MlgDocument     *document)
{
  g_return_if_fail (MLG_IS_OVERVIEW_PAGE (self));

  if (self->document == document)
    return;

  mlg_record_editor_commit_pending (self->editor);
  mlg_ui_follow_document (self, self->document, document, NULL, 0,
                          G_CALLBACK (queue_rebuild), G_CALLBACK (on_record_changed));
  g_set_object (&self->document, document);
  mlg_record_editor_set_document (self->editor, document);

  gtk_toggle_button_set_active (self->edit_button, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), document != NULL);
  rebuild_summary (self);
}

void
mlg_overview_page_set_editing (MlgOverviewPage *self,
                               gboolean         editing,
                               const char      *field_key)
{
  g_return_if_fail (MLG_IS_OVERVIEW_PAGE (self));

  gtk_toggle_button_set_active (self->edit_button, editing);
  g_free (self->focus_field);
  self->focus_field = g_strdup (field_key);
  if (editing && field_key && self->focus_idle == 0)
    self->focus_idle = g_idle_add (focus_idle_cb, self);
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
mlg_overview_page_dispose (GObject *object)
{
  MlgOverviewPage *self = MLG_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->rebuild_idle, g_source_remove);
  g_clear_handle_id (&self->focus_idle, g_source_remove);
  mlg_ui_follow_document (self, self->document, NULL, NULL, 0, NULL, NULL);
  mlg_ui_dispose_children (GTK_WIDGET (self), MLG_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (mlg_overview_page_parent_class)->dispose (object);
}

static void
mlg_overview_page_finalize (GObject *object)
{
  MlgOverviewPage *self = MLG_OVERVIEW_PAGE (object);

  g_free (self->focus_field);
  G_OBJECT_CLASS (mlg_overview_page_parent_class)->finalize (object);
}

static void
mlg_overview_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MlgOverviewPage *self = MLG_OVERVIEW_PAGE (object);

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
mlg_overview_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MlgOverviewPage *self = MLG_OVERVIEW_PAGE (object);

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
mlg_overview_page_class_init (MlgOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlg_overview_page_dispose;
  object_class->finalize = mlg_overview_page_finalize;
  object_class->get_property = mlg_overview_page_get_property;
  object_class->set_property = mlg_overview_page_set_property;

  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MLG_TYPE_RECORD_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/maillage/Maillage/mlg-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MlgOverviewPage, header);
  gtk_widget_class_bind_template_child (widget_class, MlgOverviewPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MlgOverviewPage, title);
  gtk_widget_class_bind_template_child (widget_class, MlgOverviewPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, MlgOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MlgOverviewPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, MlgOverviewPage, editor);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mlg_overview_page_init (MlgOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mlg_ui_show_back_button (self->header, self->back_button, FALSE);
  g_signal_connect_swapped (self->edit_button, "toggled", G_CALLBACK (on_edit_toggled), self);
}

GtkWidget *
mlg_overview_page_new (void)
{
  return g_object_new (MLG_TYPE_OVERVIEW_PAGE, NULL);
}
