/* mlg-validate.c — checks of French identifiers and contact fields
 *
 * Practical checks for what people type into forms: SIREN, SIRET, RNA,
 * INSEE commune codes, postcodes, e-mail, phone, web address, dates, years,
 * counts and amounts. They catch typos; they do not ask any register whether
 * a number really exists. Every failure comes with one translated sentence
 * that names the rule broken.
 */
#include "config.h"

#include <math.h>  /* isfinite (), a macro: no libm needed */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mlg-validate.h"
#include "mlg-schema.h"

/* La Poste's SIREN: its establishments' SIRETs use another checksum. */
#define LA_POSTE_SIREN "356000000"

/* ── Helpers ─────────────────────────────────────────────────────────── */

/* Sets *message (when asked for) and returns FALSE, so that a check can
 * end with `return fail (message, _("…"));`. */
static gboolean G_GNUC_PRINTF (2, 3)
fail (char      **message,
      const char *format,
      ...)
{
  if (message != NULL)
    {
      va_list args;

      va_start (args, format);
      *message = g_strdup_vprintf (format, args);
      va_end (args);
    }

  return FALSE;
}

/* Clears *message on entry, so that a valid text leaves it NULL. */
static void
reset (char **message)
{
  if (message != NULL)
    *message = NULL;
}

/* Returns a copy of @text without leading and trailing blanks, Unicode
 * ones included (a no-break space pasted from a web page is common), or
 * NULL when @text is not UTF-8. NULL text reads as empty. */
static char *
strip_blanks (const char *text)
{
  const char *start;
  const char *end;

  if (text == NULL)
    return g_strdup ("");

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  start = text;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

/* Spaces of any kind (U+00A0 and U+202F included), dots and hyphens are
 * how people group the digits of long numbers. */
static gboolean
is_digit_separator (gunichar c)
{
  return c == '.' || c == '-' || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

/* Copies the ASCII digits of @text, skipping grouping separators. Returns
 * FALSE on any other character, stored as UTF-8 in @bad (7 bytes). */
static gboolean
compact_digits (const char *text,
                GString    *digits,
                char       *bad)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (c))
        g_string_append_c (digits, (char) c);
      else if (!is_digit_separator (c))
        {
          bad[g_unichar_to_utf8 (c, bad)] = '\0';
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
all_ascii_digits (const char *text,
                  gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

static gboolean
all_zeros (const char *digits,
           gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (digits[i] != '0')
      return FALSE;

  return TRUE;
}

/* Luhn: from the right, every second digit is doubled (minus 9 when it
 * exceeds 9); the sum must be a multiple of 10. */
static gboolean
luhn_valid (const char *digits,
            gsize       len)
{
  guint sum = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint d = digits[len - 1 - i] - '0';

      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }

  return sum % 10 == 0;
}

static guint
digit_sum (const char *digits,
           gsize       len)
{
  guint sum = 0;

  for (gsize i = 0; i < len; i++)
    sum += digits[i] - '0';

  return sum;
}

/* Reads a run of @len ASCII digits as a number; the caller checked them. */
static guint
parse_digits (const char *digits,
              gsize       len)
{
  guint value = 0;

  for (gsize i = 0; i < len; i++)
    value = value * 10 + (guint) (digits[i] - '0');

  return value;
}

typedef enum {
  HOST_IN_EMAIL,
  HOST_IN_URL,
} HostContext;

/* Checks one DNS-like host name: labels of letters (any script), digits
 * and hyphens, separated by single dots, ending in a top-level domain of
 * at least 2 characters that is not a number. @context picks the wording
 * of the messages. */

static gboolean
check_host_name (const char  *host,
                 HostContext  context,
                 char       **message)
{
  g_auto(GStrv) labels = NULL;
  guint n_labels;
  const char *tld;
  gboolean tld_numeric = TRUE;

  if (strchr (host, '.') == NULL)
    return context == HOST_IN_EMAIL
      ? fail (message, "%s", _("The domain after the @ needs a dot, as in example.fr."))
      : fail (message, "%s", _("The host name needs a dot, as in www.example.fr."));

  labels = g_strsplit (host, ".", -1);
  n_labels = g_strv_length (labels);

  for (guint i = 0; i < n_labels; i++)
    {
      const char *label = labels[i];

      if (*label == '\0')
        return fail (message, "%s", _("The domain name has an empty part: two dots in a row, or a dot at the start or end."));

      for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c != '-' && !g_unichar_isalnum (c))
            {
              char bad[8];

              bad[g_unichar_to_utf8 (c, bad)] = '\0';
              return fail (message, _("The domain name contains “%s”, which is not allowed there."), bad);
            }
        }

      if (label[0] == '-' || label[strlen (label) - 1] == '-')
        return fail (message, "%s", _("A part of the domain name cannot start or end with a hyphen."));
    }

  tld = labels[n_labels - 1];
  if (g_utf8_strlen (tld, -1) < 2)
    return fail (message, "%s", _("The last part of the domain name needs at least 2 characters."));

  for (const char *p = tld; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isdigit (g_utf8_get_char (p)))
      tld_numeric = FALSE;

  if (tld_numeric)
    return fail (message, "%s", _("The last part of the domain name cannot be a number."));

  return TRUE;
}

