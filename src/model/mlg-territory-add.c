/* mlg-territory-add.c — adding territories to a document */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-text.h"
#include "mlg-territory-add.h"

static char *
normal_code (const char *code)
{
  return code ? g_strstrip (g_ascii_strup (code, -1)) : NULL;
}

MlgRecord *
mlg_territory_find_by_code (MlgDocument *document,
                            const char  *level,
                            const char  *code)
{
  GListModel *territories;
  g_autofree char *wanted = normal_code (code);

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), NULL);

  if (level == NULL || wanted == NULL || *wanted == '\0')
    return NULL;
  territories = mlg_document_get_records (document, MLG_KIND_TERRITORY);
  for (guint i = 0, n = g_list_model_get_n_items (territories); i < n; i++)
    {
      g_autoptr(MlgRecord) t = g_list_model_get_item (territories, i);
      g_autofree char *code_there = normal_code (mlg_record_get_string (t, "code"));

      if (g_strcmp0 (mlg_record_get_string (t, "level"), level) == 0 &&
          g_strcmp0 (code_there, wanted) == 0)
        return t;
    }
  return NULL;
}

/* A name as compared for a territory without a code: folded, and the
 * spelled-out kinds of EPCI shortened as the reference writes them. */
static char *
name_key (const char *name)
{
  static const char * const long_forms[][2] = {
    { "communaute de communes ", "cc " },
    { "communaute d'agglomeration ", "ca " },
    { "communaute urbaine ", "cu " },
  };
  char *key = mlg_text_fold (name ? name : "");

  for (guint i = 0; i < G_N_ELEMENTS (long_forms); i++)
    if (g_str_has_prefix (key, long_forms[i][0]))
      {
        char *shorter = g_strconcat (long_forms[i][1], key + strlen (long_forms[i][0]), NULL);
        g_free (key);
        return shorter;
      }
  return key;
}

/* The record already standing for @ref: same level and code, or else same
 * level and name with no code at all (a territory typed in by hand). */
static MlgRecord *
find_existing (MlgDocument           *document,
               const MlgRefTerritory *ref)
{
  const char *level = mlg_ref_level_key (ref->level);
  MlgRecord *found = mlg_territory_find_by_code (document, level, ref->code);
  GListModel *territories;
  g_autofree char *wanted = NULL;

  if (found)
    return found;

  wanted = name_key (ref->name);
  territories = mlg_document_get_records (document, MLG_KIND_TERRITORY);
  for (guint i = 0, n = g_list_model_get_n_items (territories); i < n; i++)
    {
      g_autoptr(MlgRecord) t = g_list_model_get_item (territories, i);
      g_autofree char *key = NULL;

      if (g_strcmp0 (mlg_record_get_string (t, "level"), level) != 0 ||
          mlg_record_get_string (t, "code") != NULL)
        continue;
      key = name_key (mlg_record_get_title (t));
      if (g_str_equal (key, wanted))
        return t;
    }
  return NULL;
}

/* Fills what @record lacks from @ref; what someone typed stays. */
static void
complete_from_reference (MlgDocument           *document,
                         MlgRecord             *record,
                         const MlgRefTerritory *ref)
{
  if (!mlg_record_has_value (record, "code"))
    mlg_document_set_string (document, record, "code", ref->code);
  if (ref->epci_type && !mlg_record_has_value (record, "epci_type"))
    mlg_document_set_string (document, record, "epci_type", ref->epci_type);
  if (ref->postcodes[0] && !mlg_record_has_value (record, "postcodes"))
    {
      JsonArray *list = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; ref->postcodes[i]; i++)
        json_array_add_string_element (list, ref->postcodes[i]);
      json_node_take_array (node, list);
      mlg_document_set_value (document, record, "postcodes", node);
    }
  if (ref->population >= 0 && !mlg_record_has_value (record, "population"))
    {
      mlg_document_set_int (document, record, "population", ref->population);
      if (ref->population_year > 0)
        mlg_document_set_int (document, record, "population_year", ref->population_year);
    }
  if (!mlg_record_has_value (record, "reference_year"))
    mlg_document_set_int (document, record, "reference_year", MLG_TERRITORY_REFERENCE_YEAR);
}

MlgRecord *
mlg_territory_add_from_reference (MlgDocument           *document,
                                  const MlgRefTerritory *territory)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  MlgRecord *above = NULL;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (territory != NULL, NULL);

  for (const MlgRefTerritory *t = territory; t; t = t->parent)
    g_ptr_array_insert (chain, 0, (gpointer) t);

  mlg_document_begin_group (document, _("Add territory"));
  for (guint i = 0; i < chain->len; i++)
    {
      const MlgRefTerritory *ref = g_ptr_array_index (chain, i);
      MlgRecord *record = find_existing (document, ref);

      if (record == NULL)
        {
          record = mlg_document_add_record (document, MLG_KIND_TERRITORY, ref->name);
          mlg_document_set_string (document, record, "level", mlg_ref_level_key (ref->level));
          if (above)
            mlg_document_set_string (document, record, "parent", mlg_record_get_id (above));
          complete_from_reference (document, record, ref);
        }
      else
        {
          /* Typed in by hand without a code: the reference completes it. */
          if (!mlg_record_has_value (record, "code"))
            complete_from_reference (document, record, ref);
          if (above && mlg_record_get_string (record, "parent") == NULL && record != above)
            mlg_document_set_string (document, record, "parent", mlg_record_get_id (above));
        }
      above = record;
    }
  mlg_document_end_group (document);
  return above;
}

MlgRecord *
mlg_territory_add_custom (MlgDocument *document,
                          const char  *name,
                          const char  *level,
                          MlgRecord   *parent)
{
  MlgRecord *record;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (name != NULL && *name, NULL);
  g_return_val_if_fail (level != NULL, NULL);
  g_return_val_if_fail (parent == NULL || MLG_IS_RECORD (parent), NULL);

  mlg_document_begin_group (document, _("Add territory"));
  record = mlg_document_add_record (document, MLG_KIND_TERRITORY, name);
  mlg_document_set_string (document, record, "level", level);
  if (parent)
    mlg_document_set_string (document, record, "parent", mlg_record_get_id (parent));
  mlg_document_end_group (document);
  return record;
}
