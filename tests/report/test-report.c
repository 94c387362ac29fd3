/* test-report.c: charts, the PDF report and the CSV exports
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The charts are drawn into image surfaces and a few pixels checked. The
 * report is written from a demo inspection with some discrepancies
 * moderated and some evaluations proposed, then read back with poppler's
 * pdftotext and rendered with pdftoppm, as a person would look at it.
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sc-chart.h"
#include "sc-demo.h"
#include "sc-double-reading.h"
#include "sc-export-csv.h"
#include "sc-export.h"
#include "sc-model.h"
#include "sc-report.h"
#include "sc-test-util.h"

#define PASSPHRASE "correct horse battery staple"
#define CONCERN_WORDS "police contact"

/* ---- Charts ----------------------------------------------------------- */

typedef struct
{
  double r, g, b;
} Pixel;

static Pixel
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  int stride = cairo_image_surface_get_stride (surface);
  guint32 value;
  Pixel p;

  cairo_surface_flush (surface);
  value = *(guint32 *) (cairo_image_surface_get_data (surface) + (int) y * stride + (int) x * 4);
  p.r = (value >> 16 & 0xff) / 255.0;
  p.g = (value >> 8 & 0xff) / 255.0;
  p.b = (value & 0xff) / 255.0;
  return p;
}

/* A quarter into CELL: clear of its outline and of its count. */
static Pixel
inside (cairo_surface_t         *surface,
        const cairo_rectangle_t *cell)
{
  return pixel_at (surface, cell->x + cell->width / 4, cell->y + cell->height / 4);
}

static double
lightness (Pixel p)
{
  return 0.2126 * p.r + 0.7152 * p.g + 0.0722 * p.b;
}

static cairo_surface_t *
white_surface (int       width,
               int       height,
               cairo_t **cr)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);

  *cr = cairo_create (surface);
  cairo_set_source_rgb (*cr, 1, 1, 1);
  cairo_paint (*cr);
  return surface;
}

static const char * const three_levels[] = { "Good", "Adequate", "Weak" };

