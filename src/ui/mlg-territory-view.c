/* mlg-territory-view.c — one territory's page: what is there
 *
 * The territory's place (the territories above it, as links), its
 * population and year, the structures and establishments located in it or
 * below grouped by pole, the key figures summed over them (latest year of
 * each, and per 1,000 inhabitants when the population is known), the
 * projects and events held there and the territories within it. Rows open
 * their record ("open-record"). Built again after changes to the document,
 * in an idle (or when the page next shows).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-territory-stats.h"
#include "mlg-territory-view.h"
#include "mlg-ui-util.h"

struct _MlgTerritoryView
{
  GtkWidget    parent_instance;

  GtkStack    *stack;
  GtkWidget   *scrolled;
  GtkBox      *content;

  MlgDocument *document;
  MlgRecord   *territory;
  guint        refresh_idle;
  gboolean     stale;
};

G_DEFINE_FINAL_TYPE (MlgTerritoryView, mlg_territory_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TERRITORY,
  N_PROPS
};

enum {
  SIGNAL_OPEN_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ── Pieces ──────────────────────────────────────────────────────────── */

static GtkWidget *
section (MlgTerritoryView *self,
         const char       *heading,
         const char       *description)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_box_append (GTK_BOX (titles), mlg_ui_text_label (heading, "heading"));
  if (description)
    {
      GtkWidget *label = mlg_ui_text_label (description, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (titles), label);
    }
  gtk_box_append (GTK_BOX (box), titles);
  gtk_box_append (self->content, box);
  return box;
}

static char *
format_count (guint n)
{
  return mlg_ui_format_number ((double) n, MLG_FIELD_INTEGER);
}

static char *
format_rate (double rate)
{
  return mlg_ui_format_number (round (rate * 100) / 100, MLG_FIELD_NUMBER);
}

static void
on_row_activated (GtkListBox       *list,
                  GtkListBoxRow    *row,
                  MlgTerritoryView *self)
{
  MlgRecord *record = g_object_get_data (G_OBJECT (row), "record");

  if (record)
    g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, record);
}

static GtkWidget *
boxed_list (MlgTerritoryView *self,
            const char       *accessible_label)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  g_signal_connect (list, "row-activated", G_CALLBACK (on_row_activated), self);
  return list;
}

/* A row that opens @record; @subtitle NULL for the record's usual one. */
static GtkWidget *
record_row (MlgTerritoryView *self,
            MlgRecord        *record,
            const char       *icon_name,
            const char       *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *usual = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mlg_ui_record_title (record));
  if (subtitle == NULL)
    subtitle = usual = mlg_ui_record_subtitle (self->document, record);
  if (subtitle && *subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  if (icon_name)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (record), g_object_unref);
  return row;
}

static const char *
level_label (MlgRecord *territory)
{
  const MlgField *field = mlg_kind_find_field (mlg_kind_get (MLG_KIND_TERRITORY), "level");
  const char *level = mlg_record_get_string (territory, "level");

  return level && mlg_field_find_choice (field, level) ? mlg_field_choice_label (field, level) : NULL;
}

/* ── Sections ────────────────────────────────────────────────────────── */

static gboolean
on_activate_link (GtkLabel         *label,
                  const char       *uri,
                  MlgTerritoryView *self)
{
  MlgRecord *record = self->document ? mlg_document_lookup_kind (self->document, MLG_KIND_TERRITORY, uri)
                                     : NULL;
  if (record)
    g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, record);
  return TRUE;
}

