/* test-conflicts.c: conflicts listed and settled, import progress, headers, devices
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "bundle-fixture.h"
#include "sc-store-conflicts.h"

#define QUESTION "overall-reasons"

static void
member_answers (Team       *team,
                const char *reading,
                const char *value,
                const char *evidence)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sc_store_set_answer (team->member.store, reading, QUESTION, value, evidence,
                                      NULL, &error));
  g_assert_no_error (error);
}

static char *
answer_value (ScStore    *store,
              const char *reading)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) answers = sc_store_get_answers (store, reading, &error);
  ScAnswer *answer;

  g_assert_no_error (error);
  answer = g_hash_table_lookup (answers, QUESTION);
  g_assert_nonnull (answer);
  return g_strdup (answer->value);
}

/* The member and the lead both change the same answer: the lead ends with
 * one open conflict. Returns the reading. */
static char *
make_conflict (Team *team)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *reading = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  ScBundleImport result;

  import_setup (team);
  reading = open_reading (&team->member, team->records[0]);
  member_answers (team, reading, "first", "by the member");
  first = export_bundle (team, &team->member, SC_BUNDLE_MEMBER, &team->lead, "first.scrb");
  import_ok (&team->lead, first, &result);
  sc_bundle_import_clear (&result);
  g_assert_true (sc_store_write_answer (team->lead.store, reading, QUESTION, "lead's",
                                        "by the lead", NULL, FALSE, &error));
  g_assert_no_error (error);
  member_answers (team, reading, "member's", "by the member again");
  second = export_bundle (team, &team->member, SC_BUNDLE_MEMBER, &team->lead, "second.scrb");
  import_ok (&team->lead, second, &result);
  /* The answer, and the reading both touched */
  g_assert_cmpuint (result.n_conflicts, >=, 1);
  sc_bundle_import_clear (&result);
  return g_steal_pointer (&reading);
}

static ScConflict *
find_answer_conflict (GPtrArray *conflicts)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      ScConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_str_equal (conflict->table, "answer"))
        return conflict;
    }
  g_assert_not_reached ();
}

static GPtrArray *
list_conflicts (Party   *party,
                gboolean all)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *conflicts = sc_store_list_conflicts (party->store, all, &error);

  g_assert_no_error (error);
  g_assert_nonnull (conflicts);
  return conflicts;
}

static void
test_conflict_listed (void)
{
  Team *team = team_new ();
  g_autofree char *reading = make_conflict (team);
  g_autofree char *kept = answer_value (team->lead.store, reading);
  const char *lost = g_str_equal (kept, "lead's") ? "member's" : "lead's";
  g_autoptr (GPtrArray) conflicts = list_conflicts (&team->lead, FALSE);
  ScConflict *conflict;

  g_assert_cmpuint (conflicts->len, >=, 1);
  g_assert_cmpuint (sc_store_count_conflicts (team->lead.store, NULL), ==, conflicts->len);
  conflict = find_answer_conflict (conflicts);
  for (guint i = 0; i < conflicts->len; i++)
    g_assert_nonnull (strstr (((ScConflict *) g_ptr_array_index (conflicts, i))->what,
                              "R-0001"));
  g_assert_cmpstr (conflict->table, ==, "answer");
  g_assert_nonnull (strstr (conflict->what, "R-0001"));
  g_assert_nonnull (strstr (conflict->what, QUESTION));
  g_assert_true (g_str_has_prefix (conflict->kept_value, kept));
  g_assert_true (g_str_has_prefix (conflict->other_value, lost));
  g_assert_nonnull (strstr (conflict->other_value, g_str_equal (lost, "lead's")
                                                     ? "by the lead" : "by the member again"));
  /* Who wrote each side, by name. */
  g_assert_cmpstr (g_str_equal (lost, "lead's") ? conflict->other_by : conflict->kept_by, ==,
                   "Ann Lead");
  g_assert_cmpstr (g_str_equal (lost, "lead's") ? conflict->kept_by : conflict->other_by, ==,
                   "Bob Reader");
  g_assert_null (conflict->resolved_at);
  team_free (team);
}

