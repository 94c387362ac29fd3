/* test-bundle.c: identity cards, bundles between real stores, and bad bundles refused
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "bundle-fixture.h"

#define MARKER "Zebedee-Bundle-Marker-4412"
#define ROWS_OPEN "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rows xmlns=\"urn:scrutineer:rows:1\">"
#define ROWS_CLOSE "</rows>"
#define SOME_ID "11111111-1111-4111-8111-111111111111"

/* Helpers */

static const char *
check_name (int code)
{
  switch (code)
    {
    case SC_BUNDLE_ERROR_SIZE: return "Size check failed";
    case SC_BUNDLE_ERROR_MAGIC: return "Magic check failed";
    case SC_BUNDLE_ERROR_VERSION: return "Version check failed";
    case SC_BUNDLE_ERROR_HEADER: return "Header check failed";
    case SC_BUNDLE_ERROR_SIGNATURE: return "Signature check failed";
    case SC_BUNDLE_ERROR_UNKNOWN_SIGNER:
    case SC_BUNDLE_ERROR_REVOKED_SIGNER:
    case SC_BUNDLE_ERROR_NOT_ALLOWED: return "Signer check failed";
    case SC_BUNDLE_ERROR_NOT_FOR_US:
    case SC_BUNDLE_ERROR_RECIPIENT: return "Recipient check failed";
    case SC_BUNDLE_ERROR_CHUNK: return "Chunk check failed";
    case SC_BUNDLE_ERROR_DECOMPRESS:
    case SC_BUNDLE_ERROR_TOO_LARGE: return "Decompression check failed";
    case SC_BUNDLE_ERROR_ROWS:
    case SC_BUNDLE_ERROR_INVALID: return "Rows check failed";
    case SC_BUNDLE_ERROR_APPLY: return "Applying the rows failed";
    default: return "?";
    }
}

/* The import of BYTES into PARTY fails with one of CODES (ended by -1), the
 * message names that check, and the store is as before. */
static void
assert_refused (Party          *party,
                GByteArray     *bytes,
                const Snapshot *before,
                const char     *what,
                ...)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_strconcat (party->dir, "-bad.scrb", NULL);
  ScBundleImport result;
  gboolean allowed = FALSE;
  va_list args;
  int code;

  write_bytes (path, bytes);
  g_assert_false (sc_bundle_import (party->store, path, &result, &error));
  g_unlink (path);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", what, error->message);
  g_assert_true (error->domain == SC_BUNDLE_ERROR);
  va_start (args, what);
  while ((code = va_arg (args, int)) >= 0)
    allowed = allowed || code == error->code;
  va_end (args);
  if (!allowed)
    g_error ("%s: unexpected error %d: %s", what, error->code, error->message);
  g_assert_true (g_str_has_prefix (error->message, check_name (error->code)));
  g_assert_nonnull (strstr (error->message, "Nothing was imported"));
  g_assert_null (strchr (error->message, '\n'));
  snapshot_assert_same (party, before);
}

static void
set_answer (ScStore    *store,
            const char *reading,
            const char *question,
            const char *value,
            const char *evidence)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sc_store_set_answer (store, reading, question, value, evidence, NULL, &error));
  g_assert_no_error (error);
}

/* Answers with evidence that does not compress, so the bundle spans chunks. */
static char *
make_member_work (Team  *team,
                  guint  n_answers,
                  gsize  evidence_len)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ.,";
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *reading = open_reading (&team->member, team->records[0]);
  g_autofree char *evidence = g_malloc (evidence_len + 1);

  for (guint i = 0; i < n_answers; i++)
    {
      g_autofree char *question = g_strdup_printf ("question-%03u", i);

      for (gsize c = 0; c < evidence_len; c++)
        evidence[c] = letters[g_rand_int_range (rand, 0, sizeof letters - 1)];
      evidence[evidence_len] = '\0';
      set_answer (team->member.store, reading, question, "3", evidence);
    }
  return g_steal_pointer (&reading);
}

static const char *
answer_value (ScStore    *store,
              const char *reading,
              const char *question,
              GHashTable *answers)
{
  ScAnswer *answer = g_hash_table_lookup (answers, question);

  g_assert_nonnull (answer);
  return answer->value;
}

/* Identities */

static void
test_identity_card (void)
{
  Team *team = team_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = team_path (team, "lead.card");
  g_autofree char *xml = NULL;
  g_autofree char *fingerprint = sc_identity_fingerprint (team->lead.card);
  g_autoptr (ScIdentity) loaded = NULL;
  g_autoptr (GRegex) groups = g_regex_new ("^[0-9]{5} [0-9]{5} [0-9]{5} [0-9]{5}$", 0, 0, NULL);
  gsize len;

  g_assert_true (g_regex_match (groups, fingerprint, 0, NULL));
  g_assert_true (sc_identity_save (team->lead.card, path, &error));
  g_assert_no_error (error);
  loaded = sc_identity_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->device_id, ==, sc_store_get_device_id (team->lead.store));
  g_assert_cmpstr (loaded->member_id, ==, sc_store_get_owner_id (team->lead.store));
  g_assert_cmpstr (loaded->name, ==, "Ann Lead");
  g_assert_cmpstr (loaded->role, ==, "lead");
  g_assert_cmpmem (loaded->sign_key, 32, team->lead.card->sign_key, 32);
  g_assert_cmpmem (loaded->box_key, 32, team->lead.card->box_key, 32);
  g_clear_pointer (&loaded, sc_identity_free);

  /* A card whose fingerprint does not match its keys is refused. */
  g_assert_true (g_file_get_contents (path, &xml, &len, NULL));
  {
    g_autofree char *wrong = g_strdup (xml);
    char *at = strstr (wrong, fingerprint);

    at[0] = at[0] == '9' ? '0' : at[0] + 1;
    loaded = sc_identity_parse (wrong, len, &error);
    g_assert_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_MALFORMED);
    g_assert_nonnull (strstr (error->message, "fingerprint"));
    g_clear_error (&error);
  }
  /* So is one with a DTD, or that is not XML at all. */
  {
    const char *doctype = "<?xml version=\"1.0\"?><!DOCTYPE identity [<!ENTITY x \"y\">]>"
                          "<identity xmlns=\"urn:scrutineer:identity:1\"/>";

    g_assert_null (sc_identity_parse (doctype, strlen (doctype), &error));
    g_assert_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_MALFORMED);
    g_clear_error (&error);
    g_assert_null (sc_identity_parse ("hello", 5, &error));
    g_assert_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_MALFORMED);
    g_clear_error (&error);
  }
  team_free (team);
}

