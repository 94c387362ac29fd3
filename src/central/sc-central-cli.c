/* sc-central-cli.c: scrutineer-central's commands
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-central-cli.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "sc-central-db.h"
#include "sc-central-report.h"
#include "sc-central-server.h"
#include "sc-export.h"
#include "sc-identity.h"

enum {
  STATUS_OK = 0,
  STATUS_USER_ERROR = 1,
  STATUS_USAGE_ERROR = 2,
};

typedef int (*Command) (int    argc,
                        char **argv);

static int
usage (const char *format,
       ...) G_GNUC_PRINTF (1, 2);

static int
usage (const char *format,
       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "scrutineer-central: %s\n", message);
  fprintf (stderr, "%s\n", _("Try “scrutineer-central --help” for the list of commands."));
  return STATUS_USAGE_ERROR;
}

static int
fail (const GError *error)
{
  g_auto (GStrv) lines = g_strsplit (error->message, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      fprintf (stderr, "scrutineer-central: %s\n", lines[i]);
  return STATUS_USER_ERROR;
}

static gboolean
parse_options (int               *argc,
               char            ***argv,
               const char        *parameters,
               const char        *summary,
               const GOptionEntry *entries)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameters);
  g_autoptr (GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* --database, else $SCRUTINEER_CENTRAL_DATABASE. */
static const char *
database_url (const char *given)
{
  const char *env = g_getenv ("SCRUTINEER_CENTRAL_DATABASE");

  if (given != NULL)
    return given;
  return env != NULL && *env != '\0' ? env : NULL;
}

#define DATABASE_ENTRIES(url, key_file) \
  { "database", 'd', 0, G_OPTION_ARG_STRING, &(url), \
    N_("sqlite:PATH or postgresql://… (default: $SCRUTINEER_CENTRAL_DATABASE)"), N_("URL") }, \
  { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &(key_file), \
    N_("The SQLite database's key file (default: the database's path + .key)"), N_("FILE") }

static ScCentralDb *
open_db (const char *url,
         const char *key_file,
         GError    **error)
{
  const char *resolved = database_url (url);

  if (resolved == NULL)
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_URL,
                   _("Say which database to use with --database sqlite:PATH or "
                     "--database postgresql://…"));
      return NULL;
    }
  return sc_central_db_open (resolved, key_file, error);
}

/* serve */

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

static int
cmd_serve (int    argc,
           char **argv)
{
  g_autofree char *listen = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *cert_file = NULL;
  g_autofree char *tls_key_file = NULL;
  gboolean quiet = FALSE;
  gint64 max_body = 0;
  const GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      N_("The address and port to listen on, as in 127.0.0.1:8443 or [::1]:8443"),
      N_("ADDR:PORT") },
    DATABASE_ENTRIES (url, key_file),
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &cert_file,
      N_("The server's certificate (PEM); with --tls-key, serve HTTPS"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key_file,
      N_("The certificate's private key (PEM)"), N_("FILE") },
    { "max-body", 0, 0, G_OPTION_ARG_INT64, &max_body,
      N_("Refuse request bodies larger than this (default: 1 GiB + 128 MiB)"), N_("BYTES") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not log each request"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (ScCentralDb) db = NULL;
  g_autoptr (ScCentralServer) server = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *where = NULL;
  guint sigterm, sigint;

  if (!parse_options (&argc, &argv, NULL,
                      _("Serve the central store's HTTP API until stopped (SIGTERM or SIGINT)."),
                      entries))
    return STATUS_USAGE_ERROR;
  if (argc != 1)
    return usage (_("serve takes no arguments"));
  if (listen == NULL)
    return usage (_("serve needs --listen ADDR:PORT"));
  if (max_body < 0 || (guint64) max_body > SC_CENTRAL_MAX_BODY)
    return usage (_("--max-body must be between 1 and 1 GiB + 128 MiB"));
  if ((cert_file == NULL) != (tls_key_file == NULL))
    return usage (_("--tls-cert and --tls-key go together"));
  address = sc_central_parse_listen (listen, &error);
  if (address == NULL)
    return fail (error);
  if (cert_file != NULL)
    {
      certificate = g_tls_certificate_new_from_files (cert_file, tls_key_file, &error);
      if (certificate == NULL)
        {
          g_prefix_error (&error, _("Cannot use the certificate %s with the key %s: "), cert_file,
                          tls_key_file);
          return fail (error);
        }
    }
  db = open_db (url, key_file, &error);
  if (db == NULL)
    return fail (error);

  loop = g_main_loop_new (NULL, FALSE);
  server = sc_central_server_new (db, certificate, !quiet);
  if (max_body > 0)
    sc_central_server_set_max_body (server, (guint64) max_body);
  where = sc_central_server_listen (server, address, &error);
  if (where == NULL)
    return fail (error);
  sigterm = g_unix_signal_add (SIGTERM, quit_loop, loop);
  sigint = g_unix_signal_add (SIGINT, quit_loop, loop);
  /* Tests and scripts read this line to find the port. */
  printf ("%s %s\n", _("Listening on"), where);
  fflush (stdout);
  g_main_loop_run (loop);
  g_source_remove (sigterm);
  g_source_remove (sigint);
  g_clear_pointer (&server, sc_central_server_free);
  return STATUS_OK;
}

