/* mlg-text.h — text helpers shared by search, sorting and ids */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lower-cases and strips accents so that "creche" matches "Crèche". */
char *mlg_text_fold (const char *text);

/* What a person typed in a search entry, folded, without the blanks
 * around it; NULL when nothing is left to search for. */
char *mlg_text_fold_query (const char *text);

/* Appends the folded form of @text to @out. */
void  mlg_text_fold_append (GString *out, const char *text);

/* A lowercase ASCII slug, for record ids: "Élan Création" → "elan-creation". */
char *mlg_text_slug (const char *text);

G_END_DECLS
