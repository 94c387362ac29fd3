/* fuzz-common.h: what the libFuzzer harnesses share
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The harnesses make their stores with deterministic randomness (libsodium
 * through a seeded implementation, GLib's ids through g_random_set_seed), so
 * the device ids and keys are the same on every run and the seed corpus's
 * bundles stay addressed to, and signed by, devices the harness knows.
 */
#pragma once

#include <glib/gstdio.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "sc-bundle-private.h"
#include "sc-identity.h"
#include "sc-model.h"
#include "sc-test-util.h"

#define FUZZ_PASSPHRASE "fuzzing passphrase, long enough"

static guint64 fuzz_random_counter;
static char *fuzz_dir;
static ScStore *fuzz_stores[2];

/* libFuzzer leaves through exit(): close the stores and remove them then. */
static void
fuzz_clean_up (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fuzz_stores); i++)
    g_clear_pointer (&fuzz_stores[i], sc_store_close);
  if (fuzz_dir != NULL)
    sc_test_remove_tree (fuzz_dir);
  g_clear_pointer (&fuzz_dir, g_free);
}

static const char *
fuzz_make_dir (const char *name)
{
  g_autofree char *template = g_strdup_printf ("scrutineer-%s-XXXXXX", name);

  fuzz_dir = g_dir_make_tmp (template, NULL);
  g_assert (fuzz_dir != NULL);
  atexit (fuzz_clean_up);
  return fuzz_dir;
}

static void
fuzz_random_buf (void * const buf,
                 const size_t size)
{
  unsigned char seed[randombytes_SEEDBYTES] = { 0 };

  memcpy (seed, &fuzz_random_counter, sizeof fuzz_random_counter);
  fuzz_random_counter++;
  randombytes_buf_deterministic (buf, size, seed);
}

static uint32_t
fuzz_random (void)
{
  uint32_t value;

  fuzz_random_buf (&value, sizeof value);
  return value;
}

static const char *
fuzz_random_name (void)
{
  return "scrutineer-fuzz-deterministic";
}

static randombytes_implementation fuzz_randombytes = {
  .implementation_name = fuzz_random_name,
  .random = fuzz_random,
  .buf = fuzz_random_buf,
};

static void
fuzz_make_deterministic (void)
{
  randombytes_set_implementation (&fuzz_randombytes);
  g_random_set_seed (20260301);
  g_assert (sc_crypto_init (NULL));
}

static ScStore *
fuzz_store (const char *base,
            const char *name,
            const char *owner,
            const char *role)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text (FUZZ_PASSPHRASE, -1);
  g_autofree char *dir = g_build_filename (base, name, NULL);
  ScStore *store = sc_store_create (dir, passphrase, SC_KDF_INTERACTIVE, owner, role, NULL,
                                    &error);

  if (store == NULL)
    g_error ("%s", error->message);
  return store;
}

static void
fuzz_enrol (ScStore *who,
            ScStore *whom,
            const char *role)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScIdentity) card = sc_store_get_identity (whom, &error);

  if (card == NULL || !sc_store_enrol (who, card, role, NULL, &error))
    g_error ("%s", error->message);
}

/* An inspection led by LEAD with MEMBER in its team and three records. */
static char *
fuzz_inspection (ScStore *lead,
                 ScStore *member)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) framework = sc_framework_load_builtin ("ci-joint-children-2012", &error);
  g_autofree char *framework_row = sc_store_import_framework (lead, framework, &error);
  ScInspection spec = { .framework = framework_row, .title = (char *) "Fuzz",
                        .lead = (char *) sc_store_get_owner_id (lead) };
  char *inspection = sc_store_create_inspection (lead, &spec, &error);
  const char *cohorts[] = { "tracked", NULL };

  g_assert (inspection != NULL);
  g_assert (sc_store_add_team_member (lead, inspection, sc_store_get_owner_id (member),
                                      "inspector", &error));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *ref = g_strdup_printf ("R-%04u", i + 1);
      g_autofree char *record = sc_store_add_record (lead, inspection, ref, cohorts, "", "",
                                                     &error);
      g_autofree char *assignment = sc_store_assign (lead, record, sc_store_get_owner_id (member),
                                                     "primary", &error);

      g_assert (assignment != NULL);
    }
  return inspection;
}

/* Runs under a transaction that is always rolled back, with the clock put
 * back: every input meets the same store. */
static void
fuzz_begin (ScStore *store,
            gint64  *clock)
{
  g_assert (sc_store_begin (store, NULL));
  *clock = store->clock;
}

static void
fuzz_end (ScStore *store,
          gint64   clock)
{
  while (store->depth > 0)
    sc_store_rollback (store);
  store->clock = clock;
}