static void
test_enrolment_rules (void)
{
  Team *team = team_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (ScIdentity) forged = g_new0 (ScIdentity, 1);
  Snapshot before = { NULL, NULL };
  gboolean updated = FALSE;

  /* Enrolling the same keys again is fine. */
  g_assert_true (sc_store_enrol (team->lead.store, team->member.card, "deputy", &updated, &error));
  g_assert_no_error (error);
  g_assert_true (updated);

  /* A known device id with other keys is refused, and changes nothing. */
  *forged = *team->member.card;
  forged->device_id = g_strdup (team->member.card->device_id);
  forged->member_id = g_strdup (team->member.card->member_id);
  forged->name = g_strdup ("Mallory");
  forged->role = g_strdup ("inspector");
  forged->sign_key[0] ^= 0x5a;
  snapshot_take (&team->lead, &before);
  g_assert_false (sc_store_enrol (team->lead.store, forged, "inspector", NULL, &error));
  g_assert_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_KEYS_DIFFER);
  g_assert_nonnull (strstr (error->message, "different keys"));
  g_clear_error (&error);
  snapshot_assert_same (&team->lead, &before);
  snapshot_clear (&before);

  /* Its own card, and roles that do not exist. */
  g_assert_false (sc_store_enrol (team->lead.store, team->lead.card, "lead", NULL, &error));
  g_assert_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_SELF);
  g_clear_error (&error);
  g_assert_false (sc_store_enrol (team->lead.store, team->member.card, "boss", NULL, &error));
  g_assert_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_ROLE);
  g_clear_error (&error);

  /* Revoked: audited, and cannot be enrolled again. */
  g_assert_true (sc_store_revoke_device (team->lead.store, team->member.card->device_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (team->lead.store,
                               "SELECT count(*) FROM audit WHERE action = 'revoke'"), ==, 1);
  g_assert_false (sc_store_enrol (team->lead.store, team->member.card, "inspector", NULL, &error));
  g_assert_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_REVOKED);
  g_clear_error (&error);
  g_assert_false (sc_store_revoke_device (team->lead.store,
                                          sc_store_get_device_id (team->lead.store), &error));
  g_assert_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_SELF);
  team_free (team);
}

/* Round trips */

static void
test_setup_round_trip (void)
{
  Team *team = team_new ();
  g_autofree char *path = export_bundle (team, &team->lead, SC_BUNDLE_SETUP, &team->member,
                                         "setup.scrb");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (ScInspection) inspection = NULL;
  ScBundleImport result;

  import_ok (&team->member, path, &result);
  g_assert_false (result.already_imported);
  g_assert_cmpint (result.kind, ==, SC_BUNDLE_SETUP);
  g_assert_cmpstr (result.inspection, ==, team->inspection);
  /* framework, inspection, 2 team members, 5 records, 5 assignments; the
   * two devices and members were known from enrolment. */
  g_assert_cmpuint (result.n_new, ==, 14);
  g_assert_cmpuint (result.n_conflicts, ==, 0);
  sc_bundle_import_clear (&result);

  inspection = sc_store_find_inspection (team->member.store, team->inspection, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (inspection->title, ==, "Bundle inspection");
  records = sc_store_list_records (team->member.store, team->inspection, &error);
  g_assert_cmpuint (records->len, ==, FIXTURE_RECORDS);
  g_assert_nonnull (sc_store_get_inspection_framework (team->member.store, team->inspection,
                                                       &error));
  g_assert_no_error (error);
  /* Nothing of the store's own secrets or bookkeeping travelled. */
  g_assert_cmpint (count_rows (team->member.store, "SELECT count(*) FROM local_key"), ==, 1);
  g_assert_cmpint (count_rows (team->member.store,
                               "SELECT count(*) FROM device WHERE enrolled = 1"), ==, 1);
  /* The lead's clock moved the member's clock forward. */
  g_assert_cmpint (team->member.store->clock, >=, team->lead.store->clock - 1);
  team_free (team);
}

static void
test_member_round_trip (void)
{
  static const char *evidence[] = {
    "", "plain", "<&>\"' ]]> &amp;", "line one\r\nline two\n", "tab\there \x01\x02 bell\x07",
    "Ünïcödé — “quotes” 😀", "   ",
  };
  Team *team = team_new ();
  g_autofree char *reading = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GHashTable) answers = NULL;
  g_autoptr (GError) error = NULL;
  ScBundleImport result;
  gsize len;

  import_setup (team);
  reading = open_reading (&team->member, team->records[0]);
  for (guint i = 0; i < G_N_ELEMENTS (evidence); i++)
    {
      g_autofree char *question = g_strdup_printf ("q%u", i);

      set_answer (team->member.store, reading, question, i == 0 ? NULL : "4", evidence[i]);
    }
  set_answer (team->member.store, reading, "marker", MARKER, MARKER);
  path = export_bundle (team, &team->member, SC_BUNDLE_MEMBER, &team->lead, "member.scrb");

  /* The bundle is not plaintext, and no temporary file was left beside it. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (memcmp (contents, "SCRB\x01", 5) == 0);
  g_assert_null (g_strstr_len (contents, (gssize) len, MARKER));
  g_assert_null (g_strstr_len (contents, (gssize) len, "R-0001"));
  g_assert_null (g_strstr_len (contents, (gssize) len, "Bob Reader"));
  {
    g_autoptr (GDir) dir = g_dir_open (team->base, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (name[0] == '.');
  }

  import_ok (&team->lead, path, &result);
  /* a reading and its answers */
  g_assert_cmpuint (result.n_new, ==, 1 + G_N_ELEMENTS (evidence) + 1);
  g_assert_cmpuint (result.n_conflicts, ==, 0);
  sc_bundle_import_clear (&result);

  answers = sc_store_get_answers (team->lead.store, reading, &error);
  g_assert_no_error (error);
  g_assert_null (answer_value (team->lead.store, reading, "q0", answers));
  for (guint i = 0; i < G_N_ELEMENTS (evidence); i++)
    {
      g_autofree char *question = g_strdup_printf ("q%u", i);
      ScAnswer *answer = g_hash_table_lookup (answers, question);

      g_assert_cmpstr (answer->evidence, ==, evidence[i]);
      if (i > 0)
        g_assert_cmpstr (answer->value, ==, "4");
    }
  team_free (team);
}

