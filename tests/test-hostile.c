/* test-hostile.c — hostile and broken files: a clear message naming the
 * place, never a crash, a hang or a change to the file, in bounded memory
 * and time
 *
 * Each case loads a file of tests/files/ (or one generated here when it is
 * large) in a child process, so that a crash fails only that case and the
 * child's peak memory can be measured. The bounds asserted are generous
 * (MAX_SECONDS, MAX_MEMORY) so that a slow machine never fails them; the
 * figures measured are printed as test messages (see the test log).
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mlg-document.h"
#include "mlg-problem.h"
#include "mlg-record.h"
#include "mlg-schema.h"

/* AddressSanitizer makes a load several times slower and hungrier. */
#if defined(__SANITIZE_ADDRESS__)
#define MAX_SECONDS 400
#define MAX_MEMORY  (G_GINT64_CONSTANT (8) << 30)
#else
#define MAX_SECONDS 120
#define MAX_MEMORY  (G_GINT64_CONSTANT (2) << 30)
#endif

/* What loading a file must give. */
typedef struct {
  const char *file;       /* under tests/files/ */
  gboolean    loads;      /* FALSE: refused */
  const char *fragment;   /* in the message of the problem expected */
  guint       line;       /* of that problem, 0 when none can be given */
  guint       column;     /* 0 when not checked */
  const char *record;     /* the record named, or NULL */
  const char *field;      /* the field named, or NULL */
} Case;

/* ── Running a case in a child, measured ─────────────────────────────── */

typedef void (*CaseFunc) (gconstpointer data);

static void
run_child (CaseFunc       func,
           gconstpointer  data,
           double        *seconds,
           double        *cpu_seconds,
           glong         *kib)
{
  struct rusage usage;
  gint64 start;
  int status = 0;
  pid_t pid;

  fflush (stdout);
  fflush (stderr);
  start = g_get_monotonic_time ();
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (func)
        func (data);
      /* exit (), not _exit (): under AddressSanitizer the leak check
       * runs and fails the child if anything leaked. */
      exit (0);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  *cpu_seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
                 (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  *kib = usage.ru_maxrss;

  if (WIFSIGNALED (status))
    g_error ("the child died of signal %d (%s)", WTERMSIG (status), g_strsignal (WTERMSIG (status)));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
run_measured (const char    *what,
              gsize          file_size,
              CaseFunc       func,
              gconstpointer  data)
{
  double seconds, cpu_seconds;
  glong kib, baseline_kib;

  /* What a child that does nothing starts with, just before. */
  run_child (NULL, NULL, &seconds, &cpu_seconds, &baseline_kib);
  run_child (func, data, &seconds, &cpu_seconds, &kib);

  g_test_message ("bounds: %s (%" G_GSIZE_FORMAT " bytes): %.3f s (%.3f s of processor), "
                  "peak memory %ld KiB above a child's start",
                  what, file_size, seconds, cpu_seconds, MAX (kib - baseline_kib, 0));
  g_assert_cmpfloat (seconds, <, MAX_SECONDS);
  g_assert_cmpint ((gint64) kib * 1024, <, MAX_MEMORY);
}

/* ── Checks ──────────────────────────────────────────────────────────── */

static char *
files_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "files", name, NULL);
}

static MlgProblem *
find_problem (GPtrArray  *problems,
              const char *fragment)
{
  for (guint i = 0; problems && i < problems->len; i++)
    {
      MlgProblem *p = g_ptr_array_index (problems, i);
      if (strstr (mlg_problem_get_message (p), fragment))
        return p;
    }
  for (guint i = 0; problems && i < problems->len; i++)
    {
      g_autofree char *text = mlg_problem_to_string (g_ptr_array_index (problems, i));
      g_printerr ("problem: %s\n", text);
    }
  g_error ("no problem mentions “%s”", fragment);
}

/* Loads @path as the app does; returns the document or NULL, with the
 * problems and the error message. */
static MlgDocument *
load_path (const char  *path,
           GPtrArray  **problems,
           char       **message)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MlgDocument *document = mlg_document_new_from_file (file, NULL, problems, &error);

  if (document == NULL)
    {
      g_assert_error (error, MLG_DOCUMENT_ERROR, MLG_DOCUMENT_ERROR_INVALID);
      *message = g_strdup (error->message);
    }
  else
    *message = NULL;
  return document;
}

