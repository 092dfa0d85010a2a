/* write-sample.c — writes a file in which every declared field of every
 * kind holds a value, for the JSON Schema test to validate */
#include <stdio.h>

#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-schema.h"

static JsonNode *
sample_scalar (const MlgField *field,
               MlgDocument    *document)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  switch (field->type)
    {
    case MLG_FIELD_INTEGER:  json_node_set_int (node, 12); break;
    case MLG_FIELD_YEAR:     json_node_set_int (node, 2022); break;
    case MLG_FIELD_NUMBER:   json_node_set_double (node, 2.5); break;
    case MLG_FIELD_MONEY:    json_node_set_int (node, 170000); break;
    case MLG_FIELD_DATE:     json_node_set_string (node, "2023-11-10"); break;
    case MLG_FIELD_EMAIL:    json_node_set_string (node, "contact@example.org"); break;
    case MLG_FIELD_PHONE:    json_node_set_string (node, "04 74 08 71 17"); break;
    case MLG_FIELD_URL:      json_node_set_string (node, "https://www.example.org"); break;
    case MLG_FIELD_SIRET:    json_node_set_string (node, "732829320"); break;
    case MLG_FIELD_RNA:      json_node_set_string (node, "W012345678"); break;
    case MLG_FIELD_INSEE:    json_node_set_string (node, "01427"); break;
    case MLG_FIELD_POSTCODE: json_node_set_string (node, "01600"); break;
    case MLG_FIELD_ENUM:
    case MLG_FIELD_ENUM_LIST:
      json_node_set_string (node, field->choices[0].key); break;
    case MLG_FIELD_REF:
    case MLG_FIELD_REF_LIST:
      {
        g_autoptr(MlgRecord) target = g_list_model_get_item (mlg_document_get_records (document, field->target), 0);
        json_node_set_string (node, mlg_record_get_id (target));
      }
      break;
    default:
      json_node_set_string (node, "Texte « accentué »\navec une ligne");
    }
  return node;
}

static JsonNode *
sample_value (const MlgField *field,
              MlgDocument    *document)
{
  JsonNode *node;

  switch (field->type)
    {
    case MLG_FIELD_TEXT_LIST:
    case MLG_FIELD_ENUM_LIST:
    case MLG_FIELD_REF_LIST:
      {
        JsonArray *array = json_array_new ();
        json_array_add_element (array, sample_scalar (field, document));
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return node;
      }
    case MLG_FIELD_TABLE:
      {
        JsonArray *array = json_array_new ();
        JsonObject *row = json_object_new ();
        for (const MlgField *c = field->columns; c->key; c++)
          json_object_set_member (row, c->key, sample_value (c, document));
        json_array_add_object_element (array, row);
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return node;
      }
    default:
      return sample_scalar (field, document);
    }
}

int
main (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  g_autoptr(GBytes) bytes = NULL;

  /* one record of each kind first, so that references can point at them */
  for (guint kind = MLG_KIND_POLE; kind < MLG_N_KINDS; kind++)
    mlg_document_add_record (document, kind, mlg_kind_get (kind)->label_one);

  for (guint kind = 0; kind < MLG_N_KINDS; kind++)
    {
      g_autoptr(MlgRecord) record = g_list_model_get_item (mlg_document_get_records (document, kind), 0);
      for (const MlgField *f = mlg_kind_get (kind)->fields; f->key; f++)
        if (!(f->flags & MLG_FIELD_FLAG_TITLE))
          mlg_document_set_value (document, record, f->key, sample_value (f, document));
    }

  bytes = mlg_document_to_bytes (document);
  fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
  return 0;
}