static void
add_heading (MlgTerritoryView  *self,
             MlgTerritoryIndex *index)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *code = mlg_record_get_string (self->territory, "code");
  const char *level = mlg_record_get_string (self->territory, "level");
  const char *kind = level_label (self->territory);
  g_autoptr(GString) facts = g_string_new (kind);
  g_autoptr(GString) links = g_string_new (NULL);
  g_autoptr(GPtrArray) above = g_ptr_array_new ();

  gtk_box_append (GTK_BOX (box), mlg_ui_text_label (mlg_ui_record_title (self->territory), "title-1"));

  if (code && *code)
    {
      if (facts->len)
        g_string_append (facts, " · ");
      if (g_strcmp0 (level, "epci") == 0)
        /* Translators: %s is the SIREN number of an intercommunality */
        g_string_append_printf (facts, _("SIREN %s"), code);
      else
        /* Translators: %s is an official code (INSEE code of a commune, number of a département) */
        g_string_append_printf (facts, _("Code %s"), code);
    }
  {
    g_auto(GStrv) postcodes = mlg_record_dup_strv (self->territory, "postcodes");
    if (postcodes && postcodes[0])
      {
        g_autofree char *joined = g_strjoinv (", ", postcodes);
        if (facts->len)
          g_string_append (facts, " · ");
        g_string_append (facts, joined);
      }
  }
  if (facts->len)
    gtk_box_append (GTK_BOX (box), mlg_ui_text_label (facts->str, "dim-label"));

  /* The territories above, each a link to its page. */
  for (MlgRecord *t = mlg_territory_index_get_parent (index, self->territory); t;
       t = mlg_territory_index_get_parent (index, t))
    g_ptr_array_insert (above, 0, t);
  if (above->len > 0)
    {
      GtkWidget *label;

      for (guint i = 0; i < above->len; i++)
        {
          MlgRecord *t = g_ptr_array_index (above, i);
          g_autofree char *id = g_markup_escape_text (mlg_record_get_id (t), -1);
          g_autofree char *name = g_markup_escape_text (mlg_ui_record_title (t), -1);

          if (i > 0)
            g_string_append (links, " › ");
          g_string_append_printf (links, "<a href=\"%s\">%s</a>", id, name);
        }
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), links->str);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "territory-path");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Part of"), -1);
      g_signal_connect (label, "activate-link", G_CALLBACK (on_activate_link), self);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_box_append (self->content, box);
}

static void
add_summary_cards (MlgTerritoryView *self,
                   guint             n_structures,
                   guint             n_establishments)
{
  GtkWidget *flow = mlg_ui_card_flow_box (3);
  gint64 population = mlg_record_get_int (self->territory, "population", -1);
  int year = (int) mlg_record_get_int (self->territory, "population_year", 0);
  g_autofree char *number = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *s = format_count (n_structures);
  g_autofree char *e = format_count (n_establishments);

  if (population >= 0)
    {
      number = mlg_ui_format_number ((double) population, MLG_FIELD_INTEGER);
      if (year > 0)
        /* Translators: the year of a population figure */
        detail = g_strdup_printf (_("in %d"), year);
      else
        detail = g_strdup (_("year unknown"));
      gtk_flow_box_append (GTK_FLOW_BOX (flow),
                           mlg_ui_figure_card (number, NULL,
                                 g_dngettext (GETTEXT_PACKAGE, "Inhabitant", "Inhabitants",
                                              (gulong) population),
                                 detail));
    }
  else
    gtk_flow_box_append (GTK_FLOW_BOX (flow),
                         mlg_ui_figure_card ("—", NULL, _("Population unknown"), _("Add it in the territory’s record")));

  gtk_flow_box_append (GTK_FLOW_BOX (flow),
                       mlg_ui_figure_card (s, NULL, g_dngettext (GETTEXT_PACKAGE, "Structure", "Structures", n_structures),
                             _("here or below")));
  gtk_flow_box_append (GTK_FLOW_BOX (flow),
                       mlg_ui_figure_card (e, NULL, g_dngettext (GETTEXT_PACKAGE, "Establishment", "Establishments",
                                                   n_establishments),
                             _("here or below")));
  gtk_box_append (self->content, flow);
}