static void
test_team_round_trip (void)
{
  static const char *tables[] = {
    "member", "framework", "inspection", "team_member", "record", "assignment", "reading",
    "answer",
  };
  Team *team = team_new ();
  g_autofree char *member_path = NULL;
  g_autofree char *team_path_ = NULL;
  g_autofree char *reading = NULL;
  ScBundleImport result;

  import_setup (team);
  reading = make_member_work (team, 20, 100);
  member_path = export_bundle (team, &team->member, SC_BUNDLE_MEMBER, &team->lead, "member.scrb");
  import_ok (&team->lead, member_path, &result);
  sc_bundle_import_clear (&result);
  team_path_ = export_bundle (team, &team->lead, SC_BUNDLE_TEAM, &team->central, "team.scrb");
  import_ok (&team->central, team_path_, &result);
  g_assert_cmpuint (result.n_conflicts, ==, 0);
  g_assert_cmpuint (result.n_new, >, 20);
  sc_bundle_import_clear (&result);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) || ':' || total (rev) || ':' || count (DISTINCT origin) FROM %s",
        tables[i]);
      sqlite3_stmt *a = NULL, *b = NULL;

      sqlite3_prepare_v2 (team->lead.store->db, sql, -1, &a, NULL);
      sqlite3_prepare_v2 (team->central.store->db, sql, -1, &b, NULL);
      g_assert_cmpint (sqlite3_step (a), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_step (b), ==, SQLITE_ROW);
      if (!g_str_equal (tables[i], "member"))
        g_assert_cmpstr ((const char *) sqlite3_column_text (a, 0), ==,
                         (const char *) sqlite3_column_text (b, 0));
      sqlite3_finalize (a);
      sqlite3_finalize (b);
    }
  /* The member's device came along, but only as a name for its rows. */
  g_assert_cmpint (count_rows (team->central.store,
                               "SELECT count(*) FROM device WHERE enrolled = 0 AND id IN"
                               " (SELECT device FROM member WHERE name = 'Bob Reader')"), ==, 1);
  team_free (team);
}

static void
test_reimport_changes_nothing (void)
{
  Team *team = team_new ();
  g_autofree char *path = export_bundle (team, &team->lead, SC_BUNDLE_SETUP, &team->member,
                                         "setup.scrb");
  Snapshot before = { NULL, NULL };
  ScBundleImport result;

  import_ok (&team->member, path, &result);
  sc_bundle_import_clear (&result);
  snapshot_take (&team->member, &before);
  import_ok (&team->member, path, &result);
  g_assert_true (result.already_imported);
  g_assert_cmpuint (result.n_new + result.n_updated + result.n_conflicts, ==, 0);
  sc_bundle_import_clear (&result);
  snapshot_assert_same (&team->member, &before);

  /* The same id with other bytes, even validly signed, is not taken for it. */
  {
    g_autoptr (GByteArray) bytes = read_bytes (path);
    Layout layout = { 0 };

    layout_read (&layout, bytes);
    bytes->data[g_array_index (layout.chunks, gsize, 0) + 10] ^= 1;
    resign (bytes, &team->lead);
    assert_refused (&team->member, bytes, &before, "same id, other bytes",
                    SC_BUNDLE_ERROR_HEADER, -1);
    layout_clear (&layout);
  }
  snapshot_clear (&before);
  team_free (team);
}

static void
test_conflict_kept (void)
{
  Team *team = team_new ();
  g_autofree char *reading = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) answers = NULL;
  ScBundleImport result;
  sqlite3_stmt *stmt = NULL;

  import_setup (team);
  reading = open_reading (&team->member, team->records[0]);
  set_answer (team->member.store, reading, "overall-reasons", "first", "by the member");
  first = export_bundle (team, &team->member, SC_BUNDLE_MEMBER, &team->lead, "first.scrb");
  import_ok (&team->lead, first, &result);
  sc_bundle_import_clear (&result);

  /* Both sides change the same answer. */
  g_assert_true (sc_store_write_answer (team->lead.store, reading, "overall-reasons", "lead's",
                                        "by the lead", NULL, FALSE, &error));
  g_assert_no_error (error);
  set_answer (team->member.store, reading, "overall-reasons", "member's", "by the member again");
  second = export_bundle (team, &team->member, SC_BUNDLE_MEMBER, &team->lead, "second.scrb");
  import_ok (&team->lead, second, &result);
  g_assert_cmpuint (result.n_conflicts, >=, 1);
  sc_bundle_import_clear (&result);

  /* The winner is the higher (rev, origin); the loser is kept. */
  answers = sc_store_get_answers (team->lead.store, reading, &error);
  stmt = NULL;
  sqlite3_prepare_v2 (team->lead.store->db,
                      "SELECT data FROM conflict WHERE tbl = 'answer'", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  {
    const char *data = (const char *) sqlite3_column_text (stmt, 0);
    const char *kept = answer_value (team->lead.store, reading, "overall-reasons", answers);
    const char *lost = g_str_equal (kept, "lead's") ? "member's" : "lead's";

    g_assert_nonnull (strstr (data, lost));
    g_assert_nonnull (strstr (data, "urn:scrutineer:rows:1"));
  }
  sqlite3_finalize (stmt);

  /* Importing the same versions again does not record the conflict twice. */
  {
    gint64 conflicts = count_rows (team->lead.store, "SELECT count(*) FROM conflict");
    g_autofree char *again = export_bundle (team, &team->member, SC_BUNDLE_MEMBER, &team->lead,
                                            "again.scrb");

    import_ok (&team->lead, again, &result);
    g_assert_cmpuint (result.n_conflicts, ==, 0);
    sc_bundle_import_clear (&result);
    g_assert_cmpint (count_rows (team->lead.store, "SELECT count(*) FROM conflict"), ==,
                     conflicts);
  }
  team_free (team);
}

static void
test_fast_forward_is_no_conflict (void)
{
  Team *team = team_new ();
  g_autofree char *reading = NULL;
  g_autofree char *member_path = NULL;
  g_autofree char *setup_path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ScReading) found = NULL;
  ScBundleImport result;

  import_setup (team);
  reading = open_reading (&team->member, team->records[0]);
  set_answer (team->member.store, reading, "overall-reasons", "v1", "");
  member_path = export_bundle (team, &team->member, SC_BUNDLE_MEMBER, &team->lead, "m1.scrb");
  import_ok (&team->lead, member_path, &result);
  sc_bundle_import_clear (&result);

  /* The lead changes the member's reading (it was based on the member's
   * version); the member, who did not touch it since, takes the lead's. */
  g_assert_true (sc_store_write_answer (team->lead.store, reading, "note-from-lead", "x", "",
                                        NULL, FALSE, &error));
  g_assert_no_error (error);
  setup_path = export_bundle (team, &team->lead, SC_BUNDLE_SETUP, &team->member, "s2.scrb");
  import_ok (&team->member, setup_path, &result);
  g_assert_cmpuint (result.n_updated, >=, 1);
  g_assert_cmpuint (result.n_conflicts, ==, 0);
  sc_bundle_import_clear (&result);
  found = sc_store_get_reading (team->member.store, reading, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (team->member.store, "SELECT count(*) FROM conflict"), ==, 0);
  team_free (team);
}

