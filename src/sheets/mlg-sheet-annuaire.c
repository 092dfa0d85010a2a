/* mlg-sheet-annuaire.c — the directory as a booklet
 *
 * A cover, the contents with the page where each fiche begins, one fiche
 * per structure starting on a new page, and an alphabetical index of the
 * structures (with their other names), poles and communes. The contents'
 * page numbers are drawn once the pages are known; the index is written
 * during pagination, after the fiches are placed.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mlg-sheet-builder.h"
#include "mlg-sheets.h"
#include "mlg-text.h"

static gboolean
structure_in_territory (MlgSheetBuilder *b,
                        MlgRecord       *s,
                        const char      *territory)
{
  g_autoptr(GPtrArray) establishments = NULL;

  if (mlg_record_get_string (s, "commune") &&
      mlg_sheet_builder_inside (b, mlg_record_get_string (s, "commune"), territory))
    return TRUE;
  establishments = mlg_document_find_referrers (b->document, s, MLG_KIND_ESTABLISHMENT);
  for (guint i = 0; i < establishments->len; i++)
    {
      MlgRecord *e = g_ptr_array_index (establishments, i);

      if (g_strcmp0 (mlg_record_get_string (e, "structure"), mlg_record_get_id (s)) == 0 &&
          mlg_record_get_string (e, "commune") &&
          mlg_sheet_builder_inside (b, mlg_record_get_string (e, "commune"), territory))
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
mlg_sheet_annuaire_structures (MlgDocument          *document,
                               const MlgSheetFilter *filter)
{
  MlgSheetBuilder b;
  GPtrArray *all, *found;

  mlg_sheet_builder_init (&b, NULL, document);
  all = mlg_sheet_builder_sorted (&b, MLG_KIND_STRUCTURE);
  found = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      MlgRecord *s = g_ptr_array_index (all, i);

      if (filter && filter->structures && !g_strv_contains (filter->structures, mlg_record_get_id (s)))
        continue;
      if (filter && filter->pole && !mlg_record_list_contains (s, "poles", filter->pole))
        continue;
      if (filter && filter->circle && g_strcmp0 (mlg_record_get_string (s, "circle"), filter->circle) != 0)
        continue;
      if (filter && filter->territory && !structure_in_territory (&b, s, filter->territory))
        continue;
      g_ptr_array_add (found, g_object_ref (s));
    }
  g_ptr_array_unref (all);
  mlg_sheet_builder_clear (&b);
  return found;
}

/* ── Index ───────────────────────────────────────────────────────────── */

/* The entries are gathered when the sheet is built (it is a snapshot of
 * the document); only their pages are looked up during pagination. */
typedef struct {
  char      *sort_key;
  char      *text;
  char      *note;      /* "pole", "commune", or the name an alias stands for */
  GPtrArray *anchors;   /* of the fiches it points to */
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->sort_key);
  g_free (entry->text);
  g_free (entry->note);
  g_ptr_array_unref (entry->anchors);
  g_free (entry);
}

static void
add_entry (GHashTable *table,
           GPtrArray  *entries,
           const char *text,
           const char *note,
           const char *anchor)
{
  g_autofree char *key = NULL;
  Entry *entry;

  if (text == NULL || *text == '\0')
    return;
  key = g_strconcat (text, "\x1f", note ? note : "", NULL);
  entry = g_hash_table_lookup (table, key);
  if (entry == NULL)
    {
      g_autofree char *folded = mlg_text_fold (text);

      entry = g_new0 (Entry, 1);
      entry->sort_key = g_strconcat (folded, "\x1f", text, NULL);
      entry->text = g_strdup (text);
      entry->note = g_strdup (note);
      entry->anchors = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (table, g_steal_pointer (&key), entry);
      g_ptr_array_add (entries, entry);
    }
  if (!g_ptr_array_find_with_equal_func (entry->anchors, anchor, g_str_equal, NULL))
    g_ptr_array_add (entry->anchors, g_strdup (anchor));
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = *(Entry **) a, *y = *(Entry **) b;
  return g_strcmp0 (x->sort_key, y->sort_key);
}

static int
compare_pages (gconstpointer a,
               gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return x < y ? -1 : x > y;
}

