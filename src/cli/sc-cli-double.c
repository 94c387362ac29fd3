/* sc-cli-double.c: allocate, reallocate, compare, moderate, stats inspection
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sc-double-reading.h"
#include "sc-model.h"

#define LABEL_WIDTH 40

/* Member id -> name, for people to read. */
static GHashTable *
member_names (ScStore *store,
              GError **error)
{
  g_autoptr (GPtrArray) members = sc_store_list_members (store, error);
  GHashTable *names;

  if (members == NULL)
    return NULL;
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < members->len; i++)
    {
      ScMember *member = g_ptr_array_index (members, i);

      g_hash_table_insert (names, g_strdup (member->id), g_strdup (member->name));
    }
  return names;
}

static const char *
name_of (GHashTable *names,
         const char *member)
{
  const char *name = g_hash_table_lookup (names, member);

  return name != NULL ? name : member;
}

static gboolean
parse_seed (const char *text,
            guint32    *seed)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL))
    return FALSE;
  *seed = (guint32) value;
  return TRUE;
}

/* "0.2" or "20%". */
static gboolean
parse_fraction (const char *text,
                double     *fraction)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize len = strlen (copy);
  gboolean percent = len > 0 && copy[len - 1] == '%';
  char *end = NULL;
  double value;

  if (percent)
    copy[len - 1] = '\0';
  value = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0')
    return FALSE;
  if (percent)
    value /= 100.0;
  *fraction = value;
  return value >= 0.0 && value <= 1.0;
}

/* printf pads bytes; these pad characters. */
static void
print_padded (const char *text,
              int         width,
              gboolean    right)
{
  glong length = g_utf8_strlen (text, -1);
  int pad = length < width ? (int) (width - length) : 0;

  if (right)
    printf ("%*s%s", pad, "", text);
  else
    printf ("%s%*s", text, pad, "");
}

/* allocate and reallocate */

static void
print_loads_json (const ScAllocationSummary *summary,
                  const ScInspection        *inspection)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "inspection");
  json_builder_add_string_value (b, inspection->id);
  json_builder_set_member_name (b, "fraction");
  json_builder_add_double_value (b, inspection->double_read_fraction);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, inspection->allocation_seed);
  json_builder_set_member_name (b, "records");
  json_builder_add_int_value (b, summary->n_records);
  json_builder_set_member_name (b, "double_read");
  json_builder_add_int_value (b, summary->n_double);
  json_builder_set_member_name (b, "changed");
  json_builder_add_int_value (b, summary->n_changed);
  json_builder_set_member_name (b, "readers");
  json_builder_begin_array (b);
  for (guint i = 0; i < summary->loads->len; i++)
    {
      ScReaderLoad *load = g_ptr_array_index (summary->loads, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, load->reader);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, load->name);
      json_builder_set_member_name (b, "primary");
      json_builder_add_int_value (b, load->n_primary);
      json_builder_set_member_name (b, "second");
      json_builder_add_int_value (b, load->n_second);
      json_builder_set_member_name (b, "total");
      json_builder_add_int_value (b, load->n_primary + load->n_second);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  sc_cli_print_json (root);
}

static void
print_loads (const ScAllocationSummary *summary,
             const ScInspection        *inspection)
{
  printf (_("%u records, %u read twice (fraction %g, seed %" G_GINT64_FORMAT "); "
            "%u assignments changed.\n"),
          summary->n_records, summary->n_double, inspection->double_read_fraction,
          inspection->allocation_seed, summary->n_changed);
  printf ("%-30s %8s %8s %8s\n", _("Reader"), _("Primary"), _("Second"), _("Total"));
  for (guint i = 0; i < summary->loads->len; i++)
    {
      ScReaderLoad *load = g_ptr_array_index (summary->loads, i);

      printf ("%-30s %8u %8u %8u\n", load->name, load->n_primary, load->n_second,
              load->n_primary + load->n_second);
    }
}

