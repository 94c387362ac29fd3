/* sc-store-field.h: reading back focus groups and evaluations, and changing
 * an inspection and its team after they were made
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Like the rest of sc-model.h: every change is one audited transaction, and
 * rows are plain structs the caller frees.
 */
#pragma once

#include "sc-model.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;
  char *inspection;
  char *indicator;
  int level;       /* 0 when no level is proposed yet */
  char *rationale;
  char *author;    /* member id */
  char *updated;
} ScEvaluation;

void sc_evaluation_free (ScEvaluation *evaluation);

/* An inspection's focus groups, oldest first (ScFocusGroup*). */
GPtrArray    *sc_store_list_focus_groups (ScStore    *store,
                                          const char *inspection,
                                          GError    **error);
ScFocusGroup *sc_store_get_focus_group (ScStore    *store,
                                        const char *focus_group,
                                        GError    **error);

/* AUTHOR's evaluations of an inspection (ScEvaluation*), in indicator order
 * of the store; AUTHOR NULL gives every member's. */
GPtrArray    *sc_store_list_evaluations (ScStore    *store,
                                         const char *inspection,
                                         const char *author,
                                         GError    **error);
/* The current user's evaluation of one indicator, or NULL with
 * SC_STORE_ERROR_NOT_FOUND when there is none. */
ScEvaluation *sc_store_get_evaluation (ScStore    *store,
                                       const char *inspection,
                                       const char *indicator,
                                       GError    **error);

/* Changes the title, area, dates and status of an inspection; the framework
 * and team are left alone. SPEC->id names the inspection. */
gboolean      sc_store_update_inspection (ScStore            *store,
                                          const ScInspection *spec,
                                          GError            **error);
/* Takes MEMBER off the inspection's team. Refused (SC_STORE_ERROR_READ_ONLY)
 * when the member has readings in it: those readings must stay attributed. */
gboolean      sc_store_remove_team_member (ScStore    *store,
                                           const char *inspection,
                                           const char *member,
                                           GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScEvaluation, sc_evaluation_free)

G_END_DECLS
