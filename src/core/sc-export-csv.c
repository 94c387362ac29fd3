/* sc-export-csv.c: answers and statistics as CSV, for analysis elsewhere
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-export-csv.h"

#include <math.h>
#include <string.h>

#include "sc-export.h"
#include "sc-report-data.h"
#include "sc-store-private.h"

/* Spreadsheets run a cell that starts like this as a formula. */
static gboolean
looks_like_formula (const char *text)
{
  char *end = NULL;

  if (text[0] == '\0' || strchr ("=+-@\t\r", text[0]) == NULL)
    return FALSE;
  g_ascii_strtod (text, &end);
  return end == text || *end != '\0';
}

static void
append_field (GString    *out,
              const char *text)
{
  gboolean quote;

  if (text == NULL)
    return;
  if (looks_like_formula (text))
    g_string_append_c (out, '\'');
  quote = strpbrk (text, ",\"\r\n") != NULL;
  if (!quote)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_row (GString            *out,
            const char * const *fields,
            guint               n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

/* Starts PATH before reading anything, so a file that exists is refused
 * at once, and writes it when FILL has made the text. */
typedef gboolean (*FillFunc) (ScStore            *store,
                              const ScReportData *data,
                              GString            *out,
                              GError            **error);

static gboolean
export (ScStore     *store,
        const char  *inspection,
        const char  *path,
        gboolean     overwrite,
        gboolean     with_analysis,
        const char  *header,
        FillFunc     fill,
        GError     **error)
{
  g_autoptr (ScExportFile) file = sc_export_file_begin (path, overwrite, error);
  g_autoptr (ScReportData) data = NULL;
  g_autoptr (GString) out = g_string_new (header);

  if (file == NULL)
    return FALSE;
  g_string_append (out, "\r\n");
  data = sc_report_data_load (store, inspection, with_analysis, error);
  return data != NULL && fill (store, data, out, error) &&
         sc_export_file_write (file, out->str, out->len, error) &&
         sc_export_file_commit (file, error);
}

/* "B" of "B (inspector)": the role has its own column. */
static char *
reader_letter (const ScReportData *data,
               const char         *member)
{
  const char *label = sc_report_data_reader (data, member);

  return g_strndup (label, strcspn (label, " "));
}

/* ---- Answers --------------------------------------------------------- */

#define ANSWERS_SQL \
  "SELECT r.ref, a.reader, a.kind, rd.status, an.question, an.value, mo.value" \
  " FROM answer an JOIN reading rd ON rd.id = an.reading AND rd.deleted = 0" \
  " JOIN assignment a ON a.id = rd.assignment AND a.deleted = 0" \
  " JOIN record r ON r.id = a.record AND r.deleted = 0" \
  " LEFT JOIN moderation mo ON mo.record = r.id AND mo.question = an.question" \
  " AND mo.deleted = 0" \
  " WHERE r.inspection = ?1 AND an.deleted = 0 AND an.value IS NOT NULL" \
  " ORDER BY r.ref, a.kind, an.question"

static gboolean
append_answers (ScStore            *store,
                const ScReportData *data,
                GString            *out,
                GError            **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (store, ANSWERS_SQL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, data->inspection->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *reader = (const char *) sqlite3_column_text (stmt, 1);
      const char *role = g_hash_table_lookup (data->reader_roles, reader);
      g_autofree char *letter = reader_letter (data, reader);
      const char *fields[8] = {
        (const char *) sqlite3_column_text (stmt, 0), letter, role != NULL ? role : "",
        (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
        (const char *) sqlite3_column_text (stmt, 4), (const char *) sqlite3_column_text (stmt, 5),
        (const char *) sqlite3_column_text (stmt, 6),
      };

      append_row (out, fields, G_N_ELEMENTS (fields));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || sc_store_fail (store, rc, error);
}

gboolean
sc_export_answers_csv (ScStore     *store,
                       const char  *inspection,
                       const char  *path,
                       gboolean     overwrite,
                       GError     **error)
{
  return export (store, inspection, path, overwrite, FALSE, SC_EXPORT_ANSWERS_HEADER,
                 append_answers, error);
}

/* ---- Statistics ------------------------------------------------------ */

static const char * const statistic_keys[] = {
  "exact", "within_one", "kappa", "kappa_linear", "kappa_quadratic",
  "alpha_nominal", "alpha_ordinal", "alpha_interval", "bias",
};

static char *
number (JsonObject *object,
        const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return g_strdup ("");
  value = json_node_get_double (node);
  if (!isfinite (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

static char *
interval_end (JsonObject *object,
              const char *key,
              guint       end)
{
  JsonObject *ci = json_object_has_member (object, "ci")
                     ? json_object_get_object_member (object, "ci") : NULL;
  JsonNode *node = ci != NULL ? json_object_get_member (ci, key) : NULL;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) != 2)
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g",
                                    json_array_get_double_element (json_node_get_array (node),
                                                                   end)));
}

static void
append_statistics (GString    *out,
                   const char *scope,
                   const char *id,
                   JsonObject *object)
{
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (fields, g_strdup (scope));
  g_ptr_array_add (fields, g_strdup (id));
  g_ptr_array_add (fields, number (object, "n_units"));
  g_ptr_array_add (fields, number (object, "n_pairs"));
  for (guint k = 0; k < G_N_ELEMENTS (statistic_keys); k++)
    {
      g_ptr_array_add (fields, number (object, statistic_keys[k]));
      if (g_str_has_prefix (statistic_keys[k], "kappa") ||
          g_str_has_prefix (statistic_keys[k], "alpha"))
        {
          g_ptr_array_add (fields, interval_end (object, statistic_keys[k], 0));
          g_ptr_array_add (fields, interval_end (object, statistic_keys[k], 1));
        }
    }
  append_row (out, (const char * const *) fields->pdata, fields->len);
}

static void
append_group (GString            *out,
              const ScReportData *data,
              const char         *group,
              const char         *scope)
{
  JsonObject *members = sc_report_data_stats (data, group, NULL);
  g_autoptr (GList) ids = members != NULL ? json_object_get_members (members) : NULL;

  for (GList *l = ids; l != NULL; l = l->next)
    append_statistics (out, scope, l->data, sc_report_data_stats (data, group, l->data));
}

static void
append_pairs (GString            *out,
              const ScReportData *data)
{
  JsonObject *root = json_node_get_object (data->stats);
  JsonArray *pairs = json_object_has_member (root, "reader_pairs")
                       ? json_object_get_array_member (root, "reader_pairs") : NULL;

  for (guint i = 0; pairs != NULL && i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);
      JsonArray *readers = json_object_get_array_member (pair, "readers");
      g_autofree char *a = NULL, *b = NULL, *id = NULL;

      if (readers == NULL || json_array_get_length (readers) != 2)
        continue;
      a = reader_letter (data, json_array_get_string_element (readers, 0));
      b = reader_letter (data, json_array_get_string_element (readers, 1));
      id = g_strdup_printf ("%s %s", a, b);
      append_statistics (out, "reader_pair", id, pair);
    }
}

static gboolean
fill_statistics (ScStore            *store,
                 const ScReportData *data,
                 GString            *out,
                 GError            **error)
{
  append_statistics (out, "overall", "", sc_report_data_stats (data, "overall", NULL));
  append_group (out, data, "questions", "question");
  append_group (out, data, "indicators", "indicator");
  append_pairs (out, data);
  return TRUE;
}

gboolean
sc_export_statistics_csv (ScStore     *store,
                          const char  *inspection,
                          const char  *path,
                          gboolean     overwrite,
                          GError     **error)
{
  return export (store, inspection, path, overwrite, TRUE, SC_EXPORT_STATISTICS_HEADER,
                 fill_statistics, error);
}
