/* sc-store-conflicts.h: the rows changed on two devices, for the lead to settle
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Merging keeps the higher (rev, origin) of a row in place and, when the
 * winner had not seen the loser, keeps the loser in the `conflict` table
 * (sc-rows-merge.c). The lead looks at each: keeping the row as it is only
 * marks the conflict resolved; using the other version writes it over the
 * row as a new revision by this device, so it wins everywhere it travels.
 * Both are audited.
 */
#pragma once

#include <glib.h>

#include "sc-store.h"

G_BEGIN_DECLS

typedef enum
{
  SC_CONFLICT_KEEP,      /* the row stays as it is */
  SC_CONFLICT_USE_OTHER, /* the losing version replaces it */
} ScConflictChoice;

typedef struct
{
  char *id;
  char *table;
  char *row_id;
  char *what;        /* "Record R-0001, question overall-reasons", "Note: …" */
  char *kept_value;  /* NULL when the row is not here (it clashed with another) */
  char *kept_by;     /* the device owner's name, else the device's, else its id */
  char *kept_when;
  char *other_value;
  char *other_by;
  char *other_when;
  char *detected_at;
  char *resolved_at; /* NULL while open */
} ScConflict;

void       sc_conflict_free (ScConflict *conflict);
/* ScConflict*, oldest first: the open ones, and with ALL the resolved too. */
GPtrArray *sc_store_list_conflicts (ScStore  *store,
                                    gboolean  all,
                                    GError  **error);
guint      sc_store_count_conflicts (ScStore  *store,
                                     GError  **error);
/* Settles conflict ID. SC_STORE_ERROR_NOT_FOUND for no such open conflict;
 * _INVALID when the other version cannot be used (its row is not here). */
gboolean   sc_store_resolve_conflict (ScStore          *store,
                                      const char       *id,
                                      ScConflictChoice  choice,
                                      GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScConflict, sc_conflict_free)

G_END_DECLS
