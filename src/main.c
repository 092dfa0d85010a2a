/* main.c — the maillage program: headless commands, or the application */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mlg-cli.h"
#ifdef MAILLAGE_GUI
#include "mlg-application.h"
#endif

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* MAILLAGE_LOCALEDIR: the build's translations, to run uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MAILLAGE_LOCALEDIR") ? g_getenv ("MAILLAGE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Headless commands run before GTK is initialised: no display needed. */
  if (mlg_cli_wanted (argc, argv))
    return mlg_cli_run (argc, argv);

#ifdef MAILLAGE_GUI
  {
    g_autoptr(MlgApplication) app = mlg_application_new ();
    return g_application_run (G_APPLICATION (app), argc, argv);
  }
#else
  g_printerr (_("This build of Maillage has no window; use --check or --summary.\n"));
  return 2;
#endif
}
