/* sc-agreement-json.c: agreement statistics as JSON
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-agreement-json.h"

#include <math.h>

static void
add_estimate (JsonBuilder       *builder,
              const ScEstimate  *estimate)
{
  /* Only SC_ESTIMATE_VALUE carries a number, and it is finite; the check on
   * isfinite() keeps JSON valid whatever happens upstream. */
  if (estimate->state == SC_ESTIMATE_VALUE && isfinite (estimate->value))
    json_builder_add_double_value (builder, estimate->value);
  else
    json_builder_add_null_value (builder);
}

static void
add_confusion (JsonBuilder       *builder,
               const ScAgreement *agreement)
{
  guint n = agreement->n_labels;

  json_builder_set_member_name (builder, "confusion");
  if (agreement->confusion == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    if (agreement->levels != NULL)
      json_builder_add_int_value (builder, agreement->levels[i]);
    else
      json_builder_add_string_value (builder, agreement->labels[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "matrix");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_array (builder);
      for (guint j = 0; j < n; j++)
        json_builder_add_int_value (builder, agreement->confusion[(gsize) i * n + j]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_intervals (JsonBuilder       *builder,
               const ScAgreement *agreement)
{
  json_builder_set_member_name (builder, "ci");
  json_builder_begin_object (builder);
  for (guint s = 0; s < SC_AGREEMENT_N_STATISTICS; s++)
    {
      const ScEstimate *estimate = &agreement->estimates[s];

      if (!sc_agreement_statistic_has_interval (s))
        continue;
      json_builder_set_member_name (builder, sc_agreement_statistic_to_string (s));
      if (estimate->state == SC_ESTIMATE_VALUE && estimate->has_interval
          && isfinite (estimate->low) && isfinite (estimate->high))
        {
          json_builder_begin_array (builder);
          json_builder_add_double_value (builder, estimate->low);
          json_builder_add_double_value (builder, estimate->high);
          json_builder_end_array (builder);
        }
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
}

JsonNode *
sc_agreement_to_json (const ScAgreement *agreement)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "n_units");
  json_builder_add_int_value (builder, agreement->n_units);
  json_builder_set_member_name (builder, "n_pairs");
  json_builder_add_int_value (builder, agreement->n_pairs);
  for (guint s = 0; s < SC_AGREEMENT_N_STATISTICS; s++)
    {
      if (s == SC_AGREEMENT_BIAS)
        add_confusion (builder, agreement);
      json_builder_set_member_name (builder, sc_agreement_statistic_to_string (s));
      add_estimate (builder, &agreement->estimates[s]);
    }
  add_intervals (builder, agreement);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
