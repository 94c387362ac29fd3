/* sc-store-double.c: allocation, blindness and moderation in the store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The allocator itself (sc-allocation.c) knows nothing of the store: this
 * file reads the team and the assignments into it, and writes back only
 * what changed. Withdrawn assignments become tombstones, so the change
 * travels in bundles like any other; giving a record back to a reader who
 * had it before revives their old row (assignments are unique per record and
 * reader, tombstones included).
 */
#include "sc-store-private.h"

#include <glib/gi18n-lib.h>

#include "sc-answer.h"
#include "sc-double-reading.h"

/* The earliest primary and second assignments of a record, and their
 * readings: what blindness and moderation look at. */
typedef struct
{
  char *primary_reader;
  char *second_reader;
  char *primary_reading; /* NULL before the reader opens the record */
  char *second_reading;
  gboolean both_submitted;
} Pair;

static void
pair_free (Pair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->primary_reader);
  g_free (pair->second_reader);
  g_free (pair->primary_reading);
  g_free (pair->second_reading);
  g_free (pair);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pair, pair_free)

/* The record's pair of readers, or NULL (no error) when it is read once. */
static Pair *
find_pair (ScStore    *store,
           const char *record,
           GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT pa.reader, sa.reader, pr.id, sr.id,"
    " coalesce (pr.status = 'submitted' AND sr.status = 'submitted', 0)"
    " FROM assignment pa JOIN assignment sa ON sa.record = pa.record"
    " LEFT JOIN reading pr ON pr.assignment = pa.id AND pr.deleted = 0"
    " LEFT JOIN reading sr ON sr.assignment = sa.id AND sr.deleted = 0"
    " WHERE pa.record = ? AND pa.kind = 'primary' AND pa.deleted = 0"
    " AND sa.kind = 'second' AND sa.deleted = 0 ORDER BY pa.rowid, sa.rowid LIMIT 1",
    error);
  Pair *pair = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, record);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      pair = g_new0 (Pair, 1);
      pair->primary_reader = sc_column_dup (stmt, 0);
      pair->second_reader = sc_column_dup (stmt, 1);
      pair->primary_reading = sc_column_dup (stmt, 2);
      pair->second_reading = sc_column_dup (stmt, 3);
      pair->both_submitted = sqlite3_column_int (stmt, 4) != 0;
    }
  else if (rc != SQLITE_DONE)
    sc_store_fail (store, rc, error);
  sqlite3_reset (stmt);
  return pair;
}

static gboolean
refuse_blind (GError **error)
{
  g_set_error_literal (error, SC_STORE_ERROR, SC_STORE_ERROR_BLIND,
                       _("Double reading is blind: the other reading stays hidden until both "
                         "readings are submitted"));
  return FALSE;
}

/* Blind second reads */

gboolean
sc_store_check_blind (ScStore    *store,
                      const char *reading,
                      const char *viewer,
                      GError    **error)
{
  g_autoptr (ScReading) found = sc_store_get_reading (store, reading, error);
  g_autoptr (Pair) pair = NULL;
  GError *local = NULL;

  if (found == NULL)
    return FALSE;
  if (g_strcmp0 (found->reader, viewer) == 0)
    return TRUE;
  pair = find_pair (store, found->record, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return pair == NULL || pair->both_submitted || refuse_blind (error);
}

ScReading *
sc_store_get_other_reading (ScStore    *store,
                            const char *record,
                            const char *reader,
                            GError    **error)
{
  GError *local = NULL;
  g_autoptr (Pair) pair = find_pair (store, record, &local);
  const char *other;

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (pair == NULL || (g_strcmp0 (reader, pair->primary_reader) != 0 &&
                       g_strcmp0 (reader, pair->second_reader) != 0))
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                   _("This record is not double read by this reader, so there is no other "
                     "reading to show"));
      return NULL;
    }
  if (!pair->both_submitted)
    {
      refuse_blind (error);
      return NULL;
    }
  other = g_str_equal (reader, pair->primary_reader) ? pair->second_reading
                                                      : pair->primary_reading;
  return sc_store_get_reading (store, other, error);
}

/* Moderation */