static void
check_case (const Case *c,
            const char *path)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autofree char *message = NULL;
  g_autofree char *place = NULL;
  MlgProblem *problem;

  document = load_path (path, &problems, &message);
  if (c->loads)
    g_assert_nonnull (document);
  else
    {
      g_assert_null (document);
      /* the error the user sees quotes the first problem */
      g_assert_nonnull (message);
      g_assert_nonnull (problems);
      g_assert_cmpint (mlg_problem_get_severity (g_ptr_array_index (problems, 0)), ==, MLG_SEVERITY_ERROR);
    }

  if (c->fragment == NULL)
    return;
  problem = find_problem (problems, c->fragment);
  g_assert_cmpint (mlg_problem_get_severity (problem), ==, c->loads ? MLG_SEVERITY_WARNING : MLG_SEVERITY_ERROR);
  if (!c->loads && problems->len == 1)
    g_assert_nonnull (strstr (message, mlg_problem_get_message (problem)));

  place = mlg_problem_describe_place (problem);
  if (c->line)
    {
      g_autofree char *line = g_strdup_printf ("line %u,", c->line);
      g_assert_cmpuint (mlg_problem_get_line (problem), ==, c->line);
      g_assert_nonnull (strstr (place, line));
      if (c->column)
        g_assert_cmpuint (mlg_problem_get_column (problem), ==, c->column);
    }
  if (c->record)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", c->record);
      g_assert_cmpstr (mlg_problem_get_record_id (problem), ==, c->record);
      g_assert_nonnull (strstr (place, quoted));
    }
  if (c->field)
    {
      g_assert_cmpstr (mlg_problem_get_field (problem), ==, c->field);
      g_assert_nonnull (strstr (place, "field “"));
    }
}

static void
check_case_in_child (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *path = files_path (c->file);
  check_case (c, path);
}

/* The file is byte for byte what it was, and was not written to. */
typedef struct {
  GBytes *bytes;
  struct stat info;
} Snapshot;

static void
snapshot_take (Snapshot   *s,
               const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  s->bytes = g_bytes_new_take (contents, length);
  g_assert_cmpint (g_stat (path, (GStatBuf *) &s->info), ==, 0);
}

static void
snapshot_assert_unchanged (Snapshot   *s,
                           const char *path)
{
  g_autoptr(GBytes) now = NULL;
  struct stat info;
  char *contents = NULL;
  gsize length = 0;
  g_autofree char *backup = g_strconcat (path, "~", NULL);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  now = g_bytes_new_take (contents, length);
  g_assert_true (g_bytes_equal (now, s->bytes));
  g_assert_cmpint (g_stat (path, (GStatBuf *) &info), ==, 0);
  g_assert_cmpint (info.st_mtim.tv_sec, ==, s->info.st_mtim.tv_sec);
  g_assert_cmpint (info.st_mtim.tv_nsec, ==, s->info.st_mtim.tv_nsec);
  g_assert_cmpint (info.st_ino, ==, s->info.st_ino);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_bytes_unref (s->bytes);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *path = files_path (c->file);
  Snapshot before;

  snapshot_take (&before, path);
  run_measured (c->file, g_bytes_get_size (before.bytes), check_case_in_child, c);
  snapshot_assert_unchanged (&before, path);
}

/* ── The cases kept as files ─────────────────────────────────────────── */

