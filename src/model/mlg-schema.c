/* mlg-schema.c — the one declaration of every kind and field
 *
 * Adding a field is one line here: reading, writing, validation, forms,
 * columns, CSV, sheets and the JSON Schema all follow from it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mlg-schema.h"

#define REQ    MLG_FIELD_FLAG_REQUIRED
#define COL    MLG_FIELD_FLAG_COLUMN
#define FIND   MLG_FIELD_FLAG_SEARCHABLE
#define TITLE  (MLG_FIELD_FLAG_TITLE | MLG_FIELD_FLAG_REQUIRED | MLG_FIELD_FLAG_COLUMN | MLG_FIELD_FLAG_SEARCHABLE)

/* Shorthands keep each field on one line. */
#define F(k, l, t, fl)              { k, l, MLG_FIELD_##t, fl, NULL, 0, NULL, NULL }
#define H(k, l, t, fl, h)           { k, l, MLG_FIELD_##t, fl, NULL, 0, NULL, h }
#define E(k, l, t, fl, ch)          { k, l, MLG_FIELD_##t, fl, ch, 0, NULL, NULL }
#define R(k, l, t, fl, kind)        { k, l, MLG_FIELD_##t, fl, NULL, MLG_KIND_##kind, NULL, NULL }
#define T(k, l, cols)               { k, l, MLG_FIELD_TABLE, 0, NULL, 0, cols, NULL }
#define END                         { NULL }

/* ── Choices ─────────────────────────────────────────────────────────── */

static const MlgChoice ecosystem_stages[] = {
  { "emerging",      N_("Emerging") },
  { "consolidating", N_("Consolidating") },
  { "consolidated",  N_("Consolidated") },
  END
};

static const MlgChoice structure_categories[] = {
  { "ess_enterprise",        N_("Social economy enterprise") },
  { "commercial_enterprise", N_("Commercial enterprise") },
  { "local_authority",       N_("Local authority") },
  { "state_service",         N_("State service") },
  { "public_body",           N_("Other public body") },
  { "ess_network",           N_("Social economy network") },
  { "funder",                N_("Funder") },
  { "research",              N_("Research") },
  { "training",              N_("Training") },
  { "citizens",              N_("Citizens' group") },
  { "other",                 N_("Other") },
  END
};

static const MlgChoice legal_forms[] = {
  { "association",     N_("Association (1901 law)") },
  { "scop",            N_("SCOP (workers' cooperative)") },
  { "scic",            N_("SCIC (multi-stakeholder cooperative)") },
  { "cae",             N_("CAE (business and employment cooperative)") },
  { "sas",             N_("SAS") },
  { "sarl",            N_("SARL") },
  { "eurl",            N_("EURL") },
  { "sa",              N_("SA") },
  { "foundation",      N_("Foundation") },
  { "endowment_fund",  N_("Endowment fund") },
  { "mutual",          N_("Mutual society") },
  { "public_body",     N_("Public body") },
  { "local_authority", N_("Local authority") },
  { "syndicat_mixte",  N_("Joint syndicate (syndicat mixte)") },
  { "other",           N_("Other") },
  END
};

static const MlgChoice structure_statuses[] = {
  { "aci",                   N_("Integration workshop (ACI)") },
  { "ai",                    N_("Intermediary association (AI)") },
  { "ei",                    N_("Integration enterprise (EI)") },
  { "etti",                  N_("Temporary work integration enterprise (ETTI)") },
  { "ea",                    N_("Adapted enterprise (EA)") },
  { "esat",                  N_("Sheltered work establishment (ESAT)") },
  { "chrs",                  N_("Housing and social reintegration centre (CHRS)") },
  { "esus",                  N_("ESUS approval (solidarity enterprise of social utility)") },
  { "proximity_manufacture", N_("“Manufacture de proximité” label") },
  { "quality_approval",      N_("Quality approval (personal services)") },
  { "third_place",           N_("Third place (tiers-lieu)") },
  { "social_centre",         N_("Social centre approval (CAF)") },
  END
};

static const MlgChoice circles[] = {
  { "founding_member",    N_("Founding member") },
  { "member",             N_("Member") },
  { "associate_member",   N_("Associate member") },
  { "occasional_partner", N_("Occasional partner") },
  { "partner",            N_("Partner") },
  END
};

