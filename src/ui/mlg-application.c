/* mlg-application.c — the Maillage application: windows, app actions, settings */
#include "config.h"

#include <glib/gi18n.h>

#include "mlg-application.h"
#include "mlg-file-guard.h"
#include "mlg-recovery.h"
#include "mlg-territory-reference.h"
#include "mlg-window.h"

struct _MlgApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;   /* NULL when the schema is not installed */
};

G_DEFINE_FINAL_TYPE (MlgApplication, mlg_application, ADW_TYPE_APPLICATION)

/* The settings, or NULL when the schema is missing (running from a build
 * tree without GSETTINGS_SCHEMA_DIR): the app then simply forgets. */
static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

GSettings *
mlg_application_get_settings (MlgApplication *self)
{
  g_return_val_if_fail (MLG_IS_APPLICATION (self), NULL);
  return self->settings;
}

static MlgWindow *
new_window (MlgApplication *self)
{
  return mlg_window_new (ADW_APPLICATION (self), self->settings);
}

static void
mlg_application_activate (GApplication *app)
{
  MlgApplication *self = MLG_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *last = NULL;
  gboolean opened = FALSE;

  if (window)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (new_window (self));
  if (self->settings)
    last = g_settings_get_string (self->settings, "last-file");

  /* Changes a crash left behind are offered first; the last file opens
   * only if they are discarded (mlg-file-guard.c). */
  {
    g_autoptr(GPtrArray) left_over = mlg_recovery_list_left_over ();
    if (left_over->len > 0)
      {
        g_autoptr(GFile) then = last && *last ? g_file_new_for_uri (last) : NULL;
        if (then && !g_file_query_exists (then, NULL))
          g_clear_object (&then);
        gtk_window_present (window);
        mlg_file_guard_offer_recovery (MLG_WINDOW (window), left_over, then);
        return;
      }
  }
  if (last && *last)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (last);
      if (g_file_query_exists (file, NULL))
        {
          /* read in the background: the window shows at once */
          mlg_window_open_file_async (MLG_WINDOW (window), file, FALSE);
          opened = TRUE;
        }
    }
  if (!opened)
    mlg_window_open_example_copy (MLG_WINDOW (window));
  gtk_window_present (window);
}

static void
mlg_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  MlgApplication *self = MLG_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      MlgWindow *window = new_window (self);
      mlg_window_open_file_async (window, files[i], TRUE);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
app_quit (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Each window asks about its own unsaved changes before it closes. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static void
app_new_file (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  MlgApplication *self = MLG_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (new_window (self));
      gtk_window_present (window);
    }
  mlg_window_new_document (MLG_WINDOW (window));
}

static void
app_about (GSimpleAction *action,
           GVariant      *param,
           gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("Maillage contributors"), NULL };
  const char *data_sources[] = {
    "Documents publics sur le PTCE Domb'Innov (Cap Rural 2017, Université Lyon 2 2023)",
    NULL
  };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Maillage"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("Maillage contributors"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Keep the atlas of a cooperation ecosystem: structures, poles, territories, projects, events, funding and key figures."),
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about),
                                       _("Example data"), data_sources);
  {
    /* The official territories the app ships: source, year, licence. */
    const char *reference[] = { mlg_territory_reference_credit (), NULL };
    adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about),
                                         _("Territorial reference"), reference);
  }
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", app_quit },
  { "new-file", app_new_file },
  { "about", app_about },
};

static void
mlg_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *new_record_accels[] = { "<Control>n", NULL };
  const char *undo_accels[] = { "<Control>z", NULL };
  const char *redo_accels[] = { "<Control><Shift>z", NULL };
  const char *open_accels[] = { "<Control>o", NULL };
  const char *save_accels[] = { "<Control>s", NULL };
  const char *save_as_accels[] = { "<Control><Shift>s", NULL };
  const char *search_accels[] = { "<Control>f", NULL };
  const char *new_file_accels[] = { "<Control><Shift>n", NULL };
  const char *duplicate_accels[] = { "<Control>d", NULL };
  const char *print_accels[] = { "<Control>p", NULL };
  const char *export_pdf_accels[] = { "<Control>e", NULL };
  const char *export_annuaire_accels[] = { "<Control><Shift>e", NULL };

  G_APPLICATION_CLASS (mlg_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-file", new_file_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-record", new_record_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.duplicate-record", duplicate_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.undo", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.redo", redo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save", save_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save-as", save_as_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.print", print_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.export-pdf", export_pdf_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.export-annuaire", export_annuaire_accels);
}

static void
mlg_application_dispose (GObject *object)
{
  MlgApplication *self = MLG_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (mlg_application_parent_class)->dispose (object);
}

static void
mlg_application_class_init (MlgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mlg_application_dispose;
  app_class->activate = mlg_application_activate;
  app_class->open = mlg_application_open;
  app_class->startup = mlg_application_startup;
}

static void
mlg_application_init (MlgApplication *self)
{
  self->settings = load_settings ();
}

MlgApplication *
mlg_application_new (void)
{
  return g_object_new (MLG_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/maillage/Maillage",
                       NULL);
}
