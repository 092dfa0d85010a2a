/* mlg-record.h — one record of the ecosystem: a structure, a pole, a person…
 *
 * A record is its kind plus a JSON object holding its values exactly as the
 * file does, so that fields this version does not know are kept. Records
 * are read here; they change only through their MlgDocument, which records
 * every change for undo.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mlg-types.h"

G_BEGIN_DECLS

#define MLG_TYPE_RECORD (mlg_record_get_type ())
G_DECLARE_FINAL_TYPE (MlgRecord, mlg_record, MLG, RECORD, GObject)

const MlgKind *mlg_record_get_kind        (MlgRecord  *self);
MlgKindId      mlg_record_get_kind_id     (MlgRecord  *self);
const char    *mlg_record_get_id          (MlgRecord  *self);
const char    *mlg_record_get_title       (MlgRecord  *self);
JsonObject    *mlg_record_get_object      (MlgRecord  *self);
JsonNode      *mlg_record_get_value       (MlgRecord  *self,
                                           const char *key);
gboolean       mlg_record_has_value       (MlgRecord  *self,
                                           const char *key);
const char    *mlg_record_get_string      (MlgRecord  *self,
                                           const char *key);
gint64         mlg_record_get_int         (MlgRecord  *self,
                                           const char *key,
                                           gint64      fallback);
double         mlg_record_get_double      (MlgRecord  *self,
                                           const char *key,
                                           double      fallback);
JsonArray     *mlg_record_get_array       (MlgRecord  *self,
                                           const char *key);
gboolean       mlg_record_list_contains   (MlgRecord  *self,
                                           const char *key,
                                           const char *text);
char         **mlg_record_dup_strv        (MlgRecord  *self,
                                           const char *key);
/* A key that sorts titles as people expect ("Élan" with the E), cached
 * until the title changes. */
const char    *mlg_record_get_sort_key    (MlgRecord  *self);

/* A deep copy of a value, to change and give back to the document. */
JsonNode      *mlg_record_dup_value       (MlgRecord  *self,
                                           const char *key);

/* json_node_copy() shares objects and arrays; this copies them. */
JsonNode      *mlg_json_deep_copy         (JsonNode   *node);

G_END_DECLS
