/* mlg-typography.c — French or English conventions for printed text
 *
 * Hand-written rather than taken from the C locale: the sheets must follow
 * the language of their labels even when LC_NUMERIC or LC_TIME say
 * otherwise, and glibc's French grouping and month names vary by version.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "mlg-typography.h"

#define NBSP_C  0x00A0
#define NNBSP_C 0x202F

MlgTypography
mlg_typography_current (void)
{
  /* Translators: the typographic conventions of the printed sheets, as a
   * language code: "fr" gives French conventions (no-break spaces before
   * ; : ! ? and inside « », 170 000 €, 10 novembre 2023); anything else
   * gives English ones. */
  const char *code = C_("typography", "en");

  return g_str_has_prefix (code, "fr") ? MLG_TYPOGRAPHY_FRENCH : MLG_TYPOGRAPHY_ENGLISH;
}

static gboolean
is_blank (gunichar c)
{
  return c == ' ' || c == NBSP_C || c == NNBSP_C || c == 0x2009 || c == '\t';
}

/* Removes the blanks (not line breaks) at the end of @out; returns whether
 * there were any. */
static gboolean
trim_blanks (GArray *out)
{
  gboolean trimmed = FALSE;

  while (out->len > 0 && is_blank (g_array_index (out, gunichar, out->len - 1)))
    {
      g_array_set_size (out, out->len - 1);
      trimmed = TRUE;
    }
  return trimmed;
}

static gunichar
last_char (GArray *out)
{
  return out->len ? g_array_index (out, gunichar, out->len - 1) : 0;
}

static void
put (GArray  *out,
     gunichar c)
{
  g_array_append_val (out, c);
}

/* Length of a group of thousands starting at @i: d{1,3}( d{3})+ not
 * touching other digits, or 0. Groups are separated by one blank. */
static gsize
thousands_run (const gunichar *s,
               gsize           n,
               gsize           i)
{
  gsize j = i, head = 0, groups = 0;

  if (i > 0 && (g_unichar_isdigit (s[i - 1]) || s[i - 1] == ',' || s[i - 1] == '.'))
    return 0;
  while (j < n && g_unichar_isdigit (s[j]) && head < 4)
    j++, head++;
  if (head == 0 || head > 3)
    return 0;
  for (;;)
    {
      if (j + 3 < n && (s[j] == ' ' || s[j] == NBSP_C || s[j] == NNBSP_C) &&
          g_unichar_isdigit (s[j + 1]) && g_unichar_isdigit (s[j + 2]) && g_unichar_isdigit (s[j + 3]) &&
          (j + 4 >= n || !g_unichar_isdigit (s[j + 4])))
        {
          j += 4;
          groups++;
        }
      else
        break;
    }
  return groups ? j - i : 0;
}

/* Whether @out ends with something like "&amp" or "&#38": the ";" that
 * follows closes an entity written in the text, which stays as it is. */
static gboolean
ends_entity (GArray *out)
{
  guint i = out->len;

  while (i > 0 && (g_unichar_isalnum (g_array_index (out, gunichar, i - 1)) ||
                   g_array_index (out, gunichar, i - 1) == '#'))
    i--;
  return i > 0 && i < out->len && g_array_index (out, gunichar, i - 1) == '&';
}

