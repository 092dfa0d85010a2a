/* mlg-problem.c — one error or warning about a file, with its place */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mlg-problem.h"
#include "mlg-schema.h"

struct _MlgProblem
{
  GObject      parent_instance;
  MlgSeverity  severity;
  char        *message;
  gboolean     has_record;
  MlgKindId    kind;
  char        *record_id;
  char        *field;
  int          row;
  guint        line;    /* 1-based; 0 when unknown */
  guint        column;
};

G_DEFINE_FINAL_TYPE (MlgProblem, mlg_problem, G_TYPE_OBJECT)

static void
mlg_problem_finalize (GObject *object)
{
  MlgProblem *self = MLG_PROBLEM (object);

  g_free (self->message);
  g_free (self->record_id);
  g_free (self->field);

  G_OBJECT_CLASS (mlg_problem_parent_class)->finalize (object);
}

static void
mlg_problem_class_init (MlgProblemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mlg_problem_finalize;
}

static void
mlg_problem_init (MlgProblem *self)
{
  self->row = -1;
}

MlgProblem *
mlg_problem_new (MlgSeverity  severity,
                 const char  *message)
{
  MlgProblem *self = g_object_new (MLG_TYPE_PROBLEM, NULL);

  self->severity = severity;
  self->message = g_strdup (message);
  return self;
}

void
mlg_problem_set_record (MlgProblem *self,
                        MlgKindId   kind,
                        const char *record_id,
                        const char *field_key,
                        int         row)
{
  self->has_record = TRUE;
  self->kind = kind;
  g_free (self->record_id);
  self->record_id = g_strdup (record_id);
  g_free (self->field);
  self->field = g_strdup (field_key);
  self->row = row;
}

void
mlg_problem_set_position (MlgProblem *self,
                          guint       line,
                          guint       column)
{
  self->line = line;
  self->column = column;
}

MlgSeverity mlg_problem_get_severity (MlgProblem *self) { return self->severity; }
const char *mlg_problem_get_message (MlgProblem *self) { return self->message; }
gboolean mlg_problem_has_record (MlgProblem *self) { return self->has_record; }
MlgKindId mlg_problem_get_kind (MlgProblem *self) { return self->kind; }
const char *mlg_problem_get_record_id (MlgProblem *self) { return self->record_id; }
const char *mlg_problem_get_field (MlgProblem *self) { return self->field; }
int mlg_problem_get_row (MlgProblem *self) { return self->row; }
guint mlg_problem_get_line (MlgProblem *self) { return self->line; }
guint mlg_problem_get_column (MlgProblem *self) { return self->column; }

/* "line 12, column 5, structure “le-96”, field “E-mail”, row 2" */
char *
mlg_problem_describe_place (MlgProblem *self)
{
  GString *place = g_string_new (NULL);

  if (self->line > 0)
    /* Translators: the place of a problem in a file */
    g_string_append_printf (place, _("line %u, column %u"), self->line, self->column);

  if (self->has_record)
    {
      const MlgKind *kind = mlg_kind_get (self->kind);

      if (place->len)
        g_string_append (place, ", ");
      if (self->record_id)
        /* Translators: %s is a kind of record (Structure), then its id */
        g_string_append_printf (place, _("%s “%s”"), mlg_kind_label_one (kind), self->record_id);
      else
        g_string_append (place, mlg_kind_label_one (kind));

      if (self->field)
        {
          const MlgField *field = mlg_kind_find_field (kind, self->field);
          g_string_append (place, ", ");
          g_string_append_printf (place, _("field “%s”"),
                                  field ? mlg_field_label (field) : self->field);
          if (self->row >= 0)
            {
              g_string_append (place, ", ");
              g_string_append_printf (place, _("row %d"), self->row + 1);
            }
        }
    }

  return g_string_free (place, FALSE);
}

char *
mlg_problem_to_string (MlgProblem *self)
{
  g_autofree char *place = mlg_problem_describe_place (self);
  const char *severity = self->severity == MLG_SEVERITY_ERROR ? _("error") : _("warning");

  if (*place)
    /* Translators: severity, place, message: "error: line 3, column 4: …" */
    return g_strdup_printf (_("%s: %s: %s"), severity, place, self->message);
  return g_strdup_printf (_("%s: %s"), severity, self->message);
}
