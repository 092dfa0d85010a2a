/* mlg-sheet-private.h — building a sheet out of blocks (src/sheets only)
 *
 * The builders (structure, PTCE, territory, directory) describe a sheet as
 * a flow of blocks; MlgSheet lays them out and paginates them. Text is
 * always plain text plus style spans, never markup: what the file holds
 * prints literally.
 */
#pragma once

#include <pango/pango.h>

#include "mlg-sheet.h"

G_BEGIN_DECLS

typedef enum {
  MLG_SHEET_STYLE_BODY,
  MLG_SHEET_STYLE_SMALL,          /* tables, lists */
  MLG_SHEET_STYLE_NOTE,           /* numbered sources, remarks */
  MLG_SHEET_STYLE_LABEL,          /* labels of the identity block */
  MLG_SHEET_STYLE_KICKER,         /* "FICHE STRUCTURE" above the title */
  MLG_SHEET_STYLE_TITLE,
  MLG_SHEET_STYLE_SUBTITLE,
  MLG_SHEET_STYLE_HEADING,        /* section heading, with a rule */
  MLG_SHEET_STYLE_SUBHEADING,
  MLG_SHEET_STYLE_TABLE_HEAD,
  MLG_SHEET_STYLE_COVER_TITLE,
  MLG_SHEET_STYLE_COVER_SUBTITLE,
  MLG_SHEET_STYLE_INDEX_LETTER,
  MLG_SHEET_STYLE_RUNNING,        /* header and footer */
  MLG_SHEET_N_STYLES
} MlgSheetStyle;

typedef enum {
  MLG_SHEET_SPAN_NORMAL,
  MLG_SHEET_SPAN_BOLD,
  MLG_SHEET_SPAN_ITALIC,
  MLG_SHEET_SPAN_MUTED,
  MLG_SHEET_SPAN_ACCENT,
  MLG_SHEET_SPAN_NOTE_REF,        /* number of a source note, in superscript digits */
  MLG_SHEET_SPAN_SMALL,
} MlgSheetSpan;

typedef enum {
  MLG_SHEET_TABLE_HEADER  = 1 << 0, /* the first row is a header, repeated on each page */
  MLG_SHEET_TABLE_RULES   = 1 << 1, /* hairlines between rows */
  MLG_SHEET_TABLE_ZEBRA   = 1 << 2, /* every other row tinted */
  MLG_SHEET_TABLE_GRID    = 1 << 3, /* compact label/value grid, no rules */
  MLG_SHEET_TABLE_LEADERS = 1 << 4, /* dotted leaders up to the last cell (contents) */
} MlgSheetTableFlags;

/* Plain text with style spans. */
typedef struct _MlgSheetText MlgSheetText;

MlgSheetText *mlg_sheet_text_new       (const char    *text);
void          mlg_sheet_text_append    (MlgSheetText  *self,
                                        MlgSheetSpan   span,
                                        const char    *text);
gboolean      mlg_sheet_text_is_empty  (MlgSheetText  *self);
const char   *mlg_sheet_text_get_text  (MlgSheetText  *self);
void          mlg_sheet_text_free      (MlgSheetText  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlgSheetText, mlg_sheet_text_free)

MlgSheet *mlg_sheet_new                (const char    *title,
                                        const char    *ecosystem_name);
void      mlg_sheet_set_metadata       (MlgSheet      *self,
                                        const char    *author,
                                        const char    *subject,
                                        const char    *keywords);
/* Binding margin on the left of odd pages and the right of even ones. */
void      mlg_sheet_set_mirrored       (MlgSheet      *self,
                                        gboolean       mirrored);

/* Blocks. Each _add_ takes ownership of the MlgSheetText it is given. */
void      mlg_sheet_add_text           (MlgSheet      *self,
                                        MlgSheetStyle  style,
                                        MlgSheetText  *text);
void      mlg_sheet_add_plain          (MlgSheet      *self,
                                        MlgSheetStyle  style,
                                        const char    *text);
void      mlg_sheet_add_heading        (MlgSheet      *self,
                                        const char    *text);
void      mlg_sheet_add_subheading     (MlgSheet      *self,
                                        const char    *text);
void      mlg_sheet_add_bullet         (MlgSheet      *self,
                                        MlgSheetStyle  style,
                                        MlgSheetText  *text);
void      mlg_sheet_add_space          (MlgSheet      *self,
                                        double         points);
void      mlg_sheet_add_rule           (MlgSheet      *self,
                                        double         thickness);
void      mlg_sheet_add_page_break     (MlgSheet      *self);
/* From the page where the next block lands: the running title of the
 * header and the note of the footer (the date of last update). */
void      mlg_sheet_add_mark           (MlgSheet      *self,
                                        const char    *running_title,
                                        const char    *footer_note);
void      mlg_sheet_add_anchor         (MlgSheet      *self,
                                        const char    *name,
                                        const char    *outline_label);
/* The page where the next block lands has no header and footer (cover). */
void      mlg_sheet_add_plain_page     (MlgSheet      *self);
/* Following blocks flow in @n columns, until the next call. */
void      mlg_sheet_set_columns        (MlgSheet      *self,
                                        guint          n);
/* The last block stays on the same page as the next one. */
void      mlg_sheet_keep_with_next     (MlgSheet      *self);
/* Extra space above the last block (added to its style's). */
void      mlg_sheet_space_before       (MlgSheet      *self,
                                        double         points);

/* Blocks that can only be written once the pages of what comes before
 * are known (an index): @func runs during pagination, may call
 * mlg_sheet_get_anchor_page() and adds blocks, which are laid out there. */
typedef void (*MlgSheetDeferredFunc) (MlgSheet *sheet,
                                      gpointer  user_data);
void      mlg_sheet_add_deferred       (MlgSheet             *self,
                                        MlgSheetDeferredFunc  func,
                                        gpointer              user_data,
                                        GDestroyNotify        destroy);

/* Tables: a table is a block; its handle stays valid while it is the last
 * block. Rows never split across pages. */
typedef struct _MlgSheetTable MlgSheetTable;

MlgSheetTable *mlg_sheet_add_table     (MlgSheet          *self,
                                        guint              n_columns,
                                        const double      *widths,
                                        MlgSheetTableFlags flags);
void      mlg_sheet_table_set_column   (MlgSheetTable *table,
                                        guint          column,
                                        MlgSheetStyle  style,
                                        PangoAlignment align);
/* Cells fill rows from left to right; a row ends after its last column.
 * @text is taken and may be NULL for an empty cell. */
void      mlg_sheet_table_add_cell     (MlgSheetTable *table,
                                        MlgSheetText  *text);
void      mlg_sheet_table_add_span     (MlgSheetTable *table,
                                        guint          n_columns,
                                        MlgSheetText  *text);
void      mlg_sheet_table_add_string   (MlgSheetTable *table,
                                        const char    *text);
/* A cell that shows the page number of an anchor. */
void      mlg_sheet_table_add_page_ref (MlgSheetTable *table,
                                        const char    *anchor);
guint     mlg_sheet_table_get_n_rows   (MlgSheetTable *table);

G_END_DECLS
