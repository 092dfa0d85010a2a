/* mlg-territory-add.h — adding territories to a document
 *
 * A commune taken from the official reference comes with its EPCI,
 * département and région, each with its code, population and millésime;
 * territories the file already holds (same level and code) are reused, so
 * that parents come once, never twice. Each addition undoes as one step.
 */
#pragma once

#include "mlg-territory-reference.h"
#include "mlg-types.h"

G_BEGIN_DECLS

/* Adds @territory (any level) and the territories above it that @document
 * lacks; returns the record standing for @territory (new or already
 * there). A territory already there whose parent is empty gets the one
 * above it. */
MlgRecord *mlg_territory_add_from_reference (MlgDocument           *document,
                                             const MlgRefTerritory *territory);

/* A territory outside the reference (quartier, bassin d'emploi, Pays…):
 * @level is a level key ("quartier", "pays"…), @parent may be NULL. */
MlgRecord *mlg_territory_add_custom         (MlgDocument           *document,
                                             const char            *name,
                                             const char            *level,
                                             MlgRecord             *parent);

/* The territory of @document at @level whose code is @code (case and
 * spaces aside), or NULL. */
MlgRecord *mlg_territory_find_by_code       (MlgDocument           *document,
                                             const char            *level,
                                             const char            *code);

G_END_DECLS
