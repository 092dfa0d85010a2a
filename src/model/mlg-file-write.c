/* mlg-file-write.c — replacing a file's contents without ever destroying it */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mlg-file-write.h"

/* Closing with a cancelled cancellable makes GIO drop the temporary file
 * instead of renaming it over the target. */
static void
abandon (GFileOutputStream *stream)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  g_cancellable_cancel (cancelled);
  g_output_stream_close (G_OUTPUT_STREAM (stream), cancelled, NULL);
}

/* GIO fsync()s the temporary file only when the target existed: a new
 * file is written in place and never synced. Syncing the file once in
 * place covers both (any descriptor of a file flushes its data). */
static gboolean
sync_file (GFile   *file,
           GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  int fd;

  if (path == NULL)
    return TRUE;  /* a remote location: its server's business */
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return TRUE;  /* renamed away already: nothing more to flush here */
  if (fsync (fd) != 0 && (errno == EIO || errno == ENOSPC || errno == EDQUOT))
    {
      /* Other errors mean a file system that cannot sync (a FUSE mount of
       * a share): the data is as safe as it can be made there. */
      int saved_errno = errno;
      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write the file to disk: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* So that the rename itself survives a power cut. */
static void
sync_folder (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = parent ? g_file_get_path (parent) : NULL;
  int fd;

  if (path == NULL)
    return;
  fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

gboolean
mlg_file_replace_contents (GFile         *file,
                           GBytes        *bytes,
                           const char    *etag,
                           gboolean       make_backup,
                           char         **new_etag,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean existed;
  gsize written = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  /* GIO checks the etag only of a file that exists. */
  existed = g_file_query_exists (file, cancellable);
  if (etag && !existed)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                           _("The file was removed or moved since it was opened."));
      return FALSE;
    }

  stream = g_file_replace (file, etag, make_backup, G_FILE_CREATE_NONE, cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream),
                                  g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  &written, cancellable, &local_error))
    {
      abandon (stream);
      /* A file that did not exist was being written in place. */
      if (!existed)
        g_file_delete (file, NULL, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    {
      if (!existed)
        g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  if (!sync_file (file, error))
    return FALSE;
  sync_folder (file);

  if (new_etag)
    *new_etag = g_file_output_stream_get_etag (stream);
  return TRUE;
}
