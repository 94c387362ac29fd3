/* sc-report.h: the consistency and evaluation report, as PDF
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the quality and consistency panel: a cover (the inspection, its
 * framework with the framework's SHA-256, the team's size, counts), the
 * evaluations per quality indicator with how much evidence bears on each,
 * the consistency of double reading (statistics, charts, discrepancies and
 * how they were moderated), and a summary of safety concerns that holds
 * counts and times only. A4, one section after another.
 */
#pragma once

#include "sc-store.h"

G_BEGIN_DECLS

/* Writes the report on INSPECTION (NULL: the store's only open one) to
 * PATH, through a temporary file renamed into place (see sc-export.h). An
 * existing PATH is replaced only when OVERWRITE. Show sc_export_get_warning()
 * first: the file leaves the encrypted store. */
gboolean sc_report_write_pdf (ScStore     *store,
                              const char  *inspection,
                              const char  *path,
                              gboolean     overwrite,
                              GError     **error);

G_END_DECLS
