/* sc-cli-framework.c: `scrutineer-cli framework …`
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sc-framework-json.h"
#include "sc-framework.h"

/* A path names a file; a bare name such as "ofsted-sif-2013" that is not a
 * file names a shipped framework. */
static ScFramework *
load_named (const char  *name,
            GError     **error)
{
  if (!g_file_test (name, G_FILE_TEST_EXISTS) && strchr (name, '/') == NULL)
    {
      g_auto (GStrv) builtin = sc_framework_list_builtin ();

      if (g_strv_contains ((const char * const *) builtin, name))
        return sc_framework_load_builtin (name, error);
    }
  return sc_framework_load_file (name, error);
}

static int
framework_validate (int    argc,
                    char **argv)
{
  int status = SC_CLI_OK;

  if (!sc_cli_parse_options (&argc, &argv, _("FILE…"),
                             _("Check frameworks against the schema and the rules of the "
                               "format. Problems are printed as FILE:LINE: message."),
                             NULL))
    return SC_CLI_USAGE_ERROR;
  if (argc < 2)
    return sc_cli_usage (_("framework validate needs at least one FILE"));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (ScFramework) framework = load_named (argv[i], &error);

      if (framework == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          status = SC_CLI_USER_ERROR;
          continue;
        }
      printf (_("%s: valid (%s %s, %u indicators, %u instruments)\n"), argv[i],
              sc_framework_get_id (framework), sc_framework_get_version (framework),
              sc_framework_get_indicators (framework)->len,
              sc_framework_get_instruments (framework)->len);
    }
  return status;
}

static void
print_summary (const ScFramework *framework)
{
  GPtrArray *sections = sc_framework_get_sections (framework);
  GPtrArray *instruments = sc_framework_get_instruments (framework);

  printf ("%s\n", sc_framework_get_title (framework));
  printf (_("%s, version %s, SHA-256 %s\n"), sc_framework_get_publisher (framework),
          sc_framework_get_version (framework), sc_framework_get_sha256 (framework));
  for (guint s = 0; s < sections->len; s++)
    {
      ScSection *section = g_ptr_array_index (sections, s);

      printf ("\n%s\n", sc_text_get (section->title));
      for (guint a = 0; a < section->areas->len; a++)
        {
          ScArea *area = g_ptr_array_index (section->areas, a);

          for (guint i = 0; i < area->indicators->len; i++)
            {
              ScIndicator *indicator = g_ptr_array_index (area->indicators, i);

              printf ("  %-10s %s\n", indicator->id, sc_text_get (indicator->title));
            }
        }
    }
  printf ("\n");
  for (guint i = 0; i < instruments->len; i++)
    {
      ScInstrument *instrument = g_ptr_array_index (instruments, i);

      printf (_("Instrument %s (%s): %u questions\n"), instrument->id,
              sc_instrument_kind_to_string (instrument->kind),
              sc_instrument_count_questions (instrument));
    }
}

static int
framework_show (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the framework as JSON"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) framework = NULL;

  if (!sc_cli_parse_options (&argc, &argv, _("FILE"),
                             _("Show a framework: a file, or the name of a shipped one."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 2)
    return sc_cli_usage (_("framework show needs exactly one FILE"));

  framework = load_named (argv[1], &error);
  if (framework == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return SC_CLI_USER_ERROR;
    }
  if (json)
    {
      g_autoptr (JsonNode) node = sc_framework_to_json (framework);

      sc_cli_print_json (node);
    }
  else
    print_summary (framework);
  return SC_CLI_OK;
}

static int
framework_list (int    argc,
                char **argv)
{
  g_auto (GStrv) names = NULL;

  if (!sc_cli_parse_options (&argc, &argv, NULL, _("List the frameworks shipped with Scrutineer."),
                             NULL))
    return SC_CLI_USAGE_ERROR;
  names = sc_framework_list_builtin ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (ScFramework) framework = sc_framework_load_builtin (names[i], &error);

      if (framework == NULL)
        return sc_cli_fail ("%s", error->message);
      printf ("%-26s %s\n", names[i], sc_framework_get_title (framework));
    }
  return SC_CLI_OK;
}

int
sc_cli_framework (ScCliGlobal *global,
                  int          argc,
                  char       **argv)
{
  if (argc < 2)
    return sc_cli_usage (_("framework needs a subcommand: validate, show or list"));
  if (g_str_equal (argv[1], "validate"))
    return framework_validate (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "show"))
    return framework_show (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return framework_list (argc - 1, argv + 1);
  return sc_cli_usage (_("unknown framework subcommand “%s”"), argv[1]);
}
