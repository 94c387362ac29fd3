/* test-bundle-fuzz.c: thousands of seeded mutations of valid bundles, all refused cleanly
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deterministic (a fixed seed; SC_FUZZ_SEED and SC_FUZZ_SCALE change it), so
 * it runs in CI; tests/fuzz/ has the libFuzzer harnesses for longer runs.
 *   raw:       10,000 mutations of the bytes (flips, insertions, deletions,
 *              truncations, chunk and header length edits, splices): every one
 *              is refused, and the store does not change;
 *   resigned:  mutations signed again, to reach the checks behind the
 *              signature: refused with the store unchanged, or accepted;
 *   plaintext: mutations of the rows document inside a bundle sealed and
 *              signed properly: refused with the store unchanged, or accepted.
 * Stores are opened once; "unchanged" is checked with sqlite3_total_changes()
 * and, whenever that moved, a digest of every row and the clock.
 */
#include <locale.h>
#include <stdlib.h>

#include "bundle-fixture.h"

typedef struct
{
  Party *into;
  Party *sender;
  GByteArray *bytes;
  Layout layout;
  char *digest;
  int changes;
  gint64 clock;
} Target;

static guint
scale (guint n)
{
  const char *env = g_getenv ("SC_FUZZ_SCALE");
  double factor = env != NULL ? g_ascii_strtod (env, NULL) : 1.0;

  return (guint) MAX (1.0, n * (factor > 0 ? factor : 1.0));
}

static guint32
seed (void)
{
  const char *env = g_getenv ("SC_FUZZ_SEED");

  return env != NULL ? (guint32) g_ascii_strtoull (env, NULL, 10) : 20260301;
}

static void
target_init (Target     *target,
             Party      *into,
             Party      *sender,
             const char *path)
{
  target->into = into;
  target->sender = sender;
  target->bytes = read_bytes (path);
  layout_read (&target->layout, target->bytes);
  target->digest = store_digest (into->store);
  target->changes = sqlite3_total_changes (into->store->db);
  target->clock = into->store->clock;
}

static void
target_clear (Target *target)
{
  g_byte_array_unref (target->bytes);
  layout_clear (&target->layout);
  g_free (target->digest);
}

static void
target_rebase (Target *target)
{
  g_free (target->digest);
  target->digest = store_digest (target->into->store);
  target->changes = sqlite3_total_changes (target->into->store->db);
  target->clock = target->into->store->clock;
}

/* An accepted mutation keeps the bundle's id: forget it was imported, so the
 * next mutations reach the checks behind that one. */
static void
forget_imports (Target *target)
{
  g_assert_cmpint (sqlite3_exec (target->into->store->db, "DELETE FROM bundle_import", NULL,
                                 NULL, NULL), ==, SQLITE_OK);
  target_rebase (target);
}

static void
assert_unchanged (Target *target)
{
  ScStore *store = target->into->store;

  g_assert_cmpint (store->clock, ==, target->clock);
  if (sqlite3_total_changes (store->db) != target->changes)
    {
      g_autofree char *now = store_digest (store);

      g_assert_cmpstr (now, ==, target->digest);
      target->changes = sqlite3_total_changes (store->db);
    }
}

/* Mutations */

static void
put_u32 (guint8 *p,
         guint32 value)
{
  p[0] = value & 0xff;
  p[1] = (value >> 8) & 0xff;
  p[2] = (value >> 16) & 0xff;
  p[3] = value >> 24;
}

static guint32
odd_length (GRand  *rand,
            guint32 near)
{
  const guint32 choices[] = { 0, 1, 16, 17, near - 1, near + 1, near * 2, 65536 + 17,
                              65536 + 18, 0x7fffffff, 0xffffffff, g_rand_int (rand) };

  return choices[g_rand_int_range (rand, 0, G_N_ELEMENTS (choices))];
}

/* A GByteArray is a GArray of bytes underneath. */
static void
insert_bytes (GByteArray   *bytes,
              guint         at,
              const guint8 *data,
              guint         len)
{
  g_array_insert_vals ((GArray *) bytes, at, data, len);
}

static void
random_bytes (GRand  *rand,
              guint8 *into,
              gsize   len)
{
  for (gsize i = 0; i < len; i++)
    into[i] = (guint8) g_rand_int (rand);
}

