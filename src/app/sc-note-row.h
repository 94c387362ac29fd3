/* sc-note-row.h: one focus-group note in the stream
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-inspection-context.h"

G_BEGIN_DECLS

#define SC_TYPE_NOTE_ROW (sc_note_row_get_type ())
G_DECLARE_FINAL_TYPE (ScNoteRow, sc_note_row, SC, NOTE_ROW, GtkListBoxRow)

/* GROUP_TITLE names where the note was taken, for a concern raised from it.
 * Takes NOTE. */
GtkWidget    *sc_note_row_new (ScInspectionContext *context,
                               ScNote              *note,
                               const char          *group_title);
const ScNote *sc_note_row_get_note (ScNoteRow *self);
const char   *sc_note_kind_label (ScNoteKind kind);

G_END_DECLS
