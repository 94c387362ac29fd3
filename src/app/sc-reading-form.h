/* sc-reading-form.h: the current user's reading of one record
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built once from the inspection's record-reading instrument, then filled
 * with each record's answers. Every change is written to the store within
 * SC_READING_FORM_SAVE_DELAY_MS of the last keystroke, and the toolbar says
 * whether it is saved. Submitting checks the required answers and lists the
 * missing ones; a submitted reading is read-only until reopened with a reason.
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-inspection-context.h"

G_BEGIN_DECLS

/* Well inside the 300 ms the design allows from keystroke to disk. */
#define SC_READING_FORM_SAVE_DELAY_MS 150
/* Typing without a pause still saves this often. */
#define SC_READING_FORM_SAVE_MAX_MS 1000

#define SC_TYPE_READING_FORM (sc_reading_form_get_type ())
G_DECLARE_FINAL_TYPE (ScReadingForm, sc_reading_form, SC, READING_FORM, GtkWidget)

GtkWidget  *sc_reading_form_new (ScInspectionContext *context);
/* Shows RECORD (NULL for none) with READING, the current user's reading of
 * it, or NULL to offer to start one. Saves what was pending first. */
void        sc_reading_form_show (ScReadingForm   *self,
                                  const ScRecord  *record,
                                  const ScReading *reading);
const char *sc_reading_form_get_record_ref (ScReadingForm *self);
void        sc_reading_form_flush (ScReadingForm *self);
/* The question holding the keyboard focus, or NULL. */
const char *sc_reading_form_get_focus_question (ScReadingForm *self);
/* Scrolls to QUESTION and puts the focus in it, once the form is shown; with
 * QUESTION NULL, the first unanswered question, or the Start Reading button. */
void        sc_reading_form_focus_question (ScReadingForm *self,
                                            const char    *question);
void        sc_reading_form_set_show_back (ScReadingForm *self,
                                           gboolean       show);

G_END_DECLS
