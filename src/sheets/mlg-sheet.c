/* mlg-sheet.c — a fact sheet laid out with Pango on any cairo_t
 *
 * Blocks are laid out into items, each an unbreakable slice of the page:
 * one line of a paragraph, one row of a table, a rule. Items are then
 * placed on pages top to bottom: a paragraph may break between two lines
 * (but leaves no single first or last line alone), a row never splits, a
 * heading keeps with what follows, and a table's header row is repeated at
 * the top of each page it continues on. Drawing a page replays the items
 * placed on it, with the running header and footer.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <math.h>
#include <string.h>

#include "mlg-sheet-private.h"
#include "mlg-typography.h"

/* ── Page geometry (points) ──────────────────────────────────────────── */

#define MARGIN_BINDING   62.36  /* 22 mm, for binding or punching */
#define MARGIN_OUTER     45.35  /* 16 mm */
#define HEADER_TOP       30.0
#define HEADER_RULE      44.0
#define CONTENT_TOP      62.0
#define FOOTER_RULE      46.0   /* from the bottom edge */
#define FOOTER_TOP       42.0   /* from the bottom edge */
#define CONTENT_BOTTOM   58.0   /* from the bottom edge */
#define COLUMN_GUTTER    18.0
#define CELL_PAD_X        4.0
#define CELL_PAD_Y        3.0
#define GRID_PAD_Y        1.6
#define BULLET_INDENT    11.0
#define HEADING_RULE_GAP  2.5

/* ── Colours ─────────────────────────────────────────────────────────── */

#define INK        0x1d2125
#define MUTED      0x5d6670
#define ACCENT     0x1c5a78
#define RULE       0xb9c6cf
#define HAIRLINE   0xd9e1e6
#define TINT       0xf1f5f8
#define HEAD_TINT  0xe2ecf2

#define HEADING_FONT "Cantarell"
#define BODY_FONT    "Cantarell"

typedef struct {
  const char  *family;
  double       size;
  PangoWeight  weight;
  PangoStyle   slant;
  gboolean     small_caps;
  gboolean     uppercase;
  double       letter_spacing;   /* points */
  guint32      color;
  double       line_spacing;     /* factor of the font's height; 0 = the font's own */
  double       space_before;     /* above a block of this style */
} StyleDef;

static const StyleDef styles[MLG_SHEET_N_STYLES] = {
  [MLG_SHEET_STYLE_BODY]           = { BODY_FONT,    9.4, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, FALSE, FALSE, 0,    INK,    1.12, 4.0 },
  [MLG_SHEET_STYLE_SMALL]          = { BODY_FONT,    8.4, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, FALSE, FALSE, 0,    INK,    1.08, 2.0 },
  [MLG_SHEET_STYLE_NOTE]           = { BODY_FONT,    7.4, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, FALSE, FALSE, 0,    MUTED,  1.05, 1.0 },
  [MLG_SHEET_STYLE_LABEL]          = { BODY_FONT,    8.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, FALSE, FALSE, 0,    MUTED,  1.08, 0.0 },
  [MLG_SHEET_STYLE_KICKER]         = { HEADING_FONT, 7.8, PANGO_WEIGHT_BOLD,   PANGO_STYLE_NORMAL, FALSE, TRUE,  1.1,  ACCENT, 0,    0.0 },
  [MLG_SHEET_STYLE_TITLE]          = { HEADING_FONT, 19.0, PANGO_WEIGHT_BOLD,  PANGO_STYLE_NORMAL, FALSE, FALSE, 0,    INK,    1.0,  2.0 },
  [MLG_SHEET_STYLE_SUBTITLE]       = { HEADING_FONT, 10.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, FALSE, FALSE, 0,   MUTED,  1.05, 2.0 },
  [MLG_SHEET_STYLE_HEADING]        = { HEADING_FONT, 8.8, PANGO_WEIGHT_BOLD,   PANGO_STYLE_NORMAL, FALSE, TRUE,  0.9,  ACCENT, 0,    13.0 },
  [MLG_SHEET_STYLE_SUBHEADING]     = { HEADING_FONT, 9.2, PANGO_WEIGHT_BOLD,   PANGO_STYLE_NORMAL, FALSE, FALSE, 0,    INK,    0,    7.0 },
  [MLG_SHEET_STYLE_TABLE_HEAD]     = { HEADING_FONT, 7.8, PANGO_WEIGHT_BOLD,   PANGO_STYLE_NORMAL, FALSE, FALSE, 0.2,  ACCENT, 1.0,  0.0 },
  [MLG_SHEET_STYLE_COVER_TITLE]    = { HEADING_FONT, 30.0, PANGO_WEIGHT_BOLD,  PANGO_STYLE_NORMAL, FALSE, FALSE, 0,    ACCENT, 1.0,  6.0 },
  [MLG_SHEET_STYLE_COVER_SUBTITLE] = { HEADING_FONT, 13.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, FALSE, FALSE, 0,   MUTED,  1.1,  6.0 },
  [MLG_SHEET_STYLE_INDEX_LETTER]   = { HEADING_FONT, 10.5, PANGO_WEIGHT_BOLD,  PANGO_STYLE_NORMAL, FALSE, FALSE, 0,    ACCENT, 0,    7.0 },
  [MLG_SHEET_STYLE_RUNNING]        = { HEADING_FONT, 7.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, FALSE, FALSE, 0.1,  MUTED,  0,    0.0 },
};

/* ── Styled text ─────────────────────────────────────────────────────── */

struct _MlgSheetText {
  GString       *text;
  PangoAttrList *attrs;
};

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

static PangoAttribute *
color_attr (guint32 rgb)
{
  return pango_attr_foreground_new (((rgb >> 16) & 0xff) * 257, ((rgb >> 8) & 0xff) * 257, (rgb & 0xff) * 257);
}

/* Text from the file may hold anything: invalid UTF-8 and control
 * characters would print as boxes, so they become spaces. */
static void
append_clean (GString    *out,
              const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
        }
      else if (c == '\n' || c == '\t')
        g_string_append_c (out, (char) c);
      else if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else if (c == 0x202F)
        /* Cantarell has no narrow no-break space, and the one HarfBuzz
         * makes up is too thin to see: a thin space held by word joiners. */
        g_string_append (out, "\u2060\u2009\u2060");
      else
        g_string_append_unichar (out, c);
    }
}

