/* mlg-search.c — what the search entry matches, cached per record
 *
 * Typing in a list's search entry filters every record at each keystroke:
 * the folded text of a record is built once and kept until the record, or
 * the title of a record it refers to, changes.
 */
#include <string.h>

#include "mlg-document-private.h"
#include "mlg-record-private.h"
#include "mlg-schema.h"
#include "mlg-text.h"

static void
append_strings (GString     *out,
                JsonNode    *node,
                MlgDocument *document,
                gboolean     is_reference)
{
  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0, n = json_array_get_length (array); i < n; i++)
        append_strings (out, json_array_get_element (array, i), document, is_reference);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      g_string_append_c (out, '\n');
      mlg_text_fold_append (out, is_reference ? mlg_document_title_of (document, text) : text);
    }
}

static char *
build_search_text (MlgDocument *self,
                   MlgRecord   *record)
{
  const MlgKind *kind = mlg_record_get_kind (record);
  GString *out = g_string_new (NULL);

  mlg_text_fold_append (out, mlg_record_get_title (record));
  for (const MlgField *f = kind->fields; f->key; f++)
    {
      if (!(f->flags & MLG_FIELD_FLAG_SEARCHABLE) || (f->flags & MLG_FIELD_FLAG_TITLE) ||
          f->type == MLG_FIELD_TABLE)
        continue;
      append_strings (out, mlg_record_get_value (record, f->key), self,
                      f->type == MLG_FIELD_REF || f->type == MLG_FIELD_REF_LIST);
    }
  return g_string_free (out, FALSE);
}

const char *
mlg_document_get_search_text (MlgDocument *self,
                              MlgRecord   *record)
{
  guint64 serial = _mlg_document_get_titles_serial (self);
  const char *text = _mlg_record_get_search_cache (record, serial);

  if (text == NULL)
    {
      char *built = build_search_text (self, record);
      _mlg_record_set_search_cache (record, built, serial);
      text = built;
    }
  return text;
}

/* @folded_query comes from mlg_text_fold(); NULL or empty matches all. */
gboolean
mlg_document_record_matches (MlgDocument *self,
                             MlgRecord   *record,
                             const char  *folded_query)
{
  if (folded_query == NULL || *folded_query == '\0')
    return TRUE;
  return strstr (mlg_document_get_search_text (self, record), folded_query) != NULL;
}
