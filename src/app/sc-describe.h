/* sc-describe.h: framework parts in words a reader understands
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sc-framework.h"

G_BEGIN_DECLS

/* NULL for a plain indicator, which needs no badge. */
const char *sc_describe_indicator_kind (ScIndicatorKind kind);
const char *sc_describe_instrument_kind (ScInstrumentKind kind);
const char *sc_describe_question_type (ScQuestionType type);

/* The label of the level with VALUE on SCALE, else the number itself. */
char *sc_describe_level (const ScScale *scale,
                         int            value);

/* "5.2 Title" */
char *sc_describe_indicator (const ScIndicator *indicator);

/* Longer lists of choices are counted rather than listed by sc_describe_answer(). */
#define SC_DESCRIBE_MAX_CHOICES 4

/* How a question is answered, e.g. "Single choice: Yes, No, Unclear". */
char *sc_describe_answer (const ScQuestion *question);

/* A limiting rule as a sentence. */
char *sc_describe_rule (const ScRule *rule);

/* A show-if condition as a phrase, e.g. "Q3 (Was there a plan?) is “Yes”". */
char *sc_describe_condition (const ScFramework *framework,
                             const ScCondition *condition);

G_END_DECLS
