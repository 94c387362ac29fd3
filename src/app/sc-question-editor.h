/* sc-question-editor.h: one question of a reading form, and its answer
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The question's text (the accessible label of its input), a required
 * marker, help, the input for its type, the indicators it bears on (with the
 * reader's own tags), and an evidence note. It does not save: it emits
 * "changed" and the form reads the answer back.
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-model.h"

G_BEGIN_DECLS

#define SC_TYPE_QUESTION_EDITOR (sc_question_editor_get_type ())
G_DECLARE_FINAL_TYPE (ScQuestionEditor, sc_question_editor, SC, QUESTION_EDITOR, GtkWidget)

/* FRAMEWORK (and so QUESTION) must outlive the editor. */
GtkWidget        *sc_question_editor_new (const ScFramework *framework,
                                          const ScQuestion  *question);
const ScQuestion *sc_question_editor_get_question (ScQuestionEditor *self);
/* Shows ANSWER (NULL for none); emits nothing. */
void              sc_question_editor_set_answer (ScQuestionEditor *self,
                                                 const ScAnswer   *answer);
/* What the input holds, as typed or picked (not yet normalised); NULL if empty. */
char             *sc_question_editor_get_value (ScQuestionEditor *self);
char             *sc_question_editor_get_evidence (ScQuestionEditor *self);
char             *sc_question_editor_get_tags (ScQuestionEditor *self);
/* A problem with the value, shown under the input; NULL clears it. */
void              sc_question_editor_set_problem (ScQuestionEditor *self,
                                                  const char       *problem);
void              sc_question_editor_set_editable (ScQuestionEditor *self,
                                                   gboolean          editable);
/* Marks the question as one that submitting found missing. */
void              sc_question_editor_set_missing (ScQuestionEditor *self,
                                                  gboolean          missing);
/* Puts the keyboard focus in the input. */
void              sc_question_editor_focus (ScQuestionEditor *self);

G_END_DECLS