static const MlgChoice establishment_types[] = {
  { "creche",                N_("Crèche") },
  { "micro_creche",          N_("Micro-crèche") },
  { "relais_petite_enfance", N_("Childminders' network office (RPE)") },
  { "centre_social",         N_("Social centre") },
  { "accueil_loisirs",       N_("Leisure centre") },
  { "ludotheque",            N_("Toy library") },
  { "aci_workshop",          N_("Integration workshop") },
  { "cae_office",            N_("Business cooperative office") },
  { "third_place",           N_("Third place") },
  { "shop",                  N_("Shop") },
  { "restaurant",            N_("Restaurant") },
  { "office",                N_("Office") },
  { "other",                 N_("Other") },
  END
};

static const MlgChoice territory_levels[] = {
  { "region",        N_("Region") },
  { "departement",   N_("Département") },
  { "epci",          N_("Intercommunality (EPCI)") },
  { "commune",       N_("Commune") },
  { "arrondissement",N_("Municipal district") },
  { "quartier",      N_("Neighbourhood") },
  { "employment_area", N_("Employment area") },
  { "pays",          N_("Pays / PETR") },
  { "pnr",           N_("Regional natural park") },
  { "contract_area", N_("Contract area") },
  { "other",         N_("Other territory") },
  END
};

static const MlgChoice epci_types[] = {
  { "cc",         N_("Community of communes (CC)") },
  { "ca",         N_("Agglomeration community (CA)") },
  { "cu",         N_("Urban community (CU)") },
  { "metropole",  N_("Metropolis") },
  END
};

static const MlgChoice territory_descriptors[] = {
  { "rural",      N_("Rural") },
  { "periurban",  N_("Peri-urban") },
  { "urban",      N_("Urban") },
  { "qpv",        N_("Priority neighbourhood (QPV)") },
  { "zrr",        N_("Rural revitalisation zone (ZRR)") },
  END
};

static const MlgChoice project_stages[] = {
  { "idea",          N_("Idea") },
  { "feasibility",   N_("Feasibility study") },
  { "activity_test", N_("Activity test") },
  { "created",       N_("Created") },
  { "consolidated",  N_("Consolidated") },
  { "abandoned",     N_("Abandoned") },
  END
};

static const MlgChoice recurrences[] = {
  { "once",    N_("Once") },
  { "yearly",  N_("Every year") },
  { "monthly", N_("Every month") },
  { "weekly",  N_("Every week") },
  { "other",   N_("Other") },
  END
};

static const MlgChoice funding_kinds[] = {
  { "public",              N_("Public funding") },
  { "private",             N_("Private funding") },
  { "own_resources",       N_("Own resources") },
  { "valued_volunteering", N_("Valued volunteering") },
  END
};

static const MlgChoice service_functions[] = {
  { "accounting",         N_("Accounting and management") },
  { "human_resources",    N_("Human resources") },
  { "communication",      N_("Communication") },
  { "marketing",          N_("Marketing and sales") },
  { "strategy",           N_("Strategy and development") },
  { "insertion_support",  N_("Support of people in integration") },
  { "premises",           N_("Premises and equipment") },
  { "it",                 N_("Computing") },
  { "other",              N_("Other") },
  END
};

static const MlgChoice relation_types[] = {
  { "subsidiary_of",        N_("Subsidiary of") },
  { "carried_by",           N_("Carried by") },
  { "grew_out_of",          N_("Grew out of") },
  { "founding_member_of",   N_("Founding member of") },
  { "member_of",            N_("Member of") },
  { "partner_of",           N_("Partner of") },
  { "shares_services_with", N_("Shares services with") },
  { "governs",              N_("Governs") },
  { "funds",                N_("Funds") },
  END
};

static const MlgChoice indicators[] = {
  { "employees",                 N_("Employees") },
  { "fte",                       N_("Full-time equivalents") },
  { "permanent_employees",       N_("Permanent employees") },
  { "jobs_in_insertion",         N_("Jobs in integration") },
  { "jobs_created",              N_("Jobs created") },
  { "jobs_consolidated",         N_("Jobs consolidated") },
  { "volunteers",                N_("Volunteers") },
  { "civic_service_volunteers",  N_("Civic service volunteers") },
  { "board_members",             N_("Board members") },
  { "members",                   N_("Members") },
  { "turnover",                  N_("Turnover") },
  { "economic_scope",            N_("Economic scope") },
  { "establishments",            N_("Establishments") },
  { "places",                    N_("Places") },
  { "children_welcomed",         N_("Children welcomed") },
  { "childminders",              N_("Childminders") },
  { "project_holders_supported", N_("Project holders supported") },
  { "activity_tests",            N_("Activity tests started") },
  { "salaried_entrepreneurs",    N_("Salaried entrepreneurs") },
  { "enterprises_created",       N_("Enterprises created") },
  { "workshops",                 N_("Workshops held") },
  { "participants",              N_("Participants") },
  { "tonnes_collected",          N_("Tonnes collected") },
  { "tonnes_sold",               N_("Tonnes sold") },
  { "custom",                    N_("Other indicator") },
  END
};

