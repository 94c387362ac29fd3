/* sc-cli-bundle.c: identity cards, enrolment, revocation and bundles
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sc-bundle.h"
#include "sc-identity.h"
#include "sc-model.h"
#include "sc-sync.h"

/* identity export --out CARD | identity show CARD */

static int
identity_export (ScCliGlobal *global,
                 int          argc,
                 char       **argv)
{
  g_autofree char *out = NULL;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Write the card to FILE"), N_("FILE") },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (ScIdentity) identity = NULL;
  g_autofree char *fingerprint = NULL;

  if (!sc_cli_parse_options (&argc, &argv, NULL,
                             _("Write this device's identity card: its public keys, the owner's "
                               "name and a fingerprint to read aloud."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 1 || out == NULL)
    return sc_cli_usage (_("identity export needs --out CARD and no other arguments"));
  store = sc_cli_open_store (global, &error);
  if (store != NULL)
    identity = sc_store_get_identity (store, &error);
  if (identity == NULL || !sc_identity_save (identity, out, &error))
    return sc_cli_fail_error (error);
  fingerprint = sc_identity_fingerprint (identity);
  printf (_("Wrote the identity card of %s to %s.\n"), identity->name, out);
  printf ("fingerprint: %s\n", fingerprint);
  return SC_CLI_OK;
}

static int
identity_show (int    argc,
               char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScIdentity) identity = NULL;
  g_autofree char *fingerprint = NULL;

  if (!sc_cli_parse_options (&argc, &argv, _("CARD"), _("Show an identity card's fingerprint."),
                             NULL))
    return SC_CLI_USAGE_ERROR;
  if (argc != 2)
    return sc_cli_usage (_("identity show takes one identity card"));
  identity = sc_identity_load (argv[1], &error);
  if (identity == NULL)
    return sc_cli_fail_error (error);
  fingerprint = sc_identity_fingerprint (identity);
  printf (_("%s (%s), device %s\n"), identity->name, identity->role, identity->device_id);
  printf ("fingerprint: %s\n", fingerprint);
  return SC_CLI_OK;
}

int
sc_cli_identity (ScCliGlobal *global,
                 int          argc,
                 char       **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return identity_export (global, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "show"))
    return identity_show (argc - 1, argv + 1);
  return sc_cli_usage (_("use “identity export --out CARD” or “identity show CARD”"));
}

/* enrol CARD --role ROLE, revoke DEVICE-ID */

int
sc_cli_enrol (ScCliGlobal *global,
              int          argc,
              char       **argv)
{
  g_autofree char *role = NULL;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("lead, deputy, inspector, associate, volunteer, support or central"), N_("ROLE") },
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &global->inspection,
      N_("Also put the card's owner in the team of this inspection"), N_("ID") },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (ScIdentity) card = NULL;
  g_autoptr (ScInspection) inspection = NULL;
  g_autofree char *fingerprint = NULL;
  gboolean updated = FALSE;
  gboolean joined = FALSE;

  if (!sc_cli_parse_options (&argc, &argv, _("CARD"),
                             _("Trust the device of an identity card: a lead enrols the members "
                               "of the team, members enrol their lead. Compare the fingerprint "
                               "aloud first."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 2 || role == NULL)
    return sc_cli_usage (_("enrol takes one identity card and --role ROLE"));
  if (!sc_identity_role_is_valid (role))
    return sc_cli_usage (_("--role must be lead, deputy, inspector, associate, volunteer, "
                           "support or central"));
  card = sc_identity_load (argv[1], &error);
  if (card != NULL)
    store = sc_cli_open_store (global, &error);
  if (store != NULL && global->inspection != NULL)
    inspection = sc_store_find_inspection (store, global->inspection, &error);
  if (store == NULL || (global->inspection != NULL && inspection == NULL))
    return sc_cli_fail_error (error);
  if (inspection != NULL ? !sc_store_enrol_for_inspection (store, card, role, inspection->id,
                                                           &updated, &joined, &error)
                         : !sc_store_enrol (store, card, role, &updated, &error))
    return sc_cli_fail_error (error);
  fingerprint = sc_identity_fingerprint (card);
  printf (updated ? _("Enrolled %s again, as %s (device %s).\n")
                  : _("Enrolled %s as %s (device %s).\n"),
          card->name, role, card->device_id);
  if (joined)
    printf (_("Added %s to the team of “%s”.\n"), card->name, inspection->title);
  printf ("fingerprint: %s\n", fingerprint);
  printf (_("Read the fingerprint aloud with %s: it must match the one their device shows.\n"),
          card->name);
  return SC_CLI_OK;
}

int
sc_cli_revoke (ScCliGlobal *global,
               int          argc,
               char       **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;

  if (!sc_cli_parse_options (&argc, &argv, _("DEVICE-ID"),
                             _("Stop trusting a device: its bundles are refused from now on."),
                             NULL))
    return SC_CLI_USAGE_ERROR;
  if (argc != 2)
    return sc_cli_usage (_("revoke takes one device id"));
  store = sc_cli_open_store (global, &error);
  if (store == NULL || !sc_store_revoke_device (store, argv[1], &error))
    return sc_cli_fail_error (error);
  printf (_("Revoked device %s: its bundles will be refused.\n"), argv[1]);
  return SC_CLI_OK;
}

/* bundle export, bundle import */

static GPtrArray *
load_cards (char   **paths,
            GError **error)
{
  g_autoptr (GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_identity_free);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      ScIdentity *card = sc_identity_load (paths[i], error);

      if (card == NULL)
        {
          g_prefix_error (error, "%s: ", paths[i]);
          return NULL;
        }
      g_ptr_array_add (cards, card);
    }
  return g_steal_pointer (&cards);
}

