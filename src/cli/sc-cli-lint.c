/* sc-cli-lint.c: `scrutineer-cli lint`, what in a text looks identifying
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-cli.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sc-lint.h"

static GBytes *
read_stdin (GError **error)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 buffer[65536];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_byte_array_append (data, buffer, n);
  if (ferror (stdin))
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("cannot read standard input: %s"), g_strerror (saved));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static GBytes *
read_input (const char  *path,
            GError     **error)
{
  g_autoptr (GError) local = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (path == NULL || g_str_equal (path, "-"))
    return read_stdin (error);
  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      g_set_error (error, local->domain, local->code,
                   _("%s; give a readable text file, or - for standard input"), local->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

static void
print_json (GPtrArray *findings)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    {
      const ScLintFinding *finding = g_ptr_array_index (findings, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, sc_lint_kind_to_string (finding->kind));
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, (gint64) finding->start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, (gint64) finding->end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  sc_cli_print_json (root);
}

static void
print_lines (GPtrArray  *findings,
             const char *text)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const ScLintFinding *finding = g_ptr_array_index (findings, i);

      printf ("%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT " %s: %.*s\n", finding->start, finding->end,
              sc_lint_kind_to_string (finding->kind), (int) (finding->end - finding->start),
              text + finding->start);
    }
}

int
sc_cli_lint (ScCliGlobal *global,
             int          argc,
             char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the findings as JSON"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  const char *text;
  gsize length;

  if (!sc_cli_parse_options (&argc, &argv, _("[FILE|-]"),
                             _("Check free text for what looks identifying: names, telephone "
                               "numbers, dates of birth, postcodes, NHS, CHI and National "
                               "Insurance numbers, e-mail addresses. Reads standard input when "
                               "FILE is - or missing. Each finding is printed as START-END "
                               "kind: text, with byte offsets; the exit status is 0 with or "
                               "without findings."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc > 2)
    return sc_cli_usage (_("lint takes at most one FILE"));

  bytes = read_input (argc == 2 ? argv[1] : NULL, &error);
  if (bytes == NULL)
    return sc_cli_fail ("%s", error->message);
  text = g_bytes_get_data (bytes, &length);
  findings = sc_lint_check (text != NULL ? text : "", (gssize) length);
  if (json)
    print_json (findings);
  else
    print_lines (findings, text);
  return SC_CLI_OK;
}
