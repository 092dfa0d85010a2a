/* mlg-territory-stats.h — territory views without a map: what is where
 *
 * A structure, an establishment or an event is located in its commune (the
 * territory its "commune" field names), a project in its territories; a
 * record located in a territory is located in every territory above it
 * too. Structures count under each of their poles, establishments under
 * their pole (or their structure's poles when they have none).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mlg-types.h"

G_BEGIN_DECLS

/* The territories of a document as a tree: each territory's parent, with
 * loops and dangling parents broken (such a territory becomes a root), so
 * that walking up always ends. A snapshot: build another after changes. */
typedef struct _MlgTerritoryIndex MlgTerritoryIndex;

MlgTerritoryIndex *mlg_territory_index_new          (MlgDocument       *document);
void               mlg_territory_index_free         (MlgTerritoryIndex *self);
MlgRecord         *mlg_territory_index_get_parent   (MlgTerritoryIndex *self,
                                                     MlgRecord         *territory);
/* The territories right below @territory (NULL: the roots), sorted by
 * level (région first) then name. Borrowed records; free the array. */
GPtrArray         *mlg_territory_index_get_children (MlgTerritoryIndex *self,
                                                     MlgRecord         *territory);
/* Sorts @territories (of the index's document) as the children above:
 * by level, then name. */
void               mlg_territory_index_sort         (MlgTerritoryIndex *self,
                                                     GPtrArray         *territories);
/* Whether the territory with id @territory_id is @area or lies below it. */
gboolean           mlg_territory_index_contains     (MlgTerritoryIndex *self,
                                                     MlgRecord         *area,
                                                     const char        *territory_id);
/* Whether @record (structure, establishment, event, project) is located in
 * @area or below. */
gboolean           mlg_territory_index_locates      (MlgTerritoryIndex *self,
                                                     MlgRecord         *area,
                                                     MlgRecord         *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlgTerritoryIndex, mlg_territory_index_free)

/* The records of @kind (structures, establishments, events, projects)
 * located in @territory or below, sorted by title. Borrowed records. */
GPtrArray  *mlg_territory_find_located   (MlgDocument *document,
                                          MlgRecord   *territory,
                                          MlgKindId    kind);

/* The poles a structure or an establishment counts under: a structure's
 * poles, an establishment's pole or else its structure's. Pole ids, in
 * file order; free with g_ptr_array_unref. */
GPtrArray  *mlg_located_record_poles     (MlgDocument *document,
                                          MlgRecord   *record);

/* The structures and establishments located in @territory or below,
 * grouped by pole: one group per pole in name order, then those with no
 * pole. Only groups with something in them. */
typedef struct {
  MlgRecord *pole;            /* NULL: no pole */
  GPtrArray *structures;      /* borrowed MlgRecord, by title */
  GPtrArray *establishments;  /* borrowed MlgRecord, by title */
} MlgPoleGroup;

GPtrArray  *mlg_territory_group_by_pole  (MlgDocument *document,
                                          MlgRecord   *territory);
void        mlg_pole_group_free          (MlgPoleGroup *group);

/* The latest figure of @indicator ("custom" figures are told apart by
 * @label) in @record's key figures: its value and year. For "places", an
 * establishment with no such figure gives its capacity (year 0). */
gboolean    mlg_record_latest_figure     (MlgRecord   *record,
                                          const char  *indicator,
                                          const char  *label,
                                          double      *value,
                                          int         *year);

/* Key figures of what is located in @territory or below: for each
 * indicator, the sum of each record's latest value. A structure's figure
 * is taken to include its establishments': an establishment's is added
 * only when its structure is not located there or lacks that indicator. */
typedef struct {
  char   *indicator;   /* catalogue key ("custom" for a custom label) */
  char   *label;       /* translated label, or the custom label */
  char   *unit;        /* the first unit given, or NULL */
  double  value;
  int     first_year;  /* range of the latest years summed */
  int     last_year;
  guint   n_records;   /* how many records gave a value */
  double  per_1000;    /* per 1,000 inhabitants; NAN when the population is unknown */
} MlgFigureTotal;

GPtrArray  *mlg_territory_key_figures    (MlgDocument *document,
                                          MlgRecord   *territory);
void        mlg_figure_total_free        (MlgFigureTotal *total);

/* @value per 1,000 inhabitants; NAN when @population is unknown (< 1). */
double      mlg_per_1000                 (double       value,
                                          gint64       population);

G_END_DECLS