/* enrol, revoke */

static int
cmd_enrol (int    argc,
           char **argv)
{
  g_autofree char *role = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key_file = NULL;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("lead, deputy, inspector, associate, volunteer or support"), N_("ROLE") },
    DATABASE_ENTRIES (url, key_file),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScIdentity) card = NULL;
  g_autoptr (ScCentralDb) db = NULL;
  g_autoptr (ScCentralDevice) device = sc_central_device_new ();
  g_autofree char *fingerprint = NULL;
  gboolean updated = FALSE;

  if (!parse_options (&argc, &argv, _("CARD"),
                      _("Let a device sync with this central store. Compare the card's "
                        "fingerprint with its owner first."),
                      entries))
    return STATUS_USAGE_ERROR;
  if (argc != 2)
    return usage (_("enrol takes one identity card"));
  if (role == NULL || g_str_equal (role, "central") || !sc_identity_role_is_valid (role))
    return usage (
      _("enrol needs --role lead, deputy, inspector, associate, volunteer or support"));
  card = sc_identity_load (argv[1], &error);
  if (card == NULL)
    return fail (error);
  db = open_db (url, key_file, &error);
  if (db == NULL)
    return fail (error);
  device->id = g_ascii_strdown (card->device_id, -1);
  device->name = g_strdup (card->name);
  device->role = g_strdup (role);
  memcpy (device->sign_key, card->sign_key, sizeof device->sign_key);
  memcpy (device->box_key, card->box_key, sizeof device->box_key);
  if (!sc_central_db_enrol (db, device, &updated, &error))
    return fail (error);
  fingerprint = sc_identity_fingerprint (card);
  printf (updated ? _("%s (device %s) was enrolled already; its role is now %s.\n")
                  : _("Enrolled %s (device %s) as %s.\n"),
          card->name, device->id, role);
  printf (_("Fingerprint: %s\n"), fingerprint);
  return STATUS_OK;
}

static int
cmd_revoke (int    argc,
            char **argv)
{
  g_autofree char *url = NULL;
  g_autofree char *key_file = NULL;
  const GOptionEntry entries[] = {
    DATABASE_ENTRIES (url, key_file),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScCentralDb) db = NULL;

  if (!parse_options (&argc, &argv, _("DEVICE"),
                      _("Refuse every request from a device from now on (a lost or stolen "
                        "laptop). Its bundles stay stored."),
                      entries))
    return STATUS_USAGE_ERROR;
  if (argc != 2)
    return usage (_("revoke takes one device id"));
  db = open_db (url, key_file, &error);
  if (db == NULL || !sc_central_db_revoke (db, argv[1], &error))
    return fail (error);
  printf (_("The device %s is revoked.\n"), argv[1]);
  return STATUS_OK;
}

/* identity export */

static int
cmd_identity (int    argc,
              char **argv)
{
  g_autofree char *out = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key_file = NULL;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Where to write the card"), N_("CARD") },
    DATABASE_ENTRIES (url, key_file),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScCentralDb) db = NULL;
  g_autoptr (ScCentralIdentity) identity = NULL;
  ScIdentity card = { 0 };
  g_autofree char *fingerprint = NULL;

  if (!parse_options (&argc, &argv, "export",
                      _("Write the central store's identity card, for leads to enrol so that "
                        "team bundles can be sealed to it."),
                      entries))
    return STATUS_USAGE_ERROR;
  if (argc != 2 || !g_str_equal (argv[1], "export"))
    return usage (_("the identity command is “identity export --out CARD”"));
  if (out == NULL)
    return usage (_("identity export needs --out CARD"));
  db = open_db (url, key_file, &error);
  if (db != NULL)
    identity = sc_central_db_get_identity (db, &error);
  if (identity == NULL)
    return fail (error);
  card.device_id = identity->id;
  card.name = identity->name;
  card.role = (char *) "central";
  memcpy (card.sign_key, identity->sign_key, sizeof card.sign_key);
  memcpy (card.box_key, identity->box_key, sizeof card.box_key);
  if (!sc_identity_save (&card, out, &error))
    return fail (error);
  fingerprint = sc_identity_fingerprint (&card);
  printf (_("Wrote the central store's card to %s.\n"), out);
  printf (_("Fingerprint: %s\n"), fingerprint);
  return STATUS_OK;
}

/* status, check */

