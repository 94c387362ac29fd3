/* bench-report.c: the full PDF report of a 100-record inspection
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A demo inspection of 100 records (about 20 double read), its
 * discrepancies moderated and a few evaluations proposed. Times, in the
 * same run: the agreement statistics alone (sc_store_inspection_stats(),
 * with 1000 bootstrap resamples per group), which the report needs; a
 * baseline of as many A4 pages of plain text written with cairo's toy text
 * API to a PDF file; the full report (statistics, comparisons, layout in
 * two passes, charts, PDF written, synced and renamed); and, for scale, the
 * answers and statistics CSV exports. Prints medians and ratios; the aim
 * for the full report is under one second.
 */
#include <cairo-pdf.h>
#include <stdio.h>
#include <string.h>

#include "sc-demo.h"
#include "sc-double-reading.h"
#include "sc-export-csv.h"
#include "sc-model.h"
#include "sc-report.h"
#include "sc-test-util.h"

#define N_RECORDS 100
#define ROUNDS 7

static ScStore *
make_store (const char  *dir,
            char       **inspection)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text ("correct horse battery staple", -1);
  g_autoptr (GPtrArray) comparisons = NULL;
  ScStore *store = sc_store_create (dir, passphrase, SC_KDF_INTERACTIVE, "Ann Lead", "lead",
                                    NULL, &error);

  g_assert_no_error (error);
  sc_demo_create (store, N_RECORDS, 2012, NULL, NULL, inspection, &error);
  g_assert_no_error (error);
  comparisons = sc_store_compare_inspection (store, *inspection, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < comparisons->len; i++)
    {
      ScComparison *c = g_ptr_array_index (comparisons, i);

      if (c->match == SC_MATCH_DISCREPANT)
        sc_store_moderate (store, c->record_id, c->question, c->primary_value,
                           "Agreed after discussing the chronology with both readers.", &error);
      g_assert_no_error (error);
    }
  sc_store_set_evaluation (store, *inspection, "5.2", 4, "Risks were identified early.", &error);
  sc_store_set_evaluation (store, *inspection, "5.3", 3, "Plans lacked timescales.", &error);
  g_assert_no_error (error);
  return store;
}

static guint
count_pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint pages = 0;

  g_assert (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = 0; i + 12 <= length; i++)
    pages += memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's';
  return pages;
}

/* The baseline: PAGES pages of 60 lines of plain text each. */
static void
write_plain_pages (const char *path,
                   guint       pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595.276, 841.89);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 9.5);
  for (guint page = 0; page < pages; page++)
    {
      for (int line = 0; line < 60; line++)
        {
          g_autofree char *text = g_strdup_printf (
            "Page %u, line %d: the quick brown fox jumps over the lazy dog, 0123456789.", page,
            line);

          cairo_move_to (cr, 56.7, 70 + line * 12);
          cairo_show_text (cr, text);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

typedef enum
{
  TASK_STATISTICS,
  TASK_PLAIN_PAGES,
  TASK_REPORT,
  TASK_ANSWERS_CSV,
  TASK_STATISTICS_CSV,
} Task;

static double
time_task (ScStore    *store,
           const char *inspection,
           Task        task,
           const char *path,
           guint       pages)
{
  double samples[ROUNDS];

  for (int r = 0; r < ROUNDS; r++)
    {
      g_autoptr (GError) error = NULL;
      double start = sc_test_now_ms ();

      if (task == TASK_STATISTICS)
        json_node_unref (sc_store_inspection_stats (store, inspection, NULL, &error));
      else if (task == TASK_PLAIN_PAGES)
        write_plain_pages (path, pages);
      else if (task == TASK_REPORT)
        sc_report_write_pdf (store, inspection, path, TRUE, &error);
      else if (task == TASK_ANSWERS_CSV)
        sc_export_answers_csv (store, inspection, path, TRUE, &error);
      else
        sc_export_statistics_csv (store, inspection, path, TRUE, &error);
      samples[r] = sc_test_now_ms () - start;
      g_assert_no_error (error);
    }
  return sc_test_median (samples, ROUNDS);
}

int
main (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *base = g_dir_make_tmp ("scrutineer-bench-report-XXXXXX", &error);
  g_autofree char *dir = g_build_filename (base, "store", NULL);
  g_autofree char *pdf = g_build_filename (base, "report.pdf", NULL);
  g_autofree char *plain = g_build_filename (base, "plain.pdf", NULL);
  g_autofree char *csv = g_build_filename (base, "export.csv", NULL);
  g_autofree char *inspection = NULL;
  ScStore *store = make_store (dir, &inspection);
  double stats, baseline, report, answers, stats_csv;
  guint pages;

  g_assert_true (sc_report_write_pdf (store, inspection, pdf, TRUE, &error));
  pages = count_pdf_pages (pdf);
  stats = time_task (store, inspection, TASK_STATISTICS, NULL, 0);
  baseline = time_task (store, inspection, TASK_PLAIN_PAGES, plain, pages);
  report = time_task (store, inspection, TASK_REPORT, pdf, 0);
  answers = time_task (store, inspection, TASK_ANSWERS_CSV, csv, 0);
  stats_csv = time_task (store, inspection, TASK_STATISTICS_CSV, csv, 0);

  printf ("inspection: %d records, report of %u A4 pages\n", N_RECORDS, pages);
  printf ("baseline %u pages of plain text with cairo: median %.1f ms\n", pages, baseline);
  printf ("agreement statistics alone (1000 resamples per group): median %.1f ms\n", stats);
  printf ("full PDF report: median %.1f ms (aim: under 1000 ms)\n", report);
  printf ("ratio report/plain pages: %.1fx; report/statistics: %.1fx\n", report / baseline,
          report / stats);
  printf ("layout, charts and writing beyond the statistics: %.1f ms\n", report - stats);
  printf ("for scale: answers CSV %.1f ms, statistics CSV %.1f ms\n", answers, stats_csv);

  sc_store_close (store);
  sc_test_remove_tree (base);
  return 0;
}