static void
test_old_bundle_replayed (void)
{
  Team *team = team_new ();
  g_autofree char *reading = NULL;
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) answers = NULL;
  ScBundleImport result;

  import_setup (team);
  reading = open_reading (&team->member, team->records[0]);
  set_answer (team->member.store, reading, "overall-reasons", "old", "");
  older = export_bundle (team, &team->member, SC_BUNDLE_MEMBER, &team->lead, "older.scrb");
  set_answer (team->member.store, reading, "overall-reasons", "new", "");
  newer = export_bundle (team, &team->member, SC_BUNDLE_MEMBER, &team->lead, "newer.scrb");

  import_ok (&team->lead, newer, &result);
  sc_bundle_import_clear (&result);
  import_ok (&team->lead, older, &result);
  g_assert_false (result.already_imported);
  g_assert_cmpuint (result.n_new, ==, 0);
  g_assert_cmpuint (result.n_updated, ==, 0);
  g_assert_cmpuint (result.n_conflicts, ==, 0);
  sc_bundle_import_clear (&result);
  answers = sc_store_get_answers (team->lead.store, reading, &error);
  g_assert_cmpstr (answer_value (team->lead.store, reading, "overall-reasons", answers), ==,
                   "new");
  team_free (team);
}

static void
test_large_bundle_through_temp_file (void)
{
  Team *team = team_new ();
  g_autofree char *reading = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GByteArray) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) answers = NULL;
  Layout layout = { 0 };
  ScBundleImport result;

  import_setup (team);
  reading = make_member_work (team, 100, 3000);
  path = export_bundle (team, &team->member, SC_BUNDLE_MEMBER, &team->lead, "large.scrb");
  bytes = read_bytes (path);
  layout_read (&layout, bytes);
  g_assert_cmpuint (layout.chunks->len, >=, 3);
  layout_clear (&layout);

  sc_bundle_set_memory_copy_max_for_testing (1024);
  import_ok (&team->lead, path, &result);
  sc_bundle_set_memory_copy_max_for_testing (0);
  g_assert_cmpuint (result.n_new, ==, 101);
  sc_bundle_import_clear (&result);
  answers = sc_store_get_answers (team->lead.store, reading, &error);
  g_assert_cmpuint (g_hash_table_size (answers), ==, 100);
  team_free (team);
}

/* Bad bundles */

typedef struct
{
  Team *team;
  char *path;
  GByteArray *good;
  Layout layout;
  Snapshot before;
} Bad;

/* A member bundle of several chunks, for the lead, who has not imported it. */
static void
bad_set_up (Bad *bad)
{
  g_autofree char *reading = NULL;

  bad->team = team_new ();
  import_setup (bad->team);
  reading = make_member_work (bad->team, 60, 3000);
  bad->path = export_bundle (bad->team, &bad->team->member, SC_BUNDLE_MEMBER, &bad->team->lead,
                             "member.scrb");
  bad->good = read_bytes (bad->path);
  layout_read (&bad->layout, bad->good);
  g_assert_cmpuint (bad->layout.chunks->len, >=, 2);
  snapshot_take (&bad->team->lead, &bad->before);
}

static void
bad_tear_down (Bad *bad)
{
  ScBundleImport result;

  /* The good bundle still imports: nothing was spoilt on the way. */
  import_ok (&bad->team->lead, bad->path, &result);
  g_assert_cmpuint (result.n_new, ==, 61);
  sc_bundle_import_clear (&result);
  snapshot_clear (&bad->before);
  layout_clear (&bad->layout);
  g_byte_array_unref (bad->good);
  g_free (bad->path);
  team_free (bad->team);
}

static GByteArray *
flipped (GByteArray *good,
         gsize       at,
         guint8      mask)
{
  GByteArray *bytes = g_byte_array_sized_new (good->len);

  g_byte_array_append (bytes, good->data, good->len);
  bytes->data[at] ^= mask;
  return bytes;
}

/* A base64 character swapped for another: the value still decodes. */
static GByteArray *
swapped (GByteArray *good,
         gsize       at)
{
  GByteArray *bytes = flipped (good, at, 0);

  bytes->data[at] = bytes->data[at] == 'A' ? 'B' : 'A';
  return bytes;
}

static void
test_flip_every_region (void)
{
  Bad bad = { 0 };
  Party *lead;
  gsize header = SC_BUNDLE_PREFIX_BYTES;
  gsize end;

  bad_set_up (&bad);
  lead = &bad.team->lead;
  end = bad.good->len;
#define REFUSED(bytes, what, ...) \
  G_STMT_START { \
    g_autoptr (GByteArray) b_ = (bytes); \
    assert_refused (lead, b_, &bad.before, what, __VA_ARGS__, -1); \
  } G_STMT_END
  REFUSED (flipped (bad.good, 0, 0x20), "magic", SC_BUNDLE_ERROR_MAGIC);
  REFUSED (flipped (bad.good, 3, 0x01), "magic", SC_BUNDLE_ERROR_MAGIC);
  REFUSED (flipped (bad.good, 4, 0x02), "version", SC_BUNDLE_ERROR_VERSION);
  for (gsize i = 5; i < 9; i++)
    REFUSED (flipped (bad.good, i, 0x40), "header length", SC_BUNDLE_ERROR_SIZE,
             SC_BUNDLE_ERROR_HEADER, SC_BUNDLE_ERROR_SIGNATURE);
  REFUSED (flipped (bad.good, header + 1, 0x01), "header start", SC_BUNDLE_ERROR_HEADER,
           SC_BUNDLE_ERROR_SIGNATURE);
  REFUSED (flipped (bad.good, layout_find (bad.good, "<bundle", "id") + 3, 0x01), "bundle id",
           SC_BUNDLE_ERROR_HEADER, SC_BUNDLE_ERROR_SIGNATURE);
  REFUSED (swapped (bad.good, layout_find (bad.good, "<sender", "sign-key")), "sender key",
           SC_BUNDLE_ERROR_SIGNATURE);
  REFUSED (swapped (bad.good, layout_find (bad.good, "<bundle", "created") + 2), "created",
           SC_BUNDLE_ERROR_HEADER, SC_BUNDLE_ERROR_SIGNATURE);
  /* Each recipient slot: the member's own and the lead's. */
  {
    g_autofree char *member_mark = g_strdup_printf ("device=\"%s\"",
                                                    bad.team->member.card->device_id);
    g_autofree char *lead_mark = g_strdup_printf ("device=\"%s\"",
                                                  bad.team->lead.card->device_id);

    REFUSED (swapped (bad.good, layout_find (bad.good, member_mark, "sealed-key") + 5),
             "member's slot", SC_BUNDLE_ERROR_SIGNATURE);
    REFUSED (swapped (bad.good, layout_find (bad.good, lead_mark, "sealed-key") + 5),
             "lead's slot", SC_BUNDLE_ERROR_SIGNATURE);
  }
  REFUSED (swapped (bad.good, layout_find (bad.good, "<stream", "header") + 1), "stream header",
           SC_BUNDLE_ERROR_SIGNATURE);
  for (guint c = 0; c < bad.layout.chunks->len; c++)
    {
      gsize at = g_array_index (bad.layout.chunks, gsize, c);

      REFUSED (flipped (bad.good, at, 0x01), "chunk length", SC_BUNDLE_ERROR_SIGNATURE);
      REFUSED (flipped (bad.good, at + 4 + 100, 0x80), "chunk body", SC_BUNDLE_ERROR_SIGNATURE);
    }
  REFUSED (flipped (bad.good, end - 64, 0x01), "signature", SC_BUNDLE_ERROR_SIGNATURE);
  REFUSED (flipped (bad.good, end - 1, 0x80), "signature", SC_BUNDLE_ERROR_SIGNATURE);
  bad_tear_down (&bad);
}

