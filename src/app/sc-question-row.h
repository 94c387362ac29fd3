/* sc-question-row.h: one question of an instrument, with its details on expanding
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sc-framework.h"

G_BEGIN_DECLS

#define SC_TYPE_QUESTION_ROW (sc_question_row_get_type ())

G_DECLARE_FINAL_TYPE (ScQuestionRow, sc_question_row, SC, QUESTION_ROW, AdwExpanderRow)

GtkWidget  *sc_question_row_new (const ScFramework *framework,
                                 const ScQuestion  *question);
/* Everything the row shows, folded for sc_search_index_add(). */
const char *sc_question_row_get_search_text (ScQuestionRow *self);

G_END_DECLS
