/* mlg-file-write.h — replacing a file's contents without ever destroying it
 *
 * g_file_replace_contents() of GLib 2.74 does not hold its promise in three
 * cases (found by tests/test-save-failures.c, traced with strace):
 *  - when a write fails (a full disk, a file size limit), it still closes
 *    the stream normally, which renames the partly written temporary file
 *    over the original: the file is left EMPTY or truncated (the previous
 *    version survives only as the backup, when one was asked for);
 *  - a file that does not exist yet (Save As, or a file removed since it
 *    was opened) is written in place, without a temporary file and without
 *    fsync(), and the etag is not checked: a removed file is silently
 *    created again, and a failed write leaves a partial file;
 *  - after the rename, the folder is not synced, so the rename itself may
 *    not survive a power cut (the temporary file is fsync()ed only when the
 *    target existed).
 * This function does the same job without those holes.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes @bytes to @file through a temporary file renamed over it, with
 * the data flushed to disk, keeping the previous version as "NAME~" when
 * @make_backup. With @etag (the file as it was loaded), fails with
 * G_IO_ERROR_WRONG_ETAG when the file changed or was removed since. On any
 * failure, the file on disk is as it was and nothing is left beside it. */
gboolean mlg_file_replace_contents (GFile         *file,
                                    GBytes        *bytes,
                                    const char    *etag,
                                    gboolean       make_backup,
                                    char         **new_etag,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