MlgSheetText *
mlg_sheet_text_new (const char *text)
{
  MlgSheetText *self = g_new0 (MlgSheetText, 1);

  self->text = g_string_new (NULL);
  self->attrs = pango_attr_list_new ();
  if (text)
    append_clean (self->text, text);
  return self;
}

void
mlg_sheet_text_append (MlgSheetText *self,
                       MlgSheetSpan  span,
                       const char   *text)
{
  guint start = self->text->len;
  PangoAttribute *attrs[3] = { NULL };

  if (text == NULL || *text == '\0')
    return;
  append_clean (self->text, text);

  switch (span)
    {
    case MLG_SHEET_SPAN_NORMAL:
      break;
    case MLG_SHEET_SPAN_BOLD:
      attrs[0] = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      break;
    case MLG_SHEET_SPAN_ITALIC:
      attrs[0] = pango_attr_style_new (PANGO_STYLE_ITALIC);
      break;
    case MLG_SHEET_SPAN_MUTED:
      attrs[0] = color_attr (MUTED);
      break;
    case MLG_SHEET_SPAN_ACCENT:
      attrs[0] = color_attr (ACCENT);
      attrs[1] = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      break;
    case MLG_SHEET_SPAN_NOTE_REF:
      /* The text is made of superscript digits already. */
      attrs[0] = color_attr (ACCENT);
      break;
    case MLG_SHEET_SPAN_SMALL:
      attrs[0] = pango_attr_scale_new (0.88);
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (attrs) && attrs[i]; i++)
    {
      attrs[i]->start_index = start;
      attrs[i]->end_index = self->text->len;
      pango_attr_list_insert (self->attrs, attrs[i]);
    }
}

gboolean
mlg_sheet_text_is_empty (MlgSheetText *self)
{
  return self == NULL || self->text->len == 0;
}

const char *
mlg_sheet_text_get_text (MlgSheetText *self)
{
  return self->text->str;
}

void
mlg_sheet_text_free (MlgSheetText *self)
{
  if (self == NULL)
    return;
  g_string_free (self->text, TRUE);
  pango_attr_list_unref (self->attrs);
  g_free (self);
}

/* ── Blocks ──────────────────────────────────────────────────────────── */

typedef enum {
  BLOCK_TEXT,
  BLOCK_TABLE,
  BLOCK_SPACE,
  BLOCK_RULE,
  BLOCK_BREAK,
  BLOCK_ANCHOR,
  BLOCK_MARK,
  BLOCK_PLAIN_PAGE,
  BLOCK_COLUMNS,
  BLOCK_DEFERRED,
} BlockKind;

typedef struct {
  guint         column;
  guint         span;
  MlgSheetText *text;
  char         *page_ref;
} CellSpec;

typedef struct {
  BlockKind      kind;
  MlgSheetStyle  style;
  double         space_before;
  gboolean       keep_with_next;
  gboolean       rule_below;
  gboolean       bullet;
  MlgSheetText  *text;
  /* TABLE */
  guint          n_columns;
  double        *widths;
  MlgSheetStyle *column_styles;
  PangoAlignment *column_align;
  MlgSheetTableFlags flags;
  GPtrArray     *rows;        /* GPtrArray of CellSpec */
  guint          next_column; /* where the next cell of the last row goes */
  /* SPACE, RULE */
  double         amount;
  /* ANCHOR (name, outline label), MARK (running title, footer note) */
  char          *name;
  char          *label;
  /* COLUMNS */
  guint          columns;
  /* DEFERRED */
  MlgSheetDeferredFunc func;
  gpointer       data;
  GDestroyNotify destroy;
} Block;

static void
cell_spec_free (CellSpec *cell)
{
  mlg_sheet_text_free (cell->text);
  g_free (cell->page_ref);
  g_free (cell);
}

static void
block_free (Block *block)
{
  mlg_sheet_text_free (block->text);
  g_free (block->widths);
  g_free (block->column_styles);
  g_free (block->column_align);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block->name);
  g_free (block->label);
  if (block->destroy)
    block->destroy (block->data);
  g_free (block);
}

/* ── Items: what pagination places ───────────────────────────────────── */

typedef enum {
  ITEM_LINE,
  ITEM_ROW,
  ITEM_RULE,
  ITEM_SPACE,
  ITEM_BREAK,
  ITEM_ANCHOR,
  ITEM_MARK,
  ITEM_PLAIN_PAGE,
  ITEM_COLUMNS,
} ItemKind;

enum {
  ROW_HEADER = 1 << 0,
  ROW_TINT   = 1 << 1,
  ROW_RULE   = 1 << 2,
  ROW_LEADER = 1 << 3,
};

typedef struct {
  PangoLayout *layout;
  double       x;
  double       width;
  char        *page_ref;
  guint32      color;
  MlgSheetStyle style;
} Cell;

typedef struct _Item Item;
struct _Item {
  ItemKind     kind;
  double       height;
  double       space_before;
  gboolean     keep_with_next;
  double       x;            /* from the left of the frame */
  double       width;        /* of the frame */
  guint32      color;
  /* LINE */
  PangoLayout *layout;
  int          line;
  double       baseline;     /* from the top of the item */
  gboolean     rule_below;
  /* ROW */
  GPtrArray   *cells;        /* Cell */
  double       pad_top;
  guint        row_flags;
  Item        *header;       /* header row to repeat on a new page */
  /* RULE, SPACE */
  double       thickness;
  /* ANCHOR, MARK */
  const char  *name;
  const char  *label;
  guint        page;         /* where it landed */
  /* COLUMNS */
  guint        columns;
};

typedef struct {
  Item  *item;
  guint  page;
  double x;                  /* left of the frame, from the page's content left */
  double y;
  double offset;             /* a slice of a row taller than a page: its top… */
  double height;             /* …and height; 0 for the whole item */
} Placement;

typedef struct {
  gboolean plain;
  guint    first_placement;
  guint    n_placements;
} Page;

static void
cell_free (Cell *cell)
{
  g_clear_object (&cell->layout);
  g_free (cell->page_ref);
  g_free (cell);
}

static void
item_free (Item *item)
{
  g_clear_object (&item->layout);
  g_clear_pointer (&item->cells, g_ptr_array_unref);
  g_free (item);
}

/* ── The sheet ───────────────────────────────────────────────────────── */

struct _MlgSheet {
  GObject       parent_instance;

  char         *title;
  char         *ecosystem_name;
  char         *author;
  char         *subject;
  char         *keywords;
  gboolean      mirrored;
  MlgTypography typo;

