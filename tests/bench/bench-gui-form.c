/* bench-gui-form.c: opening a 200-question reading form, and scrolling
 * through 10,000 records, each against a baseline in the same run
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (run under xvfb-run). Times are from building the widgets
 * to the first frame painted with them on screen:
 *   - the form: ScReadingForm built from a generated 200-question framework
 *     and shown with a reading at once (cold), against an empty GtkWindow
 *     mapped the same way; then a record opened in a form that was built in
 *     the background first, as the app does; then another record's answers
 *     in the form already shown;
 *   - the list: ScRecordsView on 10,000 records, then frames while scrolling
 *     it page by page, against the same on a 100-record inspection.
 * Prints medians and ratios; never fails on a figure.
 */
#include <adwaita.h>

#include "sc-demo.h"
#include "sc-inspection-context.h"
#include "sc-model.h"
#include "sc-reading-form.h"
#include "sc-records-view.h"
#include "sc-store-private.h"
#include "sc-test-util.h"

#define N_QUESTIONS 200
#define ROUNDS 5
#define SCROLL_FRAMES 120

static const char * const types[] = { "scale", "choice", "yesno", "text", "multi", "number",
                                      "date", "scale" };

static char *
generate_framework (void)
{
  GString *xml = g_string_new (NULL);

  g_string_append (xml,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<framework xmlns=\"urn:scrutineer:framework:1\" id=\"bench\" version=\"1\""
                   " xml:lang=\"en\">\n<title>Benchmark framework</title>\n"
                   "<publisher>Scrutineer benchmarks</publisher>\n<scales><scale id=\"six\">"
                   "<title>Six</title>\n");
  for (int v = 6; v >= 1; v--)
    g_string_append_printf (xml, "<level value=\"%d\" id=\"l%d\"><label>Level %d</label>"
                                 "<meaning>What level %d means, in a sentence or so.</meaning>"
                                 "</level>\n", v, v, v, v);
  g_string_append (xml, "</scale></scales>\n<choice-lists><choice-list id=\"c\">"
                        "<choice id=\"a\"><label>First choice</label></choice>"
                        "<choice id=\"b\"><label>Second choice</label></choice>"
                        "<choice id=\"c\"><label>Third choice</label></choice>"
                        "<choice id=\"d\"><label>Not applicable</label></choice>"
                        "</choice-list></choice-lists>\n<sections><section id=\"s\">"
                        "<title>Section</title><area id=\"a1\"><title>Area</title>\n");
  for (int i = 1; i <= 10; i++)
    g_string_append_printf (xml, "<indicator id=\"I%d\" scale=\"six\"><title>Indicator %d"
                                 "</title></indicator>\n", i, i);
  g_string_append (xml, "</area></section></sections>\n<instruments>"
                        "<instrument id=\"form\" kind=\"record\"><title>Form</title>\n");
  for (int i = 0; i < N_QUESTIONS; i++)
    {
      const char *type = types[i % G_N_ELEMENTS (types)];

      if (i % 20 == 0)
        g_string_append_printf (xml, "%s<group id=\"g%d\"><title>Group %d</title>\n",
                                i > 0 ? "</group>\n" : "", i / 20, i / 20 + 1);
      g_string_append_printf (xml, "<question id=\"q%d\" type=\"%s\"%s%s indicators=\"I%d\""
                                   " required=\"%s\"><text>Question %d: how well does the record"
                                   " show this aspect of the work?</text><help>Some help for "
                                   "question %d.</help></question>\n",
                              i, type, g_str_equal (type, "scale") ? " scale=\"six\"" : "",
                              g_str_equal (type, "choice") || g_str_equal (type, "multi")
                                ? " choices=\"c\"" : "",
                              i % 10 + 1, i % 3 == 0 ? "true" : "false", i, i);
    }
  g_string_append (xml, "</group>\n</instrument></instruments>\n</framework>\n");
  return g_string_free (xml, FALSE);
}

static ScStore *
make_store (const char *dir)
{
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text ("benchmark passphrase", -1);
  g_autoptr (ScSecret) code = NULL;
  g_autoptr (GError) error = NULL;
  ScStore *store = sc_store_create (dir, passphrase, SC_KDF_INTERACTIVE, "Bench Reader",
                                    "inspector", &code, &error);

  g_assert_no_error (error);
  return store;
}