static void
test_heatmap (void)
{
  guint counts[9] = { 1, 2, 0, 0, 5, 1, 0, 0, 9 };
  ScChartConfusion data = { 3, three_levels, counts, "First reading", "Second reading" };
  ScChartStyle style;
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (400, 300, &cr);
  cairo_rectangle_t cells[3], empty;

  sc_chart_style_init (&style, SC_CHART_THEME_LIGHT);
  sc_chart_draw_heatmap (cr, 400, 300, &data, &style);
  for (guint i = 0; i < 3; i++)
    g_assert_true (sc_chart_heatmap_get_cell (cr, 400, 300, &data, &style, i, i, &cells[i]));
  g_assert_false (sc_chart_heatmap_get_cell (cr, 400, 300, &data, &style, 3, 0, &empty));
  g_assert_true (sc_chart_heatmap_get_cell (cr, 400, 300, &data, &style, 0, 2, &empty));
  g_assert_cmpfloat (cells[0].width, >, 30);

  {
    Pixel one = inside (surface, &cells[0]);
    Pixel five = inside (surface, &cells[1]);
    Pixel nine = inside (surface, &cells[2]);
    Pixel none = inside (surface, &empty);
    Pixel outline = pixel_at (surface, cells[1].x + 1, cells[1].y + cells[1].height / 4);

    g_assert_cmpfloat (lightness (nine), <, lightness (five));
    g_assert_cmpfloat (lightness (five), <, lightness (one));
    g_assert_cmpfloat (lightness (one), <, lightness (none));
    g_assert_cmpfloat (lightness (none), >, 0.95);
    /* Shading is blue, the diagonal's outline orange: not told apart by red and green. */
    g_assert_cmpfloat (nine.b, >, nine.r);
    g_assert_cmpfloat (outline.r, >, outline.b + 0.3);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_distribution (void)
{
  guint counts[3] = { 6, 0, 2 };
  const char *rows[] = { "5.2 Assessing and responding to risks and needs" };
  ScChartDistribution data = { 3, three_levels, 1, rows, counts };
  ScChartStyle style;
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (500, 80, &cr);
  double height, y, first_blue = -1, last_red = -1;

  sc_chart_style_init (&style, SC_CHART_THEME_LIGHT);
  height = sc_chart_distribution_get_height (cr, 500, &data, &style);
  g_assert_cmpfloat (height, >, style.font_size * 2);
  g_assert_cmpfloat (height, <, 80);
  sc_chart_draw_distribution (cr, 500, height, &data, &style);
  /* Along the bar: the best level (blue) first, the worst (red) last. */
  y = height - style.font_size * 2.2 / 2 + 3;
  for (int x = 0; x < 500; x++)
    {
      Pixel p = pixel_at (surface, x, y);

      if (p.b > p.r + 0.3 && first_blue < 0)
        first_blue = x;
      if (p.r > p.b + 0.3)
        last_red = x;
    }
  g_assert_cmpfloat (first_blue, >, 0);
  g_assert_cmpfloat (last_red, >, first_blue + 100);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The x of the first orange pixel on row Y, or -1. */
static int
orange_at (cairo_surface_t *surface,
           int              width,
           double           y)
{
  for (int x = 0; x < width; x++)
    {
      Pixel p = pixel_at (surface, x, y);

      if (p.r > 0.7 && p.b < 0.3 && p.g > 0.25 && p.g < 0.6)
        return x;
    }
  return -1;
}

static void
test_bias (void)
{
  const char *labels[] = { "A (lead) → B (inspector)", "B (inspector) → C (associate)" };
  double means[] = { 1.5, -1.0 };
  guint n[] = { 4, 3 };
  guint counts[10] = { 0, 0, 0, 2, 2, 0, 3, 0, 0, 0 };
  ScChartBias data = { 2, labels, means, n, 2, counts, "second minus first" };
  ScChartStyle style;
  cairo_t *cr;
  cairo_surface_t *surface;
  double height, row = 8.0 * 2.4, top = 8.0 * 1.6;
  int right, left;

  sc_chart_style_init (&style, SC_CHART_THEME_LIGHT);
  height = sc_chart_bias_get_height (&data, &style);
  surface = white_surface (500, (int) ceil (height), &cr);
  sc_chart_draw_bias (cr, 500, height, &data, &style);
  right = orange_at (surface, 500, top + row * 0.5);
  left = orange_at (surface, 500, top + row * 1.5);
  g_assert_cmpint (right, >, 0);
  g_assert_cmpint (left, >, 0);
  g_assert_cmpint (right, >, left + 100);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_dark_style (void)
{
  guint counts[4] = { 3, 1, 0, 2 };
  ScChartConfusion data = { 2, three_levels, counts, NULL, NULL };
  ScChartStyle style;
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (200, 200, &cr);
  ScRgba best, worst;

  sc_chart_style_init (&style, SC_CHART_THEME_DARK);
  sc_chart_draw_heatmap (cr, 200, 200, &data, &style);
  g_assert_cmpfloat (lightness (pixel_at (surface, 1, 1)), <, 0.2);
  sc_chart_level_color (&style, 0, 4, &best);
  sc_chart_level_color (&style, 3, 4, &worst);
  g_assert_cmpfloat (best.blue, >, best.red);
  g_assert_cmpfloat (worst.red, >, worst.blue);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* ---- A demo inspection, built once ------------------------------------ */

typedef struct
{
  char *base;
  char *dir;
  ScStore *store;
  char *inspection;
  GPtrArray *rationales; /* the moderation rationales given */
} Demo;

static Demo demo;

static void
moderate_discrepancies (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) comparisons = sc_store_compare_inspection (demo.store, demo.inspection,
                                                                   &error);

  g_assert_no_error (error);
  demo.rationales = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < comparisons->len && demo.rationales->len < 6; i++)
    {
      ScComparison *c = g_ptr_array_index (comparisons, i);
      g_autofree char *rationale = NULL;

      if (c->match != SC_MATCH_DISCREPANT)
        continue;
      rationale = g_strdup_printf ("Moderated-%u after discussion", demo.rationales->len + 1);
      g_assert_true (sc_store_moderate (demo.store, c->record_id, c->question, c->primary_value,
                                        rationale, &error));
      g_assert_no_error (error);
      g_ptr_array_add (demo.rationales, g_steal_pointer (&rationale));
    }
  g_assert_cmpuint (demo.rationales->len, >, 0);
}

/* A rationale of about two pages: it must flow on to the next page. */
static const char *
long_rationale (void)
{
  static char *text;

  if (text == NULL)
    {
      GString *s = g_string_new (NULL);

      for (int i = 0; i < 160; i++)
        g_string_append_printf (s, "Point %d: leaders described the change plan, but few staff "
                                   "could say what it meant for their own work. ", i + 1);
      g_string_append (s, "End-of-long-rationale.");
      text = g_string_free (s, FALSE);
    }
  return text;
}

/* Builds the demo on first use, so the chart tests run without it. */
static void
demo_set_up (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text (PASSPHRASE, -1);

  if (demo.store != NULL)
    return;
  demo.base = g_dir_make_tmp ("scrutineer-report-XXXXXX", &error);
  g_assert_no_error (error);
  demo.dir = g_build_filename (demo.base, "store", NULL);
  demo.store = sc_store_create (demo.dir, passphrase, SC_KDF_INTERACTIVE, "Ann Lead", "lead",
                                NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sc_demo_create (demo.store, 60, 2012, NULL, NULL, &demo.inspection, &error));
  g_assert_no_error (error);
  moderate_discrepancies ();
  g_assert_true (sc_store_set_evaluation (demo.store, demo.inspection, "5.2", 4,
                                          "Rationale-52: risks were assessed promptly.", &error));
  g_assert_true (sc_store_set_evaluation (demo.store, demo.inspection, "5.3", 3, "", &error));
  g_assert_true (sc_store_set_evaluation (demo.store, demo.inspection, "9.4", 2,
                                          long_rationale (), &error));
  g_assert_no_error (error);
}

static void
demo_tear_down (void)
{
  if (demo.store != NULL)
    sc_store_close (demo.store);
  if (demo.base != NULL)
    {
      g_autofree char *locked = g_build_filename (demo.base, "locked", NULL);

      g_chmod (locked, 0700);
      sc_test_remove_tree (demo.base);
    }
  g_clear_pointer (&demo.rationales, g_ptr_array_unref);
  g_free (demo.inspection);
  g_free (demo.dir);
  g_free (demo.base);
}

static char *
out_path (const char *name)
{
  demo_set_up ();
  return g_build_filename (demo.base, name, NULL);
}

/* Runs ARGV; returns its standard output, or fails the test. */
static char *
run (const char * const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");

  if (pdftotext != NULL && pdftoppm != NULL)
    return TRUE;
  g_test_skip ("poppler-utils (pdftotext, pdftoppm) is not installed");
  return FALSE;
}

/* Whitespace, including line breaks inside table cells, as single spaces. */
static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = run (argv);
  g_autoptr (GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
}

/* As the report prints it: a percentage, or three decimals. */
static char *
format_statistic (JsonObject *stats,
                  const char *key,
                  gboolean    percent)
{
  double value = json_object_get_double_member (stats, key);

  return percent ? g_strdup_printf ("%.1f%%", value * 100) : g_strdup_printf ("%.3f", value);
}

static void
assert_figures (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) stats = sc_store_inspection_stats (demo.store, demo.inspection, NULL,
                                                          &error);
  JsonObject *overall;
  g_autofree char *exact = NULL, *kappa = NULL, *pairs = NULL, *question = NULL;

  g_assert_no_error (error);
  overall = json_object_get_object_member (json_node_get_object (stats), "overall");
  exact = format_statistic (overall, "exact", TRUE);
  kappa = format_statistic (overall, "kappa", FALSE);
  pairs = g_strdup_printf ("both readers of a double-read record, pooled: %" G_GINT64_FORMAT,
                           json_object_get_int_member (overall, "n_pairs"));
  question = format_statistic (
    json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (stats), "questions"),
      "overall-evaluation"),
    "within_one", TRUE);
  g_test_message ("overall exact %s, kappa %s; overall-evaluation within one %s", exact, kappa,
                  question);
  g_assert_nonnull (strstr (text, exact));
  g_assert_nonnull (strstr (text, kappa));
  g_assert_nonnull (strstr (text, pairs));
  g_assert_nonnull (strstr (text, question));
}