/* ── Tables (rows of subfields) ──────────────────────────────────────── */

static const MlgField figure_columns[] = {
  E ("indicator", N_("Indicator"), ENUM, REQ, indicators),
  H ("label",     N_("Label"),     TEXT, 0, N_("Name of an indicator outside the catalogue")),
  F ("year",      N_("Year"),      YEAR, REQ),
  F ("value",     N_("Value"),     NUMBER, REQ),
  H ("unit",      N_("Unit"),      TEXT, 0, N_("For instance €, people, tonnes")),
  H ("source",    N_("Source"),    TEXT, 0, N_("Where the figure comes from")),
  END
};

static const MlgField milestone_columns[] = {
  F ("year",  N_("Year"),  YEAR, REQ),
  F ("label", N_("Label"), TEXT, REQ),
  END
};

static const MlgField relation_columns[] = {
  E ("type",   N_("Relation"),  ENUM, REQ, relation_types),
  R ("target", N_("Structure"), REF, REQ, STRUCTURE),
  F ("since",  N_("Since"),     YEAR, 0),
  F ("until",  N_("Until"),     YEAR, 0),
  F ("note",   N_("Note"),      TEXT, 0),
  END
};

static const MlgField status_change_columns[] = {
  F ("year",       N_("Year"),       YEAR, REQ),
  E ("legal_form", N_("Legal form"), ENUM, 0, legal_forms),
  F ("note",       N_("Change"),     TEXT, 0),
  END
};

static const MlgField role_columns[] = {
  R ("structure", N_("Structure"), REF, REQ, STRUCTURE),
  F ("role",      N_("Role"),      TEXT, REQ),
  F ("since",     N_("Since"),     YEAR, 0),
  F ("until",     N_("Until"),     YEAR, 0),
  END
};

/* ── Kinds ───────────────────────────────────────────────────────────── */

static const MlgField ecosystem_fields[] = {
  F ("name",               N_("Name"),                TEXT, TITLE),
  F ("aliases",            N_("Other names"),         TEXT_LIST, FIND),
  R ("lead_structure",     N_("Lead structure"),      REF, 0, STRUCTURE),
  F ("year_formalised",    N_("Year formalised"),     YEAR, 0),
  E ("stage",              N_("Stage"),               ENUM, 0, ecosystem_stages),
  R ("territories",        N_("Territories covered"), REF_LIST, 0, TERRITORY),
  H ("territory_label",    N_("Territory"),           TEXT, 0, N_("How the territory is usually named")),
  F ("missions",           N_("Missions"),            TEXT_LIST, 0),
  F ("themes",             N_("Themes"),              TEXT_LIST, 0),
  F ("keywords",           N_("Keywords"),            TEXT_LIST, 0),
  F ("website",            N_("Website"),             URL, 0),
  F ("email",              N_("E-mail"),              EMAIL, 0),
  F ("phone",              N_("Phone"),               PHONE, 0),
  F ("address",            N_("Address"),             TEXT, 0),
  F ("governance_colleges",N_("Governance colleges"), TEXT_LIST, 0),
  F ("governance_charter", N_("Governance and charter"), LONG_TEXT, 0),
  T ("milestones",         N_("Milestones"),          milestone_columns),
  F ("context",            N_("Context and presentation"), LONG_TEXT, 0),
  F ("results",            N_("Results"),             LONG_TEXT, 0),
  F ("points_of_interest", N_("Points of interest"),  LONG_TEXT, 0),
  F ("lessons",            N_("Lessons learned"),     LONG_TEXT, 0),
  R ("contact_person",     N_("Contact person"),      REF, 0, PERSON),
  F ("sheet_author",       N_("Author of the sheet"), TEXT, 0),
  T ("figures",            N_("Key figures"),         figure_columns),
  F ("last_update",        N_("Last update"),         DATE, 0),
  END
};

static const MlgField pole_fields[] = {
  F ("name",        N_("Name"),          TEXT, TITLE),
  F ("description", N_("Description"),   LONG_TEXT, 0),
  R ("coordinator", N_("Coordinating structure"), REF, COL, STRUCTURE),
  T ("figures",     N_("Key figures"),   figure_columns),
  F ("last_update", N_("Last update"),   DATE, 0),
  END
};