/* ── SIREN and SIRET ─────────────────────────────────────────────────── */

static gboolean
check_siren_digits (const char  *digits,
                    char       **message)
{
  if (all_zeros (digits, 9))
    return fail (message, "%s", _("A SIREN cannot be all zeros."));

  if (!luhn_valid (digits, 9))
    return fail (message, "%s", _("The SIREN fails its check digit (Luhn)."));

  return TRUE;
}

static gboolean
check_siret_digits (const char  *digits,
                    char       **message)
{
  if (all_zeros (digits, 14))
    return fail (message, "%s", _("A SIRET cannot be all zeros."));

  if (all_zeros (digits, 9))
    return fail (message, "%s", _("The SIREN part of this SIRET cannot be all zeros."));

  /* La Poste numbers its many establishments without the Luhn key: INSEE
   * accepts its SIRETs when the sum of the 14 digits is a multiple of 5.
   * Some of them, the head office 356 000 000 00048 among them, follow
   * Luhn instead, so either rule is enough. */
  if (strncmp (digits, LA_POSTE_SIREN, 9) == 0)
    {
      if (luhn_valid (digits, 14) || digit_sum (digits, 14) % 5 == 0)
        return TRUE;

      return fail (message, "%s", _("This La Poste SIRET fails its check: the sum of its digits must be a multiple of 5."));
    }

  /* The SIREN part carries its own Luhn key, checked first because its
   * message is the more useful one. */
  if (!luhn_valid (digits, 9))
    return fail (message, "%s", _("The SIREN part of this SIRET fails its check digit (Luhn)."));

  if (!luhn_valid (digits, 14))
    return fail (message, "%s", _("The SIRET fails its check digit (Luhn)."));

  return TRUE;
}

typedef enum {
  NUMBER_SIREN,
  NUMBER_SIRET,
  NUMBER_EITHER,
} NumberKind;

/* Strips @text and appends its digits to @digits. On failure, sets the
 * message that names @kind. */

static gboolean
read_business_number (const char  *text,
                      NumberKind   kind,
                      GString     *digits,
                      char       **message)
{
  g_autofree char *stripped = strip_blanks (text);
  char bad[8];

  if (stripped == NULL)
    return fail (message, "%s", _("The text is not valid UTF-8."));

  if (*stripped == '\0')
    {
      switch (kind)
        {
        case NUMBER_SIREN:
          return fail (message, "%s", _("The SIREN is empty."));
        case NUMBER_SIRET:
          return fail (message, "%s", _("The SIRET is empty."));
        case NUMBER_EITHER:
        default:
          return fail (message, "%s", _("The SIREN or SIRET is empty."));
        }
    }

  if (!compact_digits (stripped, digits, bad))
    {
      switch (kind)
        {
        case NUMBER_SIREN:
          return fail (message, _("A SIREN has only digits; “%s” is not one."), bad);
        case NUMBER_SIRET:
          return fail (message, _("A SIRET has only digits; “%s” is not one."), bad);
        case NUMBER_EITHER:
        default:
          return fail (message, _("A SIREN or SIRET has only digits; “%s” is not one."), bad);
        }
    }

  return TRUE;
}