static int
report_allocation (ScStore                   *store,
                   const char                *inspection,
                   const ScAllocationSummary *summary,
                   gboolean                   json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScInspection) found = sc_store_find_inspection (store, inspection, &error);

  if (found == NULL)
    return sc_cli_fail_error (error);
  if (json)
    print_loads_json (summary, found);
  else
    print_loads (summary, found);
  return SC_CLI_OK;
}

int
sc_cli_allocate (ScCliGlobal *global,
                 int          argc,
                 char       **argv)
{
  gboolean json = FALSE;
  g_autofree char *fraction_text = NULL;
  g_autofree char *seed_text = NULL;
  const GOptionEntry entries[] = {
    { "fraction", 0, 0, G_OPTION_ARG_STRING, &fraction_text,
      N_("The share of records read twice, 0.2 or 20% (default: the inspection's)"), N_("F") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the draw; the same seed gives the same allocation (default: the "
         "inspection's)"),
      N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the loads as JSON"), NULL },
    SC_CLI_INSPECTION_ENTRY (global),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (ScInspection) inspection = NULL;
  g_autoptr (ScAllocationSummary) summary = NULL;
  double fraction = 0;
  guint32 seed = 0;

  if (!sc_cli_parse_options (&argc, &argv, NULL,
                             _("Give every record a primary reader, draw the records read "
                               "twice (stratified by cohort) and give each a second reader, "
                               "balancing the load. Started work keeps its reader."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 1)
    return sc_cli_usage (_("allocate takes no arguments"));
  if (fraction_text != NULL && !parse_fraction (fraction_text, &fraction))
    return sc_cli_usage (_("--fraction needs a share from 0 to 1 (or 0%% to 100%%), not “%s”"),
                         fraction_text);
  if (seed_text != NULL && !parse_seed (seed_text, &seed))
    return sc_cli_usage (_("--seed needs a whole number from 0 to %u, not “%s”"), G_MAXUINT32,
                         seed_text);
  store = sc_cli_open_store (global, &error);
  if (store != NULL)
    inspection = sc_store_find_inspection (store, global->inspection, &error);
  if (inspection == NULL)
    return sc_cli_fail_error (error);
  if (fraction_text == NULL)
    fraction = inspection->double_read_fraction;
  if (seed_text == NULL)
    seed = (guint32) inspection->allocation_seed;
  summary = sc_store_allocate (store, inspection->id, fraction, seed, &error);
  if (summary == NULL)
    return sc_cli_fail_error (error);
  return report_allocation (store, inspection->id, summary, json);
}

int
sc_cli_reallocate (ScCliGlobal *global,
                   int          argc,
                   char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the loads as JSON"), NULL },
    SC_CLI_INSPECTION_ENTRY (global),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (ScInspection) inspection = NULL;
  g_autoptr (ScAllocationSummary) summary = NULL;

  if (!sc_cli_parse_options (&argc, &argv, NULL,
                             _("After the team changed: give the unstarted work of readers who "
                               "left to those who stay, and even out the load. Records read "
                               "twice stay the same; started work keeps its reader."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 1)
    return sc_cli_usage (_("reallocate takes no arguments"));
  store = sc_cli_open_store (global, &error);
  if (store != NULL)
    inspection = sc_store_find_inspection (store, global->inspection, &error);
  if (inspection != NULL)
    summary = sc_store_reallocate (store, inspection->id, &error);
  if (summary == NULL)
    return sc_cli_fail_error (error);
  return report_allocation (store, inspection->id, summary, json);
}

/* compare */

static gboolean
worth_showing (const ScComparison *c,
               ScFramework        *framework,
               gboolean            all)
{
  const ScQuestion *question = sc_framework_lookup_question (framework, c->question);

  if (all)
    return TRUE;
  if (c->match == SC_MATCH_EXACT || (c->primary_value == NULL && c->second_value == NULL))
    return FALSE;
  /* Free text always differs; it is read, not compared. */
  return question == NULL || question->type != SC_QUESTION_TEXT;
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_comparison_json (JsonBuilder        *b,
                     const ScComparison *c)
{
  json_builder_begin_object (b);
  add_string_or_null (b, "record", c->record_id);
  add_string_or_null (b, "ref", c->record_ref);
  add_string_or_null (b, "question", c->question);
  add_string_or_null (b, "primary_reader", c->primary_reader);
  add_string_or_null (b, "second_reader", c->second_reader);
  add_string_or_null (b, "primary", c->primary_value);
  add_string_or_null (b, "second", c->second_value);
  add_string_or_null (b, "match", sc_match_to_string (c->match));
  json_builder_set_member_name (b, "moderated");
  if (c->moderated_value == NULL)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_object (b);
      add_string_or_null (b, "value", c->moderated_value);
      add_string_or_null (b, "rationale", c->rationale);
      add_string_or_null (b, "moderator", c->moderator);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static void
print_comparisons_json (GPtrArray   *comparisons,
                        ScFramework *framework,
                        gboolean     all)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  guint counts[SC_MATCH_MISSING + 1] = { 0 };

  for (guint i = 0; i < comparisons->len; i++)
    counts[((ScComparison *) g_ptr_array_index (comparisons, i))->match]++;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  for (ScMatch m = SC_MATCH_EXACT; m <= SC_MATCH_MISSING; m++)
    {
      json_builder_set_member_name (b, sc_match_to_string (m));
      json_builder_add_int_value (b, counts[m]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "comparisons");
  json_builder_begin_array (b);
  for (guint i = 0; i < comparisons->len; i++)
    if (worth_showing (g_ptr_array_index (comparisons, i), framework, all))
      add_comparison_json (b, g_ptr_array_index (comparisons, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  sc_cli_print_json (root);
}

static void
print_comparison (const ScComparison *c,
                  const ScComparison *previous,
                  GHashTable         *names)
{
  if (previous == NULL || !g_str_equal (previous->record_id, c->record_id))
    printf (_("%s (first: %s, second: %s)\n"), c->record_ref, name_of (names, c->primary_reader),
            name_of (names, c->second_reader));
  printf ("  ");
  print_padded (c->question, 32, FALSE);
  printf (" ");
  print_padded (c->primary_value != NULL ? c->primary_value : "—", 12, FALSE);
  printf (" ");
  print_padded (c->second_value != NULL ? c->second_value : "—", 12, FALSE);
  printf (" ");
  print_padded (sc_match_to_string (c->match), 10, FALSE);
  if (c->moderated_value != NULL)
    printf (_("  moderated: %s"), c->moderated_value);
  printf ("\n");
}

static void
print_comparisons (GPtrArray   *comparisons,
                   ScFramework *framework,
                   GHashTable  *names,
                   gboolean     all)
{
  const ScComparison *previous = NULL;
  guint shown = 0;
  g_autoptr (GHashTable) records = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < comparisons->len; i++)
    {
      const ScComparison *c = g_ptr_array_index (comparisons, i);

      g_hash_table_add (records, c->record_id);
      if (!worth_showing (c, framework, all))
        continue;
      print_comparison (c, previous, names);
      previous = c;
      shown++;
    }
  printf (g_dngettext (GETTEXT_PACKAGE, "%u difference in %u double-read records.\n",
                       "%u differences in %u double-read records.\n", shown),
          shown, g_hash_table_size (records));
}

int
sc_cli_compare (ScCliGlobal *global,
                int          argc,
                char       **argv)
{
  gboolean json = FALSE;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("List every question, the agreed ones and free text too"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the comparison as JSON"), NULL },
    SC_CLI_INSPECTION_ENTRY (global),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (ScInspection) inspection = NULL;
  g_autoptr (GPtrArray) comparisons = NULL;
  g_autoptr (GHashTable) names = NULL;
  ScFramework *framework = NULL;

  if (!sc_cli_parse_options (&argc, &argv, NULL,
                             _("Compare the two readings of each double-read record whose "
                               "readings are both submitted: exact, adjacent (one level "
                               "apart), discrepant or missing. Lists the differences."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 1)
    return sc_cli_usage (_("compare takes no arguments"));
  store = sc_cli_open_store (global, &error);
  if (store != NULL)
    inspection = sc_store_find_inspection (store, global->inspection, &error);
  if (inspection != NULL)
    framework = sc_store_get_framework (store, inspection->framework, &error);
  if (framework != NULL)
    comparisons = sc_store_compare_inspection (store, inspection->id, &error);
  if (comparisons != NULL)
    names = member_names (store, &error);
  if (names == NULL)
    return sc_cli_fail_error (error);
  if (json)
    print_comparisons_json (comparisons, framework, all);
  else
    print_comparisons (comparisons, framework, names, all);
  return SC_CLI_OK;
}

/* moderate */

int
sc_cli_moderate (ScCliGlobal *global,
                 int          argc,
                 char       **argv)
{
  g_autofree char *rationale = NULL;
  const GOptionEntry entries[] = {
    { "rationale", 0, 0, G_OPTION_ARG_STRING, &rationale,
      N_("Why this value was agreed (required)"), N_("TEXT") },
    SC_CLI_INSPECTION_ENTRY (global),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (ScInspection) inspection = NULL;
  g_autoptr (ScRecord) record = NULL;

  if (!sc_cli_parse_options (&argc, &argv, _("REF QUESTION VALUE"),
                             _("Record the agreed VALUE of QUESTION on the double-read record "
                               "REF, once both readings are submitted, and why."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 4)
    return sc_cli_usage (_("moderate needs REF QUESTION VALUE"));
  if (rationale == NULL)
    return sc_cli_usage (_("moderate needs --rationale TEXT: say why the value was agreed"));
  store = sc_cli_open_store (global, &error);
  if (store != NULL)
    inspection = sc_store_find_inspection (store, global->inspection, &error);
  if (inspection != NULL)
    record = sc_store_find_record (store, inspection->id, argv[1], &error);
  if (record == NULL ||
      !sc_store_moderate (store, record->id, argv[2], argv[3], rationale, &error))
    return sc_cli_fail_error (error);
  printf (_("%s %s: moderated (%s).\n"), argv[1], argv[2], argv[3]);
  return SC_CLI_OK;
}

/* stats inspection */

static void
print_number (JsonObject *stats,
              const char *key)
{
  JsonNode *node = json_object_get_member (stats, key);

  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    text = g_strdup ("—");
  else
    text = g_strdup_printf (g_str_equal (key, "bias") ? "%+.3f" : "%.3f",
                            json_node_get_double (node));
  printf (" ");
  print_padded (text, 9, TRUE);
}

static void
print_row (const char *label,
           JsonObject *stats)
{
  print_padded (label, LABEL_WIDTH, FALSE);
  printf (" %6" G_GINT64_FORMAT, json_object_get_int_member (stats, "n_pairs"));
  print_number (stats, "exact");
  print_number (stats, "within_one");
  print_number (stats, "kappa");
  print_number (stats, "kappa_quadratic");
  print_number (stats, "alpha_ordinal");
  print_number (stats, "bias");
  printf ("\n");
}

static void
print_group (JsonObject *root,
             const char *group,
             const char *title)
{
  JsonObject *members = json_object_get_object_member (root, group);
  g_autoptr (GList) ids = json_object_get_members (members);

  printf ("\n%s\n", title);
  for (GList *id = ids; id != NULL; id = id->next)
    {
      g_autofree char *label = g_strdup_printf ("  %s", (const char *) id->data);

      print_row (label, json_object_get_object_member (members, id->data));
    }
}

static void
print_pairs (JsonObject *root,
             GHashTable *names)
{
  JsonArray *pairs = json_object_get_array_member (root, "reader_pairs");

  printf ("\n%s\n", _("Reader pairs (bias: the second named minus the first)"));
  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);
      JsonArray *readers = json_object_get_array_member (pair, "readers");
      g_autofree char *label = g_strdup_printf (
        "  %s / %s", name_of (names, json_array_get_string_element (readers, 0)),
        name_of (names, json_array_get_string_element (readers, 1)));

      print_row (label, pair);
    }
}

static void
print_moderated_bias (JsonObject *root,
                      GHashTable *names)
{
  JsonObject *bias = json_object_get_object_member (root, "moderated_bias");
  g_autoptr (GList) readers = json_object_get_members (bias);

  printf ("\n%s\n", _("Reader minus moderated value, on moderated graded questions"));
  for (GList *r = readers; r != NULL; r = r->next)
    {
      JsonNode *node = json_object_get_member (bias, r->data);
      g_autofree char *text = JSON_NODE_HOLDS_NULL (node)
                                ? g_strdup ("—")
                                : g_strdup_printf ("%+.3f", json_node_get_double (node));

      printf ("  ");
      print_padded (name_of (names, r->data), LABEL_WIDTH - 2, FALSE);
      printf (" ");
      print_padded (text, 9, TRUE);
      printf ("\n");
    }
}

static void
print_stats (JsonNode   *node,
             GHashTable *names)
{
  JsonObject *root = json_node_get_object (node);
  static const char * const headings[] = {
    N_("Exact"), N_("Within 1"), N_("Kappa"), N_("κ quadr."), N_("α ordinal"), N_("Bias"),
  };

  printf ("%s\n\n", _("Agreement of first and second readings (bias: second minus first)"));

  print_padded ("", LABEL_WIDTH, FALSE);
  printf (" ");
  print_padded (_("Pairs"), 6, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      printf (" ");
      print_padded (_(headings[i]), 9, TRUE);
    }
  printf ("\n");
  print_row (_("Overall"), json_object_get_object_member (root, "overall"));
  print_group (root, "questions", _("Questions"));
  print_group (root, "indicators", _("Indicators"));
  print_pairs (root, names);
  print_moderated_bias (root, names);
}

static gboolean
stats_options (const char         *seed,
               int                 resamples,
               ScAgreementOptions *options)
{
  sc_agreement_options_init (options);
  if (seed != NULL && !parse_seed (seed, &options->seed))
    {
      sc_cli_usage (_("--seed needs a whole number from 0 to %u, not “%s”"), G_MAXUINT32,
                    seed);
      return FALSE;
    }
  if (resamples < 0)
    {
      sc_cli_usage (_("--resamples needs a whole number from 0 up"));
      return FALSE;
    }
  options->resamples = (guint) resamples;
  return TRUE;
}

int
sc_cli_stats_inspection (ScCliGlobal *global,
                         int          argc,
                         char       **argv)
{
  gboolean json = FALSE;
  g_autofree char *seed = NULL;
  int resamples = SC_AGREEMENT_DEFAULT_RESAMPLES;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the statistics as JSON"), NULL },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed,
      N_("Seed of the bootstrap intervals (default 1); the same seed gives the same intervals"),
      N_("N") },
    { "resamples", 0, 0, G_OPTION_ARG_INT, &resamples,
      N_("Bootstrap resamples (default 1000; 0 for no intervals)"), N_("N") },
    SC_CLI_INSPECTION_ENTRY (global),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScStore) store = NULL;
  g_autoptr (JsonNode) stats = NULL;
  g_autoptr (GHashTable) names = NULL;
  ScAgreementOptions options;

  if (!sc_cli_parse_options (&argc, &argv, NULL,
                             _("Agreement of first and second readings over the double-read "
                               "records whose readings are both submitted: overall, per "
                               "question, per indicator and per pair of readers."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 1)
    return sc_cli_usage (_("stats inspection takes no arguments"));
  if (!stats_options (seed, resamples, &options))
    return SC_CLI_USAGE_ERROR;
  store = sc_cli_open_store (global, &error);
  if (store != NULL)
    stats = sc_store_inspection_stats (store, global->inspection, &options, &error);
  if (stats != NULL)
    names = member_names (store, &error);
  if (names == NULL)
    return sc_cli_fail_error (error);
  if (json)
    sc_cli_print_json (stats);
  else
    print_stats (stats, names);
  return SC_CLI_OK;
}
