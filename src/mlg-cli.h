/* mlg-cli.h — the command line: what works without a display */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when the arguments ask for a headless command (--check, --summary…),
 * which then runs before GTK is initialised. */
gboolean mlg_cli_wanted (int    argc,
                         char **argv);
int      mlg_cli_run    (int    argc,
                         char **argv);

G_END_DECLS
