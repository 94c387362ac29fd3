/* sc-double-export.h: the report and the statistics, out of the store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * First says plainly that the file leaves the encrypted store, then asks
 * where to save it, then writes it in a worker thread and says when it is
 * done. The caller keeps its own actions off until FINISHED is called.
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-inspection-context.h"

G_BEGIN_DECLS

typedef enum
{
  SC_DOUBLE_EXPORT_REPORT,     /* the PDF report */
  SC_DOUBLE_EXPORT_STATISTICS, /* agreement statistics as CSV */
} ScDoubleExportKind;

/* FINISHED (WIDGET) runs once, whether the file was written or not. */
void sc_double_export_start (GtkWidget           *widget,
                             ScInspectionContext *context,
                             ScDoubleExportKind   kind,
                             void               (*finished) (GtkWidget *widget));

G_END_DECLS
