/* mlg-typography.h — French or English conventions for printed text
 *
 * The sheets follow the conventions of the language the app runs in:
 * in French, no-break spaces before ; : ! ? and inside « », thousands
 * grouped with a narrow no-break space, "170 000 €", "10 novembre 2023";
 * in English, "170,000", "€170,000", "10 November 2023". The style follows
 * the translation in use, so that labels and punctuation always agree.
 * Every function returns a newly allocated string; none interprets markup.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MLG_TYPOGRAPHY_ENGLISH,
  MLG_TYPOGRAPHY_FRENCH,
} MlgTypography;

/* U+00A0 NO-BREAK SPACE and U+202F NARROW NO-BREAK SPACE, in UTF-8. */
#define MLG_NBSP  "\xc2\xa0"
#define MLG_NNBSP "\xe2\x80\xaf"

/* The conventions of the translation in use (French when the app's
 * messages are French). */
MlgTypography mlg_typography_current  (void);

/* Prose: no-break spaces before ; : ! ? and inside « » in French, and
 * groups of thousands ("75 000") kept on one line. Leaves URLs, times and
 * English text alone. */
char *mlg_typography_text      (MlgTypography typo,
                                const char   *text);
/* 170 000 (French) or 170,000 (English). */
char *mlg_typography_integer   (MlgTypography typo,
                                gint64        value);
/* At most @max_decimals decimals, trailing zeros dropped: 2,5 or 2.5. */
char *mlg_typography_number    (MlgTypography typo,
                                double        value,
                                guint         max_decimals);
/* Exactly @decimals decimals, for a column of rates: 0,10 or 0.10. */
char *mlg_typography_fixed     (MlgTypography typo,
                                double        value,
                                guint         decimals);
/* Euros: 170 000 € (French) or €170,000 (English); cents only when any. */
char *mlg_typography_amount    (MlgTypography typo,
                                double        euros);
/* A value and its unit, kept together: "20 structures", "5 000 000 €".
 * @unit may be NULL or empty. */
char *mlg_typography_quantity  (MlgTypography typo,
                                double        value,
                                const char   *unit);
/* "2023-11-10" → "10 novembre 2023" / "10 November 2023"; "1er" for the
 * first of the month in French. Text that is not such a date is returned
 * as is. */
char *mlg_typography_date      (MlgTypography typo,
                                const char   *iso_date);
/* « text » (French) or “text” (English). */
char *mlg_typography_quote     (MlgTypography typo,
                                const char   *text);
/* "Label : " (French, no-break space) or "Label: " (English). */
char *mlg_typography_label     (MlgTypography typo,
                                const char   *label);
/* Phone numbers and SIREN/SIRET kept on one line: spaces become no-break
 * spaces, and a bare SIRET is grouped 3 3 3 5. */
char *mlg_typography_phone     (const char   *phone);
char *mlg_typography_siret     (const char   *siret);

G_END_DECLS
