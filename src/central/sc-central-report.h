/* sc-central-report.h: evaluations across inspections, as CSV or PDF
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sc-central-db.h"

G_BEGIN_DECLS

/* Writes the report to PATH: PDF (a distribution chart per framework and
 * scale) or CSV (framework, framework_version, indicator, indicator_title,
 * level, level_label, inspections; one row per indicator and level) by its
 * extension. Through a temporary file; an existing PATH is replaced only
 * when OVERWRITE. */
gboolean sc_central_report_write (ScCentralDb *db,
                                  const char  *path,
                                  gboolean     overwrite,
                                  GError     **error);

G_END_DECLS
