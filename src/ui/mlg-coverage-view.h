/* mlg-coverage-view.h — the coverage matrix: territories × poles, gaps */
#pragma once

#include <gtk/gtk.h>

#include "mlg-coverage.h"
#include "mlg-document.h"
#include "mlg-territory-reference.h"

G_BEGIN_DECLS

#define MLG_TYPE_COVERAGE_VIEW (mlg_coverage_view_get_type ())
G_DECLARE_FINAL_TYPE (MlgCoverageView, mlg_coverage_view, MLG, COVERAGE_VIEW, GtkWidget)

GtkWidget   *mlg_coverage_view_new                   (void);
void         mlg_coverage_view_set_document          (MlgCoverageView       *self,
                                                      MlgDocument           *document);
/* Once the official reference is loaded: lets the matrix list every
 * commune of the file's intercommunalities. */
void         mlg_coverage_view_set_reference         (MlgCoverageView       *self,
                                                      MlgTerritoryReference *reference);

/* What the matrix shows; each rebuilds it. */
void         mlg_coverage_view_set_level             (MlgCoverageView       *self,
                                                      const char            *level);
const char  *mlg_coverage_view_get_level             (MlgCoverageView       *self);
void         mlg_coverage_view_set_rows              (MlgCoverageView       *self,
                                                      MlgCoverageRows        rows);
/* NULL: count what is there. */
void         mlg_coverage_view_set_indicator         (MlgCoverageView       *self,
                                                      const char            *indicator);
void         mlg_coverage_view_set_include_reference (MlgCoverageView       *self,
                                                      gboolean               include);
/* The order of the poles (or types): MLG_COVERAGE_SORT_NAME, or
 * MLG_COVERAGE_SORT_TOTAL for the most present first. */
void         mlg_coverage_view_set_column_order      (MlgCoverageView       *self,
                                                      MlgCoverageSort        by);

/* The matrix shown (its order is the one on screen), or NULL. */
MlgCoverage *mlg_coverage_view_get_coverage          (MlgCoverageView       *self);
/* The cell of the row @row_key (pole id or type key) and the territory
 * @territory_id; NULL when not shown. */
GtkWidget   *mlg_coverage_view_get_cell              (MlgCoverageView       *self,
                                                      const char            *row_key,
                                                      const char            *territory_id);
/* A short description of what is shown: "Communes × poles". */
const char  *mlg_coverage_view_get_description       (MlgCoverageView       *self);

gboolean     mlg_coverage_view_can_export            (MlgCoverageView       *self);
char        *mlg_coverage_view_suggest_file_name     (MlgCoverageView       *self);
/* Writes the matrix as CSV (see mlg_coverage_to_csv()). */
gboolean     mlg_coverage_view_export                (MlgCoverageView       *self,
                                                      GFile                 *file,
                                                      GError               **error);

G_END_DECLS