static void
french_text (const gunichar *s,
             gsize           n,
             GArray         *out)
{
  for (gsize i = 0; i < n; i++)
    {
      gunichar c = s[i];
      gunichar next = i + 1 < n ? s[i + 1] : 0;
      gsize run;

      if (g_unichar_isdigit (c) && (run = thousands_run (s, n, i)) > 0)
        {
          for (gsize k = i; k < i + run; k++)
            put (out, g_unichar_isdigit (s[k]) ? s[k] : NNBSP_C);
          i += run - 1;
          continue;
        }

      switch (c)
        {
        case ';':
        case '!':
        case '?':
        case ':':
          {
            gunichar space = c == ':' ? NBSP_C : NNBSP_C;
            gboolean after_blank = trim_blanks (out);
            gunichar prev = last_char (out);
            gboolean ends_word = next == 0 || g_unichar_isspace (next) || next == '!' || next == '?' ||
                                 next == ')' || next == NBSP_C || next == NNBSP_C || next == 0xBB;

            if (prev == 0 || prev == '\n' || (c == ';' && !after_blank && ends_entity (out)))
              ;
            else if (after_blank)
              put (out, space);
            else if (ends_word && prev != '!' && prev != '?' && prev != ';' && prev != ':' &&
                     (g_unichar_isalnum (prev) || prev == ')' || prev == 0xBB || prev == 0x201D) &&
                     (c != ':' || !g_unichar_isdigit (prev)))
              put (out, space);
            put (out, c);
          }
          break;

        case 0xAB: /* « */
          put (out, c);
          while (i + 1 < n && is_blank (s[i + 1]))
            i++;
          if (i + 1 < n && s[i + 1] != '\n')
            put (out, NBSP_C);
          break;

        case 0xBB: /* » */
          {
            gboolean after_blank = trim_blanks (out);
            gunichar prev = last_char (out);

            if (prev != 0 && prev != '\n' && (after_blank || prev != 0xAB))
              put (out, NBSP_C);
            put (out, c);
          }
          break;

        default:
          put (out, c);
        }
    }
}

char *
mlg_typography_text (MlgTypography typo,
                     const char   *text)
{
  g_autofree gunichar *chars = NULL;
  g_autoptr(GArray) out = NULL;
  glong n = 0;

  if (text == NULL)
    return g_strdup ("");
  if (typo != MLG_TYPOGRAPHY_FRENCH)
    return g_strdup (text);

  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  out = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), n + 16);
  french_text (chars, n, out);
  return g_ucs4_to_utf8 ((gunichar *) (void *) out->data, out->len, NULL, NULL, NULL);
}

/* Groups the digits of @digits (no sign) by three. */
static void
append_grouped (GString      *out,
                const char   *digits,
                MlgTypography typo)
{
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, typo == MLG_TYPOGRAPHY_FRENCH ? MLG_NNBSP : ",");
      g_string_append_c (out, digits[i]);
    }
}

char *
mlg_typography_integer (MlgTypography typo,
                        gint64        value)
{
  GString *out = g_string_new (NULL);
  g_autofree char *digits = NULL;
  guint64 magnitude = value < 0 ? (guint64) (-(value + 1)) + 1 : (guint64) value;

  if (value < 0)
    g_string_append (out, "−");
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
  append_grouped (out, digits, typo);
  return g_string_free (out, FALSE);
}

static char *
format_number (MlgTypography typo,
               double        value,
               guint         decimals,
               gboolean      keep_zeros)
{
  char format[16], buffer[G_ASCII_DTOSTR_BUF_SIZE + 32];
  GString *out = g_string_new (NULL);
  char *point, *digits = buffer;

  decimals = MIN (decimals, 6);
  g_snprintf (format, sizeof format, "%%.%uf", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, value);

  if (*digits == '-')
    digits++;
  point = strchr (digits, '.');
  if (point)
    {
      char *end = point + strlen (point) - 1;
      if (!keep_zeros)
        while (end > point && *end == '0')
          *end-- = '\0';
      if (end == point)
        *point = '\0';
      else
        *point = '\0', point++;
    }
  /* No sign on zero ("-0" after rounding). */
  if (digits != buffer &&
      (strspn (digits, "0") != strlen (digits) || (point && strspn (point, "0") != strlen (point))))
    g_string_append (out, "−");
  append_grouped (out, digits, typo);
  if (point && *point)
    {
      g_string_append_c (out, typo == MLG_TYPOGRAPHY_FRENCH ? ',' : '.');
      g_string_append (out, point);
    }
  return g_string_free (out, FALSE);
}

char *
mlg_typography_number (MlgTypography typo,
                       double        value,
                       guint         max_decimals)
{
  return format_number (typo, value, max_decimals, FALSE);
}

