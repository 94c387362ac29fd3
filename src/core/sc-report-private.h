/* sc-report-private.h: the sections of the PDF report
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sc-report-data.h"
#include "sc-report-doc.h"

G_BEGIN_DECLS

void sc_report_cover (ScReportDoc        *doc,
                      const ScReportData *data);
void sc_report_evaluations (ScReportDoc        *doc,
                            const ScReportData *data);
void sc_report_consistency (ScReportDoc        *doc,
                            const ScReportData *data);
void sc_report_agreement_charts (ScReportDoc        *doc,
                                 const ScReportData *data);
void sc_report_discrepancies (ScReportDoc        *doc,
                              const ScReportData *data);
void sc_report_concerns (ScReportDoc        *doc,
                         const ScReportData *data);

/* Statistics as printed: "72.5%" for proportions, "0.612" for kappas and
 * alphas, "+0.25" for bias, "0.41 to 0.78" for intervals; "—" for null. */
char *sc_report_format_statistic (JsonObject *stats,
                                  const char *key);
char *sc_report_format_interval (JsonObject *stats,
                                 const char *key);
char *sc_report_format_count (JsonObject *stats,
                              const char *key);

/* "5.2 Assessing and responding to risks and needs" */
char *sc_report_indicator_title (const ScReportData *data,
                                 const char         *indicator);
/* A question's text (its id when unknown). */
const char *sc_report_question_text (const ScReportData *data,
                                     const char         *question);

G_END_DECLS
