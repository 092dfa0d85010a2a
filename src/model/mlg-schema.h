/* mlg-schema.h — the kinds of record and their fields, declared once
 *
 * One table (mlg-schema.c) drives reading, writing, validation, the form
 * editor, list and CSV columns, the fact sheets and the JSON Schema.
 * Labels are English msgids marked with N_(); call mlg_field_label() for
 * the translated text.
 */
#pragma once

#include "mlg-types.h"

G_BEGIN_DECLS

/* The file format's marker and version ("MAJOR.MINOR"). A file of a newer
 * major version is refused; a newer minor version loads, unknown fields kept. */
#define MLG_FORMAT_MARKER        "maillage"
#define MLG_FORMAT_VERSION_MAJOR 1
#define MLG_FORMAT_VERSION_MINOR 0
#define MLG_FORMAT_VERSION       "1.0"

struct _MlgChoice {
  const char *key;    /* written in the file */
  const char *label;  /* N_() msgid */
};

struct _MlgField {
  const char     *key;      /* JSON member name */
  const char     *label;    /* N_() msgid */
  MlgFieldType    type;
  MlgFieldFlags   flags;
  const MlgChoice *choices; /* ENUM, ENUM_LIST: NULL-key terminated */
  MlgKindId       target;   /* REF, REF_LIST */
  const MlgField *columns;  /* TABLE: NULL-key terminated subfields */
  const char     *hint;     /* N_() msgid: what goes here, or NULL */
};

struct _MlgKind {
  MlgKindId       id;
  const char     *key;        /* top-level member: "structures" */
  const char     *id_prefix;  /* prefix of generated ids: "structure" */
  const char     *label;      /* N_() plural msgid: "Structures" */
  const char     *label_one;  /* N_() singular msgid: "Structure" */
  const MlgField *fields;     /* NULL-key terminated, "id" excluded */
  guint           n_fields;
};

const MlgKind  *mlg_kind_get           (MlgKindId    id);
const MlgKind  *mlg_kind_lookup        (const char  *key);
const MlgField *mlg_kind_find_field    (const MlgKind *kind,
                                        const char    *key);
const MlgField *mlg_kind_title_field   (const MlgKind *kind);
const char     *mlg_kind_label         (const MlgKind *kind);
const char     *mlg_kind_label_one     (const MlgKind *kind);

const char     *mlg_field_label        (const MlgField *field);
const MlgField *mlg_field_find_column  (const MlgField *table,
                                        const char     *key);
const MlgChoice*mlg_field_find_choice  (const MlgField *field,
                                        const char     *key);
const char     *mlg_field_choice_label (const MlgField *field,
                                        const char     *key);
gboolean        mlg_field_is_list      (const MlgField *field);
const char     *mlg_field_type_name    (MlgFieldType    type);

/* The key figures catalogue (indicator of a figure row). */
const MlgChoice *mlg_indicator_choices (void);

G_END_DECLS
