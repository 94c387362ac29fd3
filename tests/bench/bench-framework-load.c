/* bench-framework-load.c: loading a framework against a bare XML parse
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the 2012 Care Inspectorate framework (parse, refuse-DTD guard, model
 * and semantic checks, RELAX NG) and compares it with xmlReadMemory on the
 * same bytes, in the same run. Prints medians and the ratio.
 */
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>

#include "sc-test-util.h"

#include "sc-framework.h"

#define ROUNDS 200

int
main (int    argc,
      char **argv)
{
  const char *name = argc > 1 ? argv[1] : "ci-joint-children-2012";
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) first = sc_framework_load_builtin (name, &error);
  GBytes *bytes;
  gsize size;
  const char *data;
  double loads[ROUNDS], parses[ROUNDS];

  if (first == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  bytes = sc_framework_get_xml (first);
  data = g_bytes_get_data (bytes, &size);

  for (int i = 0; i < ROUNDS; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr (ScFramework) fw = sc_framework_load_bytes (bytes, "bench.xml", NULL);
      gint64 t1 = g_get_monotonic_time ();
      xmlDoc *doc = xmlReadMemory (data, (int) size, NULL, NULL, XML_PARSE_NONET);
      gint64 t2 = g_get_monotonic_time ();

      g_assert (fw != NULL && doc != NULL);
      xmlFreeDoc (doc);
      loads[i] = (t1 - t0) / 1000.0;
      parses[i] = (t2 - t1) / 1000.0;
    }

  {
    double load = sc_test_median (loads, ROUNDS);
    double parse = sc_test_median (parses, ROUNDS);

    printf ("framework: %s (%" G_GSIZE_FORMAT " bytes, %u indicators)\n", name, size,
            sc_framework_get_indicators (first)->len);
    printf ("baseline xmlReadMemory: median %.3f ms\n", parse);
    printf ("full load and validate: median %.3f ms\n", load);
    printf ("ratio load/parse: %.1fx\n", load / parse);
  }
  return 0;
}