/* Structures by their names and other names, poles and communes. */
static GPtrArray *
gather_index (MlgSheetBuilder *b,
              GPtrArray       *structures)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Translators: in the index of the directory, after the name of a pole. */
  const char *pole_note = C_("sheet", "pole");
  /* Translators: in the index of the directory, after the name of a commune. */
  const char *commune_note = C_("sheet", "commune");

  for (guint i = 0; i < structures->len; i++)
    {
      MlgRecord *s = g_ptr_array_index (structures, i);
      g_autofree char *anchor = g_strconcat ("structure:", mlg_record_get_id (s), NULL);
      g_auto(GStrv) aliases = mlg_record_dup_strv (s, "aliases");
      g_auto(GStrv) poles = mlg_record_dup_strv (s, "poles");
      const char *commune = mlg_record_get_string (s, "commune");
      g_autoptr(GPtrArray) establishments = mlg_document_find_referrers (b->document, s, MLG_KIND_ESTABLISHMENT);

      add_entry (table, entries, mlg_record_get_title (s), NULL, anchor);
      for (guint k = 0; aliases[k]; k++)
        if (g_strcmp0 (aliases[k], mlg_record_get_title (s)) != 0)
          add_entry (table, entries, aliases[k], mlg_record_get_title (s), anchor);
      for (guint k = 0; poles[k]; k++)
        add_entry (table, entries, mlg_sheet_builder_title_of (b, poles[k]), pole_note, anchor);
      if (commune)
        add_entry (table, entries, mlg_sheet_builder_title_of (b, commune), commune_note, anchor);
      for (guint k = 0; k < establishments->len; k++)
        {
          MlgRecord *e = g_ptr_array_index (establishments, k);
          const char *where = mlg_record_get_string (e, "commune");

          if (where && g_strcmp0 (mlg_record_get_string (e, "structure"), mlg_record_get_id (s)) == 0)
            add_entry (table, entries, mlg_sheet_builder_title_of (b, where), commune_note, anchor);
        }
    }
  g_ptr_array_sort (entries, compare_entries);
  return entries;
}

static void
write_index (MlgSheet *sheet,
             gpointer  user_data)
{
  GPtrArray *entries = user_data;
  MlgTypography typo = mlg_typography_current ();
  gunichar letter = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      gunichar first = g_unichar_toupper (g_utf8_get_char (entry->sort_key));
      g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (int));
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *text = mlg_typography_text (typo, entry->text);
      MlgSheetText *line;

      if (first != letter)
        {
          char buffer[8] = { 0 };

          letter = first;
          g_unichar_to_utf8 (g_unichar_isalpha (letter) ? letter : '#', buffer);
          mlg_sheet_add_plain (sheet, MLG_SHEET_STYLE_INDEX_LETTER, buffer);
        }

      for (guint k = 0; k < entry->anchors->len; k++)
        {
          int page = mlg_sheet_get_anchor_page (sheet, g_ptr_array_index (entry->anchors, k)) + 1;
          gboolean known = page <= 0;

          for (guint j = 0; !known && j < pages->len; j++)
            known = g_array_index (pages, int, j) == page;
          if (!known)
            g_array_append_val (pages, page);
        }
      g_array_sort (pages, compare_pages);
      for (guint k = 0; k < pages->len; k++)
        g_string_append_printf (list, "%s%d", k ? ", " : "", g_array_index (pages, int, k));

      line = mlg_sheet_text_new (text);
      if (entry->note)
        {
          g_autofree char *note = g_strdup_printf (" (%s)", entry->note);
          g_autofree char *typeset = mlg_typography_text (typo, note);
          mlg_sheet_text_append (line, MLG_SHEET_SPAN_MUTED, typeset);
        }
      mlg_sheet_text_append (line, MLG_SHEET_SPAN_NORMAL, "  ");
      mlg_sheet_text_append (line, MLG_SHEET_SPAN_ACCENT, list->str);
      mlg_sheet_add_text (sheet, MLG_SHEET_STYLE_SMALL, line);
      mlg_sheet_space_before (sheet, -1.0);
    }
}

/* ── The booklet ─────────────────────────────────────────────────────── */

