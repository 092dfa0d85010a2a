/* mlg-window-sheets.c — the window's fact sheets: print, export as PDF,
 * export the directory
 *
 * What prints is what the window shows: the PTCE's sheet on the Overview,
 * the selected structure's sheet on Structures, on Territories the sheet
 * of the territory shown in the hierarchy or selected in the list (none
 * beside the coverage matrix); elsewhere Print and Export are off rather
 * than printing something unexpected, and the menu says which sheet they
 * act on. The sheet is built on the main
 * thread (a snapshot of the document) and written as PDF in a worker
 * thread. The actions live in the window's action map (win.*), so that
 * their state can be read like any GAction's.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mlg-export-dialog.h"
#include "mlg-print.h"
#include "mlg-record.h"
#include "mlg-sheets.h"
#include "mlg-territories-page.h"
#include "mlg-text.h"
#include "mlg-window-sheets.h"

typedef enum {
  SHEET_NONE,
  SHEET_PTCE,
  SHEET_STRUCTURE,
  SHEET_TERRITORY,
  N_SHEET_KINDS
} SheetKind;

/* The menu says which sheet Print and Export act on. */
static const char *print_labels[N_SHEET_KINDS] = {
  N_("_Print Fact Sheet…"),
  N_("_Print PTCE Sheet…"),
  N_("_Print Structure Sheet…"),
  N_("_Print Territory Sheet…"),
};

static const char *export_labels[N_SHEET_KINDS] = {
  N_("_Export Fact Sheet as PDF…"),
  N_("_Export PTCE Sheet as PDF…"),
  N_("_Export Structure Sheet as PDF…"),
  N_("_Export Territory Sheet as PDF…"),
};

typedef struct {
  GSimpleAction     *print;
  GSimpleAction     *export_pdf;
  GSimpleAction     *export_annuaire;
  GMenu             *section;      /* of the primary menu, owned by the template */
  SheetKind          labelled;     /* what the menu's labels say */
  GtkWidget         *watched;      /* the page whose selection is followed */
  GtkNativeDialog   *chooser;
  GtkPrintOperation *printing;
  GFile             *folder;       /* where the last PDF went */
  AdwToast          *toast;        /* the last "Exported" toast, while shown */
  gint64             toast_time;   /* when it was added */
  GCancellable      *cancellable;  /* cancelled when the window goes */
} State;

/* What waits for the file chooser's answer. */
typedef struct {
  MlgSheet        *sheet;
  MlgExportDialog *dialog;   /* for the directory, or NULL */
} Pending;

static const char state_key[] = "mlg-window-sheets";

static State *
get_state (MlgWindow *self)
{
  return g_object_get_data (G_OBJECT (self), state_key);
}

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->sheet);
  g_clear_object (&pending->dialog);
  g_free (pending);
}

static void
destroy_chooser (State *state)
{
  if (state->chooser)
    gtk_native_dialog_destroy (state->chooser);
  g_clear_object (&state->chooser);
}

static void
state_free (State *state)
{
  destroy_chooser (state);
  g_clear_weak_pointer (&state->watched);
  if (state->toast)
    g_signal_handlers_disconnect_by_data (state->toast, state);
  g_clear_weak_pointer (&state->toast);
  g_clear_object (&state->print);
  g_clear_object (&state->export_pdf);
  g_clear_object (&state->export_annuaire);
  g_clear_object (&state->printing);
  g_clear_object (&state->folder);
  g_clear_object (&state->cancellable);
  g_free (state);
}

