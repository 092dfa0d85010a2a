/* mlg-record-row.c — a record in a list: its title and column fields */
#include "config.h"

#include <glib/gi18n.h>

#include "mlg-record-row.h"
#include "mlg-ui-util.h"

struct _MlgRecordRow
{
  GtkWidget    parent_instance;

  GtkLabel    *title_label;
  GtkLabel    *subtitle_label;

  MlgDocument *document;
  MlgRecord   *record;
};

G_DEFINE_FINAL_TYPE (MlgRecordRow, mlg_record_row, GTK_TYPE_WIDGET)

static void
update (MlgRecordRow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->record == NULL)
    return;
  gtk_label_set_text (self->title_label, mlg_ui_record_title (self->record));
  if (*mlg_record_get_title (self->record) == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "dim-label");

  subtitle = mlg_ui_record_subtitle (self->document, self->record);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), *subtitle != '\0');
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
  gtk_widget_dispose_template (GTK_WIDGET (self), MLG_TYPE_RECORD_ROW);
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (mlg_record_row_parent_class)->dispose (object);
}

static void
mlg_record_row_class_init (MlgRecordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlg_record_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/maillage/Maillage/mlg-record-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MlgRecordRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MlgRecordRow, subtitle_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mlg_record_row_init (MlgRecordRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mlg_record_row_new (void)
{
  return g_object_new (MLG_TYPE_RECORD_ROW, NULL);
}