static char *
lookup_text (ScStore    *store,
             const char *sql,
             const char *a,
             const char *b)
{
  sqlite3_stmt *stmt = sc_store_prepare (store, sql, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, a);
  if (b != NULL)
    sc_bind_text (stmt, 2, b);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sc_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* QUESTION of the record-reading form of RECORD's inspection. */
static const ScQuestion *
find_record_question (ScStore    *store,
                      const char *record,
                      const char *question,
                      GError    **error)
{
  g_autofree char *inspection = lookup_text (
    store, "SELECT inspection FROM record WHERE id = ? AND deleted = 0", record, NULL);
  ScFramework *framework = NULL;
  const ScQuestion *found;
  const ScInstrument *instrument = NULL;

  if (inspection == NULL)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                   _("The record %s is not in this store"), record);
      return NULL;
    }
  framework = sc_store_get_inspection_framework (store, inspection, error);
  if (framework == NULL)
    return NULL;
  found = sc_framework_lookup_question (framework, question);
  if (found != NULL)
    instrument = sc_framework_get_question_instrument (framework, found);
  if (instrument == NULL || instrument->kind != SC_INSTRUMENT_KIND_RECORD)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                   _("The reading form has no question %s; “framework show” lists them"),
                   question);
      return NULL;
    }
  return found;
}

static gboolean
check_moderation (ScStore    *store,
                  const char *record,
                  const char *rationale,
                  GError    **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (rationale != NULL ? rationale : ""));
  GError *local = NULL;
  g_autoptr (Pair) pair = NULL;

  if (*clean == '\0')
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("Say why this value was agreed: a moderation needs its rationale"));
      return FALSE;
    }
  pair = find_pair (store, record, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (pair == NULL)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("This record is not double read, so there is nothing to moderate"));
      return FALSE;
    }
  return pair->both_submitted || refuse_blind (error);
}

static gboolean
write_moderation (ScStore    *store,
                  const char *id,
                  gboolean    exists,
                  const char *record,
                  const char *question,
                  const char *value,
                  const char *rationale,
                  GError    **error)
{
  g_autofree char *now = sc_store_now ();
  sqlite3_stmt *stmt = exists
    ? sc_store_prepare (store,
                        "UPDATE moderation SET rev = ?2, origin = ?3, record = ?4, question = ?5,"
                        " value = ?6, rationale = ?7, moderator = ?8, updated = ?9, deleted = 0"
                        " WHERE id = ?1",
                        error)
    : sc_store_prepare (store,
                        "INSERT INTO moderation (id, rev, origin, record, question, value,"
                        " rationale, moderator, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
  sc_bind_text (stmt, 3, store->device_id);
  sc_bind_text (stmt, 4, record);
  sc_bind_text (stmt, 5, question);
  sc_bind_text (stmt, 6, value);
  sc_bind_text (stmt, 7, rationale);
  sc_bind_text (stmt, 8, store->owner_id);
  sc_bind_text (stmt, 9, now);
  return sc_store_step_done (store, stmt, error);
}

gboolean
sc_store_moderate (ScStore    *store,
                   const char *record,
                   const char *question,
                   const char *value,
                   const char *rationale,
                   GError    **error)
{
  const ScQuestion *q = find_record_question (store, record, question, error);
  g_autofree char *normalised = NULL;
  g_autofree char *id = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *clean = NULL;
  GError *local = NULL;
  gboolean exists, ok;

  if (q == NULL || !check_moderation (store, record, rationale, error))
    return FALSE;
  normalised = sc_answer_normalise (q, value != NULL ? value : "", &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (normalised == NULL)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("Give the agreed value of %s"), q->id);
      return FALSE;
    }
  clean = g_strstrip (g_strdup (rationale));
  id = lookup_text (store, "SELECT id FROM moderation WHERE record = ? AND question = ?",
                    record, q->id);
  exists = id != NULL;
  if (!exists)
    id = sc_store_new_id ();
  detail = g_strdup_printf ("%s = %s", q->id, normalised);
  if (!sc_store_begin (store, error))
    return FALSE;
  ok = write_moderation (store, id, exists, record, q->id, normalised, clean, error) &&
       sc_store_audit (store, "moderate", "moderation", id, detail, error);
  return sc_store_finish (store, ok, error);
}

/* Allocation: reading the current state */

typedef struct
{
  char *inspection;
  GPtrArray *team;          /* ScMember*: the readers */
  GPtrArray *items;         /* ScAllocationItem*, records in ref order */
  GPtrArray *before;        /* char*: primary then second reader per item, as stored */
  GHashTable *assignments;  /* "record reader" -> live assignment id */
} Current;