  GPtrArray    *blocks;       /* Block, as built */
  GPtrArray    *generated;    /* Block, added by deferred blocks while paginating */
  GPtrArray    *target;       /* where blocks are added */

  /* The last pagination */
  double        page_width;
  double        page_height;
  PangoContext *context;
  GPtrArray    *items;        /* Item */
  guint         n_placed;     /* items already placed */
  GArray       *placements;   /* Placement */
  GArray       *pages;        /* Page */
  GPtrArray    *pending;      /* zero-height items waiting for the next placed one */
  GPtrArray    *marks;        /* MARK items, in order */
  GPtrArray    *anchors;      /* ANCHOR items, in order */
  GHashTable   *anchor_names; /* name → its first ANCHOR item */
  guint         layout_columns;

  /* Placement cursor */
  guint         page;
  guint         column;
  guint         n_columns;
  double        y;
  double        region_top;
  double        region_bottom;
  gboolean      column_used;
  gboolean      page_used;
};

G_DEFINE_FINAL_TYPE (MlgSheet, mlg_sheet, G_TYPE_OBJECT)

static void
clear_pagination (MlgSheet *self)
{
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->placements, g_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  g_clear_pointer (&self->anchors, g_ptr_array_unref);
  g_clear_pointer (&self->anchor_names, g_hash_table_unref);
  g_ptr_array_set_size (self->generated, 0);
  g_clear_object (&self->context);
}

static void
mlg_sheet_finalize (GObject *object)
{
  MlgSheet *self = MLG_SHEET (object);

  clear_pagination (self);
  g_ptr_array_unref (self->blocks);
  g_ptr_array_unref (self->generated);
  g_free (self->title);
  g_free (self->ecosystem_name);
  g_free (self->author);
  g_free (self->subject);
  g_free (self->keywords);

  G_OBJECT_CLASS (mlg_sheet_parent_class)->finalize (object);
}

static void
mlg_sheet_class_init (MlgSheetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mlg_sheet_finalize;
}

static void
mlg_sheet_init (MlgSheet *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->generated = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->target = self->blocks;
  self->typo = mlg_typography_current ();
}

MlgSheet *
mlg_sheet_new (const char *title,
               const char *ecosystem_name)
{
  MlgSheet *self = g_object_new (MLG_TYPE_SHEET, NULL);

  self->title = g_strdup (title ? title : "");
  self->ecosystem_name = g_strdup (ecosystem_name ? ecosystem_name : "");
  return self;
}

void
mlg_sheet_set_metadata (MlgSheet   *self,
                        const char *author,
                        const char *subject,
                        const char *keywords)
{
  g_free (self->author);
  g_free (self->subject);
  g_free (self->keywords);
  self->author = g_strdup (author);
  self->subject = g_strdup (subject);
  self->keywords = g_strdup (keywords);
}

void
mlg_sheet_set_mirrored (MlgSheet *self,
                        gboolean  mirrored)
{
  self->mirrored = mirrored;
}

const char *
mlg_sheet_get_title (MlgSheet *self)
{
  return self->title;
}

const char *
mlg_sheet_get_author (MlgSheet *self)
{
  return self->author ? self->author : self->ecosystem_name;
}

const char *
mlg_sheet_get_subject (MlgSheet *self)
{
  return self->subject;
}

const char *
mlg_sheet_get_keywords (MlgSheet *self)
{
  return self->keywords;
}

/* ── Adding blocks ───────────────────────────────────────────────────── */

static Block *
add_block (MlgSheet  *self,
           BlockKind  kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  g_ptr_array_add (self->target, block);
  return block;
}

static Block *
last_block (MlgSheet *self)
{
  return self->target->len ? g_ptr_array_index (self->target, self->target->len - 1) : NULL;
}

void
mlg_sheet_add_text (MlgSheet      *self,
                    MlgSheetStyle  style,
                    MlgSheetText  *text)
{
  Block *block;

  if (mlg_sheet_text_is_empty (text))
    {
      mlg_sheet_text_free (text);
      return;
    }
  block = add_block (self, BLOCK_TEXT);
  block->style = style;
  block->text = text;
  block->space_before = styles[style].space_before;
  /* Titles and headings announce what follows. */
  block->keep_with_next = style == MLG_SHEET_STYLE_KICKER || style == MLG_SHEET_STYLE_HEADING ||
                          style == MLG_SHEET_STYLE_SUBHEADING || style == MLG_SHEET_STYLE_INDEX_LETTER ||
                          style == MLG_SHEET_STYLE_TITLE;
}

void
mlg_sheet_add_plain (MlgSheet      *self,
                     MlgSheetStyle  style,
                     const char    *text)
{
  mlg_sheet_add_text (self, style, mlg_sheet_text_new (text));
}

void
mlg_sheet_add_heading (MlgSheet   *self,
                       const char *text)
{
  mlg_sheet_add_plain (self, MLG_SHEET_STYLE_HEADING, text);
  last_block (self)->rule_below = TRUE;
}

void
mlg_sheet_add_subheading (MlgSheet   *self,
                          const char *text)
{
  mlg_sheet_add_plain (self, MLG_SHEET_STYLE_SUBHEADING, text);
}

void
mlg_sheet_add_bullet (MlgSheet      *self,
                      MlgSheetStyle  style,
                      MlgSheetText  *text)
{
  Block *block;
  g_autoptr(MlgSheetText) bullet = NULL;

  if (mlg_sheet_text_is_empty (text))
    {
      mlg_sheet_text_free (text);
      return;
    }
  /* "•" and a tab to the hanging indent, then the text and its spans. */
  bullet = mlg_sheet_text_new ("•\t");
  pango_attr_list_splice (bullet->attrs, text->attrs, bullet->text->len, text->text->len);
  g_string_append (bullet->text, text->text->str);
  mlg_sheet_text_free (text);

  mlg_sheet_add_text (self, style, g_steal_pointer (&bullet));
  block = last_block (self);
  block->bullet = TRUE;
  block->space_before = 1.5;
}

void
mlg_sheet_add_space (MlgSheet *self,
                     double    points)
{
  add_block (self, BLOCK_SPACE)->amount = points;
}

void
mlg_sheet_add_rule (MlgSheet *self,
                    double    thickness)
{
  add_block (self, BLOCK_RULE)->amount = thickness;
}

void
mlg_sheet_add_page_break (MlgSheet *self)
{
  add_block (self, BLOCK_BREAK);
}