static void
add_key_figures (MlgTerritoryView *self)
{
  g_autoptr(GPtrArray) totals = mlg_territory_key_figures (self->document, self->territory);
  gboolean has_population = mlg_record_get_int (self->territory, "population", -1) > 0;
  GtkWidget *box, *list;

  box = section (self, _("Key Figures"),
                 has_population
                 ? _("The latest figure of each structure and establishment located here, added up, and per 1,000 inhabitants.")
                 : _("The latest figure of each structure and establishment located here, added up."));
  if (totals == NULL || totals->len == 0)
    {
      gtk_box_append (GTK_BOX (box),
                      mlg_ui_text_label (_("No key figures yet for what is located here."), "dim-label"));
      return;
    }

  list = boxed_list (self, _("Key Figures"));
  for (guint i = 0; i < totals->len; i++)
    {
      MlgFigureTotal *total = g_ptr_array_index (totals, i);
      gboolean money = g_strcmp0 (total->unit, "€") == 0;
      g_autofree char *number = mlg_ui_format_number (total->value,
                                                      money ? MLG_FIELD_MONEY : MLG_FIELD_NUMBER);
      g_autoptr(GString) detail = g_string_new (NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *number_label = mlg_ui_text_label (number, "title-4");

      gtk_label_set_wrap (GTK_LABEL (number_label), FALSE);

      if (total->first_year > 0 && total->first_year != total->last_year)
        g_string_append_printf (detail, "%d–%d", total->first_year, total->last_year);
      else if (total->last_year > 0)
        g_string_append_printf (detail, "%d", total->last_year);
      if (!isnan (total->per_1000))
        {
          g_autofree char *rate = format_rate (total->per_1000);
          if (detail->len)
            g_string_append (detail, " · ");
          /* Translators: %s is a number, already formatted */
          g_string_append_printf (detail, _("%s per 1,000 inhabitants"), rate);
        }
      if (total->n_records > 1)
        {
          if (detail->len)
            g_string_append (detail, " · ");
          g_string_append_printf (detail,
                                  g_dngettext (GETTEXT_PACKAGE, "%u source", "%u sources", total->n_records),
                                  total->n_records);
        }

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), total->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail->str);
      gtk_widget_set_valign (number_label, GTK_ALIGN_BASELINE);
      gtk_widget_add_css_class (number_label, "numeric");
      gtk_box_append (GTK_BOX (value), number_label);
      if (!money && total->unit && *total->unit)
        {
          GtkWidget *unit = mlg_ui_text_label (total->unit, "dim-label");
          gtk_label_set_wrap (GTK_LABEL (unit), FALSE);
          gtk_widget_set_valign (unit, GTK_ALIGN_BASELINE);
          gtk_box_append (GTK_BOX (value), unit);
        }
      gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), list);
}

static const char *
commune_of (MlgTerritoryView *self,
            MlgRecord        *record)
{
  const char *commune = mlg_record_get_string (record, "commune");

  if (commune == NULL || g_strcmp0 (commune, mlg_record_get_id (self->territory)) == 0)
    return NULL;
  return mlg_document_title_of (self->document, commune);
}

static void
add_poles (MlgTerritoryView *self)
{
  g_autoptr(GPtrArray) groups = mlg_territory_group_by_pole (self->document, self->territory);
  const MlgField *type_field = mlg_kind_find_field (mlg_kind_get (MLG_KIND_ESTABLISHMENT), "type");
  GtkWidget *box;

  box = section (self, _("By Pole"), _("Structures and establishments located here or below."));
  if (groups == NULL || groups->len == 0)
    {
      gtk_box_append (GTK_BOX (box),
                      mlg_ui_text_label (_("No structure or establishment is located here yet."), "dim-label"));
      return;
    }

  for (guint i = 0; i < groups->len; i++)
    {
      MlgPoleGroup *group = g_ptr_array_index (groups, i);
      const char *name = group->pole ? mlg_ui_record_title (group->pole) : _("No pole");
      guint n = group->structures->len + group->establishments->len;
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *group_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *list = boxed_list (self, name);
      GtkWidget *title = mlg_ui_text_label (name, "heading");
      g_autofree char *count = format_count (n);
      GtkWidget *badge = mlg_ui_text_label (count, "dim-label");

      gtk_widget_add_css_class (title, "pole-heading");
      gtk_widget_add_css_class (badge, "numeric");
      gtk_box_append (GTK_BOX (header), title);
      gtk_box_append (GTK_BOX (header), badge);
      gtk_box_append (GTK_BOX (group_box), header);

      for (guint j = 0; j < group->structures->len; j++)
        {
          MlgRecord *structure = g_ptr_array_index (group->structures, j);
          const char *commune = commune_of (self, structure);
          g_autofree char *subtitle = NULL;

          if (commune)
            /* Translators: a structure's row on a territory page: "Structure · Trévoux" */
            subtitle = g_strdup_printf (_("Structure · %s"), commune);
          gtk_list_box_append (GTK_LIST_BOX (list),
                               record_row (self, structure, "network-workgroup-symbolic",
                                           subtitle ? subtitle : C_("record", "Structure")));
        }
      for (guint j = 0; j < group->establishments->len; j++)
        {
          MlgRecord *establishment = g_ptr_array_index (group->establishments, j);
          const char *type = mlg_record_get_string (establishment, "type");
          const char *commune = commune_of (self, establishment);
          g_autoptr(GString) subtitle = g_string_new (NULL);

          if (type && mlg_field_find_choice (type_field, type))
            g_string_append (subtitle, mlg_field_choice_label (type_field, type));
          else
            g_string_append (subtitle, C_("record", "Establishment"));
          if (commune)
            g_string_append_printf (subtitle, " · %s", commune);
          gtk_list_box_append (GTK_LIST_BOX (list),
                               record_row (self, establishment, "mark-location-symbolic", subtitle->str));
        }
      gtk_box_append (GTK_BOX (group_box), list);
      gtk_box_append (GTK_BOX (box), group_box);
    }
}

