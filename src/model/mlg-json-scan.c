/* mlg-json-scan.c — a light pass over JSON bytes, before and after json-glib */
#include "mlg-json-scan.h"

#include <errno.h>
#include <math.h>
#include <string.h>

/* Line and column (in characters) of the byte at @offset. */
static void
position_of (const char *data,
             gsize       offset,
             guint      *line,
             guint      *column)
{
  guint l = 1, c = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          l++;
          c = 1;
        }
      else if (((guchar) data[i] & 0xC0) != 0x80)
        c++;
    }
  *line = l;
  *column = c;
}

/* The UTF-16 unit of the escape "\\uXXXX" at @at, or -1 when it is not one
 * (the parser then says what is wrong). */
static gint32
escaped_unit (const char *data,
              gsize       length,
              gsize       at)
{
  gint32 unit = 0;

  if (at + 6 > length || data[at] != '\\' || data[at + 1] != 'u')
    return -1;
  for (gsize i = at + 2; i < at + 6; i++)
    {
      int digit = g_ascii_xdigit_value (data[i]);
      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }
  return unit;
}

/* json-glib 1.6 reads escapes loosely: "\\x41" as "x41", "\\u0000" as a NUL
 * that cuts the text short, a lone or malformed surrogate as bytes that are
 * not UTF-8: the file would not read back as it was. Returns how many bytes
 * the escape at @at takes, or 0 with @result set when it is refused. */
static gsize
check_escape (const char        *data,
              gsize              length,
              gsize              at,
              MlgJsonScanResult *result)
{
  gint32 unit, low;

  if (at + 1 < length && strchr ("\"\\/bfnrt", data[at + 1]) && data[at + 1] != '\0')
    return 2;
  unit = escaped_unit (data, length, at);
  if (unit == 0)
    {
      *result = MLG_JSON_SCAN_NUL;
      return 0;
    }
  if (unit > 0 && (unit < 0xD800 || unit > 0xDFFF))
    return 6;
  low = escaped_unit (data, length, at + 6);
  if (unit >= 0xD800 && unit <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF)
    return 12;
  *result = MLG_JSON_SCAN_BAD_ESCAPE;
  return 0;
}

/* Numbers json-glib 1.6 would not hold as written: integers beyond 64 bits
 * wrap around (99999999999999999999 reads as -1) and reals beyond the
 * double range read as infinity, which JSON cannot write back. Returns the
 * length of the number at @at, or 0 when it is refused. Most numbers are
 * short integers and are answered without parsing. */
static gsize
check_number (const char *data,
              gsize       length,
              gsize       at)
{
  gboolean real = FALSE, exponent = FALSE;
  guint digits = 0;
  gsize end = at;

  for (; end < length; end++)
    {
      char ch = data[end];

      if (ch >= '0' && ch <= '9')
        digits++;
      else if (ch == '.')
        real = TRUE;
      else if (ch == 'e' || ch == 'E')
        real = exponent = TRUE;
      else if (ch != '+' && ch != '-')
        break;
    }

  if (!real && digits <= 18)
    return end - at;
  if (real && !exponent && digits < 300)
    return end - at;

  {
    g_autofree char *token = g_strndup (data + at, end - at);

    errno = 0;
    if (real)
      {
        if (isinf (g_ascii_strtod (token, NULL)))
          return 0;
      }
    else
      {
        g_ascii_strtoll (token, NULL, 10);
        if (errno == ERANGE)
          return 0;
      }
  }
  return end - at;
}

/* The length of the valid UTF-8 character at @p (lead byte ≥ 0x80), or 0:
 * no overlong forms, no surrogates, nothing beyond U+10FFFF. */
