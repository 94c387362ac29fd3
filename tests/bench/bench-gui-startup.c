/* bench-gui-startup.c: cold start of the application to its unlock page,
 * against a bare GtkApplication window in the same run
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-gui-startup PATH-TO-scrutineer [ROUNDS]
 * Needs a display and a session bus (meson runs it under xvfb-run and
 * dbus-run-session). Each round launches a new process and times it from the
 * spawn to the first frame painted: for the app, the line its
 * SCRUTINEER_STARTUP_PROBE=1 hook prints once the unlock page is drawn (see
 * HACKING.md); for the baselines, the same line printed by this program run
 * as a bare GtkApplication (or AdwApplication) window. The first round of
 * each is reported apart (files not yet in the page cache), then medians.
 * Prints figures and ratios; never fails on a figure.
 */
#include <adwaita.h>
#include <signal.h>
#include <stdio.h>

#include "sc-store.h"
#include "sc-test-util.h"

#define PROBE_LINE "scrutineer-startup-probe: unlock-page"
#define DEFAULT_ROUNDS 15

/* The baselines: a window with a label, probed the same way */

static void
painted_cb (GdkFrameClock *clock,
            gpointer       data)
{
  g_signal_handlers_disconnect_by_func (clock, painted_cb, data);
  g_print ("%s\n", PROBE_LINE);
  fflush (stdout);
}

static void
mapped_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (painted_cb),
                    NULL);
}

static void
baseline_activate_cb (GtkApplication *app,
                      gpointer        adw)
{
  GtkWidget *window;

  if (GPOINTER_TO_INT (adw))
    {
      GtkWidget *page = adw_status_page_new ();

      window = adw_application_window_new (app);
      adw_status_page_set_title (ADW_STATUS_PAGE (page), "Locked");
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), page);
    }
  else
    {
      window = gtk_application_window_new (app);
      gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Locked"));
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  g_signal_connect (window, "map", G_CALLBACK (mapped_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_baseline (gboolean adw)
{
  g_autoptr (GtkApplication) app = NULL;

  if (adw)
    app = GTK_APPLICATION (adw_application_new ("io.github.scrutineer.BenchStartupAdw",
                                                G_APPLICATION_NON_UNIQUE));
  else
    app = gtk_application_new ("io.github.scrutineer.BenchStartup", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (baseline_activate_cb), GINT_TO_POINTER (adw));
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

/* Timing a launch */

/* Milliseconds from spawning ARGV to its probe line; negative if it never came. */
static double
time_launch (const char * const *argv,
             const char         *store_dir)
{
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GError) error = NULL;
  double start, elapsed = -1;
  char *line;

  g_subprocess_launcher_setenv (launcher, "SCRUTINEER_STORE", store_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "SCRUTINEER_STARTUP_PROBE", "1", TRUE);
  start = sc_test_now_ms ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL)
    g_error ("Could not start %s: %s", argv[0], error->message);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      gboolean probed = g_str_equal (line, PROBE_LINE);

      g_free (line);
      if (probed)
        {
          elapsed = sc_test_now_ms () - start;
          break;
        }
    }
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  return elapsed;
}

typedef struct
{
  const char *name;
  const char *argv[4];
  double first;
  double samples[64];
  guint n;
} Subject;

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *store_dir = NULL;
  g_autoptr (ScSecret) passphrase = NULL;
  g_autoptr (ScStore) store = NULL;
  guint rounds = DEFAULT_ROUNDS;
  Subject subjects[3] = { 0 };

  if (argc == 2 && g_str_equal (argv[1], "--baseline-gtk"))
    return run_baseline (FALSE);
  if (argc == 2 && g_str_equal (argv[1], "--baseline-adw"))
    return run_baseline (TRUE);
  if (argc < 2 || argc > 3)
    {
      g_printerr ("usage: bench-gui-startup PATH-TO-scrutineer [ROUNDS]\n");
      return 2;
    }
  if (argc == 3)
    rounds = CLAMP (atoi (argv[2]), 1, 64);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("skipped: no display (run under xvfb-run)\n");
      return 0;
    }

  /* A store, so the app opens on its unlock page. */
  g_assert_true (sc_crypto_init (NULL));
  base = g_dir_make_tmp ("scrutineer-bench-startup-XXXXXX", &error);
  g_assert_no_error (error);
  store_dir = g_build_filename (base, "store", NULL);
  passphrase = sc_secret_new_from_text ("correct horse battery staple", -1);
  store = sc_store_create (store_dir, passphrase, SC_KDF_INTERACTIVE, "Bench Lead", "lead", NULL,
                           &error);
  g_assert_no_error (error);
  g_clear_pointer (&store, sc_store_close);

  subjects[0] = (Subject) { .name = "bare GtkApplication window (baseline)",
                            .argv = { argv[0], "--baseline-gtk", NULL } };
  subjects[1] = (Subject) { .name = "bare AdwApplication window",
                            .argv = { argv[0], "--baseline-adw", NULL } };
  subjects[2] = (Subject) { .name = "Scrutineer to its unlock page",
                            .argv = { argv[1], NULL } };

  /* Interleaved, so a busy machine weighs on each alike. */
  for (guint r = 0; r <= rounds; r++)
    for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
      {
        double ms = time_launch (subjects[s].argv, store_dir);

        if (ms < 0)
          {
            g_printerr ("%s never reached its first frame\n", subjects[s].name);
            sc_test_remove_tree (base);
            return 1;
          }
        if (r == 0)
          subjects[s].first = ms;
        else
          subjects[s].samples[subjects[s].n++] = ms;
      }

  printf ("GTK %u.%u.%u, libadwaita %u.%u.%u; %u launches each after a first one\n",
          gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
          adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (), rounds);
  for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
    {
      double median = sc_test_median (subjects[s].samples, subjects[s].n);
      double baseline = sc_test_median (subjects[0].samples, subjects[0].n);

      printf ("%s: first launch %.1f ms; median %.1f ms, p90 %.1f ms (%.2fx baseline)\n",
              subjects[s].name, subjects[s].first, median,
              sc_test_percentile (subjects[s].samples, subjects[s].n, 0.9), median / baseline);
    }
  sc_test_remove_tree (base);
  return 0;
}
