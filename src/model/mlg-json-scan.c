/* mlg-json-scan.c — a light pass over JSON bytes, before and after json-glib */
#include "mlg-json-scan.h"

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

MlgJsonScanResult
mlg_json_prescan (const char *data,
                  gsize       length,
                  guint      *line,
                  guint      *column)
{
  const char *end_valid = NULL;
  gboolean in_string = FALSE;
  gboolean blank = TRUE;
  guint depth = 0;
  const char *nul;

  *line = *column = 0;

  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      position_of (data, nul - data, line, column);
      return MLG_JSON_SCAN_NUL;
    }

  if (!g_utf8_validate_len (data, length, &end_valid))
    {
      position_of (data, end_valid - data, line, column);
      return MLG_JSON_SCAN_BAD_UTF8;
    }

  for (gsize i = 0; i < length; i++)
    {
      char ch = data[i];

      if (in_string)
        {
          if (ch == '\\')
            i++;
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
        default:
          blank = FALSE;
        }
    }

  return blank ? MLG_JSON_SCAN_EMPTY : MLG_JSON_SCAN_OK;
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
