/* mlg-record-private.h — what the document may do to a record */
#pragma once

#include "mlg-record.h"

G_BEGIN_DECLS

/* Takes ownership of @object. */
MlgRecord *_mlg_record_new       (const MlgKind *kind,
                                  JsonObject    *object);
/* Takes ownership of @value; NULL removes the member. Emits notify. */
void       _mlg_record_set_value (MlgRecord     *self,
                                  const char    *key,
                                  JsonNode      *value);

G_END_DECLS
