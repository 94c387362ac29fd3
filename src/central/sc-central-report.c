/* sc-central-report.c: evaluations across inspections, as CSV or PDF
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every framework, and every indicator in it, how many inspections
 * reached each level: the distribution a national review of inspections
 * reports. An inspection counts once per indicator, with its lead's
 * evaluation, or, where the lead gave none, the lower median of its team's.
 * The levels come from the team bundles sealed to the central store
 * (sc-central-team.c); the framework's own XML, kept with them, gives the
 * indicators' titles and the levels' labels.
 */
#include "sc-central-report.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-export.h"
#include "sc-framework.h"
#include "sc-report-doc.h"

/* One framework's figures. */
typedef struct
{
  char *framework_id;
  char *version;
  char *title;
  ScFramework *framework;
  guint n_inspections;
  GHashTable *counts; /* indicator id -> GArray of guint, one per level best first */
} Tally;

static void
tally_free (Tally *tally)
{
  g_free (tally->framework_id);
  g_free (tally->version);
  g_free (tally->title);
  g_clear_pointer (&tally->framework, sc_framework_unref);
  g_clear_pointer (&tally->counts, g_hash_table_unref);
  g_free (tally);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tally, tally_free)

static int
compare_levels (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The level an inspection reached on an indicator, from its rows. */
static gint64
inspection_level (GPtrArray *rows)
{
  g_autoptr (GArray) levels = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < rows->len; i++)
    {
      const ScCentralReportRow *row = g_ptr_array_index (rows, i);

      if (row->lead != NULL && g_strcmp0 (row->author, row->lead) == 0)
        return row->level;
      g_array_append_val (levels, row->level);
    }
  g_array_sort (levels, compare_levels);
  return g_array_index (levels, gint64, (levels->len - 1) / 2);
}

static void
count_level (Tally             *tally,
             const ScIndicator *indicator,
             gint64             value)
{
  GArray *counts = g_hash_table_lookup (tally->counts, indicator->id);

  if (counts == NULL)
    {
      counts = g_array_new (FALSE, TRUE, sizeof (guint));
      g_array_set_size (counts, indicator->scale->levels->len);
      g_hash_table_insert (tally->counts, indicator->id, counts);
    }
  for (guint l = 0; l < indicator->scale->levels->len; l++)
    if (((ScLevel *) g_ptr_array_index (indicator->scale->levels, l))->value == value)
      g_array_index (counts, guint, l)++;
}

/* Adds the rows of one inspection (sorted by indicator) to TALLY. */
static void
count_inspection (Tally     *tally,
                  GPtrArray *rows)
{
  g_autoptr (GPtrArray) same = g_ptr_array_new ();

  tally->n_inspections++;
  for (guint i = 0; i <= rows->len; i++)
    {
      const ScCentralReportRow *row = i < rows->len ? g_ptr_array_index (rows, i) : NULL;
      const ScCentralReportRow *first = same->len > 0 ? g_ptr_array_index (same, 0) : NULL;

      if (first != NULL && (row == NULL || !g_str_equal (row->indicator, first->indicator)))
        {
          const ScIndicator *indicator = sc_framework_lookup_indicator (tally->framework,
                                                                        first->indicator);

          /* An indicator the framework does not know is not counted. */
          if (indicator != NULL && indicator->scale != NULL)
            count_level (tally, indicator, inspection_level (same));
          g_ptr_array_set_size (same, 0);
        }
      if (row != NULL)
        g_ptr_array_add (same, (gpointer) row);
    }
}

static Tally *
tally_new (const ScCentralFramework *stored,
           GPtrArray                *rows,
           GError                  **error)
{
  g_autoptr (Tally) tally = g_new0 (Tally, 1);
  g_autoptr (GPtrArray) inspection = g_ptr_array_new ();

  tally->framework_id = g_strdup (stored->framework_id);
  tally->version = g_strdup (stored->version);
  tally->title = g_strdup (stored->title);
  tally->counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) g_array_unref);
  tally->framework = sc_framework_load_bytes (stored->xml, stored->title, error);
  if (tally->framework == NULL)
    return NULL;
  /* Rows come sorted by framework, inspection and indicator. */
  for (guint i = 0; i <= rows->len; i++)
    {
      const ScCentralReportRow *row = i < rows->len ? g_ptr_array_index (rows, i) : NULL;
      const ScCentralReportRow *first = inspection->len > 0 ? g_ptr_array_index (inspection, 0)
                                                            : NULL;

      if (row != NULL && !g_str_equal (row->framework, stored->sha256))
        continue;
      if (first != NULL && (row == NULL || !g_str_equal (row->inspection, first->inspection)))
        {
          count_inspection (tally, inspection);
          g_ptr_array_set_size (inspection, 0);
        }
      if (row != NULL)
        g_ptr_array_add (inspection, (gpointer) row);
    }
  return g_steal_pointer (&tally);
}

