/* mlg-window.c — the main window: sidebar of pages, file commands
 *
 * The window owns the open MlgDocument and hands it to its pages: the
 * overview, one MlgRecordPage per kind and the problems. File commands
 * (open, save, save as, new) and the record commands (new, duplicate,
 * delete, undo, redo) are window actions bound to accelerators.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mlg-file-guard.h"
#include "mlg-overview-page.h"
#include "mlg-person-actions.h"
#include "mlg-problem.h"
#include "mlg-problems-page.h"
#include "mlg-record-page.h"
#include "mlg-schema.h"
#include "mlg-territories-page.h"
#include "mlg-ui-util.h"
#include "mlg-window-sheets.h"
#include "mlg-window.h"

#define MAX_LISTED_PROBLEMS 8
#define MAX_RECENT_FILES    10
/* as data/io.github.maillage.Maillage.mime.xml declares it */
#define MAILLAGE_MIME_TYPE  "application/x-maillage"

typedef struct {
  const char *name;
  const char *label;   /* N_() */
  const char *icon;
  int         kind;    /* MlgKindId, or -1 */
} SidebarEntry;

static const SidebarEntry sidebar_entries[] = {
  { "overview",       N_("Overview"),        "go-home-symbolic",                  -1 },
  { "structures",     N_("Structures"),      "network-workgroup-symbolic",        MLG_KIND_STRUCTURE },
  { "establishments", N_("Establishments"),  "mark-location-symbolic",            MLG_KIND_ESTABLISHMENT },
  { "people",         N_("People"),          "avatar-default-symbolic",           MLG_KIND_PERSON },
  { "poles",          N_("Poles"),           "view-grid-symbolic",                MLG_KIND_POLE },
  { "territories",    N_("Territories"),     "find-location-symbolic",            MLG_KIND_TERRITORY },
  { "projects",       N_("Projects"),        "applications-engineering-symbolic", MLG_KIND_PROJECT },
  { "events",         N_("Events"),          "x-office-calendar-symbolic",        MLG_KIND_EVENT },
  { "funding",        N_("Funding"),         "x-office-spreadsheet-symbolic",     MLG_KIND_FUNDING },
  { "services",       N_("Shared services"), "emblem-shared-symbolic",            MLG_KIND_SERVICE },
  { "problems",       N_("Problems"),        "dialog-warning-symbolic",           -1 },
};
#define N_ENTRIES G_N_ELEMENTS (sidebar_entries)

typedef void (*Continuation) (MlgWindow *self,
                              gpointer   data);

struct _MlgWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkStack             *stack;
  AdwWindowTitle       *window_title;

  GtkListBoxRow        *rows[N_ENTRIES];
  GtkLabel             *counts[N_ENTRIES];
  /* Made when first shown or asked for (ensure_page): a window that
   * opens shows its first frame without building pages nobody looks at. */
  GtkWidget            *pages[N_ENTRIES];
  /* Whether pages[i] holds the current document: a page gets it when it
   * is first shown (or asked for), not when the file opens. */
  gboolean              page_has_document[N_ENTRIES];
  GtkWidget            *territories_page;  /* shows pages[] of the territories */

  GSettings            *settings;
  MlgDocument          *document;
  MlgFileGuard         *file_guard;  /* lock, recovery, changed on disk */
  GtkNativeDialog      *chooser;
  GMenu                *file_section;  /* of the primary menu */
  GMenu                *recent_menu;   /* "Open Recent", in file_section when not empty */
  guint                 recent_idle;   /* reads the recent files once the window shows */

  /* What to do once the pending save succeeds (close, open, new). */
  Continuation          after_save;
  gpointer              after_save_data;
  GDestroyNotify        after_save_destroy;

  gboolean              close_confirmed;
  /* A save being written in a worker thread: edits wait (see
   * set_saving ()), and a close asked meanwhile waits for it. */
  gboolean              saving;
  guint                 saving_shown_source;  /* until "Saving…" shows */
  gboolean              close_when_saved;
  gboolean              selecting_row;

  /* A file being read in the background, and what shows meanwhile. */
  GCancellable         *loading;
  GtkWidget            *loading_view;
  AdwStatusPage        *loading_status;
};

G_DEFINE_FINAL_TYPE (MlgWindow, mlg_window, ADW_TYPE_APPLICATION_WINDOW)

static void save_document (MlgWindow *self, gboolean overwrite);
static GtkWidget *ensure_page (MlgWindow *self, guint index);
static void save_as (MlgWindow *self);
static void add_recent_file (GFile *file);

/* ── Helpers ─────────────────────────────────────────────────────────── */

static int
entry_index (const char *name)
{
  for (guint i = 0; i < N_ENTRIES; i++)
    if (g_strcmp0 (sidebar_entries[i].name, name) == 0)
      return i;
  return -1;
}

static int
kind_index (MlgKindId kind)
{
  for (guint i = 0; i < N_ENTRIES; i++)
    if (sidebar_entries[i].kind == (int) kind)
      return i;
  return -1;
}

static MlgRecordPage *
visible_record_page (MlgWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);
  if (MLG_IS_TERRITORIES_PAGE (child))
    return mlg_territories_page_get_visible_list (MLG_TERRITORIES_PAGE (child));
  return MLG_IS_RECORD_PAGE (child) ? MLG_RECORD_PAGE (child) : NULL;
}

static void
clear_after_save (MlgWindow *self)
{
  if (self->after_save_destroy && self->after_save_data)
    self->after_save_destroy (self->after_save_data);
  self->after_save = NULL;
  self->after_save_data = NULL;
  self->after_save_destroy = NULL;
}

static void
run_after_save (MlgWindow *self)
{
  Continuation cont = self->after_save;
  gpointer data = self->after_save_data;
  GDestroyNotify destroy = self->after_save_destroy;

  self->after_save = NULL;
  self->after_save_data = NULL;
  self->after_save_destroy = NULL;
  if (cont)
    cont (self, data);
  if (destroy && data)
    destroy (data);
}

void
mlg_window_commit_pending (MlgWindow *self)
{
  g_return_if_fail (MLG_IS_WINDOW (self));

  for (guint i = 0; i < N_ENTRIES; i++)
    {
      /* a page not made yet has nothing typed */
      if (MLG_IS_RECORD_PAGE (self->pages[i]))
        mlg_record_page_commit_pending (MLG_RECORD_PAGE (self->pages[i]));
      else if (MLG_IS_OVERVIEW_PAGE (self->pages[i]))
        mlg_overview_page_commit_pending (MLG_OVERVIEW_PAGE (self->pages[i]));
    }
}

