/* mlg-lock.h — the lock note beside an open file, as office suites leave
 *
 * While a coordinator has "ecosystem.maillage" open, a small note
 * ".~lock.ecosystem.maillage#" beside it says who (name, user, computer,
 * process) and since when, so that a second Maillage opening the same file
 * on a shared drive can warn and offer to open it read-only. The note is
 * advisory: the etag check of mlg_document_save() is what protects the
 * file. A note left by a crashed Maillage is recognised as stale (its
 * process is gone, or it was not refreshed for an hour) and cleared.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MLG_LOCK_ERROR (mlg_lock_error_quark ())

typedef enum {
  MLG_LOCK_ERROR_HELD,  /* someone else has the file open */
} MlgLockError;

/* A held note is rewritten this often; one not rewritten for
 * MLG_LOCK_STALE_SECONDS belongs to a Maillage that is gone. */
#define MLG_LOCK_REFRESH_SECONDS (10 * 60)
#define MLG_LOCK_STALE_SECONDS   (60 * 60)

#define MLG_TYPE_LOCK (mlg_lock_get_type ())
G_DECLARE_FINAL_TYPE (MlgLock, mlg_lock, MLG, LOCK, GObject)

GQuark      mlg_lock_error_quark      (void);

/* "<folder>/.~lock.<name>#" */
GFile      *mlg_lock_get_note_file    (GFile         *file);

/* Takes the lock of @file for this process; it is refreshed while held and
 * released with mlg_lock_release() or when the lock is finalized. A stale
 * note is cleared first. When someone else holds the file, returns NULL
 * with MLG_LOCK_ERROR_HELD and sets @holder (if not NULL) to their note;
 * with @take_over, their note is replaced instead (the user chose to open
 * the file anyway). When the holder is this very process (the file is
 * open in another window), mlg_lock_is_mine (@holder) says so. Other
 * errors (a read-only folder) are I/O errors: the file can still be
 * opened, without a note. */
MlgLock    *mlg_lock_acquire          (GFile         *file,
                                       gboolean       take_over,
                                       MlgLock      **holder,
                                       GCancellable  *cancellable,
                                       GError       **error);
/* The note beside @file, or NULL (without error) when there is none. */
MlgLock    *mlg_lock_read             (GFile         *file,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean    mlg_lock_release          (MlgLock       *self,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean    mlg_lock_refresh          (MlgLock       *self,
                                       GCancellable  *cancellable,
                                       GError       **error);

GFile      *mlg_lock_get_file         (MlgLock       *self);
gboolean    mlg_lock_is_held          (MlgLock       *self);
gboolean    mlg_lock_is_mine          (MlgLock       *self);
gboolean    mlg_lock_is_stale         (MlgLock       *self);
/* What the note says; any of the texts may be NULL when it is damaged. */
const char *mlg_lock_get_user_name    (MlgLock       *self);
const char *mlg_lock_get_real_name    (MlgLock       *self);
const char *mlg_lock_get_host_name    (MlgLock       *self);
gint64      mlg_lock_get_pid          (MlgLock       *self);
GDateTime  *mlg_lock_get_since        (MlgLock       *self);
/* "Fanny Filancia (fanny on salle-reunion) has had it open since 12 March
 * 2024, 10:32." — translated, for the window's warning. */
char       *mlg_lock_describe         (MlgLock       *self);

/* Whether the process @pid of @host (with @boot and @pid_namespace, as
 * written in a note) has ended; FALSE when it cannot be known here.
 * Shared with the recovery files. */
gboolean    _mlg_process_is_gone      (const char    *host,
                                       const char    *boot,
                                       const char    *pid_namespace,
                                       gint64         pid);
/* This process's host, boot id and pid namespace, as written in notes. */
const char *_mlg_process_boot_id      (void);
const char *_mlg_process_pid_namespace(void);

G_END_DECLS
