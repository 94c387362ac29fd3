/* sc-export-csv.h: answers and statistics as CSV, for analysis elsewhere
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180 CSV in UTF-8 with a header line. Readers appear by a letter and
 * their team role, never by name. A text cell that a spreadsheet would take
 * for a formula (it starts with =, +, -, @ and is not a number) gets a
 * leading apostrophe, so opening the file runs nothing.
 */
#pragma once

#include "sc-store.h"

G_BEGIN_DECLS

/* The header of the answers export. */
#define SC_EXPORT_ANSWERS_HEADER \
  "record_ref,reader,reader_role,kind,status,question,value,moderated_value"

/* The header of the statistics export (intervals are 95% bootstrap ones). */
#define SC_EXPORT_STATISTICS_HEADER \
  "scope,id,n_units,n_pairs,exact,within_one,kappa,kappa_low,kappa_high," \
  "kappa_linear,kappa_linear_low,kappa_linear_high,kappa_quadratic,kappa_quadratic_low," \
  "kappa_quadratic_high,alpha_nominal,alpha_nominal_low,alpha_nominal_high,alpha_ordinal," \
  "alpha_ordinal_low,alpha_ordinal_high,alpha_interval,alpha_interval_low,alpha_interval_high,bias"

/* One row per answer given in INSPECTION (NULL: the only open one): the
 * record's reference, the reader, primary or second reading, the reading's
 * status, the question, the value as stored, and the moderated value. */
gboolean sc_export_answers_csv (ScStore     *store,
                                const char  *inspection,
                                const char  *path,
                                gboolean     overwrite,
                                GError     **error);

/* One row of agreement statistics overall, per question, per indicator and
 * per reader pair (scope overall, question, indicator, reader_pair). */
gboolean sc_export_statistics_csv (ScStore     *store,
                                   const char  *inspection,
                                   const char  *path,
                                   gboolean     overwrite,
                                   GError     **error);

G_END_DECLS
