/* mlg-problem.h — one error or warning about a file, with its place */
#pragma once

#include "mlg-types.h"

G_BEGIN_DECLS

#define MLG_TYPE_PROBLEM (mlg_problem_get_type ())
G_DECLARE_FINAL_TYPE (MlgProblem, mlg_problem, MLG, PROBLEM, GObject)

MlgProblem  *mlg_problem_new          (MlgSeverity  severity,
                                       const char  *message);
MlgSeverity  mlg_problem_get_severity (MlgProblem  *self);
const char  *mlg_problem_get_message  (MlgProblem  *self);
void         mlg_problem_set_record   (MlgProblem  *self,
                                       MlgKindId    kind,
                                       const char  *record_id,
                                       const char  *field_key,
                                       int          row);
void         mlg_problem_set_position (MlgProblem  *self,
                                       guint        line,
                                       guint        column);
gboolean     mlg_problem_has_record   (MlgProblem  *self);
MlgKindId    mlg_problem_get_kind     (MlgProblem  *self);
const char  *mlg_problem_get_record_id(MlgProblem  *self);
const char  *mlg_problem_get_field    (MlgProblem  *self);
int          mlg_problem_get_row      (MlgProblem  *self);
guint        mlg_problem_get_line     (MlgProblem  *self);
guint        mlg_problem_get_column   (MlgProblem  *self);
char        *mlg_problem_describe_place (MlgProblem *self);
char        *mlg_problem_to_string    (MlgProblem  *self);

G_END_DECLS
