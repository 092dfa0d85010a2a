/* mlg-text.c — text helpers shared by search, sorting and ids */
#include "mlg-text.h"

#include <string.h>

void
mlg_text_fold_append (GString    *out,
                      const char *text)
{
  if (text == NULL)
    return;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      if (c < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower ((char) c));
          continue;
        }

      /* Keep the base character of a canonical decomposition, which drops
       * the combining accents; ligatures people type either way fold too. */
      if (c == 0x0153 || c == 0x0152) { g_string_append (out, "oe"); continue; }
      if (c == 0x00E6 || c == 0x00C6) { g_string_append (out, "ae"); continue; }
      if (c == 0x00DF) { g_string_append (out, "ss"); continue; }
      if (c == 0x2019 || c == 0x2018) { g_string_append_c (out, '\''); continue; }

      n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
      for (gsize i = 0; i < n; i++)
        {
          GUnicodeType type = g_unichar_type (decomposed[i]);
          if (type == G_UNICODE_NON_SPACING_MARK ||
              type == G_UNICODE_SPACING_MARK ||
              type == G_UNICODE_ENCLOSING_MARK)
            continue;
          g_string_append_unichar (out, g_unichar_tolower (decomposed[i]));
        }
    }
}

char *
mlg_text_fold (const char *text)
{
  GString *out = g_string_sized_new (text ? strlen (text) : 0);
  mlg_text_fold_append (out, text);
  return g_string_free (out, FALSE);
}

char *
mlg_text_fold_query (const char *text)
{
  g_autofree char *folded = mlg_text_fold (text);

  g_strstrip (folded);
  return *folded ? g_steal_pointer (&folded) : NULL;
}

char *
mlg_text_slug (const char *text)
{
  g_autofree char *folded = mlg_text_fold (text ? text : "");
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = folded; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, *p);
          dash = FALSE;
        }
      else
        dash = TRUE;

      if (slug->len >= 40)
        break;
    }

  return g_string_free (slug, FALSE);
}