static const Case cases[] = {
  { "bad-empty.maillage",           FALSE, "The file is empty", 0, 0, NULL, NULL },
  { "bad-not-json.maillage",        FALSE, "not valid JSON", 1, 0, NULL, NULL },
  { "bad-truncated.maillage",       FALSE, "not valid JSON", 5, 0, NULL, NULL },
  { "bad-invalid-utf8.maillage",    FALSE, "not valid UTF-8", 5, 74, NULL, NULL },
  { "warn-bom.maillage",            TRUE,  "byte-order mark", 0, 0, NULL, NULL },
  { "bad-nul-byte.maillage",        FALSE, "NUL byte", 5, 27, NULL, NULL },
  { "bad-top-level-array.maillage", FALSE, "A Maillage file is a JSON object; this file holds a list", 1, 1, NULL, NULL },
  { "bad-no-marker.maillage",       FALSE, "not a Maillage file: it has no “format”", 1, 1, NULL, NULL },
  { "bad-foreign-marker.maillage",  FALSE, "its format is “geojson”", 2, 13, NULL, NULL },
  { "bad-newer-major.maillage",     FALSE, "newer Maillage (format 2.0)", 3, 14, NULL, NULL },
  { "bad-duplicate-ids.maillage",   FALSE, "The id “recyclerie” is used twice", 9, 12, "recyclerie", NULL },
  { "warn-dangling-reference.maillage", TRUE, "“Commune” refers to “trevoux”, which is not in the file", 0, 0, "le-96", "commune" },
  { "warn-territory-cycle.maillage", TRUE, "the hierarchy loops", 0, 0, NULL, "parent" },
  { "warn-subsidiary-cycle.maillage", TRUE, "subsidiaries and carriers loop", 0, 0, NULL, "relations" },
  { "bad-number-1e400.maillage",    FALSE, "too large to hold", 6, 16, NULL, NULL },
  { "warn-negative-count.maillage", TRUE,  "A count cannot be negative", 0, 0, "creche", "capacity" },
  { "bad-nan-string.maillage",      FALSE, "“Jobs” should be a number, not text", 6, 14, "compta", "jobs" },
  /* found by fuzzing: json-glib 1.6 reads these wrongly, so that the file
   * would not read back as it was */
  { "bad-integer-overflow.maillage", FALSE, "too large to hold", 6, 20, NULL, NULL },
  { "bad-lone-surrogate.maillage",  FALSE, "broken escape", 5, 44, NULL, NULL },
  { "bad-broken-escape.maillage",   FALSE, "broken escape", 5, 40, NULL, NULL },
  { "bad-escaped-nul.maillage",     FALSE, "NUL", 5, 47, NULL, NULL },
};

/* A wrong type for every type of field the declaration uses: each file
 * bad-wrong-type-TYPE.maillage holds record "r1" with the wrong value on
 * line 6. */
static void
test_wrong_type (gconstpointer data)
{
  const char *type_name = data;
  g_autofree char *name = g_strdup_printf ("bad-wrong-type-%s.maillage", type_name);
  g_autofree char *path = files_path (name);
  g_autofree char *text = NULL;
  const char *key;
  Case c = { name, FALSE, " should be ", 6, 0, "r1", NULL };
  Snapshot before;

  /* the field is the last member of the record */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  key = strstr (text, "\n     \"");
  g_assert_nonnull (key);
  c.field = g_strndup (key + 7, strchr (key + 7, '"') - (key + 7));

  snapshot_take (&before, path);
  run_measured (name, g_bytes_get_size (before.bytes), check_case_in_child, &c);
  snapshot_assert_unchanged (&before, path);
  g_free ((char *) c.field);
}

static void
test_every_field_type_has_a_file (void)
{
  /* a new field type gets its hostile file, or this fails */
  for (guint k = 0; k < MLG_N_KINDS; k++)
    for (const MlgField *f = mlg_kind_get (k)->fields; f->key; f++)
      {
        g_autofree char *name = g_strdup_printf ("bad-wrong-type-%s.maillage", mlg_field_type_name (f->type));
        g_autofree char *path = files_path (name);
        if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
          g_error ("%s is missing (field “%s” of %s)", name, f->key, mlg_kind_get (k)->key);
      }
}

/* -0 is a valid JSON number: it loads as 0, with no warning, and saves as
 * 0, the same bytes on every later save. */
static void
test_minus_zero (void)
{
  g_autofree char *path = files_path ("minus-zero.maillage");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autoptr(MlgDocument) again = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autofree char *message = NULL;
  const char *text;

  document = load_path (path, &problems, &message);
  g_assert_nonnull (document);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpfloat (mlg_record_get_double (mlg_document_lookup (document, "compta"), "jobs", 1), ==, 0);
  g_assert_cmpfloat (mlg_record_get_double (mlg_document_lookup (document, "rh"), "jobs", 1), ==, 0);

  saved = mlg_document_to_bytes (document);
  text = g_bytes_get_data (saved, NULL);
  g_assert_null (strstr (text, "-0"));
  g_assert_nonnull (strstr (text, "\"jobs\": 0\n"));

  again = mlg_document_new_from_bytes (saved, NULL, NULL);
  g_assert_nonnull (again);
  saved_again = mlg_document_to_bytes (again);
  g_assert_true (g_bytes_equal (saved, saved_again));
}

