/* sc-csv-import.h: records from a CSV file of pseudonymous references
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header is `ref,cohorts,age_band,legal_status`. Cohorts are separated
 * by semicolons or spaces (or commas inside quotes). Every problem is found
 * before anything is added, each with its line number, so a file is added
 * whole or not at all.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint line;
  char *ref;
  GStrv cohorts;
  char *age_band;     /* NULL when empty */
  char *legal_status; /* NULL when empty */
} ScCsvRecord;

typedef struct
{
  guint line; /* 0 for the file as a whole */
  char *message;
} ScCsvProblem;

void sc_csv_record_free (ScCsvRecord *record);
void sc_csv_problem_free (ScCsvProblem *problem);

/* Reads LENGTH bytes of DATA. EXISTING (ref -> anything; may be NULL) holds
 * the references already in the inspection, which may not come again.
 * Returns ScCsvRecord*; PROBLEMS gets ScCsvProblem*, empty when all is well. */
GPtrArray *sc_csv_import_parse (const char *data,
                                gsize       length,
                                GHashTable *existing,
                                GPtrArray **problems);

/* "Line 4: …" lines, at most MAX_LINES, then how many more there are. */
char      *sc_csv_import_describe_problems (GPtrArray *problems,
                                            guint      max_lines);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCsvRecord, sc_csv_record_free)

G_END_DECLS