/* The same regions, signed again after the damage: each later check
 * catches its own part. */
static void
test_flip_every_region_resigned (void)
{
  Bad bad = { 0 };
  Party *lead, *member;
  g_autofree char *lead_mark = NULL;

  bad_set_up (&bad);
  lead = &bad.team->lead;
  member = &bad.team->member;
  lead_mark = g_strdup_printf ("device=\"%s\"", bad.team->lead.card->device_id);
#define RESIGNED(bytes, what, ...) \
  G_STMT_START { \
    g_autoptr (GByteArray) b_ = (bytes); \
    resign (b_, member); \
    assert_refused (lead, b_, &bad.before, what, __VA_ARGS__, -1); \
  } G_STMT_END
  RESIGNED (flipped (bad.good, 5, 0x01), "header length", SC_BUNDLE_ERROR_HEADER,
            SC_BUNDLE_ERROR_SIZE, SC_BUNDLE_ERROR_CHUNK);
  RESIGNED (flipped (bad.good, SC_BUNDLE_PREFIX_BYTES + 1, 0x01), "header",
            SC_BUNDLE_ERROR_HEADER);
  RESIGNED (swapped (bad.good, layout_find (bad.good, lead_mark, "sealed-key") + 5),
            "recipient slot", SC_BUNDLE_ERROR_RECIPIENT);
  RESIGNED (swapped (bad.good, layout_find (bad.good, "<stream", "header") + 1), "stream header",
            SC_BUNDLE_ERROR_CHUNK);
  for (guint c = 0; c < bad.layout.chunks->len; c++)
    {
      gsize at = g_array_index (bad.layout.chunks, gsize, c);

      RESIGNED (flipped (bad.good, at, 0x01), "chunk length", SC_BUNDLE_ERROR_CHUNK);
      RESIGNED (flipped (bad.good, at + 3, 0x80), "chunk length", SC_BUNDLE_ERROR_CHUNK);
      RESIGNED (flipped (bad.good, at + 4 + 1000, 0x04), "chunk body", SC_BUNDLE_ERROR_CHUNK);
    }
  /* A chunk dropped, and two swapped: the stream does not authenticate. */
  {
    gsize first = g_array_index (bad.layout.chunks, gsize, 0);
    gsize second = g_array_index (bad.layout.chunks, gsize, 1);
    GByteArray *dropped = g_byte_array_sized_new (bad.good->len);

    g_byte_array_append (dropped, bad.good->data, first);
    g_byte_array_append (dropped, bad.good->data + second, bad.good->len - second);
    RESIGNED (dropped, "chunk dropped", SC_BUNDLE_ERROR_CHUNK);
  }
  /* The final chunk cut off: the stream ends without FINAL. */
  {
    guint n = bad.layout.chunks->len;
    gsize last = g_array_index (bad.layout.chunks, gsize, n - 1);
    GByteArray *cut = g_byte_array_sized_new (bad.good->len);

    g_byte_array_append (cut, bad.good->data, last);
    g_byte_array_append (cut, bad.good->data + bad.good->len - 64, 64);
    RESIGNED (cut, "final chunk missing", SC_BUNDLE_ERROR_CHUNK, SC_BUNDLE_ERROR_DECOMPRESS);
  }
  bad_tear_down (&bad);
}

static GByteArray *
truncated (GByteArray *good,
           gsize       len)
{
  GByteArray *bytes = g_byte_array_sized_new (len + 1);

  g_byte_array_append (bytes, good->data, len);
  return bytes;
}

static void
test_truncation (void)
{
  Bad bad = { 0 };
  Party *lead;
  g_autoptr (GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize len;

  bad_set_up (&bad);
  lead = &bad.team->lead;
  len = bad.good->len;
  for (gsize i = 0; i < 12; i++)
    g_array_append_val (lengths, i);
  for (gsize i = 1; i < 50; i++)
    {
      gsize at = len * i / 50;

      g_array_append_val (lengths, at);
    }
  for (gsize i = 1; i <= 70; i += 3)
    {
      gsize at = len - i;

      g_array_append_val (lengths, at);
    }
  for (guint i = 0; i < lengths->len; i++)
    {
      g_autoptr (GByteArray) bytes = truncated (bad.good, g_array_index (lengths, gsize, i));

      assert_refused (lead, bytes, &bad.before, "truncated", SC_BUNDLE_ERROR_SIZE,
                      SC_BUNDLE_ERROR_HEADER, SC_BUNDLE_ERROR_SIGNATURE, -1);
    }
  /* And bytes added at the end. */
  {
    g_autoptr (GByteArray) longer = truncated (bad.good, len);

    g_byte_array_append (longer, (const guint8 *) "x", 1);
    assert_refused (lead, longer, &bad.before, "longer", SC_BUNDLE_ERROR_SIGNATURE, -1);
  }
  bad_tear_down (&bad);
}

static void
test_not_for_us (void)
{
  Team *team = team_new ();
  g_autofree char *path = export_bundle (team, &team->lead, SC_BUNDLE_SETUP, &team->central,
                                         "central.scrb");
  g_autoptr (GByteArray) bytes = read_bytes (path);
  Snapshot before = { NULL, NULL };

  snapshot_take (&team->member, &before);
  assert_refused (&team->member, bytes, &before, "for someone else", SC_BUNDLE_ERROR_NOT_FOR_US,
                  -1);
  snapshot_clear (&before);
  team_free (team);
}

static void
test_unknown_signer (void)
{
  Team *team = team_new ();
  Party stranger = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) recipients = g_ptr_array_new ();
  g_autofree char *path = team_path (team, "stranger.scrb");
  g_autoptr (GByteArray) bytes = NULL;
  Snapshot before = { NULL, NULL };
  const char *document = ROWS_OPEN ROWS_CLOSE;

  party_create (&stranger, team->base, "stranger", "Eve Stranger", "lead");
  enrol (&stranger, &team->member, "inspector");
  g_ptr_array_add (recipients, team->member.card);
  g_assert_true (sc_bundle_write_document_for_testing (stranger.store, SC_BUNDLE_SETUP,
                                                       team->inspection, recipients, path,
                                                       document, strlen (document), &error));
  g_assert_no_error (error);
  bytes = read_bytes (path);
  snapshot_take (&team->member, &before);
  assert_refused (&team->member, bytes, &before, "unknown signer",
                  SC_BUNDLE_ERROR_UNKNOWN_SIGNER, -1);
  snapshot_clear (&before);
  party_clear (&stranger);
  team_free (team);
}