static void
add_cover (MlgSheetBuilder      *b,
           const MlgSheetFilter *filter,
           guint                 n_structures,
           const char           *latest)
{
  MlgRecord *ecosystem = mlg_document_get_ecosystem (b->document);
  const char *label = mlg_record_get_string (ecosystem, "territory_label");
  const char *website = mlg_record_get_string (ecosystem, "website");
  g_autofree char *phone = mlg_typography_phone (mlg_record_get_string (ecosystem, "phone"));
  g_autofree char *count = NULL;
  g_autofree char *count_text = NULL;

  mlg_sheet_add_plain_page (b->sheet);
  mlg_sheet_add_space (b->sheet, 1);
  mlg_sheet_add_rule (b->sheet, 3.0);
  mlg_sheet_add_space (b->sheet, 150);
  mlg_sheet_add_plain (b->sheet, MLG_SHEET_STYLE_KICKER, C_("sheet", "Directory of structures"));
  mlg_sheet_add_text (b->sheet, MLG_SHEET_STYLE_COVER_TITLE,
                      mlg_sheet_builder_styled (b, *mlg_record_get_title (ecosystem) ? mlg_record_get_title (ecosystem) : "—"));
  if (label)
    mlg_sheet_add_text (b->sheet, MLG_SHEET_STYLE_COVER_SUBTITLE, mlg_sheet_builder_styled (b, label));
  mlg_sheet_add_space (b->sheet, 24);

  if (filter && filter->pole)
    {
      /* Translators: on the cover of a directory limited to one pole. */
      g_autofree char *text = g_strdup_printf (C_("sheet", "Pole: %s"), mlg_sheet_builder_title_of (b, filter->pole));
      mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_SUBTITLE, text);
    }
  if (filter && filter->territory)
    {
      /* Translators: on the cover of a directory limited to one territory. */
      g_autofree char *text = g_strdup_printf (C_("sheet", "Territory: %s"), mlg_sheet_builder_title_of (b, filter->territory));
      mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_SUBTITLE, text);
    }
  if (filter && filter->circle)
    {
      const MlgField *circle = mlg_kind_find_field (mlg_kind_get (MLG_KIND_STRUCTURE), "circle");
      /* Translators: on the cover of a directory limited to one circle of the PTCE. */
      g_autofree char *text = g_strdup_printf (C_("sheet", "Circle: %s"), mlg_field_choice_label (circle, filter->circle));
      mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_SUBTITLE, text);
    }

  count = mlg_sheet_builder_integer (b, n_structures);
  count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s structure in this directory",
                                             "%s structures in this directory", n_structures), count);
  mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_SUBTITLE, count_text);
  if (latest)
    {
      g_autofree char *date = mlg_sheet_builder_date (b, latest);
      /* Translators: on the cover of the directory; %s is a date. */
      g_autofree char *text = g_strdup_printf (C_("sheet", "Up to date on %s"), date);
      mlg_sheet_builder_paragraph (b, MLG_SHEET_STYLE_SUBTITLE, text);
    }
  mlg_sheet_add_space (b->sheet, 200);
  if (website)
    mlg_sheet_add_plain (b->sheet, MLG_SHEET_STYLE_SMALL, website);
  if (*phone)
    mlg_sheet_add_plain (b->sheet, MLG_SHEET_STYLE_SMALL, phone);
}

