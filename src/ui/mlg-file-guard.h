/* mlg-file-guard.h — what keeps a window's open file safe: the warning
 * when someone else changed it, its lock note, its recovery file */
#pragma once

#include <adwaita.h>

#include "mlg-document.h"
#include "mlg-recovery.h"
#include "mlg-window.h"

G_BEGIN_DECLS

#define MLG_TYPE_FILE_GUARD (mlg_file_guard_get_type ())
G_DECLARE_FINAL_TYPE (MlgFileGuard, mlg_file_guard, MLG, FILE_GUARD, GObject)

/* The window's guard (in mlg-window.c). */
MlgFileGuard     *mlg_window_get_file_guard       (MlgWindow    *window);

/* One per window; it does not keep @window alive. */
MlgFileGuard     *mlg_file_guard_new              (MlgWindow    *window);
/* The "changed by someone else" bar, for the window to place. */
GtkWidget        *mlg_file_guard_get_bar          (MlgFileGuard *self);
gboolean          mlg_file_guard_is_bar_shown     (MlgFileGuard *self);

/* Called by the window whenever its document changes: watches the new
 * file, takes its lock (asking when someone else has it open) and keeps
 * a recovery of unsaved changes. */
void              mlg_file_guard_set_document     (MlgFileGuard *self,
                                                   MlgDocument  *document);
/* The person chose to open the file read-only: Save is off until the
 * document is saved elsewhere ("read-only" property). */
gboolean          mlg_file_guard_is_read_only     (MlgFileGuard *self);
/* The person threw the unsaved changes away: no recovery is kept. */
void              mlg_file_guard_discard_changes  (MlgFileGuard *self);
/* Reads the file again; with @ask, asks first when there are unsaved
 * changes. */
void              mlg_file_guard_reload           (MlgFileGuard *self,
                                                   gboolean      ask);
/* The question being asked, if any (tests answer it). */
AdwMessageDialog *mlg_file_guard_get_dialog       (MlgFileGuard *self);

/* At start: offers to restore the newest of @left_over (from
 * mlg_recovery_list_left_over ()) in the window; on Discard (or when
 * there is none), opens @then (or the example when NULL) in the
 * background. Returns the question, or NULL when there was nothing. */
AdwMessageDialog *mlg_file_guard_offer_recovery   (MlgWindow    *window,
                                                   GPtrArray    *left_over,
                                                   GFile        *then);
/* Restores @recovery as the window's document (dirty). */
gboolean          mlg_file_guard_restore          (MlgFileGuard *self,
                                                   MlgRecovery  *recovery,
                                                   GError      **error);

G_END_DECLS
