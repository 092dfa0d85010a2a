/* mlg-record-row.c — a record in a list: its title and column fields
 *
 * A list makes a couple of hundred rows when it first shows (GTK 4.8's
 * list view keeps that many around what is visible), so a row is made
 * to be cheap: built in code rather than from a template, and its texts
 * are GtkInscriptions, which take their size from the font rather than
 * from laying out their text (the list's width is the pane's). */
#include "config.h"

#include <glib/gi18n.h>

#include "mlg-record-row.h"
#include "mlg-ui-util.h"

struct _MlgRecordRow
{
  GtkWidget    parent_instance;

  GtkWidget   *box;
  GtkInscription *title;
  GtkInscription *subtitle;

  MlgDocument *document;
  MlgRecord   *record;
};

G_DEFINE_FINAL_TYPE (MlgRecordRow, mlg_record_row, GTK_TYPE_WIDGET)

/* An inscription's text is not told to screen readers by GTK 4.8: the
 * row says it as the label's would. */
static void
set_text (GtkInscription *inscription,
          const char     *text)
{
  gtk_inscription_set_text (inscription, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (inscription),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
update (MlgRecordRow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->record == NULL)
    return;
  set_text (self->title, mlg_ui_record_title (self->record));
  if (*mlg_record_get_title (self->record) == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->title), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title), "dim-label");

  subtitle = mlg_ui_record_subtitle (self->document, self->record);
  set_text (self->subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), *subtitle != '\0');
}

static void
on_record_changed (MlgRecordRow *self,
                   MlgRecord    *record,
                   const char   *key)
{
  if (record == self->record)
    update (self);
}

void
mlg_record_row_bind (MlgRecordRow *self,
                     MlgDocument  *document,
                     MlgRecord    *record)
{
  g_return_if_fail (MLG_IS_RECORD_ROW (self));

  mlg_record_row_unbind (self);
  g_set_object (&self->document, document);
  g_set_object (&self->record, record);
  if (document)
    g_signal_connect_object (document, "record-changed",
                             G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
  update (self);
}

void
mlg_record_row_unbind (MlgRecordRow *self)
{
  g_return_if_fail (MLG_IS_RECORD_ROW (self));

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->record);
}

static void
mlg_record_row_dispose (GObject *object)
{
  MlgRecordRow *self = MLG_RECORD_ROW (object);

  mlg_record_row_unbind (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (mlg_record_row_parent_class)->dispose (object);
}

static void
mlg_record_row_class_init (MlgRecordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlg_record_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mlg_record_row_init (MlgRecordRow *self)
{
  GtkWidget *title = gtk_inscription_new (NULL);
  GtkWidget *subtitle = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (title), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (title), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (subtitle), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (subtitle), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);
  gtk_box_append (GTK_BOX (self->box), title);
  gtk_box_append (GTK_BOX (self->box), subtitle);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->title = GTK_INSCRIPTION (title);
  self->subtitle = GTK_INSCRIPTION (subtitle);
}

GtkWidget *
mlg_record_row_new (void)
{
  return g_object_new (MLG_TYPE_RECORD_ROW, NULL);
}
