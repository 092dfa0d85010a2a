/* mlg-reference-picker.h — a row to choose records of one kind, with search
 *
 * Shows the current choice and opens a popover that searches the target
 * kind's records as the document holds them now (added, renamed and
 * removed records show at once). One reference: activating a record picks
 * it, "None" clears. A list of references: the popover marks the chosen
 * records and activating one adds or removes it, the popover staying open.
 */
#pragma once

#include <adwaita.h>

#include "mlg-document.h"
#include "mlg-record.h"

G_BEGIN_DECLS

#define MLG_TYPE_REFERENCE_PICKER (mlg_reference_picker_get_type ())
G_DECLARE_FINAL_TYPE (MlgReferencePicker, mlg_reference_picker, MLG, REFERENCE_PICKER, AdwActionRow)

GtkWidget  *mlg_reference_picker_new             (MlgDocument        *document,
                                                  MlgKindId           target,
                                                  gboolean            multiple,
                                                  const char         *label);
void        mlg_reference_picker_set_excluded    (MlgReferencePicker *self,
                                                  MlgRecord          *record);
void        mlg_reference_picker_set_value       (MlgReferencePicker *self,
                                                  const char         *id);
const char *mlg_reference_picker_get_value       (MlgReferencePicker *self);
void        mlg_reference_picker_set_chosen      (MlgReferencePicker *self,
                                                  const char * const *ids);

/* Opening, searching and picking as the person does, for the tests. */
void        mlg_reference_picker_popup           (MlgReferencePicker *self);
void        mlg_reference_picker_popdown         (MlgReferencePicker *self);
gboolean    mlg_reference_picker_is_open         (MlgReferencePicker *self);
GtkWidget  *mlg_reference_picker_get_search_entry(MlgReferencePicker *self);
GtkWidget  *mlg_reference_picker_get_button      (MlgReferencePicker *self);
void        mlg_reference_picker_set_search_text (MlgReferencePicker *self,
                                                  const char         *text);
guint       mlg_reference_picker_get_n_matches   (MlgReferencePicker *self);
MlgRecord  *mlg_reference_picker_get_match       (MlgReferencePicker *self,
                                                  guint               position);
gboolean    mlg_reference_picker_pick            (MlgReferencePicker *self,
                                                  MlgRecord          *record);

G_END_DECLS
