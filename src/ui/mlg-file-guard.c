/* mlg-file-guard.c — what keeps a window's open file safe
 *
 * Coordinators keep their ecosystem on shared drives: two people may open
 * it at once, and a crash must not lose an afternoon of typing. For the
 * document of one window, the guard
 *   - watches the file and, when someone else saved it, shows a bar that
 *     offers to reload it (or to keep one's own version: the next save
 *     then asks, see save_document () in mlg-window.c);
 *   - takes the lock note beside the file and, when someone else has it
 *     open, asks whether to open it read-only, anyway, or not at all;
 *   - keeps an MlgRecovery of the unsaved changes.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mlg-file-guard.h"
#include "mlg-lock.h"

struct _MlgFileGuard
{
  GObject           parent_instance;

  MlgWindow        *window;      /* weak */
  MlgDocument      *document;
  MlgDocument      *previous;    /* shown again when opening is cancelled */
  GFile            *file;        /* the file watched and locked */
  GFileMonitor     *monitor;
  MlgLock          *lock;
  MlgRecovery      *recovery;
  MlgRecovery      *restoring;   /* adopted by the next set_document () */
  gboolean          read_only;

  GtkWidget        *bar;         /* GtkRevealer */
  GtkLabel         *bar_label;
  AdwMessageDialog *dialog;      /* weak */
};

enum {
  PROP_0,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MlgFileGuard, mlg_file_guard, G_TYPE_OBJECT)

static void
set_read_only (MlgFileGuard *self,
               gboolean      read_only)
{
  if (self->read_only == read_only)
    return;
  self->read_only = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

static void
set_dialog (MlgFileGuard     *self,
            AdwMessageDialog *dialog)
{
  if (self->dialog)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static char *
file_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info)
    return g_strdup (g_file_info_get_display_name (info));
  return g_file_get_basename (file);
}

/* ── The "changed by someone else" bar ───────────────────────────────── */

static void
hide_bar (MlgFileGuard *self)
{
  if (self->bar)
    gtk_revealer_set_reveal_child (GTK_REVEALER (self->bar), FALSE);
}

/* Hidden, the bar takes no room: not even its width in a narrow window. */
static void
on_child_revealed (GtkRevealer *revealer)
{
  if (!gtk_revealer_get_child_revealed (revealer) && !gtk_revealer_get_reveal_child (revealer))
    gtk_widget_set_visible (GTK_WIDGET (revealer), FALSE);
}

static void
check_disk (MlgFileGuard *self)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  /* while our own save is written, the file on disk is ours */
  if (self->document == NULL || self->file == NULL || mlg_document_is_saving (self->document) ||
      !mlg_document_changed_on_disk (self->document, NULL))
    return;
  name = file_display_name (self->file);
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("“%s” was changed by someone else."), name);
  gtk_label_set_text (self->bar_label, text);
  gtk_widget_set_visible (self->bar, TRUE);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->bar), TRUE);
}