static void
test_revoked_signer (void)
{
  Team *team = team_new ();
  g_autofree char *path = export_bundle (team, &team->lead, SC_BUNDLE_SETUP, &team->member,
                                         "setup.scrb");
  g_autoptr (GByteArray) bytes = read_bytes (path);
  g_autoptr (GError) error = NULL;
  Snapshot before = { NULL, NULL };

  g_assert_true (sc_store_revoke_device (team->member.store, team->lead.card->device_id,
                                         &error));
  g_assert_no_error (error);
  snapshot_take (&team->member, &before);
  assert_refused (&team->member, bytes, &before, "revoked signer",
                  SC_BUNDLE_ERROR_REVOKED_SIGNER, -1);
  snapshot_clear (&before);
  team_free (team);
}

static void
test_signer_role (void)
{
  Team *team = team_new ();
  g_autofree char *setup_from_member = NULL;
  g_autofree char *member_from_central = NULL;
  g_autoptr (GByteArray) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) recipients = g_ptr_array_new ();
  Snapshot before = { NULL, NULL };

  /* Only a lead sends setup (and team) bundles. */
  import_setup (team);
  setup_from_member = export_bundle (team, &team->member, SC_BUNDLE_SETUP, &team->lead,
                                     "setup-from-member.scrb");
  bytes = read_bytes (setup_from_member);
  snapshot_take (&team->lead, &before);
  assert_refused (&team->lead, bytes, &before, "setup from a member",
                  SC_BUNDLE_ERROR_NOT_ALLOWED, -1);
  g_clear_pointer (&bytes, g_byte_array_unref);

  /* A member bundle from an enrolled device outside the inspection's team. */
  enrol (&team->central, &team->lead, "lead");
  g_ptr_array_add (recipients, team->lead.card);
  member_from_central = team_path (team, "member-from-central.scrb");
  g_assert_true (sc_bundle_write_document_for_testing (team->central.store, SC_BUNDLE_MEMBER,
                                                       team->inspection, recipients,
                                                       member_from_central,
                                                       ROWS_OPEN ROWS_CLOSE,
                                                       strlen (ROWS_OPEN ROWS_CLOSE), &error));
  g_assert_no_error (error);
  bytes = read_bytes (member_from_central);
  assert_refused (&team->lead, bytes, &before, "member bundle from outside the team",
                  SC_BUNDLE_ERROR_NOT_ALLOWED, -1);
  snapshot_clear (&before);
  team_free (team);
}

static void
test_oversized_header (void)
{
  Team *team = team_new ();
  Snapshot before = { NULL, NULL };
  const guint32 lengths[] = { SC_BUNDLE_MAX_HEADER + 1, 0xffffffff, 0 };

  snapshot_take (&team->member, &before);
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr (GByteArray) bytes = g_byte_array_new ();
      guint8 prefix[9] = { 'S', 'C', 'R', 'B', 1, lengths[i] & 0xff, (lengths[i] >> 8) & 0xff,
                           (lengths[i] >> 16) & 0xff, lengths[i] >> 24 };
      g_autofree guint8 *filler = g_malloc0 (4096);

      g_byte_array_append (bytes, prefix, sizeof prefix);
      g_byte_array_append (bytes, filler, 4096);
      assert_refused (&team->member, bytes, &before, "header length", SC_BUNDLE_ERROR_SIZE, -1);
    }
  /* A file too short to be anything. */
  {
    g_autoptr (GByteArray) bytes = g_byte_array_new ();

    g_byte_array_append (bytes, (const guint8 *) "SCRB", 4);
    assert_refused (&team->member, bytes, &before, "tiny", SC_BUNDLE_ERROR_SIZE, -1);
  }
  snapshot_clear (&before);
  team_free (team);
}

/* 20 MB of blank space between rows compresses about a thousand to one. */
static gboolean
produce_bomb (ScBundleSink *sink,
              gpointer      user_data,
              GError      **error)
{
  g_autofree char *spaces = g_strnfill (1024 * 1024, ' ');

  if (!sc_bundle_sink_write (sink, ROWS_OPEN, strlen (ROWS_OPEN), error))
    return FALSE;
  for (guint i = 0; i < 20; i++)
    if (!sc_bundle_sink_write (sink, spaces, 1024 * 1024, error))
      return FALSE;
  return sc_bundle_sink_write (sink, ROWS_CLOSE, strlen (ROWS_CLOSE), error);
}

static void
test_decompression_bomb (void)
{
  Team *team = team_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) recipients = g_ptr_array_new ();
  g_autofree char *path = team_path (team, "bomb.scrb");
  g_autoptr (GByteArray) bytes = NULL;
  Snapshot before = { NULL, NULL };

  g_ptr_array_add (recipients, team->member.card);
  g_assert_true (sc_bundle_write (team->lead.store, SC_BUNDLE_SETUP, team->inspection, recipients,
                                  path, produce_bomb, NULL, &error));
  g_assert_no_error (error);
  bytes = read_bytes (path);
  g_assert_cmpuint (bytes->len, <, 200 * 1024);
  snapshot_take (&team->member, &before);
  assert_refused (&team->member, bytes, &before, "bomb", SC_BUNDLE_ERROR_TOO_LARGE, -1);
  snapshot_clear (&before);
  team_free (team);
}

/* Rows documents signed and sealed by the lead, for the member. */

#define RECORD_ROW(attributes, columns) \
  "<row table=\"record\" " attributes ">" columns "</row>"
#define ROW_START(attributes) "<row table=\"record\" " attributes ">"
#define GOOD_ATTRIBUTES \
  "id=\"" SOME_ID "\" rev=\"5\" origin=\"22222222-2222-4222-8222-222222222222\" deleted=\"0\""
