/* mlg-ui-util.h — small helpers shared by the window's views
 *
 * Display text of field values and live validation of typed text, driven
 * by the field declarations; the pieces the pages build alike (labels of
 * text from the file, figure cards); the plumbing of views that follow a
 * document.
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-schema.h"

G_BEGIN_DECLS

const char *mlg_ui_record_title      (MlgRecord       *record);
char       *mlg_ui_record_subtitle   (MlgDocument     *document,
                                      MlgRecord       *record);
char       *mlg_ui_format_value      (MlgDocument     *document,
                                      const MlgField  *field,
                                      JsonNode        *value);
char       *mlg_ui_format_number     (double           value,
                                      MlgFieldType     type);
gboolean    mlg_ui_field_is_text_like(const MlgField  *field);
gboolean    mlg_ui_field_is_number   (const MlgField  *field);
GFile      *mlg_ui_find_example      (void);

/* Scrolls @list_view (a GtkListView) to @position. GTK 4.8 has no
 * gtk_list_view_scroll_to(): the list's own "list.scroll-to-item" action
 * does it. */
void        mlg_ui_list_scroll_to    (GtkWidget       *list_view,
                                      guint            position);

/* A wrapping, left-aligned label of @text, never read as markup. */
GtkWidget  *mlg_ui_text_label        (const char      *text,
                                      const char      *css_class);
/* A flow box for cards: same widths, up to @max_per_line on a line. */
GtkWidget  *mlg_ui_card_flow_box     (guint            max_per_line);
/* A card: @number standing out, its @unit, what it counts (@caption) and
 * a dim line under it (@detail: a year, a note; may be NULL). */
GtkWidget  *mlg_ui_figure_card       (const char      *number,
                                      const char      *unit,
                                      const char      *caption,
                                      const char      *detail);

/* Moves @instance's handlers from @old_document to @new_document (either
 * may be NULL): "items-changed" of the records of @kinds (all kinds when
 * NULL) and the document's "record-changed", both swapped. */
void        mlg_ui_follow_document   (gpointer         instance,
                                      MlgDocument     *old_document,
                                      MlgDocument     *new_document,
                                      const MlgKindId *kinds,
                                      guint            n_kinds,
                                      GCallback        on_items_changed,
                                      GCallback        on_record_changed);
/* For a widget's dispose: its template, then whatever else it parented. */
void        mlg_ui_dispose_children  (GtkWidget       *widget,
                                      GType            widget_type);
/* A run-last signal with a record as its one argument. */
guint       mlg_ui_record_signal_new (GType            type,
                                      const char      *name);
/* A page in the window's leaflet: the back button and the window buttons
 * show when the sidebar is folded away. */
void        mlg_ui_show_back_button  (AdwHeaderBar    *header,
                                      GtkWidget       *back_button,
                                      gboolean         show);

G_END_DECLS