void
mlg_sheet_add_mark (MlgSheet   *self,
                    const char *running_title,
                    const char *footer_note)
{
  Block *block = add_block (self, BLOCK_MARK);

  block->name = g_strdup (running_title ? running_title : "");
  block->label = g_strdup (footer_note ? footer_note : "");
}

void
mlg_sheet_add_anchor (MlgSheet   *self,
                      const char *name,
                      const char *outline_label)
{
  Block *block = add_block (self, BLOCK_ANCHOR);

  block->name = g_strdup (name);
  block->label = g_strdup (outline_label);
}

void
mlg_sheet_add_plain_page (MlgSheet *self)
{
  add_block (self, BLOCK_PLAIN_PAGE);
}

void
mlg_sheet_set_columns (MlgSheet *self,
                       guint     n)
{
  add_block (self, BLOCK_COLUMNS)->columns = CLAMP (n, 1, 4);
}

void
mlg_sheet_keep_with_next (MlgSheet *self)
{
  Block *block = last_block (self);

  if (block)
    block->keep_with_next = TRUE;
}

void
mlg_sheet_space_before (MlgSheet *self,
                        double    points)
{
  Block *block = last_block (self);

  if (block)
    block->space_before += points;
}

void
mlg_sheet_add_deferred (MlgSheet             *self,
                        MlgSheetDeferredFunc  func,
                        gpointer              user_data,
                        GDestroyNotify        destroy)
{
  Block *block = add_block (self, BLOCK_DEFERRED);

  block->func = func;
  block->data = user_data;
  block->destroy = destroy;
}

MlgSheetTable *
mlg_sheet_add_table (MlgSheet          *self,
                     guint              n_columns,
                     const double      *widths,
                     MlgSheetTableFlags flags)
{
  Block *block = add_block (self, BLOCK_TABLE);
  double total = 0;

  g_return_val_if_fail (n_columns > 0, NULL);
  block->n_columns = n_columns;
  block->flags = flags;
  block->widths = g_new0 (double, n_columns);
  block->column_styles = g_new0 (MlgSheetStyle, n_columns);
  block->column_align = g_new0 (PangoAlignment, n_columns);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  block->space_before = (flags & MLG_SHEET_TABLE_GRID) ? 5.0 : 6.0;
  for (guint i = 0; i < n_columns; i++)
    {
      block->widths[i] = widths ? widths[i] : 1.0;
      total += block->widths[i];
      block->column_styles[i] = MLG_SHEET_STYLE_SMALL;
      block->column_align[i] = PANGO_ALIGN_LEFT;
    }
  for (guint i = 0; i < n_columns; i++)
    block->widths[i] /= total;
  return (MlgSheetTable *) block;
}

void
mlg_sheet_table_set_column (MlgSheetTable *table,
                            guint          column,
                            MlgSheetStyle  style,
                            PangoAlignment align)
{
  Block *block = (Block *) table;

  g_return_if_fail (column < block->n_columns);
  block->column_styles[column] = style;
  block->column_align[column] = align;
}

static CellSpec *
add_cell (Block        *block,
          guint         span,
          MlgSheetText *text)
{
  CellSpec *cell = g_new0 (CellSpec, 1);
  GPtrArray *row;

  if (block->next_column == 0)
    g_ptr_array_add (block->rows, g_ptr_array_new_with_free_func ((GDestroyNotify) cell_spec_free));
  row = g_ptr_array_index (block->rows, block->rows->len - 1);

  span = CLAMP (span, 1, block->n_columns - block->next_column);
  cell->column = block->next_column;
  cell->span = span;
  cell->text = text;
  g_ptr_array_add (row, cell);
  block->next_column = (block->next_column + span) % block->n_columns;
  return cell;
}

void
mlg_sheet_table_add_cell (MlgSheetTable *table,
                          MlgSheetText  *text)
{
  add_cell ((Block *) table, 1, text);
}

void
mlg_sheet_table_add_span (MlgSheetTable *table,
                          guint          n_columns,
                          MlgSheetText  *text)
{
  add_cell ((Block *) table, n_columns, text);
}

void
mlg_sheet_table_add_string (MlgSheetTable *table,
                            const char    *text)
{
  add_cell ((Block *) table, 1, text && *text ? mlg_sheet_text_new (text) : NULL);
}

void
mlg_sheet_table_add_page_ref (MlgSheetTable *table,
                              const char    *anchor)
{
  add_cell ((Block *) table, 1, NULL)->page_ref = g_strdup (anchor);
}

guint
mlg_sheet_table_get_n_rows (MlgSheetTable *table)
{
  return ((Block *) table)->rows->len;
}

/* ── Layout: blocks into items ───────────────────────────────────────── */

static double
content_width (MlgSheet *self)
{
  return self->page_width - MARGIN_BINDING - MARGIN_OUTER;
}

static double
frame_width (MlgSheet *self,
             guint     columns)
{
  return (content_width (self) - COLUMN_GUTTER * (columns - 1)) / columns;
}

static PangoLayout *
make_layout (MlgSheet       *self,
             MlgSheetStyle   style,
             const char     *text,
             PangoAttrList  *spans,
             double          width,
             PangoAlignment  align)
{
  const StyleDef *def = &styles[style];
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_new ();
  PangoAttrList *attrs = spans ? pango_attr_list_copy (spans) : pango_attr_list_new ();

  pango_font_description_set_family (font, def->family);
  pango_font_description_set_size (font, (int) (def->size * PANGO_SCALE));
  pango_font_description_set_weight (font, def->weight);
  pango_font_description_set_style (font, def->slant);
  if (def->small_caps)
    pango_font_description_set_variant (font, PANGO_VARIANT_SMALL_CAPS);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (width > 0)
    pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  if (def->line_spacing > 0)
    pango_layout_set_line_spacing (layout, (float) def->line_spacing);

  /* Style-wide attributes go first, so that spans override them. */
  if (def->letter_spacing > 0)
    pango_attr_list_insert_before (attrs, pango_attr_letter_spacing_new ((int) (def->letter_spacing * PANGO_SCALE)));
  if (def->uppercase)
    pango_attr_list_insert_before (attrs, pango_attr_text_transform_new (PANGO_TEXT_TRANSFORM_UPPERCASE));

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static Item *
add_item (MlgSheet *self,
          ItemKind  kind)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  g_ptr_array_add (self->items, item);
  return item;
}