static void
add_located (MlgTerritoryView *self,
             GPtrArray        *records,
             const char       *heading,
             const char       *icon_name,
             const char       *none)
{
  GtkWidget *box = section (self, heading, NULL);
  GtkWidget *list;

  if (records->len == 0)
    {
      gtk_box_append (GTK_BOX (box), mlg_ui_text_label (none, "dim-label"));
      return;
    }
  list = boxed_list (self, heading);
  for (guint i = 0; i < records->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         record_row (self, g_ptr_array_index (records, i), icon_name, NULL));
  gtk_box_append (GTK_BOX (box), list);
}

static void
add_within (MlgTerritoryView  *self,
            MlgTerritoryIndex *index)
{
  g_autoptr(GPtrArray) children = mlg_territory_index_get_children (index, self->territory);
  GtkWidget *box, *list;

  if (children->len == 0)
    return;
  box = section (self, _("Territories Within"), NULL);
  list = boxed_list (self, _("Territories Within"));
  for (guint i = 0; i < children->len; i++)
    {
      MlgRecord *child = g_ptr_array_index (children, i);
      g_autoptr(GPtrArray) structures = mlg_territory_find_located (self->document, child, MLG_KIND_STRUCTURE);
      g_autoptr(GPtrArray) establishments = mlg_territory_find_located (self->document, child,
                                                                         MLG_KIND_ESTABLISHMENT);
      g_autofree char *s = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u structure", "%u structures",
                                                         structures->len),
                                            structures->len);
      g_autofree char *e = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u establishment",
                                                         "%u establishments", establishments->len),
                                            establishments->len);
      const char *kind = level_label (child);
      g_autofree char *subtitle = kind ? g_strdup_printf ("%s · %s · %s", kind, s, e)
                                       : g_strdup_printf ("%s · %s", s, e);

      gtk_list_box_append (GTK_LIST_BOX (list),
                           record_row (self, child, "find-location-symbolic", subtitle));
    }
  gtk_box_append (GTK_BOX (box), list);
}

static void
add_description (MlgTerritoryView *self)
{
  const char *description = mlg_record_get_string (self->territory, "description");
  GtkWidget *box, *label;

  if (description == NULL || *description == '\0')
    return;
  box = section (self, _("About"), NULL);
  label = mlg_ui_text_label (description, NULL);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);
}

static void
clear_content (MlgTerritoryView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))))
    gtk_box_remove (self->content, child);
}

