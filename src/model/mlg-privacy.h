/* mlg-privacy.h — a person's data: exported alone, erased everywhere
 *
 * People's records hold personal data (GDPR): a person may ask for what
 * the file says about them (JSON and vCard exports) and to be erased. The
 * erasure removes the person and every reference to them, found through
 * the field declarations, as one step that Undo can take back.
 */
#pragma once

#include <gio/gio.h>

#include "mlg-types.h"

G_BEGIN_DECLS

/* Where a person appears: a reference to them in another record, or their
 * name in a free text (which erasing does not change: shown for review). */
typedef struct {
  MlgRecord  *record;     /* borrowed from the document */
  const char *field;      /* the field's key (a table's key for a cell) */
  int         row;        /* the table row, or -1 */
  gboolean    in_text;    /* TRUE: the name appears in a text */
} MlgMention;

/* The mentions of @person in @document, in the order of the kinds and
 * records; free with g_array_unref(). */
GArray   *mlg_privacy_find_mentions   (MlgDocument *document,
                                       MlgRecord   *person);

/* Everything the file says about @person: their record as written in the
 * file (only the fields filled) and where they are mentioned. */
GBytes   *mlg_privacy_export_json     (MlgDocument *document,
                                       MlgRecord   *person);
/* A vCard 4.0 (RFC 6350) of @person: name, e-mail, phone, organisations
 * and roles, notes. */
GBytes   *mlg_privacy_export_vcard    (MlgDocument *document,
                                       MlgRecord   *person);

/* Removes @person and every reference to them as one undoable step.
 * Returns how many references were removed (the record itself aside). */
guint     mlg_privacy_erase_person    (MlgDocument *document,
                                       MlgRecord   *person);

G_END_DECLS