/* ── Title, counts and action states ─────────────────────────────────── */

static void
update_title (MlgWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *title = NULL;
  GFile *file;

  if (self->document == NULL)
    return;

  file = mlg_document_get_file (self->document);
  if (file)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      name = g_file_get_basename (file);
      if (parent)
        {
          g_autofree char *parse_name = g_file_get_parse_name (parent);
          const char *home = g_get_home_dir ();
          if (g_str_has_prefix (parse_name, home) &&
              (parse_name[strlen (home)] == '/' || parse_name[strlen (home)] == '\0'))
            folder = g_strconcat ("~", parse_name + strlen (home), NULL);
          else
            folder = g_steal_pointer (&parse_name);
        }
    }
  else
    {
      const char *eco = mlg_record_get_title (mlg_document_get_ecosystem (self->document));
      name = g_strdup (eco && *eco ? eco : _("Untitled ecosystem"));
      folder = g_strdup (_("Not saved yet"));
    }

  if (mlg_document_get_dirty (self->document))
    title = g_strconcat ("• ", name, NULL);
  else
    title = g_strdup (name);
  if (self->file_guard && mlg_file_guard_is_read_only (self->file_guard))
    {
      /* Translators: %s is the window title (a file name) */
      g_autofree char *plain = g_strdup_printf (_("%s (read-only)"), title);
      g_free (title);
      title = g_steal_pointer (&plain);
    }

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  /* Translators: under the file name while the file is being written */
  adw_window_title_set_subtitle (self->window_title,
                                 self->saving && self->saving_shown_source == 0 ? _("Saving…") : folder);
}

static void
update_counts (MlgWindow *self)
{
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      guint n = 0;
      char *text;

      if (self->counts[i] == NULL)
        continue;
      if (self->document == NULL)
        n = 0;
      else if (sidebar_entries[i].kind >= 0)
        n = mlg_document_count (self->document, sidebar_entries[i].kind);
      else if (g_str_equal (sidebar_entries[i].name, "problems"))
        n = g_list_model_get_n_items (mlg_document_get_problems (self->document));
      text = mlg_ui_format_number ((double) n, MLG_FIELD_INTEGER);
      gtk_label_set_text (self->counts[i], text);
      g_free (text);
    }
}

static void
update_actions (MlgWindow *self)
{
  MlgRecordPage *page = visible_record_page (self);
  /* nothing changes the document while it is being written */
  gboolean has_doc = self->document != NULL && !self->saving;
  gboolean has_record = has_doc && page && mlg_record_page_get_selected (page) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 has_doc && mlg_document_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 has_doc && mlg_document_can_redo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-record", has_doc && page != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-record", has_record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-record", has_record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", page != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save",
                                 has_doc && !(self->file_guard &&
                                              mlg_file_guard_is_read_only (self->file_guard)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_doc);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-recent", !self->saving);
  mlg_window_sheets_update (self);
  mlg_person_actions_update (self);
}

static void
on_document_notify (MlgWindow *self)
{
  update_title (self);
  update_actions (self);
}

static void
on_file_notify (MlgWindow *self)
{
  GFile *file = self->document ? mlg_document_get_file (self->document) : NULL;

  if (file && self->settings)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_settings_set_string (self->settings, "last-file", uri);
    }
  /* opened or saved under a new name: offered again in Open Recent */
  if (file)
    add_recent_file (file);
  update_title (self);
}

static void
on_record_changed (MlgWindow  *self,
                   MlgRecord  *record,
                   const char *key)
{
  if (mlg_record_get_kind_id (record) == MLG_KIND_ECOSYSTEM)
    update_title (self);
}

/* ── Document ────────────────────────────────────────────────────────── */

MlgDocument *
mlg_window_get_document (MlgWindow *self)
{
  g_return_val_if_fail (MLG_IS_WINDOW (self), NULL);
  return self->document;
}

static void
disconnect_document (MlgWindow *self)
{
  if (self->document == NULL)
    return;
  for (guint k = 0; k < MLG_N_KINDS; k++)
    g_signal_handlers_disconnect_by_data (mlg_document_get_records (self->document, k), self);
  g_signal_handlers_disconnect_by_data (mlg_document_get_problems (self->document), self);
  g_signal_handlers_disconnect_by_data (self->document, self);
}

static void
set_page_document (MlgWindow   *self,
                   guint        index,
                   MlgDocument *document)
{
  GtkWidget *page = self->pages[index];

  if (page == NULL)
    return;
  if (MLG_IS_RECORD_PAGE (page))
    mlg_record_page_set_document (MLG_RECORD_PAGE (page), document);
  else if (MLG_IS_OVERVIEW_PAGE (page))
    mlg_overview_page_set_document (MLG_OVERVIEW_PAGE (page), document);
  else if (MLG_IS_PROBLEMS_PAGE (page))
    mlg_problems_page_set_document (MLG_PROBLEMS_PAGE (page), document);
  if (sidebar_entries[index].kind == MLG_KIND_TERRITORY && self->territories_page)
    mlg_territories_page_set_document (MLG_TERRITORIES_PAGE (self->territories_page), document);
}

/* Hands the current document to page @index if it does not hold it yet.
 * Filling a page (its list, sorted; the territories' tree and matrix)
 * costs time in proportion to the file: done for the page shown, and for
 * the others when they are first shown, so that opening a large file
 * never freezes the window for pages nobody looks at. */
static void
ensure_page_document (MlgWindow *self,
                      guint      index)
{
  ensure_page (self, index);
  if (self->page_has_document[index])
    return;
  self->page_has_document[index] = TRUE;
  set_page_document (self, index, self->document);
}

static void
set_pages_document (MlgWindow   *self,
                    MlgDocument *document)
{
  const char *visible = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < N_ENTRIES; i++)
    {
      gboolean shown = document && g_strcmp0 (visible, sidebar_entries[i].name) == 0;

      /* pages that held the previous document let it go at once */
      if (self->page_has_document[i] && !shown)
        set_page_document (self, i, NULL);
      self->page_has_document[i] = document == NULL;
      if (shown)
        ensure_page_document (self, i);
    }
}