gboolean
mlg_validate_siren (const char  *text,
                    char       **message)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  reset (message);

  if (!read_business_number (text, NUMBER_SIREN, digits, message))
    return FALSE;

  if (digits->len != 9)
    return fail (message,
                 g_dngettext (GETTEXT_PACKAGE,
                              "A SIREN has 9 digits; this one has %u.",
                              "A SIREN has 9 digits; this one has %u.",
                              digits->len),
                 (guint) digits->len);

  return check_siren_digits (digits->str, message);
}

gboolean
mlg_validate_siret (const char  *text,
                    char       **message)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  reset (message);

  if (!read_business_number (text, NUMBER_SIRET, digits, message))
    return FALSE;

  if (digits->len != 14)
    return fail (message,
                 g_dngettext (GETTEXT_PACKAGE,
                              "A SIRET has 14 digits; this one has %u.",
                              "A SIRET has 14 digits; this one has %u.",
                              digits->len),
                 (guint) digits->len);

  return check_siret_digits (digits->str, message);
}

gboolean
mlg_validate_siren_or_siret (const char  *text,
                             char       **message)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  reset (message);

  if (!read_business_number (text, NUMBER_EITHER, digits, message))
    return FALSE;

  if (digits->len == 9)
    return check_siren_digits (digits->str, message);
  if (digits->len == 14)
    return check_siret_digits (digits->str, message);

  return fail (message,
               g_dngettext (GETTEXT_PACKAGE,
                            "A SIREN has 9 digits and a SIRET 14; this one has %u.",
                            "A SIREN has 9 digits and a SIRET 14; this one has %u.",
                            digits->len),
               (guint) digits->len);
}

/* ── RNA ─────────────────────────────────────────────────────────────── */

/* The RNA (répertoire national des associations) number is W and 9
 * digits. A few old ones carry a letter among the digits; they are
 * refused, like anything else that is not W and 9 digits. Digits may be
 * grouped like those of a SIREN. */
gboolean
mlg_validate_rna (const char  *text,
                  char       **message)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GString) digits = g_string_new (NULL);
  char bad[8];

  reset (message);

  stripped = strip_blanks (text);
  if (stripped == NULL)
    return fail (message, "%s", _("The text is not valid UTF-8."));
  if (*stripped == '\0')
    return fail (message, "%s", _("The RNA number is empty."));

  if (stripped[0] != 'W' && stripped[0] != 'w')
    return fail (message, "%s", _("An RNA number starts with W, followed by 9 digits."));

  if (!compact_digits (stripped + 1, digits, bad) || digits->len != 9)
    return fail (message, "%s", _("An RNA number is W followed by exactly 9 digits."));

  return TRUE;
}

/* ── INSEE commune code ──────────────────────────────────────────────── */

/* Five characters: the département (2 digits, 2A or 2B for Corsica, or 3
 * digits overseas) then the commune number within it. */