static GByteArray *
mutate (GRand        *rand,
        const Target *target,
        const Target *other)
{
  GByteArray *good = target->bytes;
  GByteArray *bytes = g_byte_array_sized_new (good->len + 64);
  guint len = good->len;
  guint at = g_rand_int_range (rand, 0, (gint32) len);
  guint n = g_rand_int_range (rand, 1, 17);
  guint8 extra[16];

  g_byte_array_append (bytes, good->data, len);
  switch (g_rand_int_range (rand, 0, 10))
    {
    case 0: /* flips */
      for (guint i = 0; i < MIN (n, 4u); i++)
        bytes->data[g_rand_int_range (rand, 0, (gint32) len)] ^= g_rand_int_range (rand, 1, 256);
      break;
    case 1: /* insertion */
      random_bytes (rand, extra, n);
      insert_bytes (bytes, at, extra, n);
      break;
    case 2: /* deletion */
      g_byte_array_remove_range (bytes, at, MIN (n, len - at));
      break;
    case 3: /* truncation */
      g_byte_array_set_size (bytes, at);
      break;
    case 4: /* a chunk's length */
      {
        guint c = g_rand_int_range (rand, 0, (gint32) target->layout.chunks->len);
        gsize where = g_array_index (target->layout.chunks, gsize, c);

        put_u32 (bytes->data + where, odd_length (rand, layout_u32 (good->data + where)));
      }
      break;
    case 5: /* the header's length */
      put_u32 (bytes->data + 5, odd_length (rand, target->layout.header_len));
      break;
    case 6: /* a range repeated */
      {
        guint from = g_rand_int_range (rand, 0, (gint32) len);
        guint wanted = g_rand_int_range (rand, 1, 4096);
        guint count = MIN (wanted, len - from);
        g_autofree guint8 *copy = g_memdup2 (good->data + from, count);

        insert_bytes (bytes, at, copy, count);
      }
      break;
    case 7: /* the tail of the other bundle */
      {
        guint from = g_rand_int_range (rand, 0, (gint32) other->bytes->len);

        g_byte_array_set_size (bytes, at);
        g_byte_array_append (bytes, other->bytes->data + from, other->bytes->len - from);
      }
      break;
    case 8: /* the prefix */
      bytes->data[g_rand_int_range (rand, 0, SC_BUNDLE_PREFIX_BYTES)] ^=
        g_rand_int_range (rand, 1, 256);
      break;
    default: /* the signature */
      random_bytes (rand, bytes->data + len - g_rand_int_range (rand, 1, 65), 1);
      break;
    }
  return bytes;
}

static gboolean
same_bytes (GByteArray *a,
            GByteArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len) == 0;
}

/* Imports BYTES; TRUE when accepted. A refusal must be clean. */
static gboolean
try_import (Target     *target,
            GByteArray *bytes,
            guint      *codes)
{
  g_autoptr (GError) error = NULL;
  ScBundleImport result;
  gboolean ok = sc_bundle_import_bytes_for_testing (target->into->store, bytes->data, bytes->len,
                                                    &result, &error);

  if (ok)
    {
      g_assert_no_error (error);
      sc_bundle_import_clear (&result);
      return TRUE;
    }
  g_assert_nonnull (error);
  g_assert_true (error->domain == SC_BUNDLE_ERROR || error->domain == SC_STORE_ERROR);
  if (error->domain != SC_BUNDLE_ERROR)
    g_error ("refused by the store rather than a bundle check: %s", error->message);
  g_assert_nonnull (strstr (error->message, "Nothing was imported"));
  codes[error->code]++;
  assert_unchanged (target);
  return FALSE;
}

static void
report_codes (const char *what,
              guint       tried,
              guint       accepted,
              const guint *codes)
{
  g_autoptr (GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%s: %u mutations, %u accepted; refused by code:", what, tried,
                          accepted);
  for (guint i = 0; i <= SC_BUNDLE_ERROR_APPLY; i++)
    if (codes[i] > 0)
      g_string_append_printf (line, " %u=%u", i, codes[i]);
  g_test_message ("%s", line->str);
}

typedef struct
{
  Team *team;
  Target setup;  /* a second setup bundle, for the member */
  Target member; /* a member bundle, for the lead */
} Fuzz;