static void
layout_text (MlgSheet *self,
             Block    *block,
             double    width)
{
  const StyleDef *def = &styles[block->style];
  PangoLayout *layout = make_layout (self, block->style, block->text->text->str, block->text->attrs,
                                     width, PANGO_ALIGN_LEFT);
  PangoLayoutIter *iter;
  int n_lines, line = 0;
  guint first = self->items->len;
  double extra = block->rule_below ? HEADING_RULE_GAP + 3.5 : 0;

  if (block->bullet)
    {
      PangoTabArray *tabs = pango_tab_array_new_with_positions (1, FALSE, PANGO_TAB_LEFT,
                                                                 pango_units_from_double (BULLET_INDENT));
      pango_layout_set_tabs (layout, tabs);
      pango_tab_array_free (tabs);
      pango_layout_set_indent (layout, -pango_units_from_double (BULLET_INDENT));
    }

  n_lines = pango_layout_get_line_count (layout);
  iter = pango_layout_get_iter (layout);
  do
    {
      Item *item = add_item (self, ITEM_LINE);
      PangoRectangle logical;
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      item->layout = g_object_ref (layout);
      item->line = line;
      item->height = pango_units_to_double (y1 - y0);
      item->baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter) - y0);
      item->x = pango_units_to_double (logical.x);
      item->width = width;
      item->color = def->color;

      /* No first line alone at the bottom of a page, no last line alone
       * at the top of the next. */
      item->keep_with_next = (line == 0 && n_lines >= 2) || (line == n_lines - 2 && n_lines >= 3) ||
                             (line == n_lines - 1 && block->keep_with_next);
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  g_object_unref (layout);

  ((Item *) g_ptr_array_index (self->items, first))->space_before = block->space_before;
  if (extra > 0)
    {
      Item *last = g_ptr_array_index (self->items, self->items->len - 1);
      last->rule_below = TRUE;
      last->height += extra;
    }
}

static void
layout_table (MlgSheet *self,
              Block    *block,
              double    width)
{
  gboolean grid = (block->flags & MLG_SHEET_TABLE_GRID) != 0;
  double pad_y = grid ? GRID_PAD_Y : CELL_PAD_Y;
  double *x = g_newa (double, block->n_columns + 1);
  Item *header = NULL;
  guint body_row = 0;

  gboolean *shown = g_newa (gboolean, block->n_columns);
  double hidden = 0;

  /* A column with nothing under its header is left out; the first column
   * takes its room. */
  for (guint i = 0; i < block->n_columns; i++)
    shown[i] = i == 0 || !(block->flags & MLG_SHEET_TABLE_HEADER) || block->rows->len < 2;
  for (guint r = 1; r < block->rows->len && (block->flags & MLG_SHEET_TABLE_HEADER); r++)
    {
      GPtrArray *row = g_ptr_array_index (block->rows, r);
      for (guint c = 0; c < row->len; c++)
        {
          CellSpec *spec = g_ptr_array_index (row, c);
          if (!mlg_sheet_text_is_empty (spec->text) || spec->page_ref)
            shown[spec->column] = TRUE;
        }
    }
  for (guint i = 0; i < block->n_columns; i++)
    if (!shown[i])
      hidden += block->widths[i];

  x[0] = 0;
  for (guint i = 0; i < block->n_columns; i++)
    x[i + 1] = x[i] + (shown[i] ? block->widths[i] + (i == 0 ? hidden : 0) : 0) * width;

  for (guint r = 0; r < block->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (block->rows, r);
      gboolean is_header = r == 0 && (block->flags & MLG_SHEET_TABLE_HEADER);
      Item *item = add_item (self, ITEM_ROW);
      double height = 0;

      item->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);
      item->width = width;
      item->pad_top = pad_y;
      item->header = header;
      item->space_before = r == 0 ? block->space_before : 0;

      if (is_header)
        {
          item->row_flags |= ROW_HEADER;
          item->keep_with_next = TRUE;
          header = item;
        }
      else
        {
          if ((block->flags & MLG_SHEET_TABLE_ZEBRA) && body_row % 2 == 1)
            item->row_flags |= ROW_TINT;
          if (block->flags & MLG_SHEET_TABLE_RULES)
            item->row_flags |= ROW_RULE;
          if (block->flags & MLG_SHEET_TABLE_LEADERS)
            item->row_flags |= ROW_LEADER;
          body_row++;
        }

      for (guint c = 0; c < row->len; c++)
        {
          CellSpec *spec = g_ptr_array_index (row, c);
          Cell *cell;
          guint end = MIN (spec->column + spec->span, block->n_columns);
          MlgSheetStyle style = is_header ? MLG_SHEET_STYLE_TABLE_HEAD : block->column_styles[spec->column];
          /* Tables without backgrounds align with the text around them. */
          gboolean flush = (block->flags & (MLG_SHEET_TABLE_GRID | MLG_SHEET_TABLE_LEADERS)) != 0;
          double pad_x = flush && spec->column == 0 ? 0 : CELL_PAD_X;
          double pad_right = flush && end == block->n_columns ? 0 : CELL_PAD_X;

          if (!shown[spec->column])
            continue;
          cell = g_new0 (Cell, 1);
          cell->x = x[spec->column] + pad_x;
          cell->width = MAX (x[end] - x[spec->column] - pad_x - pad_right, 1.0);
          cell->style = style;
          cell->color = styles[style].color;
          cell->page_ref = g_strdup (spec->page_ref);
          if (spec->page_ref)
            /* Room for the number: three digits of the style's font. */
            cell->layout = make_layout (self, style, "000", NULL, cell->width, PANGO_ALIGN_RIGHT);
          else if (spec->text)
            cell->layout = make_layout (self, style, spec->text->text->str, spec->text->attrs, cell->width,
                                        block->column_align[spec->column]);
          if (cell->layout)
            {
              int h;
              pango_layout_get_size (cell->layout, NULL, &h);
              height = MAX (height, pango_units_to_double (h));
            }
          g_ptr_array_add (item->cells, cell);
        }
      if (height == 0)
        height = styles[block->column_styles[0]].size * 1.2;
      item->height = height + 2 * pad_y;
    }

  /* A short table (three rows or less) stays in one piece. */
  if (block->rows->len <= 3 && self->items->len > 0)
    for (guint i = self->items->len - MIN (block->rows->len, self->items->len); i + 1 < self->items->len; i++)
      ((Item *) g_ptr_array_index (self->items, i))->keep_with_next = TRUE;
  if (block->keep_with_next && self->items->len > 0)
    ((Item *) g_ptr_array_index (self->items, self->items->len - 1))->keep_with_next = TRUE;
}

static void place_items (MlgSheet *self);

