/* mlg-ui-util.c — small helpers shared by the window's views */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mlg-text.h"
#include "mlg-ui-util.h"
#include "mlg-validate.h"

/* The record's display name; records without one still get a readable row. */
const char *
mlg_ui_record_title (MlgRecord *record)
{
  const char *title = mlg_record_get_title (record);
  return title && *title ? title : _("Unnamed");
}

gboolean
mlg_ui_field_is_text_like (const MlgField *field)
{
  switch (field->type)
    {
    case MLG_FIELD_TEXT:
    case MLG_FIELD_DATE:
    case MLG_FIELD_EMAIL:
    case MLG_FIELD_PHONE:
    case MLG_FIELD_URL:
    case MLG_FIELD_SIRET:
    case MLG_FIELD_RNA:
    case MLG_FIELD_INSEE:
    case MLG_FIELD_POSTCODE:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
mlg_ui_field_is_number (const MlgField *field)
{
  return field->type == MLG_FIELD_INTEGER || field->type == MLG_FIELD_NUMBER ||
         field->type == MLG_FIELD_MONEY || field->type == MLG_FIELD_YEAR;
}

/* Digits grouped with thin no-break spaces, as French typography does. */
char *
mlg_ui_format_number (double       value,
                      MlgFieldType type)
{
  g_autofree char *digits = NULL;
  GString *out = g_string_new (NULL);
  const char *p, *dot;
  gboolean negative = value < 0;
  gsize int_len;

  if (type == MLG_FIELD_YEAR)
    {
      g_string_printf (out, "%.0f", value);
      return g_string_free (out, FALSE);
    }

  /* ASCII digits with a "." whatever the locale: the separators are
   * chosen below (printf would give a comma in French, and lose it here). */
  digits = g_malloc (G_ASCII_DTOSTR_BUF_SIZE);
  g_ascii_formatd (digits, G_ASCII_DTOSTR_BUF_SIZE,
                   fabs (value - round (value)) < 1e-9 ? "%.0f" : "%.2f", fabs (value));

  dot = strchr (digits, '.');
  int_len = dot ? (gsize) (dot - digits) : strlen (digits);
  if (negative)
    g_string_append (out, "−");
  for (p = digits; *p && (gsize) (p - digits) < int_len; p++)
    {
      gsize left = int_len - (gsize) (p - digits);
      g_string_append_c (out, *p);
      if (left > 1 && left % 3 == 1 && int_len > 4)
        g_string_append (out, " ");
    }
  if (dot)
    {
      g_string_append_c (out, ',');
      g_string_append (out, dot + 1);
    }
  if (type == MLG_FIELD_MONEY)
    g_string_append (out, " €");
  return g_string_free (out, FALSE);
}

static char *
format_scalar (MlgDocument    *document,
               const MlgField *field,
               JsonNode       *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      switch (field->type)
        {
        case MLG_FIELD_ENUM:
        case MLG_FIELD_ENUM_LIST:
          return g_strdup (mlg_field_choice_label (field, text));
        case MLG_FIELD_REF:
        case MLG_FIELD_REF_LIST:
          return g_strdup (document ? mlg_document_title_of (document, text) : text);
        default:
          return g_strdup (text);
        }
    }
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    return mlg_ui_format_number (json_node_get_double (node), field->type);
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
  return NULL;
}

/* The text a person reads for @value of @field, or NULL when empty. */
char *
mlg_ui_format_value (MlgDocument    *document,
                     const MlgField *field,
                     JsonNode       *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      guint n = json_array_get_length (array);
      GString *out;

      if (n == 0)
        return NULL;
      if (field->type == MLG_FIELD_TABLE)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n), n);

      out = g_string_new (NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *item = format_scalar (document, field, json_array_get_element (array, i));
          if (item == NULL)
            continue;
          if (out->len)
            g_string_append (out, ", ");
          g_string_append (out, item);
        }
      return g_string_free (out, FALSE);
    }

  return format_scalar (document, field, value);
}

/* "Association (1901 law) · Trévoux": the record's column fields. */
char *
mlg_ui_record_subtitle (MlgDocument *document,
                        MlgRecord   *record)
{
  const MlgKind *kind = mlg_record_get_kind (record);
  GString *out = g_string_new (NULL);
  guint shown = 0;

  for (const MlgField *f = kind->fields; f->key && shown < 3; f++)
    {
      g_autofree char *text = NULL;

      if (!(f->flags & MLG_FIELD_FLAG_COLUMN) || (f->flags & MLG_FIELD_FLAG_TITLE))
        continue;
      if (f->type == MLG_FIELD_ENUM && g_str_equal (f->key, "category") &&
          kind->id == MLG_KIND_STRUCTURE)
        continue; /* the legal form says more in a list row */
      text = mlg_ui_format_value (document, f, mlg_record_get_value (record, f->key));
      if (text == NULL || *text == '\0')
        continue;
      if (out->len)
        g_string_append (out, " · ");
      g_string_append (out, text);
      shown++;
    }
  return g_string_free (out, FALSE);
}

/* The bundled example: MAILLAGE_EXAMPLE, then the installed copy, then the
 * source tree's (when running uninstalled). NULL when none is found. */
GFile *
mlg_ui_find_example (void)
{
  const char *env = g_getenv ("MAILLAGE_EXAMPLE");
  const char *candidates[] = {
    PKGDATADIR "/examples/dombinnov.maillage",
    SOURCE_DATADIR "/examples/dombinnov.maillage",
  };

  if (env && *env)
    return g_file_new_for_commandline_arg (env);
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
      return g_file_new_for_path (candidates[i]);
  return NULL;
}