static GPtrArray *
load_tallies (ScCentralDb *db,
              GError     **error)
{
  g_autoptr (GPtrArray) frameworks = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) tallies = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_free);

  if (!db->klass->load_report (db, &frameworks, &rows, error))
    return NULL;
  for (guint i = 0; i < frameworks->len; i++)
    {
      Tally *tally = tally_new (g_ptr_array_index (frameworks, i), rows, error);

      if (tally == NULL)
        return NULL;
      if (tally->n_inspections > 0)
        g_ptr_array_add (tallies, tally);
      else
        tally_free (tally);
    }
  return g_steal_pointer (&tallies);
}

/* CSV */

static gboolean
looks_like_formula (const char *text)
{
  char *end = NULL;

  if (text[0] == '\0' || strchr ("=+-@\t\r", text[0]) == NULL)
    return FALSE;
  g_ascii_strtod (text, &end);
  return end == text || *end != '\0';
}

/* Quoted where needed; a cell a spreadsheet would run as a formula is
 * prefixed with an apostrophe. */
static void
append_field (GString    *out,
              const char *text,
              gboolean    last)
{
  if (looks_like_formula (text))
    g_string_append_c (out, '\'');
  if (strpbrk (text, ",\"\r\n") == NULL)
    g_string_append (out, text);
  else
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, last ? "\r\n" : ",");
}

static void
tally_csv (GString     *out,
           const Tally *tally)
{
  GPtrArray *indicators = sc_framework_get_indicators (tally->framework);

  for (guint i = 0; i < indicators->len; i++)
    {
      const ScIndicator *indicator = g_ptr_array_index (indicators, i);
      GArray *counts = g_hash_table_lookup (tally->counts, indicator->id);

      for (guint l = 0; counts != NULL && l < counts->len; l++)
        {
          const ScLevel *level = g_ptr_array_index (indicator->scale->levels, l);
          g_autofree char *value = g_strdup_printf ("%d", level->value);
          g_autofree char *n = g_strdup_printf ("%u", g_array_index (counts, guint, l));

          append_field (out, tally->framework_id, FALSE);
          append_field (out, tally->version, FALSE);
          append_field (out, indicator->id, FALSE);
          append_field (out, sc_text_get (indicator->title), FALSE);
          append_field (out, value, FALSE);
          append_field (out, sc_text_get (level->label), FALSE);
          append_field (out, n, TRUE);
        }
    }
}

static gboolean
write_csv (ScExportFile *file,
           GPtrArray    *tallies,
           GError      **error)
{
  g_autoptr (GString) out = g_string_new (
    "framework,framework_version,indicator,indicator_title,level,level_label,inspections\r\n");

  for (guint i = 0; i < tallies->len; i++)
    tally_csv (out, g_ptr_array_index (tallies, i));
  return sc_export_file_write (file, out->str, out->len, error);
}

/* PDF */

static void
draw_distribution (cairo_t            *cr,
                   double              width,
                   double              height,
                   const ScChartStyle *style,
                   gpointer            data)
{
  sc_chart_draw_distribution (cr, width, height, data, style);
}

/* The chart of SCALE's indicators, split where a page ends. */
static void
scale_chart (ScReportDoc   *doc,
             const Tally   *tally,
             const ScScale *scale)
{
  GPtrArray *indicators = sc_framework_get_indicators (tally->framework);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autofree const char **level_labels = g_new0 (const char *, scale->levels->len + 1);
  ScChartDistribution chart = { scale->levels->len, level_labels, 0, NULL, NULL };
  double width = sc_report_doc_width (doc);

  for (guint l = 0; l < scale->levels->len; l++)
    level_labels[l] = sc_text_get (((ScLevel *) g_ptr_array_index (scale->levels, l))->label);
  for (guint i = 0; i < indicators->len; i++)
    {
      const ScIndicator *indicator = g_ptr_array_index (indicators, i);
      GArray *found = g_hash_table_lookup (tally->counts, indicator->id);

      if (indicator->scale != scale || found == NULL)
        continue;
      g_ptr_array_add (labels, g_strdup_printf ("%s %s", indicator->id,
                                                sc_text_get (indicator->title)));
      g_array_append_vals (counts, found->data, found->len);
    }
  for (guint first = 0, turned = 0; first < labels->len;)
    {
      double fit = sc_report_doc_bottom (doc) - doc->y - 8;

      chart.row_labels = (const char * const *) labels->pdata + first;
      chart.counts = (const guint *) (void *) counts->data + (gsize) first * chart.n_levels;
      chart.n_rows = labels->len - first;
      while (chart.n_rows > 1 &&
             sc_chart_distribution_get_height (doc->cr, width, &chart, &doc->chart) > fit)
        chart.n_rows--;
      /* Not even one row fits: a new page, once. */
      if (chart.n_rows == 1 && turned != first + 1 &&
          sc_chart_distribution_get_height (doc->cr, width, &chart, &doc->chart) > fit)
        {
          sc_report_doc_new_page (doc);
          turned = first + 1;
          continue;
        }
      sc_report_doc_figure (doc, width,
                            sc_chart_distribution_get_height (doc->cr, width, &chart, &doc->chart),
                            draw_distribution, &chart);
      first += chart.n_rows;
    }
}

