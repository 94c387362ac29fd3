/* save-stream.c: saves answers until killed, acknowledging each on stdout
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by test-store's kill test: save-stream DIR PASSPHRASE-FILE READING.
 * Prints N after answer qN is durably saved.
 */
#include <stdio.h>

#include "sc-model.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) passphrase = NULL;
  g_autoptr (ScStore) store = NULL;

  if (argc != 4 || !sc_crypto_init (&error))
    return 2;
  passphrase = sc_secret_new_from_file (argv[2], &error);
  if (passphrase != NULL)
    store = sc_store_open (argv[1], passphrase, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  for (int i = 0; i < 100000; i++)
    {
      g_autofree char *question = g_strdup_printf ("q%d", i);
      g_autofree char *value = g_strdup_printf ("value %d", i);

      if (!sc_store_set_answer (store, argv[3], question, value, NULL, NULL, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("%d\n", i);
      fflush (stdout);
    }
  return 0;
}
