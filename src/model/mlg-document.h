/* mlg-document.h — the ecosystem open in the app: records, undo, file
 *
 * Every change goes through the document: it records the change for undo,
 * marks the document dirty and emits ::record-changed, so that every view
 * stays in step. Each kind's records are a GListModel of MlgRecord.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mlg-types.h"

G_BEGIN_DECLS

#define MLG_DOCUMENT_ERROR (mlg_document_error_quark ())

typedef enum {
  MLG_DOCUMENT_ERROR_INVALID,          /* the file has errors: see the problems */
  MLG_DOCUMENT_ERROR_CHANGED_ON_DISK,  /* someone saved the file meanwhile */
  MLG_DOCUMENT_ERROR_NO_FILE,
} MlgDocumentError;

#define MLG_TYPE_DOCUMENT (mlg_document_get_type ())
G_DECLARE_FINAL_TYPE (MlgDocument, mlg_document, MLG, DOCUMENT, GObject)

GQuark       mlg_document_error_quark     (void);

MlgDocument *mlg_document_new             (void);

/* The largest file that opens: 512 MiB (loading one takes about ten times
 * its size in memory). A larger one is refused before it is read. */
#define MLG_DOCUMENT_MAX_SIZE (G_GUINT64_CONSTANT (512) << 20)

/* Loading. On errors, returns NULL, sets MLG_DOCUMENT_ERROR_INVALID and
 * fills @problems (if not NULL) with every error and warning found. */
MlgDocument *mlg_document_new_from_bytes  (GBytes        *bytes,
                                           GPtrArray    **problems,
                                           GError       **error);
MlgDocument *mlg_document_new_from_file   (GFile         *file,
                                           GCancellable  *cancellable,
                                           GPtrArray    **problems,
                                           GError       **error);

/* The same in a worker thread, so that a large file never freezes the
 * window: the document is handed over complete. */
void         mlg_document_load_async      (GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
MlgDocument *mlg_document_load_finish     (GAsyncResult        *result,
                                           GPtrArray          **problems,
                                           GError             **error);

/* Saving: deterministic bytes; the file write is atomic and keeps a backup
 * ("NAME~"). Saving over the document's own file fails with
 * MLG_DOCUMENT_ERROR_CHANGED_ON_DISK when the file changed on disk since it
 * was loaded or saved, unless @overwrite_changes. On any failure the file
 * on disk is untouched and the document stays dirty. */
GBytes      *mlg_document_to_bytes        (MlgDocument   *self);
gboolean     mlg_document_save            (MlgDocument   *self,
                                           GFile         *file,
                                           gboolean       overwrite_changes,
                                           GCancellable  *cancellable,
                                           GError       **error);
void         mlg_document_save_async      (MlgDocument         *self,
                                           GFile               *file,
                                           gboolean             overwrite_changes,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean     mlg_document_save_finish     (MlgDocument   *self,
                                           GAsyncResult  *result,
                                           GError       **error);
gboolean     mlg_document_is_saving       (MlgDocument   *self);
GFile       *mlg_document_get_file        (MlgDocument   *self);
const char  *mlg_document_get_etag        (MlgDocument   *self);
gboolean     mlg_document_changed_on_disk (MlgDocument   *self,
                                           GCancellable  *cancellable);
/* A document rebuilt from a recovery file (see mlg-recovery.h): it
 * belongs to @file (NULL for a new document), as it was when loaded with
 * @etag, and holds changes not saved there: it is dirty. */
void         mlg_document_mark_recovered  (MlgDocument   *self,
                                           GFile         *file,
                                           const char    *etag);

/* Records. */
GListModel  *mlg_document_get_records     (MlgDocument   *self,
                                           MlgKindId      kind);
guint        mlg_document_count           (MlgDocument   *self,
                                           MlgKindId      kind);
MlgRecord   *mlg_document_get_ecosystem   (MlgDocument   *self);
MlgRecord   *mlg_document_lookup          (MlgDocument   *self,
                                           const char    *id);
MlgRecord   *mlg_document_lookup_kind     (MlgDocument   *self,
                                           MlgKindId      kind,
                                           const char    *id);
const char  *mlg_document_title_of        (MlgDocument   *self,
                                           const char    *id);
GPtrArray   *mlg_document_find_referrers  (MlgDocument   *self,
                                           MlgRecord     *target,
                                           MlgKindId      kind);
/* Search: the folded text the search entry matches (title, searchable
 * fields, titles of searchable references), cached until it can change. */
const char  *mlg_document_get_search_text (MlgDocument   *self,
                                           MlgRecord     *record);
gboolean     mlg_document_record_matches  (MlgDocument   *self,
                                           MlgRecord     *record,
                                           const char    *folded_query);
char        *mlg_document_new_id          (MlgDocument   *self,
                                           MlgKindId      kind,
                                           const char    *name);

/* Changes (each undoable). @value is taken; NULL clears the field. */
void         mlg_document_set_value       (MlgDocument   *self,
                                           MlgRecord     *record,
                                           const char    *key,
                                           JsonNode      *value);
void         mlg_document_set_string      (MlgDocument   *self,
                                           MlgRecord     *record,
                                           const char    *key,
                                           const char    *text);
void         mlg_document_set_int         (MlgDocument   *self,
                                           MlgRecord     *record,
                                           const char    *key,
                                           gint64         number);
/* Typing: a change made with a @merge_key (non-zero, from
 * mlg_document_new_merge_key ()) joins the last undo step when that step
 * is one change of the same record and key made with the same key and
 * nothing else happened since (no other change, undo or redo), so that a
 * word typed in pauses undoes at once. A new key starts a new step. */
guint        mlg_document_new_merge_key   (MlgDocument   *self);
void         mlg_document_set_value_merged(MlgDocument   *self,
                                           MlgRecord     *record,
                                           const char    *key,
                                           JsonNode      *value,
                                           guint          merge_key);
MlgRecord   *mlg_document_add_record      (MlgDocument   *self,
                                           MlgKindId      kind,
                                           const char    *name);
MlgRecord   *mlg_document_duplicate_record(MlgDocument   *self,
                                           MlgRecord     *record);
void         mlg_document_remove_record   (MlgDocument   *self,
                                           MlgRecord     *record);

/* Undo and redo. Changes between begin and end undo as one step. */
void         mlg_document_begin_group     (MlgDocument   *self,
                                           const char    *label);
void         mlg_document_end_group       (MlgDocument   *self);
gboolean     mlg_document_can_undo        (MlgDocument   *self);
gboolean     mlg_document_can_redo        (MlgDocument   *self);
const char  *mlg_document_get_undo_label  (MlgDocument   *self);
const char  *mlg_document_get_redo_label  (MlgDocument   *self);
void         mlg_document_undo            (MlgDocument   *self);
void         mlg_document_redo            (MlgDocument   *self);
gboolean     mlg_document_get_dirty       (MlgDocument   *self);

/* Warnings found in the loaded file and kept up to date as records change:
 * a GListModel of MlgProblem. */
GListModel  *mlg_document_get_problems    (MlgDocument   *self);

G_END_DECLS