static void
layout_blocks (MlgSheet  *self,
               GPtrArray *blocks)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);
      double width = frame_width (self, self->layout_columns);
      Item *item;

      switch (block->kind)
        {
        case BLOCK_TEXT:
          layout_text (self, block, width);
          break;
        case BLOCK_TABLE:
          layout_table (self, block, width);
          break;
        case BLOCK_SPACE:
          add_item (self, ITEM_SPACE)->height = block->amount;
          break;
        case BLOCK_RULE:
          item = add_item (self, ITEM_RULE);
          item->thickness = block->amount;
          item->height = block->amount + 6.0;
          item->space_before = 2.0;
          item->width = width;
          item->keep_with_next = block->keep_with_next;
          break;
        case BLOCK_BREAK:
          add_item (self, ITEM_BREAK);
          break;
        case BLOCK_ANCHOR:
          item = add_item (self, ITEM_ANCHOR);
          item->name = block->name;
          item->label = block->label;
          break;
        case BLOCK_MARK:
          item = add_item (self, ITEM_MARK);
          item->name = block->name;
          item->label = block->label;
          break;
        case BLOCK_PLAIN_PAGE:
          add_item (self, ITEM_PLAIN_PAGE);
          break;
        case BLOCK_COLUMNS:
          add_item (self, ITEM_COLUMNS)->columns = block->columns;
          self->layout_columns = block->columns;
          break;
        case BLOCK_DEFERRED:
          {
            guint start = self->generated->len;
            g_autoptr(GPtrArray) added = g_ptr_array_new ();

            /* Place what comes before, so that its pages are known. */
            place_items (self);
            self->target = self->generated;
            block->func (self, block->data);
            self->target = self->blocks;
            for (guint k = start; k < self->generated->len; k++)
              g_ptr_array_add (added, g_ptr_array_index (self->generated, k));
            layout_blocks (self, added);
          }
          break;
        }
    }
}

/* ── Pagination: items onto pages ────────────────────────────────────── */

static double
content_bottom (MlgSheet *self)
{
  return self->page_height - CONTENT_BOTTOM;
}

static void
start_page (MlgSheet *self)
{
  Page page = { 0 };

  g_array_append_val (self->pages, page);
  self->page = self->pages->len - 1;
  self->column = 0;
  self->y = self->region_top = self->region_bottom = CONTENT_TOP;
  self->column_used = self->page_used = FALSE;
}

static void
next_frame (MlgSheet *self)
{
  self->region_bottom = MAX (self->region_bottom, self->y);
  if (self->column + 1 < self->n_columns)
    {
      self->column++;
      self->y = self->region_top;
      self->column_used = FALSE;
    }
  else
    start_page (self);
}

static gboolean
is_marker (Item *item)
{
  return item->kind == ITEM_ANCHOR || item->kind == ITEM_MARK || item->kind == ITEM_PLAIN_PAGE;
}

/* The height of @i and of what it keeps with. */
static double
chain_height (MlgSheet *self,
              guint     i)
{
  Item *item = g_ptr_array_index (self->items, i);
  double height = item->height;

  for (guint n = 0; item->keep_with_next && n < 16; n++)
    {
      Item *next = NULL;

      for (i = i + 1; i < self->items->len; i++)
        {
          next = g_ptr_array_index (self->items, i);
          if (!is_marker (next) && next->kind != ITEM_SPACE)
            break;
          next = NULL;
        }
      if (next == NULL || next->kind == ITEM_BREAK || next->kind == ITEM_COLUMNS)
        break;
      height += next->space_before + next->height;
      item = next;
    }
  return height;
}

static void
resolve_pending (MlgSheet *self)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      Item *item = g_ptr_array_index (self->pending, i);

      item->page = self->page;
      if (item->kind == ITEM_PLAIN_PAGE)
        g_array_index (self->pages, Page, self->page).plain = TRUE;
    }
  g_ptr_array_set_size (self->pending, 0);
}

static double
frame_x (MlgSheet *self)
{
  return self->column * (frame_width (self, self->n_columns) + COLUMN_GUTTER);
}

static void
put (MlgSheet *self,
     Item     *item,
     double    space)
{
  Placement placement = { item, self->page, frame_x (self), self->y + space, 0, 0 };

  g_array_append_val (self->placements, placement);
  self->y += space + item->height;
  self->column_used = self->page_used = TRUE;
}

/* The last line boundary of @row's cells between @from and @to (from the
 * row's top), so that a slice ends between lines; @to when there is none. */
