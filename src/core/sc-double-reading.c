/* sc-double-reading.c: comparing double readings, their agreement, and the
 * evidence they give evaluations
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here reads: the double-read records whose two readings are both
 * submitted, with their answers and moderations, are loaded once (Reads) and
 * then compared, turned into ratings for the agreement module, or counted.
 * Statistics are never computed here: sc-agreement.c does that.
 */
#include "sc-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-agreement-json.h"
#include "sc-double-reading.h"

typedef struct
{
  char *record;
  char *ref;
  char *primary_reader;
  char *second_reader;
  GHashTable *primary; /* question id -> normalised value; unanswered ones absent */
  GHashTable *second;
} DoubleRead;

typedef struct
{
  char *value;
  char *rationale;
  char *moderator;
} Moderation;

typedef struct
{
  ScFramework *framework;  /* borrowed from the store */
  GPtrArray *questions;    /* const ScQuestion* of the record-reading form, in order */
  GPtrArray *reads;        /* DoubleRead*, in record ref order */
  GHashTable *moderations; /* "record question" -> Moderation* */
} Reads;

static void
double_read_free (DoubleRead *read)
{
  g_free (read->record);
  g_free (read->ref);
  g_free (read->primary_reader);
  g_free (read->second_reader);
  g_clear_pointer (&read->primary, g_hash_table_unref);
  g_clear_pointer (&read->second, g_hash_table_unref);
  g_free (read);
}

static void
moderation_free (Moderation *moderation)
{
  g_free (moderation->value);
  g_free (moderation->rationale);
  g_free (moderation->moderator);
  g_free (moderation);
}

static void
reads_free (Reads *reads)
{
  g_clear_pointer (&reads->questions, g_ptr_array_unref);
  g_clear_pointer (&reads->reads, g_ptr_array_unref);
  g_clear_pointer (&reads->moderations, g_hash_table_unref);
  g_free (reads);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reads, reads_free)

void
sc_comparison_free (ScComparison *c)
{
  if (c == NULL)
    return;
  g_free (c->record_id);
  g_free (c->record_ref);
  g_free (c->question);
  g_free (c->primary_reader);
  g_free (c->second_reader);
  g_free (c->primary_value);
  g_free (c->second_value);
  g_free (c->moderated_value);
  g_free (c->rationale);
  g_free (c->moderator);
  g_free (c);
}

