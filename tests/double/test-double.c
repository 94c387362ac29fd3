/* test-double.c: allocation in the store, blind second reads, comparison,
 * moderation, ratings, the stats inspection document and evidence
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "sc-answer.h"
#include "sc-double-reading.h"
#include "sc-model.h"
#include "sc-store-private.h"
#include "sc-test-util.h"

#define PASSPHRASE "correct horse battery staple"

typedef struct
{
  char *base;
  ScStore *store;
  ScFramework *framework; /* borrowed from the store */
  char *inspection;
  char *owner; /* O, the lead */
  char *a;     /* inspectors on the team */
  char *b;
  char *c;     /* a member not on the team at first */
} Fixture;

static char *
add_member (Fixture    *f,
            const char *name,
            gboolean    on_team)
{
  g_autoptr (GError) error = NULL;
  char *id = sc_store_add_member (f->store, name, "inspector", &error);

  g_assert_no_error (error);
  if (on_team)
    g_assert_true (sc_store_add_team_member (f->store, f->inspection, id, "inspector", &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (ScFramework) loaded = sc_framework_load_builtin ("ci-joint-children-2012", &error);
  g_autofree char *framework_row = NULL;
  ScInspection spec = { .title = (char *) "Double reading test", .double_read_fraction = 0.2 };
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text (PASSPHRASE, -1);

  f->base = g_dir_make_tmp ("scrutineer-double-XXXXXX", &error);
  dir = g_build_filename (f->base, "store", NULL);
  f->store = sc_store_create (dir, passphrase, SC_KDF_INTERACTIVE, "Olive Lead", "lead", NULL,
                              &error);
  g_assert_no_error (error);
  framework_row = sc_store_import_framework (f->store, loaded, &error);
  spec.framework = framework_row;
  f->inspection = sc_store_create_inspection (f->store, &spec, &error);
  g_assert_no_error (error);
  f->framework = sc_store_get_inspection_framework (f->store, f->inspection, &error);
  f->owner = g_strdup (sc_store_get_owner_id (f->store));
  g_assert_true (sc_store_add_team_member (f->store, f->inspection, f->owner, "lead", &error));
  g_assert_no_error (error);
  f->a = add_member (f, "Alex Reader", TRUE);
  f->b = add_member (f, "Bea Reader", TRUE);
  f->c = add_member (f, "Cal Reader", FALSE);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  sc_store_close (f->store);
  sc_test_remove_tree (f->base);
  g_free (f->base);
  g_free (f->inspection);
  g_free (f->owner);
  g_free (f->a);
  g_free (f->b);
  g_free (f->c);
}

static char *
add_record (Fixture    *f,
            const char *ref,
            const char *cohort)
{
  g_autoptr (GError) error = NULL;
  const char *cohorts[] = { cohort, NULL };
  char *id = sc_store_add_record (f->store, f->inspection, ref, cohorts, "5-11", "voluntary",
                                  &error);

  g_assert_no_error (error);
  return id;
}

static const char *
default_answer (const ScQuestion *question)
{
  switch (question->type)
    {
    case SC_QUESTION_SCALE:
      return "4";
    case SC_QUESTION_CHOICE:
    case SC_QUESTION_MULTI:
      return ((ScChoice *) g_ptr_array_index (question->choices->choices, 0))->id;
    case SC_QUESTION_YESNO:
      return "no";
    case SC_QUESTION_DATE:
      return "2026-01-05";
    case SC_QUESTION_NUMBER:
      return "1";
    case SC_QUESTION_TEXT:
    default:
      return "Noted";
    }
}

/* Answers READING: the given question/value pairs, then every required
 * question that shows with its default; submits when asked. */
static void
fill (Fixture            *f,
      const char         *reading,
      const char * const *pairs,
      gboolean            submit)
{
  g_autoptr (GError) error = NULL;
  const ScInstrument *form = sc_framework_find_instrument (f->framework,
                                                           SC_INSTRUMENT_KIND_RECORD);
  g_autoptr (GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i += 2)
    g_hash_table_insert (values, (gpointer) pairs[i], (gpointer) pairs[i + 1]);
  for (guint g = 0; g < form->groups->len; g++)
    {
      const ScGroup *group = g_ptr_array_index (form->groups, g);

      for (guint q = 0; q < group->questions->len; q++)
        {
          const ScQuestion *question = g_ptr_array_index (group->questions, q);
          const char *value = g_hash_table_lookup (values, question->id);

          if (value == NULL && question->required &&
              sc_question_is_visible (f->framework, question, values))
            {
              value = default_answer (question);
              g_hash_table_insert (values, question->id, (gpointer) value);
            }
          if (value != NULL)
            {
              g_autofree char *normal = sc_answer_normalise (question, value, &error);

              g_assert_no_error (error);
              g_assert_true (sc_store_write_answer (f->store, reading, question->id, normal,
                                                    NULL, NULL, FALSE, &error));
            }
          g_assert_no_error (error);
        }
    }
  if (submit)
    g_assert_true (sc_store_submit_reading_as (f->store, reading, FALSE, &error));
  g_assert_no_error (error);
}

static char *
open_reading (Fixture    *f,
              const char *record,
              const char *reader)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScReading) reading = sc_store_open_reading (f->store, record, reader, &error);

  g_assert_no_error (error);
  return g_strdup (reading->id);
}

