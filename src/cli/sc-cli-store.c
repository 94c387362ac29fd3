/* sc-cli-store.c: init, passwd, check, demo and inspections
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "sc-demo.h"
#include "sc-model.h"

static char *
default_owner_name (void)
{
  const char *real = g_get_real_name ();

  if (real != NULL && *real != '\0' && !g_str_equal (real, "Unknown"))
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}

int
sc_cli_init (ScCliGlobal *global,
             int          argc,
             char       **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *kdf = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The owner's name"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("lead, deputy, inspector, associate, volunteer or support"), N_("ROLE") },
    { "kdf", 0, 0, G_OPTION_ARG_STRING, &kdf,
      N_("Key derivation cost: moderate (default), interactive or sensitive"), N_("COST") },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) passphrase = NULL;
  g_autoptr (ScSecret) code = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autofree char *dir = sc_cli_store_dir (global);
  ScKdfLevel level = SC_KDF_MODERATE;

  if (!sc_cli_parse_options (&argc, &argv, NULL,
                             _("Create a new encrypted store. The recovery code it prints "
                               "opens the store if the passphrase is forgotten: keep it safe."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 1)
    return sc_cli_usage (_("init takes no arguments"));
  if (kdf != NULL && !sc_kdf_level_from_string (kdf, &level))
    return sc_cli_usage (_("--kdf must be moderate, interactive or sensitive"));
  if (name == NULL)
    name = default_owner_name ();
  if (role == NULL)
    role = g_strdup ("inspector");
  if (sc_store_exists (dir))
    return sc_cli_fail (_("There is already a store in %s; it was left as it is"), dir);

  passphrase = sc_cli_read_passphrase (global, _("New passphrase: "), TRUE, &error);
  if (passphrase != NULL)
    store = sc_store_create (dir, passphrase, level, name, role, &code, &error);
  if (store == NULL)
    return sc_cli_fail_error (error);

  printf (_("Created an encrypted store in %s for %s (%s).\n"), dir, name, role);
  printf (_("Write the recovery code down and keep it apart from this computer: it is shown "
            "only now.\n"));
  printf ("recovery code: %s\n", (const char *) code->data);
  return SC_CLI_OK;
}

int
sc_cli_passwd (ScCliGlobal *global,
               int          argc,
               char       **argv)
{
  g_autofree char *new_file = NULL;
  g_autofree char *recovery_file = NULL;
  const GOptionEntry entries[] = {
    { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &new_file,
      N_("Read the new passphrase from the first line of FILE"), N_("FILE") },
    { "recovery-code-file", 0, 0, G_OPTION_ARG_FILENAME, &recovery_file,
      N_("Unlock with the recovery code in FILE instead of the passphrase"), N_("FILE") },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) old_secret = NULL;
  g_autoptr (ScSecret) new_secret = NULL;
  g_autoptr (ScSecret) key = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autofree char *dir = sc_cli_store_dir (global);

  if (!sc_cli_parse_options (&argc, &argv, NULL,
                             _("Change the passphrase. The database is not rewritten; only its "
                               "key is wrapped again."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 1)
    return sc_cli_usage (_("passwd takes no arguments"));

  if (recovery_file != NULL)
    {
      old_secret = sc_cli_read_secret (recovery_file, NULL, FALSE, &error);
      if (old_secret != NULL)
        key = sc_store_derive_key_with_recovery (dir, old_secret, &error);
    }
  else
    {
      old_secret = sc_cli_read_passphrase (global, _("Current passphrase: "), FALSE, &error);
      if (old_secret != NULL)
        key = sc_store_derive_key (dir, old_secret, &error);
    }
  if (key != NULL)
    store = sc_store_open_with_key (dir, key, &error);
  if (store != NULL)
    new_secret = sc_cli_read_secret (new_file, _("New passphrase: "), TRUE, &error);
  if (new_secret == NULL || !sc_store_change_passphrase (store, new_secret, &error))
    return sc_cli_fail_error (error);
  printf (_("The passphrase was changed.\n"));
  return SC_CLI_OK;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
sc_cli_check (ScCliGlobal *global,
              int          argc,
              char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (GHashTable) counts = NULL;
  g_autofree gpointer *names = NULL;
  guint n_names = 0;
  gboolean ok;

  if (!sc_cli_parse_options (&argc, &argv, NULL,
                             _("Check the store's integrity and encryption, and count its rows."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  store = sc_cli_open_store (global, &error);
  if (store == NULL)
    return sc_cli_fail_error (error);
  ok = sc_store_check (store, &counts, &error);
  if (!ok && !json)
    return sc_cli_fail_error (error);

  if (counts == NULL)
    counts = g_hash_table_new (g_str_hash, g_str_equal);
  names = g_hash_table_get_keys_as_array (counts, &n_names);
  qsort (names, n_names, sizeof (gpointer), compare_names);
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, ok);
      json_builder_set_member_name (b, "cipher");
      json_builder_add_string_value (b, sc_store_get_cipher_version (store));
      if (!ok)
        {
          json_builder_set_member_name (b, "error");
          json_builder_add_string_value (b, error->message);
        }
      json_builder_set_member_name (b, "counts");
      json_builder_begin_object (b);
      for (guint i = 0; i < n_names; i++)
        {
          json_builder_set_member_name (b, names[i]);
          json_builder_add_int_value (
            b, GPOINTER_TO_INT (g_hash_table_lookup (counts, names[i])));
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      sc_cli_print_json (root);
      return ok ? SC_CLI_OK : SC_CLI_USER_ERROR;
    }

  printf (_("The store is intact and encrypted (SQLCipher %s).\n"),
          sc_store_get_cipher_version (store));
  for (guint i = 0; i < n_names; i++)
    printf ("  %-12s %d\n", (const char *) names[i],
            GPOINTER_TO_INT (g_hash_table_lookup (counts, names[i])));
  return SC_CLI_OK;
}

static void
show_progress (guint    done,
               guint    total,
               gpointer user_data)
{
  fprintf (stderr, _("records: %u/%u\n"), done, total);
}

int
sc_cli_demo (ScCliGlobal *global,
             int          argc,
             char       **argv)
{
  int records = 40;
  int seed = 2012;
  const GOptionEntry entries[] = {
    { "records", 0, 0, G_OPTION_ARG_INT, &records, N_("How many records (default 40)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed for the invented answers"), N_("N") },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autofree char *inspection = NULL;

  if (!sc_cli_parse_options (&argc, &argv, NULL,
                             _("Add a demo inspection on the Care Inspectorate 2012 framework."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (records < 0 || records > 1000000)
    return sc_cli_usage (_("--records must be between 0 and 1000000"));
  store = sc_cli_open_store (global, &error);
  if (store == NULL ||
      !sc_demo_create (store, (guint) records, (guint32) seed, show_progress, NULL, &inspection,
                       &error))
    return sc_cli_fail_error (error);
  printf (_("Added the demo inspection %s with %d records.\n"), inspection, records);
  return SC_CLI_OK;
}

int
sc_cli_inspections (ScCliGlobal *global,
                    int          argc,
                    char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the list as JSON"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  if (argc > 1 && g_str_equal (argv[1], "list"))
    {
      argc--;
      argv++;
    }
  if (!sc_cli_parse_options (&argc, &argv, NULL, _("List the store's inspections."), entries))
    return SC_CLI_USAGE_ERROR;
  store = sc_cli_open_store (global, &error);
  if (store != NULL)
    list = sc_store_list_inspections (store, &error);
  if (list == NULL)
    return sc_cli_fail_error (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      ScInspection *inspection = g_ptr_array_index (list, i);

      if (!json)
        {
          printf ("%s  %-8s %s\n", inspection->id, inspection->status, inspection->title);
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, inspection->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, inspection->title);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, inspection->status);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  if (json)
    sc_cli_print_json (root);
  return SC_CLI_OK;
}
