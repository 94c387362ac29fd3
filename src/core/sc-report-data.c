/* sc-report-data.c: what the report and the CSV exports read from the store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-report-data.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "sc-store-private.h"

static void
evaluation_free (ScReportEvaluation *evaluation)
{
  g_free (evaluation->indicator);
  g_free (evaluation->rationale);
  g_free (evaluation->author_role);
  g_free (evaluation);
}

void
sc_report_data_free (ScReportData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->inspection, sc_inspection_free);
  g_clear_pointer (&data->evaluations, g_ptr_array_unref);
  g_clear_pointer (&data->evidence, g_ptr_array_unref);
  g_clear_pointer (&data->stats, json_node_unref);
  g_clear_pointer (&data->comparisons, g_ptr_array_unref);
  g_clear_pointer (&data->reader_labels, g_hash_table_unref);
  g_clear_pointer (&data->reader_roles, g_hash_table_unref);
  g_free (data->generated);
  g_free (data);
}

/* Runs SQL, which counts something of one inspection (bound to ?1). */
static gboolean
count (ScStore    *store,
       const char *sql,
       const char *inspection,
       guint      *result,
       GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, inspection);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *result = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || sc_store_fail (store, rc, error);
}

#define READINGS_OF \
  " FROM reading rd JOIN assignment a ON a.id = rd.assignment AND a.deleted = 0" \
  " JOIN record r ON r.id = a.record AND r.deleted = 0" \
  " WHERE r.inspection = ?1 AND rd.deleted = 0"

static gboolean
load_counts (ScStore        *store,
             const char     *id,
             ScReportCounts *c,
             GError        **error)
{
  return count (store, "SELECT count(*) FROM record WHERE inspection = ?1 AND deleted = 0", id,
                &c->records, error) &&
         count (store,
                "SELECT count(DISTINCT a.record) FROM assignment a JOIN record r"
                " ON r.id = a.record AND r.deleted = 0"
                " WHERE r.inspection = ?1 AND a.kind = 'second' AND a.deleted = 0",
                id, &c->double_read, error) &&
         count (store, "SELECT count(*)" READINGS_OF, id, &c->readings, error) &&
         count (store, "SELECT count(*)" READINGS_OF " AND rd.status = 'submitted'", id,
                &c->submitted, error) &&
         count (store,
                "SELECT count(*) FROM answer an JOIN reading rd ON rd.id = an.reading"
                " JOIN assignment a ON a.id = rd.assignment AND a.deleted = 0"
                " JOIN record r ON r.id = a.record AND r.deleted = 0"
                " WHERE r.inspection = ?1 AND rd.deleted = 0 AND an.deleted = 0"
                " AND an.value IS NOT NULL",
                id, &c->answers, error) &&
         count (store, "SELECT count(*) FROM focus_group WHERE inspection = ?1 AND deleted = 0",
                id, &c->focus_groups, error) &&
         count (store,
                "SELECT count(*) FROM note n JOIN focus_group f ON f.id = n.focus_group"
                " AND f.deleted = 0 WHERE f.inspection = ?1 AND n.deleted = 0",
                id, &c->notes, error);
}

static ScReportEvaluation *
evaluation_from_row (sqlite3_stmt *stmt)
{
  ScReportEvaluation *evaluation = g_new0 (ScReportEvaluation, 1);

  evaluation->indicator = sc_column_dup (stmt, 0);
  evaluation->level = sqlite3_column_int (stmt, 1);
  evaluation->rationale = sc_column_dup (stmt, 2);
  evaluation->author_role = sc_column_dup (stmt, 3);
  return evaluation;
}

static GPtrArray *
load_evaluations (ScStore    *store,
                  const char *id,
                  GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT e.indicator, e.level, e.rationale, COALESCE (t.role, m.role) FROM evaluation e"
    " JOIN member m ON m.id = e.author"
    " LEFT JOIN team_member t ON t.member = e.author AND t.inspection = e.inspection"
    " AND t.deleted = 0"
    " WHERE e.inspection = ?1 AND e.deleted = 0 ORDER BY e.updated, e.id",
    error);

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, id);
  return sc_store_collect (store, stmt, (ScRowFunc) evaluation_from_row,
                           (GDestroyNotify) evaluation_free, error);
}

/* "A", "B", … "Z", "AA", "AB", … */
static char *
letter (guint index)
{
  GString *name = g_string_new (NULL);

  do
    {
      g_string_prepend_c (name, (char) ('A' + index % 26));
      index = index / 26;
    }
  while (index-- > 0);
  return g_string_free (name, FALSE);
}

static gboolean
load_readers (ScStore      *store,
              ScReportData *data,
              GError      **error)
{
  g_autoptr (GPtrArray) team = sc_store_list_team (store, data->inspection->id, error);

  if (team == NULL)
    return FALSE;
  data->team_size = team->len;
  data->reader_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data->reader_roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < team->len; i++)
    {
      ScMember *member = g_ptr_array_index (team, i);
      g_autofree char *name = letter (i);

      g_hash_table_insert (data->reader_labels, g_strdup (member->id),
                           g_strdup_printf ("%s (%s)", name, member->role));
      g_hash_table_insert (data->reader_roles, g_strdup (member->id), g_strdup (member->role));
    }
  return TRUE;
}

