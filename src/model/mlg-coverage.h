/* mlg-coverage.h — the coverage matrix: poles × territories, and its gaps
 *
 * One column per territory of a level (communes, EPCIs…), one row per pole
 * (or per type of establishment). A cell counts the structures and
 * establishments of that row located in that territory or below; with an
 * indicator (places, employees…) it also sums their latest figures. Empty
 * cells are the "zones blanches". A snapshot of the document.
 */
#pragma once

#include <gio/gio.h>

#include "mlg-territory-reference.h"
#include "mlg-types.h"

G_BEGIN_DECLS

typedef enum {
  MLG_COVERAGE_BY_POLE,   /* rows: the poles (structures and establishments) */
  MLG_COVERAGE_BY_TYPE,   /* rows: the types of establishment present in the file */
} MlgCoverageRows;

typedef enum {
  MLG_COVERAGE_SORT_NAME,
  MLG_COVERAGE_SORT_POPULATION,  /* columns only */
  MLG_COVERAGE_SORT_VALUE,       /* by the cells of one row (or column) */
  MLG_COVERAGE_SORT_RATE,        /* by their rate per 1,000 inhabitants */
  MLG_COVERAGE_SORT_TOTAL,       /* by the sum over the other direction */
} MlgCoverageSort;

#define MLG_TYPE_COVERAGE (mlg_coverage_get_type ())
G_DECLARE_FINAL_TYPE (MlgCoverage, mlg_coverage, MLG, COVERAGE, GObject)

/* @level: a territory level key ("commune", "epci", "departement"…).
 * @indicator: a key of the figures catalogue ("places", "employees"…), or
 * NULL to count. @reference: when not NULL and @level is "commune", the
 * communes of the file's EPCIs that the file does not hold are added as
 * columns too (all gaps, population from the reference). Fails with
 * G_IO_ERROR_INVALID_ARGUMENT on an unknown level or indicator. */
MlgCoverage *mlg_coverage_new                  (MlgDocument           *document,
                                                const char            *level,
                                                MlgCoverageRows        rows,
                                                const char            *indicator,
                                                MlgTerritoryReference *reference,
                                                GError               **error);

const char  *mlg_coverage_get_level            (MlgCoverage *self);
const char  *mlg_coverage_get_indicator        (MlgCoverage *self);
guint        mlg_coverage_get_n_rows           (MlgCoverage *self);
guint        mlg_coverage_get_n_columns        (MlgCoverage *self);

/* Rows, in their current order. */
const char  *mlg_coverage_get_row_key          (MlgCoverage *self, guint row);  /* pole id or type key; "" for no pole */
const char  *mlg_coverage_get_row_label        (MlgCoverage *self, guint row);
MlgRecord   *mlg_coverage_get_row_pole         (MlgCoverage *self, guint row);  /* NULL by type or for no pole */

/* Columns, in their current order. */
MlgRecord   *mlg_coverage_get_column_territory (MlgCoverage *self, guint column); /* NULL: from the reference only */
const char  *mlg_coverage_get_column_label     (MlgCoverage *self, guint column);
const char  *mlg_coverage_get_column_code      (MlgCoverage *self, guint column); /* NULL when none */
const char  *mlg_coverage_get_column_parent    (MlgCoverage *self, guint column); /* name of the territory above, or NULL */
gint64       mlg_coverage_get_column_population(MlgCoverage *self, guint column); /* -1 unknown */
int          mlg_coverage_get_column_population_year (MlgCoverage *self, guint column);

/* Cells. */
guint        mlg_coverage_get_n_structures     (MlgCoverage *self, guint row, guint column);
guint        mlg_coverage_get_n_establishments (MlgCoverage *self, guint row, guint column);
/* The count, or with an indicator the sum of the figures; FALSE (and 0)
 * when there is an indicator but no record there gave that figure. */
gboolean     mlg_coverage_get_value            (MlgCoverage *self, guint row, guint column, double *value);
/* The value per 1,000 inhabitants; NAN when unknown. */
double       mlg_coverage_get_rate             (MlgCoverage *self, guint row, guint column);
/* Nothing of that row located there: a "zone blanche". */
gboolean     mlg_coverage_is_gap               (MlgCoverage *self, guint row, guint column);

void         mlg_coverage_sort_columns         (MlgCoverage     *self,
                                                MlgCoverageSort  by,
                                                guint            row,
                                                gboolean         descending);
void         mlg_coverage_sort_rows            (MlgCoverage     *self,
                                                MlgCoverageSort  by,
                                                guint            column,
                                                gboolean         descending);

/* The matrix as CSV for a spreadsheet: UTF-8 with a byte-order mark (so
 * that accents survive), semicolons, CRLF line ends, numbers in the
 * current locale's decimal notation. One line per territory (name, code,
 * territory above, population and its year), one column per row, then
 * one column per row with its rate per 1,000 inhabitants. */
GBytes      *mlg_coverage_to_csv               (MlgCoverage *self);

G_END_DECLS