static const MlgField territory_fields[] = {
  F ("name",            N_("Name"),             TEXT, TITLE),
  E ("level",           N_("Level"),            ENUM, REQ | COL, territory_levels),
  R ("parent",          N_("Part of"),          REF, COL, TERRITORY),
  H ("code",            N_("Official code"),    TEXT, COL | FIND, N_("INSEE code of a commune, SIREN of an intercommunality, number of a département or region")),
  E ("epci_type",       N_("Intercommunality type"), ENUM, 0, epci_types),
  F ("postcodes",       N_("Postcodes"),        TEXT_LIST, FIND),
  F ("population",      N_("Population"),       INTEGER, COL),
  F ("population_year", N_("Population year"),  YEAR, 0),
  H ("reference_year",  N_("Reference vintage"), YEAR, 0, N_("Year of the official territorial reference the codes come from")),
  E ("descriptors",     N_("Descriptors"),      ENUM_LIST, 0, territory_descriptors),
  F ("description",     N_("Description"),      LONG_TEXT, 0),
  END
};

static const MlgField structure_fields[] = {
  F ("name",           N_("Name"),               TEXT, TITLE),
  H ("aliases",        N_("Acronym and other names"), TEXT_LIST, FIND, NULL),
  E ("category",       N_("Category"),           ENUM, COL, structure_categories),
  E ("legal_form",     N_("Legal form"),         ENUM, COL, legal_forms),
  E ("statuses",       N_("Statuses and approvals"), ENUM_LIST, 0, structure_statuses),
  E ("circle",         N_("Circle in the PTCE"), ENUM, COL, circles),
  R ("poles",          N_("Poles"),              REF_LIST, COL, POLE),
  F ("themes",         N_("Themes"),             TEXT_LIST, FIND),
  F ("tags",           N_("Tags"),               TEXT_LIST, FIND),
  F ("description",    N_("Presentation"),       LONG_TEXT, 0),
  F ("activities",     N_("Activities"),         TEXT_LIST, 0),
  F ("year_created",   N_("Year created"),       YEAR, 0),
  F ("siret",          N_("SIREN or SIRET"),     SIRET, 0),
  F ("rna",            N_("RNA number"),         RNA, 0),
  F ("address",        N_("Address"),            TEXT, 0),
  F ("postcode",       N_("Postcode"),           POSTCODE, 0),
  R ("commune",        N_("Commune"),            REF, COL | FIND, TERRITORY),
  F ("website",        N_("Website"),            URL, 0),
  F ("email",          N_("E-mail"),             EMAIL, 0),
  F ("phone",          N_("Phone"),              PHONE, 0),
  T ("relations",      N_("Relations"),          relation_columns),
  T ("status_changes", N_("Status changes"),     status_change_columns),
  T ("figures",        N_("Key figures"),        figure_columns),
  F ("last_update",    N_("Last update"),        DATE, 0),
  END
};

static const MlgField establishment_fields[] = {
  F ("name",        N_("Name"),        TEXT, TITLE),
  R ("structure",   N_("Structure"),   REF, REQ | COL, STRUCTURE),
  E ("type",        N_("Type"),        ENUM, COL, establishment_types),
  R ("pole",        N_("Pole"),        REF, COL, POLE),
  R ("commune",     N_("Commune"),     REF, COL | FIND, TERRITORY),
  F ("address",     N_("Address"),     TEXT, 0),
  F ("postcode",    N_("Postcode"),    POSTCODE, 0),
  H ("capacity",    N_("Capacity"),    INTEGER, COL, N_("Places, seats or people received at once")),
  F ("year_opened", N_("Year opened"), YEAR, 0),
  F ("description", N_("Description"), LONG_TEXT, 0),
  F ("phone",       N_("Phone"),       PHONE, 0),
  F ("email",       N_("E-mail"),      EMAIL, 0),
  T ("figures",     N_("Key figures"), figure_columns),
  F ("last_update", N_("Last update"), DATE, 0),
  END
};

static const MlgField person_fields[] = {
  F ("name",        N_("Name"),        TEXT, TITLE),
  T ("roles",       N_("Roles"),       role_columns),
  F ("email",       N_("E-mail"),      EMAIL, 0),
  F ("phone",       N_("Phone"),       PHONE, 0),
  F ("notes",       N_("Notes"),       LONG_TEXT, 0),
  F ("last_update", N_("Last update"), DATE, 0),
  END
};