static void
test_conflict_keep (void)
{
  Team *team = team_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *reading = make_conflict (team);
  g_autofree char *kept = answer_value (team->lead.store, reading);
  g_autofree char *after = NULL;
  g_autoptr (GPtrArray) conflicts = list_conflicts (&team->lead, FALSE);
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (GPtrArray) all = NULL;
  ScConflict *conflict = find_answer_conflict (conflicts);
  gint64 max_rev = count_rows (team->lead.store, "SELECT max (rev) FROM answer");

  g_assert_true (sc_store_resolve_conflict (team->lead.store, conflict->id, SC_CONFLICT_KEEP,
                                            &error));
  g_assert_no_error (error);
  after = answer_value (team->lead.store, reading);
  g_assert_cmpstr (after, ==, kept);
  g_assert_cmpint (count_rows (team->lead.store, "SELECT max (rev) FROM answer"), ==, max_rev);
  open = list_conflicts (&team->lead, FALSE);
  g_assert_cmpuint (open->len, ==, conflicts->len - 1);
  all = list_conflicts (&team->lead, TRUE);
  g_assert_cmpuint (all->len, ==, conflicts->len);
  g_assert_nonnull (find_answer_conflict (all)->resolved_at);
  g_assert_cmpint (count_rows (team->lead.store,
                               "SELECT count(*) FROM audit WHERE action = 'resolve-keep'"
                               " AND tbl = 'answer'"), ==, 1);
  /* Settled once only. */
  g_assert_false (sc_store_resolve_conflict (team->lead.store, conflict->id,
                                             SC_CONFLICT_USE_OTHER, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND);
  team_free (team);
}

static void
test_conflict_use_other (void)
{
  Team *team = team_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *reading = make_conflict (team);
  g_autofree char *kept = answer_value (team->lead.store, reading);
  const char *lost = g_str_equal (kept, "lead's") ? "member's" : "lead's";
  g_autofree char *after = NULL;
  g_autofree char *central_value = NULL;
  g_autofree char *team_bundle = NULL;
  g_autoptr (GPtrArray) conflicts = list_conflicts (&team->lead, FALSE);
  g_autoptr (GPtrArray) open = NULL;
  ScConflict *conflict = find_answer_conflict (conflicts);
  gint64 max_rev = count_rows (team->lead.store, "SELECT max (rev) FROM answer");
  ScBundleImport result;

  g_assert_true (sc_store_resolve_conflict (team->lead.store, conflict->id,
                                            SC_CONFLICT_USE_OTHER, &error));
  g_assert_no_error (error);
  after = answer_value (team->lead.store, reading);
  g_assert_cmpstr (after, ==, lost);
  /* A new revision by the lead's device, so it wins wherever it goes. */
  g_assert_cmpint (count_rows (team->lead.store, "SELECT max (rev) FROM answer"), >, max_rev);
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM answer WHERE question = '" QUESTION "' AND origin = '%s'",
      sc_store_get_device_id (team->lead.store));

    g_assert_cmpint (count_rows (team->lead.store, sql), ==, 1);
  }
  open = list_conflicts (&team->lead, FALSE);
  g_assert_cmpuint (open->len, ==, conflicts->len - 1);
  g_assert_cmpint (
    count_rows (team->lead.store, "SELECT count(*) FROM audit WHERE action = 'resolve-other'"),
    ==, 1);

  /* It travels: the central store gets the chosen value. */
  team_bundle = export_bundle (team, &team->lead, SC_BUNDLE_TEAM, &team->central, "team.scrb");
  import_ok (&team->central, team_bundle, &result);
  g_assert_cmpuint (result.n_conflicts, ==, 0);
  sc_bundle_import_clear (&result);
  central_value = answer_value (team->central.store, reading);
  g_assert_cmpstr (central_value, ==, lost);

  /* The member's bundle imported again changes nothing back. */
  {
    g_autofree char *again = export_bundle (team, &team->member, SC_BUNDLE_MEMBER, &team->lead,
                                            "again.scrb");
    g_autofree char *still = NULL;

    import_ok (&team->lead, again, &result);
    sc_bundle_import_clear (&result);
    still = answer_value (team->lead.store, reading);
    g_assert_cmpstr (still, ==, lost);
  }
  team_free (team);
}

/* Progress */

typedef struct
{
  guint calls;
  guint64 last;
  guint64 total;
  gboolean backwards;
} Progress;

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  if (done < progress->last)
    progress->backwards = TRUE;
  g_assert_cmpuint (done, <=, total);
  progress->calls++;
  progress->last = done;
  progress->total = total;
}

static void
check_progress (Team       *team,
                const char *path,
                guint       min_calls)
{
  g_autoptr (GError) error = NULL;
  Progress progress = { 0 };
  ScBundleImport result;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (sc_bundle_import_with_progress (team->lead.store, path, progress_cb, &progress,
                                                 &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_new, >, 0);
  sc_bundle_import_clear (&result);
  g_assert_cmpuint (progress.total, ==, 2 * (guint64) st.st_size);
  g_assert_cmpuint (progress.calls, >=, min_calls);
  g_assert_false (progress.backwards);
  /* The last chunk read ends where the signature starts. */
  g_assert_cmpuint (progress.last, ==, progress.total - SC_BUNDLE_SIGNATURE_BYTES);
}

static void
test_import_progress (void)
{
  Team *team = team_new ();
  g_autofree char *reading = NULL;
  g_autofree char *small = NULL;
  g_autofree char *large = NULL;
  g_autofree char *evidence = g_malloc (2001);
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);

  import_setup (team);
  reading = open_reading (&team->member, team->records[0]);
  member_answers (team, reading, "3", "short");
  small = export_bundle (team, &team->member, SC_BUNDLE_MEMBER, &team->lead, "small.scrb");
  check_progress (team, small, 2); /* copied, one chunk */

  /* Several chunks, copied through a temporary file. */
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *question = g_strdup_printf ("q-%03u", i);
      g_autoptr (GError) error = NULL;

      for (guint c = 0; c < 2000; c++)
        evidence[c] = (char) g_rand_int_range (rand, 'a', 'z' + 1);
      evidence[2000] = '\0';
      g_assert_true (sc_store_set_answer (team->member.store, reading, question, "2", evidence,
                                          NULL, &error));
      g_assert_no_error (error);
    }
  /* Exporting reports rows written out of rows to write. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) recipients = g_ptr_array_new ();
    Progress progress = { 0 };
    guint64 n_rows = 0;

    large = team_path (team, "large.scrb");
    g_ptr_array_add (recipients, team->lead.card);
    g_assert_true (sc_bundle_export_with_progress (team->member.store, SC_BUNDLE_MEMBER,
                                                   team->inspection, recipients, large,
                                                   progress_cb, &progress, &n_rows, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_rows, >=, 302); /* the answers, the reading, its assignment */
    g_assert_cmpuint (progress.calls, >=, 2);
    g_assert_false (progress.backwards);
    g_assert_cmpuint (progress.total, ==, n_rows);
    g_assert_cmpuint (progress.last, ==, n_rows);
  }
  sc_bundle_set_memory_copy_max_for_testing (1024);
  check_progress (team, large, 6);
  sc_bundle_set_memory_copy_max_for_testing (0);
  team_free (team);
}