/* A record REF read by PRIMARY then SECOND, each answering as given. */
static char *
double_read (Fixture            *f,
             const char         *ref,
             const char         *primary,
             const char * const *primary_answers,
             const char         *second,
             const char * const *second_answers,
             gboolean            submit)
{
  g_autoptr (GError) error = NULL;
  char *record = add_record (f, ref, "tracked");
  g_autofree char *first = NULL;
  g_autofree char *other = NULL;
  g_autofree char *p = sc_store_assign (f->store, record, primary, "primary", &error);
  g_autofree char *s = sc_store_assign (f->store, record, second, "second", &error);

  g_assert_no_error (error);
  first = open_reading (f, record, primary);
  other = open_reading (f, record, second);
  fill (f, first, primary_answers, submit);
  fill (f, other, second_answers, submit);
  return record;
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (f->store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_assert_cmpint (sqlite3_exec (f->store->db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* Allocation in the store */

/* record id -> "primary second" as stored. */
static GHashTable *
stored_allocation (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = sc_store_list_records (f->store, f->inspection, &error);
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < records->len; i++)
    {
      ScRecord *record = g_ptr_array_index (records, i);
      sqlite3_stmt *stmt = NULL;
      g_autofree char *primary = NULL;
      g_autofree char *second = NULL;

      sqlite3_prepare_v2 (f->store->db,
                          "SELECT reader, kind FROM assignment WHERE record = ? AND deleted = 0",
                          -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, record->id, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          char **slot = g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "primary")
                          ? &primary : &second;

          g_assert_null (*slot);
          *slot = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        }
      sqlite3_finalize (stmt);
      g_assert_nonnull (primary);
      g_assert_cmpstr (primary, !=, second);
      g_hash_table_insert (out, g_strdup (record->id),
                           g_strdup_printf ("%s %s", primary, second != NULL ? second : "-"));
    }
  return out;
}

static void
add_cohort_records (Fixture *f,
                    guint    n)
{
  static const char * const cycle[] = { "audited", "tracked", "sampled", "tracked", "sampled" };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ref = g_strdup_printf ("R-%04u", i + 1);
      g_autofree char *id = add_record (f, ref, cycle[i % G_N_ELEMENTS (cycle)]);
    }
}

static void
assert_loads_within_one (const ScAllocationSummary *summary)
{
  guint low = G_MAXUINT, high = 0;

  for (guint i = 0; i < summary->loads->len; i++)
    {
      ScReaderLoad *load = g_ptr_array_index (summary->loads, i);

      g_assert_nonnull (load->name);
      low = MIN (low, load->n_primary + load->n_second);
      high = MAX (high, load->n_primary + load->n_second);
    }
  g_assert_cmpuint (high - low, <=, 1);
}

static void
test_store_allocate (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScAllocationSummary) summary = NULL;
  g_autoptr (ScAllocationSummary) again = NULL;
  g_autoptr (ScInspection) inspection = NULL;
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (GHashTable) after = NULL;
  GHashTableIter iter;
  gpointer key, value;

  add_cohort_records (f, 40);
  g_assert_null (sc_store_allocate (f->store, f->inspection, 1.5, 99, &error));
  g_assert_error (error, SC_ALLOCATION_ERROR, SC_ALLOCATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM assignment"), ==, 0);

  summary = sc_store_allocate (f->store, f->inspection, 0.25, 99, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_records, ==, 40);
  g_assert_cmpuint (summary->n_double, ==, 10);
  g_assert_cmpuint (summary->n_changed, ==, 50);
  g_assert_cmpuint (summary->loads->len, ==, 3);
  assert_loads_within_one (summary);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit WHERE action = 'assign'"), ==, 50);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit WHERE action = 'allocate'"), ==, 1);

  inspection = sc_store_find_inspection (f->store, f->inspection, &error);
  g_assert_cmpfloat (inspection->double_read_fraction, ==, 0.25);
  g_assert_cmpint (inspection->allocation_seed, ==, 99);

  /* The same again moves nothing. */
  before = stored_allocation (f);
  again = sc_store_allocate (f->store, f->inspection, 0.25, 99, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_changed, ==, 0);
  after = stored_allocation (f);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (after, key), ==, value);
}