const char *
sc_match_to_string (ScMatch m)
{
  switch (m)
    {
    case SC_MATCH_EXACT:
      return "exact";
    case SC_MATCH_ADJACENT:
      return "adjacent";
    case SC_MATCH_DISCREPANT:
      return "discrepant";
    case SC_MATCH_MISSING:
      return "missing";
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

void
sc_indicator_evidence_free (ScIndicatorEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->indicator);
  g_free (evidence);
}

/* Loading */

static char *
moderation_key (const char *record,
                const char *question)
{
  return g_strconcat (record, " ", question, NULL);
}

static GHashTable *
load_values (ScStore    *store,
             const char *reading,
             GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT question, value FROM answer WHERE reading = ? AND deleted = 0"
    " AND value IS NOT NULL",
    error);
  GHashTable *values;
  int rc;

  if (stmt == NULL)
    return NULL;
  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sc_bind_text (stmt, 1, reading);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (values, sc_column_dup (stmt, 0), sc_column_dup (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sc_store_fail (store, rc, error);
      g_clear_pointer (&values, g_hash_table_unref);
    }
  return values;
}

/* The earliest primary and second assignment of each record, as in
 * sc-store-double.c, both readings submitted. The rows are read first and
 * the answers after, so the pairs statement is not reset from under itself. */
static gboolean
load_pairs (ScStore    *store,
            const char *inspection,
            GPtrArray  *reads,
            GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT rec.id, rec.ref, pa.reader, sa.reader, pr.id, sr.id FROM record rec"
    " JOIN assignment pa ON pa.record = rec.id AND pa.kind = 'primary' AND pa.deleted = 0"
    " JOIN assignment sa ON sa.record = rec.id AND sa.kind = 'second' AND sa.deleted = 0"
    " JOIN reading pr ON pr.assignment = pa.id AND pr.deleted = 0 AND pr.status = 'submitted'"
    " JOIN reading sr ON sr.assignment = sa.id AND sr.deleted = 0 AND sr.status = 'submitted'"
    " WHERE rec.inspection = ? AND rec.deleted = 0"
    " AND pa.rowid = (SELECT min (rowid) FROM assignment WHERE record = rec.id"
    "   AND kind = 'primary' AND deleted = 0)"
    " AND sa.rowid = (SELECT min (rowid) FROM assignment WHERE record = rec.id"
    "   AND kind = 'second' AND deleted = 0)"
    " ORDER BY rec.ref",
    error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, inspection);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 7);

      for (int c = 0; c < 6; c++)
        row[c] = sc_column_dup (stmt, c);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return sc_store_fail (store, rc, error);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      DoubleRead *read = g_new0 (DoubleRead, 1);

      read->record = g_strdup (row[0]);
      read->ref = g_strdup (row[1]);
      read->primary_reader = g_strdup (row[2]);
      read->second_reader = g_strdup (row[3]);
      g_ptr_array_add (reads, read);
      read->primary = load_values (store, row[4], error);
      read->second = read->primary != NULL ? load_values (store, row[5], error) : NULL;
      if (read->second == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_moderations (ScStore    *store,
                  const char *inspection,
                  GHashTable *moderations,
                  GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT m.record, m.question, m.value, m.rationale, m.moderator FROM moderation m"
    " JOIN record r ON r.id = m.record WHERE r.inspection = ? AND r.deleted = 0"
    " AND m.deleted = 0",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, inspection);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Moderation *moderation = g_new0 (Moderation, 1);

      moderation->value = sc_column_dup (stmt, 2);
      moderation->rationale = sc_column_dup (stmt, 3);
      moderation->moderator = sc_column_dup (stmt, 4);
      g_hash_table_insert (moderations,
                           moderation_key ((const char *) sqlite3_column_text (stmt, 0),
                                           (const char *) sqlite3_column_text (stmt, 1)),
                           moderation);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || sc_store_fail (store, rc, error);
}

static GPtrArray *
form_questions (const ScFramework *framework)
{
  const ScInstrument *form = sc_framework_find_instrument (framework, SC_INSTRUMENT_KIND_RECORD);
  GPtrArray *questions = g_ptr_array_new ();

  for (guint g = 0; form != NULL && g < form->groups->len; g++)
    {
      const ScGroup *group = g_ptr_array_index (form->groups, g);

      for (guint q = 0; q < group->questions->len; q++)
        g_ptr_array_add (questions, g_ptr_array_index (group->questions, q));
    }
  return questions;
}

/* INSPECTION may be NULL for the store's only open one. */
static Reads *
load_reads (ScStore    *store,
            const char *inspection,
            GError    **error)
{
  g_autoptr (ScInspection) found = sc_store_find_inspection (store, inspection, error);
  g_autoptr (Reads) reads = g_new0 (Reads, 1);

  if (found == NULL)
    return NULL;
  reads->framework = sc_store_get_framework (store, found->framework, error);
  if (reads->framework == NULL)
    return NULL;
  reads->questions = form_questions (reads->framework);
  reads->reads = g_ptr_array_new_with_free_func ((GDestroyNotify) double_read_free);
  reads->moderations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) moderation_free);
  if (!load_pairs (store, found->id, reads->reads, error) ||
      !load_moderations (store, found->id, reads->moderations, error))
    return NULL;
  return g_steal_pointer (&reads);
}

/* Comparison */

static gboolean
parse_int (const char *text,
           gint64     *value)
{
  return text != NULL && g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, value, NULL);
}

static ScMatch
match_values (const ScQuestion *question,
              const char       *a,
              const char       *b)
{
  gint64 x, y;

  if (a == NULL || b == NULL)
    return SC_MATCH_MISSING;
  if (question->type == SC_QUESTION_SCALE && parse_int (a, &x) && parse_int (b, &y))
    return x == y ? SC_MATCH_EXACT : ABS (x - y) == 1 ? SC_MATCH_ADJACENT : SC_MATCH_DISCREPANT;
  if (question->type == SC_QUESTION_NUMBER)
    return g_ascii_strtod (a, NULL) == g_ascii_strtod (b, NULL) ? SC_MATCH_EXACT
                                                                 : SC_MATCH_DISCREPANT;
  return g_str_equal (a, b) ? SC_MATCH_EXACT : SC_MATCH_DISCREPANT;
}