static void
add_contents (MlgSheetBuilder *b,
              GPtrArray       *structures,
              const char      *note)
{
  static const double widths[] = { 0.9, 0.1 };
  MlgSheetTable *table;

  mlg_sheet_add_page_break (b->sheet);
  mlg_sheet_add_mark (b->sheet, C_("sheet", "Contents"), note);
  mlg_sheet_add_anchor (b->sheet, "contents", C_("sheet", "Contents"));
  mlg_sheet_builder_heading (b, C_("sheet", "Contents"));
  table = mlg_sheet_add_table (b->sheet, 2, widths, MLG_SHEET_TABLE_LEADERS);
  mlg_sheet_table_set_column (table, 0, MLG_SHEET_STYLE_BODY, PANGO_ALIGN_LEFT);
  mlg_sheet_table_set_column (table, 1, MLG_SHEET_STYLE_BODY, PANGO_ALIGN_RIGHT);
  for (guint i = 0; i < structures->len; i++)
    {
      MlgRecord *s = g_ptr_array_index (structures, i);
      g_autofree char *anchor = g_strconcat ("structure:", mlg_record_get_id (s), NULL);
      g_autofree char *circle = mlg_sheet_builder_choice (b, s, "circle");
      const char *commune = mlg_record_get_string (s, "commune");
      MlgSheetText *name = mlg_sheet_builder_styled (b, mlg_record_get_title (s));
      g_autoptr(GPtrArray) details = g_ptr_array_new ();

      if (commune)
        g_ptr_array_add (details, (gpointer) mlg_sheet_builder_title_of (b, commune));
      if (circle)
        g_ptr_array_add (details, circle);
      if (details->len)
        {
          g_autofree char *joined = NULL;
          g_autofree char *text = NULL;

          g_ptr_array_add (details, NULL);
          joined = g_strjoinv (" · ", (char **) details->pdata);
          text = g_strconcat ("   ", joined, NULL);
          mlg_sheet_text_append (name, MLG_SHEET_SPAN_MUTED, text);
        }
      mlg_sheet_table_add_cell (table, name);
      mlg_sheet_table_add_page_ref (table, anchor);
    }
}

MlgSheet *
mlg_sheet_new_annuaire (MlgDocument          *document,
                        const MlgSheetFilter *filter)
{
  MlgRecord *ecosystem = mlg_document_get_ecosystem (document);
  /* Translators: the title of the directory; %s is the name of the PTCE. */
  g_autofree char *title = g_strdup_printf (C_("sheet", "Directory — %s"), mlg_record_get_title (ecosystem));
  MlgSheet *sheet = mlg_sheet_new (title, mlg_record_get_title (ecosystem));
  g_autoptr(GPtrArray) structures = mlg_sheet_annuaire_structures (document, filter);
  const char *latest = NULL;
  g_autofree char *note = NULL;
  MlgSheetBuilder b;

  mlg_sheet_builder_init (&b, sheet, document);
  mlg_sheet_set_mirrored (sheet, TRUE);
  mlg_sheet_set_metadata (sheet, mlg_record_get_title (ecosystem), C_("sheet", "Directory of structures"), NULL);

  for (guint i = 0; i < structures->len; i++)
    {
      const char *date = mlg_record_get_string (g_ptr_array_index (structures, i), "last_update");
      if (date && g_strcmp0 (date, latest) > 0)
        latest = date;
    }
  note = mlg_sheet_builder_update_note (&b, latest);

  add_cover (&b, filter, structures->len, latest);
  add_contents (&b, structures, note);

  for (guint i = 0; i < structures->len; i++)
    {
      MlgRecord *s = g_ptr_array_index (structures, i);
      g_autofree char *anchor = g_strconcat ("structure:", mlg_record_get_id (s), NULL);
      g_autofree char *running = g_strdup_printf (C_("sheet", "Directory — %s"), mlg_record_get_title (s));
      g_autofree char *typeset = mlg_sheet_builder_text (&b, running);
      g_autofree char *update = mlg_sheet_builder_update_note (&b, mlg_record_get_string (s, "last_update"));

      mlg_sheet_add_page_break (sheet);
      mlg_sheet_add_mark (sheet, typeset, update);
      mlg_sheet_add_anchor (sheet, anchor, mlg_record_get_title (s));
      mlg_sheet_builder_structure (&b, s, C_("sheet", "Structure sheet"));
    }

  mlg_sheet_add_page_break (sheet);
  mlg_sheet_add_mark (sheet, C_("sheet", "Index"), note);
  mlg_sheet_add_anchor (sheet, "index", C_("sheet", "Index"));
  mlg_sheet_builder_heading (&b, C_("sheet", "Index"));
  mlg_sheet_set_columns (sheet, 2);
  mlg_sheet_add_deferred (sheet, write_index, gather_index (&b, structures), (GDestroyNotify) g_ptr_array_unref);

  mlg_sheet_builder_clear (&b);
  return sheet;
}
