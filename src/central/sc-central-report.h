/* sc-central-report.h: evaluations across inspections, as CSV or PDF
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sc-central-db.h"

G_BEGIN_DECLS

/* Writes the report to PATH: PDF (a distribution chart per framework and
 * scale, then agreement per inspection over time) or CSV (framework, framework_version, indicator, indicator_title,
 * level, level_label, inspections; one row per indicator and level) by its
 * extension. Through a temporary file; an existing PATH is replaced only
 * when OVERWRITE. */
gboolean sc_central_report_write (ScCentralDb *db,
                                  const char  *path,
                                  gboolean     overwrite,
                                  GError     **error);

/* Agreement within one inspection: the levels its team members proposed for
 * the same indicators (the units), where two or more did. */
typedef struct
{
  char *inspection;
  char *framework_id;
  char *version;
  char *created;     /* its latest team bundle's */
  guint n_units;     /* indicators with levels from two members or more */
  guint n_readers;   /* members who gave those levels */
  double exact;      /* share of those indicators where every level is the same */
  double within_one; /* ... where the levels are at most one apart */
  double kappa;      /* Cohen's, two members only; NAN where it does not apply */
  double alpha;      /* Krippendorff's ordinal; NAN where undefined */
} ScCentralTrend;

void       sc_central_trend_free (ScCentralTrend *trend);
/* ScCentralTrend*, one per inspection with an indicator read twice, in
 * order of date (then inspection id). */
GPtrArray *sc_central_report_trends (ScCentralDb *db,
                                     GError     **error);
/* Writes the trends as CSV to PATH (inspection, framework,
 * framework_version, date, indicators, readers, exact, within_one, kappa,
 * alpha_ordinal; empty cells where a statistic does not apply). */
gboolean   sc_central_report_write_trends (ScCentralDb *db,
                                           const char  *path,
                                           gboolean     overwrite,
                                           GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCentralTrend, sc_central_trend_free)

G_END_DECLS