static ScComparison *
compare_question (Reads            *reads,
                  const DoubleRead *read,
                  const ScQuestion *question)
{
  ScComparison *c = g_new0 (ScComparison, 1);
  g_autofree char *key = moderation_key (read->record, question->id);
  const Moderation *moderation = g_hash_table_lookup (reads->moderations, key);

  c->record_id = g_strdup (read->record);
  c->record_ref = g_strdup (read->ref);
  c->question = g_strdup (question->id);
  c->primary_reader = g_strdup (read->primary_reader);
  c->second_reader = g_strdup (read->second_reader);
  c->primary_value = g_strdup (g_hash_table_lookup (read->primary, question->id));
  c->second_value = g_strdup (g_hash_table_lookup (read->second, question->id));
  c->match = match_values (question, c->primary_value, c->second_value);
  if (moderation != NULL)
    {
      c->moderated_value = g_strdup (moderation->value);
      c->rationale = g_strdup (moderation->rationale);
      c->moderator = g_strdup (moderation->moderator);
    }
  return c;
}

GPtrArray *
sc_store_compare_inspection (ScStore    *store,
                             const char *inspection,
                             GError    **error)
{
  g_autoptr (Reads) reads = load_reads (store, inspection, error);
  GPtrArray *comparisons;

  if (reads == NULL)
    return NULL;
  comparisons = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_comparison_free);
  for (guint i = 0; i < reads->reads->len; i++)
    for (guint q = 0; q < reads->questions->len; q++)
      g_ptr_array_add (comparisons,
                       compare_question (reads, g_ptr_array_index (reads->reads, i),
                                         g_ptr_array_index (reads->questions, q)));
  return comparisons;
}

/* Ratings */

typedef struct
{
  const char *question;  /* one question; unit = record id */
  const char *indicator; /* the questions linked to it; unit = record/question */
  gboolean by_part;      /* readers "primary" and "second" rather than member ids */
  gboolean graded_only;  /* only the scale questions of the selection */
  const char *reader_a;  /* only the records these two members read together */
  const char *reader_b;
} Query;

static gboolean
is_rated (const ScQuestion *question)
{
  return question->type == SC_QUESTION_SCALE || question->type == SC_QUESTION_CHOICE ||
         question->type == SC_QUESTION_YESNO;
}

static gboolean
links_indicator (const ScQuestion *question,
                 const char       *indicator)
{
  for (guint i = 0; i < question->indicators->len; i++)
    if (g_str_equal (((ScIndicator *) g_ptr_array_index (question->indicators, i))->id,
                     indicator))
      return TRUE;
  return FALSE;
}

static gboolean
selected (const Query      *query,
          const ScQuestion *question)
{
  if (!is_rated (question) || (query->graded_only && question->type != SC_QUESTION_SCALE))
    return FALSE;
  if (query->question != NULL)
    return g_str_equal (query->question, question->id);
  return query->indicator == NULL || links_indicator (question, query->indicator);
}

static gboolean
read_by_pair (const Query      *query,
              const DoubleRead *read)
{
  if (query->reader_a == NULL)
    return TRUE;
  return (g_str_equal (read->primary_reader, query->reader_a) &&
          g_str_equal (read->second_reader, query->reader_b)) ||
         (g_str_equal (read->primary_reader, query->reader_b) &&
          g_str_equal (read->second_reader, query->reader_a));
}

static gboolean
add_read (ScRatings        *ratings,
          const Query      *query,
          const DoubleRead *read,
          const ScQuestion *question,
          GError          **error)
{
  g_autofree char *unit = query->question != NULL
                            ? g_strdup (read->record)
                            : g_strconcat (read->record, "/", question->id, NULL);

  return sc_ratings_add (ratings, unit, query->by_part ? "primary" : read->primary_reader,
                         g_hash_table_lookup (read->primary, question->id), error) &&
         sc_ratings_add (ratings, unit, query->by_part ? "second" : read->second_reader,
                         g_hash_table_lookup (read->second, question->id), error);
}