/* A lower fraction withdraws unstarted second reads; started ones stay. */
static void
test_store_lower_fraction (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScAllocationSummary) summary = NULL;
  g_autoptr (GHashTable) allocation = NULL;
  g_autofree char *started = NULL;
  g_autofree char *started_reader = NULL;
  GHashTableIter iter;
  gpointer key, value;

  add_cohort_records (f, 20);
  summary = sc_store_allocate (f->store, f->inspection, 0.5, 3, &error);
  g_assert_no_error (error);
  allocation = stored_allocation (f);
  g_hash_table_iter_init (&iter, allocation);
  while (started == NULL && g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto (GStrv) readers = g_strsplit (value, " ", 2);

      if (!g_str_equal (readers[1], "-"))
        {
          g_autofree char *reading = open_reading (f, key, readers[1]);

          fill (f, reading, NULL, FALSE);
          started = g_strdup (key);
          started_reader = g_strdup (readers[1]);
        }
    }
  g_clear_pointer (&summary, sc_allocation_summary_free);
  summary = sc_store_allocate (f->store, f->inspection, 0.0, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_double, ==, 1);
  g_clear_pointer (&allocation, g_hash_table_unref);
  allocation = stored_allocation (f);
  g_assert_true (g_str_has_suffix (g_hash_table_lookup (allocation, started), started_reader));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM assignment WHERE deleted = 0"
                                  " AND kind = 'second'"),
                   ==, 1);
}

static void
test_store_reallocate (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScAllocationSummary) summary = NULL;
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (GHashTable) after = NULL;
  g_autoptr (GPtrArray) started = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *empty_draft = NULL;
  g_autofree char *sql = NULL;
  GHashTableIter iter;
  gpointer key, value;

  add_cohort_records (f, 30);
  summary = sc_store_allocate (f->store, f->inspection, 0.2, 8, &error);
  g_assert_no_error (error);
  before = stored_allocation (f);

  /* A starts two of their records and opens a third without answering. */
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (value, f->a) && started->len < 2)
      {
        g_autofree char *reading = open_reading (f, key, f->a);

        fill (f, reading, NULL, started->len == 0);
        g_ptr_array_add (started, g_strdup (key));
      }
    else if (g_str_has_prefix (value, f->a) && empty_draft == NULL)
      {
        g_autofree char *reading = open_reading (f, key, f->a);

        empty_draft = g_strdup (key);
      }

  /* A leaves the team and C joins. */
  sql = g_strdup_printf ("UPDATE team_member SET deleted = 1 WHERE member = '%s'", f->a);
  exec_sql (f, sql);
  g_assert_true (sc_store_add_team_member (f->store, f->inspection, f->c, "inspector", &error));
  g_clear_pointer (&summary, sc_allocation_summary_free);
  summary = sc_store_reallocate (f->store, f->inspection, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_double, ==, 6);
  assert_loads_within_one (summary);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit WHERE action = 'reallocate'"),
                   ==, 1);

  after = stored_allocation (f);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *now = g_hash_table_lookup (after, key);
      gboolean was_started = g_ptr_array_find_with_equal_func (started, key, g_str_equal, NULL);

      /* The sample stays; started work keeps its reader; A keeps nothing else. */
      g_assert_cmpint (g_str_has_suffix (value, " -"), ==, g_str_has_suffix (now, " -"));
      if (was_started)
        g_assert_true (g_str_has_prefix (now, f->a));
      else
        g_assert_null (strstr (now, f->a));
    }
  /* The empty draft went with its assignment. */
  g_assert_nonnull (empty_draft);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM reading WHERE deleted = 1"), ==, 1);
}

/* Blind second reads */

static void
assert_blind (GError *error)
{
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_BLIND);
  g_assert_nonnull (strstr (error->message,
                            "the other reading stays hidden until both readings are submitted"));
}

