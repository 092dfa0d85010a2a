/* mlg-json-scan.h — a light pass over JSON bytes, before and after json-glib
 *
 * json-glib 1.6 recurses once per nesting level and crashes on deep input,
 * accepts NUL bytes and does not say where in the file a well-formed but
 * wrong value is. These helpers bound the depth, check the encoding and find
 * the line and column of a value by its path, without building a tree.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLG_JSON_MAX_DEPTH 64

typedef enum {
  MLG_JSON_SCAN_OK,
  MLG_JSON_SCAN_EMPTY,
  MLG_JSON_SCAN_NUL,
  MLG_JSON_SCAN_BAD_UTF8,
  MLG_JSON_SCAN_TOO_DEEP,
  MLG_JSON_SCAN_BAD_NUMBER,   /* too large to hold: 1e400, 2^64 */
  MLG_JSON_SCAN_BAD_ESCAPE,   /* "\\x", "\\u12", half a character */
} MlgJsonScanResult;

/* Checks @data; on a problem, sets the 1-based @line and @column of it. */
MlgJsonScanResult mlg_json_prescan (const char *data,
                                    gsize       length,
                                    guint      *line,
                                    guint      *column);
/* The same without the NUL and UTF-8 checks, for what json-glib is then
 * given: it refuses those itself (without a place: mlg_json_prescan ()
 * finds it). Several times quicker, for every load. */
MlgJsonScanResult mlg_json_prescan_quick (const char *data,
                                          gsize       length,
                                          guint      *line,
                                          guint      *column);

/* One step of a path: a member name, or an array index when key is NULL. */
typedef struct {
  const char *key;
  guint       index;
} MlgJsonStep;

/* Finds where the value at @path starts. Returns FALSE when it is not found
 * (then @line and @column are those of the deepest value found). */
gboolean mlg_json_locate (const char        *data,
                          gsize              length,
                          const MlgJsonStep *path,
                          guint              n_steps,
                          guint             *line,
                          guint             *column);

G_END_DECLS
