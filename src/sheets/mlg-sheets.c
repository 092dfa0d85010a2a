/* mlg-sheets.c — choosing a sheet by name, for the command line
 *
 * Errors say what was asked, what is wrong and what would work, since the
 * person reading them typed the command.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-sheets.h"
#include "mlg-text.h"

G_DEFINE_QUARK (mlg-sheets-error-quark, mlg_sheets_error)

/* Up to five ids of @kind that look like @wanted, or all when few. */
static char *
suggest_ids (MlgDocument *document,
             MlgKindId    kind,
             const char  *wanted)
{
  GListModel *records = mlg_document_get_records (document, kind);
  g_autofree char *folded = mlg_text_fold (wanted ? wanted : "");
  g_autoptr(GPtrArray) close = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (records);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MlgRecord) record = g_list_model_get_item (records, i);
      const char *id = mlg_record_get_id (record);
      g_autofree char *name = mlg_text_fold (mlg_record_get_title (record));

      if (*folded && (strstr (id, folded) || strstr (name, folded)) && close->len < 5)
        g_ptr_array_add (close, g_strdup (id));
      if (all->len < 12)
        g_ptr_array_add (all, g_strdup (id));
    }
  if (close->len == 0 && n > 12)
    return NULL;
  if (close->len == 0)
    {
      g_ptr_array_add (all, NULL);
      return g_strjoinv (", ", (char **) all->pdata);
    }
  g_ptr_array_add (close, NULL);
  return g_strjoinv (", ", (char **) close->pdata);
}

static gboolean
not_found (MlgDocument *document,
           MlgKindId    kind,
           const char  *id,
           GError     **error)
{
  g_autofree char *ids = suggest_ids (document, kind, id);
  g_autofree char *hint = NULL;
  const char *message;

  if (kind == MLG_KIND_STRUCTURE)
    message = C_("sheet", "No structure has the id “%s”.");
  else if (kind == MLG_KIND_TERRITORY)
    message = C_("sheet", "No territory has the id “%s”.");
  else
    message = C_("sheet", "No pole has the id “%s”.");
  if (ids && *ids)
    /* Translators: after "No structure has the id “x”."; %s is a list of ids. */
    hint = g_strdup_printf (C_("sheet", "Ids that would fit: %s."), ids);

  {
    g_autofree char *first = g_strdup_printf (message, id);
    g_set_error (error, MLG_SHEETS_ERROR, MLG_SHEETS_ERROR_NOT_FOUND, "%s%s%s",
                 first, hint ? " " : "", hint ? hint : "");
  }
  return FALSE;
}

static gboolean
check_filter (MlgDocument          *document,
              const MlgSheetFilter *filter,
              GError              **error)
{
  const MlgField *circle = mlg_kind_find_field (mlg_kind_get (MLG_KIND_STRUCTURE), "circle");

  if (filter->pole && mlg_document_lookup_kind (document, MLG_KIND_POLE, filter->pole) == NULL)
    return not_found (document, MLG_KIND_POLE, filter->pole, error);
  if (filter->territory && mlg_document_lookup_kind (document, MLG_KIND_TERRITORY, filter->territory) == NULL)
    return not_found (document, MLG_KIND_TERRITORY, filter->territory, error);
  if (filter->circle && mlg_field_find_choice (circle, filter->circle) == NULL)
    {
      g_autoptr(GPtrArray) keys = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (const MlgChoice *c = circle->choices; c->key; c++)
        g_ptr_array_add (keys, (gpointer) c->key);
      g_ptr_array_add (keys, NULL);
      list = g_strjoinv (", ", (char **) keys->pdata);
      g_set_error (error, MLG_SHEETS_ERROR, MLG_SHEETS_ERROR_NOT_FOUND,
                   C_("sheet", "No circle is called “%s”. The circles are: %s."), filter->circle, list);
      return FALSE;
    }
  return TRUE;
}

MlgSheet *
mlg_sheet_new_for_spec (MlgDocument          *document,
                        const char           *spec,
                        const MlgSheetFilter *filter,
                        GError              **error)
{
  gboolean filtered = filter && (filter->pole || filter->territory || filter->circle);
  const char *colon;
  g_autofree char *kind = NULL;
  const char *id = NULL;

  g_return_val_if_fail (MLG_IS_DOCUMENT (document), NULL);

  if (spec == NULL || *spec == '\0')
    spec = "annuaire";
  colon = strchr (spec, ':');
  kind = colon ? g_strndup (spec, colon - spec) : g_strdup (spec);
  id = colon ? colon + 1 : NULL;

  if (g_strcmp0 (kind, "annuaire") == 0 || g_strcmp0 (kind, "directory") == 0)
    {
      g_autoptr(GPtrArray) structures = NULL;

      if (id && *id)
        {
          g_set_error (error, MLG_SHEETS_ERROR, MLG_SHEETS_ERROR_INVALID_SPEC,
                       C_("sheet", "The annuaire takes no id; choose its structures with --pole, --territory or --circle."));
          return NULL;
        }
      if (filtered && !check_filter (document, filter, error))
        return NULL;
      structures = mlg_sheet_annuaire_structures (document, filter);
      if (structures->len == 0)
        {
          g_set_error (error, MLG_SHEETS_ERROR, MLG_SHEETS_ERROR_EMPTY,
                       C_("sheet", "No structure matches this choice: the annuaire would be empty."));
          return NULL;
        }
      return mlg_sheet_new_annuaire (document, filter);
    }

  if (filtered)
    {
      g_set_error (error, MLG_SHEETS_ERROR, MLG_SHEETS_ERROR_INVALID_SPEC,
                   C_("sheet", "Only the annuaire can be limited to a pole, a territory or a circle."));
      return NULL;
    }

  if (g_strcmp0 (kind, "ptce") == 0 && id == NULL)
    return mlg_sheet_new_ptce (document);

  if ((g_strcmp0 (kind, "structure") == 0 || g_strcmp0 (kind, "territory") == 0) && id && *id)
    {
      MlgKindId k = kind[0] == 's' ? MLG_KIND_STRUCTURE : MLG_KIND_TERRITORY;
      MlgRecord *record = mlg_document_lookup_kind (document, k, id);

      if (record == NULL)
        {
          not_found (document, k, id, error);
          return NULL;
        }
      return k == MLG_KIND_STRUCTURE ? mlg_sheet_new_structure (document, record)
                                     : mlg_sheet_new_territory (document, record);
    }

  g_set_error (error, MLG_SHEETS_ERROR, MLG_SHEETS_ERROR_INVALID_SPEC,
               C_("sheet", "Unknown sheet “%s”: use structure:ID, ptce, territory:ID or annuaire."), spec);
  return NULL;
}
