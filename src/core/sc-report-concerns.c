/* sc-report-concerns.c: safety concerns, as counts and times only
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The summary, the record, the person told and the outcome of a concern
 * stay in the store: a count cannot identify a child, a sentence might.
 */
#include <glib/gi18n-lib.h>

#include "sc-report-private.h"

static char *
duration (gint64 seconds)
{
  if (seconds < 3600)
    return g_strdup (_("under an hour"));
  if (seconds < 48 * 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours",
                                         (gulong) (seconds / 3600)),
                            (guint) (seconds / 3600));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                       (gulong) (seconds / 86400)),
                          (guint) (seconds / 86400));
}

static void
status_table (ScReportDoc            *doc,
              const ScConcernSummary *s)
{
  g_autoptr (ScReportTable) table = sc_report_table_new (2);
  guint total = 0;
  const char *titles[] = {
    [SC_CONCERN_RAISED] = _("Raised, not yet passed on"),
    [SC_CONCERN_PASSED_ON] = _("Passed on, not yet closed"),
    [SC_CONCERN_CLOSED] = _("Closed"),
  };

  sc_report_table_set_column (table, 0, _("Status"), 3, FALSE);
  sc_report_table_set_column (table, 1, _("Concerns"), 1, TRUE);
  sc_report_table_set_width (table, 0.6);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      sc_report_table_add (table, titles[i]);
      sc_report_table_take (table, g_strdup_printf ("%u", s->by_status[i]));
      total += s->by_status[i];
    }
  sc_report_table_add (table, _("All"));
  sc_report_table_take (table, g_strdup_printf ("%u", total));
  sc_report_doc_table (doc, table);
}

static void
timing (ScReportDoc            *doc,
        const ScConcernSummary *s)
{
  g_autofree char *median = duration (s->median_seconds);
  g_autofree char *longest = duration (s->longest_seconds);

  sc_report_doc_textf (doc, SC_TEXT_BODY,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Time from raised to passed on, over %u concern: median %s, "
                                    "longest %s.",
                                    "Time from raised to passed on, over %u concerns: median %s, "
                                    "longest %s.",
                                    s->timed),
                       s->timed, median, longest);
}

void
sc_report_concerns (ScReportDoc        *doc,
                    const ScReportData *data)
{
  const ScConcernSummary *s = &data->concerns;

  sc_report_doc_text (doc, SC_TEXT_HEADING, _("Safety concerns"));
  sc_report_doc_text (doc, SC_TEXT_BODY,
                      _("Concerns that a child or adult was at risk of harm, which inspectors "
                        "must pass on to the partnership. Only counts and times are given here: "
                        "the details stay in the encrypted store, where the lead can see them."));
  status_table (doc, s);
  if (s->timed == 0)
    {
      sc_report_doc_text (doc, SC_TEXT_BODY, _("No concern has been passed on yet."));
      return;
    }
  timing (doc, s);
  if (s->by_status[SC_CONCERN_RAISED] > 0)
    sc_report_doc_textf (doc, SC_TEXT_STRONG,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "%u concern has not been passed on yet: the lead should "
                                      "check it today.",
                                      "%u concerns have not been passed on yet: the lead should "
                                      "check them today.",
                                      s->by_status[SC_CONCERN_RAISED]),
                         s->by_status[SC_CONCERN_RAISED]);
}
