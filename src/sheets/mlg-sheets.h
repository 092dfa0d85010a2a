/* mlg-sheets.h — the fact sheets of an ecosystem
 *
 * Each function builds a sheet from the document as it is now (a
 * snapshot), in the language and typography of the translation in use.
 * Paginate and draw it with mlg-sheet.h, or export it with mlg-pdf.h.
 */
#pragma once

#include <gio/gio.h>

#include "mlg-sheet.h"
#include "mlg-types.h"

G_BEGIN_DECLS

#define MLG_SHEETS_ERROR (mlg_sheets_error_quark ())

typedef enum {
  MLG_SHEETS_ERROR_INVALID_SPEC,   /* not structure:ID, ptce, territory:ID or annuaire */
  MLG_SHEETS_ERROR_NOT_FOUND,      /* no such structure, territory or pole */
  MLG_SHEETS_ERROR_EMPTY,          /* the directory would hold no structure */
} MlgSheetsError;

/* Which structures the directory holds; NULL members select all. */
typedef struct {
  const char *pole;       /* id of a pole */
  const char *territory;  /* id of a territory: seat or an establishment inside it */
  const char *circle;     /* key of a circle in the PTCE: "member", "partner"… */
  const char *const *structures;  /* ids of the structures chosen one by one */
} MlgSheetFilter;

GQuark     mlg_sheets_error_quark   (void);

/* The fiche of one structure. */
MlgSheet  *mlg_sheet_new_structure  (MlgDocument          *document,
                                     MlgRecord            *structure);
/* The PTCE's own sheet, in the form of a "fiche d'expérience". */
MlgSheet  *mlg_sheet_new_ptce       (MlgDocument          *document);
/* A territory: population, structures and establishments by pole, the
 * coverage of poles, aggregated figures. */
MlgSheet  *mlg_sheet_new_territory  (MlgDocument          *document,
                                     MlgRecord            *territory);
/* The directory as a booklet: cover, contents, one fiche per structure
 * on a new page, index. @filter may be NULL. */
MlgSheet  *mlg_sheet_new_annuaire   (MlgDocument          *document,
                                     const MlgSheetFilter *filter);
/* The structures of the directory for @filter, in the order printed. */
GPtrArray *mlg_sheet_annuaire_structures (MlgDocument          *document,
                                          const MlgSheetFilter *filter);

/* For the command line: "structure:ID", "ptce", "territory:ID" or
 * "annuaire" (NULL means "annuaire"); @filter only with "annuaire". */
MlgSheet  *mlg_sheet_new_for_spec   (MlgDocument          *document,
                                     const char           *spec,
                                     const MlgSheetFilter *filter,
                                     GError              **error);

G_END_DECLS