static ScRatings *
build_ratings (Reads       *reads,
               const Query *query,
               GError     **error)
{
  g_autoptr (ScRatings) ratings = sc_ratings_new ();

  for (guint i = 0; i < reads->reads->len; i++)
    {
      const DoubleRead *read = g_ptr_array_index (reads->reads, i);

      for (guint q = 0; read_by_pair (query, read) && q < reads->questions->len; q++)
        {
          const ScQuestion *question = g_ptr_array_index (reads->questions, q);

          if (selected (query, question) && !add_read (ratings, query, read, question, error))
            return NULL;
        }
    }
  return g_steal_pointer (&ratings);
}

static gboolean
selects_any (Reads       *reads,
             const Query *query)
{
  for (guint q = 0; q < reads->questions->len; q++)
    if (selected (query, g_ptr_array_index (reads->questions, q)))
      return TRUE;
  return FALSE;
}

/* Pooling labels of different questions with levels of a scale would make
 * every value a label and inflate kappa (each question brings its own
 * categories), so a pool is of the graded questions when it has any. */
static void
prefer_graded (Reads *reads,
               Query *query)
{
  query->graded_only = TRUE;
  if (!selects_any (reads, query))
    query->graded_only = FALSE;
}

static gboolean
check_query (Reads       *reads,
             const Query *query,
             GError     **error)
{
  const ScQuestion *question = NULL;

  if (query->question != NULL)
    question = sc_framework_lookup_question (reads->framework, query->question);
  if (query->question != NULL &&
      (question == NULL || !g_ptr_array_find (reads->questions, question, NULL)))
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                   _("The reading form has no question %s; “framework show” lists them"),
                   query->question);
      return FALSE;
    }
  if (question != NULL && !is_rated (question))
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("Agreement is counted on scale, choice and yes/no questions; %s is a %s "
                     "question"),
                   question->id, sc_question_type_to_string (question->type));
      return FALSE;
    }
  if (query->indicator != NULL &&
      sc_framework_lookup_indicator (reads->framework, query->indicator) == NULL)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                   _("The framework has no indicator %s; “framework show” lists them"),
                   query->indicator);
      return FALSE;
    }
  return TRUE;
}

static ScRatings *
query_ratings (ScStore    *store,
               const char *inspection,
               Query      *query,
               GError    **error)
{
  g_autoptr (Reads) reads = load_reads (store, inspection, error);

  if (reads == NULL || !check_query (reads, query, error))
    return NULL;
  return build_ratings (reads, query, error);
}

ScRatings *
sc_store_ratings (ScStore    *store,
                  const char *inspection,
                  const char *question_or_null,
                  const char *indicator_or_null,
                  GError    **error)
{
  Query query = { .question = question_or_null, .indicator = indicator_or_null };

  return query_ratings (store, inspection, &query, error);
}

ScRatings *
sc_store_ratings_by_part (ScStore    *store,
                          const char *inspection,
                          const char *question_or_null,
                          const char *indicator_or_null,
                          GError    **error)
{
  Query query = { .question = question_or_null, .indicator = indicator_or_null,
                  .by_part = TRUE };
  g_autoptr (Reads) reads = load_reads (store, inspection, error);

  if (reads == NULL || !check_query (reads, &query, error))
    return NULL;
  prefer_graded (reads, &query);
  return build_ratings (reads, &query, error);
}

/* The stats inspection document */

static JsonNode *
agreement_node (Reads                    *reads,
                const Query              *query,
                const ScAgreementOptions *options,
                GError                  **error)
{
  g_autoptr (ScRatings) ratings = build_ratings (reads, query, error);
  g_autoptr (ScAgreement) agreement = NULL;

  if (ratings == NULL)
    return NULL;
  agreement = sc_agreement_compute (ratings, options);
  return sc_agreement_to_json (agreement);
}

static gboolean
add_agreement (JsonBuilder              *builder,
               const char               *name,
               Reads                    *reads,
               const Query              *query,
               const ScAgreementOptions *options,
               GError                  **error)
{
  JsonNode *node = agreement_node (reads, query, options, error);

  if (node == NULL)
    return FALSE;
  json_builder_set_member_name (builder, name);
  json_builder_add_value (builder, node);
  return TRUE;
}

