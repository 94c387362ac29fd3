/* sc-report.c: the consistency and evaluation report, as PDF
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-report.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-export.h"
#include "sc-report-private.h"

static gboolean
get_number (JsonObject *stats,
            const char *key,
            double     *value)
{
  JsonNode *node = stats != NULL ? json_object_get_member (stats, key) : NULL;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value);
}

char *
sc_report_format_statistic (JsonObject *stats,
                            const char *key)
{
  double value;

  if (!get_number (stats, key, &value))
    return g_strdup ("—");
  if (g_str_equal (key, "exact") || g_str_equal (key, "within_one"))
    return g_strdup_printf ("%.1f%%", value * 100);
  if (g_str_equal (key, "bias"))
    return g_strdup_printf ("%+.2f", value);
  return g_strdup_printf ("%.3f", value);
}

char *
sc_report_format_interval (JsonObject *stats,
                           const char *key)
{
  JsonNode *ci = stats != NULL ? json_object_get_member (stats, "ci") : NULL;
  JsonNode *pair = NULL;
  JsonArray *array;

  if (ci != NULL && JSON_NODE_HOLDS_OBJECT (ci))
    pair = json_object_get_member (json_node_get_object (ci), key);
  if (pair == NULL || !JSON_NODE_HOLDS_ARRAY (pair))
    return g_strdup ("");
  array = json_node_get_array (pair);
  if (json_array_get_length (array) != 2)
    return g_strdup ("");
  /* TRANSLATORS: a 95% confidence interval, from low to high */
  return g_strdup_printf (_("%.3f to %.3f"), json_array_get_double_element (array, 0),
                          json_array_get_double_element (array, 1));
}

char *
sc_report_format_count (JsonObject *stats,
                        const char *key)
{
  double value;

  if (!get_number (stats, key, &value))
    return g_strdup ("0");
  return g_strdup_printf ("%.0f", value);
}

char *
sc_report_indicator_title (const ScReportData *data,
                           const char         *indicator)
{
  const ScIndicator *found = sc_framework_lookup_indicator (data->framework, indicator);

  if (found == NULL)
    return g_strdup (indicator);
  return g_strdup_printf ("%s %s", found->id, sc_text_get (found->title));
}

const char *
sc_report_question_text (const ScReportData *data,
                         const char         *question)
{
  const ScQuestion *found = sc_framework_lookup_question (data->framework, question);

  return found != NULL ? sc_text_get (found->text) : question;
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* Lays the report out on SURFACE; returns the number of pages. */
static int
render (cairo_surface_t    *surface,
        const ScReportData *data,
        int                 n_pages)
{
  g_autoptr (ScReportDoc) doc = sc_report_doc_new (surface, data->inspection->title, n_pages);

  sc_report_cover (doc, data);
  sc_report_evaluations (doc, data);
  sc_report_consistency (doc, data);
  sc_report_concerns (doc, data);
  return sc_report_doc_finish (doc);
}

static int
count_pages (const ScReportData *data)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (
    discard, NULL, SC_REPORT_PAGE_WIDTH, SC_REPORT_PAGE_HEIGHT);
  int n_pages = render (surface, data, 0);

  cairo_surface_destroy (surface);
  return n_pages;
}

static gboolean
draw_to (ScExportFile       *file,
         const ScReportData *data,
         int                 n_pages,
         GError            **error)
{
  g_autofree char *creator = g_strdup_printf ("Scrutineer %s", PACKAGE_VERSION);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (
    sc_export_file_cairo_write, file, SC_REPORT_PAGE_WIDTH, SC_REPORT_PAGE_HEIGHT);
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, data->inspection->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  render (surface, data, n_pages);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  /* A write error is the file's, and sc_export_file_commit() reports it. */
  if (status != CAIRO_STATUS_SUCCESS && status != CAIRO_STATUS_WRITE_ERROR)
    {
      g_set_error (error, SC_EXPORT_ERROR, SC_EXPORT_ERROR_FAILED,
                   _("The report could not be drawn: %s; nothing was written."),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
sc_report_write_pdf (ScStore     *store,
                     const char  *inspection,
                     const char  *path,
                     gboolean     overwrite,
                     GError     **error)
{
  g_autoptr (ScReportData) data = NULL;
  g_autoptr (ScExportFile) file = NULL;

  file = sc_export_file_begin (path, overwrite, error);
  if (file == NULL)
    return FALSE;
  data = sc_report_data_load (store, inspection, TRUE, error);
  if (data == NULL)
    return FALSE;
  return draw_to (file, data, count_pages (data), error) && sc_export_file_commit (file, error);
}
