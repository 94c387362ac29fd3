/* sc-test-util.h: small helpers shared by the tests and the benchmarks
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

static inline int
sc_test_compare_doubles (const void *a,
                         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The P-th fraction of SAMPLES (0.5: the median); sorts them in place. */
static inline double
sc_test_percentile (double *samples,
                    int     n,
                    double  p)
{
  qsort (samples, n, sizeof (double), sc_test_compare_doubles);
  return samples[MIN (n - 1, (int) (p * n))];
}

static inline double
sc_test_median (double *samples,
                int     n)
{
  return sc_test_percentile (samples, n, 0.5);
}

static inline double
sc_test_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Removes PATH and everything below it. */
static inline void
sc_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        sc_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
