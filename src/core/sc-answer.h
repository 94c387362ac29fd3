/* sc-answer.h: what an answer may be, and which questions need one
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "sc-framework.h"

G_BEGIN_DECLS

/* The stored form of VALUE for QUESTION: a level's value for scale questions
 * (given its value or id), a choice id, comma-separated choice ids in list
 * order for multi, yes or no, an ISO 8601 date, a number within bounds, or
 * the text. An empty VALUE gives NULL with no error: the answer is cleared. */
char *sc_answer_normalise (const ScQuestion *question,
                           const char       *value,
                           GError          **error);

/* Whether QUESTION shows, given VALUES (question id -> normalised value):
 * every show-if must hold, and the questions it depends on must show. For a
 * multi question, "equals" means the choice is among those ticked. */
gboolean sc_question_is_visible (const ScFramework *framework,
                                 const ScQuestion  *question,
                                 GHashTable        *values);

/* Required questions that show and have no answer, in form order. */
GPtrArray *sc_instrument_missing_answers (const ScFramework  *framework,
                                          const ScInstrument *instrument,
                                          GHashTable         *values);

G_END_DECLS