static gsize
utf8_char_length (const guchar *p,
                  gsize         left)
{
  guint32 c;
  gsize n;

  if (p[0] >= 0xC2 && p[0] <= 0xDF)
    n = 2, c = p[0] & 0x1F;
  else if (p[0] >= 0xE0 && p[0] <= 0xEF)
    n = 3, c = p[0] & 0x0F;
  else if (p[0] >= 0xF0 && p[0] <= 0xF4)
    n = 4, c = p[0] & 0x07;
  else
    return 0;

  if (n > left)
    return 0;
  for (gsize i = 1; i < n; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        return 0;
      c = (c << 6) | (p[i] & 0x3F);
    }
  if ((n == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
      (n == 4 && (c < 0x10000 || c > 0x10FFFF)))
    return 0;
  return n;
}

/* Bytes that matter inside a string: its end, an escape, a non-ASCII
 * character (checked as UTF-8), a control character. */
static const guchar special[256] = {
  [0 ... 0x1F] = 1, ['"'] = 1, ['\\'] = 1, [0x80 ... 0xFF] = 1,
};

/* Bytes outside strings: blanks need nothing, so runs of indentation are
 * skipped in a tight loop. */
static const guchar blank_byte[256] = {
  [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
};

/* The offset of the first '"' or '\\' at or after @i, or @length. Eight
 * bytes at a time: most of a file is the inside of strings. */
static gsize
string_stop (const char *data,
             gsize       length,
             gsize       i)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined(__GNUC__)
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);

  for (; i + 8 <= length; i += 8)
    {
      guint64 word, quote, backslash, hits;

      memcpy (&word, data + i, 8);
      quote = word ^ (ones * '"');
      backslash = word ^ (ones * '\\');
      /* a byte is zero in quote or backslash where the word holds one: the
       * lowest flagged byte is always a true one */
      hits = ((quote - ones) & ~quote & highs) | ((backslash - ones) & ~backslash & highs);
      if (hits != 0)
        return i + (__builtin_ctzll (hits) >> 3);
    }
#endif
  for (; i < length; i++)
    if (data[i] == '"' || data[i] == '\\')
      return i;
  return length;
}

/* Both scans: @check_text adds the NUL and UTF-8 checks, which json-glib
 * also makes (g_utf8_validate) but without saying where. Inlined twice, so
 * that the quick one does not test the flag at each byte. */
