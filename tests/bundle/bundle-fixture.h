/* bundle-fixture.h: a lead, a member and a central store that know each other
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the bundle tests and the deterministic fuzz test. Stores are made
 * with the interactive key derivation, and each party keeps its database key
 * so that it can be closed and reopened in milliseconds (file hashes can only
 * be compared with the store closed: the WAL is folded in on close).
 */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sc-bundle-private.h"
#include "sc-identity.h"
#include "sc-model.h"
#include "sc-rows.h"
#include "sc-test-util.h"

#define FIXTURE_PASSPHRASE "correct horse battery staple"
#define FIXTURE_RECORDS 5

typedef struct
{
  char *dir;
  ScSecret *key;
  ScStore *store;
  ScIdentity *card;
} Party;

typedef struct
{
  char *base;
  Party lead;
  Party member;
  Party central;
  char *inspection;
  char *records[FIXTURE_RECORDS];
} Team;

static inline void
party_create (Party      *party,
              const char *base,
              const char *name,
              const char *owner_name,
              const char *role)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text (FIXTURE_PASSPHRASE, -1);

  party->dir = g_build_filename (base, name, NULL);
  party->store = sc_store_create (party->dir, passphrase, SC_KDF_INTERACTIVE, owner_name, role,
                                  NULL, &error);
  g_assert_no_error (error);
  /* The same key sc_store_derive_key() would give, without a second Argon2id. */
  party->key = sc_secret_copy (party->store->key);
  party->card = sc_store_get_identity (party->store, &error);
  g_assert_no_error (error);
}

static inline void
party_close (Party *party)
{
  g_clear_pointer (&party->store, sc_store_close);
}

static inline void
party_open (Party *party)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (party->store);
  party->store = sc_store_open_with_key (party->dir, party->key, &error);
  g_assert_no_error (error);
}

static inline void
party_clear (Party *party)
{
  party_close (party);
  g_clear_pointer (&party->key, sc_secret_free);
  g_clear_pointer (&party->card, sc_identity_free);
  g_clear_pointer (&party->dir, g_free);
}

static inline void
enrol (Party      *who,
       Party      *whom,
       const char *role)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sc_store_enrol (who->store, whom->card, role, NULL, &error));
  g_assert_no_error (error);
}

/* An inspection led by the lead, with the member in its team, five records:
 * the first three for the member to read, the others for the lead. */
static inline void
team_add_inspection (Team *team)
{
  g_autoptr (GError) error = NULL;
  ScStore *lead = team->lead.store;
  g_autoptr (ScFramework) framework = sc_framework_load_builtin ("ci-joint-children-2012", &error);
  g_autofree char *framework_row = sc_store_import_framework (lead, framework, &error);
  ScInspection spec = { .framework = framework_row, .title = (char *) "Bundle inspection",
                        .lead = (char *) sc_store_get_owner_id (lead),
                        .double_read_fraction = 0.2 };
  const char *cohorts[] = { "tracked", NULL };

  g_assert_no_error (error);
  team->inspection = sc_store_create_inspection (lead, &spec, &error);
  g_assert_no_error (error);
  g_assert_true (sc_store_add_team_member (lead, team->inspection, sc_store_get_owner_id (lead),
                                           "lead", &error));
  g_assert_true (sc_store_add_team_member (lead, team->inspection, team->member.card->member_id,
                                           "inspector", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < FIXTURE_RECORDS; i++)
    {
      g_autofree char *ref = g_strdup_printf ("R-%04u", i + 1);
      g_autofree char *assignment = NULL;
      const char *reader = i < 3 ? team->member.card->member_id : sc_store_get_owner_id (lead);

      team->records[i] = sc_store_add_record (lead, team->inspection, ref, cohorts, "5-11",
                                              "voluntary", &error);
      g_assert_no_error (error);
      assignment = sc_store_assign (lead, team->records[i], reader, "primary", &error);
      g_assert_no_error (error);
    }
}

static inline Team *
team_new (void)
{
  g_autoptr (GError) error = NULL;
  Team *team = g_new0 (Team, 1);

  team->base = g_dir_make_tmp ("scrutineer-bundle-XXXXXX", &error);
  g_assert_no_error (error);
  party_create (&team->lead, team->base, "lead", "Ann Lead", "lead");
  party_create (&team->member, team->base, "member", "Bob Reader", "inspector");
  party_create (&team->central, team->base, "central", "Central Store", "support");
  enrol (&team->lead, &team->member, "inspector");
  enrol (&team->lead, &team->central, "central");
  enrol (&team->member, &team->lead, "lead");
  enrol (&team->central, &team->lead, "lead");
  team_add_inspection (team);
  return team;
}

static inline void
team_free (Team *team)
{
  party_clear (&team->lead);
  party_clear (&team->member);
  party_clear (&team->central);
  sc_test_remove_tree (team->base);
  g_free (team->base);
  g_free (team->inspection);
  for (guint i = 0; i < FIXTURE_RECORDS; i++)
    g_free (team->records[i]);
  g_free (team);
}

static inline char *
team_path (Team       *team,
           const char *name)
{
  return g_build_filename (team->base, name, NULL);
}

/* FROM's KIND bundle of the inspection for TO (NULL: for no one else). */
static inline char *
export_bundle (Team         *team,
               Party        *from,
               ScBundleKind  kind,
               Party        *to,
               const char   *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) recipients = g_ptr_array_new ();
  char *path = team_path (team, name);

  if (to != NULL)
    g_ptr_array_add (recipients, to->card);
  g_assert_true (sc_bundle_export (from->store, kind, team->inspection, recipients, path, NULL,
                                   &error));
  g_assert_no_error (error);
  return path;
}