static gboolean
add_questions (JsonBuilder              *builder,
               Reads                    *reads,
               const ScAgreementOptions *options,
               GError                  **error)
{
  json_builder_set_member_name (builder, "questions");
  json_builder_begin_object (builder);
  for (guint q = 0; q < reads->questions->len; q++)
    {
      const ScQuestion *question = g_ptr_array_index (reads->questions, q);
      Query query = { .question = question->id, .by_part = TRUE };

      if (is_rated (question) &&
          !add_agreement (builder, question->id, reads, &query, options, error))
        return FALSE;
    }
  json_builder_end_object (builder);
  return TRUE;
}

static gboolean
add_indicators (JsonBuilder              *builder,
                Reads                    *reads,
                const ScAgreementOptions *options,
                GError                  **error)
{
  GPtrArray *indicators = sc_framework_get_indicators (reads->framework);

  json_builder_set_member_name (builder, "indicators");
  json_builder_begin_object (builder);
  for (guint i = 0; i < indicators->len; i++)
    {
      const ScIndicator *indicator = g_ptr_array_index (indicators, i);
      Query query = { .indicator = indicator->id, .by_part = TRUE };

      prefer_graded (reads, &query);
      if (selects_any (reads, &query) &&
          !add_agreement (builder, indicator->id, reads, &query, options, error))
        return FALSE;
    }
  json_builder_end_object (builder);
  return TRUE;
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  char * const *x = *(char ** const *) a;
  char * const *y = *(char ** const *) b;
  int first = strcmp (x[0], y[0]);

  return first != 0 ? first : strcmp (x[1], y[1]);
}

/* The pairs of members who read records together, each [A, B] with A the
 * earlier id, sorted. */
static GPtrArray *
reader_pairs (Reads *reads)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < reads->reads->len; i++)
    {
      const DoubleRead *read = g_ptr_array_index (reads->reads, i);
      gboolean ordered = strcmp (read->primary_reader, read->second_reader) < 0;
      const char *a = ordered ? read->primary_reader : read->second_reader;
      const char *b = ordered ? read->second_reader : read->primary_reader;
      char *key = g_strconcat (a, " ", b, NULL);

      if (!g_hash_table_add (seen, key))
        continue;
      g_ptr_array_add (pairs, g_strsplit (key, " ", 2));
    }
  g_ptr_array_sort (pairs, compare_pairs);
  return pairs;
}

static gboolean
add_pair (JsonBuilder              *builder,
          Reads                    *reads,
          char                    **pair,
          const ScAgreementOptions *options,
          GError                  **error)
{
  Query query = { .reader_a = pair[0], .reader_b = pair[1] };
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object;
  g_autoptr (GList) members = NULL;

  prefer_graded (reads, &query);
  node = agreement_node (reads, &query, options, error);
  if (node == NULL)
    return FALSE;
  object = json_node_get_object (node);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "readers");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, pair[0]);
  json_builder_add_string_value (builder, pair[1]);
  json_builder_end_array (builder);
  members = json_object_get_members (object);
  for (GList *m = members; m != NULL; m = m->next)
    {
      json_builder_set_member_name (builder, m->data);
      json_builder_add_value (builder, json_node_copy (json_object_get_member (object, m->data)));
    }
  json_builder_end_object (builder);
  return TRUE;
}