static void
assert_content (const char *text)
{
  g_autoptr (GError) error = NULL;
  ScFramework *framework = sc_store_get_inspection_framework (demo.store, demo.inspection,
                                                              &error);
  GPtrArray *indicators = sc_framework_get_indicators (framework);
  const char *concerns = g_strrstr (text, "Safety concerns");

  g_assert_nonnull (strstr (text, "Consistency and evaluation report"));
  g_assert_nonnull (strstr (text, "Demo partnership: services for children and young people"));
  g_assert_nonnull (strstr (text, "outside the encrypted store"));
  g_assert_nonnull (strstr (text, sc_framework_get_sha256 (framework)));
  for (guint i = 0; i < indicators->len; i++)
    {
      g_autofree char *id = g_strdup_printf (" %s ",
                                             ((ScIndicator *) g_ptr_array_index (indicators,
                                                                                 i))->id);

      g_assert_nonnull (strstr (text, id));
    }
  for (guint i = 0; i < demo.rationales->len; i++)
    g_assert_nonnull (strstr (text, g_ptr_array_index (demo.rationales, i)));
  g_assert_nonnull (strstr (text, "Rationale-52: risks were assessed promptly."));
  g_assert_nonnull (strstr (text, "Point 80: leaders described"));
  g_assert_nonnull (strstr (text, "End-of-long-rationale."));
  g_assert_nonnull (strstr (text, "Raised, not yet passed on"));
  /* The concerns section gives no record and no summary; the summary
   * appears nowhere in the report. */
  g_assert_nonnull (concerns);
  g_assert_null (strstr (concerns, "R-0"));
  g_assert_null (strstr (text, CONCERN_WORDS));
  g_assert_null (strstr (text, "Partnership's named contact"));
  /* Readers by letter and role, never by name. */
  g_assert_null (strstr (text, "Ann Lead"));
  g_assert_null (strstr (text, "Demo Inspector"));
}