static const MlgField project_fields[] = {
  F ("name",         N_("Name"),          TEXT, TITLE),
  E ("stage",        N_("Stage"),         ENUM, REQ | COL, project_stages),
  R ("holders",      N_("Holding structures"), REF_LIST, COL, STRUCTURE),
  R ("holder_people",N_("Project holders"),    REF_LIST, 0, PERSON),
  R ("pole",         N_("Pole"),          REF, COL, POLE),
  R ("territories",  N_("Territories"),   REF_LIST, FIND, TERRITORY),
  F ("year_started", N_("Year started"),  YEAR, 0),
  F ("year_ended",   N_("Year ended"),    YEAR, 0),
  F ("description",  N_("Description"),   LONG_TEXT, 0),
  F ("outcome",      N_("Outcome"),       LONG_TEXT, 0),
  F ("themes",       N_("Themes"),        TEXT_LIST, FIND),
  F ("last_update",  N_("Last update"),   DATE, 0),
  END
};

static const MlgField event_fields[] = {
  F ("name",        N_("Name"),         TEXT, TITLE),
  F ("date",        N_("Date"),         DATE, COL),
  F ("year",        N_("Year"),         YEAR, COL),
  E ("recurrence",  N_("Recurrence"),   ENUM, 0, recurrences),
  F ("venue",       N_("Venue"),        TEXT, FIND),
  R ("host",        N_("Hosted by"),    REF, 0, STRUCTURE),
  R ("commune",     N_("Commune"),      REF, COL | FIND, TERRITORY),
  R ("organisers",  N_("Organisers"),   REF_LIST, 0, STRUCTURE),
  R ("pole",        N_("Pole"),         REF, 0, POLE),
  F ("attendance",  N_("Attendance"),   INTEGER, COL),
  F ("exhibitors",  N_("Exhibitors"),   INTEGER, 0),
  F ("description", N_("Description"),  LONG_TEXT, 0),
  F ("last_update", N_("Last update"),  DATE, 0),
  END
};

static const MlgField funding_fields[] = {
  F ("name",        N_("Name"),         TEXT, TITLE),
  R ("funder",      N_("Funder"),       REF, COL, STRUCTURE),
  F ("programme",   N_("Programme"),    TEXT, FIND),
  E ("kind",        N_("Kind"),         ENUM, COL, funding_kinds),
  F ("amount",      N_("Amount"),       MONEY, COL),
  F ("year_start",  N_("From"),         YEAR, COL),
  F ("year_end",    N_("Until"),        YEAR, 0),
  R ("beneficiary", N_("Beneficiary"),  REF, COL, STRUCTURE),
  R ("project",     N_("Project"),      REF, 0, PROJECT),
  F ("purpose",     N_("Purpose"),      LONG_TEXT, 0),
  F ("last_update", N_("Last update"),  DATE, 0),
  END
};

static const MlgField service_fields[] = {
  F ("name",          N_("Name"),          TEXT, TITLE),
  E ("function",      N_("Function"),      ENUM, COL, service_functions),
  R ("provider",      N_("Provider"),      REF, COL, STRUCTURE),
  R ("beneficiaries", N_("Beneficiaries"), REF_LIST, 0, STRUCTURE),
  H ("jobs",          N_("Jobs"),          NUMBER, COL, N_("Jobs the shared service represents, in full-time equivalents")),
  F ("year_started",  N_("Since"),         YEAR, 0),
  F ("description",   N_("Description"),   LONG_TEXT, 0),
  F ("last_update",   N_("Last update"),   DATE, 0),
  END
};