static void
current_free (Current *current)
{
  g_free (current->inspection);
  g_clear_pointer (&current->team, g_ptr_array_unref);
  g_clear_pointer (&current->items, g_ptr_array_unref);
  g_clear_pointer (&current->before, g_ptr_array_unref);
  g_clear_pointer (&current->assignments, g_hash_table_unref);
  g_free (current);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Current, current_free)

static ScMember *
member_from_row (sqlite3_stmt *stmt)
{
  ScMember *member = g_new0 (ScMember, 1);

  member->id = sc_column_dup (stmt, 0);
  member->name = sc_column_dup (stmt, 1);
  member->role = sc_column_dup (stmt, 2);
  return member;
}

/* Everyone on the team reads, except support staff. */
static GPtrArray *
list_readers (ScStore    *store,
              const char *inspection,
              GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT m.id, m.name, t.role FROM team_member t JOIN member m ON m.id = t.member"
    " WHERE t.inspection = ? AND t.deleted = 0 AND m.deleted = 0 AND t.role <> 'support'"
    " ORDER BY m.name, m.id",
    error);

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, inspection);
  return sc_store_collect (store, stmt, (ScRowFunc) member_from_row,
                           (GDestroyNotify) sc_member_free, error);
}

static char *
pair_key (const char *record,
          const char *reader)
{
  return g_strconcat (record, " ", reader, NULL);
}

static void
place_existing (Current          *current,
                ScAllocationItem *item,
                const char       *id,
                const char       *reader,
                const char       *kind,
                gboolean          started)
{
  g_autoptr (GStrvBuilder) others = g_strv_builder_new ();

  g_hash_table_insert (current->assignments, pair_key (item->record, reader), g_strdup (id));
  if (g_str_equal (kind, "primary") && item->primary == NULL)
    {
      item->primary = g_strdup (reader);
      item->primary_started = started;
      return;
    }
  if (g_str_equal (kind, "second") && item->second == NULL)
    {
      item->second = g_strdup (reader);
      item->second_started = started;
      return;
    }
  if (item->others != NULL)
    g_strv_builder_addv (others, (const char **) item->others);
  g_strv_builder_add (others, reader);
  g_strfreev (item->others);
  item->others = g_strv_builder_end (others);
}

/* Work has started when the reading exists and is no longer an empty draft. */
static gboolean
read_assignments (ScStore    *store,
                  Current    *current,
                  GHashTable *by_record,
                  GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT a.id, a.record, a.reader, a.kind, r.id IS NOT NULL AND (r.status <> 'draft'"
    "  OR EXISTS (SELECT 1 FROM answer x WHERE x.reading = r.id AND x.deleted = 0))"
    " FROM assignment a JOIN record rec ON rec.id = a.record"
    " LEFT JOIN reading r ON r.assignment = a.id AND r.deleted = 0"
    " WHERE rec.inspection = ? AND rec.deleted = 0 AND a.deleted = 0 ORDER BY a.rowid",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, current->inspection);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScAllocationItem *item = g_hash_table_lookup (by_record, sqlite3_column_text (stmt, 1));

      if (item != NULL)
        place_existing (current, item, (const char *) sqlite3_column_text (stmt, 0),
                        (const char *) sqlite3_column_text (stmt, 2),
                        (const char *) sqlite3_column_text (stmt, 3),
                        sqlite3_column_int (stmt, 4) != 0);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || sc_store_fail (store, rc, error);
}

static Current *
read_current (ScStore    *store,
              const char *inspection,
              GError    **error)
{
  g_autoptr (Current) current = g_new0 (Current, 1);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GHashTable) by_record = g_hash_table_new (g_str_hash, g_str_equal);

  current->inspection = g_strdup (inspection);
  current->team = list_readers (store, inspection, error);
  records = current->team != NULL ? sc_store_list_records (store, inspection, error) : NULL;
  if (records == NULL)
    return NULL;
  current->items = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_allocation_item_free);
  current->assignments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < records->len; i++)
    {
      ScRecord *record = g_ptr_array_index (records, i);
      ScAllocationItem *item = sc_allocation_item_new (record->id,
                                                       (const char * const *) record->cohorts);

      item->label = g_strdup (record->ref);
      g_ptr_array_add (current->items, item);
      g_hash_table_insert (by_record, item->record, item);
    }
  if (!read_assignments (store, current, by_record, error))
    return NULL;
  current->before = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < current->items->len; i++)
    {
      ScAllocationItem *item = g_ptr_array_index (current->items, i);

      g_ptr_array_add (current->before, g_strdup (item->primary));
      g_ptr_array_add (current->before, g_strdup (item->second));
    }
  return g_steal_pointer (&current);
}