static void
show_error (MlgWindow  *self,
            GtkWindow  *parent,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent ? parent : GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ── Which sheet ─────────────────────────────────────────────────────── */

/* The record selected on @page: the territory shown on the Territories
 * page, or for any page with a "selected-record" property (the kinds'
 * pages, and views that follow their lead) its value. */
static MlgRecord *
dup_selected_record (GtkWidget *page)
{
  GParamSpec *pspec;
  MlgRecord *record = NULL;

  if (MLG_IS_TERRITORIES_PAGE (page))
    {
      MlgTerritoriesPage *territories = MLG_TERRITORIES_PAGE (page);

      if (mlg_territories_page_get_visible_list (territories))
        page = GTK_WIDGET (mlg_territories_page_get_visible_list (territories));
      else if (g_strcmp0 (mlg_territories_page_get_view (territories), "hierarchy") == 0)
        {
          record = mlg_territory_view_get_territory (mlg_territories_page_get_territory_view (territories));
          return record ? g_object_ref (record) : NULL;
        }
      else
        return NULL;
    }
  if (page == NULL)
    return NULL;
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (page), "selected-record");
  if (pspec == NULL || !g_type_is_a (pspec->value_type, MLG_TYPE_RECORD))
    return NULL;
  g_object_get (page, "selected-record", &record, NULL);
  return record;
}

/* The page shown: the Territories page holds the territories' record
 * page, which mlg_window_get_page() returns. */
static GtkWidget *
visible_page (MlgWindow *self)
{
  const char *name = mlg_window_get_visible_page (self);
  GtkWidget *page = name ? mlg_window_get_page (self, name) : NULL;
  GtkWidget *territories = page ? gtk_widget_get_ancestor (page, MLG_TYPE_TERRITORIES_PAGE) : NULL;

  return territories ? territories : page;
}

static SheetKind
current_sheet_kind (MlgWindow  *self,
                    MlgRecord **record_out)
{
  const char *name = mlg_window_get_visible_page (self);
  g_autoptr(MlgRecord) record = NULL;
  SheetKind kind = SHEET_NONE;

  if (mlg_window_get_document (self) == NULL || name == NULL)
    return SHEET_NONE;
  if (g_str_equal (name, "overview"))
    return SHEET_PTCE;

  record = dup_selected_record (visible_page (self));
  if (record && mlg_record_get_kind_id (record) == MLG_KIND_STRUCTURE)
    kind = SHEET_STRUCTURE;
  else if (record && mlg_record_get_kind_id (record) == MLG_KIND_TERRITORY)
    kind = SHEET_TERRITORY;
  if (kind != SHEET_NONE && record_out)
    *record_out = g_steal_pointer (&record);
  return kind;
}

MlgSheet *
mlg_window_build_current_sheet (MlgWindow  *self,
                                char      **file_name)
{
  MlgDocument *document;
  g_autoptr(MlgRecord) record = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *stem = NULL;
  MlgSheet *sheet;
  const char *format;

  g_return_val_if_fail (MLG_IS_WINDOW (self), NULL);

  document = mlg_window_get_document (self);
  switch (current_sheet_kind (self, &record))
    {
    case SHEET_PTCE:
      sheet = mlg_sheet_new_ptce (document);
      record = g_object_ref (mlg_document_get_ecosystem (document));
      /* Translators: the file name proposed for the PTCE's sheet, without
       * ".pdf"; %s is its name in lowercase ASCII with dashes. */
      format = C_("file name", "ptce-sheet-%s");
      break;
    case SHEET_STRUCTURE:
      sheet = mlg_sheet_new_structure (document, record);
      /* Translators: the file name proposed for a structure's sheet,
       * without ".pdf"; %s is its name in lowercase ASCII with dashes. */
      format = C_("file name", "sheet-%s");
      break;
    case SHEET_TERRITORY:
      sheet = mlg_sheet_new_territory (document, record);
      /* Translators: the file name proposed for a territory's sheet,
       * without ".pdf"; %s is its name in lowercase ASCII with dashes. */
      format = C_("file name", "territory-sheet-%s");
      break;
    case SHEET_NONE:
    case N_SHEET_KINDS:
    default:
      return NULL;
    }

  if (file_name)
    {
      slug = mlg_text_slug (mlg_record_get_title (record));
      if (*slug == '\0')
        {
          g_free (slug);
          slug = mlg_text_slug (mlg_record_get_id (record));
        }
      stem = g_strdup_printf (format, *slug ? slug : "ptce");
      *file_name = g_strconcat (stem, ".pdf", NULL);
    }
  return sheet;
}

