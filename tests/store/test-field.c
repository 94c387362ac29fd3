/* test-field.c: focus groups and evaluations read back as they were saved, and
 * an inspection and its team can be changed afterwards
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "sc-store-field.h"
#include "sc-store-private.h"
#include "sc-test-util.h"

#define PASSPHRASE "correct horse battery staple"

typedef struct
{
  char *base;
  ScStore *store;
  char *inspection;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text (PASSPHRASE, -1);
  g_autofree char *dir = NULL;
  g_autoptr (ScFramework) framework = NULL;
  g_autofree char *framework_row = NULL;
  ScInspection spec = { .title = (char *) "Field inspection", .double_read_fraction = 0.2 };

  f->base = g_dir_make_tmp ("scrutineer-field-XXXXXX", &error);
  g_assert_no_error (error);
  dir = g_build_filename (f->base, "store", NULL);
  f->store = sc_store_create (dir, passphrase, SC_KDF_INTERACTIVE, "Ann Lead", "lead", NULL,
                              &error);
  g_assert_no_error (error);
  framework = sc_framework_load_builtin ("ci-joint-children-2012", &error);
  g_assert_no_error (error);
  framework_row = sc_store_import_framework (f->store, framework, &error);
  g_assert_no_error (error);
  spec.framework = framework_row;
  spec.start_date = (char *) "2026-03-02";
  spec.status = (char *) "planned";
  f->inspection = sc_store_create_inspection (f->store, &spec, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_pointer (&f->store, sc_store_close);
  sc_test_remove_tree (f->base);
  g_free (f->base);
  g_free (f->inspection);
}

static guint
count_audit (ScStore    *store,
             const char *action,
             const char *table)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = sc_store_prepare (store,
                                         "SELECT count(*) FROM audit WHERE action = ? AND tbl = ?",
                                         &error);
  guint n = 0;

  g_assert_no_error (error);
  sc_bind_text (stmt, 1, action);
  sc_bind_text (stmt, 2, table);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static char *
add_group (Fixture    *f,
           const char *kind,
           const char *held_on)
{
  g_autoptr (GError) error = NULL;
  ScFocusGroup spec = { .inspection = f->inspection, .participants_kind = (char *) kind,
                        .participants_count = 5, .held_on = (char *) held_on,
                        .place = (char *) "Town hall" };
  char *id = sc_store_add_focus_group (f->store, &spec, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_list_focus_groups (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *carers = add_group (f, "Foster carers", "2026-03-05");
  g_autofree char *workers = add_group (f, "Social workers", NULL);
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (ScFocusGroup) one = NULL;
  g_autofree char *note = NULL;
  ScFocusGroup *first;

  groups = sc_store_list_focus_groups (f->store, f->inspection, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 2);
  /* In the order they were added. */
  first = g_ptr_array_index (groups, 0);
  g_assert_cmpstr (first->id, ==, carers);
  g_assert_cmpstr (((ScFocusGroup *) groups->pdata[1])->id, ==, workers);
  g_assert_null (((ScFocusGroup *) groups->pdata[1])->held_on);
  g_assert_cmpstr (first->participants_kind, ==, "Foster carers");
  g_assert_cmpint (first->participants_count, ==, 5);
  g_assert_cmpstr (first->place, ==, "Town hall");
  g_assert_cmpstr (first->held_on, ==, "2026-03-05");
  g_assert_cmpstr (first->facilitator, ==, sc_store_get_owner_id (f->store));

  note = sc_store_add_note (f->store, carers, "Carers felt well supported", SC_NOTE_STRENGTH,
                            "5.2", &error);
  g_assert_no_error (error);
  notes = sc_store_list_notes (f->store, carers, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (((ScNote *) notes->pdata[0])->indicators, ==, "5.2");

  one = sc_store_get_focus_group (f->store, carers, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one->participants_kind, ==, "Foster carers");
  g_assert_null (sc_store_get_focus_group (f->store, "no-such-group", &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Another inspection's groups stay out of the list. */
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = sc_store_list_focus_groups (f->store, "another-inspection", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 0);
}

static void
test_list_evaluations (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) evaluations = NULL;
  g_autoptr (ScEvaluation) one = NULL;
  ScEvaluation *e;

  evaluations = sc_store_list_evaluations (f->store, f->inspection, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evaluations->len, ==, 0);
  g_clear_pointer (&evaluations, g_ptr_array_unref);

  g_assert_true (sc_store_set_evaluation (f->store, f->inspection, "5.2", 3,
                                          "Plans were reviewed on time", &error));
  g_assert_true (sc_store_set_evaluation (f->store, f->inspection, "1.1", 0, "", &error));
  /* A second save of the same indicator replaces the first. */
  g_assert_true (sc_store_set_evaluation (f->store, f->inspection, "5.2", 4,
                                          "Plans were reviewed on time, with the child", &error));
  g_assert_no_error (error);

  evaluations = sc_store_list_evaluations (f->store, f->inspection,
                                           sc_store_get_owner_id (f->store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evaluations->len, ==, 2);
  e = g_ptr_array_index (evaluations, 0);
  g_assert_cmpstr (e->indicator, ==, "1.1");
  g_assert_cmpint (e->level, ==, 0);
  g_assert_cmpstr (e->rationale, ==, "");
  e = g_ptr_array_index (evaluations, 1);
  g_assert_cmpstr (e->indicator, ==, "5.2");
  g_assert_cmpint (e->level, ==, 4);
  g_assert_cmpstr (e->rationale, ==, "Plans were reviewed on time, with the child");
  g_assert_cmpstr (e->author, ==, sc_store_get_owner_id (f->store));
  g_assert_nonnull (e->updated);

  one = sc_store_get_evaluation (f->store, f->inspection, "5.2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (one->level, ==, 4);
  g_assert_null (sc_store_get_evaluation (f->store, f->inspection, "9.9", &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&evaluations, g_ptr_array_unref);
  evaluations = sc_store_list_evaluations (f->store, f->inspection, "someone-else", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evaluations->len, ==, 0);
}

static void
test_update_inspection (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScInspection) found = NULL;
  ScInspection spec = { .id = f->inspection, .title = (char *) "Renamed inspection",
                        .area = (char *) "North", .start_date = (char *) "2026-03-09",
                        .end_date = (char *) "2026-03-20", .status = (char *) "active" };
  guint edits = count_audit (f->store, "edit", "inspection");

  g_assert_true (sc_store_update_inspection (f->store, &spec, &error));
  g_assert_no_error (error);
  found = sc_store_find_inspection (f->store, f->inspection, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->title, ==, "Renamed inspection");
  g_assert_cmpstr (found->area, ==, "North");
  g_assert_cmpstr (found->start_date, ==, "2026-03-09");
  g_assert_cmpstr (found->end_date, ==, "2026-03-20");
  g_assert_cmpstr (found->status, ==, "active");
  g_assert_cmpuint (count_audit (f->store, "edit", "inspection"), ==, edits + 1);

  /* Refusals change nothing. */
  spec.title = (char *) "  ";
  g_assert_false (sc_store_update_inspection (f->store, &spec, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  spec.title = (char *) "Other";
  spec.end_date = (char *) "2026-03-01";
  g_assert_false (sc_store_update_inspection (f->store, &spec, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  spec.end_date = (char *) "20-03-2026";
  g_assert_false (sc_store_update_inspection (f->store, &spec, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  spec.end_date = NULL;
  spec.status = (char *) "finished";
  g_assert_false (sc_store_update_inspection (f->store, &spec, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  spec.status = (char *) "closed";
  spec.id = (char *) "no-such-inspection";
  g_assert_false (sc_store_update_inspection (f->store, &spec, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&found, sc_inspection_free);
  found = sc_store_find_inspection (f->store, f->inspection, &error);
  g_assert_cmpstr (found->title, ==, "Renamed inspection");
  g_assert_cmpuint (count_audit (f->store, "edit", "inspection"), ==, edits + 1);
}

static gboolean
team_has (ScStore    *store,
          const char *inspection,
          const char *member)
{
  g_autoptr (GPtrArray) team = sc_store_list_team (store, inspection, NULL);

  for (guint i = 0; i < team->len; i++)
    if (g_str_equal (((ScMember *) team->pdata[i])->id, member))
      return TRUE;
  return FALSE;
}

static void
test_remove_team_member (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *reader = sc_store_add_member (f->store, "Rob Reader", "inspector", &error);
  g_autofree char *helper = sc_store_add_member (f->store, "Hal Helper", "associate", &error);
  g_autofree char *record = NULL;
  g_autoptr (ScReading) reading = NULL;

  g_assert_no_error (error);
  g_assert_true (sc_store_add_team_member (f->store, f->inspection, reader, "inspector", &error));
  g_assert_true (sc_store_add_team_member (f->store, f->inspection, helper, "associate", &error));
  record = sc_store_add_record (f->store, f->inspection, "R-0101", NULL, "5-11", "voluntary",
                                &error);
  g_assert_no_error (error);
  reading = sc_store_open_reading (f->store, record, reader, &error);
  g_assert_no_error (error);

  /* Someone with a reading stays on the team, and the message says why. */
  g_assert_false (sc_store_remove_team_member (f->store, f->inspection, reader, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "Rob Reader"));
  g_assert_nonnull (strstr (error->message, "1 reading"));
  g_clear_error (&error);
  g_assert_true (team_has (f->store, f->inspection, reader));
  g_assert_cmpuint (count_audit (f->store, "remove", "team_member"), ==, 0);

  g_assert_true (sc_store_remove_team_member (f->store, f->inspection, helper, &error));
  g_assert_no_error (error);
  g_assert_false (team_has (f->store, f->inspection, helper));
  g_assert_cmpuint (count_audit (f->store, "remove", "team_member"), ==, 1);

  /* Not on the team any more: a second removal is refused. */
  g_assert_false (sc_store_remove_team_member (f->store, f->inspection, helper, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* And can be added back. */
  g_assert_true (sc_store_add_team_member (f->store, f->inspection, helper, "volunteer", &error));
  g_assert_no_error (error);
  g_assert_true (team_has (f->store, f->inspection, helper));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sc_crypto_init (NULL));
#define ADD(path, func) \
  g_test_add ("/store-field/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("focus-groups", test_list_focus_groups);
  ADD ("evaluations", test_list_evaluations);
  ADD ("update-inspection", test_update_inspection);
  ADD ("remove-team-member", test_remove_team_member);
  return g_test_run ();
}