static GStrv
reader_ids (Current *current)
{
  g_autoptr (GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; i < current->team->len; i++)
    g_strv_builder_add (ids, ((ScMember *) g_ptr_array_index (current->team, i))->id);
  return g_strv_builder_end (ids);
}

static ScAllocationSummary *
summarise (Current *current,
           guint    n_changed)
{
  ScAllocationSummary *summary = g_new0 (ScAllocationSummary, 1);
  g_auto (GStrv) readers = reader_ids (current);

  summary->n_records = current->items->len;
  summary->n_changed = n_changed;
  for (guint i = 0; i < current->items->len; i++)
    summary->n_double += ((ScAllocationItem *) g_ptr_array_index (current->items, i))->second
                         != NULL;
  summary->loads = sc_allocation_loads (current->items, (const char * const *) readers);
  for (guint i = 0; i < summary->loads->len; i++)
    {
      ScReaderLoad *load = g_ptr_array_index (summary->loads, i);

      load->name = g_strdup (((ScMember *) g_ptr_array_index (current->team, i))->name);
    }
  return summary;
}

/* Allocation: writing the changes */

static gboolean
withdraw (ScStore    *store,
          const char *assignment,
          GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 rev = sc_store_tick (store);

  stmt = sc_store_prepare (store,
                           "UPDATE assignment SET deleted = 1, rev = ?, origin = ? WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rev);
  sc_bind_text (stmt, 2, store->device_id);
  sc_bind_text (stmt, 3, assignment);
  if (!sc_store_step_done (store, stmt, error))
    return FALSE;
  /* Only unstarted work moves, so the reading, if any, is an empty draft. */
  stmt = sc_store_prepare (store,
                           "UPDATE reading SET deleted = 1, rev = ?, origin = ?"
                           " WHERE assignment = ? AND deleted = 0",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rev);
  sc_bind_text (stmt, 2, store->device_id);
  sc_bind_text (stmt, 3, assignment);
  return sc_store_step_done (store, stmt, error) &&
         sc_store_audit (store, "withdraw", "assignment", assignment, "", error);
}

static gboolean
revive (ScStore    *store,
        const char *assignment,
        const char *kind,
        GError    **error)
{
  gint64 rev = sc_store_tick (store);
  sqlite3_stmt *stmt = sc_store_prepare (
    store, "UPDATE assignment SET kind = ?, deleted = 0, rev = ?, origin = ? WHERE id = ?",
    error);

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, rev);
  sc_bind_text (stmt, 3, store->device_id);
  sc_bind_text (stmt, 4, assignment);
  if (!sc_store_step_done (store, stmt, error))
    return FALSE;
  stmt = sc_store_prepare (store,
                           "UPDATE reading SET deleted = 0, rev = ?, origin = ?"
                           " WHERE assignment = ? AND deleted = 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rev);
  sc_bind_text (stmt, 2, store->device_id);
  sc_bind_text (stmt, 3, assignment);
  return sc_store_step_done (store, stmt, error);
}

static gboolean
give_assignment (ScStore    *store,
                 const char *record,
                 const char *reader,
                 const char *kind,
                 GError    **error)
{
  g_autofree char *id = lookup_text (
    store, "SELECT id FROM assignment WHERE record = ? AND reader = ?", record, reader);
  sqlite3_stmt *stmt;

  if (id != NULL)
    return revive (store, id, kind, error) &&
           sc_store_audit (store, "assign", "assignment", id, kind, error);
  id = sc_store_new_id ();
  stmt = sc_store_prepare (store,
                           "INSERT INTO assignment (id, rev, origin, record, reader, kind)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
  sc_bind_text (stmt, 3, store->device_id);
  sc_bind_text (stmt, 4, record);
  sc_bind_text (stmt, 5, reader);
  sc_bind_text (stmt, 6, kind);
  return sc_store_step_done (store, stmt, error) &&
         sc_store_audit (store, "assign", "assignment", id, kind, error);
}

/* Withdraws what changed before giving anything, so a reader moving from
 * one part of a record to the other finds their row free. */
static gboolean
apply_item (ScStore          *store,
            Current          *current,
            guint             i,
            guint            *n_changed,
            GError          **error)
{
  ScAllocationItem *item = g_ptr_array_index (current->items, i);
  const char *before[2] = { g_ptr_array_index (current->before, 2 * i),
                            g_ptr_array_index (current->before, 2 * i + 1) };
  const char *after[2] = { item->primary, item->second };
  static const char * const kinds[2] = { "primary", "second" };

  for (guint k = 0; k < 2; k++)
    if (before[k] != NULL && g_strcmp0 (before[k], after[k]) != 0)
      {
        g_autofree char *key = pair_key (item->record, before[k]);

        if (!withdraw (store, g_hash_table_lookup (current->assignments, key), error))
          return FALSE;
        (*n_changed)++;
      }
  for (guint k = 0; k < 2; k++)
    if (after[k] != NULL && g_strcmp0 (before[k], after[k]) != 0)
      {
        if (!give_assignment (store, item->record, after[k], kinds[k], error))
          return FALSE;
        if (before[k] == NULL)
          (*n_changed)++;
      }
  return TRUE;
}

static gboolean
save_settings (ScStore    *store,
               const char *inspection,
               double      fraction,
               guint32     seed,
               GError    **error)
{
  g_autofree char *detail = g_strdup_printf ("fraction %g, seed %u", fraction, seed);
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "UPDATE inspection SET double_read_fraction = ?, allocation_seed = ?, rev = ?, origin = ?"
    " WHERE id = ?",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_double (stmt, 1, fraction);
  sqlite3_bind_int64 (stmt, 2, seed);
  sqlite3_bind_int64 (stmt, 3, sc_store_tick (store));
  sc_bind_text (stmt, 4, store->device_id);
  sc_bind_text (stmt, 5, inspection);
  return sc_store_step_done (store, stmt, error) &&
         sc_store_audit (store, "allocate", "inspection", inspection, detail, error);
}

static ScAllocationSummary *
run (ScStore          *store,
     const char       *inspection,
     double            fraction,
     guint32           seed,
     ScAllocationMode  mode,
     GError          **error)
{
  g_autoptr (Current) current = read_current (store, inspection, error);
  g_auto (GStrv) readers = NULL;
  guint n_changed = 0;
  gboolean ok;

  if (current == NULL)
    return NULL;
  readers = reader_ids (current);
  if (!sc_allocation_run (current->items, (const char * const *) readers, fraction, seed, mode,
                          error))
    return NULL;
  if (!sc_store_begin (store, error))
    return NULL;
  ok = mode == SC_ALLOCATION_RESAMPLE
         ? save_settings (store, inspection, fraction, seed, error)
         : sc_store_audit (store, "reallocate", "inspection", inspection, "", error);
  for (guint i = 0; ok && i < current->items->len; i++)
    ok = apply_item (store, current, i, &n_changed, error);
  if (!sc_store_finish (store, ok, error))
    return NULL;
  return summarise (current, n_changed);
}

ScAllocationSummary *
sc_store_allocate (ScStore    *store,
                   const char *inspection,
                   double      fraction,
                   guint32     seed,
                   GError    **error)
{
  g_autoptr (ScInspection) found = sc_store_find_inspection (store, inspection, error);

  if (found == NULL)
    return NULL;
  return run (store, found->id, fraction, seed, SC_ALLOCATION_RESAMPLE, error);
}

ScAllocationSummary *
sc_store_reallocate (ScStore    *store,
                     const char *inspection,
                     GError    **error)
{
  g_autoptr (ScInspection) found = sc_store_find_inspection (store, inspection, error);

  if (found == NULL)
    return NULL;
  return run (store, found->id, found->double_read_fraction, (guint32) found->allocation_seed,
              SC_ALLOCATION_KEEP_SAMPLE, error);
}

ScAllocationSummary *
sc_store_allocation_summary (ScStore    *store,
                             const char *inspection,
                             GError    **error)
{
  g_autoptr (ScInspection) found = sc_store_find_inspection (store, inspection, error);
  g_autoptr (Current) current = NULL;

  if (found == NULL)
    return NULL;
  current = read_current (store, found->id, error);
  return current != NULL ? summarise (current, 0) : NULL;
}
