/* sc-evaluation-row.h: one indicator's proposed level, beside its evidence
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-evidence.h"

G_BEGIN_DECLS

#define SC_TYPE_EVALUATION_ROW (sc_evaluation_row_get_type ())
G_DECLARE_FINAL_TYPE (ScEvaluationRow, sc_evaluation_row, SC, EVALUATION_ROW, GtkWidget)

/* INDICATOR must outlive the row. */
GtkWidget         *sc_evaluation_row_new (const ScIndicator *indicator);
const ScIndicator *sc_evaluation_row_get_indicator (ScEvaluationRow *self);
/* EVIDENCE may be NULL (nothing bears on it); GATHERED says whether it is known yet. */
void               sc_evaluation_row_set_evidence (ScEvaluationRow  *self,
                                                   const ScEvidence *evidence,
                                                   gboolean          gathered);
/* 0 when no level is proposed. */
int                sc_evaluation_row_get_level (ScEvaluationRow *self);
char              *sc_evaluation_row_get_rationale (ScEvaluationRow *self);
/* Shows a level (0: none) and rationale saved earlier, without "changed". */
void               sc_evaluation_row_set_evaluation (ScEvaluationRow *self,
                                                     int              level,
                                                     const char      *rationale);
void               sc_evaluation_row_set_saved (ScEvaluationRow *self,
                                                const char      *state);
void               sc_evaluation_row_set_editable (ScEvaluationRow *self,
                                                   gboolean         editable);

G_END_DECLS