gboolean
mlg_validate_insee_commune (const char  *text,
                            char       **message)
{
  g_autofree char *code = NULL;
  gsize len;

  reset (message);

  code = strip_blanks (text);
  if (code == NULL)
    return fail (message, "%s", _("The text is not valid UTF-8."));
  if (*code == '\0')
    return fail (message, "%s", _("The INSEE commune code is empty."));

  len = strlen (code);
  if (len == 5 && code[0] == '2' && (code[1] == 'A' || code[1] == 'a' ||
                                     code[1] == 'B' || code[1] == 'b'))
    {
      /* Corsica: 2A (Corse-du-Sud) and 2B (Haute-Corse). */
      if (!all_ascii_digits (code + 2, 3))
        return fail (message, "%s", _("An INSEE commune code of Corsica is 2A or 2B followed by 3 digits."));
      if (parse_digits (code + 2, 3) == 0)
        return fail (message, "%s", _("The commune number in an INSEE code cannot be zero."));
      return TRUE;
    }

  if (len != 5 || !all_ascii_digits (code, len))
    return fail (message, "%s", _("An INSEE commune code has 5 characters: 5 digits, or 2A or 2B and 3 digits."));

  switch (parse_digits (code, 2))
    {
    case 0:
      return fail (message, "%s", _("No département is numbered 00."));

    case 20:
      /* Corsica was split in 1976; its codes no longer start with 20. */
      return fail (message, "%s", _("Corsican INSEE codes start with 2A or 2B, not 20."));

    case 97:
    case 98:
      {
        /* Overseas: 971–976 are the overseas départements, 975 (Saint-
         * Pierre-et-Miquelon), 977 (Saint-Barthélemy), 978 (Saint-Martin)
         * and 986–988 (Wallis-et-Futuna, French Polynesia, New Caledonia)
         * are overseas collectivities whose communes have INSEE codes too.
         * The commune number then has only 2 digits. */
        guint dept = parse_digits (code, 3);

        if (!((dept >= 971 && dept <= 978) || (dept >= 986 && dept <= 988)))
          return fail (message, _("No département or overseas collectivity is numbered %u."), dept);
        if (parse_digits (code + 3, 2) == 0)
          return fail (message, "%s", _("The commune number in an INSEE code cannot be zero."));
        return TRUE;
      }

    default:
      if (parse_digits (code, 2) > 95)
        return fail (message, _("No département is numbered %.2s."), code);
      if (parse_digits (code + 2, 3) == 0)
        return fail (message, "%s", _("The commune number in an INSEE code cannot be zero."));
      return TRUE;
    }
}

/* ── Postcode ────────────────────────────────────────────────────────── */

gboolean
mlg_validate_postcode (const char  *text,
                       char       **message)
{
  g_autofree char *code = NULL;
  gsize len;
  guint dept;

  reset (message);

  code = strip_blanks (text);
  if (code == NULL)
    return fail (message, "%s", _("The text is not valid UTF-8."));
  if (*code == '\0')
    return fail (message, "%s", _("The postcode is empty."));

  len = strlen (code);
  if (!all_ascii_digits (code, len))
    return fail (message, "%s", _("A postcode has only digits."));
  if (len != 5)
    return fail (message,
                 g_dngettext (GETTEXT_PACKAGE,
                              "A postcode has 5 digits; this one has %u.",
                              "A postcode has 5 digits; this one has %u.",
                              len),
                 (guint) len);

  /* The first two digits follow the département (20 for all of Corsica,
   * 97 and 98 overseas and Monaco); 00 and 99 are not used. */
  dept = parse_digits (code, 2);
  if (dept == 0)
    return fail (message, "%s", _("A postcode cannot start with 00."));
  if (dept > 98)
    return fail (message, "%s", _("A French postcode starts with 01 to 98."));

  return TRUE;
}

/* ── E-mail ──────────────────────────────────────────────────────────── */

/* A practical check, not RFC 5322: what catches typos without refusing
 * real addresses. */
gboolean
mlg_validate_email (const char  *text,
                    char       **message)
{
  g_autofree char *address = NULL;
  const char *at;

  reset (message);

  address = strip_blanks (text);
  if (address == NULL)
    return fail (message, "%s", _("The text is not valid UTF-8."));
  if (*address == '\0')
    return fail (message, "%s", _("The e-mail address is empty."));

  for (const char *p = address; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return fail (message, "%s", _("An e-mail address cannot contain spaces."));
    }

  at = strchr (address, '@');
  if (at == NULL)
    return fail (message, "%s", _("An e-mail address needs an @ sign."));
  if (strchr (at + 1, '@') != NULL)
    return fail (message, "%s", _("An e-mail address has only one @ sign."));
  if (at == address)
    return fail (message, "%s", _("The e-mail address has nothing before the @."));
  if (at[1] == '\0')
    return fail (message, "%s", _("The e-mail address has no domain after the @."));

  return check_host_name (at + 1, HOST_IN_EMAIL, message);
}