static void
fuzz_set_up (Fuzz *fuzz)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *member = NULL;
  g_autofree char *reading = NULL;
  g_autoptr (GError) error = NULL;
  ScBundleImport result;

  fuzz->team = team_new ();
  first = export_bundle (fuzz->team, &fuzz->team->lead, SC_BUNDLE_SETUP, &fuzz->team->member,
                         "setup1.scrb");
  import_ok (&fuzz->team->member, first, &result);
  sc_bundle_import_clear (&result);
  {
    g_autoptr (ScReading) r = sc_store_open_reading (fuzz->team->member.store,
                                                     fuzz->team->records[0],
                                                     fuzz->team->member.card->member_id, &error);

    g_assert_no_error (error);
    reading = g_strdup (r->id);
  }
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *question = g_strdup_printf ("q%u", i);

      g_assert_true (sc_store_set_answer (fuzz->team->member.store, reading, question, "2",
                                          i % 3 == 0 ? NULL : "Some evidence, <escaped> & all",
                                          "5.2", &error));
    }
  second = export_bundle (fuzz->team, &fuzz->team->lead, SC_BUNDLE_SETUP, &fuzz->team->member,
                          "setup2.scrb");
  member = export_bundle (fuzz->team, &fuzz->team->member, SC_BUNDLE_MEMBER, &fuzz->team->lead,
                          "member.scrb");
  target_init (&fuzz->setup, &fuzz->team->member, &fuzz->team->lead, second);
  target_init (&fuzz->member, &fuzz->team->lead, &fuzz->team->member, member);
}

static void
fuzz_tear_down (Fuzz *fuzz)
{
  target_clear (&fuzz->setup);
  target_clear (&fuzz->member);
  team_free (fuzz->team);
}

static void
test_raw_mutations (void)
{
  Fuzz fuzz;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed ());
  guint codes[SC_BUNDLE_ERROR_APPLY + 1] = { 0 };
  guint wanted = scale (10000), tried = 0, skipped = 0;

  fuzz_set_up (&fuzz);
  while (tried < wanted)
    {
      Target *target = tried % 2 == 0 ? &fuzz.setup : &fuzz.member;
      Target *other = tried % 2 == 0 ? &fuzz.member : &fuzz.setup;
      g_autoptr (GByteArray) bytes = mutate (rand, target, other);

      if (same_bytes (bytes, target->bytes))
        {
          skipped++;
          continue;
        }
      tried++;
      /* Signed bytes changed: never accepted. */
      g_assert_false (try_import (target, bytes, codes));
    }
  report_codes ("raw", tried, 0, codes);
  g_test_message ("no-op mutations skipped: %u", skipped);
  g_assert_cmpuint (codes[SC_BUNDLE_ERROR_SIGNATURE], >, 0);
  g_assert_cmpuint (codes[SC_BUNDLE_ERROR_SIZE], >, 0);
  fuzz_tear_down (&fuzz);
}

static void
test_resigned_mutations (void)
{
  Fuzz fuzz;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed () + 1);
  guint codes[SC_BUNDLE_ERROR_APPLY + 1] = { 0 };
  guint wanted = scale (3000), tried = 0, accepted = 0;

  fuzz_set_up (&fuzz);
  while (tried < wanted)
    {
      Target *target = tried % 2 == 0 ? &fuzz.setup : &fuzz.member;
      Target *other = tried % 2 == 0 ? &fuzz.member : &fuzz.setup;
      g_autoptr (GByteArray) bytes = mutate (rand, target, other);

      if (bytes->len < 200)
        continue;
      resign (bytes, target->sender);
      if (same_bytes (bytes, target->bytes))
        continue;
      tried++;
      if (try_import (target, bytes, codes))
        {
          accepted++;
          forget_imports (target);
        }
    }
  report_codes ("resigned", tried, accepted, codes);
  g_assert_cmpuint (codes[SC_BUNDLE_ERROR_CHUNK], >, 0);
  g_assert_cmpuint (codes[SC_BUNDLE_ERROR_HEADER], >, 0);
  fuzz_tear_down (&fuzz);
}

/* The rows document inside TARGET's bundle, decrypted with the recipient's
 * key through the same code import uses. */