static inline void
import_ok (Party          *into,
           const char     *path,
           ScBundleImport *result)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sc_bundle_import (into->store, path, result, &error));
  g_assert_no_error (error);
}

/* Everything the store holds, rows and clock, as one SHA-256. */
/* Opens (or finds) the party owner's reading of RECORD; returns its id. */
static inline char *
open_reading (Party      *party,
              const char *record)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScReading) reading = sc_store_open_reading (party->store, record,
                                                         sc_store_get_owner_id (party->store),
                                                         &error);

  g_assert_no_error (error);
  return g_strdup (reading->id);
}

/* The lead's setup bundle, imported by the member for the first time. */
static inline void
import_setup (Team *team)
{
  g_autofree char *setup = export_bundle (team, &team->lead, SC_BUNDLE_SETUP, &team->member,
                                          "setup.scrb");
  ScBundleImport result;

  import_ok (&team->member, setup, &result);
  g_assert_false (result.already_imported);
  sc_bundle_import_clear (&result);
}

static inline char *
store_digest (ScStore *store)
{
  static const char * const tables[] = {
    "meta", "local_key", "device", "member", "framework", "inspection", "team_member", "record",
    "assignment", "reading", "answer", "focus_group", "note", "evaluation", "moderation",
    "concern", "audit", "conflict", "bundle_import",
  };
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char clock[32];

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY rowid", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_checksum_update (sum, (const guchar *) tables[t], -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            int type = sqlite3_column_type (stmt, c);
            const void *blob = sqlite3_column_blob (stmt, c);

            g_checksum_update (sum, (const guchar *) &type, sizeof type);
            if (blob != NULL)
              g_checksum_update (sum, blob, sqlite3_column_bytes (stmt, c));
          }
      sqlite3_finalize (stmt);
    }
  g_snprintf (clock, sizeof clock, "%" G_GINT64_FORMAT, store->clock);
  g_checksum_update (sum, (const guchar *) clock, -1);
  return g_strdup (g_checksum_get_string (sum));
}

static inline int
fixture_compare_names (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every file of a closed store, names and bytes, as one SHA-256. */
static inline char *
files_digest (const char *dir)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, fixture_compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_checksum_update (sum, (const guchar *) g_ptr_array_index (names, i), -1);
      g_checksum_update (sum, (const guchar *) contents, len);
    }
  return g_strdup (g_checksum_get_string (sum));
}

typedef struct
{
  char *rows;
  char *files;
} Snapshot;

static inline void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->rows, g_free);
  g_clear_pointer (&snapshot->files, g_free);
}

/* Closes and reopens PARTY's store to hash its files. */
static inline void
snapshot_take (Party    *party,
               Snapshot *snapshot)
{
  snapshot->rows = store_digest (party->store);
  party_close (party);
  snapshot->files = files_digest (party->dir);
  party_open (party);
}

static inline void
snapshot_assert_same (Party          *party,
                      const Snapshot *before)
{
  Snapshot after = { NULL, NULL };

  snapshot_take (party, &after);
  g_assert_cmpstr (after.rows, ==, before->rows);
  g_assert_cmpstr (after.files, ==, before->files);
  snapshot_clear (&after);
}

static inline gint64
count_rows (ScStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Signs BYTES again (all but the last 64) with SIGNER's key: to reach the
 * checks that come after the signature with a damaged bundle. */
static inline void
resign (GByteArray *bytes,
        Party      *signer)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) secret = sc_store_load_sign_secret (signer->store, &error);
  guint8 hash[SC_BUNDLE_HASH_BYTES];
  gsize signed_len = bytes->len - SC_BUNDLE_SIGNATURE_BYTES;

  g_assert_no_error (error);
  crypto_generichash (hash, sizeof hash, bytes->data, signed_len, NULL, 0);
  crypto_sign_detached (bytes->data + signed_len, NULL, hash, sizeof hash, secret->data);
}

static inline GByteArray *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_byte_array_new_take ((guint8 *) g_steal_pointer (&contents), len);
}

static inline void
write_bytes (const char *path,
             GByteArray *bytes)
{
  g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, NULL));
}

/* Where things are in a bundle. */
typedef struct
{
  guint32 header_len;
  gsize payload_start;
  GArray *chunks; /* gsize offsets of each chunk's length field */
} Layout;

static inline guint32
layout_u32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static inline void
layout_read (Layout           *layout,
             const GByteArray *bytes)
{
  gsize at;

  layout->header_len = layout_u32 (bytes->data + 5);
  layout->payload_start = SC_BUNDLE_PREFIX_BYTES + layout->header_len;
  layout->chunks = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (at = layout->payload_start; at + 4 <= bytes->len - SC_BUNDLE_SIGNATURE_BYTES;)
    {
      g_array_append_val (layout->chunks, at);
      at += 4 + layout_u32 (bytes->data + at);
    }
  g_assert_cmpuint (at, ==, bytes->len - SC_BUNDLE_SIGNATURE_BYTES);
}

static inline void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->chunks, g_array_unref);
}

/* The offset of the value of ATTRIBUTE="…" after MARK in the header. */
static inline gsize
layout_find (const GByteArray *bytes,
             const char       *mark,
             const char       *attribute)
{
  g_autofree char *header = g_strndup ((const char *) bytes->data + SC_BUNDLE_PREFIX_BYTES,
                                       layout_u32 (bytes->data + 5));
  g_autofree char *needle = g_strdup_printf ("%s=\"", attribute);
  const char *at = strstr (header, mark);

  g_assert_nonnull (at);
  at = strstr (at, needle);
  g_assert_nonnull (at);
  return SC_BUNDLE_PREFIX_BYTES + (gsize) (at - header) + strlen (needle);
}
