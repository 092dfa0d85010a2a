/* mlg-json-schema.h — the JSON Schema of the file, from the declaration */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The schema as pretty JSON text; data/maillage.schema.json holds it and a
 * test checks that the two agree. */
char *mlg_json_schema_generate (void);

G_END_DECLS
