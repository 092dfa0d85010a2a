/* mlg-types.h — forward declarations and the enums shared by the model
 *
 * The model is GTK-free: it links GLib, GObject, GIO and json-glib only.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _MlgDocument MlgDocument;
typedef struct _MlgRecord   MlgRecord;
typedef struct _MlgProblem  MlgProblem;
typedef struct _MlgKind     MlgKind;
typedef struct _MlgField    MlgField;
typedef struct _MlgChoice   MlgChoice;

/* The kinds of record a file holds, in the order they are written. */
typedef enum {
  MLG_KIND_ECOSYSTEM,
  MLG_KIND_POLE,
  MLG_KIND_TERRITORY,
  MLG_KIND_STRUCTURE,
  MLG_KIND_ESTABLISHMENT,
  MLG_KIND_PERSON,
  MLG_KIND_PROJECT,
  MLG_KIND_EVENT,
  MLG_KIND_FUNDING,
  MLG_KIND_SERVICE,
  MLG_N_KINDS
} MlgKindId;

typedef enum {
  MLG_FIELD_TEXT,        /* one line of text */
  MLG_FIELD_LONG_TEXT,   /* paragraphs */
  MLG_FIELD_TEXT_LIST,   /* list of short texts: aliases, themes, keywords */
  MLG_FIELD_ENUM,        /* one of the field's choices */
  MLG_FIELD_ENUM_LIST,   /* several of the field's choices */
  MLG_FIELD_REF,         /* id of a record of the target kind */
  MLG_FIELD_REF_LIST,    /* ids of records of the target kind */
  MLG_FIELD_INTEGER,     /* a count: never negative */
  MLG_FIELD_NUMBER,      /* any real number */
  MLG_FIELD_MONEY,       /* euros, never negative */
  MLG_FIELD_YEAR,
  MLG_FIELD_DATE,        /* YYYY-MM-DD */
  MLG_FIELD_EMAIL,
  MLG_FIELD_PHONE,
  MLG_FIELD_URL,
  MLG_FIELD_SIRET,       /* SIREN (9 digits) or SIRET (14 digits) */
  MLG_FIELD_RNA,         /* W + 9 digits */
  MLG_FIELD_INSEE,       /* INSEE commune code, 2A/2B for Corsica */
  MLG_FIELD_POSTCODE,
  MLG_FIELD_TABLE,       /* list of rows, each row an object of subfields */
} MlgFieldType;

typedef enum {
  MLG_FIELD_FLAG_NONE       = 0,
  MLG_FIELD_FLAG_REQUIRED   = 1 << 0,
  MLG_FIELD_FLAG_COLUMN     = 1 << 1, /* shown as a list / CSV column by default */
  MLG_FIELD_FLAG_SEARCHABLE = 1 << 2, /* matched by the search entry */
  MLG_FIELD_FLAG_TITLE      = 1 << 3, /* the record's display name */
} MlgFieldFlags;

typedef enum {
  MLG_SEVERITY_WARNING,
  MLG_SEVERITY_ERROR,
} MlgSeverity;

G_END_DECLS
