/* mlg-json-schema.c — the JSON Schema of the file, from the declaration
 *
 * The schema describes what loads without errors: types, not the warnings
 * (an invalid SIRET still loads), so unknown choice values are allowed and
 * listed as examples, and unknown members are allowed everywhere.
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "mlg-json-schema.h"
#include "mlg-schema.h"

static void add_field (JsonBuilder *b, const MlgField *field);

static void
add_string_list (JsonBuilder *b)
{
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "array");
  json_builder_set_member_name (b, "items");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "string");
  json_builder_end_object (b);
}

static void
add_examples (JsonBuilder     *b,
              const MlgChoice *choices)
{
  json_builder_set_member_name (b, "examples");
  json_builder_begin_array (b);
  for (const MlgChoice *c = choices; c->key; c++)
    json_builder_add_string_value (b, c->key);
  json_builder_end_array (b);
}

static void
add_properties (JsonBuilder    *b,
                const MlgField *fields,
                gboolean        with_id)
{
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "object");
  if (with_id)
    {
      json_builder_set_member_name (b, "required");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, "id");
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  if (with_id)
    {
      json_builder_set_member_name (b, "id");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, "Stable identifier, unique in the file; references use it.");
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "string");
      json_builder_set_member_name (b, "minLength");
      json_builder_add_int_value (b, 1);
      json_builder_end_object (b);
    }
  for (const MlgField *f = fields; f->key; f++)
    {
      json_builder_set_member_name (b, f->key);
      add_field (b, f);
    }
  json_builder_end_object (b);
}

static void
add_field (JsonBuilder    *b,
           const MlgField *field)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, field->label);
  if (field->hint)
    {
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, field->hint);
    }
  /* Maillage's own type, and the kind a reference names, for people and
   * tools that read the schema (validators ignore these keywords). */
  json_builder_set_member_name (b, "x-maillage-type");
  json_builder_add_string_value (b, mlg_field_type_name (field->type));
  if (field->type == MLG_FIELD_REF || field->type == MLG_FIELD_REF_LIST)
    {
      json_builder_set_member_name (b, "x-maillage-target");
      json_builder_add_string_value (b, mlg_kind_get (field->target)->key);
    }

  switch (field->type)
    {
    case MLG_FIELD_TEXT_LIST:
    case MLG_FIELD_REF_LIST:
      add_string_list (b);
      break;
    case MLG_FIELD_ENUM_LIST:
      add_string_list (b);
      add_examples (b, field->choices);
      break;
    case MLG_FIELD_TABLE:
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "array");
      json_builder_set_member_name (b, "items");
      json_builder_begin_object (b);
      add_properties (b, field->columns, FALSE);
      json_builder_end_object (b);
      break;
    case MLG_FIELD_INTEGER:
    case MLG_FIELD_YEAR:
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "integer");
      break;
    case MLG_FIELD_NUMBER:
    case MLG_FIELD_MONEY:
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "number");
      break;
    case MLG_FIELD_ENUM:
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "string");
      add_examples (b, field->choices);
      break;
    default:
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "string");
      break;
    }
  json_builder_end_object (b);
}

char *
mlg_json_schema_generate (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "$schema");
  json_builder_add_string_value (b, "https://json-schema.org/draft/2020-12/schema");
  json_builder_set_member_name (b, "$id");
  json_builder_add_string_value (b, "https://maillage.github.io/schema/maillage-" G_STRINGIFY (MLG_FORMAT_VERSION_MAJOR) ".json");
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, "Maillage ecosystem file");
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, "The cooperation ecosystem of a PTCE: its structures, poles, territories, people, projects, events, funding and shared services. Generated from Maillage's field declarations.");
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "object");
  json_builder_set_member_name (b, "required");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "format");
  json_builder_add_string_value (b, "version");
  json_builder_end_array (b);

  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "const");
  json_builder_add_string_value (b, MLG_FORMAT_MARKER);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "string");
  json_builder_set_member_name (b, "pattern");
  json_builder_add_string_value (b, "^" G_STRINGIFY (MLG_FORMAT_VERSION_MAJOR) "\\.[0-9]+$");
  json_builder_end_object (b);

  for (guint i = 0; i < MLG_N_KINDS; i++)
    {
      const MlgKind *kind = mlg_kind_get (i);
      g_autofree char *ref = g_strdup_printf ("#/$defs/%s", kind->id_prefix);

      json_builder_set_member_name (b, kind->key);
      json_builder_begin_object (b);
      if (i == MLG_KIND_ECOSYSTEM)
        {
          json_builder_set_member_name (b, "$ref");
          json_builder_add_string_value (b, ref);
        }
      else
        {
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, "array");
          json_builder_set_member_name (b, "items");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "$ref");
          json_builder_add_string_value (b, ref);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "$defs");
  json_builder_begin_object (b);
  for (guint i = 0; i < MLG_N_KINDS; i++)
    {
      const MlgKind *kind = mlg_kind_get (i);

      json_builder_set_member_name (b, kind->id_prefix);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, kind->label_one);
      add_properties (b, kind->fields, TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}