/* ── Menu and action states ──────────────────────────────────────────── */

static void
set_label (GMenu      *section,
           int         position,
           const char *label,
           const char *action)
{
  g_menu_remove (section, position);
  g_menu_insert (section, position, label, action);
}

void
mlg_window_sheets_update (MlgWindow *self)
{
  State *state = get_state (self);
  GtkWidget *page;
  SheetKind kind;

  /* The window updates its actions while it is being built. */
  if (state == NULL)
    return;

  /* Follow the selection of whatever page is shown. */
  page = visible_page (self);
  if (page != state->watched)
    {
      if (state->watched)
        g_signal_handlers_disconnect_by_func (state->watched, mlg_window_sheets_update, self);
      g_set_weak_pointer (&state->watched, page);
      if (page && g_object_class_find_property (G_OBJECT_GET_CLASS (page), "selected-record"))
        g_signal_connect_object (page, "notify::selected-record",
                                 G_CALLBACK (mlg_window_sheets_update), self, G_CONNECT_SWAPPED);
    }

  kind = current_sheet_kind (self, NULL);
  g_simple_action_set_enabled (state->print, kind != SHEET_NONE);
  g_simple_action_set_enabled (state->export_pdf, kind != SHEET_NONE);
  g_simple_action_set_enabled (state->export_annuaire, mlg_window_get_document (self) != NULL);

  if (state->section && kind != state->labelled &&
      g_menu_model_get_n_items (G_MENU_MODEL (state->section)) >= 2)
    {
      set_label (state->section, 0, _(print_labels[kind]), "win.print");
      set_label (state->section, 1, _(export_labels[kind]), "win.export-pdf");
      state->labelled = kind;
    }
}

/* ── Print ───────────────────────────────────────────────────────────── */

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               MlgWindow               *self)
{
  State *state = get_state (self);
  g_autoptr(GError) error = NULL;

  /* Only for a print that went on after the dialog: errors found at once
   * are reported by print_activated(). */
  if (state == NULL || state->printing != operation)
    return;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_error (self, NULL, _("Could Not Print"), error ? error->message : _("The printing system reported an error."));
    }
  g_clear_object (&state->printing);
}

static char *
file_stem (const char *file_name)
{
  return g_str_has_suffix (file_name, ".pdf") ? g_strndup (file_name, strlen (file_name) - 4)
                                              : g_strdup (file_name);
}

static void
print_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  MlgWindow *self = user_data;
  State *state = get_state (self);
  g_autofree char *file_name = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(MlgSheet) sheet = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  mlg_window_commit_pending (self);
  sheet = mlg_window_build_current_sheet (self, &file_name);
  if (sheet == NULL)
    return;

  stem = file_stem (file_name);
  operation = mlg_print_operation_new (sheet, mlg_window_get_settings (self), stem);
  /* The dialog does not block the main loop; its preview is GTK's own. */
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, NULL, _("Could Not Print"), error ? error->message : _("The printing system reported an error."));
  else if (result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    g_set_object (&state->printing, operation);
}

/* ── PDF ─────────────────────────────────────────────────────────────── */

static void
on_uri_shown (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MlgWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      AdwToast *toast = adw_toast_new (_("No application could open the PDF"));
      mlg_window_add_toast (self, toast);
    }
}

static void
on_open_exported (AdwToast  *toast,
                  MlgWindow *self)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "uri");

  if (uri)
    gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL, on_uri_shown, g_object_ref (self));
}

/* Half a toast's life (5 s). */
#define RECENT_TOAST (2500 * G_TIME_SPAN_MILLISECOND)

static void
on_toast_dismissed (State    *state,
                    AdwToast *toast)
{
  if (state->toast == toast)
    g_clear_weak_pointer (&state->toast);
}

