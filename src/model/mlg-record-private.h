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

/* The folded search text, cached by the document (mlg-search.c) with the
 * document's titles serial it was built at; NULL when stale. */
const char *_mlg_record_get_search_cache (MlgRecord     *self,
                                          guint64        serial);
void        _mlg_record_set_search_cache (MlgRecord     *self,
                                          char          *text,
                                          guint64        serial);

G_END_DECLS