static void
test_blind (Fixture      *f,
            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *record = double_read (f, "R-0001", f->owner, NULL, f->a, NULL, FALSE);
  g_autofree char *mine = open_reading (f, record, f->owner);
  g_autofree char *theirs = open_reading (f, record, f->a);
  g_autofree char *single = add_record (f, "R-0002", "sampled");
  g_autofree char *single_reading = open_reading (f, single, f->b);
  g_autoptr (GHashTable) answers = NULL;
  g_autoptr (ScReading) other = NULL;

  /* Before either is submitted: each sees only their own. */
  answers = sc_store_get_answers (f->store, mine, &error);
  g_assert_no_error (error);
  g_clear_pointer (&answers, g_hash_table_unref);
  g_assert_null (sc_store_get_answers (f->store, theirs, &error));
  assert_blind (error);
  g_clear_error (&error);
  g_assert_null (sc_store_get_answers_as (f->store, mine, f->a, &error));
  assert_blind (error);
  g_clear_error (&error);
  g_assert_null (sc_store_get_other_reading (f->store, record, f->owner, &error));
  assert_blind (error);
  g_clear_error (&error);
  /* Nor does anyone else, the lead or a moderator. */
  g_assert_null (sc_store_get_answers_as (f->store, theirs, f->b, &error));
  assert_blind (error);
  g_clear_error (&error);

  /* One submitted is not enough. */
  g_assert_true (sc_store_submit_reading_as (f->store, mine, FALSE, &error));
  g_assert_null (sc_store_get_answers (f->store, theirs, &error));
  assert_blind (error);
  g_clear_error (&error);
  g_assert_null (sc_store_get_other_reading (f->store, record, f->a, &error));
  assert_blind (error);
  g_clear_error (&error);

  /* Both submitted: visible to both readers and to others. */
  g_assert_true (sc_store_submit_reading_as (f->store, theirs, FALSE, &error));
  answers = sc_store_get_answers (f->store, theirs, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_hash_table_lookup (answers, "overall-evaluation"));
  g_clear_pointer (&answers, g_hash_table_unref);
  answers = sc_store_get_answers_as (f->store, mine, f->b, &error);
  g_assert_no_error (error);
  other = sc_store_get_other_reading (f->store, record, f->owner, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other->id, ==, theirs);
  g_clear_pointer (&other, sc_reading_free);

  /* Reopening hides it again. */
  g_assert_true (sc_store_reopen_reading (f->store, mine, "Typo in a date", &error));
  g_assert_null (sc_store_get_other_reading (f->store, record, f->a, &error));
  assert_blind (error);
  g_clear_error (&error);

  /* A record read once is not blind; one not double read by the asker has
   * no other reading. */
  g_clear_pointer (&answers, g_hash_table_unref);
  answers = sc_store_get_answers (f->store, single_reading, &error);
  g_assert_no_error (error);
  g_assert_null (sc_store_get_other_reading (f->store, single, f->b, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sc_store_get_other_reading (f->store, record, f->b, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND);
}

/* Comparison */

static const ScComparison *
find_comparison (GPtrArray  *comparisons,
                 const char *record,
                 const char *question)
{
  for (guint i = 0; i < comparisons->len; i++)
    {
      const ScComparison *c = g_ptr_array_index (comparisons, i);

      if (g_str_equal (c->record_id, record) && g_str_equal (c->question, question))
        return c;
    }
  g_assert_not_reached ();
}

static void
test_compare (Fixture      *f,
              gconstpointer data)
{
  static const char * const first[] = {
    "assessment-exists", "yes", "assessment-quality", "4", "plan-exists", "yes",
    "plan-quality", "3", "overall-evaluation", "6", "child-views-recorded", "yes",
    "child-seen", "yes", "initial-response", "5", "worker-changes", "2", NULL,
  };
  static const char * const second[] = {
    "assessment-exists", "yes", "assessment-quality", "good", "plan-exists", "yes",
    "plan-quality", "4", "overall-evaluation", "2", "child-views-recorded", "no",
    "child-seen", "no", "worker-changes", "2.0", NULL,
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *later = double_read (f, "R-0002", f->b, first, f->owner, first, TRUE);
  g_autofree char *record = double_read (f, "R-0001", f->a, first, f->b, second, TRUE);
  g_autofree char *pending = double_read (f, "R-0003", f->a, first, f->b, second, FALSE);
  g_autoptr (GPtrArray) comparisons = sc_store_compare_inspection (f->store, f->inspection,
                                                                   &error);
  const ScInstrument *form = sc_framework_find_instrument (f->framework,
                                                           SC_INSTRUMENT_KIND_RECORD);
  const ScComparison *c;

  g_assert_no_error (error);
  /* Two records with both readings submitted, every question, ref order. */
  g_assert_cmpuint (comparisons->len, ==, 2 * sc_instrument_count_questions (form));
  c = g_ptr_array_index (comparisons, 0);
  g_assert_cmpstr (c->record_ref, ==, "R-0001");
  g_assert_cmpstr (c->question, ==, "child-age-band");
  g_assert_cmpstr (c->primary_reader, ==, f->a);
  g_assert_cmpstr (c->second_reader, ==, f->b);
  c = g_ptr_array_index (comparisons, comparisons->len - 1);
  g_assert_cmpstr (c->record_ref, ==, "R-0002");

  /* "good" is level 4. */
  c = find_comparison (comparisons, record, "assessment-quality");
  g_assert_cmpstr (c->primary_value, ==, "4");
  g_assert_cmpstr (c->second_value, ==, "4");
  g_assert_cmpint (c->match, ==, SC_MATCH_EXACT);
  g_assert_cmpstr (sc_match_to_string (c->match), ==, "exact");
  c = find_comparison (comparisons, record, "plan-quality");
  g_assert_cmpint (c->match, ==, SC_MATCH_ADJACENT);
  c = find_comparison (comparisons, record, "overall-evaluation");
  g_assert_cmpint (c->match, ==, SC_MATCH_DISCREPANT);
  g_assert_cmpstr (sc_match_to_string (c->match), ==, "discrepant");
  c = find_comparison (comparisons, record, "child-views-recorded");
  g_assert_cmpint (c->match, ==, SC_MATCH_DISCREPANT);
  c = find_comparison (comparisons, record, "child-age-band");
  g_assert_cmpint (c->match, ==, SC_MATCH_EXACT);
  c = find_comparison (comparisons, record, "child-seen");
  g_assert_cmpint (c->match, ==, SC_MATCH_DISCREPANT);
  c = find_comparison (comparisons, record, "risks-identified");
  g_assert_cmpint (c->match, ==, SC_MATCH_EXACT);
  c = find_comparison (comparisons, record, "initial-response");
  g_assert_cmpint (c->match, ==, SC_MATCH_MISSING);
  g_assert_null (c->second_value);
  g_assert_cmpstr (sc_match_to_string (c->match), ==, "missing");
  c = find_comparison (comparisons, record, "worker-changes");
  g_assert_cmpint (c->match, ==, SC_MATCH_EXACT);
  g_assert_null (c->moderated_value);
}

/* Moderation */

static void
test_moderate (Fixture      *f,
               gconstpointer data)
{
  static const char * const first[] = { "overall-evaluation", "5", NULL };
  static const char * const second[] = { "overall-evaluation", "3", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *record = double_read (f, "R-0001", f->a, first, f->b, second, TRUE);
  g_autofree char *pending = double_read (f, "R-0002", f->a, first, f->b, second, FALSE);
  g_autofree char *single = add_record (f, "R-0003", "sampled");
  g_autoptr (GPtrArray) comparisons = NULL;
  const ScComparison *c;

  g_assert_false (sc_store_moderate (f->store, record, "overall-evaluation", "4", "  ", &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "rationale"));
  g_clear_error (&error);
  g_assert_false (sc_store_moderate (f->store, record, "overall-evaluation", "4", NULL, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sc_store_moderate (f->store, record, "overall-evaluation", "9", "Why",
                                     &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sc_store_moderate (f->store, record, "no-such-question", "4", "Why", &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sc_store_moderate (f->store, pending, "overall-evaluation", "4", "Why",
                                     &error));
  assert_blind (error);
  g_clear_error (&error);
  g_assert_false (sc_store_moderate (f->store, single, "overall-evaluation", "4", "Why",
                                     &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM moderation"), ==, 0);

  g_assert_true (sc_store_moderate (f->store, record, "overall-evaluation", "adequate",
                                    "The chronology shows no plan for six weeks", &error));
  g_assert_no_error (error);
  g_assert_true (sc_store_moderate (f->store, record, "overall-evaluation", "good",
                                    " Reviewed with the panel ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM moderation"), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit WHERE action = 'moderate'"
                                  " AND tbl = 'moderation'"),
                   ==, 2);

  comparisons = sc_store_compare_inspection (f->store, f->inspection, &error);
  c = find_comparison (comparisons, record, "overall-evaluation");
  g_assert_cmpint (c->match, ==, SC_MATCH_DISCREPANT);
  g_assert_cmpstr (c->moderated_value, ==, "4");
  g_assert_cmpstr (c->rationale, ==, "Reviewed with the panel");
  g_assert_cmpstr (c->moderator, ==, f->owner);
}

/* Ratings, statistics and evidence on a small case worked by hand:
 *
 *   record  readers (primary, second)  assessment-quality  plan-quality  overall-evaluation
 *   R-0001  A, B                        4, 4                3, 4          4, 4
 *   R-0002  A, B                        5, 3                2, 2          3, 4
 *   R-0003  B, O                        4, 5                4, 4          2, 2
 *
 * Pooled over the three graded questions, primary against second: 9 pairs,
 * 5 exact, 8 within one, bias (0+1+0-2+0+1+1+0+0)/9 = 1/9. Primary counts of
 * levels 2, 3, 4, 5: 2, 2, 4, 1; second: 2, 1, 5, 1; expected agreement
 * (4+2+20+1)/81 = 1/3, so kappa = (5/9 - 1/3) / (2/3) = 1/3. */
static void
worked_case (Fixture *f,
             char   **records)
{
  const char * const r1a[] = { "assessment-exists", "yes", "assessment-quality", "4",
                               "plan-exists", "yes", "plan-quality", "3",
                               "overall-evaluation", "4", NULL };
  const char * const r1b[] = { "assessment-exists", "yes", "assessment-quality", "4",
                               "plan-exists", "yes", "plan-quality", "4",
                               "overall-evaluation", "4", NULL };
  const char * const r2a[] = { "assessment-exists", "yes", "assessment-quality", "5",
                               "plan-exists", "yes", "plan-quality", "2",
                               "overall-evaluation", "3", NULL };
  const char * const r2b[] = { "assessment-exists", "yes", "assessment-quality", "3",
                               "plan-exists", "yes", "plan-quality", "2",
                               "overall-evaluation", "4", NULL };
  const char * const r3b[] = { "assessment-exists", "yes", "assessment-quality", "4",
                               "plan-exists", "yes", "plan-quality", "4",
                               "overall-evaluation", "2", NULL };
  const char * const r3o[] = { "assessment-exists", "yes", "assessment-quality", "5",
                               "plan-exists", "yes", "plan-quality", "4",
                               "overall-evaluation", "2", NULL };

  records[0] = double_read (f, "R-0001", f->a, r1a, f->b, r1b, TRUE);
  records[1] = double_read (f, "R-0002", f->a, r2a, f->b, r2b, TRUE);
  records[2] = double_read (f, "R-0003", f->b, r3b, f->owner, r3o, TRUE);
}

static void
test_ratings (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  char *records[3];
  g_autoptr (ScRatings) one = NULL;
  g_autoptr (ScRatings) indicator = NULL;
  g_autoptr (ScRatings) all = NULL;
  g_autoptr (ScRatings) by_part = NULL;
  g_autoptr (ScAgreement) agreement = NULL;

  worked_case (f, records);
  one = sc_store_ratings (f->store, f->inspection, "assessment-quality", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc_ratings_get_n_units (one), ==, 3);
  g_assert_cmpuint (sc_ratings_get_n_readers (one), ==, 3); /* A, B and O */
  g_assert_true (sc_ratings_is_numeric (one));

  /* 5.3: plan-exists, plan-quality, overall-evaluation answered (and
   * permanence-without-delay, legal-measures-appropriate not answered). */
  indicator = sc_store_ratings (f->store, f->inspection, NULL, "5.3", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc_ratings_get_n_units (indicator), ==, 9);
  g_assert_false (sc_ratings_is_numeric (indicator)); /* yes/no pooled with levels */

  all = sc_store_ratings (f->store, f->inspection, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Per record: 3 graded and the required choice and yes/no questions:
   * child-age-band, child-legal-status, chronology-exists, assessment-exists,
   * risks-identified, plan-exists, child-views-recorded, management-oversight,
   * outcomes-direction, safety-concern. */
  g_assert_cmpuint (sc_ratings_get_n_units (all), ==, 3 * 13);

  by_part = sc_store_ratings_by_part (f->store, f->inspection, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc_ratings_get_n_units (by_part), ==, 9);
  g_assert_cmpuint (sc_ratings_get_n_readers (by_part), ==, 2);
  agreement = sc_agreement_compute (by_part, NULL);
  g_assert_cmpstr (agreement->readers[0], ==, "primary");
  g_assert_cmpfloat_with_epsilon (agreement->estimates[SC_AGREEMENT_KAPPA].value, 1.0 / 3,
                                  1e-12);

  g_assert_null (sc_store_ratings (f->store, f->inspection, "no-such", NULL, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sc_store_ratings (f->store, f->inspection, "fg-risk", NULL, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sc_store_ratings (f->store, f->inspection, "overall-reasons", NULL, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sc_store_ratings (f->store, f->inspection, NULL, "99.9", &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND);
  for (guint i = 0; i < 3; i++)
    g_free (records[i]);
}

static const char * const agreement_keys[] = {
  "n_units", "n_pairs", "exact", "within_one", "kappa", "kappa_linear", "kappa_quadratic",
  "alpha_nominal", "alpha_ordinal", "alpha_interval", "confusion", "bias", "ci", NULL,
};

static void
assert_keys (JsonObject         *object,
             const char * const *keys,
             const char         *extra)
{
  guint n = 0;

  for (guint i = 0; keys[i] != NULL; i++, n++)
    g_assert_true (json_object_has_member (object, keys[i]));
  if (extra != NULL)
    {
      g_assert_true (json_object_has_member (object, extra));
      n++;
    }
  g_assert_cmpuint (json_object_get_size (object), ==, n);
}

static double
number (JsonObject *object,
        const char *key)
{
  return json_object_get_double_member (object, key);
}

static void
check_overall (JsonObject *overall)
{
  JsonObject *confusion = json_object_get_object_member (overall, "confusion");
  JsonArray *labels = json_object_get_array_member (confusion, "labels");
  JsonArray *matrix = json_object_get_array_member (confusion, "matrix");
  static const int expected[4][4] = { { 2, 0, 0, 0 }, { 0, 0, 2, 0 }, { 0, 0, 3, 1 },
                                      { 0, 1, 0, 0 } };

  assert_keys (overall, agreement_keys, NULL);
  g_assert_cmpint (json_object_get_int_member (overall, "n_pairs"), ==, 9);
  g_assert_cmpfloat_with_epsilon (number (overall, "exact"), 5.0 / 9, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (overall, "within_one"), 8.0 / 9, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (overall, "bias"), 1.0 / 9, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (overall, "kappa"), 1.0 / 3, 1e-12);
  g_assert_cmpuint (json_array_get_length (labels), ==, 4);
  g_assert_cmpint (json_array_get_int_element (labels, 0), ==, 2);
  for (guint i = 0; i < 4; i++)
    for (guint j = 0; j < 4; j++)
      g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (matrix, i), j),
                       ==, expected[i][j]);
}

static void
check_parts (Fixture    *f,
             JsonObject *root)
{
  JsonObject *questions = json_object_get_object_member (root, "questions");
  JsonObject *indicators = json_object_get_object_member (root, "indicators");
  JsonObject *quality = json_object_get_object_member (questions, "assessment-quality");
  JsonObject *views = json_object_get_object_member (questions, "child-views-recorded");
  JsonObject *planning = json_object_get_object_member (indicators, "5.3");
  g_autoptr (GList) members = json_object_get_members (questions);

  for (GList *m = members; m != NULL; m = m->next)
    assert_keys (json_object_get_object_member (questions, m->data), agreement_keys, NULL);
  g_assert_false (json_object_has_member (questions, "overall-reasons"));
  g_assert_false (json_object_has_member (questions, "worker-changes"));
  /* (4,4) (5,3) (4,5): one exact, two within one, bias (0-2+1)/3. */
  g_assert_cmpfloat_with_epsilon (number (quality, "exact"), 1.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (quality, "within_one"), 2.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (quality, "bias"), -1.0 / 3, 1e-12);
  /* A choice question: nominal statistics only. */
  g_assert_cmpfloat (number (views, "exact"), ==, 1.0);
  g_assert_true (json_object_get_null_member (views, "within_one"));
  g_assert_true (json_object_get_null_member (views, "kappa_linear"));
  /* 5.3's graded questions: plan-quality and overall-evaluation, 6 pairs,
   * 4 exact, bias (1+0+0+0+1+0)/6. */
  assert_keys (planning, agreement_keys, NULL);
  g_assert_cmpint (json_object_get_int_member (planning, "n_pairs"), ==, 6);
  g_assert_cmpfloat_with_epsilon (number (planning, "exact"), 4.0 / 6, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (planning, "bias"), 1.0 / 3, 1e-12);
  /* 6.1 has no graded question: its choice questions, nominal. */
  g_assert_true (json_object_has_member (indicators, "6.1"));
  g_assert_false (json_object_has_member (indicators, "3.1"));
}

static void
check_pairs (Fixture    *f,
             JsonObject *root)
{
  JsonArray *pairs = json_object_get_array_member (root, "reader_pairs");
  gboolean b_first = strcmp (f->b, f->owner) < 0;

  g_assert_cmpuint (json_array_get_length (pairs), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);
      JsonArray *readers = json_object_get_array_member (pair, "readers");
      const char *x = json_array_get_string_element (readers, 0);
      const char *y = json_array_get_string_element (readers, 1);

      assert_keys (pair, agreement_keys, "readers");
      g_assert_cmpint (strcmp (x, y), <, 0);
      if (g_strv_contains ((const char * const[]) { x, y, NULL }, f->a))
        {
          /* A and B on R-0001 and R-0002: 6 pairs, 3 exact, B - A sums to 0. */
          g_assert_cmpint (json_object_get_int_member (pair, "n_pairs"), ==, 6);
          g_assert_cmpfloat_with_epsilon (number (pair, "exact"), 0.5, 1e-12);
          g_assert_cmpfloat_with_epsilon (number (pair, "bias"), 0.0, 1e-12);
        }
      else
        {
          /* B and O on R-0003: (4,5) (4,4) (2,2), later id minus earlier. */
          g_assert_cmpint (json_object_get_int_member (pair, "n_pairs"), ==, 3);
          g_assert_cmpfloat_with_epsilon (number (pair, "exact"), 2.0 / 3, 1e-12);
          g_assert_cmpfloat_with_epsilon (number (pair, "bias"), (b_first ? 1.0 : -1.0) / 3,
                                          1e-12);
        }
    }
}

static void
test_stats (Fixture      *f,
            gconstpointer data)
{
  static const char * const top[] = {
    "overall", "questions", "indicators", "reader_pairs", "moderated_bias", NULL,
  };
  g_autoptr (GError) error = NULL;
  char *records[3];
  ScAgreementOptions options;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) again = NULL;
  JsonObject *root, *bias;

  worked_case (f, records);
  /* Moderated: R-0002 assessment-quality (A 5, B 3) to 4, R-0003 plan-quality
   * (B 4, O 4) to 4, and a choice question, which bias leaves out. */
  g_assert_true (sc_store_moderate (f->store, records[1], "assessment-quality", "4", "Panel",
                                    &error));
  g_assert_true (sc_store_moderate (f->store, records[2], "plan-quality", "4", "Panel", &error));
  g_assert_true (sc_store_moderate (f->store, records[2], "child-views-recorded", "no", "Panel",
                                    &error));
  g_assert_no_error (error);

  sc_agreement_options_init (&options);
  options.resamples = 200;
  options.seed = 5;
  node = sc_store_inspection_stats (f->store, f->inspection, &options, &error);
  g_assert_no_error (error);
  root = json_node_get_object (node);
  assert_keys (root, top, NULL);
  check_overall (json_object_get_object_member (root, "overall"));
  check_parts (f, root);
  check_pairs (f, root);

  /* A: +1 (5 against 4); B: -1 and 0; O: 0. */
  bias = json_object_get_object_member (root, "moderated_bias");
  g_assert_cmpuint (json_object_get_size (bias), ==, 3);
  g_assert_cmpfloat_with_epsilon (number (bias, f->a), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (bias, f->b), -0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (number (bias, f->owner), 0.0, 1e-12);

  /* The same seed gives the same document. */
  again = sc_store_inspection_stats (f->store, f->inspection, &options, &error);
  g_assert_true (json_node_equal (node, again));
  for (guint i = 0; i < 3; i++)
    g_free (records[i]);
}

static void
test_stats_empty (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = sc_store_inspection_stats (f->store, f->inspection, NULL, &error);
  JsonObject *root;

  g_assert_no_error (error);
  root = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "overall"),
                                               "n_pairs"),
                   ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "reader_pairs")),
                    ==, 0);
}

/* Evidence */

static const ScIndicatorEvidence *
evidence_for (GPtrArray  *list,
              const char *indicator)
{
  for (guint i = 0; i < list->len; i++)
    {
      const ScIndicatorEvidence *evidence = g_ptr_array_index (list, i);

      if (g_str_equal (evidence->indicator, indicator))
        return evidence;
    }
  g_assert_not_reached ();
}

static void
test_evidence (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  char *records[3];
  g_autofree char *draft_record = add_record (f, "R-0009", "sampled");
  g_autofree char *draft = open_reading (f, draft_record, f->owner);
  ScFocusGroup spec = { .inspection = f->inspection, .participants_kind = (char *) "staff",
                        .participants_count = 5 };
  g_autofree char *group = NULL;
  g_autofree char *note1 = NULL;
  g_autofree char *note2 = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  const ScIndicatorEvidence *planning;

  worked_case (f, records);
  fill (f, draft, (const char * const[]) { "plan-exists", "yes", "plan-quality", "1", NULL },
        FALSE);
  group = sc_store_add_focus_group (f->store, &spec, &error);
  note1 = sc_store_add_note (f->store, group, "Plans are reviewed", SC_NOTE_STRENGTH, "5.2 5.3",
                             &error);
  note2 = sc_store_add_note (f->store, group, "Plans lack dates", SC_NOTE_IMPROVEMENT,
                             "5.3 5.3", &error);
  g_assert_no_error (error);

  /* 5.3: plan-quality 3 4 / 2 2 / 4 4 and overall-evaluation 4 4 / 3 4 / 2 2
   * in the six submitted readings; the draft does not count. */
  before = sc_store_indicator_evidence (f->store, f->inspection, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, sc_framework_get_indicators (f->framework)->len);
  planning = evidence_for (before, "5.3");
  g_assert_cmpuint (planning->n_readings, ==, 6);
  g_assert_cmpuint (planning->n_answers, ==, 18); /* plan-exists, plan-quality, overall */
  g_assert_cmpuint (planning->n_notes, ==, 2);
  g_assert_cmpuint (planning->level_counts[1], ==, 0);
  g_assert_cmpuint (planning->level_counts[2], ==, 4);
  g_assert_cmpuint (planning->level_counts[3], ==, 2);
  g_assert_cmpuint (planning->level_counts[4], ==, 6);
  g_assert_cmpuint (evidence_for (before, "5.2")->n_notes, ==, 1);

  /* Moderating R-0001's plan-quality (3 and 4) to 4 replaces both answers. */
  g_assert_true (sc_store_moderate (f->store, records[0], "plan-quality", "4", "Agreed",
                                    &error));
  after = sc_store_indicator_evidence (f->store, f->inspection, &error);
  g_assert_no_error (error);
  planning = evidence_for (after, "5.3");
  g_assert_cmpuint (planning->level_counts[3], ==, 1);
  g_assert_cmpuint (planning->level_counts[4], ==, 7);
  for (guint i = 0; i < 3; i++)
    g_free (records[i]);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sc_crypto_init (NULL));

#define ADD(path, func) \
  g_test_add ("/double/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("store-allocate", test_store_allocate);
  ADD ("store-lower-fraction", test_store_lower_fraction);
  ADD ("store-reallocate", test_store_reallocate);
  ADD ("blind", test_blind);
  ADD ("compare", test_compare);
  ADD ("moderate", test_moderate);
  ADD ("ratings", test_ratings);
  ADD ("stats", test_stats);
  ADD ("stats-empty", test_stats_empty);
  ADD ("evidence", test_evidence);
#undef ADD

  return g_test_run ();
}
