/* bench-lint.c: the confidentiality checker against a plain pass over the text
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a 1 MB document of ordinary inspection notes and, in the same run,
 * times sc_lint_check() on it against a baseline that only validates the
 * UTF-8 and counts words over the same bytes: what any text handling costs.
 * Prints medians, throughput and the ratio.
 */
#include <stdio.h>
#include <stdlib.h>

#include "sc-test-util.h"

#include "sc-lint.h"

#define ROUNDS 21
#define SIZE (1024 * 1024)

static const char * const sentences[] = {
  "The chronology was not up to date and the Team Manager had not signed the plan.",
  "QI 5.2 evidence: risk assessment completed within 10 days of the IRD on 14 March.",
  "The review on 12/03/2015 recorded that the child’s views had been sought.",
  "Of the 80 records read, 48 (60%) had a chronology that was useful.",
  "Record R-0042 showed regular management oversight; file C2012/17 did not.",
  "Police Scotland and NHS Lothian shared information promptly at the IRD.",
  "The Reviewing Officer had challenged drift in the plan on two occasions.",
  "The Health Visitor identified concerns about neglect in June 2014.",
  "Grace and her brother were seen together at the contact centre.",
  "Staff said they felt well supported by senior managers and the Named Person Service.",
  "Young people told us they wanted more say in their plans and in their reviews.",
  "The Lead Professional and the Children’s Reporter met on Monday to review progress.",
  "Management oversight was unclear in 11% of cases and too recent to judge in 33%.",
  "Self-evaluation by the partnership was honest, well evidenced and led to change.",
};

/* The baseline: validate the UTF-8 and count the words, as anything that
 * reads the text must at least do. */
static gsize
count_words (const char *text,
             gsize       length)
{
  const char *p = text, *end = text + length;
  gsize words = 0;
  gboolean in_word = FALSE;

  if (!g_utf8_validate_len (text, length, NULL))
    return 0;
  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      gboolean word_char = g_unichar_isalnum (c);

      if (word_char && !in_word)
        words++;
      in_word = word_char;
      p = g_utf8_next_char (p);
    }
  return words;
}

int
main (void)
{
  g_autoptr (GString) doc = g_string_sized_new (SIZE + 128);
  double lints[ROUNDS], baselines[ROUNDS];
  gsize words = 0;
  guint findings = 0;

  for (guint i = 0; doc->len < SIZE; i++)
    {
      g_string_append (doc, sentences[i % G_N_ELEMENTS (sentences)]);
      g_string_append_c (doc, i % 5 == 4 ? '\n' : ' ');
    }

  for (int i = 0; i < ROUNDS; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr (GPtrArray) found = sc_lint_check (doc->str, doc->len);
      gint64 t1 = g_get_monotonic_time ();

      words = count_words (doc->str, doc->len);
      baselines[i] = (g_get_monotonic_time () - t1) / 1000.0;
      lints[i] = (t1 - t0) / 1000.0;
      findings = found->len;
    }

  {
    double lint = sc_test_median (lints, ROUNDS);
    double baseline = sc_test_median (baselines, ROUNDS);
    double megabytes = doc->len / (1024.0 * 1024.0);

    printf ("document: %" G_GSIZE_FORMAT " bytes of ordinary notes, %" G_GSIZE_FORMAT
            " words, %u findings\n", doc->len, words, findings);
    printf ("baseline UTF-8 validate + word count: median %.2f ms (%.0f MB/s)\n", baseline,
            megabytes / (baseline / 1000.0));
    printf ("sc_lint_check: median %.2f ms (%.0f MB/s)\n", lint, megabytes / (lint / 1000.0));
    printf ("ratio lint/baseline: %.1fx\n", lint / baseline);
  }
  return 0;
}