/* ── Large cases, generated ──────────────────────────────────────────── */

typedef struct {
  char  *dir;
  char  *path;
  gsize  size;
} Generated;

static void
generated_write (Generated *g,
                 GString   *text)
{
  g->dir = g_dir_make_tmp ("maillage-hostile-XXXXXX", NULL);
  g_assert_nonnull (g->dir);
  g->path = g_build_filename (g->dir, "large.maillage", NULL);
  g->size = text->len;
  g_assert_true (g_file_set_contents (g->path, text->str, text->len, NULL));
  g_string_free (text, TRUE);
}

static void
generated_check (Generated  *g,
                 const char *what,
                 CaseFunc    func)
{
  Snapshot before;

  snapshot_take (&before, g->path);
  run_measured (what, g->size, func, g->path);
  snapshot_assert_unchanged (&before, g->path);
  g_remove (g->path);
  g_rmdir (g->dir);
  g_free (g->path);
  g_free (g->dir);
}

#define HEADER "{\n  \"format\": \"maillage\",\n  \"version\": \"1.0\",\n"

static void
check_long_string (gconstpointer data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *message = NULL;
  const char *description;

  document = load_path (data, &problems, &message);
  g_assert_nonnull (document);
  description = mlg_record_get_string (mlg_document_lookup (document, "le-96"), "description");
  g_assert_cmpuint (strlen (description), ==, 10 * 1024 * 1024);
  /* and it saves whole */
  saved = mlg_document_to_bytes (document);
  g_assert_cmpuint (g_bytes_get_size (saved), >, 10 * 1024 * 1024);
}

/* A 10 MiB text loads and saves whole: long, but not wrong. */
static void
test_long_string (void)
{
  static const char words[] = "Tiers-lieu 96. ";
  GString *text = g_string_new (HEADER "  \"structures\": [\n    {\"id\": \"le-96\", \"name\": \"Le 96\", \"description\": \"");
  gsize start = text->len;
  Generated g;

  while (text->len - start < 10 * 1024 * 1024)
    g_string_append_len (text, words, MIN (sizeof words - 1, 10 * 1024 * 1024 - (text->len - start)));
  g_string_append (text, "\"}\n  ]\n}\n");
  generated_write (&g, text);
  generated_check (&g, "10 MiB string", check_long_string);
}

static void
check_deep_nesting (gconstpointer data)
{
  Case c = { "deep", FALSE, "nested too deeply", 4, 0, NULL, NULL };
  check_case (&c, data);
}

/* 100,000 levels of nesting are refused before json-glib recurses. */
static void
test_deep_nesting (void)
{
  GString *text = g_string_new (HEADER "  \"x\": ");
  Generated g;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, i % 2 ? '{' : '[');
  generated_write (&g, text);
  generated_check (&g, "100,000 levels of nesting", check_deep_nesting);
}

static void
check_many_records (gconstpointer data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autofree char *message = NULL;

  document = load_path (data, &problems, &message);
  g_assert_nonnull (document);
  g_assert_cmpuint (mlg_document_count (document, MLG_KIND_POLE), ==, 1000000);
  g_assert_nonnull (mlg_document_lookup (document, "p999999"));
}

/* A million records load. */
static void
test_many_records (void)
{
  GString *text = g_string_new (HEADER "  \"poles\": [\n");
  Generated g;

  for (guint i = 0; i < 1000000; i++)
    g_string_append_printf (text, "    {\"id\": \"p%u\", \"name\": \"Pôle %u\"}%s\n", i, i, i + 1 < 1000000 ? "," : "");
  g_string_append (text, "  ]\n}\n");
  generated_write (&g, text);
  generated_check (&g, "1,000,000 records", check_many_records);
}

static void
check_many_bad_records (gconstpointer data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autofree char *message = NULL;
  MlgProblem *first;

  document = load_path (data, &problems, &message);
  g_assert_null (document);
  /* listed up to a bound, counted beyond it */
  g_assert_cmpuint (problems->len, <=, 50);
  g_assert_nonnull (strstr (message, "999999 more errors"));
  first = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (mlg_problem_get_line (first), ==, 5);
  g_assert_cmpstr (mlg_problem_get_record_id (first), ==, "p0");
  g_assert_cmpstr (mlg_problem_get_field (first), ==, "name");
}

