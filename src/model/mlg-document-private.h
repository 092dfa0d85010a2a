/* mlg-document-private.h — shared by the document, its reader and writer */
#pragma once

#include "mlg-document.h"
#include "mlg-record.h"

G_BEGIN_DECLS

/* Adds a record read from a file: no undo, no change signal. */
void        _mlg_document_take_record  (MlgDocument *self,
                                        MlgRecord   *record);
/* The same for all the records of a file at once, in file order, once
 * their index is set: @by_id (id → record) becomes the document's, which
 * must hold no record yet. */
void        _mlg_document_take_index   (MlgDocument *self,
                                        GHashTable  *by_id);
void        _mlg_document_take_records (MlgDocument *self,
                                        GPtrArray   *records);
/* Top-level members this version does not know, kept for writing back. */
JsonObject *_mlg_document_get_extras   (MlgDocument *self);
/* Notes about the file as a whole (a byte-order mark, a newer minor
 * version), listed with the problems. Takes @problem. */
void        _mlg_document_add_file_note(MlgDocument *self,
                                        MlgProblem  *problem);
void        _mlg_document_revalidate   (MlgDocument *self);
/* Sets the problems: the file notes, @warnings, then the cycles found. */
void        _mlg_document_set_problems (MlgDocument *self,
                                        GPtrArray   *warnings);

/* Above this many records, checking them is shared by two threads. */
#define MLG_PARALLEL_THRESHOLD 4000

/* Calls @func once for each chunk in [0, @n_chunks): in this thread, or,
 * when @parallel, in it and a second one, each taking the next chunk. */
typedef void (*MlgChunkFunc) (gpointer data,
                              guint    chunk);
void        _mlg_run_chunks            (guint        n_chunks,
                                        gboolean     parallel,
                                        MlgChunkFunc func,
                                        gpointer     data);
/* Changes whenever a title changes or a record comes or goes: search texts
 * hold the titles of referenced records. */
guint64     _mlg_document_get_titles_serial (MlgDocument *self);

/* The reader and the writer. */
MlgDocument *_mlg_reader_read          (GBytes      *bytes,
                                        GPtrArray   *problems,
                                        GError     **error);
GBytes      *_mlg_writer_write         (MlgDocument *self);
typedef struct _MlgWriterSnapshot MlgWriterSnapshot;
MlgWriterSnapshot *_mlg_writer_snapshot       (MlgDocument       *self);
GBytes            *_mlg_writer_write_snapshot (MlgWriterSnapshot *snapshot);
void               _mlg_writer_snapshot_free  (MlgWriterSnapshot *snapshot);
/* Refuses a file for @message, as the reader refuses one with errors. */
void         _mlg_reader_refuse        (GPtrArray   *problems,
                                        const char  *message,
                                        GError     **error);

/* The value checks that give warnings: appends MlgProblem to @problems. */
void         _mlg_checker_check_record (MlgDocument *self,
                                        MlgRecord   *record,
                                        GPtrArray   *problems);
void         _mlg_checker_check_field  (MlgDocument *self,
                                        MlgRecord   *record,
                                        const char  *key,
                                        GPtrArray   *problems);
void         _mlg_checker_check_cycles (MlgDocument *self,
                                        GPtrArray   *problems);

G_END_DECLS
