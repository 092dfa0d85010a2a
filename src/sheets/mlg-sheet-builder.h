/* mlg-sheet-builder.h — what every kind of sheet is made of (src/sheets only)
 *
 * Helpers shared by the structure, PTCE, territory and directory sheets:
 * the title block, the two-column identity block, long text as paragraphs
 * and bullets, the key figures table with numbered sources, and the
 * formatting of references, dates, years and places with the typography
 * of the language in use.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mlg-document.h"
#include "mlg-record.h"
#include "mlg-schema.h"
#include "mlg-sheet-private.h"
#include "mlg-typography.h"

G_BEGIN_DECLS

typedef struct {
  MlgSheet     *sheet;
  MlgDocument  *document;
  MlgTypography typo;
  GPtrArray    *fields;   /* pending identity entries */
} MlgSheetBuilder;

void          mlg_sheet_builder_init       (MlgSheetBuilder *b,
                                            MlgSheet        *sheet,
                                            MlgDocument     *document);
void          mlg_sheet_builder_clear      (MlgSheetBuilder *b);

/* Prose with the typography of the language in use. */
char         *mlg_sheet_builder_text       (MlgSheetBuilder *b,
                                            const char      *text);
MlgSheetText *mlg_sheet_builder_styled     (MlgSheetBuilder *b,
                                            const char      *text);
void          mlg_sheet_builder_heading    (MlgSheetBuilder *b,
                                            const char      *text);
void          mlg_sheet_builder_subheading (MlgSheetBuilder *b,
                                            const char      *text);
void          mlg_sheet_builder_paragraph  (MlgSheetBuilder *b,
                                            MlgSheetStyle    style,
                                            const char      *text);
/* Long text: blank lines separate paragraphs; lines starting with "- ",
 * "* " or "• " are bullets. */
void          mlg_sheet_builder_long_text  (MlgSheetBuilder *b,
                                            const char      *text);
void          mlg_sheet_builder_bullets    (MlgSheetBuilder *b,
                                            char           **items);
void          mlg_sheet_builder_title      (MlgSheetBuilder *b,
                                            const char      *kicker,
                                            const char      *title,
                                            const char      *subtitle);

/* The identity block: labelled values, short ones two by two, long ones
 * across. @value is taken (NULL or empty: the entry is left out). */
void          mlg_sheet_builder_field      (MlgSheetBuilder *b,
                                            const char      *label,
                                            MlgSheetText    *value);
void          mlg_sheet_builder_field_text (MlgSheetBuilder *b,
                                            const char      *label,
                                            const char      *value);
/* As above, but never made prose (URLs, e-mails, phone numbers). */
void          mlg_sheet_builder_field_raw  (MlgSheetBuilder *b,
                                            const char      *label,
                                            const char      *value);
void          mlg_sheet_builder_wide_field (MlgSheetBuilder *b,
                                            const char      *label,
                                            MlgSheetText    *value);
gboolean      mlg_sheet_builder_fields_end (MlgSheetBuilder *b);

/* The key figures table: the latest @max_years years as columns, one row
 * per indicator, each value with the number of its source in a note
 * below. Returns FALSE when there is no figure. */
gboolean      mlg_sheet_builder_figures    (MlgSheetBuilder *b,
                                            JsonArray       *figures,
                                            guint            max_years,
                                            const char      *remark);

/* Values. */
/* The translated label of field @key of @kind. */
const char   *mlg_sheet_builder_label      (MlgKindId        kind,
                                            const char      *key);
const char   *mlg_sheet_builder_title_of   (MlgSheetBuilder *b,
                                            const char      *id);
char         *mlg_sheet_builder_ref_list   (MlgSheetBuilder *b,
                                            MlgRecord       *record,
                                            const char      *key);
char         *mlg_sheet_builder_choice     (MlgSheetBuilder *b,
                                            MlgRecord       *record,
                                            const char      *key);
char         *mlg_sheet_builder_choices    (MlgSheetBuilder *b,
                                            MlgRecord       *record,
                                            const char      *key);
char         *mlg_sheet_builder_join       (MlgSheetBuilder *b,
                                            char           **items);
char         *mlg_sheet_builder_date       (MlgSheetBuilder *b,
                                            const char      *iso_date);
char         *mlg_sheet_builder_years      (MlgSheetBuilder *b,
                                            gint64           from,
                                            gint64           until);
char         *mlg_sheet_builder_update_note(MlgSheetBuilder *b,
                                            const char      *iso_date);
char         *mlg_sheet_builder_integer    (MlgSheetBuilder *b,
                                            gint64           value);
char         *mlg_sheet_builder_amount     (MlgSheetBuilder *b,
                                            double           euros);
/* "30 (2023)": a count and the year it is of (none when @year <= 0). */
char         *mlg_sheet_builder_with_year  (MlgSheetBuilder *b,
                                            gint64           value,
                                            gint64           year);
/* A table of @events (MlgRecord): name, date (or year, or how often it
 * recurs), the commune if @with_commune, the attendance with its year. */
void          mlg_sheet_builder_events     (MlgSheetBuilder *b,
                                            GPtrArray       *events,
                                            gboolean         with_commune);
/* "Trévoux (CC Dombes Saône Vallée, Ain)": a commune with its EPCI and
 * département. */
char         *mlg_sheet_builder_place      (MlgSheetBuilder *b,
                                            const char      *territory_id);
/* "6 947 inhabitants (2021)", or NULL. */
char         *mlg_sheet_builder_population (MlgSheetBuilder *b,
                                            MlgRecord       *territory);
/* The year of a record's last update, for counts that have no year of
 * their own ("30 places (2023)"), or 0. */
gint64        mlg_sheet_builder_update_year(MlgRecord       *record);

/* Records of @kind, sorted by name as people expect (accents and case
 * ignored). Free with g_ptr_array_unref(). */
GPtrArray    *mlg_sheet_builder_sorted     (MlgSheetBuilder *b,
                                            MlgKindId        kind);
/* Sorts @records (MlgRecord) as above, folding each name once. */
void          mlg_sheet_builder_sort       (GPtrArray       *records);
/* The records of @kind that refer to @target, sorted by name (the
 * document's index: no scan of the whole file). */
GPtrArray    *mlg_sheet_builder_referrers  (MlgSheetBuilder *b,
                                            MlgRecord       *target,
                                            MlgKindId        kind);
/* Whether territory @id is @within or lies inside it. */
gboolean      mlg_sheet_builder_inside     (MlgSheetBuilder *b,
                                            const char      *id,
                                            const char      *within);
/* The latest last_update of the document's records, as YYYY-MM-DD. */
const char   *mlg_sheet_builder_latest_update (MlgSheetBuilder *b);

/* A structure's fiche, on its own or in the directory. */
void          mlg_sheet_builder_structure  (MlgSheetBuilder *b,
                                            MlgRecord       *structure,
                                            const char      *kicker);

G_END_DECLS