/* Reading a header without a key */

static void
test_read_header (void)
{
  Team *team = team_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = export_bundle (team, &team->lead, SC_BUNDLE_SETUP, &team->member,
                                         "setup.scrb");
  g_autofree char *other = team_path (team, "not-a-bundle.scrb");
  ScBundleInfo info;
  GStatBuf st;

  g_assert_true (sc_bundle_read_header (path, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (info.format, ==, 1);
  g_assert_cmpuint (info.size, ==, (guint64) st.st_size);
  g_assert_cmpuint (info.header_len, >, 0);
  g_assert_cmpint (info.kind, ==, SC_BUNDLE_SETUP);
  g_assert_cmpstr (info.sender, ==, sc_store_get_device_id (team->lead.store));
  g_assert_cmpstr (info.inspection, ==, team->inspection);
  g_assert_cmpuint (info.n_recipients, ==, 2); /* the member, and the lead itself */
  g_assert_nonnull (info.bundle_id);
  sc_bundle_info_clear (&info);

  g_assert_true (g_file_set_contents (other, "<?xml version=\"1.0\"?><framework/>"
                                      "                                                   "
                                      "                                                   ",
                                      -1, NULL));
  g_assert_false (sc_bundle_read_header (other, &info, &error));
  g_assert_error (error, SC_BUNDLE_ERROR, SC_BUNDLE_ERROR_MAGIC);
  g_assert_null (info.bundle_id);
  team_free (team);
}

/* Devices */

static void
test_list_devices (void)
{
  Team *team = team_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) devices = sc_store_list_devices (team->lead.store, FALSE, &error);
  ScDeviceEntry *self, *member = NULL;
  g_autofree char *fingerprint = sc_identity_fingerprint (team->member.card);

  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, ==, 3);
  self = g_ptr_array_index (devices, 0);
  g_assert_true (self->is_self);
  g_assert_cmpstr (self->card->name, ==, "Ann Lead");
  for (guint i = 1; i < devices->len; i++)
    {
      ScDeviceEntry *entry = g_ptr_array_index (devices, i);

      g_assert_false (entry->is_self);
      g_assert_true (entry->enrolled);
      if (g_str_equal (entry->card->device_id, team->member.card->device_id))
        member = entry;
    }
  g_assert_nonnull (member);
  g_assert_cmpstr (member->card->role, ==, "inspector");
  g_assert_cmpstr (member->fingerprint, ==, fingerprint);
  g_assert_cmpstr (member->card->member_id, ==, team->member.card->member_id);
  g_assert_false (member->revoked);
  /* The entry's card is good enough to seal a bundle to. */
  g_assert_true (sc_store_check_recipient (team->lead.store, member->card, &error));
  g_assert_no_error (error);

  g_assert_true (sc_store_revoke_device (team->lead.store, team->member.card->device_id,
                                         &error));
  g_clear_pointer (&devices, g_ptr_array_unref);
  devices = sc_store_list_devices (team->lead.store, FALSE, &error);
  for (guint i = 0; i < devices->len; i++)
    {
      ScDeviceEntry *entry = g_ptr_array_index (devices, i);

      if (g_str_equal (entry->card->device_id, team->member.card->device_id))
        g_assert_true (entry->revoked);
    }
  team_free (team);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sc_crypto_init (NULL));

  g_test_add_func ("/conflicts/listed", test_conflict_listed);
  g_test_add_func ("/conflicts/keep", test_conflict_keep);
  g_test_add_func ("/conflicts/use-other", test_conflict_use_other);
  g_test_add_func ("/bundle/import-progress", test_import_progress);
  g_test_add_func ("/bundle/read-header", test_read_header);
  g_test_add_func ("/devices/list", test_list_devices);
  return g_test_run ();
}
