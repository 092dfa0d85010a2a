/* mlg-recovery.h — unsaved changes kept aside, in case the app crashes
 *
 * While a document has unsaved changes, its MlgRecovery writes them every
 * MLG_RECOVERY_INTERVAL_SECONDS to a recovery file in the user's state
 * folder ($XDG_STATE_HOME/maillage/recovery/), with a small note saying
 * which file they belong to and when. Once the document is saved (or its
 * changes discarded), the recovery goes. After a crash, the next start
 * lists what a dead Maillage left and offers to restore or discard it.
 */
#pragma once

#include <gio/gio.h>

#include "mlg-types.h"

G_BEGIN_DECLS

/* A crash loses at most this much work. */
#define MLG_RECOVERY_INTERVAL_SECONDS 30

#define MLG_TYPE_RECOVERY (mlg_recovery_get_type ())
G_DECLARE_FINAL_TYPE (MlgRecovery, mlg_recovery, MLG, RECOVERY, GObject)

/* Where recovery files live (created on the first write, mode 0700). */
char        *mlg_recovery_get_folder        (void);

/* The recovery of an open document. It writes by itself every
 * @interval_seconds (0: MLG_RECOVERY_INTERVAL_SECONDS) while the document
 * has changes not yet written, and removes its files once the document is
 * saved. When the user discards the changes, call mlg_recovery_discard(). */
MlgRecovery *mlg_recovery_new               (MlgDocument   *document,
                                             guint          interval_seconds);
gboolean     mlg_recovery_write             (MlgRecovery   *self,
                                             GError       **error);
void         mlg_recovery_discard           (MlgRecovery   *self);

/* Recoveries left by a Maillage that ended without saving (a crash, a
 * power cut), newest first; not those of a Maillage still running. */
GPtrArray   *mlg_recovery_list_left_over    (void);

/* What a recovery holds. The original file is NULL for a new document. */
GFile       *mlg_recovery_get_original_file (MlgRecovery   *self);
GFile       *mlg_recovery_get_file          (MlgRecovery   *self);
const char  *mlg_recovery_get_title         (MlgRecovery   *self);
GDateTime   *mlg_recovery_get_time          (MlgRecovery   *self);
/* The document as it was at the last write: dirty, and saving it goes to
 * the original file (refused if that changed meanwhile, see
 * MLG_DOCUMENT_ERROR_CHANGED_ON_DISK). From then on this recovery keeps
 * the restored document as mlg_recovery_new() would: its files stay until
 * the document is saved or mlg_recovery_discard() is called. */
MlgDocument *mlg_recovery_restore           (MlgRecovery   *self,
                                             GPtrArray    **problems,
                                             GError       **error);

G_END_DECLS