/* ── Phone ───────────────────────────────────────────────────────────── */

/* French numbers: 10 digits, 0 then 1–9. International numbers: + then
 * the country code and the number, 6 to 15 digits in all (E.164). For +33
 * the national number is the French one without its leading 0; the "(0)"
 * people write to show that 0 is ignored. */
gboolean
mlg_validate_phone (const char  *text,
                    char       **message)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean international;
  const char *p;

  reset (message);

  stripped = strip_blanks (text);
  if (stripped == NULL)
    return fail (message, "%s", _("The text is not valid UTF-8."));
  if (*stripped == '\0')
    return fail (message, "%s", _("The phone number is empty."));

  international = stripped[0] == '+';
  p = international ? stripped + 1 : stripped;

  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (c))
        g_string_append_c (digits, (char) c);
      else if (is_digit_separator (c))
        continue;
      else if (international && g_str_has_prefix (p, "(0)") && digits->len > 0)
        p += 2;  /* the trunk 0 shown but not dialled from abroad */
      else if (international && (c == '(' || c == ')'))
        continue;  /* area codes in brackets, as in +1 (555) … */
      else
        return fail (message, "%s", _("A phone number has only digits, spaces, dots, hyphens and a leading +."));
    }

  if (digits->len == 0)
    return fail (message, "%s", _("The phone number has no digits."));

  if (!international)
    {
      if (digits->len <= 4)
        return fail (message, "%s", _("A full phone number is expected, not a short service number."));
      if (digits->str[0] == '0' && digits->str[1] == '0')
        return fail (message, "%s", _("Write international numbers with + instead of 00."));
      if (digits->len != 10)
        return fail (message,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "A French phone number has 10 digits; this one has %u.",
                                  "A French phone number has 10 digits; this one has %u.",
                                  digits->len),
                     (guint) digits->len);
      if (digits->str[0] != '0')
        return fail (message, "%s", _("A French phone number starts with 0; write other numbers with + and the country code."));
      return TRUE;
    }

  if (digits->str[0] == '0')
    return fail (message, "%s", _("After the +, a phone number starts with the country code, which never starts with 0."));
  if (digits->len < 6 || digits->len > 15)
    return fail (message, "%s", _("An international phone number has 6 to 15 digits after the +."));

  if (g_str_has_prefix (digits->str, "33"))
    {
      const char *national = digits->str + 2;

      /* +33 0… dials a wrong number: the 0 must be dropped or bracketed. */
      if (national[0] == '0')
        return fail (message, "%s", _("After +33, leave out the 0 that starts French numbers, or write it as (0)."));
      if (strlen (national) != 9)
        return fail (message, "%s", _("After +33, a French number has 9 digits."));
    }

  return TRUE;
}

/* ── Web address ─────────────────────────────────────────────────────── */

/* http:// and https:// addresses, and the bare "www.example.fr" form that
 * people write, read as if http:// came first. */