static double
line_boundary (Item   *row,
               double  from,
               double  to)
{
  double best = from;

  for (guint c = 0; c < row->cells->len; c++)
    {
      Cell *cell = g_ptr_array_index (row->cells, c);
      PangoLayoutIter *iter;

      if (cell->layout == NULL)
        continue;
      iter = pango_layout_get_iter (cell->layout);
      do
        {
          int y0, y1;
          double bottom;

          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          bottom = row->pad_top + pango_units_to_double (y1);
          if (bottom <= to && bottom > best)
            best = bottom;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }
  return best > from ? best : to;
}

/* A row taller than a whole page (a pole with hundreds of structures)
 * would run off the paper: it is the one row that splits, between lines,
 * its table's header repeated above each piece. */
static void
put_slices (MlgSheet *self,
            Item     *item,
            double    space)
{
  double bottom = content_bottom (self), offset = 0;

  self->y += space;
  while (offset < item->height)
    {
      double room = bottom - self->y, slice;
      Placement placement;

      if (room < 30 && self->column_used)
        {
          next_frame (self);
          if (item->header)
            put (self, item->header, 0);
          continue;
        }
      slice = MIN (item->height - offset, room);
      if (offset + slice < item->height)
        slice = line_boundary (item, offset, offset + slice) - offset;
      placement = (Placement) { item, self->page, frame_x (self), self->y, offset, slice };
      g_array_append_val (self->placements, placement);
      self->y += slice;
      self->column_used = self->page_used = TRUE;
      offset += slice;
      if (offset < item->height)
        {
          next_frame (self);
          if (item->header)
            put (self, item->header, 0);
        }
    }
}

static void
place_items (MlgSheet *self)
{
  double top = CONTENT_TOP, bottom = content_bottom (self);

  for (; self->n_placed < self->items->len; self->n_placed++)
    {
      guint i = self->n_placed;
      Item *item = g_ptr_array_index (self->items, i);
      double space, chain;

      switch (item->kind)
        {
        case ITEM_ANCHOR:
        case ITEM_MARK:
        case ITEM_PLAIN_PAGE:
          g_ptr_array_add (self->pending, item);
          if (item->kind == ITEM_MARK)
            g_ptr_array_add (self->marks, item);
          if (item->kind == ITEM_ANCHOR)
            {
              g_ptr_array_add (self->anchors, item);
              if (item->name && !g_hash_table_contains (self->anchor_names, item->name))
                g_hash_table_insert (self->anchor_names, (gpointer) item->name, item);
            }
          continue;

        case ITEM_BREAK:
          if (self->page_used)
            start_page (self);
          continue;

        case ITEM_COLUMNS:
          if (self->n_columns > 1)
            self->y = MAX (self->region_bottom, self->y);
          self->n_columns = item->columns;
          self->column = 0;
          self->region_top = self->region_bottom = self->y;
          continue;

        case ITEM_SPACE:
          if (!self->column_used)
            continue;
          if (self->y + item->height > bottom)
            next_frame (self);
          else
            self->y += item->height;
          continue;

        case ITEM_LINE:
        case ITEM_ROW:
        case ITEM_RULE:
          break;
        }

      space = self->column_used ? item->space_before : 0;
      if (item->kind == ITEM_ROW && item->height > bottom - top - (item->header ? item->header->height : 0))
        {
          /* Taller than a page: it starts where it is, and splits. */
          resolve_pending (self);
          put_slices (self, item, space);
          self->region_bottom = MAX (self->region_bottom, self->y);
          continue;
        }
      chain = chain_height (self, i);
      if (self->column_used && self->y + space + chain > bottom &&
          (chain <= bottom - top || self->y + space + item->height > bottom))
        {
          next_frame (self);
          space = 0;
        }
      /* A table continued on a new page or column repeats its header. */
      if (item->header && !self->column_used)
        put (self, item->header, 0);
      resolve_pending (self);
      put (self, item, space);
      self->region_bottom = MAX (self->region_bottom, self->y);
    }
}

guint
mlg_sheet_paginate (MlgSheet *self,
                    double    width,
                    double    height)
{
  cairo_font_options_t *options;

  g_return_val_if_fail (MLG_IS_SHEET (self), 0);

  clear_pagination (self);
  /* Too small a page for the margins, header and footer: A4. */
  self->page_width = width >= 300 ? width : MLG_SHEET_A4_WIDTH;
  self->page_height = height >= 400 ? height : MLG_SHEET_A4_HEIGHT;

  /* A context of our own: 1 point per unit, no hinting of metrics, no
   * rounding, so that the layout is the same on any surface. */
  {
    /* A font map of our own, released with the sheet: the fonts it
     * caches for one document go with it. */
    g_autoptr(PangoFontMap) map = pango_cairo_font_map_new ();
    self->context = pango_font_map_create_context (map);
  }
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->context, 72.0);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context,
                              pango_language_from_string (self->typo == MLG_TYPOGRAPHY_FRENCH ? "fr" : "en"));

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  self->pending = g_ptr_array_new ();
  self->marks = g_ptr_array_new ();
  self->anchors = g_ptr_array_new ();
  self->anchor_names = g_hash_table_new (g_str_hash, g_str_equal);
  self->n_placed = 0;
  self->layout_columns = 1;
  self->n_columns = 1;
  start_page (self);

  layout_blocks (self, self->blocks);
  place_items (self);
  resolve_pending (self);

  /* Index the placements by page (they were added in page order). */
  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *p = &g_array_index (self->placements, Placement, i);
      Page *page = &g_array_index (self->pages, Page, p->page);

      if (page->n_placements++ == 0)
        page->first_placement = i;
    }
  return self->pages->len;
}

guint
mlg_sheet_get_n_pages (MlgSheet *self)
{
  return self->pages ? self->pages->len : 0;
}

int
mlg_sheet_get_anchor_page (MlgSheet   *self,
                           const char *anchor)
{
  Item *item;

  /* A table of names: the index of a directory asks for thousands. */
  if (self->anchor_names == NULL || anchor == NULL)
    return -1;
  item = g_hash_table_lookup (self->anchor_names, anchor);
  /* Only anchors already placed (those before a deferred block). */
  if (item == NULL || g_ptr_array_find (self->pending, item, NULL))
    return -1;
  return item->page;
}

guint
mlg_sheet_get_n_outline (MlgSheet *self)
{
  guint n = 0;

  for (guint i = 0; self->anchors && i < self->anchors->len; i++)
    if (((Item *) g_ptr_array_index (self->anchors, i))->label)
      n++;
  return n;
}

const char *
mlg_sheet_get_outline_label (MlgSheet *self,
                             guint     index,
                             guint    *page)
{
  for (guint i = 0; self->anchors && i < self->anchors->len; i++)
    {
      Item *item = g_ptr_array_index (self->anchors, i);
      if (item->label && index-- == 0)
        {
          if (page)
            *page = item->page;
          return item->label;
        }
    }
  g_return_val_if_reached (NULL);
}

/* ── Drawing ─────────────────────────────────────────────────────────── */

static double
page_left (MlgSheet *self,
           guint     page)
{
  /* Pages are counted from 0: even ones are rectos. */
  return self->mirrored && page % 2 == 1 ? MARGIN_OUTER : MARGIN_BINDING;
}

static void
hline (cairo_t *cr,
       double   x0,
       double   x1,
       double   y,
       double   width,
       guint32  color)
{
  cairo_save (cr);
  cairo_set_line_width (cr, width);
  set_rgb (cr, color);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_line_item (MlgSheet *self,
                cairo_t  *cr,
                Item     *item,
                double    x,
                double    y)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (item->layout, item->line);

  set_rgb (cr, item->color);
  cairo_move_to (cr, x + item->x, y + item->baseline);
  pango_cairo_show_layout_line (cr, line);
  if (item->rule_below)
    hline (cr, x, x + item->width, y + item->height - 3.5, 0.6, RULE);
}

/* The baseline of the last line of @layout, from its top. */
static double
last_baseline (PangoLayout *layout,
               double      *end_x)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoRectangle logical;
  int baseline;

  while (pango_layout_iter_next_line (iter))
    ;
  baseline = pango_layout_iter_get_baseline (iter);
  pango_layout_iter_get_line_extents (iter, NULL, &logical);
  pango_layout_iter_free (iter);
  if (end_x)
    *end_x = pango_units_to_double (logical.x + logical.width);
  return pango_units_to_double (baseline);
}