static char *
make_inspection (ScStore           *store,
                 const ScFramework *framework,
                 guint              n_records,
                 const char        *title)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *row = sc_store_import_framework (store, framework, &error);
  ScInspection spec = { 0 };
  char *inspection;
  const char *cohorts[][3] = { { "audited", NULL }, { "tracked", NULL },
                               { "sampled", "tracked", NULL } };

  g_assert_no_error (error);
  spec.framework = row;
  spec.title = (char *) title;
  spec.area = (char *) "Benchmark";
  spec.status = (char *) "active";
  inspection = sc_store_create_inspection (store, &spec, &error);
  g_assert_no_error (error);

  /* One transaction for them all: the app's API commits each record. */
  g_assert_true (sc_store_begin (store, &error));
  for (guint i = 0; i < n_records; i++)
    {
      g_autofree char *ref = g_strdup_printf ("B-%05u", i + 1);
      g_autofree char *id = sc_store_add_record (store, inspection, ref, cohorts[i % 3],
                                                 i % 2 ? "5-11" : "12-15", "supervision-home",
                                                 &error);

      g_assert_no_error (error);
    }
  g_assert_true (sc_store_finish (store, TRUE, &error));
  return inspection;
}

/* Painting */

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

static void
wait_painted (GtkWidget *window)
{
  gboolean painted = FALSE;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);

  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static void
settle (void)
{
  double deadline = sc_test_now_ms () + 30000;

  while (g_main_context_pending (NULL) && sc_test_now_ms () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
present (GtkWidget *child,
         int        width,
         int        height)
{
  GtkWidget *window = gtk_window_new ();
  gboolean painted = FALSE;
  gulong id;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_widget_realize (window);
  id = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                         G_CALLBACK (painted_cb), &painted);
  gtk_window_present (GTK_WINDOW (window));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), id);
  return window;
}

