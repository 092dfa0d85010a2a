/* mlg-document-private.h — shared by the document, its reader and writer */
#pragma once

#include "mlg-document.h"
#include "mlg-record.h"

G_BEGIN_DECLS

/* Adds a record read from a file: no undo, no change signal. */
void        _mlg_document_take_record  (MlgDocument *self,
                                        MlgRecord   *record);
/* Top-level members this version does not know, kept for writing back. */
/* The same for all the records of a file at once, in file order. */
void        _mlg_document_take_records (MlgDocument *self,
                                        GPtrArray   *records);
JsonObject *_mlg_document_get_extras   (MlgDocument *self);
/* Notes about the file as a whole (a byte-order mark, a newer minor
 * version), listed with the problems. Takes @problem. */
void        _mlg_document_add_file_note(MlgDocument *self,
                                        MlgProblem  *problem);
void        _mlg_document_revalidate   (MlgDocument *self);
/* Changes whenever a title changes or a record comes or goes: search texts
 * hold the titles of referenced records. */
guint64     _mlg_document_get_titles_serial (MlgDocument *self);

/* The reader and the writer. */
MlgDocument *_mlg_reader_read          (GBytes      *bytes,
                                        GPtrArray   *problems,
                                        GError     **error);
GBytes      *_mlg_writer_write         (MlgDocument *self);

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
