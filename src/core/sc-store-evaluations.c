/* sc-store-evaluations.c: reading back the levels proposed for indicators
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Evaluations are written by sc_store_set_evaluation() (sc-store-notes.c);
 * each member has at most one per indicator of an inspection.
 */
#include "sc-store-private.h"

#include <glib/gi18n-lib.h>

#include "sc-store-field.h"

void
sc_evaluation_free (ScEvaluation *evaluation)
{
  if (evaluation == NULL)
    return;
  g_free (evaluation->id);
  g_free (evaluation->inspection);
  g_free (evaluation->indicator);
  g_free (evaluation->rationale);
  g_free (evaluation->author);
  g_free (evaluation->updated);
  g_free (evaluation);
}

#define EVALUATION_COLUMNS "id, inspection, indicator, level, rationale, author, updated"

static ScEvaluation *
evaluation_from_row (sqlite3_stmt *stmt)
{
  ScEvaluation *evaluation = g_new0 (ScEvaluation, 1);

  evaluation->id = sc_column_dup (stmt, 0);
  evaluation->inspection = sc_column_dup (stmt, 1);
  evaluation->indicator = sc_column_dup (stmt, 2);
  evaluation->level = sqlite3_column_int (stmt, 3); /* NULL reads as 0: none proposed */
  evaluation->rationale = sc_column_dup (stmt, 4);
  evaluation->author = sc_column_dup (stmt, 5);
  evaluation->updated = sc_column_dup (stmt, 6);
  if (evaluation->rationale == NULL)
    evaluation->rationale = g_strdup ("");
  return evaluation;
}

GPtrArray *
sc_store_list_evaluations (ScStore    *store,
                           const char *inspection,
                           const char *author,
                           GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT " EVALUATION_COLUMNS " FROM evaluation"
    " WHERE inspection = ? AND (?2 IS NULL OR author = ?2) AND deleted = 0"
    " ORDER BY indicator, author",
    error);

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, inspection);
  sc_bind_text (stmt, 2, author);
  return sc_store_collect (store, stmt, (ScRowFunc) evaluation_from_row,
                           (GDestroyNotify) sc_evaluation_free, error);
}

ScEvaluation *
sc_store_get_evaluation (ScStore    *store,
                         const char *inspection,
                         const char *indicator,
                         GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT " EVALUATION_COLUMNS " FROM evaluation"
    " WHERE inspection = ? AND indicator = ? AND author = ? AND deleted = 0",
    error);
  g_autoptr (GPtrArray) rows = NULL;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, inspection);
  sc_bind_text (stmt, 2, indicator);
  sc_bind_text (stmt, 3, store->owner_id);
  rows = sc_store_collect (store, stmt, (ScRowFunc) evaluation_from_row,
                           (GDestroyNotify) sc_evaluation_free, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                   _("No level has been proposed for %s yet"), indicator);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}