/* A time as stored, or a date given by hand (taken as midnight UTC). */
static GDateTime *
parse_time (const char *text)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *midnight = NULL;
  GDateTime *time;

  if (text == NULL)
    return NULL;
  time = g_date_time_new_from_iso8601 (text, utc);
  if (time != NULL)
    return time;
  midnight = g_strconcat (text, "T00:00:00", NULL);
  return g_date_time_new_from_iso8601 (midnight, utc);
}

static gint64
seconds_between (const char *from,
                 const char *to)
{
  g_autoptr (GDateTime) a = parse_time (from);
  g_autoptr (GDateTime) b = parse_time (to);

  if (a == NULL || b == NULL)
    return -1;
  return MAX (0, g_date_time_difference (b, a) / G_TIME_SPAN_SECOND);
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Counts and times only: nothing about a concern's content is kept. */
static gboolean
load_concerns (ScStore          *store,
               const char       *id,
               ScConcernSummary *summary,
               GError          **error)
{
  g_autoptr (GPtrArray) concerns = sc_store_list_concerns (store, id, error);
  g_autofree gint64 *times = NULL;

  if (concerns == NULL)
    return FALSE;
  times = g_new (gint64, concerns->len + 1);
  for (guint i = 0; i < concerns->len; i++)
    {
      ScConcern *concern = g_ptr_array_index (concerns, i);
      gint64 seconds = seconds_between (concern->raised_at, concern->passed_on_at);

      summary->by_status[concern->status]++;
      if (seconds >= 0)
        times[summary->timed++] = seconds;
    }
  qsort (times, summary->timed, sizeof (gint64), compare_gint64);
  if (summary->timed > 0)
    {
      summary->median_seconds = times[summary->timed / 2];
      summary->longest_seconds = times[summary->timed - 1];
    }
  return TRUE;
}

static gboolean
load_analysis (ScStore      *store,
               ScReportData *data,
               GError      **error)
{
  ScAgreementOptions options;
  const char *id = data->inspection->id;

  sc_agreement_options_init (&options);
  data->stats = sc_store_inspection_stats (store, id, &options, error);
  if (data->stats == NULL)
    return FALSE;
  data->comparisons = sc_store_compare_inspection (store, id, error);
  if (data->comparisons == NULL)
    return FALSE;
  data->evidence = sc_store_indicator_evidence (store, id, error);
  return data->evidence != NULL && load_concerns (store, id, &data->concerns, error);
}

ScReportData *
sc_report_data_load (ScStore    *store,
                     const char *inspection,
                     gboolean    with_analysis,
                     GError    **error)
{
  g_autoptr (ScReportData) data = g_new0 (ScReportData, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  data->generated = g_date_time_format (now, "%Y-%m-%d %H:%M");
  data->inspection = sc_store_find_inspection (store, inspection, error);
  if (data->inspection == NULL)
    return NULL;
  data->framework = sc_store_get_framework (store, data->inspection->framework, error);
  if (data->framework == NULL || !load_readers (store, data, error) ||
      !load_counts (store, data->inspection->id, &data->counts, error))
    return NULL;
  data->evaluations = load_evaluations (store, data->inspection->id, error);
  if (data->evaluations == NULL)
    return NULL;
  if (with_analysis && !load_analysis (store, data, error))
    return NULL;
  return g_steal_pointer (&data);
}

const char *
sc_report_data_reader (const ScReportData *data,
                       const char         *member)
{
  const char *label = member != NULL ? g_hash_table_lookup (data->reader_labels, member) : NULL;

  return label != NULL ? label : "?";
}

static char *
describe_choices (const ScQuestion *question,
                  const char       *value)
{
  g_auto (GStrv) ids = g_strsplit (value, ",", -1);
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const ScChoice *choice = sc_choice_list_lookup (question->choices, ids[i]);

      g_ptr_array_add (labels, choice != NULL ? (char *) sc_text_get (choice->label) : ids[i]);
    }
  g_ptr_array_add (labels, NULL);
  return g_strjoinv (", ", (char **) labels->pdata);
}

char *
sc_report_data_describe_value (const ScReportData *data,
                               const char         *question_id,
                               const char         *value)
{
  const ScQuestion *question = sc_framework_lookup_question (data->framework, question_id);

  if (value == NULL || *value == '\0')
    return g_strdup ("—");
  if (question == NULL)
    return g_strdup (value);
  switch (question->type)
    {
    case SC_QUESTION_SCALE:
      {
        const ScLevel *level = sc_scale_lookup_level (question->scale, value);

        return level != NULL ? g_strdup (sc_text_get (level->label)) : g_strdup (value);
      }
    case SC_QUESTION_CHOICE:
    case SC_QUESTION_MULTI:
      return describe_choices (question, value);
    case SC_QUESTION_YESNO:
      return g_strdup (g_str_equal (value, "yes") ? _("Yes") : _("No"));
    case SC_QUESTION_TEXT:
    case SC_QUESTION_DATE:
    case SC_QUESTION_NUMBER:
    default:
      return g_strdup (value);
    }
}

JsonObject *
sc_report_data_stats (const ScReportData *data,
                      const char         *group,
                      const char         *id)
{
  JsonObject *root = data->stats != NULL ? json_node_get_object (data->stats) : NULL;
  JsonNode *node = root != NULL ? json_object_get_member (root, group) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  if (id == NULL)
    return json_node_get_object (node);
  node = json_object_get_member (json_node_get_object (node), id);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}