static guint
count_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:") + strspn (pages + 6, " "), NULL, 10);
}

/* Every page renders to an image, and the footers count the pages right. */
static void
assert_renders (const char *pdf,
                const char *text)
{
  g_autofree char *dir = out_path ("pages");
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  const char *argv[] = { "pdftoppm", "-r", "30", "-png", pdf, prefix, NULL };
  g_autoptr (GDir) d = NULL;
  g_autofree char *last = NULL;
  guint n_pages = count_pages (pdf), n_images = 0;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_free (run (argv));
  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n_images++;
  g_test_message ("%u pages", n_pages);
  g_assert_cmpuint (n_images, ==, n_pages);
  g_assert_cmpuint (n_pages, >=, 6);
  last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  g_assert_nonnull (strstr (text, last));
}

static void
test_pdf (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = out_path ("report.pdf");
  g_autofree char *text = NULL;
  GStatBuf st;

  if (!have_poppler ())
    return;
  g_assert_true (sc_report_write_pdf (demo.store, demo.inspection, pdf, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0); /* owner only */
  text = pdf_text (pdf);
  assert_content (text);
  assert_figures (text);
  assert_renders (pdf, text);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    n++;
  return n;
}

static void
test_csv (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *answers = out_path ("answers.csv");
  g_autofree char *stats = out_path ("stats.csv");
  g_autofree char *text = NULL;
  g_autoptr (GHashTable) counts = NULL;

  g_assert_true (sc_export_answers_csv (demo.store, NULL, answers, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (answers, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, SC_EXPORT_ANSWERS_HEADER "\r\n"));
  g_assert_true (sc_store_check (demo.store, &counts, &error));
  g_assert_cmpuint (count_lines (text) - 1, ==,
                    GPOINTER_TO_UINT (g_hash_table_lookup (counts, "answer")));
  g_assert_null (strstr (text, "Ann Lead"));
  g_clear_pointer (&text, g_free);

  g_assert_true (sc_export_statistics_csv (demo.store, demo.inspection, stats, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (stats, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, SC_EXPORT_STATISTICS_HEADER "\r\noverall,,"));
  g_assert_nonnull (strstr (text, "\r\nquestion,overall-evaluation,"));
  g_assert_nonnull (strstr (text, "\r\nindicator,5.2,"));
  g_assert_nonnull (strstr (text, "\r\nreader_pair,"));
}

static void
test_refuses_overwrite (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = out_path ("existing.pdf");
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "keep me", -1, NULL));
  g_assert_false (sc_report_write_pdf (demo.store, demo.inspection, path, FALSE, &error));
  g_assert_error (error, SC_EXPORT_ERROR, SC_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (sc_export_answers_csv (demo.store, demo.inspection, path, FALSE, &error));
  g_assert_error (error, SC_EXPORT_ERROR, SC_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
  g_clear_pointer (&contents, g_free);

  g_assert_true (sc_export_answers_csv (demo.store, demo.inspection, path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, SC_EXPORT_ANSWERS_HEADER));
}

/* Only NAMES are in DIR: no temporary file was left behind. */
static void
assert_only (const char         *dir,
             const char * const *names)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_true (g_strv_contains (names, name));
}

static void
test_unwritable (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = out_path ("no-such-folder/report.pdf");
  g_autofree char *locked = out_path ("locked");
  g_autofree char *inside = g_build_filename (locked, "report.pdf", NULL);
  const char * const nothing[] = { NULL };

  g_assert_false (sc_report_write_pdf (demo.store, demo.inspection, missing, FALSE, &error));
  g_assert_error (error, SC_EXPORT_ERROR, SC_EXPORT_ERROR_UNWRITABLE);
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (access (locked, W_OK) == 0)
    {
      /* Root writes anywhere it has permission bits for; sysfs refuses it. */
      g_test_message ("running as root: trying /sys instead of a read-only folder");
      g_free (inside);
      inside = g_strdup ("/sys/scrutineer-report-test.csv");
    }
  g_assert_false (sc_export_answers_csv (demo.store, demo.inspection, inside, FALSE, &error));
  g_assert_error (error, SC_EXPORT_ERROR, SC_EXPORT_ERROR_UNWRITABLE);
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  assert_only (locked, nothing);
}

/* A file size limit stands in for a full disk: writes past it fail with
 * EFBIG, as they would with ENOSPC. */
static void
test_full_disk (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = out_path ("full");
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  const char * const nothing[] = { NULL };
  struct rlimit saved, limit;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 16 * 1024;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_false (sc_report_write_pdf (demo.store, demo.inspection, path, FALSE, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  g_assert_error (error, SC_EXPORT_ERROR, SC_EXPORT_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "nothing was written"));
  assert_only (dir, nothing);
}

static void
test_warning (void)
{
  g_assert_nonnull (strstr (sc_export_get_warning (), "outside the encrypted store"));
  g_assert_null (strchr (sc_export_get_warning (), '\n'));
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart/heatmap", test_heatmap);
  g_test_add_func ("/chart/distribution", test_distribution);
  g_test_add_func ("/chart/bias", test_bias);
  g_test_add_func ("/chart/dark", test_dark_style);
  g_test_add_func ("/export/warning", test_warning);
  g_test_add_func ("/report/pdf", test_pdf);
  g_test_add_func ("/report/csv", test_csv);
  g_test_add_func ("/report/refuses-overwrite", test_refuses_overwrite);
  g_test_add_func ("/report/unwritable", test_unwritable);
  g_test_add_func ("/report/full-disk", test_full_disk);
  status = g_test_run ();
  demo_tear_down ();
  return status;
}