/* Where the first line of @layout starts, alignment included. */
static double
first_line_x (PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoRectangle logical;

  pango_layout_iter_get_line_extents (iter, NULL, &logical);
  pango_layout_iter_free (iter);
  return pango_units_to_double (logical.x);
}

static void
draw_row_item (MlgSheet *self,
               cairo_t  *cr,
               Item     *item,
               double    x,
               double    y)
{
  Cell *first = item->cells->len ? g_ptr_array_index (item->cells, 0) : NULL;

  if (item->row_flags & (ROW_HEADER | ROW_TINT))
    {
      set_rgb (cr, item->row_flags & ROW_HEADER ? HEAD_TINT : TINT);
      cairo_rectangle (cr, x, y, item->width, item->height);
      cairo_fill (cr);
    }

  for (guint c = 0; c < item->cells->len; c++)
    {
      Cell *cell = g_ptr_array_index (item->cells, c);
      g_autoptr(PangoLayout) number = NULL;
      PangoLayout *layout = cell->layout;
      double top = y + item->pad_top;

      if (layout == NULL)
        continue;
      if (cell->page_ref)
        {
          int page = mlg_sheet_get_anchor_page (self, cell->page_ref);
          g_autofree char *text = page >= 0 ? g_strdup_printf ("%d", page + 1) : g_strdup ("");
          double first_baseline, end_x = 0;

          number = make_layout (self, cell->style, text, NULL, cell->width, PANGO_ALIGN_RIGHT);
          layout = number;
          /* On the baseline of the first cell's last line, dots between. */
          if (first && first != cell && first->layout)
            {
              first_baseline = last_baseline (first->layout, &end_x);
              top = y + item->pad_top + first_baseline - pango_units_to_double (pango_layout_get_baseline (number));
              if (item->row_flags & ROW_LEADER)
                {
                  double from = x + first->x + end_x + 4;
                  double to = x + cell->x + first_line_x (number) - 4;

                  cairo_save (cr);
                  set_rgb (cr, RULE);
                  for (double dot = ceil (from / 3.0) * 3.0; dot < to; dot += 3.0)
                    cairo_rectangle (cr, dot, y + item->pad_top + first_baseline - 0.8, 0.8, 0.8);
                  cairo_fill (cr);
                  cairo_restore (cr);
                }
            }
        }
      set_rgb (cr, cell->color);
      cairo_move_to (cr, x + cell->x, top);
      pango_cairo_show_layout (cr, layout);
    }

  if (item->row_flags & ROW_HEADER)
    hline (cr, x, x + item->width, y + item->height, 0.6, ACCENT);
  else if (item->row_flags & ROW_RULE)
    hline (cr, x, x + item->width, y + item->height, 0.3, HAIRLINE);
}

static PangoLayout *
running_layout (MlgSheet       *self,
                const char     *text,
                double          width,
                PangoAlignment  align)
{
  PangoLayout *layout = make_layout (self, MLG_SHEET_STYLE_RUNNING, text, NULL, width, align);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static void
draw_running (MlgSheet *self,
              cairo_t  *cr,
              guint     page)
{
  double left = page_left (self, page), width = content_width (self);
  const char *title = self->title, *note = "";
  g_autoptr(PangoLayout) l_title = NULL;
  g_autoptr(PangoLayout) l_name = NULL;
  g_autoptr(PangoLayout) l_note = NULL;
  g_autoptr(PangoLayout) l_page = NULL;
  g_autofree char *page_text = NULL;
  double bottom = self->page_height;

  for (guint i = 0; i < self->marks->len; i++)
    {
      Item *mark = g_ptr_array_index (self->marks, i);
      if (mark->page > page)
        break;
      title = mark->name;
      note = mark->label;
    }

  /* Translators: the footer of printed sheets: page number / number of pages. */
  page_text = g_strdup_printf (C_("sheet", "Page %u / %u"), page + 1, self->pages->len);

  l_name = running_layout (self, self->ecosystem_name, width * 0.34, PANGO_ALIGN_RIGHT);
  l_title = running_layout (self, title, width * 0.64, PANGO_ALIGN_LEFT);
  l_note = running_layout (self, note, width * 0.7, PANGO_ALIGN_LEFT);
  l_page = running_layout (self, page_text, width * 0.28, PANGO_ALIGN_RIGHT);

  set_rgb (cr, MUTED);
  cairo_move_to (cr, left, HEADER_TOP);
  pango_cairo_show_layout (cr, l_title);
  cairo_move_to (cr, left + width * 0.66, HEADER_TOP);
  pango_cairo_show_layout (cr, l_name);
  hline (cr, left, left + width, HEADER_RULE, 0.4, RULE);

  hline (cr, left, left + width, bottom - FOOTER_RULE, 0.4, RULE);
  set_rgb (cr, MUTED);
  cairo_move_to (cr, left, bottom - FOOTER_TOP);
  pango_cairo_show_layout (cr, l_note);
  cairo_move_to (cr, left + width * 0.72, bottom - FOOTER_TOP);
  pango_cairo_show_layout (cr, l_page);
}

void
mlg_sheet_draw_page (MlgSheet *self,
                     cairo_t  *cr,
                     guint     page)
{
  Page *info;
  double left;

  g_return_if_fail (MLG_IS_SHEET (self));
  g_return_if_fail (self->pages != NULL);
  g_return_if_fail (page < self->pages->len);

  info = &g_array_index (self->pages, Page, page);
  left = page_left (self, page);

  cairo_save (cr);
  if (!info->plain)
    draw_running (self, cr, page);

  for (guint i = 0; i < info->n_placements; i++)
    {
      Placement *p = &g_array_index (self->placements, Placement, info->first_placement + i);
      double x = left + p->x;

      switch (p->item->kind)
        {
        case ITEM_LINE:
          draw_line_item (self, cr, p->item, x, p->y);
          break;
        case ITEM_ROW:
          if (p->height > 0)
            {
              /* A slice of a row taller than a page. */
              cairo_save (cr);
              cairo_rectangle (cr, x - 1, p->y, p->item->width + 2, p->height);
              cairo_clip (cr);
              draw_row_item (self, cr, p->item, x, p->y - p->offset);
              cairo_restore (cr);
            }
          else
            draw_row_item (self, cr, p->item, x, p->y);
          break;
        case ITEM_RULE:
          hline (cr, x, x + p->item->width, p->y + p->item->thickness / 2 + 2.0, p->item->thickness, ACCENT);
          break;
        default:
          break;
        }
    }
  cairo_restore (cr);
}