/* A million wrong records: the answer comes quickly and stays readable. */
static void
test_many_bad_records (void)
{
  GString *text = g_string_new (HEADER "  \"poles\": [\n");
  Generated g;

  for (guint i = 0; i < 1000000; i++)
    g_string_append_printf (text, "    {\"id\": \"p%u\", \"name\": %u}%s\n", i, i, i + 1 < 1000000 ? "," : "");
  g_string_append (text, "  ]\n}\n");
  generated_write (&g, text);
  generated_check (&g, "1,000,000 wrong records", check_many_bad_records);
}

/* Peak resident memory of this process, in KiB (VmHWM). */
static glong
peak_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);
  return strtol (line + 6, NULL, 10);
}

static void
check_too_large (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(MlgDocument) document = NULL;
  g_autofree char *message = NULL;
  glong peak_before = peak_kib ();
  MlgProblem *problem;

  document = load_path (path, &problems, &message);
  g_assert_null (document);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (mlg_problem_get_severity (problem), ==, MLG_SEVERITY_ERROR);
  /* the message names the file, its size and the limit */
  g_assert_nonnull (strstr (message, mlg_problem_get_message (problem)));
  g_assert_nonnull (strstr (message, path));
  /* (GLib writes sizes with a no-break space before the unit) */
  g_assert_nonnull (strstr (message, "is 513.0\u00a0MiB;"));
  g_assert_nonnull (strstr (message, "up to 512.0\u00a0MiB."));
  /* refused before it was read: reading it would take 513 MiB more (the
   * child starts with what the test process held when it forked) */
  g_assert_cmpint (peak_kib () - peak_before, <, 128 * 1024);
}

/* A file over 512 MiB is refused before it is read. The file is sparse:
 * made at once, with no disk used. */
static void
test_too_large (void)
{
  g_autofree char *backup = NULL;
  struct stat before, after;
  Generated g;

  generated_write (&g, g_string_new (HEADER "  \"poles\": []\n}\n"));
  g.size = (gsize) 513 << 20;
  g_assert_cmpint (truncate (g.path, g.size), ==, 0);
  g_assert_cmpint (g_stat (g.path, (GStatBuf *) &before), ==, 0);

  run_measured ("513 MiB file", g.size, check_too_large, g.path);

  /* unchanged: same size, same blocks, not written to, no backup */
  g_assert_cmpint (g_stat (g.path, (GStatBuf *) &after), ==, 0);
  g_assert_cmpint (after.st_size, ==, before.st_size);
  g_assert_cmpint (after.st_blocks, ==, before.st_blocks);
  g_assert_cmpint (after.st_mtim.tv_sec, ==, before.st_mtim.tv_sec);
  g_assert_cmpint (after.st_mtim.tv_nsec, ==, before.st_mtim.tv_nsec);
  g_assert_cmpint (after.st_ino, ==, before.st_ino);
  backup = g_strconcat (g.path, "~", NULL);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  g_remove (g.path);
  g_rmdir (g.dir);
  g_free (g.path);
  g_free (g.dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/hostile/%s", cases[i].file);
      g_test_add_data_func (name, &cases[i], test_case);
    }

  g_test_add_func ("/hostile/every-field-type-has-a-file", test_every_field_type_has_a_file);
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
    for (guint k = 0; k < MLG_N_KINDS; k++)
      for (const MlgField *f = mlg_kind_get (k)->fields; f->key; f++)
        {
          const char *type_name = mlg_field_type_name (f->type);
          g_autofree char *name = NULL;

          if (!g_hash_table_add (seen, (gpointer) type_name))
            continue;
          name = g_strdup_printf ("/hostile/wrong-type/%s", type_name);
          g_test_add_data_func (name, type_name, test_wrong_type);
        }
  }

  g_test_add_func ("/hostile/minus-zero", test_minus_zero);
  g_test_add_func ("/hostile/generated/10-mib-string", test_long_string);
  g_test_add_func ("/hostile/generated/100000-levels", test_deep_nesting);
  g_test_add_func ("/hostile/generated/1000000-records", test_many_records);
  g_test_add_func ("/hostile/generated/1000000-wrong-records", test_many_bad_records);
  g_test_add_func ("/hostile/generated/513-mib-file", test_too_large);

  return g_test_run ();
}