static void
destroy (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* The form */

static void
bench_form (ScStore    *store,
            const char *inspection)
{
  g_autoptr (ScInspectionContext) context = sc_inspection_context_new (store, inspection, NULL);
  g_autoptr (GPtrArray) records = sc_store_list_records (store, inspection, NULL);
  double empty[ROUNDS], open[ROUNDS], next[ROUNDS], built[ROUNDS], warm[ROUNDS];

  for (int r = 0; r < ROUNDS; r++)
    {
      double t0 = sc_test_now_ms ();
      GtkWidget *window = present (gtk_label_new ("baseline"), 1000, 760);

      empty[r] = sc_test_now_ms () - t0;
      destroy (window);
    }

  for (int r = 0; r < ROUNDS; r++)
    {
      ScRecord *record = g_ptr_array_index (records, r);
      ScRecord *other = g_ptr_array_index (records, r + ROUNDS);
      g_autoptr (ScReading) reading = sc_store_open_reading (store, record->id, context->owner,
                                                             NULL);
      g_autoptr (ScReading) other_reading = sc_store_open_reading (store, other->id,
                                                                   context->owner, NULL);
      double t0 = sc_test_now_ms ();
      GtkWidget *form = sc_reading_form_new (context);
      GtkWidget *window;

      sc_reading_form_show (SC_READING_FORM (form), record, reading);
      built[r] = sc_test_now_ms () - t0;
      window = present (form, 1000, 760);
      open[r] = sc_test_now_ms () - t0;

      t0 = sc_test_now_ms ();
      sc_reading_form_show (SC_READING_FORM (form), other, other_reading);
      wait_painted (window);
      next[r] = sc_test_now_ms () - t0;
      destroy (window);

      /* As in the app: the form is built while the records list is looked at. */
      form = sc_reading_form_new (context);
      window = present (form, 1000, 760);
      settle ();
      t0 = sc_test_now_ms ();
      sc_reading_form_show (SC_READING_FORM (form), record, reading);
      wait_painted (window);
      warm[r] = sc_test_now_ms () - t0;
      destroy (window);
    }

  {
    double e = sc_test_median (empty, ROUNDS), o = sc_test_median (open, ROUNDS);
    double n = sc_test_median (next, ROUNDS);

    printf ("empty window, mapped and painted (baseline): median %.1f ms\n", e);
    printf ("%d-question form, built, filled and painted: median %.1f ms (%.1fx baseline)\n",
            N_QUESTIONS, o, o / e);
    printf ("  of which building the widgets and filling them: median %.1f ms\n",
            sc_test_median (built, ROUNDS));
    printf ("form built in the background first, then a record opened: median %.1f ms"
            " (%.1fx baseline)\n", sc_test_median (warm, ROUNDS),
            sc_test_median (warm, ROUNDS) / e);
    printf ("same form, showing another record's reading: median %.1f ms (%.1fx baseline)\n",
            n, n / e);
  }
}

/* The list */

static GtkScrolledWindow *
find_scrolled_list (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found;

      if (GTK_IS_SCROLLED_WINDOW (child) &&
          GTK_IS_LIST_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (child))))
        return GTK_SCROLLED_WINDOW (child);
      if ((found = find_scrolled_list (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
bench_list (ScStore    *store,
            const char *inspection,
            guint       n_records,
            double     *open_ms,
            double     *frame_median,
            double     *frame_p95)
{
  g_autoptr (ScInspectionContext) context = sc_inspection_context_new (store, inspection, NULL);
  double frames[SCROLL_FRAMES];
  double t0 = sc_test_now_ms ();
  GtkWidget *view = sc_records_view_new (context);
  GtkWidget *window = present (view, 1000, 760);
  GtkAdjustment *adjustment;

  *open_ms = sc_test_now_ms () - t0;
  settle (); /* the readings load between frames; let them finish first */
  adjustment = gtk_scrolled_window_get_vadjustment (find_scrolled_list (view));
  g_assert_cmpuint (g_list_model_get_n_items (sc_records_view_get_model (SC_RECORDS_VIEW (view))),
                    ==, n_records);
  for (int i = 0; i < SCROLL_FRAMES; i++)
    {
      double page = gtk_adjustment_get_page_size (adjustment);
      double value = gtk_adjustment_get_value (adjustment) + page * 0.8;

      if (value >= gtk_adjustment_get_upper (adjustment) - page)
        value = 0; /* a short list wraps round, so both scroll the same number of frames */
      t0 = sc_test_now_ms ();
      gtk_adjustment_set_value (adjustment, value);
      wait_painted (window);
      frames[i] = sc_test_now_ms () - t0;
    }
  *frame_p95 = sc_test_percentile (frames, SCROLL_FRAMES, 0.95);
  *frame_median = sc_test_median (frames, SCROLL_FRAMES);
  destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("sc-bench-gui-XXXXXX", NULL);
  g_autofree char *store_dir = g_build_filename (dir, "store", NULL);
  g_autofree char *framework_path = g_build_filename (dir, "bench-framework.xml", NULL);
  g_autofree char *xml = generate_framework ();
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) framework = NULL;
  ScFramework *builtin;
  ScStore *store;
  g_autofree char *form_inspection = NULL, *big = NULL, *small = NULL;
  double open_big, open_small, med_big, med_small, p95_big, p95_small;

  if (!gtk_init_check ())
    {
      printf ("skipped: no display (run under xvfb-run)\n");
      return 77;
    }
  adw_init ();
  g_assert_true (sc_crypto_init (&error));

  g_assert_true (g_file_set_contents (framework_path, xml, -1, &error));
  framework = sc_framework_load_file (framework_path, &error);
  g_assert_no_error (error);
  builtin = sc_framework_load_builtin ("ci-joint-children-2012", &error);
  g_assert_no_error (error);

  store = make_store (store_dir);
  form_inspection = make_inspection (store, framework, 2 * ROUNDS, "Form benchmark");
  small = make_inspection (store, builtin, 100, "Small inspection");
  big = make_inspection (store, builtin, 10000, "Large inspection");
  sc_framework_unref (builtin);

  printf ("GTK %u.%u.%u, libadwaita %u.%u.%u, renderer as GTK chose it\n",
          gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
          adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version ());
  bench_form (store, form_inspection);

  bench_list (store, small, 100, &open_small, &med_small, &p95_small);
  bench_list (store, big, 10000, &open_big, &med_big, &p95_big);
  printf ("records list, 100 records (baseline): shown in %.1f ms; scrolling %d pages:"
          " frame median %.2f ms, p95 %.2f ms\n", open_small, SCROLL_FRAMES, med_small,
          p95_small);
  printf ("records list, 10000 records: shown in %.1f ms (%.1fx); scrolling %d pages:"
          " frame median %.2f ms (%.2fx), p95 %.2f ms (%.2fx)\n", open_big,
          open_big / open_small, SCROLL_FRAMES, med_big, med_big / med_small, p95_big,
          p95_big / p95_small);

  sc_store_close (store);
  sc_test_remove_tree (dir);
  return 0;
}
