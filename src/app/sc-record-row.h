/* sc-record-row.h: one record in the records list
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-record-object.h"

G_BEGIN_DECLS

#define SC_TYPE_RECORD_ROW (sc_record_row_get_type ())
G_DECLARE_FINAL_TYPE (ScRecordRow, sc_record_row, SC, RECORD_ROW, GtkWidget)

GtkWidget *sc_record_row_new (void);
/* Shows RECORD (NULL to unbind), with READER's state (the current user). */
void       sc_record_row_bind (ScRecordRow    *self,
                               ScRecordObject *record,
                               const char     *reader);

G_END_DECLS
