/* sc-report-discrepancies.c: where two readers disagreed, and how the
 * moderator settled it
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "sc-report-private.h"

static gboolean
is_moderated (const ScComparison *c)
{
  return c->moderated_value != NULL || (c->rationale != NULL && *c->rationale != '\0');
}

static void
add_row (ScReportTable      *table,
         const ScReportData *data,
         const ScComparison *c)
{
  gboolean moderated = is_moderated (c);

  sc_report_table_add (table, c->record_ref);
  sc_report_table_add (table, sc_report_question_text (data, c->question));
  sc_report_table_take (table,
                        sc_report_data_describe_value (data, c->question, c->primary_value));
  sc_report_table_take (table,
                        sc_report_data_describe_value (data, c->question, c->second_value));
  if (moderated)
    sc_report_table_take (table,
                          sc_report_data_describe_value (data, c->question, c->moderated_value));
  else
    sc_report_table_add (table, _("not yet moderated"));
  sc_report_table_add (table, c->rationale != NULL ? c->rationale : "");
}

void
sc_report_discrepancies (ScReportDoc        *doc,
                         const ScReportData *data)
{
  g_autoptr (ScReportTable) table = sc_report_table_new (6);
  guint discrepant = 0, adjacent = 0, moderated = 0;

  sc_report_table_set_column (table, 0, _("Record"), 0.85, FALSE);
  sc_report_table_set_column (table, 1, _("Question"), 2.0, FALSE);
  sc_report_table_set_column (table, 2, _("First reading"), 1.05, FALSE);
  sc_report_table_set_column (table, 3, _("Second reading"), 1.05, FALSE);
  sc_report_table_set_column (table, 4, _("Moderated value"), 1.05, FALSE);
  sc_report_table_set_column (table, 5, _("Rationale"), 2.3, FALSE);
  sc_report_table_set_max_lines (table, 10);
  for (guint i = 0; i < data->comparisons->len; i++)
    {
      const ScComparison *c = g_ptr_array_index (data->comparisons, i);

      adjacent += c->match == SC_MATCH_ADJACENT;
      discrepant += c->match == SC_MATCH_DISCREPANT;
      moderated += is_moderated (c);
      /* Every discrepancy, and every other answer a moderator settled. */
      if (c->match == SC_MATCH_DISCREPANT || is_moderated (c))
        add_row (table, data, c);
    }

  sc_report_doc_ensure (doc, 150); /* the heading with the table's first rows */
  sc_report_doc_text (doc, SC_TEXT_SUBHEADING, _("Discrepancies and moderation"));
  sc_report_doc_textf (doc, SC_TEXT_BODY,
                       _("Answers more than one level apart, or different choices: %u. Answers "
                         "one level apart: %u, listed only where moderated. Answers moderated: "
                         "%u."),
                       discrepant, adjacent, moderated);
  if (sc_report_table_get_n_rows (table) > 0)
    sc_report_doc_table (doc, table);
}
