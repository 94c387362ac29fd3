/* test-linking.c: the store stays encrypted beside the system libsqlite3
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This program links libsoup and the system libsqlite3, which export the
 * same symbols as SQLCipher. If the wrong library answered the store's
 * calls, PRAGMA key would be ignored and the data written in clear.
 *
 * This file's own sqlite3_* calls bind to the static SQLCipher, as the
 * store's do; the system library is reached by dlsym(), as libsoup reaches
 * it, and must be a different library that cannot read the store.
 */
#include <dlfcn.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sc-model.h"

#define MARKER "Linking-Marker-5512"

static void
test_encrypted_beside_system_sqlite (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *base = g_dir_make_tmp ("scrutineer-link-XXXXXX", &error);
  g_autofree char *dir = g_build_filename (base, "store", NULL);
  g_autofree char *db = g_build_filename (dir, "store.db", NULL);
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text ("correct horse battery", -1);
  g_autofree char *contents = NULL;
  g_autofree char *member = NULL;
  gsize len;
  ScStore *store;
  void *system;
  const char *(*system_version) (void);
  int (*system_open) (const char *, sqlite3 **);
  int (*system_exec) (sqlite3 *, const char *, void *, void *, char **);
  int (*system_close) (sqlite3 *);

  /* The system library is loaded, and is not SQLCipher. */
  g_assert_cmpuint (soup_get_major_version (), ==, 3);
  system = dlopen ("libsqlite3.so.0", RTLD_NOW | RTLD_NOLOAD);
  g_assert_nonnull (system);
  system_version = dlsym (system, "sqlite3_libversion");
  system_open = dlsym (system, "sqlite3_open");
  system_exec = dlsym (system, "sqlite3_exec");
  system_close = dlsym (system, "sqlite3_close");
  g_assert_nonnull (system_version);
  g_assert_cmpstr (system_version (), !=, "3.15.2");
  g_assert_cmpstr (sqlite3_libversion (), ==, "3.15.2");

  store = sc_store_create (dir, passphrase, SC_KDF_INTERACTIVE, "Ann", "lead", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sc_store_get_cipher_version (store), ==, "3.4.1");
  member = sc_store_add_member (store, MARKER, "inspector", &error);
  g_assert_nonnull (member);
  sc_store_close (store);

  g_assert_true (g_file_get_contents (db, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 4096);
  g_assert_false (memcmp (contents, "SQLite format 3", 15) == 0);
  g_assert_null (g_strstr_len (contents, (gssize) len, MARKER));

  /* And the system library cannot read it. */
  {
    sqlite3 *plain = NULL;
    int rc;

    g_assert_cmpint (system_open (db, &plain), ==, SQLITE_OK);
    rc = system_exec (plain, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
    g_assert_cmpint (rc, ==, SQLITE_NOTADB);
    system_close (plain);
  }
  g_unlink (db);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/linking/encrypted-beside-system-sqlite", test_encrypted_beside_system_sqlite);
  return g_test_run ();
}