static int
bundle_export (ScCliGlobal *global,
               int          argc,
               char       **argv)
{
  g_autofree char *kind_name = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) to = NULL;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, N_("member, team or setup"), N_("KIND") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &to,
      N_("A recipient's identity card (repeat for several)"), N_("CARD") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Write the bundle to FILE"), N_("FILE") },
    SC_CLI_INSPECTION_ENTRY (global),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (GPtrArray) cards = NULL;
  g_autoptr (ScInspection) inspection = NULL;
  ScBundleKind kind;
  guint64 n_rows = 0;

  if (!sc_cli_parse_options (&argc, &argv, NULL,
                             _("Write a signed, encrypted bundle of an inspection for the given "
                               "recipients; this device is always one of them."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 1 || out == NULL || to == NULL || kind_name == NULL)
    return sc_cli_usage (_("bundle export needs --kind KIND, --to CARD and --out FILE"));
  if (!sc_bundle_kind_from_string (kind_name, &kind))
    return sc_cli_usage (_("--kind must be member, team or setup"));
  cards = load_cards (to, &error);
  if (cards != NULL)
    store = sc_cli_open_store (global, &error);
  if (store != NULL)
    inspection = sc_store_find_inspection (store, global->inspection, &error);
  if (inspection == NULL ||
      !sc_bundle_export (store, kind, inspection->id, cards, out, &n_rows, &error))
    return sc_cli_fail_error (error);
  printf (g_dngettext (GETTEXT_PACKAGE, "Wrote the %s bundle %s: %" G_GUINT64_FORMAT " row.\n",
                       "Wrote the %s bundle %s: %" G_GUINT64_FORMAT " rows.\n", n_rows),
          kind_name, out, n_rows);
  /* A team bundle also waits in the outbox, so the next sync sends it. */
  if (kind == SC_BUNDLE_TEAM)
    {
      if (sc_sync_outbox_add (store, out, &error))
        printf (_("It will go to the central store at the next sync.\n"));
      else
        g_printerr (_("The bundle was written, but not queued for the next sync (%s); send it "
                      "with “sync --push %s”.\n"),
                    error->message, out);
    }
  return SC_CLI_OK;
}

static void
print_import_json (const ScBundleImport *result)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "new");
  json_builder_add_int_value (b, result->n_new);
  json_builder_set_member_name (b, "updated");
  json_builder_add_int_value (b, result->n_updated);
  json_builder_set_member_name (b, "conflicts");
  json_builder_add_int_value (b, result->n_conflicts);
  json_builder_set_member_name (b, "already_imported");
  json_builder_add_boolean_value (b, result->already_imported);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  sc_cli_print_json (root);
}

static int
bundle_import (ScCliGlobal *global,
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
  ScBundleImport result = { NULL };

  if (!sc_cli_parse_options (&argc, &argv, _("FILE"),
                             _("Verify a bundle and apply it to the store, all or nothing."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 2)
    return sc_cli_usage (_("bundle import takes one bundle file"));
  store = sc_cli_open_store (global, &error);
  if (store == NULL || !sc_bundle_import (store, argv[1], &result, &error))
    return sc_cli_fail_error (error);
  if (json)
    print_import_json (&result);
  else if (result.already_imported)
    printf (_("This bundle was imported before; nothing changed.\n"));
  else
    printf (_("Imported the %s bundle: %u new, %u updated, %u conflicts kept for the lead.\n"),
            sc_bundle_kind_to_string (result.kind), result.n_new, result.n_updated,
            result.n_conflicts);
  sc_bundle_import_clear (&result);
  return SC_CLI_OK;
}

int
sc_cli_bundle (ScCliGlobal *global,
               int          argc,
               char       **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return bundle_export (global, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return bundle_import (global, argc - 1, argv + 1);
  return sc_cli_usage (_("use “bundle export …” or “bundle import FILE”"));
}
