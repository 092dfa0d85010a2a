/* mlg-person-actions.c — a person's data from the People page
 *
 * Under the GDPR a person may ask what the file says about them and to
 * be erased. These window actions hand the coordinator the answer
 * (mlg-privacy.h does the work): an export of that person alone, as a
 * vCard or as JSON, and an erasure of the person and every reference to
 * them, as one step that the toast's Undo takes back.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mlg-person-actions.h"
#include "mlg-privacy.h"
#include "mlg-record-page.h"
#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-ui-util.h"

#define MAX_LISTED_MENTIONS 8
#define CHOOSER_KEY "mlg-person-chooser"

MlgRecord *
mlg_person_actions_get_person (MlgWindow *self)
{
  GtkWidget *page;

  /* asked on every change of page: the People page is not made for it */
  if (g_strcmp0 (mlg_window_get_visible_page (self), "people") != 0)
    return NULL;
  page = mlg_window_get_page (self, "people");
  if (!MLG_IS_RECORD_PAGE (page))
    return NULL;
  return mlg_record_page_get_selected (MLG_RECORD_PAGE (page));
}

void
mlg_person_actions_update (MlgWindow *self)
{
  gboolean has_person = mlg_person_actions_get_person (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-person-vcard", has_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-person-json", has_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.erase-person",
                                 has_person && !mlg_window_is_saving (self));
}

/* ── Export ──────────────────────────────────────────────────────────── */

typedef struct {
  MlgWindow *window;   /* weak */
  GBytes    *bytes;
} Export;

static void
export_free (Export *export)
{
  if (export->window)
    g_object_remove_weak_pointer (G_OBJECT (export->window), (gpointer *) &export->window);
  g_bytes_unref (export->bytes);
  g_free (export);
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    Export          *export)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file && export->window)
    {
      name = g_file_get_basename (file);
      if (g_file_replace_contents (file, g_bytes_get_data (export->bytes, NULL),
                                   g_bytes_get_size (export->bytes), NULL, FALSE,
                                   G_FILE_CREATE_PRIVATE, NULL, NULL, &error))
        /* Translators: %s is a file name */
        text = g_strdup_printf (_("Saved “%s”"), name);
      else
        /* Translators: the first %s is a file name, the second says why */
        text = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
      mlg_window_add_toast (export->window, adw_toast_new (text));
    }
  if (export->window)
    g_object_set_data (G_OBJECT (export->window), CHOOSER_KEY, NULL);
}

static void
export_person (MlgWindow  *self,
               gboolean    vcard)
{
  MlgRecord *person = mlg_person_actions_get_person (self);
  MlgDocument *document = mlg_window_get_document (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *slug = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  Export *export;

  if (person == NULL || document == NULL)
    return;

  export = g_new0 (Export, 1);
  export->bytes = vcard ? mlg_privacy_export_vcard (document, person)
                        : mlg_privacy_export_json (document, person);
  export->window = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &export->window);

  chooser = gtk_file_chooser_native_new (vcard ? _("Export as vCard") : _("Export as JSON"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (vcard)
    {
      gtk_file_filter_set_name (filter, _("vCards"));
      gtk_file_filter_add_pattern (filter, "*.vcf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("JSON files"));
      gtk_file_filter_add_pattern (filter, "*.json");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  slug = g_strdup (mlg_record_get_id (person));
  g_strdelimit (slug, "/\\:", '-');
  name = g_strconcat (slug, vcard ? ".vcf" : ".json", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_export_response), export,
                         (GClosureNotify) (void (*) (void)) export_free, 0);
  /* the window keeps the chooser until it answers */
  g_object_set_data_full (G_OBJECT (self), CHOOSER_KEY, chooser, g_object_unref);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_export_vcard (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  export_person (MLG_WINDOW (widget), TRUE);
}

static void
action_export_json (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  export_person (MLG_WINDOW (widget), FALSE);
}

/* ── Erase everywhere ────────────────────────────────────────────────── */

static void
on_erase_response (AdwMessageDialog *dialog,
                   const char       *response,
                   MlgWindow        *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "person-id");
  MlgDocument *document = mlg_window_get_document (self);
  MlgRecord *person;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (!g_str_equal (response, "erase") || document == NULL)
    return;
  person = mlg_document_lookup_kind (document, MLG_KIND_PERSON, id);
  if (person == NULL)
    return;
  /* the toast's title is markup */
  title = g_markup_escape_text (mlg_ui_record_title (person), -1);
  mlg_privacy_erase_person (document, person);

  /* Translators: %s is a person's name */
  text = g_strdup_printf (_("“%s” erased everywhere"), title);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  mlg_window_add_toast (self, toast);
}

static void
action_erase_person (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MlgWindow *self = MLG_WINDOW (widget);
  MlgRecord *person = mlg_person_actions_get_person (self);
  MlgDocument *document = mlg_window_get_document (self);
  g_autoptr(GArray) mentions = NULL;
  g_autofree char *heading = NULL;
  GString *body;
  GtkWidget *dialog;

  if (person == NULL || document == NULL)
    return;
  mlg_window_commit_pending (self);
  mentions = mlg_privacy_find_mentions (document, person);

  /* Translators: %s is a person's name */
  heading = g_strdup_printf (_("Erase “%s” Everywhere?"), mlg_ui_record_title (person));
  body = g_string_new (NULL);
  if (mentions->len == 0)
    g_string_append (body, _("This person is not mentioned anywhere else."));
  else
    {
      g_string_append (body, _("This person appears in:"));
      for (guint i = 0; i < MIN (mentions->len, MAX_LISTED_MENTIONS); i++)
        {
          MlgMention *mention = &g_array_index (mentions, MlgMention, i);
          const MlgField *field = mlg_kind_find_field (mlg_record_get_kind (mention->record),
                                                       mention->field);

          g_string_append (body, "\n• ");
          g_string_append (body, mlg_ui_record_title (mention->record));
          if (field)
            {
              /* Translators: between a record's name and a field's label */
              g_string_append (body, _(", "));
              g_string_append (body, mlg_field_label (field));
            }
          if (mention->in_text)
            {
              g_string_append (body, " ");
              g_string_append (body, _("(their name in a text: left for you to review)"));
            }
        }
      if (mentions->len > MAX_LISTED_MENTIONS)
        {
          guint more = mentions->len - MAX_LISTED_MENTIONS;
          g_string_append (body, "\n");
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "…and %u more place.",
                                                     "…and %u more places.", more), more);
        }
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("The person and every reference to them are removed. Undo takes it back until the file is closed."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  g_string_free (body, TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "erase", _("_Erase Everywhere"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "person-id",
                          g_strdup (mlg_record_get_id (person)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_erase_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
mlg_person_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-person-vcard", NULL, action_export_vcard);
  gtk_widget_class_install_action (widget_class, "win.export-person-json", NULL, action_export_json);
  gtk_widget_class_install_action (widget_class, "win.erase-person", NULL, action_erase_person);
}
