/* mlg-window.h — the main window: sidebar of pages, file commands */
#pragma once

#include <adwaita.h>

#include "mlg-document.h"
#include "mlg-types.h"

G_BEGIN_DECLS

#define MLG_TYPE_WINDOW (mlg_window_get_type ())
G_DECLARE_FINAL_TYPE (MlgWindow, mlg_window, MLG, WINDOW, AdwApplicationWindow)

MlgWindow   *mlg_window_new               (AdwApplication *application,
                                           GSettings      *settings);
MlgDocument *mlg_window_get_document      (MlgWindow      *self);
void         mlg_window_set_document      (MlgWindow      *self,
                                           MlgDocument    *document);
gboolean     mlg_window_open_file         (MlgWindow      *self,
                                           GFile          *file,
                                           gboolean        report_errors);
gboolean     mlg_window_open_example_copy (MlgWindow      *self);
void         mlg_window_open_file_async   (MlgWindow      *self,
                                           GFile          *file,
                                           gboolean        report_errors);
/* Whether a save is being written: nothing may change the document. */
gboolean     mlg_window_is_saving         (MlgWindow      *self);
gboolean     mlg_window_is_loading        (MlgWindow      *self);
void         mlg_window_new_document      (MlgWindow      *self);
gboolean     mlg_window_save_to_file      (MlgWindow      *self,
                                           GFile          *file,
                                           GError        **error);
void         mlg_window_show_page         (MlgWindow      *self,
                                           const char     *name);
const char  *mlg_window_get_visible_page  (MlgWindow      *self);
GtkWidget   *mlg_window_get_page          (MlgWindow      *self,
                                           const char     *name);
void         mlg_window_show_record       (MlgWindow      *self,
                                           MlgRecord      *record,
                                           const char     *field_key);
void         mlg_window_commit_pending    (MlgWindow      *self);
/* The settings given at construction, or NULL. */
GSettings   *mlg_window_get_settings      (MlgWindow      *self);
/* Shows @toast (its reference is taken). */
void         mlg_window_add_toast         (MlgWindow      *self,
                                           AdwToast       *toast);
/* The files of Open Recent, as a menu of "win.open-recent" items. */
GMenuModel  *mlg_window_get_recent_menu   (MlgWindow      *self);

G_END_DECLS