#define RECORD_COLUMNS_REST \
  "<col name=\"ref\">R-9999</col><col name=\"cohorts\">sampled</col>" \
  "<col name=\"age_band\"></col><col name=\"legal_status\"/>"

static char *
record_columns (Team *team)
{
  return g_strdup_printf ("<col name=\"inspection\">%s</col>" RECORD_COLUMNS_REST,
                          team->inspection);
}

static GByteArray *
signed_document (Team         *team,
                 ScBundleKind  kind,
                 const char   *document,
                 gsize         len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) recipients = g_ptr_array_new ();
  g_autofree char *path = team_path (team, "document.scrb");

  g_ptr_array_add (recipients, team->member.card);
  g_assert_true (sc_bundle_write_document_for_testing (team->lead.store, kind, team->inspection,
                                                       recipients, path, document, len, &error));
  g_assert_no_error (error);
  return read_bytes (path);
}

static void
test_hostile_rows (void)
{
  Team *team = team_new ();
  g_autofree char *columns = NULL;
  Snapshot before = { NULL, NULL };
  struct
  {
    const char *what;
    char *document;
    int code;
    ScBundleKind kind;
  } cases[64];
  guint n = 0;

#define CASE(what_, kind_, code_, ...) \
  cases[n++] = (typeof (cases[0])) { what_, g_strconcat (__VA_ARGS__, NULL), code_, kind_ }
  import_setup (team);
  columns = record_columns (team);
  CASE ("entity expansion", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_ROWS,
        "<?xml version=\"1.0\"?><!DOCTYPE rows [<!ENTITY a \"aaaaaaaaaa\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;\">]>"
        "<rows xmlns=\"urn:scrutineer:rows:1\">&c;</rows>");
  CASE ("external entity", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_ROWS,
        "<?xml version=\"1.0\"?><!DOCTYPE rows [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<rows xmlns=\"urn:scrutineer:rows:1\">&x;</rows>");
  CASE ("external DTD", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_ROWS,
        "<!DOCTYPE rows SYSTEM \"http://example.org/rows.dtd\">"
        "<rows xmlns=\"urn:scrutineer:rows:1\"/>");
  CASE ("comment", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_ROWS, ROWS_OPEN, "<!-- hello -->",
        ROWS_CLOSE);
  CASE ("CDATA", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_ROWS, ROWS_OPEN,
        RECORD_ROW (GOOD_ATTRIBUTES, "<col name=\"ref\"><![CDATA[x]]></col>"), ROWS_CLOSE);
  CASE ("processing instruction", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_ROWS, ROWS_OPEN,
        "<?evil run?>", ROWS_CLOSE);
  CASE ("undeclared entity", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_ROWS, ROWS_OPEN, "&x;",
        ROWS_CLOSE);
  CASE ("unclosed", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_ROWS, ROWS_OPEN, "<row table=\"record\"");
  CASE ("empty document", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_ROWS, "");
  CASE ("not UTF-8", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_ROWS, ROWS_OPEN,
        RECORD_ROW (GOOD_ATTRIBUTES, "<col name=\"ref\">\xff\xfe</col>"), ROWS_CLOSE);
  CASE ("UTF-7 declaration", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_ROWS,
        "<?xml version=\"1.0\" encoding=\"UTF-7\"?>+ADw-!DOCTYPE rows+AD4-"
        "<rows xmlns=\"urn:scrutineer:rows:1\">text</rows>");
  CASE ("other namespace", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID,
        "<rows xmlns=\"urn:example:rows\"/>");
  CASE ("other root", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID,
        "<row xmlns=\"urn:scrutineer:rows:1\"/>");
  CASE ("text between rows", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN, "hello",
        ROWS_CLOSE);
  CASE ("unknown table", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        "<row table=\"local_key\" " GOOD_ATTRIBUTES "/>", ROWS_CLOSE);
  CASE ("meta", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        "<row table=\"meta\" " GOOD_ATTRIBUTES "/>", ROWS_CLOSE);
  CASE ("no table", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        "<row " GOOD_ATTRIBUTES "/>", ROWS_CLOSE);
  CASE ("unknown column", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        RECORD_ROW (GOOD_ATTRIBUTES, "<col name=\"secret\">x</col>"), ROWS_CLOSE);
  CASE ("missing id", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        ROW_START ("rev=\"5\" origin=\"" SOME_ID "\" deleted=\"0\""), columns, "</row>",
        ROWS_CLOSE);
  CASE ("ill-formed id", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        RECORD_ROW ("id=\"../../x\" rev=\"5\" origin=\"" SOME_ID "\" deleted=\"0\"", ""),
        ROWS_CLOSE);
  CASE ("rev zero", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        RECORD_ROW ("id=\"" SOME_ID "\" rev=\"0\" origin=\"" SOME_ID "\" deleted=\"0\"", ""),
        ROWS_CLOSE);
  CASE ("rev too large", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        RECORD_ROW ("id=\"" SOME_ID "\" rev=\"9223372036854775807\" origin=\"" SOME_ID
                    "\" deleted=\"0\"", ""),
        ROWS_CLOSE);
  CASE ("negative rev", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        RECORD_ROW ("id=\"" SOME_ID "\" rev=\"-3\" origin=\"" SOME_ID "\" deleted=\"0\"", ""),
        ROWS_CLOSE);
  CASE ("deleted not 0 or 1", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        RECORD_ROW ("id=\"" SOME_ID "\" rev=\"3\" origin=\"" SOME_ID "\" deleted=\"yes\"", ""),
        ROWS_CLOSE);
  CASE ("unknown attribute", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        RECORD_ROW (GOOD_ATTRIBUTES " owner=\"me\"", ""), ROWS_CLOSE);
  CASE ("base-rev alone", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        ROW_START (GOOD_ATTRIBUTES " base-rev=\"2\""), columns, "</row>", ROWS_CLOSE);
  CASE ("missing column", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        RECORD_ROW (GOOD_ATTRIBUTES, RECORD_COLUMNS_REST), ROWS_CLOSE);
  CASE ("column twice", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        "<row table=\"record\" " GOOD_ATTRIBUTES ">", columns, "<col name=\"ref\">again</col>",
        "</row>", ROWS_CLOSE);
  CASE ("element in a column", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        RECORD_ROW (GOOD_ATTRIBUTES, "<col name=\"ref\"><b>x</b></col>"), ROWS_CLOSE);
  CASE ("null with a value", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        RECORD_ROW (GOOD_ATTRIBUTES, "<col name=\"ref\" null=\"1\">x</col>"), ROWS_CLOSE);
  CASE ("bad base64", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        RECORD_ROW (GOOD_ATTRIBUTES, "<col name=\"ref\" encoding=\"base64\">!!!</col>"),
        ROWS_CLOSE);
  CASE ("number as text", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        "<row table=\"focus_group\" " GOOD_ATTRIBUTES "><col name=\"participants_count\">many"
        "</col></row>", ROWS_CLOSE);
  CASE ("device in a member bundle", SC_BUNDLE_MEMBER, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        "<row table=\"device\" " GOOD_ATTRIBUTES "><col name=\"name\">x</col>"
        "<col name=\"sign_key\" encoding=\"base64\">AAAA</col>"
        "<col name=\"box_key\" encoding=\"base64\">AAAA</col><col name=\"role\">lead</col>"
        "<col name=\"revoked\">0</col></row>", ROWS_CLOSE);
  CASE ("someone else's row in a member bundle", SC_BUNDLE_MEMBER, SC_BUNDLE_ERROR_INVALID,
        ROWS_OPEN,
        "<row table=\"concern\" " GOOD_ATTRIBUTES "><col name=\"inspection\">x</col>"
        "<col name=\"record\" null=\"1\"/><col name=\"raised_by\">x</col>"
        "<col name=\"summary\">x</col><col name=\"status\">raised</col>"
        "<col name=\"raised_at\">x</col><col name=\"passed_to\"/><col name=\"passed_on_at\""
        " null=\"1\"/><col name=\"outcome\"/><col name=\"closed_at\" null=\"1\"/></row>",
        ROWS_CLOSE);
  CASE ("device with short keys", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        "<row table=\"device\" " GOOD_ATTRIBUTES "><col name=\"name\">x</col>"
        "<col name=\"sign_key\" encoding=\"base64\">AAAA</col>"
        "<col name=\"box_key\" encoding=\"base64\">AAAA</col><col name=\"role\">lead</col>"
        "<col name=\"revoked\">0</col></row>", ROWS_CLOSE);
  CASE ("missing parent", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_APPLY, ROWS_OPEN,
        RECORD_ROW (GOOD_ATTRIBUTES, "<col name=\"inspection\">" SOME_ID "</col>"
                                     RECORD_COLUMNS_REST),
        ROWS_CLOSE);
  CASE ("not in the data model", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_APPLY, ROWS_OPEN,
        "<row table=\"assignment\" " GOOD_ATTRIBUTES "><col name=\"record\">", team->records[0],
        "</col><col name=\"reader\">", team->member.card->member_id, "</col>"
        "<col name=\"kind\">third</col></row>", ROWS_CLOSE);
  /* A member bundle may not write into another reader's reading. */
  {
    g_autofree char *reading = open_reading (&team->member, team->records[0]);
    g_autofree char *row = g_strdup_printf (
      "<row table=\"answer\" id=\"" SOME_ID "\" rev=\"9\" origin=\"%s\" deleted=\"0\">"
      "<col name=\"reading\">%s</col><col name=\"question\">q</col><col name=\"value\">1</col>"
      "<col name=\"evidence\"/><col name=\"indicators\"/><col name=\"updated\">now</col></row>",
      team->lead.card->device_id, reading);

    CASE ("another reader's answer", SC_BUNDLE_MEMBER, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN, row,
          ROWS_CLOSE);
  }
  /* Valid rows, then a bad one: nothing of it is kept. */
  CASE ("all or nothing", SC_BUNDLE_SETUP, SC_BUNDLE_ERROR_INVALID, ROWS_OPEN,
        ROW_START (GOOD_ATTRIBUTES), columns, "</row>",
        "<row table=\"record\" id=\"33333333-3333-4333-8333-333333333333\" rev=\"6\" origin=\""
        SOME_ID "\" deleted=\"0\"><col name=\"nope\">x</col></row>", ROWS_CLOSE);
  g_assert_cmpuint (n, <=, G_N_ELEMENTS (cases));

  snapshot_take (&team->member, &before);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GByteArray) bytes = signed_document (team, cases[i].kind, cases[i].document,
                                                      strlen (cases[i].document));

      assert_refused (&team->member, bytes, &before, cases[i].what, cases[i].code, -1);
      g_free (cases[i].document);
    }
  /* The same writer with a good document is accepted. */
  {
    g_autofree char *good = g_strconcat (ROWS_OPEN, ROW_START (GOOD_ATTRIBUTES), columns,
                                         "</row>", ROWS_CLOSE, NULL);
    g_autoptr (GByteArray) bytes = signed_document (team, SC_BUNDLE_SETUP, good, strlen (good));
    g_autofree char *path = team_path (team, "good.scrb");
    ScBundleImport result;

    write_bytes (path, bytes);
    import_ok (&team->member, path, &result);
    g_assert_cmpuint (result.n_new, ==, 1);
    sc_bundle_import_clear (&result);
  }
  snapshot_clear (&before);
  team_free (team);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sc_crypto_init (NULL));

  g_test_add_func ("/bundle/identity/card", test_identity_card);
  g_test_add_func ("/bundle/identity/enrolment-rules", test_enrolment_rules);
  g_test_add_func ("/bundle/round-trip/setup", test_setup_round_trip);
  g_test_add_func ("/bundle/round-trip/member", test_member_round_trip);
  g_test_add_func ("/bundle/round-trip/team", test_team_round_trip);
  g_test_add_func ("/bundle/round-trip/large-through-temp-file",
                   test_large_bundle_through_temp_file);
  g_test_add_func ("/bundle/merge/reimport-changes-nothing", test_reimport_changes_nothing);
  g_test_add_func ("/bundle/merge/conflict-kept", test_conflict_kept);
  g_test_add_func ("/bundle/merge/fast-forward-is-no-conflict", test_fast_forward_is_no_conflict);
  g_test_add_func ("/bundle/merge/old-bundle-replayed", test_old_bundle_replayed);
  g_test_add_func ("/bundle/bad/flip-every-region", test_flip_every_region);
  g_test_add_func ("/bundle/bad/flip-every-region-resigned", test_flip_every_region_resigned);
  g_test_add_func ("/bundle/bad/truncation", test_truncation);
  g_test_add_func ("/bundle/bad/not-for-us", test_not_for_us);
  g_test_add_func ("/bundle/bad/unknown-signer", test_unknown_signer);
  g_test_add_func ("/bundle/bad/revoked-signer", test_revoked_signer);
  g_test_add_func ("/bundle/bad/signer-role", test_signer_role);
  g_test_add_func ("/bundle/bad/oversized-header", test_oversized_header);
  g_test_add_func ("/bundle/bad/decompression-bomb", test_decompression_bomb);
  g_test_add_func ("/bundle/bad/hostile-rows", test_hostile_rows);
  return g_test_run ();
}
