/* sc-cli-report.c: `scrutineer-cli report --out FILE.pdf|FILE.csv`
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sc-export-csv.h"
#include "sc-export.h"
#include "sc-report.h"

typedef enum
{
  FORMAT_PDF,
  FORMAT_ANSWERS_CSV,
  FORMAT_STATISTICS_CSV,
} Format;

static gboolean
pick_format (const char *out,
             gboolean    stats,
             Format     *format)
{
  g_autofree char *lower = g_ascii_strdown (out, -1);

  if (g_str_has_suffix (lower, ".pdf") && !stats)
    *format = FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".csv"))
    *format = stats ? FORMAT_STATISTICS_CSV : FORMAT_ANSWERS_CSV;
  else
    return FALSE;
  return TRUE;
}

static gboolean
write_export (ScStore     *store,
              ScCliGlobal *global,
              Format       format,
              const char  *out,
              gboolean     force,
              GError     **error)
{
  switch (format)
    {
    case FORMAT_PDF:
      return sc_report_write_pdf (store, global->inspection, out, force, error);
    case FORMAT_ANSWERS_CSV:
      return sc_export_answers_csv (store, global->inspection, out, force, error);
    case FORMAT_STATISTICS_CSV:
    default:
      return sc_export_statistics_csv (store, global->inspection, out, force, error);
    }
}

static int
fail_exists (const char *out)
{
  return sc_cli_fail (_("%s already exists and was left as it is; choose another name, or add "
                        "--force to replace it"),
                      out);
}

int
sc_cli_report (ScCliGlobal *global,
               int          argc,
               char       **argv)
{
  g_autofree char *out = NULL;
  gboolean stats = FALSE, force = FALSE;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write to FILE: .pdf for the report, .csv for the answers"), N_("FILE") },
    { "stats", 0, 0, G_OPTION_ARG_NONE, &stats,
      N_("With a .csv file: write the agreement statistics instead of the answers"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    SC_CLI_INSPECTION_ENTRY (global),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  Format format;

  if (!sc_cli_parse_options (
        &argc, &argv, NULL,
        _("Write the consistency and evaluation report (FILE.pdf: cover, evaluations per "
          "indicator, consistency of double reading, safety concerns as counts), or a CSV "
          "export: FILE.csv holds one row per answer (record_ref, reader, reader_role, kind, "
          "status, question, value, moderated_value); with --stats, FILE.csv holds the "
          "agreement statistics instead, one row overall, per question, per indicator and per "
          "reader pair. Run the command twice for both CSV files. Readers appear by letter and "
          "role, never by name. The file is outside the encrypted store: handle it as "
          "sensitive."),
        entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 1)
    return sc_cli_usage (_("report takes no arguments; give the file with --out"));
  if (out == NULL)
    return sc_cli_usage (_("report needs --out FILE.pdf or --out FILE.csv"));
  if (!pick_format (out, stats, &format))
    return sc_cli_usage (stats ? _("--stats writes CSV: give --out FILE.csv")
                               : _("--out must end in .pdf or .csv"));
  if (!force && g_file_test (out, G_FILE_TEST_EXISTS))
    return fail_exists (out);

  store = sc_cli_open_store (global, &error);
  if (store == NULL)
    return sc_cli_fail_error (error);
  fprintf (stderr, "scrutineer-cli: %s\n", sc_export_get_warning ());
  if (!write_export (store, global, format, out, force, &error))
    return g_error_matches (error, SC_EXPORT_ERROR, SC_EXPORT_ERROR_EXISTS)
             ? fail_exists (out) : sc_cli_fail_error (error);
  printf (_("Wrote %s\n"), out);
  return SC_CLI_OK;
}