static void
announce_export (MlgWindow *self,
                 GFile     *file)
{
  State *state = get_state (self);
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (g_file_peek_path (file))
    name = g_filename_display_basename (g_file_peek_path (file));
  else
    {
      g_autofree char *basename = g_file_get_basename (file);
      name = g_utf8_make_valid (basename, -1);
    }
  escaped = g_markup_escape_text (name, -1);
  /* Translators: in a toast once a PDF is written; %s is its file name. */
  title = g_strdup_printf (_("Exported “%s”"), escaped);

  /* A toast shown a moment ago now tells of the newest file, rather than
   * queueing this one behind it (libadwaita 1.2 cannot dismiss a toast
   * safely while it is still sliding in, so it is not replaced). */
  if (state->toast && g_get_monotonic_time () - state->toast_time < RECENT_TOAST)
    {
      adw_toast_set_title (state->toast, title);
      g_object_set_data_full (G_OBJECT (state->toast), "uri", g_file_get_uri (file), g_free);
      return;
    }

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "uri", g_file_get_uri (file), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_exported), self, 0);
  g_signal_connect_swapped (toast, "dismissed", G_CALLBACK (on_toast_dismissed), state);
  g_set_weak_pointer (&state->toast, toast);
  state->toast_time = g_get_monotonic_time ();
  mlg_window_add_toast (self, toast);
}

static void
on_pdf_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MlgWindow *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);
  State *state = get_state (self);
  GError *error = NULL;
  guint n_pages = mlg_print_export_pdf_finish (result, &error);
  /* Nothing to say to a window that is going away. */
  gboolean quiet = state == NULL || g_cancellable_is_cancelled (state->cancellable);

  if (n_pages > 0)
    {
      if (!quiet)
        announce_export (self, file);
      g_task_return_int (task, n_pages);
      return;
    }
  if (!quiet && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, NULL, _("Could Not Export"), error->message);
  g_task_return_error (task, error);
}

void
mlg_window_export_pdf_async (MlgWindow           *self,
                             MlgSheet            *sheet,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MLG_IS_WINDOW (self));
  g_return_if_fail (MLG_IS_SHEET (sheet));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mlg_window_export_pdf_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  mlg_print_export_pdf_async (sheet, file, cancellable, on_pdf_written, task);
}

guint
mlg_window_export_pdf_finish (MlgWindow     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  gssize n_pages;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  n_pages = g_task_propagate_int (G_TASK (result), error);
  return n_pages > 0 ? (guint) n_pages : 0;
}

static void
on_directory_written (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MlgExportDialog) dialog = user_data;
  g_autoptr(GError) error = NULL;

  if (mlg_window_export_pdf_finish (MLG_WINDOW (source), result, &error) > 0)
    gtk_window_destroy (GTK_WINDOW (dialog));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    mlg_export_dialog_set_busy (dialog, NULL);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     MlgWindow       *self)
{
  State *state = get_state (self);
  Pending *pending = g_object_steal_data (G_OBJECT (chooser), "pending");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (state && state->chooser == chooser)
    g_clear_object (&state->chooser);

  if (file && pending)
    {
      if (state)
        {
          g_clear_object (&state->folder);
          state->folder = g_file_get_parent (file);
        }
      if (pending->dialog)
        {
          mlg_export_dialog_set_busy (pending->dialog, file);
          mlg_window_export_pdf_async (self, pending->sheet, file,
                                       mlg_export_dialog_get_cancellable (pending->dialog),
                                       on_directory_written, g_object_ref (pending->dialog));
        }
      else
        mlg_window_export_pdf_async (self, pending->sheet, file, NULL, NULL, NULL);
    }
  if (pending)
    pending_free (pending);
}

static GFile *
default_folder (MlgWindow *self,
                State     *state)
{
  MlgDocument *document = mlg_window_get_document (self);
  GFile *file = document ? mlg_document_get_file (document) : NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (state->folder)
    return g_object_ref (state->folder);
  if (file)
    return g_file_get_parent (file);
  return documents ? g_file_new_for_path (documents) : NULL;
}

/* Asks where to write @sheet, then writes it; @parent is the window or
 * the directory's dialog. */