static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 MlgFileGuard      *self)
{
  /* Our own saves are told apart by mlg_document_changed_on_disk (). */
  if (event == G_FILE_MONITOR_EVENT_CHANGED || event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;  /* wait for CHANGES_DONE_HINT or the rename of an atomic write */
  check_disk (self);
}

static void
on_keep_mine (MlgFileGuard *self)
{
  hide_bar (self);
}

static void
on_reload_clicked (MlgFileGuard *self)
{
  mlg_file_guard_reload (self, TRUE);
}

static GtkWidget *
build_bar (MlgFileGuard *self)
{
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *keep = gtk_button_new_with_mnemonic (_("_Keep Mine"));
  GtkWidget *reload = gtk_button_new_with_mnemonic (_("_Reload"));

  gtk_revealer_set_transition_type (GTK_REVEALER (revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_add_css_class (box, "file-guard-bar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("File changed on disk"), -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (keep, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (reload, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reload, "suggested-action");
  gtk_widget_set_tooltip_text (keep, _("Keep your version; saving will ask before replacing theirs"));
  gtk_widget_set_tooltip_text (reload, _("Show their version instead"));
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), keep);
  gtk_box_append (GTK_BOX (box), reload);
  gtk_revealer_set_child (GTK_REVEALER (revealer), box);
  gtk_widget_set_visible (revealer, FALSE);
  g_signal_connect (revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed), NULL);

  g_signal_connect_object (keep, "clicked", G_CALLBACK (on_keep_mine), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reload, "clicked", G_CALLBACK (on_reload_clicked), self, G_CONNECT_SWAPPED);
  self->bar_label = GTK_LABEL (label);
  return g_object_ref_sink (revealer);
}

GtkWidget *
mlg_file_guard_get_bar (MlgFileGuard *self)
{
  g_return_val_if_fail (MLG_IS_FILE_GUARD (self), NULL);
  return self->bar;
}

gboolean
mlg_file_guard_is_bar_shown (MlgFileGuard *self)
{
  g_return_val_if_fail (MLG_IS_FILE_GUARD (self), FALSE);
  return self->bar && gtk_revealer_get_reveal_child (GTK_REVEALER (self->bar));
}

/* ── Reloading ───────────────────────────────────────────────────────── */

static void
reload_now (MlgFileGuard *self)
{
  g_autoptr(MlgDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (self->window == NULL || self->file == NULL)
    return;
  file = g_object_ref (self->file);
  document = mlg_document_new_from_file (file, NULL, NULL, &error);
  if (document == NULL)
    {
      g_autofree char *name = file_display_name (file);
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Could not read “%s” again"), name);
      mlg_window_add_toast (self->window, adw_toast_new (text));
      return;
    }
  mlg_file_guard_discard_changes (self);
  hide_bar (self);
  mlg_window_set_document (self->window, document);
}

static void
on_reload_response (AdwMessageDialog *dialog,
                    const char       *response,
                    MlgFileGuard     *self)
{
  if (g_str_equal (response, "reload"))
    reload_now (self);
}

void
mlg_file_guard_reload (MlgFileGuard *self,
                       gboolean      ask)
{
  GtkWidget *dialog;

  g_return_if_fail (MLG_IS_FILE_GUARD (self));

  if (self->window)
    mlg_window_commit_pending (self->window);
  if (!ask || self->document == NULL || !mlg_document_get_dirty (self->document))
    {
      reload_now (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self->window),
                                   _("Discard your changes and reload?"),
                                   _("Your unsaved changes will be lost and the file shown as it is now on disk."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reload", _("_Discard and Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reload_response), self, 0);
  set_dialog (self, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ── The lock ────────────────────────────────────────────────────────── */

static void
release_lock (MlgFileGuard *self)
{
  g_autoptr(GError) error = NULL;

  if (self->lock && mlg_lock_is_held (self->lock) &&
      !mlg_lock_release (self->lock, NULL, &error))
    g_debug ("Lock not released: %s", error->message);
  g_clear_object (&self->lock);
}

/* Takes the lock of @file; returns the other holder's note when someone
 * else has it open. */
static MlgLock *
take_lock (MlgFileGuard *self,
           GFile        *file,
           gboolean      take_over)
{
  g_autoptr(GError) error = NULL;
  MlgLock *holder = NULL;

  release_lock (self);
  self->lock = mlg_lock_acquire (file, take_over, &holder, NULL, &error);
  if (self->lock)
    return NULL;
  if (g_error_matches (error, MLG_LOCK_ERROR, MLG_LOCK_ERROR_HELD) && holder &&
      !mlg_lock_is_mine (holder))
    return holder;
  /* open in another window of ours, or a folder without notes */
  if (error)
    g_debug ("No lock note: %s", error->message);
  g_clear_object (&holder);
  return NULL;
}

static void
on_lock_response (AdwMessageDialog *dialog,
                  const char       *response,
                  MlgFileGuard     *self)
{
  g_autoptr(MlgDocument) previous = g_steal_pointer (&self->previous);

  if (g_str_equal (response, "read-only"))
    set_read_only (self, TRUE);
  else if (g_str_equal (response, "anyway"))
    {
      g_autoptr(MlgLock) holder = NULL;
      if (self->file)
        holder = take_lock (self, self->file, TRUE);
    }
  else if (self->window)
    {
      /* Cancel: back to what was shown before. */
      if (previous)
        mlg_window_set_document (self->window, previous);
      else
        mlg_window_open_example_copy (self->window);
    }
}

static void
ask_about_lock (MlgFileGuard *self,
                MlgLock      *holder)
{
  g_autofree char *name = file_display_name (self->file);
  g_autofree char *heading = NULL;
  g_autofree char *who = mlg_lock_describe (holder);
  GtkWidget *dialog;

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("“%s” Is Open on Another Computer"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self->window), heading, NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", who,
                                  _("If you both change it, one of you will have to choose whose changes to keep. Opened read-only, you can still save a copy."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "anyway", _("Open _Anyway"),
                                    "read-only", _("Open _Read-Only"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "read-only",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "read-only");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_lock_response), self, 0);
  set_dialog (self, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ── Following the document ──────────────────────────────────────────── */

static void
watch_file (MlgFileGuard *self,
            GFile        *file)
{
  g_autoptr(GError) error = NULL;

  if (self->monitor)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_set_object (&self->file, file);
  hide_bar (self);
  if (file == NULL)
    return;
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not watching %s: %s", g_file_peek_path (file), error->message);
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (on_file_changed), self);
}

/* Saved under another name (Save As): that copy is ours and writable. */
static void
on_document_file (MlgFileGuard *self)
{
  GFile *file = mlg_document_get_file (self->document);
  g_autoptr(MlgLock) holder = NULL;

  if (file == NULL || (self->file && g_file_equal (file, self->file)))
    return;
  watch_file (self, file);
  holder = take_lock (self, file, FALSE);
  set_read_only (self, FALSE);
}

static void
on_document_dirty (MlgFileGuard *self)
{
  /* Saved over theirs (the save asked): the bar has nothing left to say. */
  if (!mlg_document_get_dirty (self->document) &&
      !mlg_document_changed_on_disk (self->document, NULL))
    hide_bar (self);
}

void
mlg_file_guard_set_document (MlgFileGuard *self,
                             MlgDocument  *document)
{
  GFile *file;
  gboolean same_file;
  g_autoptr(MlgLock) holder = NULL;
  g_autoptr(MlgDocument) previous = NULL;

  g_return_if_fail (MLG_IS_FILE_GUARD (self));

  if (self->document == document)
    return;

  if (self->document)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      previous = g_object_ref (self->document);
    }
  /* The window replaces a document only once its changes were saved or
   * the person let them go. */
  mlg_file_guard_discard_changes (self);
  g_set_object (&self->document, document);
  g_clear_object (&self->previous);

  file = document ? mlg_document_get_file (document) : NULL;
  same_file = file && self->file && g_file_equal (file, self->file);
  if (!same_file)
    {
      release_lock (self);
      set_read_only (self, FALSE);
    }
  watch_file (self, file);

  if (document == NULL)
    return;

  g_signal_connect_swapped (document, "notify::file", G_CALLBACK (on_document_file), self);
  g_signal_connect_swapped (document, "notify::dirty", G_CALLBACK (on_document_dirty), self);

  if (self->restoring)
    {
      /* mlg_recovery_restore () gave this document: its recovery goes on */
      self->recovery = g_steal_pointer (&self->restoring);
    }
  else
    self->recovery = mlg_recovery_new (document, 0);

  if (file && !same_file)
    {
      holder = take_lock (self, file, FALSE);
      if (holder && self->window)
        {
          self->previous = g_steal_pointer (&previous);
          ask_about_lock (self, holder);
        }
    }
}

gboolean
mlg_file_guard_is_read_only (MlgFileGuard *self)
{
  g_return_val_if_fail (MLG_IS_FILE_GUARD (self), FALSE);
  return self->read_only;
}

void
mlg_file_guard_discard_changes (MlgFileGuard *self)
{
  g_return_if_fail (MLG_IS_FILE_GUARD (self));

  if (self->recovery)
    mlg_recovery_discard (self->recovery);
  g_clear_object (&self->recovery);
}

AdwMessageDialog *
mlg_file_guard_get_dialog (MlgFileGuard *self)
{
  g_return_val_if_fail (MLG_IS_FILE_GUARD (self), NULL);
  return self->dialog;
}

/* ── Recoveries left by a crash ──────────────────────────────────────── */

gboolean
mlg_file_guard_restore (MlgFileGuard *self,
                        MlgRecovery  *recovery,
                        GError      **error)
{
  g_autoptr(MlgDocument) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (MLG_IS_FILE_GUARD (self), FALSE);
  g_return_val_if_fail (MLG_IS_RECOVERY (recovery), FALSE);

  document = mlg_recovery_restore (recovery, &problems, error);
  if (document == NULL || self->window == NULL)
    return FALSE;
  g_set_object (&self->restoring, recovery);
  mlg_window_set_document (self->window, document);
  g_clear_object (&self->restoring);
  mlg_window_show_page (self->window, "overview");
  return TRUE;
}

typedef struct {
  MlgWindow   *window;
  MlgRecovery *recovery;
  GFile       *then;
} Offer;

static void
offer_free (Offer *offer)
{
  if (offer->window)
    g_object_remove_weak_pointer (G_OBJECT (offer->window), (gpointer *) &offer->window);
  g_object_unref (offer->recovery);
  g_clear_object (&offer->then);
  g_free (offer);
}

static void
open_then (Offer *offer)
{
  if (offer->then)
    mlg_window_open_file_async (offer->window, offer->then, FALSE);
  else
    mlg_window_open_example_copy (offer->window);
}

static void
on_offer_response (AdwMessageDialog *dialog,
                   const char       *response,
                   Offer            *offer)
{
  g_autoptr(GError) error = NULL;

  if (offer->window == NULL)
    return;
  if (g_str_equal (response, "restore"))
    {
      if (!mlg_file_guard_restore (mlg_window_get_file_guard (offer->window),
                                   offer->recovery, &error))
        {
          /* Translators: %s says why */
          g_autofree char *text = g_strdup_printf (_("The changes could not be restored: %s"),
                                                   error ? error->message : "");
          mlg_window_add_toast (offer->window, adw_toast_new (text));
          open_then (offer);
        }
    }
  else
    {
      if (g_str_equal (response, "discard"))
        mlg_recovery_discard (offer->recovery);
      open_then (offer);
    }
}

AdwMessageDialog *
mlg_file_guard_offer_recovery (MlgWindow *window,
                               GPtrArray *left_over,
                               GFile     *then)
{
  MlgFileGuard *self;
  MlgRecovery *recovery;
  GFile *original;
  const char *title;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) local = NULL;
  GtkWidget *dialog;
  Offer *offer;

  g_return_val_if_fail (MLG_IS_WINDOW (window), NULL);

  if (left_over == NULL || left_over->len == 0)
    {
      Offer plain = { window, NULL, then };
      open_then (&plain);
      return NULL;
    }

  self = mlg_window_get_file_guard (window);
  recovery = g_ptr_array_index (left_over, 0);
  original = mlg_recovery_get_original_file (recovery);
  title = mlg_recovery_get_title (recovery);
  if (original)
    name = file_display_name (original);
  else
    name = g_strdup (title && *title ? title : _("Untitled ecosystem"));
  local = g_date_time_to_local (mlg_recovery_get_time (recovery));
  /* Translators: a date and time, see the GDateTime format */
  when = g_date_time_format (local, _("%-d %B %Y, %H:%M"));

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Unsaved Changes Were Recovered"), NULL);
  /* Translators: the first %s is a file or ecosystem name, the second a date and time */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Maillage ended without saving the changes to “%s” made until %s. Restore them?"),
                                  name, when);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  /* Closing the question keeps the changes for the next start. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");

  offer = g_new0 (Offer, 1);
  /* weak: the question must not keep a closed window alive */
  offer->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &offer->window);
  offer->recovery = g_object_ref (recovery);
  offer->then = then ? g_object_ref (then) : NULL;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_offer_response), offer,
                         (GClosureNotify) (void (*) (void)) offer_free, 0);
  set_dialog (self, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

/* ── Object ──────────────────────────────────────────────────────────── */

static void
mlg_file_guard_dispose (GObject *object)
{
  MlgFileGuard *self = MLG_FILE_GUARD (object);

  set_dialog (self, NULL);
  mlg_file_guard_set_document (self, NULL);
  g_clear_object (&self->previous);
  g_clear_object (&self->restoring);
  release_lock (self);
  watch_file (self, NULL);
  if (self->window)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;
  g_clear_object (&self->bar);

  G_OBJECT_CLASS (mlg_file_guard_parent_class)->dispose (object);
}

static void
mlg_file_guard_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MlgFileGuard *self = MLG_FILE_GUARD (object);

  switch (prop_id)
    {
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlg_file_guard_class_init (MlgFileGuardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mlg_file_guard_dispose;
  object_class->get_property = mlg_file_guard_get_property;

  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mlg_file_guard_init (MlgFileGuard *self)
{
  self->bar = build_bar (self);
}

MlgFileGuard *
mlg_file_guard_new (MlgWindow *window)
{
  MlgFileGuard *self = g_object_new (MLG_TYPE_FILE_GUARD, NULL);

  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  return self;
}