void
mlg_window_set_document (MlgWindow   *self,
                         MlgDocument *document)
{
  g_return_if_fail (MLG_IS_WINDOW (self));
  g_return_if_fail (document == NULL || MLG_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  mlg_window_commit_pending (self);
  disconnect_document (self);
  g_set_object (&self->document, document);

  if (document)
    {
      for (guint k = 0; k < MLG_N_KINDS; k++)
        g_signal_connect_object (mlg_document_get_records (document, k), "items-changed",
                                 G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mlg_document_get_problems (document), "items-changed",
                               G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::dirty",
                               G_CALLBACK (on_document_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::can-undo",
                               G_CALLBACK (on_document_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::can-redo",
                               G_CALLBACK (on_document_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::file",
                               G_CALLBACK (on_file_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "record-changed",
                               G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
    }

  set_pages_document (self, document);
  if (self->file_guard)
    mlg_file_guard_set_document (self->file_guard, document);
  update_counts (self);
  on_file_notify (self);
  update_actions (self);
}

MlgFileGuard *
mlg_window_get_file_guard (MlgWindow *self)
{
  g_return_val_if_fail (MLG_IS_WINDOW (self), NULL);
  return self->file_guard;
}

static GPtrArray *
problems_of_severity (GPtrArray   *problems,
                      MlgSeverity  severity)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; problems && i < problems->len; i++)
    if (mlg_problem_get_severity (g_ptr_array_index (problems, i)) == severity)
      g_ptr_array_add (found, g_ptr_array_index (problems, i));
  return found;
}

static void
show_load_errors (MlgWindow  *self,
                  GFile      *file,
                  GError     *error,
                  GPtrArray  *problems)
{
  g_autoptr(GPtrArray) errors = problems_of_severity (problems, MLG_SEVERITY_ERROR);
  g_autofree char *basename = file ? g_file_get_basename (file) : g_strdup (_("the file"));
  g_autofree char *heading = NULL;
  GString *body = g_string_new (NULL);
  GtkWidget *dialog;

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Could Not Open “%s”"), basename);
  if (errors->len == 0)
    g_string_append (body, error ? error->message : _("The file could not be read."));
  else
    {
      g_string_append (body, g_dngettext (GETTEXT_PACKAGE, "The file has an error:",
                                          "The file has errors:", errors->len));
      for (guint i = 0; i < MIN (errors->len, MAX_LISTED_PROBLEMS); i++)
        {
          MlgProblem *problem = g_ptr_array_index (errors, i);
          g_autofree char *place = mlg_problem_describe_place (problem);

          g_string_append (body, "\n• ");
          if (*place)
            {
              g_string_append (body, place);
              /* Translators: between the place of a problem and its message */
              g_string_append (body, _(": "));
            }
          g_string_append (body, mlg_problem_get_message (problem));
        }
      if (errors->len > MAX_LISTED_PROBLEMS)
        {
          guint more = errors->len - MAX_LISTED_PROBLEMS;
          g_string_append (body, "\n");
          g_string_append_printf (body,
                                  g_dngettext (GETTEXT_PACKAGE, "…and %u more error.",
                                               "…and %u more errors.", more),
                                  more);
        }
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("The file was left untouched; the current ecosystem stays open."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_string_free (body, TRUE);
}

static MlgDocument *
load_file (MlgWindow *self,
           GFile     *file,
           gboolean   report_errors)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  MlgDocument *document;

  document = mlg_document_new_from_file (file, NULL, &problems, &error);
  if (document == NULL)
    {
      if (report_errors)
        show_load_errors (self, file, error, problems);
      else
        g_debug ("Could not open %s: %s", g_file_peek_path (file), error->message);
    }
  return document;
}

static void
announce_problems (MlgWindow *self)
{
  guint n = g_list_model_get_n_items (mlg_document_get_problems (self->document));
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (n == 0)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The file has %u problem",
                                       "The file has %u problems", n), n);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.show-page");
  adw_toast_set_action_target_value (toast, g_variant_new_string ("problems"));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ── Reading a file in the background ────────────────────────────────── */

typedef void (*LoadedFunc) (MlgWindow   *self,
                            GFile       *file,
                            MlgDocument *document);

typedef struct {
  MlgWindow  *window;
  GFile      *file;
  gboolean    report_errors;
  LoadedFunc  then;
} Loading;

static void
loading_free (Loading *loading)
{
  g_object_unref (loading->window);
  g_object_unref (loading->file);
  g_free (loading);
}

/* While a file is read, the window shows which and that it is busy: a
 * header bar (to move or close the window) and a still page, in place of
 * the sidebar and pages, which come back once the file is read. The
 * main loop keeps running, so the window never freezes. Nothing moves:
 * an animation (a pulsing bar, a spinner) asks for a frame 60 times a
 * second, and where the window is drawn in software each frame keeps
 * the main loop busy for 50 ms or more and slows the reading thread. */
static void
show_loading (MlgWindow *self,
              GFile     *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = g_strdup_printf (_("Opening “%s”…"), name);

  if (self->loading_view == NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "document-open-symbolic");
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Large files take a few seconds to read."));
      gtk_widget_set_vexpand (status, TRUE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_STATE_BUSY, TRUE, -1);
      gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
      gtk_box_append (GTK_BOX (box), status);
      self->loading_view = g_object_ref_sink (box);
      self->loading_status = ADW_STATUS_PAGE (status);
      g_object_ref (self->leaflet);
      adw_toast_overlay_set_child (self->toast_overlay, box);
    }
  adw_status_page_set_title (self->loading_status, title);
  /* for the header bar and the desktop's list of windows */
  gtk_window_set_title (GTK_WINDOW (self), name);
}

static void
hide_loading (MlgWindow *self)
{
  if (self->loading_view == NULL)
    return;
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->leaflet));
  g_object_unref (self->leaflet);
  self->loading_status = NULL;
  g_clear_object (&self->loading_view);
  update_title (self);
}

static void
on_document_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Loading *loading = user_data;
  MlgWindow *self = loading->window;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MlgDocument) document = mlg_document_load_finish (result, &problems, &error);

  if (self->loading == NULL || g_cancellable_is_cancelled (self->loading))
    {
      loading_free (loading);
      return;
    }
  g_clear_object (&self->loading);
  hide_loading (self);

  if (document == NULL)
    {
      if (loading->report_errors)
        show_load_errors (self, loading->file, error, problems);
      else
        g_debug ("Could not open %s: %s", g_file_peek_path (loading->file), error->message);
    }
  loading->then (self, loading->file, document);
  loading_free (loading);
}