char *
mlg_typography_fixed (MlgTypography typo,
                      double        value,
                      guint         decimals)
{
  return format_number (typo, value, decimals, TRUE);
}

char *
mlg_typography_amount (MlgTypography typo,
                       double        euros)
{
  gboolean cents = ABS (euros - (gint64) euros) >= 0.005;
  g_autofree char *number = format_number (typo, euros, cents ? 2 : 0, TRUE);

  if (typo == MLG_TYPOGRAPHY_FRENCH)
    return g_strconcat (number, MLG_NBSP "€", NULL);
  if (number[0] == '-' || g_str_has_prefix (number, "−"))
    return g_strconcat ("−€", number + strlen ("−"), NULL);
  return g_strconcat ("€", number, NULL);
}

static gboolean
is_euro (const char *unit)
{
  return g_strcmp0 (unit, "€") == 0 || g_ascii_strcasecmp (unit, "EUR") == 0 ||
         g_ascii_strcasecmp (unit, "euros") == 0 || g_ascii_strcasecmp (unit, "euro") == 0;
}

char *
mlg_typography_quantity (MlgTypography typo,
                         double        value,
                         const char   *unit)
{
  g_autofree char *number = NULL;

  if (unit && is_euro (unit))
    return mlg_typography_amount (typo, value);
  number = mlg_typography_number (typo, value, 2);
  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);
  return g_strconcat (number, MLG_NBSP, unit, NULL);
}

char *
mlg_typography_date (MlgTypography typo,
                     const char   *iso_date)
{
  static const char *french[] = {
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
    "août", "septembre", "octobre", "novembre", "décembre",
  };
  static const char *english[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
  };
  guint year, month, day;
  char tail;

  if (iso_date == NULL)
    return g_strdup ("");
  if (strlen (iso_date) != 10 || iso_date[4] != '-' || iso_date[7] != '-' ||
      sscanf (iso_date, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return g_strdup (iso_date);

  if (typo == MLG_TYPOGRAPHY_FRENCH)
    return g_strdup_printf ("%u%s" MLG_NBSP "%s" MLG_NBSP "%u", day, day == 1 ? "er" : "",
                            french[month - 1], year);
  return g_strdup_printf ("%u" MLG_NBSP "%s %u", day, english[month - 1], year);
}

char *
mlg_typography_quote (MlgTypography typo,
                      const char   *text)
{
  if (typo == MLG_TYPOGRAPHY_FRENCH)
    return g_strconcat ("«" MLG_NBSP, text ? text : "", MLG_NBSP "»", NULL);
  return g_strconcat ("“", text ? text : "", "”", NULL);
}

char *
mlg_typography_label (MlgTypography typo,
                      const char   *label)
{
  if (typo == MLG_TYPOGRAPHY_FRENCH)
    return g_strconcat (label, MLG_NBSP ": ", NULL);
  return g_strconcat (label, ": ", NULL);
}

char *
mlg_typography_phone (const char *phone)
{
  GString *out = g_string_new (NULL);

  for (const char *p = phone ? phone : ""; *p; p++)
    if (*p == ' ')
      g_string_append (out, MLG_NBSP);
    else
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

char *
mlg_typography_siret (const char *siret)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = siret ? siret : ""; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if (*p != ' ' && *p != '.')
      {
        g_string_free (digits, TRUE);
        return mlg_typography_phone (siret);
      }

  if (digits->len == 9 || digits->len == 14)
    {
      GString *out = g_string_new (NULL);
      g_string_append_len (out, digits->str, 3);
      g_string_append (out, MLG_NBSP);
      g_string_append_len (out, digits->str + 3, 3);
      g_string_append (out, MLG_NBSP);
      g_string_append_len (out, digits->str + 6, 3);
      if (digits->len == 14)
        {
          g_string_append (out, MLG_NBSP);
          g_string_append (out, digits->str + 9);
        }
      g_string_free (digits, TRUE);
      return g_string_free (out, FALSE);
    }
  g_string_free (digits, TRUE);
  return mlg_typography_phone (siret);
}
