/* mlg-record.c — one record of the ecosystem */
#include "mlg-record-private.h"
#include "mlg-schema.h"
#include "mlg-text.h"

struct _MlgRecord
{
  GObject        parent_instance;
  const MlgKind *kind;
  JsonObject    *object;
  const char    *id;            /* in @object: ids never change */
  char          *sort_key;      /* cached; NULL when stale */
  char          *search_text;   /* cached for the document; NULL when stale */
  guint64        search_serial;
};

G_DEFINE_FINAL_TYPE (MlgRecord, mlg_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mlg_record_finalize (GObject *object)
{
  MlgRecord *self = MLG_RECORD (object);

  g_clear_pointer (&self->object, json_object_unref);
  g_clear_pointer (&self->sort_key, g_free);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (mlg_record_parent_class)->finalize (object);
}

static void
mlg_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MlgRecord *self = MLG_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, mlg_record_get_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, mlg_record_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlg_record_class_init (MlgRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mlg_record_finalize;
  object_class->get_property = mlg_record_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mlg_record_init (MlgRecord *self)
{
}

MlgRecord *
_mlg_record_new (const MlgKind *kind,
                 JsonObject    *object)
{
  MlgRecord *self = g_object_new (MLG_TYPE_RECORD, NULL);

  self->kind = kind;
  self->object = object ? object : json_object_new ();
  self->id = mlg_record_get_string (self, "id");

  return self;
}

void
_mlg_record_set_value (MlgRecord  *self,
                       const char *key,
                       JsonNode   *value)
{
  g_return_if_fail (MLG_IS_RECORD (self));

  if (value != NULL)
    json_object_set_member (self->object, key, value);
  else if (json_object_has_member (self->object, key))
    json_object_remove_member (self->object, key);

  g_clear_pointer (&self->search_text, g_free);
  if (g_strcmp0 (key, mlg_kind_title_field (self->kind)->key) == 0)
    {
      g_clear_pointer (&self->sort_key, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
  else if (g_strcmp0 (key, "id") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const MlgKind *
mlg_record_get_kind (MlgRecord *self)
{
  g_return_val_if_fail (MLG_IS_RECORD (self), NULL);
  return self->kind;
}

MlgKindId
mlg_record_get_kind_id (MlgRecord *self)
{
  g_return_val_if_fail (MLG_IS_RECORD (self), 0);
  return self->kind->id;
}

JsonObject *
mlg_record_get_object (MlgRecord *self)
{
  g_return_val_if_fail (MLG_IS_RECORD (self), NULL);
  return self->object;
}

JsonNode *
mlg_record_get_value (MlgRecord  *self,
                      const char *key)
{
  g_return_val_if_fail (MLG_IS_RECORD (self), NULL);
  return json_object_get_member (self->object, key);
}

gboolean
mlg_record_has_value (MlgRecord  *self,
                      const char *key)
{
  JsonNode *node = mlg_record_get_value (self, key);
  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

const char *
mlg_record_get_string (MlgRecord  *self,
                       const char *key)
{
  JsonNode *node = mlg_record_get_value (self, key);

  if (node && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

const char *
mlg_record_get_id (MlgRecord *self)
{
  g_return_val_if_fail (MLG_IS_RECORD (self), NULL);
  return self->id;
}

const char *
mlg_record_get_title (MlgRecord *self)
{
  const char *title = mlg_record_get_string (self, mlg_kind_title_field (self->kind)->key);
  return title ? title : "";
}

gint64
mlg_record_get_int (MlgRecord  *self,
                    const char *key,
                    gint64      fallback)
{
  JsonNode *node = mlg_record_get_value (self, key);

  if (node && JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);
      if (type == G_TYPE_INT64)
        return json_node_get_int (node);
      if (type == G_TYPE_DOUBLE)
        return (gint64) json_node_get_double (node);
    }
  return fallback;
}

double
mlg_record_get_double (MlgRecord  *self,
                       const char *key,
                       double      fallback)
{
  JsonNode *node = mlg_record_get_value (self, key);

  if (node && JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);
      if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
        return json_node_get_double (node);
    }
  return fallback;
}

JsonArray *
mlg_record_get_array (MlgRecord  *self,
                      const char *key)
{
  JsonNode *node = mlg_record_get_value (self, key);
  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
mlg_record_list_contains (MlgRecord  *self,
                          const char *key,
                          const char *text)
{
  JsonArray *array = mlg_record_get_array (self, key);
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      if (JSON_NODE_HOLDS_VALUE (item) &&
          json_node_get_value_type (item) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (item), text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Returns the strings of a list field (never NULL; empty when unset). */
char **
mlg_record_dup_strv (MlgRecord  *self,
                     const char *key)
{
  JsonArray *array = mlg_record_get_array (self, key);
  GStrvBuilder *builder = g_strv_builder_new ();
  guint n = array ? json_array_get_length (array) : 0;
  char **strv;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      if (JSON_NODE_HOLDS_VALUE (item) &&
          json_node_get_value_type (item) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (item));
    }
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

JsonNode *
mlg_json_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *source = json_node_get_object (node);
        JsonObject *object = json_object_new ();
        g_autoptr(GList) members = json_object_get_members (source);

        for (GList *l = members; l; l = l->next)
          json_object_set_member (object, l->data,
                                  mlg_json_deep_copy (json_object_get_member (source, l->data)));
        copy = json_node_alloc ();
        json_node_init_object (copy, object);
        json_object_unref (object);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        JsonArray *array = json_array_sized_new (json_array_get_length (source));

        for (guint i = 0, n = json_array_get_length (source); i < n; i++)
          json_array_add_element (array, mlg_json_deep_copy (json_array_get_element (source, i)));
        copy = json_node_alloc ();
        json_node_init_array (copy, array);
        json_array_unref (array);
        return copy;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

JsonNode *
mlg_record_dup_value (MlgRecord  *self,
                      const char *key)
{
  return mlg_json_deep_copy (mlg_record_get_value (self, key));
}

const char *
mlg_record_get_sort_key (MlgRecord *self)
{
  g_return_val_if_fail (MLG_IS_RECORD (self), NULL);

  if (self->sort_key == NULL)
    {
      g_autofree char *folded = mlg_text_fold (mlg_record_get_title (self));
      self->sort_key = g_utf8_collate_key (folded, -1);
    }
  return self->sort_key;
}

const char *
_mlg_record_get_search_cache (MlgRecord *self,
                              guint64    serial)
{
  return self->search_serial == serial ? self->search_text : NULL;
}

void
_mlg_record_set_search_cache (MlgRecord *self,
                              char      *text,
                              guint64    serial)
{
  g_free (self->search_text);
  self->search_text = text;
  self->search_serial = serial;
}
