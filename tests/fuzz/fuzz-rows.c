/* fuzz-rows.c: libFuzzer harness for the rows document: safe XML, validation, merge
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is a plaintext rows document, read with the same reader and
 * merged with the same code as an import of a team bundle, under a
 * transaction that is rolled back. Run:
 *   _build_fuzz/tests/fuzz/fuzz-rows -max_total_time=60 corpus-dir tests/fuzz/corpus/rows
 */
#include "fuzz-common.h"

#include "sc-rows.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static ScStore *lead;

typedef struct
{
  const uint8_t *data;
  size_t size;
  size_t at;
} Input;

static gssize
read_input (gpointer  user_data,
            char     *buffer,
            gsize     len,
            GError  **error)
{
  Input *input = user_data;
  gsize n = MIN (len, input->size - input->at);

  memcpy (buffer, input->data + input->at, n);
  input->at += n;
  return (gssize) n;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *base = fuzz_make_dir ("fuzz-rows");
  ScStore *member;
  g_autofree char *inspection = NULL;

  fuzz_make_deterministic ();
  lead = fuzz_stores[0] = fuzz_store (base, "lead", "Fuzz Lead", "lead");
  member = fuzz_stores[1] = fuzz_store (base, "member", "Fuzz Member", "inspector");
  fuzz_enrol (lead, member, "inspector");
  inspection = fuzz_inspection (lead, member);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  Input input = { data, size, 0 };
  g_autoptr (ScRowsReader) reader = sc_rows_reader_new (read_input, &input);
  g_autoptr (ScRowsMerge) merge = sc_rows_merge_new (lead, SC_BUNDLE_TEAM,
                                                     "00000000-0000-4000-8000-000000000000");
  const ScRow *row = NULL;
  gint64 clock;

  fuzz_begin (lead, &clock);
  if (sc_store_exec (lead, "PRAGMA defer_foreign_keys = ON", NULL))
    while (sc_rows_reader_next (reader, &row, NULL) > 0 && sc_rows_merge_apply (merge, row, NULL))
      ;
  g_clear_pointer (&merge, sc_rows_merge_free);
  fuzz_end (lead, clock);
  return 0;
}