static int
cmd_status (int    argc,
            char **argv)
{
  g_autofree char *url = NULL;
  g_autofree char *key_file = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    DATABASE_ENTRIES (url, key_file),
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the counts as JSON"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScCentralDb) db = NULL;
  ScCentralCounts counts;

  if (!parse_options (&argc, &argv, NULL, _("Count what the central store holds."), entries))
    return STATUS_USAGE_ERROR;
  if (argc != 1)
    return usage (_("status takes no arguments"));
  db = open_db (url, key_file, &error);
  if (db == NULL || !sc_central_db_counts (db, &counts, &error))
    return fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "inspections");
      json_builder_add_int_value (b, counts.inspections);
      json_builder_set_member_name (b, "bundles");
      json_builder_add_int_value (b, counts.bundles);
      json_builder_set_member_name (b, "devices");
      json_builder_add_int_value (b, counts.devices);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      printf ("%s\n", text);
      return STATUS_OK;
    }
  printf (_("%s (%s): %" G_GINT64_FORMAT " bundles of %" G_GINT64_FORMAT
            " inspections, %" G_GINT64_FORMAT " devices enrolled\n"),
          db->url, sc_central_db_get_backend (db), counts.bundles, counts.inspections,
          counts.devices);
  return STATUS_OK;
}

static int
cmd_check (int    argc,
           char **argv)
{
  g_autofree char *url = NULL;
  g_autofree char *key_file = NULL;
  const GOptionEntry entries[] = {
    DATABASE_ENTRIES (url, key_file),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScCentralDb) db = NULL;
  guint n = 0;

  if (!parse_options (&argc, &argv, NULL,
                      _("Check the database, and that every stored bundle is whole."), entries))
    return STATUS_USAGE_ERROR;
  if (argc != 1)
    return usage (_("check takes no arguments"));
  db = open_db (url, key_file, &error);
  if (db == NULL || !sc_central_db_verify (db, &n, &error))
    return fail (error);
  printf (_("The database is intact; all %u bundles are whole.\n"), n);
  return STATUS_OK;
}

/* report */

static int
cmd_report (int    argc,
            char **argv)
{
  g_autofree char *out = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key_file = NULL;
  gboolean force = FALSE;
  gboolean trends = FALSE;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write the report to FILE.pdf or FILE.csv"),
      N_("FILE") },
    DATABASE_ENTRIES (url, key_file),
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { "trends", 0, 0, G_OPTION_ARG_NONE, &trends,
      N_("Write agreement per inspection over time instead (CSV only)"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScCentralDb) db = NULL;

  if (!parse_options (&argc, &argv, NULL,
                      _("Write the distribution of evaluations per indicator across every "
                        "inspection whose team bundle was sealed to this central store: "
                        "FILE.pdf (charts, then agreement per inspection over time) or FILE.csv "
                        "(framework, framework_version, indicator, indicator_title, level, "
                        "level_label, inspections). With --trends, FILE.csv holds agreement "
                        "per inspection instead (inspection, framework, framework_version, "
                        "date, indicators, readers, exact, within_one, kappa, alpha_ordinal)."),
                      entries))
    return STATUS_USAGE_ERROR;
  if (argc != 1)
    return usage (_("report takes no arguments; give the file with --out"));
  if (out == NULL || (!g_str_has_suffix (out, ".pdf") && !g_str_has_suffix (out, ".csv")))
    return usage (_("report needs --out FILE.pdf or --out FILE.csv"));
  if (trends && !g_str_has_suffix (out, ".csv"))
    return usage (_("report --trends writes CSV: give --out FILE.csv"));
  db = open_db (url, key_file, &error);
  if (db == NULL)
    return fail (error);
  fprintf (stderr, "scrutineer-central: %s\n", sc_export_get_warning ());
  if (!(trends ? sc_central_report_write_trends (db, out, force, &error)
               : sc_central_report_write (db, out, force, &error)))
    return fail (error);
  printf (_("Wrote %s\n"), out);
  return STATUS_OK;
}

/* Dispatch */

typedef struct
{
  const char *name;
  Command run;
  const char *summary;
} CommandEntry;

static const CommandEntry commands[] = {
  { "serve", cmd_serve, N_("Serve the HTTP API devices sync with") },
  { "enrol", cmd_enrol, N_("Let a device sync, from its identity card") },
  { "revoke", cmd_revoke, N_("Refuse a device from now on") },
  { "identity", cmd_identity, N_("Export the central store's own identity card") },
  { "status", cmd_status, N_("Count inspections, bundles and devices") },
  { "check", cmd_check, N_("Check the database and every stored bundle") },
  { "report", cmd_report, N_("Evaluations across inspections, as PDF or CSV") },
};

static void
print_help (void)
{
  printf ("%s\n\n", _("Usage: scrutineer-central COMMAND [OPTIONS…]"));
  printf ("%s\n", _("The central store: devices upload and download signed, encrypted bundles "
                    "here when they are back on a network."));
  printf ("\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    printf ("  %-10s %s\n", commands[i].name, _(commands[i].summary));
  printf ("\n%s\n", _("Databases: sqlite:PATH (encrypted with PATH.key, made on first use, or "
                      "--key-file) or postgresql://…"));
  printf ("%s\n", _("Run “scrutineer-central COMMAND --help” for the options of a command."));
}

int
sc_central_main (int    argc,
                 char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_help ();
      return STATUS_USAGE_ERROR;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help ();
      return STATUS_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("scrutineer-central %s\n", PACKAGE_VERSION);
      return STATUS_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);
  return usage (_("unknown command “%s”"), argv[1]);
}
