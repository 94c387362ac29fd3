/* sc-cli-sync.c: sync with the central store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "sc-sync.h"

static void
print_progress (const char *what,
                guint       done,
                guint       total,
                gpointer    user_data)
{
  if (total > 1 && isatty (fileno (stderr)))
    fprintf (stderr, "%s %u/%u…\r", what, done + 1, total);
}

static void
add_strings (JsonBuilder *b,
             const char  *name,
             GPtrArray   *strings)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (strings, i));
  json_builder_end_array (b);
}

static void
print_json (const ScSyncReport *report)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  add_strings (b, "pushed", report->pushed);
  add_strings (b, "present", report->present);
  json_builder_set_member_name (b, "pulled");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->pulled->len; i++)
    {
      const ScBundleImport *result = g_ptr_array_index (report->pulled, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, result->bundle_id);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, sc_bundle_kind_to_string (result->kind));
      json_builder_set_member_name (b, "sender");
      json_builder_add_string_value (b, result->sender);
      json_builder_set_member_name (b, "new");
      json_builder_add_int_value (b, result->n_new);
      json_builder_set_member_name (b, "updated");
      json_builder_add_int_value (b, result->n_updated);
      json_builder_set_member_name (b, "conflicts");
      json_builder_add_int_value (b, result->n_conflicts);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_strings (b, "problems", report->problems);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  sc_cli_print_json (root);
}

static void
print_text (const ScSyncReport *report)
{
  guint sent = report->pushed->len + report->present->len;

  if (sent == 0)
    printf (_("Nothing to send.\n"));
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "Sent %u bundle (%u of them the central store had "
                         "already).\n",
                         "Sent %u bundles (%u of them the central store had already).\n", sent),
            sent, report->present->len);
  for (guint i = 0; i < report->pushed->len; i++)
    printf ("  up   %s\n", (const char *) g_ptr_array_index (report->pushed, i));
  for (guint i = 0; i < report->present->len; i++)
    printf ("  up   %s %s\n", (const char *) g_ptr_array_index (report->present, i),
            _("(already there)"));
  if (report->pulled->len == 0)
    printf (_("Nothing new to receive.\n"));
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "Received and imported %u bundle.\n",
                         "Received and imported %u bundles.\n", report->pulled->len),
            report->pulled->len);
  for (guint i = 0; i < report->pulled->len; i++)
    {
      const ScBundleImport *result = g_ptr_array_index (report->pulled, i);

      printf (_("  down %s (%s, from device %s): %u new, %u updated, %u conflicts\n"),
              result->bundle_id, sc_bundle_kind_to_string (result->kind), result->sender,
              result->n_new, result->n_updated, result->n_conflicts);
    }
}

int
sc_cli_sync (ScCliGlobal *global,
             int          argc,
             char       **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *ca_file = NULL;
  g_auto (GStrv) push = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("The central store's address, https://HOST[:PORT]"), N_("URL") },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("Trust the certificates in FILE (PEM) instead of the system's"), N_("FILE") },
    { "push", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &push,
      N_("Put this bundle in the outbox first (repeat for several)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (ScSyncReport) report = NULL;

  if (!sc_cli_parse_options (&argc, &argv, NULL,
                             _("Send the bundles in the store's outbox to the central store, "
                               "then receive and import the bundles addressed to this device. "
                               "Bundles wait in STORE/outbox/ until sent; sent ones move to "
                               "STORE/outbox/sent/."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 1)
    return sc_cli_usage (_("sync takes no arguments"));
  if (server == NULL)
    return sc_cli_usage (_("sync needs --server URL"));
  store = sc_cli_open_store (global, &error);
  if (store == NULL)
    return sc_cli_fail_error (error);
  for (guint i = 0; push != NULL && push[i] != NULL; i++)
    if (!sc_sync_outbox_add (store, push[i], &error))
      return sc_cli_fail_error (error);
  report = sc_sync_run (store, server, ca_file, print_progress, NULL, &error);
  if (isatty (fileno (stderr)))
    fprintf (stderr, "\033[K");
  /* The app shows the last sync, however it was made; not noting it is no failure. */
  sc_sync_last_save (store, server, report, error, NULL);
  if (report == NULL)
    return sc_cli_fail_error (error);
  if (json)
    print_json (report);
  else
    print_text (report);
  for (guint i = 0; i < report->problems->len; i++)
    sc_cli_fail ("%s", (const char *) g_ptr_array_index (report->problems, i));
  return report->problems->len > 0 ? SC_CLI_USER_ERROR : SC_CLI_OK;
}
