/* sc-cli.c: scrutineer-cli, every core operation without a display
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-cli.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

typedef struct
{
  const char *name;
  ScCliCommand run;
  const char *summary;
} Command;

static const Command commands[] = {
  { "framework", sc_cli_framework, N_("Validate, list and show quality frameworks") },
  { "lint", sc_cli_lint, N_("Check free text for what looks identifying") },
  { "init", sc_cli_init, N_("Create a new encrypted store") },
  { "passwd", sc_cli_passwd, N_("Change the store's passphrase") },
  { "check", sc_cli_check, N_("Check the store's integrity and encryption") },
  { "demo", sc_cli_demo, N_("Add a demo inspection to the store") },
  { "inspections", sc_cli_inspections, N_("List the store's inspections") },
  { "records", sc_cli_records, N_("List the records of an inspection") },
  { "reading", sc_cli_reading, N_("Answer questions about a record, and submit the reading") },
  { "stats", sc_cli_stats, N_("Agreement statistics of readers") },
  { "identity", sc_cli_identity, N_("Export this device's identity card, or show a card") },
  { "enrol", sc_cli_enrol, N_("Trust a device from its identity card") },
  { "revoke", sc_cli_revoke, N_("Stop trusting a device") },
  { "bundle", sc_cli_bundle, N_("Export or import a signed, encrypted bundle") },
  { "sync", sc_cli_sync, N_("Send and receive bundles through the central store") },
  { "allocate", sc_cli_allocate, N_("Allocate records to readers, some to be read twice") },
  { "reallocate", sc_cli_reallocate, N_("Move unstarted work after the team changed") },
  { "compare", sc_cli_compare, N_("Compare the two readings of double-read records") },
  { "moderate", sc_cli_moderate, N_("Record the agreed value of a double-read answer") },
  { "report", sc_cli_report, N_("Write the report (PDF) or export answers or statistics (CSV)") },
};

gboolean
sc_cli_parse_options (int                *argc,
                      char             ***argv,
                      const char         *parameter_string,
                      const char         *summary,
                      const GOptionEntry *entries)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr (GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sc_cli_usage ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
print_line (FILE       *stream,
            const char *format,
            va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  fprintf (stream, "scrutineer-cli: %s\n", message);
}

int
sc_cli_usage (const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  print_line (stderr, format, args);
  va_end (args);
  fprintf (stderr, _("Try “scrutineer-cli --help” for the list of commands.\n"));
  return SC_CLI_USAGE_ERROR;
}

int
sc_cli_fail (const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  print_line (stderr, format, args);
  va_end (args);
  return SC_CLI_USER_ERROR;
}

void
sc_cli_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

int
sc_cli_fail_error (const GError *error)
{
  g_auto (GStrv) lines = g_strsplit (error->message, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      fprintf (stderr, "scrutineer-cli: %s\n", lines[i]);
  return SC_CLI_USER_ERROR;
}

static void
print_help (void)
{
  printf ("%s\n\n", _("Usage: scrutineer-cli [--store DIR] [--passphrase-file FILE] COMMAND [ARGS…]"));
  printf ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    printf ("  %-12s %s\n", commands[i].name, _(commands[i].summary));
  printf ("\n%s\n", _("Run “scrutineer-cli COMMAND --help” for the options of a command."));
}

/* Global options come before the command; the command parses the rest. */
static int
parse_global (ScCliGlobal *global,
              int          argc,
              char       **argv,
              int         *first)
{
  int i = 1;

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      const char *arg = argv[i];
      const char *equals = strchr (arg, '=');
      g_autofree char *name = equals != NULL ? g_strndup (arg, equals - arg) : g_strdup (arg);
      char **slot = NULL;
      const char *value = NULL;

      if (g_str_equal (name, "--help") || g_str_equal (name, "-h"))
        {
          print_help ();
          return -1;
        }
      if (g_str_equal (name, "--version"))
        {
          printf ("scrutineer-cli %s\n", PACKAGE_VERSION);
          return -1;
        }
      if (g_str_equal (name, "--store"))
        slot = &global->store_dir;
      else if (g_str_equal (name, "--passphrase-file"))
        slot = &global->passphrase_file;
      else if (g_str_equal (name, "--inspection"))
        slot = &global->inspection;
      else
        return sc_cli_usage (_("unknown option “%s”"), arg);

      if (equals != NULL)
        value = equals + 1;
      else if (i + 1 < argc)
        value = argv[++i];
      else
        return sc_cli_usage (_("%s needs a value"), name);
      g_free (*slot);
      *slot = g_strdup (value);
    }
  *first = i;
  return SC_CLI_OK;
}

int
main (int    argc,
      char **argv)
{
  ScCliGlobal global = { NULL, NULL, NULL };
  int first = 0;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  status = parse_global (&global, argc, argv, &first);
  if (status != SC_CLI_OK)
    return status < 0 ? SC_CLI_OK : status;
  if (first >= argc)
    {
      print_help ();
      return SC_CLI_USAGE_ERROR;
    }

  status = -1;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[first], commands[i].name))
      status = commands[i].run (&global, argc - first, argv + first);
  if (status < 0)
    status = sc_cli_usage (_("unknown command “%s”"), argv[first]);

  g_free (global.store_dir);
  g_free (global.passphrase_file);
  g_free (global.inspection);
  return status;
}