static void
tally_pdf (ScReportDoc *doc,
           const Tally *tally)
{
  GPtrArray *scales = sc_framework_get_scales (tally->framework);

  sc_report_doc_textf (doc, SC_TEXT_HEADING, "%s (%s)", tally->title, tally->version);
  sc_report_doc_textf (doc, SC_TEXT_BODY,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%u inspection reported on this framework. For each "
                                    "indicator, the level each inspection reached: its lead's "
                                    "evaluation, or the lower median of its team's; the best "
                                    "level is on the left.",
                                    "%u inspections reported on this framework. For each "
                                    "indicator, the level each inspection reached: its lead's "
                                    "evaluation, or the lower median of its team's; the best "
                                    "level is on the left.",
                                    tally->n_inspections),
                       tally->n_inspections);
  for (guint s = 0; s < scales->len; s++)
    scale_chart (doc, tally, g_ptr_array_index (scales, s));
}

static int
render (cairo_surface_t *surface,
        GPtrArray       *tallies,
        int              n_pages)
{
  g_autoptr (ScReportDoc) doc = sc_report_doc_new (surface, _("Evaluations across inspections"),
                                                   n_pages);

  sc_report_doc_text (doc, SC_TEXT_TITLE, _("Evaluations across inspections"));
  sc_report_doc_text (doc, SC_TEXT_BODY,
                      _("From the team bundles that leads sealed to the central store: levels "
                        "only, no rationale, names or records."));
  sc_report_doc_text (doc, SC_TEXT_NOTICE, sc_export_get_warning ());
  if (tallies->len == 0)
    sc_report_doc_text (doc, SC_TEXT_BODY,
                        _("No team bundle with evaluations has been sealed to this central "
                          "store yet."));
  for (guint i = 0; i < tallies->len; i++)
    tally_pdf (doc, g_ptr_array_index (tallies, i));
  return sc_report_doc_finish (doc);
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_pdf (ScExportFile *file,
           GPtrArray    *tallies,
           GError      **error)
{
  cairo_surface_t *measure = cairo_pdf_surface_create_for_stream (
    discard, NULL, SC_REPORT_PAGE_WIDTH, SC_REPORT_PAGE_HEIGHT);
  int n_pages = render (measure, tallies, 0);
  cairo_surface_t *surface;
  cairo_status_t status;

  cairo_surface_destroy (measure);
  surface = cairo_pdf_surface_create_for_stream (sc_export_file_cairo_write, file,
                                                 SC_REPORT_PAGE_WIDTH, SC_REPORT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  _("Evaluations across inspections"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "scrutineer-central " PACKAGE_VERSION);
  render (surface, tallies, n_pages);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_FAILED,
                   _("The PDF could not be written: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
sc_central_report_write (ScCentralDb *db,
                         const char  *path,
                         gboolean     overwrite,
                         GError     **error)
{
  gboolean pdf = g_str_has_suffix (path, ".pdf");
  g_autoptr (ScExportFile) file = NULL;
  g_autoptr (GPtrArray) tallies = NULL;

  if (!pdf && !g_str_has_suffix (path, ".csv"))
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_INVALID,
                   _("The report's file name must end in .pdf or .csv"));
      return FALSE;
    }
  file = sc_export_file_begin (path, overwrite, error);
  if (file == NULL)
    return FALSE;
  tallies = load_tallies (db, error);
  if (tallies == NULL)
    return FALSE;
  if (!(pdf ? write_pdf (file, tallies, error) : write_csv (file, tallies, error)))
    return FALSE;
  return sc_export_file_commit (file, error);
}
