/* mlg-ui-util.h — small helpers shared by the window's views
 *
 * Display text of field values and live validation of typed text, driven
 * by the field declarations.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-schema.h"

G_BEGIN_DECLS

const char *mlg_ui_record_title      (MlgRecord       *record);
char       *mlg_ui_record_subtitle   (MlgDocument     *document,
                                      MlgRecord       *record);
char       *mlg_ui_format_value      (MlgDocument     *document,
                                      const MlgField  *field,
                                      JsonNode        *value);
char       *mlg_ui_format_number     (double           value,
                                      MlgFieldType     type);
gboolean    mlg_ui_field_is_text_like(const MlgField  *field);
gboolean    mlg_ui_field_is_number   (const MlgField  *field);
GFile      *mlg_ui_find_example      (void);

G_END_DECLS
