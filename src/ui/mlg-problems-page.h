/* mlg-problems-page.h — the warnings about the open file, each with its place */
#pragma once

#include <gtk/gtk.h>

#include "mlg-document.h"

G_BEGIN_DECLS

#define MLG_TYPE_PROBLEMS_PAGE (mlg_problems_page_get_type ())
G_DECLARE_FINAL_TYPE (MlgProblemsPage, mlg_problems_page, MLG, PROBLEMS_PAGE, GtkWidget)

GtkWidget *mlg_problems_page_new          (void);
void       mlg_problems_page_set_document (MlgProblemsPage *self,
                                           MlgDocument     *document);

G_END_DECLS
