/* sc-report-consistency.c: agreement of double readings, in tables
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure comes from sc_store_inspection_stats(), as `scrutineer-cli
 * stats inspection --json` prints it, so the report and the CLI agree.
 */
#include <glib/gi18n-lib.h>

#include "sc-report-private.h"

static const struct
{
  const char *key;
  const char *title;
} overall_rows[] = {
  { "exact", N_("Exact agreement") },
  { "within_one", N_("Agreement within one level") },
  { "kappa", N_("Cohen’s kappa") },
  { "kappa_linear", N_("Cohen’s kappa, linear weights") },
  { "kappa_quadratic", N_("Cohen’s kappa, quadratic weights") },
  { "alpha_nominal", N_("Krippendorff’s alpha, nominal") },
  { "alpha_ordinal", N_("Krippendorff’s alpha, ordinal") },
  { "alpha_interval", N_("Krippendorff’s alpha, interval") },
  { "bias", N_("Bias: second minus first reading, in levels") },
};

static gboolean
has_pairs (JsonObject *stats)
{
  return stats != NULL && json_object_has_member (stats, "n_pairs") &&
         json_object_get_int_member (stats, "n_pairs") > 0;
}

static void
overall (ScReportDoc        *doc,
         const ScReportData *data)
{
  JsonObject *stats = sc_report_data_stats (data, "overall", NULL);
  g_autoptr (ScReportTable) table = sc_report_table_new (3);
  g_autofree char *pairs = sc_report_format_count (stats, "n_pairs");

  sc_report_doc_text (doc, SC_TEXT_SUBHEADING, _("Overall"));
  if (!has_pairs (stats))
    {
      sc_report_doc_text (doc, SC_TEXT_BODY,
                          _("No double-read record has both readings submitted yet, so there is "
                            "nothing to compare."));
      return;
    }
  sc_report_doc_textf (doc, SC_TEXT_BODY,
                       _("Answers given by both readers of a double-read record, pooled: %s. "
                         "Kappas and alphas come with 95%% bootstrap intervals (1000 "
                         "resamples)."),
                       pairs);
  sc_report_table_set_column (table, 0, _("Statistic"), 2.6, FALSE);
  sc_report_table_set_column (table, 1, _("Estimate"), 1, TRUE);
  sc_report_table_set_column (table, 2, _("95% interval"), 1.4, TRUE);
  sc_report_table_set_width (table, 0.8);
  for (guint i = 0; i < G_N_ELEMENTS (overall_rows); i++)
    {
      g_autofree char *value = sc_report_format_statistic (stats, overall_rows[i].key);

      /* Statistics of ordered levels do not apply to pooled questions. */
      if (g_str_equal (value, "—"))
        continue;
      sc_report_table_add (table, _(overall_rows[i].title));
      sc_report_table_take (table, g_steal_pointer (&value));
      sc_report_table_take (table, sc_report_format_interval (stats, overall_rows[i].key));
    }
  sc_report_doc_table (doc, table);
  sc_report_doc_text (doc, SC_TEXT_SMALL,
                      _("Overall, by indicator and by pair of readers, the answers to several "
                        "questions are pooled: the graded (scale) questions where there are "
                        "any, else the choice and yes/no ones, since levels mixed with labels "
                        "would leave only the statistics of unordered categories. The table by "
                        "question gives each question on its own."));
}

/* Columns shared by the tables per indicator and per question. */
static ScReportTable *
breakdown_table (const char *first_column)
{
  ScReportTable *table = sc_report_table_new (7);

  sc_report_table_set_column (table, 0, first_column, 3.3, FALSE);
  sc_report_table_set_column (table, 1, _("Pairs"), 0.7, TRUE);
  sc_report_table_set_column (table, 2, _("Exact"), 0.8, TRUE);
  sc_report_table_set_column (table, 3, _("Within one"), 0.9, TRUE);
  sc_report_table_set_column (table, 4, _("Kappa"), 0.8, TRUE);
  sc_report_table_set_column (table, 5, _("Kappa, linear"), 0.9, TRUE);
  sc_report_table_set_column (table, 6, _("Alpha, ordinal"), 0.9, TRUE);
  return table;
}

/* A row for STATS, unless there is nothing to compare. */
static void
breakdown_row (ScReportTable *table,
               char          *title,
               JsonObject    *stats)
{
  static const char * const keys[] = {
    "exact", "within_one", "kappa", "kappa_linear", "alpha_ordinal",
  };

  if (!has_pairs (stats))
    {
      g_free (title);
      return;
    }
  sc_report_table_take (table, title);
  sc_report_table_take (table, sc_report_format_count (stats, "n_pairs"));
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    sc_report_table_take (table, sc_report_format_statistic (stats, keys[k]));
}

