/* mlg-application.h — the Maillage application: windows, app actions, settings */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MLG_TYPE_APPLICATION (mlg_application_get_type ())
G_DECLARE_FINAL_TYPE (MlgApplication, mlg_application, MLG, APPLICATION, AdwApplication)

MlgApplication *mlg_application_new          (void);
GSettings      *mlg_application_get_settings (MlgApplication *self);

G_END_DECLS