static void
rebuild (MlgTerritoryView *self)
{
  g_autoptr(MlgTerritoryIndex) index = NULL;
  g_autoptr(GPtrArray) structures = NULL;
  g_autoptr(GPtrArray) establishments = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  self->stale = FALSE;
  clear_content (self);

  /* A territory deleted meanwhile leaves the page. */
  if (self->territory && (self->document == NULL ||
                          mlg_document_lookup (self->document, mlg_record_get_id (self->territory)) != self->territory))
    {
      g_clear_object (&self->territory);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TERRITORY]);
    }
  if (self->territory == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  index = mlg_territory_index_new (self->document);
  structures = mlg_territory_find_located (self->document, self->territory, MLG_KIND_STRUCTURE);
  establishments = mlg_territory_find_located (self->document, self->territory, MLG_KIND_ESTABLISHMENT);
  projects = mlg_territory_find_located (self->document, self->territory, MLG_KIND_PROJECT);
  events = mlg_territory_find_located (self->document, self->territory, MLG_KIND_EVENT);

  add_heading (self, index);
  add_summary_cards (self, structures->len, establishments->len);
  add_key_figures (self);
  add_poles (self);
  add_located (self, projects, _("Projects"), "applications-engineering-symbolic",
               _("No project is located here."));
  add_located (self, events, _("Events"), "x-office-calendar-symbolic",
               _("No event is held here."));
  add_within (self, index);
  add_description (self);
  gtk_stack_set_visible_child_name (self->stack, "territory");
}

static gboolean
refresh_idle_cb (gpointer data)
{
  MlgTerritoryView *self = data;

  self->refresh_idle = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (MlgTerritoryView *self)
{
  if (self->territory == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle_cb, self, NULL);
}

/* ── Public API ──────────────────────────────────────────────────────── */

void
mlg_territory_view_set_document (MlgTerritoryView *self,
                                 MlgDocument      *document)
{
  g_return_if_fail (MLG_IS_TERRITORY_VIEW (self));

  if (self->document == document)
    return;
  /* Every kind: the page shows records of most of them. */
  mlg_ui_follow_document (self, self->document, document, NULL, 0,
                          G_CALLBACK (queue_refresh), G_CALLBACK (queue_refresh));
  g_set_object (&self->document, document);
  if (self->territory)
    {
      g_clear_object (&self->territory);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TERRITORY]);
    }
  rebuild (self);
}

void
mlg_territory_view_set_territory (MlgTerritoryView *self,
                                  MlgRecord        *territory)
{
  g_return_if_fail (MLG_IS_TERRITORY_VIEW (self));
  g_return_if_fail (territory == NULL || MLG_IS_RECORD (territory));

  if (self->territory == territory)
    return;
  g_set_object (&self->territory, territory);
  rebuild (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TERRITORY]);
}

MlgRecord *
mlg_territory_view_get_territory (MlgTerritoryView *self)
{
  g_return_val_if_fail (MLG_IS_TERRITORY_VIEW (self), NULL);
  return self->territory;
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
mlg_territory_view_map (GtkWidget *widget)
{
  MlgTerritoryView *self = MLG_TERRITORY_VIEW (widget);

  GTK_WIDGET_CLASS (mlg_territory_view_parent_class)->map (widget);
  if (self->stale)
    rebuild (self);
}

static void
mlg_territory_view_dispose (GObject *object)
{
  MlgTerritoryView *self = MLG_TERRITORY_VIEW (object);

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  mlg_ui_follow_document (self, self->document, NULL, NULL, 0, NULL, NULL);
  mlg_ui_dispose_children (GTK_WIDGET (self), MLG_TYPE_TERRITORY_VIEW);
  g_clear_object (&self->territory);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (mlg_territory_view_parent_class)->dispose (object);
}

static void
mlg_territory_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MlgTerritoryView *self = MLG_TERRITORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_TERRITORY:
      g_value_set_object (value, self->territory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlg_territory_view_class_init (MlgTerritoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlg_territory_view_dispose;
  object_class->get_property = mlg_territory_view_get_property;
  widget_class->map = mlg_territory_view_map;

  properties[PROP_TERRITORY] =
    g_param_spec_object ("territory", NULL, NULL, MLG_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MlgTerritoryView::open-record:
   * A row or a link asks to show a record (a territory: its page).
   */
  signals[SIGNAL_OPEN_RECORD] = mlg_ui_record_signal_new (G_TYPE_FROM_CLASS (klass), "open-record");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/maillage/Maillage/mlg-territory-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoryView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, MlgTerritoryView, content);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mlg_territory_view_init (MlgTerritoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mlg_territory_view_new (void)
{
  return g_object_new (MLG_TYPE_TERRITORY_VIEW, NULL);
}
