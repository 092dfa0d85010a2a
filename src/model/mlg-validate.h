/* mlg-validate.h — checks of French identifiers and contact fields
 *
 * Each check returns TRUE when the text is valid. Otherwise it returns FALSE
 * and, when @message is not NULL, sets it to a translated sentence that says
 * what is wrong (free with g_free()). Leading and trailing blanks are
 * ignored; digits may be grouped with spaces or dots where people do so.
 */
#pragma once

#include <glib.h>

#include "mlg-types.h"

G_BEGIN_DECLS

gboolean mlg_validate_siren         (const char *text, char **message);
gboolean mlg_validate_siret         (const char *text, char **message);
gboolean mlg_validate_siren_or_siret(const char *text, char **message);
gboolean mlg_validate_rna           (const char *text, char **message);
gboolean mlg_validate_insee_commune (const char *text, char **message);
gboolean mlg_validate_postcode      (const char *text, char **message);
gboolean mlg_validate_email         (const char *text, char **message);
gboolean mlg_validate_phone         (const char *text, char **message);
gboolean mlg_validate_url           (const char *text, char **message);
gboolean mlg_validate_date          (const char *text, char **message);
gboolean mlg_validate_year          (gint64      year, char **message);
gboolean mlg_validate_count         (double      value, char **message);
gboolean mlg_validate_amount        (double      value, char **message);

/* The check a text field's declared type calls for (e-mail, SIRET…); TRUE
 * for types with none, and for empty text. */
gboolean mlg_validate_field_text    (const MlgField *field,
                                     const char     *text,
                                     char          **message);

G_END_DECLS
