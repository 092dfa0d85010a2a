/* mlg-territory-reference.h — the French administrative reference, offline
 *
 * Every current commune (INSEE code, name, postcodes, population), every
 * EPCI (SIREN, type, population), département and région of the 2026
 * millésime, from « Découpage administratif » by Etalab (Licence Ouverte
 * 2.0), shipped as data/territories-2026.tsv.gz. Nothing is read until the
 * first look-up (or an explicit load), so that starting the app costs
 * nothing; loading takes a few tens of milliseconds, after which a look-up
 * by code or postcode takes microseconds and a search by name a few
 * milliseconds. The data never changes once loaded: any thread may read it.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The millésime of the shipped reference: codes as of 1 January 2026. */
#define MLG_TERRITORY_REFERENCE_YEAR 2026

typedef enum {
  MLG_REF_REGION,
  MLG_REF_DEPARTEMENT,
  MLG_REF_EPCI,
  MLG_REF_COMMUNE,
  MLG_REF_ARRONDISSEMENT,   /* arrondissement municipal of Paris, Lyon, Marseille */
  MLG_REF_N_LEVELS
} MlgRefLevel;

typedef struct _MlgRefTerritory MlgRefTerritory;

/* One territory of the reference; owned by the reference, read-only. */
struct _MlgRefTerritory {
  MlgRefLevel             level;
  const char             *code;        /* INSEE code; SIREN for an EPCI */
  const char             *name;
  const char             *epci_type;   /* EPCI: "cc", "ca", "cu", "metropole"; else NULL */
  const char * const     *postcodes;   /* communes, arrondissements; NULL-terminated, never NULL */
  gint64                  population;  /* population municipale; -1 when unknown */
  int                     population_year; /* 0 when unknown */
  const MlgRefTerritory  *parent;      /* arrondissement → commune → EPCI (or département
                                        * when it has none) → département → région */
  const MlgRefTerritory  *departement; /* a commune's or arrondissement's own département
                                        * (an EPCI's may differ when it spans two) */
};

#define MLG_TYPE_TERRITORY_REFERENCE (mlg_territory_reference_get_type ())
G_DECLARE_FINAL_TYPE (MlgTerritoryReference, mlg_territory_reference, MLG, TERRITORY_REFERENCE, GObject)

/* The shipped reference ($MAILLAGE_TERRITORIES, then the installed file,
 * then the source tree's). Not loaded yet: cheap to call at start-up. */
MlgTerritoryReference *mlg_territory_reference_get_default (void);
MlgTerritoryReference *mlg_territory_reference_new_for_file (GFile *file);

/* Loads the file once; later calls return the first outcome at once.
 * Look-ups load on demand and answer nothing when loading failed. */
gboolean      mlg_territory_reference_load         (MlgTerritoryReference  *self,
                                                    GError                **error);
void          mlg_territory_reference_load_async   (MlgTerritoryReference  *self,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
gboolean      mlg_territory_reference_load_finish  (MlgTerritoryReference  *self,
                                                    GAsyncResult           *result,
                                                    GError                **error);
gboolean      mlg_territory_reference_is_loaded    (MlgTerritoryReference  *self);

/* Counts per level, for the About window or a check. */
guint         mlg_territory_reference_count        (MlgTerritoryReference  *self,
                                                    MlgRefLevel             level);

/* By official code: INSEE code (case-insensitive for Corsica's 2A/2B),
 * SIREN for an EPCI. NULL when unknown. */
const MlgRefTerritory *mlg_territory_reference_lookup (MlgTerritoryReference *self,
                                                       MlgRefLevel            level,
                                                       const char            *code);

/* Communes and arrondissements served by @postcode, most populated first.
 * A GPtrArray of borrowed MlgRefTerritory; free the array. */
GPtrArray    *mlg_territory_reference_find_by_postcode (MlgTerritoryReference *self,
                                                        const char            *postcode);

/* What a person types: a name or its beginning, accent- and
 * case-insensitive ("trevoux", "st didier"), a postcode ("01600"), an
 * INSEE code ("01427", "2a004"), a SIREN, a département number. Best
 * matches first, at most @max_results (0: no limit) of the levels in
 * @levels (a mask of 1 << MlgRefLevel; 0: all). */
GPtrArray    *mlg_territory_reference_search       (MlgTerritoryReference  *self,
                                                    const char             *query,
                                                    guint                   levels,
                                                    guint                   max_results);

/* The territories directly below @parent (an EPCI's member communes, a
 * département's EPCIs and communes outside any EPCI, a région's
 * départements, Lyon's arrondissements), sorted by code. Borrowed items. */
GPtrArray    *mlg_territory_reference_get_children (MlgTerritoryReference  *self,
                                                    const MlgRefTerritory  *parent);

/* From the région down to @territory itself. Borrowed items. */
GPtrArray    *mlg_territory_reference_get_hierarchy (MlgTerritoryReference *self,
                                                     const MlgRefTerritory *territory);

/* The level key used in Maillage files: "region", "departement", "epci",
 * "commune", "arrondissement". */
const char   *mlg_ref_level_key                    (MlgRefLevel             level);

/* The credit to show in the About window: source, millésime and licence. */
const char   *mlg_territory_reference_credit       (void);

G_END_DECLS