static GByteArray *
plaintext_of (Target *target)
{
  g_autoptr (GError) error = NULL;
  guint8 hash[SC_BUNDLE_HASH_BYTES];
  g_autoptr (ScBundleCopy) copy = sc_bundle_copy_new_for_bytes (target->bytes->data,
                                                                target->bytes->len, hash);
  g_autoptr (ScBundleHeader) header = sc_bundle_header_parse (
    (const char *) target->bytes->data + SC_BUNDLE_PREFIX_BYTES, target->layout.header_len,
    &error);
  g_autoptr (ScSecret) box_secret = sc_store_load_box_secret (target->into->store, &error);
  g_autoptr (ScSecret) file_key = sc_secret_new (SC_BUNDLE_FILE_KEY_BYTES);
  g_autoptr (ScBundlePayload) payload = NULL;
  const ScBundleSlot *slot;
  GByteArray *plain = g_byte_array_new ();
  char buffer[4096];
  gssize n;

  g_assert_no_error (error);
  slot = sc_bundle_header_find_slot (header, target->into->card->device_id);
  g_assert_cmpint (crypto_box_seal_open (file_key->data, slot->sealed_key,
                                         sizeof slot->sealed_key, target->into->card->box_key,
                                         box_secret->data), ==, 0);
  payload = sc_bundle_payload_new (copy, SC_BUNDLE_PREFIX_BYTES + target->layout.header_len,
                                   header, file_key, &error);
  while ((n = sc_bundle_payload_read (payload, buffer, sizeof buffer, &error)) > 0)
    g_byte_array_append (plain, (guint8 *) buffer, (guint) n);
  g_assert_no_error (error);
  return plain;
}

static const char * const tokens[] = {
  "<", ">", "&", "\"", "<!", "<!DOCTYPE rows [<!ENTITY a \"b\">]>", "&a;", "&#0;", "&#x110000;",
  "<row table=\"record\">", "</row>", "<col name=\"ref\">", "</col>", " null=\"1\"",
  " encoding=\"base64\"", " rev=\"0\"", " deleted=\"2\"", "\xff", "\xc3", "]]>", "<?x?>",
  "table=\"meta\"", "table=\"device\"", " base-rev=\"1\"", "\n",
};

static GByteArray *
mutate_plaintext (GRand      *rand,
                  GByteArray *good)
{
  GByteArray *bytes = g_byte_array_sized_new (good->len + 64);
  guint at = g_rand_int_range (rand, 0, (gint32) good->len);
  guint n = g_rand_int_range (rand, 1, 9);

  g_byte_array_append (bytes, good->data, good->len);
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      bytes->data[at] ^= g_rand_int_range (rand, 1, 256);
      break;
    case 1:
      {
        const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];

        insert_bytes (bytes, at, (const guint8 *) token, strlen (token));
      }
      break;
    case 2:
      g_byte_array_remove_range (bytes, at, MIN (n, good->len - at));
      break;
    default:
      g_byte_array_set_size (bytes, at);
      break;
    }
  return bytes;
}

static void
test_plaintext_mutations (void)
{
  Fuzz fuzz;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed () + 2);
  guint codes[SC_BUNDLE_ERROR_APPLY + 1] = { 0 };
  guint wanted = scale (1000), tried = 0, accepted = 0;
  g_autoptr (GByteArray) plain_setup = NULL;
  g_autoptr (GByteArray) plain_member = NULL;
  g_autofree char *path = NULL;

  fuzz_set_up (&fuzz);
  path = team_path (fuzz.team, "plain.scrb");
  plain_setup = plaintext_of (&fuzz.setup);
  plain_member = plaintext_of (&fuzz.member);
  while (tried < wanted)
    {
      Target *target = tried % 2 == 0 ? &fuzz.setup : &fuzz.member;
      GByteArray *good = tried % 2 == 0 ? plain_setup : plain_member;
      ScBundleKind kind = tried % 2 == 0 ? SC_BUNDLE_SETUP : SC_BUNDLE_MEMBER;
      g_autoptr (GByteArray) document = mutate_plaintext (rand, good);
      g_autoptr (GByteArray) bytes = NULL;
      g_autoptr (GPtrArray) recipients = g_ptr_array_new ();
      g_autoptr (GError) error = NULL;

      tried++;
      g_ptr_array_add (recipients, target->into->card);
      g_assert_true (sc_bundle_write_document_for_testing (
        target->sender->store, kind, fuzz.team->inspection, recipients, path,
        (const char *) document->data, document->len, &error));
      g_assert_no_error (error);
      bytes = read_bytes (path);
      if (try_import (target, bytes, codes))
        {
          accepted++;
          target_rebase (target);
        }
    }
  report_codes ("plaintext", tried, accepted, codes);
  g_assert_cmpuint (codes[SC_BUNDLE_ERROR_ROWS] + codes[SC_BUNDLE_ERROR_INVALID], >, 0);
  fuzz_tear_down (&fuzz);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sc_crypto_init (NULL));

  g_test_add_func ("/bundle-fuzz/raw", test_raw_mutations);
  g_test_add_func ("/bundle-fuzz/resigned", test_resigned_mutations);
  g_test_add_func ("/bundle-fuzz/plaintext", test_plaintext_mutations);
  return g_test_run ();
}
