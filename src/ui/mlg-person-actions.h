/* mlg-person-actions.h — a person's data from the People page: exported
 * alone (vCard, JSON), erased everywhere */
#pragma once

#include "mlg-window.h"

G_BEGIN_DECLS

/* Called from MlgWindow's class_init and whenever the page shown or its
 * selection changes. They add win.export-person-vcard,
 * win.export-person-json and win.erase-person, enabled while a person is
 * selected on the People page. */
void       mlg_person_actions_class_init (GtkWidgetClass *widget_class);
void       mlg_person_actions_update     (MlgWindow      *self);

/* The person selected on the People page, when it shows. */
MlgRecord *mlg_person_actions_get_person (MlgWindow      *self);

G_END_DECLS
