/* sc-evidence.h: what bears on each indicator, from readings and notes
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An answer bears on the indicators its question is linked to in the
 * framework and on those its reader tagged; a note on those it is tagged
 * with. Scale answers say how the evidence leans. Gathered through the
 * store's public API, a few records at a time, so a large inspection never
 * holds up the window.
 */
#pragma once

#include <glib.h>

#include "sc-inspection-context.h"

G_BEGIN_DECLS

typedef struct
{
  guint readings;   /* readings with an answer bearing on the indicator */
  guint submitted;  /* of which submitted */
  guint answers;
  guint notes;
  guint note_kinds[SC_NOTE_OBSERVATION + 1];
  GHashTable *levels; /* level value (GINT_TO_POINTER) -> count (GUINT_TO_POINTER) */
} ScEvidence;

typedef struct _ScEvidenceGatherer ScEvidenceGatherer;

/* Reads the records in batches from the main loop, then calls DONE. */
ScEvidenceGatherer *sc_evidence_gatherer_new (ScInspectionContext *context,
                                              GSourceFunc          done,
                                              gpointer             user_data);
void                sc_evidence_gatherer_free (ScEvidenceGatherer *self);
/* NULL until gathered, or for an indicator nothing bears on. */
const ScEvidence   *sc_evidence_gatherer_lookup (ScEvidenceGatherer *self,
                                                 const char         *indicator);
gboolean            sc_evidence_gatherer_is_done (ScEvidenceGatherer *self);
/* The median level value of the scale answers, or 0. */
int                 sc_evidence_median (const ScEvidence *evidence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScEvidenceGatherer, sc_evidence_gatherer_free)

G_END_DECLS
