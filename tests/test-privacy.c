/* test-privacy.c — a person's data exported alone (JSON, vCard) and erased
 * everywhere with one action, which Undo takes back; the file stores only
 * the fields filled */
#include <string.h>

#include "mlg-document.h"
#include "mlg-privacy.h"
#include "mlg-record.h"

static const char text[] =
  "{\"format\": \"maillage\", \"version\": \"1.0\",\n"
  " \"ecosystem\": {\"id\": \"ptce\", \"name\": \"Domb'Innov\", \"contact_person\": \"fanny-filancia\"},\n"
  " \"structures\": [\n"
  "  {\"id\": \"dombinnov\", \"name\": \"Domb'Innov\"},\n"
  "  {\"id\": \"val-horizon\", \"name\": \"Val Horizon; groupe, Trévoux\",\n"
  "   \"description\": \"Accueil par Fanny Filancia, chargée de mission.\"}\n"
  " ],\n"
  " \"people\": [\n"
  "  {\"id\": \"fanny-filancia\", \"name\": \"Fanny Filancia\",\n"
  "   \"roles\": [{\"structure\": \"dombinnov\", \"role\": \"Chargée de mission animation\", \"since\": 2015},\n"
  "             {\"structure\": \"val-horizon\", \"role\": \"Administratrice, trésorière; bénévole\"}],\n"
  "   \"email\": \"fanny@dombinnov.fr\", \"phone\": \"04 74 08 71 17\",\n"
  "   \"notes\": \"Joindre le standard\\\\accueil ; de préférence le matin,\\nsauf le mercredi. Ces notes sont longues afin que la ligne de la vCard dépasse soixante-quinze octets.\"},\n"
  "  {\"id\": \"jean\", \"name\": \"Jean Dupont\"}\n"
  " ],\n"
  " \"projects\": [\n"
  "  {\"id\": \"p1\", \"name\": \"Recyclerie\", \"stage\": \"created\", \"holder_people\": [\"fanny-filancia\", \"jean\"]},\n"
  "  {\"id\": \"p2\", \"name\": \"Crèche\", \"stage\": \"idea\", \"holder_people\": [\"fanny-filancia\"]}\n"
  " ],\n"
  " \"events\": [\n"
  "  {\"id\": \"ev\", \"name\": \"Start-up de territoire\", \"host\": \"fanny-filancia\"}\n"
  " ]}\n";

static MlgDocument *
load (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  MlgDocument *document = mlg_document_new_from_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static void
test_find_mentions (void)
{
  g_autoptr(MlgDocument) document = load ();
  g_autoptr(GArray) mentions = mlg_privacy_find_mentions (document, mlg_document_lookup (document, "fanny-filancia"));
  guint references = 0, texts = 0;

  for (guint i = 0; i < mentions->len; i++)
    {
      MlgMention *m = &g_array_index (mentions, MlgMention, i);
      if (m->in_text)
        {
          texts++;
          g_assert_cmpstr (mlg_record_get_id (m->record), ==, "val-horizon");
          g_assert_cmpstr (m->field, ==, "description");
        }
      else
        references++;
    }
  /* contact of the ecosystem, holder of two projects, host of an event
   * (a mistaken reference: a structure was expected, but it is her id) */
  g_assert_cmpuint (references, ==, 4);
  g_assert_cmpuint (texts, ==, 1);
}

static void
test_export_json (void)
{
  g_autoptr(MlgDocument) document = load ();
  g_autoptr(GBytes) bytes = mlg_privacy_export_json (document, mlg_document_lookup (document, "fanny-filancia"));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *person, *names;
  JsonArray *places;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_true (g_str_has_suffix (data, "}\n"));
  g_assert_true (json_parser_load_from_data (parser, data, length, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "maillage-person");

  /* the record as the file holds it: only what was filled */
  person = json_object_get_object_member (root, "person");
  g_assert_cmpstr (json_object_get_string_member (person, "email"), ==, "fanny@dombinnov.fr");
  g_assert_cmpuint (json_object_get_size (person), ==, 6);

  places = json_object_get_array_member (root, "mentioned_in");
  g_assert_cmpuint (json_array_get_length (places), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (places, 0), "kind"), ==, "ecosystem");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (places, 0), "field"), ==, "contact_person");

  names = json_object_get_object_member (root, "records_named");
  g_assert_cmpstr (json_object_get_string_member (names, "val-horizon"), ==, "Val Horizon; groupe, Trévoux");

  /* another person's data is not in it */
  g_assert_null (strstr (data, "Jean Dupont"));
}