static void
by_indicator (ScReportDoc        *doc,
              const ScReportData *data)
{
  GPtrArray *indicators = sc_framework_get_indicators (data->framework);
  g_autoptr (ScReportTable) table = breakdown_table (_("Quality indicator"));

  for (guint i = 0; i < indicators->len; i++)
    {
      const ScIndicator *indicator = g_ptr_array_index (indicators, i);
      JsonObject *stats = sc_report_data_stats (data, "indicators", indicator->id);

      breakdown_row (table, sc_report_indicator_title (data, indicator->id), stats);
    }
  sc_report_table_drop_empty_columns (table, "—");
  sc_report_doc_text (doc, SC_TEXT_SUBHEADING, _("By quality indicator"));
  if (sc_report_table_get_n_rows (table) == 0)
    sc_report_doc_text (doc, SC_TEXT_BODY, _("No indicator has answers from two readers yet."));
  else
    sc_report_doc_table (doc, table);
}

/* The record-reading form's questions that have statistics, in form order. */
static void
by_question (ScReportDoc        *doc,
             const ScReportData *data)
{
  const ScInstrument *form = sc_framework_find_instrument (data->framework,
                                                           SC_INSTRUMENT_KIND_RECORD);
  g_autoptr (ScReportTable) table = breakdown_table (_("Question"));

  for (guint g = 0; form != NULL && g < form->groups->len; g++)
    {
      const ScGroup *group = g_ptr_array_index (form->groups, g);

      for (guint q = 0; q < group->questions->len; q++)
        {
          const ScQuestion *question = g_ptr_array_index (group->questions, q);
          JsonObject *stats = sc_report_data_stats (data, "questions", question->id);

          breakdown_row (table, g_strdup (sc_text_get (question->text)), stats);
        }
    }
  sc_report_table_drop_empty_columns (table, "—");
  sc_report_doc_text (doc, SC_TEXT_SUBHEADING, _("By question"));
  if (sc_report_table_get_n_rows (table) == 0)
    sc_report_doc_text (doc, SC_TEXT_BODY, _("No question has answers from two readers yet."));
  else
    sc_report_doc_table (doc, table);
}

static char *
pair_title (const ScReportData *data,
            JsonObject         *pair)
{
  JsonArray *readers = json_object_get_array_member (pair, "readers");

  if (readers == NULL || json_array_get_length (readers) != 2)
    return g_strdup ("?");
  const char *a = json_array_get_string_element (readers, 0);
  const char *b = json_array_get_string_element (readers, 1);

  return g_strdup_printf ("%s · %s", sc_report_data_reader (data, a),
                          sc_report_data_reader (data, b));
}

static void
by_pair (ScReportDoc        *doc,
         const ScReportData *data)
{
  JsonObject *root = json_node_get_object (data->stats);
  JsonArray *pairs = json_object_has_member (root, "reader_pairs")
                       ? json_object_get_array_member (root, "reader_pairs") : NULL;
  g_autoptr (ScReportTable) table = sc_report_table_new (6);
  static const char * const keys[] = { "exact", "within_one", "kappa", "bias" };

  sc_report_table_set_column (table, 0, _("Readers"), 3, FALSE);
  sc_report_table_set_column (table, 1, _("Pairs"), 0.7, TRUE);
  sc_report_table_set_column (table, 2, _("Exact"), 0.8, TRUE);
  sc_report_table_set_column (table, 3, _("Within one"), 0.9, TRUE);
  sc_report_table_set_column (table, 4, _("Kappa"), 0.8, TRUE);
  sc_report_table_set_column (table, 5, _("Bias"), 0.8, TRUE);
  for (guint i = 0; pairs != NULL && i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);

      if (!has_pairs (pair))
        continue;
      sc_report_table_take (table, pair_title (data, pair));
      sc_report_table_take (table, sc_report_format_count (pair, "n_pairs"));
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        sc_report_table_take (table, sc_report_format_statistic (pair, keys[k]));
    }
  sc_report_table_drop_empty_columns (table, "—");
  sc_report_doc_text (doc, SC_TEXT_SUBHEADING, _("By pair of readers"));
  sc_report_doc_text (doc, SC_TEXT_BODY,
                      _("The answers two readers gave to the same records, whichever of them "
                        "read first. Any bias is the second reader listed minus the first."));
  if (sc_report_table_get_n_rows (table) == 0)
    sc_report_doc_text (doc, SC_TEXT_BODY, _("No pair of readers has read the same record yet."));
  else
    sc_report_doc_table (doc, table);
}

void
sc_report_consistency (ScReportDoc        *doc,
                       const ScReportData *data)
{
  sc_report_doc_text (doc, SC_TEXT_HEADING, _("Consistency of double reading"));
  sc_report_doc_textf (doc, SC_TEXT_BODY,
                       _("%u of %u records were read by two readers independently; the "
                         "figures below compare the two readings, question by question. "
                         "Proportions are of answers given by both readers."),
                       data->counts.double_read, data->counts.records);
  overall (doc, data);
  by_indicator (doc, data);
  by_question (doc, data);
  by_pair (doc, data);
  sc_report_agreement_charts (doc, data);
  sc_report_discrepancies (doc, data);
}