gboolean
mlg_validate_url (const char  *text,
                  char       **message)
{
  g_autofree char *stripped = NULL;
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  gboolean bare;

  reset (message);

  stripped = strip_blanks (text);
  if (stripped == NULL)
    return fail (message, "%s", _("The text is not valid UTF-8."));
  if (*stripped == '\0')
    return fail (message, "%s", _("The web address is empty."));

  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return fail (message, "%s", _("A web address cannot contain spaces."));
    }

  bare = strstr (stripped, "://") == NULL;
  if (bare)
    {
      /* "name@example.fr" would parse as a user on a host. */
      const char *at = strchr (stripped, '@');
      const char *slash = strchr (stripped, '/');

      if (at != NULL && (slash == NULL || at < slash))
        return fail (message, "%s", _("This looks like an e-mail address, not a web address."));

      with_scheme = g_strconcat ("http://", stripped, NULL);
    }

  uri = g_uri_parse (bare ? with_scheme : stripped, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return fail (message, "%s", _("This is not a valid web address."));

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return fail (message, "%s", _("A web address starts with http:// or https://."));

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return fail (message, "%s", _("The web address has no host name."));

  if (g_hostname_is_ip_address (host))
    return TRUE;
  if (!bare && g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  return check_host_name (host, HOST_IN_URL, message);
}

/* ── Dates and numbers ───────────────────────────────────────────────── */

gboolean
mlg_validate_date (const char  *text,
                   char       **message)
{
  g_autofree char *date = NULL;
  guint year, month, day;

  reset (message);

  date = strip_blanks (text);
  if (date == NULL)
    return fail (message, "%s", _("The text is not valid UTF-8."));
  if (*date == '\0')
    return fail (message, "%s", _("The date is empty."));

  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-' ||
      !all_ascii_digits (date, 4) || !all_ascii_digits (date + 5, 2) ||
      !all_ascii_digits (date + 8, 2))
    return fail (message, "%s", _("A date is written YYYY-MM-DD, for example 2023-11-10."));

  year = parse_digits (date, 4);
  month = parse_digits (date + 5, 2);
  day = parse_digits (date + 8, 2);

  /* Year 0 does not exist in GDate, and later years are checked below. */
  if (year == 0 || month < 1 || month > 12 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return fail (message, _("The date %s does not exist."), date);

  return mlg_validate_year (year, message);
}

/* This year, looked up once: a file holds thousands of years to check. */
static gint64
current_year (void)
{
  static gsize year = 0;

  if (g_once_init_enter (&year))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_once_init_leave (&year, now != NULL ? (gsize) g_date_time_get_year (now) : 2000);
    }
  return (gint64) year;
}

gboolean
mlg_validate_year (gint64   year,
                   char   **message)
{
  /* The 10 years ahead leave room for planned events and end dates. */
  gint64 latest = current_year () + 10;

  reset (message);

  if (year < 1800 || year > latest)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, year);
      g_autofree char *last = g_strdup_printf ("%" G_GINT64_FORMAT, latest);

      return fail (message, _("The year %s is not plausible; it should be between 1800 and %s."), number, last);
    }

  return TRUE;
}

gboolean
mlg_validate_count (double   value,
                    char   **message)
{
  reset (message);

  if (!isfinite (value))
    return fail (message, "%s", _("A count must be a finite number."));
  if (value < 0)
    return fail (message, "%s", _("A count cannot be negative."));
  /* Doubles from 2^53 up are all whole; below, the cast is exact. */
  if (value < 9007199254740992.0 && value != (double) (gint64) value)
    return fail (message, "%s", _("A count must be a whole number."));

  return TRUE;
}

gboolean
mlg_validate_amount (double   value,
                     char   **message)
{
  reset (message);

  if (!isfinite (value))
    return fail (message, "%s", _("An amount must be a finite number."));
  if (value < 0)
    return fail (message, "%s", _("An amount cannot be negative."));

  return TRUE;
}

gboolean
mlg_validate_field_text (const MlgField *field,
                         const char     *text,
                         char          **message)
{
  if (message)
    *message = NULL;
  if (text == NULL || *text == '\0')
    return TRUE;

  switch (field->type)
    {
    case MLG_FIELD_EMAIL:    return mlg_validate_email (text, message);
    case MLG_FIELD_PHONE:    return mlg_validate_phone (text, message);
    case MLG_FIELD_URL:      return mlg_validate_url (text, message);
    case MLG_FIELD_SIRET:    return mlg_validate_siren_or_siret (text, message);
    case MLG_FIELD_RNA:      return mlg_validate_rna (text, message);
    case MLG_FIELD_INSEE:    return mlg_validate_insee_commune (text, message);
    case MLG_FIELD_POSTCODE: return mlg_validate_postcode (text, message);
    case MLG_FIELD_DATE:     return mlg_validate_date (text, message);
    default:                 return TRUE;
    }
}