#define KIND(ID, key, prefix, label, one, fields) \
  { MLG_KIND_##ID, key, prefix, label, one, fields, G_N_ELEMENTS (fields) - 1 }

static const MlgKind kinds[MLG_N_KINDS] = {
  KIND (ECOSYSTEM,     "ecosystem",      "ecosystem",     N_("Ecosystem"),       NC_("kind", "Ecosystem"),       ecosystem_fields),
  KIND (POLE,          "poles",          "pole",          N_("Poles"),           NC_("kind", "Pole"),            pole_fields),
  KIND (TERRITORY,     "territories",    "territory",     N_("Territories"),     NC_("kind", "Territory"),       territory_fields),
  KIND (STRUCTURE,     "structures",     "structure",     N_("Structures"),      NC_("kind", "Structure"),       structure_fields),
  KIND (ESTABLISHMENT, "establishments", "establishment", N_("Establishments"),  NC_("kind", "Establishment"),   establishment_fields),
  KIND (PERSON,        "people",         "person",        N_("People"),          NC_("kind", "Person"),          person_fields),
  KIND (PROJECT,       "projects",       "project",       N_("Projects"),        NC_("kind", "Project"),         project_fields),
  KIND (EVENT,         "events",         "event",         N_("Events"),          NC_("kind", "Event"),           event_fields),
  KIND (FUNDING,       "funding",        "funding",       N_("Funding"),         NC_("kind", "Funding"),         funding_fields),
  KIND (SERVICE,       "services",       "service",       N_("Shared services"), NC_("kind", "Shared service"),  service_fields),
};

/* ── Look-ups ────────────────────────────────────────────────────────── */

const MlgKind *
mlg_kind_get (MlgKindId id)
{
  g_return_val_if_fail (id < MLG_N_KINDS, NULL);
  return &kinds[id];
}

const MlgKind *
mlg_kind_lookup (const char *key)
{
  for (guint i = 0; i < MLG_N_KINDS; i++)
    if (g_strcmp0 (kinds[i].key, key) == 0)
      return &kinds[i];
  return NULL;
}

const MlgField *
mlg_field_find_column (const MlgField *fields,
                       const char     *key)
{
  for (const MlgField *f = fields; f && f->key; f++)
    if (strcmp (f->key, key) == 0)
      return f;
  return NULL;
}

/* Files hold hundreds of thousands of values: the fields of each kind are
 * found by hashing, built once. */
const MlgField *
mlg_kind_find_field (const MlgKind *kind,
                     const char    *key)
{
  static GHashTable *by_key[MLG_N_KINDS];
  static gsize built = 0;

  if (g_once_init_enter (&built))
    {
      for (guint i = 0; i < MLG_N_KINDS; i++)
        {
          by_key[i] = g_hash_table_new (g_str_hash, g_str_equal);
          for (const MlgField *f = kinds[i].fields; f->key; f++)
            g_hash_table_insert (by_key[i], (gpointer) f->key, (gpointer) f);
        }
      g_once_init_leave (&built, 1);
    }
  return key ? g_hash_table_lookup (by_key[kind->id], key) : NULL;
}

const MlgField *
mlg_kind_title_field (const MlgKind *kind)
{
  for (const MlgField *f = kind->fields; f->key; f++)
    if (f->flags & MLG_FIELD_FLAG_TITLE)
      return f;
  g_assert_not_reached ();
}

const char *
mlg_kind_label (const MlgKind *kind)
{
  return g_dgettext (GETTEXT_PACKAGE, kind->label);
}

/* The singular is marked with the context "kind": in English "Funding" is
 * both the page and one record, in French not. */
const char *
mlg_kind_label_one (const MlgKind *kind)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "kind", kind->label_one);
}

const char *
mlg_field_label (const MlgField *field)
{
  return g_dgettext (GETTEXT_PACKAGE, field->label);
}

const MlgChoice *
mlg_field_find_choice (const MlgField *field,
                       const char     *key)
{
  if (key == NULL)
    return NULL;
  for (const MlgChoice *c = field->choices; c && c->key; c++)
    if (strcmp (c->key, key) == 0)
      return c;
  return NULL;
}

/* Returns the translated label of a choice, or the key itself when the file
 * holds a value this version does not know (it is kept, and shown as is). */
const char *
mlg_field_choice_label (const MlgField *field,
                        const char     *key)
{
  const MlgChoice *c = mlg_field_find_choice (field, key);
  return c ? g_dgettext (GETTEXT_PACKAGE, c->label) : key;
}

gboolean
mlg_field_is_list (const MlgField *field)
{
  switch (field->type)
    {
    case MLG_FIELD_TEXT_LIST:
    case MLG_FIELD_ENUM_LIST:
    case MLG_FIELD_REF_LIST:
    case MLG_FIELD_TABLE:
      return TRUE;
    default:
      return FALSE;
    }
}

const char *
mlg_field_type_name (MlgFieldType type)
{
  static const char *names[] = {
    "text", "long-text", "text-list", "enum", "enum-list", "reference",
    "reference-list", "integer", "number", "money", "year", "date",
    "email", "phone", "url", "siret", "rna", "insee", "postcode", "table",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == MLG_FIELD_TABLE + 1);
  return names[type];
}

const MlgChoice *
mlg_indicator_choices (void)
{
  return indicators;
}