static gboolean
add_reader_pairs (JsonBuilder              *builder,
                  Reads                    *reads,
                  const ScAgreementOptions *options,
                  GError                  **error)
{
  g_autoptr (GPtrArray) pairs = reader_pairs (reads);

  json_builder_set_member_name (builder, "reader_pairs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pairs->len; i++)
    if (!add_pair (builder, reads, g_ptr_array_index (pairs, i), options, error))
      return FALSE;
  json_builder_end_array (builder);
  return TRUE;
}

typedef struct
{
  double sum;
  guint n;
} Mean;

static void
add_difference (GHashTable *means,
                const char *reader,
                const char *given,
                gint64      agreed)
{
  Mean *mean = g_hash_table_lookup (means, reader);
  gint64 value;

  if (mean == NULL)
    {
      mean = g_new0 (Mean, 1);
      g_hash_table_insert (means, g_strdup (reader), mean);
    }
  if (!parse_int (given, &value))
    return;
  mean->sum += (double) (value - agreed);
  mean->n++;
}

/* Each reader of READ against the moderated values of its graded questions. */
static void
add_moderated (Reads            *reads,
               const DoubleRead *read,
               GHashTable       *means)
{
  for (guint q = 0; q < reads->questions->len; q++)
    {
      const ScQuestion *question = g_ptr_array_index (reads->questions, q);
      g_autofree char *key = moderation_key (read->record, question->id);
      const Moderation *moderation = g_hash_table_lookup (reads->moderations, key);
      gint64 agreed;

      if (question->type != SC_QUESTION_SCALE || moderation == NULL ||
          !parse_int (moderation->value, &agreed))
        continue;
      add_difference (means, read->primary_reader,
                      g_hash_table_lookup (read->primary, question->id), agreed);
      add_difference (means, read->second_reader,
                      g_hash_table_lookup (read->second, question->id), agreed);
    }
}

/* Per reader: the mean of their value minus the moderated one. Every reader
 * of a compared record is listed, with nothing to average if need be. */
static GHashTable *
moderated_differences (Reads *reads)
{
  GHashTable *means = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < reads->reads->len; i++)
    {
      const DoubleRead *read = g_ptr_array_index (reads->reads, i);

      add_difference (means, read->primary_reader, NULL, 0);
      add_difference (means, read->second_reader, NULL, 0);
      add_moderated (reads, read, means);
    }
  return means;
}