static void
test_export_vcard (void)
{
  g_autoptr(MlgDocument) document = load ();
  g_autoptr(GBytes) bytes = mlg_privacy_export_vcard (document, mlg_document_lookup (document, "fanny-filancia"));
  g_autofree char *card = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) unfolded = g_string_new (NULL);

  g_assert_true (g_str_has_prefix (card, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_assert_true (g_str_has_suffix (card, "\r\nEND:VCARD\r\n"));
  g_assert_true (g_utf8_validate (card, -1, NULL));

  /* every line ends with CRLF and is at most 75 octets; folded lines go on
   * with a space, and never split a character */
  lines = g_strsplit (card, "\r\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      if (lines[i][0] == ' ')
        g_string_append (unfolded, lines[i] + 1);
      else
        {
          if (unfolded->len)
            g_string_append (unfolded, "\n");
          g_string_append (unfolded, lines[i]);
        }
    }

  g_test_message ("%s", unfolded->str);
  g_assert_nonnull (strstr (unfolded->str, "\nFN:Fanny Filancia\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nEMAIL:fanny@dombinnov.fr\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nTEL:04 74 08 71 17\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nitem1.ORG:Domb'Innov\nitem1.TITLE:Chargée de mission animation\n"));
  /* RFC 6350: backslash, comma, semicolon and newline escaped */
  g_assert_nonnull (strstr (unfolded->str, "\nitem2.ORG:Val Horizon\\; groupe\\, Trévoux\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nitem2.TITLE:Administratrice\\, trésorière\\; bénévole\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nNOTE:Joindre le standard\\\\accueil \\; de préférence le matin\\,\\nsauf le mercredi."));
  g_assert_null (strstr (card, "Jean"));
}

static void
test_erase_everywhere (void)
{
  g_autoptr(MlgDocument) document = load ();
  g_autoptr(GBytes) before = mlg_document_to_bytes (document);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) undone = NULL;
  MlgRecord *fanny = mlg_document_lookup (document, "fanny-filancia");
  g_auto(GStrv) holders = NULL;
  const char *saved;
  guint removed;

  removed = mlg_privacy_erase_person (document, fanny);
  g_assert_cmpuint (removed, ==, 4);

  g_assert_null (mlg_document_lookup (document, "fanny-filancia"));
  g_assert_false (mlg_record_has_value (mlg_document_get_ecosystem (document), "contact_person"));
  holders = mlg_record_dup_strv (mlg_document_lookup (document, "p1"), "holder_people");
  g_assert_cmpstrv (holders, ((const char * const[]) { "jean", NULL }));
  /* an emptied list is not kept */
  g_assert_false (mlg_record_has_value (mlg_document_lookup (document, "p2"), "holder_people"));
  g_assert_false (mlg_record_has_value (mlg_document_lookup (document, "ev"), "host"));

  /* her id appears nowhere in the file any more; her name stays in the
   * one free text, which find_mentions showed for review */
  after = mlg_document_to_bytes (document);
  saved = g_bytes_get_data (after, NULL);
  g_assert_null (strstr (saved, "fanny-filancia"));
  g_assert_null (strstr (saved, "fanny@dombinnov.fr"));
  g_assert_null (strstr (saved, "Chargée de mission animation"));

  /* one action: one undo step, labelled, restoring every byte */
  g_assert_cmpstr (mlg_document_get_undo_label (document), ==, "Erase “Fanny Filancia”");
  mlg_document_undo (document);
  g_assert_false (mlg_document_can_undo (document));
  undone = mlg_document_to_bytes (document);
  g_assert_true (g_bytes_equal (before, undone));

  mlg_document_redo (document);
  g_assert_null (mlg_document_lookup (document, "fanny-filancia"));
}

/* The file never holds more than what the user filled: a new person is
 * their id and name; emptied fields are removed, not stored empty. */
static void
test_only_filled_fields (void)
{
  g_autoptr(MlgDocument) document = mlg_document_new ();
  g_autoptr(GBytes) bytes = NULL;
  MlgRecord *person = mlg_document_add_record (document, MLG_KIND_PERSON, "Jean Dupont");
  JsonObject *object;
  const char *saved;

  mlg_document_set_string (document, person, "email", "jean@example.org");
  mlg_document_set_string (document, person, "email", "");
  mlg_document_set_string (document, person, "phone", NULL);
  mlg_document_set_value (document, person, "roles", json_node_init_array (json_node_alloc (), json_array_new ()));
  mlg_document_set_value (document, person, "notes", json_node_new (JSON_NODE_NULL));

  object = mlg_record_get_object (person);
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  bytes = mlg_document_to_bytes (document);
  saved = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (strstr (saved, "{\n      \"id\": \"jean-dupont\",\n      \"name\": \"Jean Dupont\"\n    }"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/privacy/find-mentions", test_find_mentions);
  g_test_add_func ("/privacy/export-json", test_export_json);
  g_test_add_func ("/privacy/export-vcard", test_export_vcard);
  g_test_add_func ("/privacy/erase-everywhere", test_erase_everywhere);
  g_test_add_func ("/privacy/only-filled-fields", test_only_filled_fields);

  return g_test_run ();
}