static void
choose_file (MlgWindow       *self,
             GtkWindow       *parent,
             const char      *title,
             const char      *file_name,
             MlgSheet        *sheet,
             MlgExportDialog *dialog)
{
  State *state = get_state (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = default_folder (self, state);
  GtkFileChooserNative *chooser;
  Pending *pending;

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (folder)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);

  pending = g_new0 (Pending, 1);
  pending->sheet = g_object_ref (sheet);
  pending->dialog = dialog ? g_object_ref (dialog) : NULL;
  g_object_set_data_full (G_OBJECT (chooser), "pending", pending, (GDestroyNotify) pending_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);

  destroy_chooser (state);
  state->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (state->chooser);
}

static void
export_pdf_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  MlgWindow *self = user_data;
  g_autofree char *file_name = NULL;
  g_autoptr(MlgSheet) sheet = NULL;

  mlg_window_commit_pending (self);
  sheet = mlg_window_build_current_sheet (self, &file_name);
  if (sheet)
    choose_file (self, GTK_WINDOW (self), _("Export Fact Sheet as PDF"), file_name, sheet, NULL);
}

/* ── The directory ───────────────────────────────────────────────────── */

static void
on_export_requested (MlgExportDialog *dialog,
                     MlgWindow       *self)
{
  g_autoptr(MlgSheet) sheet = mlg_export_dialog_build_sheet (dialog);
  g_autofree char *file_name = mlg_export_dialog_dup_file_name (dialog);

  if (sheet)
    choose_file (self, GTK_WINDOW (dialog), _("Export Directory as PDF"), file_name, sheet, dialog);
}

static void
export_annuaire_activated (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  MlgWindow *self = user_data;
  MlgDocument *document = mlg_window_get_document (self);
  g_autoptr(MlgRecord) structure = NULL;
  MlgExportDialog *dialog;

  if (document == NULL)
    return;
  mlg_window_commit_pending (self);
  /* The structure shown is ticked first, should they be chosen one by one. */
  if (current_sheet_kind (self, &structure) != SHEET_STRUCTURE)
    g_clear_object (&structure);

  dialog = mlg_export_dialog_new (GTK_WINDOW (self), document, structure);
  g_signal_connect_object (dialog, "export", G_CALLBACK (on_export_requested), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ── Construction ────────────────────────────────────────────────────── */

static void
on_window_destroy (MlgWindow *self)
{
  State *state = get_state (self);

  if (state == NULL)
    return;
  g_cancellable_cancel (state->cancellable);
  destroy_chooser (state);
  if (state->watched)
    g_signal_handlers_disconnect_by_func (state->watched, mlg_window_sheets_update, self);
  g_clear_weak_pointer (&state->watched);
}

static GSimpleAction *
add_action (MlgWindow  *self,
            const char *name,
            GCallback   activate)
{
  GSimpleAction *action = g_simple_action_new (name, NULL);

  g_signal_connect_object (action, "activate", activate, self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
  return action;
}

void
mlg_window_sheets_class_init (GtkWidgetClass *widget_class)
{
  /* The menu section whose labels say which sheet prints (not a field of
   * the window: it is fetched with gtk_widget_get_template_child()). */
  gtk_widget_class_bind_template_child_full (widget_class, "sheet_section", FALSE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-annuaire", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-annuaire", NULL);
}

void
mlg_window_sheets_init (MlgWindow *self)
{
  State *state = g_new0 (State, 1);
  GObject *section = gtk_widget_get_template_child (GTK_WIDGET (self), MLG_TYPE_WINDOW, "sheet_section");

  state->print = add_action (self, "print", G_CALLBACK (print_activated));
  state->export_pdf = add_action (self, "export-pdf", G_CALLBACK (export_pdf_activated));
  state->export_annuaire = add_action (self, "export-annuaire", G_CALLBACK (export_annuaire_activated));
  state->section = G_IS_MENU (section) ? G_MENU (section) : NULL;
  state->labelled = SHEET_NONE;
  state->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self), state_key, state, (GDestroyNotify) state_free);
  g_signal_connect (self, "destroy", G_CALLBACK (on_window_destroy), NULL);

  mlg_window_sheets_update (self);
}