static inline MlgJsonScanResult
prescan (const char *data,
         gsize       length,
         gboolean    check_text,
         guint      *line,
         guint      *column)
{
  gboolean in_string = FALSE;
  gboolean blank = TRUE;
  guint depth = 0;

  *line = *column = 0;

  if (check_text)
    {
      const char *nul = memchr (data, '\0', length);

      if (nul != NULL)
        {
          position_of (data, nul - data, line, column);
          return MLG_JSON_SCAN_NUL;
        }
    }

  for (gsize i = 0; i < length; i++)
    {
      char ch;

      if (!in_string)
        {
          while (i < length && blank_byte[(guchar) data[i]])
            i++;
          if (i == length)
            break;
        }
      else if (!check_text)
        {
          i = string_stop (data, length, i);
          if (i == length)
            break;
        }
      ch = data[i];

      /* UTF-8 is checked here, in the same pass: JSON text is mostly
       * ASCII, and only the other characters need decoding. */
      if (check_text && (guchar) ch >= 0x80)
        {
          gsize taken = utf8_char_length ((const guchar *) data + i, length - i);

          if (taken == 0)
            {
              position_of (data, i, line, column);
              return MLG_JSON_SCAN_BAD_UTF8;
            }
          blank = FALSE;
          i += taken - 1;
          continue;
        }

      if (in_string)
        {
          /* Most of a file is the inside of strings: skip plain bytes fast. */
          if (ch != '\\' && ch != '"')
            {
              while (i + 1 < length && !special[(guchar) data[i + 1]])
                i++;
              continue;
            }
          if (ch == '\\')
            {
              MlgJsonScanResult result = MLG_JSON_SCAN_OK;
              gsize taken = check_escape (data, length, i, &result);

              if (taken == 0)
                {
                  position_of (data, i, line, column);
                  return result;
                }
              i += taken - 1;
            }
          else if (ch == '"')
            in_string = FALSE;
          continue;
        }

      switch (ch)
        {
        case '"':
          in_string = TRUE;
          blank = FALSE;
          break;
        case '[':
        case '{':
          blank = FALSE;
          if (++depth > MLG_JSON_MAX_DEPTH)
            {
              position_of (data, i, line, column);
              return MLG_JSON_SCAN_TOO_DEEP;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          blank = FALSE;
          break;
        case ' ': case '\t': case '\n': case '\r':
          break;
        case '-': case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          {
            gsize taken = check_number (data, length, i);

            blank = FALSE;
            if (taken == 0)
              {
                position_of (data, i, line, column);
                return MLG_JSON_SCAN_BAD_NUMBER;
              }
            i += taken - 1;
          }
          break;
        default:
          blank = FALSE;
        }
    }

  return blank ? MLG_JSON_SCAN_EMPTY : MLG_JSON_SCAN_OK;
}

MlgJsonScanResult
mlg_json_prescan (const char *data,
                  gsize       length,
                  guint      *line,
                  guint      *column)
{
  return prescan (data, length, TRUE, line, column);
}

MlgJsonScanResult
mlg_json_prescan_quick (const char *data,
                        gsize       length,
                        guint      *line,
                        guint      *column)
{
  return prescan (data, length, FALSE, line, column);
}

/* ── Locating a value by its path ─────────────────────────────────────── */

typedef struct {
  const char *p;
  const char *end;
} Cursor;

static void
skip_blanks (Cursor *cur)
{
  while (cur->p < cur->end && (*cur->p == ' ' || *cur->p == '\t' ||
                               *cur->p == '\n' || *cur->p == '\r'))
    cur->p++;
}

/* Reads a string at the cursor; when @out is not NULL, its raw contents
 * (escapes left as they are: member names of the format have none). */
static gboolean
read_string (Cursor  *cur,
             GString *out)
{
  if (cur->p >= cur->end || *cur->p != '"')
    return FALSE;
  cur->p++;
  while (cur->p < cur->end && *cur->p != '"')
    {
      if (*cur->p == '\\' && cur->p + 1 < cur->end)
        {
          if (out)
            g_string_append_len (out, cur->p, 2);
          cur->p += 2;
          continue;
        }
      if (out)
        g_string_append_c (out, *cur->p);
      cur->p++;
    }
  if (cur->p >= cur->end)
    return FALSE;
  cur->p++;
  return TRUE;
}

static gboolean
skip_value (Cursor *cur)
{
  guint depth = 0;

  skip_blanks (cur);
  do
    {
      if (cur->p >= cur->end)
        return FALSE;
      switch (*cur->p)
        {
        case '"':
          if (!read_string (cur, NULL))
            return FALSE;
          break;
        case '{':
        case '[':
          depth++;
          cur->p++;
          break;
        case '}':
        case ']':
          if (depth == 0)
            return TRUE;
          depth--;
          cur->p++;
          break;
        case ',':
        case ':':
          if (depth == 0)
            return TRUE;
          cur->p++;
          break;
        default:
          cur->p++;
          if (depth == 0)
            {
              /* a number or literal: runs to the next delimiter */
              while (cur->p < cur->end && !strchr (",]} \t\r\n", *cur->p))
                cur->p++;
              return TRUE;
            }
        }
      skip_blanks (cur);
    }
  while (depth > 0);
  return TRUE;
}

static gboolean
enter_member (Cursor     *cur,
              const char *key)
{
  g_autoptr(GString) name = g_string_new (NULL);

  skip_blanks (cur);
  if (cur->p >= cur->end || *cur->p != '{')
    return FALSE;
  cur->p++;
  for (;;)
    {
      skip_blanks (cur);
      g_string_truncate (name, 0);
      if (!read_string (cur, name))
        return FALSE;
      skip_blanks (cur);
      if (cur->p >= cur->end || *cur->p != ':')
        return FALSE;
      cur->p++;
      skip_blanks (cur);
      if (strcmp (name->str, key) == 0)
        return TRUE;
      if (!skip_value (cur))
        return FALSE;
      skip_blanks (cur);
      if (cur->p >= cur->end || *cur->p != ',')
        return FALSE;
      cur->p++;
    }
}

static gboolean
enter_element (Cursor *cur,
               guint   index)
{
  skip_blanks (cur);
  if (cur->p >= cur->end || *cur->p != '[')
    return FALSE;
  cur->p++;
  for (guint i = 0;; i++)
    {
      skip_blanks (cur);
      if (i == index)
        return cur->p < cur->end && *cur->p != ']';
      if (!skip_value (cur))
        return FALSE;
      skip_blanks (cur);
      if (cur->p >= cur->end || *cur->p != ',')
        return FALSE;
      cur->p++;
    }
}

gboolean
mlg_json_locate (const char        *data,
                 gsize              length,
                 const MlgJsonStep *path,
                 guint              n_steps,
                 guint             *line,
                 guint             *column)
{
  Cursor cur = { data, data + length };
  const char *found = data;
  gboolean ok = TRUE;

  skip_blanks (&cur);
  found = cur.p;
  for (guint i = 0; i < n_steps && ok; i++)
    {
      ok = path[i].key ? enter_member (&cur, path[i].key)
                       : enter_element (&cur, path[i].index);
      if (ok)
        {
          skip_blanks (&cur);
          found = cur.p;
        }
    }

  position_of (data, found - data, line, column);
  return ok;
}
