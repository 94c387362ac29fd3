/* fuzz-bundle.c: libFuzzer harness for bundle import, from the first byte to the merge
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is taken as a bundle for the member's store, signed again with
 * the lead's key first (so that mutations get past the signature check and
 * reach the signer, slot, chunk, decompression, XML and merge code), and
 * imported under a transaction that is rolled back: every input meets the
 * same store. Build and run (see tests/fuzz/README):
 *   CC=clang meson setup _build_fuzz -Dfuzzer=true -Dgui_tests=false
 *   ninja -C _build_fuzz tests/fuzz/fuzz-bundle
 *   _build_fuzz/tests/fuzz/fuzz-bundle -max_total_time=60 corpus-dir tests/fuzz/corpus/bundle
 * SC_FUZZ_WRITE_SEEDS=DIR writes fresh seed bundles into DIR at start-up.
 */
#include "fuzz-common.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static ScStore *lead;
static ScStore *member;
static ScSecret *lead_secret;

static void
write_seed (const char  *dir,
            const char  *name,
            ScBundleKind kind,
            const char  *inspection)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScIdentity) card = sc_store_get_identity (member, &error);
  g_autoptr (GPtrArray) recipients = g_ptr_array_new ();
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_ptr_array_add (recipients, card);
  if (!sc_bundle_export (lead, kind, inspection, recipients, path, NULL, &error))
    g_error ("%s", error->message);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr (GError) error = NULL;
  const char *base = fuzz_make_dir ("fuzz-bundle");
  const char *seeds = g_getenv ("SC_FUZZ_WRITE_SEEDS");
  g_autofree char *inspection = NULL;

  fuzz_make_deterministic ();
  lead = fuzz_stores[0] = fuzz_store (base, "lead", "Fuzz Lead", "lead");
  member = fuzz_stores[1] = fuzz_store (base, "member", "Fuzz Member", "inspector");
  fuzz_enrol (lead, member, "inspector");
  fuzz_enrol (member, lead, "lead");
  inspection = fuzz_inspection (lead, member);
  lead_secret = sc_store_load_sign_secret (lead, &error);
  g_assert (lead_secret != NULL);
  if (seeds != NULL)
    {
      write_seed (seeds, "setup.scrb", SC_BUNDLE_SETUP, inspection);
      write_seed (seeds, "team.scrb", SC_BUNDLE_TEAM, inspection);
    }
  return 0;
}

static void
sign_again (guint8 *bytes,
            gsize   len)
{
  guint8 hash[SC_BUNDLE_HASH_BYTES];
  gsize signed_len = len - SC_BUNDLE_SIGNATURE_BYTES;

  crypto_generichash (hash, sizeof hash, bytes, signed_len, NULL, 0);
  crypto_sign_detached (bytes + signed_len, NULL, hash, sizeof hash, lead_secret->data);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree guint8 *bytes = NULL;
  g_autoptr (GError) error = NULL;
  gboolean verbose = g_getenv ("SC_FUZZ_VERBOSE") != NULL;
  ScBundleImport result;
  gint64 clock;

  if (size > 4 * 1024 * 1024)
    return 0;
  bytes = g_memdup2 (data, MAX (size, 1));
  if (size > SC_BUNDLE_SIGNATURE_BYTES + SC_BUNDLE_PREFIX_BYTES)
    sign_again (bytes, size);
  fuzz_begin (member, &clock);
  if (sc_bundle_import_bytes_for_testing (member, bytes, size, &result,
                                          verbose ? &error : NULL))
    sc_bundle_import_clear (&result);
  else if (verbose)
    g_printerr ("%s\n", error->message);
  fuzz_end (member, clock);
  return 0;
}
