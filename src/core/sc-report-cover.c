/* sc-report-cover.c: the report's first page
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "sc-export.h"
#include "sc-report-private.h"

static void
add_fact (ScReportTable *table,
          const char    *name,
          char          *value)
{
  sc_report_table_add (table, name);
  sc_report_table_take (table, value);
}

static char *
dates (const ScInspection *inspection)
{
  if (inspection->start_date == NULL && inspection->end_date == NULL)
    return g_strdup (_("not set"));
  /* TRANSLATORS: the inspection's dates, from and to */
  return g_strdup_printf (_("%s to %s"),
                          inspection->start_date != NULL ? inspection->start_date : "…",
                          inspection->end_date != NULL ? inspection->end_date : "…");
}

static void
add_framework (ScReportTable      *table,
               const ScReportData *data)
{
  const ScFramework *framework = data->framework;

  add_fact (table, _("Framework"), g_strdup (sc_framework_get_title (framework)));
  add_fact (table, _("Framework id and version"),
            g_strdup_printf ("%s, %s", sc_framework_get_id (framework),
                             sc_framework_get_version (framework)));
  add_fact (table, _("Framework SHA-256"), g_strdup (sc_framework_get_sha256 (framework)));
}

static void
add_counts (ScReportTable      *table,
            const ScReportData *data)
{
  const ScReportCounts *c = &data->counts;
  const ScConcernSummary *s = &data->concerns;
  guint concerns = s->by_status[SC_CONCERN_RAISED] + s->by_status[SC_CONCERN_PASSED_ON] +
                   s->by_status[SC_CONCERN_CLOSED];

  add_fact (table, _("Team"),
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members",
                                          data->team_size),
                             data->team_size));
  add_fact (table, _("Records"), g_strdup_printf ("%u", c->records));
  add_fact (table, _("Records double read"), g_strdup_printf ("%u", c->double_read));
  add_fact (table, _("Readings"),
            g_strdup_printf (_("%u, of which %u submitted"), c->readings, c->submitted));
  add_fact (table, _("Answers"), g_strdup_printf ("%u", c->answers));
  add_fact (table, _("Focus groups"), g_strdup_printf ("%u", c->focus_groups));
  add_fact (table, _("Focus-group notes"), g_strdup_printf ("%u", c->notes));
  add_fact (table, _("Evaluations proposed"), g_strdup_printf ("%u", data->evaluations->len));
  add_fact (table, _("Safety concerns"), g_strdup_printf ("%u", concerns));
}

void
sc_report_cover (ScReportDoc        *doc,
                 const ScReportData *data)
{
  const ScInspection *inspection = data->inspection;
  g_autoptr (ScReportTable) facts = sc_report_table_new (2);

  sc_report_doc_new_page (doc);
  sc_report_doc_space (doc, 40);
  sc_report_doc_text (doc, SC_TEXT_TITLE, _("Consistency and evaluation report"));
  sc_report_doc_text (doc, SC_TEXT_SUBHEADING, inspection->title);
  sc_report_doc_space (doc, 6);
  sc_report_doc_text (doc, SC_TEXT_NOTICE, sc_export_get_warning ());

  sc_report_table_set_column (facts, 0, _("About"), 1, FALSE);
  sc_report_table_set_column (facts, 1, "", 2.4, FALSE);
  add_fact (facts, _("Inspection"), g_strdup (inspection->title));
  if (inspection->area != NULL && *inspection->area != '\0')
    add_fact (facts, _("Area"), g_strdup (inspection->area));
  add_fact (facts, _("Dates"), dates (inspection));
  add_fact (facts, _("Status"), g_strdup (inspection->status));
  add_framework (facts, data);
  add_counts (facts, data);
  add_fact (facts, _("Report made"), g_strdup (data->generated));
  sc_report_doc_table (doc, facts);

  sc_report_doc_text (doc, SC_TEXT_SMALL,
                      _("Records are named by their pseudonymous references only, readers by a "
                        "letter and their role in the team. Safety concerns are given as counts "
                        "and times, without any detail that could identify a child or a family."));
}
