/* mlg-sheet.h — a fact sheet laid out with Pango on any cairo_t
 *
 * A sheet is a list of blocks (title, headings, paragraphs, tables…)
 * built once from the document (it is a snapshot: later edits do not
 * change it). It is paginated for a page size, then any page is drawn on
 * any cairo_t whose user unit is the point (1/72 inch): a PDF surface, or
 * the cairo context of a GtkPrintContext. From GtkPrintOperation:
 *
 *   gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
 *   gtk_print_operation_set_use_full_page (op, TRUE);  // the sheet has its own margins
 *   begin-print: n = mlg_sheet_paginate (sheet, gtk_print_context_get_width (ctx),
 *                                        gtk_print_context_get_height (ctx));
 *                gtk_print_operation_set_n_pages (op, n);
 *   draw-page:   mlg_sheet_draw_page (sheet, gtk_print_context_get_cairo_context (ctx), page_nr);
 *
 * Layout uses its own Pango context (72 dpi, no hinting of metrics, no
 * rounding of glyph positions), so that line breaks and page breaks are
 * the same in the preview, on paper and in the PDF.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/* A4 portrait, in points. */
#define MLG_SHEET_A4_WIDTH  595.2756
#define MLG_SHEET_A4_HEIGHT 841.8898

#define MLG_TYPE_SHEET (mlg_sheet_get_type ())
G_DECLARE_FINAL_TYPE (MlgSheet, mlg_sheet, MLG, SHEET, GObject)

/* What a PDF's metadata and a print job's name say. */
const char *mlg_sheet_get_title         (MlgSheet   *self);
const char *mlg_sheet_get_author        (MlgSheet   *self);
const char *mlg_sheet_get_subject       (MlgSheet   *self);
const char *mlg_sheet_get_keywords      (MlgSheet   *self);

/* Lays the sheet out on pages of @width × @height points and returns the
 * number of pages (at least 1). May be called again for another size. */
guint       mlg_sheet_paginate          (MlgSheet   *self,
                                         double      width,
                                         double      height);
guint       mlg_sheet_get_n_pages       (MlgSheet   *self);

/* Draws page @page (from 0) of the last pagination, in points, from the
 * top left corner of the page. The cairo state is saved and restored. */
void        mlg_sheet_draw_page         (MlgSheet   *self,
                                         cairo_t    *cr,
                                         guint       page);

/* After pagination: the page (from 0) where a named place begins, such as
 * "structure:ID" for a structure's fiche in the directory; -1 if none. */
int         mlg_sheet_get_anchor_page   (MlgSheet   *self,
                                         const char *anchor);

/* After pagination, for PDF bookmarks: the labelled places in order. */
guint       mlg_sheet_get_n_outline     (MlgSheet   *self);
const char *mlg_sheet_get_outline_label (MlgSheet   *self,
                                         guint       index,
                                         guint      *page);

G_END_DECLS
