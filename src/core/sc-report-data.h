/* sc-report-data.h: what the report and the CSV exports read from the store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gathered once, before anything is written. Readers appear by a letter and
 * their team role ("B (inspector)"), never by name; safety concerns only as
 * counts and times, never with their summary, record or contact.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sc-double-reading.h"
#include "sc-model.h"

G_BEGIN_DECLS

typedef struct
{
  char *indicator;
  int level; /* 0 when no level was proposed */
  char *rationale;
  char *author_role;
} ScReportEvaluation;

typedef struct
{
  guint records;
  guint double_read; /* records with a second reader */
  guint readings;
  guint submitted;
  guint answers;
  guint focus_groups;
  guint notes;
} ScReportCounts;

typedef struct
{
  guint by_status[SC_CONCERN_CLOSED + 1];
  guint timed;            /* passed on, with both times known */
  gint64 median_seconds;  /* from raised to passed on */
  gint64 longest_seconds;
} ScConcernSummary;

typedef struct
{
  ScInspection *inspection;
  ScFramework *framework; /* borrowed from the store */
  guint team_size;
  ScReportCounts counts;
  GPtrArray *evaluations; /* ScReportEvaluation*, in the order they were made */
  GPtrArray *evidence;    /* ScIndicatorEvidence* */
  JsonNode *stats;        /* sc_store_inspection_stats() */
  GPtrArray *comparisons; /* ScComparison* */
  GHashTable *reader_labels; /* member id -> "B (inspector)" */
  GHashTable *reader_roles;  /* member id -> team role */
  ScConcernSummary concerns;
  char *generated;        /* when the data was read, ISO 8601 */
} ScReportData;

/* INSPECTION may be NULL for the store's only open inspection. With
 * WITH_ANALYSIS FALSE the statistics, comparisons and evidence are left
 * out (the answers export needs none of them). */
ScReportData *sc_report_data_load (ScStore    *store,
                                   const char *inspection,
                                   gboolean    with_analysis,
                                   GError    **error);
void          sc_report_data_free (ScReportData *data);

/* "B (inspector)" for a member id; "?" for one not in the inspection. */
const char *sc_report_data_reader (const ScReportData *data,
                                   const char         *member);
/* A value as a reader would recognise it: a level's label, a choice's
 * label, "yes"/"no"; "—" for none. */
char       *sc_report_data_describe_value (const ScReportData *data,
                                           const char         *question,
                                           const char         *value);
/* An object of the statistics ("overall", or an id in "questions",
 * "indicators"), or NULL. */
JsonObject *sc_report_data_stats (const ScReportData *data,
                                  const char         *group,
                                  const char         *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScReportData, sc_report_data_free)

G_END_DECLS
