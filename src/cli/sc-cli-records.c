/* sc-cli-records.c: records list, reading set and reading submit
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sc-answer.h"
#include "sc-model.h"

int
sc_cli_records (ScCliGlobal *global,
                int          argc,
                char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the list as JSON"), NULL },
    SC_CLI_INSPECTION_ENTRY (global),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  if (argc < 2 || !g_str_equal (argv[1], "list"))
    return sc_cli_usage (_("records needs a subcommand: list"));
  argc--;
  argv++;
  if (!sc_cli_parse_options (&argc, &argv, NULL,
                             _("List records: all of them, or one inspection's with "
                               "--inspection."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  store = sc_cli_open_store (global, &error);
  if (store != NULL)
    records = sc_store_list_records (store, global->inspection, &error);
  if (records == NULL)
    return sc_cli_fail_error (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < records->len; i++)
    {
      ScRecord *record = g_ptr_array_index (records, i);
      g_autofree char *cohorts = g_strjoinv (" ", record->cohorts);

      if (!json)
        {
          printf ("%-12s %-20s %-8s %s\n", record->ref, cohorts, record->age_band,
                  record->legal_status);
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, record->id);
      json_builder_set_member_name (b, "ref");
      json_builder_add_string_value (b, record->ref);
      json_builder_set_member_name (b, "cohorts");
      json_builder_begin_array (b);
      for (guint c = 0; record->cohorts[c] != NULL; c++)
        json_builder_add_string_value (b, record->cohorts[c]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "age_band");
      json_builder_add_string_value (b, record->age_band);
      json_builder_set_member_name (b, "legal_status");
      json_builder_add_string_value (b, record->legal_status);
      json_builder_set_member_name (b, "inspection");
      json_builder_add_string_value (b, record->inspection);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  if (json)
    sc_cli_print_json (root);
  return SC_CLI_OK;
}

/* The current user's reading of REF in the chosen inspection. */
static ScReading *
open_own_reading (ScStore      *store,
                  ScCliGlobal  *global,
                  const char   *ref,
                  ScFramework **framework,
                  GError      **error)
{
  g_autoptr (ScInspection) inspection = sc_store_find_inspection (store, global->inspection,
                                                                  error);
  g_autoptr (ScRecord) record = NULL;

  if (inspection == NULL)
    return NULL;
  *framework = sc_store_get_framework (store, inspection->framework, error);
  if (*framework == NULL)
    return NULL;
  record = sc_store_find_record (store, inspection->id, ref, error);
  if (record == NULL)
    return NULL;
  return sc_store_open_reading (store, record->id, sc_store_get_owner_id (store), error);
}

static int
reading_set (ScCliGlobal *global,
             int          argc,
             char       **argv)
{
  g_autofree char *evidence = NULL;
  const GOptionEntry entries[] = {
    { "evidence", 0, 0, G_OPTION_ARG_STRING, &evidence, N_("The evidence for the answer"),
      N_("TEXT") },
    SC_CLI_INSPECTION_ENTRY (global),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (ScReading) reading = NULL;
  g_autofree char *value = NULL;
  ScFramework *framework = NULL;
  const ScQuestion *question;
  const ScInstrument *instrument;

  if (!sc_cli_parse_options (&argc, &argv, _("REF QUESTION VALUE"),
                             _("Record your answer to QUESTION on record REF. VALUE is a level "
                               "(value or id), a choice id (comma-separated for several), yes "
                               "or no, a date (YYYY-MM-DD), a number, or text."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 4)
    return sc_cli_usage (_("reading set needs REF QUESTION VALUE"));

  store = sc_cli_open_store (global, &error);
  if (store != NULL)
    reading = open_own_reading (store, global, argv[1], &framework, &error);
  if (reading == NULL)
    return sc_cli_fail_error (error);

  question = sc_framework_lookup_question (framework, argv[2]);
  instrument = question != NULL ? sc_framework_get_question_instrument (framework, question)
                                : NULL;
  if (instrument == NULL || instrument->kind != SC_INSTRUMENT_KIND_RECORD)
    return sc_cli_fail (_("The reading form has no question %s; “framework show” lists them"),
                        argv[2]);
  value = sc_answer_normalise (question, argv[3], &error);
  if (error != NULL ||
      !sc_store_set_answer (store, reading->id, question->id, value, evidence, NULL, &error))
    return sc_cli_fail_error (error);
  printf (_("%s %s: %s (saved)\n"), argv[1], question->id, value != NULL ? value : _("cleared"));
  return SC_CLI_OK;
}

static int
reading_submit (ScCliGlobal *global,
                int          argc,
                char       **argv)
{
  const GOptionEntry entries[] = {
    SC_CLI_INSPECTION_ENTRY (global),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (ScReading) reading = NULL;
  ScFramework *framework = NULL;

  if (!sc_cli_parse_options (&argc, &argv, _("REF"),
                             _("Submit your reading of record REF; it then becomes read-only."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 2)
    return sc_cli_usage (_("reading submit needs REF"));
  store = sc_cli_open_store (global, &error);
  if (store != NULL)
    reading = open_own_reading (store, global, argv[1], &framework, &error);
  if (reading == NULL || !sc_store_submit_reading (store, reading->id, &error))
    return sc_cli_fail_error (error);
  printf (_("Your reading of %s was submitted.\n"), argv[1]);
  return SC_CLI_OK;
}

int
sc_cli_reading (ScCliGlobal *global,
                int          argc,
                char       **argv)
{
  if (argc < 2)
    return sc_cli_usage (_("reading needs a subcommand: set or submit"));
  if (g_str_equal (argv[1], "set"))
    return reading_set (global, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "submit"))
    return reading_submit (global, argc - 1, argv + 1);
  return sc_cli_usage (_("unknown reading subcommand “%s”"), argv[1]);
}