static void
add_moderated_bias (JsonBuilder *builder,
                    Reads       *reads)
{
  g_autoptr (GHashTable) means = moderated_differences (reads);
  g_autoptr (GList) readers = g_list_sort (g_hash_table_get_keys (means),
                                           (GCompareFunc) strcmp);

  json_builder_set_member_name (builder, "moderated_bias");
  json_builder_begin_object (builder);
  for (GList *r = readers; r != NULL; r = r->next)
    {
      const Mean *mean = g_hash_table_lookup (means, r->data);

      json_builder_set_member_name (builder, r->data);
      if (mean->n > 0)
        json_builder_add_double_value (builder, mean->sum / mean->n);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
}

JsonNode *
sc_store_inspection_stats (ScStore                  *store,
                           const char               *inspection,
                           const ScAgreementOptions *options,
                           GError                  **error)
{
  g_autoptr (Reads) reads = load_reads (store, inspection, error);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  Query overall = { .by_part = TRUE };

  if (reads == NULL)
    return NULL;
  prefer_graded (reads, &overall);
  json_builder_begin_object (builder);
  if (!add_agreement (builder, "overall", reads, &overall, options, error) ||
      !add_questions (builder, reads, options, error) ||
      !add_indicators (builder, reads, options, error) ||
      !add_reader_pairs (builder, reads, options, error))
    return NULL;
  add_moderated_bias (builder, reads);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Evidence for evaluations */

typedef struct
{
  GPtrArray *list;       /* ScIndicatorEvidence*, framework order */
  GHashTable *by_id;     /* indicator id -> ScIndicatorEvidence* */
  GHashTable *readings;  /* indicator id -> set of reading ids counted */
} Evidence;

static void
evidence_clear (Evidence *evidence)
{
  g_clear_pointer (&evidence->list, g_ptr_array_unref);
  g_clear_pointer (&evidence->by_id, g_hash_table_unref);
  g_clear_pointer (&evidence->readings, g_hash_table_unref);
}

static void
evidence_init (Evidence          *evidence,
               const ScFramework *framework)
{
  GPtrArray *indicators = sc_framework_get_indicators (framework);

  evidence->list = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_indicator_evidence_free);
  evidence->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  evidence->readings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < indicators->len; i++)
    {
      ScIndicatorEvidence *item = g_new0 (ScIndicatorEvidence, 1);

      item->indicator = g_strdup (((ScIndicator *) g_ptr_array_index (indicators, i))->id);
      g_ptr_array_add (evidence->list, item);
      g_hash_table_insert (evidence->by_id, item->indicator, item);
      g_hash_table_insert (evidence->readings, item->indicator,
                           g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
    }
}

static void
count_answer (Evidence         *evidence,
              const char       *indicator,
              const char       *reading,
              const ScQuestion *question,
              const char       *value)
{
  ScIndicatorEvidence *item = g_hash_table_lookup (evidence->by_id, indicator);
  gint64 level;

  if (item == NULL)
    return;
  item->n_answers++;
  if (g_hash_table_add (g_hash_table_lookup (evidence->readings, indicator), g_strdup (reading)))
    item->n_readings++;
  if (question != NULL && question->type == SC_QUESTION_SCALE && parse_int (value, &level) &&
      level >= 0 && level <= SC_EVIDENCE_MAX_LEVEL)
    item->level_counts[level]++;
}

/* An answer bears on its question's indicators and on those it is tagged
 * with, each once. */
static void
count_answer_row (Evidence          *evidence,
                  const ScFramework *framework,
                  sqlite3_stmt      *stmt)
{
  const char *reading = (const char *) sqlite3_column_text (stmt, 0);
  const ScQuestion *question = sc_framework_lookup_question (
    framework, (const char *) sqlite3_column_text (stmt, 1));
  const char *value = (const char *) sqlite3_column_text (stmt, 2);
  g_auto (GStrv) tags = sc_split_words ((const char *) sqlite3_column_text (stmt, 3));
  g_autoptr (GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; question != NULL && i < question->indicators->len; i++)
    {
      const char *id = ((ScIndicator *) g_ptr_array_index (question->indicators, i))->id;

      if (g_hash_table_add (done, (gpointer) id))
        count_answer (evidence, id, reading, question, value);
    }
  for (guint i = 0; tags[i] != NULL; i++)
    if (g_hash_table_add (done, tags[i]))
      count_answer (evidence, tags[i], reading, question, value);
}

static gboolean
count_answers (ScStore     *store,
               const char  *inspection,
               Evidence    *evidence,
               ScFramework *framework,
               GError     **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT r.id, x.question, coalesce (m.value, x.value), x.indicators FROM answer x"
    " JOIN reading r ON r.id = x.reading JOIN assignment a ON a.id = r.assignment"
    " JOIN record rec ON rec.id = a.record"
    " LEFT JOIN moderation m ON m.record = a.record AND m.question = x.question"
    "   AND m.deleted = 0"
    " WHERE rec.inspection = ? AND rec.deleted = 0 AND a.deleted = 0 AND r.deleted = 0"
    " AND x.deleted = 0 AND r.status = 'submitted'"
    " AND coalesce (m.value, x.value) IS NOT NULL",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, inspection);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    count_answer_row (evidence, framework, stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || sc_store_fail (store, rc, error);
}

static gboolean
count_notes (ScStore    *store,
             const char *inspection,
             Evidence   *evidence,
             GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT n.indicators FROM note n JOIN focus_group g ON g.id = n.focus_group"
    " WHERE g.inspection = ? AND g.deleted = 0 AND n.deleted = 0",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, inspection);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto (GStrv) tags = sc_split_words ((const char *) sqlite3_column_text (stmt, 0));
      g_autoptr (GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; tags[i] != NULL; i++)
        {
          ScIndicatorEvidence *item = g_hash_table_lookup (evidence->by_id, tags[i]);

          if (item != NULL && g_hash_table_add (done, tags[i]))
            item->n_notes++;
        }
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || sc_store_fail (store, rc, error);
}

GPtrArray *
sc_store_indicator_evidence (ScStore    *store,
                             const char *inspection,
                             GError    **error)
{
  g_autoptr (ScInspection) found = sc_store_find_inspection (store, inspection, error);
  ScFramework *framework = NULL;
  Evidence evidence = { NULL };
  GPtrArray *list = NULL;

  if (found != NULL)
    framework = sc_store_get_framework (store, found->framework, error);
  if (framework == NULL)
    return NULL;
  evidence_init (&evidence, framework);
  if (count_answers (store, found->id, &evidence, framework, error) &&
      count_notes (store, found->id, &evidence, error))
    list = g_steal_pointer (&evidence.list);
  evidence_clear (&evidence);
  return list;
}