static void
load_file_async (MlgWindow  *self,
                 GFile      *file,
                 gboolean    report_errors,
                 LoadedFunc  then)
{
  Loading *loading = g_new0 (Loading, 1);

  if (self->loading)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();

  loading->window = g_object_ref (self);
  loading->file = g_object_ref (file);
  loading->report_errors = report_errors;
  loading->then = then;
  show_loading (self, file);
  mlg_document_load_async (file, self->loading, on_document_loaded, loading);
}

static void
opened_in_background (MlgWindow   *self,
                      GFile       *file,
                      MlgDocument *document)
{
  if (document == NULL)
    {
      /* nothing to show yet: the example, rather than an empty window */
      if (self->document == NULL)
        mlg_window_open_example_copy (self);
      return;
    }
  mlg_window_set_document (self, document);
  mlg_window_show_page (self, "overview");
  announce_problems (self);
}

/* Opens @file without freezing the window: it shows a progress indication
 * until the file is read. On errors, the current document stays (or, in a
 * window that has none, a copy of the example opens). */
void
mlg_window_open_file_async (MlgWindow *self,
                            GFile     *file,
                            gboolean   report_errors)
{
  g_return_if_fail (MLG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  load_file_async (self, file, report_errors, opened_in_background);
}

gboolean
mlg_window_is_saving (MlgWindow *self)
{
  g_return_val_if_fail (MLG_IS_WINDOW (self), FALSE);
  return self->saving;
}

gboolean
mlg_window_is_loading (MlgWindow *self)
{
  return self->loading != NULL;
}

/* Opens @file in this window, replacing the current document without
 * asking. Returns FALSE (and keeps the current document) on errors. */
gboolean
mlg_window_open_file (MlgWindow *self,
                      GFile     *file,
                      gboolean   report_errors)
{
  g_autoptr(MlgDocument) document = NULL;

  g_return_val_if_fail (MLG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  document = load_file (self, file, report_errors);
  if (document == NULL)
    return FALSE;
  mlg_window_set_document (self, document);
  mlg_window_show_page (self, "overview");
  announce_problems (self);
  return TRUE;
}

/* A copy of the bundled example, without a file: saving asks where. */
gboolean
mlg_window_open_example_copy (MlgWindow *self)
{
  g_autoptr(GFile) example = mlg_ui_find_example ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (example)
    bytes = g_file_load_bytes (example, NULL, NULL, &error);
  if (bytes)
    document = mlg_document_new_from_bytes (bytes, NULL, &error);
  if (document == NULL)
    {
      if (error)
        g_debug ("Could not open the example: %s", error->message);
      document = mlg_document_new ();
    }
  mlg_window_set_document (self, document);
  mlg_window_show_page (self, "overview");
  return example != NULL && bytes != NULL;
}

/* ── Unsaved changes ─────────────────────────────────────────────────── */

static void
on_save_changes_response (AdwMessageDialog *dialog,
                          const char       *response,
                          MlgWindow        *self)
{
  if (g_str_equal (response, "discard"))
    {
      mlg_file_guard_discard_changes (self->file_guard);
      run_after_save (self);
    }
  else if (g_str_equal (response, "save"))
    save_document (self, FALSE);
  else
    clear_after_save (self);
}

/* Runs @cont once the current document's changes are saved or discarded;
 * drops it when the person cancels. */
static void
maybe_save_changes (MlgWindow      *self,
                    Continuation    cont,
                    gpointer        data,
                    GDestroyNotify  destroy)
{
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  mlg_window_commit_pending (self);
  clear_after_save (self);
  self->after_save = cont;
  self->after_save_data = data;
  self->after_save_destroy = destroy;

  if (self->document == NULL || !mlg_document_get_dirty (self->document))
    {
      run_after_save (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"),
                                   _("The ecosystem has unsaved changes. Changes which are not saved will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_changes_response),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ── Saving ──────────────────────────────────────────────────────────── */

gboolean
mlg_window_save_to_file (MlgWindow  *self,
                         GFile      *file,
                         GError    **error)
{
  g_return_val_if_fail (MLG_IS_WINDOW (self), FALSE);

  mlg_window_commit_pending (self);
  return mlg_document_save (self->document, file, FALSE, NULL, error);
}

static void
on_changed_on_disk_response (AdwMessageDialog *dialog,
                             const char       *response,
                             MlgWindow        *self)
{
  if (g_str_equal (response, "overwrite"))
    save_document (self, TRUE);
  else if (g_str_equal (response, "copy"))
    save_as (self);
  else if (g_str_equal (response, "reload"))
    {
      clear_after_save (self);
      mlg_file_guard_reload (self->file_guard, FALSE);
    }
  else
    clear_after_save (self);
}

static void
on_save_error_response (AdwMessageDialog *dialog,
                        const char       *response,
                        MlgWindow        *self)
{
  if (g_str_equal (response, "save-as"))
    save_as (self);
}

static void
show_save_error (MlgWindow *self,
                 GError    *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save"), NULL);

  /* The file on disk is intact and the document still dirty. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", error->message,
                                  _("Your changes are still here, unsaved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save-as", _("Save _As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save-as",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_error_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void on_document_saved (GObject *source, GAsyncResult *result, gpointer user_data);

/* While a save is written (a second on a large file), the window keeps
 * running but nothing may change the document: the content takes no
 * pointer or key input and the actions that change it are off. Nothing
 * is restyled for it (greying the whole window out costs a frame of
 * 50 ms or more where it is drawn in software, even for a save of a few
 * milliseconds); the title says "Saving…" once a save lasts. */
#define SAVING_SHOWN_AFTER_MS 300

static gboolean
swallow_keys (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              MlgWindow             *self)
{
  return self->saving;
}

static gboolean
show_saving (gpointer data)
{
  MlgWindow *self = data;

  self->saving_shown_source = 0;
  update_title (self);
  return G_SOURCE_REMOVE;
}

static void
set_saving (MlgWindow *self,
            gboolean   saving)
{
  if (self->saving == saving)
    return;
  self->saving = saving;
  gtk_widget_set_can_target (GTK_WIDGET (self->leaflet), !saving);
  g_clear_handle_id (&self->saving_shown_source, g_source_remove);
  if (saving)
    self->saving_shown_source = g_timeout_add (SAVING_SHOWN_AFTER_MS, show_saving, self);
  else
    update_title (self);
  update_actions (self);
}

/* Saves the document to @file (NULL: its own) in a worker thread. */
static void
start_saving (MlgWindow *self,
              GFile     *file,
              gboolean   overwrite)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  g_return_if_fail (!self->saving);

  mlg_window_commit_pending (self);
  set_saving (self, TRUE);
  /* the app stays until the file is written, even if its window closes */
  if (app)
    g_application_hold (app);
  mlg_document_save_async (self->document, file, overwrite, NULL, on_document_saved, g_object_ref (self));
}

static void
show_changed_on_disk (MlgWindow *self,
                      GError    *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("File Changed on Disk"),
                                              error->message);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", error->message,
                                  _("Overwriting replaces the other changes with yours; saving a copy keeps both; reloading shows theirs and drops yours."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "copy", _("Save a _Copy…"),
                                    "reload", _("_Reload Theirs"),
                                    "overwrite", _("_Overwrite"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_changed_on_disk_response),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_document_saved (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MlgWindow) self = user_data;
  MlgDocument *document = MLG_DOCUMENT (source);
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GError) error = NULL;
  gboolean saved = mlg_document_save_finish (document, result, &error);

  if (app)
    g_application_release (app);
  if (document != self->document)
    {
      self->saving = FALSE;
      return;  /* the window was destroyed meanwhile */
    }
  set_saving (self, FALSE);

  if (saved)
    {
      run_after_save (self);
      if (self->close_when_saved)
        gtk_window_close (GTK_WINDOW (self));
      return;
    }
  self->close_when_saved = FALSE;
  if (g_error_matches (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_NO_FILE))
    save_as (self);
  else if (g_error_matches (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_CHANGED_ON_DISK))
    show_changed_on_disk (self, error);
  else
    {
      show_save_error (self, error);
      clear_after_save (self);
    }
}

static void
save_document (MlgWindow *self,
               gboolean   overwrite)
{
  if (mlg_file_guard_is_read_only (self->file_guard))
    {
      /* opened read-only: only a copy can be saved */
      mlg_window_commit_pending (self);
      save_as (self);
      return;
    }
  start_saving (self, NULL, overwrite);
}

static GtkFileFilter *
maillage_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Maillage ecosystems"));
  gtk_file_filter_add_pattern (filter, "*.maillage");
  gtk_file_filter_add_mime_type (filter, MAILLAGE_MIME_TYPE);
  return filter;
}

static void
on_save_as_response (GtkNativeDialog *chooser,
                     int              response,
                     MlgWindow       *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    {
      clear_after_save (self);
      return;
    }

  start_saving (self, file, FALSE);
}

static void
save_as (MlgWindow *self)
{
  g_autoptr(GtkFileFilter) filter = maillage_filter ();
  GFile *current = self->document ? mlg_document_get_file (self->document) : NULL;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save Ecosystem"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (current)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), current, NULL);
  else
    {
      const char *eco = mlg_record_get_title (mlg_document_get_ecosystem (self->document));
      g_autofree char *name = g_strdup_printf ("%s.maillage",
                                               eco && *eco ? eco : _("Ecosystem"));
      g_strdelimit (name, "/\\:", '-');
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_as_response), self, 0);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* ── Recent files ────────────────────────────────────────────────────── */

static void
add_recent_file (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .mime_type = (char *) MAILLAGE_MIME_TYPE,
    .app_name = (char *) "Maillage",
    .app_exec = (char *) "maillage %u",
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static gboolean
is_recent_ecosystem (GtkRecentInfo *info)
{
  const char *mime_type = gtk_recent_info_get_mime_type (info);

  return (g_strcmp0 (mime_type, MAILLAGE_MIME_TYPE) == 0 ||
          g_str_has_suffix (gtk_recent_info_get_uri (info), ".maillage")) &&
         gtk_recent_info_exists (info);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = (GtkRecentInfo *) a;
  GtkRecentInfo *info_b = (GtkRecentInfo *) b;

  /* the last used first */
  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

/* A menu label shows its text literally: underscores are not mnemonics. */
static char *
menu_label (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);
  return g_strjoinv ("__", parts);
}

static char *
recent_label (GtkRecentInfo *info,
              GList         *shown)
{
  const char *name = gtk_recent_info_get_display_name (info);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;
  gboolean twice = FALSE;

  /* two files of the same name say which folder they are in */
  for (GList *l = shown; l; l = l->next)
    if (l->data != info && g_strcmp0 (gtk_recent_info_get_display_name (l->data), name) == 0)
      twice = TRUE;
  if (!twice)
    return menu_label (name);

  file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
  parent = g_file_get_parent (file);
  folder = parent ? g_file_get_parse_name (parent) : g_strdup ("");
  /* Translators: a recent file in a menu: "ptce.maillage (~/Documents)" */
  text = g_strdup_printf (_("%s (%s)"), name, folder);
  return menu_label (text);
}

static void
update_recent_menu (MlgWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  GList *shown = NULL;
  guint n = 0;
  int position = -1;

  for (GList *l = items; l; l = l->next)
    if (is_recent_ecosystem (l->data))
      shown = g_list_prepend (shown, l->data);
  shown = g_list_sort (shown, compare_recent);

  g_menu_remove_all (self->recent_menu);
  for (GList *l = shown; l && n < MAX_RECENT_FILES; l = l->next, n++)
    {
      g_autofree char *label = recent_label (l->data, shown);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (l->data)));
      g_menu_append_item (self->recent_menu, item);
    }

  /* "Open Recent" only when there is something to open */
  for (int i = 0; i < g_menu_model_get_n_items (G_MENU_MODEL (self->file_section)); i++)
    {
      g_autoptr(GMenuModel) link = g_menu_model_get_item_link (G_MENU_MODEL (self->file_section),
                                                               i, G_MENU_LINK_SUBMENU);
      if (link == G_MENU_MODEL (self->recent_menu))
        position = i;
    }
  if (n > 0 && position < 0)
    g_menu_insert_submenu (self->file_section, 2, _("Open _Recent"), G_MENU_MODEL (self->recent_menu));
  else if (n == 0 && position >= 0)
    g_menu_remove (self->file_section, position);

  g_list_free (shown);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* The desktop's list of recent files can be long: it is read when the
 * main loop is idle rather than before the window's first frame. */
static void
follow_recent_files (MlgWindow *self)
{
  if (self->recent_menu)
    return;
  g_clear_handle_id (&self->recent_idle, g_source_remove);
  self->recent_menu = g_menu_new ();
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);
}

static gboolean
follow_recent_files_idle (gpointer data)
{
  MlgWindow *self = data;

  self->recent_idle = 0;
  follow_recent_files (self);
  return G_SOURCE_REMOVE;
}

/* The menu of recent files (the submenu itself, also when it is not in
 * the primary menu because it is empty). */
GMenuModel *
mlg_window_get_recent_menu (MlgWindow *self)
{
  g_return_val_if_fail (MLG_IS_WINDOW (self), NULL);
  follow_recent_files (self);
  return G_MENU_MODEL (self->recent_menu);
}

/* ── Opening ─────────────────────────────────────────────────────────── */

static void
replace_document (MlgWindow *self,
                  gpointer   data)
{
  MlgDocument *document = data;

  mlg_window_set_document (self, document);
  mlg_window_show_page (self, "overview");
  announce_problems (self);
}

static void
chosen_file_loaded (MlgWindow   *self,
                    GFile       *file,
                    MlgDocument *document)
{
  if (document)
    maybe_save_changes (self, replace_document, g_object_ref (document), g_object_unref);
}

static void
on_open_response (GtkNativeDialog *chooser,
                  int              response,
                  MlgWindow       *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  /* Read it first: a file with errors leaves the current document alone. */
  load_file_async (self, file, TRUE, chosen_file_loaded);
}

static void
action_open (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MlgWindow *self = MLG_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = maillage_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = gtk_file_chooser_native_new (_("Open Ecosystem"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_open_response), self, 0);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
recent_file_loaded (MlgWindow   *self,
                    GFile       *file,
                    MlgDocument *document)
{
  if (document == NULL && !g_file_query_exists (file, NULL))
    {
      /* gone: no use offering it again */
      g_autofree char *uri = g_file_get_uri (file);
      gtk_recent_manager_remove_item (gtk_recent_manager_get_default (), uri, NULL);
    }
  chosen_file_loaded (self, file, document);
}

/* Opens a file of Open Recent: as Open does, it is read first, then the
 * unsaved changes are saved or discarded. */
static void
action_open_recent (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MlgWindow *self = MLG_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  load_file_async (self, file, TRUE, recent_file_loaded);
}

static void
new_document_now (MlgWindow *self,
                  gpointer   data)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();

  mlg_window_set_document (self, document);
  mlg_window_show_page (self, "overview");
  mlg_overview_page_set_editing (MLG_OVERVIEW_PAGE (ensure_page (self, entry_index ("overview"))),
                                 TRUE, "name");
}

/* Replaces the document with an empty ecosystem, once unsaved changes are
 * saved or discarded. */
void
mlg_window_new_document (MlgWindow *self)
{
  g_return_if_fail (MLG_IS_WINDOW (self));
  maybe_save_changes (self, new_document_now, NULL, NULL);
}

static void
action_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MlgWindow *self = MLG_WINDOW (widget);

  clear_after_save (self);
  save_document (self, FALSE);
}

static void
action_save_as (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MlgWindow *self = MLG_WINDOW (widget);

  clear_after_save (self);
  mlg_window_commit_pending (self);
  save_as (self);
}

/* ── Pages and records ───────────────────────────────────────────────── */

void
mlg_window_show_page (MlgWindow  *self,
                      const char *name)
{
  int index = entry_index (name);

  g_return_if_fail (MLG_IS_WINDOW (self));
  g_return_if_fail (index >= 0);

  gtk_list_box_select_row (self->sidebar_list, self->rows[index]);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

const char *
mlg_window_get_visible_page (MlgWindow *self)
{
  g_return_val_if_fail (MLG_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
mlg_window_get_page (MlgWindow  *self,
                     const char *name)
{
  int index = entry_index (name);

  g_return_val_if_fail (MLG_IS_WINDOW (self), NULL);
  if (index < 0)
    return NULL;
  /* whoever asks for a page gets it filled */
  ensure_page_document (self, index);
  return self->pages[index];
}

GSettings *
mlg_window_get_settings (MlgWindow *self)
{
  g_return_val_if_fail (MLG_IS_WINDOW (self), NULL);
  return self->settings;
}

void
mlg_window_add_toast (MlgWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (MLG_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
mlg_window_show_record (MlgWindow  *self,
                        MlgRecord  *record,
                        const char *field_key)
{
  MlgKindId kind;
  int index;

  g_return_if_fail (MLG_IS_WINDOW (self));
  g_return_if_fail (MLG_IS_RECORD (record));

  kind = mlg_record_get_kind_id (record);
  if (kind == MLG_KIND_ECOSYSTEM)
    {
      mlg_window_show_page (self, "overview");
      mlg_overview_page_set_editing (MLG_OVERVIEW_PAGE (ensure_page (self, entry_index ("overview"))),
                                     TRUE, field_key);
      return;
    }

  index = kind_index (kind);
  g_return_if_fail (index >= 0);
  mlg_window_show_page (self, sidebar_entries[index].name);
  ensure_page_document (self, index);
  if (kind == MLG_KIND_TERRITORY && self->territories_page)
    mlg_territories_page_set_view (MLG_TERRITORIES_PAGE (self->territories_page), "list");
  mlg_record_page_select_record (MLG_RECORD_PAGE (self->pages[index]), record, field_key);
}

static void
on_sidebar_row_selected (GtkListBox    *list,
                         GtkListBoxRow *row,
                         MlgWindow     *self)
{
  int index;

  if (row == NULL)
    return;
  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= N_ENTRIES)
    return;

  /* Nothing typed is lost when leaving a page. */
  mlg_window_commit_pending (self);
  ensure_page_document (self, index);  /* makes the page the first time */
  gtk_stack_set_visible_child_name (self->stack, sidebar_entries[index].name);
}

static void
on_sidebar_row_activated (GtkListBox    *list,
                          GtkListBoxRow *row,
                          MlgWindow     *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
on_open_record (MlgWindow *self,
                MlgRecord *record,
                GtkWidget *page)
{
  mlg_window_show_record (self, record, NULL);
}

static void
on_activate_problem (MlgWindow  *self,
                     MlgProblem *problem,
                     GtkWidget  *page)
{
  MlgRecord *record;

  if (!mlg_problem_has_record (problem))
    return;
  record = mlg_document_lookup_kind (self->document, mlg_problem_get_kind (problem),
                                     mlg_problem_get_record_id (problem));
  if (record == NULL && mlg_problem_get_kind (problem) == MLG_KIND_ECOSYSTEM)
    record = mlg_document_get_ecosystem (self->document);
  if (record)
    mlg_window_show_record (self, record, mlg_problem_get_field (problem));
}

/* ── Record actions ──────────────────────────────────────────────────── */

static void
action_show_page (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  const char *name = g_variant_get_string (param, NULL);

  if (entry_index (name) >= 0)
    mlg_window_show_page (MLG_WINDOW (widget), name);
}

static void
action_back (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MlgWindow *self = MLG_WINDOW (widget);

  mlg_window_commit_pending (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
action_new_record (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  MlgWindow *self = MLG_WINDOW (widget);
  MlgRecordPage *page = visible_record_page (self);
  MlgRecord *record;

  if (page == NULL || self->document == NULL)
    return;
  mlg_window_commit_pending (self);
  record = mlg_document_add_record (self->document, mlg_record_page_get_kind (page), NULL);
  mlg_record_page_select_record (page, record,
                                 mlg_kind_title_field (mlg_record_get_kind (record))->key);
}

static void
action_duplicate_record (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  MlgWindow *self = MLG_WINDOW (widget);
  MlgRecordPage *page = visible_record_page (self);
  MlgRecord *record = page ? mlg_record_page_get_selected (page) : NULL;
  MlgRecord *copy;

  if (record == NULL)
    return;
  mlg_window_commit_pending (self);
  copy = mlg_document_duplicate_record (self->document, record);
  mlg_record_page_select_record (page, copy, NULL);
}

static void
action_delete_record (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MlgWindow *self = MLG_WINDOW (widget);
  MlgRecordPage *page = visible_record_page (self);
  MlgRecord *record = page ? mlg_record_page_get_selected (page) : NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *text = NULL;
  AdwToast *deleted;

  if (record == NULL)
    return;
  mlg_window_commit_pending (self);

  escaped = g_markup_escape_text (mlg_ui_record_title (record), -1);
  /* Translators: %s is the name of a deleted record */
  text = g_strdup_printf (_("“%s” deleted"), escaped);
  mlg_document_remove_record (self->document, record);

  deleted = adw_toast_new (text);
  adw_toast_set_button_label (deleted, _("_Undo"));
  adw_toast_set_action_name (deleted, "win.undo");
  adw_toast_set_priority (deleted, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, deleted);
}

static void
on_records_added (GListModel *records,
                  guint       position,
                  guint       removed,
                  guint       added,
                  MlgRecord **first)
{
  if (added > 0 && *first == NULL)
    *first = g_list_model_get_item (records, position);
}

/* Undoes (or redoes) the last change; when that brings a record back (a
 * deletion undone, an addition redone), the window shows it, selected in
 * its list. */
static void
undo_or_redo (MlgWindow *self,
              gboolean   undo)
{
  g_autoptr(MlgRecord) restored = NULL;
  gulong handlers[MLG_N_KINDS];

  mlg_window_commit_pending (self);
  if (self->document == NULL ||
      !(undo ? mlg_document_can_undo (self->document) : mlg_document_can_redo (self->document)))
    return;

  for (guint k = 0; k < MLG_N_KINDS; k++)
    handlers[k] = g_signal_connect (mlg_document_get_records (self->document, k), "items-changed",
                                    G_CALLBACK (on_records_added), &restored);
  if (undo)
    mlg_document_undo (self->document);
  else
    mlg_document_redo (self->document);
  for (guint k = 0; k < MLG_N_KINDS; k++)
    g_signal_handler_disconnect (mlg_document_get_records (self->document, k), handlers[k]);

  if (restored && mlg_record_get_kind_id (restored) != MLG_KIND_ECOSYSTEM &&
      mlg_document_lookup_kind (self->document, mlg_record_get_kind_id (restored),
                                mlg_record_get_id (restored)) == restored)
    mlg_window_show_record (self, restored, NULL);
}

static void
action_undo (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  undo_or_redo (MLG_WINDOW (widget), TRUE);
}

static void
action_redo (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  undo_or_redo (MLG_WINDOW (widget), FALSE);
}

static void
action_search (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MlgRecordPage *page = visible_record_page (MLG_WINDOW (widget));

  if (page)
    mlg_record_page_focus_search (page);
}

/* ── Window state ────────────────────────────────────────────────────── */

static void
save_window_state (MlgWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
restore_window_state (MlgWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 294));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
close_now (MlgWindow *self,
           gpointer   data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
mlg_window_close_request (GtkWindow *window)
{
  MlgWindow *self = MLG_WINDOW (window);

  if (self->saving)
    {
      /* closes once the file is written */
      self->close_when_saved = TRUE;
      return TRUE;
    }
  mlg_window_commit_pending (self);
  if (!self->close_confirmed && self->document && mlg_document_get_dirty (self->document))
    {
      maybe_save_changes (self, close_now, NULL, NULL);
      return TRUE;
    }

  save_window_state (self);
  return GTK_WINDOW_CLASS (mlg_window_parent_class)->close_request (window);
}

/* ── Construction ────────────────────────────────────────────────────── */

static GtkWidget *
create_page (MlgWindow          *self,
             const SidebarEntry *entry)
{
  GtkWidget *page;

  if (entry->kind >= 0)
    {
      page = mlg_record_page_new (entry->kind);
      g_signal_connect_object (page, "notify::selected-record",
                               G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mlg_record_page_get_editor (MLG_RECORD_PAGE (page)), "open-record",
                               G_CALLBACK (on_open_record), self, G_CONNECT_SWAPPED);
    }
  else if (g_str_equal (entry->name, "overview"))
    {
      page = mlg_overview_page_new ();
      g_signal_connect_object (mlg_overview_page_get_editor (MLG_OVERVIEW_PAGE (page)), "open-record",
                               G_CALLBACK (on_open_record), self, G_CONNECT_SWAPPED);
    }
  else
    {
      page = mlg_problems_page_new ();
      g_signal_connect_object (page, "activate-problem",
                               G_CALLBACK (on_activate_problem), self, G_CONNECT_SWAPPED);
    }

  g_object_bind_property (self->leaflet, "folded", page, "show-back-button",
                          G_BINDING_SYNC_CREATE);
  return page;
}

/* The territories' record page is the "List" view of their own page,
 * beside the hierarchy and the coverage matrix. */
static GtkWidget *
create_territories_page (MlgWindow *self,
                         GtkWidget *list_page)
{
  GtkWidget *page = mlg_territories_page_new (MLG_RECORD_PAGE (list_page));

  g_signal_connect_object (page, "open-record", G_CALLBACK (on_open_record), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::view", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  /* the territory shown in the hierarchy changes what prints */
  g_signal_connect_object (mlg_territories_page_get_territory_view (MLG_TERRITORIES_PAGE (page)),
                           "notify::territory", G_CALLBACK (mlg_window_sheets_update), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->leaflet, "folded", page, "show-back-button", G_BINDING_SYNC_CREATE);
  return page;
}

static void
build_sidebar (MlgWindow *self)
{
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      const SidebarEntry *entry = &sidebar_entries[i];
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name (entry->icon);
      GtkWidget *label = gtk_label_new (_(entry->label));
      gboolean counted = !g_str_equal (entry->name, "overview");

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      if (counted)
        {
          GtkWidget *count = gtk_label_new (NULL);
          gtk_widget_add_css_class (count, "dim-label");
          gtk_widget_add_css_class (count, "numeric");
          gtk_widget_add_css_class (count, "sidebar-count");
          gtk_box_append (GTK_BOX (box), count);
          self->counts[i] = GTK_LABEL (count);
        }
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                      -1);
      gtk_list_box_append (self->sidebar_list, row);
      self->rows[i] = GTK_LIST_BOX_ROW (row);

      if (g_str_equal (entry->name, "problems"))
        {
          /* Keep the problems apart from the kinds. */
          gtk_widget_add_css_class (row, "problems-row");
        }
    }
}

/* Page @index, made and put in the stack the first time it is needed. */
static GtkWidget *
ensure_page (MlgWindow *self,
             guint      index)
{
  const SidebarEntry *entry = &sidebar_entries[index];

  g_return_val_if_fail (index < N_ENTRIES, NULL);
  if (self->pages[index])
    return self->pages[index];

  self->pages[index] = create_page (self, entry);
  /* it holds no document yet: it gets the window's when shown */
  self->page_has_document[index] = self->document == NULL;
  if (entry->kind == MLG_KIND_TERRITORY)
    {
      self->territories_page = create_territories_page (self, self->pages[index]);
    }
  gtk_stack_add_titled (self->stack,
                        entry->kind == MLG_KIND_TERRITORY ? self->territories_page : self->pages[index],
                        entry->name, _(entry->label));
  return self->pages[index];
}

static void
on_visible_page_changed (MlgWindow *self)
{
  int index = entry_index (gtk_stack_get_visible_child_name (self->stack));

  if (index >= 0)
    ensure_page_document (self, index);
  update_actions (self);
}

static void
mlg_window_dispose (GObject *object)
{
  MlgWindow *self = MLG_WINDOW (object);

  if (self->loading)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  hide_loading (self);
  clear_after_save (self);
  if (self->chooser)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  disconnect_document (self);
  if (self->file_guard)
    g_object_run_dispose (G_OBJECT (self->file_guard));
  g_clear_object (&self->file_guard);
  if (self->document)
    set_pages_document (self, NULL);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_handle_id (&self->recent_idle, g_source_remove);
  g_clear_handle_id (&self->saving_shown_source, g_source_remove);
  g_clear_object (&self->recent_menu);

  gtk_widget_dispose_template (GTK_WIDGET (self), MLG_TYPE_WINDOW);

  G_OBJECT_CLASS (mlg_window_parent_class)->dispose (object);
}

static void
mlg_window_class_init (MlgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mlg_window_dispose;
  window_class->close_request = mlg_window_close_request;

  g_type_ensure (MLG_TYPE_RECORD_PAGE);
  g_type_ensure (MLG_TYPE_OVERVIEW_PAGE);
  g_type_ensure (MLG_TYPE_PROBLEMS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/maillage/Maillage/mlg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MlgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MlgWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MlgWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, MlgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MlgWindow, window_title);
  gtk_widget_class_bind_template_child_full (widget_class, "file_section", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", action_show_page);
  gtk_widget_class_install_action (widget_class, "win.back-to-sidebar", NULL, action_back);
  gtk_widget_class_install_action (widget_class, "win.new-record", NULL, action_new_record);
  gtk_widget_class_install_action (widget_class, "win.duplicate-record", NULL, action_duplicate_record);
  gtk_widget_class_install_action (widget_class, "win.delete-record", NULL, action_delete_record);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, action_redo);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, action_open);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", action_open_recent);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, action_save_as);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, action_search);

  /* Shortcuts that also work without a GtkApplication (tests, or before
   * the application sets its accelerators). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.duplicate-record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);

  /* Print and export (mlg-window-sheets.c). */
  mlg_window_sheets_class_init (widget_class);
  /* Export or erase the selected person (mlg-person-actions.c). */
  mlg_person_actions_class_init (widget_class);
}

static void
mlg_window_init (MlgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* no document yet, and every page shows none */
  for (guint i = 0; i < N_ENTRIES; i++)
    self->page_has_document[i] = TRUE;
  build_sidebar (self);
  g_signal_connect (self->sidebar_list, "row-selected", G_CALLBACK (on_sidebar_row_selected), self);
  g_signal_connect (self->sidebar_list, "row-activated", G_CALLBACK (on_sidebar_row_activated), self);
  g_signal_connect_swapped (self->stack, "notify::visible-child",
                            G_CALLBACK (on_visible_page_changed), self);
  gtk_list_box_select_row (self->sidebar_list, self->rows[0]);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  mlg_window_sheets_init (self);

  self->file_section = G_MENU (gtk_widget_get_template_child (GTK_WIDGET (self), MLG_TYPE_WINDOW,
                                                              "file_section"));
  self->recent_idle = g_idle_add_full (G_PRIORITY_LOW, follow_recent_files_idle, self, NULL);

  /* keys typed while a save is written go nowhere (see set_saving ()) */
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (swallow_keys), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  /* The "changed by someone else" bar, above the pages. */
  self->file_guard = mlg_file_guard_new (self);
  gtk_box_prepend (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->stack))),
                   mlg_file_guard_get_bar (self->file_guard));
  g_signal_connect_object (self->file_guard, "notify::read-only",
                           G_CALLBACK (on_document_notify), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

MlgWindow *
mlg_window_new (AdwApplication *application,
                GSettings      *settings)
{
  MlgWindow *self = g_object_new (MLG_TYPE_WINDOW,
                                  "application", application,
                                  NULL);

  if (settings)
    {
      self->settings = g_object_ref (settings);
      restore_window_state (self);
    }
  return self;
}
